//! One treatment record of either kind, so that the app can add, change,
//! delete and undo courses and applications through one path.

use ulid::Ulid;

use super::{Application, Course, TreatmentLog};

/// A course or an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreatmentRecord {
    /// A treatment taken over time.
    Course(Course),
    /// A treatment applied once, somewhere.
    Application(Application),
}

impl TreatmentRecord {
    /// The record's id.
    pub fn id(&self) -> Ulid {
        match self {
            TreatmentRecord::Course(c) => c.id,
            TreatmentRecord::Application(a) => a.id,
        }
    }

    /// The treatment's id.
    pub fn treatment(&self) -> &str {
        match self {
            TreatmentRecord::Course(c) => &c.treatment,
            TreatmentRecord::Application(a) => &a.treatment,
        }
    }
}

impl TreatmentLog {
    /// The record with `id`, if there is one.
    pub fn get(&self, id: Ulid) -> Option<TreatmentRecord> {
        self.courses
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .map(TreatmentRecord::Course)
            .or_else(|| {
                self.applications
                    .iter()
                    .find(|a| a.id == id)
                    .cloned()
                    .map(TreatmentRecord::Application)
            })
    }

    /// Ids that more than one different record uses (a line copied by
    /// hand): changing one of them could lose the other.
    pub fn shared_ids(&self) -> Vec<String> {
        let mut seen: std::collections::HashMap<Ulid, TreatmentRecord> =
            std::collections::HashMap::new();
        let mut shared = Vec::new();
        let all = self
            .courses
            .iter()
            .cloned()
            .map(TreatmentRecord::Course)
            .chain(
                self.applications
                    .iter()
                    .cloned()
                    .map(TreatmentRecord::Application),
            );
        for record in all {
            match seen.get(&record.id()) {
                Some(first) if *first != record => {
                    let id = record.id().to_string();
                    if !shared.contains(&id) {
                        shared.push(id);
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert(record.id(), record);
                }
            }
        }
        shared
    }

    /// Changes one record from `before` to `after`: adds (`before` is
    /// `None`), replaces, or deletes (`after` is `None`). Refused, changing
    /// nothing, when the record is not as `before` says: it was changed
    /// elsewhere meanwhile.
    pub fn change(
        &mut self,
        before: Option<&TreatmentRecord>,
        after: Option<TreatmentRecord>,
    ) -> Result<(), String> {
        let id = before.or(after.as_ref()).map(TreatmentRecord::id);
        let Some(id) = id else { return Ok(()) };
        if self.get(id).as_ref() != before {
            return Err("that treatment record was changed elsewhere meanwhile".into());
        }
        self.courses.retain(|c| c.id != id);
        self.applications.retain(|a| a.id != id);
        match after {
            Some(TreatmentRecord::Course(c)) => self.courses.push(c),
            Some(TreatmentRecord::Application(a)) => self.applications.push(a),
            None => {}
        }
        self.sort();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn course(dose: &str) -> Course {
        Course {
            id: Ulid::from_parts(1, 1),
            treatment: "gabapentin".into(),
            start: DateTime::parse_from_rfc3339("2026-03-01T09:00:00+01:00").unwrap(),
            stop: None,
            dose: Some(dose.into()),
            dose_changes: vec![],
            note: None,
        }
    }

    #[test]
    fn a_record_is_added_replaced_and_deleted_only_from_what_it_was() {
        let mut log = TreatmentLog::default();
        let first = TreatmentRecord::Course(course("300 mg"));
        log.change(None, Some(first.clone())).unwrap();
        assert_eq!(log.get(first.id()), Some(first.clone()));
        // Adding it again is refused: it is already there.
        assert!(log.change(None, Some(first.clone())).is_err());
        let second = TreatmentRecord::Course(course("600 mg"));
        log.change(Some(&first), Some(second.clone())).unwrap();
        assert_eq!(log.courses.len(), 1);
        // A change from a version no longer there is refused.
        assert!(log.change(Some(&first), None).is_err());
        log.change(Some(&second), None).unwrap();
        assert_eq!(log, TreatmentLog::default());
    }
}
