use chrono::{DateTime, Duration, FixedOffset};
use proptest::prelude::*;
use ulid::Ulid;

use super::*;
use crate::domain::YearMonth;
use crate::store::month_file::{MonthData, MonthFileIn, encode};

/// What RON makes of `text`, as the fast reader would give it.
fn by_ron(text: &str) -> Option<FastMonth> {
    let (parsed, unknown) = super::super::parse_noting_unknown::<MonthFileIn>(text);
    let file = parsed.ok().filter(|_| unknown.is_empty())?;
    Some(FastMonth {
        version: file.version,
        entries: file.entries,
        deleted: file.deleted,
    })
}

fn month() -> YearMonth {
    YearMonth {
        year: 2026,
        month: 3,
    }
}

fn time(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn entry(note: Option<&str>, tags: &[&str]) -> Entry {
    let catalogue = Catalogue::global();
    Entry {
        id: Ulid::from_parts(1, 7),
        at: time("2026-03-10T08:30:00-05:00"),
        regions: Regions::try_from(vec![
            catalogue.lookup("left-sole").unwrap(),
            catalogue.lookup("right-palm").unwrap(),
        ])
        .unwrap(),
        sensation: SensationId::new("pins-and-needles"),
        intensity: Intensity::try_from(6).unwrap(),
        duration_s: Some(900),
        note: note.map(str::to_string),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        created: time("2026-03-10T09:00:00+05:45"),
        updated: time("2026-03-11T09:00:00Z"),
    }
}

fn file(entries: Vec<Entry>, deleted: Vec<Tombstone>) -> String {
    encode(month(), &MonthData { entries, deleted }).unwrap()
}

#[test]
fn reads_what_sensemap_writes_as_ron_does() {
    let text = file(
        vec![
            entry(
                Some("after a \"hot\" shower\nlasted a while\t\\ é 😀 \u{7}"),
                &["heat", "fatigue"],
            ),
            Entry {
                id: Ulid::from_parts(1, 8),
                ..entry(None, &[])
            },
        ],
        vec![Tombstone {
            id: Ulid::from_parts(2, 9),
            at: time("2026-03-12T10:00:00+01:00"),
        }],
    );
    let fast = parse(&text).expect("the fast reader takes sensemap's own files");
    assert_eq!(Some(&fast), by_ron(&text).as_ref());
    assert_eq!(
        fast.entries[0].note.as_deref().map(|n| n.contains('\u{7}')),
        Some(true)
    );
}

#[test]
fn gives_up_on_what_only_ron_reads_well() {
    let text = file(vec![entry(Some("x"), &["heat"])], vec![]);
    assert!(parse(&text).is_some());
    for (from, to) in [
        ("intensity: 6", "intensity: 6, mood: \"bad\""),
        ("intensity: 6", "intensity: 11"),
        ("intensity: 6", "intensity: 0x6"),
        ("intensity: 6", "intensity: 06"),
        ("intensity: 6", "intensity: 6, intensity: 6"),
        ("duration_s: Some(900)", "duration_s: 900"),
        ("duration_s: Some(900)", "duration_s: Some (900)"),
        ("\"left-sole\"", "r\"left-sole\""),
        ("\"left-sole\"", "\"left-tail\""),
        ("note: Some(\"x\")", "note: Some(\"\\x41\")"),
        ("(\n  version", "/* hi */ (\n  version"),
        ("(\n  version", "MonthFile(\n  version"),
        ("version: 2", "version: 2, extra: 1"),
    ] {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        assert_eq!(parse(&changed), None, "{to}");
    }
}

#[test]
fn times_in_other_forms_are_read_by_chrono() {
    for written in [
        "2026-03-10T08:30:00.250+01:00",
        "2026-03-10 08:30:00+01:00",
        "2026-03-10T08:30:00-00:00",
        "2026-03-10T08:30:00+14:00",
    ] {
        let text = file(vec![entry(None, &[])], vec![])
            .replacen("2026-03-10T13:30:00Z", written, 1)
            .replacen("2026-03-10T08:30:00-05:00", written, 1);
        assert!(text.contains(written), "{written}");
        assert_eq!(parse(&text), by_ron(&text), "{written}");
    }
    assert_eq!(quick_time("2026-02-30T08:30:00Z"), None);
    assert_eq!(quick_time("2026-03-10T24:00:00Z"), None);
    assert_eq!(
        quick_time("2026-03-10T08:30:00+05:45"),
        Some(time("2026-03-10T08:30:00+05:45"))
    );
}

/// Notes and tags of any characters, quotes, escapes and lines among them.
fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"\\\\\n\t']{0,12}",
        Just(String::new()),
    ]
}

pub(in crate::store::month_file) fn entry_strategy() -> impl Strategy<Value = Entry> {
    (
        any::<u128>(),
        0i64..4_000_000_000,
        -840i32..840,
        proptest::collection::vec(0usize..74, 1..5),
        text_strategy(),
        0u8..=10,
        proptest::option::of(any::<u64>()),
        proptest::option::of(text_strategy()),
        proptest::collection::vec(text_strategy(), 0..3),
        0i64..1_000_000,
    )
        .prop_map(
            |(id, secs, offset, regions, sensation, intensity, duration_s, note, tags, later)| {
                // Offsets are whole minutes, as written.
                let offset = FixedOffset::east_opt(offset * 60).unwrap();
                let at = DateTime::from_timestamp(secs, 0)
                    .unwrap()
                    .with_timezone(&offset);
                let all: Vec<_> = Catalogue::global().ids().collect();
                Entry {
                    id: Ulid(id),
                    at,
                    regions: Regions::try_from(
                        regions
                            .into_iter()
                            .map(|i| all[i % all.len()])
                            .collect::<Vec<_>>(),
                    )
                    .unwrap(),
                    sensation: SensationId::new(sensation),
                    intensity: Intensity::try_from(intensity).unwrap(),
                    duration_s,
                    note,
                    tags,
                    created: at,
                    updated: at + Duration::seconds(later),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any month sensemap writes is read by the fast reader, exactly as
    /// RON reads it.
    #[test]
    fn any_written_month_reads_the_same(
        entries in proptest::collection::vec(entry_strategy(), 0..6),
        deaths in proptest::collection::vec((any::<u128>(), 0i64..4_000_000_000), 0..3),
    ) {
        let deleted: Vec<Tombstone> = deaths
            .into_iter()
            .map(|(id, secs)| Tombstone {
                id: Ulid(id),
                at: DateTime::from_timestamp(secs, 0).unwrap().fixed_offset(),
            })
            .collect();
        // Written as `encode` writes, without its check on reading back.
        let text = ron::ser::to_string_pretty(
            &super::super::MonthFileOut { version: 2, entries: &entries, deleted: &deleted },
            ron::ser::PrettyConfig::new()
                .depth_limit(2)
                .indentor("  ")
                .struct_names(false),
        )
        .unwrap();
        let fast = parse(&text);
        prop_assert!(fast.is_some(), "{}", text);
        prop_assert_eq!(fast, by_ron(&text));
        // And sensemap's own writer makes the very same text.
        let data = MonthData { entries, deleted };
        prop_assert_eq!(super::super::text::body(2, &data), text);
    }

    /// Whatever the fast reader takes from a damaged or hand-edited file,
    /// RON reads the same; what it cannot, it leaves to RON.
    #[test]
    fn an_edited_month_reads_as_ron_reads_it_or_not_at_all(
        entries in proptest::collection::vec(entry_strategy(), 1..3),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..3, "[ -~\n\t\u{e9}]{0,3}"), 1..4),
    ) {
        let mut text = file(entries, vec![]);
        for (place, kind, with) in edits {
            let mut at = place.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            match kind {
                0 => text.insert_str(at, &with),
                1 => text.replace_range(at..end, ""),
                _ => text.replace_range(at..end, &with),
            }
        }
        if let Some(fast) = parse(&text) {
            prop_assert_eq!(Some(fast), by_ron(&text), "{}", text);
        }
    }
}
