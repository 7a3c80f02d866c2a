//! Files: opening (asking first about unsaved edits), comparing with a second file, saving,
//! exporting, answering the confirm questions, listing the bundled layouts. Called from
//! `App::apply_to`, never from a panel.

use std::path::{Path, PathBuf};

use super::App;
use crate::document::Document;
use crate::document::editor;
use crate::model::edit::Command as Edit;
use crate::model::{Diagnostic, Severity};
use crate::ui::app::MAX_RECENT;
use crate::ui::dialogs::picker::Picker;
use crate::ui::dialogs::{self, Answer, Chosen, Confirm, Purpose};
use crate::ui::map::loading::{LoadFor, Loading, Outcome};
use crate::ui::map::pane::MapPane;

impl App {
    /// Open a file in the active pane, asking first when it has unsaved edits.
    pub fn open(&mut self, path: &Path) {
        self.open_in(self.active, path);
    }

    pub(super) fn open_in(&mut self, pane: usize, path: &Path) {
        if self.maps.get(pane).is_some_and(MapPane::is_dirty) {
            self.ask(pane, Confirm::Open(path.to_path_buf()));
        } else {
            self.open_unchecked_in(pane, path);
        }
    }

    /// Open a file: at once when it is small, else in the background (`loading.rs`) while the
    /// pane keeps its document. On failure the problems are shown and the current document stays.
    fn open_unchecked_in(&mut self, pane: usize, path: &Path) {
        self.start_load(pane, path, LoadFor::Open);
    }

    /// Open `path` in a second pane beside the first (replacing the second if there is one).
    pub fn compare_with(&mut self, path: &Path) {
        if self.maps.len() < 2 {
            self.maps.push(MapPane::new("right"));
        }
        self.start_load(1, path, LoadFor::Compare);
    }

    fn start_load(&mut self, pane: usize, path: &Path, purpose: LoadFor) {
        if self.loaders.inline(crate::document::bytes_to_read(path)) {
            // Any load still running for the pane is superseded.
            if let Some(p) = self.maps.get_mut(pane) {
                p.loading = None;
            }
            let outcome = Outcome::Opened { result: Document::open(path), checked: true };
            self.finish_load(pane, path, purpose, None, outcome);
        } else if let Some(p) = self.maps.get_mut(pane) {
            // Replacing a running load drops it, which cancels it.
            p.loading = Some(Loading::open(path, purpose, &self.loaders));
        }
    }

    /// Every frame: take the result of each finished background load.
    pub(super) fn finish_loads(&mut self) {
        for i in 0..self.maps.len() {
            let Some(outcome) = self.maps.get(i).and_then(|m| m.loading.as_ref()).and_then(Loading::poll) else { continue };
            let Some(loading) = self.maps.get_mut(i).and_then(|m| m.loading.take()) else { continue };
            self.finish_load(i, &loading.path, loading.purpose, loading.view_after, outcome);
        }
    }

    /// Wait for every background load and take its result (tests; the bench's timing).
    pub fn wait_for_loads(&mut self) {
        // An open is followed by its geometry check: wait for that too.
        while let Some(i) = self.maps.iter().position(|m| m.loading.is_some()) {
            let Some(loading) = self.maps.get_mut(i).and_then(|m| m.loading.take()) else { break };
            let outcome = loading.wait();
            self.finish_load(i, &loading.path, loading.purpose, loading.view_after, outcome);
        }
    }

    /// Stop a pane's background load (Cancel, Esc): everything stays as it was. Esc in a pane
    /// that is not loading stops the other pane's load.
    pub(super) fn cancel_load(&mut self, pane: usize) {
        let shown = |m: &MapPane| m.loading.as_ref().is_some_and(Loading::shows_progress);
        let i = if self.maps.get(pane).is_some_and(shown) { pane } else { self.maps.iter().position(shown).unwrap_or(pane) };
        let Some(loading) = self.maps.get_mut(i).and_then(|m| m.loading.take()) else { return };
        self.finish_load(i, &loading.path, loading.purpose, None, Outcome::Cancelled);
    }

    /// Show what a load gave: the new document (as opening always did: recent list, recovery
    /// question, problems), boundaries read again, or the errors with the old document kept.
    fn finish_load(&mut self, pane: usize, path: &Path, purpose: LoadFor, view_after: Option<crate::scene::View>, outcome: Outcome) {
        let check_after = matches!(outcome, Outcome::Opened { result: Ok(_), checked: false });
        match (outcome, purpose) {
            (Outcome::Opened { result: Ok((doc, warnings)), .. }, LoadFor::Open) => {
                self.problems = warnings;
                self.open_failed = false;
                let Some(p) = self.maps.get_mut(pane) else { return };
                p.set_document(doc);
                if let Some(view) = view_after {
                    p.set_view(view);
                    p.fit_to = None;
                }
                let abs = dunce::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                self.recent.retain(|p| *p != abs);
                self.recent.insert(0, abs);
                self.recent.truncate(MAX_RECENT);
                if let Some(text) = editor::pending_recovery(path) {
                    self.ask(pane, Confirm::Recover(text));
                }
                self.layouts = None;
            }
            (Outcome::Opened { result: Ok((doc, warnings)), .. }, _) => {
                self.problems = warnings;
                self.open_failed = false;
                if let Some(p) = self.maps.get_mut(pane) {
                    p.set_document(doc);
                }
                if self.linked
                    && self.same_region(0, pane)
                    && let Some(view) = self.maps.first().and_then(|m| m.view)
                    && let Some(p) = self.maps.get_mut(pane)
                {
                    p.set_view(view);
                    p.fit_to = None;
                }
            }
            (Outcome::Opened { result: Err(diags), .. }, _) if !diags.is_empty() => {
                self.problems = diags;
                self.open_failed = true;
            }
            (Outcome::Checked(diags), _) => {
                for d in diags {
                    if !self.problems.contains(&d) {
                        self.problems.push(d);
                    }
                }
            }
            (Outcome::Reloaded(result), _) => {
                let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return };
                match result.and_then(|fresh| doc.install_boundaries(fresh)) {
                    Ok(_) => self.status = Some(self.lang.t().reloaded.to_string()),
                    Err(diags) if diags.is_empty() => {}
                    Err(diags) => self.problems = diags,
                }
                if let Some(p) = self.maps.get_mut(pane) {
                    p.sync();
                }
            }
            // Cancelled (or stopped with nothing to say): nothing changes.
            _ => {}
        }
        if check_after
            && let Some(p) = self.maps.get_mut(pane)
            && let Some(job) = p.doc.as_ref().and_then(Document::geometry_check)
        {
            p.loading = Some(Loading::check(job, path, &self.loaders));
        }
        // A comparison pane that never got a document goes again.
        if pane > 0 && self.maps.get(pane).is_some_and(|m| m.doc.is_none() && m.loading.is_none()) {
            self.maps.truncate(pane);
            self.active = self.active.min(pane - 1);
        }
    }

    /// Whether two panes show the same boundaries (the same projection), so one view fits both.
    pub fn same_region(&self, a: usize, b: usize) -> bool {
        let projection = |i: usize| self.maps.get(i).and_then(|m| m.doc.as_ref()).map(|d| d.scene.projection);
        projection(a).is_some() && projection(a) == projection(b)
    }

    pub(super) fn ask(&mut self, pane: usize, question: Confirm) {
        self.confirm = Some(question);
        self.confirm_pane = pane;
    }

    /// Apply an edit to the active pane's layout; a refused edit shows why and changes nothing.
    pub fn edit(&mut self, cmd: Edit) {
        self.edit_in(self.active, cmd);
    }

    pub(super) fn edit_in(&mut self, pane: usize, cmd: Edit) {
        let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return };
        match doc.edit(&cmd) {
            Ok(()) => {
                self.problems.clear();
                self.open_failed = false;
            }
            Err(diags) => {
                self.problems = if diags.is_empty() { vec![Diagnostic::file(Severity::Error, &doc.path, "this file cannot be edited")] } else { diags };
            }
        }
    }

    pub fn undo_available(&self) -> bool {
        self.map().doc.as_ref().and_then(|d| d.editor.as_ref()).is_some_and(editor::Editor::can_undo)
    }

    /// Save a pane's layout (to `to`: save as). A failure (read-only, disk full) says so, keeps
    /// the edits and returns false, so nothing that waited for the save goes ahead.
    pub fn save(&mut self, pane: usize, to: Option<PathBuf>) -> bool {
        let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return false };
        let Some(editor) = doc.editor.as_mut() else { return false };
        let t = self.lang.t();
        match editor.save(to.as_deref()) {
            Ok(()) => {
                self.status = Some(format!("{} {}", t.saved, editor.path.display()));
                doc.path = editor.path.clone();
                true
            }
            Err(e) => {
                let path = to.unwrap_or_else(|| editor.path.clone());
                self.problems = vec![Diagnostic::file(Severity::Error, &path, format!("{}: {e}", t.save_failed))];
                self.open_failed = false;
                false
            }
        }
    }

    pub(super) fn save_as(&mut self, pane: usize) {
        let Some(path) = self.maps.get(pane).and_then(|p| p.doc.as_ref()).map(|d| d.path.clone()) else { return };
        if let Some(target) = dialogs::save_as_target(&path) {
            self.save(pane, Some(target));
        }
    }

    /// Answer the pending question (what the dialog's buttons send).
    pub fn answer(&mut self, choice: Answer) {
        let Some(question) = self.confirm.take() else { return };
        let pane = self.confirm_pane;
        let discard_recovery = |app: &App, i: usize| {
            if let Some(e) = app.maps.get(i).and_then(|p| p.doc.as_ref()).and_then(|d| d.editor.as_ref()) {
                e.discard_recovery();
            }
        };
        match (question, choice) {
            (Confirm::Close, Answer::Save) => {
                let dirty: Vec<usize> = (0..self.maps.len()).filter(|&i| self.maps[i].is_dirty()).collect();
                let all_saved = dirty.into_iter().all(|i| self.save(i, None));
                self.close_now = all_saved;
            }
            (Confirm::Close, Answer::Discard) => {
                for i in 0..self.maps.len() {
                    discard_recovery(self, i);
                }
                self.close_now = true;
            }
            (Confirm::Open(path), Answer::Save) => {
                // Open only once the edits are safe: a failed save leaves the user where they are.
                if self.save(pane, None) {
                    self.open_unchecked_in(pane, &path);
                }
            }
            (Confirm::Open(path), Answer::Discard) => {
                discard_recovery(self, pane);
                self.open_unchecked_in(pane, &path);
            }
            (Confirm::Recover(text), Answer::Save) => {
                let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return };
                let Some(editor) = &mut doc.editor else { return };
                match editor.replace_all(&text, &doc.boundaries) {
                    Ok(plan) => doc.set_plan(plan),
                    Err(diags) => self.problems = diags,
                }
            }
            (Confirm::Recover(_), Answer::Discard) => discard_recovery(self, pane),
            (Confirm::Conflict(text), Answer::Discard) => {
                // Take theirs.
                let Some(doc) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()) else { return };
                // Re-reads the boundaries too when `boundaries =` changed.
                if let Err(diags) = doc.take_disk_version(&text) {
                    if let Some(editor) = &mut doc.editor {
                        editor.mark_seen(&text);
                    }
                    self.problems = diags;
                }
            }
            (Confirm::Conflict(text), Answer::Keep) => {
                if let Some(editor) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()).and_then(|d| d.editor.as_mut()) {
                    editor.mark_seen(&text);
                }
            }
            (Confirm::Conflict(text), Answer::Save) => {
                // Save mine as another file; theirs stays where it is.
                if let Some(editor) = self.maps.get_mut(pane).and_then(|p| p.doc.as_mut()).and_then(|d| d.editor.as_mut()) {
                    editor.mark_seen(&text);
                }
                self.save_as(pane);
            }
            (Confirm::AddContext { edit, .. }, Answer::Save) => self.edit_in(pane, edit),
            (_, Answer::Keep) | (Confirm::AddContext { .. }, Answer::Discard) => {}
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }

    pub(super) fn export(&mut self, pane: usize, ext: &str) {
        self.export_with(pane, ext, &crate::export::Options::default());
    }

    /// Export with `opts` (the print dialog's page, or the defaults) to a file chosen for `ext`.
    pub(super) fn export_with(&mut self, pane: usize, ext: &str, opts: &crate::export::Options) {
        let Some(doc) = self.maps.get(pane).and_then(|p| p.doc.as_ref()) else { return };
        let Some(out) = dialogs::export_target(&doc.path, ext) else { return };
        match crate::export::write(doc, opts, &out) {
            Ok(()) => self.status = Some(format!("{} {}", self.lang.t().exported, out.display())),
            Err(e) => {
                self.problems = vec![Diagnostic::file(Severity::Error, &out, e.to_string())];
                self.open_failed = false;
            }
        }
    }

    /// File ▸ Export indicators…: the plan's indicator table as .xlsx or .csv, where the user says.
    pub(super) fn export_indicators(&mut self, pane: usize) {
        let Some(doc) = self.maps.get(pane).and_then(|p| p.doc.as_ref()) else { return };
        let Some(plan) = doc.plan.as_ref() else { return };
        let Some(out) = dialogs::indicators_target(&doc.path) else { return };
        match crate::export::indicator_table::write(plan, &out) {
            Ok(()) => self.status = Some(format!("{} {}", self.lang.t().exported, out.display())),
            Err(e) => {
                self.problems = vec![Diagnostic::file(Severity::Error, &out, e.to_string())];
                self.open_failed = false;
            }
        }
    }

    /// A file chooser for `purpose`, falling back to planmap's own list.
    pub(super) fn choose(&mut self, pane: usize, purpose: Purpose) {
        let start = self.maps.get(pane).and_then(|p| p.doc.as_ref()).and_then(|d| d.path.parent().map(Path::to_path_buf)).unwrap_or_else(|| self.layouts_dir.clone());
        match (dialogs::choose_file(&start, purpose), purpose) {
            (Chosen::Path(path), Purpose::Open) => self.open_in(pane, &path),
            (Chosen::Path(path), Purpose::Compare) => self.compare_with(&path),
            (Chosen::Path(path), Purpose::Draft) => self.draft_from_plan(pane, &path),
            (Chosen::NoDialog, _) => self.picker = Some((Picker::for_purpose(&start, purpose), purpose)),
            (Chosen::Cancelled, _) => {}
        }
    }

    /// File ▸ New layout from plan text: draft the plan into a free name beside it (as
    /// `planmap draft` does), then open the draft in edit mode; the review pane opens for it.
    /// A plan that cannot be drafted (no region found, unreadable) is reported as a problem.
    pub fn draft_from_plan(&mut self, pane: usize, plan: &Path) {
        let out = crate::document::draft_files::free_draft_name(plan);
        match crate::document::draft_files::write_draft(plan, None, &out) {
            Ok(w) => {
                self.open_in(pane, &w.layout);
                if let Some(p) = self.maps.get_mut(pane) {
                    p.edit_mode = p.doc.as_ref().is_some_and(|d| d.path == w.layout && d.editor.is_some());
                }
            }
            Err(e) => self.problems = vec![Diagnostic::file(Severity::Error, plan, e)],
        }
    }

    pub(super) fn bundled_layouts(&self) -> Vec<(PathBuf, String)> {
        let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&self.layouts_dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let p = dunce::canonicalize(&p).unwrap_or(p);
                let name = crate::io::read_text(&p)
                    .ok()
                    .and_then(|src| crate::io::parse_layout(&src, &p).ok())
                    .map_or_else(|| p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), |plan| plan.plan.region);
                (p, name)
            })
            .collect();
        out.sort();
        out
    }
}
