use super::*;
use crate::domain::query::tests::{at, entry, region};

fn lasting(when: &str, regions: &[&str], sensation: &str, hours: u64) -> Entry {
    let mut e = entry(when, regions, sensation, 5);
    e.duration_s = Some(hours * 3600);
    e
}

#[test]
fn new_means_not_logged_in_the_ninety_days_before() {
    let since = at("2026-06-01T00:00:00+02:00");
    let until = at("2026-06-30T23:59:59+02:00");
    let mut entries = vec![
        entry("2026-05-10T08:00:00+02:00", &["left-sole"], "tingling", 4),
        // More than 90 days before: forgotten.
        entry("2026-02-01T08:00:00+01:00", &["f25"], "burning", 4),
        entry("2026-06-03T08:00:00+02:00", &["left-sole"], "tingling", 4),
        entry(
            "2026-06-05T08:00:00+02:00",
            &["f25", "left-sole"],
            "burning",
            4,
        ),
    ];
    let new = new_in_period(&entries, since, until).unwrap();
    assert_eq!(new.regions, [region("f25")]);
    assert_eq!(new.sensations, [SensationId::new("burning")]);
    // Nothing logged in the 90 days before: nothing can be called new.
    entries.remove(0);
    assert_eq!(new_in_period(&entries, since, until), None);
}

#[test]
fn a_long_episode_is_flagged_once_a_month_with_the_tags_around_it() {
    let mut hot = entry("2026-06-02T08:00:00+02:00", &["f25"], "tingling", 2);
    hot.tags = vec!["heat".into(), "stress".into()];
    let mut fever = entry("2026-06-04T08:00:00+02:00", &["f28"], "tingling", 2);
    fever.tags = vec!["heat".into()];
    let entries = vec![
        hot,
        fever,
        // Just a day: not flagged.
        lasting("2026-06-02T09:00:00+02:00", &["f25"], "numbness", 24),
        lasting("2026-06-03T09:00:00+02:00", &["f25"], "numbness", 30),
        // Within 30 days of the first flag: not flagged again.
        lasting("2026-06-20T09:00:00+02:00", &["f25"], "numbness", 48),
        lasting("2026-07-05T09:00:00+02:00", &["f25"], "numbness", 48),
    ];
    let found = flags(
        &entries,
        at("2026-06-01T00:00:00+02:00"),
        at("2026-07-31T00:00:00+02:00"),
    );
    let when: Vec<String> = found
        .iter()
        .map(|f| f.at.format("%m-%d").to_string())
        .collect();
    assert_eq!(when, ["06-03", "07-05"]);
    assert_eq!(found[0].reason, FlagReason::Lasted { seconds: 30 * 3600 });
    assert_eq!(
        found[0].tags_around,
        [("heat".to_string(), 2), ("stress".to_string(), 1)]
    );
}

#[test]
fn a_flag_before_the_period_keeps_one_early_in_it_quiet() {
    let entries = vec![
        lasting("2026-05-25T09:00:00+02:00", &["f25"], "numbness", 30),
        lasting("2026-06-10T09:00:00+02:00", &["f25"], "numbness", 30),
    ];
    let found = flags(
        &entries,
        at("2026-06-01T00:00:00+02:00"),
        at("2026-06-30T00:00:00+02:00"),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn coming_back_worse_needs_a_week_away_and_more_than_ever_before() {
    let since = at("2026-06-01T00:00:00+02:00");
    let until = at("2026-06-30T00:00:00+02:00");
    let base = vec![
        entry("2026-05-01T08:00:00+02:00", &["left-sole"], "burning", 5),
        entry("2026-05-03T08:00:00+02:00", &["left-sole"], "burning", 6),
    ];
    let with = |extra: Entry| {
        let mut all = base.clone();
        all.push(extra);
        flags(&all, since, until)
    };
    // Back after four weeks, stronger than ever: flagged.
    let found = with(entry(
        "2026-06-02T08:00:00+02:00",
        &["left-sole", "f25"],
        "burning",
        8,
    ));
    assert_eq!(
        found.iter().map(|f| f.reason).collect::<Vec<_>>(),
        [FlagReason::BackWorse { highest_before: 6 }]
    );
    // Back, but no more than a point stronger: not flagged.
    assert!(
        with(entry(
            "2026-06-02T08:00:00+02:00",
            &["left-sole"],
            "burning",
            7
        ))
        .is_empty()
    );
    // Another sensation in the same place is not the same one coming back.
    assert!(
        with(entry(
            "2026-06-02T08:00:00+02:00",
            &["left-sole"],
            "tingling",
            9
        ))
        .is_empty()
    );
    // Never away for a week: not "coming back".
    let mut steady = base.clone();
    steady.push(entry(
        "2026-05-30T08:00:00+02:00",
        &["left-sole"],
        "burning",
        3,
    ));
    steady.push(entry(
        "2026-06-02T08:00:00+02:00",
        &["left-sole"],
        "burning",
        9,
    ));
    assert!(flags(&steady, since, until).is_empty());
}

#[test]
fn dn4_items_come_from_the_sensation_types() {
    let entries = vec![
        entry("2026-06-02T08:00:00+02:00", &["f25"], "prickling", 2),
        entry("2026-06-03T08:00:00+02:00", &["f25"], "pins-and-needles", 2),
        entry("2026-06-03T09:00:00+02:00", &["f25"], "ice-cold", 2),
        entry("2026-06-04T09:00:00+02:00", &["f25"], "pressure", 2),
        entry("2026-05-04T09:00:00+02:00", &["f25"], "burning", 2),
    ];
    let items = dn4_items(
        &entries,
        at("2026-06-01T00:00:00+02:00"),
        at("2026-06-30T00:00:00+02:00"),
    );
    let present: Vec<(&str, u32)> = items
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(i, n)| (i.label(), *n))
        .collect();
    assert_eq!(present, [("Painful cold", 1), ("Pins and needles", 2)]);
    assert_eq!(items.len(), 7);
}
