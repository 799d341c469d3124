//! The timeline: entries newest first, grouped by day. Draws only the rows
//! on screen, whatever the length of the history.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::{Paint, THEME, class_style};
use crate::app::{App, TimelineLine, layout};
use crate::domain::Entry;
use crate::domain::when::format_duration_short;

/// Width of the regions column.
const REGIONS_WIDTH: usize = 22;
/// Width of the sensation column.
const SENSATION_WIDTH: usize = 17;

/// Cuts `text` to `width` columns, ending in `…` when cut, padded to width.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return format!("{text:<width$}", width = width);
    }
    let mut out = String::new();
    for ch in text.chars() {
        if out.width() + ch.to_string().width() + 1 > width {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    format!("{out:<width$}", width = width)
}

/// The regions in at most `width` columns: both sides of a part read
/// "L+R sole"; what does not fit is counted, "L+R chest +2".
fn regions_text(entry: &Entry, width: usize) -> String {
    // Parts in catalogue order, each with the sides it covers.
    let mut parts: Vec<(String, bool, bool)> = Vec::new();
    for r in entry.regions.ids() {
        let short = r.region().short_name();
        let (side, part) = short.split_once(' ').unwrap_or(("", short.as_str()));
        let index = parts
            .iter()
            .position(|(p, _, _)| p == part)
            .unwrap_or_else(|| {
                parts.push((part.to_string(), false, false));
                parts.len() - 1
            });
        match side {
            "L" => parts[index].1 = true,
            _ => parts[index].2 = true,
        }
    }
    let names: Vec<(String, usize)> = parts
        .into_iter()
        .map(|(part, left, right)| {
            let sides = match (left, right) {
                (true, true) => "L+R",
                (true, false) => "L",
                _ => "R",
            };
            (
                format!("{sides} {part}"),
                usize::from(left) + usize::from(right),
            )
        })
        .collect();
    let mut text = String::new();
    let mut covered = 0;
    let total = entry.regions.ids().len();
    for (name, regions) in &names {
        let candidate = if text.is_empty() {
            name.clone()
        } else {
            format!("{text}, {name}")
        };
        let rest = total - covered - regions;
        let suffix = if rest > 0 {
            format!(" +{rest}")
        } else {
            String::new()
        };
        if !text.is_empty() && candidate.width() + suffix.width() > width {
            break;
        }
        text = candidate;
        covered += regions;
    }
    if covered < total {
        text.push_str(&format!(" +{}", total - covered));
    }
    text
}

/// One entry as a row.
fn entry_line(app: &App, entry: &Entry, selected: bool, width: u16) -> Line<'static> {
    let filled = usize::from(entry.intensity.value()).div_ceil(2);
    let bar = format!("{}{}", "▰".repeat(filled), "▱".repeat(5 - filled));
    let class = app.journal.sensations.class_of(&entry.sensation);
    let mut spans = vec![
        Span::raw(format!("  {}  ", entry.at.format("%H:%M"))),
        Span::raw(fit(&regions_text(entry, REGIONS_WIDTH), REGIONS_WIDTH)),
        Span::raw(" "),
        Span::styled(
            fit(
                app.journal.sensations.name_of(&entry.sensation),
                SENSATION_WIDTH,
            ),
            class_style(Paint::of(app), class),
        ),
        Span::raw(format!(" {bar} {:>2}", entry.intensity)),
        Span::raw(format!(
            " {:>6}",
            entry
                .duration_s
                .map(format_duration_short)
                .unwrap_or_default()
        )),
    ];
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let note = entry
        .note
        .as_deref()
        .and_then(|n| n.lines().next())
        .unwrap_or_default();
    let tags: String = entry
        .tags
        .iter()
        .map(|t| format!(" #{}", super::report::words::plain(t)))
        .collect();
    let room = (width as usize).saturating_sub(used + 2);
    let note_room = room.saturating_sub(tags.width());
    if room > 0 {
        spans.push(Span::raw("  "));
        let note = super::report::words::plain(note);
        spans.push(Span::raw(fit(&note, note_room).trim_end().to_string()));
        spans.push(Span::styled(tags, THEME.dim));
    }
    let line = Line::from(spans);
    if selected {
        line.style(THEME.highlight)
    } else {
        line
    }
}

/// The filter line, then days and entries from the scroll position.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.timeline;
    let mut header = vec![Span::styled(
        match (t.rows.len(), app.journal.pending_months.is_empty()) {
            (1, true) => " 1 entry, newest first".to_string(),
            (n, true) => format!(" {n} entries, newest first"),
            (n, false) => format!(" {n} entries so far, newest first"),
        },
        THEME.title,
    )];
    if let Some(region) = t.region {
        header.push(Span::styled(
            format!(" · in {}", region.region().label()),
            THEME.title,
        ));
    }
    if !t.text.trim().is_empty() {
        header.push(Span::styled(
            format!(" · matching '{}'", t.text.trim()),
            THEME.title,
        ));
    }
    if t.is_filtered() {
        header.push(Span::styled("  (Esc shows all)", THEME.dim));
    }
    Line::from(header).render(Rect { height: 1, ..area }, buf);

    let rows = layout::timeline_rows(area) as usize;
    let list = Rect {
        y: area.y + 1,
        height: rows as u16,
        ..area
    };
    if t.rows.is_empty() {
        let message = if t.is_filtered() {
            "Nothing matches the filter. Esc shows every entry."
        } else {
            "No entries yet. Press 1 for the body map, pick a region and press Enter."
        };
        Line::styled(format!("  {message}"), THEME.dim).render(list, buf);
        return;
    }
    // The same lines the app scrolls and takes clicks by.
    let mut lines = Vec::with_capacity(rows);
    for line in app.timeline_lines() {
        match line {
            TimelineLine::Day(day) => lines.push(Line::styled(
                format!(" {}", day.format("%A %-d %B %Y")),
                THEME.title,
            )),
            TimelineLine::Entry(row) => {
                let Some(entry) = t
                    .rows
                    .get(row)
                    .and_then(|key| app.journal.entries.get(key.1))
                else {
                    continue;
                };
                lines.push(entry_line(app, entry, row == t.selected, list.width));
            }
        }
    }
    Paragraph::new(lines).render(list, buf);
}
