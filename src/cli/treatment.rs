//! `sensemap treatment`: start, change the dose of and stop courses, record
//! applications, list and delete them.

use ulid::Ulid;

use super::commands::{Context, plural, print};
use super::output::json;
use super::{CliError, ListFormat, TreatmentCommand};
use crate::domain::treatment::{
    Application, Course, DoseChange, TreatmentCatalogue, TreatmentLog, Windows,
};
use crate::domain::when::check_felt;

/// The treatments known here: built in and from the config.
pub(super) fn catalogue(ctx: &Context) -> Result<TreatmentCatalogue, CliError> {
    let custom = ctx.settings.treatments.clone();
    TreatmentCatalogue::with_custom(custom).map_err(|e| CliError::Usage(format!("config.ron: {e}")))
}

/// Runs one treatment command.
pub fn run(ctx: &Context, command: TreatmentCommand) -> Result<(), CliError> {
    let catalogue = catalogue(ctx)?;
    let find = |name: &str| {
        catalogue
            .lookup(name)
            .map(|t| (t.id.clone(), t.name.clone()))
            .map_err(|e| CliError::Usage(e.to_string()))
    };
    // A time for a record: read as for log, and not still ahead.
    let felt = |text: &str| {
        let at = ctx.when("--at", text)?;
        check_felt(text, at, ctx.now.fixed_offset())
            .map_err(|e| CliError::Usage(format!("--at: {e}")))?;
        Ok::<_, CliError>(at)
    };
    let journal = ctx.journal();
    let now = ctx.now.fixed_offset();
    // After a change, the records must still make sense together.
    let checked = |log: &TreatmentLog, line: String| {
        let problems = log.problems(&catalogue, now);
        if problems.is_empty() {
            Ok(line)
        } else {
            Err(problems.join("; "))
        }
    };
    let done = |outcome: Result<String, String>| match outcome {
        Ok(message) => {
            eprintln!("{message}");
            Ok(())
        }
        Err(reason) => Err(CliError::Usage(reason)),
    };
    match command {
        TreatmentCommand::Start {
            name,
            dose,
            at,
            note,
        } => {
            let (id, shown) = find(&name)?;
            let start = felt(&at)?;
            done(journal.change_treatments(|log| {
                if let Some(running) = log.running(&id) {
                    return Err(format!(
                        "{shown} is already running since {}; stop it first",
                        running.start.format("%Y-%m-%d")
                    ));
                }
                let course = Course {
                    id: Ulid::generate(),
                    treatment: id.clone(),
                    start,
                    stop: None,
                    dose: dose.clone(),
                    dose_changes: vec![],
                    note: note.clone(),
                };
                let line = format!(
                    "Started {shown} on {} ({})",
                    start.format("%Y-%m-%d %H:%M"),
                    course.id
                );
                log.courses.push(course);
                checked(log, line)
            })?)
        }
        TreatmentCommand::Dose { name, dose, at } => {
            let (id, shown) = find(&name)?;
            let at = felt(&at)?;
            done(journal.change_treatments(|log| {
                let course = running_at(log, &id, &shown, at)?;
                course.dose_changes.push(DoseChange {
                    at,
                    dose: dose.clone(),
                });
                course.dose_changes.sort_by_key(|d| d.at);
                let line = format!("{shown}: {dose} from {}", at.format("%Y-%m-%d %H:%M"));
                checked(log, line)
            })?)
        }
        TreatmentCommand::Stop { name, at } => {
            let (id, shown) = find(&name)?;
            let at = felt(&at)?;
            done(journal.change_treatments(|log| {
                let course = running_at(log, &id, &shown, at)?;
                course.stop = Some(at);
                let line = format!("Stopped {shown} on {}", at.format("%Y-%m-%d %H:%M"));
                checked(log, line)
            })?)
        }
        TreatmentCommand::Apply {
            name,
            regions,
            at,
            note,
        } => {
            let (id, shown) = find(&name)?;
            let at = felt(&at)?;
            let mut places = Vec::new();
            for region in regions.iter().flat_map(|p| p.0.iter()) {
                if !places.contains(region) {
                    places.push(*region);
                }
            }
            done(journal.change_treatments(|log| {
                let where_ = if places.is_empty() {
                    String::new()
                } else {
                    format!(" on {}", crate::domain::places::in_words(&places))
                };
                let application = Application {
                    id: Ulid::generate(),
                    treatment: id.clone(),
                    at,
                    regions: places.clone(),
                    note: note.clone(),
                };
                let line = format!("Applied {shown}{where_} ({})", application.id);
                log.applications.push(application);
                Ok(line)
            })?)
        }
        TreatmentCommand::Compare {
            name,
            before,
            after_from,
            after_to,
        } => {
            let (id, shown) = find(&name)?;
            let year_span = 1..=3650;
            if !year_span.contains(&before)
                || !(0..=3650).contains(&after_from)
                || !year_span.contains(&after_to)
                || after_to <= after_from
            {
                return Err(CliError::Usage(
                    "--before and --after-to are 1 to 3650 days, and --after-to is after --after-from"
                        .into(),
                ));
            }
            let windows = Windows {
                before_days: before,
                after_from,
                after_to,
            };
            let log = journal.load_treatments()?;
            let course = log
                .courses
                .iter()
                .filter(|c| c.treatment == id)
                .max_by_key(|c| c.start)
                .ok_or_else(|| CliError::Usage(format!("no course of {shown} is recorded")))?;
            let entries = journal.load_all()?.entries;
            print(&super::compare_text::describe(
                &entries,
                course,
                &log.courses,
                windows,
                &shown,
                &catalogue,
                now,
            ))
        }
        TreatmentCommand::List { format } => {
            let log = journal.load_treatments()?;
            list(&log, &catalogue, format)
        }
        TreatmentCommand::Delete { id } => done(journal.change_treatments(|log| {
            let before = log.courses.len() + log.applications.len();
            let id = id.trim().to_uppercase();
            log.courses.retain(|c| c.id.to_string() != id);
            log.applications.retain(|a| a.id.to_string() != id);
            if log.courses.len() + log.applications.len() == before {
                return Err(format!("no treatment record with id {}", id.trim()));
            }
            Ok(format!("Deleted {}", id.trim()))
        })?),
    }
}

/// The running course of a treatment, to change at `at`, which must not be
/// before it started.
fn running_at<'a>(
    log: &'a mut TreatmentLog,
    id: &str,
    shown: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<&'a mut Course, String> {
    let course = running_mut(log, id, shown)?;
    if at < course.start {
        return Err(format!(
            "{shown} started on {}, after that",
            course.start.format("%Y-%m-%d")
        ));
    }
    Ok(course)
}

/// The running course of a treatment, to change.
fn running_mut<'a>(
    log: &'a mut TreatmentLog,
    id: &str,
    shown: &str,
) -> Result<&'a mut Course, String> {
    log.courses
        .iter_mut()
        .find(|c| c.treatment == id && c.stop.is_none())
        .ok_or_else(|| format!("{shown} is not running; start it with sensemap treatment start"))
}

/// Courses then applications, as a table or JSON.
fn list(
    log: &TreatmentLog,
    catalogue: &TreatmentCatalogue,
    format: ListFormat,
) -> Result<(), CliError> {
    if let ListFormat::Json = format {
        return print(&json(log));
    }
    let name = |id: &str| {
        catalogue
            .types()
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in &log.courses {
        let dose = c
            .dose_changes
            .last()
            .map(|d| d.dose.clone())
            .or_else(|| c.dose.clone())
            .unwrap_or_default();
        let until = c.stop.map_or_else(
            || "running".to_string(),
            |s| s.format("%Y-%m-%d").to_string(),
        );
        rows.push(vec![
            c.id.to_string(),
            "course".into(),
            name(&c.treatment),
            c.start.format("%Y-%m-%d").to_string(),
            until,
            dose,
        ]);
    }
    for a in &log.applications {
        rows.push(vec![
            a.id.to_string(),
            "applied".into(),
            name(&a.treatment),
            a.at.format("%Y-%m-%d %H:%M").to_string(),
            String::new(),
            crate::domain::places::in_words(&a.regions),
        ]);
    }
    let out = if rows.is_empty() {
        String::new()
    } else {
        super::output::table(
            &["ID", "KIND", "TREATMENT", "FROM/AT", "UNTIL", "DOSE/WHERE"],
            &rows,
        )
    };
    if out.is_empty() {
        eprintln!("No treatments yet: sensemap treatment start NAME records one");
        return Ok(());
    }
    eprintln!(
        "{}, {}",
        plural(log.courses.len(), "course", "courses"),
        plural(log.applications.len(), "application", "applications")
    );
    print(&out)
}
