//! The id of a sensation type as entries keep it: interned text.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The id of a sensation type as stored in an entry, e.g. `pins-and-needles`.
///
/// Interned: each distinct id is kept once for the life of the process and
/// entries point to it, so 100,000 entries of a dozen types hold a dozen
/// strings, and an id is copied without allocating. The number of distinct
/// ids is what the journal holds, so what is kept is bounded by it.
#[derive(Clone, Copy)]
pub struct SensationId(&'static str);

/// Two ids are the same text exactly when they are the same interned
/// string, so comparing and hashing look at the address alone.
impl PartialEq for SensationId {
    fn eq(&self, other: &SensationId) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for SensationId {}

impl std::hash::Hash for SensationId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0.as_ptr(), state);
    }
}

/// In order of their text.
impl PartialOrd for SensationId {
    fn partial_cmp(&self, other: &SensationId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SensationId {
    fn cmp(&self, other: &SensationId) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl SensationId {
    /// The id for `text`, interned.
    pub fn new(text: impl AsRef<str>) -> SensationId {
        SensationId(intern(text.as_ref()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

/// The one kept copy of `text`. Each thread remembers the ids it has seen,
/// so that parsing months in parallel does not contend for the lock.
fn intern(text: &str) -> &'static str {
    use std::cell::RefCell;
    use std::sync::{Mutex, OnceLock};

    use rustc_hash::FxHashSet;

    static ALL: OnceLock<Mutex<FxHashSet<&'static str>>> = OnceLock::new();
    thread_local! {
        static SEEN: RefCell<FxHashSet<&'static str>> = RefCell::new(FxHashSet::default());
    }
    if let Some(kept) = SEEN.with(|seen| seen.borrow().get(text).copied()) {
        return kept;
    }
    let kept = {
        let mut all = ALL
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match all.get(text) {
            Some(&kept) => kept,
            None => {
                let kept: &'static str = Box::leak(text.into());
                all.insert(kept);
                kept
            }
        }
    };
    SEEN.with(|seen| seen.borrow_mut().insert(kept));
    kept
}

impl fmt::Debug for SensationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SensationId").field(&self.0).finish()
    }
}

impl Serialize for SensationId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for SensationId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the id without allocating when the input lends its text.
        struct IdVisitor;
        impl serde::de::Visitor<'_> for IdVisitor {
            type Value = SensationId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sensation id such as \"tingling\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SensationId, E> {
                Ok(SensationId::new(text))
            }
        }
        deserializer.deserialize_str(IdVisitor)
    }
}

impl fmt::Display for SensationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_the_same_however_it_was_made_and_sorts_by_its_text() {
        let typed = String::from("burning");
        assert_eq!(SensationId::new("burning"), SensationId::new(&typed));
        assert_ne!(SensationId::new("burning"), SensationId::new("burnin"));
        let hash = |id: SensationId| {
            use std::hash::{BuildHasher, RandomState};
            let state = RandomState::new();
            (
                state.hash_one(id),
                state.hash_one(SensationId::new(id.as_str())),
            )
        };
        let (a, b) = hash(SensationId::new("tingling"));
        assert_eq!(a, b);
        let mut ids = [SensationId::new("tingling"), SensationId::new("burning")];
        ids.sort();
        assert_eq!(ids[0].as_str(), "burning");
        // Made on another thread, it is still the same id.
        let there = std::thread::spawn(|| SensationId::new("stabbing"))
            .join()
            .unwrap();
        assert_eq!(there, SensationId::new("stabbing"));
    }
}
