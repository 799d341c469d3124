//! Screen 4: courses as bars on a time line above the weekly symptom
//! counts, applications as marks, the records as a list, and the chosen
//! course's before and after.

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::report::words;
use super::theme::THEME;
use crate::app::App;
use crate::domain::query::WeekCount;
use crate::domain::treatment::{Comparison, Course, TreatmentRecord};

/// Width of the label column of the time line: wider where there is room
/// for a whole treatment name.
fn label_width(width: u16) -> u16 {
    if width >= 120 { 32 } else { 16 }
}
/// Rows of the weekly episode bars: more on a tall terminal.
fn bar_rows(height: u16) -> u16 {
    match height {
        50.. => 8,
        36.. => 4,
        26.. => 2,
        _ => 1,
    }
}
/// Vertical eighths, for bar tops.
const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws the treatments screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let courses = visible_courses(app, area);
    let rows = bar_rows(area.height);
    let chart_height = 1 + courses.len() as u16 + 1 + rows + 2;
    let [chart, _, bottom] = Layout::vertical([
        Constraint::Length(chart_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    time_line(app, &courses, rows, chart, buf);
    let detail_width = if area.width >= 120 {
        62
    } else {
        50.min(area.width * 5 / 8)
    };
    let [list_area, _, detail_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(detail_width),
    ])
    .areas(bottom);
    list(app, list_area, buf);
    detail(app, detail_area, buf);
}

/// The courses drawn as bars: newest first, as many as the height allows.
fn visible_courses(app: &App, area: Rect) -> Vec<Course> {
    let room = match area.height {
        36.. => 6,
        26.. => 3,
        _ => 2,
    };
    let mut courses = app.treatments.log.courses.clone();
    courses.sort_by_key(|c| std::cmp::Reverse((c.start, c.id)));
    courses.truncate(room);
    courses
}

/// The weeks shown, up to this week, and the columns each takes: back to
/// the first record when it fits (at least 12 weeks), wider columns when
/// there are few.
fn shown_weeks(app: &App, width: u16) -> (Vec<WeekCount>, usize) {
    let today = app.zone.localize(app.now).date_naive();
    let room = usize::from(width.saturating_sub(label_width(width)).max(1));
    let first = [
        app.journal.entries.first().map(|e| e.day()),
        app.treatments
            .log
            .courses
            .iter()
            .map(|c| c.start.date_naive())
            .min(),
        app.treatments
            .log
            .applications
            .iter()
            .map(|a| a.at.date_naive())
            .min(),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(today);
    let span = ((today - first).num_days().max(0) / 7 + 1) as usize;
    let count = span.max(12).min(room);
    let width = (room / count).clamp(1, 4);
    (app.treatments.weekly.weeks_up_to(today, count), width)
}

/// Whether a course runs at some time in the week from `monday`.
fn runs_in(course: &Course, monday: NaiveDate) -> bool {
    let end = monday + Duration::days(7);
    course.start.date_naive() < end && course.stop.is_none_or(|s| s.date_naive() >= monday)
}

/// Courses as bars, applications as marks, then episodes per week (as
/// `rows` rows of bars) and their mean intensity, over a month axis.
fn time_line(app: &App, courses: &[Course], rows: u16, area: Rect, buf: &mut Buffer) {
    let (weeks, cols) = shown_weeks(app, area.width);
    // Each week's glyph, spread over its width: a mark (dose change,
    // application) once at the week's start, the running end once at its
    // end, bars and levels in every column.
    let spread = |glyphs: Vec<char>| -> String {
        glyphs
            .into_iter()
            .flat_map(|g| {
                (0..cols).map(move |col| match g {
                    '┿' if col > 0 => '━',
                    '▶' if col + 1 < cols => '━',
                    '▼' if col > 0 => ' ',
                    other => other,
                })
            })
            .collect()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" Treatments and symptoms, the last {} weeks", weeks.len()),
            THEME.title,
        ),
        Span::styled("  ━ course ┿ dose ▶ runs ▼ applied", THEME.dim),
    ])];
    let width = usize::from(label_width(area.width)) - 1;
    let label = |text: &str| format!(" {text:<width$.width$}");
    for course in courses {
        let glyphs = weeks
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let end = w.start + Duration::days(7);
                let changed = course
                    .dose_changes
                    .iter()
                    .any(|d| d.at.date_naive() >= w.start && d.at.date_naive() < end);
                let last = i + 1 == weeks.len();
                match (runs_in(course, w.start), changed) {
                    (false, _) => ' ',
                    (true, true) => '┿',
                    (true, false) if last && course.stop.is_none() => '▶',
                    (true, false) => '━',
                }
            })
            .collect();
        lines.push(Line::from(vec![
            Span::raw(label(&app.treatments.name_of(&course.treatment))),
            Span::styled(spread(glyphs), THEME.key),
        ]));
    }
    let marks = weeks
        .iter()
        .map(|w| {
            let end = w.start + Duration::days(7);
            let applied = app
                .treatments
                .log
                .applications
                .iter()
                .any(|a| a.at.date_naive() >= w.start && a.at.date_naive() < end);
            if applied { '▼' } else { ' ' }
        })
        .collect();
    lines.push(Line::from(vec![
        Span::raw(label("applied")),
        Span::raw(spread(marks)),
    ]));
    let most = weeks.iter().map(|w| w.episodes).max().unwrap_or(0).max(1);
    for row in (0..rows).rev() {
        let glyphs = weeks
            .iter()
            .map(|w| {
                let eighths =
                    (u64::from(w.episodes) * u64::from(rows) * 8).div_ceil(u64::from(most));
                let here = eighths.saturating_sub(u64::from(row) * 8).min(8);
                LEVELS[here as usize]
            })
            .collect();
        let peak = weeks.iter().map(|w| w.episodes).max().unwrap_or(0);
        let name = match (row == rows - 1, peak) {
            (false, _) => String::new(),
            (true, 0) => "episodes: none".to_string(),
            (true, _) => format!("episodes ≤{peak}"),
        };
        lines.push(Line::from(vec![
            Span::raw(label(&name)),
            Span::raw(spread(glyphs)),
        ]));
    }
    let mean = weeks
        .iter()
        .map(|w| {
            w.mean_intensity.map_or(' ', |m| {
                LEVELS[((m / 10.0 * 8.0).round() as usize).clamp(1, 8)]
            })
        })
        .collect();
    lines.push(Line::from(vec![
        Span::raw(label("mean 0-10")),
        Span::styled(spread(mean), THEME.dim),
    ]));
    lines.push(Line::from(vec![
        Span::raw(label("")),
        Span::raw(month_axis(&weeks, cols)),
    ]));
    Paragraph::new(lines).render(area, buf);
}

/// Month names under the weeks each month starts in, where they fit
/// (January with its year).
fn month_axis(weeks: &[WeekCount], cols: usize) -> String {
    let mut axis: Vec<char> = vec![' '; weeks.len() * cols];
    let mut free = 0;
    for (i, w) in weeks.iter().enumerate() {
        let sunday = w.start + Duration::days(6);
        let starts_month = i == 0 || sunday.month() != w.start.month();
        let at = i * cols;
        if starts_month && at >= free {
            let name = if sunday.month() == 1 || i == 0 {
                sunday.format("%b %Y").to_string()
            } else {
                sunday.format("%b").to_string()
            };
            for (j, c) in name.chars().enumerate() {
                if let Some(slot) = axis.get_mut(at + j) {
                    *slot = c;
                }
            }
            free = at + name.chars().count() + 1;
        }
    }
    axis.into_iter().collect()
}

/// One row of the list: what, when, and how it stands; in `width`
/// columns, so a narrow list keeps the name and the state.
fn row_text(app: &App, record: &TreatmentRecord, width: u16) -> String {
    let name = app.treatments.name_of(record.treatment());
    if width < 80 {
        let state = match record {
            TreatmentRecord::Course(c) => match c.stop {
                Some(stop) => format!("ended {}", stop.format("%-d %b %y")),
                None => format!("since {}", c.start.format("%-d %b %y")),
            },
            TreatmentRecord::Application(a) => a.at.format("%-d %b %y").to_string(),
        };
        let room = usize::from(width)
            .saturating_sub(state.chars().count() + 3)
            .max(6);
        let short: String = if name.chars().count() > room {
            name.chars().take(room - 1).chain(['…']).collect()
        } else {
            name
        };
        return format!("{short:<room$} {state}");
    }
    match record {
        TreatmentRecord::Course(c) => {
            let dose = c
                .dose_changes
                .last()
                .map(|d| d.dose.clone())
                .or(c.dose.clone());
            let state = match c.stop {
                Some(stop) => format!("stopped {}", stop.format("%-d %b %Y")),
                None => "running".to_string(),
            };
            let mut parts = vec![format!("from {}", c.start.format("%-d %b %Y"))];
            parts.push(state);
            parts.extend(dose);
            format!("{name:<18} {}", parts.join(" · "))
        }
        TreatmentRecord::Application(a) => {
            let places: Vec<&str> = a.regions.iter().map(|r| r.region().name.as_str()).collect();
            let mut text = format!("{name:<18} applied {}", a.at.format("%-d %b %Y"));
            if !places.is_empty() {
                text.push_str(&format!(" · {}", places.join(", ")));
            }
            text
        }
    }
}

/// The records, the chosen one marked and highlighted.
fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = app.treatments.rows();
    let mut lines = vec![Line::styled(
        format!(" Courses and applications ({})", rows.len()),
        THEME.title,
    )];
    if rows.is_empty() {
        lines.push(Line::from(" Nothing recorded yet."));
        lines.push(Line::from(" n starts a course (gabapentin, CBT…),"));
        lines.push(Line::from(" a records an application (a patch, a cream)."));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return;
    }
    let chosen = app.treatments.selected_index(&rows);
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = chosen.saturating_sub(visible - 1);
    for (i, record) in rows.iter().enumerate().skip(first).take(visible) {
        let text = format!(
            "{}{}",
            if i == chosen { "▸ " } else { "  " },
            row_text(app, record, area.width)
        );
        let style = if i == chosen {
            THEME.highlight
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    Paragraph::new(lines).render(area, buf);
}

/// The chosen record in full; for a course, its before and after.
fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(record) = app.treatments.selected_record() else {
        return;
    };
    let name = app.treatments.name_of(record.treatment());
    let mut lines = vec![Line::styled(format!(" {name}"), THEME.title)];
    match &record {
        TreatmentRecord::Course(c) => {
            lines.push(Line::from(format!(" {}", words::course_line_of(c))));
            if let Some(note) = &c.note {
                lines.push(Line::styled(format!(" {}", words::plain(note)), THEME.dim));
            }
            let (overall, focused) = app.course_comparison(c);
            lines.push(Line::styled(
                " 4 weeks before → weeks 2-6 after, all regions:",
                THEME.key,
            ));
            comparison_lines(&mut lines, &overall);
            if let (Comparison::Done { .. }, Some((regions, focused))) = (&overall, focused) {
                let names: Vec<&str> = regions.iter().map(|r| r.region().name.as_str()).collect();
                lines.push(Line::styled(
                    format!(" Most affected before: {}", names.join(", ")),
                    THEME.key,
                ));
                comparison_lines(&mut lines, &focused);
            }
            if let Comparison::Done { overlapping, .. } = &overall
                && !overlapping.is_empty()
            {
                let names: Vec<String> = overlapping
                    .iter()
                    .map(|id| app.treatments.name_of(id))
                    .collect();
                lines.push(Line::from(format!(
                    " Also running then: {}",
                    names.join(", ")
                )));
            }
            lines.push(Line::styled(
                " A description of your log, not medical advice.",
                THEME.dim,
            ));
        }
        TreatmentRecord::Application(a) => {
            lines.push(Line::from(format!(
                " applied {}",
                a.at.format("%a %-d %b %Y %H:%M")
            )));
            for r in &a.regions {
                lines.push(Line::from(format!(" on {}", r.region().label())));
            }
            if let Some(note) = &a.note {
                lines.push(Line::styled(format!(" {}", words::plain(note)), THEME.dim));
            }
        }
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// A measure's name in the few columns a screen pane has.
fn short_name(name: &str) -> &str {
    match name {
        "episodes per week" => "episodes/week",
        "days affected per week" => "days/week",
        "mean intensity" => "mean",
        "worst intensity" => "worst",
        "regions affected" => "regions",
        other => other,
    }
}

/// A comparison's measures, one a line, or why there is none.
fn comparison_lines(lines: &mut Vec<Line<'static>>, comparison: &Comparison) {
    match comparison {
        Comparison::NotEnough(reason) => {
            lines.push(Line::from(format!("  not compared: {reason}")))
        }
        Comparison::Done { before, after, .. } => {
            for m in words::measures(before, after) {
                lines.push(Line::from(format!(
                    " {:<13} {:>4}→{:<4} {}",
                    short_name(m.name),
                    m.before,
                    m.after,
                    m.short
                )));
            }
        }
    }
}
