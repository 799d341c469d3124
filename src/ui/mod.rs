//! Rendering: pure functions of `&App`. No I/O, no state changes.

mod body_map;
mod charts;
mod chrome;
pub mod figure;
mod form;
pub mod map_export;
mod overlays;
pub mod report;
pub mod theme;
mod timeline;
mod treatment_form;
mod treatments;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use crate::app::layout::{self, minimum_size};
use crate::app::text::TextField;
use crate::app::{App, Overlay, Screen};
use theme::THEME;

impl Widget for &App {
    /// Draws the whole screen: header, the current screen, status, footer,
    /// then whatever is open over it.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (min_w, min_h) = minimum_size();
        if area.width < min_w || area.height < min_h {
            too_small(area, buf, (min_w, min_h));
            theme::finish(theme::Paint::of(self), area, buf);
            return;
        }
        let areas = layout::screen(area);
        chrome::header(self, areas.header, buf);
        let picking = matches!(self.modal.overlay, Some(Overlay::PickWhere(_)));
        match self.screen {
            _ if picking => body_map::render(self, areas.body, buf),
            Screen::BodyMap => body_map::render(self, areas.body, buf),
            Screen::Timeline => timeline::render(self, areas.body, buf),
            Screen::Charts => charts::render(self, areas.body, buf),
            Screen::Treatments => treatments::render(self, areas.body, buf),
        }
        chrome::status(self, areas.status, buf);
        chrome::footer(self, areas.footer, buf);
        match &self.modal.overlay {
            Some(Overlay::Help) => overlays::help(self, area, buf),
            Some(Overlay::PickWhere(_)) => {}
            Some(Overlay::Picker(picker)) => overlays::picker(self, picker, area, buf),
            Some(Overlay::Prompt(prompt)) => overlays::prompt(prompt, area, buf),
            Some(Overlay::ConfirmDelete(entry)) => {
                let question = format!(
                    "Delete the {} entry of {}?",
                    self.journal
                        .sensations
                        .name_of(&entry.sensation)
                        .to_lowercase(),
                    entry.at.format("%a %-d %b %H:%M")
                );
                overlays::confirm(&question, area, buf);
            }
            Some(Overlay::TreatmentForm(f)) => {
                treatment_form::render(self, f, area, buf);
                if f.confirm_discard {
                    overlays::confirm("Throw away what you typed?", area, buf);
                }
            }
            Some(Overlay::ConfirmDeleteTreatment(record)) => {
                let what = match record {
                    crate::domain::treatment::TreatmentRecord::Course(c) => format!(
                        "the course of {} from {}",
                        self.treatments.name_of(&c.treatment),
                        c.start.format("%-d %b %Y")
                    ),
                    crate::domain::treatment::TreatmentRecord::Application(a) => format!(
                        "the {} applied {}",
                        self.treatments.name_of(&a.treatment),
                        a.at.format("%-d %b %Y %H:%M")
                    ),
                };
                overlays::confirm(&format!("Delete {what}?"), area, buf);
            }
            Some(Overlay::Form(f)) => {
                form::render(self, f, area, buf);
                if f.confirm_discard {
                    overlays::confirm("Throw away what you typed?", area, buf);
                }
            }
            None => {}
        }
        if self.modal.confirm_quit {
            overlays::confirm("Quit and lose what you typed?", area, buf);
        }
        theme::finish(theme::Paint::of(self), area, buf);
    }
}

/// Draws a text field's editor into `area`: one row that scrolls sideways
/// to keep the cursor in view, or (for the note) several rows that wrap.
pub(crate) fn text_field(field: &TextField, area: Rect, buf: &mut Buffer) {
    field.area().render(area, buf);
}

/// A centred box of the given size inside `area`, cleared.
pub(crate) fn popup(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    Clear.render(rect, buf);
    rect
}

/// Lines centred in `area`, both ways.
fn centred(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    // Rows once wrapped: a narrow terminal needs more than one per line.
    let width = usize::from(area.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let [middle] = Layout::vertical([Constraint::Length(rows as u16)])
        .flex(Flex::Center)
        .areas(area);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}

/// Said instead of a broken picture when the terminal is too small.
fn too_small(area: Rect, buf: &mut Buffer, (min_w, min_h): (u16, u16)) {
    let lines = vec![
        Line::styled("Terminal too small", THEME.title),
        Line::from(format!(
            "It is {}x{}; sensemap needs at least {min_w}x{min_h}.",
            area.width, area.height
        )),
        Line::from("Enlarge the window or make the font smaller. q quits."),
    ];
    centred(lines, area, buf);
}
