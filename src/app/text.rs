//! Text fields: the editing is `ratatui-textarea`'s (cursor moves, words,
//! deleting to the start, scrolling, wrapping); this wrapper keeps the
//! field's text at hand, makes a prefilled value selected so typing
//! replaces it, and keeps single-line fields on one line.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// A text edit that is not a typed character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    /// Ctrl+Left, Alt+B: to the start of the word.
    WordLeft,
    /// Ctrl+Right, Alt+F: past the end of the word.
    WordRight,
    /// Ctrl+A: to the start of the line.
    LineStart,
    /// Ctrl+E: to the end of the line.
    LineEnd,
    /// Ctrl+U: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Ctrl+K: delete from the cursor to the end of the line.
    DeleteToEnd,
    /// Ctrl+W, Ctrl+Backspace: delete the word before the cursor.
    DeleteWord,
}

/// Editable text with a cursor, single- or multi-line.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
    /// The text as one string, kept in step with every edit.
    text: String,
    multiline: bool,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new("")
    }
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.area.cursor() == other.area.cursor()
    }
}

impl Eq for TextField {}

/// Newlines in text for a single-line field become spaces.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

impl TextField {
    /// A single-line field holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextField {
        TextField::build(&one_line(text), false)
    }

    /// A field over several lines that wraps at word boundaries.
    pub fn multiline(text: &str) -> TextField {
        let mut field = TextField::build(&text.replace("\r\n", "\n"), true);
        field.area.set_wrap_mode(WrapMode::WordOrGlyph);
        field
    }

    /// A single-line field holding a value to keep or replace: it is
    /// selected, so the first character typed replaces it.
    pub fn prefilled(text: &str) -> TextField {
        let mut field = TextField::new(text);
        field.select_all();
        field
    }

    fn build(text: &str, multiline: bool) -> TextField {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::new());
        area.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        area.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
        area.set_placeholder_style(Style::new().add_modifier(Modifier::DIM));
        TextField {
            area,
            text: text.to_string(),
            multiline,
        }
    }

    /// Shows `hint` dimmed while the field is empty.
    pub fn with_placeholder(mut self, hint: &str) -> TextField {
        self.area.set_placeholder_text(hint);
        self
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The editor, for drawing.
    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Shows the cursor and the selection, or hides both while another
    /// field has focus (a selected value elsewhere would look focused).
    pub fn show_cursor(&mut self, shown: bool) {
        let style = if shown {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        self.area.set_cursor_style(style);
        self.area.set_selection_style(style);
    }

    /// Selects the whole text, so typing replaces it.
    pub fn select_all(&mut self) {
        if !self.text.is_empty() {
            self.area.select_all();
        }
    }

    /// Whether the whole text is selected to be replaced.
    pub fn is_selected(&self) -> bool {
        self.area.is_selecting()
    }

    /// The cursor's line and column, both from zero.
    pub fn line_and_column(&self) -> (usize, usize) {
        let cursor = self.area.cursor();
        (cursor.0, cursor.1)
    }

    fn sync(&mut self) {
        self.text = self.area.lines().join("\n");
    }

    /// Moves without extending a selection.
    fn go(&mut self, to: CursorMove) {
        self.area.cancel_selection();
        self.area.move_cursor(to);
    }

    /// Inserts a character at the cursor (replacing a selection); a
    /// newline in a single-line field becomes a space.
    pub fn insert(&mut self, ch: char) {
        let ch = if !self.multiline && matches!(ch, '\n' | '\r') {
            ' '
        } else {
            ch
        };
        self.area.insert_char(ch);
        self.sync();
    }

    /// Inserts pasted text as text: a single-line field turns its line
    /// breaks into spaces, a multi-line one keeps them.
    pub fn paste(&mut self, text: &str) {
        let text = if self.multiline {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            one_line(text)
        };
        self.area.insert_str(text);
        self.sync();
    }

    /// Deletes the character before the cursor (or the selection).
    pub fn backspace(&mut self) {
        self.area.delete_char();
        self.sync();
    }

    /// Deletes the character under the cursor (or the selection).
    pub fn delete(&mut self) {
        self.area.delete_next_char();
        self.sync();
    }

    /// Applies an edit that is not a typed character.
    pub fn edit(&mut self, edit: TextEdit) {
        match edit {
            TextEdit::WordLeft => self.go(CursorMove::WordBack),
            TextEdit::WordRight => self.go(CursorMove::WordForward),
            TextEdit::LineStart => self.go(CursorMove::Head),
            TextEdit::LineEnd => self.go(CursorMove::End),
            TextEdit::DeleteToStart => {
                self.area.delete_line_by_head();
            }
            TextEdit::DeleteToEnd => {
                self.area.delete_line_by_end();
            }
            TextEdit::DeleteWord => {
                self.area.delete_word();
            }
        }
        self.sync();
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.go(CursorMove::Back);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.go(CursorMove::Forward);
    }

    /// Moves the cursor to the start of its line.
    pub fn home(&mut self) {
        self.go(CursorMove::Head);
    }

    /// Moves the cursor to the end of its line.
    pub fn end(&mut self) {
        self.go(CursorMove::End);
    }

    /// Moves the cursor to the line above, keeping the column where it can.
    pub fn up(&mut self) {
        self.go(CursorMove::Up);
    }

    /// Moves the cursor to the line below, keeping the column where it can.
    pub fn down(&mut self) {
        self.go(CursorMove::Down);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_any_unicode() {
        let mut f = TextField::new("hä");
        f.insert('ß');
        f.left();
        f.left();
        f.insert('✓');
        assert_eq!(f.text(), "h✓äß");
        f.backspace();
        f.delete();
        assert_eq!(f.text(), "hß");
        assert_eq!(f.line_and_column(), (0, 1));
    }

    #[test]
    fn moves_between_lines_keeping_the_column() {
        let mut f = TextField::multiline("first line\nab\nthird");
        assert_eq!(f.line_and_column(), (2, 5));
        f.up();
        assert_eq!(f.line_and_column(), (1, 2));
        f.up();
        assert_eq!(f.line_and_column(), (0, 2));
        f.end();
        assert_eq!(f.line_and_column(), (0, 10));
        f.down();
        f.home();
        assert_eq!(f.line_and_column(), (1, 0));
    }

    #[test]
    fn a_prefilled_value_is_replaced_by_typing_and_kept_by_moving() {
        let mut f = TextField::prefilled("now");
        for ch in "yesterday 21:00".chars() {
            f.insert(ch);
        }
        assert_eq!(f.text(), "yesterday 21:00");
        let mut kept = TextField::prefilled("2026-03-10 21:00");
        kept.end();
        kept.insert('5');
        assert_eq!(kept.text(), "2026-03-10 21:005");
        let mut erased = TextField::prefilled("heat");
        erased.backspace();
        assert_eq!(erased.text(), "");
    }

    #[test]
    fn line_editing_keys_work_like_a_shell() {
        let mut f = TextField::new("left sole tingling");
        f.edit(TextEdit::DeleteWord);
        assert_eq!(f.text(), "left sole ");
        f.edit(TextEdit::WordLeft);
        assert_eq!(f.line_and_column(), (0, 5));
        f.edit(TextEdit::DeleteToStart);
        assert_eq!(f.text(), "sole ");
        f.edit(TextEdit::LineEnd);
        f.insert('!');
        assert_eq!(f.text(), "sole !");
        f.edit(TextEdit::LineStart);
        f.edit(TextEdit::DeleteToEnd);
        assert_eq!(f.text(), "");
    }

    #[test]
    fn pasted_line_breaks_become_spaces_on_one_line_and_stay_in_a_note() {
        let mut tags = TextField::new("");
        tags.paste("heat\r\nfatigue\nu d q");
        assert_eq!(tags.text(), "heat fatigue u d q");
        tags.insert('\n');
        assert_eq!(tags.text(), "heat fatigue u d q ");
        let mut note = TextField::multiline("Before:");
        note.paste(" first\r\nsecond\rthird");
        assert_eq!(note.text(), "Before: first\nsecond\nthird");
    }
}
