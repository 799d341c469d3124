//! Treatments people with MS try against these sensations, the records of
//! them (courses over weeks, single applications), and the before/after
//! comparison of a course against the log.

mod compare;
mod demo;
mod record;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

pub use compare::{Change, Comparison, WindowStats, Windows, compare};
pub use demo::demo_treatments;
pub use record::TreatmentRecord;

use super::region::RegionId;

/// What kind of treatment it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TreatmentGroup {
    /// Antiseizure drugs (gabapentin, pregabalin, carbamazepine).
    Antiseizure,
    /// Antidepressants (duloxetine, amitriptyline, nortriptyline).
    Antidepressant,
    /// On the skin (lidocaine patches, capsaicin cream).
    Topical,
    /// Therapies (CBT, mindfulness, acupuncture) and specialists.
    Therapy,
}

impl TreatmentGroup {
    /// Its name in lists.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentGroup::Antiseizure => "antiseizure",
            TreatmentGroup::Antidepressant => "antidepressant",
            TreatmentGroup::Topical => "topical",
            TreatmentGroup::Therapy => "therapy",
        }
    }
}

/// A treatment that can be logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentType {
    /// Stable id, stored in records: `gabapentin`.
    pub id: String,
    /// Display name: `Gabapentin`.
    pub name: String,
    /// Its group.
    pub group: TreatmentGroup,
    /// True for the person's own, from the config.
    #[serde(default)]
    pub custom: bool,
}

/// The built-in treatments: (id, name, group).
const BUILT_IN: [(&str, &str, TreatmentGroup); 13] = [
    (
        "carbamazepine",
        "Carbamazepine",
        TreatmentGroup::Antiseizure,
    ),
    ("gabapentin", "Gabapentin", TreatmentGroup::Antiseizure),
    ("pregabalin", "Pregabalin", TreatmentGroup::Antiseizure),
    (
        "nortriptyline",
        "Nortriptyline",
        TreatmentGroup::Antidepressant,
    ),
    (
        "amitriptyline",
        "Amitriptyline",
        TreatmentGroup::Antidepressant,
    ),
    ("duloxetine", "Duloxetine", TreatmentGroup::Antidepressant),
    (
        "lidocaine-patch",
        "Lidocaine patch",
        TreatmentGroup::Topical,
    ),
    (
        "capsaicin-cream",
        "Capsaicin cream",
        TreatmentGroup::Topical,
    ),
    ("acupuncture", "Acupuncture", TreatmentGroup::Therapy),
    ("mindfulness", "Mindfulness", TreatmentGroup::Therapy),
    ("meditation", "Meditation", TreatmentGroup::Therapy),
    (
        "cbt",
        "Cognitive behavioural therapy",
        TreatmentGroup::Therapy,
    ),
    (
        "pain-specialist",
        "Pain specialist",
        TreatmentGroup::Therapy,
    ),
];

/// A treatment name that matched nothing, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreatmentError {
    /// No treatment matches.
    #[error(
        "no treatment matches '{input}'; nearest: {}. Your own go in config.ron: \
         treatments: [(id: \"physio\", name: \"Physiotherapy\", group: therapy)]",
        nearest.join(", ")
    )]
    Unknown {
        /// What was typed.
        input: String,
        /// The nearest names.
        nearest: Vec<String>,
    },
    /// Several match.
    #[error("'{input}' could be {}; say which", candidates.join(", "))]
    Ambiguous {
        /// What was typed.
        input: String,
        /// The names that match.
        candidates: Vec<String>,
    },
    /// A custom treatment clashes with another.
    #[error("treatment '{0}' is defined twice")]
    Duplicate(String),
}

/// Every treatment: built in, then the person's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentCatalogue {
    types: Vec<TreatmentType>,
}

impl TreatmentCatalogue {
    /// The built-in treatments.
    pub fn built_in() -> TreatmentCatalogue {
        TreatmentCatalogue {
            types: BUILT_IN
                .iter()
                .map(|&(id, name, group)| TreatmentType {
                    id: id.to_string(),
                    name: name.to_string(),
                    group,
                    custom: false,
                })
                .collect(),
        }
    }

    /// The built-in treatments and the person's own.
    pub fn with_custom(custom: Vec<TreatmentType>) -> Result<TreatmentCatalogue, TreatmentError> {
        let mut catalogue = TreatmentCatalogue::built_in();
        for mut t in custom {
            if catalogue
                .types
                .iter()
                .any(|k| k.id == t.id || k.name.eq_ignore_ascii_case(&t.name))
            {
                return Err(TreatmentError::Duplicate(t.id));
            }
            t.custom = true;
            catalogue.types.push(t);
        }
        Ok(catalogue)
    }

    /// Every treatment, built in first.
    pub fn types(&self) -> &[TreatmentType] {
        &self.types
    }

    /// The treatment a typed name means: its id or name in any case, the
    /// start of one (`gaba`), or a near spelling (`gabapentine`); several
    /// or none is an error naming the nearest.
    pub fn lookup(&self, input: &str) -> Result<&TreatmentType, TreatmentError> {
        let wanted = input.trim().to_lowercase();
        if let Some(t) = self
            .types
            .iter()
            .find(|t| t.id == wanted || t.name.to_lowercase() == wanted)
        {
            return Ok(t);
        }
        let fits = |t: &&TreatmentType| {
            let name = t.name.to_lowercase();
            (wanted.len() >= 3 && (t.id.starts_with(&wanted) || name.starts_with(&wanted)))
                || (wanted.len() >= 5
                    && strsim::damerau_levenshtein(&wanted, &t.id)
                        .min(strsim::damerau_levenshtein(&wanted, &name))
                        <= 2)
        };
        let found: Vec<&TreatmentType> = self.types.iter().filter(fits).collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => {
                let mut scored: Vec<(f64, &TreatmentType)> = self
                    .types
                    .iter()
                    .map(|t| (strsim::jaro_winkler(&wanted, &t.name.to_lowercase()), t))
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                Err(TreatmentError::Unknown {
                    input: input.trim().to_string(),
                    nearest: scored.iter().take(3).map(|(_, t)| t.name.clone()).collect(),
                })
            }
            several => Err(TreatmentError::Ambiguous {
                input: input.trim().to_string(),
                candidates: several.iter().map(|t| t.name.clone()).collect(),
            }),
        }
    }
}

/// A change of dose during a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseChange {
    /// From when.
    pub at: DateTime<FixedOffset>,
    /// The new dose, as the person writes it: "300 mg three times a day".
    pub dose: String,
}

/// A treatment taken over time: a drug course, a therapy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    /// Unique id.
    pub id: Ulid,
    /// The treatment's id.
    pub treatment: String,
    /// When it started.
    pub start: DateTime<FixedOffset>,
    /// When it stopped, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<DateTime<FixedOffset>>,
    /// The starting dose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<String>,
    /// Later doses, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dose_changes: Vec<DoseChange>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Course {
    /// Whether the course runs at any time between `from` and `to`.
    pub fn overlaps(&self, from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> bool {
        self.start <= to && self.stop.is_none_or(|stop| stop >= from)
    }
}

/// Every treatment record: courses and applications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentLog {
    /// Courses, oldest start first.
    #[serde(default)]
    pub courses: Vec<Course>,
    /// Applications, oldest first.
    #[serde(default)]
    pub applications: Vec<Application>,
}

impl TreatmentLog {
    /// The course of `treatment` still running, if any.
    pub fn running(&self, treatment: &str) -> Option<&Course> {
        self.courses
            .iter()
            .find(|c| c.treatment == treatment && c.stop.is_none())
    }

    /// What makes these records impossible, in words: an unknown
    /// treatment, a stop before its start, a dose outside its course, a time
    /// still ahead of `now`, two courses of one treatment at once. Empty
    /// when they can be kept.
    pub fn problems(
        &self,
        catalogue: &TreatmentCatalogue,
        now: DateTime<FixedOffset>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        let known = |id: &str| catalogue.types().iter().any(|t| t.id == id);
        let ahead = |at: DateTime<FixedOffset>| at > now + chrono::Duration::minutes(10);
        for c in &self.courses {
            let name = format!(
                "the {} course from {}",
                c.treatment,
                c.start.format("%Y-%m-%d")
            );
            if !known(&c.treatment) {
                problems.push(format!("{name}: unknown treatment"));
            }
            if ahead(c.start) || c.stop.is_some_and(ahead) {
                problems.push(format!("{name}: a time still ahead"));
            }
            if let Some(stop) = c.stop {
                if stop < c.start {
                    problems.push(format!("{name}: stops before it starts"));
                }
                if c.dose_changes.iter().any(|d| d.at > stop) {
                    problems.push(format!("{name}: stops before its last dose change"));
                }
            }
            if c.dose_changes.iter().any(|d| d.at < c.start) {
                problems.push(format!("{name}: a dose change before it starts"));
            }
        }
        for (i, a) in self.courses.iter().enumerate() {
            for b in self
                .courses
                .iter()
                .skip(i + 1)
                .filter(|b| b.treatment == a.treatment)
            {
                let a_end = a.stop;
                let b_end = b.stop;
                let apart =
                    a_end.is_some_and(|e| e < b.start) || b_end.is_some_and(|e| e < a.start);
                if !apart {
                    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
                    problems.push(match first.stop {
                        None => format!(
                            "{}: a course is already running since {}; stop it first",
                            a.treatment,
                            first.start.format("%Y-%m-%d")
                        ),
                        Some(_) => format!(
                            "{}: two courses at once (from {} and from {})",
                            a.treatment,
                            first.start.format("%Y-%m-%d"),
                            second.start.format("%Y-%m-%d")
                        ),
                    });
                }
            }
        }
        for a in &self.applications {
            if !known(&a.treatment) {
                problems.push(format!(
                    "the {} application of {}: unknown treatment",
                    a.treatment,
                    a.at.format("%Y-%m-%d %H:%M")
                ));
            }
            if ahead(a.at) {
                problems.push(format!(
                    "the {} application of {}: a time still ahead",
                    a.treatment,
                    a.at.format("%Y-%m-%d %H:%M")
                ));
            }
        }
        problems
    }

    /// Puts records in time order, so files read and diff well.
    pub fn sort(&mut self) {
        self.courses.sort_by_key(|c| (c.start, c.id));
        self.applications.sort_by_key(|a| (a.at, a.id));
    }
}

/// A treatment applied once, somewhere: a lidocaine patch on the left sole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// Unique id.
    pub id: Ulid,
    /// The treatment's id.
    pub treatment: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Where, if on the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionId>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_by_their_start_or_a_near_spelling() {
        let cat = TreatmentCatalogue::built_in();
        assert_eq!(cat.lookup("gaba").unwrap().id, "gabapentin");
        assert_eq!(cat.lookup("Gabapentine").unwrap().id, "gabapentin");
        assert_eq!(cat.lookup("LIDOCAINE PATCH").unwrap().id, "lidocaine-patch");
        assert_eq!(cat.lookup("cbt").unwrap().group, TreatmentGroup::Therapy);
        let err = cat.lookup("zzzz").unwrap_err().to_string();
        assert!(err.contains("no treatment matches 'zzzz'"), "{err}");
        let err = cat.lookup("mi").unwrap_err();
        assert!(
            matches!(err, TreatmentError::Unknown { .. }),
            "two letters are too few: {err}"
        );
    }

    #[test]
    fn the_persons_own_join_but_may_not_clash() {
        let own = TreatmentType {
            id: "cannabis-spray".into(),
            name: "Cannabis spray".into(),
            group: TreatmentGroup::Topical,
            custom: false,
        };
        let cat = TreatmentCatalogue::with_custom(vec![own.clone()]).unwrap();
        assert!(cat.lookup("cannabis").unwrap().custom);
        let clash = TreatmentType {
            id: "gabapentin".into(),
            ..own
        };
        assert!(TreatmentCatalogue::with_custom(vec![clash]).is_err());
    }
}
