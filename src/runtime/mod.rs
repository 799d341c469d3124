//! The runtime: the only place where the app meets the store and the
//! terminal. One channel feeds it: terminal input, the storage worker's
//! answers, the background loader, a ticker and a file watcher.
//!
//! [`Runtime`] runs without a terminal too, so tests drive it with keys and
//! watch it react to files changed by other processes.

mod input;
mod late_reply;
pub mod lines;
mod loader;
mod recovery;
mod storage;
mod terminal;
mod watcher;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use ratatui::crossterm::event::Event as Input;

pub use input::input_action;
pub use loader::{FirstLoad, first_load};
pub use recovery::Crashed;
pub use storage::{Job, LOCK_PATIENCE, copies};
pub use terminal::{Settings, detect_color_mode, run};
pub use watcher::{DEBOUNCE, POLL_INTERVAL, Watcher};

use crate::app::{Action, App, Effect, HeatSettings, Zone};
use crate::domain::{Entry, SensationCatalogue, YearMonth};
use crate::store::{Journal, MonthStore};

/// How often the ticker ticks.
pub const TICK: Duration = Duration::from_secs(1);

/// The clock the runtime reads before each action.
pub type Clock = Box<dyn Fn() -> DateTime<FixedOffset> + Send>;

/// Everything that arrives on the loop's one channel.
#[derive(Debug)]
pub enum Event {
    /// A key, the mouse or a resize.
    Input(Input),
    /// An answer from the storage worker or the loader, or a tick.
    Answer(Action),
    /// Month files changed on disk.
    DiskChanged(Vec<YearMonth>),
    /// The treatments file changed on disk.
    TreatmentsChanged,
    /// A copy of a month (a sync conflict) appeared or went.
    CopiesChanged,
    /// Reading the terminal failed; the loop ends with this error.
    InputFailed(std::io::Error),
    /// Older months from the background loader, which waits to hear they
    /// were applied before it sends more.
    Loaded {
        /// The months read.
        months: Vec<crate::app::MonthOnDisk>,
        /// Told once they are applied.
        applied: std::sync::mpsc::Sender<()>,
    },
}

/// How the runtime starts.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Watch the data directory for changes by others.
    pub watch: bool,
    /// Poll instead of using file events (for file systems without them).
    pub force_polling: bool,
    /// Send ticks (messages age out, the day rolls over).
    pub tick: bool,
    /// Load the older months in the background after the first frame.
    pub background_load: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            watch: true,
            force_polling: false,
            tick: true,
            background_load: true,
        }
    }
}

/// The app, the channel that feeds it, and the threads that write to it.
pub struct Runtime {
    /// The state.
    pub app: App,
    clock: Clock,
    events: Receiver<Event>,
    sender: Sender<Event>,
    jobs: Sender<Job>,
    /// Tells the storage worker to stop waiting for the lock.
    cancel: Arc<AtomicBool>,
    /// Jobs sent to the storage worker and not answered yet.
    in_flight: usize,
    /// How many times months changed on disk were re-read.
    reloads: usize,
    /// The background loader, started when the loop first waits.
    deferred_load: Option<Box<dyn FnOnce() + Send>>,
    /// Look for copies of months when the loop first waits.
    find_copies: bool,
    watcher: Option<Watcher>,
    /// Where settings the app changes are remembered, if anywhere.
    config: Option<PathBuf>,
    /// Where typed text is kept if the app stops on an internal error.
    recovery: recovery::RecoveryFile,
}

impl Runtime {
    /// Loads what the first screen needs, starts the storage worker, and as
    /// `options` say the watcher (before loading, so no change is missed),
    /// the background loader and the ticker.
    pub fn start<S: MonthStore + 'static>(
        journal: Journal<S>,
        sensations: SensationCatalogue,
        clock: Clock,
        zone: Zone,
        options: Options,
    ) -> Runtime {
        let (sender, events) = mpsc::channel();
        let journal = Arc::new(journal);
        let watcher = if options.watch {
            watcher::spawn(Arc::clone(&journal), sender.clone(), options.force_polling)
        } else {
            None
        };
        let now = clock();
        let first = first_load(&journal, now, HeatSettings::default().window_start(now));
        let mut app = App::new(first.entries, sensations, first.problems, now, zone);
        app.update(Action::TreatmentsLoaded(storage::treatments(&journal)));
        app.update(Action::DeathsKnown(first.deaths.clone()));
        let mut runtime = Runtime::assemble(app, Arc::clone(&journal), clock, sender, events);
        runtime.watcher = watcher;
        // Copies of months are looked for by the storage worker once the
        // first frame is drawn: the walk of every year folder grows with
        // the history.
        runtime.find_copies = true;
        if options.background_load && !first.older.is_empty() {
            runtime
                .app
                .update(Action::LoadingMonths(first.older.clone()));
            let sender = runtime.sender.clone();
            // Deferred until the loop first waits, so that on a small machine
            // the loader does not compete with drawing the first frame.
            runtime.deferred_load = Some(Box::new(move || {
                loader::spawn_background(journal, first.older, sender);
            }));
        }
        if options.tick {
            let ticks = runtime.sender.clone();
            thread::spawn(move || {
                while ticks.send(Event::Answer(Action::Tick)).is_ok() {
                    thread::sleep(TICK);
                }
            });
        }
        runtime
    }

    /// A runtime over entries already in memory, with only the storage
    /// worker running: for tests and benchmarks.
    pub fn with_entries<S: MonthStore + 'static>(
        entries: Vec<Entry>,
        problems: Vec<String>,
        journal: Arc<Journal<S>>,
        sensations: SensationCatalogue,
        clock: Clock,
        zone: Zone,
    ) -> Runtime {
        let (sender, events) = mpsc::channel();
        let app = App::new(entries, sensations, problems, clock(), zone);
        Runtime::assemble(app, journal, clock, sender, events)
    }

    /// Puts the runtime together and starts the storage worker.
    fn assemble<S: MonthStore + 'static>(
        app: App,
        journal: Arc<Journal<S>>,
        clock: Clock,
        sender: Sender<Event>,
        events: Receiver<Event>,
    ) -> Runtime {
        let (jobs, job_queue) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let recovery = recovery::RecoveryFile::beside(&journal);
        storage::spawn(journal, job_queue, sender.clone(), Arc::clone(&cancel));
        Runtime {
            app,
            clock,
            events,
            sender,
            jobs,
            cancel,
            in_flight: 0,
            reloads: 0,
            deferred_load: None,
            find_copies: false,
            watcher: None,
            config: None,
            recovery,
        }
    }

    /// Remembers settings the person changes (the map style) in the
    /// config file at `path`.
    pub fn remember_settings_in(&mut self, path: PathBuf) {
        self.config = Some(path);
    }

    /// A sender into the loop's channel, for an input thread.
    pub fn sender(&self) -> Sender<Event> {
        self.sender.clone()
    }

    /// True when the data directory is polled rather than watched.
    pub fn is_polling(&self) -> bool {
        self.watcher.as_ref().is_some_and(Watcher::is_polling)
    }

    /// How many times the watcher had months re-read.
    pub fn reloads(&self) -> usize {
        self.reloads
    }

    /// Whether a write or re-read is still on its way.
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Handles one event from the channel.
    pub fn handle(&mut self, event: Event) -> std::io::Result<()> {
        match event {
            Event::Input(input) => {
                if let Some(action) = input_action(&self.app, &input) {
                    self.dispatch(action);
                }
            }
            Event::Answer(action) => {
                if matches!(
                    action,
                    Action::Written(_)
                        | Action::TreatmentWritten(_)
                        | Action::WriteFailed { .. }
                        | Action::Reloaded(_)
                        | Action::TreatmentsLoaded(_)
                        | Action::CopiesMerged { .. }
                        | Action::CopiesFound(_)
                ) {
                    self.in_flight = self.in_flight.saturating_sub(1);
                }
                self.dispatch(action);
            }
            Event::DiskChanged(months) => {
                self.reloads += 1;
                self.send_job(Job::Reload(months));
            }
            Event::CopiesChanged => {
                self.send_job(Job::FindCopies);
            }
            Event::TreatmentsChanged => {
                self.reloads += 1;
                self.send_job(Job::ReloadTreatments);
            }
            Event::InputFailed(error) => return Err(error),
            Event::Loaded { months, applied } => {
                self.dispatch(Action::Loaded(months));
                // The loader may have stopped; then nobody needs to know.
                let _ = applied.send(());
            }
        }
        Ok(())
    }

    /// Applies an action at the current time and hands its work to the
    /// storage worker.
    pub fn dispatch(&mut self, action: Action) {
        self.app.now = (self.clock)();
        match self.app.update(action) {
            Some(Effect::Write { step, purpose }) => {
                let sent = self.send_job(Job::Write { step, purpose });
                if !sent {
                    self.dispatch(Action::WriteFailed {
                        purpose,
                        message: "the storage worker has stopped; restart sensemap".into(),
                    });
                }
            }
            Some(Effect::WriteTreatment { step, purpose }) => {
                let sent = self.send_job(Job::WriteTreatment { step, purpose });
                if !sent {
                    self.dispatch(Action::WriteFailed {
                        purpose,
                        message: "the storage worker has stopped; restart sensemap".into(),
                    });
                }
            }
            Some(Effect::CancelWrite) => self.cancel.store(true, Ordering::SeqCst),
            Some(Effect::MergeCopies) if !self.send_job(Job::MergeCopies) => {
                self.dispatch(Action::CopiesMerged {
                    outcome: Err("the storage worker has stopped; restart sensemap".into()),
                    months: Vec::new(),
                    left: self.app.journal.copies.clone(),
                });
            }
            Some(Effect::MergeCopies) => {}
            Some(Effect::SaveMapStyle(style)) => {
                if let Some(config) = self.config.clone() {
                    // Not counted as in flight: nothing waits for it.
                    let _ = self.jobs.send(Job::SaveMapStyle { config, style });
                }
            }
            None => {}
        }
    }

    /// Hands a job to the storage worker; false if it is gone.
    fn send_job(&mut self, job: Job) -> bool {
        let sent = self.jobs.send(job).is_ok();
        if sent {
            self.in_flight += 1;
        }
        sent
    }

    /// Waits for the next event. (The runtime holds a sender itself, so
    /// this is `None` only if the channel broke.)
    pub fn wait(&mut self) -> Option<Event> {
        self.start_deferred();
        self.events.recv().ok()
    }

    /// Starts what waits for the first frame: the background loader and
    /// the look for copies of months.
    fn start_deferred(&mut self) {
        if let Some(start) = self.deferred_load.take() {
            start();
        }
        if std::mem::take(&mut self.find_copies) {
            self.send_job(Job::FindCopies);
        }
    }

    /// The next event if one is already queued.
    pub fn try_next(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// Waits up to `timeout` for one event and handles it; false when none came.
    pub fn next(&mut self, timeout: Duration) -> std::io::Result<bool> {
        self.start_deferred();
        match self.events.recv_timeout(timeout) {
            Ok(event) => self.handle(event).map(|()| true),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => Ok(false),
        }
    }

    /// Handles events until `done` holds or `timeout` passes; says which.
    pub fn run_until(&mut self, timeout: Duration, done: impl Fn(&App) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        while !done(&self.app) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.next(left.min(Duration::from_millis(50))).is_err() {
                return done(&self.app);
            }
        }
        true
    }

    /// Handles events until every write and re-read sent has been answered
    /// (at most `timeout`).
    pub fn settle(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.in_flight > 0 && Instant::now() < deadline {
            let _ = self.next(Duration::from_millis(50));
        }
        self.in_flight == 0
    }

    /// Applies a terminal event and waits for any write it started: how
    /// scripts and tests press keys.
    pub fn handle_event(&mut self, input: &Input) {
        if let Some(action) = input_action(&self.app, input) {
            self.dispatch(action);
        }
        self.settle(LOCK_PATIENCE + Duration::from_secs(5));
    }
}
