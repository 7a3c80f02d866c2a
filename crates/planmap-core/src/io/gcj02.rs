//! WGS-84 ⇄ GCJ-02, the obfuscated datum of Chinese web maps (Amap, whose boundaries planmap
//! bundles). The forward formula is the public one (Krasovsky ellipsoid constants and two
//! trigonometric series in longitude and latitude offset from 105° E, 35° N); it is not a
//! geodetic transform, only the offset every Chinese map applies. CGCS2000 agrees with WGS-84
//! to a few centimetres, so it goes through the same formula. Outside China the offset is zero.

use std::f64::consts::PI;

/// Semi-major axis and eccentricity squared of the Krasovsky 1940 ellipsoid, as the formula uses.
const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;

/// The rectangle the formula applies in (China's mainland with a margin, as it is published).
pub fn out_of_china(lon: f64, lat: f64) -> bool {
    !(72.004..=137.8347).contains(&lon) || !(0.8293..=55.8271).contains(&lat)
}

fn series_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn series_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// The GCJ-02 offset (degrees of longitude, latitude) at a WGS-84 point.
fn delta(lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = (lon - 105.0, lat - 35.0);
    let rad_lat = lat.to_radians();
    let magic = 1.0 - EE * rad_lat.sin() * rad_lat.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat = series_lat(x, y) * 180.0 / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    let d_lon = series_lon(x, y) * 180.0 / (A / sqrt_magic * rad_lat.cos() * PI);
    (d_lon, d_lat)
}

/// WGS-84 (or CGCS2000) longitude/latitude → GCJ-02.
pub fn from_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if out_of_china(lon, lat) {
        return (lon, lat);
    }
    let (d_lon, d_lat) = delta(lon, lat);
    (lon + d_lon, lat + d_lat)
}

/// GCJ-02 → WGS-84, by fixed-point iteration on the forward formula (the offset changes by
/// well under a millimetre across its own size, so a few rounds reach 1e-9°).
pub fn to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if out_of_china(lon, lat) {
        return (lon, lat);
    }
    let (mut w_lon, mut w_lat) = (lon, lat);
    for _ in 0..20 {
        let (g_lon, g_lat) = from_wgs84(w_lon, w_lat);
        let (e_lon, e_lat) = (g_lon - lon, g_lat - lat);
        w_lon -= e_lon;
        w_lat -= e_lat;
        if e_lon.abs() < 1e-11 && e_lat.abs() < 1e-11 {
            break;
        }
    }
    (w_lon, w_lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres between two nearby lon/lat points (equirectangular: fine at these distances).
    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        let r = 6_371_000.0;
        let dx = (b.0 - a.0).to_radians() * r * a.1.to_radians().cos();
        let dy = (b.1 - a.1).to_radians() * r;
        dx.hypot(dy)
    }

    #[test]
    fn offset_inside_china_is_hundreds_of_metres() {
        // 宝鸡, 曲靖, 济宁, 重庆, 攀枝花, and the far corners of the mainland.
        for p in [(107.2, 34.4), (103.8, 25.5), (116.6, 35.4), (106.5, 29.6), (101.7, 26.6), (87.6, 43.8), (126.6, 45.8), (110.3, 20.0)] {
            let d = metres(p, from_wgs84(p.0, p.1));
            assert!((100.0..=800.0).contains(&d), "{p:?}: {d} m");
        }
    }

    #[test]
    fn no_offset_outside_china() {
        for p in [(2.35, 48.85), (-74.0, 40.7), (139.9, 35.7), (151.2, -33.9)] {
            assert_eq!(from_wgs84(p.0, p.1), p);
            assert_eq!(to_wgs84(p.0, p.1), p);
        }
    }

    #[test]
    fn inverse_round_trips_to_a_millimetre() {
        for p in [(107.14, 34.36), (103.79, 25.49), (116.59, 35.41), (121.47, 31.23), (113.26, 23.13)] {
            let g = from_wgs84(p.0, p.1);
            let back = to_wgs84(g.0, g.1);
            assert!(metres(p, back) < 1e-3, "{p:?} → {g:?} → {back:?}");
        }
    }

    #[test]
    fn offset_is_smooth() {
        // Two points 10 m apart get offsets within a few centimetres of each other.
        let a = (107.14, 34.36);
        let b = (107.14 + 0.0001, 34.36);
        let (da, db) = (delta(a.0, a.1), delta(b.0, b.1));
        assert!(metres((0.0, 34.36), (da.0 - db.0, 34.36 + da.1 - db.1)) < 0.05);
    }
}
