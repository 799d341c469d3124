//! `sensemap map`: the heat-map on the body outside the app.

use super::commands::{Context, print};
use super::output::write_file_atomically;
use super::{CliError, FilterArgs, MapArgs, MapFormat, MapMetric};
use chrono::{DateTime, FixedOffset};

use crate::domain::{Catalogue, Filter, Metric, RegionTally};
use crate::ui::map_export::{self, MapHeat};

impl From<MapMetric> for Metric {
    fn from(metric: MapMetric) -> Metric {
        match metric {
            MapMetric::Episodes => Metric::Episodes,
            MapMetric::Days => Metric::DaysAffected,
            MapMetric::Mean => Metric::MeanIntensity,
        }
    }
}

/// Counts the entries the flags pick and writes the map.
pub fn map(ctx: &Context, args: &MapArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let filter_args = FilterArgs {
        since: args.since.clone(),
        until: args.until.clone(),
        region: None,
        sensation: args.sensation.clone(),
    };
    let filter = ctx.filter(&filter_args, &sensations)?;
    let loaded = ctx.load(&filter)?;
    let tally = RegionTally::from_entries(&loaded.entries, &filter, &sensations);
    if Catalogue::global()
        .ids()
        .all(|r| tally.get(r).episodes == 0)
    {
        // Still the map, but say so: a mistyped --data-dir looks the same.
        eprintln!(
            "sensemap: no entries {} in {}",
            when(&filter),
            ctx.data_dir.display()
        );
    }
    let metric = Metric::from(args.metric);
    let heat = MapHeat::of(&tally, metric, title(args, &filter, metric));
    let text = match args.format {
        MapFormat::Text => map_export::text(&heat),
        MapFormat::Svg => map_export::svg(&heat),
    };
    match &args.output {
        None => print(&text),
        Some(path) => write_file_atomically(path, &text),
    }
}

/// "from 27 Oct 2026 to 26 Nov 2026", "since 1 Jan 2026", "over all time".
fn when(filter: &Filter) -> String {
    let day = |t: DateTime<FixedOffset>| t.format("%-d %b %Y").to_string();
    match (filter.since, filter.until) {
        (None, None) => "over all time".to_string(),
        (Some(since), None) => format!("since {}", day(since)),
        (None, Some(until)) => format!("until {}", day(until)),
        (Some(since), Some(until)) => format!("from {} to {}", day(since), day(until)),
    }
}

/// "Episodes since 27 Oct 2026 · tingling".
fn title(args: &MapArgs, filter: &Filter, metric: Metric) -> String {
    let what = match metric {
        Metric::Episodes => "Episodes",
        Metric::DaysAffected => "Days affected",
        Metric::MeanIntensity => "Mean intensity",
    };
    let which = args.sensation.as_deref().unwrap_or("all sensations");
    format!("{what} {} · {which}", when(filter))
}
