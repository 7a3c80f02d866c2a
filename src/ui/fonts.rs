//! The bundled CJK font (Droid Sans Fallback, Apache-2.0, subset to GB2312 and the plans'
//! characters): a planner's laptop may have no Chinese font egui can find.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};


/// egui's fonts first (for Latin), the CJK font as fallback in every family.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert("cjk".into(), Arc::new(FontData::from_static(crate::font::CJK)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("cjk".into());
    }
    ctx.set_fonts(fonts);
}
