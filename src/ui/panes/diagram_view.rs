//! Paints a `scene::diagram::Diagram` with egui and reports the box clicked. The layout is
//! computed outside (pure, shared with export); this only draws it and picks.

use eframe::egui::{self, Align2, Color32, CornerRadius, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Vec2};

use crate::model::Target;
use crate::scene::diagram::{Arrow, Diagram, Node, NodeStyle};
use crate::ui::tokens::{self, color};

/// How a box is emphasised: selected (the details panel shows it) or in the focused structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Focus,
    Selected,
}

fn arrowhead(painter: &egui::Painter, from: Pos2, tip: Pos2, size: f32, c: Color32) {
    let dir = (tip - from).normalized();
    let base = tip - dir * size;
    let side = Vec2::new(-dir.y, dir.x) * size * 0.45;
    painter.add(Shape::convex_polygon(vec![tip, base + side, base - side], c, Stroke::NONE));
}

/// Draw `d` at the cursor, `k` screen points per diagram unit; returns the target of a clicked box. `mark` says
/// which boxes the selection or focus covers.
pub fn show(ui: &mut egui::Ui, d: &Diagram, mark: &dyn Fn(&Node) -> Mark, k: f32) -> Option<Target> {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(d.width * k, d.height * k), Sense::hover());
    if !ui.is_rect_visible(rect) {
        return None;
    }
    // Each box is a button of its own (clickable, with a tooltip, and named for screen readers
    // and UI tests).
    let base = ui.scope_id().with("planmap-diagram");
    let responses_rects: Vec<Rect> =
        d.nodes.iter().map(|n| Rect::from_min_max(Pos2::new(n.rect[0] * k, n.rect[1] * k), Pos2::new(n.rect[2] * k, n.rect[3] * k)).translate(rect.min.to_vec2())).collect();
    let responses: Vec<egui::Response> = d
        .nodes
        .iter()
        .zip(&responses_rects)
        .enumerate()
        .map(|(i, (n, r))| {
            let response = ui.interact(*r, base.with(i), Sense::click());
            let name = n.name().to_string();
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            response
        })
        .collect();
    let painter = ui.painter_at(rect.expand(4.0));
    let o = rect.min.to_vec2();
    let p = |q: [f32; 2]| Pos2::new(q[0] * k, q[1] * k) + o;
    let r = |q: [f32; 4]| Rect::from_min_max(p([q[0], q[1]]), p([q[2], q[3]]));
    for b in &d.bands {
        painter.rect_filled(r(b.rect), CornerRadius::same(4), color(b.color));
    }
    for ring in &d.rings {
        let c = ring.color;
        painter.circle_filled(p(ring.centre), ring.radius * k, tokens::with_alpha(c, 0x24));
    }
    for ring in &d.rings {
        // A ring whose structure is selected or in focus is drawn heavier.
        let marked = d.nodes.iter().any(|n| n.structure == ring.structure && matches!(n.target, Target::Structure(_)) && mark(n) != Mark::None);
        painter.circle_stroke(p(ring.centre), ring.radius * k, Stroke::new(if marked { 5.0 } else { 2.5 }, color(ring.color)));
    }
    for e in &d.edges {
        let (a, b) = (p(e.from), p(e.to));
        let c = color(e.color);
        painter.line_segment([a, b], Stroke::new(1.4, c));
        if matches!(e.arrow, Arrow::End | Arrow::Both) {
            arrowhead(&painter, a, b, 8.0 * k, c);
        }
        if e.arrow == Arrow::Both {
            arrowhead(&painter, b, a, 8.0 * k, c);
        }
    }
    for &(c, radius, col) in &d.dots {
        painter.circle_filled(p(c), radius * k, color(col));
    }
    let hovered = responses.iter().position(egui::Response::hovered);
    for (i, n) in d.nodes.iter().enumerate() {
        let rect = r(n.rect);
        let c = color(n.color);
        let (fill, stroke) = match n.style {
            NodeStyle::Structure => (tokens::with_alpha(n.color, 0x55), Stroke::new(1.6, c)),
            NodeStyle::Member => (tokens::DIAGRAM_MEMBER, Stroke::new(1.0, c)),
        };
        painter.rect(rect, CornerRadius::same(4), fill, stroke, StrokeKind::Inside);
        match mark(n) {
            Mark::Selected => {
                painter.rect_stroke(rect.expand(2.0), CornerRadius::same(5), Stroke::new(3.0, tokens::DIAGRAM_SELECTED), StrokeKind::Outside);
            }
            Mark::Focus => {
                painter.rect_stroke(rect.expand(1.0), CornerRadius::same(5), Stroke::new(2.5, c), StrokeKind::Outside);
            }
            Mark::None => {}
        }
        if hovered == Some(i) {
            painter.rect_stroke(rect, CornerRadius::same(4), Stroke::new(1.5, tokens::DIAGRAM_FRAME), StrokeKind::Inside);
        }
        for t in &n.texts {
            painter.text(p(t.at), Align2::LEFT_TOP, &t.text, FontId::proportional(t.size * k), color(t.color));
        }
    }
    for t in &d.texts {
        painter.text(p(t.at), Align2::LEFT_TOP, &t.text, FontId::proportional(t.size * k), color(t.color));
    }
    let mut clicked = None;
    for (n, response) in d.nodes.iter().zip(responses) {
        if response.clicked() {
            clicked = Some(n.target.clone());
        }
        response.on_hover_ui(|ui| {
            ui.set_max_width(360.0);
            ui.label(&n.full_text);
        });
    }
    // A new presentation step (or selection) brings its first marked box into view once.
    // Remembered by the box's place in the diagram, not on screen (which scrolling moves).
    let marked = d.nodes.iter().zip(&responses_rects).find(|(n, _)| mark(n) != Mark::None).map(|(n, r)| (n.rect, *r));
    let key = base.with("planmap-diagram-scrolled");
    let last: Option<[f32; 4]> = ui.ctx().data(|m| m.get_temp(key));
    if let Some((at, r)) = marked
        && last != Some(at)
    {
        ui.scroll_to_rect(r, Some(egui::Align::Center));
        ui.ctx().data_mut(|m| m.insert_temp(key, at));
    }
    clicked
}
