//! One description of the map: what is drawn for a view of a layout — areas, outlines, labels
//! with their markers, legend entries — in screen coordinates. The window paints it with egui,
//! PNG and SVG export paint the same description, so both show the same map. No egui here.
//!
//! Areas and outlines borrow the scene's cached triangles and rings (built once per data
//! change); only labels are placed per call, with the bundled font's metrics.

use geo::MultiPolygon;

use super::fills::{self, Fill, Rgba, rgba};
use super::labels::{self, Candidate, Priority};
use super::view::{ScreenRect, View};
use super::{MeshRef, Rings, Scene};
use crate::model::{Boundaries, Plan, StructureKind};

/// The map's own colours (the same in window and export).
pub mod colors {
    use super::Rgba;
    pub const PAPER: Rgba = [0xfa, 0xfa, 0xf7, 0xff];
    pub const TEXT: Rgba = [0x22, 0x22, 0x22, 0xff];
    pub const HALO: Rgba = [0xf0, 0xf0, 0xf0, 0xf0];
    pub const BORDER: Rgba = [0x55, 0x55, 0x55, 0xff];
    pub const SELECTED: Rgba = [0x0b, 0x3d, 0x91, 0xff];
    pub const HOVER: Rgba = [0x1f, 0x6f, 0xeb, 0xff];
    /// The county selected in the other map of a comparison.
    pub const COUNTERPART: Rgba = [0xd9, 0x4a, 0x00, 0xff];
    /// Over what is not emphasised (a step's other counties).
    pub const VEIL: Rgba = [0xfa, 0xfa, 0xf7, 0xc8];
    /// Pick (edit mode): over the region's own units not in the picked structure, a warm veil
    /// that leaves them plainly clickable ground…
    pub const PICK_UNIT: Rgba = [0xfb, 0xed, 0xc4, 0xb0];
    /// …and the neighbours drawn only for context, greyer and lighter, nearly paper.
    pub const PICK_CONTEXT: Rgba = [0xee, 0xee, 0xec, 0xff];
    pub const MARKER_RIM: Rgba = [0xff, 0xff, 0xff, 0xff];
}

/// The data a map is drawn from (a document's parts; `document` builds it).
#[derive(Clone, Copy)]
pub struct MapData<'a> {
    pub plan: Option<&'a Plan>,
    pub boundaries: &'a Boundaries,
    pub scene: &'a Scene,
    pub fill: &'a Fill,
    /// Which structures the legend shows.
    pub visible: &'a [bool],
    /// Each structure's label point (km), when it has one.
    pub anchors: &'a [Option<[f32; 2]>],
}

/// What the user or the presentation singles out.
#[derive(Debug, Clone, Default)]
pub struct Highlight {
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// The county selected in the other map of a comparison (same adcode).
    pub counterpart: Option<usize>,
    /// Features in focus (a structure, a presentation step): the rest is veiled.
    pub members: Option<Vec<usize>>,
    pub member_color: Rgba,
    /// Pick in edit mode: the rest is the region's units (`PICK_UNIT`) or context
    /// (`PICK_CONTEXT`), told apart, rather than one veil.
    pub pick: bool,
    /// Where a search hit is: counties outlined (wider while `pulse` runs from 0 to 1 and
    /// back, once), and a named place or institution pinned at its county's label point.
    pub located: Vec<usize>,
    pub pulse: f32,
    pub pin: Option<(usize, String)>,
}

/// Vertices a window frame may triangulate for the first time (earcut: well under a µs each).
pub const FRAME_TRIANGULATE_BUDGET: usize = 60_000;

/// Sizes: 1 in the window (points); export scales type and strokes with the figure.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub text_scale: f32,
    /// Simplify outlines to this many screen units (under a pixel: the eye cannot tell).
    pub tolerance_px: f32,
    /// Vertices this picture may triangulate for the first time (None: all it needs, as
    /// export wants). A window frame sets a budget so a zoom never stalls; the rest follows in
    /// the next frames (`MapPicture::stand_ins`).
    pub triangulate_budget: Option<usize>,
}

impl Default for Style {
    fn default() -> Self {
        Style { text_scale: 1.0, tolerance_px: 1.0, triangulate_budget: None }
    }
}

/// A filled area: the cached triangles (window) and the same polygon (export), in km.
pub struct Area<'a> {
    pub tris: MeshRef<'a>,
    pub shape: AreaShape<'a>,
    pub color: Rgba,
    /// Which cached triangles these are.
    pub key: MeshKey,
}

/// Which cached triangles or rings a shape draws — a feature's detail level, or a piece of a
/// fill (stripes) — so a painter may keep them between frames: the window uploads each once
/// to the GPU and then only moves the view. Unique within one scene (`MapPicture::scene`);
/// the same key always means the same triangles and rings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeshKey {
    Level { feature: u32, level: u32 },
    Piece { fill: u64, piece: u32, feature: u32 },
}

impl MeshKey {
    fn level(scene: &Scene, feature: usize, level: &super::Level) -> MeshKey {
        let index = scene.shapes.get(feature).and_then(|s| s.levels.iter().position(|l| std::ptr::eq(l, level))).unwrap_or(0);
        MeshKey::Level { feature: feature as u32, level: index as u32 }
    }
}

/// An area's outline for vector export: a stripe's own polygon, or a feature's detail level.
#[derive(Clone, Copy)]
pub enum AreaShape<'a> {
    Stripe(&'a MultiPolygon<f64>),
    Level(&'a Rings),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineRole {
    /// Every county's border: many thin lines (the window may draw them as plain quads).
    Border,
    /// A tier's or circle's coloured ring.
    Ring,
    /// Members in focus, hover, selection, counterpart.
    Emphasis,
}

/// Closed rings (km) stroked at `width` screen units.
pub struct Outline<'a> {
    pub rings: Vec<&'a [[f32; 2]]>,
    pub width: f32,
    pub color: Rgba,
    pub role: OutlineRole,
    /// The detail level the rings are from.
    pub key: MeshKey,
}

/// A placed label: `rect` is where its text goes on screen (min x, min y, max x, max y).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub size: f32,
    pub rect: [f32; 4],
    pub priority: Priority,
}

/// A place the plan puts in a county without a boundary of its own: a dot beside its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub center: [f32; 2],
    pub radius: f32,
    pub color: Rgba,
    /// The label it belongs to.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LegendEntry {
    Swatch { color: Rgba, area: bool, text: String },
    Note(String),
}

pub struct MapPicture<'a> {
    /// The scene's generation: what the areas' and outlines' keys refer to.
    pub scene: u64,
    pub rect: ScreenRect,
    pub view: View,
    pub background: Rgba,
    pub areas: Vec<Area<'a>>,
    pub outlines: Vec<Outline<'a>>,
    pub labels: Vec<Label>,
    pub markers: Vec<Marker>,
    /// Vertices of the visible borders (the window switches to cheaper strokes past a limit).
    pub border_vertices: usize,
    /// Some areas are drawn from a neighbouring detail level while theirs is triangulated:
    /// draw another frame soon.
    pub stand_ins: bool,
    /// The 南海诸岛 in a box in the lower right corner, when the map reaches them.
    pub inset: Option<Inset<'a>>,
}

/// An inset: its frame and title on the main map, and the islands' own map inside.
pub struct Inset<'a> {
    pub frame: ScreenRect,
    pub title: Label,
    /// Described for the frame's inner rectangle; painters clip it to `map.rect`.
    pub map: Box<MapPicture<'a>>,
}

/// Describe the map of `data` seen through `view` in `rect`, with the 南海诸岛 inset when
/// the map reaches them.
pub fn describe<'a>(data: MapData<'a>, view: View, rect: ScreenRect, highlight: &Highlight, style: Style) -> MapPicture<'a> {
    let mut pic = describe_one(data, view, rect, highlight, style);
    if let Some(islands) = &data.scene.islands {
        let k = style.text_scale;
        let (frame, inner) = super::inset::frame(islands, rect, k);
        // The islands at full detail: few vertices, and the coarse levels of reefs a few hundred
        // metres wide, drawn this small, triangulated into slivers across the box.
        let fine = Style { tolerance_px: 0.0, triangulate_budget: None, ..style };
        let mut map = describe_one(data, super::inset::view(islands, inner), inner, &Highlight::default(), fine);
        map.labels.clear();
        map.markers.clear();
        let size = 12.0 * k;
        let w = super::font::text_width(super::inset::TITLE, size);
        let title = Label {
            text: super::inset::TITLE.to_string(),
            size,
            rect: [frame[0] + 5.0 * k, frame[1] + 3.0 * k, frame[0] + 5.0 * k + w, frame[1] + 3.0 * k + size * 1.2],
            priority: Priority::Structure,
        };
        pic.stand_ins |= map.stand_ins;
        pic.inset = Some(Inset { frame, title, map: Box::new(map) });
    }
    pic
}

fn describe_one<'a>(data: MapData<'a>, view: View, rect: ScreenRect, highlight: &Highlight, style: Style) -> MapPicture<'a> {
    let scene = data.scene;
    let k = style.text_scale;
    let tolerance = (f64::from(style.tolerance_px) / view.scale) as f32;
    let visible = scene.visible(view.world_bounds(rect));
    let mut on_screen = vec![false; scene.shapes.len()];
    for &i in &visible {
        on_screen[i] = true;
    }
    let shown = |i: usize| on_screen.get(i).copied().unwrap_or(false);
    let mut pic = MapPicture {
        scene: scene.generation,
        rect,
        view,
        background: colors::PAPER,
        areas: Vec::new(),
        outlines: Vec::new(),
        labels: Vec::new(),
        markers: Vec::new(),
        border_vertices: 0,
        stand_ins: false,
        inset: None,
    };

    let mut budget = style.triangulate_budget.unwrap_or(usize::MAX);
    for (n, piece) in data.fill.pieces.iter().enumerate().filter(|(_, p)| shown(p.feature)) {
        let Some(shape) = scene.shapes.get(piece.feature) else { continue };
        let area = match (&piece.tris, &piece.polygon) {
            (Some(tris), Some(polygon)) => Area {
                tris: tris.as_ref(),
                shape: AreaShape::Stripe(polygon),
                color: piece.color,
                key: MeshKey::Piece { fill: data.fill.generation, piece: n as u32, feature: piece.feature as u32 },
            },
            _ => {
                let (level, exact) = shape.fill_level(tolerance, &mut budget);
                pic.stand_ins |= !exact;
                Area { tris: level.tris(), shape: AreaShape::Level(level.rings()), color: piece.color, key: MeshKey::level(scene, piece.feature, level) }
            }
        };
        pic.areas.push(area);
    }
    if let Some(members) = &highlight.members {
        for &i in visible.iter().filter(|i| !members.contains(i)) {
            let (level, exact) = scene.shapes[i].fill_level(tolerance, &mut budget);
            pic.stand_ins |= !exact;
            let color = match highlight.pick {
                true if data.boundaries.features.get(i).is_some_and(crate::model::Feature::is_context) => colors::PICK_CONTEXT,
                true => colors::PICK_UNIT,
                false => colors::VEIL,
            };
            pic.areas.push(Area { tris: level.tris(), shape: AreaShape::Level(level.rings()), color, key: MeshKey::level(scene, i, level) });
        }
    }
    for &i in &visible {
        let (level, exact) = scene.shapes[i].outline_level(tolerance, &mut budget);
        pic.stand_ins |= !exact;
        pic.border_vertices += level.vertex_count();
        pic.outlines.push(Outline {
            rings: level.outlines().collect(),
            width: 0.8 * k,
            color: colors::BORDER,
            role: OutlineRole::Border,
            key: MeshKey::level(scene, i, level),
        });
    }
    let ring = |i: usize, width: f32, color: Rgba, role: OutlineRole| {
        let level = scene.shapes[i].level(tolerance);
        Outline { rings: level.outlines().collect(), width: width * k, color, role, key: MeshKey::level(scene, i, level) }
    };
    // A thin dark border vanishes against dark stripes: redraw the striped counties' borders
    // over a light halo (few counties, so a handful of extra outlines).
    let mut striped: Vec<usize> = data.fill.pieces.iter().filter(|p| p.polygon.is_some() && shown(p.feature)).map(|p| p.feature).collect();
    striped.dedup();
    for &i in &striped {
        pic.outlines.push(ring(i, 2.6, colors::HALO, OutlineRole::Emphasis));
        pic.outlines.push(ring(i, 0.9, colors::BORDER, OutlineRole::Emphasis));
    }
    // Widest first within a county, so each narrower ring shows on top of the one before.
    let mut rings: Vec<&(usize, Rgba, f32)> = data.fill.rings.iter().filter(|(i, _, _)| shown(*i)).collect();
    rings.sort_by(|a, b| b.2.total_cmp(&a.2));
    for &&(i, c, width) in &rings {
        pic.outlines.push(ring(i, width, c, OutlineRole::Ring));
    }
    if let Some(members) = &highlight.members {
        let c = highlight.member_color;
        let dark = [c[0] / 2, c[1] / 2, c[2] / 2, 0xff];
        for &i in members.iter().filter(|&&i| shown(i)) {
            pic.outlines.push(ring(i, 2.5, dark, OutlineRole::Emphasis));
        }
    }
    let located = highlight.located.iter().map(|&i| (Some(i), 3.0 + 4.0 * highlight.pulse.clamp(0.0, 1.0), colors::SELECTED));
    for (feature, width, color) in
        [(highlight.counterpart, 3.0, colors::COUNTERPART), (highlight.hovered, 2.0, colors::HOVER), (highlight.selected, 3.0, colors::SELECTED)].into_iter().chain(located)
    {
        if let Some(i) = feature.filter(|&i| shown(i)) {
            // A light halo under the line keeps it visible over any fill or stripe.
            pic.outlines.push(ring(i, width + 2.5, colors::HALO, OutlineRole::Emphasis));
            pic.outlines.push(ring(i, width, color, OutlineRole::Emphasis));
        }
    }
    place_labels(&data, &mut pic, &on_screen, highlight, k);
    pic
}

/// Labels, highest priority first where they do not overlap: structure names, county names,
/// places without a boundary (with a marker dot), and when zoomed in a county's speciality.
fn place_labels(data: &MapData, pic: &mut MapPicture, on_screen: &[bool], highlight: &Highlight, k: f32) {
    let (view, rect) = (pic.view, pic.rect);
    let selected = highlight.selected;
    let scene = data.scene;
    let zoomed_in = view.scale > View::fit(scene.bounds, rect).scale * 1.8;
    let marker_w = 10.0 * k;
    // Text, size and marker colour of each candidate.
    let mut texts: Vec<(String, f32, Option<Rgba>)> = Vec::new();
    let mut cands = Vec::new();
    let mut add = |text: String, size: f32, priority: Priority, anchor: [f32; 2], marker: Option<Rgba>| {
        // A control character from a file is written out, never drawn (or sent to an SVG).
        let text = crate::model::escape_controls(&text, false).into_owned();
        let extra = if marker.is_some() { marker_w } else { 0.0 };
        cands.push(Candidate { priority, anchor, size: [crate::scene::font::text_width(&text, size) + extra, size * 1.2] });
        texts.push((text, size, marker));
    };
    if let Some(plan) = data.plan {
        for (s, anchor) in data.anchors.iter().enumerate() {
            let shown = data.visible.get(s).copied().unwrap_or(true);
            if let (Some(a), true, Some(st)) = (anchor, shown, plan.structures.get(s)) {
                add(st.name.clone(), 16.0 * k, Priority::Structure, view.screen_from_vertex(rect, *a), None);
            }
        }
    }
    for (i, f) in data.boundaries.features.iter().enumerate() {
        let (Some(true), Some(shape)) = (on_screen.get(i).copied(), scene.shapes.get(i)) else { continue };
        let at = view.screen_from_vertex(rect, shape.label_at);
        let priority = if selected == Some(i) { Priority::Selected } else { Priority::County };
        let mut below = at[1] + 16.0 * k;
        if let Some((_, name)) = highlight.pin.as_ref().filter(|(p, _)| *p == i) {
            add(name.clone(), 12.5 * k, Priority::Selected, [at[0], below], Some(colors::SELECTED));
            below += 16.0 * k;
        }
        // A county much smaller on screen than its name gets no label (and costs no layout).
        let b = shape.bbox;
        let size_on_screen = ((b[2] - b[0]).max(b[3] - b[1]) * view.scale) as f32;
        let name_size = 13.0 * k;
        if priority == Priority::County && size_on_screen < name_size * f.name.chars().count() as f32 * 0.6 {
            continue;
        }
        add(f.name.clone(), name_size, priority, at, None);
        let Some(plan) = data.plan else { continue };
        // Places the plan puts in this county without a boundary of their own: three at most,
        // then a count (the details panel lists them all).
        let places: Vec<(usize, &str)> = plan
            .structures
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.members.iter().filter(|m| m.within.as_ref().is_some_and(|w| *w.get_ref() == f.adcode)).map(move |m| (si, m.name())))
            .collect();
        let listed = if places.len() > 3 { 2 } else { places.len() };
        for &(si, name) in places.iter().take(listed) {
            add(name.to_string(), 11.5 * k, Priority::County, [at[0], below], Some(rgba(plan.structure_color(si))));
            below += 15.0 * k;
        }
        if places.len() > listed {
            add(format!("… +{}", places.len() - listed), 11.0 * k, Priority::County, [at[0], below], None);
            below += 15.0 * k;
        }
        if zoomed_in && let Some(detail) = short_detail(plan, &f.adcode) {
            add(detail, 11.0 * k, Priority::Detail, [at[0], below], None);
        }
    }
    for (i, r) in labels::place(&cands, rect) {
        let (Some((text, size, marker)), Some(c)) = (texts.get(i), cands.get(i)) else { continue };
        let mut text_rect = r;
        if let Some(color) = marker {
            pic.markers.push(Marker { center: [r[0] + 4.0 * k, (r[1] + r[3]) / 2.0], radius: 4.0 * k, color: *color, text: text.clone() });
            text_rect[0] += marker_w;
        }
        pic.labels.push(Label { text: text.clone(), size: *size, rect: text_rect, priority: c.priority });
    }
}

/// A county's short speciality label: its product's first focus, else its first speciality,
/// cut to fit under the name.
fn short_detail(plan: &Plan, adcode: &str) -> Option<String> {
    let product = plan.structures_of(adcode).into_iter().filter_map(|i| plan.structures.get(i)).find(|s| s.kind == StructureKind::Product && s.members.len() == 1);
    let text = product.and_then(|s| s.focus.first()).or_else(|| plan.district(adcode).and_then(|d| d.specialities.first().map(|s| &s.text)))?;
    let short: String = text.chars().take(12).collect();
    Some(if text.chars().count() > 12 { format!("{short}…") } else { short })
}

/// The legend of a map: visible structures with their colours, the plan's district, context,
/// what stripes mean; or the categories of plain boundaries.
pub fn legend(data: &MapData) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    match data.plan {
        Some(plan) => {
            for (i, s) in plan.structures.iter().enumerate().filter(|(i, _)| data.visible.get(*i).copied().unwrap_or(true)) {
                out.push(LegendEntry::Swatch { color: rgba(plan.structure_color(i)), area: s.kind.is_area(), text: format!("{}〔{}〕", s.name, s.kind.label_zh()) });
            }
            if plan.focus_district().is_some() {
                out.push(LegendEntry::Swatch { color: fills::FOCUS, area: true, text: "规划区县 plan's district".into() });
            }
            if data.fill.pieces.iter().any(|p| p.color == fills::CONTEXT) {
                out.push(LegendEntry::Swatch { color: fills::CONTEXT, area: true, text: "规划范围外 context".into() });
            }
            if data.fill.pieces.iter().any(|p| p.polygon.is_some()) {
                for line in ["斜纹：同属多个结构", "细斜纹：仅部分区域属于该结构", "Stripes: in several structures;", "thin hatching: part of the county"]
                {
                    out.push(LegendEntry::Note(line.into()));
                }
            }
        }
        None => {
            for (value, c) in &data.fill.categories {
                out.push(LegendEntry::Swatch { color: *c, area: true, text: value.clone() });
            }
        }
    }
    out
}

/// The fill of a presentation step: only its own structures' colours.
pub fn step_fill(scene: &Scene, boundaries: &Boundaries, plan: &Plan, structures: &[usize]) -> Fill {
    let visible: Vec<bool> = (0..plan.structures.len()).map(|i| structures.contains(&i)).collect();
    Fill::build(scene, boundaries, fills::FillStyle::Layout { plan, visible: &visible, marks: fills::Marks::Fills })
}
