//! Presentation mode: full screen, no chrome, a title card, then the plan's structures one step
//! at a time — members highlighted, the rest veiled, the camera gliding to them, a caption with
//! the structure's name and positioning. Keyboard only (a presenter clicker sends PageUp/Down).
//!
//! The state is derived from the plan and rebuilt by `refresh` whenever the plan changes (an
//! edit, an undo, a reload), so no step can point past the structures it came from.

use eframe::egui::{self, Align2, Frame, RichText};

use crate::document::Document;
use crate::model::{self, Step, Target};
use crate::scene::fills::{Fill, rgba};
use crate::ui::command::Command;
use crate::ui::panel;
use crate::ui::strings::Lang;
use crate::ui::tokens;

/// Width kept free at the right for a group's caption column.
pub const PRESENT_COLUMN: f32 = 560.0;

pub struct Presentation {
    pub steps: Vec<Step>,
    /// 0 is the title card; 1..=steps.len() the steps.
    pub step: usize,
    /// A county clicked during the presentation, shown as an overlay.
    pub overlay: Option<Target>,
    /// The current step's fill and visibility (only its structures' colours); None on the
    /// title card, which shows the legend's choice.
    pub fill: Option<(Fill, Vec<bool>)>,
}

impl Presentation {
    pub fn new(doc: &Document) -> Presentation {
        let mut p = Presentation { steps: Vec::new(), step: 0, overlay: None, fill: None };
        p.refresh(doc);
        p
    }

    /// Rebuild the steps from the plan as it is now, keeping the step number where it still
    /// exists.
    pub fn refresh(&mut self, doc: &Document) {
        self.steps = doc.plan.as_ref().map(model::steps).unwrap_or_default();
        self.step = self.step.min(self.steps.len());
        self.fill = match (doc.plan.as_ref(), self.current_structures()) {
            (Some(plan), current) if !current.is_empty() => {
                let visible = (0..plan.structures.len()).map(|i| current.contains(&i)).collect();
                Some((crate::scene::picture::step_fill(&doc.scene, &doc.boundaries, plan, &current), visible))
            }
            _ => None,
        };
    }

    pub fn current_structures(&self) -> Vec<usize> {
        self.step.checked_sub(1).and_then(|i| self.steps.get(i)).map_or(Vec::new(), |s| s.structures.clone())
    }

    /// Go to step `k` (0 = title card); returns the features to fly to.
    pub fn go_to(&mut self, k: usize, doc: &Document) -> Vec<usize> {
        self.step = k.min(self.steps.len());
        self.overlay = None;
        self.refresh(doc);
        let members: Vec<usize> = self.current_structures().iter().flat_map(|&s| doc.members_of(s)).collect();
        let focus = doc.plan.as_ref().and_then(|pl| pl.focus_district()).and_then(|a| doc.boundaries.index_of(a));
        // A step whose members have no polygon (tiers, 主城区) shows the plan's own district.
        if members.is_empty() { focus.into_iter().collect() } else { members }
    }
}

/// The title card, the step's caption and a clicked county's details, over the map.
pub fn captions(ctx: &egui::Context, p: &Presentation, doc: &Document, lang: Lang) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(plan) = &doc.plan else { return cmds };
    let t = lang.t();
    let card = Frame::window(&ctx.global_style()).fill(tokens::CARD).inner_margin(18.0);
    if p.step == 0 {
        egui::Area::new(egui::Id::unique("planmap-title-card")).anchor(Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
            card.show(ui, |ui| {
                ui.set_max_width(900.0);
                ui.vertical_centered(|ui| {
                    ui.label(RichText::new(&plan.plan.title).size(34.0).strong());
                    if let Some(s) = &plan.plan.slogan {
                        ui.label(RichText::new(s).size(30.0).color(tokens::SLOGAN));
                    }
                    let period = plan.plan.period.clone().unwrap_or_default();
                    ui.label(RichText::new(format!("{}  {period}", plan.plan.region)).size(20.0));
                    ui.add_space(8.0);
                    ui.label(RichText::new(t.present_help).size(14.0).weak());
                });
            });
        });
    } else if let Some(step) = p.steps.get(p.step - 1) {
        let counter = t.step_of.replace("{k}", &p.step.to_string()).replace("{n}", &p.steps.len().to_string());
        let swatch = |ui: &mut egui::Ui, s: usize, size: f32| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
            ui.painter().rect_filled(r, 3.0, tokens::swatch(rgba(plan.structure_color(s))));
        };
        // One structure: a caption under the map. A group (十二品, 多点): a column at the right.
        let (anchor, offset, width) =
            if step.structures.len() == 1 { (Align2::CENTER_BOTTOM, [0.0, -24.0], 1000.0) } else { (Align2::RIGHT_CENTER, [-20.0, 0.0], PRESENT_COLUMN - 40.0) };
        egui::Area::new(egui::Id::unique("planmap-caption")).anchor(anchor, offset).show(ctx, |ui| {
            card.show(ui, |ui| {
                ui.set_max_width(width);
                ui.horizontal(|ui| {
                    if let Some(&first) = step.structures.first() {
                        swatch(ui, first, 26.0);
                    }
                    ui.label(RichText::new(&step.title).size(30.0).strong());
                    ui.label(RichText::new(&counter).size(16.0).weak());
                });
                if let [s] = step.structures[..] {
                    let positioning = plan.structures.get(s).and_then(|st| st.positioning.clone()).unwrap_or_default();
                    ui.label(RichText::new(positioning).size(20.0));
                    return;
                }
                for &s in &step.structures {
                    let Some(st) = plan.structures.get(s) else { continue };
                    ui.horizontal_wrapped(|ui| {
                        swatch(ui, s, 14.0);
                        let name = st.name.rsplit(['：', ':']).next().unwrap_or(&st.name);
                        ui.label(RichText::new(name).size(15.0).strong());
                        ui.label(RichText::new(st.positioning.clone().unwrap_or_default()).size(14.0));
                    });
                }
            });
        });
    }
    if p.step > 0 {
        crate::ui::map::key::present_key(ctx, doc, &p.current_structures(), lang);
    }
    if let Some(target) = &p.overlay
        && let Some(d) = model::describe(plan, Some(&doc.boundaries), target)
    {
        let mut open = true;
        egui::Window::new(t.details).open(&mut open).anchor(Align2::RIGHT_TOP, [-16.0, 16.0]).default_width(420.0).show(ctx, |ui| {
            egui::ScrollArea::vertical().max_height(600.0).show(ui, |ui| panel::details(ui, &d, lang));
        });
        if !open {
            cmds.push(Command::PresentBack);
        }
    }
    cmds
}
