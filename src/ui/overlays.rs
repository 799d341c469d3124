//! Help, pickers and yes/no questions drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme::THEME;
use super::{popup, text_field};
use crate::app::keymap::Context;
use crate::app::{App, Picker, PickerKind, PickerRow, Prompt, PromptKind, Screen};

/// The help lines for one context, from the keymap.
fn help_section(app: &App, title: &str, context: Context, editing: bool) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), THEME.title)];
    for b in app
        .keymap
        .bindings(context)
        .filter(|b| b.edits_text() == editing)
    {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<10}", b.keys_label), THEME.key),
            Span::raw(b.description),
        ]));
    }
    lines.push(Line::default());
    lines
}

/// The keys of the current screen, and of the form, lists and questions.
pub fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let (title, context) = match app.screen {
        Screen::BodyMap => ("Body map", Context::BodyMap),
        Screen::Timeline => ("Timeline", Context::Timeline),
        Screen::Charts => ("Charts", Context::Charts),
        Screen::Treatments => ("Treatments", Context::Treatments),
    };
    let mut left = help_section(app, title, context, false);
    if app.screen == Screen::Treatments {
        left.extend(help_section(
            app,
            "Treatment form (type to fill a field)",
            Context::TreatmentForm,
            false,
        ));
    }
    left.extend(help_section(app, "Questions", Context::Confirm, false));
    let mut right = help_section(app, "Log form (type to fill a field)", Context::Form, false);
    right.extend(help_section(
        app,
        "Lists (type to filter)",
        Context::Picker,
        false,
    ));
    right.extend(help_section(
        app,
        "Editing text (every field)",
        Context::Form,
        true,
    ));
    for column in [&mut left, &mut right] {
        if column.last().is_some_and(|l| l.width() == 0) {
            column.pop();
        }
    }
    let height = left.len().max(right.len()) as u16 + 2;
    let rect = popup(area, 96, height, buf);
    let close = app
        .keymap
        .bindings(Context::Help)
        .next()
        .map(|b| format!(" Keys · {} {} ", b.keys_label, b.description));
    let block = Block::bordered().title(close.unwrap_or_default());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let [l, r] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    Paragraph::new(left).render(l, buf);
    Paragraph::new(right).render(r, buf);
}

/// A list with a filter box: region search or sensation filter.
pub fn picker(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let title = match picker.kind {
        PickerKind::Region => " Find a region: words, id, key or code ",
        PickerKind::Sensation => " Count which sensations? ",
    };
    let rows = app.picker_rows(picker);
    let visible = 10usize;
    let shown = rows.len().clamp(1, visible) as u16;
    let rect = popup(area, 60, shown + 3, buf);
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut lines = vec![Line::styled("> ", THEME.key)];
    let choice = picker.choice.min(rows.len().saturating_sub(1));
    let first = choice.saturating_sub(visible - 1);
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let text = match row {
            PickerRow::Place(place) => place.label.clone(),
            PickerRow::Filter(option) => option.label(),
        };
        let style = if i == choice {
            THEME.highlight
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(format!(" {text}"), style));
    }
    if rows.is_empty() {
        lines.push(Line::styled(" nothing matches", THEME.dim));
    }
    Paragraph::new(lines).render(inner, buf);
    text_field(&picker.query, input_row(inner), buf);
}

/// Where a box's input goes: its first row, after "> ".
fn input_row(inner: Rect) -> Rect {
    Rect::new(
        inner.x + 2,
        inner.y,
        inner.width.saturating_sub(2),
        1.min(inner.height),
    )
}

/// A one-line question: the timeline filter, or a date to go to.
pub fn prompt(prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let (title, hint) = match prompt.kind {
        PromptKind::Filter => (
            " Filter the timeline ",
            "words of a region, sensation, class, tag or note",
        ),
        PromptKind::JumpTo => (
            " Go to a date ",
            "2026-03-01, yesterday, monday, 3 weeks ago",
        ),
    };
    let rect = popup(area, 60, 5, buf);
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let lines = vec![
        Line::styled("> ", THEME.key),
        match &prompt.error {
            Some(error) => Line::styled(error.clone(), THEME.error),
            None => Line::styled(hint, THEME.dim),
        },
    ];
    Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(inner, buf);
    text_field(&prompt.input, input_row(inner), buf);
}

/// A yes/no question.
pub fn confirm(question: &str, area: Rect, buf: &mut Buffer) {
    let rect = popup(area, question.chars().count() as u16 + 6, 3, buf);
    let block = Block::bordered().title(" y / n ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    Line::styled(format!(" {question}"), THEME.title).render(inner, buf);
}
