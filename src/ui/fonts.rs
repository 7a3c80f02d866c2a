//! The bundled fonts (see `crate::scene::font`): a planner's laptop may have no Chinese font egui can
//! find, and egui's own fonts lack symbols the plans use ("Ⅲ类水体").

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

/// egui's fonts first (for Latin), then the CJK font, then the symbol font, in every family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert("cjk".into(), Arc::new(FontData::from_static(crate::scene::font::CJK)));
    fonts.font_data.insert("symbols".into(), Arc::new(FontData::from_static(crate::scene::font::SYMBOLS)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.push("cjk".into());
        list.push("symbols".into());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
