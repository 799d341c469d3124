//! One figure of the body map drawn cell by cell from its raster: in
//! half blocks (`solid`), in edge characters (`outline`), or without
//! colour in edge characters and heat glyphs. Used by the body-map screen
//! and by `sensemap map --format text`.

use std::collections::BTreeSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::theme::{
    CURSOR_MARK, HEAT_GLYPHS, Paint, SELECTED_MARK, body_border, body_fill, cursor_rim, on_fill,
    on_rim, selection_rim,
};
use crate::app::ColorMode;
use crate::domain::RegionId;
use crate::domain::body_map::{FigureRaster, MapStyle};

/// Regions smaller than this many pixels are marked without a ring.
const RING_MIN_PIXELS: usize = 8;

/// The regions drawn with a ring: the cursor's and the selected ones that
/// are large enough.
struct Rings {
    cursor: Option<RegionId>,
    selection: Vec<RegionId>,
}

/// Everything a figure is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct FigurePaint<'a> {
    /// Each region's heat step, by region index (`None`: nothing felt).
    pub steps: &'a [Option<usize>],
    /// The cursor's region, if the cursor is shown.
    pub cursor: Option<RegionId>,
    /// Regions selected to log together.
    pub selection: &'a BTreeSet<RegionId>,
    /// What the terminal can show, in the theme's colours.
    pub paint: Paint,
    /// How the figure is drawn in colour.
    pub style: MapStyle,
}

impl FigurePaint<'_> {
    /// A region's heat step.
    fn step(&self, region: RegionId) -> Option<usize> {
        self.steps.get(region.index()).copied().flatten()
    }

    /// Draws `figure` with its top-left cell at `area`'s.
    pub fn draw(&self, figure: &FigureRaster, area: Rect, buf: &mut Buffer) {
        let rings = Rings {
            cursor: self.cursor.filter(|r| Self::ringed(figure, *r)),
            selection: self
                .selection
                .iter()
                .copied()
                .filter(|r| Self::ringed(figure, *r))
                .collect(),
        };
        match (self.paint.mode, self.style) {
            (ColorMode::NoColor, _) => self.glyphs(figure, area, buf),
            (_, MapStyle::Solid) => self.solid(figure, &rings, area, buf),
            (_, MapStyle::Outline) => self.outline(figure, area, buf),
        }
        self.markers(figure, area, buf);
    }

    /// Every cell of the figure that fits in `area`, with its screen position.
    fn cells(figure: &FigureRaster, area: Rect) -> impl Iterator<Item = (u16, u16, u16, u16)> {
        let (width, height) = (
            figure.width().min(area.width),
            figure.height().min(area.height),
        );
        (0..height).flat_map(move |y| (0..width).map(move |x| (x, y, area.x + x, area.y + y)))
    }

    /// Whether a pixel outside `region` touches it: the ring drawn around
    /// the cursor's and the selected regions, so their own fill stays whole.
    /// A region of a few pixels gets no ring, which would drown its colour;
    /// its marker shows it.
    fn rings(figure: &FigureRaster, x: u16, py: u16, region: RegionId) -> bool {
        if figure.pixel(x, py) == Some(region) {
            return false;
        }
        let left = x.checked_sub(1).and_then(|x| figure.pixel(x, py));
        let up = py.checked_sub(1).and_then(|py| figure.pixel(x, py));
        [left, up, figure.pixel(x + 1, py), figure.pixel(x, py + 1)].contains(&Some(region))
    }

    /// Whether a region is large enough for a ring: at least
    /// [`RING_MIN_PIXELS`] pixels.
    fn ringed(figure: &FigureRaster, region: RegionId) -> bool {
        figure.pixel_count(region) >= RING_MIN_PIXELS
    }

    /// The colour of one pixel in the solid style: a ring around the cursor
    /// or a selected region, a darker line on borders, else the fill.
    fn pixel_color(&self, figure: &FigureRaster, rings: &Rings, x: u16, py: u16) -> Option<Color> {
        if let Some(cursor) = rings.cursor
            && Self::rings(figure, x, py, cursor)
        {
            return cursor_rim(self.paint);
        }
        if rings
            .selection
            .iter()
            .any(|r| Self::rings(figure, x, py, *r))
        {
            return selection_rim(self.paint);
        }
        let region = figure.pixel(x, py)?;
        let step = self.step(region);
        if figure.is_border_pixel(x, py) {
            body_border(self.paint)
        } else {
            body_fill(self.paint, step)
        }
    }

    /// Half blocks: each cell shows its top pixel in the foreground of `▀`
    /// and its bottom pixel in the background.
    fn solid(&self, figure: &FigureRaster, rings: &Rings, area: Rect, buf: &mut Buffer) {
        for (x, y, sx, sy) in Self::cells(figure, area) {
            let top = self.pixel_color(figure, rings, x, 2 * y);
            let bottom = self.pixel_color(figure, rings, x, 2 * y + 1);
            let (symbol, style) = match (top, bottom) {
                (None, None) => continue,
                (Some(top), None) => ("▀", Style::new().fg(top)),
                (None, Some(bottom)) => ("▄", Style::new().fg(bottom)),
                (Some(top), Some(bottom)) => ("▀", Style::new().fg(top).bg(bottom)),
            };
            if let Some(cell) = buf.cell_mut((sx, sy)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }

    /// Edge characters over the heat colour as background.
    fn outline(&self, figure: &FigureRaster, area: Rect, buf: &mut Buffer) {
        for (x, y, sx, sy) in Self::cells(figure, area) {
            let Some(region) = figure.region_at(x, y) else {
                continue;
            };
            let step = self.step(region);
            let mut style = Style::new();
            if let Some(step) = step {
                style = style.bg(body_fill(self.paint, Some(step)).unwrap_or_default());
            }
            let edge = figure.edge(x, y);
            style = match (edge, step) {
                (_, Some(_)) => style.fg(on_fill(self.paint, step)),
                (Some(e), None) if e.silhouette => style,
                (Some(_), None) => style.fg(Color::DarkGray),
                (None, None) => style,
            };
            // A border belongs to the cell above or left of it, so the ring
            // of a region takes in those neighbours' edges too.
            let below = figure.region_at(x, y + 1);
            let right = figure.region_at(x + 1, y);
            let touches = |r: RegionId| region == r || below == Some(r) || right == Some(r);
            let palette = self.paint.palette;
            let rim = if self.cursor.is_some_and(touches) {
                cursor_rim(self.paint).map(|c| (c, palette.cursor))
            } else if self.selection.iter().any(|r| touches(*r)) {
                selection_rim(self.paint).map(|c| (c, palette.selection))
            } else {
                None
            };
            if let (Some((rim, rgb)), Some(_)) = (rim, edge) {
                // In the theme's colours the ring is a band of its colour
                // with the line in readable ink on it; with 16 colours, the
                // line itself in the ring's colour.
                style = if self.paint.owns_the_page() {
                    Style::new().bg(rim).fg(on_rim(self.paint, rgb))
                } else {
                    style.fg(rim)
                }
                .add_modifier(Modifier::BOLD);
            }
            let glyph = edge.map_or(' ', |e| e.glyph);
            if let Some(cell) = buf.cell_mut((sx, sy)) {
                cell.set_char(glyph).set_style(style);
            }
        }
    }

    /// Without colour: the outline and, where nothing was felt, the region
    /// borders in edge characters; heat glyphs fill the regions with heat;
    /// the cursor's region in reverse video, the selection underlined (and
    /// each marked ✓ by [`Self::markers`]).
    fn glyphs(&self, figure: &FigureRaster, area: Rect, buf: &mut Buffer) {
        for (x, y, sx, sy) in Self::cells(figure, area) {
            let Some(region) = figure.region_at(x, y) else {
                continue;
            };
            let heat = self
                .step(region)
                .map(|s| HEAT_GLYPHS[s.min(HEAT_GLYPHS.len() - 1)]);
            let at_anchor = figure.anchor(region) == Some((x, y));
            // Heat reads first: its glyph fills the region up to the
            // outline, and at least the anchor cell of a small region.
            let glyph = match (figure.edge(x, y), heat) {
                (_, Some(h)) if at_anchor => h,
                (Some(edge), _) if edge.silhouette => edge.glyph,
                (_, Some(h)) => h,
                (Some(edge), None) => edge.glyph,
                (None, None) => ' ',
            };
            let mut style = Style::new();
            if self.cursor == Some(region) {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            } else if self.selection.contains(&region) {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            }
            if let Some(cell) = buf.cell_mut((sx, sy)) {
                cell.set_char(glyph).set_style(style);
            }
        }
    }

    /// The cursor's and the selection's markers at their regions' anchors:
    /// ✓ on each selected region (the cursor's too, inside its ring), ◆ on
    /// the cursor's otherwise. In colour they sit on the region's own fill,
    /// so its heat colour still shows; without colour they keep the cell's
    /// reverse video or underline.
    fn markers(&self, figure: &FigureRaster, area: Rect, buf: &mut Buffer) {
        let cursor = self
            .cursor
            .filter(|c| !self.selection.contains(c))
            .map(|r| (r, CURSOR_MARK));
        let marks = self
            .selection
            .iter()
            .map(|r| (*r, SELECTED_MARK))
            .chain(cursor);
        for (region, mark) in marks {
            let Some((x, y)) = figure.anchor(region) else {
                continue;
            };
            if x >= area.width || y >= area.height {
                continue;
            }
            let Some(cell) = buf.cell_mut((area.x + x, area.y + y)) else {
                continue;
            };
            if self.paint.mode == ColorMode::NoColor {
                cell.set_char(mark);
                continue;
            }
            let step = self.step(region);
            let mut style = Style::new().add_modifier(Modifier::BOLD);
            // In outline a region without heat has no fill: keep the
            // terminal's own colours there.
            if step.is_some() || self.style == MapStyle::Solid {
                style = style.fg(on_fill(self.paint, step));
                if let Some(fill) = body_fill(self.paint, step) {
                    style = style.bg(fill);
                }
            }
            cell.set_char(mark).set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalogue;
    use crate::domain::body_map::{BodyGeometry, BodyRaster, fit};
    use crate::ui::theme::HEAT_GLYPHS;

    /// Draws one figure of `raster` and returns the buffer.
    fn drawn(paint: &FigurePaint, figure: &FigureRaster) -> Buffer {
        let area = Rect::new(0, 0, figure.width(), figure.height());
        let mut buffer = Buffer::empty(area);
        paint.draw(figure, area, &mut buffer);
        buffer
    }

    #[test]
    fn without_colour_every_region_with_heat_shows_its_glyph_at_every_size() {
        let steps: Vec<Option<usize>> = (0..Catalogue::global().len())
            .map(|i| Some(i % 5))
            .collect();
        let selection = BTreeSet::new();
        for rows in [18, 20, 24, 36, 56, 96] {
            let (cols, rows) = fit(BodyGeometry::global(), u16::MAX, rows);
            let raster = BodyRaster::new(BodyGeometry::global(), cols, rows);
            let paint = FigurePaint {
                steps: &steps,
                cursor: None,
                selection: &selection,
                paint: Paint::NO_COLOR,
                style: MapStyle::Solid,
            };
            for figure in [&raster.front, &raster.back] {
                let buffer = drawn(&paint, figure);
                for region in figure.regions() {
                    let glyph = HEAT_GLYPHS[region.index() % 5].to_string();
                    let shown = figure
                        .cells(region)
                        .any(|(x, y)| buffer[(x, y)].symbol() == glyph);
                    assert!(shown, "{rows} rows: {} lacks {glyph}", region.region().key);
                }
            }
        }
    }

    #[test]
    fn solid_cells_show_both_pixels_and_the_marker_keeps_the_heat_colour() {
        let (cols, rows) = fit(BodyGeometry::global(), u16::MAX, 36);
        let raster = BodyRaster::new(BodyGeometry::global(), cols, rows);
        let sole = Catalogue::global().lookup("left-sole").unwrap();
        let mut steps = vec![None; Catalogue::global().len()];
        steps[sole.index()] = Some(4);
        let selection = BTreeSet::new();
        let paint = FigurePaint {
            steps: &steps,
            cursor: Some(sole),
            selection: &selection,
            paint: Paint {
                mode: ColorMode::TrueColor,
                palette: crate::app::Palette::DARK,
            },
            style: MapStyle::Solid,
        };
        let buffer = drawn(&paint, &raster.back);
        let (ax, ay) = raster.back.anchor(sole).unwrap();
        let marker = &buffer[(ax, ay)];
        assert_eq!(marker.symbol(), CURSOR_MARK.to_string());
        assert_eq!(Some(marker.bg), body_fill(paint.paint, Some(4)));
        // Outside the figure nothing is drawn; inside, half blocks.
        assert_eq!(buffer[(0, 0)].symbol(), " ");
        let blocks = buffer
            .content()
            .iter()
            .filter(|c| c.symbol() == "▀" || c.symbol() == "▄")
            .count();
        assert!(
            blocks > usize::from(cols) * usize::from(rows) / 4,
            "{blocks}"
        );
    }
}
