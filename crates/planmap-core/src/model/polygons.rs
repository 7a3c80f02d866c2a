//! A feature's polygons in one compact store: every point of all its rings in one `Vec` of
//! `i16` pairs, with the ends of its rings and polygons. A point is a whole number of 10⁻⁷
//! degree steps; the store divides the feature's steps by their greatest common divisor (its
//! unit: 10 for coordinates with six decimals) and keeps each point as its move from the ring's
//! previous point, which fits two `i16` for all but a ring's first point and jumps of over 32767
//! units (0.033° at six decimals), written in full as an escape. 4 bytes a point instead of 8 for
//! `i32` pairs and 16 for `f64`, and one allocation per feature: all of China's 4.2 million points
//! take 17 MB instead of 34 (67 as `f64`).
//!
//! Precision: a coordinate written with at most seven decimals (Amap's boundaries have six,
//! GeoJSON's specification advises six) is kept exactly — read back, it is the same `f64` the
//! text parses to. Any other point (a projected Shapefile converted to degrees, a datum shift)
//! moves by at most half a step, 0.5 × 10⁻⁷° ≤ 5.6 mm. Shared borders stay shared: the same
//! `f64` always rounds to the same step.
//!
//! Shared, not copied: a scene keeps the store of each feature it draws, to project its full
//! detail again only when a view needs it.

use std::ops::Range;

use geo::{Coord, LineString, MultiPolygon, Polygon};

/// Steps per degree.
const PER_DEGREE: f64 = 1e7;

/// An entry whose `dx` is this is an escape: the next two entries are the point's x and y in
/// units, each split as [high 16 bits, low 16 bits] (see `split`).
const ESCAPE: i16 = i16::MIN;

/// Read from a file (the open cache), a store is checked before it is one (`Store::check`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Store")]
pub struct Polygons(std::sync::Arc<Store>);

#[derive(serde::Serialize, serde::Deserialize)]
struct Store {
    /// Every step of the feature is a multiple of `unit` (≥ 1); entries count in units.
    unit: i32,
    /// Ring after ring, each point as (dx, dy) from the ring's previous point, or an escape
    /// (always a ring's first point).
    #[serde(with = "super::pair_bytes")]
    entries: Vec<[i16; 2]>,
    /// Ring k has points `ring_ends[k - 1]..ring_ends[k]` (from 0 for the first)…
    ring_ends: Vec<u32>,
    /// …written as entries `entry_ends[k - 1]..entry_ends[k]`: a ring decodes on its own.
    entry_ends: Vec<u32>,
    /// Polygon p is rings `poly_ends[p - 1]..poly_ends[p]`; its first ring is the exterior.
    poly_ends: Vec<u32>,
}

/// Degrees → steps, the nearest (half away from zero). Longitude and latitude are within
/// ±180°, so the step count fits an `i32` (±2.1 × 10⁹); anything else (never a lon/lat)
/// saturates rather than wraps. A half added and cut off rather than `round`, which is a
/// library call per number without SSE4.1 (a sixth of converting all of China).
#[inline]
fn step(v: f64) -> i32 {
    let s = v * PER_DEGREE;
    (s + 0.5f64.copysign(s)) as i32
}

/// Steps → degrees, by division: the `f64` nearest the decimal, as a parser gives it.
#[inline]
fn degrees(v: i32) -> f64 {
    f64::from(v) / PER_DEGREE
}

#[inline]
fn lon_lat([x, y]: [i32; 2]) -> [f64; 2] {
    [degrees(x), degrees(y)]
}

/// An `i32` as two entry halves: [high 16 bits (signed), low 16 bits (their bit pattern)].
fn split(v: i32) -> [i16; 2] {
    [(v >> 16) as i16, v as i16]
}

#[inline]
fn join([high, low]: [i16; 2]) -> i32 {
    (i32::from(high) << 16) | i32::from(low as u16)
}

/// Item k of a run cut at `ends`: `ends[k - 1]..ends[k]` (from 0 for the first); empty past
/// the end.
fn span(ends: &[u32], k: usize) -> Range<usize> {
    let start = k.checked_sub(1).and_then(|j| ends.get(j)).map_or(0, |&e| e as usize);
    let end = ends.get(k).map_or(0, |&e| e as usize);
    start..end.max(start)
}

/// A count as an end in a `u32` run (a feature never has 4 × 10⁹ points).
fn end(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Decodes entries into steps. Wrapping arithmetic: on a checked store it never wraps, and on
/// any other it must not panic.
#[derive(Clone)]
struct Steps<'a> {
    entries: std::slice::Iter<'a, [i16; 2]>,
    /// The last point, in units.
    at: [i32; 2],
    unit: i32,
    /// Points still to come (exact on a checked store): lets `collect` allocate once.
    left: usize,
}

impl Iterator for Steps<'_> {
    type Item = [i32; 2];

    #[inline]
    fn next(&mut self) -> Option<[i32; 2]> {
        let [dx, dy] = *self.entries.next()?;
        self.at =
            if dx == ESCAPE { [join(*self.entries.next()?), join(*self.entries.next()?)] } else { [self.at[0].wrapping_add(dx.into()), self.at[1].wrapping_add(dy.into())] };
        self.left = self.left.saturating_sub(1);
        Some([self.at[0].wrapping_mul(self.unit), self.at[1].wrapping_mul(self.unit)])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl Store {
    fn steps_of<'a>(&self, entries: &'a [[i16; 2]], points: usize) -> Steps<'a> {
        Steps { entries: entries.iter(), at: [0, 0], unit: self.unit, left: points }
    }

    /// Every point: the rings' entries decode as one run, each ring starting with an escape.
    fn steps(&self) -> Steps<'_> {
        self.steps_of(&self.entries, self.point_count())
    }

    fn ring(&self, k: usize) -> Steps<'_> {
        self.steps_of(self.entries.get(span(&self.entry_ends, k)).unwrap_or_default(), span(&self.ring_ends, k).len())
    }

    fn point_count(&self) -> usize {
        self.ring_ends.last().map_or(0, |&e| e as usize)
    }

    /// Append a ring of points in units.
    fn push_ring(&mut self, points: impl Iterator<Item = [i32; 2]>) {
        let mut count = self.point_count();
        let mut last = None;
        for p in points {
            match last.and_then(|q| delta(q, p)) {
                Some(d) => self.entries.push(d),
                None => self.entries.extend([[ESCAPE, 0], split(p[0]), split(p[1])]),
            }
            last = Some(p);
            count += 1;
        }
        self.ring_ends.push(end(count));
        self.entry_ends.push(end(self.entries.len()));
    }

    /// Refuse a store that does not decode exactly, so that no method can fail on it later.
    fn check(&self) -> Result<(), &'static str> {
        if self.unit < 1 {
            return Err("a unit below 1");
        }
        let rings = self.ring_ends.len();
        if self.entry_ends.len() != rings || !self.ring_ends.is_sorted() || !ends_at(&self.entry_ends, self.entries.len()) || !ends_at(&self.poly_ends, rings) {
            return Err("ring or polygon ends out of order or out of bounds");
        }
        let exact = |k| self.entries.get(span(&self.entry_ends, k)).and_then(|e| decoded_count(e, self.unit)) == Some(span(&self.ring_ends, k).len());
        if (0..rings).all(exact) { Ok(()) } else { Err("a ring's entries do not decode to its points") }
    }
}

/// (dx, dy) from `q` to `p`, when it fits an entry that is not an escape.
fn delta(q: [i32; 2], p: [i32; 2]) -> Option<[i16; 2]> {
    let d = |a: i32, b: i32| i16::try_from(i64::from(b) - i64::from(a)).ok();
    Some([d(q[0], p[0]).filter(|&dx| dx != ESCAPE)?, d(q[1], p[1])?])
}

/// Whether `ends` never decreases and its last is `last` (0 when empty): nothing out of bounds,
/// nothing left over.
fn ends_at(ends: &[u32], last: usize) -> bool {
    ends.is_sorted() && ends.last().map_or(0, |&e| e as usize) == last
}

/// The points a ring's entries hold, if every one decodes: the first an escape, no escape cut
/// short, every coordinate × unit within `i32`.
fn decoded_count(entries: &[[i16; 2]], unit: i32) -> Option<usize> {
    let mut it = entries.iter();
    let mut at: Option<[i32; 2]> = None;
    let mut count = 0;
    while let Some(&[dx, dy]) = it.next() {
        let [x, y] = if dx == ESCAPE {
            [join(*it.next()?), join(*it.next()?)]
        } else {
            let [x, y] = at?;
            [x.checked_add(dx.into())?, y.checked_add(dy.into())?]
        };
        x.checked_mul(unit)?;
        y.checked_mul(unit)?;
        at = Some([x, y]);
        count += 1;
    }
    Some(count)
}

impl TryFrom<Store> for Polygons {
    type Error = &'static str;

    fn try_from(store: Store) -> Result<Polygons, &'static str> {
        store.check().map(|()| Polygons(std::sync::Arc::new(store)))
    }
}
impl Default for Store {
    fn default() -> Store {
        Store { unit: 1, entries: Vec::new(), ring_ends: Vec::new(), entry_ends: Vec::new(), poly_ends: Vec::new() }
    }
}

/// Equal when the points and the rings' and polygons' ends are, however the points are written.
impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        let same_entries = self.unit == other.unit && self.entries == other.entries;
        self.ring_ends == other.ring_ends && self.poly_ends == other.poly_ends && (same_entries || self.steps().eq(other.steps()))
    }
}

impl Eq for Store {}

/// The points as steps, as a store of `i32` pairs showed them.
impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        struct List<'a>(Steps<'a>);
        impl std::fmt::Debug for List<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.debug_list().entries(self.0.clone()).finish()
            }
        }
        f.debug_struct("Store").field("points", &List(self.steps())).field("ring_ends", &self.ring_ends).field("poly_ends", &self.poly_ends).finish()
    }
}

impl Polygons {
    pub fn polygon_count(&self) -> usize {
        self.0.poly_ends.len()
    }

    pub fn point_count(&self) -> usize {
        self.0.point_count()
    }

    /// Bytes the store holds on the heap (its entries and ends).
    pub fn heap_bytes(&self) -> usize {
        let s = &self.0;
        size_of_val(s.entries.as_slice()) + size_of::<u32>() * (s.ring_ends.len() + s.entry_ends.len() + s.poly_ends.len())
    }

    /// Every ring, polygon after polygon (exterior first), as lon/lat degrees.
    pub fn rings(&self) -> impl Iterator<Item = impl Iterator<Item = [f64; 2]> + '_> + '_ {
        (0..self.0.ring_ends.len()).map(move |k| self.0.ring(k).map(lon_lat))
    }

    /// Every point, rings one after another.
    pub fn points(&self) -> impl Iterator<Item = [f64; 2]> + '_ {
        self.0.steps().map(lon_lat)
    }

    /// Each polygon as its rings' ranges of points: the exterior, then its holes.
    pub fn polygon_rings(&self, p: usize) -> impl Iterator<Item = impl Iterator<Item = [f64; 2]> + '_> + '_ {
        span(&self.0.poly_ends, p).map(move |k| self.0.ring(k).map(lon_lat))
    }

    /// [min lon, min lat, max lon, max lat], or None without a point.
    pub fn bounds(&self) -> Option<[f64; 4]> {
        let mut steps = self.0.steps();
        let [x, y] = steps.next()?;
        let b = steps.fold([x, y, x, y], |b, p| [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]);
        Some(b.map(degrees))
    }

    /// Polygon `p` as geo's type (for its algorithms: area, validity, interior points).
    pub fn polygon(&self, p: usize) -> Polygon<f64> {
        let mut rings = self.polygon_rings(p).map(|r| LineString(r.map(|[x, y]| Coord { x, y }).collect()));
        let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
        Polygon::new(exterior, rings.collect())
    }

    /// The whole shape as geo's type (for writers and algorithms that take one).
    pub fn to_geo(&self) -> MultiPolygon<f64> {
        MultiPolygon((0..self.polygon_count()).map(|p| self.polygon(p)).collect())
    }
}

fn rings_of(shape: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    shape.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The greatest common divisor of every step of the shape (1 when all are zero).
fn unit_of(shape: &MultiPolygon<f64>) -> i32 {
    let mut g = 0;
    for c in rings_of(shape).flat_map(|r| &r.0) {
        g = gcd(step(c.y).unsigned_abs(), gcd(step(c.x).unsigned_abs(), g));
        if g == 1 {
            break;
        }
    }
    // Only i32::MIN alone gives 2³¹: a unit of 1 holds it too.
    i32::try_from(g).ok().filter(|&u| u >= 1).unwrap_or(1)
}

impl From<&MultiPolygon<f64>> for Polygons {
    fn from(shape: &MultiPolygon<f64>) -> Polygons {
        let unit = unit_of(shape);
        let (rings, points) = rings_of(shape).fold((0, 0), |(r, n), ring| (r + 1, n + ring.0.len()));
        // An escape per ring's first point; any further escape grows the Vec, cut to size below.
        let entries = Vec::with_capacity(points + 2 * rings);
        let mut out = Store { unit, entries, ring_ends: Vec::with_capacity(rings), entry_ends: Vec::with_capacity(rings), poly_ends: Vec::with_capacity(shape.0.len()) };
        for p in &shape.0 {
            for r in std::iter::once(p.exterior()).chain(p.interiors()) {
                out.push_ring(r.0.iter().map(|c| [step(c.x) / unit, step(c.y) / unit]));
            }
            out.poly_ends.push(end(out.ring_ends.len()));
        }
        out.entries.shrink_to_fit();
        Polygons(std::sync::Arc::new(out))
    }
}

impl From<MultiPolygon<f64>> for Polygons {
    fn from(shape: MultiPolygon<f64>) -> Polygons {
        Polygons::from(&shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::MapCoords;

    fn square(x: f64, y: f64, side: f64) -> LineString<f64> {
        LineString::from(vec![(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)])
    }

    #[test]
    fn decimals_up_to_seven_come_back_exactly() {
        let texts = ["116.443198", "39.871995", "-0.000001", "180", "-180", "89.9999999", "107.1234567", "0.1", "73.5"];
        for t in texts {
            let v: f64 = t.parse().unwrap();
            assert_eq!(degrees(step(v)), v, "{t}");
            assert_eq!(format!("{}", degrees(step(v))), t, "{t} prints as it was written");
        }
    }

    #[test]
    fn other_points_move_by_at_most_half_a_step() {
        for v in [116.443198123456, -33.123456789, 0.00000004999, 179.99999996] {
            let back = degrees(step(v));
            assert!((back - v).abs() <= 0.5e-7 + 1e-12, "{v} → {back}");
        }
    }

    #[test]
    fn rings_and_polygons_are_kept_in_order() {
        let with_hole = Polygon::new(square(100.0, 30.0, 2.0), vec![square(100.5, 30.5, 0.5)]);
        let island = Polygon::new(square(105.25, 31.125, 0.25), vec![]);
        let shape = MultiPolygon(vec![with_hole, island]);
        let p = Polygons::from(&shape);
        assert_eq!(p.to_geo(), shape);
        assert_eq!((p.polygon_count(), p.point_count(), p.rings().count()), (2, 15, 3));
        assert_eq!(p.polygon_rings(0).count(), 2);
        assert_eq!(p.bounds(), Some([100.0, 30.0, 105.5, 32.0]));
        assert!(Polygons::default().bounds().is_none() && Polygons::default().polygon_count() == 0);
        assert_eq!(p.polygon(7).exterior().0.len(), 0, "a polygon past the end is empty, not a panic");
    }

    /// Rings of lon/lat pairs → a shape: each list closed, the first ring of each polygon its exterior.
    fn shape(polygons: &[&[Vec<(f64, f64)>]]) -> MultiPolygon<f64> {
        let ring = |r: &Vec<(f64, f64)>| {
            let mut l = LineString::from(r.clone());
            l.close();
            l
        };
        MultiPolygon(polygons.iter().map(|p| Polygon::new(ring(&p[0]), p[1..].iter().map(ring).collect())).collect())
    }

    /// A walk of `n` points from (x, y), each move drawn from `step` (a number generator's
    /// output in 0..1 → degrees), rounded to `decimals` (None: as computed).
    fn walk(n: usize, (x, y): (f64, f64), decimals: Option<i32>, size: f64, seed: u64) -> Vec<(f64, f64)> {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let round = |v| rounded(v, decimals);
        let (mut x, mut y) = (x, y);
        (0..n)
            .map(|_| {
                x += next() * size;
                y += next() * size;
                (round(x), round(y))
            })
            .collect()
    }

    fn rounded(v: f64, decimals: Option<i32>) -> f64 {
        decimals.map_or(v, |d| format!("{v:.0$}", d as usize).parse().unwrap())
    }

    /// What the store of `i32` steps gave for `shape`: every method's answer, computed the old way.
    fn same_as_before(shape: &MultiPolygon<f64>) {
        let old = |c: &Coord<f64>| [degrees(step(c.x)), degrees(step(c.y))];
        let rings: Vec<Vec<[f64; 2]>> = rings_of(shape).map(|r| r.0.iter().map(old).collect()).collect();
        let p = Polygons::from(shape);
        assert_eq!(p.rings().map(Iterator::collect::<Vec<_>>).collect::<Vec<_>>(), rings);
        assert_eq!(p.points().collect::<Vec<_>>(), rings.concat());
        assert_eq!((p.point_count(), p.polygon_count()), (rings.concat().len(), shape.0.len()));
        let mut k = 0;
        for i in 0..shape.0.len() {
            for r in p.polygon_rings(i) {
                assert_eq!(r.collect::<Vec<_>>(), rings[k]);
                k += 1;
            }
        }
        assert_eq!(k, rings.len());
        let back = MultiPolygon(shape.0.iter().map(|q| q.map_coords(|c| Coord { x: degrees(step(c.x)), y: degrees(step(c.y)) })).collect());
        assert_eq!(p.to_geo(), back);
        let steps: Vec<[i32; 2]> = rings_of(shape).flat_map(|r| &r.0).map(|c| [step(c.x), step(c.y)]).collect();
        let b = steps.iter().fold([i32::MAX, i32::MAX, i32::MIN, i32::MIN], |b, s| [b[0].min(s[0]), b[1].min(s[1]), b[2].max(s[0]), b[3].max(s[1])]);
        assert_eq!(p.bounds(), (!steps.is_empty()).then(|| b.map(degrees)));
        let bytes = postcard::to_allocvec(&p).unwrap();
        assert_eq!(postcard::from_bytes::<Polygons>(&bytes).unwrap(), p);
    }

    #[test]
    fn every_kind_of_coordinate_comes_back_as_before() {
        for (decimals, seed) in [(Some(6), 1), (Some(7), 2), (Some(0), 3), (None, 4), (Some(3), 5)] {
            // Small moves (deltas), then a hole, a second polygon and a ring of long jumps.
            let size = if decimals == Some(0) { 4.0 } else { 0.01 };
            let outer = walk(500, (116.4, 39.9), decimals, size, seed);
            let hole = walk(50, (116.5, 40.0), decimals, size, seed + 10);
            let island = walk(80, (-73.25, -40.5), decimals, size, seed + 20);
            let jumps = walk(40, (0.0, 0.0), decimals, 300.0, seed + 30).into_iter().map(|(x, y)| (x.clamp(-180.0, 180.0), y.clamp(-90.0, 90.0))).collect();
            let edges = [(-180.0, -90.0), (180.0, 90.0), (179.9999999, -89.9999999), (-0.0000001, 0.0000001), (-180.0, 90.0)];
            let edges = edges.into_iter().map(|(x, y)| (rounded(x, decimals), rounded(y, decimals))).collect();
            let s = shape(&[&[outer, hole], &[island], &[jumps, edges]]);
            same_as_before(&s);
            assert_eq!(Polygons::from(&s).0.unit > 1, decimals.is_some_and(|d| d < 7), "{decimals:?}");
        }
        same_as_before(&MultiPolygon(Vec::new()));
        same_as_before(&shape(&[&[vec![(0.0, 0.0)]]]));
        same_as_before(&MultiPolygon(vec![Polygon::new(LineString(Vec::new()), vec![])]));
    }

    #[test]
    fn the_unit_is_the_steps_common_divisor() {
        let unit = |r: Vec<(f64, f64)>| Polygons::from(&shape(&[&[r]])).0.unit;
        assert_eq!(unit(vec![(116.443198, 39.871995), (116.5, 39.8)]), 10);
        assert_eq!(unit(vec![(116.4431987, 39.871995)]), 1);
        assert_eq!(unit(vec![(116.0, -39.0), (0.0, 1.0)]), 10_000_000);
        assert_eq!(unit(vec![(0.0, 0.0)]), 1);
    }

    #[test]
    fn six_decimals_take_four_bytes_a_point() {
        // Rings that come back to their start, as a boundary's do: no jump to close them.
        let circle = |n: usize, (x, y): (f64, f64), r: f64| -> Vec<(f64, f64)> {
            let a = |i: usize| i as f64 * std::f64::consts::TAU / n as f64;
            (0..n).map(|i| (rounded(x + r * a(i).cos(), Some(6)), rounded(y + r * a(i).sin(), Some(6)))).collect()
        };
        let s = shape(&[&[circle(20_000, (100.0, 30.0), 2.0), circle(3_000, (100.5, 30.0), 0.5)], &[circle(10, (104.0, 31.0), 0.001)]]);
        let p = Polygons::from(&s);
        let n = p.point_count();
        assert_eq!(p.0.unit, 10);
        assert!(p.0.entries.len() <= n + 3 * 3, "{} entries for {n} points", p.0.entries.len());
        assert_eq!(p.0.entries.capacity(), p.0.entries.len());
        assert!(p.heap_bytes() <= 4 * n + 100);
    }

    /// A store (from a shape with a hole) damaged by `damage`, written and read back.
    fn read_damaged(damage: impl Fn(&mut Store)) -> Result<Polygons, postcard::Error> {
        let p = Polygons::from(&shape(&[&[walk(30, (100.0, 30.0), Some(6), 0.01, 1), walk(5, (100.0, 30.0), Some(6), 0.01, 2)]]));
        let mut store = std::sync::Arc::into_inner(p.0).unwrap();
        damage(&mut store);
        postcard::from_bytes::<Polygons>(&postcard::to_allocvec(&store).unwrap())
    }

    #[test]
    fn a_damaged_store_is_refused_when_read() {
        assert!(read_damaged(|_| ()).is_ok());
        type Damage = fn(&mut Store);
        let cases: [(&str, Damage); 11] = [
            ("unit 0", |s| s.unit = 0),
            ("a negative unit", |s| s.unit = -10),
            ("coordinates × unit beyond i32", |s| s.unit = 1000),
            ("entry ends beyond the entries", |s| *s.entry_ends.last_mut().unwrap() += 3),
            ("entries left after the last ring", |s| s.entries.push([0, 0])),
            ("decreasing ring ends", |s| s.ring_ends = vec![31, 30]),
            ("polygon ends beyond the rings", |s| s.poly_ends = vec![3]),
            ("an escape cut at the end", |s| {
                s.entries.extend([[ESCAPE, 0], [0, 1]]);
                s.ring_ends.push(s.ring_ends.last().unwrap() + 1);
                s.entry_ends.push(end(s.entries.len()));
                *s.poly_ends.last_mut().unwrap() += 1;
            }),
            ("a ring's point count wrong", |s| *s.ring_ends.last_mut().unwrap() += 1),
            ("a ring starting with a delta", |s| {
                let start = s.entry_ends[0] as usize;
                s.entries.drain(start..start + 3);
                s.entries.insert(start, [1, 1]);
                s.entry_ends[1] -= 2;
            }),
            ("entry ends missing for a ring", |s| {
                s.entry_ends.pop();
            }),
        ];
        for (what, damage) in cases {
            assert!(read_damaged(damage).is_err(), "{what}");
        }
    }

    #[test]
    fn a_store_written_otherwise_is_equal_and_reads_the_same() {
        let s = shape(&[&[walk(30, (100.0, 30.0), Some(6), 0.01, 1)]]);
        let p = Polygons::from(&s);
        // Every point an escape, in steps (unit 1): valid, the same points.
        let mut other = Store { unit: 1, ..Store::default() };
        other.entries = p.0.steps().flat_map(|[x, y]| [[ESCAPE, 7], split(x), split(y)]).collect();
        other.ring_ends = p.0.ring_ends.clone();
        other.entry_ends = vec![end(other.entries.len())];
        other.poly_ends = p.0.poly_ends.clone();
        let read = postcard::from_bytes::<Polygons>(&postcard::to_allocvec(&other).unwrap()).unwrap();
        assert_eq!(read, p);
        assert_eq!(read.to_geo(), p.to_geo());
        assert_eq!(format!("{read:?}"), format!("{p:?}"));
        let [x, y] = p.0.steps().next().unwrap();
        assert!(format!("{p:?}").starts_with(&format!("Polygons(Store {{ points: [[{x}, {y}], [")), "{p:?}");
    }

    #[test]
    fn halves_of_an_escape_join_back() {
        for v in [0, 1, -1, 65535, 65536, -65536, i32::MAX, i32::MIN, 1_800_000_000, -1_800_000_000, 123_456_789] {
            assert_eq!(join(split(v)), v);
        }
    }
}
