use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::domain::{Catalogue, Draft, SensationId};

/// Version `v` of entry `id` (the same id, changed at minute `v`), or its
/// deletion at minute `v`.
#[derive(Debug, Clone)]
enum Event {
    Version { id: u8, minute: u8, intensity: i64 },
    Deleted { id: u8, minute: u8 },
}

fn minute(m: u8) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
        .unwrap()
        + chrono::Duration::minutes(i64::from(m))
}

fn version(id: u8, minute_changed: u8, intensity: i64) -> Entry {
    let region = Catalogue::global().ids().next().unwrap();
    let mut e = Draft {
        at: minute(0),
        regions: vec![region],
        sensation: SensationId::new("tingling"),
        intensity,
        duration_s: None,
        note: None,
        tags: Vec::new(),
    }
    .into_entry(Ulid::from_parts(1, u128::from(id)), minute(0))
    .unwrap();
    e.updated = minute(minute_changed);
    e
}

fn data_of(events: &[Event]) -> MonthData {
    let mut data = MonthData::default();
    for e in events {
        match *e {
            Event::Version {
                id,
                minute: m,
                intensity,
            } => data.entries.push(version(id, m, intensity)),
            Event::Deleted { id, minute: m } => data.deleted.push(Tombstone {
                id: Ulid::from_parts(1, u128::from(id)),
                at: minute(m),
            }),
        }
    }
    data
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (0u8..4, 0u8..20, 0i64..=10).prop_map(|(id, minute, intensity)| Event::Version {
            id,
            minute,
            intensity
        }),
        (0u8..4, 0u8..20).prop_map(|(id, minute)| Event::Deleted { id, minute }),
    ]
}

#[test]
fn a_deletion_beats_the_version_it_deleted_and_a_later_change_beats_the_deletion() {
    let mut data = data_of(&[
        Event::Version {
            id: 1,
            minute: 5,
            intensity: 3,
        },
        Event::Deleted { id: 1, minute: 5 },
        Event::Version {
            id: 2,
            minute: 9,
            intensity: 4,
        },
        Event::Deleted { id: 2, minute: 8 },
    ]);
    data.settle();
    let ids: Vec<u128> = data.entries.iter().map(|e| e.id.random()).collect();
    assert_eq!(
        ids,
        [2],
        "1 stays deleted, 2 was changed after its deletion"
    );
    assert_eq!(data.deleted.len(), 1);
    assert_eq!(data.deleted[0].id.random(), 1);
}

#[test]
fn what_the_person_puts_in_replaces_any_version_or_deletion() {
    let mut data = data_of(&[
        Event::Deleted { id: 1, minute: 9 },
        Event::Version {
            id: 2,
            minute: 9,
            intensity: 9,
        },
    ]);
    data.put(vec![version(1, 2, 5), version(2, 9, 4)]);
    let kept: Vec<(u128, u8)> = data
        .entries
        .iter()
        .map(|e| (e.id.random(), e.intensity.value()))
        .collect();
    assert_eq!(kept, [(1, 5), (2, 4)]);
    assert!(data.deleted.is_empty());
}

proptest! {
    /// Two devices' copies meet in any order and grouping, as often as
    /// they like: the result is the same.
    #[test]
    fn merging_is_order_free_and_idempotent(
        a in proptest::collection::vec(event(), 0..8),
        b in proptest::collection::vec(event(), 0..8),
        c in proptest::collection::vec(event(), 0..8),
    ) {
        let (a, b, c) = (data_of(&a), data_of(&b), data_of(&c));
        let mut ab_c = a.clone();
        ab_c.absorb(b.clone());
        ab_c.absorb(c.clone());
        let mut c_ba = c.clone();
        let mut ba = b.clone();
        ba.absorb(a.clone());
        c_ba.absorb(ba);
        prop_assert_eq!(&ab_c, &c_ba);
        let mut twice = ab_c.clone();
        twice.absorb(ab_c.clone());
        prop_assert_eq!(&twice, &ab_c);
    }

    /// Whatever meets, each id ends as its newest event says: the latest
    /// version, unless a deletion at or after it.
    #[test]
    fn each_id_ends_as_its_newest_event_says(events in proptest::collection::vec(event(), 0..16)) {
        let mut data = data_of(&events);
        data.settle();
        for id in 0u8..4 {
            let ulid = Ulid::from_parts(1, u128::from(id));
            let newest_version = events.iter().filter_map(|e| match *e {
                Event::Version { id: i, minute, .. } if i == id => Some(minute),
                _ => None,
            }).max();
            let newest_death = events.iter().filter_map(|e| match *e {
                Event::Deleted { id: i, minute } if i == id => Some(minute),
                _ => None,
            }).max();
            let kept = data.entries.iter().find(|e| e.id == ulid);
            match (newest_version, newest_death) {
                (Some(v), d) if d.is_none_or(|d| v > d) => {
                    prop_assert_eq!(kept.map(|e| e.updated), Some(minute(v)));
                }
                _ => prop_assert!(kept.is_none()),
            }
        }
    }
}
