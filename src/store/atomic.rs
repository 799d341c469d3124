//! The one way sensemap replaces a file, step by step, and the folders it
//! saves into. Tests can make any step fail (see [`Fault`]).

use std::fs::{self, DirBuilder, File};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::strays::{TEMP_PREFIX, TEMP_SUFFIX};

/// The steps of an atomic save, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Creating the private temporary file beside the target.
    CreateTemp,
    /// Writing the new text into it.
    Write,
    /// Syncing it to the disk.
    SyncFile,
    /// Renaming it over the target.
    Rename,
    /// Syncing the folder, so the rename survives a crash.
    SyncFolder,
}

impl SaveStep {
    /// Every step, in order.
    pub const ALL: [SaveStep; 5] = [
        SaveStep::CreateTemp,
        SaveStep::Write,
        SaveStep::SyncFile,
        SaveStep::Rename,
        SaveStep::SyncFolder,
    ];
}

/// An operating-system error to raise at one step of every save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// Where the save fails.
    pub step: SaveStep,
    /// The `errno` it fails with (28 is a full disk, 5 an I/O error).
    pub errno: i32,
}

impl Fault {
    fn at(fault: Option<Fault>, step: SaveStep) -> std::io::Result<()> {
        match fault {
            Some(f) if f.step == step => Err(std::io::Error::from_raw_os_error(f.errno)),
            _ => Ok(()),
        }
    }
}

/// The one way sensemap replaces a file: the new text goes to a private
/// temporary file beside it, is synced, renamed over the old one, and the
/// directory is synced, so a crash leaves either the old file or the new.
/// The folder must exist: a mistyped path is an error, not a new folder.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), StoreError> {
    write_atomically_failing(path, &[text], None)
}

/// [`write_atomically`] for text made as it is written: `fill` writes it
/// into the temporary file (buffered), so that a large export never has
/// to be held in memory whole.
pub fn write_atomically_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    write_streamed_failing(path, fill, None)
}

/// [`write_atomically`] of `parts` one after the other, failing at
/// `fault`'s step if one is given. Any
/// failure before the rename removes the temporary file (it is dropped).
pub(super) fn write_atomically_failing(
    path: &Path,
    parts: &[&str],
    fault: Option<Fault>,
) -> Result<(), StoreError> {
    write_streamed_failing(
        path,
        |out| {
            parts
                .iter()
                .try_for_each(|part| out.write_all(part.as_bytes()))
        },
        fault,
    )
}

/// The atomic save, with the text written by `fill`.
fn write_streamed_failing(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    fault: Option<Fault>,
) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(&dir)
        .and_then(|temp| Fault::at(fault, SaveStep::CreateTemp).map(|()| temp))
        .map_err(StoreError::io("create a temporary file in", &dir))?;
    Fault::at(fault, SaveStep::Write)
        .and_then(|()| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
            fill(&mut out)?;
            out.flush()
        })
        .and_then(|()| Fault::at(fault, SaveStep::SyncFile))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(StoreError::io("write", path))?;
    if let Err(e) = Fault::at(fault, SaveStep::Rename) {
        return Err(StoreError::io("replace", path)(e));
    }
    temp.persist(path)
        .map_err(|e| StoreError::io("replace", path)(e.error))?;
    Fault::at(fault, SaveStep::SyncFolder)
        .and_then(|()| File::open(&dir))
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io("sync directory", &dir))
}

/// Creates `dir` and its parents, private to the user. Each folder it
/// creates is synced into its parent, so that after a crash a file saved in
/// a new year's folder is not lost with the folder's own entry.
pub fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let missing = missing_folders(dir);
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(StoreError::io("create directory", dir))?;
    for created in missing.iter().rev() {
        if let Some(parent) = created.parent().filter(|p| !p.as_os_str().is_empty()) {
            File::open(parent)
                .and_then(|d| d.sync_all())
                .map_err(StoreError::io("sync directory", parent))?;
        }
    }
    Ok(())
}

/// `dir` and those of its parents that do not exist yet, deepest first.
pub(super) fn missing_folders(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// A file's text, without the byte-order mark some editors put first;
/// `None` when there is no file.
pub fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("read", path)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_a_save_creates_are_known_so_each_can_be_synced() {
        let dir = tempfile::tempdir().unwrap();
        let year = dir.path().join("entries").join("2031");
        assert_eq!(
            missing_folders(&year),
            [year.clone(), dir.path().join("entries")]
        );
        create_private_dir(&year).unwrap();
        assert!(year.is_dir());
        assert!(missing_folders(&year).is_empty());
    }
}
