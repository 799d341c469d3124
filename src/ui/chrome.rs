//! The header, status line and footer around every screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::THEME;
use crate::app::keymap::bindings;
use crate::app::{App, Screen, StatusKind, metric_label};
use crate::domain::SensationFilter;

/// What the heat-map counts, in words.
pub fn filter_label(app: &App) -> String {
    match &app.journal.heat.sensation {
        None => "all sensations".to_string(),
        Some(SensationFilter::Class(class)) => format!("all {class}"),
        Some(SensationFilter::Type(id)) => app.journal.sensations.name_of(id).to_lowercase(),
    }
}

/// Title, screens, window, filter and metric.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, THEME.header);
    let mut spans = vec![Span::styled(" sensemap ", THEME.header.patch(THEME.title))];
    // Counts that still lack older months say so, never passing as final.
    let incomplete = match app.screen {
        Screen::BodyMap | Screen::Charts => !app.journal.heat_complete(),
        Screen::Timeline => !app.journal.pending_months.is_empty(),
        Screen::Treatments => false,
    };
    let loading = app.journal.loading_label().filter(|_| incomplete);
    let window = matches!(app.screen, Screen::BodyMap | Screen::Charts).then(|| {
        format!(
            "│ {} · {} · {} ",
            app.journal.heat.window.label(),
            filter_label(app),
            metric_label(app.journal.heat.metric)
        )
    });
    let tab = |i: usize, screen: &Screen| format!(" {}:{} ", i + 1, screen.title());
    // Every screen's number where there is room, else only the current one.
    let all_tabs: usize = Screen::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| tab(i, s).chars().count())
        .sum();
    let needed = 10
        + all_tabs
        + loading.as_ref().map_or(0, |l| l.chars().count() + 2)
        + window.as_ref().map_or(0, |w| w.chars().count());
    let wide = usize::from(area.width) >= needed;
    for (i, screen) in Screen::ALL.iter().enumerate() {
        if wide || *screen == app.screen {
            let style = if *screen == app.screen {
                THEME.header.patch(THEME.focus)
            } else {
                THEME.header
            };
            spans.push(Span::styled(tab(i, screen), style));
        }
    }
    if let Some(loading) = loading {
        spans.push(Span::styled(
            format!(" {loading} "),
            THEME.header.patch(THEME.focus),
        ));
    }
    if let Some(window) = window {
        spans.push(Span::styled(window, THEME.header));
    }
    Line::from(spans).render(area, buf);
}

/// The region(s) in focus spelled out in full, then the last message.
pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    let focus: Vec<String> = match app.screen {
        Screen::BodyMap => vec![app.body.cursor.region().label()],
        Screen::Charts => app
            .charts_region()
            .map(|r| r.region().label())
            .into_iter()
            .collect(),
        Screen::Timeline => app
            .timeline_entry()
            .map(|e| e.regions.ids().iter().map(|r| r.region().label()).collect())
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
    let hints: Vec<(&str, &str)> = bindings(app.key_context())
        .filter_map(|b| b.hint.map(|hint| (b.keys_label, hint)))
        .collect();
    // Quit and help always show, at the right; the rest as room allows.
    let (help, others): (Vec<_>, Vec<_>) = hints
        .into_iter()
        .partition(|(_, hint)| matches!(*hint, "help" | "quit"));
    let width_of = |(keys, hint): &(&str, &str)| keys.chars().count() + hint.chars().count() + 3;
    let mut room =
        (area.width as usize).saturating_sub(1 + help.iter().map(width_of).sum::<usize>());
    let mut spans = vec![Span::raw(" ")];
    for hint in &others {
        let needed = width_of(hint);
        if needed > room {
            break;
        }
        room -= needed;
        spans.push(Span::styled(hint.0, THEME.key));
        spans.push(Span::styled(format!(" {}  ", hint.1), THEME.dim));
    }
    for (keys, hint) in &help {
        spans.push(Span::styled(*keys, THEME.key));
        spans.push(Span::styled(format!(" {hint}  "), THEME.dim));
    }
    Line::from(spans).render(area, buf);
}
