use chrono::Duration;
use proptest::prelude::*;
use ulid::Ulid;

use super::*;
use crate::store::month_file::Tombstone;
use crate::store::month_file::fast::tests::entry_strategy;

fn month() -> YearMonth {
    YearMonth {
        year: 2026,
        month: 3,
    }
}

/// `data` settled as a save leaves it, with `new` moved to just after its
/// last entry (so it sorts last) under an id none of them has.
fn last_after(data: &MonthData, mut new: Entry, gap: i64) -> Entry {
    let last = data.entries.last().expect("at least one entry");
    new.at = last.at + Duration::seconds(gap);
    new.created = new.at;
    new.updated = new.at;
    new
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Splicing a last entry into what `encode` wrote gives, byte for
    /// byte, what `encode` writes for the month with the entry put in, and
    /// says where the entries end in it.
    #[test]
    fn a_spliced_month_is_what_encode_writes(
        entries in proptest::collection::vec(entry_strategy(), 1..6),
        deaths in proptest::collection::vec((any::<u128>(), 0i64..4_000_000_000), 0..3),
        new in entry_strategy(),
        gap in 0i64..100_000,
    ) {
        let deleted = deaths
            .into_iter()
            .map(|(id, secs)| Tombstone {
                id: Ulid(id),
                at: chrono::DateTime::from_timestamp(secs, 0).unwrap().fixed_offset(),
            })
            .collect();
        let mut data = MonthData { entries, deleted };
        data.settle();
        let new = last_after(&data, new, gap);
        prop_assume!(data.entries.iter().all(|e| e.sort_key() < new.sort_key()));
        prop_assume!(data.deleted.iter().all(|t| t.id != new.id));
        let text = encode(month(), &data).unwrap();
        let end = entries_end(&text);
        prop_assert!(end.is_some(), "{}", text);
        let spliced = with_last_entry(month(), &text, end.unwrap(), &new).unwrap();
        prop_assert!(spliced.is_some());
        let spliced = spliced.unwrap();
        data.put(vec![new]);
        let expected = encode(month(), &data).unwrap();
        prop_assert_eq!(&spliced.parts(&text).concat(), &expected);
        prop_assert_eq!(Some(spliced.entries_end()), entries_end(&expected));
    }
}

#[test]
fn an_empty_month_has_no_end_of_entries_to_splice_at() {
    let text = encode(month(), &MonthData::default()).unwrap();
    assert_eq!(entries_end(&text), None);
}

#[test]
fn an_end_that_is_not_where_the_entries_end_splices_nothing() {
    let entry = proptest::strategy::ValueTree::current(
        &entry_strategy()
            .new_tree(&mut proptest::test_runner::TestRunner::deterministic())
            .unwrap(),
    );
    let data = MonthData::of_entries(vec![entry.clone()]);
    let text = encode(month(), &data).unwrap();
    let end = entries_end(&text).unwrap();
    let later = last_after(&data, entry, 60);
    let mut later = later;
    later.id = Ulid::from_parts(u64::MAX >> 16, 1);
    for wrong in [0, 1, end - 1, end + 1, text.len(), text.len() + 10] {
        assert!(
            with_last_entry(month(), &text, wrong, &later)
                .unwrap()
                .is_none(),
            "spliced at {wrong}"
        );
    }
    assert!(
        with_last_entry(month(), &text, end, &later)
            .unwrap()
            .is_some()
    );
}
