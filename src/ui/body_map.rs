//! The body-map screen: both figures coloured by recurrence, and a side
//! panel with the legend and the cursor's counts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::filter_label;
use super::figure::FigurePaint;
use super::theme::{HEAT_GLYPHS, Paint, THEME, body_fill, heat_style};
use crate::app::layout::{self, BodyMapAreas};
use crate::app::{App, ColorMode, metric_label};
use crate::domain::{Catalogue, HeatScale, View};

/// Draws the body-map screen into the body area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(areas) = layout::body_map(area) else {
        return;
    };
    let scale = app.journal.heat_scale();
    let steps = heat_steps(app, &scale);
    let raster = app.body.raster_for(&areas);
    let paint = FigurePaint {
        steps: &steps,
        cursor: Some(app.body.cursor),
        selection: &app.body.selection,
        paint: Paint::of(app),
        style: app.body.style,
    };
    title(View::Front, areas.front_title, buf);
    title(View::Back, areas.back_title, buf);
    paint.draw(&raster.front, areas.front, buf);
    paint.draw(&raster.back, areas.back, buf);
    panel(app, &scale, &areas, buf);
}

/// Each region's heat step in the current window, by region index.
pub fn heat_steps(app: &App, scale: &HeatScale) -> Vec<Option<usize>> {
    Catalogue::global()
        .ids()
        .map(|r| scale.step(&app.journal.tally.get(r)))
        .collect()
}

/// "R   FRONT   L": which side of the patient is on which side of the
/// screen, the letters over the shoulders.
fn title(view: View, area: Rect, buf: &mut Buffer) {
    let (left, name, right) = match view {
        View::Front => ("R", "FRONT", "L"),
        View::Back => ("L", "BACK", "R"),
    };
    let inset = area.width / 5;
    buf.set_string(area.x + inset, area.y, left, THEME.title);
    buf.set_string(
        area.right().saturating_sub(1 + inset),
        area.y,
        right,
        THEME.title,
    );
    Line::styled(name, THEME.title)
        .alignment(Alignment::Center)
        .render(area, buf);
}

/// The cursor's counts, the selection and the legend.
fn panel(app: &App, scale: &HeatScale, areas: &BodyMapAreas, buf: &mut Buffer) {
    let stats = app.journal.tally.get(app.body.cursor);
    let region = app.body.cursor.region();
    let mut lines = vec![
        Line::styled(region.name.clone(), THEME.title),
        Line::from(format!(
            "{} · {} side · {}",
            region.key,
            region.side.as_str(),
            region.view.as_str()
        )),
    ];
    if stats.episodes == 0 {
        lines.push(Line::styled(
            format!("nothing in {}", app.journal.heat.window.label()),
            THEME.dim,
        ));
    } else {
        lines.push(Line::from(format!(
            "{}, {}",
            plural(stats.episodes, "episode"),
            plural(stats.days_affected, "day"),
        )));
        lines.push(Line::from(format!(
            "mean intensity {:.1}",
            stats.mean_intensity
        )));
    }
    if !app.journal.heat_complete()
        && let Some(percent) = app.journal.loaded_percent()
    {
        lines.push(Line::styled(
            format!("so far: {percent}% of history loaded"),
            THEME.focus,
        ));
    }
    lines.push(Line::default());
    if app.body.selection.is_empty() {
        lines.push(Line::styled("Space selects several", THEME.dim));
    } else {
        lines.push(Line::styled(
            match app.modal.overlay {
                Some(crate::app::Overlay::PickWhere(_)) => {
                    format!("Selected ({}), Enter uses them:", app.body.selection.len())
                }
                _ => format!("Selected ({}), Enter logs:", app.body.selection.len()),
            },
            THEME.title,
        ));
        for r in &app.body.selection {
            lines.push(Line::from(format!(" + {}", r.region().label())));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            "{}, {}",
            capitalised(metric_label(app.journal.heat.metric)),
            app.journal.heat.window.label()
        ),
        THEME.title,
    ));
    lines.push(Line::styled(filter_label(app), THEME.dim));
    let anything = Catalogue::global()
        .ids()
        .any(|r| app.journal.tally.get(r).episodes > 0);
    if anything {
        legend(app, scale, &mut lines);
    } else {
        lines.push(Line::from(format!(
            "Nothing logged in {}.",
            app.journal.heat.window.label()
        )));
        lines.push(Line::styled("Enter logs a sensation here.", THEME.dim));
    }
    if !app.journal.problems.is_empty() {
        lines.push(Line::default());
        let count = app.journal.problems.len();
        lines.push(Line::styled(
            format!("Not shown: {count} unreadable month file(s)"),
            THEME.error,
        ));
        lines.extend(
            app.journal
                .problems
                .iter()
                .map(|p| Line::styled(p.clone(), THEME.error)),
        );
    }
    if !app.journal.copies.is_empty() {
        lines.push(Line::default());
        // What to do first: at 80x24 only a few lines fit.
        lines.push(Line::styled(
            match app.journal.copies.len() {
                1 => "A copy of a month (sync conflict?) is not merged: M merges it.".to_string(),
                n => {
                    format!("{n} copies of months (sync conflicts?) are not merged: M merges them.")
                }
            },
            THEME.error,
        ));
        lines.extend(
            app.journal
                .copies
                .iter()
                .map(|c| Line::styled(super::report::words::plain(c), THEME.error)),
        );
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(areas.panel, buf);
}

/// One line per heat step with its swatch (or glyph) and range, then "none".
fn legend(app: &App, scale: &HeatScale, lines: &mut Vec<Line<'static>>) {
    for (step, label) in scale.labels().iter().enumerate() {
        let swatch = match app.color {
            ColorMode::NoColor => Span::raw(HEAT_GLYPHS[step].to_string().repeat(3)),
            _ => Span::styled("   ", heat_style(Paint::of(app), step)),
        };
        lines.push(Line::from(vec![
            Span::raw(" "),
            swatch,
            Span::raw(format!(" {label}")),
        ]));
    }
    let none = match body_fill(Paint::of(app), None) {
        Some(grey) if app.color != ColorMode::NoColor => Span::styled("   ", Style::new().bg(grey)),
        _ => Span::raw("   "),
    };
    lines.push(Line::from(vec![
        Span::raw(" "),
        none,
        Span::styled(" none", THEME.dim),
    ]));
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "1 episode", "3 episodes".
fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
