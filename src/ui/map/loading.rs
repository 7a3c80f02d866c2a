//! Opening and reloading in the background. Reading, parsing, checking and building the scene
//! of a big file (all of China: about a second) run on a worker thread while the pane keeps
//! showing, and answering for, the document it had; the result replaces it only when ready.
//! The pane shows the stage and how far it is, with Cancel (and Esc). Small files open at once
//! on the UI thread, as before: no progress bar flickers for a 20 ms open.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};

use eframe::egui::{self, RichText};

use crate::document::{Document, FreshBoundaries, ReloadJob};
use crate::io::progress::{Progress, Stage};
use crate::model::{Diagnostic, Severity};
use crate::ui::command::Command;
use crate::ui::strings::Lang;

/// Files (with the boundaries a layout names) under this many bytes open on the UI thread:
/// a 4 MiB GeoJSON reads, parses and builds in well under a tenth of a second.
pub const INLINE_BELOW_BYTES: u64 = 4 << 20;

/// Progress appears only once a load has run this long.
pub const SHOW_AFTER: Duration = Duration::from_millis(150);

/// What a load is for: which pane it fills and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadFor {
    /// Replace the pane's document.
    Open,
    /// Fill the second pane of a comparison.
    Compare,
    /// Re-read the pane's boundary file after it changed on disk.
    Reload,
    /// After a background open: the boundary file's geometry warnings, found while the map
    /// is already shown (no progress, no Cancel: it changes nothing but the problems list).
    Check,
}

// One per load, moved once through a channel: boxing the document would gain nothing.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// `checked`: with the geometry warnings (else a `Check` follows).
    Opened {
        result: Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>>,
        checked: bool,
    },
    Checked(Vec<Diagnostic>),
    Reloaded(Result<FreshBoundaries, Vec<Diagnostic>>),
    Cancelled,
}

/// Shared by the app and its loads.
#[derive(Clone)]
pub struct Loaders {
    /// The window's context, known from the first frame: workers ask it for a frame when their
    /// progress changes and when they finish.
    ctx: Arc<OnceLock<egui::Context>>,
    /// Loads of fewer bytes run at once on the UI thread (0: every load in the background).
    pub inline_below_bytes: u64,
    /// How long a load runs before its progress is shown.
    pub show_after: Duration,
    /// Test hook: while set, a finished worker waits before handing its result over, so a test
    /// sees the pane mid-load without timing anything.
    pub hold: Arc<AtomicBool>,
}

impl Default for Loaders {
    fn default() -> Loaders {
        Loaders { ctx: Arc::default(), inline_below_bytes: INLINE_BELOW_BYTES, show_after: SHOW_AFTER, hold: Arc::default() }
    }
}

impl Loaders {
    pub fn set_context(&self, ctx: &egui::Context) {
        let _ = self.ctx.set(ctx.clone());
    }

    /// Whether opening `path` is small enough to do at once.
    pub fn inline(&self, bytes: u64) -> bool {
        bytes < self.inline_below_bytes
    }
}

/// A load running on a worker thread. Dropping it cancels the work.
pub struct Loading {
    pub path: PathBuf,
    pub purpose: LoadFor,
    started: Instant,
    progress: Arc<Progress>,
    rx: mpsc::Receiver<Outcome>,
    show_after: Duration,
    /// The view to restore once the document is shown (the last session's view at start).
    pub view_after: Option<crate::scene::View>,
}

impl Loading {
    /// Open `path` (a layout or a boundary file) on a worker, its geometry checks left for
    /// `check`, so the map shows sooner.
    pub fn open(path: &Path, purpose: LoadFor, loaders: &Loaders) -> Loading {
        let owned = path.to_path_buf();
        Loading::spawn(path, purpose, loaders, move |p| Outcome::Opened { result: Document::open_with(&owned, false, p), checked: false })
    }

    /// The geometry warnings of a file opened by `open`.
    pub fn check(job: crate::document::GeometryCheck, path: &Path, loaders: &Loaders) -> Loading {
        Loading::spawn(path, LoadFor::Check, loaders, move |p| Outcome::Checked(job.run(p)))
    }

    /// Whether the pane shows this load (with Cancel); a `Check` runs unseen.
    pub fn shows_progress(&self) -> bool {
        self.purpose != LoadFor::Check
    }

    /// Re-read a boundary file on a worker.
    pub fn reload(job: ReloadJob, loaders: &Loaders) -> Loading {
        let path = job.path.clone();
        Loading::spawn(&path, LoadFor::Reload, loaders, move |p| Outcome::Reloaded(job.run(p)))
    }

    fn spawn(path: &Path, purpose: LoadFor, loaders: &Loaders, work: impl FnOnce(&Progress) -> Outcome + Send + 'static) -> Loading {
        let ctx = loaders.ctx.clone();
        let progress = Arc::new(Progress::new(Some(Box::new(move || {
            if let Some(c) = ctx.get() {
                c.request_repaint();
            }
        }))));
        let (tx, rx) = mpsc::channel();
        let (p, hold) = (progress.clone(), loaders.hold.clone());
        let worker = move || {
            let out = work(&p);
            while hold.load(Ordering::Relaxed) && !p.is_cancelled() {
                std::thread::sleep(Duration::from_millis(2));
            }
            let out = if p.is_cancelled() { Outcome::Cancelled } else { out };
            // The receiver is gone when the load was cancelled or replaced: nothing to tell.
            let _ = tx.send(out);
            p.wake();
        };
        // A thread that cannot start: the receiver reports the load as stopped (see `poll`).
        let _ = std::thread::Builder::new().name("planmap-open".into()).spawn(worker);
        Loading { path: path.to_path_buf(), purpose, started: Instant::now(), progress, rx, show_after: loaders.show_after, view_after: None }
    }

    /// The result, once the worker is done.
    pub fn poll(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(out) => Some(out),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(self.stopped()),
        }
    }

    /// Wait for the result (tests, and the command line's timing).
    pub fn wait(&self) -> Outcome {
        self.rx.recv().unwrap_or_else(|_| self.stopped())
    }

    /// The worker ended without a result (it could not start, or failed on a bug).
    fn stopped(&self) -> Outcome {
        let d = vec![Diagnostic::file(Severity::Error, &self.path, "reading stopped unexpectedly; nothing was changed")];
        match self.purpose {
            LoadFor::Reload => Outcome::Reloaded(Err(d)),
            LoadFor::Check => Outcome::Checked(Vec::new()),
            _ => Outcome::Opened { result: Err(d), checked: true },
        }
    }

    /// The stage and the whole load's fraction done: reading and parsing are about half of
    /// it, building the scene the other half.
    pub fn fraction(&self) -> (Stage, f64) {
        let (stage, f) = self.progress.get();
        let (from, span) = match stage {
            Stage::Reading => (0.0, 0.05),
            Stage::Parsing => (0.05, 0.40),
            Stage::Checking => (0.45, 0.05),
            Stage::Building => (0.50, 0.50),
        };
        (stage, from + span * f)
    }

    /// The progress line, once the load has run long enough to be worth showing.
    pub fn text(&self, lang: Lang) -> String {
        let (stage, f) = self.fraction();
        let name = self.path.file_name().map_or(String::new(), |n| crate::model::shown_text(&n.to_string_lossy(), 60));
        let t = lang.t();
        let doing = match stage {
            _ if self.purpose == LoadFor::Reload => t.loading_reload,
            Stage::Reading | Stage::Parsing => t.loading_read,
            Stage::Checking => t.loading_check,
            Stage::Building => t.loading_build,
        };
        let pct = (f * 100.0).floor();
        t.loading_line.replace("{doing}", doing).replace("{name}", &name).replace("{pct}", &pct.to_string())
    }

    /// The progress box over the map (or in place of it while nothing is open): the stage,
    /// a bar and Cancel. Before `show_after` nothing shows; a frame is asked for then.
    pub fn ui(&self, ui: &mut egui::Ui, rect: egui::Rect, lang: Lang) -> Option<Command> {
        let ran = self.started.elapsed();
        if !self.shows_progress() {
            return None;
        }
        if ran < self.show_after {
            ui.ctx().request_repaint_after(self.show_after - ran);
            return None;
        }
        let size = egui::vec2(380.0_f32.min(rect.width() - 16.0).max(120.0), 74.0);
        let at = egui::Rect::from_center_size(egui::pos2(rect.center().x, rect.top() + 12.0 + size.y / 2.0), size);
        let mut cancel = false;
        ui.scope_builder(egui::UiBuilder::new().max_rect(at), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(self.text(lang)).strong());
                ui.horizontal(|ui| {
                    ui.add(egui::ProgressBar::new(self.fraction().1 as f32).desired_width(size.x - 110.0));
                    cancel = ui.button(lang.t().cancel).clicked();
                });
            });
        });
        cancel.then_some(Command::CancelLoad)
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.progress.cancel();
    }
}
