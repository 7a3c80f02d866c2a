//! Presentation mode: full screen, no chrome, a title card, then the plan's structures one step
//! at a time — members highlighted, the rest dimmed, the camera gliding to them, a caption with
//! the structure's name and positioning. Keyboard only (a presenter clicker sends PageUp/Down).

use eframe::egui::{self, Align2, Color32, Frame, Key, RichText};

use super::App;
use super::panel;
use crate::model::{self, Step, Target};

pub struct Presentation {
    pub steps: Vec<Step>,
    /// 0 is the title card; 1..=steps.len() the steps.
    pub step: usize,
    /// A county clicked during the presentation, shown as an overlay.
    pub overlay: Option<Target>,
}

impl Presentation {
    pub fn current_structures(&self) -> Vec<usize> {
        self.step.checked_sub(1).and_then(|i| self.steps.get(i)).map_or(Vec::new(), |s| s.structures.clone())
    }
}

impl App {
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        let Some(plan) = self.doc.as_ref().and_then(|d| d.plan.as_ref()) else { return };
        self.present = Some(Presentation { steps: model::steps(plan), step: 0, overlay: None });
        self.clear();
        self.fit_to = Some(Vec::new());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        self.present = None;
        self.fit_to = Some(Vec::new());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }

    /// Go to step `k` (0 = title card) and fly the camera to its members.
    pub fn go_to_step(&mut self, k: usize) {
        let (Some(p), Some(doc)) = (&mut self.present, &self.doc) else { return };
        p.step = k.min(p.steps.len());
        p.overlay = None;
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
            egui::Area::new(egui::Id::unique("planmap-caption")).anchor(Align2::CENTER_BOTTOM, [0.0, -24.0]).show(ctx, |ui| {
                card.show(ui, |ui| {
                    ui.set_max_width(1000.0);
                    ui.horizontal(|ui| {
                        let c = crate::scene::fills::rgba(plan.structure_color(step.structures[0]));
                        let (r, _) = ui.allocate_exact_size(egui::vec2(26.0, 26.0), egui::Sense::hover());
                        ui.painter().rect_filled(r, 4.0, Color32::from_rgb(c[0], c[1], c[2]));
                        ui.label(RichText::new(&step.title).size(30.0).strong());
                        ui.label(RichText::new(t.step_of.replace("{k}", &p.step.to_string()).replace("{n}", &p.steps.len().to_string())).size(16.0).weak());
                    });
                    for &s in step.structures.iter().take(12) {
                        let st = &plan.structures[s];
                        let text = st.positioning.clone().unwrap_or_default();
                        let line = if step.structures.len() > 1 { format!("{}：{text}", st.name) } else { text };
                        let size = if step.structures.len() > 1 { 15.0 } else { 20.0 };
                        ui.label(RichText::new(line).size(size));
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
