//! Point in polygon for picking, without walking every edge: a county's border has a thousand
//! points or more, and a horizontal ray from the point meets only a few of them. Each ring is
//! cut into runs of `RUN` edges, each run with the box of its points; a run whose box the ray
//! cannot meet (above, below, or wholly left of the point) is skipped. The edges tested are
//! tested exactly as `Rings::polygon_contains` tests them, so the answer is the same, border
//! points included (tested against it on real boundaries below).
//!
//! Memory: 20 bytes a run, about 0.6 byte a point.

use super::Rings;

/// Edges in a run: short enough to skip most, long enough that the runs are few.
const RUN: usize = 32;

/// Rounding of an edge's crossing point, in km: a run is skipped only when the point is past
/// its right side by more than this (the crossing's `x` is computed in `f64` from `f32` points,
/// a few ulps of thousands of km at worst).
const SLACK_KM: f64 = 1e-6;

#[derive(Debug, Clone, Copy)]
struct Run {
    /// Points `start..=end` (edges `start..end`).
    start: u32,
    end: u32,
    max_x: f32,
    min_y: f32,
    max_y: f32,
}

/// The runs of every ring of one feature's rings, polygon by polygon.
#[derive(Debug, Default)]
pub struct PickIndex {
    runs: Vec<Run>,
    /// Polygon p has runs `poly_ends[p - 1]..poly_ends[p]`.
    poly_ends: Vec<u32>,
}

impl PickIndex {
    pub fn new(rings: &Rings) -> PickIndex {
        let points = rings.points();
        let mut index = PickIndex { runs: Vec::with_capacity(points.len() / RUN + rings.polygon_count()), poly_ends: Vec::with_capacity(rings.polygon_count()) };
        for p in 0..rings.polygon_count() {
            for ring in rings.polygon_ring_ranges(p) {
                // Edges k → k + 1 for k in ring.start..ring.end - 1, RUN at a time.
                let last = ring.end.saturating_sub(1);
                let mut start = ring.start;
                while start < last {
                    let end = (start + RUN).min(last);
                    let Some(pts) = points.get(start..=end) else { break };
                    let (mut max_x, mut min_y, mut max_y) = (f32::MIN, f32::MAX, f32::MIN);
                    for q in pts {
                        max_x = max_x.max(q[0]);
                        min_y = min_y.min(q[1]);
                        max_y = max_y.max(q[1]);
                    }
                    index.runs.push(Run { start: start as u32, end: end as u32, max_x, min_y, max_y });
                    start = end;
                }
            }
            index.poly_ends.push(index.runs.len() as u32);
        }
        index.runs.shrink_to_fit();
        index
    }

    /// Whether polygon `p` of `rings` (the rings this index was made from) holds the point, a
    /// point on an edge or vertex counting as inside (even-odd over all its rings).
    pub fn polygon_contains(&self, rings: &Rings, p: usize, x: f64, y: f64) -> bool {
        let from = if p == 0 { 0 } else { self.poly_ends.get(p - 1).copied().unwrap_or(0) as usize };
        let to = self.poly_ends.get(p).copied().unwrap_or(0) as usize;
        let points = rings.points();
        let mut inside = false;
        for run in self.runs.get(from..to).unwrap_or_default() {
            if y < f64::from(run.min_y) || y > f64::from(run.max_y) || x > f64::from(run.max_x) + SLACK_KM {
                continue;
            }
            let Some(pts) = points.get(run.start as usize..=run.end as usize) else { continue };
            for w in pts.windows(2) {
                match super::rings::edge_test(w[0], w[1], x, y) {
                    super::rings::Edge::On => return true,
                    super::rings::Edge::Crosses => inside = !inside,
                    super::rings::Edge::Misses => {}
                }
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as walking every edge, at points all over real counties and on their
    /// vertices and edges.
    #[test]
    fn same_answer_as_every_edge() {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("assets/boundaries/qujing.geojson");
        let b = crate::io::load_boundaries(&path).0.expect("loads");
        let projection = crate::scene::Projection::new(103.8, 25.5);
        let (mut inside, mut checked) = (0, 0);
        for f in &b.features {
            let r = Rings::project(&f.geometry, |x, y| projection.forward(x, y));
            let index = PickIndex::new(&r);
            let bb = r.bounds();
            let mut state = 0x2545_f491_4f6c_dd1du64;
            let mut next = || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 11) as f64 / (1u64 << 53) as f64
            };
            let mut points: Vec<[f64; 2]> = (0..3000).map(|_| [bb[0] + (bb[2] - bb[0]) * next(), bb[1] + (bb[3] - bb[1]) * next()]).collect();
            // Vertices, edge midpoints and points on a vertex's row.
            for q in r.points().iter().step_by(7) {
                points.push(q.map(f64::from));
                points.push([f64::from(q[0]) - 0.37, f64::from(q[1])]);
            }
            for w in r.points().windows(2).step_by(11) {
                points.push([(f64::from(w[0][0]) + f64::from(w[1][0])) / 2.0, (f64::from(w[0][1]) + f64::from(w[1][1])) / 2.0]);
            }
            for p in 0..r.polygon_count() {
                for &[x, y] in &points {
                    let want = r.polygon_contains(p, x, y);
                    assert_eq!(index.polygon_contains(&r, p, x, y), want, "{} polygon {p} at ({x}, {y})", f.name);
                    inside += usize::from(want);
                    checked += 1;
                }
            }
        }
        assert!(checked > 30_000 && inside > 5_000, "{inside} of {checked}");
    }

    #[test]
    fn empty_rings_hold_nothing() {
        let r = Rings::default();
        let index = PickIndex::new(&r);
        assert!(!index.polygon_contains(&r, 0, 0.0, 0.0));
    }
}
