//! Beside the editor: watching the open file for changes on disk, copying unsaved edits to the
//! recovery file, and reacting to an external change (reload, ask, or show the errors).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eframe::egui;

use super::App;
use super::dialogs::Confirm;
use crate::editor;

/// Watches the open file's folder; sets a flag (and wakes the UI) when the file's content
/// changes.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    pub changed: Arc<AtomicBool>,
}

pub fn watch(path: &Path, ctx: &egui::Context) -> Option<Watch> {
    use notify::Watcher;
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    let ctx = ctx.clone();
    let name = path.file_name()?.to_os_string();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Only content changes: notify also reports opens and reads (Access), and reacting to
        // those would read the file, which reports another open, and so on: a busy idle loop.
        let content = |kind: &notify::EventKind| matches!(kind, notify::EventKind::Create(_) | notify::EventKind::Modify(_) | notify::EventKind::Remove(_));
        if event.is_ok_and(|e| content(&e.kind) && e.paths.iter().any(|p| p.file_name() == Some(name.as_os_str()))) {
            flag.store(true, Ordering::Relaxed);
            ctx.request_repaint();
        }
    })
    .ok()?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    watcher.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    Some(Watch { _watcher: watcher, changed })
}

/// A pane's watcher and autosave clock.
#[derive(Default)]
pub struct FileWatch {
    watch: Option<Watch>,
    watched: Option<PathBuf>,
    last_autosave: f64,
}

impl FileWatch {
    /// Follow `path` (the pane's file, which changes on open and save as). Returns whether the
    /// file changed on disk since the last call.
    pub fn poll(&mut self, path: Option<&Path>, ctx: &egui::Context) -> bool {
        if path != self.watched.as_deref() {
            self.watch = path.and_then(|p| watch(p, ctx));
            self.watched = path.map(Path::to_path_buf);
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
            let path = pane.doc.as_ref().map(|d| d.path.clone());
            if pane.watch.poll(path.as_deref(), ctx) {
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
        let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return };
        let Some(editor) = &mut doc.editor else { return };
        let Some(text) = editor.disk_change() else { return };
        if editor.is_dirty() {
            self.ask(pane, Confirm::Conflict(text));
            return;
        }
        match editor::check(&text, &editor.path, &doc.boundaries) {
            Ok(_) => {
                editor.take_disk(&text);
                let _ = doc.sync_from_editor();
                self.problems.clear();
                self.status = Some(self.lang.t().reloaded.to_string());
            }
            Err(diags) => {
                editor.mark_seen(&text);
                self.problems = diags;
                self.open_failed = true;
            }
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }
}
