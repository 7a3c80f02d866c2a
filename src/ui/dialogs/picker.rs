//! An in-app file picker for systems without a native dialog (no desktop portal, no zenity):
//! lists folders and .toml / .geojson / .fgb / .shp files.

use std::path::{Path, PathBuf};

use eframe::egui;

use crate::ui::strings::Strings;

pub struct Picker {
    pub dir: PathBuf,
    exts: &'static [&'static str],
    entries: Vec<(PathBuf, bool)>,
}

impl Picker {
    pub fn new(dir: &Path) -> Picker {
        Picker::for_purpose(dir, crate::ui::dialogs::Purpose::Open)
    }

    /// A list of the files a purpose takes (plan texts to draft from, else layouts and boundaries).
    pub fn for_purpose(dir: &Path, purpose: crate::ui::dialogs::Purpose) -> Picker {
        let dir = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut p = Picker { dir, exts: extensions(purpose), entries: Vec::new() };
        p.scan();
        p
    }

    fn scan(&mut self) {
        let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| (e.path(), e.path().is_dir()))
                    .filter(|(p, dir)| {
                        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                        !hidden && (*dir || p.extension().and_then(|e| e.to_str()).is_some_and(|e| self.exts.iter().any(|x| x.eq_ignore_ascii_case(e))))
                    })
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.entries = entries;
    }

    /// Show the picker window. Returns Some(Some(path)) when a file is chosen, Some(None)
    /// when cancelled.
    pub fn show(&mut self, ctx: &egui::Context, t: &Strings) -> Option<Option<PathBuf>> {
        let mut result = None;
        let mut go = None;
        egui::Window::new(t.open_file).collapsible(false).default_size([480.0, 420.0]).show(ctx, |ui| {
            ui.horizontal(|ui| {
                if ui.button(t.up).clicked() {
                    go = self.dir.parent().map(Path::to_path_buf);
                }
                ui.label(self.dir.display().to_string());
            });
            ui.separator();
            egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                for (path, is_dir) in &self.entries {
                    let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    let label = if *is_dir { format!("{name}/") } else { name };
                    if ui.selectable_label(false, label).clicked() {
                        if *is_dir {
                            go = Some(path.clone());
                        } else {
                            result = Some(Some(path.clone()));
                        }
                    }
                }
            });
            ui.separator();
            if ui.button(t.cancel).clicked() {
                result = Some(None);
            }
        });
        if let Some(dir) = go {
            self.dir = dir;
            self.scan();
        }
        result
    }
}

/// Whether a native file dialog can appear: rfd needs a desktop portal (over D-Bus) or zenity.
pub fn native_dialog_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join("zenity").is_file()));
    has_bus || has_zenity
}

/// The file kinds a chooser lists.
pub fn extensions(purpose: crate::ui::dialogs::Purpose) -> &'static [&'static str] {
    match purpose {
        crate::ui::dialogs::Purpose::Draft => &["txt", "docx"],
        _ => &["toml", "geojson", "json", "fgb", "shp"],
    }
}
