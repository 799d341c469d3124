//! The timeline: what it shows, scrolling, filtering, jumping, editing,
//! deleting and undoing, through keys and against the files on disk.

mod common;

use common::{app, controller, ctrl, entry, history, key, region, screen_text, type_text};
use ratatui::crossterm::event::KeyCode;
use sensemap::app::{Action, Screen};
use sensemap::domain::{Entry, YearMonth};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal, MonthStore};

/// The history with a note and tags, saved to disk so edits can be checked there.
fn saved_history(dir: &std::path::Path) -> (Vec<Entry>, Journal<FsStore>) {
    let mut entries = history();
    let newest = entries.last_mut().unwrap();
    newest.note = Some("after a hot shower\nsecond line".into());
    newest.tags = vec!["heat".into()];
    let journal = Journal::new(FsStore::new(dir));
    journal.add_many(entries.clone()).unwrap();
    (entries, journal)
}

fn on_timeline(dir: &std::path::Path, width: u16, height: u16) -> Runtime {
    let (entries, journal) = saved_history(dir);
    let mut c = controller(entries, journal, width, height);
    c.handle_event(&key(KeyCode::Char('2')));
    c
}

fn on_disk(dir: &std::path::Path) -> Vec<Entry> {
    Journal::new(FsStore::new(dir)).load_all().unwrap().entries
}

fn selected(c: &Runtime) -> Entry {
    c.app.timeline_entry().unwrap().clone()
}

#[test]
fn timeline_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let c = on_timeline(dir.path(), 80, 24);
    insta::assert_snapshot!(screen_text(&c.app));
}

#[test]
fn timeline_at_160x50() {
    let dir = tempfile::tempdir().unwrap();
    let c = on_timeline(dir.path(), 160, 50);
    insta::assert_snapshot!(screen_text(&c.app));
}

#[test]
fn newest_first_under_day_headers_with_both_sides_named() {
    let dir = tempfile::tempdir().unwrap();
    let c = on_timeline(dir.path(), 100, 30);
    let text = screen_text(&c.app);
    let tuesday = text.find("Tuesday 10 March 2026").unwrap();
    let monday = text.find("Monday 9 March 2026").unwrap();
    assert!(tuesday < monday, "newest first");
    assert!(text.contains("21:00  L+R sole"), "{text}");
    // Logged at 08:00 in summer time (UTC+2): shown as logged, on its own day.
    assert!(
        text.contains("Sunday 1 June 2025") && text.contains("08:00  R face"),
        "{text}"
    );
    assert!(
        text.contains("after a hot shower") && !text.contains("second line"),
        "first line of the note"
    );
    assert!(text.contains("#heat"));
    assert!(
        text.contains("▶ Foot, sole (left) - b37; Foot, sole (right) - b38"),
        "status spells out the regions"
    );
}

#[test]
fn the_highlighted_row_is_reversed_and_stays_on_screen_while_scrolling() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    let total = c.app.timeline.rows.len();
    for _ in 0..total + 3 {
        c.handle_event(&key(KeyCode::Char('j')));
    }
    assert_eq!(c.app.timeline.selected, total - 1, "stops at the oldest");
    assert_eq!(selected(&c).day().to_string(), "2025-06-01");
    let terminal = common::draw(&c.app);
    let buffer = terminal.backend().buffer();
    let reversed_rows = (1..22)
        .filter(|&y| common::reversed(&buffer[(4, y)]))
        .count();
    assert_eq!(reversed_rows, 1, "exactly the highlighted row, on screen");
    assert!(screen_text(&c.app).contains("Sunday 1 June 2025"));
    c.handle_event(&key(KeyCode::Home));
    assert_eq!(c.app.timeline.selected, 0);
    c.handle_event(&key(KeyCode::PageDown));
    assert!(c.app.timeline.selected > 1);
    c.handle_event(&key(KeyCode::End));
    assert_eq!(c.app.timeline.selected, total - 1);
    c.handle_event(&key(KeyCode::Char('k')));
    assert_eq!(c.app.timeline.selected, total - 2);
}

#[test]
fn slash_filters_by_any_field_and_esc_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    let all = c.app.timeline.rows.len();
    for (words, expected) in [
        ("shower", 1),
        ("dysesthesia", 3),
        ("palm", 2),
        ("heat", 1),
        ("right sole", 2),
    ] {
        c.handle_event(&key(KeyCode::Char('/')));
        for _ in 0..20 {
            c.handle_event(&key(KeyCode::Backspace));
        }
        type_text(&mut c, words);
        c.handle_event(&key(KeyCode::Enter));
        assert_eq!(c.app.timeline.rows.len(), expected, "'{words}'");
        assert!(screen_text(&c.app).contains(&format!("matching '{words}'")));
    }
    c.handle_event(&key(KeyCode::Esc));
    assert_eq!(c.app.timeline.rows.len(), all);
}

#[test]
fn t_on_the_body_map_opens_the_timeline_of_that_region() {
    let dir = tempfile::tempdir().unwrap();
    let (entries, journal) = saved_history(dir.path());
    let mut c = controller(entries, journal, 80, 24);
    c.app.body.cursor = region("right-palm");
    c.handle_event(&key(KeyCode::Char('t')));
    assert_eq!(c.app.screen, Screen::Timeline);
    assert_eq!(c.app.timeline.rows.len(), 2);
    assert!(screen_text(&c.app).contains("in Hand, palm (right) - f25"));
}

#[test]
fn g_jumps_to_the_newest_entry_on_or_before_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    c.handle_event(&key(KeyCode::Char('g')));
    type_text(&mut c, "2026-02-21");
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(selected(&c).day().to_string(), "2026-02-20");
    c.handle_event(&key(KeyCode::Char('g')));
    type_text(&mut c, "2026-03-08");
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(
        selected(&c).day().to_string(),
        "2026-03-08",
        "a date shows that day's entries"
    );
    c.handle_event(&key(KeyCode::Char('g')));
    type_text(&mut c, "whenever");
    c.handle_event(&key(KeyCode::Enter));
    let text = screen_text(&c.app);
    assert!(
        text.contains("cannot read time"),
        "the prompt stays with the reason: {text}"
    );
    c.handle_event(&key(KeyCode::Esc));
    assert!(c.app.modal.overlay.is_none());
}

#[test]
fn enter_edits_every_field_and_saves_to_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    let before = selected(&c);
    c.handle_event(&key(KeyCode::Enter));
    assert!(screen_text(&c.app).contains("Edit the entry"));
    // Where: add the right palm to both soles. The prefilled value is
    // selected, so End keeps it and moves past it.
    c.handle_event(&key(KeyCode::End));
    type_text(&mut c, ", f25");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "burn");
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "7");
    c.handle_event(&ctrl('s'));

    assert!(c.app.modal.overlay.is_none(), "closed after saving");
    let after = on_disk(dir.path())
        .into_iter()
        .find(|e| e.id == before.id)
        .unwrap();
    assert_eq!(after.sensation.as_str(), "burning");
    assert_eq!(after.intensity.value(), 7);
    assert_eq!(after.regions.ids().len(), 3);
    assert_eq!(
        after.at, before.at,
        "an untouched time keeps its exact value"
    );
    assert_eq!(after.note, before.note);
    assert_eq!(after.created, before.created);
    assert!(after.updated > before.updated);
    assert_eq!(
        c.app.journal.tally.get(region("right-palm")).episodes,
        3,
        "the heat-map counts the edit"
    );
}

#[test]
fn an_edit_to_another_month_moves_the_entry_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    let before = selected(&c);
    c.handle_event(&key(KeyCode::Enter));
    for _ in 0..3 {
        c.handle_event(&key(KeyCode::Tab));
    }
    for _ in 0..30 {
        c.handle_event(&key(KeyCode::Backspace));
    }
    type_text(&mut c, "2026-02-27 21:00");
    c.handle_event(&key(KeyCode::Enter));
    let journal = Journal::new(FsStore::new(dir.path()));
    let feb = std::fs::read_to_string(journal.store().path(YearMonth {
        year: 2026,
        month: 2,
    }))
    .unwrap();
    let mar = std::fs::read_to_string(journal.store().path(YearMonth {
        year: 2026,
        month: 3,
    }))
    .unwrap();
    let id = before.id.to_string();
    assert!(feb.contains(&id));
    // March keeps only a note that its version was replaced.
    assert!(
        mar.split("deleted:")
            .nth(1)
            .is_some_and(|d| d.contains(&id)),
        "{mar}"
    );
    let march_entries = journal
        .month_content(YearMonth {
            year: 2026,
            month: 3,
        })
        .unwrap();
    assert!(march_entries.iter().all(|e| e.id != before.id));
    assert_eq!(
        on_disk(dir.path())
            .iter()
            .filter(|e| e.id == before.id)
            .count(),
        1
    );
}

#[test]
fn d_deletes_after_asking_and_u_undoes_deletes_and_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 80, 24);
    let count = on_disk(dir.path()).len();
    let doomed = selected(&c);
    c.handle_event(&key(KeyCode::Char('d')));
    assert!(screen_text(&c.app).contains("Delete the tingling entry of Tue 10 Mar 21:00?"));
    c.handle_event(&key(KeyCode::Char('n')));
    assert_eq!(on_disk(dir.path()).len(), count, "n keeps it");
    c.handle_event(&key(KeyCode::Char('d')));
    c.handle_event(&key(KeyCode::Char('y')));
    assert_eq!(on_disk(dir.path()).len(), count - 1);
    assert!(!c.app.journal.entries.iter().any(|e| e.id == doomed.id));

    c.handle_event(&key(KeyCode::End));
    c.handle_event(&key(KeyCode::Char('u')));
    // The very entry is back, stamped as changed now so that it wins any
    // merge by `updated` with a copy that still lacks it.
    let back = on_disk(dir.path())
        .into_iter()
        .find(|e| e.id == doomed.id)
        .expect("the entry is back");
    assert_eq!(back.updated, common::now());
    assert_eq!(
        sensemap::domain::Entry {
            updated: doomed.updated,
            ..back
        },
        doomed
    );
    assert_eq!(c.app.journal.entries.len(), count);
    assert_eq!(selected(&c).id, doomed.id, "and highlighted again");

    // Edit the intensity, then undo it.
    let original = selected(&c);
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "9");
    c.handle_event(&key(KeyCode::Enter));
    let edited = on_disk(dir.path())
        .into_iter()
        .find(|e| e.id == original.id)
        .unwrap();
    assert_eq!(edited.intensity.value(), 9);
    c.handle_event(&key(KeyCode::Char('u')));
    let restored = on_disk(dir.path())
        .into_iter()
        .find(|e| e.id == original.id)
        .unwrap();
    assert_eq!(restored.intensity, original.intensity);
    assert_eq!(restored.regions, original.regions);
    c.handle_event(&key(KeyCode::Char('u')));
    assert!(screen_text(&c.app).contains("Nothing to undo"));
}

#[test]
fn an_entry_whose_type_left_the_config_keeps_it_when_edited() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(FsStore::new(dir.path()));
    let old = entry("2026-03-10T21:00:00+01:00", &["left-sole"], "old-custom", 4);
    journal.add(old.clone()).unwrap();
    let mut c = controller(vec![old.clone()], journal, 80, 24);
    c.handle_event(&key(KeyCode::Char('2')));
    c.handle_event(&key(KeyCode::Enter));
    assert!(screen_text(&c.app).contains("old-custom (no longer in your config)"));
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&key(KeyCode::Tab));
    type_text(&mut c, "6");
    c.handle_event(&key(KeyCode::Enter));
    let saved = &on_disk(dir.path())[0];
    assert_eq!(saved.sensation.as_str(), "old-custom");
    assert_eq!(saved.intensity.value(), 6);
}

#[test]
fn an_empty_or_unmatched_timeline_says_what_to_do() {
    let mut a = app(vec![], 80, 24);
    a.update(Action::ShowScreen(Screen::Timeline));
    assert!(screen_text(&a).contains("No entries yet"));
    let mut b = app(history(), 80, 24);
    b.open_timeline_for(region("left-knee-back"));
    assert!(screen_text(&b).contains("Nothing matches the filter"));
    assert!(b.modal.overlay.is_none());
}

#[test]
fn a_smaller_terminal_keeps_the_highlighted_entry_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let entries: Vec<Entry> = (1..=28)
        .map(|day| {
            entry(
                &format!("2026-02-{day:02}T08:00:00+01:00"),
                &["f25"],
                "tingling",
                3,
            )
        })
        .collect();
    let mut c = controller(entries, Journal::new(FsStore::new(dir.path())), 100, 50);
    c.handle_event(&key(KeyCode::Char('2')));
    for _ in 0..20 {
        c.handle_event(&key(KeyCode::Down));
    }
    assert_eq!(c.app.timeline.offset, 0, "42 lines fit in 50 rows");
    c.handle_event(&ratatui::crossterm::event::Event::Resize(80, 24));
    let shown = c
        .app
        .timeline
        .fit(c.app.timeline.offset, c.app.timeline_height());
    let t = &c.app.timeline;
    assert!(t.offset > 0, "scrolled");
    assert!(
        t.selected >= t.offset && t.selected < t.offset + shown,
        "{} in {}..{}",
        t.selected,
        t.offset,
        t.offset + shown
    );
    let text = screen_text(&c.app);
    assert!(
        text.contains("Sunday 8 February 2026"),
        "the 21st row, 8 February, is on screen: {text}"
    );
}

#[test]
fn sensations_are_coloured_by_class_and_plain_without_colour() {
    use ratatui::style::Color;
    use sensemap::app::ColorMode;
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 100, 30);
    let fg_of = |c: &Runtime, word: &str| {
        let terminal = common::draw(&c.app);
        let buffer = terminal.backend().buffer();
        let text = screen_text(&c.app);
        let (y, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(word))
            .unwrap();
        let x = line[..line.find(word).unwrap()].chars().count() as u16;
        buffer[(x, y as u16)].fg
    };
    let palette = sensemap::app::Palette::DARK;
    assert_eq!(
        fg_of(&c, "Burning"),
        common::dark(palette.dysesthesia),
        "dysesthesia"
    );
    assert_eq!(
        fg_of(&c, "Numbness"),
        common::dark(palette.paresthesia),
        "paresthesia"
    );
    c.app.color = ColorMode::NoColor;
    assert_eq!(fg_of(&c, "Burning"), Color::Reset);
}

#[test]
fn the_edit_forms_where_can_be_picked_on_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = on_timeline(dir.path(), 100, 30);
    let before = selected(&c);
    c.handle_event(&key(KeyCode::Enter));
    c.handle_event(&key(KeyCode::F(2)));
    let text = screen_text(&c.app);
    assert!(
        text.contains("FRONT") && text.contains("BACK"),
        "the map shows: {text}"
    );
    assert!(text.contains("Enter use these"), "{text}");
    // The entry's regions are selected; add the right palm.
    assert_eq!(
        c.app.body.selection.iter().copied().collect::<Vec<_>>(),
        before.regions.ids().collect::<Vec<_>>()
    );
    c.app.body.cursor = region("right-palm");
    c.handle_event(&key(KeyCode::Char(' ')));
    c.handle_event(&key(KeyCode::Enter));
    let text = screen_text(&c.app);
    assert!(text.contains("Edit the entry"), "back in the form: {text}");
    let where_text = c.app.form().unwrap().regions_text.text().to_string();
    assert!(
        where_text.contains("Hand, palm (right) - f25"),
        "readable names: {where_text}"
    );
    assert!(
        c.app.body.selection.is_empty(),
        "the map's own selection is back"
    );
    c.handle_event(&ctrl('s'));
    let after = on_disk(dir.path())
        .into_iter()
        .find(|e| e.id == before.id)
        .unwrap();
    assert_eq!(after.regions.ids().len(), before.regions.ids().len() + 1);
    assert!(after.regions.contains(region("right-palm")));
}
