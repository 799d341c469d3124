//! The journal's view model: the entries in memory and what is counted from
//! them, apart from any screen's UI state.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::HeatSettings;
use crate::domain::when::Zone;
use crate::domain::{
    Entries, Entry, Filter, HeatScale, RegionTally, SensationCatalogue, YearMonth,
};

/// The entries and the counts every view draws from.
#[derive(Debug)]
pub struct JournalView {
    /// Every loaded entry, by id and in time order.
    pub entries: Entries,
    /// The sensation types.
    pub sensations: SensationCatalogue,
    /// What the heat-map and the charts count.
    pub heat: HeatSettings,
    /// The start of the heat-map's window at the last recount.
    pub heat_since: Option<DateTime<FixedOffset>>,
    /// Counts for `heat`, kept up to date as entries change.
    pub tally: RegionTally,
    /// The local day `tally` was counted on; a new day recounts.
    pub counted_day: NaiveDate,
    /// Months that could not be read.
    pub problems: Vec<String>,
    /// Months on disk not loaded yet (the background loader brings them).
    pub pending_months: BTreeSet<YearMonth>,
    /// How many months there were to load in the background.
    pub months_to_load: usize,
    /// Copies of months beside them (sync conflicts, misfiled months),
    /// described; their entries are not shown until merged.
    pub copies: Vec<String>,
    /// When each deleted id was deleted, newest over every month read: an
    /// older version of it in any month is not shown.
    pub deaths: std::collections::HashMap<ulid::Ulid, DateTime<FixedOffset>>,
    /// The deletions each month's file remembered when last read.
    pub deaths_by_month: std::collections::HashMap<
        YearMonth,
        std::collections::HashMap<ulid::Ulid, DateTime<FixedOffset>>,
    >,
}

impl JournalView {
    /// Whether `entry` is a version older than its remembered deletion.
    pub fn is_dead(&self, entry: &Entry) -> bool {
        self.deaths
            .get(&entry.id)
            .is_some_and(|&died| entry.updated <= died)
    }

    /// A view model over loaded entries, counted by [`JournalView::recount`].
    pub fn new(
        entries: Vec<Entry>,
        sensations: SensationCatalogue,
        problems: Vec<String>,
    ) -> JournalView {
        JournalView {
            entries: Entries::from_entries(entries),
            sensations,
            copies: Vec::new(),
            deaths: std::collections::HashMap::new(),
            deaths_by_month: std::collections::HashMap::new(),
            heat: HeatSettings::default(),
            heat_since: None,
            tally: RegionTally::default(),
            counted_day: NaiveDate::MIN,
            problems,
            pending_months: BTreeSet::new(),
            months_to_load: 0,
        }
    }

    /// The filter the heat-map counts with.
    pub fn heat_filter(&self) -> Filter {
        Filter {
            since: self.heat_since,
            sensation: self.heat.sensation.clone(),
            ..Filter::default()
        }
    }

    /// Counts the window from scratch.
    pub fn recount(&mut self, now: DateTime<FixedOffset>, zone: Zone) {
        // Anchored at each recount, which the ticker brings at midnight.
        self.heat_since = self.heat.window_start(now);
        self.counted_day = zone.localize(now).date_naive();
        self.tally = self.tally_from_scratch();
    }

    /// The tally as a full recount would give it.
    pub fn tally_from_scratch(&self) -> RegionTally {
        let filter = self.heat_filter();
        RegionTally::from_entries(self.entries.since(filter.since), &filter, &self.sensations)
    }

    /// The colour scale for the current counts.
    pub fn heat_scale(&self) -> HeatScale {
        HeatScale::for_tally(&self.tally, self.heat.metric)
    }

    /// True when every month that can hold entries at or after `since` is
    /// loaded, so counts over it are final.
    pub fn complete_since(&self, since: Option<DateTime<FixedOffset>>) -> bool {
        match since {
            None => self.pending_months.is_empty(),
            Some(since) => {
                let first = YearMonth::of((since - Duration::days(2)).date_naive());
                self.pending_months.range(first..).next().is_none()
            }
        }
    }

    /// True when the heat-map and charts count everything in their window.
    pub fn heat_complete(&self) -> bool {
        self.complete_since(self.heat_since)
    }

    /// How much of the history is loaded, in percent, while older months
    /// are still coming in.
    pub fn loaded_percent(&self) -> Option<usize> {
        if self.pending_months.is_empty() {
            return None;
        }
        let total = self.months_to_load.max(self.pending_months.len()).max(1);
        Some((total - self.pending_months.len()) * 100 / total)
    }

    /// "loading 2019… 45%" while older months are still coming in.
    pub fn loading_label(&self) -> Option<String> {
        let next = self.pending_months.last()?;
        Some(format!(
            "loading {}… {}%",
            next.year,
            self.loaded_percent()?
        ))
    }
}
