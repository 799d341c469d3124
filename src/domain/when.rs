//! The WHEN and DUR syntax shared by the command line and the app.
//!
//! Pure: the current time and time zone are passed in, so every form can be
//! tested at any fixed moment.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime,
    TimeZone, Weekday,
};

/// The time zone WHEN text is read in: the one way into the time parser,
/// for the app and the command line alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The machine's local zone, with its daylight-saving rules.
    Local,
    /// A fixed offset (tests, screenshots).
    Fixed(FixedOffset),
}

impl Zone {
    /// Reads WHEN text relative to `now` in this zone.
    ///
    /// Accepts `now`, RFC 3339, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `today`,
    /// `yesterday`, a weekday name (the most recent one), each optionally
    /// followed by `HH:MM`, a bare `HH:MM` (its most recent past occurrence),
    /// and `2h ago`, `3 days ago` or a bare `7d` (that long before now).
    pub fn parse_when(
        self,
        text: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, WhenError> {
        match self {
            Zone::Local => parse_when(text, &now.with_timezone(&chrono::Local), &chrono::Local),
            Zone::Fixed(offset) => parse_when(text, &now.with_timezone(&offset), &offset),
        }
    }

    /// `at` as wall-clock time in this zone.
    pub fn localize(self, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match self {
            Zone::Local => at.with_timezone(&chrono::Local).fixed_offset(),
            Zone::Fixed(offset) => at.with_timezone(&offset),
        }
    }
}

/// Why a WHEN or DUR text was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// Nothing matched.
    #[error(
        "cannot read time '{0}': use now, 2h ago, 7d, yesterday 21:00, monday 08:30, 21:00, \
         2026-03-01, 2026-03-01 14:30 or RFC 3339"
    )]
    Unrecognized(String),
    /// A local time that the clock skipped (daylight saving).
    #[error("{0} does not exist in local time (the clock skipped it)")]
    Skipped(NaiveDateTime),
    /// A duration that could not be read.
    #[error("cannot read duration '{0}': use 90s, 15m, 2h30m or 1d")]
    Duration(String),
}

/// Parses a WHEN text relative to `now`, resolving local forms in `tz`.
fn parse_when<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    tz: &Tz,
) -> Result<DateTime<FixedOffset>, WhenError> {
    let text = input.trim().to_lowercase();
    let unrecognized = || WhenError::Unrecognized(input.trim().to_string());
    let now_fixed = now.fixed_offset();
    if text.is_empty() {
        return Err(unrecognized());
    }
    if text == "now" {
        return Ok(now_fixed);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(input.trim()) {
        return Ok(at);
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&text, format) {
            return local(tz, naive);
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return local(tz, date.and_time(NaiveTime::MIN));
    }
    if let Some(ago) = text.strip_suffix("ago") {
        let span = parse_span(ago).ok_or_else(unrecognized)?;
        return Ok(now_fixed - span);
    }
    if let Some(span) = parse_span(&text) {
        return Ok(now_fixed - span);
    }

    let today = now.naive_local().date();
    let (day_word, time_word) = match text.split_once(' ') {
        Some((day, time)) => (day, Some(time.trim())),
        None => (text.as_str(), None),
    };
    let day = match day_word {
        "today" => Some(today),
        "yesterday" => today.pred_opt(),
        word => word
            .parse::<Weekday>()
            .ok()
            .map(|wd| most_recent(today, wd)),
    };
    match (day, time_word) {
        (Some(day), None) => local(tz, day.and_time(NaiveTime::MIN)),
        (Some(day), Some(time)) => local(
            tz,
            day.and_time(parse_clock(time).ok_or_else(unrecognized)?),
        ),
        (None, None) => {
            let time = parse_clock(day_word).ok_or_else(unrecognized)?;
            let candidate = local(tz, today.and_time(time))?;
            if candidate > now_fixed {
                let yesterday = today.pred_opt().ok_or_else(unrecognized)?;
                local(tz, yesterday.and_time(time))
            } else {
                Ok(candidate)
            }
        }
        (None, Some(_)) => Err(unrecognized()),
    }
}

/// Parses a DUR text such as `90s`, `15m`, `2h30m` or `1 day` into seconds.
pub fn parse_duration(input: &str) -> Result<u64, WhenError> {
    let text = input.trim();
    // A bare number is minutes: that is how people say "it lasted 20".
    if let Ok(minutes) = text.parse::<u64>() {
        return minutes
            .checked_mul(60)
            .ok_or_else(|| WhenError::Duration(text.to_string()));
    }
    humantime::parse_duration(text)
        .map(|d| d.as_secs())
        .map_err(|_| WhenError::Duration(text.to_string()))
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

/// A span like `2h`, `3 days` or `1w`, as a chrono duration.
fn parse_span(text: &str) -> Option<Duration> {
    let text = text.trim();
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let std = humantime::parse_duration(text).ok()?;
    Duration::from_std(std).ok()
}

/// `21:00`, `9:05` or `21:00:30`.
fn parse_clock(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// The latest date on or before `today` that falls on `weekday`.
fn most_recent(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    today - Duration::days(i64::from(back))
}

/// Resolves a local wall-clock time; in a repeated hour the earlier one wins.
fn local<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> Result<DateTime<FixedOffset>, WhenError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.fixed_offset()),
        LocalResult::None => Err(WhenError::Skipped(naive)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    /// Wednesday 2026-03-11, 10:00 at UTC+1.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-11T10:00:00+01:00").unwrap()
    }

    fn when(text: &str) -> String {
        parse_when(text, &now(), &tz()).unwrap().to_rfc3339()
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(when("now"), "2026-03-11T10:00:00+01:00");
        assert_eq!(
            when("2026-02-01T08:00:00-05:00"),
            "2026-02-01T08:00:00-05:00"
        );
        assert_eq!(when("2026-02-01"), "2026-02-01T00:00:00+01:00");
        assert_eq!(when("2026-02-01 14:30"), "2026-02-01T14:30:00+01:00");
    }

    #[test]
    fn relative_forms() {
        assert_eq!(when("2h ago"), "2026-03-11T08:00:00+01:00");
        assert_eq!(when("3 days ago"), "2026-03-08T10:00:00+01:00");
        assert_eq!(when("7d"), "2026-03-04T10:00:00+01:00");
        assert_eq!(when("30d"), "2026-02-09T10:00:00+01:00");
        assert_eq!(when("yesterday 21:00"), "2026-03-10T21:00:00+01:00");
        assert_eq!(when("Today"), "2026-03-11T00:00:00+01:00");
        assert_eq!(when("monday 08:30"), "2026-03-09T08:30:00+01:00");
        assert_eq!(when("wednesday"), "2026-03-11T00:00:00+01:00");
    }

    #[test]
    fn bare_clock_time_is_its_most_recent_past_occurrence() {
        assert_eq!(when("09:15"), "2026-03-11T09:15:00+01:00");
        assert_eq!(when("21:00"), "2026-03-10T21:00:00+01:00");
    }

    #[test]
    fn nonsense_is_an_error_that_lists_the_forms() {
        for bad in [
            "",
            "soon",
            "25:00",
            "2026-13-01",
            "yesterday at noon",
            "ago",
        ] {
            let err = parse_when(bad, &now(), &tz()).unwrap_err();
            assert!(err.to_string().contains("2h ago"), "{bad}: {err}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("15m"), Ok(900));
        assert_eq!(parse_duration("2h30m"), Ok(9000));
        assert_eq!(parse_duration("20"), Ok(1200));
        assert!(parse_duration("a while").is_err());
        assert_eq!(format_duration(9000), "2h30m");
        assert_eq!(format_duration(90), "1m30s");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration_short(21_024), "5h50m");
        assert_eq!(format_duration_short(2_704), "45m");
        assert_eq!(format_duration_short(42), "42s");
        assert_eq!(format_duration_short(3 * 86_400 + 4 * 3600 + 1000), "3d4h");
    }
}
