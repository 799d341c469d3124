//! Month-file text (`entries/YYYY/YYYY-MM.ron`) read by `decode`; whatever
//! it yields is settled by the merge rule and written back with `encode`.
//! None of it may panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sensemap::store::month_file::{MonthContent, decode, encode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(content) = decode(Path::new("f.ron"), text) else {
        return;
    };
    let mut data = MonthContent::into_data(content);
    data.settle();
    if let Some(first) = data.entries.first() {
        // An Err (e.g. the round-trip check refusing) is fine; a panic is not.
        let _ = encode(first.month(), &data);
    }
});
