//! Beside the editor: watching the open file for changes on disk, copying unsaved edits to the
//! recovery file, and reacting to an external change (reload, ask, or show the errors).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eframe::egui;

use super::App;
use crate::document::editor;
use crate::ui::dialogs::Confirm;
use crate::ui::map::loading::{LoadFor, Loading};

/// Watches the folders of the open file and its boundary file; sets a flag (and wakes the UI)
/// when either file's content changes.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    pub changed: Arc<AtomicBool>,
}

pub fn watch(paths: &[PathBuf], ctx: &egui::Context) -> Option<Watch> {
    use notify::Watcher;
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    let ctx = ctx.clone();
    let names: Vec<std::ffi::OsString> = paths.iter().filter_map(|p| p.file_name()).map(|n| n.to_os_string()).collect();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let ours = |p: &PathBuf| names.iter().any(|n| p.file_name() == Some(n.as_os_str()));
        if event.is_ok_and(|e| editor::is_content_change(&e.kind) && e.paths.iter().any(ours)) {
            flag.store(true, Ordering::Relaxed);
            ctx.request_repaint();
        }
    })
    .ok()?;
    for path in paths {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        watcher.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    }
    Some(Watch { _watcher: watcher, changed })
}

/// A pane's watcher and autosave clock.
#[derive(Default)]
pub struct FileWatch {
    watch: Option<Watch>,
    watched: Vec<PathBuf>,
    last_autosave: f64,
}

impl FileWatch {
    /// Follow `paths` (the pane's file and its boundary file, which change on open, save as
    /// and reload). Returns whether one of them changed on disk since the last call.
    pub fn poll(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) -> bool {
        if paths != self.watched {
            self.watch = if paths.is_empty() { None } else { watch(&paths, ctx) };
            self.watched = paths;
        }
        self.watch.as_ref().is_some_and(|w| w.changed.swap(false, Ordering::Relaxed))
    }

    /// Whether unsaved edits are due to be copied to the recovery file (every 3 s at most).
    pub fn autosave_due(&mut self, now: f64) -> bool {
        if now - self.last_autosave > 3.0 {
            self.last_autosave = now;
            return true;
        }
        false
    }
}

impl App {
    /// Every frame: each pane's file watcher and autosave. Wakes up to autosave even when the
    /// user does nothing more; at rest with nothing unsaved it asks for no frames at all.
    pub(super) fn watch_files(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for i in 0..self.maps.len() {
            let Some(pane) = self.maps.get_mut(i) else { continue };
            let paths = pane.doc.as_ref().map_or(Vec::new(), |d| std::iter::once(d.path.clone()).chain(d.boundaries_path.clone()).collect());
            if pane.watch.poll(paths, ctx) {
                self.check_external_in(i);
            }
            let Some(pane) = self.maps.get_mut(i) else { continue };
            if pane.is_dirty() {
                if pane.watch.autosave_due(now)
                    && let Some(editor) = pane.doc.as_mut().and_then(|d| d.editor.as_mut())
                {
                    let _ = editor.autosave();
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(3200));
            }
        }
    }

    /// React to the active pane's file changing on disk (what the watcher triggers).
    pub fn check_external(&mut self) {
        self.check_external_in(self.active);
    }

    /// Reload when there is nothing unsaved (view and selection stay), ask when there is, show
    /// the errors and keep the last good state when the new version is broken.
    pub fn check_external_in(&mut self, pane: usize) {
        let loaders = self.loaders.clone();
        let Some(p) = self.maps.get_mut(pane) else { return };
        // A file being opened into the pane replaces the document anyway.
        let opening = p.loading.as_ref().is_some_and(|l| matches!(l.purpose, LoadFor::Open | LoadFor::Compare));
        let Some(doc) = p.doc.as_mut() else { return };
        if doc.boundaries_changed_on_disk() && !opening {
            // The boundary file itself changed: read it again, in the background when it is
            // big (a reload already running is replaced).
            let job = doc.start_reload();
            if loaders.inline(std::fs::metadata(&job.path).map_or(0, |m| m.len())) {
                p.loading = None;
                match job.run(&crate::io::progress::NONE).and_then(|fresh| doc.install_boundaries(fresh)) {
                    Ok(_) => self.status = Some(self.lang.t().reloaded.to_string()),
                    Err(diags) => self.problems = diags,
                }
            } else {
                p.loading = Some(Loading::reload(job, &loaders));
            }
        }
        if let Some(text) = doc.editor.as_mut().and_then(editor::Editor::disk_change) {
            if doc.editor.as_ref().is_some_and(editor::Editor::is_dirty) {
                self.ask(pane, Confirm::Conflict(text));
                return;
            }
            // Re-reads the boundaries too when `boundaries =` changed.
            match doc.take_disk_version(&text) {
                Ok(_) => {
                    self.problems.clear();
                    self.status = Some(self.lang.t().reloaded.to_string());
                }
                Err(diags) => {
                    if let Some(editor) = &mut doc.editor {
                        editor.mark_seen(&text);
                    }
                    self.problems = diags;
                    self.open_failed = true;
                }
            }
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }
}
