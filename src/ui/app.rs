//! The app: arranges the panes (top bar, problems and status at the bottom, docked panes, one
//! map pane or two side by side), collects the commands they return and applies them once all
//! have drawn (`apply.rs`). Files are opened, saved and exported in `files.rs`.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, ViewportCommand};
use serde::{Deserialize, Serialize};

use crate::model::Diagnostic;
use crate::scene::View;
use crate::ui::command::{self, Command, Mode};
use crate::ui::dialogs::picker::Picker;
use crate::ui::dialogs::{self, Confirm, Purpose};
use crate::ui::map::pane::MapPane;
use crate::ui::panes::{Docked, PaneContext, Placement, differences};
use crate::ui::strings::Lang;

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
pub(super) const MAX_RECENT: usize = 8;

pub struct App {
    pub lang: Lang,
    /// One map pane, or two when comparing. Never empty.
    pub maps: Vec<MapPane>,
    /// The pane shortcuts and the top bar act on (the last one the user touched).
    pub active: usize,
    /// Pan and zoom both maps together (when they show the same region).
    pub linked: bool,
    pub docked: Vec<Docked>,
    /// The file the docked panes last opened or closed themselves for.
    docked_for: Option<PathBuf>,
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
    pub(super) confirm_pane: usize,
    pub(super) picker: Option<(Picker, Purpose)>,
    /// File ▸ New layout…, while open.
    pub new_layout: Option<crate::ui::dialogs::new_layout::NewLayoutDialog>,
    /// File ▸ New layout from plan text…, while open.
    pub draft_dialog: Option<crate::ui::dialogs::draft::DraftDialog>,
    pub print_dialog: Option<crate::ui::dialogs::print::PrintDialog>,
    /// Window requests collected while applying commands, sent at the end of the frame.
    pub(super) viewport: Vec<Viewport>,
    /// Close the window at the next frame (the user answered the unsaved-edits question).
    pub(super) close_now: bool,
    title: String,
    /// Opening and reloading in the background (`loading.rs`).
    pub loaders: crate::ui::map::loading::Loaders,
    /// What differs between the two maps' plans, when they are versions of one plan.
    pub differences: crate::ui::panes::differences::Differences,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Viewport {
    Close,
    Fullscreen(bool),
    ToggleFullscreen,
}

/// The folder of bundled layouts: ./layouts when run from the project; else beside the program
/// (the Windows zip) or in ../share/planmap (the .deb: /usr/bin → /usr/share/planmap); else
/// beside the sources.
pub fn layouts_dir() -> PathBuf {
    let exe_dir = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf));
    let installed = exe_dir.into_iter().flat_map(|d| [d.join("layouts"), d.join("../share/planmap/layouts")]).map(|d| dunce::canonicalize(&d).unwrap_or(d));
    std::iter::once(PathBuf::from("layouts"))
        .chain(installed)
        .find(|d| d.join("baoji.toml").is_file())
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts"))
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
            docked: crate::ui::panes::registry().into_iter().map(|pane| Docked { pane, open: false, auto: false }).collect(),
            docked_for: None,
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
            draft_dialog: None,
            print_dialog: None,
            viewport: Vec::new(),
            close_now: false,
            title: String::new(),
            loaders: crate::ui::map::loading::Loaders::default(),
            differences: Default::default(),
        };
        let restore = file.is_none() && saved.last.as_ref().is_some_and(|p| p.is_file());
        let path = file.or(saved.last.filter(|p| p.is_file())).unwrap_or_else(|| layouts_dir.join("baoji.toml"));
        app.open(&path);
        if restore && let Some((center, scale)) = saved.view {
            let view = View { center, scale };
            match &mut app.map_mut().loading {
                Some(l) => l.view_after = Some(view),
                None => {
                    app.map_mut().view = Some(view);
                    app.map_mut().fit_to = None;
                }
            }
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
            // A file still opening at close is the one to come back to.
            last: first.and_then(|m| {
                m.loading.as_ref().filter(|l| l.purpose == crate::ui::map::loading::LoadFor::Open).map(|l| l.path.clone()).or_else(|| m.doc.as_ref().map(|d| d.path.clone()))
            }),
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

    /// The whole interface, one frame: draw every pane (collecting commands), then apply them.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.loaders.set_context(&ctx);
        self.finish_loads();
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
        let shown = self.maps.get(active).and_then(|m| m.doc.as_ref());
        if shown.map(|d| &d.path) != self.docked_for.as_ref() {
            self.docked.iter_mut().for_each(|d| d.follow(shown));
            self.docked_for = shown.map(|d| d.path.clone());
        }
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
            let top = egui::Panel::top("menu").show(ui, |ui| crate::ui::top_bar::top_bar(ui, self)).inner;
            queue.extend(top.into_iter().map(|c| (active, c)));
            if !self.problems.is_empty() {
                let kept = self.open_failed && self.map().doc.is_some();
                let cmds = egui::Panel::bottom("problems")
                    .resizable(true)
                    .default_size(120.0)
                    .show(ui, |ui| crate::ui::panel::problems_panel(ui, &crate::ui::panes::review::fold_draft_warnings(&self.problems, &self.docked, lang), kept, lang))
                    .inner;
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
            self.differences.refresh(&self.maps);
            queue.extend(self.differences.panel(ui, lang).into_iter().map(|c| (active, c)));
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
        if let Some(dialog) = &mut self.new_layout {
            queue.extend(dialog.ui(&ctx, lang == Lang::Zh).into_iter().map(|c| (active, c)));
        }
        if let Some(dialog) = &mut self.draft_dialog {
            queue.extend(dialog.ui(&ctx, lang).into_iter().map(|c| (active, c)));
        }
        if let Some(dialog) = &mut self.print_dialog {
            let doc = self.maps.get(active).and_then(|p| p.doc.as_ref());
            queue.extend(dialog.ui(&ctx, doc, lang).into_iter().map(|c| (active, c)));
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
            let r = egui::Panel::left("planmap-compare-left").exact_size(half).frame(egui::Frame::NONE).show(ui, |ui| {
                differences::title_strip(ui, &left[0], right.first(), false, lang);
                left[0].ui(ui, lang, true)
            });
            rects.push(r.response.rect);
            out.extend(r.inner.into_iter().map(|c| (0, c)));
            if let Some(second) = right.first_mut() {
                let r = egui::CentralPanel::no_frame().show(ui, |ui| {
                    differences::title_strip(ui, second, left.first(), true, lang);
                    second.ui(ui, lang, true)
                });
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
        // Side columns (diagram, review) take at most a quarter of the window each, so on a
        // laptop the map keeps more than half of it whatever the column's text.
        let side_max = (ctx.content_rect().width() / 4.0).max(240.0);
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
                egui::Panel::right(egui::Id::unique(("planmap-side", id))).resizable(true).default_size(420.0).max_size(side_max).show(ui, |ui| {
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
}
