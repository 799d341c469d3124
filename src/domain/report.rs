//! The one-page report for a clinician, as data: every count comes from
//! the query module; the Markdown and HTML pages only lay it out.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use super::entry::Entry;
use super::query::{
    Dn4Item, Flag, NewInPeriod, PeriodSummary, dn4_items, flags, most_affected, new_in_period,
    summarise,
};
use super::region::RegionId;
use super::sensation::SensationCatalogue;
use super::treatment::{
    Application, Comparison, Course, DoseChange, TreatmentCatalogue, TreatmentLog, Windows, compare,
};

/// The default period when there is no earlier report: 90 days.
pub const DEFAULT_DAYS: i64 = 90;
/// Notes of the strongest episodes the report quotes, at most.
pub const NOTES_SHOWN: usize = 4;

/// A report that was made, remembered for the next one's default period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMade {
    /// When it was made.
    pub made: DateTime<FixedOffset>,
    /// The first moment it covered.
    pub since: DateTime<FixedOffset>,
    /// The last moment it covered.
    pub until: DateTime<FixedOffset>,
}

/// Where the next report starts by default: where the last report made on
/// an earlier day ended (reports made today do not move it, so making the
/// page again at the appointment gives the same page), else 90 days ago.
pub fn default_since(
    made: &[ReportMade],
    now: DateTime<FixedOffset>,
) -> (DateTime<FixedOffset>, PeriodChoice) {
    let last = made
        .iter()
        .filter(|r| r.made.date_naive() < now.date_naive() && r.until < now)
        .max_by_key(|r| r.made);
    match last {
        Some(report) => (report.until, PeriodChoice::SinceLastReport(report.clone())),
        None => (
            now - Duration::days(DEFAULT_DAYS),
            PeriodChoice::LastDays(DEFAULT_DAYS),
        ),
    }
}

/// One course in the period: its doses and its before/after.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseInPeriod {
    /// The course.
    pub course: Course,
    /// Its treatment's name.
    pub name: String,
    /// The dose change in force when the period began, if the dose changed
    /// before it: then that, not the starting dose, is the dose to read.
    pub dose_at_start: Option<DoseChange>,
    /// Dose changes inside the period.
    pub dose_changes: Vec<DoseChange>,
    /// The log before its start against weeks 2-6 after, over all regions.
    pub overall: Comparison,
    /// The same for the regions most affected before it started.
    pub focused: Option<(Vec<RegionId>, Comparison)>,
    /// Names of other courses running in the windows.
    pub overlapping: Vec<String>,
}

/// A free-text note quoted in the report, with what it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// When the episode was felt.
    pub at: DateTime<FixedOffset>,
    /// Its intensity.
    pub intensity: u8,
    /// The sensation's name.
    pub sensation: String,
    /// The note.
    pub note: String,
}

/// How the period was chosen, for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodChoice {
    /// Where the last report ended.
    SinceLastReport(ReportMade),
    /// The default number of days up to now.
    LastDays(i64),
    /// As the person asked with `--since`/`--until`.
    Asked,
}

/// The report's content.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The counts of the period.
    pub summary: PeriodSummary,
    /// How the period was chosen.
    pub period: PeriodChoice,
    /// What is new against the 90 days before; `None` when those days are
    /// empty.
    pub new: Option<NewInPeriod>,
    /// Episodes that lasted or came back worse.
    pub flags: Vec<Flag>,
    /// The DN4 items and their entries.
    pub dn4: Vec<(Dn4Item, u32)>,
    /// Courses running at some time in the period, latest start first.
    pub courses: Vec<CourseInPeriod>,
    /// Applications in the period, oldest first, with the treatment's name.
    pub applications: Vec<(String, Application)>,
    /// Notes of the strongest episodes (empty with `--no-notes`).
    pub quotes: Vec<Quote>,
    /// Whether notes are left out.
    pub notes_left_out: bool,
}

/// What a report is made from.
pub struct ReportInput<'a> {
    /// Every entry loaded: the period and the 90 days (and more) before it.
    pub entries: &'a [Entry],
    /// Every treatment record.
    pub treatments: &'a TreatmentLog,
    /// The treatment names.
    pub catalogue: &'a TreatmentCatalogue,
    /// The sensation names and classes.
    pub sensations: &'a SensationCatalogue,
    /// First moment of the period.
    pub since: DateTime<FixedOffset>,
    /// Last moment of it.
    pub until: DateTime<FixedOffset>,
    /// How the period was chosen.
    pub period: PeriodChoice,
    /// Leave every free-text note out.
    pub no_notes: bool,
}

/// Builds the report; with `no_notes`, no free text of the person's is in it.
pub fn build(input: &ReportInput) -> Report {
    let ReportInput {
        entries,
        treatments,
        catalogue,
        sensations,
        since,
        until,
        ..
    } = *input;
    let name_of = |id: &str| {
        catalogue
            .types()
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.name.clone())
    };
    let windows = Windows::default();
    // Newest first: the latest change is the one most often being judged.
    let mut running: Vec<&Course> = treatments
        .courses
        .iter()
        .filter(|c| c.overlaps(since, until))
        .collect();
    running.sort_by_key(|c| std::cmp::Reverse((c.start, c.id)));
    let courses = running
        .into_iter()
        .map(|course| {
            let overall = compare(entries, course, &treatments.courses, windows, until, None);
            let top = most_affected(
                entries,
                course.start - Duration::days(windows.before_days),
                course.start,
                3,
            );
            let focused = (!top.is_empty()).then(|| {
                let c = compare(
                    entries,
                    course,
                    &treatments.courses,
                    windows,
                    until,
                    Some(&top),
                );
                (top, c)
            });
            let overlapping = match &overall {
                Comparison::Done { overlapping, .. } => {
                    overlapping.iter().map(|id| name_of(id)).collect()
                }
                Comparison::NotEnough(_) => Vec::new(),
            };
            CourseInPeriod {
                course: course.clone(),
                name: name_of(&course.treatment),
                dose_at_start: course
                    .dose_changes
                    .iter()
                    .filter(|d| d.at < since)
                    .max_by_key(|d| d.at)
                    .cloned(),
                dose_changes: course
                    .dose_changes
                    .iter()
                    .filter(|d| d.at >= since && d.at <= until)
                    .cloned()
                    .collect(),
                overall,
                focused,
                overlapping,
            }
        })
        .collect();
    let applications = treatments
        .applications
        .iter()
        .filter(|a| a.at >= since && a.at <= until)
        .map(|a| (name_of(&a.treatment), a.clone()))
        .collect();
    let mut report = Report {
        summary: summarise(entries, since, until, sensations),
        period: input.period.clone(),
        new: new_in_period(entries, since, until),
        flags: flags(entries, since, until),
        dn4: dn4_items(entries, since, until),
        courses,
        applications,
        quotes: strongest_notes(entries, since, until, sensations),
        notes_left_out: false,
    };
    if input.no_notes {
        report.leave_notes_out();
    }
    report
}

/// Notes of the strongest episodes in the period, strongest (then latest)
/// first.
fn strongest_notes(
    entries: &[Entry],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
    sensations: &SensationCatalogue,
) -> Vec<Quote> {
    let mut noted: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.at >= since && e.at <= until && e.note.is_some())
        .collect();
    noted.sort_by(|a, b| b.intensity.cmp(&a.intensity).then(b.at.cmp(&a.at)));
    noted
        .into_iter()
        .take(NOTES_SHOWN)
        .map(|e| Quote {
            at: e.at,
            intensity: e.intensity.value(),
            sensation: sensations.name_of(&e.sensation).to_string(),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect()
}

impl Report {
    /// Drops every free-text note: quotes, course and application notes.
    fn leave_notes_out(&mut self) {
        self.quotes.clear();
        for c in &mut self.courses {
            c.course.note = None;
        }
        for (_, a) in &mut self.applications {
            a.note = None;
        }
        self.notes_left_out = true;
    }
}

#[cfg(test)]
mod tests;
