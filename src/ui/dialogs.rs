//! Questions and file dialogs: the confirm window (unsaved edits, recovery, a change on disk),
//! the native open / save / export dialogs with planmap's own file list where the system has
//! none. Dialog windows return commands like every panel.

use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText};

use super::command::Command;
use super::picker;
use super::strings::Lang;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Save (close / open), restore (recovery), save mine as (conflict).
    Save,
    /// Discard (close / open / recovery), take theirs (conflict).
    Discard,
    /// Cancel, keep mine.
    Keep,
}

/// The confirm window for `question`.
pub fn confirm(ctx: &egui::Context, question: &Confirm, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let (message, buttons): (&str, Vec<(Answer, &str)>) = match question {
        Confirm::Close | Confirm::Open(_) => (t.unsaved_question, vec![(Answer::Save, t.save), (Answer::Discard, t.discard), (Answer::Keep, t.cancel)]),
        Confirm::Recover(_) => (t.recover_question, vec![(Answer::Save, t.restore), (Answer::Discard, t.discard)]),
        Confirm::Conflict(_) => (t.conflict_question, vec![(Answer::Keep, t.keep_mine), (Answer::Discard, t.take_theirs), (Answer::Save, t.save_mine_as)]),
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

/// What a file chooser is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Compare,
    /// A plan text (.txt/.docx) to draft a new layout from.
    Draft,
}

/// Choose a layout or boundary file: the native dialog, or None with `fallback` set when the
/// system has none (the caller then shows planmap's own list).
pub fn choose_file(start: &Path, fallback: &mut bool, purpose: Purpose) -> Option<PathBuf> {
    if !picker::native_dialog_available() {
        *fallback = true;
        return None;
    }
    let began = std::time::Instant::now();
    let chosen = rfd::FileDialog::new().add_filter("planmap", picker::extensions(purpose)).set_directory(start).pick_file();
    // No dialog could appear (it returned at once): use ours.
    *fallback = chosen.is_none() && began.elapsed().as_millis() < 150;
    chosen
}

/// Where to save a copy of the layout: the native dialog, else NAME-copy.toml beside it.
pub fn save_as_target(path: &Path) -> Option<PathBuf> {
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if picker::native_dialog_available() {
        let name = path.file_name().map_or("layout.toml".into(), |n| n.to_string_lossy().into_owned());
        rfd::FileDialog::new().set_directory(&dir).set_file_name(&name).add_filter("toml", &["toml"]).save_file()
    } else {
        let stem = path.file_stem().map_or("layout".into(), |s| s.to_string_lossy().into_owned());
        Some(dir.join(format!("{stem}-copy.toml")))
    }
}

/// Where to export the map: the native dialog, else NAME-map.EXT beside the layout.
pub fn export_target(path: &Path, ext: &str) -> Option<PathBuf> {
    let stem = path.file_stem().map_or("map".into(), |s| s.to_string_lossy().into_owned());
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if picker::native_dialog_available() {
        rfd::FileDialog::new().set_directory(&dir).set_file_name(format!("{stem}.{ext}")).add_filter(ext, &[ext]).save_file()
    } else {
        Some(dir.join(format!("{stem}-map.{ext}")))
    }
}
