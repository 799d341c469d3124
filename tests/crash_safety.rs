//! Crash safety of the journal: the real binary killed at random moments,
//! two writers racing, and month files holding whatever bytes a crash, a
//! bad disk or a careless edit may leave.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use sensemap::domain::{Catalogue, Draft, Entry, SensationId, YearMonth};
use sensemap::store::month_file::{self, MonthContent};
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

const MARCH: YearMonth = YearMonth {
    year: 2026,
    month: 3,
};

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

/// Every file under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(read) = fs::read_dir(&d) else { continue };
        for item in read {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
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

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// March entries with every optional field in use and awkward text.
fn march_entries() -> Vec<Entry> {
    let cat = Catalogue::global();
    let notes = [
        None,
        Some("line one\nline \"two\" ✓ \\ tab\there"),
        Some("r#\"raw\"# /* not a comment */ // nor this"),
    ];
    (0..6u32)
        .map(|i| {
            let when = format!("2026-03-{:02}T{:02}:15:00+01:00", 2 + 4 * i, 7 + i);
            Draft {
                at: at(&when),
                regions: [["f25"].as_slice(), &["b37", "b38"], &["left-sole"]][i as usize % 3]
                    .iter()
                    .map(|r| cat.lookup(r).unwrap())
                    .collect(),
                sensation: SensationId(["tingling", "burning", "electric"][i as usize % 3].into()),
                intensity: i64::from(i + 2),
                duration_s: (i % 2 == 0).then_some(60 * u64::from(i + 1)),
                note: notes[i as usize % 3].map(str::to_string),
                tags: (0..i % 3).map(|t| format!("tag{t}")).collect(),
            }
            .into_entry(
                Ulid::from_parts(1_770_000_000_000 + u64::from(i), u128::from(i)),
                at("2026-03-30T12:00:00+02:00"),
            )
            .unwrap()
        })
        .collect()
}

/// A valid month file, as a save writes it.
static VALID_MARCH: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    journal.add_many(march_entries()).unwrap();
    journal.store().read(MARCH).unwrap().unwrap().into_bytes()
});

/// One change to a file's bytes; positions are relative to its length.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    Overwrite(prop::sample::Index, u8),
    Duplicate(prop::sample::Index, usize),
    /// Changes one digit to another, keeping the file's shape.
    Digit(prop::sample::Index, u8),
    /// Copies a whole line after itself, as a hand edit might.
    DuplicateLine(prop::sample::Index),
    /// Removes a whole line.
    DeleteLine(prop::sample::Index),
    /// Adds a field after the first `(` of a line.
    AddField(prop::sample::Index, &'static str),
}

impl Mutation {
    fn apply(&self, bytes: &mut Vec<u8>) {
        let at = |i: &prop::sample::Index, len: usize| i.index(len + 1);
        match self {
            Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
            Mutation::Delete(i, n) => {
                let start = at(i, bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert(i, new) => {
                let start = at(i, bytes.len());
                bytes.splice(start..start, new.iter().copied());
            }
            Mutation::Overwrite(i, b) => {
                if !bytes.is_empty() {
                    let i = i.index(bytes.len());
                    bytes[i] = *b;
                }
            }
            Mutation::Duplicate(i, n) => {
                let start = at(i, bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Digit(i, d) => {
                let digits: Vec<usize> = (0..bytes.len())
                    .filter(|&k| bytes[k].is_ascii_digit())
                    .collect();
                if !digits.is_empty() {
                    bytes[digits[i.index(digits.len())]] = b'0' + d % 10;
                }
            }
            Mutation::DuplicateLine(i) | Mutation::DeleteLine(i) | Mutation::AddField(i, _) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let k = i.index(lines.len());
                match self {
                    Mutation::DuplicateLine(_) => lines.insert(k, lines[k].clone()),
                    Mutation::DeleteLine(_) => {
                        lines.remove(k);
                    }
                    Mutation::AddField(_, field) => {
                        if let Some(open) = lines[k].iter().position(|&b| b == b'(') {
                            lines[k].splice(open + 1..open + 1, field.bytes());
                        }
                    }
                    _ => unreachable!(),
                }
                *bytes = lines.join(&b'\n');
            }
        }
    }
}

/// Bytes that mean something to RON, to a month file, or to UTF-8.
fn telling_bytes() -> impl Strategy<Value = Vec<u8>> {
    let tokens: Vec<&'static [u8]> = vec![
        b"(",
        b")",
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b":",
        b"\"",
        b"\\",
        b"'",
        b"//",
        b"/*",
        b"*/",
        b"\n",
        b" ",
        b"0",
        b"1",
        b"2",
        b"-1",
        b"1e999",
        b"18446744073709551616",
        b"Some(",
        b"None",
        b"version",
        b"entries",
        b"mood: 3, ",
        b"r#\"",
        b"\"#",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xc3",
        b"\xe2\x9c\x93",
        b"\0",
        b"intensity: 11",
        b"at: \"2026-03-05\"",
        b"id: \"01ARZ3NDEKTSV4RRFFQ69G5FAV\"",
    ];
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 1..4),
        2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        4 => prop::collection::vec(prop::sample::select(tokens), 1..3).prop_map(|t| t.concat()),
    ]
}

/// A byte to write over another: mostly printable, so the file stays text.
fn overwriting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![4 => 0x20u8..0x7f, 1 => any::<u8>()]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<prop::sample::Index>(), telling_bytes()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), overwriting_byte())
            .prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        (any::<prop::sample::Index>(), 1..200usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<prop::sample::Index>(), 0..10u8).prop_map(|(i, d)| Mutation::Digit(i, d)),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        any::<prop::sample::Index>().prop_map(Mutation::DeleteLine),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                "mood: 3, ",
                "note: None, ",
                "tags: [], ",
                "version: 2, "
            ])
        )
            .prop_map(|(i, f)| Mutation::AddField(i, f)),
    ]
}

/// What to put in the month file.
fn month_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Anything at all, as bytes or as text.
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => any::<String>().prop_map(String::into_bytes),
        // A valid file, changed a little.
        5 => prop::collection::vec(mutation(), 1..4).prop_map(|changes| {
            let mut bytes = VALID_MARCH.clone();
            for change in &changes {
                change.apply(&mut bytes);
            }
            bytes
        }),
        // Deep nesting where the file allows any value, or where it does not.
        1 => (0..3000usize, any::<bool>()).prop_map(|(depth, in_entries)| {
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            if in_entries {
                format!("(version: 1, entries: [{deep}])").into_bytes()
            } else {
                format!("(version: 1, entries: [], extra: {deep})").into_bytes()
            }
        }),
    ]
}

/// The ids of `entries`, each once.
fn ids(entries: &[Entry]) -> BTreeSet<Ulid> {
    entries.iter().map(|e| e.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_as_a_month_file_never_panic_the_loader(bytes in month_bytes()) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(FsStore::new(dir.path()));
        let path = journal.store().path(MARCH);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &bytes).unwrap();

        let loaded = journal.load_all().unwrap();

        // The same file read and parsed here, on this thread, where a panic
        // cannot be swallowed by a reader thread.
        let expected = journal
            .store()
            .read(MARCH)
            .and_then(|text| month_file::decode(&path, &text.expect("the file is there")));
        let march_problems = loaded.problems.iter().filter(|p| p.month == MARCH).count();
        match expected {
            Err(why) => {
                prop_assert_eq!(march_problems, 1, "unreadable ({}) but not reported", why);
                prop_assert!(loaded.entries.is_empty());
                prop_assert!(loaded.read_only.is_empty());
            }
            Ok(MonthContent::Current(mut data)) => {
                // What the file holds once its own deletions are applied.
                data.settle();
                let entries = data.entries;
                prop_assert_eq!(march_problems, 0, "{:?}", loaded.problems);
                prop_assert!(loaded.read_only.is_empty());
                prop_assert_eq!(ids(&loaded.entries), ids(&entries));
                prop_assert_eq!(loaded.entries.len(), ids(&entries).len());
                // A readable month is rewritten without losing anything in it.
                let new = march_entries()[0].clone();
                let new = Entry { id: Ulid::from_parts(1_790_000_000_000, 7), ..new };
                if journal.add(new.clone()).is_ok() {
                    let after = journal.load_all().unwrap();
                    prop_assert!(after.problems.is_empty(), "{:?}", after.problems);
                    let mut want = ids(&entries);
                    want.insert(new.id);
                    prop_assert_eq!(ids(&after.entries), want);
                }
            }
            Ok(other) => {
                prop_assert_eq!(march_problems, 0, "{:?}", loaded.problems);
                prop_assert_eq!(&loaded.read_only, &vec![MARCH], "{:?}", other);
                prop_assert_eq!(loaded.notices.len(), 1);
                let duplicates = matches!(other, MonthContent::DuplicateIds { .. });
                let mut data = other.into_data();
                if !duplicates {
                    data.settle();
                }
                let entries = data.entries;
                prop_assert_eq!(ids(&loaded.entries), ids(&entries));
            }
        }
    }
}
