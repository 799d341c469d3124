//! The WHEN and DUR syntax shared by the command line and the app: the
//! words people use for times ("yesterday evening", "last night", "9pm",
//! "25/11 21:00") as well as exact dates.
//!
//! Pure: the current time and time zone are passed in, so every form can be
//! tested at any fixed moment. No input can panic: every step of the
//! arithmetic is checked.

mod duration;
mod parse;

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::Deserialize;

pub use duration::{format_duration, format_duration_short, parse_duration};

/// How a date written with slashes is read: `25/11` (day first, the
/// default) or `11/25` (month first). Set as `date_order` in `config.ron`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// `25/11/2026`: day, month, year.
    #[default]
    DayFirst,
    /// `11/25/2026`: month, day, year.
    MonthFirst,
}

impl DateOrder {
    /// How the order is written: "day/month" or "month/day".
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day/month",
            DateOrder::MonthFirst => "month/day",
        }
    }
}

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
    /// Reads WHEN text relative to `now` in this zone, dates with slashes
    /// day first.
    pub fn parse_when(
        self,
        text: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, WhenError> {
        self.read(text, now, DateOrder::default())
    }

    /// Reads WHEN text relative to `now` in this zone.
    ///
    /// Accepts `now`; RFC 3339, `YYYY-MM-DD` and `YYYY-MM-DD HH:MM`; `25/11`,
    /// `25/11/2026` (in `order`); `today`, `yesterday`, `this`, `last` and
    /// weekday names (the most recent one); times as `21:00`, `9pm`,
    /// `9:30pm`, `noon`, `midnight`, or a part of the day (`morning` 08:00,
    /// `afternoon` 14:00, `evening` 19:00, `night` 22:00), on their own (the
    /// most recent past one) or after a day (`yesterday evening`, `last
    /// night`, `monday 8am`, `25/11 21:00`); and spans back from now:
    /// `2h ago`, `an hour ago`, `3 days ago`, a bare `7d`.
    pub fn read(
        self,
        text: &str,
        now: DateTime<FixedOffset>,
        order: DateOrder,
    ) -> Result<DateTime<FixedOffset>, WhenError> {
        match self {
            Zone::Local => parse::parse_when(
                text,
                &now.with_timezone(&chrono::Local),
                &chrono::Local,
                order,
            ),
            Zone::Fixed(offset) => {
                parse::parse_when(text, &now.with_timezone(&offset), &offset, order)
            }
        }
    }

    /// The end of what `text` names, for `--until`: a day alone (`2026-11-16`,
    /// `yesterday`, `monday`) means the end of that day, so that day is
    /// included; a time means that time.
    pub fn read_until(
        self,
        text: &str,
        now: DateTime<FixedOffset>,
        order: DateOrder,
    ) -> Result<DateTime<FixedOffset>, WhenError> {
        use chrono::Timelike;
        let at = self.read(text, now, order)?;
        // A day alone reads as its midnight; its end is that day at 23:59.
        if (at.hour(), at.minute(), at.second()) != (0, 0, 0) {
            return Ok(at);
        }
        match self.read(&format!("{} 23:59", text.trim()), now, order) {
            Ok(end)
                if end.date_naive() == at.date_naive()
                    && (end.hour(), end.minute()) == (23, 59) =>
            {
                Ok(end
                    .checked_add_signed(chrono::Duration::milliseconds(59_999))
                    .unwrap_or(end))
            }
            _ => Ok(at),
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

/// How far past now a logged time may be: clocks differ a little.
const AHEAD_SLACK_MINUTES: i64 = 10;

/// Refuses a time for a new or edited entry that is still ahead of `now`
/// (by more than a few minutes of clock difference), naming it in words.
pub fn check_felt(
    text: &str,
    at: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<(), WhenError> {
    let limit = now.checked_add_signed(chrono::Duration::minutes(AHEAD_SLACK_MINUTES));
    if limit.is_some_and(|limit| at > limit) {
        let when = if at.date_naive() == now.date_naive() {
            at.format("today %H:%M").to_string()
        } else {
            at.format("%a %-d %b %Y %H:%M").to_string()
        };
        return Err(WhenError::Ahead(text.trim().to_string(), when));
    }
    Ok(())
}

/// Why a WHEN or DUR text was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// Nothing matched.
    #[error(
        "cannot read time '{0}': use now, 2h ago, yesterday 9pm, last night, monday 8am, \
         21:00, 25/11 21:00, 2026-03-01 14:30 or RFC 3339"
    )]
    Unrecognized(String),
    /// A time still ahead, when a sensation is logged once felt.
    #[error("'{0}' is {1}, still ahead: record it once it has happened")]
    Ahead(String, String),
    /// A time too far from now for the calendar.
    #[error("'{0}' is too far back to be a time in your life")]
    TooFar(String),
    /// A date with slashes that is no date in the configured order.
    #[error(
        "'{0}' is not a date read {1} (day/month is the default; set date_order in config.ron)"
    )]
    BadDate(String, &'static str),
    /// A local time that the clock skipped (daylight saving).
    #[error("{0} does not exist in local time (the clock skipped it)")]
    Skipped(NaiveDateTime),
    /// A duration that could not be read.
    #[error("cannot read duration '{0}': use 90s, 15m, 2h30m or 1d")]
    Duration(String),
    /// A duration of nothing, or longer than anyone could mean.
    #[error("a duration must be more than 0 and at most 365 days, not '{0}'")]
    DurationRange(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_when(
        text: &str,
        now: &DateTime<FixedOffset>,
        tz: &FixedOffset,
    ) -> Result<DateTime<FixedOffset>, WhenError> {
        parse::parse_when(text, now, tz, DateOrder::DayFirst)
    }

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
    fn until_a_day_means_the_end_of_that_day_and_a_time_means_that_time() {
        let until = |text: &str| {
            Zone::Fixed(tz())
                .read_until(text, now(), DateOrder::DayFirst)
                .unwrap()
                .to_rfc3339()
        };
        assert_eq!(until("2026-03-01"), "2026-03-01T23:59:59.999+01:00");
        assert_eq!(until("yesterday"), "2026-03-10T23:59:59.999+01:00");
        assert_eq!(until("monday"), "2026-03-09T23:59:59.999+01:00");
        assert_eq!(until("2026-03-01 14:30"), "2026-03-01T14:30:00+01:00");
        assert_eq!(until("yesterday 9pm"), "2026-03-10T21:00:00+01:00");
        assert_eq!(until("3 days ago"), "2026-03-08T10:00:00+01:00");
        assert_eq!(until("now"), "2026-03-11T10:00:00+01:00");
        // A time of day is that time, and nonsense stays an error.
        assert_eq!(until("yesterday morning"), "2026-03-10T08:00:00+01:00");
        assert_eq!(until("last night"), "2026-03-10T22:00:00+01:00");
        assert!(
            Zone::Fixed(tz())
                .read_until("monday 30:00", now(), DateOrder::DayFirst)
                .is_err()
        );
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
            "yesterday at teatime",
            "this",
            "13pm",
            "ago",
        ] {
            let err = parse_when(bad, &now(), &tz()).unwrap_err();
            assert!(err.to_string().contains("2h ago"), "{bad}: {err}");
        }
    }

    #[test]
    fn everyday_words_for_times() {
        // Now is Wednesday 2026-03-11 10:00.
        for (text, expected) in [
            ("yesterday evening", "2026-03-10T19:00:00+01:00"),
            ("yesterday morning", "2026-03-10T08:00:00+01:00"),
            ("Yesterday afternoon", "2026-03-10T14:00:00+01:00"),
            ("yesterday night", "2026-03-10T22:00:00+01:00"),
            ("this morning", "2026-03-11T08:00:00+01:00"),
            ("last night", "2026-03-10T22:00:00+01:00"),
            ("9pm", "2026-03-10T21:00:00+01:00"),
            ("9 pm", "2026-03-10T21:00:00+01:00"),
            ("9:30pm", "2026-03-10T21:30:00+01:00"),
            ("9am", "2026-03-11T09:00:00+01:00"),
            ("12am", "2026-03-11T00:00:00+01:00"),
            ("noon", "2026-03-10T12:00:00+01:00"),
            ("21:00", "2026-03-10T21:00:00+01:00"),
            ("yesterday 9pm", "2026-03-10T21:00:00+01:00"),
            ("yesterday at 9pm", "2026-03-10T21:00:00+01:00"),
            ("monday 8am", "2026-03-09T08:00:00+01:00"),
            ("mon 8am", "2026-03-09T08:00:00+01:00"),
            ("wednesday 11am", "2026-03-04T11:00:00+01:00"),
            ("an hour ago", "2026-03-11T09:00:00+01:00"),
            ("a day ago", "2026-03-10T10:00:00+01:00"),
            ("half an hour ago", "2026-03-11T09:30:00+01:00"),
            ("in the morning", "2026-03-11T08:00:00+01:00"),
            ("25/11 21:00", "2025-11-25T21:00:00+01:00"),
            ("10/3 9pm", "2026-03-10T21:00:00+01:00"),
            ("25/11/2025", "2025-11-25T00:00:00+01:00"),
            ("1.3.26 8:15", "2026-03-01T08:15:00+01:00"),
        ] {
            assert_eq!(when(text), expected, "{text}");
        }
    }

    #[test]
    fn more_everyday_phrases() {
        // Now is Wednesday 2026-03-11 10:00.
        for (text, expected) in [
            ("last monday", "2026-03-09T00:00:00+01:00"),
            ("last wednesday", "2026-03-04T00:00:00+01:00"),
            ("last week", "2026-03-04T10:00:00+01:00"),
            ("yday", "2026-03-10T00:00:00+01:00"),
            ("yesterdy evening", "2026-03-10T19:00:00+01:00"),
            ("11pm last night", "2026-03-10T23:00:00+01:00"),
            ("8am monday", "2026-03-09T08:00:00+01:00"),
            ("25 nov", "2025-11-25T00:00:00+01:00"),
            ("nov 25 21:00", "2025-11-25T21:00:00+01:00"),
            ("1 march 2026 9pm", "2026-03-01T21:00:00+01:00"),
            ("1 year ago", "2025-03-11T10:00:00+01:00"),
            ("2 months ago", "2026-01-11T10:00:00+01:00"),
            ("12/3", "2026-03-12T00:00:00+01:00"),
        ] {
            assert_eq!(when(text), expected, "{text}");
        }
    }

    #[test]
    fn month_first_dates_follow_the_setting() {
        let read = |text: &str, order| {
            parse::parse_when(text, &now(), &tz(), order).map(|t| t.to_rfc3339())
        };
        assert_eq!(
            read("11/25 21:00", DateOrder::MonthFirst).unwrap(),
            "2025-11-25T21:00:00+01:00"
        );
        let err = read("11/25 21:00", DateOrder::DayFirst)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("'11/25' is not a date read day/month"),
            "{err}"
        );
        assert!(err.contains("date_order"), "{err}");
    }

    #[test]
    fn times_still_ahead_are_read_and_then_refused_for_logging() {
        assert_eq!(when("in 2 hours"), "2026-03-11T12:00:00+01:00");
        assert_eq!(when("tomorrow 9am"), "2026-03-12T09:00:00+01:00");
        let at = parse_when("tonight", &now(), &tz()).unwrap();
        let err = check_felt("tonight", at, now()).unwrap_err().to_string();
        assert_eq!(
            err,
            "'tonight' is today 22:00, still ahead: record it once it has happened"
        );
        let soon = now() + chrono::Duration::minutes(5);
        assert!(
            check_felt("now", soon, now()).is_ok(),
            "a few minutes of clock difference"
        );
        assert!(check_felt("9am", now(), now()).is_ok());
    }

    /// Found by the fuzzer: each of these overflowed the stack.
    #[test]
    fn several_times_in_a_row_are_refused_not_turned_round_forever() {
        for text in [
            "noon noon noon",
            "8am 9am 10am",
            "9:30pm 9pm 9pm",
            "1:6 1:6 10pm",
        ] {
            let result = parse_when(text, &now(), &tz());
            assert!(result.is_err(), "{text}: {result:?}");
        }
        assert!(parse_when("11pm last night", &now(), &tz()).is_ok());
    }

    #[test]
    fn huge_spans_are_an_error_not_a_panic() {
        for text in [
            "300000 years ago",
            "300000 years",
            "99999999999999999999d ago",
            "18446744073709551615s",
        ] {
            let result = parse_when(text, &now(), &tz());
            assert!(result.is_err(), "{text}: {result:?}");
        }
        let err = parse_when("300000 years ago", &now(), &tz()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "'300000 years ago' is too far back to be a time in your life"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("15m"), Ok(900));
        assert_eq!(parse_duration("2h30m"), Ok(9000));
        assert_eq!(parse_duration("20"), Ok(1200));
        assert!(parse_duration("a while").is_err());
        assert_eq!(parse_duration("half an hour"), Ok(1800));
        assert_eq!(parse_duration("an hour"), Ok(3600));
        for bad in [
            "0",
            "0s",
            "18446744073709551615s",
            "400d",
            "99999999999999999999",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(format_duration(9000), "2h30m");
        assert_eq!(format_duration(90), "1m30s");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration_short(21_024), "5h50m");
        assert_eq!(format_duration_short(2_704), "45m");
        assert_eq!(format_duration_short(42), "42s");
        assert_eq!(format_duration_short(3 * 86_400 + 4 * 3600 + 1000), "3d4h");
    }
}
