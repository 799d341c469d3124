//! Where things go on screen: pure functions of the terminal size, shared by
//! drawing and by mouse hit-testing so the two always agree.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use crate::domain::RegionId;
use crate::domain::body_map::{BodyMap, FigureSize};

/// Columns between the two figures.
const FIGURE_GAP: u16 = 3;
/// Narrowest side panel (legend and details).
const PANEL_MIN: u16 = 22;

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

/// The parts of the body-map screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyMapAreas {
    /// The figure size that fits.
    pub size: FigureSize,
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

/// Lays out the body-map screen in `body` with the largest figures that
/// fit, or `None` when even the smallest does not.
pub fn body_map(body: Rect) -> Option<BodyMapAreas> {
    FigureSize::ALL.iter().rev().find_map(|&size| {
        let figures = BodyMap::global().figures(size);
        let (w, h) = (figures.front.width(), figures.front.height());
        let needed_width = 1 + w + FIGURE_GAP + w + 2 + PANEL_MIN;
        if body.height < h + 1 || body.width < needed_width {
            return None;
        }
        let [_, front, _, back, _, panel] = Layout::horizontal([
            Constraint::Length(1),
            Constraint::Length(w),
            Constraint::Length(FIGURE_GAP),
            Constraint::Length(w),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(body);
        let [title_row, figure_row] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(h)]).areas(body);
        let row = |column: Rect, band: Rect| Rect::new(column.x, band.y, column.width, band.height);
        Some(BodyMapAreas {
            size,
            front_title: row(front, title_row),
            back_title: row(back, title_row),
            front: row(front, figure_row),
            back: row(back, figure_row),
            panel,
        })
    })
}

/// The smallest terminal the body map fits in.
pub fn minimum_size() -> (u16, u16) {
    let figures = BodyMap::global().figures(FigureSize::Compact);
    let (w, h) = (figures.front.width(), figures.front.height());
    (1 + w + FIGURE_GAP + w + 2 + PANEL_MIN, h + 1 + 3)
}

/// The region drawn at a screen cell of a terminal of size `area`.
pub fn region_at(area: Rect, x: u16, y: u16) -> Option<RegionId> {
    let areas = body_map(screen(area).body)?;
    let figures = BodyMap::global().figures(areas.size);
    let point = Position::new(x, y);
    [(areas.front, &figures.front), (areas.back, &figures.back)]
        .into_iter()
        .find(|(rect, _)| rect.contains(point))
        .and_then(|(rect, figure)| figure.region_at(x - rect.x, y - rect.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_figures_fit_80x24_and_large_ones_160x50() {
        let small = body_map(screen(Rect::new(0, 0, 80, 24)).body).unwrap();
        assert_eq!(small.size, FigureSize::Compact);
        let big = body_map(screen(Rect::new(0, 0, 160, 50)).body).unwrap();
        assert_eq!(big.size, FigureSize::Large);
        let (w, h) = minimum_size();
        assert!(body_map(screen(Rect::new(0, 0, w, h)).body).is_some());
        assert!(body_map(screen(Rect::new(0, 0, w - 1, h)).body).is_none());
        assert!(body_map(screen(Rect::new(0, 0, w, h - 1)).body).is_none());
    }

    #[test]
    fn every_region_is_clickable_in_every_size() {
        for area in [Rect::new(0, 0, 80, 24), Rect::new(0, 0, 160, 50)] {
            let areas = body_map(screen(area).body).unwrap();
            let figures = BodyMap::global().figures(areas.size);
            let mut found = std::collections::HashSet::new();
            for rect in [areas.front, areas.back] {
                for y in rect.top()..rect.bottom() {
                    for x in rect.left()..rect.right() {
                        found.extend(region_at(area, x, y));
                    }
                }
            }
            assert_eq!(found.len(), 74, "{area:?}");
            assert_eq!(region_at(area, 0, 0), None, "the header is no region");
            let _ = figures;
        }
    }
}
