//! The treatment form, drawn over the treatments screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme::THEME;
use super::{popup, text_field};
use crate::app::{App, TreatmentField, TreatmentForm};

/// Width of the label column.
const LABEL_WIDTH: u16 = 12;

/// What the focused field's text means now, so the person sees it was
/// understood before saving: the treatment found, the time read.
fn reading(
    app: &App,
    form: &TreatmentForm,
    field: TreatmentField,
    width: u16,
) -> Option<Line<'static>> {
    let text = form.text(field);
    if text.is_empty() {
        return None;
    }
    let said = match field {
        TreatmentField::Treatment => match app.treatments.catalogue.lookup(text) {
            Ok(t) => Ok(format!("{} ({})", t.name, t.group.as_str())),
            Err(e) => Err(e.to_string()),
        },
        TreatmentField::When | TreatmentField::Stopped => {
            match app.zone.read(text, app.now, app.date_order) {
                Ok(at) => Ok(at.format("%a %-d %b %Y %H:%M").to_string()),
                Err(e) => Err(e.to_string()),
            }
        }
        TreatmentField::Where => match crate::domain::places::resolve_list(text) {
            Ok(regions) => Ok(crate::domain::places::in_words(&regions)),
            Err(e) => Err(e.to_string()),
        },
        TreatmentField::Dose | TreatmentField::Note => return None,
    };
    // One row each: a long reading is cut, never wrapped over the next field.
    let room = usize::from(width).saturating_sub(2).max(8);
    Some(match said {
        Ok(words) => Line::styled(format!("  → {}", clip(&words, room - 2)), THEME.info),
        Err(why) => Line::styled(format!("  {}", clip(&why, room)), THEME.error),
    })
}

/// `text` in at most `room` columns, with "…" when cut.
fn clip(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Draws the form: a row per field, what the focused one reads as, and the
/// last message.
pub fn render(app: &App, form: &TreatmentForm, area: Rect, buf: &mut Buffer) {
    let height = form.fields.len() as u16 * 2 + 6;
    let rect = popup(area, 72, height, buf);
    let block = Block::bordered().title(format!(" {} ", form.title()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut lines = Vec::new();
    let mut field_rows = Vec::new();
    for (i, (field, _)) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (marker, style) = if focused {
            ("▸", THEME.focus)
        } else {
            (" ", ratatui::style::Style::new())
        };
        field_rows.push(lines.len() as u16);
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(
                format!(
                    "{:<w$}",
                    field.label(form.kind),
                    w = usize::from(LABEL_WIDTH) - 1
                ),
                style,
            ),
        ]));
        lines.push(reading(app, form, *field, inner.width).unwrap_or_default());
    }
    let message = match &form.error {
        Some(error) => Line::styled(error.clone(), THEME.error),
        None => Line::styled(
            "Tab next field · Enter or Ctrl+S saves · Esc cancels",
            THEME.dim,
        ),
    };
    let message_row = lines.len() as u16;
    Paragraph::new(lines).render(inner, buf);
    // The message alone may take several rows at the bottom.
    let below = Rect::new(
        inner.x,
        inner.y + message_row,
        inner.width,
        inner.height.saturating_sub(message_row),
    );
    Paragraph::new(message)
        .wrap(Wrap { trim: false })
        .render(below, buf);
    for ((_, input), row) in form.fields.iter().zip(field_rows) {
        let rect = Rect::new(
            inner.x + LABEL_WIDTH,
            inner.y + row,
            inner.width.saturating_sub(LABEL_WIDTH + 1),
            1,
        );
        if rect.bottom() <= inner.bottom() {
            text_field(input, rect, buf);
        }
    }
}
