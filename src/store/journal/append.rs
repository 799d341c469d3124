//! Saving one new entry, as `log` does: spliced in as the month's last
//! line when a check remembered from the last such save still vouches for
//! the month's file, else read, checked and written in full.

use ulid::ULID_LEN;

use super::super::checked::{MonthCheck, parts_hash};
use super::super::merge::MonthData;
use super::super::month_file::{self, Spliced};
use super::Journal;
use crate::domain::{Entry, YearMonth};
use crate::store::{MonthStore, StoreError};

/// How [`Journal::add_new`] saved its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Spliced in as the month's last line, the rest of the file vouched
    /// for by the check remembered at the last save.
    Spliced,
    /// The month was read and checked in full, and written anew.
    Rewritten,
}

impl<S: MonthStore> Journal<S> {
    /// Saves one new entry under an id no file holds yet, as
    /// [`Journal::add`] does, without reading every entry of its month
    /// again when it can: when the check remembered at the last such save
    /// still vouches for the file (same size, modification time and hash
    /// of its text) and the entry sorts after the month's last one. The
    /// text written is then the very text a full save writes.
    pub fn add_new(&self, entry: Entry) -> Result<Added, StoreError> {
        let _lock = self.store.lock()?;
        let month = entry.month();
        let text = self
            .store
            .read(month)
            .map_err(|reason| StoreError::MonthUnwritable {
                month,
                reason: Box::new(reason),
            })?;
        if let Some(text) = &text
            && let Some(spliced) = self.splice(month, text, &entry)?
        {
            let parts = spliced.parts(text);
            self.store.write_parts(month, &parts)?;
            let check = MonthCheck {
                hash: parts_hash(&parts),
                entries_end: spliced.entries_end(),
                last: entry.sort_key(),
            };
            self.store.note_check(month, &check);
            return Ok(Added::Spliced);
        }
        let mut data = match &text {
            Some(text) => self.writable_text(month, text)?,
            None => MonthData::default(),
        };
        data.put(vec![entry]);
        let text = month_file::encode(month, &data)?;
        self.store.write(month, &text)?;
        if let Some(check) = MonthCheck::of_written(&text, &data) {
            self.store.note_check(month, &check);
        }
        Ok(Added::Rewritten)
    }

    /// `text` (the month's file) with `entry` spliced in as its last line,
    /// when the remembered check vouches for every byte of it, the entry
    /// sorts after its last one and its id is nowhere in it.
    fn splice(
        &self,
        month: YearMonth,
        text: &str,
        entry: &Entry,
    ) -> Result<Option<Spliced>, StoreError> {
        let Some(check) = self.store.recall_check(month) else {
            return Ok(None);
        };
        let mut id = [0; ULID_LEN];
        let id = entry.id.array_to_str(&mut id);
        let id_is_new = memchr::memmem::find(text.as_bytes(), id.as_bytes()).is_none();
        if !id_is_new || entry.sort_key() <= check.last || !check.vouches_for(text) {
            return Ok(None);
        }
        month_file::with_last_entry(month, text, check.entries_end, entry)
    }
}
