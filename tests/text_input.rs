//! Typing and pasting as a person with clumsy fingers would: pastes are
//! text and never commands, prefilled values are replaced by typing, and
//! the shell's line-editing keys work in every field.

mod common;

use common::{controller, ctrl, history, key, region, screen_text, type_text};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use sensemap::app::Overlay;
use sensemap::app::form::{Field, LogForm};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal};

fn open_form(dir: &std::path::Path) -> Runtime {
    let mut c = controller(history(), Journal::new(FsStore::new(dir)), 80, 24);
    c.app.body.cursor = region("left-sole");
    c.handle_event(&key(KeyCode::Enter));
    c
}

fn form(c: &Runtime) -> &LogForm {
    match &c.app.modal.overlay {
        Some(Overlay::Form(form)) => form,
        other => panic!("expected the log form, found {other:?}"),
    }
}

fn focus(c: &mut Runtime, field: Field) {
    while form(c).field != field {
        c.handle_event(&key(KeyCode::Tab));
    }
}

fn paste(text: &str) -> Event {
    Event::Paste(text.to_string())
}

fn entries_on_disk(dir: &std::path::Path) -> usize {
    Journal::new(FsStore::new(dir))
        .load_all()
        .unwrap()
        .entries
        .len()
}

#[test]
fn a_paste_into_tags_stays_text_even_with_line_breaks_and_command_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    let before = entries_on_disk(dir.path());
    focus(&mut c, Field::Tags);
    c.handle_event(&paste("heat\nfatigue\nt w 2 u d q\r\n"));
    assert_eq!(form(&c).tags.text(), "heat fatigue t w 2 u d q ");
    assert!(!c.app.should_quit, "a q in a paste does not quit");
    assert_eq!(
        entries_on_disk(dir.path()),
        before,
        "a line break does not save"
    );
    assert!(matches!(c.app.modal.overlay, Some(Overlay::Form(_))));
}

#[test]
fn a_paste_into_the_note_keeps_its_lines_and_saves_only_on_ctrl_s() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Note);
    let footer = screen_text(&c.app).lines().last().unwrap().to_string();
    assert!(footer.contains("Enter new line"), "{footer}");
    c.handle_event(&paste("Started after the shower.\r\nWorse at night.\nq"));
    assert_eq!(
        form(&c).note.text(),
        "Started after the shower.\nWorse at night.\nq"
    );
    c.handle_event(&ctrl('s'));
    let saved = Journal::new(FsStore::new(dir.path()))
        .load_all()
        .unwrap()
        .entries;
    assert!(
        saved
            .iter()
            .any(|e| e.note.as_deref() == Some("Started after the shower.\nWorse at night.\nq"))
    );
}

#[test]
fn a_paste_outside_a_field_is_ignored_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(history(), Journal::new(FsStore::new(dir.path())), 80, 24);
    let cursor = c.app.body.cursor;
    c.handle_event(&paste("u\nq\nd"));
    assert_eq!(c.app.body.cursor, cursor);
    assert!(!c.app.should_quit);
    assert!(c.app.modal.overlay.is_none());
    assert!(screen_text(&c.app).contains("Paste goes into a form's field"));
}

#[test]
fn typing_in_when_replaces_its_default_and_an_edit_replaces_the_old_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Time);
    assert!(
        screen_text(&c.app).contains("now"),
        "now is the placeholder"
    );
    type_text(&mut c, "yesterday 21:00");
    assert_eq!(form(&c).time.text(), "yesterday 21:00");
    assert!(
        screen_text(&c.app).contains("= Tue 10 Mar 2026 21:00"),
        "{}",
        screen_text(&c.app)
    );
    // Tab away and back: the value is selected, typing replaces it.
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&common::shift_tab());
    type_text(&mut c, "2h ago");
    assert_eq!(form(&c).time.text(), "2h ago");
    // An arrow keeps it and moves.
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&common::shift_tab());
    c.handle_event(&key(KeyCode::End));
    type_text(&mut c, "!");
    assert_eq!(form(&c).time.text(), "2h ago!");
}

#[test]
fn ctrl_u_w_a_e_and_word_moves_edit_like_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Tags);
    type_text(&mut c, "heat fatigue stress");
    c.handle_event(&ctrl('w'));
    assert_eq!(form(&c).tags.text(), "heat fatigue ");
    c.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Left,
        KeyModifiers::CONTROL,
    )));
    c.handle_event(&ctrl('u'));
    assert_eq!(form(&c).tags.text(), "fatigue ");
    c.handle_event(&ctrl('e'));
    type_text(&mut c, "cold");
    c.handle_event(&ctrl('a'));
    type_text(&mut c, "#");
    assert_eq!(form(&c).tags.text(), "#fatigue cold");
    // The same keys in the timeline's filter and the region search.
    c.handle_event(&key(KeyCode::Esc));
    c.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Char('y'),
        KeyModifiers::NONE,
    )));
    c.handle_event(&key(KeyCode::Char('/')));
    type_text(&mut c, "left sole");
    c.handle_event(&ctrl('u'));
    match &c.app.modal.overlay {
        Some(Overlay::Picker(picker)) => assert_eq!(picker.query.text(), ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_note_scrolls_and_the_cursor_stays_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Note);
    let long = "word ".repeat(200);
    c.handle_event(&paste(&long));
    type_text(&mut c, "END");
    let text = screen_text(&c.app);
    assert!(
        text.contains("END"),
        "the end of a long note is in view: {text}"
    );
    // A long one-line value scrolls too.
    focus(&mut c, Field::Tags);
    c.handle_event(&paste(&"tag ".repeat(40)));
    type_text(&mut c, "LAST");
    assert!(screen_text(&c.app).contains("LAST"));
}

#[test]
fn when_reads_everyday_words_and_refuses_the_future_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Time);
    type_text(&mut c, "yesterday evening");
    assert!(screen_text(&c.app).contains("= Tue 10 Mar 2026 19:00"));
    c.handle_event(&ctrl('u'));
    type_text(&mut c, "2026-03-13 10:00");
    let text = screen_text(&c.app);
    assert!(text.contains("? still ahead"), "{text}");
    assert!(
        text.contains("When: '2026-03-13 10:00' is Fri 13 Mar 2026 10:00, still ahead"),
        "the whole reason shows: {text}"
    );
    c.handle_event(&ctrl('u'));
    type_text(&mut c, "in 2 hours");
    assert!(
        screen_text(&c.app).contains("still ahead"),
        "not read as 2 hours ago"
    );
    c.handle_event(&ctrl('u'));
    type_text(&mut c, "300000 years ago");
    let text = screen_text(&c.app);
    assert!(text.contains("too far back"), "{text}");
    assert!(
        matches!(c.app.modal.overlay, Some(Overlay::Form(_))),
        "the form is kept"
    );
}

#[test]
fn typing_a_decimal_intensity_is_refused_not_read_as_its_last_digit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_form(dir.path());
    focus(&mut c, Field::Intensity);
    type_text(&mut c, "7.5");
    assert_eq!(form(&c).intensity, 7, "7.5 is not 5");
    let text = screen_text(&c.app);
    assert!(
        text.contains("whole number on the 0-10 scale, no decimals: kept 7"),
        "{text}"
    );
    type_text(&mut c, "6");
    assert_eq!(form(&c).intensity, 6, "the next digit sets it again");
    type_text(&mut c, "x");
    assert!(screen_text(&c.app).contains("not 'x'"));
    // Leaving and coming back starts afresh.
    c.handle_event(&key(KeyCode::Tab));
    c.handle_event(&common::shift_tab());
    type_text(&mut c, "4");
    assert_eq!(form(&c).intensity, 4);
    // A pasted intensity must be one whole number too.
    c.handle_event(&paste("7.5"));
    assert_eq!(form(&c).intensity, 4);
    c.handle_event(&paste("9"));
    assert_eq!(form(&c).intensity, 9);
}

/// The cells of the first place `text` is drawn, left to right.
fn cells_of(c: &Runtime, text: &str) -> Vec<ratatui::buffer::Cell> {
    let terminal = common::draw(&c.app);
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let rows: Vec<String> = buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect())
        .collect();
    for (y, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return buffer.content[y * width + x..][..text.chars().count()].to_vec();
        }
    }
    panic!("{text:?} is not on the screen:\n{}", rows.join("\n"));
}

#[test]
fn a_selected_value_shows_as_selected_only_while_its_field_has_focus() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = controller(history(), Journal::new(FsStore::new(dir.path())), 80, 24);
    c.handle_event(&key(KeyCode::Char('2')));
    c.handle_event(&key(KeyCode::Enter));
    assert_eq!(form(&c).field, Field::Where, "editing starts at where");
    let when = form(&c).time.text().to_string();
    assert!(
        !cells_of(&c, &when).iter().any(common::reversed),
        "the time is not highlighted while where has focus"
    );
    focus(&mut c, Field::Time);
    assert!(
        cells_of(&c, &when).iter().all(common::reversed),
        "focused, the whole time is selected to be replaced"
    );
}
