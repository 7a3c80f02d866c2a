//! Edit-mode forms: the legend's structure editor (rename, recolour, move, delete, add), a
//! district's memberships and facts, a structure's places. They read the plan and return
//! edit commands; only the text being typed lives here (`Forms`), and a text field's edit is
//! committed once, on Enter or when the field loses focus — one undo step, one re-check.

use eframe::egui::{self, RichText};

use crate::document::Document;
use crate::model::edit::{Command as Edit, DistrictRef, Fact, FactKind, PlanField};
use crate::model::{Plan, Rgb, StructureKind};
use crate::ui::command::Command;
use crate::ui::strings::Lang;
use crate::ui::tokens;

/// Text typed into the edit forms, kept between frames. Cleared when the plan changes, since
/// its indices may no longer mean the same structure.
#[derive(Default)]
pub struct Forms {
    pub structure_name: String,
    pub structure_kind: Option<StructureKind>,
    pub structure_source: String,
    pub place_name: String,
    pub place_location: String,
    pub fact_kind: Option<FactKind>,
    pub fact_name: String,
    pub fact_text: String,
    pub fact_source: String,
    /// When editing an existing fact: its kind and index.
    pub editing: Option<(FactKind, usize)>,
    /// A structure being renamed: its index and the name typed so far.
    pub rename: Option<(usize, String)>,
    /// A membership's qualifier being typed: structure and text.
    pub partial: Option<(usize, String)>,
    /// A colour being typed as #RRGGBB: structure and text.
    pub hex: Option<(usize, String)>,
    /// One of the plan's fields being typed (`PlanField::ALL` index) and its text.
    pub plan_field: Option<(usize, String)>,
}

impl Forms {
    /// Forget typing that refers to structures by index (the plan changed under it).
    pub fn plan_changed(&mut self) {
        self.rename = None;
        self.partial = None;
        self.editing = None;
        self.hex = None;
    }
}

pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0[0], c.0[1], c.0[2])
}

/// A one-line field that edits `current`; returns the new text once, when the user is done
/// (Enter or focus elsewhere) and it differs.
fn committed_field(ui: &mut egui::Ui, slot: &mut Option<(usize, String)>, key: usize, current: &str, width: f32) -> Option<String> {
    let mut text = match slot {
        Some((k, t)) if *k == key => t.clone(),
        _ => current.to_string(),
    };
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(width));
    if r.changed() {
        *slot = Some((key, text.clone()));
    }
    if r.lost_focus() && slot.as_ref().is_some_and(|(k, _)| *k == key) {
        *slot = None;
        let text = text.trim().to_string();
        return (!text.is_empty() && text != current).then_some(text);
    }
    None
}

/// The legend in edit mode.
pub fn structures(ui: &mut egui::Ui, plan: &Plan, picked: Option<usize>, forms: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let mut cmds = Vec::new();
    cmds.extend(plan_fields(ui, plan, forms, lang));
    ui.separator();
    ui.label(RichText::new(t.edit_hint).small().weak());
    for (i, s) in plan.structures.iter().enumerate() {
        ui.horizontal(|ui| {
            if let Some(color) = colour_button(ui, i, &s.name, plan.structure_color(i), &mut forms.hex, lang) {
                cmds.push(Command::Edit(Edit::RecolorStructure { structure: i, color }));
            }
            if let Some(name) = committed_field(ui, &mut forms.rename, i, &s.name, 120.0) {
                cmds.push(Command::Edit(Edit::RenameStructure { structure: i, name }));
            }
            if ui.selectable_label(picked == Some(i), t.pick).on_hover_text(t.pick_hint).clicked() {
                cmds.push(Command::Pick(if picked == Some(i) { None } else { Some(i) }));
            }
            if ui.small_button(t.up_short).clicked() {
                cmds.push(Command::Edit(Edit::MoveStructure { structure: i, up: true }));
            }
            if ui.small_button(t.down_short).clicked() {
                cmds.push(Command::Edit(Edit::MoveStructure { structure: i, up: false }));
            }
            if ui.small_button(t.delete).clicked() {
                cmds.push(Command::Pick(None));
                cmds.push(Command::Edit(Edit::DeleteStructure { structure: i }));
            }
        });
    }
    ui.separator();
    ui.label(RichText::new(t.new_structure).strong());
    ui.add(egui::TextEdit::singleline(&mut forms.structure_name).hint_text(t.name));
    let kind = forms.structure_kind.get_or_insert(StructureKind::Zone);
    // Every kind the layout format has (带、轴、极、翼、组团 among them).
    egui::ComboBox::from_label(t.kind).selected_text(kind_label(*kind)).show_ui(ui, |ui| {
        for k in StructureKind::ALL {
            ui.selectable_value(kind, k, kind_label(k));
        }
    });
    ui.add(egui::TextEdit::singleline(&mut forms.structure_source).hint_text(t.source_hint));
    if ui.button(t.add).clicked() && !forms.structure_name.trim().is_empty() {
        let n = plan.structures.len();
        let kind = forms.structure_kind.unwrap_or(StructureKind::Zone);
        let id = crate::model::edit::new_structure_id(plan, forms.structure_name.trim(), kind);
        let color = hex(crate::model::PALETTE[n % crate::model::PALETTE.len()]);
        cmds.push(Command::Edit(Edit::AddStructure { id, kind, name: forms.structure_name.trim().to_string(), color, source: forms.structure_source.trim().to_string() }));
        forms.structure_name.clear();
    }
    cmds
}

/// A kind as the editor lists it: the plan's word and the file's (`带 (belt)`).
pub fn kind_label(k: StructureKind) -> String {
    format!("{} ({})", k.label_zh(), k.key())
}

/// The plan's title, document, period and slogan, each committed like a structure's name
/// (one undo step, written through toml_edit with the file's comments kept).
fn plan_fields(ui: &mut egui::Ui, plan: &Plan, forms: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let mut cmds = Vec::new();
    ui.label(RichText::new(t.plan_fields[0]).strong());
    egui::Grid::new("planmap-plan-fields").num_columns(2).show(ui, |ui| {
        for (k, field) in PlanField::ALL.into_iter().enumerate() {
            let label = t.plan_fields.get(k + 1).copied().unwrap_or_default();
            let name = ui.label(label);
            let current = field.of(plan);
            let mut text = match &forms.plan_field {
                Some((j, typed)) if *j == k => typed.clone(),
                _ => current.to_string(),
            };
            let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(220.0)).labelled_by(name.id);
            if r.changed() {
                forms.plan_field = Some((k, text.clone()));
            }
            if r.lost_focus() && forms.plan_field.as_ref().is_some_and(|(j, _)| *j == k) {
                forms.plan_field = None;
                if text.trim() != current {
                    cmds.push(Command::Edit(Edit::SetPlanField { field, value: text.trim().to_string() }));
                }
            }
            ui.end_row();
        }
    });
    cmds
}

/// A structure's colour: a swatch that opens the palettes to choose from and a #RRGGBB field
/// (checked: anything else is refused with a hint). egui's own picker is not used: its copy
/// button is an emoji the bundled fonts lack, drawn as a box.
fn colour_button(ui: &mut egui::Ui, i: usize, name: &str, current: Rgb, slot: &mut Option<(usize, String)>, lang: Lang) -> Option<String> {
    let t = lang.t();
    let size = egui::vec2(ui.spacing().interact_size.y * 1.4, ui.spacing().interact_size.y);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    ui.painter().rect_filled(rect, 2.0, crate::ui::tokens::plan_colour(current));
    ui.painter().rect_stroke(rect, 2.0, ui.visuals().widgets.inactive.fg_stroke, egui::StrokeKind::Inside);
    let label = format!("{} {name}", t.colour);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let response = response.on_hover_text(hex(current));
    let mut chosen = None;
    egui::Popup::menu(&response).id(ui.make_persistent_id(("planmap-colour", i))).close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside).show(|ui| {
        ui.horizontal_wrapped(|ui| {
            ui.set_max_width(size.x * 8.0 * 1.3);
            for c in crate::scene::palette::QUALITATIVE.iter().chain(crate::model::PALETTE.iter()) {
                let (rect, swatch) = ui.allocate_exact_size(size, egui::Sense::click());
                ui.painter().rect_filled(rect, 2.0, crate::ui::tokens::plan_colour(*c));
                if *c == current {
                    ui.painter().rect_stroke(rect, 2.0, egui::Stroke::new(2.0, ui.visuals().strong_text_color()), egui::StrokeKind::Inside);
                }
                let h = hex(*c);
                swatch.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &h));
                if swatch.on_hover_text(&h).clicked() {
                    chosen = Some(h);
                }
            }
        });
        let mut text = match slot {
            Some((k, typed)) if *k == i => typed.clone(),
            _ => hex(current),
        };
        let r = ui
            .horizontal(|ui| {
                let name = ui.label(t.hex_hint);
                ui.add(egui::TextEdit::singleline(&mut text).desired_width(90.0).font(egui::TextStyle::Monospace)).labelled_by(name.id)
            })
            .inner;
        if r.changed() {
            *slot = Some((i, text.clone()));
        }
        let parsed = parse_hex(&text);
        if parsed.is_none() {
            ui.label(RichText::new(t.hex_invalid).small().color(ui.visuals().error_fg_color));
        }
        // A bad colour stays typed (with the hint above) and changes nothing.
        if r.lost_focus()
            && slot.as_ref().is_some_and(|(k, _)| *k == i)
            && let Some(c) = parsed
        {
            *slot = None;
            if c != current {
                chosen = Some(hex(c));
            }
        }
    });
    chosen
}

/// `#RRGGBB` as typed: spaces trimmed, the `#` optional, any case.
pub fn parse_hex(text: &str) -> Option<Rgb> {
    let t = text.trim();
    let t = t.strip_prefix('#').unwrap_or(t);
    Rgb::parse(&format!("#{t}"))
}

/// A county in edit mode: memberships (whole / partial), facts, the fact form.
pub fn district(ui: &mut egui::Ui, doc: &Document, adcode: &str, forms: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    let mut cmds = Vec::new();
    let Some(plan) = &doc.plan else { return cmds };
    let name = doc.boundaries.get(adcode).map_or(adcode.to_string(), |f| f.name.clone());
    let place = DistrictRef::County { adcode: adcode.to_string(), name: name.clone() };
    ui.label(RichText::new(&name).heading().strong());
    ui.label(RichText::new(t.structures).strong());
    for s in plan.structures_of(adcode) {
        let Some(st) = plan.structures.get(s) else { continue };
        let Some(m) = st.members.iter().position(|m| m.adcode() == Some(adcode)) else { continue };
        let partial = st.members.get(m).and_then(|m| m.partial.clone());
        ui.horizontal_wrapped(|ui| {
            ui.label(&st.name);
            let mut is_partial = partial.is_some();
            if ui.checkbox(&mut is_partial, t.partial).changed() {
                let q = is_partial.then(|| t.partial_default.to_string());
                cmds.push(Command::Edit(Edit::SetPartial { structure: s, member: m, partial: q }));
            }
            if let Some(q) = &partial
                && let Some(text) = committed_field(ui, &mut forms.partial, s, q, 160.0)
            {
                cmds.push(Command::Edit(Edit::SetPartial { structure: s, member: m, partial: Some(text) }));
            }
            if ui.small_button(t.remove_from).clicked() {
                cmds.push(Command::Edit(Edit::RemoveMember { structure: s, member: m }));
            }
        });
    }
    let facts = plan.district(adcode);
    for (kind, heading) in [(FactKind::Speciality, t.specialities), (FactKind::Hospital, t.hospitals), (FactKind::Project, t.projects)] {
        ui.add_space(6.0);
        ui.label(RichText::new(heading).strong().color(tokens::HEADING));
        let lines: Vec<(String, Fact)> = match (facts, kind) {
            (Some(d), FactKind::Speciality) => d.specialities.iter().map(|x| (x.text.clone(), Fact::Speciality { text: x.text.clone(), source: x.source.clone() })).collect(),
            (Some(d), FactKind::Hospital) => d
                .hospitals
                .iter()
                .map(|x| (format!("{}：{}", x.name, x.focus.join("、")), Fact::Hospital { name: x.name.clone(), focus: x.focus.clone(), source: x.source.clone() }))
                .collect(),
            (Some(d), FactKind::Project) => d
                .projects
                .iter()
                .map(|x| {
                    (
                        format!("{}：{}", x.name, x.detail.clone().unwrap_or_default()),
                        Fact::Project { name: x.name.clone(), detail: x.detail.clone(), source: x.source.clone() },
                    )
                })
                .collect(),
            (None, _) => Vec::new(),
        };
        for (index, (text, fact)) in lines.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                if ui.small_button(t.delete).clicked() {
                    cmds.push(Command::Edit(Edit::RemoveFact { district: place.clone(), kind, index }));
                }
                if ui.small_button(t.change).clicked() {
                    forms.editing = Some((kind, index));
                    forms.fact_kind = Some(kind);
                    (forms.fact_name, forms.fact_text, forms.fact_source) = match fact {
                        Fact::Speciality { text, source } => (String::new(), text.clone(), source.clone()),
                        Fact::Hospital { name, focus, source } => (name.clone(), focus.join("、"), source.clone()),
                        Fact::Project { name, detail, source } => (name.clone(), detail.clone().unwrap_or_default(), source.clone()),
                    };
                }
                ui.label(text);
            });
        }
    }
    ui.separator();
    cmds.extend(fact_form(ui, &place, forms, lang).map(Command::Edit));
    cmds
}

/// The add / change form for a district fact.
fn fact_form(ui: &mut egui::Ui, district: &DistrictRef, f: &mut Forms, lang: Lang) -> Option<Edit> {
    let t = lang.t();
    let kind = f.fact_kind.get_or_insert(FactKind::Project);
    ui.horizontal(|ui| {
        ui.selectable_value(kind, FactKind::Speciality, t.specialities);
        ui.selectable_value(kind, FactKind::Hospital, t.hospitals);
        ui.selectable_value(kind, FactKind::Project, t.projects);
    });
    let kind = *kind;
    if kind != FactKind::Speciality {
        ui.add(egui::TextEdit::singleline(&mut f.fact_name).hint_text(t.name));
    }
    let hint = match kind {
        FactKind::Speciality => t.text_hint,
        FactKind::Hospital => t.focus_hint,
        FactKind::Project => t.detail_hint,
    };
    ui.add(egui::TextEdit::multiline(&mut f.fact_text).hint_text(hint).desired_rows(2));
    ui.add(egui::TextEdit::singleline(&mut f.fact_source).hint_text(t.source_hint));
    let label = if f.editing.is_some_and(|(k, _)| k == kind) { t.apply } else { t.add };
    if !ui.button(label).clicked() {
        return None;
    }
    let (name, text, source) = (f.fact_name.trim().to_string(), f.fact_text.trim().to_string(), f.fact_source.trim().to_string());
    let fact = match kind {
        FactKind::Speciality if !text.is_empty() => Fact::Speciality { text, source },
        FactKind::Hospital if !name.is_empty() => {
            Fact::Hospital { name, focus: text.split(['、', ',', '，', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect(), source }
        }
        FactKind::Project if !name.is_empty() => Fact::Project { name, detail: (!text.is_empty()).then_some(text), source },
        _ => return None,
    };
    let editing = f.editing.take();
    f.fact_name.clear();
    f.fact_text.clear();
    Some(match editing {
        Some((k, index)) if k == kind => Edit::ReplaceFact { district: district.clone(), index, fact },
        _ => Edit::AddFact { district: district.clone(), fact },
    })
}

/// A structure in edit mode: add a member without a polygon.
pub fn place(ui: &mut egui::Ui, structure: usize, f: &mut Forms, lang: Lang) -> Vec<Command> {
    let t = lang.t();
    ui.separator();
    ui.label(RichText::new(t.add_place).strong());
    ui.add(egui::TextEdit::singleline(&mut f.place_name).hint_text(t.name));
    ui.add(egui::TextEdit::singleline(&mut f.place_location).hint_text(t.location_hint));
    if ui.button(t.add).clicked() && !f.place_name.trim().is_empty() {
        let cmd = Edit::AddPlace { structure, name: f.place_name.trim().to_string(), location: f.place_location.trim().to_string() };
        f.place_name.clear();
        f.place_location.clear();
        return vec![Command::Edit(cmd)];
    }
    Vec::new()
}
