//! Everything the user can ask for, as one enum. Panels return commands while they draw; the
//! app applies them in one place after every panel has drawn (`App::apply`), so no panel
//! changes the state another panel is still reading. Keyboard shortcuts live in one table,
//! `SHORTCUTS`, checked by a test for clashes.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::io::starter::Units;
use crate::model::regions::RegionId;
use std::sync::Arc;

use crate::document::draft_files::Prepared;
use crate::model::Target;
use crate::scene::View;
use crate::ui::strings::Lang;

/// A user intent. Commands of a map pane are applied to the pane that returned them (or,
/// from a shortcut or the top bar, to the active pane).
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a command does nothing until the app applies it"]
pub enum Command {
    // Files.
    Open(PathBuf),
    OpenDialog,
    Save,
    SaveAs,
    Export(&'static str),
    /// File ▸ Export indicators…: the indicator table as XLSX or CSV.
    ExportIndicators,
    /// File ▸ Print layout…: the dialog with its preview.
    PrintDialog,
    /// The print dialog closed: export with these settings, or cancelled.
    PrintDone(Option<crate::ui::dialogs::print::PrintSettings>),
    Quit,
    /// Open a second map beside the first.
    CompareWith(PathBuf),
    CompareDialog,
    /// File ▸ New layout…: the region dialog.
    NewLayoutDialog,
    /// File ▸ New layout from plan text…: the dialog (a .txt/.docx or pasted text to draft).
    DraftDialog,
    /// The region dialog closed: with the new layout's path, or cancelled.
    NewLayoutDone(Option<PathBuf>),
    /// The plan-text dialog closed: with the drafted layout's path, or cancelled.
    DraftDone(Option<PathBuf>),
    /// A dialog's "Choose file…" (a plan to draft): the native chooser, else planmap's own list.
    ChooseFile(Purpose),
    /// A dialog's "Choose folder…": the native chooser, else the dialog's own folder list.
    ChooseFolder(FolderFor),
    /// The new-layout dialog's Create: write the starter layout and its boundaries.
    CreateStarter {
        region: RegionId,
        units: Units,
        out: PathBuf,
    },
    /// The plan-text dialog's Draft: write the checked draft's files.
    WriteDraft(DraftWrite),
    /// The file on disk beside the unsaved edits.
    CompareWithDisk,
    /// View ▸ structures as fills and stripes, or outlines only.
    SetMarks(crate::scene::fills::Marks),
    /// View ▸ one structure at a time (the legend's rows then show one each), or all again.
    OneAtATime(bool),
    CloseCompare,
    SetLinked(bool),
    // View.
    Fit,
    ZoomIn,
    ZoomOut,
    /// Move the map by a screen distance.
    Pan(f32, f32),
    /// The map was dragged or zoomed to this view.
    SetView(View),
    ToggleFullscreen,
    SetLang(Lang),
    /// Show or hide a docked pane (by its id).
    TogglePane(&'static str),
    // Selection.
    /// A click on the map: a county, or empty space.
    Select(Option<Target>),
    /// A search hit or legend entry: select it and bring it into view.
    GoTo(Target),
    /// Esc: clear selection, highlight and search.
    Clear,
    /// A difference between two versions clicked: select its counties (by adcode) on every map.
    ShowCounties(Vec<String>),
    SetVisible(usize, bool),
    ColorBy(Option<String>),
    // Presentation.
    Present,
    NextStep,
    PrevStep,
    /// Esc in a presentation: close the county overlay, else leave.
    PresentBack,
    // Editing.
    ToggleEditMode,
    /// Enter (true) or leave edit mode (the review pane's Edit enters it).
    SetEditMode(bool),
    /// The review pane's Edit on a county's drafted fact: edit mode, the county selected, its
    /// fact form filled with that fact (Apply replaces it).
    EditFact {
        adcode: String,
        kind: crate::model::edit::FactKind,
        index: usize,
    },
    /// Highlight a structure to add or remove counties by clicking them (edit mode).
    Pick(Option<usize>),
    Edit(crate::model::edit::Command),
    /// A click on a county in edit mode with a structure picked.
    ToggleMember(usize),
    Undo,
    Redo,
    Answer(Answer),
    ClearProblems,
    /// The in-app file list was closed, with or without a file.
    PickerDone(Option<PathBuf>),
    /// Stop the file being opened or reloaded in the background (its Cancel button; Esc).
    CancelLoad,
}

impl Command {
    /// The words a menu item or button for this command shows, from the strings table; with
    /// `SHORTCUTS` and `tooltip`, everything the interface says about a command is declared here.
    pub fn text(&self, lang: Lang) -> Option<&'static str> {
        let t = lang.t();
        Some(match self {
            Command::NewLayoutDialog => t.new_layout,
            Command::DraftDialog => t.draft_layout,
            Command::PrintDialog => lang.print().menu,
            Command::OpenDialog => t.open,
            Command::ExportIndicators => t.export_indicators,
            Command::Quit => t.quit,
            Command::Fit => t.fit,
            Command::CompareDialog => t.compare_with,
            Command::CompareWithDisk => t.compare_disk,
            Command::CloseCompare => t.close_compare,
            Command::Present => t.present,
            Command::ToggleEditMode => t.edit,
            Command::Undo => t.undo,
            Command::Redo => t.redo,
            Command::Save => t.save,
            _ => return None,
        })
    }

    /// The hover text of the command's button: its shortcut ("Ctrl+Z"), or the long form of a
    /// short button ("Fit" → "Fit layout (Home)").
    pub fn tooltip(&self, ctx: &egui::Context, lang: Lang) -> Option<String> {
        match self {
            Command::Fit => Some(lang.t().fit.to_string()),
            _ => shortcut_text(ctx, self),
        }
    }
}

/// The answer to a question of the confirm window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Save (close / open), restore (recovery), save mine as (conflict).
    Save,
    /// Discard (close / open / recovery), take theirs (conflict).
    Discard,
    /// Cancel, keep mine.
    Keep,
}

/// What a file chooser is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Compare,
    /// A plan text (.txt/.docx) to draft a new layout from.
    Draft,
}

/// A folder being chosen for one of the dialogs that write files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderFor {
    NewLayout,
    Draft,
}

/// A checked draft to write, and whether files already there may be replaced (the user said so).
#[derive(Debug, Clone)]
pub struct DraftWrite {
    pub prepared: Arc<Prepared>,
    pub replace: bool,
}

impl PartialEq for DraftWrite {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.prepared, &other.prepared) && self.replace == other.replace
    }
}

/// When a shortcut applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Always.
    Any,
    /// Exploring or editing the map.
    Map,
    /// A presentation is running.
    Present,
}

impl Mode {
    fn overlaps(self, other: Mode) -> bool {
        self == Mode::Any || other == Mode::Any || self == other
    }
}

pub struct Shortcut {
    pub mode: Mode,
    pub keys: KeyboardShortcut,
    pub command: Command,
}

const fn key(mode: Mode, modifiers: Modifiers, key: Key, command: Command) -> Shortcut {
    Shortcut { mode, keys: KeyboardShortcut::new(modifiers, key), command }
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers { shift: true, ..Modifiers::COMMAND };
const STEP: f32 = 60.0;

/// Every keyboard shortcut, in one table.
pub const SHORTCUTS: &[Shortcut] = &[
    key(Mode::Any, CMD, Key::O, Command::OpenDialog),
    key(Mode::Any, CMD, Key::S, Command::Save),
    key(Mode::Any, CMD_SHIFT, Key::S, Command::SaveAs),
    key(Mode::Any, NONE, Key::F11, Command::ToggleFullscreen),
    key(Mode::Map, CMD, Key::Z, Command::Undo),
    key(Mode::Map, CMD_SHIFT, Key::Z, Command::Redo),
    key(Mode::Map, CMD, Key::Y, Command::Redo),
    key(Mode::Map, NONE, Key::F5, Command::Present),
    key(Mode::Map, NONE, Key::Home, Command::Fit),
    key(Mode::Map, NONE, Key::Escape, Command::Clear),
    key(Mode::Map, NONE, Key::Plus, Command::ZoomIn),
    key(Mode::Map, NONE, Key::Equals, Command::ZoomIn),
    key(Mode::Map, NONE, Key::Minus, Command::ZoomOut),
    key(Mode::Map, NONE, Key::ArrowLeft, Command::Pan(STEP, 0.0)),
    key(Mode::Map, NONE, Key::ArrowRight, Command::Pan(-STEP, 0.0)),
    key(Mode::Map, NONE, Key::ArrowUp, Command::Pan(0.0, STEP)),
    key(Mode::Map, NONE, Key::ArrowDown, Command::Pan(0.0, -STEP)),
    // A presenter's clicker sends PageDown / PageUp.
    key(Mode::Present, NONE, Key::ArrowRight, Command::NextStep),
    key(Mode::Present, NONE, Key::PageDown, Command::NextStep),
    key(Mode::Present, NONE, Key::Space, Command::NextStep),
    key(Mode::Present, NONE, Key::ArrowDown, Command::NextStep),
    key(Mode::Present, NONE, Key::ArrowLeft, Command::PrevStep),
    key(Mode::Present, NONE, Key::PageUp, Command::PrevStep),
    key(Mode::Present, NONE, Key::ArrowUp, Command::PrevStep),
    key(Mode::Present, NONE, Key::Escape, Command::PresentBack),
];

/// The shortcut text shown beside a command in menus and tooltips ("Ctrl+Z").
pub fn shortcut_text(ctx: &egui::Context, command: &Command) -> Option<String> {
    SHORTCUTS.iter().find(|s| s.command == *command).map(|s| ctx.format_shortcut(&s.keys))
}

/// Whether a focused text field does something with these keys (typing, moving the cursor,
/// its own undo, the clipboard); other keys (F5, Ctrl+S) still reach the app.
pub fn text_field_uses(keys: &KeyboardShortcut) -> bool {
    let m = keys.modifiers;
    if m.command || m.ctrl || m.mac_cmd {
        return matches!(
            keys.logical_key,
            Key::Z
                | Key::Y
                | Key::A
                | Key::C
                | Key::V
                | Key::X
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::Backspace
                | Key::Delete
                | Key::Home
                | Key::End
        );
    }
    !matches!(keys.logical_key, Key::F1 | Key::F2 | Key::F3 | Key::F4 | Key::F5 | Key::F6 | Key::F7 | Key::F8 | Key::F9 | Key::F10 | Key::F11 | Key::F12)
}

/// The commands whose shortcuts were pressed this frame, consumed so no widget sees them too.
/// With a text field focused, keys the field uses stay with it (Ctrl+Z undoes typing there).
pub fn pressed(ctx: &egui::Context, mode: Mode) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    // egui matches Ctrl+Z also when Shift is held: try shortcuts with more modifiers first.
    let mut table: Vec<&Shortcut> = SHORTCUTS.iter().filter(|s| s.mode.overlaps(mode) && !(typing && text_field_uses(&s.keys))).collect();
    table.sort_by_key(|s| std::cmp::Reverse(modifier_count(s.keys.modifiers)));
    ctx.input_mut(|i| table.into_iter().filter(|s| i.consume_shortcut(&s.keys)).map(|s| s.command.clone()).collect())
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        for (i, a) in SHORTCUTS.iter().enumerate() {
            for b in &SHORTCUTS[i + 1..] {
                let same_keys = a.keys.modifiers == b.keys.modifiers && a.keys.logical_key == b.keys.logical_key;
                assert!(!(same_keys && a.mode.overlaps(b.mode) && a.command != b.command), "{:?} and {:?} share {:?}", a.command, b.command, a.keys);
                assert!(!(same_keys && a.mode.overlaps(b.mode)), "{:?} is listed twice", a.keys);
            }
        }
    }

    #[test]
    fn text_fields_keep_their_keys_and_let_the_others_through() {
        let z = KeyboardShortcut::new(CMD, Key::Z);
        assert!(text_field_uses(&z), "Ctrl+Z undoes typing in a text field");
        assert!(text_field_uses(&KeyboardShortcut::new(NONE, Key::ArrowLeft)));
        assert!(text_field_uses(&KeyboardShortcut::new(NONE, Key::Escape)));
        assert!(!text_field_uses(&KeyboardShortcut::new(NONE, Key::F5)));
        assert!(!text_field_uses(&KeyboardShortcut::new(CMD, Key::S)), "Ctrl+S saves even while typing");
    }
}
