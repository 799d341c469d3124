//! Views that read part of the journal agree with the full one, and an
//! import that would touch a read-only file changes nothing.

use std::fs;

use super::{
    NOVEMBER, OCTOBER, SEPTEMBER, all, at, entry, journal, path, raw_month, sensemap, with_line,
};
use sensemap::domain::{Entry, YearMonth};

#[test]
fn since_views_agree_with_the_full_load_whatever_earlier_months_hold() {
    let december = YearMonth {
        year: 2026,
        month: 12,
    };
    let since = at("2026-12-01T00:00:00+01:00");
    let mut e = entry("2026-12-05T10:00:00+01:00", &["b37"], "tingling", 3);
    e.updated = at("2026-12-05T10:00:00+01:00");
    let mut e_later = e.clone();
    e_later.at = at("2026-12-10T10:00:00+01:00");
    e_later.updated = at("2026-12-07T10:00:00+01:00");
    let mut twin = entry("2026-12-07T10:00:00+01:00", &["f25"], "burning", 6);
    twin.id = e.id;
    let mut e_in_september = e.clone();
    e_in_september.at = at("2026-09-10T10:00:00+01:00");
    e_in_september.updated = at("2026-12-08T10:00:00+01:00");
    let misfiled = entry("2026-12-10T10:00:00+01:00", &["f25"], "burning", 4);
    let cases: Vec<(&str, Vec<(YearMonth, String)>)> = vec![
        (
            "an entry dated in range, filed in an earlier month",
            vec![
                (december, raw_month(december, vec![e.clone()], vec![])),
                (
                    SEPTEMBER,
                    raw_month(SEPTEMBER, vec![misfiled.clone()], vec![]),
                ),
            ],
        ),
        (
            "a deletion between two versions, each in an earlier month",
            vec![
                (december, raw_month(december, vec![e.clone()], vec![])),
                (
                    OCTOBER,
                    raw_month(
                        OCTOBER,
                        vec![],
                        vec![(e.clone(), "2026-12-06T10:00:00+01:00")],
                    ),
                ),
                (
                    SEPTEMBER,
                    raw_month(SEPTEMBER, vec![e_later.clone()], vec![]),
                ),
            ],
        ),
        (
            "a shared id in range and a newer version earlier",
            vec![
                (
                    december,
                    with_line(&raw_month(december, vec![e.clone()], vec![]), &twin),
                ),
                (
                    SEPTEMBER,
                    raw_month(SEPTEMBER, vec![e_in_september.clone()], vec![]),
                ),
            ],
        ),
    ];
    for (case, files) in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        for (month, text) in files {
            fs::create_dir_all(path(data, month).parent().unwrap()).unwrap();
            fs::write(path(data, month), text).unwrap();
        }
        let in_range = |entries: Vec<Entry>| -> Vec<Entry> {
            entries.into_iter().filter(|x| x.at >= since).collect()
        };
        let full = in_range(all(data));
        let partial = in_range(journal(data).load_since(since).unwrap().entries);
        assert_eq!(partial, full, "{case}");
    }
}

#[test]
fn an_import_refused_by_a_read_only_file_holding_a_misfiled_entry_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-10-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let b = entry("2026-11-05T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data).add(a.clone()).unwrap();
    let september = raw_month(SEPTEMBER, vec![b.clone()], vec![]).replacen(
        "intensity: 5,",
        "intensity: 5, mood: \"bad\",",
        1,
    );
    fs::create_dir_all(path(data, SEPTEMBER).parent().unwrap()).unwrap();
    fs::write(path(data, SEPTEMBER), &september).unwrap();
    let mut rows = Vec::new();
    for (e, intensity) in [(&a, 7), (&b, 8)] {
        let mut newer = e.clone();
        newer.intensity = (intensity as u8).try_into().unwrap();
        newer.updated = at("2026-11-25T10:00:00+01:00");
        rows.push(serde_json::to_value(&newer).unwrap());
    }
    let file = data.join("newer.json");
    fs::write(&file, serde_json::Value::Array(rows).to_string()).unwrap();
    let october = fs::read_to_string(path(data, OCTOBER)).unwrap();
    sensemap(data, &["import", file.to_str().unwrap()])
        .failure()
        .stderr(predicates::str::contains("does not know"));
    assert_eq!(fs::read_to_string(path(data, OCTOBER)).unwrap(), october);
    assert_eq!(
        fs::read_to_string(path(data, SEPTEMBER)).unwrap(),
        september
    );
}

#[test]
fn an_import_whose_older_version_sits_in_a_read_only_month_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let p = entry("2026-11-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let q = entry("2026-10-05T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data).add_many(vec![p.clone(), q.clone()]).unwrap();
    let exported = sensemap(data, &["export", "--format", "json"]).success();
    let mut bundle: serde_json::Value =
        serde_json::from_slice(&exported.get_output().stdout).unwrap();
    for row in bundle["entries"].as_array_mut().unwrap() {
        row["updated"] = "2026-11-25T10:00:00+01:00".into();
        row["intensity"] = 9.into();
        if row["id"] == q.id.to_string() {
            row["at"] = "2026-09-05T10:00:00+01:00".into();
        }
    }
    // November's entry first, so a per-entry import would write it before
    // meeting October.
    bundle["entries"].as_array_mut().unwrap().reverse();
    let file = dir.path().join("newer.json");
    fs::write(&file, bundle.to_string()).unwrap();
    let october = fs::read_to_string(path(data, OCTOBER)).unwrap().replacen(
        "intensity: 5,",
        "intensity: 5, mood: \"bad\",",
        1,
    );
    fs::write(path(data, OCTOBER), &october).unwrap();
    let november = fs::read_to_string(path(data, NOVEMBER)).unwrap();
    sensemap(data, &["import", file.to_str().unwrap()]).failure();
    assert_eq!(fs::read_to_string(path(data, NOVEMBER)).unwrap(), november);
    assert_eq!(fs::read_to_string(path(data, OCTOBER)).unwrap(), october);
}
