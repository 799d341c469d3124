//! `reports.ron` beside the month folders: when each report was made and
//! which period it covered, so the next report starts where the last ended.

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::side::Versioned;
use super::{Journal, MonthStore, SideFile};
use crate::domain::report::ReportMade;

/// The format version this build writes and reads.
const VERSION: u32 = 1;
/// Reports remembered, at most: the oldest are forgotten first.
const KEPT: usize = 100;

/// The file as written and read.
#[derive(Serialize, Deserialize)]
struct ReportsFile {
    version: u32,
    #[serde(default)]
    made: Vec<ReportMade>,
}

impl Versioned for ReportsFile {
    const VERSION: u32 = VERSION;
    fn version(&self) -> u32 {
        self.version
    }
}

impl<S: MonthStore> Journal<S> {
    /// Every report remembered, oldest first; none when there is no file.
    pub fn load_reports(&self) -> Result<Vec<ReportMade>, StoreError> {
        Ok(self
            .read_side_file::<ReportsFile>(SideFile::Reports)?
            .map(|f| f.made)
            .unwrap_or_default())
    }

    /// Remembers a report, under the writer lock, in one atomic write.
    pub fn record_report(&self, report: ReportMade) -> Result<(), StoreError> {
        let _lock = self.store().lock()?;
        let (mut made, unknown) = self
            .read_side_file_noting::<ReportsFile>(SideFile::Reports)?
            .map_or_else(|| (Vec::new(), Vec::new()), |(f, u)| (f.made, u));
        Self::refuse_unknown(self.store().side_path(SideFile::Reports), unknown)?;
        made.push(report);
        made.sort_by_key(|r| r.made);
        let excess = made.len().saturating_sub(KEPT);
        made.drain(..excess);
        let file = ReportsFile {
            version: VERSION,
            made,
        };
        self.write_side_file(
            SideFile::Reports,
            "sensemap reports: when each was made and the period it covered.",
            &file,
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration};

    use super::*;
    use crate::store::FsStore;

    #[test]
    fn reports_are_remembered_oldest_first_and_only_the_last_hundred() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(FsStore::new(dir.path()));
        assert!(journal.load_reports().unwrap().is_empty());
        let start = DateTime::parse_from_rfc3339("2026-01-01T09:00:00+01:00").unwrap();
        for i in (0..105).rev() {
            let made = start + Duration::days(i);
            journal
                .record_report(ReportMade {
                    made,
                    since: made - Duration::days(90),
                    until: made,
                })
                .unwrap();
        }
        let made = journal.load_reports().unwrap();
        assert_eq!(made.len(), 100);
        assert_eq!(made[0].made, start + Duration::days(5));
        assert_eq!(made[99].made, start + Duration::days(104));
    }
}
