//! `sensemap doctor`: checks the whole data folder and repairs what is safe
//! to repair, never losing an entry.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ulid::Ulid;

mod finding;
mod refile;

pub use finding::Finding;
use refile::refile;

use super::merge::MonthData;
use super::month_file::{self, MonthContent};
use super::strays::StrayKind;
use super::{FsStore, Journal, MonthStore, StoreError};
use crate::domain::{Entry, YearMonth};

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
        let text = match store.read(month) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(e) => {
                survey.findings.push(Finding::Unreadable {
                    path,
                    error: e.to_string(),
                });
                continue;
            }
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
    let mut deaths: HashMap<Ulid, chrono::DateTime<chrono::FixedOffset>> = HashMap::new();
    for data in months.values() {
        for t in &data.deleted {
            let at = deaths.entry(t.id).or_insert(t.at);
            *at = (*at).max(t.at);
        }
    }
    for (&month, data) in &months {
        for entry in &data.entries {
            if deaths
                .get(&entry.id)
                .is_some_and(|&died| died >= entry.updated)
                && !data
                    .deleted
                    .iter()
                    .any(|t| t.id == entry.id && t.at >= entry.updated)
            {
                findings.push(Finding::DeletedElsewhere {
                    id: entry.id,
                    path: store.path(month),
                });
            }
        }
    }
    let mut copies: HashMap<Ulid, Vec<(YearMonth, &Entry)>> = HashMap::new();
    for (&month, data) in &months {
        for entry in &data.entries {
            copies.entry(entry.id).or_default().push((month, entry));
            if entry.month() != month {
                let home = entry.month();
                findings.push(Finding::Misfiled {
                    id: entry.id,
                    path: store.path(month),
                    belongs: home,
                    can_move: months.contains_key(&home) || !store.path(home).exists(),
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
        let differ_within_a_file = found
            .iter()
            .enumerate()
            .any(|(i, (m, e))| found[i + 1..].iter().any(|(m2, e2)| m == m2 && e != e2));
        findings.push(if all_same {
            Finding::Repeated { id, paths }
        } else if differ_within_a_file {
            Finding::SharedId { id, paths }
        } else {
            Finding::OldVersions { id, paths }
        });
    }
    for stray in store.strays()? {
        if stray.kind == StrayKind::TempFile {
            findings.push(Finding::Stray {
                path: stray.path,
                kind: stray.kind,
            });
        }
    }
    for file in journal.strays()? {
        let path = file.stray.path.clone();
        findings.push(match &file.content {
            Err(e) => Finding::Unreadable {
                path,
                error: e.to_string(),
            },
            Ok(content) => match content.why_not_mergeable() {
                Some(why) => Finding::ReadOnly {
                    path,
                    why: format!("{}, so --fix leaves it: {why}", file.stray.kind.describe()),
                },
                None => Finding::Stray {
                    path,
                    kind: file.stray.kind,
                },
            },
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
