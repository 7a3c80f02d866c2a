//! The left panel of a map pane: search, and the structure list that is also the legend (tick
//! to show, click to highlight); places without a boundary; colour-by for plain GeoJSON.
//! It reads the pane and returns commands; only the search text is its own.

use eframe::egui::{self, Key, RichText};

use crate::model::{self, Target};
use crate::scene::fills::rgba;
use crate::ui::command::Command;
use crate::ui::forms::{self, Forms};
use crate::ui::map::pane::MapPane;
use crate::ui::strings::Lang;
use crate::ui::tokens;

pub fn legend(ui: &mut egui::Ui, pane: &MapPane, search: &mut String, forms: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let mut cmds = Vec::new();
    let field = ui.add(egui::TextEdit::singleline(search).hint_text(t.search_hint).desired_width(f32::INFINITY));
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if let Some(doc) = &pane.doc
        && !search.trim().is_empty()
    {
        let hits = match &doc.plan {
            Some(plan) => model::search(plan, Some(&doc.boundaries), search),
            None => doc.boundaries.features.iter().filter(|f| f.name.contains(search.trim())).map(|f| (Target::District(f.adcode.clone()), f.name.clone())).collect(),
        };
        if hits.is_empty() {
            ui.label(RichText::new(t.no_match).weak());
        }
        let mut chosen = None;
        for (target, name) in hits.iter().take(12) {
            if ui.selectable_label(pane.selected.as_ref() == Some(target), written(name)).clicked() {
                chosen = Some(target.clone());
            }
        }
        if enter && chosen.is_none() {
            chosen = hits.first().map(|(t, _)| t.clone());
        }
        cmds.extend(chosen.map(Command::GoTo));
    }
    ui.separator();
    let Some(doc) = &pane.doc else {
        // While the first file of this pane opens, say so rather than "nothing open".
        match pane.loading.as_ref().filter(|l| l.shows_progress()) {
            Some(l) => ui.label(RichText::new(l.text(lang)).weak()),
            None => ui.label(t.nothing_open),
        };
        return cmds;
    };
    match &doc.plan {
        Some(plan) if pane.edit_mode => cmds.extend(forms::structures(ui, plan, pane.focus_structure, forms, lang)),
        Some(plan) => {
            ui.label(RichText::new(t.structures).strong());
            for (i, s) in plan.structures.iter().enumerate() {
                ui.horizontal(|ui| {
                    let mut shown = doc.visible.get(i).copied().unwrap_or(true);
                    if ui.checkbox(&mut shown, "").on_hover_text(t.show_hide).changed() {
                        cmds.push(Command::SetVisible(i, shown));
                    }
                    let swatch = tokens::swatch(rgba(plan.structure_color(i)));
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    if s.kind.is_area() && doc.marks == crate::scene::fills::Marks::Fills {
                        ui.painter().rect_filled(rect, 2.0, swatch);
                    } else {
                        ui.painter().rect_stroke(rect.shrink(1.5), 2.0, egui::Stroke::new(3.0, swatch), egui::StrokeKind::Inside);
                    }
                    let label = entry_text(ui, &written(&s.name), s.kind.label_zh());
                    let entry = egui::Button::selectable(pane.focus_structure == Some(i), label).wrap();
                    if ui.add(entry).on_hover_text(written(s.positioning.as_deref().unwrap_or_default())).clicked() {
                        cmds.push(Command::GoTo(Target::Structure(i)));
                    }
                });
            }
            crate::ui::map::key::key(ui, doc, lang);
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
                    if ui.selectable_label(pane.selected.as_ref() == Some(&target), written(&label)).clicked() {
                        cmds.push(Command::GoTo(target));
                    }
                }
            }
            if let Some(city) = &plan.city {
                ui.add_space(8.0);
                if ui.selectable_label(pane.selected == Some(Target::City), format!("{} {}", written(city.name()), t.city_level)).clicked() {
                    cmds.push(Command::GoTo(Target::City));
                }
            }
        }
        None => {
            ui.label(format!("{} {}", doc.boundaries.features.len(), t.features));
            let mut key = doc.color_by.clone();
            egui::ComboBox::from_label(t.color_by).selected_text(key.clone().unwrap_or_else(|| t.none.into())).show_ui(ui, |ui| {
                ui.selectable_value(&mut key, None, t.none);
                for k in doc.boundaries.property_keys() {
                    ui.selectable_value(&mut key, Some(k.clone()), k);
                }
            });
            if key != doc.color_by {
                cmds.push(Command::ColorBy(key));
            }
            for (value, c) in &doc.fill.categories {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, tokens::swatch(*c));
                    ui.label(value);
                });
            }
        }
    }
    cmds
}

/// A legend entry's words: name and kind on one line when they fit, else the kind on a line of
/// its own under the (wrapped) name, so a narrow legend (two maps side by side) never clips or
/// splits the kind.
fn entry_text(ui: &egui::Ui, name: &str, kind: &str) -> String {
    let one_line = format!("{name}  〔{kind}〕");
    let room = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
    let width = egui::WidgetText::from(one_line.as_str()).into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Button).size().x;
    if width <= room { one_line } else { format!("{name}\n〔{kind}〕") }
}

/// A layout's text as the window shows it: control characters (a terminal escape, a NUL from a
/// broken file) written out rather than let loose on the layout.
pub(crate) fn written(text: &str) -> String {
    crate::model::escape_controls(text, true).into_owned()
}
