//! The runtime against real files and real processes: live updates from
//! another sensemap, undo and redo on disk, a lock held by another writer,
//! merging with a writer the app had not seen, loading in the background,
//! and the ticker.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use chrono::Duration as Span;
use common::{FailingStore, controller, ctrl, history, key, now, screen_text, type_text, zone};
use ratatui::crossterm::event::KeyCode;
use sensemap::app::{Action, Overlay, Screen, TimeWindow};
use sensemap::domain::generate::{GenerateSpec, generate};
use sensemap::domain::{Entry, SensationCatalogue};
use sensemap::runtime::{Event, Options, Runtime};
use sensemap::store::{FsStore, Journal, MonthStore};

/// Long enough for any machine; the tests stop as soon as the state is there.
const PATIENCE: Duration = Duration::from_secs(20);

fn on_disk(data: &Path) -> Vec<Entry> {
    Journal::new(FsStore::new(data)).load_all().unwrap().entries
}

/// Writes `years` of generated history at 3 a day into `data`, ending
/// yesterday, and returns it.
fn generated(data: &Path, years: i64, seed: u64) -> Vec<Entry> {
    let spec = GenerateSpec {
        start: now().date_naive() - Span::days(years * 365),
        end: now().date_naive() - Span::days(1),
        per_day: 3.0,
        seed,
    };
    let all = generate(&spec, &common::zone_offset());
    Journal::new(FsStore::new(data))
        .add_many(all.clone())
        .unwrap();
    all
}

/// A runtime over `data` as the app starts it, with the watcher as asked.
fn started(data: &Path, options: Options) -> Runtime {
    let store = FsStore::new(data).with_lock_wait(Duration::from_millis(50));
    let mut runtime = Runtime::start(
        Journal::new(store),
        SensationCatalogue::built_in(),
        Box::new(now),
        zone(),
        options,
    );
    runtime.dispatch(Action::Resize {
        width: 100,
        height: 30,
    });
    runtime
}

fn quiet() -> Options {
    Options {
        watch: false,
        force_polling: false,
        tick: false,
        background_load: false,
    }
}

fn watched_by_another_process(polling: bool) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut runtime = started(
        &data,
        Options {
            watch: true,
            force_polling: polling,
            ..quiet()
        },
    );
    assert_eq!(runtime.is_polling(), polling);
    assert!(runtime.app.journal.entries.is_empty());
    let id = common::cli::log(dir.path(), "-r left-sole -s burning -i 6");
    let seen = runtime.run_until(PATIENCE, |app| app.journal.entries.len() == 1);
    assert!(
        seen,
        "the entry logged elsewhere appears without a key press"
    );
    let entry = runtime.app.journal.entries.iter().next().unwrap();
    assert_eq!(entry.id.to_string(), id);
    assert_eq!(
        runtime
            .app
            .journal
            .tally
            .get(common::region("left-sole"))
            .episodes,
        1
    );
    assert_eq!(runtime.app.timeline.rows.len(), 1);

    // Re-reading the month is no change: the app then stays idle, instead
    // of re-reading again because it opened the file.
    let settled = runtime.reloads();
    runtime.run_until(POLL_SETTLE, |_| false);
    assert_eq!(runtime.reloads(), settled, "no re-read without a change");
    assert!(settled >= 1);
}

/// A course started with `sensemap treatment` in another terminal shows on
/// screen 4 of the open app without a key, by file events or by polling.
fn treatment_watched(polling: bool) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut runtime = started(
        &data,
        Options {
            watch: true,
            force_polling: polling,
            ..quiet()
        },
    );
    assert!(runtime.app.treatments.log.courses.is_empty());
    common::cli::sm(dir.path())
        .args(["treatment", "start", "gaba", "--at", "2026-03-01"])
        .assert()
        .success();
    let seen = runtime.run_until(PATIENCE, |app| app.treatments.log.courses.len() == 1);
    assert!(
        seen,
        "the course started elsewhere appears without a key press"
    );
    assert_eq!(
        runtime.app.treatments.log.courses[0].treatment,
        "gabapentin"
    );
}

#[test]
fn a_course_started_in_another_terminal_appears_in_the_open_app() {
    treatment_watched(false);
}

#[test]
fn where_file_events_fail_the_treatments_file_is_polled() {
    treatment_watched(true);
}

/// Long enough for the watcher to report anything it would.
const POLL_SETTLE: Duration = Duration::from_millis(2 * 2000 + 500);

#[test]
fn an_entry_logged_in_another_terminal_appears_in_the_open_app() {
    watched_by_another_process(false);
}

#[test]
fn where_file_events_fail_the_month_files_are_polled() {
    watched_by_another_process(true);
}

#[test]
fn u_after_a_log_takes_it_back_out_of_the_file_and_shift_u_redoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(vec![], Journal::new(FsStore::new(dir.path())), 80, 24);
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(on_disk(dir.path()).len(), 1, "logged");
    c.handle_event(&key(KeyCode::Char('2')));
    assert!(screen_text(&c.app).contains("1 entry, newest first"));

    c.handle_event(&key(KeyCode::Char('u')));
    assert!(on_disk(dir.path()).is_empty(), "u took it out of the file");
    assert!(c.app.journal.entries.is_empty());
    assert!(screen_text(&c.app).contains("0 entries"));

    c.handle_event(&key(KeyCode::Char('U')));
    assert_eq!(on_disk(dir.path()).len(), 1, "U put it back");
    assert_eq!(c.app.timeline.rows.len(), 1);
}

#[test]
fn an_undo_whose_write_fails_stays_on_the_stack_and_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let store = FailingStore::new(dir.path(), 1);
    let mut c = common::runtime_over(vec![], Journal::new(store), 80, 24);
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(on_disk(dir.path()).len(), 1);
    c.handle_event(&key(KeyCode::Char('u')));
    assert_eq!(on_disk(dir.path()).len(), 1, "the disk refused");
    assert_eq!(c.app.history.undo_len(), 1, "still on the stack");
    let status = screen_text(&c.app);
    assert!(status.contains("Could not undo"), "{status}");
    assert_eq!(c.app.journal.entries.len(), 1);
}

#[test]
fn a_save_while_another_writer_holds_the_lock_waits_with_the_form_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut runtime = started(&data, quiet());
    let other = FsStore::new(&data);
    let held = other.lock().unwrap();

    runtime.handle_event(&key(KeyCode::Enter));
    type_text(&mut runtime, "burn");
    // Ctrl+S without waiting for the answer, as the terminal loop does.
    runtime.handle(Event::Input(ctrl('s'))).unwrap();
    let waiting = runtime.run_until(PATIENCE, |app| app.saving.is_some_and(|s| s.waiting));
    assert!(waiting, "the app says it waits");
    let form = runtime.app.form().expect("the form stays open");
    assert_eq!(form.sensation_query.text(), "burn", "with everything typed");
    assert!(screen_text(&runtime.app).contains("Waiting for another sensemap"));
    // News, not an error: the form's line is not in the error colour.
    let terminal = common::draw(&runtime.app);
    let buffer = terminal.backend().buffer();
    let (x, y) = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| buffer[(x, y)].symbol() == "W" && buffer[(x + 1, y)].symbol() == "a")
        .unwrap();
    let palette = sensemap::app::Palette::DARK;
    assert_ne!(buffer[(x, y)].fg, common::dark(palette.error));
    assert_eq!(buffer[(x, y)].fg, common::dark(palette.info));
    // Keys still work while it waits.
    runtime.handle(Event::Input(key(KeyCode::Tab))).unwrap();
    assert!(runtime.is_busy());

    drop(held);
    let saved = runtime.run_until(PATIENCE, |app| app.form().is_none());
    assert!(saved, "it retried and saved once the lock was free");
    let entries = on_disk(&data);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].sensation.as_str(), "burning");
}

#[test]
fn esc_stops_waiting_for_the_lock_and_keeps_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut runtime = started(&data, quiet());
    let held = FsStore::new(&data).lock().unwrap();
    runtime.handle_event(&key(KeyCode::Enter));
    type_text(&mut runtime, "burn");
    runtime.handle(Event::Input(ctrl('s'))).unwrap();
    assert!(runtime.run_until(PATIENCE, |app| app.saving.is_some_and(|s| s.waiting)));

    runtime.handle(Event::Input(key(KeyCode::Esc))).unwrap();
    assert!(runtime.run_until(PATIENCE, |app| app.saving.is_none()));
    let form = runtime.app.form().expect("the form stays open");
    assert_eq!(form.sensation_query.text(), "burn");
    assert!(form.error.as_deref().unwrap().contains("cancelled"));
    drop(held);
    assert!(on_disk(&data).is_empty(), "nothing was written");

    runtime.handle_event(&ctrl('s'));
    assert!(runtime.app.form().is_none());
    assert_eq!(on_disk(&data).len(), 1, "saved on the next try");
}

#[test]
fn a_save_merges_with_what_another_process_wrote_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Journal::new(FsStore::new(&data))
        .add_many(history())
        .unwrap();
    let mut runtime = started(&data, quiet());
    let before = runtime.app.journal.entries.len();

    // Another process logs into March while the app is open and unaware.
    let theirs = common::cli::log(dir.path(), "-r right-palm -s electric -i 8");
    assert_eq!(runtime.app.journal.entries.len(), before, "not seen yet");
    // The app now saves into the same month.
    runtime.handle_event(&key(KeyCode::Enter));
    runtime.handle_event(&key(KeyCode::Enter));

    let disk = on_disk(&data);
    assert_eq!(disk.len(), history().len() + 2, "nothing dropped");
    assert!(disk.iter().any(|e| e.id.to_string() == theirs));
    assert_eq!(
        runtime.app.journal.entries.len(),
        before + 2,
        "and the app shows both"
    );
}

#[test]
fn the_first_frame_loads_the_window_and_the_rest_fills_in_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let all = generated(&data, 3, 3);
    let mut runtime = started(
        &data,
        Options {
            background_load: true,
            ..quiet()
        },
    );
    let first = runtime.app.journal.entries.len();
    assert!(
        first < all.len() / 10,
        "only recent months at first: {first}"
    );
    assert!(
        runtime.app.journal.heat_complete(),
        "the 30-day window is whole"
    );
    let oldest_loaded = runtime.app.journal.entries.first().unwrap().at;
    assert!(oldest_loaded >= now() - Span::days(62));

    // (What the screens say while months come in is tested without a race
    // in change_path.rs.)
    for _ in 0..3 {
        runtime.dispatch(Action::CycleWindow);
    }
    assert_eq!(runtime.app.journal.heat.window, TimeWindow::All);
    let done = runtime.run_until(PATIENCE, |app| app.journal.pending_months.is_empty());
    assert!(done, "every month arrives");
    assert_eq!(runtime.app.journal.entries.len(), all.len());
    let text = screen_text(&runtime.app);
    assert!(
        !text.contains("loading") && !text.contains("so far"),
        "{text}"
    );
    assert_eq!(
        runtime.app.derived_views(),
        runtime.app.derived_views_from_scratch()
    );
    runtime.dispatch(Action::ShowScreen(Screen::Timeline));
    assert_eq!(runtime.app.timeline.rows.len(), all.len());
}

#[test]
fn the_ticker_moves_the_clock_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let seconds = Arc::new(AtomicI64::new(0));
    let clock = {
        let seconds = Arc::clone(&seconds);
        move || now() + Span::seconds(seconds.fetch_add(1, Ordering::SeqCst))
    };
    let mut runtime = Runtime::start(
        Journal::new(FsStore::new(dir.path())),
        SensationCatalogue::built_in(),
        Box::new(clock),
        zone(),
        Options {
            tick: true,
            ..quiet()
        },
    );
    let start = runtime.app.now;
    assert!(runtime.run_until(PATIENCE, |app| app.now > start));
}

#[test]
fn an_entry_deleted_elsewhere_closes_the_question_about_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(history(), Journal::new(FsStore::new(dir.path())), 80, 24);
    c.handle_event(&key(KeyCode::Char('2')));
    c.handle_event(&key(KeyCode::Char('d')));
    let doomed = c.app.timeline_entry().unwrap().id;
    assert!(matches!(
        c.app.modal.overlay,
        Some(Overlay::ConfirmDelete(_))
    ));
    c.app.apply(sensemap::domain::Change::Removed(doomed), None);
    assert!(c.app.modal.overlay.is_none());
    let status = c.app.status.clone().unwrap().text;
    assert!(status.contains("deleted meanwhile"), "{status}");
}

#[test]
fn a_backdated_log_from_the_keys_keeps_the_newest_entry_first_on_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(history(), Journal::new(FsStore::new(dir.path())), 100, 30);
    let newest = history().last().unwrap().id;
    let here = c.app.body.cursor;
    let episodes_here = c.app.journal.tally.get(here).episodes;
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&key(KeyCode::Tab));
    for _ in 0.."now".len() {
        c.handle_event(&key(KeyCode::Backspace));
    }
    type_text(&mut c, "2026-03-05 12:00");
    c.handle_event(&key(KeyCode::Enter));
    assert!(c.app.form().is_none(), "saved");
    c.handle_event(&key(KeyCode::Char('2')));
    let count = history().len() + 1;
    assert_eq!(on_disk(dir.path()).len(), count);
    assert_eq!(c.app.timeline.rows.len(), count);
    assert_eq!(
        c.app.timeline.rows[0].1, newest,
        "the newest is still first"
    );
    let text = screen_text(&c.app);
    assert!(text.contains(&format!("{count} entries")), "{text}");
    assert!(text.contains("Thursday 5 March 2026"), "{text}");
    c.handle_event(&key(KeyCode::Char('3')));
    let bar = c
        .app
        .charts
        .ranked
        .iter()
        .find(|s| s.region == here)
        .unwrap();
    assert_eq!(
        bar.episodes,
        episodes_here + 1,
        "the charts count it at once"
    );
}

#[test]
fn the_background_loader_waits_until_the_loop_first_waits() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    generated(&data, 1, 4);
    let mut runtime = started(
        &data,
        Options {
            background_load: true,
            ..quiet()
        },
    );
    assert!(!runtime.app.journal.pending_months.is_empty());
    // Nothing is read while the first frame is being drawn...
    std::thread::sleep(Duration::from_millis(300));
    assert!(runtime.try_next().is_none(), "the loader has not started");
    // ...and everything once the loop waits for events.
    assert!(runtime.run_until(PATIENCE, |app| app.journal.pending_months.is_empty()));
}

/// A store whose writes panic, as a bug in the storage code would.
struct PanickingStore(FsStore);

impl MonthStore for PanickingStore {
    fn months(&self) -> Result<Vec<sensemap::domain::YearMonth>, sensemap::store::StoreError> {
        self.0.months()
    }
    fn read(
        &self,
        month: sensemap::domain::YearMonth,
    ) -> Result<Option<String>, sensemap::store::StoreError> {
        self.0.read(month)
    }
    fn write(
        &self,
        _: sensemap::domain::YearMonth,
        _: &str,
    ) -> Result<(), sensemap::store::StoreError> {
        panic!("a bug in the storage code")
    }
    fn lock(&self) -> Result<sensemap::store::WriteLock, sensemap::store::StoreError> {
        self.0.lock()
    }
    fn path(&self, month: sensemap::domain::YearMonth) -> std::path::PathBuf {
        self.0.path(month)
    }
}

#[test]
fn a_save_that_panics_in_storage_is_answered_and_the_app_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = PanickingStore(FsStore::new(dir.path()));
    let mut c = common::runtime_over(vec![], Journal::new(store), 80, 24);
    for _ in 0..2 {
        c.handle_event(&key(KeyCode::Enter));
        c.handle_event(&key(KeyCode::Enter));
        assert!(c.app.saving.is_none(), "answered");
        let form = c.app.form().expect("the form stays open");
        assert!(form.error.as_deref().unwrap().contains("internal error"));
        c.handle_event(&key(KeyCode::Esc));
        c.handle_event(&key(KeyCode::Char('y')));
    }
    assert!(on_disk(dir.path()).is_empty());
}
