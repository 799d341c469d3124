//! Month-file text read by `decode` (whose fast reader takes sensemap's
//! own files) and by `decode_with_ron` (RON alone): both must give the
//! same entries, or both refuse the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use sensemap::store::month_file::{decode, decode_with_ron};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("f.ron");
    match (decode(path, text), decode_with_ron(path, text)) {
        (Ok(fast), Ok(ron)) => assert_eq!(fast, ron, "{text}"),
        (Err(_), Err(_)) => {}
        (fast, ron) => panic!("fast {fast:?}\nron {ron:?}\n{text}"),
    }
});
