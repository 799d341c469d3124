//! Screen 4: courses over the weekly counts, the list, the chosen course's
//! before and after; adding, dosing, stopping, editing and deleting from
//! the keys, each written to `treatments.ron` and undone through history.

mod common;

use common::{at, controller, draw, history, key, screen_text, type_text};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use sensemap::app::{Action, Overlay, Screen, TreatmentFormKind};
use sensemap::domain::treatment::{Application, Course, DoseChange, TreatmentLog};
use sensemap::runtime::{Event, Runtime};
use sensemap::store::{FsStore, Journal};
use ulid::Ulid;

/// Gabapentin since 1 Feb 2026 (600 mg from 15 Feb), CBT last autumn, a
/// lidocaine patch on the left sole on 5 March.
fn log() -> TreatmentLog {
    TreatmentLog {
        courses: vec![
            Course {
                id: Ulid::from_parts(1, 1),
                treatment: "cbt".into(),
                start: at("2025-09-01T10:00:00+02:00"),
                stop: Some(at("2025-11-10T10:00:00+01:00")),
                dose: None,
                dose_changes: vec![],
                note: Some("Ten weekly sessions".into()),
            },
            Course {
                id: Ulid::from_parts(2, 1),
                treatment: "gabapentin".into(),
                start: at("2026-02-01T09:00:00+01:00"),
                stop: None,
                dose: Some("300 mg".into()),
                dose_changes: vec![DoseChange {
                    at: at("2026-02-15T09:00:00+01:00"),
                    dose: "600 mg".into(),
                }],
                note: None,
            },
        ],
        applications: vec![Application {
            id: Ulid::from_parts(3, 1),
            treatment: "lidocaine-patch".into(),
            at: at("2026-03-05T21:00:00+01:00"),
            regions: vec![common::region("left-sole")],
            note: None,
        }],
    }
}

/// The app over the common history and `log` on disk, on screen 4.
fn on_screen_4(dir: &std::path::Path, width: u16, height: u16) -> Runtime {
    let journal = Journal::new(FsStore::new(dir));
    journal
        .change_treatments(|l| {
            *l = log();
            Ok::<(), String>(())
        })
        .unwrap()
        .unwrap();
    let mut c = controller(history(), journal, width, height);
    let loaded = Journal::new(FsStore::new(dir)).load_treatments().unwrap();
    c.dispatch(Action::TreatmentsLoaded(Ok(loaded)));
    c.handle_event(&key(KeyCode::Char('4')));
    assert_eq!(c.app.screen, Screen::Treatments);
    c
}

fn on_disk(dir: &std::path::Path) -> TreatmentLog {
    Journal::new(FsStore::new(dir)).load_treatments().unwrap()
}

#[test]
fn the_screen_shows_courses_over_the_weeks_and_the_chosen_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let c = on_screen_4(dir.path(), 80, 24);
    insta::assert_snapshot!("treatments_80x24", screen_text(&c.app));
    let c = on_screen_4(dir.path(), 120, 40);
    let text = screen_text(&c.app);
    insta::assert_snapshot!("treatments_120x40", text);
    // Newest course first, chosen; its doses and comparison beside it.
    assert!(text.contains("▸ Gabapentin"), "{text}");
    assert!(text.contains("600 mg from 15 Feb 2026"), "{text}");
    assert!(text.contains("not compared"), "{text}");
    // The chosen row is drawn reversed; course bars in bold.
    let terminal = draw(&c.app);
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("▸ Gabapentin")
        })
        .unwrap();
    assert!(common::reversed(&buffer[(4, row)]));
    // The course's own row of the time line (the legend above it is dim).
    let course_row = (0..buffer.area.height)
        .find(|&y| buffer[(1, y)].symbol() == "G")
        .unwrap();
    let bar = (0..buffer.area.width)
        .find(|&x| buffer[(x, course_row)].symbol() == "━")
        .unwrap();
    assert!(buffer[(bar, course_row)].modifier.contains(Modifier::BOLD));
    assert!(buffer[(bar, 1)].symbol() != "━" || common::dimmed(&buffer[(bar, 1)]));
}

#[test]
fn a_course_started_from_the_keys_is_written_and_undone_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('n')));
    type_text(&mut c, "dulox");
    c.handle_event(&key(KeyCode::Tab));
    // "now" is selected: typing replaces it.
    type_text(&mut c, "2026-03-09");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "30 mg");
    c.handle_event(&key(KeyCode::Enter));
    assert!(c.app.modal.overlay.is_none(), "{:?}", c.app.modal.overlay);
    let saved = on_disk(dir.path());
    let course = saved
        .courses
        .iter()
        .find(|c| c.treatment == "duloxetine")
        .expect("duloxetine written");
    assert_eq!(course.start, at("2026-03-09T00:00:00+01:00"));
    assert_eq!(course.dose.as_deref(), Some("30 mg"));
    assert!(screen_text(&c.app).contains("Saved: Duloxetine; u undoes"));
    c.handle_event(&key(KeyCode::Char('u')));
    assert_eq!(on_disk(dir.path()), log());
    assert!(
        !c.app
            .treatments
            .log
            .courses
            .iter()
            .any(|c| c.treatment == "duloxetine")
    );
    assert!(screen_text(&c.app).contains("Undid the change to Duloxetine; U redoes"));
    c.handle_event(&key(KeyCode::Char('U')));
    assert!(
        on_disk(dir.path())
            .courses
            .iter()
            .any(|c| c.treatment == "duloxetine")
    );
}

#[test]
fn dose_and_stop_change_the_chosen_running_course() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('c')));
    match &c.app.modal.overlay {
        Some(Overlay::TreatmentForm(form)) => {
            assert_eq!(form.kind, TreatmentFormKind::Dose);
            assert_eq!(form.text(sensemap::app::TreatmentField::Dose), "600 mg");
        }
        other => panic!("expected the dose form, found {other:?}"),
    }
    type_text(&mut c, "900 mg");
    c.handle_event(&key(KeyCode::Enter));
    let gaba = |dir: &std::path::Path| {
        on_disk(dir)
            .courses
            .into_iter()
            .find(|c| c.treatment == "gabapentin")
            .unwrap()
    };
    let doses: Vec<String> = gaba(dir.path())
        .dose_changes
        .iter()
        .map(|d| d.dose.clone())
        .collect();
    assert_eq!(doses, ["600 mg", "900 mg"]);
    c.handle_event(&key(KeyCode::Char('s')));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(gaba(dir.path()).stop, Some(common::now()));
    // A stopped course cannot be stopped or dosed again: it says so.
    c.handle_event(&key(KeyCode::Char('s')));
    assert!(c.app.modal.overlay.is_none());
    assert!(screen_text(&c.app).contains("Choose a running course first"));
    // Two undos bring back the running course at 600 mg.
    c.handle_event(&key(KeyCode::Char('u')));
    c.handle_event(&key(KeyCode::Char('u')));
    assert_eq!(on_disk(dir.path()), log());
}

#[test]
fn an_edit_keeps_the_record_and_a_delete_asks_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    // Down twice: CBT, then the lidocaine patch.
    c.handle_event(&key(KeyCode::Down));
    c.handle_event(&key(KeyCode::Down));
    c.handle_event(&key(KeyCode::Enter));
    match &c.app.modal.overlay {
        Some(Overlay::TreatmentForm(form)) => {
            assert_eq!(form.kind, TreatmentFormKind::Application);
            assert_eq!(
                form.text(sensemap::app::TreatmentField::Where),
                "Foot, sole (left) - b37"
            );
        }
        other => panic!("expected the application form, found {other:?}"),
    }
    for _ in 0..2 {
        c.handle_event(&key(KeyCode::Tab));
    }
    // A record's own text is not selected: typing adds to it, Ctrl+U
    // clears it first.
    c.handle_event(&common::ctrl('u'));
    type_text(&mut c, "left sole, right sole");
    c.handle_event(&key(KeyCode::Enter));
    let patch = on_disk(dir.path()).applications[0].clone();
    assert_eq!(patch.id, Ulid::from_parts(3, 1), "the same record");
    assert_eq!(
        patch.regions,
        [common::region("left-sole"), common::region("right-sole")]
    );
    c.handle_event(&key(KeyCode::Char('d')));
    assert!(screen_text(&c.app).contains("Delete the Lidocaine patch applied 5 Mar 2026 21:00?"));
    c.handle_event(&key(KeyCode::Char('n')));
    assert_eq!(on_disk(dir.path()).applications.len(), 1, "no keeps it");
    c.handle_event(&key(KeyCode::Char('d')));
    c.handle_event(&key(KeyCode::Char('y')));
    assert!(on_disk(dir.path()).applications.is_empty());
    c.handle_event(&key(KeyCode::Char('u')));
    assert_eq!(on_disk(dir.path()).applications, [patch]);
}

#[test]
fn impossible_records_are_refused_in_the_form_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    for (name, when, expected) in [
        ("unicorn", "now", "Treatment:"),
        // A second gabapentin course while one runs.
        (
            "gaba",
            "yesterday",
            "already running since 2026-02-01; stop it first",
        ),
        ("cbt", "tomorrow", "Started:"),
    ] {
        c.handle_event(&key(KeyCode::Char('n')));
        type_text(&mut c, name);
        c.handle_event(&key(KeyCode::Tab));
        type_text(&mut c, when);
        c.handle_event(&key(KeyCode::Enter));
        let error = match &c.app.modal.overlay {
            Some(Overlay::TreatmentForm(form)) => form.error.clone().unwrap_or_default(),
            other => panic!("the form should stay open, found {other:?}"),
        };
        assert!(error.contains(expected), "{name}: {error}");
        // Esc asks before throwing the typing away.
        c.handle_event(&key(KeyCode::Esc));
        c.handle_event(&key(KeyCode::Char('y')));
        assert!(c.app.modal.overlay.is_none());
    }
    assert_eq!(on_disk(dir.path()), log());
}

#[test]
fn an_undo_never_overwrites_a_record_changed_elsewhere_and_changes_on_disk_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('c')));
    type_text(&mut c, "900 mg");
    c.handle_event(&key(KeyCode::Enter));
    // Another sensemap stops the course meanwhile.
    let elsewhere = at("2026-03-10T08:00:00+01:00");
    Journal::new(FsStore::new(dir.path()))
        .change_treatments(|l| {
            l.courses[1].stop = Some(elsewhere);
            Ok::<(), String>(())
        })
        .unwrap()
        .unwrap();
    c.handle(Event::TreatmentsChanged).unwrap();
    c.settle(std::time::Duration::from_secs(5));
    assert!(screen_text(&c.app).contains("Gabapentin"));
    assert_eq!(c.app.treatments.log.courses[1].stop, Some(elsewhere));
    c.handle_event(&key(KeyCode::Char('u')));
    assert!(
        screen_text(&c.app).contains("Not undone"),
        "{}",
        screen_text(&c.app)
    );
    assert_eq!(on_disk(dir.path()).courses[1].stop, Some(elsewhere));
    assert_eq!(c.app.history.undo_len(), 0);
}

#[test]
fn the_weekly_counts_follow_every_change_to_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    let before = c.app.treatments.weekly.clone();
    let mut extra = common::entry("2026-03-11T08:00:00+01:00", &["f25"], "burning", 9);
    extra.id = Ulid::from_parts(99, 9);
    c.app
        .apply(sensemap::domain::Change::Updated(extra.clone()), None);
    assert_ne!(c.app.treatments.weekly, before);
    let week = c
        .app
        .treatments
        .weekly
        .weeks_up_to(common::now().date_naive(), 1)[0];
    assert_eq!(week.episodes, 3, "two from the history and this one");
    c.app
        .apply(sensemap::domain::Change::Removed(extra.id), None);
    assert_eq!(c.app.treatments.weekly, before);
}

#[test]
fn the_form_adds_to_a_records_text_and_refuses_a_dose_that_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    let form_error = |c: &Runtime| match &c.app.modal.overlay {
        Some(Overlay::TreatmentForm(form)) => form.error.clone().unwrap_or_default(),
        other => panic!("the form should stay open, found {other:?}"),
    };
    // The current dose again is no dose change.
    c.handle_event(&key(KeyCode::Char('c')));
    c.handle_event(&key(KeyCode::Enter));
    assert!(
        form_error(&c).contains("type the new dose"),
        "{}",
        form_error(&c)
    );
    c.handle_event(&key(KeyCode::Esc));
    assert_eq!(on_disk(dir.path()), log());
    // Editing CBT's note adds to it.
    c.handle_event(&key(KeyCode::Down));
    c.handle_event(&key(KeyCode::Enter));
    for _ in 0..4 {
        c.handle_event(&key(KeyCode::Tab));
    }
    type_text(&mut c, " and homework");
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(
        on_disk(dir.path()).courses[0].note.as_deref(),
        Some("Ten weekly sessions and homework")
    );
    // An empty name and a time ahead say what to do.
    c.handle_event(&key(KeyCode::Char('n')));
    c.handle_event(&key(KeyCode::Enter));
    assert!(form_error(&c).contains("Treatment: type its name"));
    type_text(&mut c, "mindful");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "tomorrow");
    c.handle_event(&key(KeyCode::Enter));
    assert!(
        form_error(&c).contains("still ahead: record it once it has happened"),
        "{}",
        form_error(&c)
    );
}

#[test]
fn a_form_open_while_the_record_changes_elsewhere_never_saves_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    let elsewhere = |dir: &std::path::Path| {
        Journal::new(FsStore::new(dir))
            .change_treatments(|l| {
                l.courses[1].dose_changes.push(DoseChange {
                    at: at("2026-03-01T09:00:00+01:00"),
                    dose: "900 mg".into(),
                });
                Ok::<(), String>(())
            })
            .unwrap()
            .unwrap();
    };
    // Seen through the watcher: the form warns, and the save is refused.
    c.handle_event(&key(KeyCode::Char('s')));
    elsewhere(dir.path());
    let reloaded = on_disk(dir.path());
    c.dispatch(Action::TreatmentsLoaded(Ok(reloaded.clone())));
    assert!(screen_text(&c.app).contains("Changed elsewhere meanwhile"));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(on_disk(dir.path()), reloaded, "the 900 mg change stays");
    c.handle_event(&key(KeyCode::Esc));
    // Not seen: the disk refuses it.
    let dir2 = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir2.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('s')));
    elsewhere(dir2.path());
    let changed = on_disk(dir2.path());
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(on_disk(dir2.path()), changed, "nothing saved over it");
    assert!(
        screen_text(&c.app).contains("changed elsewhere meanwhile"),
        "{}",
        screen_text(&c.app)
    );
}

#[test]
fn editing_only_a_note_keeps_the_times_to_the_second_and_their_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_screen_4(dir.path(), 80, 24);
    let exact = at("2025-09-01T10:00:37+02:00");
    assert_eq!(
        on_disk(dir.path()).courses[0].start,
        at("2025-09-01T10:00:00+02:00")
    );
    Journal::new(FsStore::new(dir.path()))
        .change_treatments(|l| {
            l.courses[0].start = exact;
            Ok::<(), String>(())
        })
        .unwrap()
        .unwrap();
    c.dispatch(Action::TreatmentsLoaded(Ok(on_disk(dir.path()))));
    // CBT is the second row.
    c.handle_event(&key(KeyCode::Down));
    c.handle_event(&key(KeyCode::Enter));
    for _ in 0..4 {
        c.handle_event(&key(KeyCode::Tab));
    }
    type_text(&mut c, "!");
    c.handle_event(&key(KeyCode::Enter));
    let cbt = on_disk(dir.path()).courses[0].clone();
    assert_eq!(cbt.note.as_deref(), Some("Ten weekly sessions!"));
    assert_eq!(cbt.start, exact);
    assert_eq!(cbt.start.offset(), exact.offset());
    assert_eq!(cbt.stop, Some(at("2025-11-10T10:00:00+01:00")));
}
