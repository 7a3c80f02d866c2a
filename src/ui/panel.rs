//! The details panel: what `planmap show` prints, as headed lists with their sources.

use eframe::egui::{self, Color32, RichText};

use super::strings::Lang;
use crate::model::Details;

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
