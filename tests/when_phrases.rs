//! No text can make the time and duration readers panic, in the app or on
//! the command line: they answer with a time or with a reason.

mod common;

use chrono::{DateTime, FixedOffset};
use common::cli::sm;
use proptest::prelude::*;
use sensemap::app::{DateOrder, Zone};
use sensemap::domain::when::parse_duration;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(common::NOW).unwrap()
}

fn read_everywhere(text: &str) {
    for zone in [Zone::Local, Zone::Fixed(common::zone_offset())] {
        for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
            let _ = zone.read(text, now(), order);
        }
    }
    let _ = parse_duration(text);
}

/// Words and numbers the readers know, put together at random.
fn phrase() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("ago".to_string()),
        Just("yesterday".to_string()),
        Just("last".to_string()),
        Just("this".to_string()),
        Just("night".to_string()),
        Just("monday".to_string()),
        Just("at".to_string()),
        Just("pm".to_string()),
        Just("am".to_string()),
        Just("an".to_string()),
        Just("hour".to_string()),
        Just("years".to_string()),
        Just("d".to_string()),
        Just("/".to_string()),
        Just(":".to_string()),
        "[0-9]{1,25}",
        "[0-9]{1,4}/[0-9]{1,4}(/[0-9]{1,6})?",
        "[0-9]{1,3}:[0-9]{1,3}(pm|am)?",
        "[0-9]{1,22}(s|m|h|d|w|y|years| days)",
    ];
    prop::collection::vec(word, 1..5).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_is_read_or_refused_never_a_panic(text in any::<String>()) {
        read_everywhere(&text);
    }

    #[test]
    fn phrases_of_known_words_and_huge_numbers_never_panic(text in phrase()) {
        read_everywhere(&text);
        read_everywhere(&format!("{text} ago"));
    }
}

#[test]
fn hostile_times_and_durations_on_the_command_line_exit_2_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    for value in [
        "300000 years ago",
        "99999999999999999999999d ago",
        "18446744073709551615s",
        "9999/9999/999999",
        "31/02",
        "13pm",
    ] {
        for args in [
            vec![
                "log", "-r", "f25", "-s", "tingling", "-i", "3", "--at", value,
            ],
            vec!["list", "--since", value],
            vec!["map", "--until", value],
            vec!["log", "-r", "f25", "-s", "tingling", "-i", "3", "-d", value],
        ] {
            let out = sm(dir.path()).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
    let zero = sm(dir.path())
        .args(["log", "-r", "f25", "-s", "tingling", "-i", "3", "-d", "0"])
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("more than 0"));
}
