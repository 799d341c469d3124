//! Colours, glyphs and styles: the const styles every screen uses, and
//! the theme's colours in every colour depth. Screens draw with a few
//! named colours and the terminal's defaults; [`finish`] gives every cell
//! its theme colour at the end of each frame.

use ratatui::style::{Color, Modifier, Style};

use crate::app::look::{Rgb, ink_on};
use crate::app::{ColorMode, Palette, ThemeName};
use crate::domain::HEAT_STEPS;

/// The fixed styles of the app.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The header bar.
    pub header: Style,
    /// The app name in the header.
    pub title: Style,
    /// Hints and secondary text.
    pub dim: Style,
    /// Key names in hints and help.
    pub key: Style,
    /// The cursor's region on the map without colour.
    pub cursor: Style,
    /// The cursor's region on the map in colour: a white block.
    pub cursor_colour: Style,
    /// Regions in the multi-selection.
    pub selected: Style,
    /// Good news in the status line.
    pub info: Style,
    /// Errors.
    pub error: Style,
    /// The focused form field's label.
    pub focus: Style,
    /// The highlighted row of a list.
    pub highlight: Style,
}

/// The theme. Everything still reads without colour: the cursor is
/// reversed, the selection bold and underlined, errors bold.
pub const THEME: Theme = Theme {
    header: Style::new().add_modifier(Modifier::REVERSED),
    title: Style::new().add_modifier(Modifier::BOLD),
    dim: Style::new().add_modifier(Modifier::DIM),
    key: Style::new().add_modifier(Modifier::BOLD),
    cursor: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(Modifier::BOLD),
    cursor_colour: Style::new()
        .bg(Color::White)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD),
    selected: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    info: Style::new().fg(Color::Green),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    focus: Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::UNDERLINED),
    highlight: Style::new().add_modifier(Modifier::REVERSED),
};

/// What cells are painted with: the terminal's colour depth and the
/// theme's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    /// What the terminal can show.
    pub mode: ColorMode,
    /// The theme's colours.
    pub palette: Palette,
}

impl Paint {
    /// The app's paint.
    pub fn of(app: &crate::app::App) -> Paint {
        Paint {
            mode: app.color,
            palette: app.palette,
        }
    }

    /// Without colour (NO_COLOR, and text made for files).
    pub const NO_COLOR: Paint = Paint {
        mode: ColorMode::NoColor,
        palette: Palette::DARK,
    };

    /// Whether this paint sets every cell's colours itself (24-bit and
    /// 256 colours); with 16 colours or none, the terminal's own page and
    /// text colours show.
    pub fn owns_the_page(self) -> bool {
        matches!(self.mode, ColorMode::TrueColor | ColorMode::Ansi256)
    }

    /// A theme colour in this paint's colour depth (none with 16 colours
    /// or none).
    pub fn rgb(self, colour: Rgb) -> Option<Color> {
        in_mode(self.mode, colour)
    }
}

/// The colour a sensation class is written in (text says the class too).
pub fn class_style(paint: Paint, class: Option<crate::domain::SensationClass>) -> Style {
    use crate::domain::SensationClass;
    let p = paint.palette;
    let (rgb, basic, basic_on_light) = match class {
        Some(SensationClass::Paresthesia) => (p.paresthesia, Color::Cyan, Color::Blue),
        Some(SensationClass::Dysesthesia) => (p.dysesthesia, Color::LightRed, Color::Red),
        Some(SensationClass::Hypoesthesia) => (p.hypoesthesia, Color::LightMagenta, Color::Magenta),
        None => return Style::new(),
    };
    match paint.mode {
        // High contrast in 16 colours writes every name in bright white.
        ColorMode::NoColor => Style::new(),
        ColorMode::Ansi16 if p.theme == ThemeName::HighContrast => Style::new(),
        ColorMode::Ansi16 if p.theme == ThemeName::Light => Style::new().fg(basic_on_light),
        ColorMode::Ansi16 => Style::new().fg(basic),
        _ => Style::new().fg(in_mode(paint.mode, rgb).unwrap_or_default()),
    }
}

/// The same steps among the 16 basic colours: darker to lighter in every
/// common palette, and each a different hue from its neighbours (the plain
/// yellow is brown in some palettes, so it is not used).
pub const HEAT_16: [Color; HEAT_STEPS] = [
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::LightGreen,
    Color::LightYellow,
];

/// Heat glyphs, fewest to most, for NO_COLOR: shapes that weak eyes tell
/// apart, growing in ink.
pub const HEAT_GLYPHS: [char; HEAT_STEPS] = ['·', ':', '+', '#', '@'];

/// The marker of the cursor's region on the map.
pub const CURSOR_MARK: char = '◆';
/// The marker of each selected region on the map.
pub const SELECTED_MARK: char = '✓';

/// A colour of `mode` for a 24-bit colour.
fn in_mode(mode: ColorMode, (r, g, b): Rgb) -> Option<Color> {
    match mode {
        ColorMode::TrueColor => Some(Color::Rgb(r, g, b)),
        ColorMode::Ansi256 => Some(Color::Indexed(nearest_ansi256(r, g, b))),
        ColorMode::Ansi16 | ColorMode::NoColor => None,
    }
}

/// The fill of a region on the map: its heat step's colour, or the body's
/// where nothing was felt.
pub fn body_fill(paint: Paint, step: Option<usize>) -> Option<Color> {
    match (paint.mode, step) {
        (_, Some(step)) => heat_color(paint, step),
        (ColorMode::Ansi16, None) => Some(Color::DarkGray),
        (mode, None) => in_mode(mode, paint.palette.body),
    }
}

/// The thin line where a region meets another: a gap of the page's colour
/// (with 16 colours, black), so each region stands out from its
/// neighbours as much as from the page.
pub fn body_border(paint: Paint) -> Option<Color> {
    match paint.mode {
        ColorMode::Ansi16 => Some(Color::Black),
        mode => in_mode(mode, paint.palette.page),
    }
}

/// The ring of the cursor's region: a hue no heat step has. (With 16
/// colours one step is magenta, so the ring is light red there.)
pub fn cursor_rim(paint: Paint) -> Option<Color> {
    match paint.mode {
        ColorMode::Ansi16 => Some(Color::LightRed),
        mode => in_mode(mode, paint.palette.cursor),
    }
}

/// The ring of each selected region.
pub fn selection_rim(paint: Paint) -> Option<Color> {
    match paint.mode {
        ColorMode::Ansi16 => Some(Color::White),
        mode => in_mode(mode, paint.palette.selection),
    }
}

/// Ink that reads on a region's fill (its heat step's, or the body's):
/// black or white, whichever contrasts more.
pub fn on_fill(paint: Paint, step: Option<usize>) -> Color {
    if !paint.owns_the_page() {
        return match step {
            Some(step) if step >= 2 => Color::Black,
            _ => Color::White,
        };
    }
    let fill = body_fill(paint, step)
        .and_then(shown_rgb)
        .unwrap_or(paint.palette.body);
    in_mode(paint.mode, ink_on(fill)).unwrap_or_default()
}

/// The 24-bit colour a 24-bit or 256-colour cell colour shows as.
pub fn shown_rgb(colour: Color) -> Option<Rgb> {
    match colour {
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => ansi256_rgb(i),
        _ => None,
    }
}

/// Ink that reads on a ring's colour.
pub fn on_rim(paint: Paint, rim: Rgb) -> Color {
    let shown = in_mode(paint.mode, rim).and_then(shown_rgb).unwrap_or(rim);
    in_mode(paint.mode, ink_on(shown)).unwrap_or_default()
}

/// The nearest entry of the xterm 256-colour cube or grey ramp.
pub fn nearest_ansi256(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_level = |v: u8| {
        (0..6)
            .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (nearest_level(r), nearest_level(g), nearest_level(b));
    let cube = (16 + 36 * ri + 6 * gi + bi) as u8;
    let distance = |(cr, cg, cb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(cr, r) + d(cg, g) + d(cb, b)
    };
    let cube_rgb = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let average = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_index = ((average.saturating_sub(8)) / 10).min(23) as u8;
    let grey = 8 + 10 * grey_index;
    if distance((grey, grey, grey)) < distance(cube_rgb) {
        232 + grey_index
    } else {
        cube
    }
}

/// The colour of an xterm 256-colour palette entry (16-255).
pub fn ansi256_rgb(index: u8) -> Option<Rgb> {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    match index {
        16..=231 => {
            let i = index - 16;
            Some((
                LEVELS[usize::from(i / 36)],
                LEVELS[usize::from(i / 6 % 6)],
                LEVELS[usize::from(i % 6)],
            ))
        }
        232..=255 => {
            let g = 8 + 10 * (index - 232);
            Some((g, g, g))
        }
        _ => None,
    }
}

/// The background colour of heat step `step` (none without colour).
pub fn heat_color(paint: Paint, step: usize) -> Option<Color> {
    let step = step.min(HEAT_STEPS - 1);
    let p = paint.palette;
    match paint.mode {
        ColorMode::Ansi16 => Some(HEAT_16[step]),
        // The nearest 256 colours of a theme's steps fall together, so
        // each theme has steps chosen for the palette (unless the config
        // sets its own).
        ColorMode::Ansi256 if p.heat == Palette::of(p.theme).heat => {
            Some(Color::Indexed(heat_256(p.theme)[step]))
        }
        mode => in_mode(mode, p.heat[step]),
    }
}

/// A theme's heat steps in the xterm 256-colour palette: the nearest to
/// its own that still grow away from the page, each at least 1.25 times
/// the last, and at least 3:1 against the page.
fn heat_256(theme: ThemeName) -> [u8; HEAT_STEPS] {
    match theme {
        ThemeName::Dark | ThemeName::HighContrast => [60, 30, 71, 113, 220],
        ThemeName::Light => [30, 61, 24, 55, 53],
    }
}

/// The style of a cell in heat step `step`: coloured background with
/// readable ink on it.
pub fn heat_style(paint: Paint, step: usize) -> Style {
    match heat_color(paint, step) {
        Some(bg) => Style::new().bg(bg).fg(on_fill(paint, Some(step))),
        None => Style::new(),
    }
}

mod finish;
pub use finish::finish;

#[cfg(test)]
mod tests;
