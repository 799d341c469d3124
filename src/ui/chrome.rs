//! The header, status line and footer around every screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::THEME;
use crate::app::form::Field;
use crate::app::{APP_NAME, App, Overlay, Screen, StatusKind};

/// What the heat-map counts, in words.
pub fn filter_label(app: &App) -> String {
    app.filter_label()
}

/// Title, screens, window, filter and metric.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, THEME.header);
    let line = app.header_line(area);
    let mut spans = vec![Span::styled(APP_NAME, THEME.header.patch(THEME.title))];
    for tab in line.tabs {
        let style = if tab.screen == app.screen {
            THEME.header.patch(THEME.focus)
        } else {
            THEME.header
        };
        spans.push(Span::styled(tab.label, style));
    }
    if let Some(loading) = line.loading {
        spans.push(Span::styled(loading, THEME.header.patch(THEME.focus)));
    }
    if let Some(window) = line.window {
        spans.push(Span::styled(window, THEME.header));
    }
    Line::from(spans).render(area, buf);
}

/// The region(s) in focus spelled out in full, then the last message.
pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    let picking = matches!(app.modal.overlay, Some(Overlay::PickWhere(_)));
    let focus: Vec<String> = match app.screen {
        _ if picking => vec![app.body.cursor.region().label()],
        Screen::BodyMap => vec![app.body.cursor.region().label()],
        Screen::Charts => app
            .charts_region()
            .map(|r| r.region().label())
            .into_iter()
            .collect(),
        Screen::Timeline => app
            .timeline_entry()
            .map(|e| e.regions.ids().map(|r| r.region().label()).collect())
            .unwrap_or_default(),
        Screen::Treatments => Vec::new(),
    };
    if !focus.is_empty() {
        spans.push(Span::styled(
            format!(" ▶ {}", focus.join("; ")),
            THEME.title,
        ));
    }
    if app.screen == Screen::BodyMap
        && let Some(hover) = app.body.hover.filter(|h| *h != app.body.cursor)
    {
        spans.push(Span::styled(
            format!("  (mouse: {})", hover.region().label()),
            THEME.dim,
        ));
    }
    if let Some(status) = &app.status {
        let style = match status.kind {
            StatusKind::Info => THEME.info,
            StatusKind::Error => THEME.error,
        };
        spans.push(Span::raw("  "));
        spans.push(Span::styled(status.text.clone(), style));
    }
    Line::from(spans).render(area, buf);
}

/// Key hints for where the keys go now, from the keymap; help always shows.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let hints: Vec<(&str, &str)> = app
        .keymap
        .bindings(app.key_context())
        .filter_map(|b| b.hint.map(|hint| (b.keys_label.as_str(), hint)))
        // In the note, Enter starts a new line.
        .map(|(keys, hint)| match app.form() {
            Some(form) if form.field == Field::Note && keys == "Enter" => (keys, "new line"),
            _ => (keys, hint),
        })
        .collect();
    // Quit and help always show, at the right; the rest as room allows,
    // closer together before any is left out.
    let (help, others): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(_, hint)| matches!(*hint, "help" | "quit"));
    let width_of = |(keys, hint): &(&str, &str), gap: usize| {
        keys.chars().count() + hint.chars().count() + 1 + gap
    };
    let total =
        |gap: usize| -> usize { others.iter().chain(&help).map(|h| width_of(h, gap)).sum() };
    let gap = if total(2) < usize::from(area.width) {
        2
    } else {
        1
    };
    let mut room = usize::from(area.width)
        .saturating_sub(1 + help.iter().map(|h| width_of(h, gap)).sum::<usize>());
    let mut spans = vec![Span::raw(" ")];
    let space = " ".repeat(gap);
    for hint in &others {
        let needed = width_of(hint, gap);
        if needed > room {
            break;
        }
        room -= needed;
        spans.push(Span::styled(hint.0, THEME.key));
        spans.push(Span::styled(format!(" {}{space}", hint.1), THEME.dim));
    }
    for (keys, hint) in &help {
        spans.push(Span::styled(*keys, THEME.key));
        spans.push(Span::styled(format!(" {hint}{space}"), THEME.dim));
    }
    Line::from(spans).render(area, buf);
}
