//! The details panel (what `planmap show` prints, as headed lists with their sources) and the
//! problems panel. Both only read; what the user asks for comes back as commands.

use eframe::egui::{self, RichText};

use crate::model::{self, Details, Diagnostic, Target};
use crate::ui::command::Command;
use crate::ui::forms::{self, Forms};
use crate::ui::map::legend::written as shown;
use crate::ui::map::pane::MapPane;
use crate::ui::strings::Lang;
use crate::ui::tokens;

pub fn details(ui: &mut egui::Ui, d: &Details, lang: Lang) {
    ui.label(RichText::new(shown(&d.title)).heading().strong());
    ui.label(RichText::new(shown(&d.subtitle)).weak());
    for section in &d.sections {
        ui.add_space(6.0);
        let heading = match lang {
            Lang::Zh => section.heading.zh(),
            Lang::En => section.heading.en(),
        };
        ui.label(RichText::new(heading).strong().color(tokens::HEADING));
        for line in &section.lines {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                ui.label("•");
                ui.label(shown(&line.text));
                if let Some(src) = &line.source {
                    ui.label(RichText::new(format!("〔{}〕", shown(src))).small().color(tokens::SOURCE)).on_hover_text(shown(&format!("{} · {src}", d.document)));
                }
            });
        }
    }
}

/// The right panel of a map pane: the selection's details, or its edit forms in edit mode.
pub fn details_panel(ui: &mut egui::Ui, pane: &MapPane, forms: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    ui.label(RichText::new(t.details).strong());
    ui.separator();
    let Some(doc) = &pane.doc else { return Vec::new() };
    if pane.edit_mode && doc.plan.is_some() {
        match &pane.selected {
            Some(Target::District(a)) => return forms::district(ui, doc, a, forms, lang),
            Some(Target::Structure(s)) => {
                if let Some(d) = doc.plan.as_ref().and_then(|plan| model::describe(plan, Some(&doc.boundaries), &Target::Structure(*s))) {
                    details(ui, &d, lang);
                }
                return forms::place(ui, *s, forms, lang);
            }
            _ => {}
        }
    }
    let found = match (&pane.selected, &doc.plan) {
        (Some(target), Some(plan)) => model::describe(plan, Some(&doc.boundaries), target),
        (Some(Target::District(a)), None) => doc.boundaries.get(a).map(model::Details::of_feature),
        _ => None,
    };
    match found {
        Some(d) => details(ui, &d, lang),
        None => {
            ui.label(RichText::new(t.click_hint).weak());
        }
    }
    Vec::new()
}

/// The problems of the last file opened, saved or reloaded.
pub fn problems_panel(ui: &mut egui::Ui, problems: &[Diagnostic], kept_previous: bool, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let mut cmds = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} ({})", t.problems, problems.len())).strong());
        if kept_previous {
            ui.label(RichText::new(t.kept_previous).color(tokens::KEPT));
        }
        if ui.button(t.close).clicked() {
            cmds.push(Command::ClearProblems);
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        for d in problems {
            let color = if d.is_error() { tokens::ERROR } else { tokens::WARNING };
            ui.label(RichText::new(d.to_string()).monospace().color(color));
        }
    });
    cmds
}
