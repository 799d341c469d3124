//! DUR text: how long a sensation lasted.

use super::WhenError;

/// The longest duration accepted: a year, in seconds.
const LONGEST: u64 = crate::domain::entry::LONGEST_DURATION_S;

/// Parses a DUR text such as `90s`, `15m`, `2h30m` or `1 day` into seconds:
/// more than none, at most a year.
pub fn parse_duration(input: &str) -> Result<u64, WhenError> {
    let lower = input.trim().to_lowercase();
    let words = match lower.as_str() {
        "half an hour" | "half hour" => "30m".to_string(),
        "an hour" | "a minute" | "a day" | "a second" => {
            lower.replacen("an ", "1 ", 1).replacen("a ", "1 ", 1)
        }
        _ => lower.clone(),
    };
    let text = words.as_str();
    // A bare number is minutes: that is how people say "it lasted 20".
    let seconds = if let Ok(minutes) = text.parse::<u64>() {
        minutes.checked_mul(60)
    } else {
        let parsed =
            humantime::parse_duration(text).map_err(|_| WhenError::Duration(text.to_string()))?;
        Some(parsed.as_secs())
    };
    match seconds {
        Some(s) if (1..=LONGEST).contains(&s) => Ok(s),
        _ => Err(WhenError::DurationRange(text.to_string())),
    }
}

/// Formats seconds compactly: `45s`, `15m`, `2h30m`, `3d4h`.
pub fn format_duration(seconds: u64) -> String {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let parts = [(d, "d"), (h, "h"), (m, "m"), (s, "s")];
    let text: String = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if text.is_empty() {
        "0s".to_string()
    } else {
        text
    }
}

/// Formats seconds for reading at a glance, to the minute once past an
/// hour: `45s`, `12m`, `5h50m`, `2d3h`.
pub fn format_duration_short(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds}s"),
        60..3600 => format!("{}m", (seconds + 30) / 60),
        3600..86_400 => {
            let minutes = (seconds + 30) / 60;
            format_duration(minutes * 60)
        }
        _ => {
            let hours = (seconds + 1800) / 3600;
            format_duration(hours * 3600)
        }
    }
}
