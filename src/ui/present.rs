//! Presentation mode: full screen, no chrome, a title card, then the plan's structures one step
//! at a time — members highlighted, the rest dimmed, the camera gliding to them, a caption with
//! the structure's name and positioning. Keyboard only (a presenter clicker sends PageUp/Down).

use eframe::egui::{self, Align2, Color32, Frame, Key, RichText};

use super::App;
use super::panel;
use crate::model::{self, Step, Target};

/// Width kept free at the right for a group's caption column.
pub const PRESENT_COLUMN: f32 = 560.0;

pub struct Presentation {
    pub steps: Vec<Step>,
    /// 0 is the title card; 1..=steps.len() the steps.
    pub step: usize,
    /// A county clicked during the presentation, shown as an overlay.
    pub overlay: Option<Target>,
    /// The legend's visibility before the presentation, restored after it.
    saved_visible: Vec<bool>,
}

impl Presentation {
    pub fn current_structures(&self) -> Vec<usize> {
        self.step.checked_sub(1).and_then(|i| self.steps.get(i)).map_or(Vec::new(), |s| s.structures.clone())
    }
}

impl App {
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        let Some(doc) = &self.doc else { return };
        let Some(plan) = &doc.plan else { return };
        self.present = Some(Presentation { steps: model::steps(plan), step: 0, overlay: None, saved_visible: doc.visible.clone() });
        self.clear();
        self.fit_to = Some(Vec::new());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let (Some(p), Some(doc)) = (self.present.take(), &mut self.doc) {
            doc.visible = p.saved_visible;
            doc.refill();
        }
        self.fit_to = Some(Vec::new());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }

    /// Go to step `k` (0 = title card) and fly the camera to its members.
    pub fn go_to_step(&mut self, k: usize) {
        let (Some(p), Some(doc)) = (&mut self.present, &mut self.doc) else { return };
        p.step = k.min(p.steps.len());
        p.overlay = None;
        // A step draws only its own structures' colours; the title card, the legend's choice.
        let current = p.current_structures();
        doc.visible = if current.is_empty() { p.saved_visible.clone() } else { (0..doc.visible.len()).map(|i| current.contains(&i)).collect() };
        doc.refill();
        let members: Vec<usize> = p.current_structures().iter().flat_map(|&s| doc.members_of(s)).collect();
        let focus = doc.plan.as_ref().and_then(|pl| pl.focus_district()).and_then(|a| doc.boundaries.index_of(a));
        // A step whose members have no polygon (tiers, 主城区) shows the plan's own district.
        self.fit_to = Some(if members.is_empty() { focus.into_iter().collect() } else { members });
    }

    pub(super) fn present_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let (next, back, esc) = ctx.input(|i| {
            (
                i.key_pressed(Key::ArrowRight) || i.key_pressed(Key::PageDown) || i.key_pressed(Key::Space) || i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowLeft) || i.key_pressed(Key::PageUp) || i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Escape),
            )
        });
        let Some(p) = &self.present else { return };
        let (step, count) = (p.step, p.steps.len());
        if esc {
            if p.overlay.is_some() {
                if let Some(p) = &mut self.present {
                    p.overlay = None;
                }
            } else {
                self.stop_presentation(&ctx);
            }
            return;
        }
        if next && step < count {
            self.go_to_step(step + 1);
        } else if back && step > 0 {
            self.go_to_step(step - 1);
        }

        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui, false));
        // A click on the map selects a county: show it as an overlay instead of a side panel.
        if let Some(t) = self.selected.take()
            && let Some(p) = &mut self.present
        {
            p.overlay = Some(t);
        }
        self.captions(&ctx);
    }

    fn captions(&mut self, ctx: &egui::Context) {
        let (Some(p), Some(doc)) = (&self.present, &self.doc) else { return };
        let Some(plan) = &doc.plan else { return };
        let t = self.lang.t();
        let card = Frame::window(&ctx.global_style()).fill(Color32::from_rgba_unmultiplied(255, 255, 255, 235)).inner_margin(18.0);
        if p.step == 0 {
            egui::Area::new(egui::Id::unique("planmap-title-card")).anchor(Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
                card.show(ui, |ui| {
                    ui.set_max_width(900.0);
                    ui.vertical_centered(|ui| {
                        ui.label(RichText::new(&plan.plan.title).size(34.0).strong());
                        if let Some(s) = &plan.plan.slogan {
                            ui.label(RichText::new(s).size(30.0).color(Color32::from_rgb(0x8b, 0x1a, 0x1a)));
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
                let c = crate::scene::fills::rgba(plan.structure_color(s));
                let (r, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
                ui.painter().rect_filled(r, 3.0, Color32::from_rgb(c[0], c[1], c[2]));
            };
            // One structure: a caption under the map. A group (十二品, 多点): a column at the right.
            let (anchor, offset, width) = if step.structures.len() == 1 {
                (Align2::CENTER_BOTTOM, [0.0, -24.0], 1000.0)
            } else {
                (Align2::RIGHT_CENTER, [-20.0, 0.0], PRESENT_COLUMN - 40.0)
            };
            egui::Area::new(egui::Id::unique("planmap-caption")).anchor(anchor, offset).show(ctx, |ui| {
                card.show(ui, |ui| {
                    ui.set_max_width(width);
                    ui.horizontal(|ui| {
                        swatch(ui, step.structures[0], 26.0);
                        ui.label(RichText::new(&step.title).size(30.0).strong());
                        ui.label(RichText::new(&counter).size(16.0).weak());
                    });
                    if let [s] = step.structures[..] {
                        ui.label(RichText::new(plan.structures[s].positioning.clone().unwrap_or_default()).size(20.0));
                        return;
                    }
                    for &s in &step.structures {
                        let st = &plan.structures[s];
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
        if let Some(target) = &p.overlay
            && let Some(d) = model::describe(plan, Some(&doc.boundaries), target)
        {
            let mut open = true;
            egui::Window::new(t.details).open(&mut open).anchor(Align2::RIGHT_TOP, [-16.0, 16.0]).default_width(420.0).show(ctx, |ui| {
                egui::ScrollArea::vertical().max_height(600.0).show(ui, |ui| panel::details(ui, &d, self.lang));
            });
            if !open && let Some(p) = &mut self.present {
                p.overlay = None;
            }
        }
    }
}
