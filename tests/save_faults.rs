//! A full disk and a failing disk at each step of a save: the old file is
//! left as it was (or, once renamed, the new one is whole), no temporary
//! file remains, and the person is told why.

mod common;

use std::fs;
use std::path::Path;

use common::{entry, key, runtime_over, screen_text};
use ratatui::crossterm::event::KeyCode;
use sensemap::domain::YearMonth;
use sensemap::store::{Fault, FsStore, Journal, MonthStore, SaveStep};

const MARCH: YearMonth = YearMonth {
    year: 2026,
    month: 3,
};
const FULL_DISK: i32 = 28;
const IO_ERROR: i32 = 5;

/// Every file under `dir` whose name marks it as a save's temporary file.
fn temp_files(dir: &Path) -> Vec<String> {
    common::cli::files(dir)
        .into_keys()
        .filter(|path| path.to_string_lossy().ends_with(".tmp"))
        .map(|path| path.display().to_string())
        .collect()
}

#[test]
fn a_save_failing_at_any_step_keeps_the_old_file_whole_and_leaves_no_temp_file() {
    for step in SaveStep::ALL {
        for errno in [FULL_DISK, IO_ERROR] {
            let dir = tempfile::tempdir().unwrap();
            let first = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
            let second = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
            Journal::new(FsStore::new(dir.path()))
                .add(first.clone())
                .unwrap();
            let path = FsStore::new(dir.path()).path(MARCH);
            let old = fs::read_to_string(&path).unwrap();

            let failing = Journal::new(FsStore::new(dir.path()).with_fault(Fault { step, errno }));
            let err = failing.add(second.clone()).unwrap_err().to_string();
            let expected = std::io::Error::from_raw_os_error(errno).to_string();
            assert!(err.contains(&expected), "{step:?} {errno}: {err}");
            assert!(err.contains("entries/2026"), "names the place: {err}");
            assert!(
                temp_files(dir.path()).is_empty(),
                "{step:?} {errno}: {:?}",
                temp_files(dir.path())
            );

            let now = fs::read_to_string(&path).unwrap();
            let loaded = Journal::new(FsStore::new(dir.path())).load_all().unwrap();
            assert!(loaded.problems.is_empty());
            if step == SaveStep::SyncFolder {
                // Renamed already: the new file is in place, whole, and the
                // person is still told the folder could not be synced.
                assert_eq!(loaded.entries, vec![first, second], "{step:?}");
            } else {
                assert_eq!(now, old, "{step:?} {errno}: the old file is untouched");
                assert_eq!(loaded.entries, vec![first], "{step:?}");
            }
        }
    }
}

#[test]
fn a_full_disk_is_told_in_the_app_and_the_entry_stays_in_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let store = FsStore::new(dir.path()).with_fault(Fault {
        step: SaveStep::Write,
        errno: FULL_DISK,
    });
    let mut c = runtime_over(vec![], Journal::new(store), 100, 30);
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Enter));
    let status = c.app.status.clone().expect("a message").text;
    assert!(
        status.contains("cannot write") && status.contains("2026-03.ron: No space left on device"),
        "{status}"
    );
    assert!(screen_text(&c.app).contains("Not saved"));
    assert!(
        c.app.modal.overlay.is_some(),
        "the form stays open, so nothing typed is lost"
    );
    assert!(temp_files(dir.path()).is_empty());
    assert!(c.app.journal.entries.is_empty());
}
