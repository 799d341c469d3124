use super::*;
use crate::app::look::{contrast, luminance};

/// How the 16 basic colours look in two common palettes: xterm's and
/// the VGA one many consoles use (where plain yellow is brown).
fn basic_rgb(colour: Color, vga: bool) -> Rgb {
    let (normal, bright) = if vga { (170, 255) } else { (205, 255) };
    match (colour, vga) {
        (Color::Blue, false) => (0, 0, 238),
        (Color::Blue, true) => (0, 0, 170),
        (Color::Magenta, _) => (normal, 0, normal),
        (Color::Cyan, _) => (0, normal, normal),
        (Color::Green, _) => (0, normal, 0),
        (Color::Yellow, false) => (205, 205, 0),
        (Color::Yellow, true) => (170, 85, 0),
        (Color::LightGreen, false) => (0, bright, 0),
        (Color::LightGreen, true) => (85, 255, 85),
        (Color::LightYellow, false) => (255, 255, 0),
        (Color::LightYellow, true) => (255, 255, 85),
        other => panic!("no palette entry for {other:?}"),
    }
}

fn paint(mode: ColorMode, theme: ThemeName) -> Paint {
    Paint {
        mode,
        palette: Palette::of(theme),
    }
}

#[test]
fn the_16_colour_steps_grow_lighter_and_differ_visibly_in_common_palettes() {
    for vga in [false, true] {
        let l: Vec<f64> = HEAT_16
            .iter()
            .map(|c| luminance(basic_rgb(*c, vga)))
            .collect();
        for (step, pair) in l.windows(2).enumerate() {
            let ratio = (pair[1] + 0.05) / (pair[0] + 0.05);
            assert!(
                pair[1] > pair[0] && ratio >= 1.2,
                "vga={vga}: steps {step} and {} differ by {ratio:.2}",
                step + 1
            );
        }
    }
    // What an old mapping got wrong: plain yellow after green is darker
    // than green on a VGA palette, so steps 2 and 4 looked alike.
    let green = luminance(basic_rgb(Color::Green, true));
    assert!(luminance(basic_rgb(Color::Yellow, true)) < green);
    assert!(!HEAT_16.contains(&Color::Yellow));
    // Neighbours differ in hue too, and the cursor's rim is none of them.
    assert!(HEAT_16.windows(2).all(|w| w[0] != w[1]));
    let rim = cursor_rim(paint(ColorMode::Ansi16, ThemeName::Dark)).unwrap_or_default();
    assert!(!HEAT_16.contains(&rim));
}

#[test]
fn in_256_colours_the_heat_steps_still_differ_visibly_in_every_theme() {
    for theme in ThemeName::ALL {
        let steps: Vec<Rgb> = (0..HEAT_STEPS)
            .map(|s| match heat_color(paint(ColorMode::Ansi256, theme), s) {
                Some(Color::Indexed(i)) => ansi256_rgb(i).unwrap(),
                other => panic!("{other:?}"),
            })
            .collect();
        for pair in steps.windows(2) {
            assert!(contrast(pair[0], pair[1]) >= 1.2, "{theme}: {steps:?}");
        }
    }
}

#[test]
fn ink_on_a_fill_reads_in_every_theme_and_depth() {
    for theme in ThemeName::ALL {
        for mode in [ColorMode::TrueColor, ColorMode::Ansi256] {
            let p = paint(mode, theme);
            let rgb = |c: Color| match c {
                Color::Rgb(r, g, b) => (r, g, b),
                Color::Indexed(i) => ansi256_rgb(i).unwrap(),
                other => panic!("{other:?}"),
            };
            for step in [None, Some(0), Some(2), Some(4)] {
                let fill = rgb(body_fill(p, step).unwrap());
                let ink = rgb(on_fill(p, step));
                assert!(contrast(fill, ink) >= 4.5, "{theme} {mode:?} {step:?}");
            }
        }
    }
}

#[test]
fn borders_between_regions_are_gaps_of_the_page() {
    let p = paint(ColorMode::TrueColor, ThemeName::Light);
    assert_eq!(body_border(p), Some(Color::Rgb(255, 255, 255)));
    assert_eq!(body_fill(Paint::NO_COLOR, None), None);
    assert_eq!(
        body_fill(paint(ColorMode::Ansi16, ThemeName::Dark), Some(2)),
        Some(HEAT_16[2])
    );
}

#[test]
fn on_a_light_terminal_16_colour_names_avoid_the_pale_ones() {
    use crate::domain::SensationClass;
    let light = paint(ColorMode::Ansi16, ThemeName::Light);
    let dark = paint(ColorMode::Ansi16, ThemeName::Dark);
    let class = Some(SensationClass::Paresthesia);
    assert_eq!(class_style(light, class).fg, Some(Color::Blue));
    assert_eq!(class_style(dark, class).fg, Some(Color::Cyan));
}

#[test]
fn maps_to_the_nearest_256_colour() {
    assert_eq!(nearest_ansi256(0, 0, 0), 16);
    assert_eq!(nearest_ansi256(255, 255, 255), 231);
    assert_eq!(nearest_ansi256(0xfd, 0xe7, 0x25), 220);
    assert_eq!(nearest_ansi256(0x3b, 0x52, 0x8b), 60);
    assert_eq!(nearest_ansi256(128, 128, 128), 244);
    for index in 16..=255 {
        let (r, g, b) = ansi256_rgb(index).unwrap();
        assert_eq!(ansi256_rgb(nearest_ansi256(r, g, b)), Some((r, g, b)));
    }
}
