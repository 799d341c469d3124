//! Treatment records for the demo's sample history: a course started
//! months ago with a dose change, a therapy that stopped, and patches.

use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use super::{Application, Course, DoseChange, TreatmentLog};
use crate::domain::Catalogue;

/// Sample records ending before `now`: gabapentin from 20 weeks ago (300 mg,
/// 600 mg four weeks later), CBT for 10 weeks a year ago, and lidocaine
/// patches on the left sole in the last months.
pub fn demo_treatments(now: DateTime<FixedOffset>) -> TreatmentLog {
    let ago = |days: i64| now - Duration::days(days);
    let sole = Catalogue::global().lookup("left-sole").ok();
    let mut log = TreatmentLog {
        courses: vec![
            Course {
                id: Ulid::generate(),
                treatment: "gabapentin".into(),
                start: ago(140),
                stop: None,
                dose: Some("300 mg at night".into()),
                dose_changes: vec![DoseChange {
                    at: ago(112),
                    dose: "600 mg twice a day".into(),
                }],
                note: Some("Dizzy the first week".into()),
            },
            Course {
                id: Ulid::generate(),
                treatment: "cbt".into(),
                start: ago(400),
                stop: Some(ago(330)),
                dose: None,
                dose_changes: vec![],
                note: Some("Ten weekly sessions".into()),
            },
        ],
        applications: [60, 45, 20, 6]
            .into_iter()
            .map(|days| Application {
                id: Ulid::generate(),
                treatment: "lidocaine-patch".into(),
                at: ago(days),
                regions: sole.into_iter().collect(),
                note: None,
            })
            .collect(),
    };
    log.sort();
    log
}
