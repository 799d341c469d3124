//! The mouse on every screen: tabs, timeline rows (a second click edits),
//! the wheel, and chart bars. And what 80x24 keeps: every tab, the most
//! used keys, a weekly chart with a scale.

mod common;

use common::{click, controller, history, key, screen_text, wheel};
use ratatui::crossterm::event::KeyCode;
use sensemap::app::{Overlay, Screen, TimelineLine};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal};

fn started(dir: &std::path::Path, width: u16, height: u16) -> Runtime {
    controller(history(), Journal::new(FsStore::new(dir)), width, height)
}

/// The column of `text` in the header line.
fn header_x(c: &Runtime, text: &str) -> u16 {
    let header = screen_text(&c.app).lines().next().unwrap().to_string();
    header[..header.find(text).unwrap()].chars().count() as u16 + 1
}

#[test]
fn tabs_are_clickable_and_all_four_show_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 80, 24);
    let header = screen_text(&c.app).lines().next().unwrap().to_string();
    for tab in ["1 Map", "2 Time", "3 Chart", "4 Treat"] {
        assert!(header.contains(tab), "{header}");
    }
    for (tab, screen) in [
        ("2 Time", Screen::Timeline),
        ("3 Chart", Screen::Charts),
        ("4 Treat", Screen::Treatments),
        ("1 Map", Screen::BodyMap),
    ] {
        let x = header_x(&c, tab);
        c.handle_event(&click(x, 0));
        assert_eq!(c.app.screen, screen, "{tab}");
    }
    let wide = started(dir.path(), 160, 40);
    assert!(
        screen_text(&wide.app).contains("2:Timeline"),
        "long tabs where they fit"
    );
}

#[test]
fn a_click_on_a_timeline_row_highlights_it_and_a_second_click_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 100, 30);
    c.handle_event(&key(KeyCode::Char('2')));
    let lines = c.app.timeline_lines();
    let (line, row) = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match l {
            TimelineLine::Entry(row) => Some((i, *row)),
            TimelineLine::Day(_) => None,
        })
        .nth(2)
        .unwrap();
    let y = 2 + line as u16;
    c.handle_event(&click(20, y));
    assert_eq!(c.app.timeline.selected, row);
    assert!(c.app.modal.overlay.is_none());
    c.handle_event(&click(20, y));
    assert!(
        matches!(c.app.modal.overlay, Some(Overlay::Form(_))),
        "double click edits"
    );
    c.handle_event(&key(KeyCode::Esc));
    // A click on a day's heading changes nothing.
    let heading = lines
        .iter()
        .position(|l| matches!(l, TimelineLine::Day(_)))
        .unwrap();
    c.handle_event(&click(20, 2 + heading as u16));
    assert_eq!(c.app.timeline.selected, row);
}

#[test]
fn the_wheel_scrolls_the_timeline_and_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 100, 30);
    c.handle_event(&key(KeyCode::Char('2')));
    c.handle_event(&wheel(false));
    c.handle_event(&wheel(false));
    assert_eq!(c.app.timeline.selected, 2);
    c.handle_event(&wheel(true));
    assert_eq!(c.app.timeline.selected, 1);
    c.handle_event(&key(KeyCode::Char('3')));
    let first = c.app.charts_region();
    c.handle_event(&wheel(false));
    assert_ne!(c.app.charts_region(), first);
    c.handle_event(&wheel(true));
    assert_eq!(c.app.charts_region(), first);
}

#[test]
fn a_click_on_a_chart_bar_highlights_its_region() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 100, 30);
    c.handle_event(&key(KeyCode::Char('3')));
    let third = c.app.charts.ranked[2].region;
    // Bars start under the title, on the body's second row.
    c.handle_event(&click(5, 2 + 2));
    assert_eq!(c.app.charts_region(), Some(third));
    assert!(screen_text(&c.app).contains(&format!("▶ {}", third.region().label())));
}

#[test]
fn at_80x24_the_timeline_footer_keeps_filter_and_go_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('2')));
    let footer = screen_text(&c.app).lines().last().unwrap().to_string();
    for hint in [
        "move", "edit", "/ filter", "g go to", "delete", "undo", "? help", "q quit",
    ] {
        assert!(footer.contains(hint), "{hint} in {footer}");
    }
}

#[test]
fn the_weekly_chart_has_a_scale_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('3')));
    c.handle_event(&key(KeyCode::Char('w')));
    c.handle_event(&key(KeyCode::Char('w')));
    let text = screen_text(&c.app);
    let axis: Vec<&str> = text.lines().filter(|l| l.contains('┤')).collect();
    assert_eq!(axis.len(), 2, "a top and a zero: {text}");
    assert!(axis[1].contains(" 0┤"), "{text}");
    assert!(text.contains("this week"), "{text}");
    let trend_rows = text
        .lines()
        .skip_while(|l| !l.contains("Episodes per"))
        .skip(1)
        .take_while(|l| !l.contains("this week"))
        .count();
    assert!(
        trend_rows >= 4,
        "a readable height: {trend_rows} rows\n{text}"
    );
}

#[test]
fn going_to_a_date_puts_its_first_entry_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = started(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('2')));
    c.handle_event(&key(KeyCode::Char('g')));
    common::type_text(&mut c, "2026-03-01");
    c.handle_event(&key(KeyCode::Enter));
    let text = screen_text(&c.app);
    let first_day = text.lines().nth(2).unwrap();
    let entry = c.app.timeline_entry().unwrap();
    assert!(entry.day() <= chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    assert!(
        first_day.contains(&entry.day().format("%A %-d %B %Y").to_string()),
        "{first_day}\n{text}"
    );
}
