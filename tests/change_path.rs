//! The one change path: whatever sequence of changes reaches the journal,
//! every view equals a recount from scratch; and what a person sees across
//! screens after logging, backdating, undoing and redoing.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::{app, entry, history, now, region};
use proptest::prelude::*;
use sensemap::app::{Action, App, Effect, Purpose, Screen, Step, Written};
use sensemap::domain::{Catalogue, Change, Draft, Entry, SensationCatalogue, SensationId};
use ulid::Ulid;

/// One thing that can happen to the journal while the app is open.
#[derive(Debug, Clone)]
enum Op {
    /// Logged from the form (with history).
    Log(EntrySpec),
    /// Added by another process and seen through a reload.
    Outside(EntrySpec),
    /// Edited from the form: new time (may move months), intensity, region.
    Edit {
        pick: usize,
        days: i64,
        intensity: i64,
        region: usize,
    },
    /// Deleted from the timeline.
    Delete {
        pick: usize,
    },
    /// A month as another device left it: some entries gone, some changed,
    /// one new.
    Reload {
        pick: usize,
        keep_every: usize,
        new: EntrySpec,
    },
    Undo,
    Redo,
    CycleWindow,
    CycleMetric,
    TimelineRegion {
        region: usize,
    },
    ChartsDown,
}

/// What a generated entry looks like.
#[derive(Debug, Clone)]
struct EntrySpec {
    days_ago: i64,
    minutes: i64,
    offset_hours: i32,
    regions: Vec<usize>,
    sensation: usize,
    intensity: i64,
}

fn entry_spec() -> impl Strategy<Value = EntrySpec> {
    (
        0i64..400,
        0i64..1440,
        -11i32..14,
        prop::collection::vec(0usize..74, 1..4),
        0usize..16,
        0i64..=10,
    )
        .prop_map(
            |(days_ago, minutes, offset_hours, regions, sensation, intensity)| EntrySpec {
                days_ago,
                minutes,
                offset_hours,
                regions,
                sensation,
                intensity,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => entry_spec().prop_map(Op::Log),
        2 => entry_spec().prop_map(Op::Outside),
        3 => (any::<usize>(), -60i64..60, 0i64..=10, 0usize..74)
            .prop_map(|(pick, days, intensity, region)| Op::Edit { pick, days, intensity, region }),
        2 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        2 => (any::<usize>(), 1usize..4, entry_spec())
            .prop_map(|(pick, keep_every, new)| Op::Reload { pick, keep_every, new }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::CycleWindow),
        1 => Just(Op::CycleMetric),
        1 => (0usize..74).prop_map(|region| Op::TimelineRegion { region }),
        1 => Just(Op::ChartsDown),
    ]
}

/// Builds an entry from a spec with a fresh id.
fn make(spec: &EntrySpec, ids: &mut u64) -> Entry {
    *ids += 1;
    let catalogue = Catalogue::global();
    let offset = FixedOffset::east_opt(spec.offset_hours * 3600).unwrap();
    let at = (now() - Duration::days(spec.days_ago) - Duration::minutes(spec.minutes))
        .with_timezone(&offset);
    let sensations = SensationCatalogue::built_in();
    let sensation = &sensations.types()[spec.sensation % sensations.types().len()];
    Draft {
        at,
        regions: spec
            .regions
            .iter()
            .map(|i| catalogue.ids().nth(*i).unwrap())
            .collect(),
        sensation: SensationId(sensation.id.clone()),
        intensity: spec.intensity,
        duration_s: None,
        note: None,
        tags: vec![],
    }
    .into_entry(Ulid::from_parts(1, u128::from(*ids)), now())
    .unwrap()
}

/// Answers a write as the storage worker would after a successful save.
fn succeed(app: &mut App, effect: Option<Effect>) {
    if let Some(Effect::Write { step, purpose }) = effect {
        app.update(Action::Written(Box::new(Written {
            step: *step,
            purpose,
            months: vec![],
        })));
    }
}

/// Writes a step through the app's own path, as a form or the timeline would.
fn write(app: &mut App, step: Step, purpose: Purpose) {
    app.update(Action::Written(Box::new(Written {
        step,
        purpose,
        months: vec![],
    })));
}

fn pick(app: &App, index: usize) -> Option<Entry> {
    let len = app.journal.entries.len();
    (len > 0).then(|| app.journal.entries.iter().nth(index % len).unwrap().clone())
}

fn run(app: &mut App, op: &Op, ids: &mut u64) {
    match op {
        Op::Log(spec) => {
            let after = Some(make(spec, ids));
            write(
                app,
                Step {
                    before: None,
                    after,
                },
                Purpose::Log,
            );
        }
        Op::Outside(spec) => app.apply(Change::Added(make(spec, ids)), None),
        Op::Edit {
            pick: index,
            days,
            intensity,
            region,
        } => {
            if let Some(before) = pick(app, *index) {
                let mut after = before.clone();
                after.at += Duration::days(*days);
                after.intensity = u8::try_from(*intensity).unwrap().try_into().unwrap();
                let region = Catalogue::global().ids().nth(*region).unwrap();
                after.regions = vec![region].try_into().unwrap();
                after.updated = now();
                let step = Step {
                    before: Some(before),
                    after: Some(after),
                };
                write(app, step, Purpose::Edit);
            }
        }
        Op::Delete { pick: index } => {
            if let Some(before) = pick(app, *index) {
                let step = Step {
                    before: Some(before),
                    after: None,
                };
                write(app, step, Purpose::Delete);
            }
        }
        Op::Reload {
            pick: index,
            keep_every,
            new,
        } => {
            let month = pick(app, *index).map_or(now().date_naive(), |e| e.day());
            let month = sensemap::domain::YearMonth::of(month);
            let mut entries: Vec<Entry> = app
                .journal
                .entries
                .in_month(month)
                .enumerate()
                .filter(|(i, _)| i % keep_every == 0)
                .map(|(i, e)| {
                    let mut e = e.clone();
                    if i % 2 == 0 {
                        e.intensity = 1u8.try_into().unwrap();
                        e.updated = now() + Duration::seconds(1);
                    }
                    e
                })
                .collect();
            let mut extra = make(new, ids);
            let first = month.first_day().and_hms_opt(12, 0, 0).unwrap().and_utc();
            extra.at = first.fixed_offset();
            entries.push(extra);
            app.apply(Change::MonthReplaced { month, entries }, None);
        }
        Op::Undo => {
            let effect = app.update(Action::Undo);
            succeed(app, effect);
        }
        Op::Redo => {
            let effect = app.update(Action::Redo);
            succeed(app, effect);
        }
        Op::CycleWindow => {
            app.update(Action::CycleWindow);
        }
        Op::CycleMetric => {
            app.update(Action::CycleMetric);
        }
        Op::TimelineRegion { region } => {
            app.open_timeline_for(Catalogue::global().ids().nth(*region).unwrap());
        }
        Op::ChartsDown => {
            app.update(Action::ShowScreen(Screen::Charts));
            app.update(Action::Move(sensemap::domain::body_map::Direction::Down));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_view_equals_a_recount_after_every_change(
        start in prop::collection::vec(entry_spec(), 0..40),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let mut ids = 0;
        let entries: Vec<Entry> = start.iter().map(|s| make(s, &mut ids)).collect();
        let mut app = app(entries, 100, 30);
        for op in &ops {
            run(&mut app, op, &mut ids);
            prop_assert_eq!(
                app.derived_views(),
                app.derived_views_from_scratch(),
                "after {:?}", op
            );
            let rows = app.timeline.rows.len();
            prop_assert!(app.timeline.selected < rows.max(1));
            prop_assert!(app.history.undo_len() <= sensemap::app::history::HISTORY_LIMIT);
        }
    }
}

#[test]
fn the_charts_are_the_same_as_counting_the_entries_directly() {
    use sensemap::domain::{Filter, class_summary, sensation_breakdown, weekly_counts};
    let mut a = app(history(), 100, 30);
    for _ in 0..3 {
        a.update(Action::CycleWindow);
    }
    assert_eq!(a.journal.heat.window, sensemap::app::TimeWindow::All);
    let all: Vec<&Entry> = a.journal.entries.iter().collect();
    let cat = &a.journal.sensations;
    let filter = Filter::default();
    assert_eq!(a.charts.classes, class_summary(all.clone(), &filter, cat));
    let sole = region("left-sole");
    let for_sole = Filter {
        region: Some(sole),
        ..Filter::default()
    };
    assert_eq!(
        a.journal.tally.sensation_breakdown(sole),
        sensation_breakdown(all.clone(), &for_sole, cat)
    );
    let first = a.journal.tally.first_day().unwrap();
    assert_eq!(
        a.journal.tally.weekly(sole, first, 60),
        weekly_counts(all, &for_sole, cat, first, 60)
    );
}

/// A log through the app's own path, answered as a successful write.
fn log(app: &mut App, entry: Entry) {
    write(
        app,
        Step {
            before: None,
            after: Some(entry),
        },
        Purpose::Log,
    );
}

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
    succeed(&mut a, effect);
    assert!(a.journal.entries.get(logged.id).is_none());
    assert_eq!(a.history.redo_len(), 1);

    let effect = a.update(Action::Redo);
    succeed(&mut a, effect);
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
