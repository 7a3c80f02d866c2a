//! File ▸ New layout…: pick a region of China in a search box (type 青岛, choose 青岛市), choose
//! its units, choose where to save. Like every panel it only returns commands: `ChooseFolder`,
//! `CreateStarter` (the app writes the starter layout and its boundaries with `io::starter` and
//! opens it in edit mode, or hands back the error with `create_failed`), `NewLayoutDone(None)`.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::io::{china, starter};
use crate::model::regions::{Level, RegionId, RegionIndex};
use crate::ui::command::Command;
use crate::ui::dialogs::FolderFor;
use crate::ui::strings::{Lang, NewLayoutWords};

pub struct NewLayoutDialog {
    query: String,
    suggestions: Vec<RegionId>,
    suggested_for: String,
    chosen: Option<RegionId>,
    units: starter::Units,
    dir: PathBuf,
    file_name: String,
    /// The user typed a file name: stop deriving it from the region.
    named: bool,
    /// In-app folder browser (no native dialog): the subfolders of `dir`.
    browsing: Option<Vec<PathBuf>>,
    error: Option<String>,
    focus_search: bool,
}

impl NewLayoutDialog {
    pub fn new(dir: &Path) -> Self {
        let dir = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        NewLayoutDialog {
            query: String::new(),
            suggestions: Vec::new(),
            suggested_for: String::new(),
            chosen: None,
            units: starter::Units::County,
            dir,
            file_name: String::new(),
            named: false,
            browsing: None,
            error: None,
            focus_search: true,
        }
    }

    /// The region picked, if any.
    pub fn chosen(&self) -> Option<RegionId> {
        self.chosen
    }

    /// Where a folder chooser starts.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Save into this folder (what Choose… gave).
    pub fn set_dir(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.browsing = None;
    }

    /// Writing failed: say why; the dialog stays open as it was.
    pub fn create_failed(&mut self, error: String) {
        self.error = Some(error);
    }

    /// The layout file that Create would write.
    pub fn target(&self) -> PathBuf {
        let name = self.file_name.trim();
        let path = self.dir.join(name);
        if path.extension().is_some_and(|e| e == "toml") { path } else { self.dir.join(format!("{name}.toml")) }
    }

    fn choose(&mut self, ix: &RegionIndex, id: RegionId) {
        self.chosen = Some(id);
        self.error = None;
        if let Some(r) = ix.get(id) {
            self.query = r.name.clone();
            self.suggested_for = self.query.clone();
            if !self.named {
                self.file_name = format!("{}.toml", r.name);
            }
            if r.level == Level::County {
                self.units = starter::Units::County;
            }
        }
    }

    /// Show the dialog for one frame. `zh`: Chinese labels.
    pub fn ui(&mut self, ctx: &egui::Context, zh: bool) -> Vec<Command> {
        let w = if zh { Lang::Zh } else { Lang::En }.new_layout();
        let ix = match china::index() {
            Ok(ix) => ix,
            Err(e) => {
                self.error = Some(e.to_string());
                return vec![Command::NewLayoutDone(None)];
            }
        };
        let mut out = Vec::new();
        egui::Window::new(w.title).collapsible(false).resizable(false).default_width(460.0).show(ctx, |ui| {
            egui::Grid::new("new_layout_grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                ui.label(w.region);
                let edit = ui.add(egui::TextEdit::singleline(&mut self.query).hint_text(w.hint).desired_width(320.0));
                if std::mem::take(&mut self.focus_search) {
                    edit.request_focus();
                }
                ui.end_row();
            });
            if self.query != self.suggested_for {
                self.suggestions = ix.suggest(&self.query, 40);
                self.suggested_for = self.query.clone();
                self.chosen = None;
                // One exact hit is picked at once (typing 青岛市 or an adcode).
                if let [only] = self.suggestions.as_slice()
                    && ix.get(*only).is_some_and(|r| r.name == self.query.trim() || r.adcode == self.query.trim())
                {
                    let only = *only;
                    self.choose(ix, only);
                }
            }
            if self.chosen.is_none() && !self.query.trim().is_empty() {
                if self.suggestions.is_empty() {
                    ui.weak(w.nothing);
                }
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                let mut pick = enter.then(|| self.suggestions.first().copied()).flatten();
                egui::ScrollArea::vertical().max_height(180.0).show(ui, |ui| {
                    for &id in &self.suggestions {
                        if ui.selectable_label(false, ix.label(id)).clicked() {
                            pick = Some(id);
                        }
                    }
                });
                if let Some(id) = pick {
                    self.choose(ix, id);
                }
            }
            ui.separator();
            let level = self.chosen.and_then(|id| ix.get(id)).map(|r| r.level);
            egui::Grid::new("new_layout_units").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                ui.label(w.units);
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.units, starter::Units::County, w.counties);
                    ui.add_enabled_ui(level == Some(Level::Province), |ui| {
                        ui.radio_value(&mut self.units, starter::Units::City, w.cities);
                    });
                });
                ui.end_row();
                ui.label(w.folder);
                ui.horizontal(|ui| {
                    ui.label(self.dir.display().to_string());
                    if ui.button(w.choose).clicked() {
                        out.push(Command::ChooseFolder(FolderFor::NewLayout));
                    }
                });
                ui.end_row();
                ui.label(w.file);
                if ui.add(egui::TextEdit::singleline(&mut self.file_name).desired_width(320.0)).changed() {
                    self.named = true;
                }
                ui.end_row();
            });
            self.folder_browser(ui, w);
            if let Some(id) = self.chosen {
                let count = match (self.units, level) {
                    (starter::Units::City, Some(Level::Province)) => ix.children(id).len(),
                    (starter::Units::City, _) => 1,
                    _ => ix.counties(id).len(),
                };
                let pattern = if self.units == starter::Units::City { w.n_cities } else { w.n_counties };
                ui.label(format!("{}{} {}", ix.label(id), if zh { "：" } else { ":" }, pattern.replace("{n}", &count.to_string())));
                ui.weak(format!("{} {}", w.will_write, self.target().display()));
            }
            if let Some(e) = &self.error {
                ui.colored_label(crate::ui::tokens::ERROR, e);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let ready = self.chosen.is_some() && !self.file_name.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(w.create)).clicked()
                    && let Some(id) = self.chosen
                {
                    self.error = None;
                    out.push(Command::CreateStarter { region: id, units: self.units, out: self.target() });
                }
                if ui.button(w.cancel).clicked() {
                    out.push(Command::NewLayoutDone(None));
                }
            });
        });
        out
    }

    /// planmap's own folder list, where the system has no folder dialog.
    pub fn browse(&mut self) {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))).collect())
            .unwrap_or_default();
        dirs.sort();
        self.browsing = Some(dirs);
    }

    fn folder_browser(&mut self, ui: &mut egui::Ui, w: &NewLayoutWords) {
        let Some(dirs) = &self.browsing else { return };
        let mut go = None;
        let mut done = false;
        ui.group(|ui| {
            ui.horizontal(|ui| {
                if ui.button(w.up).clicked() {
                    go = self.dir.parent().map(Path::to_path_buf);
                }
                if ui.button(w.use_folder).clicked() {
                    done = true;
                }
            });
            egui::ScrollArea::vertical().id_salt("new_layout_dirs").max_height(140.0).show(ui, |ui| {
                for d in dirs {
                    let name = d.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    if ui.selectable_label(false, format!("{name}/")).clicked() {
                        go = Some(d.clone());
                    }
                }
            });
        });
        if let Some(dir) = go {
            self.dir = dir;
            self.browse();
        }
        if done {
            self.browsing = None;
        }
    }
}
