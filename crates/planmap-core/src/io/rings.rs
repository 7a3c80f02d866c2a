//! Checks of polygon rings that RFC 7946 does not make errors but that draw wrongly or break
//! GIS tools: a ring that crosses itself (a bow-tie), a ring with no area (all its points the
//! same, or on one line), a hole outside its polygon. Each problem names the ring.
//!
//! Crossings are found by a sweep over the segments sorted by x: each segment is compared only
//! with those overlapping it in x. The work is bounded (`BUDGET` pairs per file) so that no
//! file, however contrived, makes loading slow; past it the remaining rings go unchecked.
//! (geo's `Validation` compares every pair of segments of a ring, which takes minutes on a
//! real county boundary of 50,000 vertices.)

use geo::coordinate_position::{CoordPos, coord_pos_relative_to_ring};
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{Coord, Line, LineString, Polygon};

/// Segment pairs compared per file: about a tenth of a second, enough for every county of
/// China as planmap ships them.
pub const BUDGET: usize = 50_000_000;

/// A problem with ring `ring` (0: the exterior, k: the k-th hole).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub ring: usize,
    pub message: String,
}

fn ring_name(i: usize) -> String {
    if i == 0 { "its exterior ring".into() } else { format!("its hole #{i}") }
}

fn point_text(c: Coord<f64>) -> String {
    format!("[{}, {}]", crate::model::short_number(c.x), crate::model::short_number(c.y))
}

/// Every problem of `polygon`, spending at most `budget` segment comparisons.
pub fn check(polygon: &Polygon<f64>, budget: &mut usize) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, ring) in std::iter::once(polygon.exterior()).chain(polygon.interiors()).enumerate() {
        if let Some(why) = degenerate(ring) {
            out.push(Problem { ring: i, message: format!("{} {why}: it is not drawn", ring_name(i)) });
            continue;
        }
        if let Some(w) = ring.0.windows(2).find(|w| (w[0].x - w[1].x).abs() > 180.0) {
            out.push(Problem {
                ring: i,
                message: format!(
                    "{} jumps from longitude {} to {}: it crosses the antimeridian and will be drawn around the world; split it at 180° (RFC 7946 §3.1.9)",
                    ring_name(i),
                    crate::model::short_number(w[0].x),
                    crate::model::short_number(w[1].x)
                ),
            });
            continue;
        }
        if let Some(at) = crossing(ring, budget) {
            out.push(Problem {
                ring: i,
                message: format!("{} crosses itself near {} (a bow-tie): it may be filled wrongly; fix it in a GIS (e.g. make valid)", ring_name(i), point_text(at)),
            });
        }
    }
    let shell = polygon.exterior();
    for (k, hole) in polygon.interiors().iter().enumerate() {
        // Each vertex tested walks the shell once.
        let cost = shell.0.len().saturating_mul(8);
        if *budget < cost {
            break;
        }
        *budget -= cost;
        // A hole may touch its shell; one vertex strictly outside is enough to tell.
        if hole.0.iter().take(8).any(|c| coord_pos_relative_to_ring(*c, shell) == CoordPos::Outside) {
            out.push(Problem { ring: k + 1, message: format!("{} lies outside the exterior ring: a hole must be inside its polygon", ring_name(k + 1)) });
        }
    }
    out
}

/// Fewer than 3 distinct points, or no area: why, else None.
fn degenerate(ring: &LineString<f64>) -> Option<&'static str> {
    let first = ring.0.first()?;
    let Some(second) = ring.0.iter().find(|c| *c != first) else { return Some("has all its points at one place") };
    let (dx, dy) = (second.x - first.x, second.y - first.y);
    let off_line = ring.0.iter().any(|c| {
        let cross = dx * (c.y - first.y) - dy * (c.x - first.x);
        // Relative to the segment's length, so tiny real rings are not called lines.
        cross.abs() > 1e-12 * (dx.abs() + dy.abs()).powi(2)
    });
    if off_line { None } else { Some("has all its points on one line (no area)") }
}

/// Where the ring first crosses itself (two segments that are not neighbours meet, or
/// neighbours overlap), if it does.
fn crossing(ring: &LineString<f64>, budget: &mut usize) -> Option<Coord<f64>> {
    if *budget == 0 {
        return None; // spent (or no checks asked for): not even the sort
    }
    // Segments with their position in the ring; zero-length ones (repeated points) skipped.
    // Sorted by their least x, then position, through a small integer key (a third of the
    // time of comparing lines; the order is the same as `total_cmp`'s).
    let mut order: Vec<(u64, usize)> = ring.lines().enumerate().filter(|(_, l)| l.start != l.end).map(|(i, l)| (order_key(min_x(&l)), i)).collect();
    order.sort_unstable();
    let segs: Vec<(usize, Line<f64>)> = order.iter().filter_map(|&(_, i)| Some((i, Line::new(*ring.0.get(i)?, *ring.0.get(i + 1)?)))).collect();
    let n = ring.0.len().saturating_sub(1);
    for (a, (i, la)) in segs.iter().enumerate() {
        let (ax1, ay0, ay1) = (max_x(la), la.start.y.min(la.end.y), la.start.y.max(la.end.y));
        for (j, lb) in segs.get(a + 1..).unwrap_or_default() {
            if min_x(lb) > ax1 {
                break;
            }
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            if lb.start.y.min(lb.end.y) > ay1 || lb.start.y.max(lb.end.y) < ay0 {
                continue;
            }
            let neighbours = i.abs_diff(*j) == 1 || i.abs_diff(*j) + 1 == n;
            // Neighbours meet at their shared vertex; unless they lie on one line they meet
            // nowhere else (most pairs compared are neighbours: skip the general test).
            if neighbours && shares_end(la, lb) && cross(la, lb) != 0.0 {
                continue;
            }
            match line_intersection(*la, *lb) {
                Some(LineIntersection::SinglePoint { intersection, is_proper: true }) => return Some(intersection),
                // Touching at a shared vertex is how rings are made; anywhere else it is not.
                Some(LineIntersection::SinglePoint { intersection, is_proper: false }) if !neighbours && !shares_end(la, lb) => return Some(intersection),
                Some(LineIntersection::Collinear { intersection }) if intersection.start != intersection.end => return Some(intersection.start),
                _ => {}
            }
        }
    }
    None
}

/// Cross product of the two segments' directions: 0 when parallel.
fn cross(a: &Line<f64>, b: &Line<f64>) -> f64 {
    let (d, e) = (a.delta(), b.delta());
    d.x * e.y - d.y * e.x
}

fn shares_end(a: &Line<f64>, b: &Line<f64>) -> bool {
    a.start == b.start || a.start == b.end || a.end == b.start || a.end == b.end
}

/// An integer that sorts as `f64::total_cmp` sorts the number.
fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

fn min_x(l: &Line<f64>) -> f64 {
    l.start.x.min(l.end.x)
}

fn max_x(l: &Line<f64>) -> f64 {
    l.start.x.max(l.end.x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[[f64; 2]]) -> LineString<f64> {
        LineString(points.iter().map(|&[x, y]| Coord { x, y }).collect())
    }

    #[test]
    fn a_square_is_fine_and_a_bow_tie_is_not() {
        let mut budget = BUDGET;
        let square = Polygon::new(ring(&[[0., 0.], [1., 0.], [1., 1.], [0., 1.], [0., 0.]]), vec![]);
        assert!(check(&square, &mut budget).is_empty());
        let bow = Polygon::new(ring(&[[0., 0.], [1., 1.], [1., 0.], [0., 1.], [0., 0.]]), vec![]);
        let p = check(&bow, &mut budget);
        assert!(p.len() == 1 && p[0].message.contains("crosses itself near [0.5, 0.5]"), "{p:?}");
    }

    #[test]
    fn degenerate_rings_and_outside_holes_are_named() {
        let mut budget = BUDGET;
        let same = Polygon::new(ring(&[[1., 1.], [1., 1.], [1., 1.], [1., 1.]]), vec![]);
        assert!(check(&same, &mut budget)[0].message.contains("all its points at one place"));
        let line = Polygon::new(ring(&[[0., 0.], [1., 1.], [2., 2.], [0., 0.]]), vec![]);
        assert!(check(&line, &mut budget)[0].message.contains("on one line"));
        let holed = Polygon::new(
            ring(&[[0., 0.], [1., 0.], [1., 1.], [0., 1.], [0., 0.]]),
            vec![ring(&[[5., 5.], [6., 5.], [6., 6.], [5., 5.]]), ring(&[[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]])],
        );
        let p = check(&holed, &mut budget);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].ring, 1);
        assert!(p[0].message.contains("hole #1 lies outside"));
    }

    #[test]
    fn the_work_is_bounded() {
        // A zigzag of long segments: every pair overlaps in x, none crosses.
        let mut pts: Vec<[f64; 2]> = (0..4000).map(|i| [f64::from(i % 2), f64::from(i) * 0.001]).collect();
        pts.extend([[-0.5, 3.999], [-0.5, 0.0], [0.0, 0.0]]);
        let polygon = Polygon::new(ring(&pts), vec![]);
        let mut budget = BUDGET;
        assert!(check(&polygon, &mut budget).is_empty(), "a zigzag does not cross itself");
        let mut budget = 10_000;
        assert!(check(&polygon, &mut budget).is_empty());
        assert_eq!(budget, 0, "the check stopped when its budget ran out");
    }
}
