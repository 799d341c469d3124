//! Export then import into an empty data folder gives back the same
//! entries (JSON and CSV) and the same treatment records (JSON), whatever
//! the notes, tags, times and treatments hold.

mod common;

use chrono::{DateTime, Duration, FixedOffset};
use common::cli::{NOW, sm, stdout};
use proptest::prelude::*;
use sensemap::domain::treatment::{Application, Course, DoseChange, TreatmentLog};
use sensemap::domain::{Catalogue, Draft, Entry, SensationCatalogue};
use sensemap::store::{FsStore, Journal};
use ulid::Ulid;

/// Built-in treatments a generated course or application may name.
const TREATMENTS: [&str; 5] = [
    "gabapentin",
    "duloxetine",
    "lidocaine-patch",
    "capsaicin-cream",
    "cbt",
];

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

/// Free text with what breaks naive writers: separators, quotes, line
/// breaks, formula starts, a leading apostrophe, and letters beyond ASCII.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("=".to_string()),
            Just("'".to_string()),
            Just("-".to_string()),
            Just(";".to_string()),
            "[a-zé ]{1,6}",
        ],
        1..6,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("notes are trimmed", |t| {
        !t.trim().is_empty() && t.trim() == t
    })
}

fn entry() -> impl Strategy<Value = Entry> {
    let regions = Catalogue::global().len();
    let sensations = SensationCatalogue::built_in().types().len();
    (
        0i64..400 * 24 * 60,
        -11i32..14,
        prop::collection::vec(0..regions, 1..4),
        0..sensations,
        0i64..=10,
        prop::option::of(1u64..100_000),
        prop::option::of(text()),
        prop::collection::vec("[a-z][a-z-]{0,7}", 0..3),
    )
        .prop_map(
            |(minutes_ago, offset, regions, sensation, intensity, duration_s, note, tags)| {
                let zone = FixedOffset::east_opt(offset * 3600).unwrap();
                let at = (now() - Duration::minutes(minutes_ago + 60)).with_timezone(&zone);
                let ids: Vec<_> = Catalogue::global().ids().collect();
                Draft {
                    at,
                    regions: regions.iter().map(|&i| ids[i]).collect(),
                    sensation: sensemap::domain::SensationId::new(
                        &SensationCatalogue::built_in().types()[sensation].id,
                    ),
                    intensity,
                    duration_s,
                    note,
                    tags,
                }
                .into_entry(Ulid::generate(), at + Duration::minutes(5))
                .unwrap()
            },
        )
}

/// One course per chosen treatment (so none overlaps another of its kind),
/// with dose changes inside it, and applications anywhere in the past.
fn treatments() -> impl Strategy<Value = TreatmentLog> {
    let course = (
        0usize..TREATMENTS.len(),
        30i64..300,
        prop::option::of(1i64..29),
        prop::option::of(text()),
        prop::collection::vec(text(), 0..3),
        prop::option::of(text()),
    );
    let application = (
        0usize..TREATMENTS.len(),
        1i64..300,
        prop::collection::vec(0..Catalogue::global().len(), 0..3),
        prop::option::of(text()),
    );
    (
        prop::collection::vec(course, 0..4),
        prop::collection::vec(application, 0..4),
    )
        .prop_map(|(courses, applications)| {
            let ids: Vec<_> = Catalogue::global().ids().collect();
            let mut log = TreatmentLog::default();
            for (t, days_ago, stop_after, dose, changes, note) in courses {
                if log.courses.iter().any(|c| c.treatment == TREATMENTS[t]) {
                    continue;
                }
                let start = now() - Duration::days(days_ago);
                log.courses.push(Course {
                    id: Ulid::generate(),
                    treatment: TREATMENTS[t].to_string(),
                    start,
                    stop: stop_after.map(|d| start + Duration::days(d)),
                    dose,
                    dose_changes: changes
                        .into_iter()
                        .enumerate()
                        .map(|(i, dose)| DoseChange {
                            at: start + Duration::hours(i as i64 + 1),
                            dose,
                        })
                        .collect(),
                    note,
                });
            }
            for (t, days_ago, regions, note) in applications {
                let mut regions: Vec<_> = regions.iter().map(|&i| ids[i]).collect();
                regions.sort();
                regions.dedup();
                log.applications.push(Application {
                    id: Ulid::generate(),
                    treatment: TREATMENTS[t].to_string(),
                    at: now() - Duration::days(days_ago),
                    regions,
                    note,
                });
            }
            log.sort();
            log
        })
}

/// The export bundle with entries in id order, so that the order months
/// are read in does not matter.
fn bundle(dir: &std::path::Path) -> serde_json::Value {
    let text = stdout(sm(dir).args(["export", "--format", "json"]));
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["entries"]
        .as_array_mut()
        .unwrap()
        .sort_by_key(|e| e["id"].as_str().unwrap().to_string());
    value
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_reproduces_entries_and_treatments(
        entries in prop::collection::vec(entry(), 1..12),
        log in treatments(),
    ) {
        let from = tempfile::tempdir().unwrap();
        let journal = Journal::new(FsStore::new(from.path().join("data")));
        let count = entries.len();
        journal.add_many(entries).unwrap();
        journal
            .change_treatments(|mine| {
                *mine = log.clone();
                Ok::<(), String>(())
            })
            .unwrap()
            .unwrap();
        let original = bundle(from.path());
        // The export holds what was generated, not just what export says.
        prop_assert_eq!(original["entries"].as_array().unwrap().len(), count);
        prop_assert_eq!(&original["treatments"], &serde_json::to_value(&log).unwrap());
        let json_file = from.path().join("out.json");
        std::fs::write(&json_file, stdout(sm(from.path()).args(["export", "--format", "json"]))).unwrap();
        let csv_file = from.path().join("out.csv");
        std::fs::write(&csv_file, stdout(sm(from.path()).args(["export", "--format", "csv"]))).unwrap();

        let via_json = tempfile::tempdir().unwrap();
        sm(via_json.path()).arg("import").arg(&json_file).assert().success();
        prop_assert_eq!(&bundle(via_json.path()), &original);
        // A second import adds nothing.
        sm(via_json.path()).arg("import").arg(&json_file).assert().success();
        prop_assert_eq!(&bundle(via_json.path()), &original);

        let via_csv = tempfile::tempdir().unwrap();
        sm(via_csv.path()).arg("import").arg(&csv_file).assert().success();
        prop_assert_eq!(&bundle(via_csv.path())["entries"], &original["entries"]);
    }
}
