//! Comparing two versions of one plan: each map's title line, and the list of what differs
//! (差异) under both maps. An entry clicked selects its counties on both maps. The list is made
//! again only when either plan changes (an edit, an undo, another file opened).

use eframe::egui::{self, RichText};

use crate::model::{Change, Difference, Plan, diff_layouts, same_plan, shown_text};
use crate::ui::command::Command;
use crate::ui::map::pane::MapPane;
use crate::ui::strings::{Lang, diff_field};

/// How many characters of a long fact (a positioning sentence) an entry shows; the whole text
/// is in its tooltip.
const SHORT_CHARS: usize = 36;

/// The differences between the two maps' plans.
#[derive(Default)]
pub struct Differences {
    /// The plans (before, after) the list was made for.
    made_for: Option<(Plan, Plan)>,
    /// None when the maps do not show two versions of one plan.
    pub list: Option<Vec<Difference>>,
    /// The right map is the earlier version: the file on disk beside the unsaved edits.
    pub right_first: bool,
    /// The entry last clicked.
    chosen: Option<usize>,
}

impl Differences {
    /// Make the list again if either map's plan changed since it was made.
    pub fn refresh(&mut self, maps: &[MapPane]) {
        let plan = |i: usize| maps.get(i).and_then(|m| m.doc.as_ref()).and_then(|d| d.plan.as_ref());
        let (Some(left), Some(right)) = (plan(0), plan(1)) else {
            if self.made_for.is_some() {
                *self = Differences::default();
            }
            return;
        };
        let path = |i: usize| maps.get(i).and_then(|m| m.doc.as_ref()).map(|d| &d.path);
        let right_first = path(0) == path(1);
        let (before, after) = if right_first { (right, left) } else { (left, right) };
        if self.right_first == right_first && self.made_for.as_ref().is_some_and(|(b, a)| b == before && a == after) {
            return;
        }
        let boundaries =
            |i: usize| maps.get(i).and_then(|m| m.doc.as_ref()).and_then(|d| d.boundaries_path.as_deref()).map(|p| dunce::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
        let same_boundaries = boundaries(0).is_some() && boundaries(0) == boundaries(1);
        self.list = same_plan(before, after).then(|| diff_layouts(before, after, same_boundaries));
        self.made_for = Some((before.clone(), after.clone()));
        self.right_first = right_first;
        self.chosen = None;
    }

    /// The list under both maps, when they show two versions of one plan.
    pub fn panel(&mut self, ui: &mut egui::Ui, lang: Lang) -> Vec<Command> {
        let Some(list) = &self.list else { return Vec::new() };
        let w = lang.diff();
        let mut chosen = self.chosen;
        let mut cmds = Vec::new();
        egui::Panel::bottom("planmap-differences").resizable(true).default_size(150.0).min_size(48.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(w.heading).strong());
                if list.is_empty() {
                    ui.label(w.none);
                } else {
                    let (a, b) = if self.right_first { (w.right, w.left) } else { (w.left, w.right) };
                    ui.label(fill(w.count, &[('n', &list.len().to_string()), ('a', a), ('b', b)]));
                    ui.label(RichText::new(w.hint).small().weak());
                }
            });
            egui::ScrollArea::vertical().id_salt("planmap-differences-list").auto_shrink([false, true]).show(ui, |ui| {
                for (i, d) in list.iter().enumerate() {
                    let whole = line(d, lang, usize::MAX);
                    let text = line(d, lang, SHORT_CHARS);
                    if d.adcodes.is_empty() {
                        ui.add(egui::Label::new(text).wrap()).on_hover_text(whole);
                    } else if ui.add(egui::Button::selectable(chosen == Some(i), text).wrap()).on_hover_text(whole).clicked() {
                        chosen = Some(i);
                        cmds.push(Command::ShowCounties(d.adcodes.clone()));
                    }
                }
            });
        });
        self.chosen = chosen;
        cmds
    }
}

/// A compared map's title line: the plan's title, its file, and which version it is.
pub fn title_strip(ui: &mut egui::Ui, pane: &MapPane, other: Option<&MapPane>, right: bool, lang: Lang) {
    let Some(doc) = &pane.doc else { return };
    let w = lang.diff();
    let file = doc.path.file_name().map_or(String::new(), |n| shown_text(&n.to_string_lossy(), 80));
    let same_file = other.and_then(|o| o.doc.as_ref()).is_some_and(|o| o.path == doc.path);
    let version = if doc.is_dirty() {
        Some(w.unsaved)
    } else if same_file && right {
        Some(w.on_disk)
    } else {
        None
    };
    let below = match version {
        Some(v) => format!("{file} · {v}"),
        None => file,
    };
    egui::Panel::top(pane.id.with("title")).show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(doc.title()).strong()).wrap());
        ui.add(egui::Label::new(RichText::new(below).small().weak()).wrap());
    });
}

/// One difference in words, each value cut to `max_chars` characters.
pub fn line(d: &Difference, lang: Lang, max_chars: usize) -> String {
    let w = lang.diff();
    let v = |s: &str| if s.is_empty() { w.empty.to_string() } else { shown_text(s, max_chars) };
    let f = |field| diff_field(lang, field);
    match &d.change {
        Change::Plan { field, before, after } => fill(w.plan, &[('f', f(*field)), ('a', &v(before)), ('b', &v(after))]),
        Change::StructureAdded { structure } => fill(w.structure_added, &[('s', &v(structure))]),
        Change::StructureRemoved { structure } => fill(w.structure_removed, &[('s', &v(structure))]),
        Change::StructureRenamed { before, after } => fill(w.structure_renamed, &[('a', &v(before)), ('b', &v(after))]),
        Change::Structure { structure, field, before, after } => fill(w.changed, &[('s', &v(structure)), ('f', f(*field)), ('a', &v(before)), ('b', &v(after))]),
        Change::MemberGained { structure, member } => fill(w.member_gained, &[('s', &v(structure)), ('m', &v(member))]),
        Change::MemberLost { structure, member } => fill(w.member_lost, &[('s', &v(structure)), ('m', &v(member))]),
        Change::Member { structure, member, field, before, after } => {
            fill(w.member_changed, &[('s', &v(structure)), ('m', &v(member)), ('f', f(*field)), ('a', &v(before)), ('b', &v(after))])
        }
        Change::DistrictAdded { district } => fill(w.district_added, &[('d', &v(district))]),
        Change::DistrictRemoved { district } => fill(w.district_removed, &[('d', &v(district))]),
        Change::FactAdded { district, field, item } => fill(w.fact_added, &[('d', &v(district)), ('f', f(*field)), ('i', &v(item))]),
        Change::FactRemoved { district, field, item } => fill(w.fact_removed, &[('d', &v(district)), ('f', f(*field)), ('i', &v(item))]),
        Change::Fact { district, item, field, before, after } => {
            fill(w.fact_changed, &[('d', &v(district)), ('i', &v(item)), ('f', f(*field)), ('a', &v(before)), ('b', &v(after))])
        }
        Change::IndicatorAdded { indicator } => fill(w.indicator_added, &[('i', &v(indicator))]),
        Change::IndicatorRemoved { indicator } => fill(w.indicator_removed, &[('i', &v(indicator))]),
        Change::Indicator { indicator, field, before, after } => fill(w.indicator_changed, &[('i', &v(indicator)), ('f', f(*field)), ('a', &v(before)), ('b', &v(after))]),
    }
}

/// A template with `{x}` filled from `values` in one pass, so a value that itself holds
/// `{a}` is shown as it is.
fn fill(template: &str, values: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let mut chars = after.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(k), Some('}')) => values.iter().find(|(c, _)| *c == k),
            _ => None,
        };
        match key {
            Some((k, val)) => {
                out.push_str(val);
                rest = &after[k.len_utf8() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_filled_once() {
        assert_eq!(fill("{s} gains {m}", &[('s', "Core"), ('m', "{s}")]), "Core gains {s}");
        assert_eq!(fill("{x} and {", &[('s', "Core")]), "{x} and {");
    }
}
