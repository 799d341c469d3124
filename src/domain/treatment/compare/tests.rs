use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use super::*;
use crate::domain::entry::Draft;
use crate::domain::region::Catalogue;
use crate::domain::sensation::SensationId;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A "now" long after every window.
fn far_future() -> DateTime<FixedOffset> {
    at("2027-01-01T00:00:00+01:00")
}

fn start() -> DateTime<FixedOffset> {
    at("2026-03-01T09:00:00+01:00")
}

/// `per_day` entries of `intensity` on each of `days` days from `from`.
fn logged(
    from: DateTime<FixedOffset>,
    days: i64,
    per_day: usize,
    intensity: i64,
    region: &str,
) -> Vec<Entry> {
    let region = Catalogue::global().lookup(region).unwrap();
    (0..days)
        .flat_map(|d| (0..per_day).map(move |n| (d, n)))
        .map(|(d, n)| {
            Draft {
                at: from + Duration::days(d) + Duration::hours(n as i64),
                regions: vec![region],
                sensation: SensationId::new("tingling"),
                intensity,
                duration_s: None,
                note: None,
                tags: vec![],
            }
            .into_entry(Ulid::generate(), at("2026-06-01T00:00:00+01:00"))
            .unwrap()
        })
        .collect()
}

fn course(
    treatment: &str,
    start: DateTime<FixedOffset>,
    stop: Option<DateTime<FixedOffset>>,
) -> Course {
    Course {
        id: Ulid::generate(),
        treatment: treatment.into(),
        start,
        stop,
        dose: None,
        dose_changes: vec![],
        note: None,
    }
}

#[test]
fn halving_the_episodes_is_a_substantial_change_for_the_better() {
    // Four weeks before: 2 a day at 6. Weeks 2-6 after: 1 a day at 4.
    let mut entries = logged(start() - Duration::days(28), 28, 2, 6, "left-sole");
    entries.extend(logged(start() + Duration::days(7), 35, 1, 4, "left-sole"));
    let gaba = course("gabapentin", start(), None);
    let Comparison::Done {
        before,
        after,
        overlapping,
    } = compare(
        &entries,
        &gaba,
        std::slice::from_ref(&gaba),
        Windows::default(),
        far_future(),
        None,
    )
    else {
        panic!("enough data");
    };
    assert!((before.episodes_per_week - 14.0).abs() < 1e-9, "{before:?}");
    assert!((after.episodes_per_week - 7.0).abs() < 1e-9, "{after:?}");
    assert_eq!(before.mean_intensity, Some(6.0));
    assert_eq!(after.worst_intensity, Some(4));
    assert_eq!((before.extent, after.extent), (1, 1));
    let episodes = Change::between(before.episodes_per_week, after.episodes_per_week).unwrap();
    assert_eq!(episodes.words(), "substantial change, better");
    let mean = Change::between(6.0, 4.0).unwrap();
    assert_eq!(mean.words(), "moderate change, better");
    assert!(overlapping.is_empty());
}

#[test]
fn the_grades_follow_the_trial_thresholds() {
    let words = |before, after| Change::between(before, after).unwrap().words();
    assert_eq!(words(10.0, 9.5), "no clear change");
    assert_eq!(words(10.0, 8.0), "minimal change, better");
    assert_eq!(words(10.0, 12.0), "minimal change, worse");
    assert_eq!(words(10.0, 6.0), "moderate change, better");
    assert_eq!(words(10.0, 5.0), "substantial change, better");
    assert_eq!(words(0.0, 3.0), "substantial change, worse");
    assert_eq!(Change::between(0.0, 0.0), None);
}

#[test]
fn too_few_days_say_why_and_overlapping_courses_are_named() {
    let entries = logged(start() - Duration::days(4), 4, 1, 5, "left-sole");
    let gaba = course("gabapentin", start(), None);
    let Comparison::NotEnough(reason) =
        compare(&entries, &gaba, &[], Windows::default(), far_future(), None)
    else {
        panic!("four days are too few");
    };
    assert_eq!(
        reason,
        "the window before has 4 day(s) with entries; at least 5 are needed"
    );

    let mut entries = logged(start() - Duration::days(28), 28, 1, 5, "left-sole");
    entries.extend(logged(start() + Duration::days(7), 35, 1, 5, "right-palm"));
    let cbt = course(
        "cbt",
        start() + Duration::days(20),
        Some(start() + Duration::days(60)),
    );
    let old = course(
        "duloxetine",
        start() - Duration::days(200),
        Some(start() - Duration::days(100)),
    );
    let Comparison::Done { overlapping, .. } = compare(
        &entries,
        &gaba,
        &[gaba.clone(), cbt, old],
        Windows::default(),
        far_future(),
        None,
    ) else {
        panic!("enough data");
    };
    assert_eq!(overlapping, ["cbt"]);
    // For the left sole alone, nothing was logged after: not enough.
    let sole = [Catalogue::global().lookup("left-sole").unwrap()];
    assert!(matches!(
        compare(
            &entries,
            &gaba,
            &[],
            Windows::default(),
            far_future(),
            Some(&sole)
        ),
        Comparison::NotEnough(_)
    ));
}

#[test]
fn the_window_after_ends_at_now_and_at_the_stop() {
    // Every day at 5 before and after: no change, even when asked early.
    let mut entries = logged(start() - Duration::days(28), 28, 1, 5, "left-sole");
    entries.extend(logged(start(), 20, 1, 5, "left-sole"));
    let gaba = course("gabapentin", start(), None);
    let now = start() + Duration::days(20);
    let Comparison::Done { before, after, .. } =
        compare(&entries, &gaba, &[], Windows::default(), now, None)
    else {
        panic!("13 days after");
    };
    assert!(after.cut_short);
    assert!(
        (after.episodes_per_week - before.episodes_per_week).abs() < 0.01,
        "{after:?}"
    );
    assert_eq!(
        Change::between(before.episodes_per_week, after.episodes_per_week)
            .unwrap()
            .words(),
        "no clear change"
    );
    let stopped = course("gabapentin", start(), Some(start() + Duration::days(14)));
    let Comparison::Done { after, .. } = compare(
        &entries,
        &stopped,
        &[],
        Windows::default(),
        far_future(),
        None,
    ) else {
        panic!("7 days after");
    };
    assert_eq!(after.to, start() + Duration::days(14));
}
