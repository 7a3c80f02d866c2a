//! One sentence of the plan, its recognised names drawn as chips, the other words selectable:
//! drag over them, or click one end and Shift+click the other. Chinese has no spaces, so a
//! double-click "word" would be the whole clause; a drag picks exactly the characters wanted.
//!
//! The widget keeps no selection: the caller passes the one it keeps and gets a change back,
//! so the selection survives clicks elsewhere (an "Add as …" button) and goes with the pane.
//! Only the anchor of a click waiting for its Shift+click lives in egui's memory.

use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, Color32, CursorIcon, Galley, Pos2, Rect, Sense, Shape, Stroke, TextFormat, text::LayoutJob};

use crate::ui::tokens;

/// A recognised name: bytes of the sentence, its fill, and what hovering it says.
pub struct Chip {
    pub range: Range<usize>,
    pub fill: Color32,
    pub tip: String,
}

/// What the user did to the sentence this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    None,
    /// Clicked chip `i`.
    Chip(usize),
    /// Selected these bytes of the sentence (never empty).
    Select(Range<usize>),
    /// Clicked plain words: no selection.
    Clear,
}

/// Room either side of a chip's words, so its fill does not touch the next character.
const PAD: f32 = 3.0;

pub fn show(ui: &mut egui::Ui, id: egui::Id, sentence: &str, chips: &[Chip], selected: Option<Range<usize>>) -> Action {
    // Byte offset of each character, and of the end.
    let bytes: Vec<usize> = sentence.char_indices().map(|(b, _)| b).chain([sentence.len()]).collect();
    let char_of = |byte: usize| bytes.partition_point(|&b| b < byte);
    let byte_of = |ch: usize| bytes.get(ch).copied().unwrap_or(sentence.len());

    let mut chips_sorted: Vec<(usize, &Chip)> = chips.iter().enumerate().filter(|(_, c)| c.range.start < c.range.end && c.range.end <= sentence.len()).collect();
    chips_sorted.sort_by_key(|(_, c)| c.range.start);
    let galley = layout(ui, sentence, &chips_sorted);

    let (rect, response) = ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
    let origin = rect.min;
    let glyph_at = |pos: Pos2| glyph_under(&galley, pos - origin.to_vec2());
    let boundary_at = |pos: Pos2| galley.cursor_from_pos(pos - origin).index.0;
    let chip_at = |ch: usize| chips_sorted.iter().find(|(_, c)| (char_of(c.range.start)..char_of(c.range.end)).contains(&ch)).map(|(i, _)| *i);
    let anchor_id = id.with("anchor");

    let mut action = Action::None;
    if response.drag_started()
        && let Some(press) = ui.input(|i| i.pointer.press_origin())
    {
        ui.data_mut(|d| d.insert_temp(anchor_id, boundary_at(press)));
    }
    if response.dragged()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let anchor = ui.data(|d| d.get_temp::<usize>(anchor_id)).unwrap_or_else(|| boundary_at(pos));
        let focus = boundary_at(pos);
        let (a, b) = (anchor.min(focus), anchor.max(focus));
        action = if a < b { Action::Select(byte_of(a)..byte_of(b)) } else { Action::Clear };
    } else if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let shift = ui.input(|i| i.modifiers.shift);
        let anchor = ui.data(|d| d.get_temp::<usize>(anchor_id));
        let here = boundary_at(pos);
        match (shift, anchor, glyph_at(pos).and_then(chip_at)) {
            (true, Some(anchor), _) if anchor != here => action = Action::Select(byte_of(anchor.min(here))..byte_of(anchor.max(here))),
            (false, _, Some(i)) => action = Action::Chip(i),
            _ => {
                ui.data_mut(|d| d.insert_temp(anchor_id, here));
                action = Action::Clear;
            }
        }
    }

    let hovered_chip = response.hover_pos().and_then(glyph_at).and_then(chip_at);
    if response.hovered() {
        ui.ctx().set_cursor_icon(if hovered_chip.is_some() { CursorIcon::PointingHand } else { CursorIcon::Text });
    }

    // Chips and the selection behind the text.
    let mut shapes = Vec::new();
    for (i, chip) in &chips_sorted {
        let edge = if hovered_chip == Some(*i) { tokens::CHIP_HOVER } else { tokens::CHIP_EDGE };
        for r in char_rects(&galley, origin, char_of(chip.range.start), char_of(chip.range.end)) {
            shapes.push(Shape::rect_filled(r.expand2(egui::vec2(PAD - 0.5, 0.0)), 4.0, chip.fill));
            shapes.push(Shape::rect_stroke(r.expand2(egui::vec2(PAD - 0.5, 0.0)), 4.0, Stroke::new(1.0, edge), egui::StrokeKind::Inside));
        }
    }
    let shown = match &action {
        Action::Select(r) => Some(r.clone()),
        Action::Clear => None,
        _ => selected.clone(),
    };
    if let Some(sel) = &shown {
        let fill = ui.visuals().selection.bg_fill;
        for r in char_rects(&galley, origin, char_of(sel.start), char_of(sel.end)) {
            shapes.push(Shape::rect_filled(r, 2.0, fill));
        }
    }
    ui.painter().extend(shapes);
    ui.painter().galley(origin, Arc::clone(&galley), ui.visuals().text_color());

    // Screen readers (and tests) read the sentence as text runs with character positions.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), sentence));
    let cursor = shown.map(|s| egui::text_selection::CCursorRange::two(egui::text::CCursor::new(char_of(s.start)), egui::text::CCursor::new(char_of(s.end))));
    egui::text_selection::accesskit_text::update_accesskit_for_text_widget(
        ui.ctx(),
        response.id,
        cursor,
        egui::emath::TSTransform::from_translation(origin.to_vec2()),
        &galley,
    );
    if let Some(i) = hovered_chip
        && let Some(chip) = chips.get(i)
    {
        response.on_hover_text(&chip.tip);
    }
    action
}

/// The sentence laid out at the column's width: chips' words in the strong colour with room
/// either side, the rest in the body colour.
fn layout(ui: &egui::Ui, sentence: &str, chips: &[(usize, &Chip)]) -> Arc<Galley> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat { font_id: font.clone(), color: ui.visuals().text_color(), ..Default::default() };
    let strong = TextFormat { font_id: font, color: ui.visuals().strong_text_color(), ..Default::default() };
    let mut job = LayoutJob::default();
    let mut at = 0;
    let mut after_chip = false;
    for (_, chip) in chips {
        if chip.range.start < at {
            continue; // overlaps the previous chip
        }
        if let Some(words) = sentence.get(at..chip.range.start).filter(|w| !w.is_empty()) {
            job.append(words, if after_chip { PAD * 2.0 } else { 0.0 }, plain.clone());
        }
        job.append(sentence.get(chip.range.clone()).unwrap_or(""), PAD * 2.0, strong.clone());
        at = chip.range.end;
        after_chip = true;
    }
    job.append(sentence.get(at..).unwrap_or(""), if after_chip { PAD * 2.0 } else { 0.0 }, plain);
    job.wrap.max_width = ui.available_width();
    ui.fonts_mut(|f| f.layout_job(job))
}

/// The character under a point (galley coordinates), if any.
fn glyph_under(galley: &Galley, pos: Pos2) -> Option<usize> {
    let mut base = 0;
    for row in &galley.rows {
        let top = row.pos.y;
        if (top..top + row.size.y).contains(&pos.y) {
            let x = pos.x - row.pos.x;
            return row.glyphs.iter().position(|g| (g.pos.x..g.max_x()).contains(&x)).map(|i| base + i);
        }
        base += row.glyphs.len() + usize::from(row.ends_with_newline);
    }
    None
}

/// Screen rectangles covering characters `a..b`, one per row they run over.
fn char_rects(galley: &Galley, origin: Pos2, a: usize, b: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut base = 0;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let (s, e) = (a.max(base), b.min(base + n));
        if s < e
            && let (Some(first), Some(last)) = (row.glyphs.get(s - base), row.glyphs.get(e - 1 - base))
        {
            let at = origin + row.pos.to_vec2();
            out.push(Rect::from_min_max(at + egui::vec2(first.pos.x, 0.0), at + egui::vec2(last.max_x(), row.size.y)));
        }
        base += n + usize::from(row.ends_with_newline);
    }
    out
}
