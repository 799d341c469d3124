//! `sensemap doctor`: checks the whole data folder and repairs what is safe
//! to repair, never losing an entry.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ulid::Ulid;

use super::merge::MonthData;
use super::month_file::{self, MonthContent};
use super::strays::StrayKind;
use super::{FsStore, Journal, MonthStore, StoreError};
use crate::domain::{Entry, YearMonth};

/// One thing the doctor found.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A file that does not parse; restore it from the backups or fix it.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it does not parse.
        error: String,
    },
    /// A file shown but never rewritten (newer version, unknown fields).
    ReadOnly {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// Different entries under one id, in one file or across files.
    SharedId {
        /// The id.
        id: Ulid,
        /// The files holding them.
        paths: Vec<PathBuf>,
    },
    /// The same entry twice (identical copies).
    Repeated {
        /// The id.
        id: Ulid,
        /// The files holding it.
        paths: Vec<PathBuf>,
    },
    /// An entry in another month's file.
    Misfiled {
        /// The entry.
        id: Ulid,
        /// The file it is in.
        path: PathBuf,
        /// The month it belongs to.
        belongs: YearMonth,
    },
    /// A stray copy or temp file.
    Stray {
        /// The file.
        path: PathBuf,
        /// What it looks like.
        kind: StrayKind,
    },
    /// A file or folder others may read.
    Permissions {
        /// The file or folder.
        path: PathBuf,
        /// Its mode.
        mode: u32,
    },
}

impl Finding {
    /// Whether `doctor --fix` repairs it.
    pub fn fixable(&self) -> bool {
        !matches!(self, Finding::Unreadable { .. } | Finding::ReadOnly { .. })
    }

    /// The finding in words, with what `--fix` would do.
    pub fn describe(&self) -> String {
        let list = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Finding::Unreadable { path, error } => format!(
                "{} cannot be read ({error}); fix it by hand, or bring back a backup \
                 (sensemap backups, sensemap restore)",
                path.display()
            ),
            Finding::ReadOnly { path, why } => format!("{} is read-only: {why}", path.display()),
            Finding::SharedId { id, paths } => format!(
                "different entries share the id {id} in {}; --fix keeps the newest \
                 under it and gives the others new ids, so both stay",
                list(paths)
            ),
            Finding::Repeated { id, paths } => format!(
                "the entry {id} is there twice, identical, in {}; --fix keeps one",
                list(paths)
            ),
            Finding::Misfiled { id, path, belongs } => format!(
                "the entry {id} in {} belongs to {belongs}; --fix moves it there",
                path.display()
            ),
            Finding::Stray { path, kind } if *kind == StrayKind::TempFile => format!(
                "{} is {}; --fix removes it",
                path.display(),
                kind.describe()
            ),
            Finding::Stray { path, kind } => format!(
                "{} is {}; --fix merges its entries into their months and moves it \
                 into backups/copies",
                path.display(),
                kind.describe()
            ),
            Finding::Permissions { path, mode } => format!(
                "{} can be read by others (mode {mode:o}); --fix makes it private",
                path.display()
            ),
        }
    }
}

/// Every month file's content, by month, with its path; and the findings
/// about files that could not be used.
struct Survey {
    months: BTreeMap<YearMonth, MonthData>,
    findings: Vec<Finding>,
}

/// Reads every month file as it is, without settling, so nothing is hidden.
fn survey(journal: &Journal<FsStore>) -> Result<Survey, StoreError> {
    let store = journal.store();
    let mut survey = Survey {
        months: BTreeMap::new(),
        findings: Vec::new(),
    };
    for month in store.months()? {
        let path = store.path(month);
        let Some(text) = store.read(month)? else {
            continue;
        };
        match month_file::decode(&path, &text) {
            Ok(MonthContent::Current(data)) | Ok(MonthContent::DuplicateIds { data, .. }) => {
                survey.months.insert(month, data);
            }
            Ok(MonthContent::Newer { version, .. }) => survey.findings.push(Finding::ReadOnly {
                path,
                why: format!("written by a newer sensemap (format version {version})"),
            }),
            Ok(MonthContent::UnknownFields { fields, .. }) => {
                survey.findings.push(Finding::ReadOnly {
                    path,
                    why: format!("fields this sensemap does not know ({})", fields.join(", ")),
                })
            }
            Err(e) => survey.findings.push(Finding::Unreadable {
                path,
                error: e.to_string(),
            }),
        }
    }
    Ok(survey)
}

/// Checks the data folder and lists what is wrong, changing nothing.
pub fn check(journal: &Journal<FsStore>) -> Result<Vec<Finding>, StoreError> {
    let store = journal.store();
    let Survey {
        months,
        mut findings,
    } = survey(journal)?;
    let mut copies: HashMap<Ulid, Vec<(YearMonth, &Entry)>> = HashMap::new();
    for (&month, data) in &months {
        for entry in &data.entries {
            copies.entry(entry.id).or_default().push((month, entry));
            if entry.month() != month {
                findings.push(Finding::Misfiled {
                    id: entry.id,
                    path: store.path(month),
                    belongs: entry.month(),
                });
            }
        }
    }
    let mut shared: Vec<_> = copies.into_iter().filter(|(_, c)| c.len() > 1).collect();
    shared.sort_by_key(|(id, _)| *id);
    for (id, found) in shared {
        let mut paths: Vec<PathBuf> = found.iter().map(|(m, _)| store.path(*m)).collect();
        paths.dedup();
        let all_same = found.iter().all(|(_, e)| *e == found[0].1);
        findings.push(if all_same {
            Finding::Repeated { id, paths }
        } else {
            Finding::SharedId { id, paths }
        });
    }
    for stray in store.strays()? {
        findings.push(Finding::Stray {
            path: stray.path,
            kind: stray.kind,
        });
    }
    findings.extend(loose_permissions(store.root()));
    Ok(findings)
}

/// Files and folders in the data folder that others may read or write.
fn loose_permissions(root: &Path) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut visit = vec![root.to_path_buf()];
    while let Some(path) = visit.pop() {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 && !meta.file_type().is_symlink() {
            found.push(Finding::Permissions {
                path: path.clone(),
                mode,
            });
        }
        if meta.is_dir()
            && let Ok(read) = fs::read_dir(&path)
        {
            visit.extend(read.flatten().map(|item| item.path()));
        }
    }
    found.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    found
}

/// What `doctor --fix` did, one line each.
pub type Repairs = Vec<String>;

/// Repairs what is safe: copies are folded in, misfiled entries move to
/// their month, identical repeats become one, different entries sharing
/// an id all stay (all but the newest get new ids), stray temp files go,
/// and permissions become private. Unreadable and read-only files are left
/// as they are.
pub fn fix(journal: &Journal<FsStore>) -> Result<Repairs, StoreError> {
    let mut repairs = Repairs::new();
    let temps = journal.store().remove_all_stale_temps()?;
    if temps > 0 {
        repairs.push(format!(
            "removed {temps} temporary file(s) left by interrupted saves"
        ));
    }
    let folded = journal.fold_in_strays()?;
    for (stray, count, moved) in &folded.merged {
        repairs.push(format!(
            "merged {} ({count} entries) into its months and moved it to {}",
            stray.path.display(),
            moved.display()
        ));
    }
    for (stray, why) in &folded.left {
        repairs.push(format!("left {} where it is: {why}", stray.path.display()));
    }
    repairs.extend(refile(journal)?);
    for finding in loose_permissions(journal.store().root()) {
        if let Finding::Permissions { path, .. } = finding {
            let mode = if path.is_dir() { 0o700 } else { 0o600 };
            fs::set_permissions(&path, fs::Permissions::from_mode(mode))
                .map_err(StoreError::io("change permissions of", &path))?;
            repairs.push(format!("made {} private", path.display()));
        }
    }
    Ok(repairs)
}

/// Moves every entry into its own month's file, gives new ids to different
/// entries that shared one, and keeps one of identical repeats.
fn refile(journal: &Journal<FsStore>) -> Result<Repairs, StoreError> {
    let store = journal.store();
    let _lock = store.lock()?;
    let Survey { months, .. } = survey(journal)?;
    let mut repairs = Repairs::new();
    let mut target: BTreeMap<YearMonth, MonthData> =
        months.keys().map(|&m| (m, MonthData::default())).collect();
    let mut seen: HashMap<Ulid, Vec<Entry>> = HashMap::new();
    let mut all: Vec<(YearMonth, Entry)> = Vec::new();
    for (&month, data) in &months {
        target.entry(month).or_default().deleted = data.deleted.clone();
        all.extend(data.entries.iter().map(|e| (month, e.clone())));
    }
    // The newest version of each id keeps it; other different ones get new ids.
    all.sort_by_key(|(_, e)| std::cmp::Reverse(e.updated));
    for (month, mut entry) in all {
        let versions = seen.entry(entry.id).or_default();
        if versions.contains(&entry) {
            repairs.push(format!(
                "kept one of the identical copies of {} ({})",
                entry.id,
                store.path(month).display()
            ));
            continue;
        }
        if !versions.is_empty() {
            let old = entry.id;
            entry.id = Ulid::generate();
            repairs.push(format!(
                "gave a different entry that shared the id {old} the new id {} ({}, {}); \
                 delete it if it is an old version",
                entry.id,
                entry.at.format("%Y-%m-%d %H:%M"),
                store.path(month).display()
            ));
            seen.entry(entry.id).or_default().push(entry.clone());
        } else {
            versions.push(entry.clone());
        }
        if entry.month() != month {
            repairs.push(format!(
                "moved {} from {} to {}",
                entry.id,
                store.path(month).display(),
                store.path(entry.month()).display()
            ));
        }
        target.entry(entry.month()).or_default().entries.push(entry);
    }
    let mut texts = Vec::new();
    for (month, mut data) in target {
        data.settle();
        let old = months.get(&month).map(|old| {
            let mut old = old.clone();
            old.entries.sort_by_key(Entry::sort_key);
            old.deleted.sort_by_key(|t| t.id);
            old
        });
        if old.as_ref() != Some(&data) {
            let grows = data.entries.len() > old.map_or(0, |o| o.entries.len());
            texts.push((!grows, month, month_file::encode(month, &data)?));
        }
    }
    // Months that gain entries first, so no entry is ever in neither file.
    texts.sort_by_key(|(shrinks, month, _)| (*shrinks, *month));
    for (_, month, text) in texts {
        store.write(month, &text)?;
    }
    Ok(repairs)
}
