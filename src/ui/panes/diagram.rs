//! The structure diagram beside the map: the layout's relations (centre and points, tiers,
//! circles) laid out by `scene::diagram` from the file alone. A click on a box selects it (the
//! details panel reads it, the map frames it); the map's selection and focused structure are
//! marked on the boxes.

use eframe::egui::{self, RichText};

use crate::model::{Plan, Structure, Target};
use crate::scene::diagram::{self, Diagram};
use crate::ui::command::Command;
use crate::ui::panes::diagram_view::{self, Mark};
use crate::ui::panes::{Pane, PaneContext, Placement};
use crate::ui::strings::Lang;

/// The last layout drawn, kept while neither the structures nor the pane's width change.
#[derive(Default)]
pub struct DiagramPane {
    cache: Option<(Vec<Structure>, u32, Diagram)>,
}

impl DiagramPane {
    fn diagram(&mut self, plan: &Plan, width: f32) -> &Diagram {
        let w = width.round().max(200.0) as u32;
        if self.cache.as_ref().is_some_and(|(s, cw, _)| *cw != w || s.as_slice() != plan.structures.as_slice()) {
            self.cache = None;
        }
        &self.cache.get_or_insert_with(|| (plan.structures.clone(), w, diagram::layout(plan, w as f32, None))).2
    }
}

/// How the map's selection shows on a box.
fn mark(node: &diagram::Node, selected: Option<&Target>, focus: Option<usize>) -> Mark {
    if selected == Some(&node.target) {
        Mark::Selected
    } else if focus == Some(node.structure) || selected == Some(&Target::Structure(node.structure)) {
        Mark::Focus
    } else {
        Mark::None
    }
}

impl Pane for DiagramPane {
    fn id(&self) -> &'static str {
        "diagram"
    }

    fn title(&self, lang: Lang) -> String {
        lang.t().diagram_title.into()
    }

    fn placement(&self) -> Placement {
        Placement::Side
    }

    /// A plan of relations (centre and points, tiers, circles) is read with its diagram.
    fn opens_for(&self, doc: &crate::document::Document) -> bool {
        doc.plan.as_ref().is_some_and(|p| !diagram::layout(p, 420.0, None).is_empty())
    }

    fn ui(&mut self, ui: &mut egui::Ui, cx: &PaneContext) -> Vec<Command> {
        let mut cmds = Vec::new();
        let Some(plan) = cx.doc.and_then(|d| d.plan.as_ref()) else {
            ui.label(RichText::new(cx.lang.t().nothing_open).weak());
            return cmds;
        };
        let width = ui.available_width() - 16.0;
        let d = self.diagram(plan, width);
        if d.is_empty() {
            ui.label(RichText::new(cx.lang.t().diagram_none).weak());
            return cmds;
        }
        let (selected, focus) = (cx.selected, cx.focus_structure);
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            if let Some(t) = diagram_view::show(ui, d, &|n| mark(n, selected, focus), 1.0) {
                cmds.push(Command::GoTo(t));
            }
        });
        cmds
    }
}

/// In a presentation, a step whose structures are relations (tiers, circles) or have no
/// territory shows its part of the diagram at the right of the map, the step's boxes marked.
/// Returns what a click on a box asks for.
pub fn present_side(ui: &mut egui::Ui, doc: &crate::document::Document, structures: &[usize]) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(plan) = &doc.plan else { return cmds };
    let relational = |s: usize| plan.structures.get(s).is_some_and(|st| !st.kind.is_area()) || doc.members_of(s).is_empty();
    if structures.is_empty() || !structures.iter().all(|&s| relational(s)) {
        return cmds;
    }
    let width = (ui.available_width() * 0.5).clamp(360.0, 900.0);
    // Read from across a room: drawn a third larger.
    let k = 1.35;
    let d = diagram::layout(plan, (width - 24.0) / k, Some(structures));
    if d.is_empty() {
        return cmds;
    }
    egui::Panel::right(egui::Id::unique("planmap-present-diagram")).exact_size(width).show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(12.0);
            let mark = |n: &diagram::Node| if structures.contains(&n.structure) { Mark::Focus } else { Mark::None };
            if let Some(t) = diagram_view::show(ui, &d, &mark, k) {
                cmds.push(Command::Select(Some(t)));
            }
            // Room under the diagram for the step's caption.
            ui.add_space(220.0);
        });
    });
    cmds
}
