//! The end of every frame: each cell gets its theme's colours. Screens
//! draw with the terminal's defaults, dim and reverse video and a few
//! named colours (red for errors, green for good news, dark grey for the
//! figure's lines, ...); in 24-bit and 256 colours this pass replaces each
//! with the theme's own, so the page, every letter and every line have
//! the colours whose contrast the theme was chosen for, whatever the
//! terminal's own background is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::{Paint, Rgb};

/// Gives every cell of `area` its theme colours (nothing with 16 colours
/// or none, where the terminal's own colours show).
pub fn finish(paint: Paint, area: Rect, buf: &mut Buffer) {
    if !paint.owns_the_page() {
        return;
    }
    let p = paint.palette;
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let mut fg = named(paint, cell.fg).unwrap_or(cell.fg);
            let mut bg = named(paint, cell.bg).unwrap_or(cell.bg);
            if cell.fg == Color::Reset {
                fg = paint.rgb(p.text).unwrap_or_default();
            }
            if cell.bg == Color::Reset {
                bg = paint.rgb(p.page).unwrap_or_default();
            }
            if cell.modifier.contains(Modifier::DIM) {
                fg = paint.rgb(p.muted).unwrap_or_default();
                cell.modifier.remove(Modifier::DIM);
            }
            if cell.modifier.contains(Modifier::REVERSED) {
                (fg, bg) = (bg, fg);
                cell.modifier.remove(Modifier::REVERSED);
            }
            cell.fg = fg;
            cell.bg = bg;
        }
    }
}

/// The theme's colour for a named colour screens draw with.
fn named(paint: Paint, colour: Color) -> Option<Color> {
    let p = paint.palette;
    let rgb: Rgb = match colour {
        Color::Red => p.error,
        Color::Green => p.info,
        Color::DarkGray => p.outline,
        Color::White => p.text,
        Color::Black => p.page,
        Color::Cyan => p.paresthesia,
        Color::LightRed => p.dysesthesia,
        Color::LightMagenta => p.hypoesthesia,
        _ => return None,
    };
    paint.rgb(rgb)
}
