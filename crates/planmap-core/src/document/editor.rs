//! Editing an open layout: every edit goes through toml_edit (comments and formatting kept),
//! is validated exactly as `planmap check` does before it is kept, and can be undone and redone
//! for as long as the file is open. Saves are atomic; unsaved edits are copied to a recovery
//! file every few seconds; a change on disk is noticed and never silently overwritten.

use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use crate::io;
use crate::model::edit::Command;
use crate::model::{self, Boundaries, Diagnostic, Plan};

pub struct Editor {
    pub path: PathBuf,
    doc: DocumentMut,
    text: String,
    /// The file's text as last loaded or saved by us.
    saved: String,
    /// Text on disk we have already reacted to (a rejected or kept-apart external version).
    seen_on_disk: String,
    /// Text as last written to the recovery file.
    autosaved: String,
    /// Modification time and size of the file when we last read it: the watcher also reports
    /// events that change nothing, and reading the file on each would be work for nothing.
    disk_stamp: Option<(std::time::SystemTime, u64)>,
    undo: Vec<String>,
    redo: Vec<String>,
}

/// Where unsaved edits of `path` are kept: beside it, hidden (`.baoji.toml.recovery`).
pub fn recovery_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or("layout".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.recovery"))
}

/// Parse and validate layout text against the boundaries: the plan, or every problem.
pub fn check(text: &str, path: &Path, boundaries: &Boundaries) -> Result<Plan, Vec<Diagnostic>> {
    let plan = io::parse_layout(text, path).map_err(|d| vec![d])?;
    let diags = model::validate(&plan, text, path, Some(boundaries));
    if diags.iter().any(Diagnostic::is_error) { Err(diags.into_iter().filter(Diagnostic::is_error).collect()) } else { Ok(plan) }
}

impl Editor {
    pub fn new(path: &Path, text: &str) -> Result<Editor, String> {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
        Ok(Editor {
            path: path.to_path_buf(),
            doc,
            text: text.to_string(),
            saved: text.to_string(),
            seen_on_disk: text.to_string(),
            autosaved: text.to_string(),
            disk_stamp: disk_stamp(path),
            undo: Vec::new(),
            redo: Vec::new(),
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_dirty(&self) -> bool {
        self.text != self.saved
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn set_text(&mut self, text: String) {
        // The text came from this document or was checked to parse: keep the old one if not.
        if let Ok(doc) = text.parse::<DocumentMut>() {
            self.doc = doc;
            self.text = text;
        }
    }

    /// Apply an edit; kept only when the result passes the same checks as `planmap check`.
    pub fn apply(&mut self, cmd: &Command, boundaries: &Boundaries) -> Result<Plan, Vec<Diagnostic>> {
        let mut doc = self.doc.clone();
        io::edit::apply(&mut doc, cmd).map_err(|e| vec![Diagnostic::file(model::Severity::Error, &self.path, e.to_string())])?;
        let text = doc.to_string();
        let plan = check(&text, &self.path, boundaries)?;
        self.undo.push(std::mem::replace(&mut self.text, text));
        self.doc = doc;
        self.redo.clear();
        Ok(plan)
    }

    /// Replace the whole text as one undoable edit (restoring a recovery file).
    pub fn replace_all(&mut self, text: &str, boundaries: &Boundaries) -> Result<Plan, Vec<Diagnostic>> {
        let plan = check(text, &self.path, boundaries)?;
        let old = std::mem::take(&mut self.text);
        self.set_text(text.to_string());
        self.undo.push(old);
        self.redo.clear();
        Ok(plan)
    }

    /// Undo the last edit; returns the text now current.
    pub fn undo(&mut self) -> Option<&str> {
        let previous = self.undo.pop()?;
        let current = std::mem::take(&mut self.text);
        self.redo.push(current);
        self.set_text(previous);
        Some(&self.text)
    }

    pub fn redo(&mut self) -> Option<&str> {
        let next = self.redo.pop()?;
        let current = std::mem::take(&mut self.text);
        self.undo.push(current);
        self.set_text(next);
        Some(&self.text)
    }

    /// Save atomically to the file (or, with `to`, to another file, which becomes the file).
    /// On failure nothing changes: the edits stay and the old file is whole.
    pub fn save(&mut self, to: Option<&Path>) -> std::io::Result<()> {
        let target = to.unwrap_or(&self.path).to_path_buf();
        io::save::atomic_write(&target, self.text.as_bytes())?;
        if target != self.path {
            let _ = std::fs::remove_file(recovery_path(&self.path));
            self.path = target;
        }
        self.saved = self.text.clone();
        self.seen_on_disk = self.text.clone();
        self.autosaved = self.text.clone();
        let _ = std::fs::remove_file(recovery_path(&self.path));
        Ok(())
    }

    /// Copy unsaved edits to the recovery file when they changed since the last copy.
    pub fn autosave(&mut self) -> std::io::Result<bool> {
        if !self.is_dirty() || self.text == self.autosaved {
            return Ok(false);
        }
        io::save::atomic_write(&recovery_path(&self.path), self.text.as_bytes())?;
        self.autosaved = self.text.clone();
        Ok(true)
    }

    /// Forget the recovery file (the user discarded the edits).
    pub fn discard_recovery(&self) {
        let _ = std::fs::remove_file(recovery_path(&self.path));
    }

    /// The file's text when it changed on disk since we last loaded, saved or saw it.
    pub fn disk_change(&mut self) -> Option<String> {
        let stamp = disk_stamp(&self.path);
        if stamp.is_some() && stamp == self.disk_stamp {
            return None;
        }
        self.disk_stamp = stamp;
        let text = io::read_text_limited(&self.path, io::MAX_LAYOUT_BYTES).ok()?;
        (text != self.saved && text != self.seen_on_disk).then_some(text)
    }

    /// Remember a disk version as seen (kept apart, or invalid), so it is not reported again.
    pub fn mark_seen(&mut self, text: &str) {
        self.seen_on_disk = text.to_string();
    }

    /// Take the disk version: it becomes both the current and the saved text (undo history
    /// stays, so the user can still go back to their own version).
    pub fn take_disk(&mut self, text: &str) {
        let old = std::mem::take(&mut self.text);
        self.set_text(text.to_string());
        if old != self.text {
            self.undo.push(old);
        }
        self.saved = text.to_string();
        self.seen_on_disk = text.to_string();
    }
}

/// Whether a watcher event can have changed a file's content. notify also reports opens and
/// reads (Access); reacting to those would read the file, which reports another open, and so
/// on: a window busy at rest.
pub fn is_content_change(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    matches!(kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
}

/// The file's modification time and size, if it can be read.
pub fn disk_stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// A recovery file left by a session that ended with unsaved edits, if it differs from the file.
pub fn pending_recovery(path: &Path) -> Option<String> {
    let recovered = io::read_text_limited(&recovery_path(path), io::MAX_LAYOUT_BYTES).ok()?;
    let current = io::read_text_limited(path, io::MAX_LAYOUT_BYTES).ok()?;
    (recovered != current).then_some(recovered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{AccessKind, CreateKind, DataChange, ModifyKind, RemoveKind};

    #[test]
    fn opens_and_reads_are_not_changes() {
        assert!(!is_content_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_content_change(&EventKind::Any));
        assert!(is_content_change(&EventKind::Modify(ModifyKind::Data(DataChange::Content))));
        assert!(is_content_change(&EventKind::Create(CreateKind::File)));
        assert!(is_content_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn unchanged_file_is_not_reread_and_a_change_is_seen() {
        let dir = std::env::temp_dir().join(format!("planmap-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.toml");
        std::fs::write(&path, "x = 1\n").unwrap();
        let mut editor = Editor::new(&path, "x = 1\n").unwrap();
        assert_eq!(editor.disk_change(), None);
        std::fs::write(&path, "x = 22\n").unwrap();
        assert_eq!(editor.disk_change().as_deref(), Some("x = 22\n"));
        // Seen once: the same stamp is not reported again.
        editor.mark_seen("x = 22\n");
        assert_eq!(editor.disk_change(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
