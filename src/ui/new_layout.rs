//! File ▸ New layout…: pick a region of China in a search box (type 青岛, choose 青岛市), choose
//! its units, choose where to save; writes a starter layout and its boundaries
//! (`io::starter`) and reports the new file so the app opens it in edit mode.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::picker;
use crate::io::{china, starter};
use crate::model::regions::{Level, RegionId, RegionIndex};

/// What the dialog ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewLayoutOutcome {
    /// The layout written (its boundaries are beside it): open it for editing.
    Created(PathBuf),
    Cancelled,
}

struct Words {
    title: &'static str,
    region: &'static str,
    hint: &'static str,
    nothing: &'static str,
    units: &'static str,
    counties: &'static str,
    cities: &'static str,
    folder: &'static str,
    choose: &'static str,
    up: &'static str,
    use_folder: &'static str,
    file: &'static str,
    create: &'static str,
    cancel: &'static str,
    will_write: &'static str,
    /// "{n} counties, with neighbours" / "{n} cities, with neighbours".
    n_counties: &'static str,
    n_cities: &'static str,
}

const ZH: Words = Words {
    title: "新建布局",
    region: "地区",
    hint: "输入地名或行政区划代码，如 青岛",
    nothing: "没有这个地名",
    units: "单元",
    counties: "区县",
    cities: "市（省级规划）",
    folder: "保存到",
    choose: "选择文件夹…",
    up: "上一级",
    use_folder: "用这个文件夹",
    file: "文件名",
    create: "创建并编辑",
    cancel: "取消",
    will_write: "将写入",
    n_counties: "{n} 个区县，及相邻单元",
    n_cities: "{n} 个市，及相邻单元",
};

const EN: Words = Words {
    title: "New layout",
    region: "Region",
    hint: "type a place name or adcode, e.g. 青岛",
    nothing: "no region of that name",
    units: "Units",
    counties: "counties (区县)",
    cities: "cities (市, for a province-level plan)",
    folder: "Save in",
    choose: "Choose folder…",
    up: "Up",
    use_folder: "Use this folder",
    file: "File name",
    create: "Create and edit",
    cancel: "Cancel",
    will_write: "Will write",
    n_counties: "{n} counties, with their neighbours",
    n_cities: "{n} cities, with their neighbours",
};

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
    pub fn ui(&mut self, ctx: &egui::Context, zh: bool) -> Option<NewLayoutOutcome> {
        let w = if zh { &ZH } else { &EN };
        let ix = match china::index() {
            Ok(ix) => ix,
            Err(e) => {
                self.error = Some(e.to_string());
                return Some(NewLayoutOutcome::Cancelled);
            }
        };
        let mut outcome = None;
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
                        self.choose_folder();
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
                ui.colored_label(egui::Color32::from_rgb(0xb0, 0x20, 0x20), e);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let ready = self.chosen.is_some() && !self.file_name.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(w.create)).clicked()
                    && let Some(id) = self.chosen
                {
                    match starter::write(id, self.units, &self.target()) {
                        Ok(done) => outcome = Some(NewLayoutOutcome::Created(done.layout)),
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
                if ui.button(w.cancel).clicked() {
                    outcome = Some(NewLayoutOutcome::Cancelled);
                }
            });
        });
        outcome
    }

    fn choose_folder(&mut self) {
        if picker::native_dialog_available() {
            let began = std::time::Instant::now();
            match rfd::FileDialog::new().set_directory(&self.dir).pick_folder() {
                Some(dir) => self.dir = dir,
                // Returned at once: no dialog could appear; browse in the window instead.
                None if began.elapsed().as_millis() < 150 => self.browse(),
                None => {}
            }
        } else {
            self.browse();
        }
    }

    fn browse(&mut self) {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))).collect())
            .unwrap_or_default();
        dirs.sort();
        self.browsing = Some(dirs);
    }

    fn folder_browser(&mut self, ui: &mut egui::Ui, w: &Words) {
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
