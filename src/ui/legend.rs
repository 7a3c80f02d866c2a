//! The left panel: search, and the structure list that is also the legend (tick to show,
//! click to highlight); places without a boundary; colour-by for plain GeoJSON.

use eframe::egui::{self, Color32, Key, RichText};

use super::App;
use crate::model::{self, Target};
use crate::scene::fills::rgba;

impl App {
    pub(super) fn left_panel(&mut self, ui: &mut egui::Ui) {
        let t = self.lang.t();
        let search = ui.add(egui::TextEdit::singleline(&mut self.search).hint_text(t.search_hint).desired_width(f32::INFINITY));
        let enter = search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if let Some(doc) = &self.doc
            && !self.search.trim().is_empty()
        {
            let hits = match &doc.plan {
                Some(plan) => model::search(plan, Some(&doc.boundaries), &self.search),
                None => doc
                    .boundaries
                    .features
                    .iter()
                    .filter(|f| f.name.contains(self.search.trim()))
                    .map(|f| (Target::District(f.adcode.clone()), f.name.clone()))
                    .collect(),
            };
            if hits.is_empty() {
                ui.label(RichText::new(t.no_match).weak());
            }
            let mut chosen = None;
            for (target, name) in hits.iter().take(12) {
                if ui.selectable_label(self.selected.as_ref() == Some(target), name).clicked() {
                    chosen = Some(target.clone());
                }
            }
            if enter && chosen.is_none() {
                chosen = hits.first().map(|(t, _)| t.clone());
            }
            if let Some(target) = chosen {
                self.go_to(target);
            }
        }
        ui.separator();
        if self.edit_mode && self.doc.as_ref().is_some_and(|d| d.plan.is_some()) {
            self.edit_structures_ui(ui);
            return;
        }
        let Some(doc) = &mut self.doc else {
            ui.label(t.nothing_open);
            return;
        };
        let mut go = None;
        let mut refill = false;
        match &doc.plan {
            Some(plan) => {
                ui.label(RichText::new(t.structures).strong());
                let mut changed = false;
                for (i, s) in plan.structures.iter().enumerate() {
                    ui.horizontal(|ui| {
                        changed |= ui.checkbox(&mut doc.visible[i], "").on_hover_text(t.show_hide).changed();
                        let c = rgba(plan.structure_color(i));
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                        let swatch = Color32::from_rgb(c[0], c[1], c[2]);
                        if s.kind.is_area() {
                            ui.painter().rect_filled(rect, 2.0, swatch);
                        } else {
                            ui.painter().rect_stroke(rect.shrink(1.5), 2.0, egui::Stroke::new(3.0, swatch), egui::StrokeKind::Inside);
                        }
                        let label = format!("{}  〔{}〕", s.name, s.kind.label_zh());
                        if ui.selectable_label(self.focus_structure == Some(i), label).on_hover_text(s.positioning.clone().unwrap_or_default()).clicked() {
                            go = Some(Target::Structure(i));
                        }
                    });
                }
                refill |= changed;
                let without: Vec<(usize, usize, String)> = plan
                    .structures
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.members.iter().enumerate().filter(|(_, m)| !m.has_polygon()).map(move |(j, m)| (i, j, format!("{}（{}）", m.name(), s.name))))
                    .collect();
                if !without.is_empty() {
                    ui.add_space(8.0);
                    ui.label(RichText::new(t.no_polygon).strong());
                    for (i, j, label) in without {
                        let target = Target::Member { structure: i, index: j };
                        if ui.selectable_label(self.selected.as_ref() == Some(&target), label).clicked() {
                            go = Some(target);
                        }
                    }
                }
                if plan.city.is_some() {
                    ui.add_space(8.0);
                    let name = plan.city.as_ref().map_or(String::new(), |c| format!("{} {}", c.name(), t.city_level));
                    if ui.selectable_label(self.selected == Some(Target::City), name).clicked() {
                        go = Some(Target::City);
                    }
                }
            }
            None => {
                ui.label(format!("{} {}", doc.boundaries.features.len(), t.features));
                let keys = doc.boundaries.property_keys();
                let mut key = doc.color_by.clone();
                egui::ComboBox::from_label(t.color_by).selected_text(key.clone().unwrap_or_else(|| t.none.into())).show_ui(ui, |ui| {
                    ui.selectable_value(&mut key, None, t.none);
                    for k in keys {
                        ui.selectable_value(&mut key, Some(k.clone()), k);
                    }
                });
                if key != doc.color_by {
                    doc.color_by = key;
                    refill = true;
                }
                for (value, c) in &doc.fill.categories {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                        ui.painter().rect_filled(rect, 2.0, Color32::from_rgb(c[0], c[1], c[2]));
                        ui.label(value);
                    });
                }
            }
        }
        if refill {
            doc.refill();
        }
        if let Some(target) = go {
            self.go_to(target);
        }
    }
}
