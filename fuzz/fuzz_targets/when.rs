//! The WHEN parser (`--at`, `--since`, `--until`, the app's time field):
//! `Zone::read` and `Zone::read_until`, both date orders, at a fixed now,
//! in the zone of `now` and at the two extreme UTC offsets.
#![no_main]

use chrono::{DateTime, FixedOffset};
use libfuzzer_sys::fuzz_target;
use sensemap::domain::when::{DateOrder, Zone};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2026-11-26T12:00:00+01:00").expect("fixed time");
    for seconds in [3600, 14 * 3600, -12 * 3600] {
        let zone = Zone::Fixed(FixedOffset::east_opt(seconds).expect("valid offset"));
        for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
            let _ = zone.read(text, now, order);
            let _ = zone.read_until(text, now, order);
        }
    }
});
