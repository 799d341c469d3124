//! Colours, glyphs and styles: one const theme, and the heat palette in
//! every colour depth.

use ratatui::style::{Color, Modifier, Style};

use crate::app::ColorMode;
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

/// The colour a sensation class is written in (text says the class too).
pub fn class_style(mode: ColorMode, class: Option<crate::domain::SensationClass>) -> Style {
    use crate::domain::SensationClass;
    if mode == ColorMode::NoColor {
        return Style::new();
    }
    match class {
        Some(SensationClass::Paresthesia) => Style::new().fg(Color::Cyan),
        Some(SensationClass::Dysesthesia) => Style::new().fg(Color::LightRed),
        Some(SensationClass::Hypoesthesia) => Style::new().fg(Color::LightMagenta),
        None => Style::new(),
    }
}

/// Viridis sampled at five points evenly spaced in lightness (L* 36, 50,
/// 63, 77, 91): dark to light, colour-blind safe, each step about 1.5
/// times lighter than the last.
pub const HEAT_RGB: [(u8, u8, u8); HEAT_STEPS] = [
    (0x3b, 0x52, 0x8b),
    (0x27, 0x80, 0x8e),
    (0x28, 0xae, 0x80),
    (0x86, 0xd5, 0x49),
    (0xfd, 0xe7, 0x25),
];

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

/// The same steps in the xterm 256-colour palette, chosen by hand: the
/// nearest matches of the five steps put two of them too close in
/// lightness, so each step here is about 1.6 times lighter than the last.
pub const HEAT_256: [u8; HEAT_STEPS] = [24, 30, 36, 113, 226];

/// Heat glyphs, fewest to most, for NO_COLOR: shapes that weak eyes tell
/// apart, growing in ink.
pub const HEAT_GLYPHS: [char; HEAT_STEPS] = ['·', ':', '+', '#', '@'];

/// The body where nothing was felt, in 24-bit colour: a grey darker than
/// the first heat step, so "none" never reads as heat.
const BODY_RGB: (u8, u8, u8) = (0x4a, 0x4a, 0x4a);
/// Region borders across the body: each fill darkened by this factor.
const BORDER_SHADE: f64 = 0.45;

/// The marker of the cursor's region on the map.
pub const CURSOR_MARK: char = '◆';
/// The marker of each selected region on the map.
pub const SELECTED_MARK: char = '✓';

/// A colour of `mode` for a 24-bit colour.
fn in_mode(mode: ColorMode, (r, g, b): (u8, u8, u8)) -> Option<Color> {
    match mode {
        ColorMode::TrueColor => Some(Color::Rgb(r, g, b)),
        ColorMode::Ansi256 => Some(Color::Indexed(nearest_ansi256(r, g, b))),
        ColorMode::Ansi16 | ColorMode::NoColor => None,
    }
}

/// The fill of a region on the map: its heat step's colour, or the body's
/// grey where nothing was felt.
pub fn body_fill(mode: ColorMode, step: Option<usize>) -> Option<Color> {
    match (mode, step) {
        (_, Some(step)) => heat_color(mode, step),
        (ColorMode::Ansi16, None) => Some(Color::DarkGray),
        (mode, None) => in_mode(mode, BODY_RGB),
    }
}

/// The thin line where a region meets another: its fill, darker.
pub fn body_border(mode: ColorMode, step: Option<usize>) -> Option<Color> {
    let (r, g, b) = step.map_or(BODY_RGB, |s| HEAT_RGB[s.min(HEAT_STEPS - 1)]);
    let shade = |v: u8| (f64::from(v) * BORDER_SHADE) as u8;
    match mode {
        ColorMode::Ansi16 => Some(Color::Black),
        mode => in_mode(mode, (shade(r), shade(g), shade(b))),
    }
}

/// The rim of the cursor's region: magenta, a hue no heat step has, and
/// apart in lightness from both the darkest and the lightest step. (With
/// 16 colours one step is magenta, so the rim is light red there.)
pub fn cursor_rim(mode: ColorMode) -> Option<Color> {
    match mode {
        ColorMode::Ansi16 => Some(Color::LightRed),
        mode => in_mode(mode, (0xff, 0x00, 0xff)),
    }
}

/// The rim of each selected region: white.
pub fn selection_rim(mode: ColorMode) -> Option<Color> {
    match mode {
        ColorMode::Ansi16 => Some(Color::White),
        mode => in_mode(mode, (0xff, 0xff, 0xff)),
    }
}

/// Text that reads on a region's fill: white on the dark steps and on the
/// body's grey, black on the light steps.
pub fn on_fill(step: Option<usize>) -> Color {
    match step {
        Some(step) if step >= 2 => Color::Black,
        _ => Color::White,
    }
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

/// The background colour of heat step `step` in `mode` (none for NO_COLOR).
pub fn heat_color(mode: ColorMode, step: usize) -> Option<Color> {
    let step = step.min(HEAT_STEPS - 1);
    let (r, g, b) = HEAT_RGB[step];
    match mode {
        ColorMode::TrueColor => Some(Color::Rgb(r, g, b)),
        ColorMode::Ansi256 => Some(Color::Indexed(HEAT_256[step])),
        ColorMode::Ansi16 => Some(HEAT_16[step]),
        ColorMode::NoColor => None,
    }
}

/// The style of a cell in heat step `step`: coloured background with
/// readable text on it.
pub fn heat_style(mode: ColorMode, step: usize) -> Style {
    match heat_color(mode, step) {
        Some(bg) => Style::new().bg(bg).fg(on_fill(Some(step))),
        None => Style::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_grows_lighter_by_a_visible_step() {
        for pair in HEAT_RGB.windows(2) {
            let (a, b) = (luminance(pair[0]), luminance(pair[1]));
            assert!(
                b > a && contrast(a, b) >= 1.4,
                "{pair:?}: {:.2}",
                contrast(a, b)
            );
        }
    }

    /// Relative luminance (WCAG) of an sRGB colour.
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// How the 16 basic colours look in two common palettes: xterm's and
    /// the VGA one many consoles use (where plain yellow is brown).
    fn basic_rgb(colour: Color, vga: bool) -> (u8, u8, u8) {
        let (normal, bright) = if vga { (170, 255) } else { (205, 255) };
        match (colour, vga) {
            (Color::Blue, false) => (0, 0, 238),
            (Color::Blue, true) => (0, 0, 170),
            (Color::LightBlue, false) => (92, 92, 255),
            (Color::LightBlue, true) => (85, 85, 255),
            (Color::Magenta, _) => (normal, 0, normal),
            (Color::Cyan, _) => (0, normal, normal),
            (Color::Green, _) => (0, normal, 0),
            (Color::Yellow, false) => (205, 205, 0),
            (Color::Yellow, true) => (170, 85, 0),
            (Color::LightGreen, false) => (0, bright, 0),
            (Color::LightGreen, true) => (85, 255, 85),
            (Color::LightYellow, false) => (255, 255, 0),
            (Color::LightYellow, true) => (255, 255, 85),
            (Color::DarkGray, false) => (127, 127, 127),
            (Color::DarkGray, true) => (85, 85, 85),
            other => panic!("no palette entry for {other:?}"),
        }
    }

    /// Contrast ratio of the lighter to the darker colour.
    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn the_16_colour_steps_grow_lighter_and_differ_visibly_in_common_palettes() {
        for vga in [false, true] {
            let l: Vec<f64> = HEAT_16
                .iter()
                .map(|c| luminance(basic_rgb(*c, vga)))
                .collect();
            for (step, pair) in l.windows(2).enumerate() {
                let ratio = contrast(pair[0], pair[1]);
                assert!(
                    pair[1] > pair[0] && ratio >= 1.2,
                    "vga={vga}: steps {step} and {} differ by {ratio:.2}",
                    step + 1
                );
            }
        }
        // What the old mapping got wrong: plain yellow after green is darker
        // than green on a VGA palette, so steps 2 and 4 looked alike.
        let green = luminance(basic_rgb(Color::Green, true));
        assert!(luminance(basic_rgb(Color::Yellow, true)) < green);
        assert!(!HEAT_16.contains(&Color::Yellow));
        // Neighbours differ in hue too, and the cursor's rim is none of them.
        assert!(HEAT_16.windows(2).all(|w| w[0] != w[1]));
        assert!(!HEAT_16.contains(&cursor_rim(ColorMode::Ansi16).unwrap_or_default()));
    }

    #[test]
    fn the_256_colour_steps_differ_visibly() {
        let cube = |i: u8| -> (u8, u8, u8) {
            const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
            match i {
                16..=231 => {
                    let i = i - 16;
                    (
                        LEVELS[usize::from(i / 36)],
                        LEVELS[usize::from(i / 6 % 6)],
                        LEVELS[usize::from(i % 6)],
                    )
                }
                _ => {
                    let g = 8 + 10 * (i - 232);
                    (g, g, g)
                }
            }
        };
        let l: Vec<f64> = HEAT_256.iter().map(|&i| luminance(cube(i))).collect();
        for pair in l.windows(2) {
            assert!(
                pair[1] > pair[0] && contrast(pair[0], pair[1]) >= 1.2,
                "{l:?}"
            );
        }
    }

    #[test]
    fn the_body_without_heat_is_darker_than_every_step_and_borders_darker_still() {
        let none = luminance(BODY_RGB);
        assert!(HEAT_RGB.iter().all(|&c| luminance(c) > none));
        for step in [None, Some(0), Some(4)] {
            let (Some(Color::Rgb(r, g, b)), Some(Color::Rgb(fr, fg, fb))) = (
                body_border(ColorMode::TrueColor, step),
                body_fill(ColorMode::TrueColor, step),
            ) else {
                panic!("true colour");
            };
            assert!(
                contrast(luminance((r, g, b)), luminance((fr, fg, fb))) >= 1.7,
                "{step:?}"
            );
        }
        assert_eq!(body_fill(ColorMode::NoColor, None), None);
        assert_eq!(body_fill(ColorMode::Ansi16, Some(2)), Some(HEAT_16[2]));
    }

    #[test]
    fn maps_to_the_nearest_256_colour() {
        assert_eq!(nearest_ansi256(0, 0, 0), 16);
        assert_eq!(nearest_ansi256(255, 255, 255), 231);
        assert_eq!(nearest_ansi256(0xfd, 0xe7, 0x25), 220);
        assert_eq!(nearest_ansi256(0x3b, 0x52, 0x8b), 60);
        assert_eq!(nearest_ansi256(128, 128, 128), 244);
    }
}
