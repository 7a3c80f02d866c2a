//! File ▸ Print layout…: paper, orientation, the language of the words around the map, title,
//! subtitle and source line, the whole layout or one step, and the format — with a preview drawn
//! by the same export the file gets. Returns `PrintDone`; the app chooses the file and writes.

use eframe::egui;

use crate::document::Document;
use crate::export::{self, Lang as Chrome, Page, Paper};
use crate::ui::command::Command;
use crate::ui::strings::Lang;

#[derive(Debug, Clone, PartialEq)]
pub struct PrintSettings {
    pub paper: Paper,
    pub landscape: bool,
    pub chrome: Chrome,
    /// Empty: the plan's own.
    pub title: String,
    pub subtitle: String,
    pub source: String,
    /// 1-based presentation step; None for the whole layout.
    pub step: Option<usize>,
    /// "pdf", "png" or "svg".
    pub format: &'static str,
    pub dpi: f32,
}

impl PrintSettings {
    /// The export's options for these settings.
    pub fn options(&self) -> export::Options {
        let page = Page { paper: self.paper, landscape: self.landscape };
        let (width, height) = page.points();
        let given = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        export::Options {
            width,
            height,
            scale: Page::scale_for_dpi(self.dpi.clamp(72.0, 600.0)),
            step: self.step,
            title: given(&self.title),
            subtitle: given(&self.subtitle),
            source: given(&self.source),
            lang: self.chrome,
            page: Some(page),
        }
    }
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            paper: Paper::A4,
            landscape: true,
            chrome: Chrome::Zh,
            title: String::new(),
            subtitle: String::new(),
            source: String::new(),
            step: None,
            format: "pdf",
            dpi: 300.0,
        }
    }
}

#[derive(Default)]
pub struct PrintDialog {
    pub settings: PrintSettings,
    preview: Option<(PrintSettings, egui::TextureHandle)>,
}

/// Preview width in pixels.
const PREVIEW_W: f32 = 560.0;

impl PrintDialog {
    pub fn new(lang: Lang) -> Self {
        let chrome = if lang == Lang::Zh { Chrome::Zh } else { Chrome::Both };
        PrintDialog { settings: PrintSettings { chrome, ..PrintSettings::default() }, preview: None }
    }

    /// The page as the export draws it, redrawn only when a setting changed.
    fn preview(&mut self, ctx: &egui::Context, doc: &Document) -> Option<egui::TextureHandle> {
        if let Some((s, tex)) = &self.preview
            && *s == self.settings
        {
            return Some(tex.clone());
        }
        let opts = self.settings.options();
        let picture = export::compose(doc, &opts);
        let pixmap = export::png::render(&picture, PREVIEW_W / opts.width).ok()?;
        let image = egui::ColorImage::from_rgba_premultiplied([pixmap.width() as usize, pixmap.height() as usize], pixmap.data());
        let tex = ctx.load_texture("planmap-print-preview", image, egui::TextureOptions::LINEAR);
        self.preview = Some((self.settings.clone(), tex.clone()));
        Some(tex)
    }

    pub fn ui(&mut self, ctx: &egui::Context, doc: Option<&Document>, lang: Lang) -> Vec<Command> {
        let w = lang.print();
        let mut out = Vec::new();
        let Some(doc) = doc else { return vec![Command::PrintDone(None)] };
        let steps = doc.plan.as_ref().map(crate::model::steps).unwrap_or_default();
        let mut open = true;
        egui::Window::new(w.title).open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    egui::Grid::new("planmap-print-grid").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
                        let s = &mut self.settings;
                        ui.label(w.paper);
                        ui.horizontal(|ui| {
                            ui.selectable_value(&mut s.paper, Paper::A4, "A4");
                            ui.selectable_value(&mut s.paper, Paper::A3, "A3");
                            ui.checkbox(&mut s.landscape, w.landscape);
                        });
                        ui.end_row();
                        ui.label(w.language);
                        ui.horizontal(|ui| {
                            ui.selectable_value(&mut s.chrome, Chrome::Zh, w.lang_zh);
                            ui.selectable_value(&mut s.chrome, Chrome::En, w.lang_en);
                            ui.selectable_value(&mut s.chrome, Chrome::Both, w.lang_both);
                        });
                        ui.end_row();
                        ui.label(w.page);
                        let shown = s.step.and_then(|k| steps.get(k - 1)).map_or(w.whole_map.to_string(), |st| step_name(w.step, s.step.unwrap_or(1), &st.title));
                        egui::ComboBox::from_id_salt("planmap-print-step").selected_text(shown).show_ui(ui, |ui| {
                            ui.selectable_value(&mut s.step, None, w.whole_map);
                            for (i, st) in steps.iter().enumerate() {
                                ui.selectable_value(&mut s.step, Some(i + 1), step_name(w.step, i + 1, &st.title));
                            }
                        });
                        ui.end_row();
                        for (label, text) in [(w.map_title, &mut s.title), (w.subtitle, &mut s.subtitle), (w.source, &mut s.source)] {
                            ui.label(label);
                            ui.add(egui::TextEdit::singleline(text).hint_text(w.defaults).desired_width(280.0));
                            ui.end_row();
                        }
                        ui.label(w.format);
                        ui.horizontal(|ui| {
                            for f in ["pdf", "png", "svg"] {
                                ui.selectable_value(&mut s.format, f, f.to_uppercase());
                            }
                        });
                        ui.end_row();
                        ui.label(w.dpi);
                        ui.add_enabled(s.format == "png", egui::Slider::new(&mut s.dpi, 72.0..=600.0).step_by(1.0));
                        ui.end_row();
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(w.export).clicked() {
                            out.push(Command::PrintDone(Some(self.settings.clone())));
                        }
                        if ui.button(w.cancel).clicked() {
                            out.push(Command::PrintDone(None));
                        }
                    });
                });
                if let Some(tex) = self.preview(ui.ctx(), doc) {
                    let size = tex.size_vec2();
                    ui.add(egui::Image::new(&tex).fit_to_exact_size(size));
                }
            });
        });
        if !open {
            out.push(Command::PrintDone(None));
        }
        out
    }
}

fn step_name(pattern: &str, k: usize, title: &str) -> String {
    pattern.replace("{k}", &k.to_string()).replace("{title}", title)
}
