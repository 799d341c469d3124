use super::*;

fn palettes() -> [Palette; 3] {
    ThemeName::ALL.map(Palette::of)
}

#[test]
fn every_text_colour_reads_on_the_page_at_the_themes_ratio() {
    for p in palettes() {
        let texts = [
            ("text", p.text),
            ("muted", p.muted),
            ("info", p.info),
            ("error", p.error),
            ("paresthesia", p.paresthesia),
            ("dysesthesia", p.dysesthesia),
            ("hypoesthesia", p.hypoesthesia),
        ];
        for (name, colour) in texts {
            let ratio = contrast(colour, p.page);
            assert!(
                ratio >= p.theme.text_contrast(),
                "{}: {name} {ratio:.2}",
                p.theme
            );
        }
    }
}

#[test]
fn every_fill_and_line_stands_out_from_the_page() {
    for p in palettes() {
        let graphics = [p.outline, p.body, p.cursor, p.selection]
            .into_iter()
            .chain(p.heat);
        for colour in graphics {
            let ratio = contrast(colour, p.page);
            assert!(ratio >= 3.0, "{}: {colour:?} {ratio:.2}", p.theme);
        }
    }
}

#[test]
fn heat_grows_away_from_the_page_by_a_visible_step_and_none_is_not_heat() {
    for p in palettes() {
        let away = |c: Rgb| contrast(c, p.page);
        for pair in p.heat.windows(2) {
            let step = contrast(pair[0], pair[1]);
            assert!(
                away(pair[1]) > away(pair[0]) && step >= 1.3,
                "{}: {pair:?} {step:.2}",
                p.theme
            );
        }
        // The body where nothing was felt is nearer the page than the
        // first step, so "none" never reads as a little heat.
        assert!(away(p.body) < away(p.heat[0]), "{}", p.theme);
    }
}

#[test]
fn colours_are_set_by_name_and_bad_ones_are_named_in_the_error() {
    let mut palette = Palette::LIGHT;
    palette.set("error", "#D70000").unwrap();
    palette.set("heat5", "112233").unwrap();
    assert_eq!(palette.error, (0xd7, 0, 0));
    assert_eq!(palette.heat[4], (0x11, 0x22, 0x33));
    let wrong_name = palette.set("eror", "#d70000").unwrap_err();
    assert!(
        wrong_name.contains("'eror'") && wrong_name.contains("error"),
        "{wrong_name}"
    );
    assert!(
        palette
            .set("heat6", "#d70000")
            .unwrap_err()
            .contains("heat5")
    );
    for bad in [
        "#d7000",
        "red",
        "#gg0000",
        "",
        "#d70000ff",
        "#+a+b+c",
        "+a+b+c",
    ] {
        let why = palette.set("error", bad).unwrap_err();
        assert!(
            why.starts_with("colors.error: '") && why.contains("#d70000"),
            "{why}"
        );
    }
    assert_eq!(palette.error, (0xd7, 0, 0), "a bad colour changes nothing");
}

#[test]
fn colorfgbg_names_the_background_last() {
    assert_eq!(theme_from_colorfgbg("15;0"), Some(ThemeName::Dark));
    assert_eq!(theme_from_colorfgbg("0;15"), Some(ThemeName::Light));
    assert_eq!(theme_from_colorfgbg("0;default;15"), Some(ThemeName::Light));
    assert_eq!(theme_from_colorfgbg("12;8"), Some(ThemeName::Dark));
    assert_eq!(theme_from_colorfgbg("0;7"), Some(ThemeName::Light));
    for unknown in ["", "15;default", "0;200", "light", "15;"] {
        assert_eq!(theme_from_colorfgbg(unknown), None, "{unknown:?}");
    }
}

#[test]
fn a_theme_with_the_configs_colours() {
    let palette = Palette::themed(ThemeName::Light, [("text", "#000000")]).unwrap();
    assert_eq!(palette.text, (0, 0, 0));
    assert_eq!(palette.page, Palette::LIGHT.page);
    let why =
        Palette::themed(ThemeName::Dark, [("text", "#000000"), ("pgae", "#fff")]).unwrap_err();
    assert!(why.contains("'pgae'"), "{why}");
}

#[test]
fn theme_names_read_as_written() {
    assert_eq!("High-Contrast".parse(), Ok(ThemeName::HighContrast));
    assert_eq!("high_contrast".parse(), Ok(ThemeName::HighContrast));
    assert_eq!(" light ".parse(), Ok(ThemeName::Light));
    let why = "sepia".parse::<ThemeName>().unwrap_err();
    assert!(
        why.contains("'sepia'") && why.contains("high-contrast"),
        "{why}"
    );
    for theme in ThemeName::ALL {
        assert_eq!(theme.as_str().parse(), Ok(theme));
    }
}

#[test]
fn ink_is_whichever_of_black_and_white_reads_better() {
    assert_eq!(ink_on((0xfd, 0xe7, 0x25)), (0, 0, 0));
    assert_eq!(ink_on((0x44, 0x01, 0x54)), (0xff, 0xff, 0xff));
    for p in palettes() {
        for fill in p.heat.into_iter().chain([p.body, p.cursor, p.selection]) {
            assert!(contrast(ink_on(fill), fill) >= 4.5, "{fill:?}");
        }
    }
}

#[test]
fn a_background_is_light_where_black_reads_better_on_it() {
    for (background, theme) in [
        ((0xff, 0xff, 0xff), ThemeName::Light),
        ((0xfd, 0xf6, 0xe3), ThemeName::Light), // Solarized light
        ((0x00, 0x2b, 0x36), ThemeName::Dark),  // Solarized dark
        ((0x1e, 0x1e, 0x1e), ThemeName::Dark),
        ((0x00, 0x00, 0x00), ThemeName::Dark),
    ] {
        assert_eq!(theme_for_background(background), theme, "{background:?}");
    }
}

/// The ratio every contrast test rests on, against WCAG's own figures.
#[test]
fn contrast_is_wcags_ratio() {
    let white = (0xff, 0xff, 0xff);
    assert!((contrast((0, 0, 0), white) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-9);
    // #767676 is the lightest grey that passes AA on white; #777777 fails.
    let passes = contrast((0x76, 0x76, 0x76), white);
    assert!((passes - 4.54).abs() < 0.01, "{passes}");
    assert!(contrast((0x77, 0x77, 0x77), white) < 4.5);
    assert_eq!(
        contrast((0x12, 0x34, 0x56), white),
        contrast(white, (0x12, 0x34, 0x56)),
        "the order does not matter"
    );
}
