//! Two devices, one journal: deletions remembered, sync conflict copies
//! found and merged by the one rule (in the app, by `doctor --fix`), and
//! nothing lost in any order of adds, edits and deletes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use chrono::{DateTime, Duration, FixedOffset};
use common::{at, entry, key, runtime_over, screen_text};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use sensemap::app::Action;
use sensemap::domain::{Entry, Intensity, YearMonth};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal, MonthStore};
use ulid::Ulid;

const SYNCTHING: &str = ".sync-conflict-20261105-101010-ABCDEFG.ron";

fn journal(dir: &Path) -> Journal<FsStore> {
    Journal::new(FsStore::new(dir))
}

/// Puts every month file of `from` into `to` as a sync tool would: as the
/// month itself where `to` has none, else as a Syncthing conflict copy.
fn sync_as_conflicts(from: &Path, to: &Path) {
    sync(from, to, false);
}

/// [`sync_as_conflicts`], or, `theirs_wins`, with the arriving file taking
/// the month's place and the one there becoming the conflict copy.
fn sync(from: &Path, to: &Path, theirs_wins: bool) {
    let source = journal(from);
    let target = journal(to);
    for month in source.store().months().unwrap() {
        let text = fs::read_to_string(source.store().path(month)).unwrap();
        let canonical = target.store().path(month);
        let copy = canonical.with_file_name(format!("{month}{SYNCTHING}"));
        fs::create_dir_all(canonical.parent().unwrap()).unwrap();
        match (canonical.exists(), theirs_wins) {
            (false, _) => fs::write(canonical, text).unwrap(),
            (true, false) => fs::write(copy, text).unwrap(),
            (true, true) => {
                fs::rename(&canonical, copy).unwrap();
                fs::write(canonical, text).unwrap();
            }
        }
    }
}

fn copy_path(data: &Path, month: &str) -> PathBuf {
    data.join("entries")
        .join(&month[..4])
        .join(format!("{month}{SYNCTHING}"))
}

#[test]
fn conflict_copies_are_noted_by_the_cli_and_merged_by_doctor_fix() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let kept = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let theirs = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
    let j = journal(data);
    j.add(kept.clone()).unwrap();
    // The other device's copy of March has an entry this one lacks.
    fs::write(
        copy_path(data, "2026-03"),
        fs::read_to_string(j.store().path(march()))
            .unwrap()
            .replace(&kept.id.to_string(), &theirs.id.to_string()),
    )
    .unwrap();
    let listed = cargo_bin_cmd!("sensemap")
        .args([
            "--data-dir",
            data.to_str().unwrap(),
            "list",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&listed.get_output().stderr).to_string();
    assert!(
        stderr.contains("Syncthing conflict copy of 2026-03"),
        "{stderr}"
    );
    assert!(stderr.contains("doctor --fix"), "{stderr}");
    let stdout = String::from_utf8_lossy(&listed.get_output().stdout).to_string();
    assert!(
        stdout.contains(&theirs.id.to_string()),
        "shown, not missing"
    );

    cargo_bin_cmd!("sensemap")
        .args(["--data-dir", data.to_str().unwrap(), "doctor"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("Syncthing conflict copy"));
    let before = fs::read_to_string(j.store().path(march())).unwrap();
    assert!(
        !before.contains(&theirs.id.to_string()),
        "doctor alone changes nothing"
    );
    cargo_bin_cmd!("sensemap")
        .args(["--data-dir", data.to_str().unwrap(), "doctor", "--fix"])
        .assert()
        .success()
        .stdout(predicates::str::contains("merged"));
    assert!(!copy_path(data, "2026-03").exists());
    assert!(
        data.join("backups/copies")
            .join(format!("2026-03{SYNCTHING}"))
            .exists()
    );
    let ids: Vec<Ulid> = j.load_all().unwrap().entries.iter().map(|e| e.id).collect();
    assert_eq!(ids, [kept.id, theirs.id]);
}

fn march() -> YearMonth {
    YearMonth {
        year: 2026,
        month: 3,
    }
}

#[test]
fn delete_by_id_is_remembered_and_refuses_unknown_ids_changing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let a = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let b = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
    journal(data).add_many(vec![a.clone(), b.clone()]).unwrap();
    let file = journal(data).store().path(march());
    let before = fs::read_to_string(&file).unwrap();
    cargo_bin_cmd!("sensemap")
        .args(["--data-dir", data.to_str().unwrap(), "delete"])
        .arg(a.id.to_string())
        .arg("01J0NOTANIDATALLXXXXXXXXXX")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing was deleted"));
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    cargo_bin_cmd!("sensemap")
        .args(["--data-dir", data.to_str().unwrap(), "delete"])
        .arg(a.id.to_string())
        .assert()
        .success();
    let loaded = journal(data).load_all().unwrap();
    assert_eq!(loaded.entries, vec![b]);
    assert!(fs::read_to_string(&file).unwrap().contains("deleted: ["));
    // The other device never saw the delete: its copy brings nothing back.
    fs::write(copy_path(data, "2026-03"), before).unwrap();
    journal(data).fold_in_strays().unwrap();
    assert_eq!(journal(data).load_all().unwrap().entries.len(), 1);
}

#[test]
fn the_app_says_copies_are_there_and_m_merges_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mine = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
    let theirs = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
    journal(&data).add(mine.clone()).unwrap();
    let other = tempfile::tempdir().unwrap();
    journal(other.path())
        .add_many(vec![mine.clone(), theirs.clone()])
        .unwrap();
    sync_as_conflicts(other.path(), &data);

    let j = journal(&data);
    let copies = sensemap::runtime::copies(&j);
    // Wide enough that the panel's lines do not wrap.
    let mut runtime: Runtime = runtime_over(vec![mine.clone()], j, 200, 60);
    runtime.dispatch(Action::CopiesFound(copies));
    let screen = screen_text(&runtime.app);
    assert!(screen.contains("is not merged: M merges"), "{screen}");
    assert!(
        screen.contains("Syncthing conflict copy of 2026-03"),
        "{screen}"
    );
    assert!(
        !runtime
            .app
            .journal
            .entries
            .iter()
            .any(|e| e.id == theirs.id)
    );

    runtime.handle_event(&key(KeyCode::Char('M')));
    assert!(runtime.settle(std::time::Duration::from_secs(20)));
    assert!(
        runtime
            .app
            .journal
            .entries
            .iter()
            .any(|e| e.id == theirs.id)
    );
    assert!(runtime.app.journal.copies.is_empty());
    let screen = screen_text(&runtime.app);
    assert!(screen.contains("Merged 1 copy (2 entries)"), "{screen}");
    assert!(!screen.contains("not merged"), "{screen}");
}

/// One step on one device.
#[derive(Debug, Clone)]
enum Step {
    /// A new entry (its number picks the time and place).
    Add(u8),
    /// The `n`th entry the device has (mod how many) gets a new intensity,
    /// and moves to April when `move_month`.
    Edit(usize, i64, bool),
    /// The `n`th entry the device has is deleted.
    Delete(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        any::<u8>().prop_map(Step::Add),
        (any::<usize>(), 0i64..=10, any::<bool>()).prop_map(|(n, i, m)| Step::Edit(n, i, m)),
        any::<usize>().prop_map(Step::Delete),
    ]
}

fn base() -> DateTime<FixedOffset> {
    at("2026-06-01T09:00:00+01:00")
}

/// Runs `steps` on `device` (the device doing step `i` is `devices[i]`),
/// each at its own later minute; returns the expected end state: for each
/// id its newest event, `None` for a deletion.
fn play(
    dirs: [&Path; 2],
    first_minute: usize,
    steps: &[(bool, Step)],
    expected: &mut BTreeMap<Ulid, (DateTime<FixedOffset>, Option<Entry>)>,
) {
    for (minute, (on_b, step)) in steps.iter().enumerate() {
        let now = base() + Duration::minutes((first_minute + minute) as i64 + 1);
        let j = journal(dirs[usize::from(*on_b)]);
        let mine = j.load_all().unwrap().entries;
        match step {
            Step::Add(n) => {
                let mut e = entry(
                    &format!("2026-03-{:02}T10:00:00+01:00", 1 + n % 28),
                    &["b37"],
                    "tingling",
                    i64::from(n % 11),
                );
                e.id = Ulid::from_parts(now.timestamp_millis() as u64, u128::from(*on_b));
                e.created = now;
                e.updated = now;
                j.add(e.clone()).unwrap();
                expected.insert(e.id, (now, Some(e)));
            }
            Step::Edit(n, intensity, move_month) if !mine.is_empty() => {
                let before = &mine[n % mine.len()];
                let mut after = before.clone();
                after.intensity = Intensity::try_from(*intensity as u8).unwrap();
                if *move_month {
                    after.at = at("2026-04-02T10:00:00+01:00");
                }
                after.updated = now;
                j.update(before, after.clone()).unwrap();
                expected.insert(after.id, (now, Some(after)));
            }
            Step::Delete(n) if !mine.is_empty() => {
                let doomed = &mine[n % mine.len()];
                j.delete_at(doomed, now).unwrap();
                expected.insert(doomed.id, (now, None));
            }
            _ => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Two devices start from the same journal, change it apart in any
    /// order of adds, edits and deletes, then each receives the other's
    /// files as conflict copies and merges them: both end with the same
    /// journal, where each entry is as its newest change left it.
    #[test]
    fn two_devices_end_the_same_and_lose_nothing(
        shared in proptest::collection::vec(any::<u8>(), 0..4),
        steps in proptest::collection::vec((any::<bool>(), step()), 1..12),
        theirs_wins in any::<(bool, bool)>(),
    ) {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut expected = BTreeMap::new();
        // Both devices start from the same journal...
        let all: Vec<(bool, Step)> = shared
            .into_iter()
            .map(|n| (false, Step::Add(n)))
            .chain(steps)
            .collect();
        let start = all.iter().take_while(|(on_b, s)| !on_b && matches!(s, Step::Add(_))).count();
        play([a.path(), b.path()], 0, &all[..start], &mut expected);
        fs::remove_dir(b.path()).unwrap();
        copy_dir(a.path(), b.path());
        // ...change it apart...
        play([a.path(), b.path()], start, &all[start..], &mut expected);
        // ...and each receives the other's files.
        let a_before = tempfile::tempdir().unwrap();
        copy_dir(a.path(), a_before.path());
        sync(b.path(), a.path(), theirs_wins.0);
        sync(a_before.path(), b.path(), theirs_wins.1);
        let mut want: Vec<Entry> = expected.into_values().filter_map(|(_, e)| e).collect();
        want.sort_by_key(Entry::sort_key);
        // Before anything is merged, every view already shows the end state.
        prop_assert_eq!(&journal(a.path()).load_all().unwrap().entries, &want);
        journal(a.path()).fold_in_strays().unwrap();
        journal(b.path()).fold_in_strays().unwrap();
        let end_a = journal(a.path()).load_all().unwrap();
        let end_b = journal(b.path()).load_all().unwrap();
        prop_assert!(end_a.strays.is_empty() && end_b.strays.is_empty());
        prop_assert_eq!(&end_a.entries, &end_b.entries);
        prop_assert_eq!(&end_a.entries, &want);
        // The views that read only some months agree: --since April...
        let april: Vec<Entry> = want.iter().filter(|e| e.at >= at("2026-04-01T00:00:00+01:00")).cloned().collect();
        let since = journal(a.path()).load_since(at("2026-04-03T00:00:00+01:00")).unwrap().entries;
        let since: Vec<Entry> = since.into_iter().filter(|e| e.at >= at("2026-04-01T00:00:00+01:00")).collect();
        prop_assert_eq!(since, april);
        // ...and the app, which reads month by month.
        let shown = app_view(a.path());
        prop_assert_eq!(shown, want);
    }
}

/// The app as it starts on `data` at `clock`, with the file watcher or the
/// background loader as asked.
fn app_on(
    data: &Path,
    clock: fn() -> DateTime<FixedOffset>,
    watch: Option<bool>,
    background_load: bool,
) -> Runtime {
    Runtime::start(
        journal(data),
        sensemap::domain::SensationCatalogue::built_in(),
        Box::new(clock),
        common::zone(),
        sensemap::runtime::Options {
            watch: watch.is_some(),
            force_polling: watch.unwrap_or(false),
            tick: false,
            background_load,
        },
    )
}

/// Lets the background loader bring every month in.
fn load_everything(runtime: &mut Runtime) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !runtime.app.journal.pending_months.is_empty() && std::time::Instant::now() < deadline {
        let _ = runtime.next(std::time::Duration::from_millis(20));
    }
    assert!(runtime.app.journal.pending_months.is_empty());
}

/// What the app shows once every month is loaded, oldest first. Its clock
/// is in June, so March and April come from the background loader.
fn app_view(data: &Path) -> Vec<Entry> {
    let mut runtime = app_on(data, || at("2026-06-01T12:00:00+01:00"), None, true);
    load_everything(&mut runtime);
    let mut shown: Vec<Entry> = runtime.app.journal.entries.iter().cloned().collect();
    shown.sort_by_key(Entry::sort_key);
    shown
}

/// Copies a folder tree.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for item in fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.path().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            fs::copy(item.path(), target).unwrap();
        }
    }
}

#[test]
fn a_conflict_copy_arriving_while_the_app_is_open_is_told_at_once() {
    for polling in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_path_buf();
        let mine = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
        journal(&data).add(mine.clone()).unwrap();
        let mut runtime = app_on(&data, common::now, Some(polling), false);
        assert!(runtime.app.journal.copies.is_empty());
        let other = tempfile::tempdir().unwrap();
        let theirs = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
        journal(other.path())
            .add_many(vec![mine.clone(), theirs])
            .unwrap();
        sync_as_conflicts(other.path(), &data);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while runtime.app.journal.copies.is_empty() && std::time::Instant::now() < deadline {
            let _ = runtime.next(std::time::Duration::from_millis(50));
        }
        assert_eq!(runtime.app.journal.copies.len(), 1, "polling: {polling}");
        let status = runtime.app.status.clone().unwrap().text;
        assert!(status.contains("M on the map merges it"), "{status}");
    }
}

#[test]
fn the_app_hides_an_entry_whose_deletion_another_month_remembers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    // A deletion in January (loaded in the background) of a version that a
    // sync tool left live in March (loaded first; the clock is 11 March).
    let x = entry("2026-01-20T09:00:00+01:00", &["b37"], "tingling", 3);
    let mut moved = x.clone();
    moved.at = at("2026-03-05T09:00:00+01:00");
    moved.updated = at("2026-03-06T09:00:00+01:00");
    journal(&data)
        .add_many(vec![x.clone(), moved.clone()])
        .unwrap();
    let january = YearMonth {
        year: 2026,
        month: 1,
    };
    let mut jan = journal(&data).month_data(january).unwrap();
    jan.entries.clear();
    jan.deleted.push(sensemap::store::month_file::Tombstone {
        id: x.id,
        at: at("2026-03-07T09:00:00+01:00"),
    });
    fs::write(
        journal(&data).store().path(january),
        sensemap::store::month_file::encode(january, &jan).unwrap(),
    )
    .unwrap();
    let mut runtime = app_on(&data, common::now, None, true);
    assert!(
        runtime.app.journal.entries.get(x.id).is_some(),
        "first shown: the deletion is in a month not read yet"
    );
    load_everything(&mut runtime);
    assert!(
        runtime.app.journal.entries.get(x.id).is_none(),
        "shown although deleted"
    );
}

#[test]
fn an_entry_the_disk_brings_back_after_a_deletion_is_shown_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let x = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
    journal(&data).add(x.clone()).unwrap();
    let march_file = journal(&data).store().path(march());
    let before = fs::read_to_string(&march_file).unwrap();
    let mut runtime = app_on(&data, common::now, None, false);
    assert!(runtime.app.journal.entries.get(x.id).is_some());
    let reread = |runtime: &mut Runtime| {
        runtime
            .handle(sensemap::runtime::Event::DiskChanged(vec![march()]))
            .unwrap();
        assert!(runtime.settle(std::time::Duration::from_secs(20)));
    };
    // Deleted elsewhere: the app hides it...
    journal(&data).delete(&x).unwrap();
    reread(&mut runtime);
    assert!(runtime.app.journal.entries.get(x.id).is_none());
    // ...and a restore of the month brings it back into view.
    fs::write(&march_file, before).unwrap();
    reread(&mut runtime);
    assert!(
        runtime.app.journal.entries.get(x.id).is_some(),
        "still hidden by a deletion the file no longer holds"
    );
}

#[test]
fn a_copy_already_there_is_told_just_after_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let mine = entry("2026-03-05T10:00:00+01:00", &["b37"], "tingling", 3);
    journal(&data).add(mine.clone()).unwrap();
    let other = tempfile::tempdir().unwrap();
    let theirs = entry("2026-03-06T10:00:00+01:00", &["f25"], "burning", 5);
    journal(other.path()).add_many(vec![mine, theirs]).unwrap();
    sync_as_conflicts(other.path(), &data);
    let mut runtime = app_on(&data, common::now, None, false);
    // The walk for copies is not in the way of the first frame...
    assert!(runtime.app.journal.copies.is_empty());
    // ...and it is told as soon as the loop runs.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while runtime.app.journal.copies.is_empty() && std::time::Instant::now() < deadline {
        let _ = runtime.next(std::time::Duration::from_millis(50));
    }
    assert_eq!(runtime.app.journal.copies.len(), 1);
}
