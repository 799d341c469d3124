//! Every cell of every screen, in every theme and colour depth, measured
//! as WCAG measures contrast: each letter and digit at least 4.5:1 against
//! its background (7:1 in high-contrast), each line, mark and bar at least
//! 3:1 against its background, and every fill (heat, body, bars, rings,
//! highlighted rows) at least 3:1 against the page.

mod common;

use common::{app, draw, entry, history, region};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use sensemap::app::look::{Rgb, contrast};
use sensemap::app::{Action, App, ColorMode, Palette, Screen, Status, StatusKind, ThemeName};
use sensemap::domain::treatment::{Application, Course, TreatmentLog};
use sensemap::ui::theme::shown_rgb;
use ulid::Ulid;

/// A course and a patch, so screen 4 draws bars and marks.
fn treatments() -> TreatmentLog {
    TreatmentLog {
        courses: vec![Course {
            id: Ulid::from_parts(2, 1),
            treatment: "gabapentin".into(),
            start: common::at("2026-02-01T09:00:00+01:00"),
            stop: None,
            dose: Some("300 mg".into()),
            dose_changes: vec![],
            note: None,
        }],
        applications: vec![Application {
            id: Ulid::from_parts(3, 1),
            treatment: "lidocaine-patch".into(),
            at: common::at("2026-03-05T21:00:00+01:00"),
            regions: vec![region("left-sole")],
            note: None,
        }],
    }
}

/// A screen's name, a text it shows (so a setup that opens nothing
/// fails), and how to open it on an app.
type ScreenSetup = (&'static str, &'static str, fn(&mut App));

/// Each screen and overlay a person sees, by name, as set up on `app`.
fn screens() -> Vec<ScreenSetup> {
    vec![
        ("body map", "Foot, sole (left)", |app| {
            app.body.cursor = region("left-sole");
            app.body.selection.insert(region("right-palm"));
        }),
        ("body map, outline", "FRONT", |app| {
            app.update(Action::ToggleMapStyle);
            app.body.cursor = region("left-sole");
            app.body.selection.insert(region("right-palm"));
        }),
        ("body map, an error said", "the disk is full", |app| {
            app.status = Some(Status {
                text: "cannot save into 2026-03: the disk is full".into(),
                kind: StatusKind::Error,
                since: app.now,
            });
        }),
        ("timeline", "newest first", |app| {
            app.update(Action::ShowScreen(Screen::Timeline));
        }),
        ("charts", "Regions by episodes", |app| {
            app.update(Action::ShowScreen(Screen::Charts));
        }),
        ("treatments", "Courses and applications", |app| {
            app.update(Action::TreatmentsLoaded(Ok(treatments())));
            app.update(Action::ShowScreen(Screen::Treatments));
        }),
        ("help", "Questions", |app| {
            app.update(Action::ToggleHelp);
        }),
        ("log form", "Ctrl+S saves from any field", |app| {
            app.update(Action::OpenLogForm);
        }),
        ("region search", "> sole", |app| {
            app.update(Action::OpenSearch);
            for c in "sole".chars() {
                app.update(Action::Input(c));
            }
        }),
        ("sensation filter", "Count which sensations?", |app| {
            app.update(Action::OpenFilterPicker);
        }),
        ("good news said", "Saved: Burning 7/10", |app| {
            app.status = Some(Status {
                text: "Saved: Burning 7/10".into(),
                kind: StatusKind::Info,
                since: app.now,
            });
        }),
        ("edit form", "2026-03-10 21:00", |app| {
            app.update(Action::ShowScreen(Screen::Timeline));
            app.update(Action::OpenLogForm);
        }),
        ("delete, asked", "Delete the tingling entry", |app| {
            app.update(Action::ShowScreen(Screen::Timeline));
            app.update(Action::DeleteEntry);
        }),
        ("go to a date", "Go to a date", |app| {
            app.update(Action::ShowScreen(Screen::Timeline));
            app.update(Action::JumpToDate);
        }),
        (
            "charts, another metric",
            "Regions by days affected",
            |app| {
                app.update(Action::ShowScreen(Screen::Charts));
                app.update(Action::CycleMetric);
            },
        ),
        ("treatment form", "Start a course", |app| {
            app.update(Action::TreatmentsLoaded(Ok(treatments())));
            app.update(Action::ShowScreen(Screen::Treatments));
            app.update(Action::StartCourse);
        }),
    ]
}

/// The colour a cell's colour shows as; anything else is a cell left to
/// the terminal's own colours, whose contrast nobody can promise.
fn shown(colour: Color, what: &str) -> Result<Rgb, String> {
    shown_rgb(colour).ok_or_else(|| format!("{what} is {colour:?}, not a theme colour"))
}

/// Every cell of `buffer` that falls short, described.
fn shortfalls(buffer: &Buffer, palette: Palette) -> Vec<String> {
    let page = palette.page;
    let text_needs = palette.theme.text_contrast();
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            let at = format!("({x},{y}) {symbol:?}");
            if cell.modifier.intersects(Modifier::DIM | Modifier::REVERSED) {
                found.push(format!(
                    "{at}: dim or reverse video is left to the terminal"
                ));
                continue;
            }
            let (fg, bg) = match (shown(cell.fg, "text"), shown(cell.bg, "background")) {
                (Ok(fg), Ok(bg)) => (fg, bg),
                (Err(why), _) | (_, Err(why)) => {
                    found.push(format!("{at}: {why}"));
                    continue;
                }
            };
            let mut need = |what: &str, a: Rgb, b: Rgb, ratio: f64| {
                let got = contrast(a, b);
                if got < ratio {
                    found.push(format!("{at}: {what} {got:.2}:1, needs {ratio}:1"));
                }
            };
            let first = symbol.chars().next().unwrap_or(' ');
            if matches!(symbol, "▀" | "▄") {
                // Two pixels: each is the page (a gap) or stands out from it.
                for pixel in [fg, bg] {
                    if pixel != page {
                        need("a pixel against the page", pixel, page, 3.0);
                    }
                }
                continue;
            }
            if first.is_alphanumeric() {
                need("a letter", fg, bg, text_needs);
            } else if !first.is_whitespace() {
                need("a line or mark", fg, bg, 3.0);
            }
            if bg != page {
                need("a fill against the page", bg, page, 3.0);
            }
        }
    }
    found
}

#[test]
fn every_cell_of_every_screen_meets_its_themes_contrast() {
    let mut entries = history();
    entries.push(entry(
        "2026-03-10T08:00:00+01:00",
        &["left-sole"],
        "burning",
        7,
    ));
    entries.push(entry(
        "2026-03-09T08:00:00+01:00",
        &["right-palm"],
        "numbness",
        3,
    ));
    let mut measured = 0;
    for theme in ThemeName::ALL {
        for mode in [ColorMode::TrueColor, ColorMode::Ansi256] {
            for (width, height) in [(120, 40), (80, 24)] {
                for (name, shows, setup) in screens() {
                    let mut app = app(entries.clone(), width, height);
                    app.color = mode;
                    app.palette = Palette::of(theme);
                    setup(&mut app);
                    let terminal = draw(&app);
                    assert!(
                        common::screen_text(&app).contains(shows),
                        "{name} at {width}x{height} does not show {shows:?}"
                    );
                    let found = shortfalls(terminal.backend().buffer(), app.palette);
                    assert!(
                        found.is_empty(),
                        "{theme}, {mode:?}, {name} at {width}x{height}: {} cells fall short, e.g.\n{}",
                        found.len(),
                        found.iter().take(8).cloned().collect::<Vec<_>>().join("\n")
                    );
                    measured += 1;
                }
            }
        }
    }
    assert_eq!(measured, 3 * 2 * 2 * screens().len());
}

#[test]
fn the_check_catches_what_it_is_for() {
    // The old light-terminal failure: cyan names on white, 2.8:1.
    let mut app = app(history(), 80, 24);
    app.palette = Palette::LIGHT;
    app.palette.paresthesia = (0x00, 0xcd, 0xcd);
    app.update(Action::ShowScreen(Screen::Timeline));
    let found = shortfalls(draw(&app).backend().buffer(), app.palette);
    assert!(found.iter().any(|f| f.contains("a letter")), "{found:?}");
    // A heat step too near the page.
    let mut app = common::app(history(), 80, 24);
    app.palette.heat[0] = (0x20, 0x20, 0x20);
    app.palette.heat[1] = (0x20, 0x20, 0x20);
    let found = shortfalls(draw(&app).backend().buffer(), app.palette);
    assert!(
        found.iter().any(|f| f.contains("against the page")),
        "{found:?}"
    );
}

/// The 16 basic colours as xterm shows them by default: the palette most
/// terminals start from (each person's terminal may differ).
fn xterm_16(colour: Color) -> Option<Rgb> {
    Some(match colour {
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        _ => return None,
    })
}

/// High contrast with only 16 colours still means bright text on black:
/// no dim hints, no colour left to the terminal's defaults, and every
/// letter at least 7:1 in xterm's palette.
#[test]
fn high_contrast_with_16_colours_is_bright_letters_on_black() {
    let mut measured = 0;
    for (width, height) in [(120, 40), (80, 24)] {
        for (name, _, setup) in screens() {
            let mut app = app(history(), width, height);
            app.color = ColorMode::Ansi16;
            app.palette = Palette::HIGH_CONTRAST;
            setup(&mut app);
            let terminal = draw(&app);
            let buffer = terminal.backend().buffer();
            let mut found = Vec::new();
            for (i, cell) in buffer.content.iter().enumerate() {
                let at = format!(
                    "({}, {}) {:?}",
                    i % usize::from(width),
                    i / usize::from(width),
                    cell.symbol()
                );
                if cell.modifier.intersects(Modifier::DIM | Modifier::REVERSED) {
                    found.push(format!("{at}: dim or reverse video"));
                }
                let first = cell.symbol().chars().next().unwrap_or(' ');
                if !first.is_alphanumeric() {
                    continue;
                }
                match (xterm_16(cell.fg), xterm_16(cell.bg)) {
                    (Some(fg), Some(bg)) if contrast(fg, bg) >= 7.0 => {}
                    (Some(fg), Some(bg)) => {
                        found.push(format!("{at}: {:.2}:1", contrast(fg, bg)));
                    }
                    _ => found.push(format!("{at}: {:?} on {:?}", cell.fg, cell.bg)),
                }
            }
            assert!(
                found.is_empty(),
                "{name} at {width}x{height}: {} cells fall short, e.g.\n{}",
                found.len(),
                found.iter().take(8).cloned().collect::<Vec<_>>().join("\n")
            );
            measured += 1;
        }
    }
    assert_eq!(measured, 2 * screens().len());
}

/// High contrast without colour (NO_COLOR) draws nothing faint either.
#[test]
fn high_contrast_without_colour_has_no_faint_text() {
    for (name, _, setup) in screens() {
        let mut app = app(history(), 80, 24);
        app.color = ColorMode::NoColor;
        app.palette = Palette::HIGH_CONTRAST;
        setup(&mut app);
        let faint = draw(&app)
            .backend()
            .buffer()
            .content
            .iter()
            .filter(|cell| cell.modifier.contains(Modifier::DIM))
            .count();
        assert_eq!(faint, 0, "{name}: {faint} faint cells");
    }
    // The dark theme keeps its faint hints, so the count above can tell.
    let mut app = app(history(), 80, 24);
    app.color = ColorMode::NoColor;
    let buffer = draw(&app).backend().buffer().clone();
    assert!(
        buffer
            .content
            .iter()
            .any(|c| c.modifier.contains(Modifier::DIM))
    );
}
