//! Key- and mouse-driven flows through the controller, against real and
//! failing storage.

mod common;

use common::{
    FailingStore, click, controller, ctrl, draw, history, hover, key, region, screen_text,
    shift_tab, type_text,
};
use ratatui::crossterm::event::KeyCode;
use sensemap::app::Overlay;
use sensemap::app::form::Field;
use sensemap::domain::RegionId;
use sensemap::domain::body_map::{BodyGeometry, Direction};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal, MonthStore};

/// The entries on disk that are not part of the starting history.
fn on_disk(dir: &std::path::Path) -> Vec<sensemap::domain::Entry> {
    let known: Vec<_> = history().iter().map(|e| e.id).collect();
    let mut all = Journal::new(FsStore::new(dir)).load_all().unwrap().entries;
    all.retain(|e| !known.contains(&e.id));
    all
}

fn fs_controller(dir: &std::path::Path) -> Runtime {
    controller(history(), Journal::new(FsStore::new(dir)), 80, 24)
}

/// A screen cell showing `region` in the controller's current layout.
fn cell_of(c: &Runtime, region: RegionId) -> (u16, u16) {
    common::cells_of(&c.app, region)[0]
}

fn form(c: &Runtime) -> &sensemap::app::form::LogForm {
    match &c.app.modal.overlay {
        Some(Overlay::Form(form)) => form,
        other => panic!("expected the log form, found {other:?}"),
    }
}

#[test]
fn arrows_and_hjkl_move_to_the_nearest_region() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.app.body.cursor = region("right-face");
    c.handle_event(&key(KeyCode::Up));
    assert_eq!(c.app.body.cursor, region("right-cranium-front"));
    c.handle_event(&key(KeyCode::Char('l')));
    assert_eq!(c.app.body.cursor, region("left-cranium-front"));
    c.handle_event(&key(KeyCode::Char('j')));
    assert_eq!(c.app.body.cursor, region("left-face"));
    c.handle_event(&key(KeyCode::Char('h')));
    assert_eq!(c.app.body.cursor, region("right-face"));
    // Each press agrees with the navigation derived from the geometry.
    let geometry = BodyGeometry::global();
    let expected = geometry.step(c.app.body.cursor, Direction::Down).unwrap();
    c.handle_event(&key(KeyCode::Down));
    assert_eq!(c.app.body.cursor, expected);
}

#[test]
fn f_flips_to_the_same_part_on_the_other_figure_and_the_status_says_which_side() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.app.body.cursor = region("right-palm");
    c.handle_event(&key(KeyCode::Char('f')));
    assert_eq!(c.app.body.cursor, region("right-hand-back"));
    assert!(screen_text(&c.app).contains("▶ Hand, back (right) - b30"));
    c.handle_event(&key(KeyCode::Char('f')));
    assert_eq!(c.app.body.cursor, region("right-palm"));
}

#[test]
fn slash_finds_a_region_by_everyday_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.handle_event(&key(KeyCode::Char('/')));
    type_text(&mut c, "elbow left back");
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(c.app.body.cursor, region("left-elbow-back"));
    assert!(c.app.modal.overlay.is_none());
    // Esc closes without moving.
    c.handle_event(&key(KeyCode::Char('/')));
    type_text(&mut c, "f25");
    c.handle_event(&key(KeyCode::Esc));
    assert_eq!(c.app.body.cursor, region("left-elbow-back"));
}

#[test]
fn a_multi_region_entry_is_saved_and_shows_on_the_heat_map_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    let knee = region("left-knee-front");
    let body_grey = common::fill_colours(&c.app, draw(&c.app).backend().buffer(), knee);
    assert_eq!(body_grey.len(), 1, "no data yet: the body's grey");

    c.app.body.cursor = knee;
    c.handle_event(&key(KeyCode::Char(' ')));
    c.app.body.cursor = region("right-knee-front");
    c.handle_event(&key(KeyCode::Char(' ')));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(form(&c).regions.len(), 2);
    type_text(&mut c, "stab");
    c.handle_event(&ctrl('s'));

    assert!(c.app.modal.overlay.is_none(), "form closed after saving");
    assert!(c.app.body.selection.is_empty());
    let saved = on_disk(dir.path());
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].sensation.as_str(), "stabbing");
    assert_eq!(
        saved[0].regions.ids().collect::<Vec<_>>(),
        [region("right-knee-front"), knee]
    );
    c.app.body.selection.clear();
    c.app.body.cursor = region("left-elbow-back");
    let coloured = common::fill_colours(&c.app, draw(&c.app).backend().buffer(), knee);
    assert_eq!(coloured.len(), 1);
    assert_ne!(coloured, body_grey, "coloured at once");
    assert!(screen_text(&c.app).contains("Saved: Stabbing"));
}

#[test]
fn every_field_of_the_form_is_filled_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.app.body.cursor = region("left-sole");
    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "burn");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "10");
    assert_eq!(form(&c).intensity, 10);
    c.handle_event(&key(KeyCode::Left));
    c.handle_event(&key(KeyCode::Tab));
    for _ in 0..3 {
        c.handle_event(&key(KeyCode::Backspace));
    }
    type_text(&mut c, "yesterday 21:30");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "2h30m");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "heat, Fatigue");
    c.handle_event(&key(KeyCode::Tab));
    assert_eq!(form(&c).field, Field::Note);
    type_text(&mut c, "after a hot bath");
    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "Brennen ✓");
    assert!(
        c.app.modal.overlay.is_some(),
        "Enter in the note is a new line, not a save"
    );
    c.handle_event(&shift_tab());
    assert_eq!(form(&c).field, Field::Tags);
    c.handle_event(&key(KeyCode::Enter));

    let saved = on_disk(dir.path());
    assert_eq!(saved.len(), 1, "Enter saved from the tags field");
    let e = &saved[0];
    assert_eq!(e.sensation.as_str(), "burning");
    assert_eq!(e.intensity.value(), 9);
    assert_eq!(e.at.to_rfc3339(), "2026-03-10T21:30:00+01:00");
    assert_eq!(e.duration_s, Some(9000));
    assert_eq!(e.tags, ["heat", "fatigue"]);
    assert_eq!(e.note.as_deref(), Some("after a hot bath\nBrennen ✓"));
}

#[test]
fn esc_cancels_at_once_when_nothing_was_typed_and_asks_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Esc));
    assert!(c.app.modal.overlay.is_none());

    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "numb");
    c.handle_event(&key(KeyCode::Esc));
    assert!(form(&c).confirm_discard);
    assert!(screen_text(&c.app).contains("Throw away what you typed?"));
    c.handle_event(&key(KeyCode::Char('n')));
    assert_eq!(form(&c).sensation_query.text(), "numb", "kept");
    c.handle_event(&key(KeyCode::Esc));
    c.handle_event(&key(KeyCode::Char('y')));
    assert!(c.app.modal.overlay.is_none());
    assert!(on_disk(dir.path()).is_empty());
}

#[test]
fn a_failed_save_keeps_the_form_and_shows_why() {
    let dir = tempfile::tempdir().unwrap();
    Journal::new(FsStore::new(dir.path()))
        .add_many(history())
        .unwrap();
    let mut c = common::runtime_over(
        history(),
        Journal::new(FailingStore::new(dir.path(), 0)),
        80,
        24,
    );
    let before = c.app.journal.entries.len();
    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "tingl");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "6");
    let typed = form(&c).clone();
    c.handle_event(&ctrl('s'));

    let kept = form(&c);
    assert_eq!(kept.sensation_query, typed.sensation_query);
    assert_eq!(kept.intensity, 6);
    assert!(
        kept.error
            .as_deref()
            .unwrap_or_default()
            .contains("disk full"),
        "{:?}",
        kept.error
    );
    assert!(screen_text(&c.app).contains("Not saved"));
    assert_eq!(c.app.journal.entries.len(), before);
    assert!(!c.app.should_quit);
}

#[test]
fn a_time_that_cannot_be_read_keeps_the_form_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "-ish");
    c.handle_event(&ctrl('s'));
    assert!(
        form(&c)
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("cannot read time")
    );
    assert!(on_disk(dir.path()).is_empty());
}

#[test]
fn q_quits_but_asks_first_when_a_form_holds_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "q");
    assert!(!c.app.should_quit, "q in a form is a letter");
    c.handle_event(&ctrl('c'));
    assert!(c.app.modal.confirm_quit);
    c.handle_event(&key(KeyCode::Char('n')));
    assert!(!c.app.should_quit);
    assert_eq!(form(&c).sensation_query.text(), "q");
    c.handle_event(&ctrl('c'));
    c.handle_event(&key(KeyCode::Char('y')));
    assert!(c.app.should_quit);

    let mut plain = fs_controller(dir.path());
    plain.handle_event(&key(KeyCode::Char('q')));
    assert!(plain.app.should_quit);
}

#[test]
fn a_click_selects_the_region_under_the_mouse_and_hover_names_it() {
    let dir = tempfile::tempdir().unwrap();
    for (width, height) in [(80, 24), (160, 50)] {
        let mut c = controller(
            history(),
            Journal::new(FsStore::new(dir.path())),
            width,
            height,
        );
        let target = region("left-ankle-back");
        let (x, y) = cell_of(&c, target);
        c.handle_event(&click(x, y));
        assert_eq!(c.app.body.cursor, target);
        let other = region("right-elbow-front");
        let (x, y) = cell_of(&c, other);
        c.handle_event(&hover(x, y));
        assert!(screen_text(&c.app).contains("(mouse: Elbow (front-right) - f13)"));
        c.handle_event(&click(0, 0));
        assert_eq!(
            c.app.body.cursor, target,
            "a click outside the figures changes nothing"
        );
    }
}

#[test]
fn w_and_s_change_what_the_heat_map_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    let face = region("right-face");
    assert_eq!(
        c.app.journal.tally.get(face).episodes,
        0,
        "a year ago is outside 30 days"
    );
    for _ in 0..2 {
        c.handle_event(&key(KeyCode::Char('w')));
    }
    assert!(screen_text(&c.app).contains("last year"));
    assert_eq!(c.app.journal.tally.get(face).episodes, 1);
    c.handle_event(&key(KeyCode::Char('w')));
    c.handle_event(&key(KeyCode::Char('w')));
    assert!(screen_text(&c.app).contains("last 7 days"));

    c.handle_event(&key(KeyCode::Char('s')));
    type_text(&mut c, "dysesthesia");
    c.handle_event(&key(KeyCode::Enter));
    assert!(screen_text(&c.app).contains("all dysesthesia"));
    // Last 7 days of dysesthesia: only the burning left sole on 8 March.
    assert_eq!(c.app.journal.tally.get(region("left-sole")).episodes, 1);
    assert_eq!(c.app.journal.tally.get(region("right-sole")).episodes, 0);

    c.handle_event(&key(KeyCode::Char('m')));
    assert!(screen_text(&c.app).contains("Days affected, last 7 days"));
}

#[test]
fn number_keys_switch_screens_and_question_mark_opens_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    c.handle_event(&key(KeyCode::Char('4')));
    assert!(screen_text(&c.app).contains("Courses and applications (0)"));
    c.handle_event(&key(KeyCode::Char('2')));
    assert!(screen_text(&c.app).contains("entries, newest first"));
    c.handle_event(&key(KeyCode::Char('1')));
    c.handle_event(&key(KeyCode::Char('?')));
    assert!(screen_text(&c.app).contains("flip between front and back"));
    c.handle_event(&key(KeyCode::Esc));
    assert!(c.app.modal.overlay.is_none());
}

#[test]
fn a_save_into_a_month_that_did_not_parse_is_refused_in_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let march = journal.store().path(sensemap::domain::YearMonth {
        year: 2026,
        month: 3,
    });
    std::fs::create_dir_all(march.parent().unwrap()).unwrap();
    std::fs::write(&march, "(version: 1, entries: [ oops").unwrap();
    let mut c = controller(vec![], journal, 100, 30);
    c.handle_event(&key(KeyCode::Enter));
    type_text(&mut c, "numb");
    c.handle_event(&ctrl('s'));
    let error = form(&c).error.clone().unwrap_or_default();
    assert!(
        error.contains("never rewrites") && error.contains("2026-03.ron:1:"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&march).unwrap(),
        "(version: 1, entries: [ oops"
    );
    assert_eq!(form(&c).sensation_query.text(), "numb");
}

#[test]
fn months_that_could_not_be_read_are_named_on_screen() {
    let mut app = common::app(history(), 100, 30);
    app.journal.problems =
        vec!["2026-01: entries/2026/2026-01.ron:3:7: Expected closing `)`".into()];
    let text = screen_text(&app);
    assert!(
        text.contains("Not shown: 1 unreadable month file(s)"),
        "{text}"
    );
    assert!(text.contains("2026-01.ron:3:7"), "{text}");
}

#[test]
fn v_switches_the_map_style_and_config_ron_remembers_it_with_the_persons_comments() {
    use sensemap::domain::body_map::MapStyle;
    use sensemap::store::config::load_config;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    let mine = "// my own sensations\n(\n    sensations: [],\n)\n";
    std::fs::write(&config, mine).unwrap();
    let mut c = fs_controller(dir.path());
    c.remember_settings_in(config.clone());
    assert_eq!(c.app.body.style, MapStyle::Solid);
    let solid = screen_text(&c.app);
    c.handle_event(&key(KeyCode::Char('v')));
    assert_eq!(c.app.body.style, MapStyle::Outline);
    assert_ne!(screen_text(&c.app), solid, "drawn otherwise at once");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while load_config(&config).unwrap().map_style != MapStyle::Outline {
        assert!(
            std::time::Instant::now() < deadline,
            "config.ron was not updated"
        );
        let _ = c.next(std::time::Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.starts_with("// my own sensations\n(\n    map_style: outline,"),
        "{text}"
    );

    // A config that does not read is left alone, and the person is told.
    let broken = "(\n    sensations: [oops\n";
    std::fs::write(&config, broken).unwrap();
    c.handle_event(&key(KeyCode::Char('v')));
    assert_eq!(c.app.body.style, MapStyle::Solid, "the switch still works");
    let told = c.run_until(std::time::Duration::from_secs(10), |app| {
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Map style not saved"))
    });
    assert!(told, "{:?}", c.app.status);
    let status = c
        .app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("config.ron"), "{status}");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), broken);
}

#[test]
fn slash_understands_everyday_words_typos_and_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = fs_controller(dir.path());
    for (words, expected) in [
        ("rigth hand", "Hand, palm (right) - f25"),
        ("rght palm", "Hand, palm (right) - f25"),
        ("shin", "Lower leg (front-right) - f31"),
        ("thumb", "Hand, back (left) - b27"),
    ] {
        c.handle_event(&key(KeyCode::Char('/')));
        type_text(&mut c, words);
        let text = screen_text(&c.app);
        assert!(text.contains(expected), "{words}: {text}");
        c.handle_event(&key(KeyCode::Esc));
    }
    // "feet" offers both feet first; Enter selects all four to log together.
    c.handle_event(&key(KeyCode::Char('/')));
    type_text(&mut c, "feet");
    assert!(screen_text(&c.app).contains("Both feet (4 regions)"));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(c.app.body.selection.len(), 4);
    assert!(screen_text(&c.app).contains("Selected (4)"));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(form(&c).regions.len(), 4, "the log form covers both feet");
}

#[test]
fn keys_chosen_in_the_config_work_and_show_in_footer_and_help() {
    use sensemap::app::keymap::Keymap;
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(history(), Journal::new(FsStore::new(dir.path())), 120, 40);
    let keys: BTreeMap<String, Vec<String>> = [
        ("flip".to_string(), vec!["F2".to_string()]),
        ("log".to_string(), vec!["Space".to_string()]),
        ("select".to_string(), vec!["x".to_string()]),
    ]
    .into_iter()
    .collect();
    c.app.keymap = std::sync::Arc::new(Keymap::remapped(&keys).unwrap());
    c.app.body.cursor = region("right-palm");
    c.handle_event(&key(KeyCode::F(2)));
    assert_eq!(c.app.body.cursor, region("right-hand-back"));
    c.handle_event(&key(KeyCode::Char('f')));
    assert_eq!(
        c.app.body.cursor,
        region("right-hand-back"),
        "f no longer flips"
    );
    let footer = screen_text(&c.app).lines().last().unwrap().to_string();
    assert!(footer.contains("F2 flip"), "{footer}");
    assert!(
        footer.contains("x select") && footer.contains("Space log"),
        "{footer}"
    );
    c.handle_event(&key(KeyCode::Char('?')));
    assert!(screen_text(&c.app).contains("F2        flip between front and back"));
}
