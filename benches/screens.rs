//! The body map from its geometry (rasterizing for a terminal size,
//! drawing), and the app's first frame with a year at 3 entries a day
//! against ten years at 30. The screens, counts, keys and changes over
//! 1k, 10k and 100k entries are in `benches/app.rs`; loading in
//! `benches/load.rs`.

use std::hint::black_box;

use chrono::{DateTime, FixedOffset, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sensemap::app::{Action, App, Zone};
use sensemap::domain::generate::{GenerateSpec, generate};
use sensemap::domain::{Entry, SensationCatalogue};
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
        ("thirty years at 90 a day (about 1M entries)", 30, 90.0),
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

criterion_group!(benches, body_map, first_frame);
criterion_main!(benches);
