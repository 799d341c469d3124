use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn the_first_save_of_a_day_keeps_the_old_file_and_later_saves_do_not_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let rel = Path::new("treatments.ron");
    fs::write(dir.path().join(rel), "first").unwrap();
    let made = back_up_once_a_day(dir.path(), rel, day("2026-11-20")).unwrap();
    assert_eq!(
        made,
        Some(dir.path().join("backups/2026-11-20/treatments.ron"))
    );
    fs::write(dir.path().join(rel), "second").unwrap();
    assert_eq!(
        back_up_once_a_day(dir.path(), rel, day("2026-11-20")).unwrap(),
        None
    );
    let kept = fs::read_to_string(dir.path().join("backups/2026-11-20/treatments.ron")).unwrap();
    assert_eq!(
        kept, "first",
        "the day's backup is the version before the day's first save"
    );
}

#[test]
fn thirty_days_are_kept_then_one_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let rel = Path::new("treatments.ron");
    fs::write(dir.path().join(rel), "text").unwrap();
    let mut date = day("2026-06-01");
    while date <= day("2026-11-26") {
        back_up_once_a_day(dir.path(), rel, date).unwrap();
        date = date.succ_opt().unwrap();
    }
    let folders: std::collections::BTreeSet<String> = list(dir.path())
        .unwrap()
        .into_iter()
        .map(|f| f.folder)
        .collect();
    let recent = folders
        .iter()
        .filter(|f| f.as_str() >= "2026-10-28")
        .count();
    assert_eq!(recent, 30, "{folders:?}");
    for month_end in ["2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30"] {
        assert!(
            folders.contains(month_end),
            "{month_end} missing from {folders:?}"
        );
    }
    assert_eq!(folders.len(), 30 + 4 + 1, "{folders:?}"); // + October 27th
}

#[test]
fn a_backup_before_a_restore_never_replaces_the_days_backup() {
    let dir = tempfile::tempdir().unwrap();
    let rel = Path::new("reports.ron");
    fs::write(dir.path().join(rel), "a").unwrap();
    back_up_once_a_day(dir.path(), rel, day("2026-11-26")).unwrap();
    fs::write(dir.path().join(rel), "b").unwrap();
    let second = back_up_now(dir.path(), rel, day("2026-11-26"))
        .unwrap()
        .unwrap();
    assert_eq!(second, dir.path().join("backups/2026-11-26.2/reports.ron"));
    assert_eq!(fs::read_to_string(second).unwrap(), "b");
    assert_eq!(
        fs::read_to_string(dir.path().join("backups/2026-11-26/reports.ron")).unwrap(),
        "a"
    );
}

#[test]
fn a_file_backed_up_once_in_an_old_month_keeps_that_backup() {
    let dir = tempfile::tempdir().unwrap();
    let august = Path::new("entries/2026/2026-08.ron");
    let september = Path::new("entries/2026/2026-09.ron");
    fs::create_dir_all(dir.path().join("entries/2026")).unwrap();
    fs::write(dir.path().join(august), "august").unwrap();
    fs::write(dir.path().join(september), "september").unwrap();
    back_up_once_a_day(dir.path(), august, day("2026-09-03")).unwrap();
    back_up_once_a_day(dir.path(), september, day("2026-09-28")).unwrap();
    // Long after, a save starts a new day's folder and prunes.
    back_up_once_a_day(dir.path(), september, day("2026-11-26")).unwrap();
    let kept: Vec<(String, PathBuf)> = list(dir.path())
        .unwrap()
        .into_iter()
        .map(|f| (f.folder, f.relative))
        .collect();
    assert!(
        kept.contains(&("2026-09-03".into(), august.to_path_buf())),
        "{kept:?}"
    );
    assert!(
        kept.contains(&("2026-09-28".into(), september.to_path_buf())),
        "{kept:?}"
    );
}

#[test]
fn the_tenth_backup_of_a_day_is_later_than_the_ninth() {
    let dir = tempfile::tempdir().unwrap();
    let rel = Path::new("reports.ron");
    fs::write(dir.path().join(rel), "text").unwrap();
    for n in 1..=11 {
        fs::write(dir.path().join(rel), format!("version {n}")).unwrap();
        back_up_now(dir.path(), rel, day("2026-09-05")).unwrap();
    }
    back_up_once_a_day(dir.path(), rel, day("2026-11-26")).unwrap();
    let kept: Vec<String> = list(dir.path())
        .unwrap()
        .into_iter()
        .map(|f| f.folder)
        .filter(|f| f.starts_with("2026-09"))
        .collect();
    assert_eq!(kept, ["2026-09-05.11"]);
}
