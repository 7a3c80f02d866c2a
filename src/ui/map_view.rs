//! The map: cached triangles transformed to the screen each frame, outlines, labels placed
//! without overlap, and pan / zoom / hover / click.

use eframe::egui::{self, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, epaint::Vertex};

use crate::document::Document;
use crate::scene::fills::Rgba;
use crate::scene::labels::{self, Candidate, Priority};

/// Camera: the projected point (km) at the centre of the map and the zoom in points per km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub center: [f64; 2],
    pub scale: f64,
}

impl View {
    /// The view that shows `bounds` (km) in `rect` with a small margin.
    pub fn fit(bounds: [f64; 4], rect: Rect) -> View {
        let w = (bounds[2] - bounds[0]).max(1e-3);
        let h = (bounds[3] - bounds[1]).max(1e-3);
        let scale = (f64::from(rect.width()) / w).min(f64::from(rect.height()) / h) * 0.92;
        View { center: [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0], scale: scale.max(1e-6) }
    }

    pub fn to_screen(&self, rect: Rect, p: [f32; 2]) -> Pos2 {
        let c = rect.center();
        Pos2::new(
            c.x + ((f64::from(p[0]) - self.center[0]) * self.scale) as f32,
            c.y - ((f64::from(p[1]) - self.center[1]) * self.scale) as f32,
        )
    }

    pub fn to_km(&self, rect: Rect, pos: Pos2) -> [f64; 2] {
        let c = rect.center();
        [self.center[0] + f64::from(pos.x - c.x) / self.scale, self.center[1] - f64::from(pos.y - c.y) / self.scale]
    }

    /// The projected rectangle (km) the view shows.
    pub fn bounds(&self, rect: Rect) -> [f64; 4] {
        let a = self.to_km(rect, rect.left_bottom());
        let b = self.to_km(rect, rect.right_top());
        [a[0], a[1], b[0], b[1]]
    }

    /// Zoom by `factor`, keeping the point under `at` fixed.
    pub fn zoom_at(&mut self, rect: Rect, at: Pos2, factor: f64) {
        let before = self.to_km(rect, at);
        self.scale = (self.scale * factor).clamp(1e-4, 1e5);
        let after = self.to_km(rect, at);
        self.center = [self.center[0] + before[0] - after[0], self.center[1] + before[1] - after[1]];
    }

    /// The view a fraction `t` of the way to `to`: centre linearly, zoom geometrically, eased.
    pub fn lerp(&self, to: &View, t: f64) -> View {
        let e = t * t * (3.0 - 2.0 * t);
        View {
            center: [self.center[0] + (to.center[0] - self.center[0]) * e, self.center[1] + (to.center[1] - self.center[1]) * e],
            scale: self.scale * (to.scale / self.scale).powf(e),
        }
    }

    pub fn pan(&mut self, delta: Vec2) {
        self.center[0] -= f64::from(delta.x) / self.scale;
        self.center[1] += f64::from(delta.y) / self.scale;
    }
}

/// What the map wants the app to know after a frame.
#[derive(Default)]
pub struct MapOutput {
    /// Some(None) when the user clicked empty space.
    pub clicked: Option<Option<usize>>,
    pub hovered: Option<usize>,
}

/// What to emphasise, decided by the app.
pub struct Emphasis<'a> {
    pub selected: Option<usize>,
    /// Members of the structure in focus: the rest is dimmed.
    pub members: Option<&'a [usize]>,
    pub member_color: Rgba,
}

fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// Luminance-based choice of a dark or light text colour is not needed: labels get a halo.
const TEXT: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
const HALO: Color32 = Color32::from_rgba_premultiplied(0xf0, 0xf0, 0xf0, 0xf0);
const BORDER: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);
const SELECTED: Color32 = Color32::from_rgb(0x0b, 0x3d, 0x91);
const HOVER: Color32 = Color32::from_rgb(0x1f, 0x6f, 0xeb);

fn append(mesh: &mut Mesh, tris: crate::scene::MeshRef, view: &View, rect: Rect, fill: Color32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(tris.vertices.iter().map(|&p| Vertex { pos: view.to_screen(rect, p), uv: egui::epaint::WHITE_UV, color: fill }));
    mesh.indices.extend(tris.indices.iter().map(|i| base + i));
}

/// A polyline as thin quads (no joins, no feathering): for very many outlines at once.
fn append_polyline(mesh: &mut Mesh, points: &[[f32; 2]], view: &View, rect: Rect, width: f32, color: Color32) {
    let mut prev: Option<Pos2> = None;
    for &p in points {
        let b = view.to_screen(rect, p);
        if let Some(a) = prev {
            let d = b - a;
            let len = d.length();
            if len < 0.5 {
                continue; // under a pixel: merge with the next segment
            }
            let n = Vec2::new(-d.y, d.x) * (width / 2.0 / len);
            let base = mesh.vertices.len() as u32;
            for q in [a + n, a - n, b + n, b - n] {
                mesh.vertices.push(Vertex { pos: q, uv: egui::epaint::WHITE_UV, color });
            }
            mesh.indices.extend_from_slice(&[base, base + 1, base + 2, base + 1, base + 3, base + 2]);
        }
        prev = Some(b);
    }
}

/// Handle input on the map area and paint it. `view` is updated in place.
pub fn show(ui: &mut egui::Ui, doc: &Document, view: &mut View, emphasis: &Emphasis, keys_enabled: bool) -> (MapOutput, Rect, egui::Response) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let mut out = MapOutput::default();

    // Navigation.
    if response.dragged() {
        view.pan(response.drag_delta());
    }
    let (scroll, zoom, pointer) = ui.input(|i| (i.smooth_scroll_delta().y, i.zoom_delta(), i.pointer.hover_pos()));
    if let Some(p) = pointer.filter(|p| rect.contains(*p)) {
        if scroll != 0.0 {
            view.zoom_at(rect, p, (f64::from(scroll) / 300.0).exp());
        }
        if zoom != 1.0 {
            view.zoom_at(rect, p, f64::from(zoom));
        }
    }
    if keys_enabled {
        ui.input(|i| {
            use egui::Key;
            let step = 60.0;
            if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
                view.zoom_at(rect, rect.center(), 1.25);
            }
            if i.key_pressed(Key::Minus) {
                view.zoom_at(rect, rect.center(), 0.8);
            }
            for (key, d) in [(Key::ArrowLeft, [step, 0.0]), (Key::ArrowRight, [-step, 0.0]), (Key::ArrowUp, [0.0, step]), (Key::ArrowDown, [0.0, -step])] {
                if i.key_pressed(key) {
                    view.pan(Vec2::new(d[0], d[1]));
                }
            }
        });
    }

    // Picking.
    let scene = &doc.scene;
    if let Some(p) = response.hover_pos() {
        out.hovered = scene.pick(view.to_km(rect, p));
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        out.clicked = Some(scene.pick(view.to_km(rect, p)));
    }

    // Fills: cached triangles, the coarsest level finer than about half a point.
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_rgb(0xfa, 0xfa, 0xf7));
    // Simplified to under a point: the eye cannot tell, the frame is much cheaper.
    let tolerance = (1.0 / view.scale) as f32;
    let visible = scene.visible(view.bounds(rect));
    let mut on_screen = vec![false; scene.shapes.len()];
    for &i in &visible {
        on_screen[i] = true;
    }
    let mut mesh = Mesh::default();
    for piece in doc.fill.pieces.iter().filter(|p| on_screen[p.feature]) {
        let tris = piece.tris.as_ref().map_or_else(|| scene.shapes[piece.feature].level(tolerance).tris(), crate::scene::Tris::as_ref);
        append(&mut mesh, tris, view, rect, color(piece.color));
    }
    if let Some(members) = emphasis.members {
        let veil = Color32::from_rgba_unmultiplied(0xfa, 0xfa, 0xf7, 0xc8);
        for &i in visible.iter().filter(|i| !members.contains(i)) {
            append(&mut mesh, scene.shapes[i].level(tolerance).tris(), view, rect, veil);
        }
    }
    // Outlines on top of the fills. egui's antialiased paths look best; past some tens of
    // thousands of points (a whole country) plain quads in the same mesh keep the frame short.
    let outline_points: usize = visible.iter().map(|&i| scene.shapes[i].level(tolerance).vertex_count()).sum();
    let fast_outlines = outline_points > 40_000;
    if fast_outlines {
        for &i in &visible {
            for r in scene.shapes[i].level(tolerance).outlines() {
                append_polyline(&mut mesh, r, view, rect, 0.9, BORDER);
            }
        }
    }
    painter.add(Shape::mesh(mesh));
    let ring = |i: usize, stroke: Stroke| {
        for r in scene.shapes[i].level(tolerance).outlines() {
            painter.add(Shape::closed_line(r.iter().map(|&p| view.to_screen(rect, p)).collect(), stroke));
        }
    };
    if !fast_outlines {
        for &i in &visible {
            ring(i, Stroke::new(0.8, BORDER));
        }
    }
    for &(i, c) in doc.fill.rings.iter().filter(|(i, _)| on_screen[*i]) {
        ring(i, Stroke::new(3.5, color(c)));
    }
    if let Some(members) = emphasis.members {
        let c = emphasis.member_color;
        let dark = Color32::from_rgb(c[0] / 2, c[1] / 2, c[2] / 2);
        for &i in members.iter().filter(|&&i| i < on_screen.len() && on_screen[i]) {
            ring(i, Stroke::new(2.5, dark));
        }
    }
    if let Some(h) = out.hovered {
        ring(h, Stroke::new(2.0, HOVER));
    }
    if let Some(s) = emphasis.selected.filter(|&s| s < on_screen.len()) {
        ring(s, Stroke::new(3.0, SELECTED));
    }

    paint_labels(ui, &painter, doc, view, rect, &on_screen, emphasis.selected);
    (out, rect, response)
}

fn paint_labels(ui: &egui::Ui, painter: &egui::Painter, doc: &Document, view: &View, rect: Rect, on_screen: &[bool], selected: Option<usize>) {
    let scene = &doc.scene;
    let fit_scale = View::fit(scene.bounds, rect).scale;
    let zoomed_in = view.scale > fit_scale * 1.8;
    // Each label's galley, and the colour of a marker dot drawn at its left (places without
    // a boundary of their own).
    let mut galleys: Vec<(std::sync::Arc<egui::Galley>, Option<Color32>)> = Vec::new();
    let mut cands = Vec::new();
    let mut add = |text: String, size: f32, priority: Priority, anchor: Pos2, marker: Option<Color32>| {
        let g = painter.layout_no_wrap(text, FontId::proportional(size), TEXT);
        let extra = if marker.is_some() { 10.0 } else { 0.0 };
        cands.push(Candidate { priority, anchor: [anchor.x, anchor.y], size: [g.size().x + extra, g.size().y] });
        galleys.push((g, marker));
    };
    if let Some(plan) = &doc.plan {
        for (s, anchor) in doc.structure_anchors.iter().enumerate() {
            if let Some(a) = anchor.filter(|_| doc.visible.get(s).copied().unwrap_or(true)) {
                add(plan.structures[s].name.clone(), 16.0, Priority::Structure, view.to_screen(rect, a), None);
            }
        }
    }
    for (i, f) in doc.boundaries.features.iter().enumerate() {
        if !on_screen[i] {
            continue;
        }
        let at = view.to_screen(rect, scene.shapes[i].label_at);
        let priority = if selected == Some(i) { Priority::Selected } else { Priority::County };
        // A county much smaller on screen than its name gets no label (and costs no layout).
        let b = scene.shapes[i].bbox;
        let on_screen_size = ((b[2] - b[0]).max(b[3] - b[1]) * view.scale) as f32;
        if priority == Priority::County && on_screen_size < 13.0 * f.name.chars().count() as f32 * 0.6 {
            continue;
        }
        add(f.name.clone(), 13.0, priority, at, None);
        let Some(plan) = &doc.plan else { continue };
        // Places the plan puts in this county without a boundary of their own.
        let mut below = at.y + 16.0;
        // Three at most, then a count: the panel lists them all.
        let places: Vec<(usize, &str)> = plan
            .structures
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.members.iter().filter(|m| m.within.as_ref().is_some_and(|w| *w.get_ref() == f.adcode)).map(move |m| (si, m.name())))
            .collect();
        let shown = if places.len() > 3 { 2 } else { places.len() };
        for &(si, name) in &places[..shown] {
            let c = color(crate::scene::fills::rgba(plan.structure_color(si)));
            add(name.to_string(), 11.5, Priority::County, Pos2::new(at.x, below), Some(c));
            below += 15.0;
        }
        if places.len() > shown {
            add(format!("… +{}", places.len() - shown), 11.0, Priority::County, Pos2::new(at.x, below), None);
            below += 15.0;
        }
        if zoomed_in && let Some(detail) = short_detail(plan, &f.adcode) {
            add(detail, 11.0, Priority::Detail, Pos2::new(at.x, below), None);
        }
    }
    let bounds = [rect.min.x, rect.min.y, rect.max.x, rect.max.y];
    for (i, r) in labels::place(&cands, bounds) {
        let (g, marker) = &galleys[i];
        let mut pos = Pos2::new(r[0], r[1]);
        if let Some(c) = marker {
            let centre = Pos2::new(r[0] + 4.0, (r[1] + r[3]) / 2.0);
            painter.circle(centre, 4.0, *c, Stroke::new(1.0, Color32::WHITE));
            pos.x += 10.0;
        }
        for d in [Vec2::new(-1.0, 0.0), Vec2::new(1.0, 0.0), Vec2::new(0.0, -1.0), Vec2::new(0.0, 1.0), Vec2::new(1.0, 1.0), Vec2::new(-1.0, -1.0)] {
            painter.galley_with_override_text_color(pos + d, g.clone(), HALO);
        }
        painter.galley(pos, g.clone(), TEXT);
    }
    let _ = ui;
}

/// A county's short speciality label: its product's first focus, else its first speciality,
/// cut to fit under the name.
fn short_detail(plan: &crate::model::Plan, adcode: &str) -> Option<String> {
    let product = plan.structures_of(adcode).into_iter().map(|i| &plan.structures[i]).find(|s| s.kind == crate::model::StructureKind::Product && s.members.len() == 1);
    let text = product.and_then(|s| s.focus.first()).or_else(|| plan.district(adcode).and_then(|d| d.specialities.first().map(|s| &s.text)))?;
    let short: String = text.chars().take(12).collect();
    Some(if text.chars().count() > 12 { format!("{short}…") } else { short })
}
