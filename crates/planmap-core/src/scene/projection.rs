//! Lambert azimuthal equal-area projection centred on the layout: areas are true (a planner
//! compares county sizes) and shapes are undistorted near the centre, at city and country scale.
//! Output in kilometres, x east, y north.

const R: f64 = 6371.0088; // mean Earth radius, km

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    lon0: f64,
    sin_lat0: f64,
    cos_lat0: f64,
}

impl Projection {
    /// Centred on (lon, lat) in degrees.
    pub fn new(lon0: f64, lat0: f64) -> Self {
        let (s, c) = lat0.to_radians().sin_cos();
        Projection { lon0, sin_lat0: s, cos_lat0: c }
    }

    /// Degrees → km. The antipode (never in a layout) maps to the far rim instead of infinity.
    pub fn forward(&self, lon: f64, lat: f64) -> [f64; 2] {
        let (sl, cl) = lat.to_radians().sin_cos();
        let (sd, cd) = (lon - self.lon0).to_radians().sin_cos();
        let denom = 1.0 + self.sin_lat0 * sl + self.cos_lat0 * cl * cd;
        let k = (2.0 / denom.max(1e-12)).sqrt();
        [R * k * cl * sd, R * k * (self.cos_lat0 * sl - self.sin_lat0 * cl * cd)]
    }

    /// km → degrees.
    pub fn inverse(&self, x: f64, y: f64) -> [f64; 2] {
        let rho = (x * x + y * y).sqrt();
        if rho < 1e-12 {
            return [self.lon0, self.sin_lat0.asin().to_degrees()];
        }
        let c = 2.0 * (rho / (2.0 * R)).min(1.0).asin();
        let (sc, cc) = c.sin_cos();
        let lat = (cc * self.sin_lat0 + y * sc * self.cos_lat0 / rho).clamp(-1.0, 1.0).asin();
        let lon = self.lon0.to_radians() + (x * sc).atan2(rho * self.cos_lat0 * cc - y * self.sin_lat0 * sc);
        [lon.to_degrees(), lat.to_degrees()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact_to_a_millimetre() {
        let p = Projection::new(107.2, 34.4);
        for (lon, lat) in [(107.2, 34.4), (106.1, 33.5), (108.0, 35.2), (73.5, 39.0), (135.0, 48.0), (110.0, 18.0)] {
            let [x, y] = p.forward(lon, lat);
            let [lo, la] = p.inverse(x, y);
            assert!((lo - lon).abs() < 1e-8 && (la - lat).abs() < 1e-8, "{lon},{lat} -> {lo},{la}");
        }
    }

    #[test]
    fn scale_is_true_near_the_centre() {
        let p = Projection::new(107.0, 34.0);
        let [_, y] = p.forward(107.0, 35.0);
        assert!((y - 111.2).abs() < 0.2, "one degree of latitude ≈ 111.2 km, got {y}");
        let [x, _] = p.forward(108.0, 34.0);
        assert!((x - 111.2 * 34f64.to_radians().cos()).abs() < 0.3, "{x}");
    }
}
