//! The details panel: what `planmap show` prints, as headed lists with their sources.

use eframe::egui::{self, Color32, RichText};

use super::App;
use super::strings::Lang;
use crate::model::{self, Details, Target};

pub fn details(ui: &mut egui::Ui, d: &Details, lang: Lang) {
    ui.label(RichText::new(&d.title).heading().strong());
    ui.label(RichText::new(&d.subtitle).weak());
    for section in &d.sections {
        ui.add_space(6.0);
        let heading = match lang {
            Lang::Zh => section.heading.zh(),
            Lang::En => section.heading.en(),
        };
        ui.label(RichText::new(heading).strong().color(Color32::from_rgb(0x0b, 0x3d, 0x91)));
        for line in &section.lines {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                ui.label("•");
                ui.label(&line.text);
                if let Some(src) = &line.source {
                    ui.label(RichText::new(format!("〔{src}〕")).small().color(Color32::from_gray(0x70)))
                        .on_hover_text(format!("{} · {src}", d.document));
                }
            });
        }
    }
}

impl App {
    pub(super) fn details_panel(&mut self, ui: &mut egui::Ui) {
        let t = self.lang.t();
        ui.label(RichText::new(t.details).strong());
        ui.separator();
        if self.edit_mode {
            match self.selected.clone() {
                Some(Target::District(a)) => return self.edit_district_ui(ui, &a),
                Some(Target::Structure(s)) => {
                    if let Some(d) = self.doc.as_ref().and_then(|doc| model::describe(doc.plan.as_ref()?, Some(&doc.boundaries), &Target::Structure(s))) {
                        details(ui, &d, self.lang);
                    }
                    return self.edit_structure_ui(ui, s);
                }
                _ => {}
            }
        }
        let Some(doc) = &self.doc else { return };
        let found = match (&self.selected, &doc.plan) {
            (Some(target), Some(plan)) => model::describe(plan, Some(&doc.boundaries), target),
            (Some(Target::District(a)), None) => doc.boundaries.get(a).map(model::Details::of_feature),
            _ => None,
        };
        match found {
            Some(d) => details(ui, &d, self.lang),
            None => {
                ui.label(RichText::new(t.click_hint).weak());
            }
        }
    }

    pub(super) fn problems_panel(&mut self, ui: &mut egui::Ui) {
        let t = self.lang.t();
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} ({})", t.problems, self.problems.len())).strong());
            if self.open_failed && self.doc.is_some() {
                ui.label(RichText::new(t.kept_previous).color(Color32::from_rgb(0xb0, 0x30, 0x30)));
            }
            if ui.button(t.close).clicked() {
                self.problems.clear();
            }
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            for d in &self.problems {
                let color = if d.is_error() { Color32::from_rgb(0xb0, 0x20, 0x20) } else { Color32::from_rgb(0x9a, 0x6a, 0x00) };
                ui.label(RichText::new(d.to_string()).monospace().color(color));
            }
        });
    }
}
