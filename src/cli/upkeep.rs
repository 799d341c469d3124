//! Looking after the data folder: `delete`, `doctor`, `backups`, `restore`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ulid::Ulid;

use super::commands::{Context, plural};
use super::output::printable;
use super::{CliError, DeleteArgs, DoctorArgs, RestoreArgs};
use crate::domain::{Entry, YearMonth};
use crate::store::{MonthStore, backups, doctor, month_file, write_atomically};

/// `sensemap delete ID...`: every id is checked before anything is deleted.
pub fn delete(ctx: &Context, args: &DeleteArgs) -> Result<(), CliError> {
    let journal = ctx.journal();
    let loaded = ctx.load(&crate::domain::Filter::default())?;
    let by_id: HashMap<Ulid, &Entry> = loaded.entries.iter().map(|e| (e.id, e)).collect();
    let mut doomed: Vec<&Entry> = Vec::new();
    let mut unknown = Vec::new();
    for text in &args.ids {
        match Ulid::from_string(text.trim()) {
            Ok(id) => match by_id.get(&id) {
                Some(entry) if !doomed.iter().any(|e| e.id == id) => doomed.push(entry),
                Some(_) => {}
                None if loaded.deleted.contains_key(&id) => {
                    unknown.push(format!("{} was already deleted", printable(text)));
                }
                None => unknown.push(format!("no entry has the id {}", printable(text))),
            },
            Err(_) => unknown.push(format!(
                "{} is not an id (ids are 26 letters and digits, as `sensemap list --format json` shows them)",
                printable(text)
            )),
        }
    }
    if !unknown.is_empty() {
        return Err(CliError::Usage(format!(
            "nothing was deleted: {}",
            unknown.join("; ")
        )));
    }
    let doomed_entries: Vec<Entry> = doomed.iter().map(|e| (*e).clone()).collect();
    journal.delete_many(&doomed_entries)?;
    for entry in &doomed {
        eprintln!(
            "Deleted {} {} {} ({})",
            entry.at.format("%Y-%m-%d %H:%M"),
            entry.sensation.as_str(),
            entry.intensity.value(),
            entry.id
        );
    }
    eprintln!(
        "{} deleted; each deletion is remembered, so no sync copy brings it back",
        plural(doomed.len(), "entry", "entries")
    );
    Ok(())
}

/// `sensemap doctor [--fix]`: exits 1 while anything is left to do.
pub fn doctor(ctx: &Context, args: &DoctorArgs) -> Result<(), CliError> {
    let journal = ctx.journal();
    if args.fix {
        for repair in doctor::fix(&journal)? {
            println!("fixed: {}", printable(&repair));
        }
    }
    let findings = doctor::check(&journal)?;
    if findings.is_empty() {
        println!(
            "{}: all month files read, no copies, shared ids, misfiled entries or loose permissions",
            printable(&ctx.data_dir.display().to_string())
        );
        return Ok(());
    }
    for finding in &findings {
        println!("{}", printable(&finding.describe()));
    }
    let fixable = findings.iter().filter(|f| f.fixable()).count();
    Err(CliError::Other(if fixable > 0 && !args.fix {
        format!(
            "{} found; `sensemap doctor --fix` repairs {fixable} of them",
            plural(findings.len(), "problem", "problems")
        )
    } else {
        format!(
            "{} left that need a person (see above)",
            plural(findings.len(), "problem", "problems")
        )
    }))
}

/// `sensemap backups`.
pub fn backups(ctx: &Context) -> Result<(), CliError> {
    let files = backups::list(&ctx.data_dir)?;
    if files.is_empty() {
        println!(
            "No backups yet: the first save of each day keeps the file's previous version in {}",
            printable(&ctx.data_dir.join(backups::BACKUPS).display().to_string())
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            vec![
                printable(&f.folder),
                printable(&f.relative.display().to_string()),
                f.bytes.to_string(),
            ]
        })
        .collect();
    print!(
        "{}",
        super::output::table(&["FOLDER", "FILE", "BYTES"], &rows)
    );
    println!(
        "Bring one back with: sensemap restore FOLDER FILE (FOLDER a day; `copies` holds \
         conflict copies already merged)"
    );
    Ok(())
}

/// `sensemap restore FOLDER FILE`: the backup must read as the file it
/// replaces; the current file is backed up first.
pub fn restore(ctx: &Context, args: &RestoreArgs) -> Result<(), CliError> {
    if args.folder == backups::COPIES {
        return Err(CliError::Usage(format!(
            "{} holds sync conflict copies that were merged into the journal: their entries \
             are there already, and nothing is restored from it (the files are kept for you \
             to read)",
            ctx.data_dir
                .join(backups::BACKUPS)
                .join(backups::COPIES)
                .display()
        )));
    }
    let relative = relative_path(&args.file)?;
    if args.folder.contains('/') || args.folder.starts_with('.') {
        return Err(CliError::Usage(format!(
            "{}: not a backup folder; `sensemap backups` lists them",
            printable(&args.folder)
        )));
    }
    let source = ctx
        .data_dir
        .join(backups::BACKUPS)
        .join(&args.folder)
        .join(&relative);
    let text = crate::store::fs::read_text(&source)?.ok_or_else(|| {
        CliError::Usage(format!(
            "there is no {} in the backup {}; `sensemap backups` lists what there is",
            relative.display(),
            printable(&args.folder)
        ))
    })?;
    check_readable(&source, &relative, &text)?;
    let journal = ctx.journal();
    let _lock = journal.store().lock()?;
    let day = journal.store().backup_day();
    let kept = backups::back_up_now(&ctx.data_dir, &relative, day)?;
    let target = ctx.data_dir.join(&relative);
    crate::store::fs::create_private_dir(target.parent().unwrap_or(&ctx.data_dir))?;
    write_atomically(&target, &text)?;
    eprintln!(
        "Restored {} from {}{}",
        target.display(),
        source.display(),
        kept.map_or(String::new(), |k| format!(
            "; the file it replaced is kept in {}",
            k.display()
        ))
    );
    Ok(())
}

/// The file a restore names, inside the data folder.
fn relative_path(file: &str) -> Result<PathBuf, CliError> {
    let named = match file {
        "treatments" | "treatments.ron" => PathBuf::from("treatments.ron"),
        "reports" | "reports.ron" => PathBuf::from("reports.ron"),
        other => match chrono::NaiveDate::parse_from_str(
            &format!("{}-01", other.strip_suffix(".ron").unwrap_or(other)),
            "%Y-%m-%d",
        )
        .map(YearMonth::of)
        {
            Ok(month) if !other.contains('/') => PathBuf::from("entries")
                .join(format!("{:04}", month.year))
                .join(format!("{month}.ron")),
            _ => PathBuf::from(other),
        },
    };
    let inside = named
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let known = named.starts_with("entries") || named.parent() == Some(Path::new(""));
    if !inside || !known || named.extension().is_none_or(|e| e != "ron") {
        return Err(CliError::Usage(format!(
            "{}: name a month (2026-11), treatments, reports, or a file as `sensemap backups` lists it",
            printable(file)
        )));
    }
    Ok(named)
}

/// A backup is only brought back if it reads as what it replaces.
fn check_readable(source: &Path, relative: &Path, text: &str) -> Result<(), CliError> {
    let problem = if relative.starts_with("entries") {
        month_file::decode(source, text)
            .err()
            .map(|e| e.to_string())
    } else {
        ron::from_str::<ron::Value>(text)
            .err()
            .map(|e| format!("{}: {e}", source.display()))
    };
    match problem {
        Some(why) => Err(CliError::Usage(format!(
            "that backup cannot be read, so nothing was restored: {why}"
        ))),
        None => Ok(()),
    }
}
