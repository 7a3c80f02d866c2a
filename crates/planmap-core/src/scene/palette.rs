//! Colours for a plain boundary file (the GIS view): a qualitative palette of twelve, given
//! out by topological colouring so that neighbouring polygons never share one — QGIS's
//! "topological colouring" (its `ColoringByTopology` processing tool) is the model.
//!
//! Neighbours: features whose bounding boxes meet (candidates from an R-tree) and that share a
//! vertex, or, when their borders were digitised apart, come within `GAP_DEG` of each other
//! (a vertex of one near an edge of the other). Corners count: two units meeting at a point
//! get different colours too. The colours are handed out by DSatur (the uncoloured unit with
//! the most differently coloured neighbours first, ties by degree), each taking the allowed
//! colour used least so far, so all twelve show and none dominates.
//!
//! # Examples
//!
//! ```
//! use planmap_core::scene::palette::{colour_graph, QUALITATIVE};
//! // A triangle of neighbours and a fourth unit touching only the first.
//! let neighbours = vec![vec![1, 2, 3], vec![0, 2], vec![0, 1], vec![0]];
//! let colours = colour_graph(&neighbours, QUALITATIVE.len());
//! for (a, list) in neighbours.iter().enumerate() {
//!     assert!(list.iter().all(|&b| colours[a] != colours[b]));
//! }
//! ```

use rstar::primitives::{GeomWithData, Line, Rectangle};
use rstar::{AABB, RTree};

use crate::model::{Boundaries, Rgb};

/// Twelve light, distinguishable colours after ColorBrewer's Set3 (Cynthia Brewer, Mark
/// Harrower, Penn State; colorbrewer2.org, Apache-2.0), with Set3's grey (#d9d9d9) replaced by
/// a sand (#e5c494, from Set2) so no unit reads as the grey of context, and its pale yellow
/// (#ffffb3) deepened a little (#f6e98f) to stand off the paper.
pub const QUALITATIVE: [Rgb; 12] = [
    Rgb([0x8d, 0xd3, 0xc7]),
    Rgb([0xf6, 0xe9, 0x8f]),
    Rgb([0xbe, 0xba, 0xda]),
    Rgb([0xfb, 0x80, 0x72]),
    Rgb([0x80, 0xb1, 0xd3]),
    Rgb([0xfd, 0xb4, 0x62]),
    Rgb([0xb3, 0xde, 0x69]),
    Rgb([0xfc, 0xcd, 0xe5]),
    Rgb([0xe5, 0xc4, 0x94]),
    Rgb([0xbc, 0x80, 0xbd]),
    Rgb([0xcc, 0xeb, 0xc5]),
    Rgb([0xff, 0xed, 0x6f]),
];

/// Borders this close (degrees, about 10 m) count as shared: files whose neighbours were
/// digitised apart leave slivers and gaps of a few metres.
pub const GAP_DEG: f64 = 1e-4;

/// Each feature's neighbours (indices, sorted), from its geometry in longitude/latitude.
/// Only features whose boxes meet are compared, and only their vertices inside the meeting
/// window: no table of every vertex of the file (all of China would hold 4 million). The
/// candidates are shared out over the cores.
pub fn neighbours(b: &Boundaries) -> Vec<Vec<usize>> {
    let n = b.features.len();
    let boxes: Vec<Option<[f64; 4]>> = b.features.iter().map(|f| f.geometry.bounds().map(|r| [r[0] - GAP_DEG, r[1] - GAP_DEG, r[2] + GAP_DEG, r[3] + GAP_DEG])).collect();
    let tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>> =
        RTree::bulk_load(boxes.iter().enumerate().filter_map(|(i, b)| b.map(|b| GeomWithData::new(Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]), i))).collect());
    let pairs_from = |i: usize| -> Vec<(usize, usize)> {
        let Some(bi) = boxes[i] else { return Vec::new() };
        let mut found = Vec::new();
        for e in tree.locate_in_envelope_intersecting(&AABB::from_corners([bi[0], bi[1]], [bi[2], bi[3]])) {
            let j = e.data;
            let Some(bj) = boxes.get(j).copied().flatten() else { continue };
            if j <= i {
                continue;
            }
            let window = [bi[0].max(bj[0]), bi[1].max(bj[1]), bi[2].min(bj[2]), bi[3].min(bj[3])];
            // A vertex both have (the usual case: both sides cut from one topology), else
            // borders within the gap (files digitised apart).
            if shares_a_vertex(b, i, j, window) || near(b, i, j, window) {
                found.push((i, j));
            }
        }
        found
    };
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).clamp(1, 16);
    let pairs: Vec<(usize, usize)> = if n < 64 || threads == 1 {
        (0..n).flat_map(pairs_from).collect()
    } else {
        std::thread::scope(|scope| {
            let work: Vec<_> = (0..threads).map(|t| scope.spawn(move || (t..n).step_by(threads).flat_map(pairs_from).collect::<Vec<_>>())).collect();
            // A worker that panicked loses only its pairs: colours may then repeat, nothing worse.
            work.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        })
    };
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, j) in pairs {
        out[i].push(j);
        out[j].push(i);
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// The vertices of `f` inside `window`, keyed at 1e-6° (the precision Amap publishes).
fn vertex_keys(b: &Boundaries, k: usize, window: [f64; 4]) -> Vec<u64> {
    let Some(f) = b.features.get(k) else { return Vec::new() };
    f.geometry
        .points()
        .filter(|c| c[0] >= window[0] && c[0] <= window[2] && c[1] >= window[1] && c[1] <= window[3])
        .map(|c| (u64::from((c[0] * 1e6).round() as i32 as u32) << 32) | u64::from((c[1] * 1e6).round() as i32 as u32))
        .collect()
}

/// Whether features `i` and `j` have a vertex in common inside `window`.
fn shares_a_vertex(b: &Boundaries, i: usize, j: usize, window: [f64; 4]) -> bool {
    let mut mine = vertex_keys(b, i, window);
    if mine.is_empty() {
        return false;
    }
    mine.sort_unstable();
    vertex_keys(b, j, window).iter().any(|k| mine.binary_search(k).is_ok())
}

fn near(b: &Boundaries, i: usize, j: usize, window: [f64; 4]) -> bool {
    let inside = |c: &[f64; 2]| c[0] >= window[0] && c[0] <= window[2] && c[1] >= window[1] && c[1] <= window[3];
    let edges = |k: usize| -> Vec<Line<[f64; 2]>> {
        let Some(f) = b.features.get(k) else { return Vec::new() };
        // Each ring's neighbouring points, in pairs.
        let pairs = |r: &mut dyn Iterator<Item = [f64; 2]>| -> Vec<([f64; 2], [f64; 2])> {
            let mut out = Vec::new();
            let mut last = r.next();
            for p in r {
                out.extend(last.filter(|q| inside(q) || inside(&p)).map(|q| (q, p)));
                last = Some(p);
            }
            out
        };
        f.geometry.rings().flat_map(|mut r| pairs(&mut r)).map(|(a, z)| Line::new(a, z)).collect()
    };
    let vertices = |k: usize| -> Vec<[f64; 2]> {
        let Some(f) = b.features.get(k) else { return Vec::new() };
        f.geometry.points().filter(inside).collect()
    };
    for (a, z) in [(i, j), (j, i)] {
        let points = vertices(a);
        if points.is_empty() {
            continue;
        }
        let lines = edges(z);
        if lines.is_empty() {
            continue;
        }
        let tree = RTree::bulk_load(lines);
        let d2 = GAP_DEG * GAP_DEG;
        if points.iter().any(|p| tree.locate_within_distance(*p, d2).next().is_some()) {
            return true;
        }
    }
    false
}

/// Colour a graph (`neighbours[i]`: the nodes next to node `i`) with `colours` colours so that
/// no two neighbours share one, by DSatur; each node takes the allowed colour used least so
/// far. Should `colours` not suffice (a graph no map makes), the least clashing colour is
/// taken. Returns a colour index per node, each under `colours` (0 when `colours` is 0).
pub fn colour_graph(neighbours: &[Vec<usize>], colours: usize) -> Vec<usize> {
    let n = neighbours.len();
    let k = colours.max(1);
    const NONE: usize = usize::MAX;
    let mut colour = vec![NONE; n];
    let mut used = vec![0usize; k];
    // Per node: which colours its coloured neighbours have (counts), and how many distinct.
    let mut seen: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut saturation = vec![0usize; n];
    let degree: Vec<usize> = neighbours.iter().map(Vec::len).collect();
    // A max-heap on (saturation, degree, lower index first); stale entries are skipped.
    let mut heap: std::collections::BinaryHeap<(usize, usize, std::cmp::Reverse<usize>)> = (0..n).map(|i| (0, degree[i], std::cmp::Reverse(i))).collect();
    while let Some((sat, _, std::cmp::Reverse(v))) = heap.pop() {
        if colour[v] != NONE || sat != saturation[v] {
            continue;
        }
        let taken = &seen[v];
        let clash = |c: usize| taken.get(c).copied().unwrap_or(0);
        let c = (0..k).min_by_key(|&c| (clash(c), used[c], c)).unwrap_or(0);
        colour[v] = c;
        used[c] += 1;
        for &u in neighbours.get(v).into_iter().flatten() {
            if u >= n || colour[u] != NONE {
                continue;
            }
            let s = &mut seen[u];
            if s.len() < k {
                s.resize(k, 0);
            }
            if s[c] == 0 {
                saturation[u] += 1;
                heap.push((saturation[u], degree[u], std::cmp::Reverse(u)));
            }
            s[c] += 1;
        }
    }
    colour.into_iter().map(|c| if c == NONE { 0 } else { c }).collect()
}

/// Pairs of neighbours that share a colour (none, when the colouring worked).
pub fn clashes(neighbours: &[Vec<usize>], colours: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, list) in neighbours.iter().enumerate() {
        for &b in list.iter().filter(|&&b| b > a) {
            if colours.get(a).is_some() && colours.get(a) == colours.get(b) {
                out.push((a, b));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Feature;
    use geo::{LineString, MultiPolygon, Polygon};

    fn square(x: f64, y: f64, size: f64, name: &str) -> Feature {
        let ring: LineString<f64> = vec![(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)].into();
        Feature { adcode: name.into(), name: name.into(), properties: Vec::new(), geometry: MultiPolygon(vec![Polygon::new(ring, vec![])]).into() }
    }

    #[test]
    fn shared_vertices_corners_and_small_gaps_make_neighbours() {
        let b = Boundaries {
            features: vec![
                square(0.0, 0.0, 1.0, "a"),
                // Shares a border with a.
                square(1.0, 0.0, 1.0, "b"),
                // Meets a at a corner only.
                square(-1.0, -1.0, 1.0, "c"),
                // A gap of 5 m from b, no shared vertex.
                square(2.00005, 0.5, 1.0, "d"),
                // Far away.
                square(10.0, 10.0, 1.0, "e"),
            ],
        };
        let n = neighbours(&b);
        assert_eq!(n[0], [1, 2]);
        assert_eq!(n[1], [0, 3]);
        assert_eq!(n[3], [1]);
        assert!(n[4].is_empty());
    }

    #[test]
    fn dsatur_colours_a_wheel_without_clashes_and_spreads_the_colours() {
        // A hub with a ring of eight around it: the ring alternates, the hub differs.
        let mut nb: Vec<Vec<usize>> = vec![(1..=8).collect()];
        for i in 1..=8usize {
            let prev = if i == 1 { 8 } else { i - 1 };
            let next = if i == 8 { 1 } else { i + 1 };
            nb.push(vec![0, prev, next]);
        }
        let c = colour_graph(&nb, 12);
        assert!(clashes(&nb, &c).is_empty(), "{c:?}");
        let mut distinct = c.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 9, "the least used colour is taken: all nine differ ({c:?})");
        // Three colours are too few for K4: one clash, never a panic.
        let k4: Vec<Vec<usize>> = (0..4).map(|i| (0..4).filter(|&j| j != i).collect()).collect();
        assert_eq!(clashes(&k4, &colour_graph(&k4, 3)).len(), 1);
        assert!(colour_graph(&[], 12).is_empty());
        assert_eq!(colour_graph(&[vec![5]], 0), [0], "a neighbour out of range is ignored");
    }
}
