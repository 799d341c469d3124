use ulid::Ulid;

use super::*;
use crate::domain::query::tests::{at, entry};

fn made(made: &str, since: &str, until: &str) -> ReportMade {
    ReportMade {
        made: at(made),
        since: at(since),
        until: at(until),
    }
}

#[test]
fn the_default_period_starts_where_the_last_report_of_an_earlier_day_ended() {
    let now = at("2026-11-26T10:00:00+01:00");
    assert_eq!(
        default_since(&[], now),
        (at("2026-08-28T10:00:00+01:00"), PeriodChoice::LastDays(90))
    );
    let reports = [
        made(
            "2026-05-02T09:00:00+02:00",
            "2026-02-01T09:00:00+01:00",
            "2026-05-02T09:00:00+02:00",
        ),
        made(
            "2026-09-15T09:00:00+02:00",
            "2026-05-02T09:00:00+02:00",
            "2026-09-15T09:00:00+02:00",
        ),
        // Made this morning: making the page again keeps the same period.
        made(
            "2026-11-26T08:00:00+01:00",
            "2026-09-15T09:00:00+02:00",
            "2026-11-26T08:00:00+01:00",
        ),
    ];
    let (since, choice) = default_since(&reports, now);
    assert_eq!(since, at("2026-09-15T09:00:00+02:00"));
    assert_eq!(choice, PeriodChoice::SinceLastReport(reports[1].clone()));
}

#[test]
fn a_dose_changed_before_the_period_is_the_dose_in_force() {
    let course = Course {
        id: Ulid::generate(),
        treatment: "gabapentin".into(),
        start: at("2026-07-09T08:00:00+02:00"),
        stop: None,
        dose: Some("300 mg at night".into()),
        dose_changes: vec![
            DoseChange {
                at: at("2026-08-06T08:00:00+02:00"),
                dose: "600 mg twice a day".into(),
            },
            DoseChange {
                at: at("2026-11-20T08:00:00+01:00"),
                dose: "900 mg".into(),
            },
        ],
        note: None,
    };
    let treatments = TreatmentLog {
        courses: vec![course],
        applications: vec![],
    };
    let catalogue = TreatmentCatalogue::built_in();
    let sensations = SensationCatalogue::built_in();
    let report = build(&ReportInput {
        entries: &[],
        treatments: &treatments,
        catalogue: &catalogue,
        sensations: &sensations,
        since: at("2026-09-01T00:00:00+02:00"),
        until: at("2026-11-26T10:00:00+01:00"),
        period: PeriodChoice::Asked,
        no_notes: false,
    });
    let c = &report.courses[0];
    assert_eq!(
        c.dose_at_start.as_ref().map(|d| d.dose.as_str()),
        Some("600 mg twice a day")
    );
    assert_eq!(c.dose_changes.len(), 1);
}

#[test]
fn no_notes_leaves_every_note_out_and_keeps_the_counts() {
    let mut noted = entry("2026-11-20T08:00:00+01:00", &["f25"], "burning", 8);
    noted.note = Some("private: after the argument".into());
    let entries = vec![
        noted,
        entry("2026-11-21T08:00:00+01:00", &["f25"], "burning", 3),
    ];
    let treatments = TreatmentLog {
        courses: vec![Course {
            id: Ulid::generate(),
            treatment: "gabapentin".into(),
            start: at("2026-11-01T08:00:00+01:00"),
            stop: None,
            dose: Some("300 mg".into()),
            dose_changes: vec![DoseChange {
                at: at("2026-11-10T08:00:00+01:00"),
                dose: "600 mg".into(),
            }],
            note: Some("private course note".into()),
        }],
        applications: vec![Application {
            id: Ulid::generate(),
            treatment: "lidocaine-patch".into(),
            at: at("2026-11-22T08:00:00+01:00"),
            regions: vec![],
            note: Some("private patch note".into()),
        }],
    };
    let catalogue = TreatmentCatalogue::built_in();
    let sensations = SensationCatalogue::built_in();
    let input = |no_notes| ReportInput {
        entries: &entries,
        treatments: &treatments,
        catalogue: &catalogue,
        sensations: &sensations,
        since: at("2026-11-01T00:00:00+01:00"),
        until: at("2026-11-26T10:00:00+01:00"),
        period: PeriodChoice::Asked,
        no_notes,
    };
    let with = build(&input(false));
    assert_eq!(with.quotes.len(), 1);
    assert_eq!(with.quotes[0].note, "private: after the argument");
    assert_eq!(with.courses[0].name, "Gabapentin");
    assert_eq!(with.courses[0].dose_changes.len(), 1);
    assert_eq!(with.courses[0].dose_at_start, None);
    assert_eq!(with.applications[0].0, "Lidocaine patch");
    let without = build(&input(true));
    assert!(without.notes_left_out);
    assert!(without.quotes.is_empty());
    assert_eq!(without.courses[0].course.note, None);
    assert_eq!(without.applications[0].1.note, None);
    let text = format!("{without:?}");
    assert!(!text.contains("private"), "{text}");
    assert_eq!(without.summary, with.summary);
}
