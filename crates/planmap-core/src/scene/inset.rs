//! The 南海诸岛 inset. A map whose region reaches the South China Sea islands (三沙, or the
//! whole country) is fitted to the land that matters — 海南岛 fills a map of 海南省 instead of
//! being a speck in a corner of 三沙's 1,700 km of sea — and the islands are drawn in a box in
//! the map's lower right corner, as Chinese maps show them. The scene finds the islands once
//! (`Scene::islands`); `picture::describe` places the box, so the window and every export
//! paint the same inset.

use super::Shape;
use super::projection::Projection;
use super::view::{ScreenRect, View};

/// The inset's title, as Chinese maps print it.
pub const TITLE: &str = "南海诸岛";

/// The South China Sea islands (GCJ-02 degrees: lon min, lat min, lon max, lat max): a polygon
/// lying wholly inside is an island of 西沙, 中沙 or 南沙. South of 海南岛 (whose southern tip
/// is at 18.1° N) and of Taiwan, so neither is ever taken for one.
pub const ISLANDS_LONLAT: [f64; 4] = [105.0, 2.0, 125.0, 17.8];

/// The islands a scene holds: their bounds (km) and the features with a part among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Islands {
    pub bounds: [f64; 4],
    pub features: Vec<usize>,
}

fn inside(lonlat: [f64; 2]) -> bool {
    let b = ISLANDS_LONLAT;
    lonlat[0] >= b[0] && lonlat[0] <= b[2] && lonlat[1] >= b[1] && lonlat[1] <= b[3]
}

fn union(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
}

const EMPTY: [f64; 4] = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];

/// 三沙市 and its districts (adcode 4603…): none of their parts is land to fit the map to,
/// though two of their polygons lie north of the islands' box, near 海南岛.
pub fn is_sansha(adcode: &str) -> bool {
    adcode.starts_with("4603")
}

/// The bounds of the land outside the islands, and the islands, when the scene has both;
/// None when it has no island (宝鸡) or nothing else (a map of 三沙 alone is fitted whole).
/// `sansha(i)`: feature `i` is 三沙 (or one of its districts).
pub fn split(projection: &Projection, shapes: &[Shape], sansha: impl Fn(usize) -> bool) -> Option<([f64; 4], Islands)> {
    let (mut land, mut sea) = (EMPTY, EMPTY);
    let mut features = Vec::new();
    for (i, s) in shapes.iter().enumerate() {
        let mut has_island = false;
        for b in &s.part_bounds {
            let corners = [[b[0], b[1]], [b[0], b[3]], [b[2], b[1]], [b[2], b[3]]];
            if corners.iter().all(|c| inside(projection.inverse(c[0], c[1]))) {
                sea = union(sea, *b);
                has_island = true;
            } else if !sansha(i) {
                land = union(land, *b);
            }
        }
        if has_island {
            features.push(i);
        }
    }
    (land[0] <= land[2] && sea[0] <= sea[2]).then_some((land, Islands { bounds: sea, features }))
}

/// Where the inset goes in a map of `rect`: its frame, and the map's rectangle inside it under
/// the title. The frame has the islands' own proportions (so nothing outside them shows), in
/// the lower right corner, a third of the map's height.
pub fn frame(islands: &Islands, rect: ScreenRect, text_scale: f32) -> (ScreenRect, ScreenRect) {
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let b = islands.bounds;
    let aspect = (((b[2] - b[0]) / (b[3] - b[1]).max(1e-6)) as f32).clamp(0.3, 3.0);
    let title_h = 18.0 * text_scale;
    let pad = 4.0 * text_scale;
    let mut map_h = h * 0.34;
    let mut map_w = map_h * aspect;
    if map_w > w * 0.3 {
        map_w = w * 0.3;
        map_h = map_w / aspect;
    }
    let margin = 8.0 * text_scale;
    let frame = [rect[2] - margin - map_w - 2.0 * pad, rect[3] - margin - map_h - title_h - 2.0 * pad, rect[2] - margin, rect[3] - margin];
    let inner = [frame[0] + pad, frame[1] + pad + title_h, frame[2] - pad, frame[3] - pad];
    (frame, inner)
}

/// The view that shows the islands in `inner`.
pub fn view(islands: &Islands, inner: ScreenRect) -> View {
    View::fit(islands.bounds, inner)
}

/// A ring cut to `clip` (Sutherland–Hodgman; the clip is convex): what of an area or an
/// outline lies inside the inset's box. Painters without a clip region (PNG, SVG) use it.
pub fn clip_ring(ring: &[[f32; 2]], clip: ScreenRect) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = ring.to_vec();
    // Each edge: a test "inside" and the crossing of a segment with the edge's line.
    let edges: [(usize, f32, bool); 4] = [(0, clip[0], true), (0, clip[2], false), (1, clip[1], true), (1, clip[3], false)];
    for (axis, at, keep_above) in edges {
        let input = std::mem::take(&mut out);
        let Some(&last) = input.last() else { break };
        let is_in = |p: [f32; 2]| if keep_above { p[axis] >= at } else { p[axis] <= at };
        let cross = |a: [f32; 2], b: [f32; 2]| {
            let t = (at - a[axis]) / (b[axis] - a[axis]);
            [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
        };
        let mut prev = last;
        for &p in &input {
            match (is_in(prev), is_in(p)) {
                (true, true) => out.push(p),
                (true, false) => out.push(cross(prev, p)),
                (false, true) => {
                    out.push(cross(prev, p));
                    out.push(p);
                }
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_is_cut_to_the_box() {
        let square = [[-5.0, -5.0], [5.0, -5.0], [5.0, 5.0], [-5.0, 5.0]];
        let cut = clip_ring(&square, [0.0, 0.0, 10.0, 10.0]);
        assert!(cut.iter().all(|p| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= 5.0 && p[1] <= 5.0), "{cut:?}");
        assert!(cut.len() >= 4);
        assert!(clip_ring(&square, [20.0, 20.0, 30.0, 30.0]).is_empty(), "outside: nothing");
        assert_eq!(clip_ring(&square, [-10.0, -10.0, 10.0, 10.0]).len(), 4, "inside: unchanged");
    }

    #[test]
    fn hainan_island_is_land_and_the_spratlys_are_islands() {
        assert!(!inside([109.5, 18.2]), "海南岛's south coast");
        assert!(inside([112.3, 16.8]), "西沙 永兴岛");
        assert!(inside([114.0, 9.0]), "南沙");
        assert!(!inside([120.8, 21.9]), "Taiwan's south cape");
    }
}
