//! The top bar: file menu (open, export, recent), view menu, the layout switcher, fit,
//! present, and the edit controls.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Color32, RichText};

use super::App;
use super::picker::{self, Picker};
use super::strings::Lang;
use crate::document::Document;
use crate::model::{self, Diagnostic};

impl App {
    pub(super) fn open_dialog(&mut self) {
        let start = self.doc.as_ref().and_then(|d| d.path.parent().map(Path::to_path_buf)).unwrap_or_else(|| self.layouts_dir.clone());
        if picker::native_dialog_available() {
            let began = std::time::Instant::now();
            let chosen = rfd::FileDialog::new().add_filter("planmap", &["toml", "geojson", "json", "fgb", "shp"]).set_directory(&start).pick_file();
            match chosen {
                Some(path) => self.open(&path),
                // No dialog could appear (it returned at once): use ours.
                None if began.elapsed().as_millis() < 150 => self.picker = Some(Picker::new(&start)),
                None => {}
            }
        } else {
            self.picker = Some(Picker::new(&start));
        }
    }

    /// Export the map as it is set up (visible structures, colours) to PNG or SVG. Without a
    /// native dialog the file goes next to the open file.
    pub fn export_dialog(&mut self, ext: &str) {
        let Some(doc) = &self.doc else { return };
        let stem = doc.path.file_stem().map_or("map".into(), |s| s.to_string_lossy().into_owned());
        let dir = doc.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let out = if picker::native_dialog_available() {
            rfd::FileDialog::new().set_directory(&dir).set_file_name(format!("{stem}.{ext}")).add_filter(ext, &[ext]).save_file()
        } else {
            Some(dir.join(format!("{stem}-map.{ext}")))
        };
        let Some(out) = out else { return };
        let t = self.lang.t();
        match crate::export::write(doc, &crate::export::Options::default(), &out) {
            Ok(()) => self.status = Some(format!("{} {}", t.exported, out.display())),
            Err(e) => {
                self.problems = vec![Diagnostic::file(model::Severity::Error, &out, e)];
                self.open_failed = false;
            }
        }
    }

    pub(super) fn bundled_layouts(&self) -> Vec<(PathBuf, String)> {
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

    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.lang.t();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.file, |ui| {
                if ui.button(t.open).clicked() {
                    ui.close();
                    self.open_dialog();
                }
                for ext in ["png", "svg", "geojson"] {
                    let format = if ext == "geojson" { "GeoJSON".to_string() } else { ext.to_uppercase() };
                    if ui.button(format!("{} {format}…", t.export)).clicked() {
                        ui.close();
                        self.export_dialog(ext);
                    }
                }
                ui.menu_button(t.recent, |ui| {
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            ui.close();
                            self.open(&p);
                        }
                    }
                });
                ui.separator();
                if ui.button(t.quit).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(t.view, |ui| {
                if ui.button(t.fit).clicked() {
                    ui.close();
                    self.fit_to = Some(Vec::new());
                }
                ui.separator();
                ui.label(t.language);
                ui.radio_value(&mut self.lang, Lang::Zh, "中文");
                ui.radio_value(&mut self.lang, Lang::En, "English");
            });
            ui.separator();
            // The folder is listed once per opened file, not every frame.
            if self.layouts.is_none() {
                self.layouts = Some(self.bundled_layouts());
            }
            let layouts = self.layouts.clone().unwrap_or_default();
            let current = self.recent.first().filter(|_| self.doc.is_some()).cloned();
            let is_current = |p: &PathBuf| current.as_ref() == Some(p);
            let shown = layouts.iter().find(|(p, _)| is_current(p)).map_or_else(|| self.doc.as_ref().map_or(String::new(), Document::title), |(_, n)| n.clone());
            let mut chosen = None;
            egui::ComboBox::from_label(t.layouts).selected_text(shown).show_ui(ui, |ui| {
                for (path, name) in &layouts {
                    if ui.selectable_label(is_current(path), name).clicked() && !is_current(path) {
                        chosen = Some(path.clone());
                    }
                }
            });
            if let Some(path) = chosen {
                self.open(&path);
            }
            if ui.button(t.fit_short).on_hover_text(t.fit).clicked() {
                self.fit_to = Some(Vec::new());
            }
            if self.doc.as_ref().is_some_and(|d| d.plan.is_some()) && ui.button(t.present).on_hover_text("F5").clicked() {
                self.start_presentation(ui.ctx());
            }
            if self.doc.as_ref().is_some_and(|d| d.editor.is_some()) {
                ui.separator();
                ui.toggle_value(&mut self.edit_mode, t.edit);
                let (can_undo, can_redo, dirty) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.editor.as_ref())
                    .map_or((false, false, false), |e| (e.can_undo(), e.can_redo(), e.is_dirty()));
                if ui.add_enabled(can_undo, egui::Button::new(t.undo)).on_hover_text("Ctrl+Z").clicked() {
                    self.undo();
                }
                if ui.add_enabled(can_redo, egui::Button::new(t.redo)).on_hover_text("Ctrl+Shift+Z / Ctrl+Y").clicked() {
                    self.redo();
                }
                if ui.add_enabled(dirty, egui::Button::new(t.save)).clicked() {
                    self.save(None);
                }
            }
            if let Some(plan) = self.doc.as_ref().and_then(|d| d.plan.as_ref()) {
                ui.separator();
                ui.label(RichText::new(crate::model::shown_text(&plan.plan.title, 120)).strong());
                if let Some(s) = &plan.plan.slogan {
                    ui.label(RichText::new(s).color(Color32::from_rgb(0x8b, 0x1a, 0x1a)));
                }
            }
        });
    }
}
