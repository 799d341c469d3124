//! A small text editor for form fields: a string and a cursor.

/// Editable text with a cursor, single- or multi-line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters (not bytes).
    cursor: usize,
}

impl TextField {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Byte offset of the character at `index`.
    fn byte_at(&self, index: usize) -> usize {
        self.text
            .char_indices()
            .nth(index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Inserts a character at the cursor.
    pub fn insert(&mut self, ch: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, ch);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    /// Moves the cursor to the start of its line.
    pub fn home(&mut self) {
        let (line, _) = self.line_and_column();
        self.cursor = self.line_start(line);
    }

    /// Moves the cursor to the end of its line.
    pub fn end(&mut self) {
        let (line, _) = self.line_and_column();
        self.cursor = self.line_start(line) + self.line_len(line);
    }

    /// Moves the cursor to the line above, keeping the column where it can.
    pub fn up(&mut self) {
        let (line, column) = self.line_and_column();
        if line > 0 {
            self.cursor = self.line_start(line - 1) + column.min(self.line_len(line - 1));
        }
    }

    /// Moves the cursor to the line below, keeping the column where it can.
    pub fn down(&mut self) {
        let (line, column) = self.line_and_column();
        if line + 1 < self.line_count() {
            self.cursor = self.line_start(line + 1) + column.min(self.line_len(line + 1));
        }
    }

    /// The cursor's line and column, both from zero.
    pub fn line_and_column(&self) -> (usize, usize) {
        let before: Vec<char> = self.text.chars().take(self.cursor).collect();
        let line = before.iter().filter(|c| **c == '\n').count();
        let column = before.iter().rev().take_while(|c| **c != '\n').count();
        (line, column)
    }

    fn line_count(&self) -> usize {
        self.text.split('\n').count()
    }

    fn line_len(&self, line: usize) -> usize {
        self.text
            .split('\n')
            .nth(line)
            .map_or(0, |l| l.chars().count())
    }

    fn line_start(&self, line: usize) -> usize {
        self.text
            .split('\n')
            .take(line)
            .map(|l| l.chars().count() + 1)
            .sum()
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
        assert_eq!(f.cursor(), 1);
    }

    #[test]
    fn moves_between_lines_keeping_the_column() {
        let mut f = TextField::new("first line\nab\nthird");
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
        f.down();
        f.down();
        assert_eq!(f.line_and_column(), (2, 0));
    }
}
