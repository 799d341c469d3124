//! The one change path: whatever sequence of changes reaches the journal,
//! the entries are what a plain model says and every view equals a recount
//! from scratch.

mod common;

use chrono::{Duration, FixedOffset};
use common::changes::{Model, succeed, write};
use common::{app, history, now, region};
use proptest::prelude::*;
use sensemap::app::{Action, App, Purpose, Screen, Step};
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
    /// one new. `copy` also puts a copy of another entry into the month,
    /// older or newer than the one held, as a crash between two renames
    /// leaves it.
    Reload {
        pick: usize,
        keep_every: usize,
        new: EntrySpec,
        copy: Option<(usize, bool)>,
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
        3 => (any::<usize>(), 1usize..4, entry_spec(), prop::option::of((any::<usize>(), any::<bool>())))
            .prop_map(|(pick, keep_every, new, copy)| Op::Reload { pick, keep_every, new, copy }),
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
        sensation: SensationId::new(&sensation.id),
        intensity: spec.intensity,
        duration_s: None,
        note: None,
        tags: vec![],
    }
    .into_entry(Ulid::from_parts(1, u128::from(*ids)), now())
    .unwrap()
}

fn pick(app: &App, index: usize) -> Option<Entry> {
    let len = app.journal.entries.len();
    (len > 0).then(|| app.journal.entries.iter().nth(index % len).unwrap().clone())
}

fn run(app: &mut App, model: &mut Model, op: &Op, ids: &mut u64) {
    match op {
        Op::Log(spec) => {
            let after = Some(make(spec, ids));
            let step = Step {
                before: None,
                after,
            };
            write(app, model, step, Purpose::Log);
        }
        Op::Outside(spec) => {
            let entry = make(spec, ids);
            model.insert(entry.id, entry.clone());
            app.apply(Change::Added(entry), None);
        }
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
                write(app, model, step, Purpose::Edit);
            }
        }
        Op::Delete { pick: index } => {
            if let Some(before) = pick(app, *index) {
                let step = Step {
                    before: Some(before),
                    after: None,
                };
                write(app, model, step, Purpose::Delete);
            }
        }
        Op::Reload {
            pick: index,
            keep_every,
            new,
            copy,
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
            if let Some((other, newer)) = copy
                && let Some(mut stale) = pick(app, *other).filter(|e| e.month() != month)
            {
                stale.at = (first + Duration::hours(1)).fixed_offset();
                stale.updated += Duration::days(if *newer { 1 } else { -1 });
                entries.push(stale);
            }
            // The model follows the merge rule: the month's entries are what
            // the file says, except that a copy of an entry now kept in
            // another month replaces it only when newer.
            model.retain(|id, e| e.month() != month || entries.iter().any(|n| n.id == *id));
            for new in &entries {
                let keep_ours = model
                    .get(&new.id)
                    .is_some_and(|ours| ours.month() != month && ours.updated >= new.updated);
                if !keep_ours {
                    model.insert(new.id, new.clone());
                }
            }
            app.apply(Change::MonthReplaced { month, entries }, None);
        }
        Op::Undo => {
            let effect = app.update(Action::Undo);
            succeed(app, model, effect);
        }
        Op::Redo => {
            let effect = app.update(Action::Redo);
            succeed(app, model, effect);
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
        let mut model: Model = entries.iter().map(|e| (e.id, e.clone())).collect();
        let mut app = app(entries, 100, 30);
        app.update(Action::ShowScreen(Screen::Timeline));
        app.update(Action::Move(sensemap::domain::body_map::Direction::Down));
        for op in &ops {
            let highlighted = app.timeline_entry().map(|e| e.id);
            run(&mut app, &mut model, op, &mut ids);
            let mut expected: Vec<&Entry> = model.values().collect();
            expected.sort_by_key(|e| e.sort_key());
            let held: Vec<&Entry> = app.journal.entries.iter().collect();
            prop_assert_eq!(held, expected, "entries after {:?}", op);
            prop_assert_eq!(
                app.derived_views(),
                app.derived_views_from_scratch(),
                "views after {:?}", op
            );
            let rows = app.timeline.rows.len();
            prop_assert!(app.timeline.selected < rows.max(1));
            prop_assert!(app.history.undo_len() <= sensemap::app::history::HISTORY_LIMIT);
            // Changes made elsewhere never move the highlight off an entry
            // that is still listed.
            let elsewhere = matches!(
                op,
                Op::Outside(_) | Op::Reload { .. } | Op::CycleWindow | Op::CycleMetric
            );
            let still_listed = highlighted
                .and_then(|id| app.journal.entries.key(id))
                .is_some_and(|key| app.timeline.rows.contains(&key));
            if elsewhere && still_listed {
                prop_assert_eq!(app.timeline_entry().map(|e| e.id), highlighted, "after {:?}", op);
            }
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
