//! Answering the app's writes as the storage worker would, against a plain
//! model of what the disk holds.

use std::collections::{BTreeSet, HashMap};

use sensemap::app::{Action, App, Effect, MonthOnDisk, Purpose, Step, Written};
use sensemap::domain::Entry;
use ulid::Ulid;

/// What the journal should hold: a plain map by id, kept by the same rules
/// the disk follows, to check the app's entries against.
pub type Model = HashMap<Ulid, Entry>;

/// Writes `step` into the model and returns the months it touched as the
/// storage worker reports them after a save.
pub fn write_model(model: &mut Model, step: &Step) -> Vec<MonthOnDisk> {
    let mut months = BTreeSet::new();
    if let Some(before) = &step.before {
        model.remove(&before.id);
        months.insert(before.month());
    }
    if let Some(after) = &step.after {
        model.insert(after.id, after.clone());
        months.insert(after.month());
    }
    months
        .into_iter()
        .map(|month| MonthOnDisk {
            month,
            entries: Ok(model
                .values()
                .filter(|e| e.month() == month)
                .cloned()
                .collect()),
            deleted: Vec::new(),
        })
        .collect()
}

/// Answers a write as the storage worker would after a successful save.
pub fn succeed(app: &mut App, model: &mut Model, effect: Option<Effect>) {
    if let Some(Effect::Write { step, purpose }) = effect {
        let months = write_model(model, &step);
        app.update(Action::Written(Box::new(Written {
            step: *step,
            purpose,
            months,
        })));
    }
}

/// Writes a step through the app's own path, as a form or the timeline would.
pub fn write(app: &mut App, model: &mut Model, step: Step, purpose: Purpose) {
    let effect = Some(Effect::Write {
        step: Box::new(step),
        purpose,
    });
    succeed(app, model, effect);
}

/// The model of what the app holds now.
fn model_of(app: &App) -> Model {
    app.journal
        .entries
        .iter()
        .map(|e| (e.id, e.clone()))
        .collect()
}

/// A log through the app's own path, answered as a successful write.
pub fn log(app: &mut App, entry: Entry) {
    let step = Step {
        before: None,
        after: Some(entry),
    };
    write(app, &mut model_of(app), step, Purpose::Log);
}

/// Answers the write an action asked for as a successful one.
pub fn answer(app: &mut App, effect: Option<Effect>) {
    succeed(app, &mut model_of(app), effect);
}

/// A month on disk with these entries.
pub fn month_on_disk(month: sensemap::domain::YearMonth, entries: Vec<Entry>) -> MonthOnDisk {
    MonthOnDisk {
        month,
        entries: Ok(entries),
        deleted: Vec::new(),
    }
}

pub const JAN: sensemap::domain::YearMonth = sensemap::domain::YearMonth {
    year: 2026,
    month: 1,
};

pub const FEB: sensemap::domain::YearMonth = sensemap::domain::YearMonth {
    year: 2026,
    month: 2,
};
