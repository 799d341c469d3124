//! The treatments file, `treatments.ron` beside the month folders: every
//! course and application in one file (a course spans months, so it is
//! never split across month files), changed under the writer lock.

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::side::Versioned;
use super::{Journal, MonthStore, SideFile};
use crate::domain::treatment::TreatmentLog;

/// The format version this build writes and reads.
const VERSION: u32 = 1;

/// The file as written and read.
#[derive(Serialize, Deserialize)]
struct TreatmentsFile {
    version: u32,
    #[serde(default)]
    courses: Vec<crate::domain::treatment::Course>,
    #[serde(default)]
    applications: Vec<crate::domain::treatment::Application>,
}

impl Versioned for TreatmentsFile {
    const VERSION: u32 = VERSION;
    fn version(&self) -> u32 {
        self.version
    }
}

impl<S: MonthStore> Journal<S> {
    /// Every treatment record; none when there is no file yet.
    pub fn load_treatments(&self) -> Result<TreatmentLog, StoreError> {
        Ok(self
            .read_side_file::<TreatmentsFile>(SideFile::Treatments)?
            .map(|f| TreatmentLog {
                courses: f.courses,
                applications: f.applications,
            })
            .unwrap_or_default())
    }

    /// Changes the treatment records under the writer lock: reads what is on
    /// disk now (so another writer's records stay), applies `change`, and
    /// writes the file in one step. A change that fails writes nothing.
    pub fn change_treatments<T, E>(
        &self,
        change: impl FnOnce(&mut TreatmentLog) -> Result<T, E>,
    ) -> Result<Result<T, E>, StoreError> {
        let _lock = self.store().lock()?;
        let path = self.store().side_path(SideFile::Treatments);
        let (mut log, unknown) =
            match self.read_side_file_noting::<TreatmentsFile>(SideFile::Treatments)? {
                Some((f, unknown)) => (
                    TreatmentLog {
                        courses: f.courses,
                        applications: f.applications,
                    },
                    unknown,
                ),
                None => (TreatmentLog::default(), Vec::new()),
            };
        // A rewrite must not drop what this version cannot read, nor keep
        // one of two records that share an id and lose the other.
        Self::refuse_unknown(path.clone(), unknown)?;
        let shared = log.shared_ids();
        if !shared.is_empty() {
            return Err(StoreError::DuplicateIds { path, ids: shared });
        }
        let outcome = match change(&mut log) {
            Ok(value) => value,
            Err(e) => return Ok(Err(e)),
        };
        log.sort();
        let file = TreatmentsFile {
            version: VERSION,
            courses: log.courses,
            applications: log.applications,
        };
        self.write_side_file(
            SideFile::Treatments,
            "sensemap treatments: courses (start, stop, doses) and applications (once, somewhere).",
            &file,
        )?;
        Ok(Ok(outcome))
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use ulid::Ulid;

    use super::*;
    use crate::domain::treatment::Course;
    use crate::store::FsStore;

    #[test]
    fn records_are_written_and_read_back_and_a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(FsStore::new(dir.path()));
        assert_eq!(journal.load_treatments().unwrap(), TreatmentLog::default());
        let course = Course {
            id: Ulid::generate(),
            treatment: "gabapentin".into(),
            start: DateTime::parse_from_rfc3339("2026-03-01T09:00:00+01:00").unwrap(),
            stop: None,
            dose: Some("300 mg".into()),
            dose_changes: vec![],
            note: None,
        };
        let added = course.clone();
        journal
            .change_treatments(|log| {
                log.courses.push(added);
                Ok::<(), String>(())
            })
            .unwrap()
            .unwrap();
        assert_eq!(journal.load_treatments().unwrap().courses, [course]);
        let before = std::fs::read_to_string(dir.path().join("treatments.ron")).unwrap();
        let refused = journal
            .change_treatments(|log| {
                log.courses.clear();
                Err::<(), _>("no")
            })
            .unwrap();
        assert_eq!(refused, Err("no"));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("treatments.ron")).unwrap(),
            before
        );
        assert!(before.starts_with("// sensemap treatments"), "{before}");
    }
}
