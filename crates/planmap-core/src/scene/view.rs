//! The one view transform of the map, used by the window and by export: a camera over the
//! projected plane (km, y north) and a screen rectangle (points or pixels, y down).

/// A screen rectangle: min x, min y, max x, max y (y down).
pub type ScreenRect = [f32; 4];

/// Camera: the projected point (km) at the centre of the screen rectangle and the zoom in
/// screen units per km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub center: [f64; 2],
    pub scale: f64,
}

fn center_of(rect: ScreenRect) -> [f64; 2] {
    [f64::from(rect[0] + rect[2]) / 2.0, f64::from(rect[1] + rect[3]) / 2.0]
}

impl View {
    /// The view that shows `bounds` (km) in `rect` with a small margin.
    pub fn fit(bounds: [f64; 4], rect: ScreenRect) -> View {
        let w = (bounds[2] - bounds[0]).max(1e-3);
        let h = (bounds[3] - bounds[1]).max(1e-3);
        let scale = (f64::from(rect[2] - rect[0]) / w).min(f64::from(rect[3] - rect[1]) / h) * 0.92;
        View { center: [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0], scale: scale.max(1e-6) }
    }

    pub fn screen_from_world(&self, rect: ScreenRect, point_in_world: [f64; 2]) -> [f32; 2] {
        let c = center_of(rect);
        [(c[0] + (point_in_world[0] - self.center[0]) * self.scale) as f32, (c[1] - (point_in_world[1] - self.center[1]) * self.scale) as f32]
    }

    /// The same for the scene's f32 vertices (meshes, outlines, label points).
    pub fn screen_from_vertex(&self, rect: ScreenRect, p: [f32; 2]) -> [f32; 2] {
        self.screen_from_world(rect, [f64::from(p[0]), f64::from(p[1])])
    }

    pub fn world_from_screen(&self, rect: ScreenRect, point_on_screen: [f32; 2]) -> [f64; 2] {
        let c = center_of(rect);
        [self.center[0] + (f64::from(point_on_screen[0]) - c[0]) / self.scale, self.center[1] - (f64::from(point_on_screen[1]) - c[1]) / self.scale]
    }

    /// The projected rectangle (km) the view shows.
    pub fn world_bounds(&self, rect: ScreenRect) -> [f64; 4] {
        let a = self.world_from_screen(rect, [rect[0], rect[3]]);
        let b = self.world_from_screen(rect, [rect[2], rect[1]]);
        [a[0], a[1], b[0], b[1]]
    }

    /// Zoom by `factor`, keeping the point under `at` fixed.
    pub fn zoom_at(&mut self, rect: ScreenRect, at: [f32; 2], factor: f64) {
        let before = self.world_from_screen(rect, at);
        self.scale = (self.scale * factor).clamp(1e-4, 1e5);
        let after = self.world_from_screen(rect, at);
        self.center = [self.center[0] + before[0] - after[0], self.center[1] + before[1] - after[1]];
    }

    /// Move the map by a screen distance (a drag).
    pub fn pan(&mut self, dx: f32, dy: f32) {
        self.center[0] -= f64::from(dx) / self.scale;
        self.center[1] += f64::from(dy) / self.scale;
    }

    /// The view a fraction `t` of the way to `to`: centre linearly, zoom geometrically, eased.
    pub fn lerp(&self, to: &View, t: f64) -> View {
        let e = t * t * (3.0 - 2.0 * t);
        View {
            center: [self.center[0] + (to.center[0] - self.center[0]) * e, self.center[1] + (to.center[1] - self.center[1]) * e],
            scale: self.scale * (to.scale / self.scale).powf(e),
        }
    }
}

/// What to frame for a set of features: their bounds, or everything when none is given; a
/// single county is shown with its neighbours around it.
pub fn frame_bounds(scene: &super::Scene, features: &[usize]) -> [f64; 4] {
    let mut b = scene.bounds_of(features);
    if features.len() == 1 {
        // One county with its neighbours around it — but never wider than the whole map: a
        // large county (陈仓区 is a third of 宝鸡) would otherwise zoom out past "fit".
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        let s = scene.bounds;
        let (pw, ph) = ((w * 2.2).min((s[2] - s[0]).max(w)), (h * 2.2).min((s[3] - s[1]).max(h)));
        let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
        b = [cx - pw / 2.0, cy - ph / 2.0, cx + pw / 2.0, cy + ph / 2.0];
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_and_world_round_trip() {
        let rect = [10.0, 20.0, 810.0, 620.0];
        let view = View { center: [123.4, -56.7], scale: 3.25 };
        for p in [[123.4, -56.7], [0.0, 0.0], [200.0, 100.0], [-75.5, 12.25]] {
            let s = view.screen_from_world(rect, p);
            let back = view.world_from_screen(rect, s);
            assert!((back[0] - p[0]).abs() < 1e-3 && (back[1] - p[1]).abs() < 1e-3, "{p:?} -> {s:?} -> {back:?}");
        }
        assert_eq!(view.screen_from_world(rect, view.center), [410.0, 320.0], "the centre is the middle of the rectangle");
        let above = view.screen_from_world(rect, [123.4, -56.7 + 10.0]);
        assert!(above[1] < 320.0, "north is up: y grows downwards on screen");
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let rect = [0.0, 0.0, 400.0, 300.0];
        let mut view = View::fit([0.0, 0.0, 100.0, 50.0], rect);
        let at = [300.0, 80.0];
        let before = view.world_from_screen(rect, at);
        view.zoom_at(rect, at, 2.5);
        let after = view.world_from_screen(rect, at);
        assert!((before[0] - after[0]).abs() < 1e-9 && (before[1] - after[1]).abs() < 1e-9);
    }

    #[test]
    fn fit_shows_the_bounds() {
        let rect = [0.0, 0.0, 400.0, 300.0];
        let view = View::fit([10.0, 10.0, 110.0, 60.0], rect);
        let b = view.world_bounds(rect);
        assert!(b[0] <= 10.0 && b[1] <= 10.0 && b[2] >= 110.0 && b[3] >= 60.0, "{b:?}");
    }
}
