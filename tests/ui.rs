//! What the screens show: insta snapshots of the text, plus assertions on
//! cell colours and attributes, which snapshots drop.

mod common;

use common::{app, cells_of, draw, entry, fill_colours, history, region, screen_text};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use sensemap::app::{Action, App, ColorMode, Palette};
use sensemap::domain::body_map::MapStyle;
use sensemap::ui::theme::{
    CURSOR_MARK, HEAT_GLYPHS, Paint, SELECTED_MARK, body_border, body_fill, nearest_ansi256,
};

/// The dark theme's colour of heat step `step`, in 24-bit colour.
fn rgb(step: usize) -> Color {
    let (r, g, b) = Palette::DARK.heat[step];
    Color::Rgb(r, g, b)
}

const DARK: Paint = Paint {
    mode: ColorMode::TrueColor,
    palette: Palette::DARK,
};

#[test]
fn body_map_at_80x24() {
    let app = app(history(), 80, 24);
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn body_map_at_160x50() {
    let app = app(history(), 160, 50);
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn body_map_without_colour_uses_heat_glyphs() {
    let mut app = app(history(), 80, 24);
    app.color = ColorMode::NoColor;
    app.body.cursor = region("left-elbow-back");
    let text = screen_text(&app);
    insta::assert_snapshot!(text);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let glyphs = |id: &str| -> Vec<String> {
        cells_of(&app, region(id))
            .iter()
            .map(|&(x, y)| buffer[(x, y)].symbol().to_string())
            .collect()
    };
    // Last 30 days: left sole 5 episodes (the top step), right sole 2.
    assert!(
        glyphs("left-sole").contains(&HEAT_GLYPHS[4].to_string()),
        "{:?}",
        glyphs("left-sole")
    );
    assert!(glyphs("right-sole").contains(&HEAT_GLYPHS[1].to_string()));
    assert!(
        !glyphs("right-face")
            .iter()
            .any(|g| HEAT_GLYPHS.iter().any(|h| h.to_string() == *g))
    );
    for id in ["left-sole", "right-sole", "right-chest"] {
        for (x, y) in cells_of(&app, region(id)) {
            assert_eq!(buffer[(x, y)].bg, Color::Reset, "no colour at all");
            assert_eq!(buffer[(x, y)].fg, Color::Reset, "no colour at all");
        }
    }
    // The legend spells out each glyph.
    for glyph in HEAT_GLYPHS {
        assert!(
            text.contains(&format!("{glyph}{glyph}{glyph} ")),
            "{glyph} in the legend"
        );
    }
}

#[test]
fn the_heat_glyphs_are_distinct_shapes_growing_in_ink() {
    assert_eq!(HEAT_GLYPHS, ['·', ':', '+', '#', '@']);
}

#[test]
fn heat_colours_follow_the_counts_and_regions_without_data_stay_grey() {
    let mut app = app(history(), 80, 24);
    app.body.cursor = region("left-elbow-back");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let fill = |id: &str| {
        let colours = fill_colours(&app, buffer, region(id));
        assert_eq!(colours.len(), 1, "{id} is one colour: {colours:?}");
        colours.into_iter().next().unwrap()
    };
    let rgb = |step: usize| format!("{:?}", rgb(step));
    // Last 30 days: left sole 5 episodes, right sole 2, right chest 1.
    assert_eq!(fill("left-sole"), rgb(4));
    assert_eq!(fill("right-sole"), rgb(1));
    assert_eq!(fill("right-chest"), rgb(0));
    // The face had an episode, but a year ago: outside the window.
    let grey = fill("right-face");
    assert_eq!(fill("left-knee-back"), grey);
    assert!(
        (0..5).all(|step| grey != rgb(step)),
        "none is not a heat step"
    );
}

#[test]
fn the_cursor_keeps_its_heat_colour_inside_a_magenta_ring() {
    let mut app = app(history(), 120, 40);
    app.body.cursor = region("left-sole");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let fill = fill_colours(&app, buffer, region("left-sole"));
    assert!(
        fill.contains(&format!("{:?}", rgb(4))),
        "still the hottest colour: {fill:?}"
    );
    let symbols: Vec<&str> = cells_of(&app, region("left-sole"))
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect();
    assert!(
        symbols.contains(&CURSOR_MARK.to_string().as_str()),
        "{symbols:?}"
    );
    let magenta = common::dark(Palette::DARK.cursor);
    let ring = buffer
        .content()
        .iter()
        .filter(|c| c.fg == magenta || c.bg == magenta)
        .count();
    assert!(ring >= 6, "a ring around the sole: {ring} cells");
    // A selected region is marked otherwise: a check and a white ring.
    app.body.selection.insert(region("right-palm"));
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let marks: Vec<&str> = cells_of(&app, region("right-palm"))
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect();
    assert!(
        marks.contains(&SELECTED_MARK.to_string().as_str()),
        "{marks:?}"
    );
    assert!(!marks.contains(&CURSOR_MARK.to_string().as_str()));

    app.color = ColorMode::NoColor;
    app.body.cursor = region("right-knee-front");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for (x, y) in cells_of(&app, region("right-knee-front")) {
        assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    }
    for (x, y) in cells_of(&app, region("left-knee-front")) {
        assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    }
    let status = screen_text(&app).lines().nth(38).unwrap().to_string();
    assert!(status.contains("Knee (front-right) - f29"), "{status}");
}

#[test]
fn the_256_colour_palette_uses_its_own_steps() {
    let mut app = app(history(), 80, 24);
    app.color = ColorMode::Ansi256;
    app.body.cursor = region("left-elbow-back");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let fill = fill_colours(&app, buffer, region("left-sole"));
    assert_eq!(
        fill.into_iter().collect::<Vec<_>>(),
        [format!("{:?}", {
            let (r, g, b) = Palette::DARK.heat[4];
            Color::Indexed(nearest_ansi256(r, g, b))
        })]
    );
}

#[test]
fn outline_style_draws_edges_over_heat_backgrounds() {
    let mut app = app(history(), 120, 40);
    app.body.cursor = region("left-elbow-back");
    assert!(
        screen_text(&app).contains("v style"),
        "wide footers offer the key"
    );
    app.update(Action::ToggleMapStyle);
    assert_eq!(app.body.style, MapStyle::Outline);
    let text = screen_text(&app);
    assert!(text.contains("Map drawn in outline (v: solid)"), "{text}");
    insta::assert_snapshot!(text);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let cells = cells_of(&app, region("left-sole"));
    assert!(cells.iter().all(|&(x, y)| buffer[(x, y)].bg == rgb(4)));
    let edges: Vec<&str> = cells
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect();
    assert!(
        edges.iter().any(|g| ["|", "/", "\\", "_", "-"].contains(g)),
        "{edges:?}"
    );
    for (x, y) in cells_of(&app, region("right-face")) {
        assert_eq!(
            buffer[(x, y)].bg,
            common::dark(Palette::DARK.page),
            "no heat, no fill"
        );
    }
}

#[test]
fn the_legend_gives_each_step_its_range_and_colour() {
    let app = app(history(), 80, 24);
    let text = screen_text(&app);
    assert!(text.contains("Episodes, last 30 days"), "{text}");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // Find the legend row labelled "5" and check its swatch colour.
    let row = text
        .lines()
        .position(|l| l.trim_end().ends_with("    5"))
        .unwrap() as u16;
    let swatch = (40..80)
        .find(|&x| buffer[(x, row)].bg != common::dark(Palette::DARK.page))
        .unwrap();
    assert_eq!(buffer[(swatch, row)].bg, rgb(4));
}

#[test]
fn the_header_names_window_filter_and_metric_and_they_change() {
    let mut app = app(history(), 100, 30);
    assert!(
        screen_text(&app)
            .lines()
            .next()
            .unwrap()
            .contains("last 30 days · all sensations · episodes")
    );
    app.update(Action::CycleWindow);
    app.update(Action::CycleMetric);
    let header = screen_text(&app).lines().next().unwrap().to_string();
    assert!(
        header.contains("last 90 days · all sensations · days affected"),
        "{header}"
    );
}

#[test]
fn log_form_at_80x24() {
    let mut app = app(history(), 80, 24);
    app.body.cursor = region("left-sole");
    app.update(Action::ToggleSelect);
    app.body.cursor = region("right-sole");
    app.update(Action::ToggleSelect);
    app.update(Action::OpenLogForm);
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn help_lists_every_key_of_the_screen_from_the_keymap() {
    use sensemap::app::Screen;
    use sensemap::app::keymap::Context;
    let mut app = app(history(), 80, 24);
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen_text(&app));
    let screens = [
        (Screen::BodyMap, Context::BodyMap),
        (Screen::Timeline, Context::Timeline),
        (Screen::Charts, Context::Charts),
    ];
    for (screen, context) in screens {
        app.update(Action::ToggleHelp);
        app.update(Action::ShowScreen(screen));
        app.update(Action::ToggleHelp);
        let text = screen_text(&app);
        for context in [context, Context::Form, Context::Picker, Context::Confirm] {
            for binding in app.keymap.clone().bindings(context) {
                let described = text.contains(binding.description);
                assert!(described, "{screen:?} help lacks '{}'", binding.description);
            }
        }
    }
}

#[test]
fn region_search_lists_matches() {
    let mut app = app(history(), 80, 24);
    app.update(Action::OpenSearch);
    for ch in "left sole".chars() {
        app.update(Action::Input(ch));
    }
    insta::assert_snapshot!(screen_text(&app));
}

#[test]
fn a_too_small_terminal_says_so() {
    let app = app(history(), 50, 15);
    let text = screen_text(&app);
    assert!(text.contains("Terminal too small"), "{text}");
    assert!(text.contains("It is 50x15"), "{text}");
    let narrow = screen_text(&app_sized(40, 15));
    assert!(narrow.contains("q quits."), "{narrow}");
    let _ = KeyCode::Null;
}

#[test]
fn an_empty_journal_still_draws_every_region_border() {
    let mut app = app(vec![], 80, 24);
    let text = screen_text(&app);
    assert!(text.contains("FRONT") && text.contains("BACK"));
    // No legend of steps that nothing fills, but what to do.
    assert!(text.contains("Nothing logged in last 30 days."), "{text}");
    assert!(text.contains("Enter logs a sensation here."), "{text}");
    assert!(!text.contains(" none"), "{text}");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // Solid: every region drawn in the body's grey, borders darker.
    let fills: std::collections::BTreeSet<_> = sensemap::domain::Catalogue::global()
        .ids()
        .filter(|r| *r != app.body.cursor)
        .flat_map(|r| fill_colours(&app, buffer, r))
        // The ring around the cursor's region lies on its neighbours.
        .filter(|c| {
            let (r, g, b) = Palette::DARK.cursor;
            *c != format!("{:?}", Color::Rgb(r, g, b))
        })
        .collect();
    assert_eq!(fills.len(), 1, "{fills:?}");
    let grey = body_fill(DARK, None).unwrap();
    let gap = body_border(DARK).unwrap();
    let painted = |c: Color| {
        buffer
            .content()
            .iter()
            .filter(|cell| cell.fg == c || cell.bg == c)
            .count()
    };
    assert!(painted(grey) > 200, "the body is drawn");
    // Borders between regions are gaps of the page's colour: half blocks
    // with grey in one half and the page in the other, inside the figure.
    let split = buffer
        .content()
        .iter()
        .filter(|cell| {
            cell.symbol() == "▀" && [(cell.fg, cell.bg), (cell.bg, cell.fg)].contains(&(grey, gap))
        })
        .count();
    assert!(split > 60, "and its borders: {split}");
    // Outline and no colour: the borders in edge characters.
    app.update(Action::ToggleMapStyle);
    let outline = screen_text(&app);
    app.color = ColorMode::NoColor;
    for text in [outline, screen_text(&app)] {
        let edges = text
            .chars()
            .filter(|c| matches!(c, '|' | '/' | '\\' | '_' | '-'))
            .count();
        assert!(edges > 200, "{text}");
    }
    let single = app_with_one();
    assert!(screen_text(&single).contains("1 episode, 1 day"));
}

fn app_sized(width: u16, height: u16) -> App {
    app(history(), width, height)
}

fn app_with_one() -> App {
    let mut a = app(
        vec![entry(
            "2026-03-10T21:00:00+01:00",
            &["left-sole"],
            "tingling",
            4,
        )],
        80,
        24,
    );
    a.body.cursor = region("left-sole");
    a
}

#[test]
fn the_search_box_shows_the_cursor_where_it_is() {
    let mut app = app(history(), 80, 24);
    app.update(Action::OpenSearch);
    for ch in "l sole".chars() {
        app.update(Action::Input(ch));
    }
    app.update(Action::CursorLeft);
    app.update(Action::CursorLeft);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = screen_text(&app);
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("> l sole"))
        .unwrap();
    let x = line[..line.find("> l sole").unwrap()].chars().count() as u16 + 2;
    // "l so|le": the cursor is on the 'l' of "le", the fifth character.
    assert_eq!(buffer[(x + 4, y as u16)].symbol(), "l");
    assert!(common::reversed(&buffer[(x + 4, y as u16)]));
    assert!(!common::reversed(&buffer[(x + 6, y as u16)]));
}

#[test]
fn typed_escape_sequences_and_direction_overrides_never_reach_the_terminal() {
    let mut hostile = common::entry("2026-03-10T21:00:00+01:00", &["b37"], "tingling", 4);
    hostile.note = Some("\u{1b}[2J\u{1b}]0;owned\u{7}gone \u{202e}reversed".into());
    hostile.tags = vec!["\u{1b}[31mred".into()];
    let mut app = common::app(vec![hostile], 120, 40);
    app.update(sensemap::app::Action::ShowScreen(
        sensemap::app::Screen::Timeline,
    ));
    let terminal = common::draw(&app);
    let symbols: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(symbols.contains("gone"), "the note is shown");
    assert!(symbols.contains("#"), "the tag is shown");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!symbols.contains(bad), "{bad:?} reached the screen");
    }
}
