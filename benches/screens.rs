//! How long the app takes with the large history of
//! `sensemap generate --years 10 --per-day 30` (about 116,000 entries):
//! building its state, drawing each screen, the keys that recompute, and
//! the first frame against a small history.

use std::hint::black_box;

use chrono::{DateTime, FixedOffset, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sensemap::app::{Action, App, Screen, Zone};
use sensemap::domain::body_map::Direction;
use sensemap::domain::generate::{GenerateSpec, generate};
use sensemap::domain::{Change, Entry, SensationCatalogue};
use sensemap::runtime::{Options, Runtime};
use sensemap::store::{FsStore, Journal};

fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap_or_else(|| unreachable!())
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-11T10:00:00+01:00").unwrap_or_else(|_| unreachable!())
}

/// Ten years at thirty entries a day, as `generate --years 10 --per-day 30`.
fn large_history() -> Vec<Entry> {
    let spec = GenerateSpec {
        start: NaiveDate::from_ymd_opt(2016, 3, 11).unwrap_or_default(),
        end: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap_or_default(),
        per_day: 30.0,
        seed: 1,
    };
    generate(&spec, &offset())
}

fn app(entries: Vec<Entry>) -> App {
    let mut app = App::new(
        entries,
        SensationCatalogue::built_in(),
        vec![],
        now(),
        Zone::Fixed(offset()),
    );
    app.update(Action::Resize {
        width: 160,
        height: 50,
    });
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let _ = terminal.draw(|frame| frame.render_widget(app, frame.area()));
}

fn screens(c: &mut Criterion) {
    let entries = large_history();
    let mut group = c.benchmark_group("large history");
    group.sample_size(20);
    group.bench_function("build app state (heat-map, timeline, charts)", |b| {
        b.iter(|| black_box(app(entries.clone())));
    });

    let mut state = app(entries.clone());
    state.update(Action::TreatmentsLoaded(Ok(
        sensemap::domain::treatment::demo_treatments(now()),
    )));
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap_or_else(|_| unreachable!());
    for (name, screen) in [
        ("draw body map 160x50", Screen::BodyMap),
        ("draw timeline 160x50", Screen::Timeline),
        ("draw charts 160x50", Screen::Charts),
        ("draw treatments 160x50", Screen::Treatments),
    ] {
        state.update(Action::ShowScreen(screen));
        group.bench_function(name, |b| b.iter(|| draw(&mut terminal, &state)));
    }

    state.update(Action::ShowScreen(Screen::Timeline));
    group.bench_function("timeline page down and back up", |b| {
        b.iter(|| {
            state.update(Action::PageDown);
            state.update(Action::PageUp)
        })
    });
    state.update(Action::ShowScreen(Screen::Charts));
    // From the default 30 days: 90 days, a year, all time.
    for _ in 0..3 {
        state.update(Action::CycleWindow);
    }
    assert_eq!(state.journal.heat.window, sensemap::app::TimeWindow::All);
    group.bench_function("charts next region, all ten years", |b| {
        b.iter(|| state.update(Action::Move(Direction::Down)));
    });
    group.bench_function("heat-map window change (recount)", |b| {
        b.iter(|| state.update(Action::CycleWindow))
    });

    // One entry in and out again through the change path, all views kept.
    let mut logged = entries[entries.len() / 2].clone();
    logged.id = ulid::Ulid::from_parts(1, 1);
    group.bench_function("one change in and out, every view updated", |b| {
        b.iter(|| {
            state.apply(Change::Added(logged.clone()), None);
            state.apply(Change::Removed(logged.id), None);
        })
    });
    group.finish();
}

fn storage(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
    let journal = Journal::new(FsStore::new(dir.path()));
    let _ = journal.add_many(large_history());
    let mut group = c.benchmark_group("large history on disk");
    group.sample_size(10);
    group.bench_function("load all 121 month files", |b| {
        b.iter(|| black_box(journal.load_all()))
    });
    group.finish();
}

/// A data directory holding `years` of history at `per_day`, ending yesterday.
fn data_dir(years: i64, per_day: f64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
    let end = now().date_naive() - chrono::Duration::days(1);
    let spec = GenerateSpec {
        start: end - chrono::Duration::days(365 * years),
        end,
        per_day,
        seed: 1,
    };
    let _ = Journal::new(FsStore::new(dir.path())).add_many(generate(&spec, &offset()));
    dir
}

/// The runtime as the app starts it on `dir`.
fn start(dir: &std::path::Path, options: Options) -> Runtime {
    Runtime::start(
        Journal::new(FsStore::new(dir)),
        SensationCatalogue::built_in(),
        Box::new(now),
        Zone::Fixed(offset()),
        options,
    )
}

/// From nothing to the first frame drawn: list the months, load the
/// heat-map's window, build the state, draw. The older months load after.
fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first frame");
    group.sample_size(20);
    let quiet = Options {
        watch: false,
        force_polling: false,
        tick: false,
        background_load: false,
    };
    for (name, years, per_day) in [
        ("a year at 3 a day (about 1k entries)", 1, 3.0),
        ("ten years at 30 a day (about 100k entries)", 10, 30.0),
    ] {
        let dir = data_dir(years, per_day);
        let mut terminal =
            Terminal::new(TestBackend::new(160, 50)).unwrap_or_else(|_| unreachable!());
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut runtime = start(dir.path(), quiet);
                runtime.dispatch(Action::Resize {
                    width: 160,
                    height: 50,
                });
                draw(&mut terminal, &runtime.app);
                black_box(runtime.app.journal.entries.len())
            })
        });
    }
    group.finish();

    // Then every older month, read and applied in the background.
    let mut group = c.benchmark_group("whole history loaded");
    group.sample_size(10);
    let dir = data_dir(10, 30.0);
    group.bench_function("ten years at 30 a day, first frame to all loaded", |b| {
        b.iter(|| {
            let options = Options {
                background_load: true,
                ..quiet
            };
            let mut runtime = start(dir.path(), options);
            let loaded = runtime.run_until(std::time::Duration::from_secs(60), |app| {
                app.journal.pending_months.is_empty()
            });
            black_box((loaded, runtime.app.journal.entries.len()))
        })
    });
    group.finish();
}

/// The body map from its geometry: rasterizing for a new terminal size,
/// and drawing a frame from the raster.
fn body_map(c: &mut Criterion) {
    use sensemap::app::layout;
    use sensemap::domain::body_map::{BodyGeometry, BodyRaster};
    let mut group = c.benchmark_group("body map");
    for (width, height) in [(80, 24), (200, 60), (300, 100)] {
        let areas =
            layout::body_map(layout::screen(ratatui::layout::Rect::new(0, 0, width, height)).body)
                .unwrap_or_else(|| unreachable!());
        let (cols, rows) = areas.figure;
        group.bench_function(
            format!("rasterize both figures for {width}x{height}"),
            |b| {
                b.iter(|| black_box(BodyRaster::new(BodyGeometry::global(), cols, rows)));
            },
        );
    }
    let mut state = app(large_history());
    state.update(Action::Resize {
        width: 200,
        height: 60,
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|_| unreachable!());
    for style in ["solid", "outline"] {
        group.bench_function(format!("draw body map 200x60, {style}"), |b| {
            b.iter(|| draw(&mut terminal, &state));
        });
        state.update(Action::ToggleMapStyle);
    }
    group.finish();
}

criterion_group!(benches, body_map, screens, storage, first_frame);
criterion_main!(benches);
