//! The top bar: file menu (open, export, recent), view menu (fit, compare, panes, language),
//! the layout switcher, fit, present, and the edit controls. It reads the app and returns
//! commands.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::App;
use crate::document::Document;
use crate::ui::command::{Command, shortcut_text};
use crate::ui::strings::Lang;
use crate::ui::tokens;

/// A menu item for `command`: its text and shortcut as the command declares them.
fn item(ui: &mut egui::Ui, lang: Lang, command: Command, cmds: &mut Vec<Command>) {
    let mut b = egui::Button::new(command.text(lang).unwrap_or_default());
    if let Some(keys) = shortcut_text(ui.ctx(), &command) {
        b = b.shortcut_text(keys);
    }
    if ui.add(b).clicked() {
        ui.close();
        cmds.push(command);
    }
}

/// A bar button for `command` with its hover text, enabled or not.
fn bar_button(ui: &mut egui::Ui, lang: Lang, label: &str, command: Command, enabled: bool, cmds: &mut Vec<Command>) {
    let hover = command.tooltip(ui.ctx(), lang).unwrap_or_default();
    if ui.add_enabled(enabled, egui::Button::new(label)).on_hover_text(hover).clicked() {
        cmds.push(command);
    }
}

pub fn top_bar(ui: &mut egui::Ui, app: &App) -> Vec<Command> {
    let t = app.lang.t();
    let mut cmds = Vec::new();
    let pane = app.map();
    let doc = pane.doc.as_ref();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t.file, |ui| {
            item(ui, app.lang, Command::NewLayoutDialog, &mut cmds);
            item(ui, app.lang, Command::DraftDialog, &mut cmds);
            item(ui, app.lang, Command::OpenDialog, &mut cmds);
            for ext in ["png", "svg", "geojson"] {
                let format = if ext == "geojson" { "GeoJSON".to_string() } else { ext.to_uppercase() };
                if ui.button(format!("{} {format}…", t.export)).clicked() {
                    ui.close();
                    cmds.push(Command::Export(ext));
                }
            }
            ui.add_enabled_ui(doc.and_then(|d| d.plan.as_ref()).is_some_and(|p| !p.indicators.is_empty()), |ui| item(ui, app.lang, Command::ExportIndicators, &mut cmds));
            ui.add_enabled_ui(doc.is_some_and(|d| d.plan.is_some()), |ui| {
                item(ui, app.lang, Command::PrintDialog, &mut cmds);
                if ui.button(app.lang.print().slides).clicked() {
                    ui.close();
                    cmds.push(Command::Export("pptx"));
                }
            });
            ui.menu_button(t.recent, |ui| {
                for p in &app.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        ui.close();
                        cmds.push(Command::Open(p.clone()));
                    }
                }
            });
            ui.separator();
            item(ui, app.lang, Command::Quit, &mut cmds);
        });
        ui.menu_button(t.view, |ui| {
            item(ui, app.lang, Command::Fit, &mut cmds);
            if let Some(pane) = app.maps.get(app.active).filter(|p| p.doc.as_ref().is_some_and(|d| d.plan.is_some())) {
                ui.separator();
                ui.label(t.marks);
                let marks = pane.doc.as_ref().map(|d| d.marks).unwrap_or_default();
                use crate::scene::fills::Marks;
                if ui.radio(marks == Marks::Fills && !pane.one_at_a_time, t.marks_fills).clicked() {
                    cmds.extend([Command::OneAtATime(false), Command::SetMarks(Marks::Fills)]);
                }
                if ui.radio(marks == Marks::Outlines, t.marks_outlines).on_hover_text(t.marks_outlines_hint).clicked() {
                    cmds.extend([Command::OneAtATime(false), Command::SetMarks(Marks::Outlines)]);
                }
                if ui.radio(pane.one_at_a_time, t.marks_one).on_hover_text(t.marks_one_hint).clicked() {
                    cmds.extend([Command::SetMarks(Marks::Fills), Command::OneAtATime(true)]);
                }
            }
            ui.separator();
            item(ui, app.lang, Command::CompareDialog, &mut cmds);
            ui.add_enabled_ui(doc.is_some_and(|d| d.editor.is_some()), |ui| item(ui, app.lang, Command::CompareWithDisk, &mut cmds));
            if app.maps.len() > 1 {
                item(ui, app.lang, Command::CloseCompare, &mut cmds);
                let mut linked = app.linked;
                if ui.checkbox(&mut linked, t.link_views).on_hover_text(t.link_hint).changed() {
                    cmds.push(Command::SetLinked(linked));
                }
            }
            if !app.docked.is_empty() {
                ui.separator();
                ui.label(t.panes);
                for d in &app.docked {
                    let mut open = d.open;
                    if ui.checkbox(&mut open, d.pane.title(app.lang)).changed() {
                        cmds.push(Command::TogglePane(d.pane.id()));
                    }
                }
            }
            ui.separator();
            ui.label(t.language);
            let mut lang = app.lang;
            ui.radio_value(&mut lang, Lang::Zh, Lang::Zh.name());
            ui.radio_value(&mut lang, Lang::En, Lang::En.name());
            if lang != app.lang {
                cmds.push(Command::SetLang(lang));
            }
        });
        ui.separator();
        let layouts = app.layouts.as_deref().unwrap_or_default();
        let current = app.recent.first().filter(|_| doc.is_some());
        let is_current = |p: &PathBuf| current == Some(p);
        let shown = layouts.iter().find(|(p, _)| is_current(p)).map_or_else(|| doc.map_or(String::new(), Document::title), |(_, n)| n.clone());
        egui::ComboBox::from_label(t.layouts).selected_text(shown).show_ui(ui, |ui| {
            for (path, name) in layouts {
                if ui.selectable_label(is_current(path), name).clicked() && !is_current(path) {
                    cmds.push(Command::Open(path.clone()));
                }
            }
        });
        bar_button(ui, app.lang, t.fit_short, Command::Fit, true, &mut cmds);
        if doc.is_some_and(|d| d.plan.is_some()) {
            bar_button(ui, app.lang, t.present, Command::Present, true, &mut cmds);
        }
        if let Some(editor) = doc.and_then(|d| d.editor.as_ref()) {
            ui.separator();
            if ui.selectable_label(pane.edit_mode, t.edit).clicked() {
                cmds.push(Command::ToggleEditMode);
            }
            bar_button(ui, app.lang, t.undo, Command::Undo, editor.can_undo(), &mut cmds);
            bar_button(ui, app.lang, t.redo, Command::Redo, editor.can_redo(), &mut cmds);
            bar_button(ui, app.lang, t.save, Command::Save, editor.is_dirty(), &mut cmds);
        }
        if let Some(plan) = doc.and_then(|d| d.plan.as_ref()) {
            ui.separator();
            ui.label(RichText::new(&plan.plan.title).strong());
            if let Some(s) = &plan.plan.slogan {
                ui.label(RichText::new(s).color(tokens::SLOGAN));
            }
        }
    });
    cmds
}
