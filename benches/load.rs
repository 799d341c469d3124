//! Loading the journal from disk over 1k, 10k and 100k entries, against the
//! floor issue #12 measures it by: a plain, single-threaded, typed RON
//! parse of the same files (what a first version would write with serde's
//! derive and no care for speed).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use ulid::Ulid;

use sensemap::store::{FsStore, Journal};

#[path = "history/mod.rs"]
mod history;

/// A month file, typed the plain way.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainMonth {
    version: u32,
    entries: Vec<PlainEntry>,
    #[serde(default)]
    deleted: Vec<PlainTombstone>,
}

/// An entry, typed the plain way: strings for regions and sensation.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainEntry {
    id: Ulid,
    at: DateTime<FixedOffset>,
    regions: Vec<String>,
    sensation: String,
    intensity: u8,
    #[serde(default)]
    duration_s: Option<u64>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    created: DateTime<FixedOffset>,
    updated: DateTime<FixedOffset>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainTombstone {
    id: Ulid,
    at: DateTime<FixedOffset>,
}

/// Every month file under `dir`.
fn month_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("entries"))
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|year| {
            std::fs::read_dir(year.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|f| f.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Reads and parses every file in turn, on one thread.
fn plain_parse(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            ron::from_str::<PlainMonth>(&text).map_or(0, |m| m.entries.len())
        })
        .sum()
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for size in history::SIZES {
        let dir = history::data_dir(size);
        let files = month_files(dir.path());
        let journal = Journal::new(FsStore::new(dir.path()));
        let count = journal.load_all().map_or(0, |l| l.entries.len());
        assert_eq!(plain_parse(&files), count, "both read every entry");
        group.bench_function(
            format!("plain typed RON parse, one thread, {}", size.label),
            |b| b.iter(|| black_box(plain_parse(&files))),
        );
        group.bench_function(format!("journal load_all, {}", size.label), |b| {
            b.iter(|| black_box(journal.load_all().map(|l| l.entries.len())))
        });
    }
    group.finish();
}

/// The fullest month of the largest history (about 1,000 entries): what
/// `log` reads, merges and writes back.
fn one_month(c: &mut Criterion) {
    use sensemap::store::month_file::{MonthData, decode, encode};
    let entries = history::entries(history::SIZES[2]);
    let mut sizes: std::collections::BTreeMap<_, usize> = Default::default();
    for e in &entries {
        *sizes.entry(e.month()).or_default() += 1;
    }
    let month = sizes
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(m, _)| *m)
        .unwrap_or_else(|| unreachable!());
    let mut data =
        MonthData::of_entries(entries.into_iter().filter(|e| e.month() == month).collect());
    data.settle();
    let text = encode(month, &data).unwrap_or_default();
    let mut group = c.benchmark_group(format!("one month of {} entries", data.entries.len()));
    group.bench_function("decode", |b| {
        b.iter(|| black_box(decode(Path::new("m.ron"), &text).is_ok()))
    });
    group.bench_function("encode (write and read back)", |b| {
        b.iter(|| black_box(encode(month, &data).map(|t| t.len())))
    });
    group.bench_function("settle", |b| {
        b.iter(|| {
            let mut copy = data.clone();
            copy.settle();
            black_box(copy.entries.len())
        })
    });
    group.finish();
}

criterion_group!(benches, one_month, load);
criterion_main!(benches);
