//! File ▸ New layout from plan text…: choose the plan (.txt / .docx) or paste its text, check
//! the region read from the text (or pick one in the region search), choose where to save,
//! then draft (`document::draft_files::prepare`, checked like `planmap check`) and write it
//! (`document::draft_files::commit`): the layout, its boundaries and, for pasted text, the text itself
//! beside them so the review pane can show the plan's sentences. Nothing is written until
//! every check passed; an existing file is replaced only after asking. Like every panel the
//! dialog only returns commands: `ChooseFile` / `ChooseFolder` for the choosers,
//! `WriteDraft` to write, `DraftDone` to close; the app applies them and hands back what
//! they gave (`set_file`, `set_dir`, `write_failed`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use eframe::egui::{self, RichText};

use crate::document::draft_files::{self, Prepared};
use crate::draft::Gazetteer;
use crate::draft::china::ChinaGazetteer;
use crate::io::{china, plan_text};
use crate::model::regions::RegionId;
use crate::ui::command::{Command, DraftWrite};
use crate::ui::dialogs::region_search::RegionSearch;
use crate::ui::dialogs::{FolderFor, Purpose};
use crate::ui::strings::{DraftWords, Lang};
use crate::ui::tokens;

/// A paste larger than this is kept out of the text box (a box lays out its whole text every
/// frame); the dialog shows its size and first lines instead.
pub const HOLD_BYTES: usize = 16 * 1024;
/// Typing pauses this long before the region is read again from the text.
const SETTLE_SECS: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    File,
    Paste,
}

pub struct DraftDialog {
    pub source: Source,
    file: Option<PathBuf>,
    /// The chosen file's text, read once when chosen, or why it cannot be read.
    file_text: Option<Result<Arc<str>, String>>,
    /// The text box.
    paste: String,
    /// A large paste, kept out of the box.
    held: Option<Arc<str>>,
    /// Bumped at every change of the text; the region is read again when it settles.
    rev: u64,
    read_rev: u64,
    changed_at: f64,
    /// The last change was a paste (read the region at once, not after a pause).
    pasted: bool,
    /// The frame Paste from clipboard was clicked: the paste it asked for arrives a frame or
    /// two later (an empty clipboard sends none, so the request lapses).
    paste_requested: Option<u64>,
    /// This frame's input pastes into the focused box.
    box_paste: bool,
    focus_box: bool,
    detected: Option<RegionId>,
    /// Picked by the user: kept whatever the text says.
    chosen: Option<RegionId>,
    search: Option<RegionSearch>,
    dir: PathBuf,
    file_name: String,
    /// The user typed a file name or chose a folder: stop deriving them.
    named: bool,
    folder_chosen: bool,
    error: Option<String>,
    /// A draft made after Draft was clicked, waiting for the user: its notes (no slogan) or the
    /// files it would replace.
    pending: Option<Prepared>,
    replace: Vec<PathBuf>,
    /// The draft being made on a worker thread: a long plan takes seconds, and the window must
    /// stay live (and say so) meanwhile.
    drafting: Option<Drafting>,
}

struct Drafting {
    result: Receiver<Result<Prepared, String>>,
    replace: bool,
    started: Instant,
}

impl DraftDialog {
    /// `dir`: where pasted text's draft is saved unless the user chooses another folder.
    pub fn new(dir: &Path) -> Self {
        let dir = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        DraftDialog {
            source: Source::File,
            file: None,
            file_text: None,
            paste: String::new(),
            held: None,
            rev: 0,
            read_rev: 0,
            changed_at: 0.0,
            pasted: false,
            paste_requested: None,
            box_paste: false,
            focus_box: false,
            detected: None,
            chosen: None,
            search: None,
            dir,
            file_name: String::new(),
            named: false,
            folder_chosen: false,
            error: None,
            pending: None,
            replace: Vec::new(),
            drafting: None,
        }
    }

    /// Where a chooser starts: the chosen plan's folder, else the save folder.
    pub fn start_dir(&self) -> PathBuf {
        self.file.as_ref().and_then(|f| f.parent().map(Path::to_path_buf)).unwrap_or_else(|| self.dir.clone())
    }

    /// Save into this folder (what Choose folder… gave).
    pub fn set_dir(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.folder_chosen = true;
        self.name_files();
    }

    /// Writing the draft failed: say why, keep everything as it was.
    pub fn write_failed(&mut self, error: String) {
        self.error = Some(error);
    }

    /// Take this plan file (what Choose file… does): read it once, read its region.
    pub fn set_file(&mut self, path: &Path) {
        self.source = Source::File;
        self.file = Some(path.to_path_buf());
        // The message names the line of a binary or mis-encoded byte.
        self.file_text = Some(plan_text::read(path).map(|t| Arc::from(t.text)).map_err(|e| e.to_string()));
        if !self.folder_chosen
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            self.dir = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        }
        self.changed(true);
    }

    /// Name the layout file (what typing in the file name field does).
    pub fn set_file_name(&mut self, name: &str) {
        self.file_name = name.to_string();
        self.named = true;
        self.pending = None;
        self.replace.clear();
    }

    /// The layout file name shown.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The region the draft will be made for: the user's pick, else the one read from the text.
    pub fn region(&self) -> Option<RegionId> {
        self.chosen.or(self.detected)
    }

    /// The pasted text (in the box, or held when long).
    pub fn pasted_text(&self) -> &str {
        self.held.as_deref().unwrap_or(&self.paste)
    }

    /// The layout file Draft would write.
    pub fn target(&self) -> PathBuf {
        let name = self.file_name.trim();
        let path = self.dir.join(name);
        if path.extension().is_some_and(|e| e == "toml") { path } else { self.dir.join(format!("{name}.toml")) }
    }

    /// The text to draft: the file's or the pasted one (None when there is none yet).
    fn text(&self) -> Option<Arc<str>> {
        match self.source {
            Source::File => self.file_text.as_ref().and_then(|r| r.as_ref().ok()).cloned(),
            Source::Paste => {
                let t = self.pasted_text();
                (!t.trim().is_empty()).then(|| self.held.clone().unwrap_or_else(|| Arc::from(t)))
            }
        }
    }

    fn changed(&mut self, pasted: bool) {
        self.rev += 1;
        self.pasted |= pasted;
        self.pending = None;
        self.replace.clear();
        self.error = None;
    }

    /// Read the region from the text (when it changed and typing has settled) and name the
    /// files after it.
    fn settle(&mut self, now: f64, ctx: &egui::Context) {
        if self.read_rev == self.rev {
            return;
        }
        if !self.pasted && now - self.changed_at < SETTLE_SECS {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(SETTLE_SECS));
            return;
        }
        self.read_rev = self.rev;
        self.pasted = false;
        self.detected = self.text().and_then(|t| detect_region(&t));
        if self.region().is_none() && self.text().is_some() && self.search.is_none() {
            self.search = Some(RegionSearch::new());
        }
        self.name_files();
    }

    /// Default names: PLAN.draft.toml beside the plan; for pasted text REGION.draft.toml (and
    /// REGION.draft.txt) in the chosen folder; free names, so nothing is replaced by default.
    fn name_files(&mut self) {
        if self.named {
            return;
        }
        let path = match (self.source, &self.file) {
            (Source::File, Some(plan)) if !self.folder_chosen => draft_files::free_draft_name(plan),
            (Source::File, Some(plan)) => {
                let stem = plan.file_stem().map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
                draft_files::free_layout_name(&self.dir, &format!("{stem}.draft"), false)
            }
            _ => {
                let stem = self.region().and_then(|id| china::index().ok().and_then(|ix| ix.get(id)).map(|r| r.name.clone())).unwrap_or_else(|| "plan".into());
                draft_files::free_layout_name(&self.dir, &format!("{stem}.draft"), true)
            }
        };
        self.file_name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    }

    /// Take a large paste out of the input before the box sees it, and move a box that grew
    /// large into `held`.
    fn take_paste(&mut self, ctx: &egui::Context, box_id: egui::Id) {
        let focused = ctx.memory(|m| m.has_focus(box_id));
        // A paste the box takes itself is read at once too, not after typing settles.
        self.box_paste = focused && ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Paste(_))));
        let frame = ctx.cumulative_frame_nr();
        let requested = self.paste_requested.is_some_and(|at| frame.saturating_sub(at) <= 10);
        if !requested {
            self.paste_requested = None;
        }
        let got = ctx.input_mut(|i| {
            let mut got: Option<String> = None;
            i.events.retain(|e| match e {
                // Only pastes meant for the plan: others (the region search) stay with their field.
                egui::Event::Paste(s) if requested || (focused && s.len() > HOLD_BYTES) => {
                    got.get_or_insert_with(String::new).push_str(s);
                    false
                }
                _ => true,
            });
            got
        });
        if let Some(s) = got {
            self.paste_requested = None;
            let mut all = self.held.as_deref().map_or_else(|| self.paste.clone(), str::to_string);
            all.push_str(&s);
            self.set_paste(all);
        }
    }

    /// Put text in the paste box (or hold it when long).
    pub fn set_paste(&mut self, text: String) {
        self.source = Source::Paste;
        if text.len() > HOLD_BYTES {
            self.held = Some(Arc::from(text));
            self.paste.clear();
        } else {
            self.held = None;
            self.paste = text;
        }
        self.changed(true);
    }

    /// Show the dialog for one frame. Returns `DraftDone` when it closes.
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Vec<Command> {
        let w = lang.draft();
        let mut out = Vec::new();
        let box_id = egui::Id::unique("planmap-draft-paste");
        if self.source == Source::Paste {
            self.take_paste(ctx, box_id);
        }
        let now = ctx.input(|i| i.time);
        self.settle(now, ctx);
        out.extend(self.collect_draft(ctx, w));
        // Centred under the menu bar, not over it.
        let top = ctx.content_rect().center_top() + egui::vec2(0.0, 48.0);
        egui::Window::new(w.title).collapsible(false).resizable(true).default_width(620.0).pivot(egui::Align2::CENTER_TOP).default_pos(top).show(ctx, |ui| {
            ui.horizontal(|ui| {
                let before = self.source;
                ui.radio_value(&mut self.source, Source::File, w.from_file);
                if ui.radio_value(&mut self.source, Source::Paste, w.from_paste).clicked() {
                    self.focus_box = true;
                }
                if self.source != before {
                    self.changed(true);
                }
            });
            ui.add_space(4.0);
            match self.source {
                Source::File => self.file_ui(ui, w, &mut out),
                Source::Paste => self.paste_ui(ui, w, box_id, now),
            }
            ui.separator();
            self.region_ui(ui, w, lang);
            ui.separator();
            self.save_ui(ui, w, &mut out);
            if let Some(e) = &self.error {
                ui.colored_label(tokens::ERROR, e);
            }
            if let Some(p) = &self.pending {
                for note in &p.draft.notes {
                    ui.colored_label(tokens::WARNING, note);
                }
            }
            if !self.replace.is_empty() {
                ui.label(RichText::new(w.exists).strong().color(tokens::WARNING));
                for p in &self.replace {
                    ui.label(RichText::new(p.display().to_string()).monospace());
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                if let Some(job) = &self.drafting {
                    ui.spinner();
                    ui.label(w.drafting.replace("{s}", &job.started.elapsed().as_secs().to_string()));
                } else if self.replace.is_empty() {
                    let ready = self.text().is_some() && self.region().is_some() && !self.file_name.trim().is_empty();
                    let label = if self.pending.is_some() { w.draft_anyway } else { w.draft };
                    if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                        out.extend(self.draft(w, false));
                    }
                } else {
                    if ui.button(w.replace).clicked() {
                        out.extend(self.draft(w, true));
                    }
                    if ui.button(w.back).clicked() {
                        self.replace.clear();
                        self.pending = None;
                    }
                }
                if ui.button(w.cancel).clicked() {
                    out.push(Command::DraftDone(None));
                }
            });
        });
        out
    }

    fn file_ui(&mut self, ui: &mut egui::Ui, w: &DraftWords, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if ui.button(w.choose).clicked() {
                out.push(Command::ChooseFile(Purpose::Draft));
            }
            match &self.file {
                Some(p) => ui.label(RichText::new(p.display().to_string()).monospace()),
                None => ui.weak(w.no_file),
            };
        });
        if let Some(Err(e)) = &self.file_text {
            ui.colored_label(tokens::ERROR, e);
        }
    }

    fn paste_ui(&mut self, ui: &mut egui::Ui, w: &DraftWords, box_id: egui::Id, now: f64) {
        ui.horizontal(|ui| {
            if ui.button(w.paste_button).clicked() {
                self.paste_requested = Some(ui.ctx().cumulative_frame_nr());
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            }
            if ui.add_enabled(!self.pasted_text().is_empty(), egui::Button::new(w.clear)).clicked() {
                self.held = None;
                self.paste.clear();
                self.chosen = None;
                self.focus_box = true;
                self.changed(false);
            }
        });
        if let Some(held) = &self.held {
            let lines = held.lines().count();
            ui.label(w.held.replace("{kb}", &(held.len() / 1024).to_string()).replace("{lines}", &lines.to_string()));
            // The first lines, so the user sees what was pasted (its title).
            let head: String = held.lines().filter(|l| !l.trim().is_empty()).take(6).map(|l| l.chars().take(80).collect::<String>() + "\n").collect();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(head.trim_end()).weak());
            });
            return;
        }
        let edit = egui::ScrollArea::vertical()
            .id_salt("planmap-draft-paste-scroll")
            .max_height(220.0)
            .show(ui, |ui| ui.add(egui::TextEdit::multiline(&mut self.paste).id(box_id).hint_text(w.paste_hint).desired_rows(10).desired_width(f32::INFINITY)))
            .inner;
        if std::mem::take(&mut self.focus_box) {
            edit.request_focus();
        }
        if edit.changed() {
            self.changed_at = now;
            self.changed(self.box_paste);
            if self.paste.len() > HOLD_BYTES {
                let text = std::mem::take(&mut self.paste);
                self.set_paste(text);
            }
        }
    }

    fn region_ui(&mut self, ui: &mut egui::Ui, w: &DraftWords, lang: Lang) {
        let Ok(ix) = china::index() else {
            ui.colored_label(tokens::ERROR, "the built-in region index cannot be read");
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(w.region).strong());
            match (self.region(), self.text().is_some()) {
                (Some(id), _) => {
                    ui.label(ix.label(id));
                    ui.weak(if self.chosen.is_some() { w.chosen_by_you } else { w.read_from_text });
                    if self.search.is_none() && ui.button(w.change).clicked() {
                        self.search = Some(RegionSearch::new());
                    }
                }
                (None, true) if self.read_rev == self.rev => {
                    ui.colored_label(tokens::WARNING, w.ask_region);
                }
                _ => {
                    ui.weak(w.no_text);
                }
            }
        });
        if let Some(search) = &mut self.search {
            match search.ui(ui, ix, lang == Lang::Zh) {
                Some(Some(id)) => {
                    self.chosen = Some(id);
                    self.search = None;
                    self.pending = None;
                    self.replace.clear();
                    self.error = None;
                    self.name_files();
                }
                Some(None) => self.search = None,
                None => {}
            }
        }
    }

    fn save_ui(&mut self, ui: &mut egui::Ui, w: &DraftWords, out: &mut Vec<Command>) {
        egui::Grid::new("planmap-draft-save").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label(w.folder);
            ui.horizontal(|ui| {
                ui.label(self.dir.display().to_string());
                if ui.button(w.choose_folder).clicked() {
                    out.push(Command::ChooseFolder(FolderFor::Draft));
                }
            });
            ui.end_row();
            ui.label(w.file);
            if ui.add(egui::TextEdit::singleline(&mut self.file_name).desired_width(320.0)).changed() {
                self.named = true;
                self.pending = None;
                self.replace.clear();
            }
            ui.end_row();
        });
        if !self.file_name.trim().is_empty() {
            let target = self.target();
            let mut files = vec![target.clone(), crate::draft::china::boundaries_path_for(&target)];
            if self.source == Source::Paste {
                files.push(target.with_extension("txt"));
            }
            let names: Vec<String> = files.iter().map(|p| p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())).collect();
            ui.weak(format!("{} {}", w.will_write, names.join(", ")));
        }
    }

    /// Draft, check, then write (after asking about notes and existing files). Returns
    /// `DraftDone` with the layout when written.
    fn draft(&mut self, w: &DraftWords, replace: bool) -> Option<Command> {
        // A draft already shown to the user (its notes, or the files it replaces) is written as is.
        if let Some(p) = self.pending.take() {
            return self.write(p, replace);
        }
        let text = self.text()?;
        if self.source == Source::Paste
            && let Err(e) = plan_text::decode(text.as_bytes(), w.pasted_name, false)
        {
            self.error = Some(locate(&e, &text, w));
            return None;
        }
        let id = self.region()?;
        let region = china::index()
            .ok()
            .and_then(|ix| ix.get(id))
            .map(|r| r.adcode.clone())
            .ok_or_else(|| "the region is not in the built-in index".to_string())
            .and_then(|adcode| ChinaGazetteer::new()?.find(&adcode));
        let region = match region {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(e);
                return None;
            }
        };
        let out = self.target();
        let (document, text_file) = match (self.source, &self.file) {
            (Source::File, Some(plan)) => (document_for(plan, &out), None),
            _ => {
                let txt = out.with_extension("txt");
                (txt.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()), Some(txt))
            }
        };
        // Drafted on a worker: nothing is written there (`prepare` only reads and checks).
        let (tx, rx) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new().name("planmap-draft".into()).spawn(move || {
            let _ = tx.send(draft_files::prepare(&text, &document, region, &out, text_file));
        });
        match spawned {
            Ok(_) => self.drafting = Some(Drafting { result: rx, replace, started: Instant::now() }),
            Err(e) => self.error = Some(format!("{}: {e}", w.draft_stopped)),
        }
        None
    }

    /// Whether a draft is being made (the worker has not answered yet).
    pub fn is_drafting(&self) -> bool {
        self.drafting.is_some()
    }

    /// The worker's answer, once there: shown (notes, files it would replace) or written.
    fn collect_draft(&mut self, ctx: &egui::Context, w: &DraftWords) -> Option<Command> {
        let job = self.drafting.as_ref()?;
        let result = match job.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                // Wakes to count the seconds and to take the answer; idle otherwise.
                ctx.request_repaint_after(Duration::from_millis(200));
                return None;
            }
            Err(TryRecvError::Disconnected) => Err(w.draft_stopped.to_string()),
        };
        let replace = job.replace;
        self.drafting = None;
        match result {
            Ok(p) if !p.draft.notes.is_empty() => {
                // Shown first (no slogan found …); the next click writes it.
                self.pending = Some(p);
                None
            }
            Ok(p) => self.write(p, replace),
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    fn write(&mut self, p: Prepared, replace: bool) -> Option<Command> {
        let existing = p.existing();
        if !existing.is_empty() && !replace {
            self.replace = existing;
            self.pending = Some(p);
            return None;
        }
        self.error = None;
        Some(Command::WriteDraft(DraftWrite { prepared: Arc::new(p), replace }))
    }
}

/// The region a plan's text covers, read from its title and names.
pub fn detect_region(text: &str) -> Option<RegionId> {
    let g = ChinaGazetteer::new().ok()?;
    draft_files::find_region(&g, None, text).ok().map(|r| r.key)
}

/// The layout's `document` for a plan file: its name when the layout is saved beside it, else
/// its full path.
fn document_for(plan: &Path, out: &Path) -> String {
    let canon = |p: &Path| dunce::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let same = plan.parent().map(canon) == out.parent().map(canon);
    if same { plan.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()) } else { canon(plan).display().to_string() }
}

/// A reading error of pasted text, with the line and column of the bad byte.
fn locate(e: &plan_text::PlanTextError, text: &str, w: &DraftWords) -> String {
    let Some(at) = e.byte() else { return e.to_string() };
    let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{} ({})", e, w.at.replace("{line}", &line.to_string()).replace("{col}", &col.to_string()))
}
