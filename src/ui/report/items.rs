//! The report's lists in words, once: the Markdown and HTML pages only
//! escape and wrap them.

use std::collections::BTreeMap;

use super::TOP_PAIRS;
use super::words::{self, Measure};
use crate::domain::report::{CourseInPeriod, Report};
use crate::domain::treatment::{Application, Comparison};
use crate::domain::{RegionId, SensationCatalogue};

/// Courses shown with their before/after measures; later ones name the
/// command that shows theirs.
pub const COURSES_COMPARED: usize = 2;
/// Flagged episodes listed, at most.
pub const FLAGS_SHOWN: usize = 3;
/// Characters of a quoted note, at most.
pub const NOTE_CHARS: usize = 100;
/// New sensations and regions named, at most.
pub const NEW_SHOWN: usize = 8;
/// Courses listed, at most: later ones are named in one line.
pub const COURSES_SHOWN: usize = 5;
/// Places named for one treatment applied, at most.
pub const PLACES_SHOWN: usize = 4;
/// Treatments applied listed, at most.
pub const APPLIED_SHOWN: usize = 3;

/// One line of a list: an optional part in bold, the text, and lines
/// under it. All of it is plain text, escaped by the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Shown in bold first, if any.
    pub lead: Option<String>,
    /// The line.
    pub text: String,
    /// Lines that belong under it.
    pub under: Vec<String>,
    /// Before/after comparisons under it: a title and its measures.
    pub comparisons: Vec<(String, Vec<Measure>)>,
}

impl Item {
    fn line(text: String) -> Item {
        Item {
            lead: None,
            text,
            under: Vec::new(),
            comparisons: Vec::new(),
        }
    }
}

/// What was felt: by class, by type, the places logged together, and the
/// DN4 items the sensation types match.
pub fn what(report: &Report, sensations: &SensationCatalogue) -> Vec<Item> {
    let s = &report.summary;
    let classes = s
        .classes
        .iter()
        .filter(|c| c.episodes > 0)
        .map(words::class)
        .collect::<Vec<_>>()
        .join(" · ");
    let mut items = vec![
        Item::line(format!("By class: {classes}")),
        Item::line(format!("By type: {}", words::types(&s.types, sensations))),
    ];
    if !s.pairs.is_empty() {
        let pairs: Vec<String> = s
            .pairs
            .iter()
            .take(TOP_PAIRS)
            .map(|p| {
                format!(
                    "{} + {} ({})",
                    p.first.region().name,
                    p.second.region().name,
                    p.episodes
                )
            })
            .collect();
        items.push(Item::line(format!(
            "Logged together in one entry: {}",
            pairs.join("; ")
        )));
    }
    let present: Vec<String> = report
        .dn4
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(item, n)| format!("{} ({n})", item.label()))
        .collect();
    items.push(Item::line(format!(
        "DN4 patient-reported items logged: {} of 7{}",
        present.len(),
        if present.is_empty() {
            String::new()
        } else {
            format!(": {}", present.join(", "))
        }
    )));
    items
}

/// Each course with its doses and before/after (the first
/// [`COURSES_COMPARED`] with their measures, so the page stays one page),
/// then one line per treatment applied: how often and where.
pub fn treatments(report: &Report) -> Vec<Item> {
    let mut items: Vec<Item> = report
        .courses
        .iter()
        .take(COURSES_SHOWN)
        .enumerate()
        .map(|(i, c)| course(c, i < COURSES_COMPARED))
        .collect();
    if report.courses.len() > COURSES_SHOWN {
        let names: Vec<&str> = report.courses[COURSES_SHOWN..]
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        items.push(Item::line(format!(
            "Also running in the period: {}",
            names.join(", ")
        )));
    }
    let mut applied: BTreeMap<&str, Vec<&Application>> = BTreeMap::new();
    for (name, a) in &report.applications {
        applied.entry(name.as_str()).or_default().push(a);
    }
    let kinds = applied.len();
    for (name, all) in applied.into_iter().take(APPLIED_SHOWN) {
        let mut places: BTreeMap<RegionId, u32> = BTreeMap::new();
        for r in all.iter().flat_map(|a| a.regions.iter()) {
            *places.entry(*r).or_default() += 1;
        }
        let last = all.iter().map(|a| a.at).max();
        let mut text = format!(
            "{}, last on {}",
            words::count(all.len(), "time", "times"),
            last.map(words::day).unwrap_or_default()
        );
        if !places.is_empty() {
            let on: Vec<String> = places
                .iter()
                .map(|(r, n)| format!("{} ×{n}", r.region().label()))
                .collect();
            text.push_str(&format!(", on {}", words::first_of(&on, PLACES_SHOWN)));
        }
        items.push(Item {
            lead: Some(format!("{name} applied")),
            ..Item::line(text)
        });
    }
    if kinds > APPLIED_SHOWN {
        items.push(Item::line(format!(
            "{} more treatments applied: sensemap treatment list",
            kinds - APPLIED_SHOWN
        )));
    }
    items
}

/// A course: dates and doses, its note, and its before/after when
/// `compared` (else where to see it).
fn course(c: &CourseInPeriod, compared: bool) -> Item {
    let mut item = Item {
        lead: Some(c.name.clone()),
        ..Item::line(words::course_line(c))
    };
    if let Some(note) = &c.course.note {
        item.under
            .push(format!("Note: {}", words::clipped(note, NOTE_CHARS)));
    }
    if !compared {
        item.under.push(format!(
            "Before and after: sensemap treatment compare {}",
            c.course.treatment
        ));
        return item;
    }
    // A course whose weeks after have not come says so once.
    if let Comparison::NotEnough(reason) = &c.overall {
        item.under.push(format!("Not compared: {reason}."));
        return item;
    }
    if let Some((regions, _)) = &c.focused {
        let names: Vec<&str> = regions.iter().map(|r| r.region().name.as_str()).collect();
        item.under
            .push(format!("Most affected before it: {}.", names.join(", ")));
    }
    let mut compare = |title: String, comparison: &Comparison| match comparison {
        Comparison::NotEnough(reason) => {
            item.under.push(format!("{title}: not compared, {reason}."));
        }
        Comparison::Done { before, after, .. } => {
            if item.comparisons.is_empty() {
                let stopped = c.course.stop.is_some_and(|stop| stop <= after.to);
                let so_far = match (after.cut_short, stopped) {
                    (false, _) => "",
                    (true, true) => ", up to its stop",
                    (true, false) => ", so far",
                };
                item.under.push(format!(
                    "Below: the 4 weeks before the start against weeks 2-6 after{so_far}."
                ));
            }
            item.comparisons
                .push((title, words::measures(before, after)));
        }
    };
    compare("All regions".to_string(), &c.overall);
    if let Some((_, focused)) = &c.focused {
        compare("Most affected".to_string(), focused);
    }
    if !c.overlapping.is_empty() {
        item.under.push(format!(
            "Also running then, so part of any change may be theirs: {}",
            c.overlapping.join(", ")
        ));
    }
    item
}

/// What is new, and the flagged episodes.
pub fn worth_mentioning(report: &Report, sensations: &SensationCatalogue) -> Vec<Item> {
    let new = match &report.new {
        None => "New in this period: nothing was logged in the 90 days before, so nothing can be called new.".to_string(),
        Some(new) if new.regions.is_empty() && new.sensations.is_empty() => {
            "New in this period: nothing; every region and sensation was also logged in the 90 days before.".to_string()
        }
        Some(new) => {
            let mut parts: Vec<String> = new.sensations.iter().map(|id| sensations.name_of(id).to_string()).collect();
            parts.extend(new.regions.iter().map(|r| r.region().label()));
            format!(
                "New in this period (not logged in the 90 days before): {}",
                words::first_of(&parts, NEW_SHOWN)
            )
        }
    };
    let mut items = vec![Item::line(new)];
    for f in report.flags.iter().take(FLAGS_SHOWN) {
        let places: Vec<&str> = f.regions.iter().map(|r| r.region().name.as_str()).collect();
        items.push(Item::line(format!(
            "{}: {} in {} {}; tags logged within 3 days: {}",
            f.at.format("%Y-%m-%d"),
            sensations.name_of(&f.sensation),
            places.join(", "),
            words::flag_reason(f),
            words::tags(&f.tags_around)
        )));
    }
    if report.flags.len() > FLAGS_SHOWN {
        items.push(Item::line(format!(
            "{} more such episodes in the period.",
            report.flags.len() - FLAGS_SHOWN
        )));
    }
    if report.flags.is_empty() {
        items.push(Item::line(
            "No episode lasted more than 24 hours or came back worse.".into(),
        ));
    }
    items
}

/// The notes of the strongest episodes.
pub fn notes(report: &Report) -> Vec<Item> {
    report
        .quotes
        .iter()
        .map(|q| {
            Item::line(format!(
                "{} {} {}: {}",
                q.at.format("%Y-%m-%d"),
                q.sensation,
                q.intensity,
                words::clipped(&q.note, NOTE_CHARS)
            ))
        })
        .collect()
}
