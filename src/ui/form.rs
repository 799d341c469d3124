//! The log form, drawn over the body map.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::THEME;
use super::{popup, text_spans};
use crate::app::App;
use crate::app::form::{Field, LogForm, group_of};
use crate::domain::when::{format_duration, parse_duration};

/// Rows of the sensation list shown at once.
const LIST_ROWS: usize = 4;
/// Rows of the note shown at once.
const NOTE_ROWS: usize = 3;
/// Width of the label column.
const LABEL_WIDTH: usize = 11;

/// A form row: label (marked when focused) then content.
fn row(label: &str, focused: bool, mut content: Vec<Span<'static>>) -> Line<'static> {
    let (marker, style) = if focused {
        ("▸", THEME.focus)
    } else {
        (" ", Style::new())
    };
    let mut spans = vec![
        Span::raw(marker.to_string()),
        Span::styled(format!("{label:<width$}", width = LABEL_WIDTH - 1), style),
    ];
    spans.append(&mut content);
    Line::from(spans)
}

/// The whole form.
pub fn render(app: &App, form: &LogForm, area: Rect, buf: &mut Buffer) {
    let height = (1 + 1 + LIST_ROWS + 4 + NOTE_ROWS + 1 + 2) as u16;
    let rect = popup(area, area.width.saturating_sub(4).min(76), height, buf);
    let title = match form.editing {
        Some(_) => " Edit the entry · Tab next field · Enter saves · Esc cancels ",
        None => " Log a sensation · Tab next field · Enter saves · Esc cancels ",
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let focused = |f: Field| form.field == f;
    let indent = || Span::raw(" ".repeat(LABEL_WIDTH));

    let where_row = if form.editing.is_some() {
        let mut spans = text_spans(&form.regions_text, focused(Field::Where), None);
        let parsed: Result<Vec<_>, _> = form
            .regions_text
            .text()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| crate::domain::Catalogue::global().lookup(p))
            .collect();
        spans.push(match parsed {
            Ok(regions) if !regions.is_empty() => {
                Span::styled(format!("  ✓ {} region(s)", regions.len()), THEME.dim)
            }
            Ok(_) => Span::styled("  ? at least one region", THEME.error),
            Err(e) => Span::styled(format!("  ? {e}"), THEME.error),
        });
        row("Where", focused(Field::Where), spans)
    } else {
        let regions: Vec<String> = form.regions.iter().map(|r| r.region().label()).collect();
        row(
            "Where",
            false,
            vec![Span::styled(regions.join("; "), THEME.title)],
        )
    };
    let mut lines = vec![where_row];

    let choices = form.choices(&app.journal.sensations);
    let chosen = form.sensation_choice.min(choices.len().saturating_sub(1));
    let mut sensation = text_spans(&form.sensation_query, focused(Field::Sensation), None);
    if form.sensation_query.text().is_empty() && !focused(Field::Sensation) {
        sensation = vec![];
    }
    sensation.push(Span::styled(
        match (form.kept_sensation(), choices.get(chosen)) {
            (Some(kept), _) => format!("  = {kept} (no longer in your config)"),
            (None, Some(t)) => format!("  = {}", t.name),
            (None, None) => "  no sensation matches".to_string(),
        },
        THEME.dim,
    ));
    lines.push(row("Sensation", focused(Field::Sensation), sensation));
    let first = chosen.saturating_sub(LIST_ROWS - 1);
    for i in first..first + LIST_ROWS {
        let line = match choices.get(i) {
            Some(t) => {
                let style = if i == chosen {
                    THEME.highlight
                } else {
                    Style::new()
                };
                Line::from(vec![
                    indent(),
                    Span::styled(format!(" {:<20}", t.name), style),
                    Span::styled(format!(" {}", group_of(t)), THEME.dim),
                ])
            }
            None => Line::default(),
        };
        lines.push(line);
    }

    let filled = usize::from(form.intensity);
    let bar = format!("{}{}", "■".repeat(filled), "□".repeat(10 - filled));
    let intensity_style = if focused(Field::Intensity) {
        THEME.title
    } else {
        Style::new()
    };
    lines.push(row(
        "Intensity",
        focused(Field::Intensity),
        vec![
            Span::styled(bar, intensity_style),
            Span::styled(format!(" {}/10", form.intensity), THEME.title),
            Span::styled("  0-9, 10, ←→", THEME.dim),
        ],
    ));

    let mut when = text_spans(&form.time, focused(Field::Time), None);
    let time_text = if form.time.text().trim().is_empty() {
        "now"
    } else {
        form.time.text()
    };
    when.push(match app.zone.parse_when(time_text, app.now) {
        Ok(at) => Span::styled(
            format!("  = {}", app.zone.localize(at).format("%a %-d %b %Y %H:%M")),
            THEME.dim,
        ),
        Err(_) => Span::styled("  ? try 2h ago, yesterday 21:00", THEME.error),
    });
    lines.push(row("When", focused(Field::Time), when));

    let mut duration = text_spans(&form.duration, focused(Field::Duration), None);
    duration.push(match form.duration.text().trim() {
        "" => Span::styled("  optional: 90s, 15m, 2h30m", THEME.dim),
        text => match parse_duration(text) {
            Ok(seconds) => Span::styled(format!("  = {}", format_duration(seconds)), THEME.dim),
            Err(_) => Span::styled("  ? try 15m or 2h30m", THEME.error),
        },
    });
    lines.push(row("Duration", focused(Field::Duration), duration));

    let mut tags = text_spans(&form.tags, focused(Field::Tags), None);
    if form.tags.text().is_empty() {
        tags.push(Span::styled("  optional, e.g. heat, fatigue", THEME.dim));
    }
    lines.push(row("Tags", focused(Field::Tags), tags));

    let (cursor_line, _) = form.note.line_and_column();
    let note_first = cursor_line.saturating_sub(NOTE_ROWS - 1);
    for n in note_first..note_first + NOTE_ROWS {
        let content = if n < form.note.text().split('\n').count() {
            text_spans(&form.note, focused(Field::Note), Some(n))
        } else {
            vec![]
        };
        if n == note_first {
            lines.push(row("Note", focused(Field::Note), content));
        } else {
            let mut spans = vec![indent()];
            spans.extend(content);
            lines.push(Line::from(spans));
        }
    }

    // While this form is being saved, its line says how that goes: news,
    // not an error.
    lines.push(match &form.error {
        Some(message) if app.form_saving() => Line::styled(format!(" {message}"), THEME.info),
        Some(error) => Line::styled(format!(" {error}"), THEME.error),
        None if focused(Field::Note) => Line::styled(" Enter: new line · Ctrl+S saves", THEME.dim),
        None => Line::styled(" Ctrl+S saves from any field", THEME.dim),
    });
    Paragraph::new(lines).render(inner, buf);
}
