//! Triangles for filling polygons. egui's convex_polygon fans from one vertex, which is wrong
//! for concave counties and holes; earcut triangulates any simple polygon with holes, once.

use geo::{MultiPolygon, TriangulateEarcut};

/// Triangles in projected km: `indices` take vertices three at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tris {
    pub vertices: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
}

impl Tris {
    pub fn of(shape: &MultiPolygon<f64>) -> Tris {
        let mut t = Tris::default();
        for polygon in &shape.0 {
            let raw = polygon.earcut_triangles_raw();
            let base = t.vertices.len() as u32;
            t.vertices.extend(raw.vertices.iter().map(|&[x, y]| [x as f32, y as f32]));
            t.indices.extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        }
        t
    }

    /// Total area of the triangles (km²), for checking a triangulation against its polygon.
    pub fn area(&self) -> f64 {
        self.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize].map(f64::from));
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    pub fn as_ref(&self) -> MeshRef<'_> {
        MeshRef { vertices: &self.vertices, indices: &self.indices }
    }
}

/// Triangles borrowed from where they are kept: a level's points and its indices, or a `Tris`.
#[derive(Debug, Clone, Copy)]
pub struct MeshRef<'a> {
    pub vertices: &'a [[f32; 2]],
    pub indices: &'a [u32],
}

impl MeshRef<'_> {
    /// Total area of the triangles (km²).
    pub fn area(&self) -> f64 {
        self.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices.get(i as usize).copied().unwrap_or_default().map(f64::from));
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, LineString, Polygon};

    fn ring(points: &[(f64, f64)]) -> LineString<f64> {
        points.iter().copied().collect()
    }

    #[test]
    fn u_shape_area_is_exact() {
        // A U: concave, so a fan from any vertex would cover the notch.
        let u = Polygon::new(ring(&[(0., 0.), (3., 0.), (3., 3.), (2., 3.), (2., 1.), (1., 1.), (1., 3.), (0., 3.), (0., 0.)]), vec![]);
        let t = Tris::of(&MultiPolygon(vec![u.clone()]));
        assert!((t.area() - u.unsigned_area()).abs() < 1e-6, "{} vs {}", t.area(), u.unsigned_area());
        assert!((t.area() - 7.0).abs() < 1e-6);
    }

    #[test]
    fn hole_is_left_empty() {
        let square = ring(&[(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        let hole = ring(&[(3., 3.), (3., 7.), (7., 7.), (7., 3.), (3., 3.)]);
        let p = Polygon::new(square, vec![hole]);
        let t = Tris::of(&MultiPolygon(vec![p.clone()]));
        assert!((t.area() - 84.0).abs() < 1e-6, "{}", t.area());
        assert!((t.area() - p.unsigned_area()).abs() < 1e-6);
    }
}
