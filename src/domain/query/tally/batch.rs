//! Counting many entries at once, a day at a time: what a recount from
//! scratch does. Entries come in time order, so one day's entries arrive
//! together; their counts are gathered in plain arrays and put into the
//! per-day maps once per day, instead of once per entry and region. The
//! result is the same as adding each entry in turn (a test holds it so),
//! in whatever order the entries come.

use chrono::NaiveDate;

use super::{RegionTally, bump};
use crate::domain::entry::Entry;
use crate::domain::sensation::{SensationCatalogue, SensationClass};

/// Counts gathered for the day being read, and per region and type for
/// the whole run.
pub(super) struct DayBatch<'a> {
    sensations: &'a SensationCatalogue,
    day: Option<NaiveDate>,
    /// Entries of the day per region, and which regions have any.
    today_per_region: Vec<u32>,
    touched: Vec<usize>,
    /// Entries of the day per class (slot 3: an unknown type).
    today_per_class: [u32; 4],
    today: u32,
    /// Entries per region and catalogue type, over the whole run.
    per_region_type: Vec<u32>,
}

/// The slot of a class in the per-class arrays.
fn class_slot(class: Option<SensationClass>) -> usize {
    match class {
        Some(SensationClass::Paresthesia) => 0,
        Some(SensationClass::Dysesthesia) => 1,
        Some(SensationClass::Hypoesthesia) => 2,
        None => 3,
    }
}

/// The class of each slot.
const SLOT_CLASSES: [Option<SensationClass>; 4] = [
    Some(SensationClass::Paresthesia),
    Some(SensationClass::Dysesthesia),
    Some(SensationClass::Hypoesthesia),
    None,
];

impl<'a> DayBatch<'a> {
    /// An empty batch for a tally with `regions` regions.
    pub(super) fn new(regions: usize, sensations: &'a SensationCatalogue) -> DayBatch<'a> {
        DayBatch {
            sensations,
            day: None,
            today_per_region: vec![0; regions],
            touched: Vec::with_capacity(regions),
            today_per_class: [0; 4],
            today: 0,
            per_region_type: vec![0; regions * sensations.types().len()],
        }
    }

    /// Counts one entry into `tally`.
    pub(super) fn add(&mut self, tally: &mut RegionTally, entry: &Entry) {
        let day = entry.day();
        if self.day != Some(day) {
            self.flush_day(tally);
            self.day = Some(day);
        }
        let types = self.sensations.types().len();
        let known = self.sensations.index_of(entry.sensation);
        let intensity = u64::from(entry.intensity.value());
        for region in entry.regions.ids() {
            let i = region.index();
            tally.episodes[i] = tally.episodes[i].saturating_add(1);
            tally.intensity_sum[i] += intensity;
            if self.today_per_region[i] == 0 {
                self.touched.push(i);
            }
            self.today_per_region[i] += 1;
            match known {
                Some(t) => self.per_region_type[i * types + t] += 1,
                None => bump(&mut tally.per_sensation[i], &entry.sensation, 1),
            }
        }
        let class = known.map(|t| self.sensations.types()[t].class);
        self.today_per_class[class_slot(class)] += 1;
        self.today += 1;
    }

    /// Puts the day's counts into the per-day maps.
    fn flush_day(&mut self, tally: &mut RegionTally) {
        let Some(day) = self.day.take() else {
            return;
        };
        for &i in &self.touched {
            tally.entries_per_day[i].add(day, self.today_per_region[i]);
            self.today_per_region[i] = 0;
        }
        self.touched.clear();
        for (slot, n) in self.today_per_class.iter_mut().enumerate() {
            if *n > 0 {
                let class = SLOT_CLASSES[slot];
                let episodes = tally.class_episodes.entry(class).or_insert(0);
                *episodes = episodes.saturating_add(*n);
                tally.class_days.entry(class).or_default().add(day, *n);
                *n = 0;
            }
        }
        tally.days.add(day, self.today);
        self.today = 0;
    }

    /// Puts what is left into `tally`: the last day, and the counts per
    /// region and type.
    pub(super) fn finish(mut self, tally: &mut RegionTally) {
        self.flush_day(tally);
        let types = self.sensations.types().len();
        if types == 0 {
            return;
        }
        for (cell, &n) in self.per_region_type.iter().enumerate() {
            if n > 0 {
                let id = self.sensations.id_at(cell % types);
                let count = tally.per_sensation[cell / types].entry(id).or_insert(0);
                *count = count.saturating_add(n);
            }
        }
    }
}
