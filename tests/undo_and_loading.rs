//! Undo and redo, writes in flight, the clock, and months arriving from the
//! background loader, through the app's update with the storage worker's
//! answers played by the test.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::changes::{FEB, JAN, answer, log, month_on_disk};
use common::{app, entry, history, now, region};
use sensemap::app::{Action, Effect, MonthOnDisk, Purpose, Screen, Step, Written};
use sensemap::domain::Change;
use ulid::Ulid;

#[test]
fn a_log_shows_on_the_timeline_and_the_charts_at_once() {
    let mut a = app(vec![], 100, 30);
    a.update(Action::ShowScreen(Screen::Timeline));
    assert!(a.timeline.rows.is_empty());
    log(
        &mut a,
        entry("2026-03-11T09:00:00+01:00", &["left-sole"], "tingling", 5),
    );
    assert_eq!(a.timeline.rows.len(), 1);
    assert!(common::screen_text(&a).contains("1 entry, newest first"));
    a.update(Action::ShowScreen(Screen::Charts));
    assert_eq!(a.charts.ranked.len(), 1);
    assert_eq!(a.charts.ranked[0].region, region("left-sole"));
    assert!(!common::screen_text(&a).contains("Nothing logged"));
}

#[test]
fn a_backdated_log_keeps_the_newest_entry_on_the_timeline_and_the_count_right() {
    let mut a = app(history(), 100, 30);
    let newest = a.journal.entries.iter().last().unwrap().id;
    let count = a.journal.entries.len();
    a.update(Action::ShowScreen(Screen::Timeline));
    log(
        &mut a,
        entry(
            "2026-03-05T12:00:00+01:00",
            &["right-knee-front"],
            "burning",
            3,
        ),
    );
    assert_eq!(a.timeline.rows.len(), count + 1);
    assert_eq!(
        a.timeline.rows[0].1, newest,
        "the newest entry is still first"
    );
    let text = common::screen_text(&a);
    assert!(text.contains(&format!("{} entries, newest first", count + 1)));
    assert!(
        text.contains("R knee"),
        "the backdated entry is listed:\n{text}"
    );
}

#[test]
fn undo_takes_a_log_back_and_redo_brings_it_again() {
    let mut a = app(history(), 100, 30);
    let logged = entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7);
    log(&mut a, logged.clone());
    let effect = a.update(Action::Undo);
    let Some(Effect::Write { step, purpose }) = effect.clone() else {
        panic!("undo asks for a write, got {effect:?}");
    };
    assert_eq!(purpose, Purpose::Undo);
    assert_eq!(step.before.as_ref().map(|e| e.id), Some(logged.id));
    assert!(step.after.is_none(), "undoing a log deletes it");
    assert!(
        a.journal.entries.get(logged.id).is_some(),
        "not before it is written"
    );
    answer(&mut a, effect);
    assert!(a.journal.entries.get(logged.id).is_none());
    assert_eq!(a.history.redo_len(), 1);

    let effect = a.update(Action::Redo);
    answer(&mut a, effect);
    assert_eq!(
        a.journal
            .entries
            .get(logged.id)
            .map(|e| e.intensity.value()),
        Some(7)
    );
    assert_eq!((a.history.undo_len(), a.history.redo_len()), (1, 0));
}

#[test]
fn a_failed_undo_stays_on_its_stack_and_says_it_can_be_retried() {
    let mut a = app(history(), 100, 30);
    let logged = entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7);
    log(&mut a, logged.clone());
    let Some(Effect::Write { purpose, .. }) = a.update(Action::Undo) else {
        panic!("undo asks for a write");
    };
    a.update(Action::WriteFailed {
        purpose,
        message: "another sensemap is saving".into(),
    });
    assert_eq!(a.history.undo_len(), 1, "still there");
    assert!(a.journal.entries.get(logged.id).is_some());
    let status = a.status.clone().unwrap();
    assert!(status.text.contains("Could not undo"), "{}", status.text);
    assert!(status.text.contains("try again"), "{}", status.text);
    assert!(matches!(
        a.update(Action::Undo),
        Some(Effect::Write {
            purpose: Purpose::Undo,
            ..
        })
    ));
}

#[test]
fn the_history_keeps_the_last_hundred_steps() {
    let mut a = app(vec![], 100, 30);
    for minute in 0..130 {
        let at = (now() - Duration::minutes(minute)).to_rfc3339();
        let mut e = entry(&at, &["f25"], "tingling", 3);
        e.id = Ulid::from_parts(9, minute as u128);
        log(&mut a, e);
    }
    assert_eq!(a.history.undo_len(), sensemap::app::history::HISTORY_LIMIT);
}

#[test]
fn messages_clear_after_a_while_and_a_new_day_recounts() {
    let mut a = app(history(), 100, 30);
    a.say(sensemap::app::StatusKind::Info, "Saved");
    a.now = now() + Duration::seconds(2);
    a.update(Action::Tick);
    assert!(a.status.is_some(), "still shown after 2 s");
    a.now = now() + Duration::seconds(sensemap::app::INFO_SECONDS);
    a.update(Action::Tick);
    assert!(
        a.status.is_none(),
        "cleared after {} s",
        sensemap::app::INFO_SECONDS
    );

    // From 30 days: 90 days, a year, all time, 7 days. At 10:00 on the 11th
    // the week counts the sole from the 6th to the 10th; on a tick after
    // midnight of the 14th, with no key pressed, the 6th falls out.
    for _ in 0..4 {
        a.update(Action::CycleWindow);
    }
    assert_eq!(a.journal.heat.window, sensemap::app::TimeWindow::Week);
    let sole = region("left-sole");
    assert_eq!(a.journal.tally.get(sole).episodes, 5);
    let later: DateTime<FixedOffset> = common::at("2026-03-14T00:05:00+01:00");
    a.now = later;
    a.update(Action::Tick);
    assert_eq!(
        a.journal.heat_since,
        Some(later - Duration::days(7)),
        "the window moved on at midnight"
    );
    assert_eq!(a.journal.tally.get(sole).episodes, 4, "the 6th fell out");
}

#[test]
fn a_stale_month_from_the_background_loader_does_not_undo_a_save() {
    let mut a = app(vec![], 100, 30);
    a.update(Action::LoadingMonths(vec![FEB]));
    let saved = entry("2026-02-10T09:00:00+01:00", &["left-sole"], "tingling", 5);
    // The save lands first and reports February as it now is on disk...
    a.update(Action::Written(Box::new(Written {
        step: Step {
            before: None,
            after: Some(saved.clone()),
        },
        purpose: Purpose::Log,
        months: vec![month_on_disk(FEB, vec![saved.clone()])],
    })));
    assert!(
        a.journal.pending_months.is_empty(),
        "February is loaded now"
    );
    // ...then the loader's copy, read before the save, arrives.
    a.update(Action::Loaded(vec![month_on_disk(FEB, vec![])]));
    assert!(a.journal.entries.get(saved.id).is_some(), "the save stays");
}

#[test]
fn an_unreadable_month_from_the_loader_is_named_and_no_longer_awaited() {
    let mut a = app(vec![], 100, 30);
    a.update(Action::LoadingMonths(vec![FEB]));
    a.update(Action::Loaded(vec![MonthOnDisk {
        month: FEB,
        entries: Err("2026-02: bad.ron:3:1: expected ')'".into()),
        deleted: Vec::new(),
    }]));
    assert!(a.journal.pending_months.is_empty());
    assert!(a.journal.problems.iter().any(|p| p.contains("bad.ron:3:1")));
    assert!(a.status.unwrap().text.contains("could not be read"));
}

#[test]
fn counts_say_so_far_until_every_month_of_their_window_is_in() {
    let mut a = app(history(), 120, 40);
    a.update(Action::LoadingMonths(vec![JAN]));
    assert!(a.journal.heat_complete(), "January is outside the 30 days");
    for _ in 0..3 {
        a.update(Action::CycleWindow);
    }
    let text = common::screen_text(&a);
    assert!(text.contains("loading 2026… 0%"), "{text}");
    assert!(text.contains("so far: 0% of history loaded"), "{text}");
    a.update(Action::ShowScreen(Screen::Timeline));
    assert!(common::screen_text(&a).contains("entries so far, newest first"));
    a.update(Action::ShowScreen(Screen::Charts));
    assert!(common::screen_text(&a).contains("(so far: 0% loaded)"));

    a.update(Action::Loaded(vec![month_on_disk(JAN, vec![])]));
    for screen in [Screen::BodyMap, Screen::Timeline, Screen::Charts] {
        a.update(Action::ShowScreen(screen));
        let text = common::screen_text(&a);
        assert!(
            !text.contains("so far") && !text.contains("loading"),
            "{text}"
        );
    }
}

#[test]
fn a_finished_undo_leaves_a_form_opened_meanwhile_alone() {
    let mut a = app(history(), 100, 30);
    log(
        &mut a,
        entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7),
    );
    let undo = a.update(Action::Undo);
    assert!(a.saving.is_some());
    a.update(Action::OpenLogForm);
    a.update(Action::Input('n'));
    answer(&mut a, undo);
    let form = a.form().expect("the new form is still open");
    assert_eq!(form.sensation_query.text(), "n");
    assert!(form.error.is_none());
}

#[test]
fn undo_leaves_alone_an_entry_changed_elsewhere_since() {
    let mut a = app(history(), 100, 30);
    let logged = entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7);
    log(&mut a, logged.clone());
    let mut theirs = logged.clone();
    theirs.note = Some("after a nap".into());
    theirs.updated = now() + Duration::minutes(5);
    a.apply(Change::Updated(theirs.clone()), None);
    assert_eq!(a.update(Action::Undo), None, "nothing is written");
    assert_eq!(a.journal.entries.get(logged.id), Some(&theirs));
    assert_eq!(a.history.undo_len(), 0, "the step is dropped");
    assert!(a.status.unwrap().text.contains("changed elsewhere"));
}

#[test]
fn quitting_while_a_save_is_on_its_way_quits_once_it_is_saved() {
    let mut a = app(history(), 100, 30);
    a.update(Action::OpenLogForm);
    let save = a.update(Action::Save);
    assert!(save.is_some());
    a.update(Action::Quit);
    assert!(!a.should_quit, "not before the save is done");
    assert!(
        a.status
            .clone()
            .unwrap()
            .text
            .contains("quits as soon as it is saved")
    );
    answer(&mut a, save);
    assert!(a.should_quit);
}

#[test]
fn a_save_that_fails_after_quit_keeps_the_app_open_and_says_why() {
    let mut a = app(history(), 100, 30);
    a.update(Action::OpenLogForm);
    let Some(Effect::Write { purpose, .. }) = a.update(Action::Save) else {
        panic!("the form saves");
    };
    a.update(Action::Quit);
    a.update(Action::WriteFailed {
        purpose,
        message: "disk full".into(),
    });
    assert!(!a.should_quit);
    assert!(a.form().is_some(), "with what was typed");
    let text = a.status.clone().unwrap().text;
    assert!(
        text.contains("disk full") && text.contains("stayed open"),
        "{text}"
    );
}

#[test]
fn a_delete_confirmed_while_another_save_runs_keeps_the_question() {
    let mut a = app(history(), 100, 30);
    log(
        &mut a,
        entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7),
    );
    let undo = a.update(Action::Undo);
    a.update(Action::ShowScreen(Screen::Timeline));
    a.update(Action::DeleteEntry);
    assert_eq!(a.update(Action::Confirm(true)), None);
    assert!(matches!(
        a.modal.overlay,
        Some(sensemap::app::Overlay::ConfirmDelete(_))
    ));
    answer(&mut a, undo);
    assert!(matches!(
        a.update(Action::Confirm(true)),
        Some(Effect::Write {
            purpose: Purpose::Delete,
            ..
        })
    ));
}

#[test]
fn an_edit_form_follows_a_change_made_elsewhere_and_says_so() {
    let mut a = app(history(), 100, 30);
    a.update(Action::ShowScreen(Screen::Timeline));
    a.update(Action::OpenLogForm);
    let opened = a.form().unwrap().editing.clone().unwrap();
    let mut theirs = opened.clone();
    theirs.note = Some("from the phone".into());
    theirs.updated = now() + Duration::minutes(1);
    a.apply(Change::Updated(theirs.clone()), None);
    let form = a.form().unwrap();
    assert!(form.error.as_deref().unwrap().contains("Changed elsewhere"));
    let Some(Effect::Write { step, .. }) = a.update(Action::Save) else {
        panic!("the edit saves");
    };
    assert_eq!(step.before, Some(theirs), "against the version now held");
}

/// Logs one entry and starts undoing it; the undo waits for the lock.
fn undo_waiting_for_the_lock() -> (sensemap::app::App, Option<Effect>) {
    let mut a = app(history(), 100, 30);
    log(
        &mut a,
        entry("2026-03-11T09:00:00+01:00", &["left-palm"], "electric", 7),
    );
    let undo = a.update(Action::Undo);
    a.update(Action::WriteWaiting);
    (a, undo)
}

#[test]
fn esc_stops_an_undo_waiting_for_the_lock_from_the_screen() {
    let (mut a, _undo) = undo_waiting_for_the_lock();
    assert!(a.status.clone().unwrap().text.contains("Esc cancels"));
    assert_eq!(a.update(Action::Cancel), Some(Effect::CancelWrite));
}

#[test]
fn a_form_typed_in_while_quitting_waits_is_not_thrown_away() {
    let (mut a, undo) = undo_waiting_for_the_lock();
    a.update(Action::Quit);
    a.update(Action::OpenLogForm);
    a.update(Action::Input('x'));
    answer(&mut a, undo);
    assert!(!a.should_quit, "not with a typed form open");
    assert!(a.modal.confirm_quit, "it asks instead");
    assert_eq!(a.form().unwrap().sensation_query.text(), "x");
}

#[test]
fn yes_to_the_quit_question_while_a_write_waits_closes_the_question() {
    let (mut a, undo) = undo_waiting_for_the_lock();
    a.update(Action::OpenLogForm);
    a.update(Action::Input('x'));
    a.update(Action::Quit);
    assert!(a.modal.confirm_quit);
    a.update(Action::Confirm(true));
    assert!(!a.modal.confirm_quit, "the question does not linger");
    assert!(!a.should_quit, "the undo is still on its way");
    answer(&mut a, undo);
    assert!(a.should_quit, "they already agreed to lose the form");
}

#[test]
fn all_time_weeks_start_with_the_journal_whatever_the_sensation_filter() {
    let mut a = app(history(), 120, 40);
    for _ in 0..3 {
        a.update(Action::CycleWindow);
    }
    let all = a.charts.first_week;
    assert_eq!(all, Some(sensemap::domain::week_start(history()[0].day())));
    // Only the chest's pressure (15 Feb) matches: the weeks still start in June.
    a.update(Action::OpenFilterPicker);
    for ch in "pressure".chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    assert!(a.journal.heat.sensation.is_some());
    assert_eq!(a.charts.first_week, all);
}
