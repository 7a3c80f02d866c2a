//! Look and feel: light theme (maps are read like paper and pasted into slides), bundled fonts.

use eframe::egui;

/// Call once per context: the app's window and every UI test do.
pub fn setup(ctx: &egui::Context) {
    crate::ui::fonts::install(ctx);
    ctx.set_theme(egui::Theme::Light);
}
