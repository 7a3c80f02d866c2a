//! The app: arranges the panes (top bar, problems and status at the bottom, docked panes, one
//! map pane or two side by side) and applies the commands they return, in one place, after
//! all of them have drawn (`apply_to`). Files are opened, saved and exported here.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, ViewportCommand};
use serde::{Deserialize, Serialize};

use super::command::{self, Command, Mode};
use super::dialogs::{self, Answer, Confirm, Purpose};
use super::map_pane::MapPane;
use super::pane::{Docked, PaneContext, Placement};
use super::picker::Picker;
use super::strings::Lang;
use crate::document::Document;
use crate::editor;
use crate::io::edit::Command as Edit;
use crate::model::{Diagnostic, Severity, Target};
use crate::scene::View;

/// What survives a restart (eframe storage). Every field has a default, so a settings file
/// written by another version never loses the user's recent files and view.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub last: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub lang: Option<Lang>,
    /// Centre (km) and scale of the last view of `last`.
    pub view: Option<([f64; 2], f64)>,
}

pub const STORAGE_KEY: &str = "planmap";
const MAX_RECENT: usize = 8;

pub struct App {
    pub lang: Lang,
    /// One map pane, or two when comparing. Never empty.
    pub maps: Vec<MapPane>,
    /// The pane shortcuts and the top bar act on (the last one the user touched).
    pub active: usize,
    /// Pan and zoom both maps together (when they show the same region).
    pub linked: bool,
    pub docked: Vec<Docked>,
    /// Problems of the last file opened, saved or reloaded; `open_failed` when it did not open.
    pub problems: Vec<Diagnostic>,
    pub open_failed: bool,
    /// The last export's or save's outcome, shown in the status bar.
    pub status: Option<String>,
    pub recent: Vec<PathBuf>,
    pub layouts_dir: PathBuf,
    /// The bundled layouts (path, region), listed once per opened file.
    pub layouts: Option<Vec<(PathBuf, String)>>,
    /// A question waiting for the user, and the pane it is about.
    pub confirm: Option<Confirm>,
    confirm_pane: usize,
    picker: Option<(Picker, Purpose)>,
    /// File ▸ New layout…, while open.
    pub new_layout: Option<super::new_layout::NewLayoutDialog>,
    /// Window requests collected while applying commands, sent at the end of the frame.
    viewport: Vec<Viewport>,
    /// Close the window at the next frame (the user answered the unsaved-edits question).
    close_now: bool,
    title: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Viewport {
    Close,
    Fullscreen(bool),
    ToggleFullscreen,
}

/// The folder of bundled layouts: ./layouts when run from the project, else beside the sources.
pub fn layouts_dir() -> PathBuf {
    let here = PathBuf::from("layouts");
    if here.join("baoji.toml").is_file() { here } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts") }
}

impl App {
    /// Open `file`, else the last file of the previous session, else the bundled Baoji layout.
    pub fn new(file: Option<PathBuf>, saved: Saved) -> App {
        let layouts_dir = layouts_dir();
        let mut app = App {
            lang: saved.lang.unwrap_or_else(Lang::from_system),
            maps: vec![MapPane::new("left")],
            active: 0,
            linked: true,
            docked: super::pane::registry().into_iter().map(|pane| Docked { pane, open: false }).collect(),
            problems: Vec::new(),
            open_failed: false,
            status: None,
            recent: saved.recent.clone(),
            layouts_dir: layouts_dir.clone(),
            layouts: None,
            confirm: None,
            confirm_pane: 0,
            picker: None,
            new_layout: None,
            viewport: Vec::new(),
            close_now: false,
            title: String::new(),
        };
        let restore = file.is_none() && saved.last.as_ref().is_some_and(|p| p.is_file());
        let path = file.or(saved.last.filter(|p| p.is_file())).unwrap_or_else(|| layouts_dir.join("baoji.toml"));
        app.open(&path);
        if restore && let Some((center, scale)) = saved.view {
            app.map_mut().view = Some(View { center, scale });
            app.map_mut().fit_to = None;
        }
        app
    }

    /// Two layouts side by side (`planmap compare A B`).
    pub fn compare(a: PathBuf, b: &Path, saved: Saved) -> App {
        let mut app = App::new(Some(a), saved);
        app.compare_with(b);
        app
    }

    pub fn saved(&self) -> Saved {
        let first = self.maps.first();
        Saved {
            last: first.and_then(|m| m.doc.as_ref()).map(|d| d.path.clone()),
            recent: self.recent.clone(),
            lang: Some(self.lang),
            view: first.and_then(|m| m.view).map(|v| (v.center, v.scale)),
        }
    }

    /// The active map pane.
    pub fn map(&self) -> &MapPane {
        let i = self.active.min(self.maps.len().saturating_sub(1));
        &self.maps[i]
    }

    pub fn map_mut(&mut self) -> &mut MapPane {
        let i = self.active.min(self.maps.len().saturating_sub(1));
        &mut self.maps[i]
    }

    /// Open a file in the active pane, asking first when it has unsaved edits.
    pub fn open(&mut self, path: &Path) {
        self.open_in(self.active, path);
    }

    fn open_in(&mut self, pane: usize, path: &Path) {
        if self.maps.get(pane).is_some_and(MapPane::is_dirty) {
            self.ask(pane, Confirm::Open(path.to_path_buf()));
        } else {
            self.open_unchecked_in(pane, path);
        }
    }

    /// Open a file. On failure the problems are shown and the current document stays.
    fn open_unchecked_in(&mut self, pane: usize, path: &Path) {
        match Document::open(path) {
            Ok((doc, warnings)) => {
                self.problems = warnings;
                self.open_failed = false;
                let Some(p) = self.maps.get_mut(pane) else { return };
                p.set_document(doc);
                let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                self.recent.retain(|p| *p != abs);
                self.recent.insert(0, abs);
                self.recent.truncate(MAX_RECENT);
                if let Some(text) = editor::pending_recovery(path) {
                    self.ask(pane, Confirm::Recover(text));
                }
                self.layouts = None;
            }
            Err(diags) => {
                self.problems = diags;
                self.open_failed = true;
            }
        }
    }

    /// Open `path` in a second pane beside the first (replacing the second if there is one).
    pub fn compare_with(&mut self, path: &Path) {
        match Document::open(path) {
            Ok((doc, warnings)) => {
                self.problems = warnings;
                self.open_failed = false;
                if self.maps.len() < 2 {
                    self.maps.push(MapPane::new("right"));
                }
                if let Some(p) = self.maps.get_mut(1) {
                    p.set_document(doc);
                }
                if self.linked && self.same_region(0, 1)
                    && let Some(view) = self.maps.first().and_then(|m| m.view)
                    && let Some(p) = self.maps.get_mut(1)
                {
                    p.set_view(view);
                    p.fit_to = None;
                }
            }
            Err(diags) => {
                self.problems = diags;
                self.open_failed = true;
            }
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

    fn edit_in(&mut self, pane: usize, cmd: Edit) {
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

    fn save_as(&mut self, pane: usize) {
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
            (_, Answer::Keep) => {}
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }

    fn export(&mut self, pane: usize, ext: &str) {
        let Some(doc) = self.maps.get(pane).and_then(|p| p.doc.as_ref()) else { return };
        let Some(out) = dialogs::export_target(&doc.path, ext) else { return };
        match crate::export::write(doc, &crate::export::Options::default(), &out) {
            Ok(()) => self.status = Some(format!("{} {}", self.lang.t().exported, out.display())),
            Err(e) => {
                self.problems = vec![Diagnostic::file(Severity::Error, &out, e)];
                self.open_failed = false;
            }
        }
    }

    /// A file chooser for `purpose`, falling back to planmap's own list.
    fn choose(&mut self, pane: usize, purpose: Purpose) {
        let start = self.maps.get(pane).and_then(|p| p.doc.as_ref()).and_then(|d| d.path.parent().map(Path::to_path_buf)).unwrap_or_else(|| self.layouts_dir.clone());
        let mut fallback = false;
        match (dialogs::choose_file(&start, &mut fallback), purpose) {
            (Some(path), Purpose::Open) => self.open_in(pane, &path),
            (Some(path), Purpose::Compare) => self.compare_with(&path),
            (None, _) if fallback => self.picker = Some((Picker::new(&start), purpose)),
            (None, _) => {}
        }
    }

    /// Apply a command to the active pane (what a shortcut does).
    pub fn apply(&mut self, cmd: Command) {
        self.apply_to(self.active, cmd);
    }

    /// The one place where commands change the state.
    pub fn apply_to(&mut self, pane: usize, cmd: Command) {
        let pane = pane.min(self.maps.len().saturating_sub(1));
        match cmd {
            Command::Open(path) => self.open_in(pane, &path),
            Command::OpenDialog => self.choose(pane, Purpose::Open),
            Command::Save => {
                self.save(pane, None);
            }
            Command::SaveAs => self.save_as(pane),
            Command::Export(ext) => self.export(pane, ext),
            Command::Quit => self.viewport.push(Viewport::Close),
            Command::CompareWith(path) => self.compare_with(&path),
            Command::CompareDialog => self.choose(pane, Purpose::Compare),
            Command::NewLayoutDialog => {
                let start = self.maps.get(pane).and_then(|p| p.doc.as_ref()).and_then(|d| d.path.parent().map(Path::to_path_buf)).unwrap_or_else(|| self.layouts_dir.clone());
                self.new_layout = Some(super::new_layout::NewLayoutDialog::new(&start));
            }
            Command::NewLayoutDone(path) => {
                self.new_layout = None;
                if let Some(path) = path {
                    self.open_in(pane, &path);
                    if let Some(p) = self.maps.get_mut(pane) {
                        p.edit_mode = p.doc.as_ref().is_some_and(|d| d.path == path && d.editor.is_some());
                    }
                }
            }
            Command::CompareWithDisk => {
                if let Some(path) = self.maps.get(pane).and_then(|p| p.doc.as_ref()).map(|d| d.path.clone()) {
                    self.compare_with(&path);
                }
            }
            Command::CloseCompare => {
                if self.maps.get(1).is_some_and(MapPane::is_dirty) {
                    self.status = Some(self.lang.t().close_compare_dirty.into());
                } else {
                    self.maps.truncate(1);
                    self.active = 0;
                    self.maps[0].counterpart = None;
                }
            }
            Command::SetLinked(on) => self.linked = on,
            Command::ToggleFullscreen => self.viewport.push(Viewport::ToggleFullscreen),
            Command::SetLang(lang) => self.lang = lang,
            Command::TogglePane(id) => {
                if let Some(d) = self.docked.iter_mut().find(|d| d.pane.id() == id) {
                    d.open = !d.open;
                }
            }
            Command::Answer(a) => self.answer(a),
            Command::ClearProblems => self.problems.clear(),
            Command::PickerDone(path) => {
                if let (Some((_, purpose)), Some(path)) = (self.picker.take(), path) {
                    match purpose {
                        Purpose::Open => self.open_in(pane, &path),
                        Purpose::Compare => self.compare_with(&path),
                    }
                }
            }
            Command::Edit(edit) => self.edit_in(pane, edit),
            Command::ToggleMember(feature) => {
                if let Some(edit) = self.maps.get(pane).and_then(|p| toggle_member(p, feature)) {
                    self.edit_in(pane, edit);
                }
            }
            Command::Select(target) => self.select(pane, target),
            Command::GoTo(target) => {
                self.counterparts(pane, &target);
                self.maps[pane].go_to(target);
            }
            Command::Clear => {
                self.maps[pane].clear();
                self.counterparts(pane, &Target::City);
            }
            Command::SetView(view) => {
                // The pane being dragged or zoomed leads a linked pair.
                self.active = pane;
                self.maps[pane].set_view(view);
            }
            Command::Present => {
                self.maps[pane].start_presentation();
                if self.maps[pane].present.is_some() {
                    self.active = pane;
                    self.viewport.push(Viewport::Fullscreen(true));
                }
            }
            Command::PresentBack => {
                let p = &mut self.maps[pane];
                match &mut p.present {
                    Some(pr) if pr.overlay.is_some() => pr.overlay = None,
                    Some(_) => {
                        p.stop_presentation();
                        self.viewport.push(Viewport::Fullscreen(false));
                    }
                    None => {}
                }
            }
            other => apply_to_pane(&mut self.maps[pane], other),
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }

    /// A click on the map: select the county (in a presentation: show it over the map) and
    /// mark the same adcode in the other pane.
    fn select(&mut self, pane: usize, target: Option<Target>) {
        let p = &mut self.maps[pane];
        if let Some(pr) = &mut p.present {
            if target.is_some() {
                pr.overlay = target;
            }
            return;
        }
        p.focus_structure = None;
        p.selected = target.clone();
        self.counterparts(pane, &target.unwrap_or(Target::City));
    }

    /// Other panes mark the county selected in `pane` when they have it.
    fn counterparts(&mut self, pane: usize, target: &Target) {
        let adcode = match target {
            Target::District(a) => Some(a.clone()),
            _ => None,
        };
        for (_, p) in self.maps.iter_mut().enumerate().filter(|(i, _)| *i != pane) {
            p.counterpart = adcode.clone().filter(|a| p.doc.as_ref().is_some_and(|d| d.boundaries.index_of(a).is_some()));
        }
    }

    /// Linked views: the other panes take `pane`'s view when they show the same region.
    fn follow(&mut self, pane: usize) {
        let Some(view) = self.maps.get(pane).and_then(|p| p.view) else { return };
        for i in 0..self.maps.len() {
            if i != pane && self.same_region(pane, i) && self.maps[i].view != Some(view) && self.maps[i].fit_to.is_none() {
                self.maps[i].set_view(view);
            }
        }
    }

    /// The whole interface, one frame: draw every pane (collecting commands), then apply them.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut queue: Vec<(usize, Command)> = Vec::new();
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect());
        queue.extend(dropped.into_iter().take(1).map(|p| (self.active, Command::Open(p))));
        self.watch_files(&ctx);
        self.window_housekeeping(&ctx);
        if self.layouts.is_none() {
            self.layouts = Some(self.bundled_layouts());
        }
        self.active = self.active.min(self.maps.len().saturating_sub(1));
        let active = self.active;
        let presenting = self.map().present.is_some();
        if self.confirm.is_none() {
            let mode = if presenting { Mode::Present } else { Mode::Map };
            queue.extend(command::pressed(&ctx, mode).into_iter().map(|c| (active, c)));
        }
        let lang = self.lang;
        if presenting {
            let cmds = self.maps[active].present_ui(ui, lang);
            queue.extend(cmds.into_iter().map(|c| (active, c)));
        } else {
            let top = egui::Panel::top("menu").show(ui, |ui| super::top_bar::top_bar(ui, self)).inner;
            queue.extend(top.into_iter().map(|c| (active, c)));
            if !self.problems.is_empty() {
                let kept = self.open_failed && self.map().doc.is_some();
                let cmds = egui::Panel::bottom("problems").resizable(true).default_size(120.0).show(ui, |ui| super::panel::problems_panel(ui, &self.problems, kept, lang)).inner;
                queue.extend(cmds.into_iter().map(|c| (active, c)));
            }
            egui::Panel::bottom("status").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(lang.t().keys_help).small().weak());
                    if let Some(s) = &self.status {
                        ui.separator();
                        ui.label(RichText::new(s).small());
                    }
                });
            });
            queue.extend(self.docked_ui(ui, &ctx).into_iter().map(|c| (active, c)));
            queue.extend(self.maps_ui(ui, lang));
        }
        if let Some(question) = &self.confirm {
            queue.extend(dialogs::confirm(&ctx, question, lang).into_iter().map(|c| (active, c)));
        }
        if let Some((picker, _)) = &mut self.picker
            && let Some(chosen) = picker.show(&ctx, lang.t())
        {
            queue.push((active, Command::PickerDone(chosen)));
        }
        if let Some(dialog) = &mut self.new_layout
            && let Some(outcome) = dialog.ui(&ctx, lang == Lang::Zh)
        {
            let path = match outcome {
                super::new_layout::NewLayoutOutcome::Created(path) => Some(path),
                super::new_layout::NewLayoutOutcome::Cancelled => None,
            };
            queue.push((active, Command::NewLayoutDone(path)));
        }
        for (pane, cmd) in queue {
            self.apply_to(pane, cmd);
        }
        if self.linked {
            self.follow(self.active);
        }
        for v in std::mem::take(&mut self.viewport) {
            let cmd = match v {
                Viewport::Close => ViewportCommand::Close,
                Viewport::Fullscreen(on) => ViewportCommand::Fullscreen(on),
                Viewport::ToggleFullscreen => ViewportCommand::Fullscreen(!ctx.input(|i| i.viewport().fullscreen.unwrap_or(false))),
            };
            ctx.send_viewport_cmd(cmd);
        }
    }

    /// One map pane filling the centre, or two side by side. The pane the pointer last
    /// pressed in becomes the active one.
    fn maps_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Vec<(usize, Command)> {
        let mut out = Vec::new();
        let pressed_at = ui.input(|i| if i.pointer.any_pressed() { i.pointer.interact_pos() } else { None });
        let mut rects = Vec::new();
        if self.maps.len() == 1 {
            let r = egui::CentralPanel::no_frame().show(ui, |ui| self.maps[0].ui(ui, lang, false));
            rects.push(r.response.rect);
            out.extend(r.inner.into_iter().map(|c| (0, c)));
        } else {
            let half = (ui.available_width() / 2.0).max(200.0);
            let (left, right) = self.maps.split_at_mut(1);
            let r = egui::Panel::left("planmap-compare-left").exact_size(half).frame(egui::Frame::NONE).show(ui, |ui| left[0].ui(ui, lang, true));
            rects.push(r.response.rect);
            out.extend(r.inner.into_iter().map(|c| (0, c)));
            if let Some(second) = right.first_mut() {
                let r = egui::CentralPanel::no_frame().show(ui, |ui| second.ui(ui, lang, true));
                rects.push(r.response.rect);
                out.extend(r.inner.into_iter().map(|c| (1, c)));
            }
        }
        if let Some(p) = pressed_at
            && let Some(i) = rects.iter().position(|r| r.contains(p))
        {
            self.active = i;
        }
        out
    }

    /// The docked panes that are open: bottom ones as tabs under the maps, others as windows.
    fn docked_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        let (docked, maps) = (&mut self.docked, &self.maps);
        let map = &maps[self.active.min(maps.len().saturating_sub(1))];
        let cx = PaneContext { doc: map.doc.as_ref(), selected: map.selected.as_ref(), focus_structure: map.focus_structure, lang: self.lang };
        let mut bottom: Vec<&mut Docked> = Vec::new();
        for d in docked.iter_mut().filter(|d| d.open) {
            if d.pane.placement() == Placement::Window {
                let mut open = true;
                let id = d.pane.id();
                egui::Window::new(d.pane.title(self.lang)).id(egui::Id::unique(("planmap-docked", id))).open(&mut open).show(ctx, |ui| cmds.extend(d.pane.ui(ui, &cx)));
                if !open {
                    cmds.push(Command::TogglePane(id));
                }
            } else if d.pane.placement() == Placement::Side {
                let id = d.pane.id();
                egui::Panel::right(egui::Id::unique(("planmap-side", id))).resizable(true).default_size(420.0).show(ui, |ui| {
                    ui.label(RichText::new(d.pane.title(self.lang)).strong());
                    cmds.extend(d.pane.ui(ui, &cx));
                });
            } else {
                bottom.push(d);
            }
        }
        if !bottom.is_empty() {
            egui::Panel::bottom("planmap-docked").resizable(true).default_size(220.0).show(ui, |ui| {
                let n = bottom.len();
                ui.columns(n, |cols| {
                    for (col, d) in cols.iter_mut().zip(bottom.iter_mut()) {
                        col.label(RichText::new(d.pane.title(self.lang)).strong());
                        egui::ScrollArea::vertical().id_salt(d.pane.id()).show(col, |ui| cmds.extend(d.pane.ui(ui, &cx)));
                    }
                });
            });
        }
        cmds
    }

    /// The window's title, the close button with unsaved edits, a requested close.
    fn window_housekeeping(&mut self, ctx: &egui::Context) {
        if self.close_now {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        let dirty = self.maps.iter().position(MapPane::is_dirty);
        // Once the user has answered (close_now), let the window go even with edits discarded.
        if ctx.input(|i| i.viewport().close_requested())
            && let Some(pane) = dirty
            && !self.close_now
            && self.confirm != Some(Confirm::Close)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.ask(pane, Confirm::Close);
        }
        let titles: Vec<String> = self.maps.iter().filter_map(|m| m.doc.as_ref().map(|d| format!("{}{}", d.title(), if d.is_dirty() { " *" } else { "" }))).collect();
        let title = if titles.is_empty() { "planmap".to_string() } else { format!("planmap — {}", titles.join(" ↔ ")) };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn bundled_layouts(&self) -> Vec<(PathBuf, String)> {
        let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(&self.layouts_dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let p = std::fs::canonicalize(&p).unwrap_or(p);
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

/// Commands that concern one map pane alone.
fn apply_to_pane(p: &mut MapPane, cmd: Command) {
    let rect = super::map_view::screen_rect(p.map_rect);
    let centre = [(rect[0] + rect[2]) / 2.0, (rect[1] + rect[3]) / 2.0];
    match cmd {
        Command::Fit => p.fit_to = Some(Vec::new()),
        Command::ZoomIn | Command::ZoomOut => {
            let factor = if cmd == Command::ZoomIn { 1.25 } else { 0.8 };
            if let Some(mut v) = p.view {
                v.zoom_at(rect, centre, factor);
                p.set_view(v);
            }
        }
        Command::Pan(dx, dy) => {
            if let Some(mut v) = p.view {
                v.pan(dx, dy);
                p.set_view(v);
            }
        }
        Command::SetView(v) => p.set_view(v),
        Command::SetVisible(s, shown) => {
            if let Some(doc) = &mut p.doc {
                doc.set_visible(s, shown);
            }
        }
        Command::ColorBy(key) => {
            if let Some(doc) = &mut p.doc {
                doc.set_color_by(key);
            }
        }
        Command::NextStep => {
            if let Some(pr) = &p.present
                && pr.step < pr.steps.len()
            {
                let k = pr.step + 1;
                p.go_to_step(k);
            }
        }
        Command::PrevStep => {
            if let Some(k) = p.present.as_ref().and_then(|pr| pr.step.checked_sub(1)) {
                p.go_to_step(k);
            }
        }
        Command::ToggleEditMode => p.edit_mode = !p.edit_mode && p.doc.as_ref().is_some_and(|d| d.editor.is_some()),
        Command::Pick(s) => p.focus_structure = s,
        Command::Undo => {
            if let Some(doc) = &mut p.doc {
                doc.undo();
            }
        }
        Command::Redo => {
            if let Some(doc) = &mut p.doc {
                doc.redo();
            }
        }
        _ => {}
    }
}

/// The edit a click on a county makes in edit mode: add it to the picked structure, or remove it.
fn toggle_member(p: &MapPane, feature: usize) -> Option<Edit> {
    let s = p.focus_structure?;
    let doc = p.doc.as_ref()?;
    let f = doc.boundaries.features.get(feature)?;
    let st = doc.plan.as_ref()?.structures.get(s)?;
    Some(match st.members.iter().position(|m| m.adcode() == Some(f.adcode.as_str())) {
        Some(m) => Edit::RemoveMember { structure: s, member: m },
        None => Edit::AddMember { structure: s, adcode: f.adcode.clone(), name: f.name.clone(), partial: None },
    })
}
