//! The charts: the regions with the most episodes as bars, and for the
//! highlighted one its sensations, weekly trend and the class summary.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Widget};

use super::theme::{Paint, THEME, class_style, heat_style};
use crate::app::{App, ColorMode, layout, metric_label};
use crate::domain::{Metric, RegionStats};

/// Width of the region-name column: the longest full name, so every side
/// is spelled out.
fn name_width() -> usize {
    crate::domain::Catalogue::global()
        .regions()
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
}
/// Eighths of a block, for smooth bar ends.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar `value / max` of `width` cells.
fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || width == 0 {
        return String::new();
    }
    let eighths = ((value / max) * width as f64 * 8.0).round() as usize;
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

/// How a metric value reads.
fn value_text(metric: Metric, value: f64) -> String {
    match metric {
        Metric::MeanIntensity => format!("{value:.1}"),
        _ => format!("{value:.0}"),
    }
}

/// Draws the charts screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (left, right) = layout::charts(area);
    regions(app, left, buf);
    details(app, right, buf);
}

/// The bar chart of regions.
fn regions(app: &App, area: Rect, buf: &mut Buffer) {
    let metric = app.journal.heat.metric;
    let mut title = format!(" Regions by {}", metric_label(metric));
    if !app.journal.heat_complete()
        && let Some(percent) = app.journal.loaded_percent()
    {
        title.push_str(&format!(" (so far: {percent}% loaded)"));
    }
    let mut lines = vec![Line::styled(title, THEME.title)];
    let ranked = &app.charts.ranked;
    if ranked.is_empty() {
        lines.push(Line::styled(
            format!(
                "  Nothing logged in {}. w widens the window.",
                app.journal.heat.window.label()
            ),
            THEME.dim,
        ));
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let visible = area.height.saturating_sub(1) as usize;
    let offset = layout::first_bar(app.charts.selected, visible);
    let max = ranked.iter().map(|s| s.value(metric)).fold(0.0, f64::max);
    let scale = app.journal.heat_scale();
    let bar_width = (area.width as usize).saturating_sub(name_width() + 8);
    for (i, stats) in ranked.iter().enumerate().skip(offset).take(visible) {
        lines.push(bar_line(
            app,
            stats,
            i == app.charts.selected,
            max,
            bar_width,
            scale.step(stats),
        ));
    }
    Paragraph::new(lines).render(area, buf);
}

/// One labelled bar.
fn bar_line(
    app: &App,
    stats: &RegionStats,
    selected: bool,
    max: f64,
    width: usize,
    step: Option<usize>,
) -> Line<'static> {
    let metric = app.journal.heat.metric;
    let name = stats.region.region().name.clone();
    let name_style = if selected {
        THEME.highlight
    } else {
        Style::new()
    };
    let bar_style = match (app.color, step) {
        (ColorMode::NoColor, _) | (_, None) => Style::new(),
        (_, Some(step)) => Style::new().fg(heat_style(Paint::of(app), step).bg.unwrap_or_default()),
    };
    Line::from(vec![
        Span::styled(format!(" {name:<width$}", width = name_width()), name_style),
        Span::raw(" "),
        Span::styled(bar(stats.value(metric), max, width), bar_style),
        Span::raw(format!(" {}", value_text(metric, stats.value(metric)))),
    ])
}

/// Columns for the weekly trend's scale (three digits and a tick).
const AXIS_WIDTH: u16 = 4;

/// The most episodes one column of the weekly trend shows.
fn weekly_max(charts: &crate::app::Charts, width: u16) -> u64 {
    let columns = usize::from(width.max(1));
    let per_bar = charts.weekly.len().div_ceil(columns).max(1);
    charts
        .weekly
        .chunks(per_bar)
        .map(|c| c.iter().map(|&n| u64::from(n)).sum::<u64>())
        .max()
        .unwrap_or(0)
}

/// Dates under the trend: its first week, its middle, and this week.
fn week_labels(first: chrono::NaiveDate, weeks: usize, area: Rect, indent: u16, buf: &mut Buffer) {
    let start = first.format("%-d %b %Y").to_string();
    let middle = (first + chrono::Duration::weeks(weeks as i64 / 2))
        .format("%-d %b")
        .to_string();
    let end = "this week";
    let width = usize::from(area.width.saturating_sub(indent));
    let room = width.saturating_sub(start.len() + end.len());
    let text = if weeks >= 4 && room >= middle.len() + 4 {
        let left = (room - middle.len()) / 2;
        format!(
            "{start}{}{middle}{}{end}",
            " ".repeat(left),
            " ".repeat(room - middle.len() - left)
        )
    } else {
        format!("{start}{}{end}", " ".repeat(room))
    };
    buf.set_string(area.x + indent, area.y, text, THEME.dim);
}

/// The highlighted region's breakdown, its weekly trend, and the classes.
fn details(app: &App, area: Rect, buf: &mut Buffer) {
    let charts = &app.charts;
    let Some(region) = app.charts_region() else {
        return;
    };
    let listed = charts.breakdown.len().min(5) as u16;
    let classes = charts.classes.len() as u16 + 2;
    // The trend takes what is left, 4 to 12 rows: readable, never a wall.
    let trend_rows = area
        .height
        .saturating_sub(3 + listed + 1 + classes)
        .clamp(4, 12);
    let [top, trend, labels, bottom, _] = Layout::vertical([
        Constraint::Length(3 + listed),
        Constraint::Length(trend_rows),
        Constraint::Length(1),
        Constraint::Length(classes),
        Constraint::Fill(1),
    ])
    .areas(area);
    let most_in_a_bar = weekly_max(charts, trend.width.saturating_sub(AXIS_WIDTH));
    let axis_width = (most_in_a_bar.to_string().len() as u16 + 1).max(AXIS_WIDTH);
    let [axis, trend] =
        Layout::horizontal([Constraint::Length(axis_width), Constraint::Fill(1)]).areas(trend);

    let mut lines = vec![
        Line::styled(region.region().label(), THEME.title),
        Line::styled("By sensation", THEME.dim),
    ];
    let most = charts.breakdown.first().map_or(0, |(_, n)| *n);
    let width = (area.width as usize).saturating_sub(24);
    for (id, n) in charts.breakdown.iter().take(5) {
        let class = app.journal.sensations.class_of(id);
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {:<16}", app.journal.sensations.name_of(id)),
                class_style(Paint::of(app), class),
            ),
            Span::raw(format!(" {:>4} ", n)),
            Span::raw(bar(f64::from(*n), f64::from(most), width)),
        ]));
    }
    let weeks = charts.weekly.len();
    let columns = trend.width.max(1) as usize;
    let per_bar = weeks.div_ceil(columns).max(1);
    let unit = if per_bar == 1 {
        "per week".to_string()
    } else {
        format!("per {per_bar} weeks")
    };
    lines.push(Line::styled(format!("Episodes {unit}"), THEME.dim));
    Paragraph::new(lines).render(top, buf);

    // Several weeks per column when they do not fit; several columns per week when few.
    let buckets: Vec<u64> = charts
        .weekly
        .chunks(per_bar)
        .map(|c| c.iter().map(|&n| u64::from(n)).sum())
        .collect();
    let stretch = (columns / buckets.len().max(1)).max(1);
    let buckets: Vec<u64> = buckets
        .iter()
        .flat_map(|&n| std::iter::repeat_n(n, stretch))
        .collect();
    Sparkline::default()
        .data(&buckets)
        .max(most_in_a_bar.max(1))
        .style(THEME.title)
        .render(trend, buf);
    // The scale: the largest count at the top, 0 at the bottom.
    let top_label = format!(
        "{most_in_a_bar:>width$}┤",
        width = usize::from(axis_width - 1)
    );
    buf.set_string(axis.x, axis.y, top_label, THEME.dim);
    if axis.height >= 6 && most_in_a_bar >= 4 {
        let middle = format!(
            "{:>width$}┤",
            most_in_a_bar / 2,
            width = usize::from(axis_width - 1)
        );
        buf.set_string(axis.x, axis.y + axis.height / 2, middle, THEME.dim);
    }
    let zero = format!("{:>width$}┤", 0, width = usize::from(axis_width - 1));
    buf.set_string(axis.x, axis.bottom().saturating_sub(1), zero, THEME.dim);
    if let Some(first) = charts.first_week {
        week_labels(first, weeks, labels, axis_width, buf);
    }

    let mut lines = vec![Line::styled("All regions    episodes   days", THEME.dim)];
    for count in &charts.classes {
        let name = count.class.map_or("unknown type", |c| c.as_str());
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {name:<14}"),
                class_style(Paint::of(app), count.class),
            ),
            Span::raw(format!("{:>7} {:>6}", count.episodes, count.days)),
        ]));
    }
    Paragraph::new(lines).render(bottom, buf);
}
