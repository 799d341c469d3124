//! What is worth mentioning about a period, described and never diagnosed:
//! what is new in it, episodes that lasted or came back worse, and which
//! patient-reported DN4 items its sensations match.

use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, FixedOffset};
use ulid::Ulid;

use crate::domain::entry::Entry;
use crate::domain::region::RegionId;
use crate::domain::sensation::SensationId;

/// How far back "new" and "came back worse" look: 90 days.
pub const LOOKBACK_DAYS: i64 = 90;
/// Days a flag keeps another from being raised: 30.
pub const FLAG_GAP_DAYS: i64 = 30;
/// Days without a sensation in a place before it counts as coming back.
pub const ABSENT_DAYS: i64 = 7;
/// Points above its highest in the 90 days before that make a sensation
/// "worse" when it comes back.
pub const WORSE_BY: u8 = 2;
/// Days either side of a flag whose tags are gathered.
pub const TAG_DAYS: i64 = 3;

/// What is new in a period: not logged in the 90 days before it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewInPeriod {
    /// Regions with entries in the period and none in the 90 days before.
    pub regions: Vec<RegionId>,
    /// Sensation types likewise.
    pub sensations: Vec<SensationId>,
}

/// What is new in `[since, until]` against the 90 days before `since`;
/// `None` when nothing was logged in those 90 days, so nothing can be
/// called new.
pub fn new_in_period(
    entries: &[Entry],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> Option<NewInPeriod> {
    let lookback = since - Duration::days(LOOKBACK_DAYS);
    let before: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.at >= lookback && e.at < since)
        .collect();
    if before.is_empty() {
        return None;
    }
    let seen_regions: BTreeSet<RegionId> = before.iter().flat_map(|e| e.regions.ids()).collect();
    let seen_sensations: BTreeSet<&SensationId> = before.iter().map(|e| &e.sensation).collect();
    let within = entries.iter().filter(|e| e.at >= since && e.at <= until);
    let mut new = NewInPeriod::default();
    let mut regions = BTreeSet::new();
    let mut sensations = BTreeSet::new();
    for e in within {
        regions.extend(e.regions.ids().filter(|r| !seen_regions.contains(r)));
        if !seen_sensations.contains(&e.sensation) {
            sensations.insert(e.sensation);
        }
    }
    new.regions = regions.into_iter().collect();
    new.sensations = sensations.into_iter().collect();
    Some(new)
}

/// Why an episode was flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagReason {
    /// It lasted more than 24 hours.
    Lasted {
        /// How long, in seconds.
        seconds: u64,
    },
    /// The same sensation in the same place, after a week or more without
    /// it, at least [`WORSE_BY`] points above its highest in the 90 days
    /// before.
    BackWorse {
        /// The highest intensity it had in those 90 days.
        highest_before: u8,
    },
}

/// An episode worth mentioning, with the tags logged around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// The entry's id.
    pub id: Ulid,
    /// When it was felt.
    pub at: DateTime<FixedOffset>,
    /// What.
    pub sensation: SensationId,
    /// Where.
    pub regions: Vec<RegionId>,
    /// Its intensity.
    pub intensity: u8,
    /// Why it was flagged.
    pub reason: FlagReason,
    /// Tags of the entries within three days of it, most used first.
    pub tags_around: Vec<(String, u32)>,
}

/// Episodes in `[since, until]` that lasted more than 24 hours or came back
/// worse, each at least 30 days after the one before (earlier flags in the
/// 90 days before the period count too, so one worsening is flagged once).
pub fn flags(
    entries: &[Entry],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> Vec<Flag> {
    let lookback = since - Duration::days(LOOKBACK_DAYS);
    let mut window: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.at >= lookback - Duration::days(LOOKBACK_DAYS) && e.at <= until)
        .collect();
    window.sort_by_key(|e| (e.at, e.id));
    // Per sensation and place, the times and intensities seen so far.
    let mut history: History = FxHashMap::default();
    let mut last_flag: Option<DateTime<FixedOffset>> = None;
    let mut out = Vec::new();
    for e in &window {
        let reason = if e.at < lookback {
            None
        } else {
            reason(e, &history)
        };
        for r in e.regions.ids() {
            history
                .entry((&e.sensation, r))
                .or_default()
                .push((e.at, e.intensity.value()));
        }
        let Some(reason) = reason else { continue };
        if last_flag.is_some_and(|t| e.at - t < Duration::days(FLAG_GAP_DAYS)) {
            continue;
        }
        last_flag = Some(e.at);
        if e.at >= since {
            out.push(Flag {
                id: e.id,
                at: e.at,
                sensation: e.sensation,
                regions: e.regions.ids().collect::<Vec<_>>(),
                intensity: e.intensity.value(),
                reason,
                tags_around: tags_around(&window, e.at),
            });
        }
    }
    out
}

/// Per sensation and place, when it was felt and how strongly, oldest first.
type History<'a> = FxHashMap<(&'a SensationId, RegionId), Vec<(DateTime<FixedOffset>, u8)>>;

/// Why `e` is worth a flag, given what came before it.
fn reason(e: &Entry, history: &History) -> Option<FlagReason> {
    if let Some(seconds) = e.duration_s.filter(|&s| s > 24 * 3600) {
        return Some(FlagReason::Lasted { seconds });
    }
    let from = e.at - Duration::days(LOOKBACK_DAYS);
    let absent_from = e.at - Duration::days(ABSENT_DAYS);
    let mut highest: Option<u8> = None;
    for r in e.regions.ids() {
        let Some(seen) = history.get(&(&e.sensation, r)) else {
            continue;
        };
        // Oldest first: the 90 days are a tail, found by bisection.
        let recent = &seen[seen.partition_point(|(at, _)| *at < from)..];
        if recent.is_empty() || recent.last().is_some_and(|(at, _)| *at >= absent_from) {
            continue;
        }
        let top = recent.iter().map(|(_, i)| *i).max().unwrap_or(0);
        if e.intensity.value() >= top.saturating_add(WORSE_BY) {
            highest = Some(highest.map_or(top, |h| h.max(top)));
        }
    }
    highest.map(|highest_before| FlagReason::BackWorse { highest_before })
}

/// Tags of the entries within [`TAG_DAYS`] of `at`, most used first.
fn tags_around(window: &[&Entry], at: DateTime<FixedOffset>) -> Vec<(String, u32)> {
    let span = Duration::days(TAG_DAYS);
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for e in window.iter().filter(|e| (e.at - at).abs() <= span) {
        for tag in &e.tags {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, u32)> = counts
        .into_iter()
        .map(|(tag, n)| (tag.to_string(), n))
        .collect();
    out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    out
}

/// The seven patient-reported items of the DN4 questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dn4Item {
    /// Burning.
    Burning,
    /// Painful cold.
    PainfulCold,
    /// Electric shocks.
    ElectricShocks,
    /// Tingling.
    Tingling,
    /// Pins and needles.
    PinsAndNeedles,
    /// Numbness.
    Numbness,
    /// Itching.
    Itching,
}

impl Dn4Item {
    /// Every item, in the questionnaire's order.
    pub const ALL: [Dn4Item; 7] = [
        Dn4Item::Burning,
        Dn4Item::PainfulCold,
        Dn4Item::ElectricShocks,
        Dn4Item::Tingling,
        Dn4Item::PinsAndNeedles,
        Dn4Item::Numbness,
        Dn4Item::Itching,
    ];

    /// The item as the questionnaire words it.
    pub fn label(self) -> &'static str {
        match self {
            Dn4Item::Burning => "Burning",
            Dn4Item::PainfulCold => "Painful cold",
            Dn4Item::ElectricShocks => "Electric shocks",
            Dn4Item::Tingling => "Tingling",
            Dn4Item::PinsAndNeedles => "Pins and needles",
            Dn4Item::Numbness => "Numbness",
            Dn4Item::Itching => "Itching",
        }
    }

    /// The built-in sensation types that report this item. Crawling is the
    /// French original's "fourmillements", prickling its "picotements".
    pub fn sensations(self) -> &'static [&'static str] {
        match self {
            Dn4Item::Burning => &["burning"],
            Dn4Item::PainfulCold => &["ice-cold"],
            Dn4Item::ElectricShocks => &["electric"],
            Dn4Item::Tingling => &["tingling", "crawling"],
            Dn4Item::PinsAndNeedles => &["pins-and-needles", "prickling"],
            Dn4Item::Numbness => &["numbness"],
            Dn4Item::Itching => &["itching"],
        }
    }
}

/// Entries in `[since, until]` matching each DN4 item, in the
/// questionnaire's order; an item with 0 did not appear.
pub fn dn4_items(
    entries: &[Entry],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> Vec<(Dn4Item, u32)> {
    let mut counts = [0u32; 7];
    for e in entries.iter().filter(|e| e.at >= since && e.at <= until) {
        for (i, item) in Dn4Item::ALL.iter().enumerate() {
            if item.sensations().contains(&e.sensation.as_str()) {
                counts[i] += 1;
            }
        }
    }
    Dn4Item::ALL.into_iter().zip(counts).collect()
}

#[cfg(test)]
mod tests;
