//! Polygons stored flat: every point of a feature in one `Vec<[f32; 2]>` of projected km, with
//! the ends of its rings and polygons. One allocation per feature instead of one per ring, and
//! half the bytes of `f64`.
//!
//! Precision: a point is rounded to the nearest `f32`. Coordinates are km from the projection
//! centre; over all of China (|x|, |y| < 4096 km) an `f32` step is at most 2⁻¹² km, so a point
//! moves by at most 2⁻¹³ km = 0.12 m (1.5 cm for a prefecture-sized file, |x| < 512 km) —
//! below the boundary data's own precision (10⁻⁶ degrees ≈ 0.1 m) and invisible at any zoom
//! planmap allows short of a few centimetres per pixel. Shared borders stay shared: the same
//! `f64` point always rounds to the same `f32`.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::model::Polygons;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rings {
    #[serde(with = "crate::model::pair_bytes")]
    points: Vec<[f32; 2]>,
    /// Ring k is `points[ring_ends[k - 1]..ring_ends[k]]` (from 0 for the first); closed: its
    /// last point repeats its first.
    ring_ends: Vec<u32>,
    /// Polygon p is rings `poly_ends[p - 1]..poly_ends[p]`; its first ring is the exterior.
    poly_ends: Vec<u32>,
}

impl Rings {
    /// Project every point of `shape` with `f` (lon/lat → km).
    pub fn project(shape: &Polygons, f: impl Fn(f64, f64) -> [f64; 2]) -> Rings {
        let mut out = Rings { points: Vec::with_capacity(shape.point_count()), ..Rings::default() };
        for p in 0..shape.polygon_count() {
            for r in shape.polygon_rings(p) {
                out.points.extend(r.map(|[x, y]| f(x, y)).map(|[x, y]| [x as f32, y as f32]));
                out.ring_ends.push(out.points.len() as u32);
            }
            out.poly_ends.push(out.ring_ends.len() as u32);
        }
        out
    }

    /// Start building: push rings, close polygons.
    pub fn with_capacity(points: usize) -> Rings {
        Rings { points: Vec::with_capacity(points), ..Rings::default() }
    }

    pub fn push_ring(&mut self, points: impl IntoIterator<Item = [f32; 2]>) {
        self.points.extend(points);
        self.ring_ends.push(self.points.len() as u32);
    }

    pub fn end_polygon(&mut self) {
        if self.poly_ends.last().copied().unwrap_or(0) as usize != self.ring_ends.len() {
            self.poly_ends.push(self.ring_ends.len() as u32);
        }
    }

    pub fn shrink_to_fit(&mut self) {
        self.points.shrink_to_fit();
        self.ring_ends.shrink_to_fit();
        self.poly_ends.shrink_to_fit();
    }

    /// Every point, rings one after another (closing points included).
    pub fn points(&self) -> &[[f32; 2]] {
        &self.points
    }

    pub fn vertex_count(&self) -> usize {
        self.points.len()
    }

    pub fn polygon_count(&self) -> usize {
        self.poly_ends.len()
    }

    fn ring_range(&self, k: usize) -> std::ops::Range<usize> {
        let start = if k == 0 { 0 } else { self.ring_ends.get(k - 1).copied().unwrap_or(0) as usize };
        start..self.ring_ends.get(k).copied().unwrap_or(0) as usize
    }

    fn ring_span(&self, p: usize) -> std::ops::Range<usize> {
        let start = if p == 0 { 0 } else { self.poly_ends.get(p - 1).copied().unwrap_or(0) as usize };
        start..self.poly_ends.get(p).copied().unwrap_or(0) as usize
    }

    /// Every ring (exteriors and holes), as closed point slices.
    pub fn rings(&self) -> impl Iterator<Item = &[[f32; 2]]> + '_ {
        (0..self.ring_ends.len()).map(|k| self.points.get(self.ring_range(k)).unwrap_or_default())
    }

    /// The rings of polygon `p`, exterior first.
    pub fn polygon_rings(&self, p: usize) -> impl Iterator<Item = &[[f32; 2]]> + '_ {
        self.ring_span(p).map(|k| self.points.get(self.ring_range(k)).unwrap_or_default())
    }

    /// Points index range of polygon `p` (all its rings).
    fn polygon_points(&self, p: usize) -> std::ops::Range<usize> {
        let rings = self.ring_span(p);
        let start = if rings.start == 0 { 0 } else { self.ring_ends.get(rings.start - 1).copied().unwrap_or(0) as usize };
        let end = if rings.end == 0 { 0 } else { self.ring_ends.get(rings.end - 1).copied().unwrap_or(0) as usize };
        start..end
    }

    /// Bounds of polygon `p`: min x, min y, max x, max y.
    pub fn polygon_bounds(&self, p: usize) -> [f64; 4] {
        let pts = self.points.get(self.polygon_points(p)).unwrap_or_default();
        bounds(pts)
    }

    /// Bounds of everything (zeros when empty).
    pub fn bounds(&self) -> [f64; 4] {
        bounds(&self.points)
    }

    fn ring_to_geo(r: &[[f32; 2]]) -> LineString<f64> {
        LineString(r.iter().map(|&[x, y]| Coord { x: f64::from(x), y: f64::from(y) }).collect())
    }

    /// Polygon `p` as a geo polygon in `f64` (for boolean operations and label points).
    pub fn to_geo_polygon(&self, p: usize) -> Polygon<f64> {
        let mut rings = self.polygon_rings(p).map(Self::ring_to_geo);
        let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
        Polygon::new(exterior, rings.collect())
    }

    /// Everything as a geo multipolygon in `f64`, built on demand (the stored copy is `f32`).
    pub fn to_geo(&self) -> MultiPolygon<f64> {
        MultiPolygon((0..self.polygon_count()).map(|p| self.to_geo_polygon(p)).collect())
    }

    /// Even-odd test over every ring of polygon `p`, a point on an edge or vertex counting as
    /// inside: exact for borders, and several times faster than a general predicate.
    pub fn polygon_contains(&self, p: usize, x: f64, y: f64) -> bool {
        let mut inside = false;
        for ring in self.polygon_rings(p) {
            for w in ring.windows(2) {
                match edge_test(w[0], w[1], x, y) {
                    Edge::On => return true,
                    Edge::Crosses => inside = !inside,
                    Edge::Misses => {}
                }
            }
        }
        inside
    }

    /// Point index ranges of polygon `p`'s rings, exterior first.
    pub fn polygon_ring_ranges(&self, p: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.ring_span(p).map(|k| self.ring_range(k))
    }

    /// Area (km²): exteriors minus holes.
    pub fn area(&self) -> f64 {
        (0..self.polygon_count()).map(|p| self.polygon_rings(p).enumerate().map(|(k, r)| if k == 0 { ring_area(r) } else { -ring_area(r) }).sum::<f64>()).sum()
    }

    /// Triangles (earcut) as indices into `points()`, three at a time.
    pub fn triangulate(&self) -> Vec<u32> {
        let mut earcut = earcut::Earcut::<f64>::new();
        let mut out = Vec::new();
        let mut tris: Vec<u32> = Vec::new();
        let mut holes: Vec<u32> = Vec::new();
        // Earcut's vertex k → our point index (earcut takes each ring without its closing point).
        let mut map: Vec<u32> = Vec::new();
        let mut data: Vec<[f64; 2]> = Vec::new();
        for p in 0..self.polygon_count() {
            data.clear();
            holes.clear();
            map.clear();
            let mut first = self.polygon_points(p).start;
            for (k, ring) in self.polygon_rings(p).enumerate() {
                let open = ring.len().saturating_sub(1);
                if k > 0 {
                    holes.push(data.len() as u32);
                }
                data.extend(ring.iter().take(open).map(|q| q.map(f64::from)));
                map.extend((first..first + open).map(|i| i as u32));
                first += ring.len();
            }
            earcut.earcut(data.iter().copied(), &holes, &mut tris);
            out.extend(tris.iter().filter_map(|&i| map.get(i as usize).copied()));
        }
        out.shrink_to_fit();
        out
    }

    /// Simplified ring by ring (Douglas–Peucker at `tolerance` km), dropping rings that
    /// collapse below a triangle and polygons whose exterior does.
    pub fn simplified(&self, tolerance: f64) -> Rings {
        let mut out = Rings::with_capacity(self.points.len() / 2);
        let mut keep = Vec::new();
        let mut stack = Vec::new();
        for p in 0..self.polygon_count() {
            for (k, ring) in self.polygon_rings(p).enumerate() {
                douglas_peucker(ring, tolerance, &mut keep, &mut stack);
                let kept = keep.iter().filter(|&&k| k).count();
                if kept >= 4 {
                    out.push_ring(ring.iter().zip(&keep).filter(|(_, k)| **k).map(|(q, _)| *q));
                } else if k == 0 {
                    break; // no exterior: the polygon is gone
                }
            }
            // An exterior dropped means nothing of this polygon was pushed.
            out.end_polygon();
        }
        out.shrink_to_fit();
        out
    }
}

/// Douglas–Peucker, as geo's `Simplify` for a line string does it (the same points kept, the
/// farthest point of a span splitting it, the later one on a tie), without its costs: no
/// allocation per span, no recursion, and squared distances (geo takes a `hypot` per point,
/// a third of building a country's scene). Marks the points kept in `keep`.
fn douglas_peucker(ring: &[[f32; 2]], tolerance: f64, keep: &mut Vec<bool>, stack: &mut Vec<(usize, usize)>) {
    keep.clear();
    keep.resize(ring.len(), tolerance <= 0.0 || ring.len() <= 2);
    if ring.len() <= 2 || tolerance <= 0.0 {
        return;
    }
    let at = |i: usize| ring.get(i).map_or([0.0, 0.0], |q| [f64::from(q[0]), f64::from(q[1])]);
    let limit = tolerance * tolerance;
    if let Some(first) = keep.first_mut() {
        *first = true;
    }
    if let Some(last) = keep.last_mut() {
        *last = true;
    }
    stack.clear();
    stack.push((0, ring.len() - 1));
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (start, end) = (at(a), at(b));
        let (dx, dy) = (end[0] - start[0], end[1] - start[1]);
        let d2 = dx * dx + dy * dy;
        // Distances are compared squared and times `d2` (the same for the whole span), which
        // orders them as geo's distances without a division per point.
        let scale = if d2 == 0.0 { 1.0 } else { d2 };
        let mut far = (a, 0.0f64);
        for (k, q) in ring.get(a + 1..b).unwrap_or_default().iter().enumerate() {
            let dist = scaled_distance([f64::from(q[0]), f64::from(q[1])], start, end, dx, dy, d2);
            if dist >= far.1 {
                far = (a + 1 + k, dist);
            }
        }
        if far.1 > limit * scale {
            if let Some(k) = keep.get_mut(far.0) {
                *k = true;
            }
            stack.push((far.0, b));
            stack.push((a, far.0));
        }
    }
}

/// The squared distance from `q` to the segment `start`–`end` (`dx`, `dy`: its direction,
/// `d2` its squared length) times `d2` (times 1 when the ends meet), measured as geo measures
/// it: to the nearer end beyond either end.
fn scaled_distance(q: [f64; 2], start: [f64; 2], end: [f64; 2], dx: f64, dy: f64, d2: f64) -> f64 {
    let sq = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]);
    if d2 == 0.0 {
        return sq(q, start);
    }
    let dot = (q[0] - start[0]) * dx + (q[1] - start[1]) * dy;
    if dot <= 0.0 {
        return sq(q, start) * d2;
    }
    if dot >= d2 {
        return sq(q, end) * d2;
    }
    let s = (start[1] - q[1]) * dx - (start[0] - q[0]) * dy;
    s * s
}

/// What the edge `a`–`b` does to a ray from (`x`, `y`) towards +x.
pub(crate) enum Edge {
    /// The point is on the edge (or its first vertex).
    On,
    Crosses,
    Misses,
}

#[inline]
pub(crate) fn edge_test(a: [f32; 2], b: [f32; 2], x: f64, y: f64) -> Edge {
    let (a, b) = (a.map(f64::from), b.map(f64::from));
    if (a[1] > y) != (b[1] > y) {
        let xi = a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
        if x == xi {
            return Edge::On;
        }
        if x < xi {
            return Edge::Crosses;
        }
    } else if (a[1] == y && b[1] == y && (a[0].min(b[0])..=a[0].max(b[0])).contains(&x)) || (a[0] == x && a[1] == y) {
        // On a horizontal edge, or on a vertex.
        return Edge::On;
    }
    Edge::Misses
}

fn bounds(pts: &[[f32; 2]]) -> [f64; 4] {
    if pts.is_empty() {
        return [0.0; 4];
    }
    let b = pts.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, p| [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]);
    b.map(f64::from)
}

fn ring_area(r: &[[f32; 2]]) -> f64 {
    let s: f64 = r.windows(2).map(|w| f64::from(w[0][0]) * f64::from(w[1][1]) - f64::from(w[1][0]) * f64::from(w[0][1])).sum();
    (s / 2.0).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_with_hole() -> MultiPolygon<f64> {
        let outer: LineString<f64> = vec![(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)].into();
        let hole: LineString<f64> = vec![(3., 3.), (3., 7.), (7., 7.), (7., 3.), (3., 3.)].into();
        let tri: LineString<f64> = vec![(20., 0.), (22., 0.), (20., 2.), (20., 0.)].into();
        MultiPolygon(vec![Polygon::new(outer, vec![hole]), Polygon::new(tri, vec![])])
    }

    #[test]
    fn round_trip_area_triangles_and_containment() {
        let mp = square_with_hole();
        let r = Rings::project(&(&mp).into(), |x, y| [x, y]);
        assert_eq!(r.to_geo(), mp);
        assert_eq!(r.polygon_count(), 2);
        assert!((r.area() - 86.0).abs() < 1e-9, "{}", r.area());
        let tris = r.triangulate();
        let pts = r.points();
        let area: f64 = tris
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| pts[i as usize].map(f64::from));
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum();
        assert!((area - 86.0).abs() < 1e-9, "{area}");
        assert!(r.polygon_contains(0, 1.0, 1.0));
        assert!(!r.polygon_contains(0, 5.0, 5.0), "in the hole");
        assert!(r.polygon_contains(0, 10.0, 5.0), "on the edge");
        assert_eq!(r.polygon_bounds(1), [20.0, 0.0, 22.0, 2.0]);
    }

    /// The fast Douglas–Peucker keeps exactly the points geo's does, on every county of a
    /// real boundary file at several tolerances.
    #[test]
    fn simplifying_keeps_what_geo_keeps() {
        use geo::Simplify;
        let (mut keep, mut stack) = (Vec::new(), Vec::new());
        let mut rings = 0;
        for (file, centre) in [("qujing", [103.8, 25.5]), ("chongqing", [107.8, 30.0]), ("baoji", [107.2, 34.4])] {
            let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(format!("assets/boundaries/{file}.geojson"));
            let b = crate::io::load_boundaries(&path).0.expect("loads");
            let projection = crate::scene::Projection::new(centre[0], centre[1]);
            for f in &b.features {
                let r = Rings::project(&f.geometry, |x, y| projection.forward(x, y));
                for tolerance in [0.0, 0.01, 0.05, 0.3, 2.0, 50.0] {
                    for ring in r.rings() {
                        let theirs: Vec<[f32; 2]> = Rings::ring_to_geo(ring).simplify(tolerance).0.iter().map(|c| [c.x as f32, c.y as f32]).collect();
                        douglas_peucker(ring, tolerance, &mut keep, &mut stack);
                        let ours: Vec<[f32; 2]> = ring.iter().zip(&keep).filter(|(_, k)| **k).map(|(q, _)| *q).collect();
                        assert_eq!(ours, theirs, "{} at {tolerance}", f.name);
                        rings += 1;
                    }
                }
            }
        }
        assert!(rings >= 60, "{rings}");
    }

    #[test]
    fn simplifying_drops_collapsed_rings_only() {
        let r = Rings::project(&square_with_hole().into(), |x, y| [x, y]);
        let s = r.simplified(1.5);
        assert_eq!(s.polygon_count(), 2);
        let s = r.simplified(5.0);
        assert_eq!(s.rings().count(), 1, "the hole and the small triangle collapse: {s:?}");
        assert_eq!(s.polygon_count(), 1);
    }
}
