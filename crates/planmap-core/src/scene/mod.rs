//! Geometry ready to draw: features projected, triangulated and simplified once per data
//! change, an R-tree for picking, stripe fills for layouts, and label placement. No egui here:
//! the UI transforms these cached triangles each frame and never re-tessellates.
//!
//! Memory: the scene keeps each feature's coarser levels, projected, in `f32` (see `rings` for
//! the precision); its full detail is projected again from the boundaries' lon/lat (shared,
//! not copied) the first time a view, a pick or a stripe fill needs it — all of China's first
//! view needs it for none but the smallest features. Triangles are indices into a level's own
//! points, made the first time the level is drawn.

pub mod diagram;
pub mod fills;
pub mod font;
pub mod indicators;
pub mod inset;
pub mod labels;
pub mod linebreak;
pub mod mesh;
pub mod palette;
pub mod pick;
pub mod picture;
pub mod projection;
pub mod rings;
pub mod view;

pub use fills::{Fill, FillStyle, Piece};
pub use mesh::{MeshRef, Tris};
pub use projection::Projection;
pub use rings::Rings;
pub use view::View;

use geo::{InteriorPoint, MultiPolygon};
use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};

use crate::io::progress::{Counter, Progress, Stage};
use std::sync::{Arc, OnceLock};

use crate::model::{Boundaries, Polygons};

/// One detail level of a feature: outlines simplified to `tolerance` km, and their triangles,
/// computed the first time the level is drawn (most levels of a country-wide file never are).
#[derive(Debug)]
pub struct Level {
    pub tolerance: f32,
    /// Shared, so the open cache can write a scene out while the window draws it. Those not
    /// kept are made again from `source` when first asked for.
    rings: OnceLock<Arc<Rings>>,
    /// How the rings are made: the feature's lon/lat projected, then simplified in turn to the
    /// tolerances of the levels up to this one (`step` of them), as the build made them.
    source: Option<Arc<Source>>,
    step: usize,
    vertices: usize,
    tris: OnceLock<Vec<u32>>,
}

/// What a feature's levels are made from when they are not kept (see `Level::rings`).
#[derive(Debug)]
struct Source {
    polygons: Polygons,
    projection: Projection,
    /// The coarser levels' tolerances, unrounded (km).
    chain: Vec<f64>,
}

impl Level {
    fn new(tolerance: f32, rings: Rings) -> Level {
        Level { tolerance, vertices: rings.vertex_count(), rings: OnceLock::from(Arc::new(rings)), source: None, step: 0, tris: OnceLock::new() }
    }

    /// The level's triangles: indices into its points.
    pub fn tris(&self) -> MeshRef<'_> {
        let rings = self.rings();
        MeshRef { vertices: rings.points(), indices: self.tris.get_or_init(|| rings.triangulate()) }
    }

    /// Whether the rings are made already (the full detail's are not until first used).
    pub fn has_rings(&self) -> bool {
        self.rings.get().is_some()
    }

    /// Whether the triangles are made already (drawing them costs no triangulation).
    pub fn has_tris(&self) -> bool {
        self.tris.get().is_some()
    }

    /// The rings (km, `f32`).
    pub fn rings(&self) -> &Rings {
        self.rings.get_or_init(|| {
            let Some(s) = self.source.as_deref() else { return Arc::new(Rings::default()) };
            let full = Rings::project(&s.polygons, |x, y| s.projection.forward(x, y));
            Arc::new(s.chain.iter().take(self.step).fold(full, |r, &t| r.simplified(t)))
        })
    }

    /// The outlines: every ring, closed.
    pub fn outlines(&self) -> impl Iterator<Item = &[[f32; 2]]> + '_ {
        self.rings().rings()
    }

    /// The simplified polygon (km) as a geo multipolygon, built on demand.
    pub fn shape(&self) -> MultiPolygon<f64> {
        self.rings().to_geo()
    }

    /// Known without making the rings.
    pub fn vertex_count(&self) -> usize {
        self.vertices
    }
}

/// One boundary feature, projected.
#[derive(Debug)]
pub struct Shape {
    /// Finest first: `levels[0]` is the full-resolution projected geometry (made when first
    /// used), for picking, stripe fills and the closest views.
    pub levels: Vec<Level>,
    /// min x, min y, max x, max y (km).
    pub bbox: [f64; 4],
    /// A point inside the feature for its label.
    pub label_at: [f32; 2],
    /// Bounds of each polygon, to skip far parts when picking.
    pub part_bounds: Vec<[f64; 4]>,
    /// Runs of full-resolution edges with their boxes, so a pick tests only the edges near
    /// its row; made at the first pick that reaches the feature's box.
    pick: OnceLock<pick::PickIndex>,
}

impl Shape {
    /// A place holder until the feature is projected (left empty only when cancelled).
    fn empty() -> Shape {
        Shape { levels: vec![Level::new(0.0, Rings::default())], bbox: [0.0; 4], label_at: [0.0, 0.0], part_bounds: Vec::new(), pick: OnceLock::new() }
    }

    /// The coarsest level whose tolerance is under `max_tolerance` km (the finest if none is).
    pub fn level(&self, max_tolerance: f32) -> &Level {
        self.levels.iter().rev().find(|l| l.tolerance <= max_tolerance).unwrap_or(&self.levels[0])
    }

    /// The level to fill at `max_tolerance`. Triangulating a level the first time costs (all of
    /// China at a new zoom: a few hundred ms), so only while `budget` (vertices) lasts, which
    /// spreads the work over frames; past it the nearest level already triangulated stands in.
    /// Returns the level and whether it is the one asked for.
    pub fn fill_level(&self, max_tolerance: f32, budget: &mut usize) -> (&Level, bool) {
        self.ready_level(max_tolerance, budget, Level::has_tris)
    }

    /// The level to outline at `max_tolerance`: as `fill_level`, for rings (a level not kept
    /// is made from the full detail, which costs as many vertices).
    pub fn outline_level(&self, max_tolerance: f32, budget: &mut usize) -> (&Level, bool) {
        self.ready_level(max_tolerance, budget, Level::has_rings)
    }

    fn ready_level(&self, max_tolerance: f32, budget: &mut usize, ready: fn(&Level) -> bool) -> (&Level, bool) {
        let want = self.level(max_tolerance);
        if ready(want) {
            return (want, true);
        }
        let stand_in = self.levels.iter().filter(|l| ready(l)).min_by(|a, b| (a.tolerance - want.tolerance).abs().total_cmp(&(b.tolerance - want.tolerance).abs()));
        match stand_in {
            Some(l) if *budget == 0 => (l, false),
            _ => {
                let making = if want.has_rings() { 0 } else { self.levels[0].vertex_count() };
                *budget = budget.saturating_sub(want.vertex_count() + making);
                (want, true)
            }
        }
    }

    /// Full-resolution geometry (km) as a geo multipolygon, built on demand.
    pub fn polygon(&self) -> MultiPolygon<f64> {
        self.levels[0].shape()
    }

    /// Area (km²) at full resolution.
    pub fn area(&self) -> f64 {
        self.levels[0].rings().area()
    }

    /// Whether the projected point lies in the feature (on its border counts).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let mut parts = self.part_bounds.iter().enumerate().filter(|(_, b)| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]).map(|(p, _)| p).peekable();
        if parts.peek().is_none() {
            return false;
        }
        let rings = self.levels[0].rings();
        let pick = self.pick.get_or_init(|| pick::PickIndex::new(rings));
        parts.any(|p| pick.polygon_contains(rings, p, x, y))
    }
}

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// All features of a boundary file, projected around their centre.
pub struct Scene {
    pub projection: Projection,
    pub shapes: Vec<Shape>,
    /// Bounds (km) to fit the map to: min x, min y, max x, max y. Every shape's, except the
    /// South China Sea islands when the map has other land too (they go in an inset).
    pub bounds: [f64; 4],
    /// The 南海诸岛 drawn in an inset, when the map reaches them (`inset`).
    pub islands: Option<inset::Islands>,
    index: RTree<Entry>,
    /// Unique per build: a painter that keeps this scene's triangles (on the GPU) knows them
    /// apart from another scene's.
    pub generation: u64,
}

/// A number no earlier call returned (scene and fill generations).
pub fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Scene {
    pub fn build(boundaries: &Boundaries) -> Scene {
        Scene::build_with(boundaries, &crate::io::progress::NONE)
    }

    /// `build`, reporting progress; cancelled, it stops early with an incomplete scene (the
    /// caller, seeing the flag, throws it away).
    pub fn build_with(boundaries: &Boundaries, progress: &Progress) -> Scene {
        let counter = Counter::new(progress, Stage::Building, 2 * boundaries.features.len());
        let counter = &counter;
        let lonlat = lonlat_bounds(boundaries);
        let projection = centred_on(lonlat);
        // Each feature on every core: projected, its coarser levels made from that, then the
        // full detail let go (made again when a view needs it). Levels past a twentieth of the
        // file's extent are of no use; the extent is known once all are projected, so each
        // feature's levels run to the end and are cut after.
        let features = &boundaries.features;
        // Which levels to keep is settled per feature, before the extent is known, from the
        // extent of the lon/lat box projected (so no feature's finer levels wait for the rest).
        let about = projected_extent(lonlat, &projection);
        let mut shapes: Vec<(Shape, Vec<f64>)> = features.iter().map(|_| (Shape::empty(), Vec::new())).collect();
        {
            let mut slots: Vec<(&crate::model::Feature, &mut (Shape, Vec<f64>))> = features.iter().zip(shapes.iter_mut()).collect();
            in_parallel(&mut slots, |(f, slot)| {
                if counter.add(2) {
                    let mut shape = project(&projection, &f.geometry);
                    let tolerances = add_levels(&mut shape);
                    for (step, level) in shape.levels.iter_mut().enumerate() {
                        if !kept(step, &tolerances, about) {
                            level.rings = OnceLock::new();
                        }
                    }
                    **slot = (shape, tolerances);
                }
            });
        }
        let bounds = bounds_of_shapes(shapes.iter().map(|(s, _)| s));
        let extent = (bounds[2] - bounds[0]).max(bounds[3] - bounds[1]).max(1e-6);
        let shapes = shapes
            .into_iter()
            .zip(features)
            .map(|((mut shape, mut chain), f)| {
                chain.truncate(tolerances_below(&chain, extent / 20.0));
                shape.levels.truncate(1 + chain.len());
                let source = Arc::new(Source { polygons: f.geometry.clone(), projection, chain });
                for (step, level) in shape.levels.iter_mut().enumerate() {
                    level.source = Some(source.clone());
                    level.step = step;
                }
                shape
            })
            .collect();
        Scene::assemble(boundaries, projection, shapes)
    }

    /// The scene of shapes made already: their bounds, the R-tree and the inset.
    fn assemble(boundaries: &Boundaries, projection: Projection, shapes: Vec<Shape>) -> Scene {
        let mut bounds = bounds_of_shapes(&shapes);
        let entries = shapes.iter().enumerate().map(|(i, s)| GeomWithData::new(Rectangle::from_corners([s.bbox[0], s.bbox[1]], [s.bbox[2], s.bbox[3]]), i)).collect();
        let sansha = |i: usize| boundaries.features.get(i).is_some_and(|f| inset::is_sansha(&f.adcode));
        let islands = inset::split(&projection, &shapes, sansha).map(|(land, islands)| {
            bounds = land;
            islands
        });
        Scene { projection, shapes, bounds, islands, index: RTree::bulk_load(entries), generation: next_generation() }
    }

    /// What took time to make (every shape's levels, bounds and label point), shared with the
    /// scene rather than copied: for the open cache to write out.
    pub fn parts(&self) -> SceneParts {
        let shapes = self
            .shapes
            .iter()
            .map(|s| ShapeParts {
                chain: s.levels.first().and_then(|l| l.source.as_ref()).map_or_else(Vec::new, |src| src.chain.clone()),
                vertices: s.levels.iter().skip(1).map(|l| l.vertices).collect(),
                kept: s.levels.iter().skip(1).map(|l| l.rings.get().cloned()).collect(),
                bbox: s.bbox,
                label_at: s.label_at,
                part_bounds: s.part_bounds.clone(),
            })
            .collect();
        SceneParts { shapes }
    }

    /// The scene again from its parts and the boundaries they were made from (the full detail
    /// comes from the boundaries when first used; the R-tree is made anew: it is quick). None
    /// when the parts do not fit the boundaries (a feature each, each polygon's bounds, coarser
    /// levels coarser in turn).
    pub fn from_parts(boundaries: &Boundaries, parts: SceneParts) -> Option<Scene> {
        if parts.shapes.len() != boundaries.features.len() {
            return None;
        }
        let projection = projection_for(boundaries);
        let mut shapes = Vec::with_capacity(parts.shapes.len());
        for (p, f) in parts.shapes.into_iter().zip(&boundaries.features) {
            let coarser = p.chain.windows(2).all(|w| w[0] < w[1]) && p.chain.first().is_none_or(|&t| t > 0.0);
            if !coarser || p.vertices.len() != p.chain.len() || p.kept.len() != p.chain.len() || p.part_bounds.len() != f.geometry.polygon_count() {
                return None;
            }
            let mut vertices = vec![f.geometry.point_count()];
            vertices.extend(p.vertices);
            let mut kept = vec![None];
            kept.extend(p.kept);
            let source = Arc::new(Source { polygons: f.geometry.clone(), projection, chain: p.chain });
            let levels = vertices
                .into_iter()
                .zip(kept)
                .enumerate()
                .map(|(step, (vertices, rings))| Level {
                    tolerance: if step == 0 { 0.0 } else { source.chain[step - 1] as f32 },
                    rings: rings.map_or_else(OnceLock::new, OnceLock::from),
                    source: Some(source.clone()),
                    step,
                    vertices,
                    tris: OnceLock::new(),
                })
                .collect();
            shapes.push(Shape { levels, bbox: p.bbox, label_at: p.label_at, part_bounds: p.part_bounds, pick: OnceLock::new() });
        }
        Some(Scene::assemble(boundaries, projection, shapes))
    }

    /// The feature under a projected point. On a border shared by two features the one that
    /// comes first in the file wins, so picking is deterministic.
    pub fn pick(&self, at: [f64; 2]) -> Option<usize> {
        let [x, y] = at;
        // Candidates in file order: the first that holds the point is the answer.
        let mut candidates = [0usize; 16];
        let mut n = 0;
        for e in self.index.locate_all_at_point(&at) {
            if n == candidates.len() {
                // Many boxes over one point (a synthetic file): all of them, the slow way.
                return self.index.locate_all_at_point(&at).map(|e| e.data).filter(|&i| self.shapes.get(i).is_some_and(|s| s.contains(x, y))).min();
            }
            candidates[n] = e.data;
            n += 1;
        }
        let candidates = &mut candidates[..n];
        candidates.sort_unstable();
        candidates.iter().copied().find(|&i| self.shapes.get(i).is_some_and(|s| s.contains(x, y)))
    }

    /// Indices of features whose bounds meet the given projected rectangle.
    pub fn visible(&self, rect: [f64; 4]) -> Vec<usize> {
        let mut v: Vec<usize> = self.index.locate_in_envelope_intersecting(&AABB::from_corners([rect[0], rect[1]], [rect[2], rect[3]])).map(|e| e.data).collect();
        v.sort_unstable();
        v
    }

    /// Bounds (km) of the given features, or of everything when none is given.
    pub fn bounds_of(&self, features: &[usize]) -> [f64; 4] {
        if features.is_empty() {
            return self.bounds;
        }
        features
            .iter()
            .filter_map(|&i| self.shapes.get(i))
            .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, s| [b[0].min(s.bbox[0]), b[1].min(s.bbox[1]), b[2].max(s.bbox[2]), b[3].max(s.bbox[3])])
    }
}

/// A scene's costly parts, for the open cache (see `Scene::parts`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SceneParts {
    shapes: Vec<ShapeParts>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ShapeParts {
    /// The coarser levels: tolerances (unrounded), point counts, and the rings of those kept.
    chain: Vec<f64>,
    vertices: Vec<usize>,
    kept: Vec<Option<Arc<Rings>>>,
    bbox: [f64; 4],
    label_at: [f32; 2],
    part_bounds: Vec<[f64; 4]>,
}

/// The projection of a boundary file: centred on its lon/lat bounds.
fn projection_for(boundaries: &Boundaries) -> Projection {
    centred_on(lonlat_bounds(boundaries))
}

fn centred_on(lonlat: Option<[f64; 4]>) -> Projection {
    let b = lonlat.unwrap_or([0.0; 4]);
    Projection::new((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

/// The lon/lat box of every feature, or None without a point.
fn lonlat_bounds(boundaries: &Boundaries) -> Option<[f64; 4]> {
    let b = boundaries
        .features
        .iter()
        .filter_map(|f| f.geometry.bounds())
        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |a, r| [a[0].min(r[0]), a[1].min(r[1]), a[2].max(r[2]), a[3].max(r[3])]);
    (b[0] <= b[2]).then_some(b)
}

/// Bounds (km) of every shape (a unit square when there is none).
fn bounds_of_shapes<'a>(shapes: impl IntoIterator<Item = &'a Shape>) -> [f64; 4] {
    let b = shapes.into_iter().fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, s| [b[0].min(s.bbox[0]), b[1].min(s.bbox[1]), b[2].max(s.bbox[2]), b[3].max(s.bbox[3])]);
    if b[0] > b[2] { [0.0, 0.0, 1.0, 1.0] } else { b }
}

/// Run `work` on every item, on every core. Items are handed out a few at a time, so a core
/// that drew the big counties does not leave the other idle (a half each was uneven).
pub(crate) fn in_parallel<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let threads = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get).clamp(1, 8);
    let queue = std::sync::Mutex::new(items.chunks_mut(4));
    let (queue, work) = (&queue, &work);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(move || {
                while let Some(chunk) = queue.lock().ok().and_then(|mut q| q.next()) {
                    chunk.iter_mut().for_each(work);
                }
            });
        }
    });
}

/// The larger side (km) of the projected lon/lat box of all features: a 9 × 9 grid over it
/// projected (the box's sides curve under the projection).
fn projected_extent(lonlat: Option<[f64; 4]>, projection: &Projection) -> f64 {
    let Some(b) = lonlat else { return 1.0 };
    let mut e = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for i in 0..9 {
        for j in 0..9 {
            let [x, y] = projection.forward(b[0] + (b[2] - b[0]) * f64::from(i) / 8.0, b[1] + (b[3] - b[1]) * f64::from(j) / 8.0);
            e = [e[0].min(x), e[1].min(y), e[2].max(x), e[3].max(y)];
        }
    }
    (e[2] - e[0]).max(e[3] - e[1]).max(1e-6)
}

/// How many of `chain` (rising) are under `limit`.
fn tolerances_below(chain: &[f64], limit: f64) -> usize {
    chain.iter().take_while(|&&t| t < limit).count()
}

/// Whether level `step` (0: full detail) keeps its rings after the build. The full detail and
/// levels finer than an 8000th of the file's extent are made again when used: views that fine
/// show a fraction of a country-wide file (at the whole view, a pixel of a 1600-pixel-wide
/// map is a 1600th; a 300-dpi A4 page's half pixel a 7000th).
fn kept(step: usize, chain: &[f64], extent: f64) -> bool {
    step > 0 && chain.get(step - 1).is_some_and(|&t| t >= extent / 8000.0)
}

/// A feature projected to km, with its full-resolution level only (made now).
fn project(projection: &Projection, geometry: &Polygons) -> Shape {
    let rings = Rings::project(geometry, |x, y| projection.forward(x, y));
    let part_bounds = (0..rings.polygon_count()).map(|p| rings.polygon_bounds(p)).collect();
    Shape { bbox: rings.bounds(), levels: vec![Level::new(0.0, rings)], label_at: [0.0, 0.0], part_bounds, pick: OnceLock::new() }
}

/// Detail levels: each three times coarser than the last, from a tolerance well under a pixel
/// when the feature fills the view, while it still saves vertices; each simplifies the one
/// before. They end when the feature is 16 points or gone (a tolerance over its size leaves no
/// ring). Returns each added level's tolerance, unrounded, for the caller's cut.
fn add_levels(shape: &mut Shape) -> Vec<f64> {
    let size = (shape.bbox[2] - shape.bbox[0]).max(shape.bbox[3] - shape.bbox[1]).max(1e-9);
    let mut tolerances = Vec::new();
    let mut tolerance = size / 2000.0;
    // 40 steps of ×3 pass any size from a tolerance of a 2000th of it: a bound, never reached.
    for _ in 0..40 {
        let Some(last) = shape.levels.last().filter(|l| l.vertex_count() > 16 && tolerance.is_finite()) else { break };
        let simple = last.rings().simplified(tolerance);
        if simple.polygon_count() == 0 {
            break;
        }
        if simple.vertex_count() * 10 < last.vertex_count() * 7 {
            shape.levels.push(Level::new(tolerance as f32, simple));
            tolerances.push(tolerance);
        }
        tolerance *= 3.0;
    }
    // The label point from a level simplified to about 1/200 of the feature: the same point
    // to the eye, a fraction of the work on detailed borders.
    let coarse = shape.levels.iter().rev().find(|l| f64::from(l.tolerance) <= size / 200.0).unwrap_or(&shape.levels[0]);
    shape.label_at = label_point(coarse.rings());
    tolerances
}

/// A label point well inside the largest part (geo's interior point: on the polygon, away
/// from the border where it can).
fn label_point(rings: &Rings) -> [f32; 2] {
    use geo::Area;
    let largest = (0..rings.polygon_count()).map(|p| rings.to_geo_polygon(p)).max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
    largest.and_then(|p| p.interior_point()).map_or([0.0, 0.0], |p| [p.x() as f32, p.y() as f32])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baoji() -> Boundaries {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/boundaries/baoji.geojson"));
        crate::io::load_boundaries(path).0.expect("the bundled baoji.geojson")
    }

    /// Parts from the open cache are used only when they fit the boundaries: levels coarser in
    /// turn, a count and a kept-or-not for each, each polygon's bounds. A forged or stale
    /// entry is refused (the caller builds the scene anew), never drawn wrong or a panic.
    #[test]
    fn parts_that_do_not_fit_are_refused() {
        let b = baoji();
        let scene = Scene::build(&b);
        let again = Scene::from_parts(&b, scene.parts()).expect("a scene's own parts fit");
        for (s, t) in scene.shapes.iter().zip(&again.shapes) {
            assert_eq!(
                s.levels.iter().map(|l| (l.tolerance, l.vertex_count())).collect::<Vec<_>>(),
                t.levels.iter().map(|l| (l.tolerance, l.vertex_count())).collect::<Vec<_>>()
            );
            assert_eq!(s.levels.last().map(|l| l.rings().clone()), t.levels.last().map(|l| l.rings().clone()));
        }
        let spoil: [fn(&mut ShapeParts); 5] = [
            |p| p.chain.reverse(),
            |p| p.chain[0] = 0.0,
            |p| {
                p.vertices.pop();
            },
            |p| p.kept.push(None),
            |p| p.part_bounds.push([0.0; 4]),
        ];
        for (k, spoil) in spoil.iter().enumerate() {
            let mut parts = scene.parts();
            let shape = parts.shapes.iter_mut().find(|p| p.chain.len() >= 2).expect("a county with two coarser levels");
            spoil(shape);
            assert!(Scene::from_parts(&b, parts).is_none(), "spoilt part {k} refused");
        }
        let mut short = scene.parts();
        short.shapes.pop();
        assert!(Scene::from_parts(&b, short).is_none(), "a feature short");
    }
}
