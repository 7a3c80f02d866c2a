//! The map's key: what stripes, hatching, dots and grey mean, for the marks this map really
//! draws (the same entries as an exported legend), under the window's legend and in a corner of
//! the presentation.

use eframe::egui::{self, Color32, Pos2, Rect, RichText, Stroke};

use crate::document::Document;
use crate::export::legend::{Entry, entries};
use crate::scene::fills;
use crate::ui::strings::Lang;
use crate::ui::tokens;

/// One line of the key: a drawn sample and what it means.
enum Sample {
    Stripes([Color32; 2]),
    Hatching(Color32),
    Fill(Color32),
    Dot(Color32),
}

/// The key's lines for the structures shown (`only`: a presentation step's).
fn samples(doc: &Document, only: Option<&[usize]>, lang: Lang) -> Vec<(Sample, String)> {
    let Some(plan) = &doc.plan else { return Vec::new() };
    let visible: Vec<bool> = match only {
        Some(only) => (0..plan.structures.len()).map(|i| only.contains(&i)).collect(),
        None => doc.visible.clone(),
    };
    let data = crate::scene::picture::MapData { visible: &visible, ..doc.map_data() };
    let export_lang = match lang {
        Lang::Zh => crate::export::Lang::Zh,
        Lang::En => crate::export::Lang::En,
    };
    let mut out = Vec::new();
    for entry in entries(&data, export_lang) {
        match entry {
            // Outlines only: no stripes or hatching are drawn.
            Entry::Stripes { .. } | Entry::Hatching { .. } if doc.marks == fills::Marks::Outlines => {}
            Entry::Stripes { colors, lines } => out.push((Sample::Stripes(colors.map(tokens::swatch)), lines.join(" "))),
            Entry::Hatching { color, lines } => out.push((Sample::Hatching(tokens::swatch(color)), lines.join(" "))),
            // Structures are listed above; only the plan's district and the context need a key.
            Entry::Colors { colors, text, .. } if colors == [fills::FOCUS] || colors == [fills::CONTEXT] => {
                out.push((Sample::Fill(tokens::swatch(colors[0])), text));
            }
            Entry::Colors { .. } => {}
        }
    }
    // A member without a boundary is a dot of its structure's colour at its county.
    let dot = plan
        .structures
        .iter()
        .enumerate()
        .filter(|(i, _)| visible.get(*i).copied().unwrap_or(true))
        .find_map(|(i, s)| s.members.iter().any(|m| !m.has_polygon() && m.within.as_ref().is_some_and(|w| doc.boundaries.index_of(w.get_ref()).is_some())).then_some(i));
    if let Some(s) = dot {
        out.push((Sample::Dot(tokens::swatch(fills::rgba(plan.structure_color(s)))), lang.t().key_dot.to_string()));
    }
    out
}

/// The key as a small section: nothing when the map has none of these marks.
pub fn key(ui: &mut egui::Ui, doc: &Document, lang: Lang) {
    lines_ui(ui, samples(doc, None, lang), lang);
}

fn lines_ui(ui: &mut egui::Ui, lines: Vec<(Sample, String)>, lang: Lang) {
    if lines.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new(lang.t().key).strong());
    for (sample, text) in lines {
        ui.horizontal_top(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            paint(ui.painter(), rect, &sample);
            ui.add(egui::Label::new(RichText::new(text).small()).wrap());
        });
    }
}

/// Diagonal lines across `rect`, `gap` apart, falling to the right or rising.
fn lines(painter: &egui::Painter, rect: Rect, gap: f32, width: f32, color: Color32, rising: bool, phase: f32) {
    let clipped = painter.with_clip_rect(rect);
    let h = rect.height();
    let mut x = rect.left() - h + phase;
    while x < rect.right() + h {
        let (a, b) = if rising { (Pos2::new(x, rect.bottom()), Pos2::new(x + h, rect.top())) } else { (Pos2::new(x, rect.top()), Pos2::new(x + h, rect.bottom())) };
        clipped.line_segment([a, b], Stroke::new(width, color));
        x += gap;
    }
}

fn paint(painter: &egui::Painter, rect: Rect, sample: &Sample) {
    let border = Stroke::new(0.8, crate::ui::tokens::KEY_BORDER);
    match sample {
        Sample::Stripes([a, b]) => {
            painter.rect_filled(rect, 0.0, *a);
            lines(painter, rect, 8.0, 2.8, *b, false, 4.0);
        }
        Sample::Hatching(c) => {
            painter.rect_filled(rect, 0.0, tokens::swatch(fills::PLAN_BASE));
            lines(painter, rect, 4.0, 1.0, *c, true, 0.0);
        }
        Sample::Fill(c) => {
            painter.rect_filled(rect, 0.0, *c);
        }
        Sample::Dot(c) => {
            painter.circle(rect.center(), 4.0, *c, Stroke::new(1.0, Color32::WHITE));
            return;
        }
    }
    painter.rect_stroke(rect, 0.0, border, egui::StrokeKind::Inside);
}

/// The key in the presentation's upper left corner (the captions take the bottom and right), on a card like the captions'.
pub fn present_key(ctx: &egui::Context, doc: &Document, step: &[usize], lang: Lang) {
    let lines = samples(doc, Some(step), lang);
    if lines.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("planmap-present-key")).anchor(egui::Align2::LEFT_TOP, [16.0, 16.0]).interactable(false).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.set_max_width(280.0);
            lines_ui(ui, lines, lang);
        });
    });
}
