//! The top bar: file menu (open, export, recent), view menu (fit, compare, panes, language),
//! the layout switcher, fit, present, and the edit controls. It reads the app and returns
//! commands.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::App;
use super::command::{Command, shortcut_text};
use super::strings::Lang;
use super::tokens;
use crate::document::Document;

/// A menu or bar button that also shows its shortcut from the table.
fn button(ui: &mut egui::Ui, label: &str, command: &Command) -> bool {
    let mut b = egui::Button::new(label);
    if let Some(keys) = shortcut_text(ui.ctx(), command) {
        b = b.shortcut_text(keys);
    }
    ui.add(b).clicked()
}

pub fn top_bar(ui: &mut egui::Ui, app: &App) -> Vec<Command> {
    let t = app.lang.t();
    let mut cmds = Vec::new();
    let pane = app.map();
    let doc = pane.doc.as_ref();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t.file, |ui| {
            if ui.button(t.new_layout).clicked() {
                ui.close();
                cmds.push(Command::NewLayoutDialog);
            }
            if ui
                .button(match app.lang {
                    super::strings::Lang::Zh => "从规划文本新建布局…",
                    super::strings::Lang::En => "New layout from plan text…",
                })
                .clicked()
            {
                ui.close();
                cmds.push(Command::DraftDialog);
            }
            if button(ui, t.open, &Command::OpenDialog) {
                ui.close();
                cmds.push(Command::OpenDialog);
            }
            for ext in ["png", "svg", "geojson"] {
                let format = if ext == "geojson" { "GeoJSON".to_string() } else { ext.to_uppercase() };
                if ui.button(format!("{} {format}…", t.export)).clicked() {
                    ui.close();
                    cmds.push(Command::Export(ext));
                }
            }
            ui.menu_button(t.recent, |ui| {
                for p in &app.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        ui.close();
                        cmds.push(Command::Open(p.clone()));
                    }
                }
            });
            ui.separator();
            if ui.button(t.quit).clicked() {
                cmds.push(Command::Quit);
            }
        });
        ui.menu_button(t.view, |ui| {
            if button(ui, t.fit, &Command::Fit) {
                ui.close();
                cmds.push(Command::Fit);
            }
            ui.separator();
            if ui.button(t.compare_with).clicked() {
                ui.close();
                cmds.push(Command::CompareDialog);
            }
            if ui.add_enabled(doc.is_some_and(|d| d.editor.is_some()), egui::Button::new(t.compare_disk)).clicked() {
                ui.close();
                cmds.push(Command::CompareWithDisk);
            }
            if app.maps.len() > 1 {
                if ui.button(t.close_compare).clicked() {
                    ui.close();
                    cmds.push(Command::CloseCompare);
                }
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
            ui.radio_value(&mut lang, Lang::Zh, "中文");
            ui.radio_value(&mut lang, Lang::En, "English");
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
        if ui.button(t.fit_short).on_hover_text(t.fit).clicked() {
            cmds.push(Command::Fit);
        }
        if doc.is_some_and(|d| d.plan.is_some()) && ui.button(t.present).on_hover_text(shortcut_text(ui.ctx(), &Command::Present).unwrap_or_default()).clicked() {
            cmds.push(Command::Present);
        }
        if let Some(editor) = doc.and_then(|d| d.editor.as_ref()) {
            ui.separator();
            if ui.selectable_label(pane.edit_mode, t.edit).clicked() {
                cmds.push(Command::ToggleEditMode);
            }
            let ctx = ui.ctx().clone();
            let hint = |c: &Command| shortcut_text(&ctx, c).unwrap_or_default();
            if ui.add_enabled(editor.can_undo(), egui::Button::new(t.undo)).on_hover_text(hint(&Command::Undo)).clicked() {
                cmds.push(Command::Undo);
            }
            if ui.add_enabled(editor.can_redo(), egui::Button::new(t.redo)).on_hover_text(hint(&Command::Redo)).clicked() {
                cmds.push(Command::Redo);
            }
            if ui.add_enabled(editor.is_dirty(), egui::Button::new(t.save)).on_hover_text(hint(&Command::Save)).clicked() {
                cmds.push(Command::Save);
            }
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
