//! The map widget: gestures turn into a new view (one function, apart from painting), picking
//! finds the county under the pointer, and `paint` draws a `MapPicture` — the description
//! export draws too — with egui: cached triangles transformed into one mesh, outlines, labels.

use eframe::egui::{self, Color32, FontId, Mesh, Pos2, Rect, Response, Sense, Shape, Stroke, Vec2, epaint::Vertex};

use crate::scene::picture::{MapPicture, OutlineRole, colors};
use crate::scene::{Scene, View};
use crate::ui::tokens::color;

pub fn screen_rect(r: Rect) -> [f32; 4] {
    [r.min.x, r.min.y, r.max.x, r.max.y]
}

fn pos([x, y]: [f32; 2]) -> Pos2 {
    Pos2::new(x, y)
}

/// What the pointer did on the map this frame.
pub struct MapInput {
    pub response: Response,
    /// The view after this frame's drag and zoom (None: unchanged).
    pub view: Option<View>,
    pub hovered: Option<usize>,
    /// Some(None) when the user clicked empty space.
    pub clicked: Option<Option<usize>>,
}

/// Allocate the map area and read drag, wheel, pinch, hover and click. Nothing is changed:
/// the new view is returned for the pane to apply.
pub fn interact(ui: &mut egui::Ui, rect: Rect, scene: &Scene, view: View) -> MapInput {
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let r = screen_rect(rect);
    let mut next = view;
    if response.dragged() {
        let d = response.drag_delta();
        next.pan(d.x, d.y);
    }
    let (scroll, zoom, pointer) = ui.input(|i| (i.smooth_scroll_delta().y, i.zoom_delta(), i.pointer.hover_pos()));
    if let Some(p) = pointer.filter(|p| rect.contains(*p)) {
        if scroll != 0.0 {
            next.zoom_at(r, [p.x, p.y], (f64::from(scroll) / 300.0).exp());
        }
        if zoom != 1.0 {
            next.zoom_at(r, [p.x, p.y], f64::from(zoom));
        }
    }
    let hovered = response.hover_pos().and_then(|p| scene.pick(next.world_from_screen(r, [p.x, p.y])));
    let clicked = if response.clicked() { response.interact_pointer_pos().map(|p| scene.pick(next.world_from_screen(r, [p.x, p.y]))) } else { None };
    MapInput { view: (next != view).then_some(next), hovered, clicked, response }
}

fn append(mesh: &mut Mesh, tris: crate::scene::MeshRef, pic: &MapPicture, fill: Color32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(tris.vertices.iter().map(|&p| Vertex { pos: pos(pic.view.screen_from_vertex(pic.rect, p)), uv: egui::epaint::WHITE_UV, color: fill }));
    mesh.indices.extend(tris.indices.iter().map(|i| base + i));
}

/// A polyline as thin quads (no joins, no feathering): for very many outlines at once.
fn append_polyline(mesh: &mut Mesh, points: &[[f32; 2]], pic: &MapPicture, width: f32, color: Color32) {
    let mut prev: Option<Pos2> = None;
    for &p in points {
        let b = pos(pic.view.screen_from_vertex(pic.rect, p));
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

pub use crate::ui::map::gpu::PLAIN_BORDERS_PAST;

/// The areas moved to screen space in one mesh, and with very many borders (a whole country)
/// the borders too as plain quads (then true): the CPU path.
pub fn cpu_mesh(pic: &MapPicture) -> (Mesh, bool) {
    let mut mesh = Mesh::default();
    for area in &pic.areas {
        append(&mut mesh, area.tris, pic, color(area.color));
    }
    let fast_borders = pic.border_vertices > PLAIN_BORDERS_PAST;
    if fast_borders {
        for o in pic.outlines.iter().filter(|o| o.role == OutlineRole::Border) {
            for &r in &o.rings {
                append_polyline(&mut mesh, r, pic, o.width + 0.1, color(o.color));
            }
        }
    }
    (mesh, fast_borders)
}

/// Paint the description of the map (`id`: the pane's, which keeps its meshes on the GPU).
/// With the GPU painter (`map_gl`) the areas and county borders stay in world units on the
/// GPU and only the view moves them; without it they are moved to the screen here. Rings,
/// emphasis, markers and labels (few) are egui shapes on top either way.
pub fn paint(painter: &egui::Painter, pic: &MapPicture, id: egui::Id) {
    paint_with(painter, pic, id, true);
    // The 南海诸岛 inset: its few islands on the CPU, clipped to their box.
    if let Some(inset) = &pic.inset {
        let rect = |r: [f32; 4]| Rect::from_min_max(pos([r[0], r[1]]), pos([r[2], r[3]]));
        painter.rect_filled(rect(inset.frame), 0.0, color(colors::PAPER));
        paint_with(&painter.with_clip_rect(rect(inset.map.rect).intersect(painter.clip_rect())), &inset.map, id, false);
        painter.rect_stroke(rect(inset.frame), 0.0, Stroke::new(1.0, color(colors::BORDER)), egui::StrokeKind::Inside);
        let t = &inset.title;
        painter.text(pos([t.rect[0], t.rect[1]]), egui::Align2::LEFT_TOP, &t.text, FontId::proportional(t.size), color(colors::TEXT));
    }
}

fn paint_with(painter: &egui::Painter, pic: &MapPicture, id: egui::Id, gpu: bool) {
    let rect = Rect::from_min_max(pos([pic.rect[0], pic.rect[1]]), pos([pic.rect[2], pic.rect[3]]));
    painter.rect_filled(rect, 0.0, color(pic.background));
    let borders_done = match crate::ui::map::gl::get(painter.ctx()).filter(|_| gpu) {
        Some(gpu) => {
            painter.add(gpu.callback(id, pic, painter.ctx().cumulative_pass_nr(), rect));
            true
        }
        None => {
            let (mesh, fast_borders) = cpu_mesh(pic);
            painter.add(Shape::mesh(mesh));
            fast_borders
        }
    };
    for o in pic.outlines.iter().filter(|o| !(borders_done && o.role == OutlineRole::Border)) {
        let stroke = Stroke::new(o.width, color(o.color));
        for r in &o.rings {
            painter.add(Shape::closed_line(r.iter().map(|&p| pos(pic.view.screen_from_vertex(pic.rect, p))).collect(), stroke));
        }
    }
    for m in &pic.markers {
        painter.circle(pos(m.center), m.radius, color(m.color), Stroke::new(1.0, color(colors::MARKER_RIM)));
    }
    let (text, halo) = (color(colors::TEXT), color(colors::HALO));
    for label in &pic.labels {
        let galley = painter.layout_no_wrap(label.text.clone(), FontId::proportional(label.size), text);
        let at = pos([label.rect[0], label.rect[1]]);
        for d in [Vec2::new(-1.0, 0.0), Vec2::new(1.0, 0.0), Vec2::new(0.0, -1.0), Vec2::new(0.0, 1.0), Vec2::new(1.0, 1.0), Vec2::new(-1.0, -1.0)] {
            painter.galley_with_override_text_color(at + d, galley.clone(), halo);
        }
        painter.galley(at, galley, text);
    }
}
