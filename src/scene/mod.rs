//! Geometry ready to draw: features projected, triangulated and simplified once per data
//! change, an R-tree for picking, stripe fills for layouts, and label placement. No egui here:
//! the UI transforms these cached triangles each frame and never re-tessellates.

pub mod diagram;
pub mod fills;
pub mod indicators;
pub mod labels;
pub mod mesh;
pub mod picture;
pub mod projection;
pub mod view;

pub use fills::{Fill, FillStyle, Piece};
pub use mesh::Tris;
pub use projection::Projection;
pub use view::View;

use geo::{BoundingRect, Coord, InteriorPoint, LineString, MultiPolygon, Polygon, Simplify};
use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};

use crate::model::Boundaries;

/// One detail level of a feature: outlines simplified to `tolerance` km, and their triangles,
/// computed the first time the level is drawn (most levels of a country-wide file never are).
#[derive(Debug)]
pub struct Level {
    pub tolerance: f32,
    shape: MultiPolygon<f64>,
    tris: std::sync::OnceLock<Tris>,
    pub outlines: Vec<Vec<[f32; 2]>>,
}

impl Level {
    fn new(tolerance: f32, shape: MultiPolygon<f64>) -> Level {
        Level { tolerance, outlines: outlines(&shape), shape, tris: std::sync::OnceLock::new() }
    }

    pub fn tris(&self) -> &Tris {
        self.tris.get_or_init(|| Tris::of(&self.shape))
    }

    /// The simplified polygon (km).
    pub fn shape(&self) -> &MultiPolygon<f64> {
        &self.shape
    }

    pub fn vertex_count(&self) -> usize {
        self.outlines.iter().map(Vec::len).sum()
    }
}

/// One boundary feature, projected.
#[derive(Debug)]
pub struct Shape {
    /// Full-resolution projected geometry (km), for picking and stripe fills.
    pub polygon: MultiPolygon<f64>,
    /// Finest first.
    pub levels: Vec<Level>,
    /// min x, min y, max x, max y (km).
    pub bbox: [f64; 4],
    /// A point inside the feature for its label.
    pub label_at: [f32; 2],
    /// Bounds of each polygon of `polygon`, to skip far parts when picking.
    pub part_bounds: Vec<[f64; 4]>,
}

impl Shape {
    /// The coarsest level whose tolerance is under `max_tolerance` km (the finest if none is).
    pub fn level(&self, max_tolerance: f32) -> &Level {
        self.levels.iter().rev().find(|l| l.tolerance <= max_tolerance).unwrap_or(&self.levels[0])
    }
}

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// All features of a boundary file, projected around their centre.
pub struct Scene {
    pub projection: Projection,
    pub shapes: Vec<Shape>,
    /// Bounds of every shape (km): min x, min y, max x, max y.
    pub bounds: [f64; 4],
    index: RTree<Entry>,
}

fn project_ring(p: &Projection, ring: &LineString<f64>) -> LineString<f64> {
    ring.0.iter().map(|c| p.forward(c.x, c.y)).map(|[x, y]| Coord { x, y }).collect()
}

fn ring_points(ring: &LineString<f64>) -> Vec<[f32; 2]> {
    ring.0.iter().map(|c| [c.x as f32, c.y as f32]).collect()
}

fn outlines(shape: &MultiPolygon<f64>) -> Vec<Vec<[f32; 2]>> {
    shape.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).map(ring_points).collect()
}

/// Simplify ring by ring, dropping rings that collapse below a triangle.
fn simplified(shape: &MultiPolygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    let keep = |r: LineString<f64>| (r.0.len() >= 4).then_some(r);
    MultiPolygon(
        shape
            .0
            .iter()
            .filter_map(|p| {
                let exterior = keep(p.exterior().simplify(tolerance))?;
                Some(Polygon::new(exterior, p.interiors().iter().filter_map(|r| keep(r.simplify(tolerance))).collect()))
            })
            .collect(),
    )
}

impl Scene {
    pub fn build(boundaries: &Boundaries) -> Scene {
        let mut lonlat = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for f in &boundaries.features {
            if let Some(r) = f.geometry.bounding_rect() {
                lonlat = [lonlat[0].min(r.min().x), lonlat[1].min(r.min().y), lonlat[2].max(r.max().x), lonlat[3].max(r.max().y)];
            }
        }
        if lonlat[0] > lonlat[2] {
            lonlat = [0.0, 0.0, 0.0, 0.0];
        }
        let projection = Projection::new((lonlat[0] + lonlat[2]) / 2.0, (lonlat[1] + lonlat[3]) / 2.0);
        let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        let mut shapes = Vec::with_capacity(boundaries.features.len());
        for f in &boundaries.features {
            let polygon = MultiPolygon(
                f.geometry
                    .0
                    .iter()
                    .map(|p| Polygon::new(project_ring(&projection, p.exterior()), p.interiors().iter().map(|r| project_ring(&projection, r)).collect()))
                    .collect(),
            );
            let bbox = polygon.bounding_rect().map_or([0.0; 4], |r| [r.min().x, r.min().y, r.max().x, r.max().y]);
            bounds = [bounds[0].min(bbox[0]), bounds[1].min(bbox[1]), bounds[2].max(bbox[2]), bounds[3].max(bbox[3])];
            let part_bounds = polygon.0.iter().map(|p| p.bounding_rect().map_or([0.0; 4], |r| [r.min().x, r.min().y, r.max().x, r.max().y])).collect();
            shapes.push(Shape { levels: Vec::new(), bbox, label_at: [0.0, 0.0], part_bounds, polygon });
        }
        if bounds[0] > bounds[2] {
            bounds = [0.0, 0.0, 1.0, 1.0];
        }
        // Detail levels: each three times coarser than the last, from a tolerance well under a
        // pixel when the feature fills the view, while it still saves vertices. Each level
        // simplifies the previous one (fast on country-wide files); features split over both
        // cores.
        let extent = (bounds[2] - bounds[0]).max(bounds[3] - bounds[1]).max(1e-6);
        let half = shapes.len().div_ceil(2).max(1);
        std::thread::scope(|scope| {
            for chunk in shapes.chunks_mut(half) {
                scope.spawn(move || chunk.iter_mut().for_each(|shape| add_levels(shape, extent)));
            }
        });
        let entries = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| GeomWithData::new(Rectangle::from_corners([s.bbox[0], s.bbox[1]], [s.bbox[2], s.bbox[3]]), i))
            .collect();
        Scene { projection, shapes, bounds, index: RTree::bulk_load(entries) }
    }

    /// The feature under a projected point. On a border shared by two features the one that
    /// comes first in the file wins, so picking is deterministic.
    pub fn pick(&self, at: [f64; 2]) -> Option<usize> {
        let [x, y] = at;
        self.index
            .locate_in_envelope_intersecting(&AABB::from_point(at))
            .map(|e| e.data)
            .filter(|&i| {
                let shape = &self.shapes[i];
                shape.polygon.0.iter().zip(&shape.part_bounds).any(|(p, b)| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && polygon_contains(p, x, y))
            })
            .min()
    }

    /// Indices of features whose bounds meet the given projected rectangle.
    pub fn visible(&self, rect: [f64; 4]) -> Vec<usize> {
        let mut v: Vec<usize> =
            self.index.locate_in_envelope_intersecting(&AABB::from_corners([rect[0], rect[1]], [rect[2], rect[3]])).map(|e| e.data).collect();
        v.sort_unstable();
        v
    }

    /// Bounds (km) of the given features, or of everything when none is given.
    pub fn bounds_of(&self, features: &[usize]) -> [f64; 4] {
        if features.is_empty() {
            return self.bounds;
        }
        features.iter().filter_map(|&i| self.shapes.get(i)).fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, s| {
            [b[0].min(s.bbox[0]), b[1].min(s.bbox[1]), b[2].max(s.bbox[2]), b[3].max(s.bbox[3])]
        })
    }
}

fn add_levels(shape: &mut Shape, extent: f64) {
    let size = (shape.bbox[2] - shape.bbox[0]).max(shape.bbox[3] - shape.bbox[1]).max(1e-9);
    let mut current = shape.polygon.clone();
    shape.levels.push(Level::new(0.0, current.clone()));
    let mut tolerance = size / 2000.0;
    while tolerance < extent / 20.0 && shape.levels.last().map_or(0, Level::vertex_count) > 16 {
        let simple = simplified(&current, tolerance);
        if simple.0.is_empty() {
            break;
        }
        let n: usize = simple.0.iter().map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()).sum();
        if n * 10 < shape.levels.last().map_or(usize::MAX, Level::vertex_count) * 7 {
            current = simple;
            shape.levels.push(Level::new(tolerance as f32, current.clone()));
        }
        tolerance *= 3.0;
    }
    // The label point from a level simplified to about 1/200 of the feature: the same point
    // to the eye, a fraction of the work on detailed borders.
    let coarse = shape.levels.iter().rev().find(|l| f64::from(l.tolerance) <= size / 200.0).unwrap_or(&shape.levels[0]);
    shape.label_at = label_point(&coarse.shape);
}

/// Even-odd test over every ring of the polygon, a point on an edge or vertex counting as
/// inside: exact for borders, and several times faster than a general predicate.
fn polygon_contains(polygon: &Polygon<f64>, x: f64, y: f64) -> bool {
    let mut inside = false;
    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        for w in ring.0.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.y > y) != (b.y > y) {
                let xi = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
                if x == xi {
                    return true;
                }
                if x < xi {
                    inside = !inside;
                }
            } else if (a.y == y && b.y == y && (a.x.min(b.x)..=a.x.max(b.x)).contains(&x)) || (a.x == x && a.y == y) {
                // On a horizontal edge, or on a vertex.
                return true;
            }
        }
    }
    inside
}

/// A label point well inside the largest part (geo's interior point: on the polygon, away
/// from the border where it can).
fn label_point(shape: &MultiPolygon<f64>) -> [f32; 2] {
    use geo::Area;
    let largest = shape.0.iter().max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
    largest.and_then(|p| p.interior_point()).map_or([0.0, 0.0], |p| [p.x() as f32, p.y() as f32])
}
