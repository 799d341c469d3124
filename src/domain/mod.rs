//! Pure domain model: regions, sensations, entries and the queries that
//! count them. No terminal, no files.

pub mod body_map;
pub mod entry;
pub mod generate;
pub mod journal;
pub mod places;
pub mod query;
pub mod region;
pub mod region_set;
pub mod report;
pub mod sensation;
pub mod sensation_id;
pub mod treatment;
pub mod when;

pub use entry::{
    Draft, Entry, EntryError, Intensity, Regions, YearMonth, check_not_future, split_tags,
};
pub use journal::{Change, Delta, Entries};
pub use query::{
    ClassCount, Filter, HEAT_STEPS, HeatScale, Metric, RegionStats, RegionTally, SensationFilter,
    class_summary, sensation_breakdown, week_start, weekly_counts,
};
pub use region::{Catalogue, Region, RegionId, Side, UnknownRegion, View};
pub use sensation::{SensationCatalogue, SensationClass, SensationId, SensationType};
