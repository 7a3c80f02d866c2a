//! The whole app in an egui_kittest harness, with planmap's fonts and style.

use eframe::egui;
use egui_kittest::Harness;
use planmap::ui::App;

/// The app at 1400×900, run until its first frames have settled.
pub fn harness(app: App) -> Harness<'static, App> {
    let mut h = harness_at(app, egui::vec2(1400.0, 900.0));
    h.run_steps(3);
    h
}

/// The app in a window of `size`, not yet run.
pub fn harness_at(app: App, size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder().with_size(size).with_context_setup(planmap::ui::style::setup).build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}
