//! Where things go on screen: pure functions of the terminal size, shared by
//! drawing and by mouse hit-testing so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::domain::body_map::{BodyGeometry, fit};

/// Fewest columns between the two figures; wider figures get a wider gap.
const FIGURE_GAP: u16 = 2;
/// Narrowest side panel (legend and details).
const PANEL_MIN: u16 = 21;
/// Widest side panel: more room goes to the figures' margins.
const PANEL_MAX: u16 = 60;
/// Fewer rows than this and the figures cannot show every region.
const FIGURE_MIN_ROWS: u16 = 12;

/// The rows every screen has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenAreas {
    /// Title, window, filter and metric.
    pub header: Rect,
    /// The screen's own content.
    pub body: Rect,
    /// The selected region in full, or the last message.
    pub status: Rect,
    /// Key hints.
    pub footer: Rect,
}

/// Splits the terminal into header, body, status and footer.
pub fn screen(area: Rect) -> ScreenAreas {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    ScreenAreas {
        header,
        body,
        status,
        footer,
    }
}

/// Rows the timeline has for days and entries: the body less its filter line.
pub fn timeline_rows(body: Rect) -> u16 {
    body.height.saturating_sub(1)
}

/// The charts screen: the bars of regions on the left, the highlighted
/// region's details on the right.
pub fn charts(body: Rect) -> (Rect, Rect) {
    let right_width = if body.width >= 120 { 60 } else { 34 };
    let [left, _, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(right_width),
    ])
    .areas(body);
    (left, right)
}

/// The first bar shown when `selected` must be visible among `visible` bars.
pub fn first_bar(selected: usize, visible: usize) -> usize {
    selected.saturating_sub(visible.saturating_sub(1))
}

/// The parts of the body-map screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyMapAreas {
    /// Each figure's size in cells: (columns, rows).
    pub figure: (u16, u16),
    /// "R  FRONT  L" above the front figure.
    pub front_title: Rect,
    /// "L  BACK  R" above the back figure.
    pub back_title: Rect,
    /// The front figure, exactly its size.
    pub front: Rect,
    /// The back figure, exactly its size.
    pub back: Rect,
    /// Legend and details.
    pub panel: Rect,
}

/// The widest the figures can be in `width` columns, leaving the panel
/// its minimum.
fn widest_figure(width: u16) -> u16 {
    width.saturating_sub(1 + FIGURE_GAP + 1 + PANEL_MIN) / 2
}

/// Lays out the body-map screen in `body`: the two figures as tall as the
/// body allows (less a title row), in a person's proportions, centred in
/// the space the side panel leaves; `None` when they would be too small to
/// show every region.
pub fn body_map(body: Rect) -> Option<BodyMapAreas> {
    let (cols, rows) = fit(
        BodyGeometry::global(),
        widest_figure(body.width),
        body.height.saturating_sub(1),
    );
    if rows < FIGURE_MIN_ROWS {
        return None;
    }
    let spare = body.width - (1 + 2 * cols + 1 + PANEL_MIN);
    let gap = spare.min(cols / 6).max(FIGURE_GAP);
    let figures_width = 1 + cols + gap + cols + 1;
    let panel_width = (body.width - figures_width).min(PANEL_MAX);
    // Figures and panel side by side, the pair centred across the body and
    // the figures with their title row centred down it.
    let left = body.x + (body.width - figures_width - panel_width) / 2;
    let panel = Rect::new(left + figures_width, body.y, panel_width, body.height);
    let top = body.y + (body.height - (rows + 1)) / 2;
    let front = Rect::new(left + 1, top, cols, rows + 1);
    let back = Rect::new(left + 1 + cols + gap, top, cols, rows + 1);
    let [title_row, figure_row] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(rows)]).areas(front);
    let row = |column: Rect, band: Rect| Rect::new(column.x, band.y, column.width, band.height);
    Some(BodyMapAreas {
        figure: (cols, rows),
        front_title: row(front, title_row),
        back_title: row(back, title_row),
        front: row(front, figure_row),
        back: row(back, figure_row),
        panel,
    })
}

/// The smallest terminal sensemap draws its screens in; every screen,
/// forms included, is laid out and tested from this size up.
pub fn minimum_size() -> (u16, u16) {
    (64, 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas(width: u16, height: u16) -> BodyMapAreas {
        body_map(screen(Rect::new(0, 0, width, height)).body).unwrap()
    }

    #[test]
    fn figures_use_nine_tenths_of_the_height_at_every_size() {
        // Every terminal from 64x24 to 300x100 wide enough for two figures
        // in a person's proportions beside the panel.
        let sizes = (64..=300u16)
            .step_by(4)
            .flat_map(|w| (24..=100u16).step_by(3).map(move |h| (w, h)))
            .filter(|&(w, h)| f64::from(w) >= 1.9 * f64::from(h) + 20.0);
        for (width, height) in sizes.chain([(64, 24), (80, 24), (120, 40), (200, 60), (300, 100)]) {
            let body = screen(Rect::new(0, 0, width, height)).body;
            let a = areas(width, height);
            let used = f64::from(a.front.height) / f64::from(body.height);
            assert!(used >= 0.9, "{width}x{height}: {used}");
            assert!(a.panel.width >= PANEL_MIN, "{width}x{height}");
            assert!(a.front.right() < a.back.left());
            assert!(a.back.right() <= a.panel.left());
            assert_eq!(a.front.y, a.front_title.y + 1);
        }
    }

    #[test]
    fn a_narrow_terminal_shrinks_the_figures_and_centres_them() {
        let a = areas(64, 60);
        let body = screen(Rect::new(0, 0, 64, 60)).body;
        assert!(a.front.height < body.height - 1);
        let above = a.front_title.y - body.y;
        let below = body.bottom() - a.front.bottom();
        assert!(above.abs_diff(below) <= 1, "{above} above, {below} below");
    }

    #[test]
    fn a_wide_terminal_keeps_the_panel_beside_the_figures_and_centres_both() {
        let a = areas(300, 60);
        assert_eq!(a.panel.width, PANEL_MAX);
        assert!(
            a.panel.x - a.back.right() <= 1,
            "the panel is next to the figures"
        );
        let left = a.front.x;
        let right = 300 - a.panel.right();
        assert!(left.abs_diff(right) <= 2, "{left} left, {right} right");
    }

    #[test]
    fn the_body_map_fits_the_smallest_terminal_but_not_a_tiny_one() {
        let (w, h) = minimum_size();
        assert!(body_map(screen(Rect::new(0, 0, w, h)).body).is_some());
        assert!(body_map(screen(Rect::new(0, 0, 80, 15)).body).is_none());
        assert!(body_map(screen(Rect::new(0, 0, 40, 24)).body).is_none());
    }
}
