//! What colour each county gets. A county in one structure is filled with its colour; a county
//! in several gets diagonal stripes, one colour per structure; a partial member's colour is
//! hatched thinly across the county's own fill at the other diagonal, so "only part of this
//! county" reads at a glance and never as another structure.
//! Built once per data or visibility change.

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use super::{Scene, Tris};
use crate::model::{Boundaries, Plan, Rgb};

pub type Rgba = [u8; 4];

/// Base for counties in the plan whose structures are all hidden or not areas.
pub const PLAN_BASE: Rgba = [0xf4, 0xf1, 0xe8, 0xff];
/// Counties outside the plan (context around a county-level plan).
pub const CONTEXT: Rgba = [0xe3, 0xe3, 0xe3, 0xff];
/// The district a county-level plan is about, when no structure colours it.
pub const FOCUS: Rgba = [0xfd, 0xe3, 0xa7, 0xff];

#[derive(Debug, Clone)]
pub struct Piece {
    pub feature: usize,
    pub color: Rgba,
    /// Stripe triangles; None means the feature's own (level-of-detail) triangles.
    pub tris: Option<Tris>,
    /// The stripes as polygons (km), for vector export.
    pub polygon: Option<MultiPolygon<f64>>,
}

#[derive(Debug, Clone, Default)]
pub struct Fill {
    /// In drawing order: bases first, stripes on top.
    pub pieces: Vec<Piece>,
    /// Features outlined in a structure's colour (tiers and circles are relations, not areas),
    /// with the ring's width (points at 1×), widest first.
    pub rings: Vec<(usize, Rgba, f32)>,
    /// For plain GeoJSON coloured by a property: value → colour.
    pub categories: Vec<(String, Rgba)>,
    /// Unique per build (0: empty), so stripe triangles kept on the GPU are known by it.
    pub generation: u64,
}

/// How a layout's structures mark their counties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Marks {
    /// Filled with the structure's colour; stripes where a county is in several.
    #[default]
    Fills,
    /// Only outlined in each structure's colour, widest first, over the county's own base: for
    /// counties in many structures, where stripes get busy.
    Outlines,
}

pub enum FillStyle<'a> {
    /// A layout, with the structures whose fills are shown.
    Layout { plan: &'a Plan, visible: &'a [bool], marks: Marks },
    /// Plain boundaries coloured by a property: by polygon (neighbours apart; for a name
    /// field) or by value. `neighbours`: each feature's (`palette::neighbours`), when known.
    Property { boundaries: &'a Boundaries, key: Option<&'a str>, by_polygon: bool, neighbours: Option<&'a [Vec<usize>]> },
}

pub fn rgba(c: Rgb) -> Rgba {
    [c.0[0], c.0[1], c.0[2], 0xff]
}

impl Fill {
    pub fn build(scene: &Scene, boundaries: &Boundaries, style: FillStyle) -> Fill {
        let fill = match style {
            FillStyle::Layout { plan, visible, marks } => layout_fill(scene, boundaries, plan, visible, marks),
            FillStyle::Property { boundaries, key, by_polygon, neighbours } => property_fill(boundaries, key, by_polygon, neighbours),
        };
        Fill { generation: super::next_generation(), ..fill }
    }
}

/// Width of a structure's ring (points at 1×); each further ring on one county is this much
/// wider, so all of them show.
const RING: f32 = 3.5;
const RING_STEP: f32 = 3.0;

fn layout_fill(scene: &Scene, boundaries: &Boundaries, plan: &Plan, visible: &[bool], marks: Marks) -> Fill {
    let mut fill = Fill::default();
    let extent = (scene.bounds[2] - scene.bounds[0]).max(scene.bounds[3] - scene.bounds[1]);
    let band = extent / 90.0;
    for (i, feature) in boundaries.features.iter().enumerate() {
        let member_of = plan.structures_of(&feature.adcode);
        let shown: Vec<(Rgba, bool)> = member_of
            .iter()
            .filter(|&&s| visible.get(s).copied().unwrap_or(true) && plan.structures[s].kind.is_area())
            .map(|&s| (rgba(plan.structure_color(s)), plan.structures[s].member_for(&feature.adcode).is_some_and(|m| m.partial.is_some())))
            .collect();
        let ringed: Vec<Rgba> = member_of
            .iter()
            .filter(|&&s| visible.get(s).copied().unwrap_or(true) && (marks == Marks::Outlines || !plan.structures[s].kind.is_area()))
            .map(|&s| rgba(plan.structure_color(s)))
            .collect();
        let n = ringed.len();
        fill.rings.extend(ringed.into_iter().enumerate().map(|(j, c)| (i, c, RING + RING_STEP * (n - 1 - j) as f32)));
        let shown = if marks == Marks::Outlines { Vec::new() } else { shown };
        // In the plan: named by it, or one of the region's own units (`planmap new` marks them
        // role = "unit", so a fresh layout shows its region apart from the neighbours).
        let in_plan = !member_of.is_empty() || plan.district(&feature.adcode).is_some() || feature.property("role") == Some("unit");
        let base = if plan.focus_district() == Some(feature.adcode.as_str()) {
            FOCUS
        } else if in_plan {
            PLAN_BASE
        } else {
            CONTEXT
        };
        // Whole members fill the county (one colour, or stripes of each); a partial member's
        // colour is hatched thinly across them at the other diagonal, so it reads as "part of
        // this county" and never as a structure of its own.
        let full: Vec<Rgba> = shown.iter().filter(|(_, partial)| !partial).map(|(c, _)| *c).collect();
        let partial: Vec<Rgba> = shown.iter().filter(|(_, partial)| *partial).map(|(c, _)| *c).collect();
        let solid = match full.as_slice() {
            [one] => *one,
            _ => base,
        };
        fill.pieces.push(Piece { feature: i, color: solid, tris: None, polygon: None });
        if full.len() < 2 && partial.is_empty() {
            continue;
        }
        let shape = &scene.shapes[i];
        let polygon = shape.polygon();
        let mut add = |color: Rgba, bands: MultiPolygon<f64>| {
            let piece = polygon.intersection(&bands);
            let tris = Tris::of(&piece);
            if !tris.is_empty() {
                fill.pieces.push(Piece { feature: i, color, tris: Some(tris), polygon: Some(piece) });
            }
        };
        if full.len() >= 2 {
            for (j, color) in full.iter().enumerate() {
                add(*color, stripes(shape.bbox, band, j, full.len(), 1.0, false));
            }
        }
        for (j, color) in partial.iter().enumerate() {
            add(*color, stripes(shape.bbox, band * 0.5, j, partial.len(), 0.3, true));
        }
    }
    fill
}

/// Diagonal bands covering `bbox`: every `of`-th band starting at `index`, each `width` km wide
/// of which the first `share` is filled; rising to the right, or with `other` falling.
fn stripes(bbox: [f64; 4], width: f64, index: usize, of: usize, share: f64, other: bool) -> MultiPolygon<f64> {
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let sign = if other { -1.0 } else { 1.0 };
    // Rotated frame: u along the stripes' normal, v along the stripes.
    let corners = [[bbox[0], bbox[1]], [bbox[2], bbox[1]], [bbox[0], bbox[3]], [bbox[2], bbox[3]]];
    let us = corners.map(|[x, y]| (x + sign * y) * s);
    let vs = corners.map(|[x, y]| (sign * y - x) * s);
    let (u0, u1) = (us.iter().copied().fold(f64::MAX, f64::min), us.iter().copied().fold(f64::MIN, f64::max));
    let (v0, v1) = (vs.iter().copied().fold(f64::MAX, f64::min) - 1.0, vs.iter().copied().fold(f64::MIN, f64::max) + 1.0);
    let back = |u: f64, v: f64| Coord { x: (u - v) * s, y: sign * (u + v) * s };
    let start = (u0 / width).floor() as i64;
    let count = ((u1 - u0) / width).ceil() as i64 + 2;
    let polys = (0..count)
        .filter(|b| (start + b).rem_euclid(of as i64) as usize == index)
        .map(|b| {
            let a = (start + b) as f64 * width;
            let z = a + width * share;
            Polygon::new(LineString(vec![back(a, v0), back(z, v0), back(z, v1), back(a, v1), back(a, v0)]), vec![])
        })
        .collect();
    MultiPolygon(polys)
}

/// Plain boundaries coloured by a property (the GIS view), from the qualitative palette
/// (`palette`). By polygon, every feature is a colour of its own apart from its neighbours';
/// by value, up to a dozen values get distinct colours in sorted order, and more are coloured
/// topologically as regions: one colour per value, neighbouring values apart.
fn property_fill(boundaries: &Boundaries, key: Option<&str>, by_polygon: bool, neighbours: Option<&[Vec<usize>]>) -> Fill {
    let mut fill = Fill::default();
    let Some(key) = key else {
        fill.pieces = (0..boundaries.features.len()).map(|i| Piece { feature: i, color: PLAN_BASE, tris: None, polygon: None }).collect();
        return fill;
    };
    let palette = &super::palette::QUALITATIVE;
    let mut values: Vec<&str> = boundaries.features.iter().filter_map(|f| f.property(key)).collect();
    values.sort_unstable();
    values.dedup();
    let value_of: Vec<Option<usize>> = boundaries.features.iter().map(|f| f.property(key).and_then(|v| values.binary_search(&v).ok())).collect();
    let colors: Vec<Option<Rgba>> = if by_polygon {
        let graph = neighbours.map_or_else(Vec::new, <[Vec<usize>]>::to_vec);
        let graph = if graph.len() == boundaries.features.len() { graph } else { vec![Vec::new(); boundaries.features.len()] };
        let c = super::palette::colour_graph(&graph, palette.len());
        value_of.iter().zip(c).map(|(v, c)| v.map(|_| rgba(palette[c % palette.len()]))).collect()
    } else {
        let by_value: Vec<usize> = if values.len() <= palette.len() {
            (0..values.len()).collect()
        } else {
            // Values next to each other (through any pair of their features) take different colours.
            let mut graph: Vec<Vec<usize>> = vec![Vec::new(); values.len()];
            for (a, list) in neighbours.unwrap_or_default().iter().enumerate() {
                let Some(Some(va)) = value_of.get(a) else { continue };
                for &b in list {
                    if let Some(Some(vb)) = value_of.get(b)
                        && vb != va
                    {
                        graph[*va].push(*vb);
                    }
                }
            }
            for list in &mut graph {
                list.sort_unstable();
                list.dedup();
            }
            super::palette::colour_graph(&graph, palette.len())
        };
        value_of.iter().map(|v| v.and_then(|v| by_value.get(v)).map(|&c| rgba(palette[c % palette.len()]))).collect()
    };
    fill.pieces = colors.iter().enumerate().map(|(i, c)| Piece { feature: i, color: c.unwrap_or(CONTEXT), tris: None, polygon: None }).collect();
    if values.len() <= 24 {
        // The legend: each value's colour (by polygon, its first feature's).
        fill.categories = values
            .iter()
            .enumerate()
            .filter_map(|(vi, v)| {
                let i = value_of.iter().position(|x| *x == Some(vi))?;
                Some((v.to_string(), colors.get(i).copied().flatten()?))
            })
            .collect();
    }
    fill
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    #[test]
    fn stripes_of_two_structures_split_a_square_in_half() {
        let bbox = [0.0, 0.0, 10.0, 10.0];
        let square = MultiPolygon(vec![Polygon::new(LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]), vec![])]);
        let a = square.intersection(&stripes(bbox, 0.5, 0, 2, 1.0, false)).unsigned_area();
        let b = square.intersection(&stripes(bbox, 0.5, 1, 2, 1.0, false)).unsigned_area();
        assert!((a + b - 100.0).abs() < 1e-6, "{a} + {b}");
        assert!((a - 50.0).abs() < 2.0, "{a}");
        // The other diagonal covers the same share, at a right angle.
        let c = square.intersection(&stripes(bbox, 0.5, 0, 1, 0.3, true)).unsigned_area();
        assert!((c - 30.0).abs() < 2.0, "{c}");
    }
}
