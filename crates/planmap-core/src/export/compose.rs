//! The exported map, laid out like a printed figure: title, the map (fills, outlines, labels),
//! legend, scale bar, north arrow and attribution — from the same scene as the window.

use geo::MultiPolygon;

use super::Options;
use super::chrome::Lang;
use super::picture::{Item, Picture, Rgba};
use crate::document::Document;
use crate::model::{self, Step};
use crate::scene::fills::rgba;
use crate::scene::font::text_width;
use crate::scene::linebreak;
use crate::scene::picture::{self as map, AreaShape, Highlight, MapData, MapPicture, Style};
use crate::scene::view::{ScreenRect, View, frame_bounds};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
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

/// Break `text` into lines no wider than `width` at `size`, as Chinese typesetting breaks
/// them (`scene::linebreak`); empty text is one empty line.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let lines = linebreak::lines(text, size, width);
    if lines.is_empty() { vec![String::new()] } else { lines }
}

fn nice_length(max_km: f64) -> f64 {
    let p = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0].iter().map(|m| m * p).find(|&l| l <= max_km).unwrap_or(p)
}

/// Where each part of the figure goes: the map on the left, a column at the right for the
/// legend, the step's caption, the scale bar and the north arrow (nothing is drawn over the
/// map), title and subtitle above, source and attribution below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frames {
    /// Type scale: 1 at 1600×1200 × 1.2.
    pub k: f32,
    pub margin: f32,
    pub map: ScreenRect,
    pub column: ScreenRect,
    /// Portrait paper: the column is a band under the map, legend at its left and the caption
    /// at its right, instead of a column beside the map.
    pub below: bool,
}

pub fn frames(doc: &Document, opts: &Options) -> Frames {
    let (w, h) = (opts.width, opts.height);
    // A group's caption (十二品) lists every member: on portrait paper the map leaves it room.
    let group = opts.step.and_then(|k| doc.plan.as_ref().map(model::steps).and_then(|s| s.get(k.wrapping_sub(1)).map(|s| s.structures.len())));
    let map_share = if group.is_some_and(|n| n > 6) { 0.54 } else { 0.64 };
    let k = opts.page.map_or(w.min(h * 1.33) / 1600.0 * 1.2, |p| p.type_scale());
    let m = 16.0 * k;
    let title_h = if opts.subtitle.as_deref().is_some_and(str::is_empty) { 52.0 * k } else { 84.0 * k };
    let footer_h = 44.0 * k;
    if h > w * 1.15 {
        let map = [m, title_h, w - m, title_h + (h - title_h - footer_h) * map_share];
        return Frames { k, margin: m, map, column: [m, map[3] + m, w - m, h - footer_h], below: true };
    }
    let column_w = (w * 0.26).max(220.0 * k).min(w * 0.45);
    let map = [m, title_h, w - column_w - 2.0 * m, h - footer_h];
    Frames { k, margin: m, map, column: [map[2] + m, map[1], w - m, map[3]], below: false }
}

/// Paint the map of presentation step `step` (or of the whole layout) in `map_rect`: framed on
/// the step's members (else the plan's district, else everything), only the step's colours,
/// the rest veiled, as the window's presentation shows it. Returns the frame and the legend of
/// what was drawn.
fn step_map(doc: &Document, step: Option<&Step>, map_rect: ScreenRect, k: f32, lang: Lang, pic: &mut Picture) -> (MapFrame, Vec<super::legend::Entry>) {
    let plan = doc.plan.as_ref();
    let emphasis: Vec<usize> = step.map_or(Vec::new(), |s| s.structures.iter().flat_map(|&i| doc.members_of(i)).collect());
    let focus = plan.and_then(|p| p.focus_district()).and_then(|a| doc.boundaries.index_of(a));
    let features: Vec<usize> = if emphasis.is_empty() { focus.into_iter().collect() } else { emphasis.clone() };
    let frame = MapFrame { rect: map_rect, view: View::fit(frame_bounds(&doc.scene, &features), map_rect) };
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
    let entries = super::legend::entries(&data, lang);
    let described = map::describe(data, frame.view, map_rect, &highlight, Style { text_scale: k, tolerance_px: 0.5, triangulate_budget: None });
    paint_map(&described, pic);
    (frame, entries)
}

/// A step's map alone for a slide: the map over `width` × `height` and, in a strip below it,
/// the scale bar and north arrow (nothing drawn over the map). `step` is 1-based; None for the
/// whole layout.
pub fn compose_step_map(doc: &Document, step: Option<usize>, width: f32, height: f32, lang: Lang) -> Picture {
    let k = width.min(height * 1.33) / 1600.0 * 2.4;
    let strip = 52.0 * k;
    let mut pic = Picture::new(width, height);
    let steps = doc.plan.as_ref().map(model::steps).unwrap_or_default();
    let step = step.and_then(|s| s.checked_sub(1)).and_then(|i| steps.get(i));
    let map_rect = [0.0, 0.0, width, height - strip];
    let (frame, _) = step_map(doc, step, map_rect, k, lang, &mut pic);
    pic.rect([0.0, map_rect[3], width, height], WHITE);
    let foot = [4.0 * k, map_rect[3], width - 4.0 * k, height];
    scale_bar(&frame, foot, k, &mut pic);
    north_arrow(foot, k, lang, &mut pic);
    pic
}

pub fn compose(doc: &Document, opts: &Options) -> Picture {
    let (w, h) = (opts.width, opts.height);
    let f = frames(doc, opts);
    let (k, m, map_rect) = (f.k, f.margin, f.map);
    let lang = opts.lang;
    let mut pic = Picture::new(w, h);
    let plan = doc.plan.as_ref();
    let steps = plan.map(model::steps).unwrap_or_default();
    let step: Option<&Step> = opts.step.and_then(|s| s.checked_sub(1)).and_then(|i| steps.get(i));

    let (frame, entries) = step_map(doc, step, map_rect, k, lang, &mut pic);

    // Paper around the map hides what lies outside it.
    pic.rect([0.0, 0.0, w, map_rect[1]], WHITE);
    pic.rect([0.0, map_rect[3], w, h], WHITE);
    pic.rect([0.0, 0.0, map_rect[0], h], WHITE);
    pic.rect([map_rect[2], 0.0, w, h], WHITE);
    pic.rect_outline(map_rect, 1.0 * k, [0x99, 0x99, 0x99, 0xff]);

    // Title and subtitle (the slogan unless given).
    let title = opts.title.clone().unwrap_or_else(|| doc.title());
    let mut size = 26.0 * k;
    while text_width(&title, size) > w - 2.0 * m && size > 10.0 * k {
        size *= 0.92;
    }
    pic.text([m, m + size], &title, size, INK);
    let subtitle = opts.subtitle.clone().or_else(|| plan.and_then(|p| p.plan.slogan.clone())).unwrap_or_default();
    if !subtitle.is_empty() {
        pic.text([m, m + size + 22.0 * k], super::short_title(&subtitle), 17.0 * k, RED);
    }

    // The column: legend, the step's caption, then scale bar and north arrow at its foot (on
    // portrait paper: legend, scale bar and north arrow at the left of the band, caption at its
    // right).
    let column = f.column;
    let split = if f.below { column[0] + (column[2] - column[0]) * 0.4 } else { column[2] };
    let foot = [column[0], column[3] - 48.0 * k, if f.below { split - m } else { column[2] }, column[3]];
    let below_legend = super::legend::draw(&entries, [column[0], column[1], foot[2], foot[1]], k, lang, &mut pic);
    if let (Some(s), Some(plan)) = (step, plan) {
        let rect = if f.below { [split, column[1], column[2], column[3]] } else { [column[0], below_legend + 10.0 * k, column[2], foot[1] - 6.0 * k] };
        // The largest type at which the whole caption fits (a group of twelve needs smaller).
        let counter = lang.step_of(opts.step.unwrap_or(1), steps.len());
        let mut drawn = Picture::new(w, h);
        for f in [1.0, 0.92, 0.85, 0.78, 0.72] {
            drawn = Picture::new(w, h);
            if caption(plan, s, counter.clone(), rect, k * f, &mut drawn) {
                break;
            }
        }
        pic.items.extend(drawn.items);
    }
    scale_bar(&frame, foot, k, &mut pic);
    north_arrow(foot, k, lang, &mut pic);

    // Source (the plan by its title) and attribution.
    let source = opts.source.clone().or_else(|| plan.map(|p| lang.source(p))).unwrap_or_default();
    if !source.is_empty() {
        let line = wrap(&super::short_title(&source), 11.0 * k, w - 2.0 * m).into_iter().next().unwrap_or_default();
        pic.text([m, h - 24.0 * k], line, 11.0 * k, INK);
    }
    pic.text([m, h - 9.0 * k], lang.attribution(&doc.origin), 10.0 * k, MUTED);
    pic
}

fn scale_bar(frame: &MapFrame, r: [f32; 4], k: f32, pic: &mut Picture) {
    let max_w = f64::from((r[2] - r[0]) * 0.6).min(f64::from(frame.rect[2] - frame.rect[0]) * 0.25);
    let km = nice_length(max_w / frame.view.scale);
    let len = (km * frame.view.scale) as f32;
    let (x, y) = (r[0] + 2.0 * k, r[3] - 14.0 * k);
    pic.rect([x, y - 3.0 * k, x + len / 2.0, y + 3.0 * k], INK);
    pic.rect([x + len / 2.0, y - 3.0 * k, x + len, y + 3.0 * k], WHITE);
    pic.rect_outline([x, y - 3.0 * k, x + len, y + 3.0 * k], 1.0 * k, INK);
    let label = if km >= 1.0 { format!("{km:.0} km") } else { format!("{:.0} m", km * 1000.0) };
    pic.text([x, y - 8.0 * k], "0", 11.0 * k, INK);
    pic.text([x + len - text_width(&label, 11.0 * k) / 2.0, y - 8.0 * k], label, 11.0 * k, INK);
}

fn north_arrow(r: [f32; 4], k: f32, lang: Lang, pic: &mut Picture) {
    let (x, y) = (r[2] - 20.0 * k, r[1] + 8.0 * k);
    let s = 12.0 * k;
    pic.items.push(Item::Fill { rings: vec![vec![[x, y + 8.0 * k], [x + s * 0.7, y + 8.0 * k + s * 2.2], [x, y + 8.0 * k + s * 1.6]]], color: INK });
    pic.items.push(Item::Fill { rings: vec![vec![[x, y + 8.0 * k], [x - s * 0.7, y + 8.0 * k + s * 2.2], [x, y + 8.0 * k + s * 1.6]]], color: [0x99, 0x99, 0x99, 0xff] });
    let north = lang.north();
    pic.text([x - text_width(&north, 12.0 * k) / 2.0, y + 2.0 * k], north, 12.0 * k, INK);
}

/// The step's caption in `r` (beside the map): its name, "step k of n", then its positioning —
/// or, for a group (十二品), each member's short name and positioning, as the window's
/// presentation lists them. Returns whether it all fits; what does not is cut with "…".
fn caption(plan: &model::Plan, step: &Step, counter: String, r: [f32; 4], k: f32, pic: &mut Picture) -> bool {
    let width = r[2] - r[0];
    let mut y = r[1];
    pic.line(vec![[r[0], y], [r[2], y]], 0.8 * k, [0xbb, 0xbb, 0xbb, 0xff]);
    y += 24.0 * k;
    if let Some(&first) = step.structures.first() {
        pic.rect([r[0], y - 15.0 * k, r[0] + 16.0 * k, y + 1.0 * k], rgba(plan.structure_color(first)));
    }
    let mut size = 20.0 * k;
    while text_width(&step.title, size) > width - 24.0 * k && size > 10.0 * k {
        size *= 0.92;
    }
    pic.text([r[0] + 24.0 * k, y], &step.title, size, INK);
    y += 17.0 * k;
    pic.text([r[0], y], counter, 11.0 * k, MUTED);
    y += 8.0 * k;
    let put = |pic: &mut Picture, y: &mut f32, x: f32, text: &str, size: f32, color: Rgba| -> bool {
        // A page holds a few hundred characters: a huge positioning is cut before it is measured.
        for line in wrap(&model::shown_text(text, 600), size, r[2] - x) {
            if *y + size * 1.45 > r[3] {
                return false;
            }
            *y += size * 1.45;
            pic.text([x, *y], line, size, color);
        }
        true
    };
    if let [s] = step.structures[..] {
        let positioning = plan.structures.get(s).and_then(|st| st.positioning.clone()).unwrap_or_default();
        y += 4.0 * k;
        return put(pic, &mut y, r[0], &positioning, 13.0 * k, INK);
    }
    for &s in &step.structures {
        let Some(st) = plan.structures.get(s) else { continue };
        let name = st.name.rsplit(['：', ':']).next().unwrap_or(&st.name);
        y += 5.0 * k;
        if y + 12.5 * k * 1.45 > r[3] {
            pic.text([r[0], y + 12.0 * k], "…", 12.5 * k, MUTED);
            return false;
        }
        pic.rect([r[0], y + 7.0 * k, r[0] + 10.0 * k, y + 17.0 * k], rgba(plan.structure_color(s)));
        if !put(pic, &mut y, r[0] + 16.0 * k, name, 12.5 * k, INK) || !put(pic, &mut y, r[0] + 16.0 * k, st.positioning.as_deref().unwrap_or_default(), 11.0 * k, MUTED) {
            pic.text([r[2] - 12.0 * k, r[3]], "…", 12.5 * k, MUTED);
            return false;
        }
    }
    true
}
