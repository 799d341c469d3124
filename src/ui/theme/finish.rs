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
use crate::app::{ColorMode, ThemeName};

/// Gives every cell of `area` its theme colours (with 16 colours or none,
/// the terminal's own colours show, but for high contrast).
pub fn finish(paint: Paint, area: Rect, buf: &mut Buffer) {
    if paint.palette.theme == ThemeName::HighContrast {
        match paint.mode {
            ColorMode::Ansi16 => return finish_bright(area, buf),
            ColorMode::NoColor => return undim(area, buf),
            ColorMode::TrueColor | ColorMode::Ansi256 => {}
        }
    }
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

/// High contrast in 16 colours: whatever the terminal's palette, its
/// brightest white on its black. Text is bright white (errors and good
/// news say so in words and bold), dim hints are as bright as the rest,
/// and the page is black; the map's fills keep their colours.
fn finish_bright(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if matches!(cell.fg, Color::Reset | Color::Red | Color::Green) {
                cell.fg = Color::White;
            }
            if cell.bg == Color::Reset {
                cell.bg = Color::Black;
            }
            cell.modifier.remove(Modifier::DIM);
            if cell.modifier.contains(Modifier::REVERSED) {
                (cell.fg, cell.bg) = (cell.bg, cell.fg);
                cell.modifier.remove(Modifier::REVERSED);
            }
        }
    }
}

/// High contrast without colour: no faint text, which many terminals draw
/// at half brightness.
fn undim(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].modifier.remove(Modifier::DIM);
        }
    }
}
