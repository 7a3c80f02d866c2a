//! A search box over the region index of all China, as File ▸ New layout… has it: type a
//! name, short form or adcode (青岛, 即墨, 370215), click one of the suggestions (labelled
//! with their province and adcode, so namesakes such as 鼓楼区 are told apart).

use eframe::egui;

use crate::model::regions::{RegionId, RegionIndex};

pub struct RegionSearch {
    pub query: String,
    suggestions: Vec<RegionId>,
    suggested_for: String,
    focus: bool,
}

impl Default for RegionSearch {
    fn default() -> Self {
        RegionSearch::new()
    }
}

impl RegionSearch {
    pub fn new() -> Self {
        RegionSearch { query: String::new(), suggestions: Vec::new(), suggested_for: String::new(), focus: true }
    }

    /// Show the box and its suggestions. Some(Some(id)): a region was picked (a click, Enter on
    /// the first suggestion, or an exact name or adcode typed); Some(None): cancelled.
    pub fn ui(&mut self, ui: &mut egui::Ui, ix: &RegionIndex, zh: bool) -> Option<Option<RegionId>> {
        let t = if zh { crate::ui::strings::Lang::Zh } else { crate::ui::strings::Lang::En }.t();
        let mut picked = None;
        ui.horizontal(|ui| {
            let edit = ui.add(egui::TextEdit::singleline(&mut self.query).hint_text(t.region_hint).desired_width(320.0));
            if std::mem::take(&mut self.focus) {
                edit.request_focus();
            }
            if ui.button(t.cancel).clicked() {
                picked = Some(None);
            }
        });
        if self.query != self.suggested_for {
            self.suggestions = ix.suggest(&self.query, 40);
            self.suggested_for = self.query.clone();
        }
        if self.query.trim().is_empty() {
            return picked;
        }
        if self.suggestions.is_empty() {
            ui.colored_label(crate::ui::tokens::WARNING, t.no_region_named.replace("{name}", self.query.trim()));
        }
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if enter && let Some(&first) = self.suggestions.first() {
            picked = Some(Some(first));
        }
        egui::ScrollArea::vertical().id_salt("planmap-region-search").max_height(160.0).show(ui, |ui| {
            for &id in &self.suggestions {
                if ui.selectable_label(false, ix.label(id)).clicked() {
                    picked = Some(Some(id));
                }
            }
        });
        picked
    }
}
