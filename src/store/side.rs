//! Reading and writing the files beside the months (treatments, reports):
//! each a versioned RON document behind a comment, written in one step.

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::StoreError;
use super::{Journal, MonthStore, SideFile};

/// A side file's document: it says which format version wrote it.
pub(super) trait Versioned {
    /// The version this build writes and reads.
    const VERSION: u32;
    /// The version the file says it is.
    fn version(&self) -> u32;
}

impl<S: MonthStore> Journal<S> {
    /// The document in `file`, `None` when there is none; a newer format is
    /// refused with what to do.
    pub(super) fn read_side_file<T: DeserializeOwned + Versioned>(
        &self,
        file: SideFile,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.read_side_file_noting(file)?.map(|(doc, _)| doc))
    }

    /// The document in `file` and the names of fields this version does not
    /// know (which a rewrite would drop).
    pub(super) fn read_side_file_noting<T: DeserializeOwned + Versioned>(
        &self,
        file: SideFile,
    ) -> Result<Option<(T, Vec<String>)>, StoreError> {
        let path = self.store().side_path(file);
        let Some(text) = self.store().read_side(file)? else {
            return Ok(None);
        };
        let (noted, unknown) = super::month_file::parse_noting_unknown::<T>(&text);
        let doc: T = match noted {
            Ok(doc) => doc,
            // Parsed again only to say where, with line and column.
            Err(_) => ron::from_str(&text).map_err(|e| StoreError::from_ron(&path, &e))?,
        };
        if doc.version() > T::VERSION {
            return Err(StoreError::Parse {
                path,
                line: 1,
                col: 1,
                message: format!(
                    "written by a newer sensemap (format {}); update sensemap to change it",
                    doc.version()
                ),
            });
        }
        Ok(Some((doc, unknown)))
    }

    /// Refuses to rewrite `file` when it holds fields this version would
    /// drop, saying which.
    pub(super) fn refuse_unknown(
        file_path: std::path::PathBuf,
        unknown: Vec<String>,
    ) -> Result<(), StoreError> {
        if unknown.is_empty() {
            return Ok(());
        }
        Err(StoreError::UnknownFields {
            path: file_path,
            fields: unknown,
        })
    }

    /// Replaces `file` with `doc` under a `// header` line, in one step.
    /// The caller holds the writer lock.
    pub(super) fn write_side_file<T: Serialize>(
        &self,
        file: SideFile,
        header: &str,
        doc: &T,
    ) -> Result<(), StoreError> {
        let body = ron::ser::to_string_pretty(doc, PrettyConfig::new().struct_names(false))
            .map_err(|e| StoreError::Parse {
                path: self.store().side_path(file),
                line: 1,
                col: 1,
                message: e.to_string(),
            })?;
        self.store()
            .write_side(file, &format!("// {header}\n{body}\n"))
    }
}
