//! The report's numbers in words, shared by the Markdown and HTML pages and
//! by `sensemap treatment compare`.

use chrono::{DateTime, FixedOffset};

use crate::domain::query::{Flag, FlagReason, WeekSummary};
use crate::domain::report::CourseInPeriod;
use crate::domain::treatment::{Change, Course, DoseChange, WindowStats};
use crate::domain::{ClassCount, SensationCatalogue, SensationId};

/// One before/after measure, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// What is measured.
    pub name: &'static str,
    /// The value before.
    pub before: String,
    /// The value after.
    pub after: String,
    /// "-60%, substantial change, better", or "nothing either side".
    pub change: String,
    /// The same for a table cell: "-60% substantial, better".
    pub short: String,
}

/// The five measures of a before/after comparison.
pub fn measures(before: &WindowStats, after: &WindowStats) -> Vec<Measure> {
    let row = |name, b: f64, a: f64, digits: usize| {
        let change = Change::between(b, a);
        let percent = change.map(|c| {
            if c.percent.abs() < 0.5 {
                "0%".to_string()
            } else {
                format!("{:+.0}%", c.percent)
            }
        });
        let (change, short) = match (change, percent) {
            (Some(c), Some(percent)) => (
                format!("{percent}, {}", c.words()),
                format!("{percent} {}", c.words().replace(" change,", ",")),
            ),
            _ => ("nothing either side".to_string(), "none".to_string()),
        };
        Measure {
            name,
            before: format!("{b:.digits$}"),
            after: format!("{a:.digits$}"),
            change,
            short,
        }
    };
    vec![
        row(
            "episodes per week",
            before.episodes_per_week,
            after.episodes_per_week,
            1,
        ),
        row(
            "days affected per week",
            before.days_affected_per_week,
            after.days_affected_per_week,
            1,
        ),
        row(
            "mean intensity",
            before.mean_intensity.unwrap_or(0.0),
            after.mean_intensity.unwrap_or(0.0),
            1,
        ),
        row(
            "worst intensity",
            f64::from(before.worst_intensity.unwrap_or(0)),
            f64::from(after.worst_intensity.unwrap_or(0)),
            0,
        ),
        row(
            "regions affected",
            before.extent as f64,
            after.extent as f64,
            0,
        ),
    ]
}

/// "3 Sep 2026".
pub fn day(t: DateTime<FixedOffset>) -> String {
    t.format("%-d %b %Y").to_string()
}

/// "1", "2 entries": a count and its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "2 days 6 hours", "30 hours".
pub fn long_duration(seconds: u64) -> String {
    let hours = seconds / 3600;
    if hours < 48 {
        return format!("{hours} hours");
    }
    match hours % 24 {
        0 => format!("{} days", hours / 24),
        h => format!("{} days {h} hours", hours / 24),
    }
}

/// Why a flag was raised, in words.
pub fn flag_reason(flag: &Flag) -> String {
    match flag.reason {
        FlagReason::Lasted { seconds } => format!("lasted {}", long_duration(seconds)),
        FlagReason::BackWorse { highest_before } => format!(
            "came back after a week or more away, at {} (its highest in the 90 days before: {highest_before})",
            flag.intensity
        ),
    }
}

/// "heat ×3, fever ×1", or "none".
pub fn tags(tags: &[(String, u32)]) -> String {
    if tags.is_empty() {
        return "none".to_string();
    }
    tags.iter()
        .map(|(t, n)| format!("{t} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Paresthesia 40 entries on 20 days".
pub fn class(c: &ClassCount) -> String {
    let name = c.class.map_or("Other", |c| match c {
        crate::domain::SensationClass::Paresthesia => "Paresthesia",
        crate::domain::SensationClass::Dysesthesia => "Dysesthesia",
        crate::domain::SensationClass::Hypoesthesia => "Hypoesthesia",
    });
    format!(
        "{name} {} on {}",
        count(c.episodes as usize, "entry", "entries"),
        count(c.days as usize, "day", "days")
    )
}

/// "Tingling 20, Burning 10".
pub fn types(types: &[(SensationId, u32)], sensations: &SensationCatalogue) -> String {
    types
        .iter()
        .map(|(id, n)| format!("{} {n}", sensations.name_of(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A course's dates and doses: "from 1 Sep 2026; 300 mg; 600 mg from 1
/// Oct 2026; still running", with the dose changes of the period.
pub fn course_line(c: &CourseInPeriod) -> String {
    match &c.dose_at_start {
        // The dose changed before the period: start from the one in force.
        Some(in_force) => {
            let mut course = c.course.clone();
            course.dose = None;
            let mut changes = vec![in_force.clone()];
            changes.extend(c.dose_changes.iter().cloned());
            course_words(&course, &changes)
        }
        None => course_words(&c.course, &c.dose_changes),
    }
}

/// The same with every dose change the course has.
pub fn course_line_of(course: &Course) -> String {
    course_words(course, &course.dose_changes)
}

fn course_words(course: &Course, dose_changes: &[DoseChange]) -> String {
    let mut parts = vec![format!("from {}", day(course.start))];
    if let Some(dose) = &course.dose {
        parts.push(dose.clone());
    }
    for change in dose_changes {
        parts.push(format!("{} from {}", change.dose, day(change.at)));
    }
    parts.push(match course.stop {
        Some(stop) => format!("stopped {}", day(stop)),
        None => "still running".to_string(),
    });
    parts.join("; ")
}

/// Weeks grouped so that at most `rows` rows are shown: consecutive weeks
/// are merged (episodes summed, mean weighted, extent the largest week's).
pub fn grouped_weeks(weeks: &[WeekSummary], rows: usize) -> (usize, Vec<WeekSummary>) {
    let per_row = weeks.len().div_ceil(rows.max(1)).max(1);
    let grouped = weeks
        .chunks(per_row)
        .map(|chunk| {
            let episodes: u32 = chunk.iter().map(|w| w.episodes).sum();
            let weighted: f64 = chunk
                .iter()
                .map(|w| w.mean_intensity.unwrap_or(0.0) * f64::from(w.episodes))
                .sum();
            WeekSummary {
                start: chunk[0].start,
                episodes,
                mean_intensity: (episodes > 0).then(|| weighted / f64::from(episodes)),
                extent: chunk.iter().map(|w| w.extent).max().unwrap_or(0),
                days_counted: chunk.iter().map(|w| w.days_counted).sum(),
            }
        })
        .collect();
    (per_row, grouped)
}

/// Text a person typed, safe to print: control characters (terminal
/// escapes among them) and direction overrides become spaces, runs of
/// space one space.
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `max` of `names` joined by "; ", then "and N more".
pub fn first_of(names: &[String], max: usize) -> String {
    let mut text = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if names.len() > max {
        text.push_str(&format!("; and {} more", names.len() - max));
    }
    text
}

/// `text` cut to at most `max` characters, with "…" when cut.
pub fn clipped(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_loses_escapes_and_line_breaks() {
        assert_eq!(plain("a\u{1b}[2J b\n\nc\u{7}"), "a [2J b c");
    }

    #[test]
    fn long_durations_read_as_days_and_hours() {
        assert_eq!(long_duration(30 * 3600), "30 hours");
        assert_eq!(long_duration(48 * 3600), "2 days");
        assert_eq!(long_duration(54 * 3600 + 59), "2 days 6 hours");
    }

    #[test]
    fn many_weeks_merge_into_at_most_the_rows_asked_for() {
        let weeks: Vec<WeekSummary> = (0..53)
            .map(|i| WeekSummary {
                start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
                    + chrono::Duration::weeks(i),
                episodes: if i % 2 == 0 { 2 } else { 0 },
                mean_intensity: (i % 2 == 0).then_some(4.0),
                extent: i as usize % 5,
                days_counted: 7,
            })
            .collect();
        let (per_row, rows) = grouped_weeks(&weeks, 26);
        assert_eq!(per_row, 3);
        assert_eq!(rows.len(), 18);
        assert_eq!(rows[0].episodes, 4);
        assert_eq!(rows[0].mean_intensity, Some(4.0));
        assert_eq!(rows[0].extent, 2);
        assert_eq!(grouped_weeks(&weeks[..10], 26).1.len(), 10);
    }
}
