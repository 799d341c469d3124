//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod changes;
pub mod cli;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, FixedOffset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use sensemap::app::{Action, App, ColorMode, Zone};
use sensemap::domain::{
    Catalogue, Draft, Entry, RegionId, SensationCatalogue, SensationId, YearMonth,
};
use sensemap::runtime::Runtime;
use sensemap::store::{FsStore, Journal, MonthStore, StoreError, WriteLock};
use ulid::Ulid;

/// The fixed "now" of every UI test: Wednesday 2026-03-11 10:00 at UTC+1.
pub const NOW: &str = "2026-03-11T10:00:00+01:00";

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub fn now() -> DateTime<FixedOffset> {
    at(NOW)
}

pub fn zone_offset() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

pub fn zone() -> Zone {
    Zone::Fixed(zone_offset())
}

pub fn region(id: &str) -> RegionId {
    Catalogue::global().lookup(id).unwrap()
}

/// An entry as if logged at `when`.
pub fn entry(when: &str, regions: &[&str], sensation: &str, intensity: i64) -> Entry {
    Draft {
        at: at(when),
        regions: regions.iter().map(|r| region(r)).collect(),
        sensation: SensationId::new(sensation),
        intensity,
        duration_s: None,
        note: None,
        tags: vec![],
    }
    .into_entry(
        Ulid::from_parts(at(when).timestamp_millis() as u64, 1),
        at(when),
    )
    .unwrap()
}

/// A small history: both soles often, the right palm twice, the chest once.
pub fn history() -> Vec<Entry> {
    let mut entries = vec![
        entry(
            "2026-03-10T21:00:00+01:00",
            &["left-sole", "right-sole"],
            "tingling",
            4,
        ),
        entry(
            "2026-03-09T20:00:00+01:00",
            &["left-sole", "right-sole"],
            "numbness",
            3,
        ),
        entry("2026-03-08T20:00:00+01:00", &["left-sole"], "burning", 6),
        entry("2026-03-07T20:00:00+01:00", &["left-sole"], "tingling", 5),
        entry("2026-03-06T20:00:00+01:00", &["left-sole"], "tingling", 5),
        entry(
            "2026-03-02T08:00:00+01:00",
            &["right-palm"],
            "pins-and-needles",
            2,
        ),
        entry("2026-02-20T08:00:00+01:00", &["right-palm"], "electric", 8),
        entry(
            "2026-02-15T08:00:00+01:00",
            &["right-chest", "left-chest"],
            "pressure",
            6,
        ),
        entry("2025-06-01T08:00:00+02:00", &["right-face"], "itching", 2),
    ];
    entries.sort_by_key(Entry::sort_key);
    entries
}

/// An app on `entries` at the fixed clock, sized `width` x `height`.
pub fn app(entries: Vec<Entry>, width: u16, height: u16) -> App {
    let mut app = App::new(
        entries,
        SensationCatalogue::built_in(),
        vec![],
        now(),
        zone(),
    );
    app.color = ColorMode::TrueColor;
    app.update(Action::Resize { width, height });
    app
}

/// Draws the app into a test terminal of its size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal
}

/// The screen as text, one line per row.
pub fn screen_text(app: &App) -> String {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A runtime over a journal holding `entries` (written to it first), at
/// the fixed clock, with only the storage worker running.
pub fn controller<S: MonthStore + 'static>(
    entries: Vec<Entry>,
    journal: Journal<S>,
    width: u16,
    height: u16,
) -> Runtime {
    if !entries.is_empty() {
        journal.add_many(entries.clone()).unwrap();
    }
    runtime_over(entries, journal, width, height)
}

/// A runtime over `entries` that are already in `journal`.
pub fn runtime_over<S: MonthStore + 'static>(
    entries: Vec<Entry>,
    journal: Journal<S>,
    width: u16,
    height: u16,
) -> Runtime {
    let mut runtime = Runtime::with_entries(
        entries,
        vec![],
        std::sync::Arc::new(journal),
        SensationCatalogue::built_in(),
        Box::new(now),
        zone(),
    );
    runtime.app.color = ColorMode::TrueColor;
    runtime.dispatch(Action::Resize { width, height });
    runtime
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn shift_tab() -> Event {
    Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT))
}

/// Presses each character of `text` as a key.
pub fn type_text(c: &mut Runtime, text: &str) {
    for ch in text.chars() {
        c.handle_event(&key(KeyCode::Char(ch)));
    }
}

pub fn click(x: u16, y: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

pub fn hover(x: u16, y: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Moved,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

/// A store that fails every write after the first `allowed`, like a full disk.
pub struct FailingStore {
    pub inner: FsStore,
    pub allowed: usize,
    pub writes: AtomicUsize,
}

impl FailingStore {
    pub fn new(dir: impl Into<PathBuf>, allowed: usize) -> FailingStore {
        FailingStore {
            inner: FsStore::new(dir),
            allowed,
            writes: AtomicUsize::new(0),
        }
    }
}

impl MonthStore for FailingStore {
    fn months(&self) -> Result<Vec<YearMonth>, StoreError> {
        self.inner.months()
    }
    fn read(&self, month: YearMonth) -> Result<Option<String>, StoreError> {
        self.inner.read(month)
    }
    fn write(&self, month: YearMonth, text: &str) -> Result<(), StoreError> {
        if self.writes.fetch_add(1, Ordering::SeqCst) >= self.allowed {
            let source = std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full");
            return Err(StoreError::Io {
                action: "write",
                path: self.inner.path(month),
                source,
            });
        }
        self.inner.write(month, text)
    }
    fn lock(&self) -> Result<WriteLock, StoreError> {
        self.inner.lock()
    }
    fn path(&self, month: YearMonth) -> PathBuf {
        self.inner.path(month)
    }
}

/// The figure `region` is drawn on, as rasterized for the app's current
/// terminal, and where on screen that figure sits.
fn figure_of(
    app: &App,
    region: RegionId,
) -> (
    sensemap::domain::body_map::FigureRaster,
    ratatui::layout::Rect,
) {
    use sensemap::app::layout;
    use sensemap::domain::View;
    let areas = layout::body_map(layout::screen(app.area).body).unwrap();
    let raster = app.body.raster_for(&areas);
    let view = region.region().view;
    let rect = match view {
        View::Front => areas.front,
        View::Back => areas.back,
    };
    (raster.figure(view).clone(), rect)
}

/// The body map's screen cells of `region` in the app's current layout.
pub fn cells_of(app: &App, region: RegionId) -> Vec<(u16, u16)> {
    let (figure, rect) = figure_of(app, region);
    figure
        .cells(region)
        .map(|(x, y)| (rect.x + x, rect.y + y))
        .collect()
}

/// The colours a region's pixels are drawn in by the solid style, away
/// from its borders: the top half of a cell is the foreground of `▀`, the
/// bottom half its background.
pub fn fill_colours(
    app: &App,
    buffer: &ratatui::buffer::Buffer,
    region: RegionId,
) -> std::collections::BTreeSet<String> {
    let (figure, rect) = figure_of(app, region);
    let mut colours = std::collections::BTreeSet::new();
    for y in 0..figure.height() {
        for x in 0..figure.width() {
            for half in 0..2 {
                let py = 2 * y + half;
                if figure.pixel(x, py) != Some(region) || figure.is_border_pixel(x, py) {
                    continue;
                }
                let cell = &buffer[(rect.x + x, rect.y + y)];
                let colour = match (cell.symbol(), half) {
                    ("▀", 0) | ("▄", 1) => cell.fg,
                    ("▀", 1) => cell.bg,
                    _ => continue,
                };
                colours.insert(format!("{colour:?}"));
            }
        }
    }
    colours
}

/// The mouse wheel turned one notch.
pub fn wheel(up: bool) -> Event {
    Event::Mouse(MouseEvent {
        kind: if up {
            MouseEventKind::ScrollUp
        } else {
            MouseEventKind::ScrollDown
        },
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    })
}

/// The dark theme's colour `rgb`, as the 24-bit colour a cell gets.
pub fn dark(rgb: (u8, u8, u8)) -> ratatui::style::Color {
    ratatui::style::Color::Rgb(rgb.0, rgb.1, rgb.2)
}

/// Whether a cell is in reverse video: with colour, the dark theme's text
/// colour behind the page's; without, the attribute.
pub fn reversed(cell: &ratatui::buffer::Cell) -> bool {
    let palette = sensemap::app::Palette::DARK;
    cell.modifier.contains(ratatui::style::Modifier::REVERSED)
        || (cell.bg == dark(palette.text) && cell.fg == dark(palette.page))
}

/// Whether a cell is dimmed: with colour, in the dark theme's muted
/// colour; without, the attribute.
pub fn dimmed(cell: &ratatui::buffer::Cell) -> bool {
    cell.modifier.contains(ratatui::style::Modifier::DIM)
        || cell.fg == dark(sensemap::app::Palette::DARK.muted)
}
