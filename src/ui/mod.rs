//! Rendering: pure functions of `&App`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::App;

impl Widget for &App {
    /// Draws the whole screen.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [body, footer] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let mut lines = vec![
            Line::from(format!("{} entries loaded.", self.entries.len())),
            Line::from(
                "The body map arrives with the next release; use the command line meanwhile.",
            ),
        ];
        lines.extend(
            self.problems
                .iter()
                .map(|p| Line::from(format!("Not read: {p}"))),
        );
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" sensemap "))
            .render(body, buf);
        Line::from(" q quit").render(footer, buf);
    }
}
