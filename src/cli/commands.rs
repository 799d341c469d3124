//! What each subcommand does. Parsing and validation happen here; the work
//! itself is the domain's and the store's.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local};
use directories::ProjectDirs;

use super::output;
use super::{Cli, CliError, Command, ExportArgs, ExportFormat, FilterArgs, ListArgs, StatsArgs};
use crate::app::keymap::Keymap;
use crate::app::{Palette, ThemeName};
use crate::domain::when::Zone;
use crate::domain::{Filter, RegionTally, SensationCatalogue, SensationClass, SensationFilter};
use crate::store::{FsStore, Journal, Loaded, config};

/// Where things are and what time it is, for one run.
#[derive(Clone)]
pub(super) struct Context {
    pub(super) data_dir: PathBuf,
    pub(super) config: PathBuf,
    /// What the config file holds.
    pub(super) settings: config::Config,
    /// The keys in use, from the built-in ones and the config.
    pub(super) keymap: Keymap,
    /// The theme asked for; `None` for auto (from the terminal).
    pub(super) theme: Option<ThemeName>,
    pub(super) now: DateTime<Local>,
    /// The clock `now` came from, for what is read later ("now" answered
    /// after a minute of typing).
    pub(super) clock: fn() -> DateTime<Local>,
}

/// A theme by name; `None` for `auto`.
fn theme_named(text: &str) -> Result<Option<ThemeName>, String> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    text.parse().map(Some)
}

/// The colours a config sets, by name.
fn colors_of(settings: &config::Config) -> impl Iterator<Item = (&str, &str)> {
    settings
        .colors
        .iter()
        .map(|(slot, colour)| (slot.as_str(), colour.as_str()))
}

impl Context {
    /// Resolves directories from flags, environment and platform defaults.
    fn new(cli: &Cli) -> Result<Context, CliError> {
        let dirs = ProjectDirs::from("", "", "sensemap");
        let data_dir = match (&cli.data_dir, &dirs) {
            (Some(dir), _) => dir.clone(),
            (None, Some(d)) => d.data_dir().to_path_buf(),
            (None, None) => {
                return Err(CliError::Other(
                    "no home directory found; pass --data-dir DIR".into(),
                ));
            }
        };
        let config = match (&cli.config, &dirs) {
            (Some(file), _) if !file.exists() => {
                return Err(CliError::Usage(format!(
                    "--config {}: no such file (leave it out to use the default, {})",
                    file.display(),
                    dirs.as_ref().map_or_else(
                        || "config.ron in the data folder".to_string(),
                        |d| d.config_dir().join("config.ron").display().to_string()
                    )
                )));
            }
            (Some(file), _) => file.clone(),
            (None, Some(d)) => d.config_dir().join("config.ron"),
            (None, None) => data_dir.join("config.ron"),
        };
        // Read once, and checked whole for every command, keys included, so
        // a mistake shows the first time it is read, not only in the app.
        let settings = config::load_config(&config)?;
        let keymap = Keymap::remapped(&settings.key_lists())
            .map_err(|e| CliError::Usage(format!("{e} ({})", config.display())))?;
        // An empty SENSEMAP_THEME is as good as none, as with NO_COLOR.
        let theme = match cli.theme.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(text) => theme_named(text)
                .map_err(|e| CliError::Usage(format!("--theme (or SENSEMAP_THEME): {e}")))?,
            None if settings.theme.trim().is_empty() => None,
            None => theme_named(&settings.theme)
                .map_err(|e| CliError::Usage(format!("theme: {e} ({})", config.display())))?,
        };
        // Checked now, for every command, so a typo shows at once.
        Palette::themed(ThemeName::Dark, colors_of(&settings))
            .map_err(|e| CliError::Usage(format!("{e} ({})", config.display())))?;
        Ok(Context {
            data_dir,
            config,
            settings,
            keymap,
            theme,
            now: super::now(),
            clock: super::now,
        })
    }

    /// The colours `config.ron` sets, by name.
    pub(super) fn colors(&self) -> Vec<(String, String)> {
        self.settings
            .colors
            .iter()
            .map(|(slot, colour)| (slot.clone(), colour.clone()))
            .collect()
    }

    pub(super) fn journal(&self) -> Journal<FsStore> {
        Journal::new(FsStore::new(&self.data_dir))
    }

    pub(super) fn sensations(&self) -> Result<SensationCatalogue, CliError> {
        Ok(config::sensations_of(&self.config, self.settings.clone())?)
    }

    /// Reads a time given to `flag`.
    pub(super) fn when(&self, flag: &str, text: &str) -> Result<DateTime<FixedOffset>, CliError> {
        self.read_time(text)
            .map_err(|e| CliError::Usage(format!("{flag}: {e}")))
    }

    /// Reads a time as the person wrote it, or says why it is not one.
    pub(super) fn read_time(&self, text: &str) -> Result<DateTime<FixedOffset>, String> {
        self.read_time_as_of(text, self.now)
    }

    /// Reads a time as the person wrote it, "now" and "2h ago" counted
    /// from `now`.
    pub(super) fn read_time_as_of(
        &self,
        text: &str,
        now: DateTime<Local>,
    ) -> Result<DateTime<FixedOffset>, String> {
        Zone::Local
            .read(text, now.fixed_offset(), self.settings.date_order)
            .map_err(|e| e.to_string())
    }

    /// A context for tests: built-in settings, a data folder that is not
    /// there, and a clock stopped at `clock()`.
    #[cfg(test)]
    pub(super) fn for_tests(clock: fn() -> DateTime<Local>) -> Context {
        Context {
            data_dir: "/nonexistent/sensemap-data".into(),
            config: "/nonexistent/sensemap-config.ron".into(),
            settings: config::Config::default(),
            keymap: (*Keymap::standard()).clone(),
            theme: None,
            now: clock(),
            clock,
        }
    }

    /// This context at this moment: for what is saved after a person took
    /// their time answering.
    pub(super) fn as_of_now(&self) -> Context {
        Context {
            now: (self.clock)(),
            ..self.clone()
        }
    }

    /// Builds the query filter from the shared flags.
    pub(super) fn filter(
        &self,
        args: &FilterArgs,
        sensations: &SensationCatalogue,
    ) -> Result<Filter, CliError> {
        let sensation = match &args.sensation {
            None => None,
            Some(text) => Some(match SensationClass::parse(text) {
                Some(class) => SensationFilter::Class(class),
                None => SensationFilter::Type(
                    sensations
                        .lookup(text)
                        .map_err(|e| CliError::Usage(format!("--sensation: {e}")))?,
                ),
            }),
        };
        let since = args
            .since
            .as_deref()
            .map(|t| self.when("--since", t))
            .transpose()?;
        // A day alone as --until includes that day.
        let until = args
            .until
            .as_deref()
            .map(|t| {
                Zone::Local
                    .read_until(t, self.now.fixed_offset(), self.settings.date_order)
                    .map_err(|e| CliError::Usage(format!("--until: {e}")))
            })
            .transpose()?;
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(CliError::Usage(format!(
                "--since ({}) is after --until ({}): nothing can lie between them",
                since.format("%Y-%m-%d %H:%M"),
                until.format("%Y-%m-%d %H:%M")
            )));
        }
        Ok(Filter {
            since,
            until,
            region: args.region,
            sensation,
            text: None,
        })
    }

    /// Loads the entries a filter can match, warning about unreadable months.
    pub(super) fn load(&self, filter: &Filter) -> Result<Loaded, CliError> {
        let journal = self.journal();
        let loaded = match filter.since {
            Some(since) => journal.load_since(since)?,
            None => journal.load_all()?,
        };
        for problem in &loaded.problems {
            eprintln!(
                "sensemap: warning: skipped {}: {}",
                problem.month, problem.error
            );
        }
        for notice in &loaded.notices {
            eprintln!(
                "sensemap: note: {} is read-only: {}",
                notice.month, notice.error
            );
        }
        note_strays(&loaded.strays);
        Ok(loaded)
    }
}

/// Says which stray copies were found and what became of their entries.
pub(super) fn note_strays(strays: &[crate::store::StrayFile]) {
    for stray in strays {
        match &stray.content {
            Ok(content) => eprintln!(
                "sensemap: note: {}; its {} shown with the rest; {}",
                super::output::printable(&stray.stray.to_string()),
                plural(content.data().entries.len(), "entry is", "entries are"),
                match content.why_not_mergeable() {
                    None => "`sensemap doctor --fix` merges it into its month".to_string(),
                    Some(why) => format!(
                        "it is not merged automatically: {}",
                        super::output::printable(&why)
                    ),
                }
            ),
            Err(e) => eprintln!(
                "sensemap: warning: {}, and it cannot be read: {}",
                super::output::printable(&stray.stray.to_string()),
                super::output::printable(&e.to_string()),
            ),
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli, typed: super::Typed) -> Result<(), CliError> {
    if matches!(cli.command, Some(Command::Demo)) && typed.data_dir {
        return Err(CliError::Usage(
            "demo runs on a generated sample in a temporary folder and never touches a journal; \
             to open yours, run sensemap --data-dir DIR"
                .into(),
        ));
    }
    let ctx = Context::new(&cli)?;
    match cli.command {
        None => super::launch::open_app(&ctx.data_dir, &ctx, true),
        Some(Command::Demo) => super::launch::demo(&ctx),
        Some(Command::Log(args)) => super::log::log(&ctx, args),
        Some(Command::List(args)) => list(&ctx, &args),
        Some(Command::Regions(args)) => print(&output::regions(args.format)),
        Some(Command::Sensations(args)) => {
            print(&output::sensations(&ctx.sensations()?, args.format))
        }
        Some(Command::Stats(args)) => stats(&ctx, &args),
        Some(Command::Export(args)) => export(&ctx, &args),
        Some(Command::Map(args)) => super::map::map(&ctx, &args),
        Some(Command::Treatment(command)) => super::treatment::run(&ctx, command),
        Some(Command::Import(args)) => super::import::import(&ctx, &args),
        Some(Command::Report(args)) => super::report::report(&ctx, &args),
        Some(Command::Generate(args)) => super::launch::generate_history(&ctx, &args),
        Some(Command::Delete(args)) => super::upkeep::delete(&ctx, &args),
        Some(Command::Doctor(args)) => super::upkeep::doctor(&ctx, &args),
        Some(Command::Backups) => super::upkeep::backups(&ctx),
        Some(Command::Restore(args)) => super::upkeep::restore(&ctx, &args),
    }
}

/// Writes text to standard output; a closed pipe is not an error.
pub(super) fn print(text: &str) -> Result<(), CliError> {
    output::emit(None, |out| out.write_all(text.as_bytes()))
}

fn list(ctx: &Context, args: &ListArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let filter = ctx.filter(&args.filter, &sensations)?;
    let loaded = ctx.load(&filter)?;
    let entries: Vec<_> = loaded
        .entries
        .iter()
        .filter(|e| filter.matches(e, &sensations))
        .collect();
    if entries.is_empty() && matches!(args.format, super::EntriesFormat::Table) {
        eprintln!("{}", nothing_listed(ctx, &loaded, &args.filter));
        return Ok(());
    }
    eprintln!("{}", plural(entries.len(), "entry", "entries"));
    match args.format {
        super::EntriesFormat::Table => print(&output::entries_table(&entries, &sensations)),
        // Written row by row as made: a long history is never held whole.
        super::EntriesFormat::Json => output::emit(None, |out| {
            super::exchange::write_export(
                out,
                &entries,
                &sensations,
                ExportFormat::Json,
                crate::domain::Metric::Episodes,
            )
        }),
        super::EntriesFormat::Csv => output::emit(None, |out| {
            super::exchange::write_export(
                out,
                &entries,
                &sensations,
                ExportFormat::Csv,
                crate::domain::Metric::Episodes,
            )
        }),
    }
}

/// Why `list` shows nothing: an empty journal, or a filter nothing passes.
fn nothing_listed(ctx: &Context, loaded: &Loaded, filter: &FilterArgs) -> String {
    let filtered = filter.since.is_some()
        || filter.until.is_some()
        || filter.region.is_some()
        || filter.sensation.is_some();
    match (loaded.entries.is_empty(), filtered) {
        (true, false) => format!(
            "No entries yet in {}: log one with sensemap log, or open the app with sensemap",
            ctx.data_dir.display()
        ),
        _ => "No entries match these filters".to_string(),
    }
}

/// "1 entry", "3 entries".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn stats(ctx: &Context, args: &StatsArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let filter = ctx.filter(&args.filter, &sensations)?;
    let loaded = ctx.load(&filter)?;
    let tally = RegionTally::from_entries(&loaded.entries, &filter, &sensations);
    print(&output::stats(&tally.ranked(), args.format))
}

fn export(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    let sensations = ctx.sensations()?;
    let filter = ctx.filter(&args.filter, &sensations)?;
    let loaded = ctx.load(&filter)?;
    let entries: Vec<_> = loaded
        .entries
        .iter()
        .filter(|e| filter.matches(e, &sensations))
        .collect();
    // Written row by row as made: a long history is never held whole.
    match args.format {
        ExportFormat::Json => {
            // A damaged treatments file must not keep the entries from
            // being exported.
            let treatments = ctx.journal().load_treatments().unwrap_or_else(|e| {
                eprintln!("sensemap: warning: treatments left out: {e}");
                Default::default()
            });
            let period = super::exchange::treatments_in(&treatments, filter.since, filter.until);
            output::emit(args.output.as_deref(), |out| {
                super::exchange::write_bundle_json(out, &entries, &sensations, &period)
            })
        }
        format => output::emit(args.output.as_deref(), |out| {
            super::exchange::write_export(out, &entries, &sensations, format, args.metric.into())
        }),
    }
}
