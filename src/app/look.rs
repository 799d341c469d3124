//! Themes: the colours each screen is drawn in, as plain data. `dark` and
//! `light` keep every letter at least 4.5:1 against its background (WCAG
//! AA), `high-contrast` at least 7:1 (AAA); every fill and line at least
//! 3:1 against the page. The heat steps are viridis, which colour-blind
//! eyes read in order, sampled evenly in lightness: lighter is more on a
//! dark page, darker is more on a light one.

use std::fmt;
use std::str::FromStr;

use crate::domain::HEAT_STEPS;

/// A 24-bit colour.
pub type Rgb = (u8, u8, u8);

/// A theme's name, as `--theme`, `SENSEMAP_THEME` and `config.ron` say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// Light text on a near-black page.
    Dark,
    /// Dark text on a white page.
    Light,
    /// White and bright colours on black: at least 7:1 for every letter.
    HighContrast,
}

impl ThemeName {
    /// Every theme, in the order help lists them.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The name as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// The least contrast a letter or digit has against its background.
    pub fn text_contrast(self) -> f64 {
        match self {
            ThemeName::HighContrast => 7.0,
            ThemeName::Dark | ThemeName::Light => 4.5,
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(text: &str) -> Result<ThemeName, String> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "dark" => Ok(ThemeName::Dark),
            "light" => Ok(ThemeName::Light),
            "high-contrast" | "highcontrast" | "contrast" => Ok(ThemeName::HighContrast),
            _ => Err(format!(
                "'{text}' is not a theme; the themes are auto, dark, light and high-contrast"
            )),
        }
    }
}

/// The colours of a theme. Every field can be set in `config.ron`
/// (`colors: {"error": "#d70000"}`), under the names of [`Palette::SLOTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The theme these colours start from.
    pub theme: ThemeName,
    /// The page: the background of every screen.
    pub page: Rgb,
    /// Text.
    pub text: Rgb,
    /// Hints and secondary text.
    pub muted: Rgb,
    /// Good news.
    pub info: Rgb,
    /// Errors.
    pub error: Rgb,
    /// Paresthesia sensations' names (tingling, pins and needles, ...).
    pub paresthesia: Rgb,
    /// Dysesthesia sensations' names (burning, stabbing, ...).
    pub dysesthesia: Rgb,
    /// Hypoesthesia sensations' names (loss of feeling). Numbness, the
    /// dulled "asleep" feeling, is a paresthesia in the catalogue.
    pub hypoesthesia: Rgb,
    /// The figure's lines where nothing was felt, in outline.
    pub outline: Rgb,
    /// The body where nothing was felt.
    pub body: Rgb,
    /// The heat steps, least to most.
    pub heat: [Rgb; HEAT_STEPS],
    /// The ring around the cursor's region.
    pub cursor: Rgb,
    /// The ring around each selected region.
    pub selection: Rgb,
}

/// Viridis at lightness L* 50, 60, 70, 80 and 91: on a dark page.
const HEAT_ON_DARK: [Rgb; HEAT_STEPS] = [
    (0x27, 0x82, 0x8d),
    (0x22, 0xa3, 0x86),
    (0x4b, 0xc1, 0x6c),
    (0x9e, 0xd8, 0x3a),
    (0xfd, 0xe7, 0x25),
];

/// Viridis at lightness L* 52, 42, 33, 24 and 15: on a light page.
const HEAT_ON_LIGHT: [Rgb; HEAT_STEPS] = [
    (0x24, 0x89, 0x8d),
    (0x31, 0x68, 0x8d),
    (0x3f, 0x49, 0x88),
    (0x47, 0x27, 0x76),
    (0x44, 0x01, 0x54),
];

impl Palette {
    /// The dark theme.
    pub const DARK: Palette = Palette {
        theme: ThemeName::Dark,
        page: (0x12, 0x12, 0x12),
        text: (0xe8, 0xe8, 0xe8),
        muted: (0xa8, 0xa8, 0xa8),
        info: (0x6f, 0xd0, 0x6f),
        error: (0xff, 0x6b, 0x6b),
        paresthesia: (0x5f, 0xd7, 0xe6),
        dysesthesia: (0xff, 0xa0, 0x7a),
        hypoesthesia: (0xd7, 0xa0, 0xff),
        outline: (0x8a, 0x8a, 0x8a),
        body: (0x66, 0x66, 0x66),
        heat: HEAT_ON_DARK,
        cursor: (0xff, 0x4d, 0xff),
        selection: (0xff, 0xff, 0xff),
    };

    /// The light theme.
    pub const LIGHT: Palette = Palette {
        theme: ThemeName::Light,
        page: (0xff, 0xff, 0xff),
        text: (0x1a, 0x1a, 0x1a),
        muted: (0x5c, 0x5c, 0x5c),
        info: (0x1e, 0x7b, 0x1e),
        error: (0xc0, 0x00, 0x1a),
        paresthesia: (0x00, 0x68, 0x80),
        dysesthesia: (0x9a, 0x4a, 0x00),
        hypoesthesia: (0x7b, 0x2f, 0xa8),
        outline: (0x6b, 0x6b, 0x6b),
        body: (0x8f, 0x8f, 0x8f),
        heat: HEAT_ON_LIGHT,
        cursor: (0xc0, 0x00, 0xc0),
        selection: (0x00, 0x00, 0x00),
    };

    /// The high-contrast theme.
    pub const HIGH_CONTRAST: Palette = Palette {
        theme: ThemeName::HighContrast,
        page: (0x00, 0x00, 0x00),
        text: (0xff, 0xff, 0xff),
        muted: (0xd0, 0xd0, 0xd0),
        info: (0x5c, 0xff, 0x5c),
        error: (0xff, 0x6e, 0x6e),
        paresthesia: (0x5c, 0xf0, 0xff),
        dysesthesia: (0xff, 0xb8, 0x8c),
        hypoesthesia: (0xf0, 0xa8, 0xff),
        outline: (0xb0, 0xb0, 0xb0),
        body: (0x70, 0x70, 0x70),
        heat: HEAT_ON_DARK,
        cursor: (0xff, 0x4d, 0xff),
        selection: (0xff, 0xff, 0xff),
    };

    /// The names of the colours `config.ron` may set.
    pub const SLOTS: [&'static str; 17] = [
        "page",
        "text",
        "muted",
        "info",
        "error",
        "paresthesia",
        "dysesthesia",
        "hypoesthesia",
        "outline",
        "body",
        "heat1",
        "heat2",
        "heat3",
        "heat4",
        "heat5",
        "cursor",
        "selection",
    ];

    /// The colours of `theme`.
    pub fn of(theme: ThemeName) -> Palette {
        match theme {
            ThemeName::Dark => Palette::DARK,
            ThemeName::Light => Palette::LIGHT,
            ThemeName::HighContrast => Palette::HIGH_CONTRAST,
        }
    }

    /// Sets the colour named `slot` to `colour` (`#rrggbb`), or says what
    /// is wrong with either.
    pub fn set(&mut self, slot: &str, colour: &str) -> Result<(), String> {
        let field = match slot {
            "page" => &mut self.page,
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "info" => &mut self.info,
            "error" => &mut self.error,
            "paresthesia" => &mut self.paresthesia,
            "dysesthesia" => &mut self.dysesthesia,
            "hypoesthesia" => &mut self.hypoesthesia,
            "outline" => &mut self.outline,
            "body" => &mut self.body,
            "cursor" => &mut self.cursor,
            "selection" => &mut self.selection,
            heat if heat.starts_with("heat") => {
                let step = heat[4..]
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=HEAT_STEPS).contains(n))
                    .ok_or_else(|| unknown_slot(slot))?;
                &mut self.heat[step - 1]
            }
            _ => return Err(unknown_slot(slot)),
        };
        *field = parse_colour(colour).map_err(|why| format!("colors.{slot}: {why}"))?;
        Ok(())
    }
}

impl Palette {
    /// The colours of `theme` with the colours `config.ron` sets, by name
    /// (see [`Palette::SLOTS`]); the first bad name or colour is the error.
    pub fn themed<'a>(
        theme: ThemeName,
        colors: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Palette, String> {
        let mut palette = Palette::of(theme);
        for (slot, colour) in colors {
            palette.set(slot, colour)?;
        }
        Ok(palette)
    }
}

/// The theme for a terminal whose background is `background`: light
/// where black text reads better on it than white, else dark.
pub fn theme_for_background(background: Rgb) -> ThemeName {
    if ink_on(background) == (0, 0, 0) {
        ThemeName::Light
    } else {
        ThemeName::Dark
    }
}

/// The theme a terminal's `COLORFGBG` (`15;0`, `0;default;15`) says suits
/// it: its last number is the background, light for 7 and 9-15; `None`
/// when it names no background.
pub fn theme_from_colorfgbg(value: &str) -> Option<ThemeName> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match background {
        7 | 9..=15 => Some(ThemeName::Light),
        0..=6 | 8 => Some(ThemeName::Dark),
        _ => None,
    }
}

impl Default for Palette {
    fn default() -> Palette {
        Palette::DARK
    }
}

/// The message for a colour name that is not one.
fn unknown_slot(slot: &str) -> String {
    format!(
        "colors: '{slot}' is not a colour sensemap draws with; the colours are {}",
        Palette::SLOTS.join(", ")
    )
}

/// `#rrggbb` (or `rrggbb`, any case) as a colour.
pub fn parse_colour(text: &str) -> Result<Rgb, String> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    // from_str_radix takes a sign, so "+a" would pass as a hex pair.
    let hex = if hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        hex
    } else {
        ""
    };
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (hex.len(), channel(0), channel(2), channel(4)) {
        (6, Some(r), Some(g), Some(b)) => Ok((r, g, b)),
        _ => Err(format!(
            "'{text}' is not a colour: write it as # and six hex digits, like #d70000"
        )),
    }
}

/// The WCAG relative luminance of a colour, 0 (black) to 1 (white).
pub fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Black or white, whichever reads better on `fill`.
pub fn ink_on(fill: Rgb) -> Rgb {
    const BLACK: Rgb = (0, 0, 0);
    const WHITE: Rgb = (0xff, 0xff, 0xff);
    if contrast(BLACK, fill) >= contrast(WHITE, fill) {
        BLACK
    } else {
        WHITE
    }
}

#[cfg(test)]
mod tests;
