//! `sensemap import FILE`: the JSON and CSV that `export` writes, and the
//! JSON of `treatment list`, read back. Every record is checked before
//! anything is written. Importing never replaces what is newer or the same:
//! an entry already in the journal is only changed by a copy with a later
//! `updated`, and a treatment record already there is kept as it is.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use ulid::Ulid;

mod read;

pub use read::read_import_text;
use read::{Parsed, read_contents};

use super::commands::{Context, plural};
use super::{CliError, ImportArgs};
use crate::domain::Entry;
use crate::domain::treatment::{TreatmentCatalogue, TreatmentLog};

/// The entries that can be imported. With bad records and without
/// `--skip-invalid`, an error listing each, so nothing is imported.
fn checked_entries(
    ctx: &Context,
    path: &Path,
    parsed: Parsed,
    skip_invalid: bool,
) -> Result<Vec<Entry>, CliError> {
    let sensations = ctx.sensations()?;
    let now = ctx.now.fixed_offset();
    let mut good: Vec<Entry> = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<Ulid, String> = HashMap::new();
    for (place, row) in parsed {
        match row.and_then(|r| r.entry(&sensations, now)) {
            Ok(entry) => match seen.get(&entry.id) {
                Some(first) => bad.push(format!("  {place}: id {} is also at {first}", entry.id)),
                None => {
                    seen.insert(entry.id, place);
                    good.push(entry);
                }
            },
            Err(reason) => bad.push(format!("  {place}: {reason}")),
        }
    }
    if !bad.is_empty() && !skip_invalid {
        return Err(CliError::Usage(format!(
            "{} in {} cannot be imported, so nothing was (--skip-invalid imports the rest):\n{}",
            plural(bad.len(), "record", "records"),
            path.display(),
            bad.join("\n")
        )));
    }
    if !bad.is_empty() {
        eprintln!(
            "Skipped {}:\n{}",
            plural(bad.len(), "record", "records"),
            bad.join("\n")
        );
    }
    Ok(good)
}

/// Imports the file the arguments name: every record is checked before
/// anything is written; treatments go in first, then entries.
pub fn import(ctx: &Context, args: &ImportArgs) -> Result<(), CliError> {
    let path: &Path = &args.file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let contents = read_contents(path, trimmed)?;
    let treatments = contents
        .treatments
        .filter(|t| !t.courses.is_empty() || !t.applications.is_empty());
    if contents.entries.is_empty() && treatments.is_none() {
        return Err(CliError::Usage(format!(
            "{} holds no entries and no treatments",
            path.display()
        )));
    }
    let has_entries = !contents.entries.is_empty();
    let good = checked_entries(ctx, path, contents.entries, args.skip_invalid)?;
    let catalogue = match &treatments {
        Some(log) => Some(checked_treatments(ctx, path, log)?),
        None => None,
    };
    // Every month the entries would go into must take a save, checked
    // before anything is written, so a refusal changes nothing.
    let months: std::collections::BTreeSet<_> = good.iter().map(Entry::month).collect();
    ctx.journal()
        .check_writable(&months.into_iter().collect::<Vec<_>>())?;
    if let (Some(log), Some(catalogue)) = (treatments, catalogue) {
        import_treatments(ctx, path, log, &catalogue)?;
    }
    if has_entries {
        import_entries(ctx, good)?;
    }
    Ok(())
}

/// Adds the entries not in the journal and replaces those the journal holds
/// an older version of. An entry deleted after the version imported stays
/// deleted: importing an old export never brings a deletion back.
fn import_entries(ctx: &Context, good: Vec<Entry>) -> Result<(), CliError> {
    // Against the whole journal, whatever month an entry is in now.
    let journal = ctx.journal();
    let loaded = journal.load_all()?;
    let known: HashMap<Ulid, Entry> = loaded.entries.into_iter().map(|e| (e.id, e)).collect();
    let (mut new, mut updates, mut kept, mut deleted) = (Vec::new(), Vec::new(), 0, 0);
    for entry in good {
        match known.get(&entry.id) {
            _ if loaded
                .deleted
                .get(&entry.id)
                .is_some_and(|&at| at >= entry.updated) =>
            {
                deleted += 1;
            }
            None => new.push(entry),
            Some(stored) if entry.updated > stored.updated => updates.push((stored, entry)),
            Some(_) => kept += 1,
        }
    }
    // Every month a write would touch, the stored versions' included, is
    // checked before the first write, so a refusal changes nothing.
    let mut months: std::collections::BTreeSet<_> = new.iter().map(Entry::month).collect();
    for (stored, entry) in &updates {
        // The file it is in, which a hand may have made another month's.
        months.insert(
            journal
                .month_holding(stored.id, stored.month())?
                .unwrap_or(stored.month()),
        );
        months.insert(entry.month());
    }
    journal.check_writable(&months.into_iter().collect::<Vec<_>>())?;
    let newer = updates.len();
    for (stored, entry) in updates {
        // A later version, moved to its month if it changed month.
        journal.update(stored, entry)?;
    }
    let added = new.len();
    journal.merge_in(new)?;
    let deleted = match deleted {
        0 => String::new(),
        n => format!(
            "; {} deleted since, so not brought back",
            plural(n, "entry was", "entries were")
        ),
    };
    eprintln!(
        "Imported {} and {} ({kept} already there as they are or newer{deleted})",
        plural(added, "new entry", "new entries"),
        plural(newer, "newer version", "newer versions"),
    );
    Ok(())
}

/// The catalogue the records name, once every record is possible. Treatment
/// records are all or nothing: a dose belongs to its course.
fn checked_treatments(
    ctx: &Context,
    path: &Path,
    log: &TreatmentLog,
) -> Result<TreatmentCatalogue, CliError> {
    let custom = ctx.settings.treatments.clone();
    let catalogue = TreatmentCatalogue::with_custom(custom)
        .map_err(|e| CliError::Usage(format!("config.ron: {e}")))?;
    let problems = log.problems(&catalogue, ctx.now.fixed_offset());
    if !problems.is_empty() {
        return Err(CliError::Usage(format!(
            "the treatments in {} cannot be imported, so nothing was:\n{}",
            path.display(),
            problems
                .iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    Ok(catalogue)
}

/// Adds the treatment records not already here.
fn import_treatments(
    ctx: &Context,
    path: &Path,
    log: TreatmentLog,
    catalogue: &TreatmentCatalogue,
) -> Result<(), CliError> {
    let outcome = ctx.journal().change_treatments(|mine| {
        let courses: HashSet<Ulid> = mine.courses.iter().map(|c| c.id).collect();
        let applications: HashSet<Ulid> = mine.applications.iter().map(|a| a.id).collect();
        let mut merged = mine.clone();
        let (mut added, mut kept) = (0, 0);
        for c in log.courses {
            if courses.contains(&c.id) {
                kept += 1;
            } else {
                merged.courses.push(c);
                added += 1;
            }
        }
        for a in log.applications {
            if applications.contains(&a.id) {
                kept += 1;
            } else {
                merged.applications.push(a);
                added += 1;
            }
        }
        let clash = merged.problems(catalogue, ctx.now.fixed_offset());
        if !clash.is_empty() {
            return Err(clash.join("; "));
        }
        *mine = merged;
        Ok((added, kept))
    })?;
    let (added, kept) = outcome.map_err(|e| {
        CliError::Usage(format!(
            "{} cannot join your treatments: {e}",
            path.display()
        ))
    })?;
    eprintln!(
        "Imported {} ({kept} already here, kept as they are)",
        plural(added, "treatment record", "treatment records")
    );
    Ok(())
}
