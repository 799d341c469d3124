//! Crash safety of the journal: the real binary killed at random moments,
//! and two writers racing. (Month files holding arbitrary bytes are in
//! `month_file_bytes.rs`.)

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use sensemap::domain::Entry;
use sensemap::store::{FsStore, Journal, Loaded, MonthStore};
use ulid::Ulid;

/// The clock every run sees: all the `--at` times below lie before it.
const NOW: &str = "2026-11-26T12:00:00+01:00";
/// Central European Time, so local times read the same on any machine.
const TZ: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
/// Only a hung process ever gets near this; a slow one never does.
const SAFETY_DEADLINE: Duration = Duration::from_secs(60);
/// The signal `Child::kill` sends on Unix.
const SIGKILL: i32 = 9;

/// `sensemap --data-dir ROOT/data` with a config of its own (never the
/// user's), the fixed clock and zone, and no input.
fn sensemap(root: &Path) -> Command {
    let config = root.join("config.ron");
    if !config.exists() {
        fs::write(&config, "()\n").unwrap();
    }
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("sensemap"));
    cmd.arg("--data-dir")
        .arg(root.join("data"))
        .env("SENSEMAP_CONFIG", config)
        .env("SENSEMAP_NOW", NOW)
        .env("TZ", TZ)
        .env_remove("SENSEMAP_DATA_DIR")
        .stdin(Stdio::null());
    cmd
}

/// `sensemap log` of a tingling left sole felt at `at`.
fn log_command(root: &Path, at: &str) -> Command {
    let mut cmd = sensemap(root);
    cmd.args([
        "log",
        "-r",
        "left sole",
        "-s",
        "tingling",
        "-i",
        "3",
        "--at",
        at,
    ]);
    cmd
}

/// Runs `cmd` to the end, killing it only if it outlives the safety deadline.
fn run(cmd: Command) -> Output {
    assert_cmd::Command::from_std(cmd)
        .timeout(SAFETY_DEADLINE)
        .output()
        .unwrap()
}

/// Why a finished run was not a success, in words.
fn failure(what: &str, out: &Output) -> String {
    let why = if out.status.signal() == Some(SIGKILL) {
        format!("still running after the {SAFETY_DEADLINE:?} safety deadline: it hung")
    } else {
        format!("{}", out.status)
    };
    format!(
        "{what}: {why}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The id a successful `log` printed, or why there is none.
fn acknowledged_id(at: &str, out: &Output) -> Result<String, String> {
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || Ulid::from_string(&id).is_err() {
        return Err(failure(&format!("log --at '{at}'"), out));
    }
    Ok(id)
}

/// A distinct past time for run `i`: months January to June 2026 in turn,
/// days 1 to 28, then minutes past `hour` (far from any clock change).
fn when(i: usize, hour: usize) -> String {
    let month = 1 + i % 6;
    let day = 1 + (i / 6) % 28;
    let slot = i / (6 * 28);
    assert!(slot < 60, "run {i} has no distinct time left");
    format!("2026-{month:02}-{day:02} {hour:02}:{slot:02}")
}

/// A small, fast, reproducible random number generator (SplitMix64).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..=max`.
    fn up_to(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }
}

/// Every file under `dir`, at any depth, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    common::cli::files(dir).into_keys().collect()
}

/// The temporary files a save writes before renaming, left anywhere in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(".sensemap-") && name.ends_with(".tmp")
        })
        .collect()
}

/// The journal loaded from `data`, which must hold no unreadable and no
/// read-only month.
fn load_cleanly(data: &Path) -> Loaded {
    let loaded = Journal::new(FsStore::new(data)).load_all().unwrap();
    assert!(
        loaded.problems.is_empty(),
        "unreadable months: {:#?}",
        loaded.problems
    );
    assert!(
        loaded.notices.is_empty(),
        "read-only months: {:#?}",
        loaded.notices
    );
    loaded
}

/// The ids `sensemap list --format json` shows, which must succeed.
fn listed_ids(root: &Path) -> BTreeSet<String> {
    let mut cmd = sensemap(root);
    cmd.args(["list", "--format", "json"]);
    let out = run(cmd);
    assert!(out.status.success(), "{}", failure("list", &out));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_logger_killed_at_random_200_times_loses_no_acknowledged_entry() {
    const KILLS: usize = 200;
    const MAX_ATTEMPTS: usize = 3000;
    // SENSEMAP_CRASH_SEED=n replays or varies the delays.
    let seed = std::env::var("SENSEMAP_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5E45_E3A9_u64);
    let mut rng = SplitMix64(seed);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let data = root.join("data");

    // id -> `--at` of each acknowledged entry; `--at` of each killed run.
    let mut acknowledged: BTreeMap<String, String> = BTreeMap::new();
    let mut killed: BTreeSet<String> = BTreeSet::new();
    let (mut attempts, mut finished_first, mut killed_mid_write) = (0, 0, 0);
    while killed.len() < KILLS {
        assert!(
            attempts < MAX_ATTEMPTS,
            "only {} of {KILLS} kills landed in {MAX_ATTEMPTS} runs (seed {seed}): \
             the process ends before the kills can reach it",
            killed.len()
        );
        let at = when(attempts, 10);
        attempts += 1;
        let delay = Duration::from_micros(rng.up_to(15_000));
        let temps_before = temp_files(&data);
        let mut child = log_command(root, &at)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        thread::sleep(delay);
        // SIGKILL; a process that already exited keeps its own status.
        let kill = child.kill();
        let status = child.wait().unwrap();
        let mut stdout = Vec::new();
        let mut stderr = Vec::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_end(&mut stdout)
            .unwrap();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_end(&mut stderr)
            .unwrap();
        let out = Output {
            status,
            stdout,
            stderr,
        };
        // A kill counts only if it landed: the process was still running.
        if kill.is_ok() && status.signal() == Some(SIGKILL) {
            // A temp file of its own: it was killed while writing.
            if temp_files(&data).iter().any(|t| !temps_before.contains(t)) {
                killed_mid_write += 1;
            }
            killed.insert(at);
        } else {
            // Exited on its own: it must have saved and said so.
            let id = acknowledged_id(&at, &out).unwrap_or_else(|e| panic!("{e}"));
            assert!(acknowledged.insert(id, at).is_none(), "an id printed twice");
            finished_first += 1;
        }
    }

    // One more save into each month, which clears the temp files that the
    // killed saves left behind, and leaves six month files.
    for month in 1..=6 {
        let at = format!("2026-{month:02}-28 20:00");
        let id =
            acknowledged_id(&at, &run(log_command(root, &at))).unwrap_or_else(|e| panic!("{e}"));
        acknowledged.insert(id, at);
    }
    assert_eq!(temp_files(root), Vec::<PathBuf>::new(), "stale temp files");
    let entries_dir = data.join("entries");
    for file in files_under(&entries_dir) {
        let relative = file.strip_prefix(&entries_dir).unwrap().to_string_lossy();
        assert!(
            relative.len() == "2026/2026-01.ron".len()
                && relative.starts_with("2026/2026-0")
                && relative.ends_with(".ron"),
            "a stray file under entries: {}",
            file.display()
        );
    }
    let journal = Journal::new(FsStore::new(&data));
    let months = journal.store().months().unwrap();
    assert_eq!(months.len(), 6, "{months:?}");

    let loaded = load_cleanly(&data);
    let found: BTreeMap<String, &Entry> = loaded
        .entries
        .iter()
        .map(|e| (e.id.to_string(), e))
        .collect();
    let texts: Vec<String> = months
        .iter()
        .map(|&m| journal.store().read(m).unwrap().unwrap())
        .collect();
    for (id, at) in &acknowledged {
        let entry = found
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged entry {id} (--at {at}) is lost"));
        assert_eq!(&entry.at.format("%Y-%m-%d %H:%M").to_string(), at);
        let copies: usize = texts.iter().map(|t| t.matches(id.as_str()).count()).sum();
        assert_eq!(copies, 1, "acknowledged entry {id} is saved {copies} times");
    }
    // Whatever else is there came from a killed run that got as far as saving.
    let mut killed_after_save = 0;
    for entry in found.values() {
        if !acknowledged.contains_key(&entry.id.to_string()) {
            let at = entry.at.format("%Y-%m-%d %H:%M").to_string();
            assert!(killed.contains(&at), "an entry nobody logged: {entry:?}");
            killed_after_save += 1;
        }
    }
    assert_eq!(loaded.entries.len(), found.len(), "an id loaded twice");
    assert_eq!(
        listed_ids(root),
        found.keys().cloned().collect::<BTreeSet<_>>(),
        "list shows what the journal holds"
    );
    eprintln!(
        "seed {seed}: {attempts} attempts, {} kills landed ({killed_mid_write} mid-write, \
         {killed_after_save} after the save), {finished_first} finished before the kill, \
         {} acknowledged (with the 6 final saves), {} found",
        killed.len(),
        acknowledged.len(),
        found.len()
    );
}

#[test]
fn two_processes_logging_500_entries_each_keep_all_1000() {
    const EACH: usize = 500;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    sensemap(&root); // writes the config before the writers race
    let stop = AtomicBool::new(false);
    let started = std::time::Instant::now();
    let results: Vec<Result<Vec<(String, String)>, String>> = thread::scope(|scope| {
        let writers: Vec<_> = (0..2)
            .map(|writer| {
                let (root, stop) = (&root, &stop);
                scope.spawn(move || {
                    let mut saved = Vec::with_capacity(EACH);
                    for i in 0..EACH {
                        if stop.load(Ordering::Relaxed) {
                            return Err("stopped: the other writer failed".to_string());
                        }
                        // The same months and days for both, at other hours.
                        let at = when(i, 8 + 6 * writer);
                        match acknowledged_id(&at, &run(log_command(root, &at))) {
                            Ok(id) => saved.push((id, at)),
                            Err(e) => {
                                stop.store(true, Ordering::Relaxed);
                                return Err(format!("writer {writer}, run {i}: {e}"));
                            }
                        }
                    }
                    Ok(saved)
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let elapsed = started.elapsed();
    let mut acknowledged: BTreeMap<String, String> = BTreeMap::new();
    for result in results {
        for (id, at) in result.unwrap_or_else(|e| panic!("{e}")) {
            assert!(acknowledged.insert(id, at).is_none(), "an id printed twice");
        }
    }
    assert_eq!(acknowledged.len(), 2 * EACH);

    let loaded = load_cleanly(&root.join("data"));
    let found: BTreeMap<String, &Entry> = loaded
        .entries
        .iter()
        .map(|e| (e.id.to_string(), e))
        .collect();
    for (id, at) in &acknowledged {
        let entry = found
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged entry {id} (--at {at}) is lost"));
        assert_eq!(&entry.at.format("%Y-%m-%d %H:%M").to_string(), at);
    }
    assert_eq!(loaded.entries.len(), 2 * EACH, "entries nobody logged");
    assert_eq!(
        listed_ids(&root),
        acknowledged.keys().cloned().collect::<BTreeSet<_>>()
    );
    eprintln!(
        "{} log processes in {elapsed:.1?}, {} acknowledged, {} found",
        2 * EACH,
        acknowledged.len(),
        found.len()
    );
}
