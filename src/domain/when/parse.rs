//! Reading WHEN text: exact dates, and the words people use for times.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, Months, NaiveDate, NaiveDateTime,
    NaiveTime, TimeZone, Weekday,
};

use super::{DateOrder, WhenError};

/// Parts of the day and the time each stands for.
const PARTS_OF_DAY: [(&str, u32); 5] = [
    ("morning", 8),
    ("afternoon", 14),
    ("evening", 19),
    ("night", 22),
    ("tonight", 22),
];

/// Lower case, single spaces, no "at" before a time, no final full stop.
fn normalize(input: &str) -> String {
    let words: Vec<&str> = input
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("at") && !w.eq_ignore_ascii_case("in"))
        .filter(|w| !w.eq_ignore_ascii_case("the"))
        .collect();
    words.join(" ").to_lowercase()
}

/// Parses a WHEN text relative to `now`, resolving local forms in `tz`.
pub(super) fn parse_when<Tz: TimeZone>(
    input: &str,
    now: &DateTime<Tz>,
    tz: &Tz,
    order: DateOrder,
) -> Result<DateTime<FixedOffset>, WhenError> {
    // "in 2 hours": ahead of now, so that the caller can refuse it.
    if let Some(ahead) = input.trim().to_lowercase().strip_prefix("in ")
        && let Some(span) = parse_span(ahead)
    {
        return now
            .fixed_offset()
            .checked_add_signed(span)
            .ok_or_else(|| WhenError::TooFar(input.trim().to_string()));
    }
    let text = normalize(input);
    let unrecognized = || WhenError::Unrecognized(input.trim().to_string());
    let too_far = || WhenError::TooFar(input.trim().to_string());
    let now_fixed = now.fixed_offset();
    if text.is_empty() {
        return Err(unrecognized());
    }
    if matches!(text.as_str(), "now" | "just now" | "right now") {
        return Ok(now_fixed);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(input.trim()) {
        return Ok(at);
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dt%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(&text, format) {
            return local(tz, naive);
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return local(tz, date.and_time(NaiveTime::MIN));
    }
    if let Some(ago) = text.strip_suffix("ago") {
        if let Some(months) = calendar_months(ago) {
            return now_fixed
                .checked_sub_months(Months::new(months))
                .ok_or_else(too_far);
        }
        let span = parse_span(ago).ok_or_else(unrecognized)?;
        return back(now_fixed, span).ok_or_else(too_far);
    }
    if text == "last week" {
        return back(now_fixed, Duration::weeks(1)).ok_or_else(too_far);
    }
    // "11pm last night", "8am monday": the time first. Moved once only:
    // the day part must not start with a time itself, or "8am 9am 10am"
    // would turn round forever.
    if let Some((time, day)) = text.split_once(' ')
        && time_of_day(time).is_some()
        && time_of_day(day).is_none()
        && day
            .split(' ')
            .next()
            .is_none_or(|word| time_of_day(word).is_none())
    {
        return parse_when(&format!("{day} {time}"), now, tz, order);
    }
    if let Some(span) = parse_span(&text) {
        return back(now_fixed, span).ok_or_else(too_far);
    }

    let today = now.naive_local().date();
    if let Some(date) = named_date(&text, today) {
        let (date, time) = date;
        let time = match time {
            Some(t) => time_of_day(t).ok_or_else(unrecognized)?,
            None => NaiveTime::MIN,
        };
        return local(tz, date.and_time(time));
    }
    let (first, rest) = match text.split_once(' ') {
        Some((first, rest)) => (first, Some(rest)),
        None => (text.as_str(), None),
    };
    let first = day_spelling(first);
    // A day, then an optional time: "yesterday 9pm", "25/11 21:00".
    if let Some(day) = day_word(first, rest, today, order, input)? {
        let (date, time_text, by_weekday) = day;
        let Some(time_text) = time_text else {
            return local(tz, date.and_time(NaiveTime::MIN));
        };
        let time = time_in(time_text).ok_or_else(unrecognized)?;
        let at = local(tz, date.and_time(time))?;
        // "monday 8am" said on a Monday at 7 means last week's.
        if by_weekday && at > now_fixed {
            let earlier = date
                .checked_sub_signed(Duration::days(7))
                .ok_or_else(too_far)?;
            return local(tz, earlier.and_time(time));
        }
        return Ok(at);
    }
    // A time on its own: its most recent past occurrence.
    let time = time_of_day(&text).ok_or_else(unrecognized)?;
    let candidate = local(tz, today.and_time(time))?;
    if candidate > now_fixed {
        let yesterday = today.pred_opt().ok_or_else(too_far)?;
        local(tz, yesterday.and_time(time))
    } else {
        Ok(candidate)
    }
}

/// A day named by the first word (or two): the date, the text of the time
/// after it if any, and whether it was a weekday name.
type Day<'a> = (NaiveDate, Option<&'a str>, bool);

/// Reads the day at the start of a WHEN text, if it starts with one.
fn day_word<'a>(
    first: &'a str,
    rest: Option<&'a str>,
    today: NaiveDate,
    order: DateOrder,
    input: &str,
) -> Result<Option<Day<'a>>, WhenError> {
    let yesterday = today.pred_opt();
    let day = match first {
        "today" | "this" => Some((today, false)),
        "tomorrow" => today.succ_opt().map(|d| (d, false)),
        "yesterday" => yesterday.map(|d| (d, false)),
        // "last monday": the one before today; "last night": yesterday's.
        "last" => match rest.and_then(weekday) {
            Some(wd) => {
                let date = most_recent(today, wd);
                let date = if date == today {
                    date.checked_sub_signed(Duration::days(7)).unwrap_or(date)
                } else {
                    date
                };
                return Ok(Some((date, None, false)));
            }
            None => yesterday.map(|d| (d, false)),
        },
        "tonight" => return Ok(Some((today, Some("night"), false))),
        word => match weekday(word) {
            Some(wd) => Some((most_recent(today, wd), true)),
            None => match slashed_date(word, today, order) {
                Some(Ok(date)) => Some((date, false)),
                Some(Err(())) => {
                    return Err(WhenError::BadDate(word.to_string(), order.as_str()));
                }
                None => None,
            },
        },
    };
    let Some((date, by_weekday)) = day else {
        return match first {
            "today" | "yesterday" | "tomorrow" | "this" | "last" => {
                Err(WhenError::Unrecognized(input.trim().to_string()))
            }
            _ => Ok(None),
        };
    };
    // "this" and "last" need a part of the day after them.
    if matches!(first, "this" | "last") && rest.is_none() {
        return Err(WhenError::Unrecognized(input.trim().to_string()));
    }
    Ok(Some((date, rest, by_weekday)))
}

/// A weekday by its name or its first three letters.
fn weekday(word: &str) -> Option<Weekday> {
    if word.len() < 3 {
        return None;
    }
    word.parse::<Weekday>().ok()
}

/// `25/11`, `25/11/2026`, `25.11.26` in `order`: `None` when the word is not
/// of that shape, `Some(Err)` when it is but names no date. Without a
/// year, the most recent such day (this year's, or last year's if this
/// year's is still ahead).
fn slashed_date(word: &str, today: NaiveDate, order: DateOrder) -> Option<Result<NaiveDate, ()>> {
    let parts: Vec<&str> = word.split(['/', '.']).collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (day, month) = match order {
        DateOrder::DayFirst => (numbers[0], numbers[1]),
        DateOrder::MonthFirst => (numbers[1], numbers[0]),
    };
    let date = match numbers.get(2) {
        Some(&year) => {
            let year = if parts[2].len() <= 2 {
                2000 + year
            } else {
                year
            };
            i32::try_from(year)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        }
        None => most_recent_day_of_year(today, month, day),
    };
    Some(date.ok_or(()))
}

/// A day and month without a year: this year's, unless that is more than
/// a month ahead (then last year's: "25/12" typed in January). A date a few
/// days ahead stays ahead, to be refused as not yet felt.
fn most_recent_day_of_year(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    match NaiveDate::from_ymd_opt(today.year(), month, day) {
        Some(d) if (d - today).num_days() <= 31 => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() - 1, month, day),
    }
}

/// Months a span of calendar months or years means: "3 months", "a year".
fn calendar_months(text: &str) -> Option<u32> {
    let text = text.trim();
    let (count, unit) = text.split_once(' ').unwrap_or_else(|| {
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        text.split_at(split)
    });
    let count = match count.trim() {
        "a" | "an" | "one" => 1,
        n => n.parse::<u32>().ok()?,
    };
    match unit.trim() {
        "month" | "months" | "mo" => Some(count),
        "year" | "years" | "y" | "yr" | "yrs" => count.checked_mul(12),
        _ => None,
    }
}

/// Day words as people shorten or mistype them: "yday", "yesterdy".
fn day_spelling(word: &str) -> &str {
    const DAYS: [&str; 3] = ["yesterday", "today", "tomorrow"];
    if matches!(word, "yday" | "yest" | "yesterd") {
        return "yesterday";
    }
    DAYS.iter()
        .find(|d| {
            word.len() >= 4
                && word.chars().next() == d.chars().next()
                && strsim::damerau_levenshtein(word, d) <= 2
        })
        .copied()
        .unwrap_or(word)
}

/// "25 nov", "nov 25", "25 november 2025", each with an optional time after.
fn named_date(text: &str, today: NaiveDate) -> Option<(NaiveDate, Option<&str>)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = text.splitn(4, ' ').collect();
    let month_of = |w: &str| {
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| w.starts_with(m)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let (day, month) = match (words.first(), words.get(1)) {
        (Some(a), Some(b)) => match (
            a.parse::<u32>().ok(),
            month_of(b),
            month_of(a),
            b.parse::<u32>().ok(),
        ) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d, m),
            _ => return None,
        },
        _ => return None,
    };
    let (year, rest) = match words
        .get(2)
        .and_then(|w| w.parse::<i32>().ok().filter(|y| *y > 1900))
    {
        Some(year) => (Some(year), words.get(3).copied()),
        None => (
            None,
            words
                .get(2)
                .map(|_| &text[words[0].len() + words[1].len() + 2..]),
        ),
    };
    let date = match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day)?,
        None => most_recent_day_of_year(today, month, day)?,
    };
    Some((date, rest))
}

/// The time in the words after a day: the whole, or a clock time among
/// them ("night 11pm" is 23:00).
fn time_in(text: &str) -> Option<NaiveTime> {
    time_of_day(text).or_else(|| {
        let words: Vec<&str> = text.split(' ').collect();
        words
            .iter()
            .filter(|w| !PARTS_OF_DAY.iter().any(|(p, _)| p == *w))
            .find_map(|w| time_of_day(w))
            .filter(|_| words.len() == 2)
    })
}

/// A time of day: `21:00`, `9:05`, `21:00:30`, `9pm`, `9 pm`, `9:30pm`,
/// `12am` (midnight), `noon`, `midnight`, or a part of the day.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    match text {
        "noon" | "midday" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return Some(NaiveTime::MIN),
        _ => {}
    }
    if let Some(&(_, hour)) = PARTS_OF_DAY.iter().find(|(word, _)| *word == text) {
        return NaiveTime::from_hms_opt(hour, 0, 0);
    }
    if let Ok(time) = NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
    {
        return Some(time);
    }
    let compact = text.replace(' ', "");
    let (clock, afternoon) = if let Some(c) = compact.strip_suffix("pm") {
        (c, true)
    } else if let Some(c) = compact.strip_suffix("am") {
        (c, false)
    } else {
        return None;
    };
    let (hour, minute) = match clock.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (clock.parse::<u32>().ok()?, 0),
    };
    if !(1..=12).contains(&hour) {
        return None;
    }
    let hour = match (hour, afternoon) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// A span like `2h`, `3 days`, `1w`, `an hour` or `half an hour`.
fn parse_span(text: &str) -> Option<Duration> {
    let text = text.trim();
    let text = match text {
        "half an hour" | "half hour" => "30m".to_string(),
        _ => match text.split_once(' ') {
            Some(("a" | "an" | "one", unit)) => format!("1 {unit}"),
            _ => text.to_string(),
        },
    };
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let std = humantime::parse_duration(&text).ok()?;
    Duration::from_std(std).ok()
}

/// `now` less `span`, if the calendar reaches that far.
fn back(now: DateTime<FixedOffset>, span: Duration) -> Option<DateTime<FixedOffset>> {
    now.checked_sub_signed(span)
}

/// The latest date on or before `today` that falls on `weekday`.
fn most_recent(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    today
        .checked_sub_signed(Duration::days(i64::from(back)))
        .unwrap_or(today)
}

/// Resolves a local wall-clock time; in a repeated hour the earlier one wins.
fn local<Tz: TimeZone>(tz: &Tz, naive: NaiveDateTime) -> Result<DateTime<FixedOffset>, WhenError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.fixed_offset()),
        LocalResult::None => Err(WhenError::Skipped(naive)),
    }
}
