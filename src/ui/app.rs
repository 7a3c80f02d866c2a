//! The window: menu and layout switcher on top, search and legend on the left, details on the
//! right, problems at the bottom, the map in the middle.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key, Pos2, Rect, RichText};
use serde::{Deserialize, Serialize};

use crate::document::Document;
use super::map_view::{self, Emphasis, View};
use super::picker::Picker;
use super::strings::Lang;
use crate::model::{Diagnostic, Target};
use crate::scene::fills::rgba;

/// What survives a restart (eframe storage).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
    pub doc: Option<Document>,
    /// Problems of the last file opened; `open_failed` when it did not open.
    pub problems: Vec<Diagnostic>,
    pub open_failed: bool,
    pub view: Option<View>,
    /// Features to fit on the next frame (empty: the whole layout).
    pub(super) fit_to: Option<Vec<usize>>,
    pub selected: Option<Target>,
    /// A structure chosen in the legend or search: its members are emphasised.
    pub focus_structure: Option<usize>,
    pub search: String,
    pub recent: Vec<PathBuf>,
    pub(super) picker: Option<Picker>,
    pub layouts_dir: PathBuf,
    /// Where the map was drawn last frame (for tests and for fitting).
    pub map_rect: Rect,
    title: String,
    /// Presentation mode, when on.
    pub present: Option<super::present::Presentation>,
    /// The bundled layouts (path, region), listed when the switcher first needs them.
    pub(super) layouts: Option<Vec<(PathBuf, String)>>,
    /// A camera move in progress: from, to, start time (s).
    flight: Option<(View, View, f64)>,
    /// The last export's outcome, shown in the status bar.
    pub status: Option<String>,
    /// Edit mode (off: exploring and presenting change nothing).
    pub edit_mode: bool,
    /// A question waiting for the user (unsaved edits, recovery, external change).
    pub confirm: Option<super::edit::Confirm>,
    pub(super) forms: super::edit::Forms,
    pub(super) watch: Option<super::edit::Watch>,
    watched: Option<PathBuf>,
    watched_boundaries: Option<PathBuf>,
    pub(super) last_autosave: f64,
    /// Close the window at the next frame (the user answered the unsaved-edits question).
    pub(super) close_now: bool,
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
            doc: None,
            problems: Vec::new(),
            open_failed: false,
            view: None,
            fit_to: None,
            selected: None,
            focus_structure: None,
            search: String::new(),
            recent: saved.recent.clone(),
            picker: None,
            layouts_dir: layouts_dir.clone(),
            map_rect: Rect::NOTHING,
            title: String::new(),
            present: None,
            layouts: None,
            flight: None,
            status: None,
            edit_mode: false,
            confirm: None,
            forms: Default::default(),
            watch: None,
            watched: None,
            watched_boundaries: None,
            last_autosave: 0.0,
            close_now: false,
        };
        let restore = file.is_none() && saved.last.as_ref().is_some_and(|p| p.is_file());
        let path = file.or(saved.last.filter(|p| p.is_file())).unwrap_or_else(|| layouts_dir.join("baoji.toml"));
        app.open(&path);
        if restore && let Some((center, scale)) = saved.view {
            app.view = Some(View { center, scale });
            app.fit_to = None;
        }
        app
    }

    pub fn saved(&self) -> Saved {
        Saved {
            last: self.doc.as_ref().map(|d| d.path.clone()),
            recent: self.recent.clone(),
            lang: Some(self.lang),
            view: self.view.map(|v| (v.center, v.scale)),
        }
    }

    /// Open a file, asking first when the open layout has unsaved edits.
    pub fn open(&mut self, path: &Path) {
        if self.doc.as_ref().is_some_and(Document::is_dirty) {
            self.confirm = Some(super::edit::Confirm::Open(path.to_path_buf()));
        } else {
            self.open_unchecked(path);
        }
    }

    /// Open a file. On failure the problems are shown and the current document stays.
    pub fn open_unchecked(&mut self, path: &Path) {
        match Document::open(path) {
            Ok((doc, warnings)) => {
                self.present = None;
                self.problems = warnings;
                self.open_failed = false;
                self.fit_to = Some(doc.plan.as_ref().and_then(|p| p.focus_district()).and_then(|a| doc.boundaries.index_of(a)).into_iter().collect());
                self.doc = Some(doc);
                self.selected = None;
                self.focus_structure = None;
                self.search.clear();
                let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                self.recent.retain(|p| *p != abs);
                self.recent.insert(0, abs);
                self.recent.truncate(MAX_RECENT);
                self.confirm = crate::editor::pending_recovery(path).map(super::edit::Confirm::Recover);
                self.layouts = None;
            }
            Err(diags) => {
                self.problems = diags;
                self.open_failed = true;
            }
        }
    }

    pub(super) fn selected_feature(&self) -> Option<usize> {
        match (&self.selected, &self.doc) {
            (Some(Target::District(a)), Some(doc)) => doc.boundaries.index_of(a),
            _ => None,
        }
    }

    /// Select a search hit or legend entry and bring it into view.
    pub fn go_to(&mut self, target: Target) {
        let Some(doc) = &self.doc else { return };
        let feature_of = |adcode: Option<&str>| adcode.and_then(|a| doc.boundaries.index_of(a));
        let features: Vec<usize> = match &target {
            Target::District(a) => feature_of(Some(a)).into_iter().collect(),
            Target::Structure(s) => doc.members_of(*s),
            Target::Hospital { district, .. } | Target::Project { district, .. } => {
                doc.plan.as_ref().and_then(|p| p.all_districts().nth(*district)).and_then(|d| feature_of(d.adcode())).into_iter().collect()
            }
            Target::Member { structure, index } => doc
                .plan
                .as_ref()
                .and_then(|p| p.structures.get(*structure)?.members.get(*index)?.within.as_ref().map(|w| w.get_ref().clone()))
                .and_then(|w| feature_of(Some(&w)))
                .into_iter()
                .collect(),
            Target::City => Vec::new(),
        };
        self.focus_structure = if let Target::Structure(s) = target { Some(s) } else { None };
        if !features.is_empty() {
            self.fit_to = Some(features);
        }
        self.selected = Some(target);
    }

    /// Screen position of a lon/lat point on the map as last drawn (None before the first frame).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<Pos2> {
        let doc = self.doc.as_ref()?;
        let view = self.view?;
        let [x, y] = doc.scene.projection.forward(lon, lat);
        Some(view.to_screen(self.map_rect, [x as f32, y as f32]))
    }

    pub(super) fn clear(&mut self) {
        self.selected = None;
        self.focus_structure = None;
        self.search.clear();
    }

    /// The whole interface, one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let t = self.lang.t();
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect());
        if let Some(p) = dropped.first() {
            self.open(p);
        }
        let keys = !ctx.egui_wants_keyboard_input();
        if self.present.is_none() && ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.clear();
        }
        if keys && ctx.input(|i| i.key_pressed(Key::Home)) {
            self.fit_to = Some(Vec::new());
        }
        if self.close_now {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let path = self.doc.as_ref().map(|d| d.path.clone());
        let boundaries = self.doc.as_ref().and_then(|d| d.boundaries_path.clone());
        if path != self.watched || boundaries != self.watched_boundaries {
            let files: Vec<&std::path::Path> = path.iter().chain(boundaries.iter()).map(PathBuf::as_path).collect();
            self.watch = if files.is_empty() { None } else { super::edit::watch_files(&files, &ctx) };
            self.watched = path;
            self.watched_boundaries = boundaries;
        }
        self.edit_housekeeping(&ctx);
        let title = match &self.doc {
            Some(d) => format!("planmap — {}{}", d.title(), if d.is_dirty() { " *" } else { "" }),
            None => "planmap".into(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        if ctx.input(|i| i.key_pressed(Key::F11)) {
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        if self.present.is_some() {
            self.present_ui(ui);
            return;
        }
        if keys && ctx.input(|i| i.key_pressed(Key::F5)) {
            self.start_presentation(&ctx);
        }
        egui::Panel::top("menu").show(ui, |ui| self.top_bar(ui));
        if !self.problems.is_empty() {
            egui::Panel::bottom("problems").resizable(true).default_size(120.0).show(ui, |ui| self.problems_panel(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(t.keys_help).small().weak());
                if let Some(s) = &self.status {
                    ui.separator();
                    ui.label(RichText::new(s).small());
                }
            });
        });
        egui::Panel::left("legend").resizable(true).default_size(270.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| self.left_panel(ui));
        });
        egui::Panel::right("details").resizable(true).default_size(340.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| self.details_panel(ui));
        });
        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui, keys));

        if let Some(picker) = &mut self.picker {
            match picker.show(&ctx, t) {
                Some(Some(path)) => {
                    self.picker = None;
                    self.open(&path);
                }
                Some(None) => self.picker = None,
                None => {}
            }
        }
    }

    pub(super) fn map(&mut self, ui: &mut egui::Ui, keys: bool) {
        let Some(doc) = &self.doc else {
            ui.centered_and_justified(|ui| ui.label(self.lang.t().nothing_open));
            return;
        };
        let rect = ui.available_rect_before_wrap();
        self.map_rect = rect;
        let selected = self.selected_feature();
        let now = ui.input(|i| i.time);
        if let Some(features) = self.fit_to.take() {
            let mut b = doc.scene.bounds_of(&features);
            // A single county is shown with its neighbours around it.
            if features.len() == 1 {
                let (w, h) = (b[2] - b[0], b[3] - b[1]);
                b = [b[0] - w * 0.6, b[1] - h * 0.6, b[2] + w * 0.6, b[3] + h * 0.6];
            }
            // In a presentation the caption covers the bottom of the screen: fit above it.
            let room = match &self.present {
                Some(p) if p.current_structures().len() > 1 => Rect::from_min_max(rect.min, egui::pos2(rect.max.x - super::present::PRESENT_COLUMN, rect.max.y)),
                Some(_) => Rect::from_min_max(rect.min, egui::pos2(rect.max.x, rect.max.y - 170.0)),
                None => rect,
            };
            let mut target = View::fit(b, room);
            target.center[0] += f64::from(rect.center().x - room.center().x) / target.scale;
            target.center[1] -= f64::from(rect.center().y - room.center().y) / target.scale;
            match self.view {
                // In a presentation the camera glides; elsewhere it jumps.
                Some(from) if self.present.is_some() => self.flight = Some((from, target, now)),
                _ => self.view = Some(target),
            }
        }
        if let Some((from, to, start)) = self.flight {
            let t = ((now - start) / 0.8).clamp(0.0, 1.0);
            self.view = Some(from.lerp(&to, t));
            if t >= 1.0 {
                self.flight = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        let view = self.view.get_or_insert_with(|| View::fit(doc.scene.bounds, rect));
        let structures = match &self.present {
            Some(p) => p.current_structures(),
            None => self.focus_structure.into_iter().collect(),
        };
        let members = (!structures.is_empty()).then(|| structures.iter().flat_map(|&s| doc.members_of(s)).collect::<Vec<_>>());
        let member_color = match (structures.first(), &doc.plan) {
            (Some(&s), Some(p)) => rgba(p.structure_color(s)),
            _ => [0, 0, 0, 255],
        };
        let emphasis = Emphasis { selected, members: members.as_deref(), member_color };
        let (out, _, response) = map_view::show(ui, doc, view, &emphasis, keys);
        if let Some(i) = out.hovered {
            let f = &doc.boundaries.features[i];
            let mut lines = vec![f.name.clone()];
            if let Some(plan) = &doc.plan {
                for s in plan.structures_of(&f.adcode) {
                    let st = &plan.structures[s];
                    let extent = st.member_for(&f.adcode).and_then(|m| m.partial.clone()).map_or(String::new(), |q| format!("（部分：{q}）"));
                    lines.push(format!("· {}{extent}", st.name));
                }
            }
            response.on_hover_ui_at_pointer(|ui| {
                ui.label(RichText::new(&lines[0]).strong());
                for l in &lines[1..] {
                    ui.label(l);
                }
            });
        }
        if let Some(clicked) = out.clicked {
            if self.edit_mode && self.focus_structure.is_some() {
                if let Some(i) = clicked {
                    self.toggle_member(i);
                }
            } else {
                self.focus_structure = None;
                self.selected = clicked.map(|i| Target::District(doc.boundaries.features[i].adcode.clone()));
            }
        }
    }
}


