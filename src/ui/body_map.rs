//! The body-map screen: both figures coloured by recurrence, and a side
//! panel with the legend and the cursor's counts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::filter_label;
use super::theme::{HEAT_GLYPHS, THEME, heat_style};
use crate::app::layout::{self, BodyMapAreas};
use crate::app::{App, ColorMode, metric_label};
use crate::domain::body_map::{BodyMap, Figure};
use crate::domain::{HeatScale, RegionId, View};

/// Draws the body-map screen into the body area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(areas) = layout::body_map(area) else {
        return;
    };
    let scale = app.journal.heat_scale();
    let figures = BodyMap::global().figures(areas.size);
    title(View::Front, areas.front_title, buf);
    title(View::Back, areas.back_title, buf);
    figure(app, &figures.front, &scale, areas.front, buf);
    figure(app, &figures.back, &scale, areas.back, buf);
    panel(app, &scale, &areas, buf);
}

/// "R   FRONT   L": which side of the patient is on which side of the screen.
fn title(view: View, area: Rect, buf: &mut Buffer) {
    let (left, name, right) = match view {
        View::Front => ("R", "FRONT", "L"),
        View::Back => ("L", "BACK", "R"),
    };
    buf.set_string(area.x, area.y, left, THEME.title);
    buf.set_string(area.right().saturating_sub(1), area.y, right, THEME.title);
    Line::styled(name, THEME.title)
        .alignment(Alignment::Center)
        .render(area, buf);
}

/// Art characters that density glyphs may replace without losing the
/// outline's shape: blanks and the flat top and bottom edges.
pub const FILLABLE: [char; 3] = [' ', '_', '-'];

/// Whether any cell of `region` is blank in the art.
fn has_blank(figure: &Figure, region: RegionId) -> bool {
    figure
        .cells(region)
        .any(|(x, y)| figure.art_at(x, y) == ' ')
}

/// One figure, cell by cell from its art and mask.
fn figure(app: &App, figure: &Figure, scale: &HeatScale, area: Rect, buf: &mut Buffer) {
    for y in 0..figure.height().min(area.height) {
        for x in 0..figure.width().min(area.width) {
            let Some(region) = figure.region_at(x, y) else {
                continue;
            };
            let art = figure.art_at(x, y);
            let step = scale.step(&app.journal.tally.get(region));
            let mut glyph = art;
            let mut style = Style::new();
            if let Some(step) = step {
                style = heat_style(app.color, step);
                // Blanks take the glyph; flat edges only where a region has no blank.
                let fillable =
                    art == ' ' || (FILLABLE.contains(&art) && !has_blank(figure, region));
                if app.color == ColorMode::NoColor && fillable {
                    glyph = HEAT_GLYPHS[step];
                }
            }
            if app.body.selection.contains(&region) {
                style = style.patch(THEME.selected);
                if art == ' ' {
                    glyph = '+';
                }
            }
            if region == app.body.cursor {
                // A white block in colour, reversed video without it: distinct from every heat step.
                style = match app.color {
                    ColorMode::NoColor => style.patch(THEME.cursor),
                    _ => style.patch(THEME.cursor_colour),
                };
            }
            if let Some(cell) = buf.cell_mut((area.x + x, area.y + y)) {
                cell.set_char(glyph).set_style(style);
            }
        }
    }
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
            "{} · {} · mean {:.1}",
            plural(stats.episodes, "episode"),
            plural(stats.days_affected, "day"),
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
        lines.push(Line::styled(
            "Space adds regions to log together",
            THEME.dim,
        ));
    } else {
        lines.push(Line::styled(
            format!("Selected ({}), Enter logs:", app.body.selection.len()),
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
    for (step, label) in scale.labels().iter().enumerate() {
        let swatch = match app.color {
            ColorMode::NoColor => Span::raw(HEAT_GLYPHS[step].to_string().repeat(3)),
            mode => Span::styled("   ", heat_style(mode, step)),
        };
        lines.push(Line::from(vec![
            Span::raw(" "),
            swatch,
            Span::raw(format!(" {label}")),
        ]));
    }
    lines.push(Line::from(vec![
        Span::raw("     "),
        Span::styled("none", THEME.dim),
    ]));
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
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(areas.panel, buf);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalogue;
    use crate::domain::body_map::FigureSize;

    #[test]
    fn every_region_has_a_cell_that_can_show_a_density_glyph() {
        for size in FigureSize::ALL {
            let figures = BodyMap::global().figures(size);
            for r in Catalogue::global().ids() {
                let figure = figures.figure(r.region().view);
                let fillable = figure
                    .cells(r)
                    .any(|(x, y)| FILLABLE.contains(&figure.art_at(x, y)));
                assert!(
                    fillable,
                    "{size:?}: {} has no cell for a NO_COLOR glyph",
                    r.region().id
                );
            }
        }
    }
}
