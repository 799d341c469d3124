//! `sensemap import` text (export JSON bundle, `list --format json` array,
//! `treatment list --format json` object, or export CSV) through
//! `read_import_text`, which parses it and turns every record into an entry.
#![no_main]

use chrono::{DateTime, FixedOffset};
use libfuzzer_sys::fuzz_target;
use sensemap::cli::read_import_text;
use sensemap::domain::SensationCatalogue;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-11-26T12:00:00+01:00").expect("fixed time");
    let _ = read_import_text(&text, &SensationCatalogue::built_in(), now);
});
