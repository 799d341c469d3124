//! Generated histories shared by the benchmarks: the sizes issue #12 names
//! (about 1k, 10k and 100k entries), on disk and in memory.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use sensemap::domain::Entry;
use sensemap::domain::generate::{GenerateSpec, generate};
use sensemap::store::{FsStore, Journal};

/// The offset every generated entry is logged in.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap_or_else(|| unreachable!())
}

/// The moment the benchmarks run at: the day after each history ends.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-11T10:00:00+01:00").unwrap_or_else(|_| unreachable!())
}

/// A history size: its label, and `generate --years Y --per-day N`.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// How the benchmark names it.
    pub label: &'static str,
    /// Years of history, ending yesterday.
    pub years: i64,
    /// Mean entries a day.
    pub per_day: f64,
}

/// About 1k, 10k and 100k entries, as `benches/whole_process.sh` makes.
pub const SIZES: [Size; 3] = [
    Size {
        label: "1k",
        years: 1,
        per_day: 3.0,
    },
    Size {
        label: "10k",
        years: 3,
        per_day: 9.0,
    },
    Size {
        label: "100k",
        years: 10,
        per_day: 30.0,
    },
];

/// The entries of `size`, sorted by time, ending the day before [`now`].
pub fn entries(size: Size) -> Vec<Entry> {
    let end = now().date_naive() - chrono::Duration::days(1);
    let spec = GenerateSpec {
        start: end - chrono::Duration::days(365 * size.years),
        end,
        per_day: size.per_day,
        seed: 1,
    };
    generate(&spec, &offset())
}

/// A data directory holding the history of `size`.
pub fn data_dir(size: Size) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
    let _ = Journal::new(FsStore::new(dir.path())).add_many(entries(size));
    dir
}

/// The start of the history of ten years, as `screens` has always used.
pub fn ten_years_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 3, 11).unwrap_or_default()
}
