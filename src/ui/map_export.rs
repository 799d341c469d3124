//! The heat-map outside the app: as plain text (the figures as drawn on
//! screen without colour, with a legend) and as a self-contained SVG of the
//! 74 shapes, for `sensemap map` and the report.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::figure::FigurePaint;
use super::theme::{HEAT_GLYPHS, Paint};
use crate::domain::body_map::{BodyGeometry, BodyRaster, MapStyle, Point, fit};
use crate::domain::{Catalogue, HeatScale, Metric, RegionId, RegionTally, View};

/// The heat steps of the SVG map (printed on white): viridis sampled at
/// lightness L* 36, 50, 63, 77 and 91, as the report has always shown them.
const HEAT_RGB: [(u8, u8, u8); crate::domain::HEAT_STEPS] = [
    (0x3b, 0x52, 0x8b),
    (0x27, 0x80, 0x8e),
    (0x28, 0xae, 0x80),
    (0x86, 0xd5, 0x49),
    (0xfd, 0xe7, 0x25),
];

/// Rows of each figure in the text map: it fits an 80-column terminal.
pub const TEXT_ROWS: u16 = 36;
/// Columns between the two figures of the text map.
const TEXT_GAP: u16 = 4;

/// What a map shows.
#[derive(Debug, Clone)]
pub struct MapHeat {
    /// What is counted and over which time, e.g. "Episodes, 1 Jan to 26 Nov 2026".
    pub title: String,
    /// Each region's heat step, by region index.
    pub steps: Vec<Option<usize>>,
    /// Each region's count in words, by region index (for the SVG's titles).
    pub counts: Vec<String>,
    /// The numeric range of each step.
    pub labels: Vec<String>,
}

impl MapHeat {
    /// The map of `tally` coloured by `metric`, under `title`.
    pub fn of(tally: &RegionTally, metric: Metric, title: String) -> MapHeat {
        let scale = HeatScale::for_tally(tally, metric);
        let regions = || Catalogue::global().ids();
        MapHeat {
            title,
            steps: regions().map(|r| scale.step(&tally.get(r))).collect(),
            counts: regions().map(|r| counts_in_words(tally, r)).collect(),
            labels: scale.labels(),
        }
    }

    /// Whether no region has any heat.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(Option::is_none)
    }
}

/// "5 episodes · 3 days · mean 4.2", or "no episodes".
fn counts_in_words(tally: &RegionTally, region: RegionId) -> String {
    let stats = tally.get(region);
    if stats.episodes == 0 {
        return "no episodes".into();
    }
    let plural = |n: u32, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{} · {} · mean {:.1}",
        plural(stats.episodes, "episode"),
        plural(stats.days_affected, "day"),
        stats.mean_intensity
    )
}

/// The map as text: title, "R FRONT L" and "L BACK R", both figures in
/// edge characters and heat glyphs, and the legend.
pub fn text(heat: &MapHeat) -> String {
    let (cols, rows) = fit(BodyGeometry::global(), u16::MAX, TEXT_ROWS);
    let raster = BodyRaster::new(BodyGeometry::global(), cols, rows);
    let width = 2 * cols + TEXT_GAP;
    let mut buffer = Buffer::empty(Rect::new(0, 0, width, rows + 1));
    let inset = cols / 5;
    for (left, name, right, x) in [("R", "FRONT", "L", 0), ("L", "BACK", "R", cols + TEXT_GAP)] {
        buffer.set_string(x + inset, 0, left, ratatui::style::Style::new());
        buffer.set_string(
            x + (cols - name.len() as u16) / 2,
            0,
            name,
            ratatui::style::Style::new(),
        );
        buffer.set_string(x + cols - 1 - inset, 0, right, ratatui::style::Style::new());
    }
    let selection = BTreeSet::new();
    let paint = FigurePaint {
        steps: &heat.steps,
        cursor: None,
        selection: &selection,
        paint: Paint::NO_COLOR,
        style: MapStyle::Outline,
    };
    paint.draw(&raster.front, Rect::new(0, 1, cols, rows), &mut buffer);
    paint.draw(
        &raster.back,
        Rect::new(cols + TEXT_GAP, 1, cols, rows),
        &mut buffer,
    );
    let mut out = format!("{}\n\n", heat.title);
    for y in 0..=rows {
        let line: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    if heat.is_empty() {
        out.push_str("  Nothing logged in this time.\n");
        return out;
    }
    for (step, label) in heat.labels.iter().enumerate() {
        let glyph = HEAT_GLYPHS[step.min(HEAT_GLYPHS.len() - 1)];
        let _ = writeln!(out, "  {glyph}{glyph}{glyph}  {label}");
    }
    out.push_str("       none\n");
    out
}

/// Escapes text for XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A colour as `#rrggbb`.
fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The fill of a region without heat on paper.
const PAPER_BODY: (u8, u8, u8) = (0xf0, 0xf0, 0xf0);
/// Units of figure space per SVG pixel.
const SVG_SCALE: f64 = 2.5;

/// The map as a self-contained SVG: the 74 shapes in their heat colours,
/// each with its region and count in a `<title>`, the side labels, and a
/// legend.
pub fn svg(heat: &MapHeat) -> String {
    let geometry = BodyGeometry::global();
    let (fw, fh) = (geometry.width * SVG_SCALE, geometry.height * SVG_SCALE);
    let gap = 40.0;
    let top = 70.0;
    let legend_top = top + fh + 30.0;
    // Wide enough for the figures and for the legend in one row.
    let legend_width: f64 = heat
        .labels
        .iter()
        .map(|label| 40.0 + 9.0 * label.len() as f64)
        .sum::<f64>()
        + 90.0;
    let width = (2.0 * fw + gap + 40.0).max(legend_width);
    let height = legend_top + 30.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="14">"##
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&heat.title));
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="20" y="28" font-size="18">{}</text>"##,
        xml(&heat.title)
    );
    for (view, left_x) in [(View::Front, 20.0), (View::Back, 20.0 + fw + gap)] {
        let (left, name, right) = match view {
            View::Front => ("R", "FRONT", "L"),
            View::Back => ("L", "BACK", "R"),
        };
        let label_y = top - 12.0;
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{label_y}" font-weight="bold" font-size="24">{left}</text><text x="{}" y="{label_y}" text-anchor="middle" font-weight="bold" font-size="20">{name}</text><text x="{}" y="{label_y}" text-anchor="end" font-weight="bold" font-size="24">{right}</text>"##,
            left_x + fw * 0.2,
            left_x + fw / 2.0,
            left_x + fw * 0.8,
        );
        let _ = writeln!(
            out,
            r##"<g transform="translate({left_x} {top})" stroke="#444444" stroke-width="1" stroke-linejoin="round">"##
        );
        for shape in geometry.figure(view).shapes() {
            let index = shape.region.index();
            let fill = heat
                .steps
                .get(index)
                .copied()
                .flatten()
                .map_or(PAPER_BODY, |s| HEAT_RGB[s.min(HEAT_RGB.len() - 1)]);
            let path = path_data(shape.polygon.corners());
            let label = shape.region.region().label();
            let count = heat.counts.get(index).map_or("", String::as_str);
            let _ = writeln!(
                out,
                r##"<path d="{path}" fill="{}"><title>{}: {}</title></path>"##,
                hex(fill),
                xml(&label),
                xml(count)
            );
        }
        let _ = writeln!(out, "</g>");
    }
    let mut x = 20.0;
    if heat.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{x}" y="{legend_top}">Nothing logged in this time.</text>"##
        );
        out.push_str("</svg>\n");
        return out;
    }
    for (step, label) in heat.labels.iter().enumerate() {
        let colour = hex(HEAT_RGB[step.min(HEAT_RGB.len() - 1)]);
        let _ = writeln!(
            out,
            r##"<rect x="{x}" y="{}" width="24" height="16" fill="{colour}" stroke="#444444"/><text x="{}" y="{}">{}</text>"##,
            legend_top - 13.0,
            x + 30.0,
            legend_top,
            xml(label)
        );
        x += 40.0 + 9.0 * label.len() as f64;
    }
    let _ = writeln!(
        out,
        r##"<rect x="{x}" y="{}" width="24" height="16" fill="{}" stroke="#444444"/><text x="{}" y="{}">none</text>"##,
        legend_top - 13.0,
        hex(PAPER_BODY),
        x + 30.0,
        legend_top
    );
    out.push_str("</svg>\n");
    out
}

/// SVG path data for a polygon in figure space.
fn path_data(corners: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in corners.iter().enumerate() {
        let command = if i == 0 { 'M' } else { 'L' };
        let _ = write!(d, "{command}{:.1} {:.1} ", p.x * SVG_SCALE, p.y * SVG_SCALE);
    }
    d.push('Z');
    d
}

/// Every region's key, for checking an SVG names them all.
pub fn region_count() -> usize {
    Catalogue::global().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heat() -> MapHeat {
        let n = Catalogue::global().len();
        let mut steps = vec![None; n];
        let sole = Catalogue::global().lookup("left-sole").unwrap();
        steps[sole.index()] = Some(4);
        let mut counts = vec!["no episodes".to_string(); n];
        counts[sole.index()] = "7 episodes".into();
        MapHeat {
            title: "Episodes <all time> & more".into(),
            steps,
            counts,
            labels: vec![
                "1-2".into(),
                "3-4".into(),
                "5".into(),
                "6".into(),
                "7".into(),
            ],
        }
    }

    #[test]
    fn the_svg_has_every_shape_coloured_and_named() {
        let svg = svg(&heat());
        assert_eq!(svg.matches("<path ").count(), region_count());
        assert!(
            svg.contains("<title>Foot, sole (left) - b37: 7 episodes</title>"),
            "{svg}"
        );
        assert!(svg.contains("fill=\"#fde725\""), "the hottest step");
        assert!(svg.contains("Episodes &lt;all time&gt; &amp; more"));
        assert!(!svg.contains("href"), "self-contained");
        for label in ["1-2", "none", "FRONT", "BACK"] {
            assert!(svg.contains(&format!(">{label}<")), "{label}");
        }
    }

    #[test]
    fn an_empty_map_says_so_instead_of_a_legend() {
        let mut empty = heat();
        empty.steps.iter_mut().for_each(|s| *s = None);
        assert!(text(&empty).ends_with("\n  Nothing logged in this time.\n"));
        assert!(!text(&empty).contains("none"));
        let svg = svg(&empty);
        assert!(svg.contains(">Nothing logged in this time.<"));
        assert_eq!(svg.matches("<path ").count(), region_count());
    }

    #[test]
    fn the_text_map_draws_both_figures_with_heat_glyphs_and_a_legend() {
        let text = text(&heat());
        assert!(text.contains("FRONT") && text.contains("BACK"));
        assert!(text.contains('@'), "the sole's glyph");
        assert!(text.contains("  @@@  7"));
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(text.lines().count() > usize::from(TEXT_ROWS));
    }
}
