//! What the screens show: insta snapshots of the text, plus assertions on
//! cell colours and attributes, which snapshots drop.

mod common;

use common::{app, draw, entry, history, region, screen_text};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use sensemap::app::layout;
use sensemap::app::{Action, App, ColorMode};
use sensemap::domain::RegionId;
use sensemap::domain::body_map::BodyMap;
use sensemap::ui::theme::{HEAT_GLYPHS, HEAT_RGB, nearest_ansi256};

/// Every screen cell of `region` in the app's current layout.
fn cells_of(app: &App, region: RegionId) -> Vec<(u16, u16)> {
    let areas = layout::body_map(layout::screen(app.area).body).unwrap();
    let figures = BodyMap::global().figures(areas.size);
    let view = region.region().view;
    let rect = match view {
        sensemap::domain::View::Front => areas.front,
        sensemap::domain::View::Back => areas.back,
    };
    figures
        .figure(view)
        .cells(region)
        .map(|(x, y)| (rect.x + x, rect.y + y))
        .collect()
}

fn rgb(step: usize) -> Color {
    let (r, g, b) = HEAT_RGB[step];
    Color::Rgb(r, g, b)
}

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
fn body_map_without_colour_uses_density_glyphs() {
    let mut app = app(history(), 80, 24);
    app.color = ColorMode::NoColor;
    let text = screen_text(&app);
    insta::assert_snapshot!(text);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let interior: Vec<&str> = cells_of(&app, region("left-sole"))
        .iter()
        .map(|&(x, y)| buffer[(x, y)].symbol())
        .collect();
    assert!(
        interior.contains(&HEAT_GLYPHS[4].to_string().as_str()),
        "{interior:?}"
    );
    for (x, y) in cells_of(&app, region("right-sole")) {
        assert_eq!(buffer[(x, y)].bg, Color::Reset, "no colour at all");
    }
}

#[test]
fn heat_colours_follow_the_counts_and_regions_without_data_stay_plain() {
    let mut app = app(history(), 80, 24);
    app.body.cursor = region("left-elbow-back");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let bg = |id: &str| {
        let cells = cells_of(&app, region(id));
        let colours: std::collections::HashSet<Color> =
            cells.iter().map(|&(x, y)| buffer[(x, y)].bg).collect();
        assert_eq!(colours.len(), 1, "{id} is one colour: {colours:?}");
        colours.into_iter().next().unwrap()
    };
    // Last 30 days: left sole 5 episodes, right sole 2, right chest 1.
    assert_eq!(bg("left-sole"), rgb(4));
    assert_eq!(bg("right-sole"), rgb(1));
    assert_eq!(bg("right-chest"), rgb(0));
    // The face had an episode, but a year ago: outside the window.
    assert_eq!(bg("right-face"), Color::Reset);
    assert_eq!(bg("left-knee-back"), Color::Reset);
}

#[test]
fn the_cursor_region_is_a_white_block_in_colour_and_reversed_without() {
    let mut app = app(history(), 80, 24);
    app.body.cursor = region("left-sole");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    for (x, y) in cells_of(&app, region("left-sole")) {
        assert_eq!(
            buffer[(x, y)].bg,
            Color::White,
            "white even over the hottest step"
        );
    }
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
    let status = screen_text(&app).lines().nth(22).unwrap().to_string();
    assert!(status.contains("Knee (front-right) - f29"), "{status}");
}

#[test]
fn the_256_colour_palette_is_the_nearest_match() {
    let mut app = app(history(), 80, 24);
    app.color = ColorMode::Ansi256;
    app.body.cursor = region("left-elbow-back");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = cells_of(&app, region("left-sole"))[0];
    let (r, g, b) = HEAT_RGB[4];
    assert_eq!(buffer[(x, y)].bg, Color::Indexed(nearest_ansi256(r, g, b)));
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
        .find(|&x| buffer[(x, row)].bg != Color::Reset)
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
    use sensemap::app::keymap::{Context, bindings};
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
            for binding in bindings(context) {
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
    let _ = KeyCode::Null;
}

#[test]
fn an_empty_journal_still_draws_the_whole_outline() {
    let app = app(vec![], 80, 24);
    let text = screen_text(&app);
    assert!(text.contains("FRONT") && text.contains("BACK"));
    assert!(text.contains("(__|  |__)"), "{text}");
    let single = app_with_one();
    assert!(screen_text(&single).contains("1 episode ·"));
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
    assert!(
        buffer[(x + 4, y as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        !buffer[(x + 6, y as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}
