//! Applying commands: the one place where what the panels asked for changes the state, after
//! every panel of the frame has drawn. Linked views and the counterpart highlight of a
//! comparison are kept here too.

use super::App;
use crate::model::Target;
use crate::model::edit::Command as Edit;
use crate::ui::app::Viewport;
use crate::ui::command::Command;
use crate::ui::dialogs::{self, Chosen, FolderFor, Purpose};
use crate::ui::map::pane::MapPane;

impl App {
    /// Apply a command to the active pane (what a shortcut does).
    pub fn apply(&mut self, cmd: Command) {
        self.apply_to(self.active, cmd);
    }

    /// The one place where commands change the state.
    pub fn apply_to(&mut self, pane: usize, cmd: Command) {
        let pane = pane.min(self.maps.len().saturating_sub(1));
        match cmd {
            Command::Open(path) => self.open_in(pane, &path),
            Command::OpenDialog => self.choose(pane, Purpose::Open),
            Command::Save => {
                self.save(pane, None);
            }
            Command::SaveAs => self.save_as(pane),
            // A deck for a Chinese office has Chinese words only; otherwise both, as the images.
            Command::Export("pptx") => {
                let lang = if self.lang == crate::ui::strings::Lang::Zh { crate::export::Lang::Zh } else { crate::export::Lang::Both };
                self.export_with(pane, "pptx", &crate::export::Options { lang, ..Default::default() });
            }
            Command::Export(ext) => self.export(pane, ext),
            Command::ExportIndicators => self.export_indicators(pane),
            Command::PrintDialog => self.print_dialog = Some(crate::ui::dialogs::print::PrintDialog::new(self.lang)),
            Command::PrintDone(settings) => {
                self.print_dialog = None;
                if let Some(s) = settings {
                    self.export_with(pane, s.format, &s.options());
                }
            }
            Command::Quit => self.viewport.push(Viewport::Close),
            Command::CompareWith(path) => self.compare_with(&path),
            Command::CompareDialog => self.choose(pane, Purpose::Compare),
            Command::DraftDialog => {
                let start = self
                    .maps
                    .get(pane)
                    .and_then(|p| p.doc.as_ref())
                    .and_then(|d| d.path.parent().map(std::path::Path::to_path_buf))
                    .unwrap_or_else(|| self.layouts_dir.clone());
                self.draft_dialog = Some(crate::ui::dialogs::draft::DraftDialog::new(&start));
            }
            Command::DraftDone(path) => {
                self.draft_dialog = None;
                if let Some(path) = path {
                    self.open_in(pane, &path);
                    if let Some(p) = self.maps.get_mut(pane) {
                        p.edit_mode = p.doc.as_ref().is_some_and(|d| d.path == path && d.editor.is_some());
                    }
                }
            }
            Command::NewLayoutDialog => {
                let start = self
                    .maps
                    .get(pane)
                    .and_then(|p| p.doc.as_ref())
                    .and_then(|d| d.path.parent().map(std::path::Path::to_path_buf))
                    .unwrap_or_else(|| self.layouts_dir.clone());
                self.new_layout = Some(crate::ui::dialogs::new_layout::NewLayoutDialog::new(&start));
            }
            Command::NewLayoutDone(path) => {
                self.new_layout = None;
                if let Some(path) = path {
                    self.open_in(pane, &path);
                    if let Some(p) = self.maps.get_mut(pane) {
                        p.edit_mode = p.doc.as_ref().is_some_and(|d| d.path == path && d.editor.is_some());
                    }
                }
            }
            Command::EditFact { adcode, kind, index } => {
                let p = &mut self.maps[pane];
                p.edit_mode = p.doc.as_ref().is_some_and(|d| d.editor.is_some());
                self.counterparts(pane, &Target::District(adcode.clone()));
                let p = &mut self.maps[pane];
                p.go_to(Target::District(adcode.clone()));
                if let Some(plan) = p.doc.as_ref().and_then(|d| d.plan.as_ref()) {
                    crate::ui::panes::review::fill_fact_form(&mut p.forms, plan, &adcode, kind, index);
                }
            }
            Command::CompareWithDisk => {
                if let Some(path) = self.maps.get(pane).and_then(|p| p.doc.as_ref()).map(|d| d.path.clone()) {
                    self.compare_with(&path);
                }
            }
            Command::CloseCompare => {
                if self.maps.get(1).is_some_and(MapPane::is_dirty) {
                    self.status = Some(self.lang.t().close_compare_dirty.into());
                } else {
                    self.maps.truncate(1);
                    self.active = 0;
                    self.maps[0].counterpart = None;
                }
            }
            Command::SetLinked(on) => self.linked = on,
            Command::ToggleFullscreen => self.viewport.push(Viewport::ToggleFullscreen),
            Command::SetLang(lang) => self.lang = lang,
            Command::TogglePane(id) => {
                if let Some(d) = self.docked.iter_mut().find(|d| d.pane.id() == id) {
                    d.open = !d.open;
                    d.auto = false;
                }
            }
            Command::Answer(a) => self.answer(a),
            Command::ClearProblems => self.problems.clear(),
            Command::PickerDone(path) => {
                if let (Some((_, purpose)), Some(path)) = (self.picker.take(), path) {
                    match purpose {
                        Purpose::Open => self.open_in(pane, &path),
                        Purpose::Compare => self.compare_with(&path),
                        Purpose::Draft => match &mut self.draft_dialog {
                            Some(dialog) => dialog.set_file(&path),
                            None => self.draft_from_plan(pane, &path),
                        },
                    }
                }
            }
            Command::ChooseFile(purpose) => match (&mut self.draft_dialog, purpose) {
                (Some(dialog), Purpose::Draft) => {
                    let start = dialog.start_dir();
                    match dialogs::choose_file(&start, purpose) {
                        Chosen::Path(p) => dialog.set_file(&p),
                        Chosen::NoDialog => self.picker = Some((crate::ui::dialogs::picker::Picker::for_purpose(&start, purpose), purpose)),
                        Chosen::Cancelled => {}
                    }
                }
                _ => self.choose(pane, purpose),
            },
            Command::ChooseFolder(FolderFor::NewLayout) => {
                if let Some(dialog) = &mut self.new_layout {
                    match dialogs::choose_folder(dialog.dir()) {
                        Chosen::Path(p) => dialog.set_dir(p),
                        Chosen::NoDialog => dialog.browse(),
                        Chosen::Cancelled => {}
                    }
                }
            }
            Command::ChooseFolder(FolderFor::Draft) => {
                if let Some(dialog) = &mut self.draft_dialog {
                    match dialogs::choose_folder(&dialog.start_dir()) {
                        Chosen::Path(p) => dialog.set_dir(p),
                        Chosen::NoDialog => dialog.write_failed(self.lang.t().no_folder_dialog.to_string()),
                        Chosen::Cancelled => {}
                    }
                }
            }
            Command::CreateStarter { region, units, out } => match crate::io::starter::write(region, units, &out) {
                Ok(done) => self.apply_to(pane, Command::NewLayoutDone(Some(done.layout))),
                Err(e) => {
                    if let Some(dialog) = &mut self.new_layout {
                        dialog.create_failed(e.to_string());
                    }
                }
            },
            Command::WriteDraft(w) => match crate::document::draft_files::commit(&w.prepared, w.replace) {
                Ok(()) => self.apply_to(pane, Command::DraftDone(Some(w.prepared.layout.clone()))),
                Err(e) => {
                    if let Some(dialog) = &mut self.draft_dialog {
                        dialog.write_failed(e);
                    }
                }
            },
            Command::Edit(edit) => self.edit_in(pane, edit),
            Command::ToggleMember(feature) => match self.maps.get(pane).and_then(|p| toggle_member(p, feature)) {
                Some((edit, None)) => self.edit_in(pane, edit),
                Some((edit, Some(name))) => self.ask(pane, dialogs::Confirm::AddContext { edit, name }),
                None => {}
            },
            Command::Select(target) => self.select(pane, target),
            Command::ShowCounties(adcodes) => {
                for p in &mut self.maps {
                    p.show_counties(&adcodes);
                    p.counterpart = None;
                }
            }
            Command::GoTo(target) => {
                if let (Target::Structure(s), true) = (&target, self.maps[pane].one_at_a_time)
                    && let Some(doc) = &mut self.maps[pane].doc
                {
                    doc.show_only(*s);
                }
                self.counterparts(pane, &target);
                self.maps[pane].go_to(target);
            }
            // Esc while a file loads stops the load first.
            Command::Clear if self.maps.iter().any(|m| m.loading.as_ref().is_some_and(crate::ui::map::loading::Loading::shows_progress)) => self.cancel_load(pane),
            Command::CancelLoad => self.cancel_load(pane),
            Command::Clear => {
                self.maps[pane].clear();
                self.counterparts(pane, &Target::City);
            }
            Command::SetView(view) => {
                // The pane being dragged or zoomed leads a linked pair.
                self.active = pane;
                self.maps[pane].set_view(view);
            }
            Command::Present => {
                self.maps[pane].start_presentation();
                if self.maps[pane].present.is_some() {
                    self.active = pane;
                    self.viewport.push(Viewport::Fullscreen(true));
                }
            }
            Command::PresentBack => {
                let p = &mut self.maps[pane];
                match &mut p.present {
                    Some(pr) if pr.overlay.is_some() => pr.overlay = None,
                    Some(_) => {
                        p.stop_presentation();
                        self.viewport.push(Viewport::Fullscreen(false));
                    }
                    None => {}
                }
            }
            other => apply_to_pane(&mut self.maps[pane], other),
        }
        if let Some(p) = self.maps.get_mut(pane) {
            p.sync();
        }
    }

    /// A click on the map: select the county (in a presentation: show it over the map) and
    /// mark the same adcode in the other pane.
    fn select(&mut self, pane: usize, target: Option<Target>) {
        let p = &mut self.maps[pane];
        if let Some(pr) = &mut p.present {
            if target.is_some() {
                pr.overlay = target;
            }
            return;
        }
        p.focus_structure = None;
        p.located = None;
        p.selected = target.clone();
        self.counterparts(pane, &target.unwrap_or(Target::City));
    }

    /// Other panes mark the county selected in `pane` when they have it.
    fn counterparts(&mut self, pane: usize, target: &Target) {
        let adcode = match target {
            Target::District(a) => Some(a.clone()),
            _ => None,
        };
        for (_, p) in self.maps.iter_mut().enumerate().filter(|(i, _)| *i != pane) {
            p.counterpart = adcode.clone().filter(|a| p.doc.as_ref().is_some_and(|d| d.boundaries.index_of(a).is_some()));
        }
    }

    /// Linked views: the other panes take `pane`'s view when they show the same region.
    pub(super) fn follow(&mut self, pane: usize) {
        let Some(view) = self.maps.get(pane).and_then(|p| p.view) else { return };
        for i in 0..self.maps.len() {
            if i != pane && self.same_region(pane, i) && self.maps[i].view != Some(view) && self.maps[i].fit_to.is_none() {
                self.maps[i].set_view(view);
            }
        }
    }
}

/// Commands that concern one map pane alone.
fn apply_to_pane(p: &mut MapPane, cmd: Command) {
    let rect = crate::ui::map::view::screen_rect(p.map_rect);
    let centre = [(rect[0] + rect[2]) / 2.0, (rect[1] + rect[3]) / 2.0];
    match cmd {
        Command::Fit => p.fit_to = Some(Vec::new()),
        Command::ZoomIn | Command::ZoomOut => {
            let factor = if cmd == Command::ZoomIn { 1.25 } else { 0.8 };
            if let Some(mut v) = p.view {
                v.zoom_at(rect, centre, factor);
                p.set_view(v);
            }
        }
        Command::Pan(dx, dy) => {
            if let Some(mut v) = p.view {
                v.pan(dx, dy);
                p.set_view(v);
            }
        }
        Command::SetView(v) => p.set_view(v),
        Command::SetVisible(s, shown) => {
            if let Some(doc) = &mut p.doc {
                doc.set_visible(s, shown);
            }
        }
        Command::SetMarks(marks) => {
            if let Some(doc) = &mut p.doc {
                doc.set_marks(marks);
            }
        }
        Command::OneAtATime(on) => {
            p.one_at_a_time = on;
            let first = p.focus_structure.or_else(|| p.doc.as_ref().and_then(|d| d.visible.iter().position(|&v| v)));
            if let Some(doc) = &mut p.doc {
                match (on, first) {
                    (true, Some(s)) => doc.show_only(s),
                    _ => doc.show_default(),
                }
            }
        }
        Command::ColorBy(key) => {
            if let Some(doc) = &mut p.doc {
                doc.set_color_by(key);
            }
        }
        Command::NextStep => {
            if let Some(pr) = &p.present
                && pr.step < pr.steps.len()
            {
                let k = pr.step + 1;
                p.go_to_step(k);
            }
        }
        Command::PrevStep => {
            if let Some(k) = p.present.as_ref().and_then(|pr| pr.step.checked_sub(1)) {
                p.go_to_step(k);
            }
        }
        Command::ToggleEditMode => p.edit_mode = !p.edit_mode && p.doc.as_ref().is_some_and(|d| d.editor.is_some()),
        Command::SetEditMode(on) => p.edit_mode = on && p.doc.as_ref().is_some_and(|d| d.editor.is_some()),
        Command::Pick(s) => p.focus_structure = s,
        Command::Undo => {
            if let Some(doc) = &mut p.doc {
                doc.undo();
            }
        }
        Command::Redo => {
            if let Some(doc) = &mut p.doc {
                doc.redo();
            }
        }
        _ => {}
    }
}

/// The edit a Pick click makes: add the county to the picked structure, or remove it. Adding
/// a neighbour drawn only for context comes with its name: the user is asked first.
fn toggle_member(p: &MapPane, feature: usize) -> Option<(Edit, Option<String>)> {
    let s = p.focus_structure?;
    let doc = p.doc.as_ref()?;
    let f = doc.boundaries.features.get(feature)?;
    let st = doc.plan.as_ref().and_then(|plan| plan.structures.get(s))?;
    Some(match st.members.iter().position(|m| m.adcode() == Some(f.adcode.as_str())) {
        Some(m) => (Edit::RemoveMember { structure: s, member: m }, None),
        None => (Edit::AddMember { structure: s, adcode: f.adcode.clone(), name: f.name.clone(), partial: None }, f.is_context().then(|| f.name.clone())),
    })
}
