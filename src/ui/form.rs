//! The log form, drawn over the body map.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::THEME;
use super::{popup, text_field};
use crate::app::App;
use crate::app::form::{Field, LogForm, group_of};
use crate::app::text::TextField;
use crate::domain::when::{format_duration, parse_duration};

/// Rows of the sensation list shown at once.
const LIST_ROWS: usize = 4;
/// Rows of the note shown at once.
const NOTE_ROWS: usize = 3;
/// Width of the label column.
const LABEL_WIDTH: usize = 11;
/// Rows for the message under the form.
const MESSAGE_ROWS: usize = 2;
/// Narrowest a one-line input is drawn.
const MIN_INPUT: u16 = 12;
/// Room kept beside an input for its hint or preview.
const HINT_ROOM: u16 = 26;

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

/// Width of a one-line input: enough for its text, within what the row
/// leaves after the label and room for the hint beside it.
fn input_width(text: &str, inner: Rect) -> u16 {
    let most = inner
        .width
        .saturating_sub(LABEL_WIDTH as u16 + HINT_ROOM)
        .max(MIN_INPUT);
    (unicode_width::UnicodeWidthStr::width(text) as u16 + 1).clamp(MIN_INPUT, most)
}

/// A one-line field's row: the label, blank room the editor is drawn
/// into afterwards, and the hint or preview.
fn field_row(label: &str, focused: bool, width: u16, hint: Span<'static>) -> Line<'static> {
    row(
        label,
        focused,
        vec![
            Span::raw(" ".repeat(usize::from(width))),
            Span::raw("  "),
            hint,
        ],
    )
}

/// Why the focused field's text cannot be used, in full, if it cannot.
fn focused_problem(app: &App, form: &LogForm) -> Option<String> {
    match form.field {
        Field::Time if !form.time.text().trim().is_empty() => {
            match app.zone.read(form.time.text(), app.now, app.date_order) {
                Err(e) => Some(format!("When: {e}")),
                Ok(at) => crate::domain::when::check_felt(form.time.text(), at, app.now)
                    .err()
                    .map(|e| format!("When: {e}")),
            }
        }
        Field::Duration if !form.duration.text().trim().is_empty() => {
            parse_duration(form.duration.text())
                .err()
                .map(|e| format!("Duration: {e}"))
        }
        _ => None,
    }
}

/// The whole form.
pub fn render(app: &App, form: &LogForm, area: Rect, buf: &mut Buffer) {
    let height = (1 + 1 + LIST_ROWS + 4 + NOTE_ROWS + MESSAGE_ROWS + 2) as u16;
    let rect = popup(area, area.width.saturating_sub(4).min(100), height, buf);
    let title = match form.editing {
        Some(_) => " Edit the entry · Tab next field · Enter saves · Esc cancels ",
        None => " Log a sensation · Tab next field · Enter saves · Esc cancels ",
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let focused = |f: Field| form.field == f;
    let indent = || Span::raw(" ".repeat(LABEL_WIDTH));
    // The editors drawn over their rows' blank room: (field, row, width).
    let mut editors: Vec<(&TextField, u16, u16)> = Vec::new();
    let mut lines: Vec<Line<'static>> = Vec::new();

    if form.editing.is_some() {
        let width = input_width(form.regions_text.text(), inner);
        let hint = match crate::domain::places::resolve_list(form.regions_text.text()) {
            Ok(regions) if regions.len() == 1 => Span::styled("✓ 1 region", THEME.dim),
            Ok(regions) => Span::styled(format!("✓ {} regions", regions.len()), THEME.dim),
            Err(_) => Span::styled("? see below", THEME.error),
        };
        editors.push((&form.regions_text, lines.len() as u16, width));
        lines.push(field_row("Where", focused(Field::Where), width, hint));
    } else {
        let regions: Vec<String> = form.regions.iter().map(|r| r.region().label()).collect();
        lines.push(row(
            "Where",
            false,
            vec![Span::styled(regions.join("; "), THEME.title)],
        ));
    }

    let choices = form.choices(&app.journal.sensations);
    let chosen = form.sensation_choice.min(choices.len().saturating_sub(1));
    let chosen_text = match (form.kept_sensation(), choices.get(chosen)) {
        (Some(kept), _) => format!("= {kept} (no longer in your config)"),
        (None, Some(t)) => format!("= {}", t.name),
        (None, None) => "no sensation matches".to_string(),
    };
    let width = input_width(form.sensation_query.text(), inner).min(MIN_INPUT);
    editors.push((&form.sensation_query, lines.len() as u16, width));
    lines.push(field_row(
        "Sensation",
        focused(Field::Sensation),
        width,
        Span::styled(chosen_text, THEME.dim),
    ));
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

    let time_text = if form.time.text().trim().is_empty() {
        "now"
    } else {
        form.time.text()
    };
    let when = match app.zone.read(time_text, app.now, app.date_order) {
        Ok(at) if crate::domain::when::check_felt(time_text, at, app.now).is_err() => {
            Span::styled("? still ahead", THEME.error)
        }
        Ok(at) => Span::styled(
            format!("= {}", app.zone.localize(at).format("%a %-d %b %Y %H:%M")),
            THEME.dim,
        ),
        Err(_) => Span::styled("? try 2h ago, yesterday 9pm", THEME.error),
    };
    let width = input_width(form.time.text(), inner);
    editors.push((&form.time, lines.len() as u16, width));
    lines.push(field_row("When", focused(Field::Time), width, when));

    let duration = match form.duration.text().trim() {
        "" => Span::raw(""),
        text => match parse_duration(text) {
            Ok(seconds) => Span::styled(format!("= {}", format_duration(seconds)), THEME.dim),
            Err(_) => Span::styled("? try 15m or 2h30m", THEME.error),
        },
    };
    let width = input_width(form.duration.text(), inner).max(28);
    editors.push((&form.duration, lines.len() as u16, width));
    lines.push(field_row(
        "Duration",
        focused(Field::Duration),
        width,
        duration,
    ));

    // The tags as they will be saved, split on spaces and commas.
    let split = crate::domain::split_tags([form.tags.text()]);
    let tags_hint = if split.is_empty() {
        Span::raw("")
    } else {
        let shown: Vec<String> = split
            .iter()
            .map(|t| format!("#{}", t.to_lowercase()))
            .collect();
        Span::styled(format!("= {}", shown.join(" ")), THEME.dim)
    };
    let width = input_width(form.tags.text(), inner).max(28);
    editors.push((&form.tags, lines.len() as u16, width));
    lines.push(field_row("Tags", focused(Field::Tags), width, tags_hint));

    let note_row = lines.len() as u16;
    lines.push(row("Note", focused(Field::Note), vec![]));
    for _ in 1..NOTE_ROWS {
        lines.push(Line::default());
    }

    // While this form is being saved, its line says how that goes: news,
    // not an error. Otherwise the focused field's problem, in full, over
    // two lines if need be.
    let message = match (&form.error, focused_problem(app, form)) {
        (Some(message), _) if app.form_saving() => Line::styled(format!(" {message}"), THEME.info),
        (Some(error), _) => Line::styled(format!(" {error}"), THEME.error),
        (None, Some(problem)) => Line::styled(format!(" {problem}"), THEME.error),
        (None, None) if focused(Field::Note) => {
            Line::styled(" Enter: new line · Ctrl+S saves", THEME.dim)
        }
        (None, None) => Line::styled(" Ctrl+S saves from any field", THEME.dim),
    };
    let message_area = Rect::new(
        inner.x,
        inner.y + lines.len() as u16,
        inner.width,
        MESSAGE_ROWS as u16,
    )
    .intersection(inner);
    Paragraph::new(lines).render(inner, buf);
    Paragraph::new(message)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .render(message_area, buf);
    let left = inner.x + LABEL_WIDTH as u16;
    for (field, row, width) in editors {
        let width = width.min(inner.right().saturating_sub(left));
        text_field(field, Rect::new(left, inner.y + row, width, 1), buf);
    }
    let note = Rect::new(
        left,
        inner.y + note_row,
        inner.right().saturating_sub(left),
        NOTE_ROWS as u16,
    );
    text_field(&form.note, note, buf);
}
