//! Edit mode: structures in the legend become editable, a click on the map adds or removes the
//! county from the highlighted structure, the details panel edits a district's facts. Undo,
//! redo, save, recovery and external changes are handled here too.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eframe::egui::{self, Color32, Key, Modifiers, RichText};

use super::App;
use crate::editor;
use crate::io::edit::{Command, DistrictRef, Fact, FactKind};
use crate::model::{Diagnostic, Rgb, Severity, StructureKind};

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

/// Text typed into the edit forms, kept between frames.
#[derive(Default)]
pub struct Forms {
    pub structure_name: String,
    pub structure_kind: Option<StructureKind>,
    pub structure_source: String,
    pub place_name: String,
    pub place_location: String,
    pub fact_kind: Option<FactKind>,
    pub fact_name: String,
    pub fact_text: String,
    pub fact_source: String,
    /// When editing an existing fact: its kind and index.
    pub editing: Option<(FactKind, usize)>,
    pub partial: Vec<(usize, String)>,
}

/// Watches the open file's folder; sets a flag (and wakes the UI) when something there changes.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    pub changed: Arc<AtomicBool>,
}

pub fn watch(path: &std::path::Path, ctx: &egui::Context) -> Option<Watch> {
    watch_files(&[path], ctx)
}

/// Watch several files (a layout and its boundary file) with one flag.
pub fn watch_files(paths: &[&std::path::Path], ctx: &egui::Context) -> Option<Watch> {
    use notify::Watcher;
    let changed = Arc::new(AtomicBool::new(false));
    let flag = changed.clone();
    let ctx = ctx.clone();
    let names: Vec<std::ffi::OsString> = paths.iter().filter_map(|p| p.file_name()).map(|n| n.to_os_string()).collect();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| editor::is_content_change(&e.kind) && e.paths.iter().any(|p| names.iter().any(|n| p.file_name() == Some(n.as_os_str())))) {
            flag.store(true, Ordering::Relaxed);
            ctx.request_repaint();
        }
    })
    .ok()?;
    for path in paths {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        watcher.watch(dir, notify::RecursiveMode::NonRecursive).ok()?;
    }
    Some(Watch { _watcher: watcher, changed })
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0[0], c.0[1], c.0[2])
}

impl App {
    /// Apply an edit to the open layout; a refused edit shows why and changes nothing.
    pub fn edit(&mut self, cmd: Command) {
        let Some(doc) = &mut self.doc else { return };
        match doc.edit(&cmd) {
            Ok(()) => {
                self.problems.clear();
                self.open_failed = false;
            }
            Err(diags) => {
                self.problems = if diags.is_empty() { vec![Diagnostic::file(Severity::Error, &doc.path, "this file cannot be edited")] } else { diags };
            }
        }
    }

    pub fn undo_available(&self) -> bool {
        self.doc.as_ref().and_then(|d| d.editor.as_ref()).is_some_and(editor::Editor::can_undo)
    }

    pub fn undo(&mut self) {
        if let Some(doc) = &mut self.doc {
            doc.undo();
        }
    }

    pub fn redo(&mut self) {
        if let Some(doc) = &mut self.doc {
            doc.redo();
        }
    }

    /// Save (Ctrl+S); a failure (read-only, disk full) says so and keeps the edits.
    pub fn save(&mut self, to: Option<PathBuf>) {
        let Some(editor) = self.doc.as_mut().and_then(|d| d.editor.as_mut()) else { return };
        let t = self.lang.t();
        match editor.save(to.as_deref()) {
            Ok(()) => {
                self.status = Some(format!("{} {}", t.saved, editor.path.display()));
                if let Some(doc) = &mut self.doc {
                    doc.path = editor_path(doc);
                }
            }
            Err(e) => {
                let path = to.unwrap_or_else(|| editor.path.clone());
                self.problems = vec![Diagnostic::file(Severity::Error, &path, format!("{}: {e}", t.save_failed))];
            }
        }
    }

    fn save_as_dialog(&mut self) {
        let Some(doc) = &self.doc else { return };
        let dir = doc.path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let name = doc.path.file_name().map_or("layout.toml".into(), |n| n.to_string_lossy().into_owned());
        let target = if super::picker::native_dialog_available() {
            rfd::FileDialog::new().set_directory(&dir).set_file_name(&name).add_filter("toml", &["toml"]).save_file()
        } else {
            let stem = doc.path.file_stem().map_or("layout".into(), |s| s.to_string_lossy().into_owned());
            Some(dir.join(format!("{stem}-copy.toml")))
        };
        if let Some(target) = target {
            self.save(Some(target));
        }
    }

    /// Every frame: shortcuts, autosave, the window closing, the file changing on disk.
    pub(super) fn edit_housekeeping(&mut self, ctx: &egui::Context) {
        let (undo, redo, save, save_as) = ctx.input_mut(|i| {
            let save_as = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
            let redo = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || i.consume_key(Modifiers::COMMAND, Key::Y);
            (i.consume_key(Modifiers::COMMAND, Key::Z), redo, i.consume_key(Modifiers::COMMAND, Key::S), save_as)
        });
        if undo {
            self.undo();
        }
        if redo {
            self.redo();
        }
        if save_as {
            self.save_as_dialog();
        } else if save {
            self.save(None);
        }
        let now = ctx.input(|i| i.time);
        let dirty = self.doc.as_ref().is_some_and(crate::document::Document::is_dirty);
        if dirty {
            if now - self.last_autosave > 3.0 {
                self.last_autosave = now;
                if let Some(editor) = self.doc.as_mut().and_then(|d| d.editor.as_mut()) {
                    let _ = editor.autosave();
                }
            }
            // Wake up to copy the edits even when the user does nothing more.
            ctx.request_repaint_after(std::time::Duration::from_millis(3200));
        }
        // Once the user has answered (close_now), let the window go even with edits discarded.
        if ctx.input(|i| i.viewport().close_requested()) && dirty && !self.close_now && self.confirm != Some(Confirm::Close) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Confirm::Close);
        }
        if self.watch.as_ref().is_some_and(|w| w.changed.swap(false, Ordering::Relaxed)) {
            self.check_external();
        }
        self.confirm_dialog(ctx);
    }

    /// React to the open file changing on disk: reload when there is nothing unsaved (view and
    /// selection stay), ask when there is, show the errors and keep the last good state when the
    /// new version is broken.
    pub fn check_external(&mut self) {
        let Some(doc) = &mut self.doc else { return };
        if doc.boundaries_changed_on_disk() {
            // The boundary file itself changed (logic in Document::reload_boundaries).
            match doc.reload_boundaries() {
                Ok(_) => self.status = Some(self.lang.t().reloaded.to_string()),
                Err(diags) => self.problems = diags,
            }
        }
        let Some(editor) = &mut doc.editor else { return };
        let Some(text) = editor.disk_change() else { return };
        if editor.is_dirty() {
            self.confirm = Some(Confirm::Conflict(text));
            return;
        }
        // Re-reads the boundaries too when `boundaries =` changed.
        match doc.take_disk_version(&text) {
            Ok(_) => {
                self.problems.clear();
                self.status = Some(self.lang.t().reloaded.to_string());
            }
            Err(diags) => {
                if let Some(editor) = &mut doc.editor {
                    editor.mark_seen(&text);
                }
                self.problems = diags;
                self.open_failed = true;
            }
        }
    }

    /// Answer the pending question (also what the dialog's buttons call).
    pub fn answer(&mut self, choice: Answer) {
        let Some(question) = self.confirm.take() else { return };
        match (question, choice) {
            (Confirm::Close, Answer::Save) => {
                self.save(None);
                if !self.doc.as_ref().is_some_and(crate::document::Document::is_dirty) {
                    self.close_now = true;
                }
            }
            (Confirm::Close, Answer::Discard) => {
                if let Some(e) = self.doc.as_ref().and_then(|d| d.editor.as_ref()) {
                    e.discard_recovery();
                }
                self.close_now = true;
            }
            (Confirm::Open(path), Answer::Save) => {
                self.save(None);
                self.open_unchecked(&path);
            }
            (Confirm::Open(path), Answer::Discard) => {
                if let Some(e) = self.doc.as_ref().and_then(|d| d.editor.as_ref()) {
                    e.discard_recovery();
                }
                self.open_unchecked(&path);
            }
            (Confirm::Recover(text), Answer::Save) => {
                let Some(doc) = &mut self.doc else { return };
                let Some(editor) = &mut doc.editor else { return };
                match editor.replace_all(&text, &doc.boundaries) {
                    Ok(plan) => doc.set_plan(plan),
                    Err(diags) => self.problems = diags,
                }
            }
            (Confirm::Recover(_), Answer::Discard) => {
                if let Some(e) = self.doc.as_ref().and_then(|d| d.editor.as_ref()) {
                    e.discard_recovery();
                }
            }
            (Confirm::Conflict(text), Answer::Discard) => {
                // Take theirs.
                let Some(doc) = &mut self.doc else { return };
                if let Err(diags) = doc.take_disk_version(&text) {
                    if let Some(editor) = &mut doc.editor {
                        editor.mark_seen(&text);
                    }
                    self.problems = diags;
                }
            }
            (Confirm::Conflict(text), Answer::Keep) => {
                if let Some(editor) = self.doc.as_mut().and_then(|d| d.editor.as_mut()) {
                    editor.mark_seen(&text);
                }
            }
            (Confirm::Conflict(text), Answer::Save) => {
                // Save mine as another file; theirs stays where it is.
                if let Some(editor) = self.doc.as_mut().and_then(|d| d.editor.as_mut()) {
                    editor.mark_seen(&text);
                }
                self.save_as_dialog();
            }
            (_, Answer::Keep) => {}
        }
    }

    fn confirm_dialog(&mut self, ctx: &egui::Context) {
        let Some(question) = &self.confirm else { return };
        let t = self.lang.t();
        let (message, buttons): (&str, Vec<(Answer, &str)>) = match question {
            Confirm::Close | Confirm::Open(_) => (t.unsaved_question, vec![(Answer::Save, t.save), (Answer::Discard, t.discard), (Answer::Keep, t.cancel)]),
            Confirm::Recover(_) => (t.recover_question, vec![(Answer::Save, t.restore), (Answer::Discard, t.discard)]),
            Confirm::Conflict(_) => (t.conflict_question, vec![(Answer::Keep, t.keep_mine), (Answer::Discard, t.take_theirs), (Answer::Save, t.save_mine_as)]),
        };
        let mut chosen = None;
        egui::Modal::new(egui::Id::unique("planmap-confirm")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.label(RichText::new(message).strong());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                for (answer, label) in buttons {
                    if ui.button(label).clicked() {
                        chosen = Some(answer);
                    }
                }
            });
        });
        if let Some(a) = chosen {
            self.answer(a);
        }
    }

    /// The legend in edit mode: rename, recolour, move, delete, add.
    pub(super) fn edit_structures_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.lang.t();
        let Some(plan) = self.doc.as_ref().and_then(|d| d.plan.clone()) else { return };
        ui.label(RichText::new(t.edit_hint).small().weak());
        let mut cmd = None;
        for (i, s) in plan.structures.iter().enumerate() {
            ui.horizontal(|ui| {
                let mut color = plan.structure_color(i).0;
                if ui.color_edit_button_srgb(&mut color).changed() {
                    cmd = Some(Command::RecolorStructure { structure: i, color: hex(Rgb(color)) });
                }
                let mut name = s.name.clone();
                let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(120.0));
                if r.changed() && !name.trim().is_empty() {
                    cmd = Some(Command::RenameStructure { structure: i, name });
                }
                if ui.selectable_label(self.focus_structure == Some(i), t.pick).on_hover_text(t.pick_hint).clicked() {
                    self.focus_structure = if self.focus_structure == Some(i) { None } else { Some(i) };
                }
                if ui.small_button(t.up_short).clicked() {
                    cmd = Some(Command::MoveStructure { structure: i, up: true });
                }
                if ui.small_button(t.down_short).clicked() {
                    cmd = Some(Command::MoveStructure { structure: i, up: false });
                }
                if ui.small_button(t.delete).clicked() {
                    cmd = Some(Command::DeleteStructure { structure: i });
                    self.focus_structure = None;
                }
            });
        }
        ui.separator();
        ui.label(RichText::new(t.new_structure).strong());
        let f = &mut self.forms;
        ui.add(egui::TextEdit::singleline(&mut f.structure_name).hint_text(t.name));
        let kind = f.structure_kind.get_or_insert(StructureKind::Zone);
        egui::ComboBox::from_label(t.kind).selected_text(kind.label_zh()).show_ui(ui, |ui| {
            for k in [StructureKind::Core, StructureKind::Zone, StructureKind::Product, StructureKind::Centre, StructureKind::Point, StructureKind::Tier, StructureKind::Circle, StructureKind::Other] {
                ui.selectable_value(kind, k, k.label_zh());
            }
        });
        ui.add(egui::TextEdit::singleline(&mut f.structure_source).hint_text(t.source_hint));
        if ui.button(t.add).clicked() && !f.structure_name.trim().is_empty() {
            let n = plan.structures.len();
            let id = (1..).map(|k| format!("s{}", n + k)).find(|id| plan.structures.iter().all(|s| s.id.get_ref() != id)).unwrap_or_default();
            let color = hex(crate::model::PALETTE[n % crate::model::PALETTE.len()]);
            let kind = f.structure_kind.unwrap_or(StructureKind::Zone);
            cmd = Some(Command::AddStructure { id, kind, name: f.structure_name.trim().to_string(), color, source: f.structure_source.trim().to_string() });
            f.structure_name.clear();
        }
        if let Some(c) = cmd {
            self.edit(c);
        }
    }

    /// The details panel in edit mode for a county: memberships (whole / partial), facts.
    pub(super) fn edit_district_ui(&mut self, ui: &mut egui::Ui, adcode: &str) {
        let t = self.lang.t();
        let Some(doc) = &self.doc else { return };
        let Some(plan) = doc.plan.clone() else { return };
        let name = doc.boundaries.get(adcode).map_or(adcode.to_string(), |f| f.name.clone());
        let district = DistrictRef::County { adcode: adcode.to_string(), name: name.clone() };
        ui.label(RichText::new(&name).heading().strong());
        let mut cmd = None;
        ui.label(RichText::new(t.structures).strong());
        for s in plan.structures_of(adcode) {
            let st = &plan.structures[s];
            let Some(m) = st.members.iter().position(|m| m.adcode() == Some(adcode)) else { continue };
            let partial = st.members[m].partial.clone();
            ui.horizontal_wrapped(|ui| {
                ui.label(&st.name);
                let mut is_partial = partial.is_some();
                if ui.checkbox(&mut is_partial, t.partial).changed() {
                    let q = if is_partial { Some(t.partial_default.to_string()) } else { None };
                    cmd = Some(Command::SetPartial { structure: s, member: m, partial: q });
                }
                if let Some(q) = &partial {
                    let mut text = self.forms.partial.iter().find(|(k, _)| *k == s).map_or(q.clone(), |(_, v)| v.clone());
                    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(160.0));
                    if r.changed() {
                        self.forms.partial.retain(|(k, _)| *k != s);
                        self.forms.partial.push((s, text.clone()));
                    }
                    if r.lost_focus() && text != *q && !text.trim().is_empty() {
                        cmd = Some(Command::SetPartial { structure: s, member: m, partial: Some(text) });
                        self.forms.partial.retain(|(k, _)| *k != s);
                    }
                }
                if ui.small_button(t.remove_from).clicked() {
                    cmd = Some(Command::RemoveMember { structure: s, member: m });
                }
            });
        }
        let facts = plan.district(adcode).cloned();
        for (kind, heading) in [(FactKind::Speciality, t.specialities), (FactKind::Hospital, t.hospitals), (FactKind::Project, t.projects)] {
            ui.add_space(6.0);
            ui.label(RichText::new(heading).strong().color(Color32::from_rgb(0x0b, 0x3d, 0x91)));
            let lines: Vec<(String, Fact)> = match (&facts, kind) {
                (Some(d), FactKind::Speciality) => d.specialities.iter().map(|x| (x.text.clone(), Fact::Speciality { text: x.text.clone(), source: x.source.clone() })).collect(),
                (Some(d), FactKind::Hospital) => d
                    .hospitals
                    .iter()
                    .map(|x| (format!("{}：{}", x.name, x.focus.join("、")), Fact::Hospital { name: x.name.clone(), focus: x.focus.clone(), source: x.source.clone() }))
                    .collect(),
                (Some(d), FactKind::Project) => d
                    .projects
                    .iter()
                    .map(|x| (format!("{}：{}", x.name, x.detail.clone().unwrap_or_default()), Fact::Project { name: x.name.clone(), detail: x.detail.clone(), source: x.source.clone() }))
                    .collect(),
                (None, _) => Vec::new(),
            };
            for (index, (text, fact)) in lines.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    if ui.small_button(t.delete).clicked() {
                        cmd = Some(Command::RemoveFact { district: district.clone(), kind, index });
                    }
                    if ui.small_button(t.change).clicked() {
                        let f = &mut self.forms;
                        f.editing = Some((kind, index));
                        f.fact_kind = Some(kind);
                        (f.fact_name, f.fact_text, f.fact_source) = match fact {
                            Fact::Speciality { text, source } => (String::new(), text.clone(), source.clone()),
                            Fact::Hospital { name, focus, source } => (name.clone(), focus.join("、"), source.clone()),
                            Fact::Project { name, detail, source } => (name.clone(), detail.clone().unwrap_or_default(), source.clone()),
                        };
                    }
                    ui.label(text);
                });
            }
        }
        ui.separator();
        if let Some(c) = self.fact_form(ui, &district) {
            cmd = Some(c);
        }
        if let Some(c) = cmd {
            self.edit(c);
        }
    }

    /// The add / change form for a district fact.
    fn fact_form(&mut self, ui: &mut egui::Ui, district: &DistrictRef) -> Option<Command> {
        let t = self.lang.t();
        let f = &mut self.forms;
        let kind = f.fact_kind.get_or_insert(FactKind::Project);
        ui.horizontal(|ui| {
            ui.selectable_value(kind, FactKind::Speciality, t.specialities);
            ui.selectable_value(kind, FactKind::Hospital, t.hospitals);
            ui.selectable_value(kind, FactKind::Project, t.projects);
        });
        let kind = *kind;
        if kind != FactKind::Speciality {
            ui.add(egui::TextEdit::singleline(&mut f.fact_name).hint_text(t.name));
        }
        let hint = match kind {
            FactKind::Speciality => t.text_hint,
            FactKind::Hospital => t.focus_hint,
            FactKind::Project => t.detail_hint,
        };
        ui.add(egui::TextEdit::multiline(&mut f.fact_text).hint_text(hint).desired_rows(2));
        ui.add(egui::TextEdit::singleline(&mut f.fact_source).hint_text(t.source_hint));
        let label = if f.editing.is_some_and(|(k, _)| k == kind) { t.apply } else { t.add };
        if !ui.button(label).clicked() {
            return None;
        }
        let (name, text, source) = (f.fact_name.trim().to_string(), f.fact_text.trim().to_string(), f.fact_source.trim().to_string());
        let fact = match kind {
            FactKind::Speciality if !text.is_empty() => Fact::Speciality { text, source },
            FactKind::Hospital if !name.is_empty() => {
                Fact::Hospital { name, focus: text.split(['、', ',', '，', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(), source }
            }
            FactKind::Project if !name.is_empty() => Fact::Project { name, detail: (!text.is_empty()).then_some(text), source },
            _ => return None,
        };
        let editing = f.editing.take();
        f.fact_name.clear();
        f.fact_text.clear();
        Some(match editing {
            Some((k, index)) if k == kind => Command::ReplaceFact { district: district.clone(), index, fact },
            _ => Command::AddFact { district: district.clone(), fact },
        })
    }

    /// The structure's details in edit mode: add a member without polygon.
    pub(super) fn edit_structure_ui(&mut self, ui: &mut egui::Ui, structure: usize) {
        let t = self.lang.t();
        ui.separator();
        ui.label(RichText::new(t.add_place).strong());
        let f = &mut self.forms;
        ui.add(egui::TextEdit::singleline(&mut f.place_name).hint_text(t.name));
        ui.add(egui::TextEdit::singleline(&mut f.place_location).hint_text(t.location_hint));
        if ui.button(t.add).clicked() && !f.place_name.trim().is_empty() {
            let cmd = Command::AddPlace { structure, name: f.place_name.trim().to_string(), location: f.place_location.trim().to_string() };
            f.place_name.clear();
            f.place_location.clear();
            self.edit(cmd);
        }
    }

    /// A click on the map in edit mode with a structure picked: add or remove that county.
    pub(super) fn toggle_member(&mut self, feature: usize) {
        let (Some(s), Some(doc)) = (self.focus_structure, &self.doc) else { return };
        let Some(plan) = &doc.plan else { return };
        let f = &doc.boundaries.features[feature];
        let cmd = match plan.structures.get(s).and_then(|st| st.members.iter().position(|m| m.adcode() == Some(f.adcode.as_str()))) {
            Some(m) => Command::RemoveMember { structure: s, member: m },
            None => Command::AddMember { structure: s, adcode: f.adcode.clone(), name: f.name.clone(), partial: None },
        };
        self.edit(cmd);
    }
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

fn editor_path(doc: &crate::document::Document) -> PathBuf {
    doc.editor.as_ref().map_or_else(|| doc.path.clone(), |e| e.path.clone())
}
