//! Questions and file dialogs: the confirm window (unsaved edits, recovery, a change on disk),
//! the native open / save / export dialogs with planmap's own file list where the system has
//! none. Dialog windows return commands like every panel.

pub mod draft;
pub mod new_layout;
pub mod picker;
pub mod print;
pub mod region_search;

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use crate::ui::command::Command;
pub use crate::ui::command::{Answer, FolderFor, Purpose};
use crate::ui::strings::Lang;

/// A question the app must ask before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// The window is closing with unsaved edits.
    Close,
    /// Another file is opening with unsaved edits.
    Open(PathBuf),
    /// A recovery file holds edits a previous session did not save.
    Recover(String),
    /// The file changed on disk while there are unsaved edits: the disk version.
    Conflict(String),
    /// Pick clicked a neighbour drawn only for context: add it (`edit`) anyway?
    AddContext { edit: crate::model::edit::Command, name: String },
}

/// The confirm window for `question`.
pub fn confirm(ctx: &egui::Context, question: &Confirm, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let (message, buttons): (String, Vec<(Answer, &str)>) = match question {
        Confirm::Close | Confirm::Open(_) => (t.unsaved_question.into(), vec![(Answer::Save, t.save), (Answer::Discard, t.discard), (Answer::Keep, t.cancel)]),
        Confirm::Recover(_) => (t.recover_question.into(), vec![(Answer::Save, t.restore), (Answer::Discard, t.discard)]),
        Confirm::Conflict(_) => (t.conflict_question.into(), vec![(Answer::Keep, t.keep_mine), (Answer::Discard, t.take_theirs), (Answer::Save, t.save_mine_as)]),
        Confirm::AddContext { name, .. } => (t.pick_context.replace("{name}", name), vec![(Answer::Save, t.add_anyway), (Answer::Keep, t.cancel)]),
    };
    let mut cmds = Vec::new();
    egui::Modal::new(egui::Id::unique("planmap-confirm")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.label(RichText::new(message).strong());
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (answer, label) in buttons {
                if ui.button(label).clicked() {
                    cmds.push(Command::Answer(answer));
                }
            }
        });
    });
    cmds
}

/// What a native chooser gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    Path(PathBuf),
    Cancelled,
    /// The system has no dialog (no desktop portal, no zenity): the caller shows planmap's own.
    NoDialog,
}

/// The one way to a native chooser: `open` runs it (it blocks while the user chooses, so only
/// the place that applies commands calls this, after the frame's panels have drawn). A dialog
/// that returned at once never appeared: that is `NoDialog` too.
fn native(open: impl FnOnce() -> Option<PathBuf>) -> Chosen {
    if !picker::native_dialog_available() {
        return Chosen::NoDialog;
    }
    let began = std::time::Instant::now();
    match open() {
        Some(p) => Chosen::Path(p),
        None if began.elapsed().as_millis() < 150 => Chosen::NoDialog,
        None => Chosen::Cancelled,
    }
}

/// Choose a layout, boundary or plan file.
pub fn choose_file(start: &Path, purpose: Purpose) -> Chosen {
    native(|| rfd::FileDialog::new().add_filter("planmap", picker::extensions(purpose)).set_directory(start).pick_file())
}

/// Choose a folder to write into.
pub fn choose_folder(start: &Path) -> Chosen {
    native(|| rfd::FileDialog::new().set_directory(start).pick_folder())
}

/// Where to save a copy of the layout: the native dialog, else NAME-copy.toml beside it.
pub fn save_as_target(path: &Path) -> Option<PathBuf> {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path.file_name().map_or("layout.toml".into(), |n| n.to_string_lossy().into_owned());
    match native(|| rfd::FileDialog::new().set_directory(&dir).set_file_name(&name).add_filter("toml", &["toml"]).save_file()) {
        Chosen::Path(p) => Some(p),
        Chosen::Cancelled => None,
        Chosen::NoDialog => {
            let stem = path.file_stem().map_or("layout".into(), |s| s.to_string_lossy().into_owned());
            Some(dir.join(format!("{stem}-copy.toml")))
        }
    }
}

/// Where to export the map: the native dialog, else NAME-map.EXT beside the layout.
pub fn export_target(path: &Path, ext: &str) -> Option<PathBuf> {
    let stem = path.file_stem().map_or("map".into(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    match native(|| rfd::FileDialog::new().set_directory(&dir).set_file_name(format!("{stem}.{ext}")).add_filter(ext, &[ext]).save_file()) {
        Chosen::Path(p) => Some(p),
        Chosen::Cancelled => None,
        Chosen::NoDialog => Some(dir.join(format!("{stem}-map.{ext}"))),
    }
}

/// Where to write the indicator table: the native save dialog (XLSX or CSV), else beside the
/// layout as `NAME-indicators.xlsx`.
pub fn indicators_target(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem().map_or("plan".into(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let dialog = || {
        rfd::FileDialog::new()
            .set_directory(&dir)
            .set_file_name(format!("{stem}-indicators.xlsx"))
            .add_filter("Excel / WPS", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .save_file()
    };
    match native(dialog) {
        Chosen::Path(p) => Some(p),
        Chosen::Cancelled => None,
        Chosen::NoDialog => Some(dir.join(format!("{stem}-indicators.xlsx"))),
    }
}

#[cfg(test)]
mod tests {
    /// Native choosers block while the user chooses and writes change the disk: only the place
    /// that applies commands (apply.rs, files.rs, through the functions above) may do either,
    /// never a panel or dialog while it draws.
    #[test]
    fn panels_and_dialogs_neither_choose_nor_write() {
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let allowed = [ui.join("dialogs/mod.rs"), ui.join("apply.rs"), ui.join("files.rs"), ui.join("file_watch.rs")];
        let mut found = Vec::new();
        for (p, code) in crate::ui::sources().into_iter().filter(|(p, _)| !allowed.contains(p)) {
            for (n, line) in code.lines().enumerate() {
                let line = line.split("//").next().unwrap_or("");
                if ["rfd::", "fs::write", "starter::write", "draft_files::commit", "atomic_write", "fs::remove_file", "fs::rename"].iter().any(|m| line.contains(m)) {
                    found.push(format!("{}:{}", p.display(), n + 1));
                }
            }
        }
        assert!(found.is_empty(), "choosers or writes outside the place that applies commands: {found:?}");
    }
}
