//! The app over histories of about 1k, 10k and 100k entries (issue #12):
//! counting each heat-map window, drawing each screen at 200x60, a key on
//! the timeline (handled and drawn), and one change through the change
//! path with every view kept current.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sensemap::app::{Action, App, Screen, TimeWindow, Zone};
use sensemap::domain::{Change, Entry, SensationCatalogue};

#[path = "history/mod.rs"]
mod history;

/// The app over `entries`, at `width`x`height`, with demo treatments.
fn app(entries: Vec<Entry>, width: u16, height: u16) -> App {
    let mut app = App::new(
        entries,
        SensationCatalogue::built_in(),
        vec![],
        history::now(),
        Zone::Fixed(history::offset()),
    );
    app.update(Action::Resize { width, height });
    app.update(Action::TreatmentsLoaded(Ok(
        sensemap::domain::treatment::demo_treatments(history::now()),
    )));
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    let _ = terminal.draw(|frame| frame.render_widget(app, frame.area()));
}

/// Sets the heat-map window to `window`.
fn show_window(app: &mut App, window: TimeWindow) {
    for _ in 0..5 {
        if app.journal.heat.window == window {
            return;
        }
        app.update(Action::CycleWindow);
    }
}

fn aggregate(c: &mut Criterion) {
    let mut group = c.benchmark_group("heat-map count");
    for size in history::SIZES {
        let mut state = app(history::entries(size), 200, 60);
        for (name, window) in [
            ("30 days", TimeWindow::Month),
            ("90 days", TimeWindow::Quarter),
            ("a year", TimeWindow::Year),
            ("all time", TimeWindow::All),
        ] {
            show_window(&mut state, window);
            group.bench_function(format!("{name}, {}", size.label), |b| {
                b.iter(|| black_box(state.journal.tally_from_scratch()))
            });
        }
    }
    group.finish();
}

fn screens(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw at 200x60");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|_| unreachable!());
    for size in history::SIZES {
        let mut state = app(history::entries(size), 200, 60);
        show_window(&mut state, TimeWindow::All);
        for (name, screen) in [
            ("body map", Screen::BodyMap),
            ("timeline", Screen::Timeline),
            ("charts", Screen::Charts),
            ("treatments", Screen::Treatments),
        ] {
            state.update(Action::ShowScreen(screen));
            group.bench_function(format!("{name}, {}", size.label), |b| {
                b.iter(|| draw(&mut terminal, &state))
            });
        }
    }
    group.finish();
}

fn keys_and_changes(c: &mut Criterion) {
    let mut group = c.benchmark_group("keys and changes");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap_or_else(|_| unreachable!());
    for size in history::SIZES {
        let entries = history::entries(size);
        let mut state = app(entries.clone(), 200, 60);
        show_window(&mut state, TimeWindow::All);
        state.update(Action::ShowScreen(Screen::Timeline));
        group.bench_function(
            format!("timeline key down and up, drawn, {}", size.label),
            |b| {
                b.iter(|| {
                    state.update(Action::Move(sensemap::domain::body_map::Direction::Down));
                    draw(&mut terminal, &state);
                    state.update(Action::Move(sensemap::domain::body_map::Direction::Up));
                    draw(&mut terminal, &state);
                })
            },
        );
        // One entry in and out through the change path: heat-map, timeline,
        // charts and treatments all kept current.
        let mut logged = entries[entries.len() / 2].clone();
        logged.id = ulid::Ulid::from_parts(1, 1);
        group.bench_function(
            format!("one change in and out, every view, {}", size.label),
            |b| {
                b.iter(|| {
                    state.apply(Change::Added(logged.clone()), None);
                    state.apply(Change::Removed(logged.id), None);
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, aggregate, screens, keys_and_changes);
criterion_main!(benches);
