//! Coordinate systems of GIS files (a Shapefile's .prj, a FlatGeobuf header) and the datums
//! planmap knows. WKT is parsed by `proj4wkt` and projected coordinates go back to lon/lat with
//! `proj4rs`. Supported: geographic WGS 84 / CGCS2000, and CGCS2000 / WGS 84 Gauss–Krüger or
//! transverse Mercator (3° and 6° zones, the false easting with or without the zone number in
//! front). Other datums (Xi'an 1980, Beijing 1954) would need a shift the file does not give:
//! they are refused by name rather than drawn a hundred metres off.

use proj4rs::proj::Proj;
use proj4wkt::builder::{Builder, Node};

/// The datum of a file's longitudes and latitudes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datum {
    /// Amap / Chinese web maps, and every boundary planmap bundles.
    Gcj02,
    Wgs84,
    /// China's official datum; within centimetres of WGS 84.
    Cgcs2000,
}

impl Datum {
    pub fn label(self) -> &'static str {
        match self {
            Datum::Gcj02 => "GCJ-02",
            Datum::Wgs84 => "WGS 84",
            Datum::Cgcs2000 => "CGCS2000",
        }
    }

    /// A layout's `boundary_datum` value: GCJ-02, WGS-84 / WGS84, CGCS2000 (any case, any
    /// punctuation).
    pub fn parse(text: &str) -> Option<Datum> {
        match squash(text).as_str() {
            "gcj02" | "gcj" | "amap" => Some(Datum::Gcj02),
            "wgs84" | "wgs1984" | "epsg4326" => Some(Datum::Wgs84),
            "cgcs2000" | "epsg4490" => Some(Datum::Cgcs2000),
            _ => None,
        }
    }

    /// Recognise a datum from the names a WKT gives it.
    fn recognise(names: &[&str]) -> Option<Datum> {
        names.iter().find_map(|n| {
            let s = squash(n);
            if s.contains("gcj") {
                Some(Datum::Gcj02)
            } else if s.contains("china2000") || s.contains("cgcs2000") || s.contains("chinageodeticcoordinatesystem2000") {
                Some(Datum::Cgcs2000)
            } else if s.contains("wgs1984") || s.contains("wgs84") || s.contains("worldgeodeticsystem1984") {
                Some(Datum::Wgs84)
            } else {
                None
            }
        })
    }
}

/// Lower-case ASCII letters and digits only: "D_China_2000" → "dchina2000".
fn squash(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Why a file's coordinate system cannot be used, naming the system (as the file names it) and
/// what in it is wrong; the file is named by the message that carries this.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CrsError {
    #[error("the coordinate system text is empty")]
    Empty,
    #[error("the coordinate system (WKT) nests more than {MAX_WKT_DEPTH} levels deep at byte {at}: real ones nest about 5; the file is damaged or not a .prj")]
    TooDeep { at: usize },
    /// The WKT parser's complaint, as text.
    #[error("cannot read the coordinate system (WKT): {reason}")]
    Unreadable { reason: String },
    #[error("the text is not a projected or geographic coordinate system")]
    NotACoordinateSystem,
    #[error(
        "the coordinate system \"{name}\" (datum \"{datum}\") is not supported: planmap reads WGS 84 and CGCS2000; \
         Xi'an 1980 or Beijing 1954 data needs a datum shift the file does not state: reproject it to CGCS2000 in a GIS first"
    )]
    UnknownDatum { name: String, datum: String },
    #[error("the coordinate system \"{name}\" counts angles in \"{unit}\": planmap reads degrees")]
    NotDegrees { name: String, unit: String },
    #[error("the projection \"{projection}\" of \"{name}\" is not supported: planmap reads Gauss–Krüger / transverse Mercator and longitude/latitude")]
    UnsupportedProjection { name: String, projection: String },
    /// The system could not be turned into a projection: `proj` is the PROJ string tried, when
    /// there was one.
    #[error("cannot use the coordinate system \"{name}\"{}: {reason}", .proj.as_ref().map(|p| format!(" ({p})")).unwrap_or_default())]
    Unusable { name: String, proj: Option<String>, reason: String },
    #[error(
        "the coordinate system \"{name}\" gives {what} as {value}, which is not possible (a latitude is within ±90°, a meridian within ±180°, a scale factor near 1, a unit above 0): the .prj is damaged"
    )]
    Impossible { name: String, what: &'static str, value: String },
    #[error("({x}, {y}) cannot be unprojected{}", .reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default())]
    Unprojectable { x: f64, y: f64, reason: Option<String> },
    #[error("the eastings start with zone number {zone}, which is not a zone of \"{name}\" (central meridian {meridian}°): the .prj belongs to other data")]
    ForeignZone { zone: f64, name: String, meridian: f64 },
}

/// A file's coordinate system: its name as the file gives it, its datum, and for projected
/// systems the projection to undo.
pub struct Crs {
    pub name: String,
    pub datum: Datum,
    projection: Option<(Proj, Proj)>,
    /// Metres added to eastings before unprojecting: a zone number the .prj and the data
    /// disagree about (see `match_eastings`).
    easting_shift: f64,
}

impl std::fmt::Debug for Crs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crs").field("name", &self.name).field("datum", &self.datum).field("projected", &self.projection.is_some()).finish()
    }
}

impl Crs {
    /// Plain longitude/latitude degrees in `datum`.
    pub fn geographic(name: &str, datum: Datum) -> Crs {
        Crs { name: name.to_string(), datum, projection: None, easting_shift: 0.0 }
    }

    pub fn is_projected(&self) -> bool {
        self.projection.is_some()
    }

    /// Read a WKT coordinate system (ESRI .prj or OGC WKT1/WKT2). Err names what is not
    /// supported.
    pub fn from_wkt(wkt: &str) -> Result<Crs, CrsError> {
        let wkt = wkt.trim().trim_start_matches('\u{feff}');
        if wkt.is_empty() {
            return Err(CrsError::Empty);
        }
        check_nesting(wkt)?;
        let node = Builder::new().parse(wkt).map_err(|e| CrsError::Unreadable { reason: e.to_string() })?;
        let (name, geogcs, projcs) = match &node {
            Node::PROJCRS(p) => (p.name, &p.geogcs, Some(p)),
            Node::GEOGCRS(g) => (g.name, g, None),
            _ => return Err(CrsError::NotACoordinateSystem),
        };
        let datum = Datum::recognise(&[geogcs.datum.name, geogcs.name, name])
            .ok_or_else(|| CrsError::UnknownDatum { name: name.to_string(), datum: geogcs.datum.name.to_string() })?;
        let Some(projcs) = projcs else {
            if let Some(unit) = &geogcs.unit
                && (unit.factor - 1f64.to_radians()).abs() > 1e-9
            {
                return Err(CrsError::NotDegrees { name: name.to_string(), unit: unit.name.to_string() });
            }
            return Ok(Crs::geographic(name, datum));
        };
        let method = squash(projcs.projection.method.name);
        let method = if method.is_empty() { squash(projcs.projection.name) } else { method };
        let tm = ["transversemercator", "gausskruger", "gausskrueger", "gaussboaga"].iter().any(|m| method.contains(m));
        if !tm || method.contains("south") {
            let projection = if projcs.projection.method.name.is_empty() { projcs.projection.name } else { projcs.projection.method.name };
            return Err(CrsError::UnsupportedProjection { name: name.to_string(), projection: projection.to_string() });
        }
        let mut text = Vec::new();
        proj4wkt::Formatter::new(&mut text).format(&node).map_err(|e| CrsError::Unusable { name: name.to_string(), proj: None, reason: e.to_string() })?;
        let text = String::from_utf8_lossy(&text).into_owned();
        check_parameters(&text, name)?;
        let src = Proj::from_proj_string(&text).map_err(|e| CrsError::Unusable { name: name.to_string(), proj: Some(text.clone()), reason: e.to_string() })?;
        // Same ellipsoid and datum, in degrees: undoing the projection is all that happens.
        let shape: Vec<&str> = text.split_whitespace().filter(|t| ["+a=", "+b=", "+rf=", "+ellps=", "+towgs84=", "+datum="].iter().any(|k| t.starts_with(k))).collect();
        let dst_text = format!("+proj=longlat {}", shape.join(" "));
        let dst = Proj::from_proj_string(&dst_text).map_err(|e| CrsError::Unusable { name: name.to_string(), proj: Some(dst_text.clone()), reason: e.to_string() })?;
        Ok(Crs { name: name.to_string(), datum, projection: Some((src, dst)), easting_shift: 0.0 })
    }

    /// A file coordinate → longitude/latitude degrees in this system's datum.
    pub fn to_lonlat(&self, x: f64, y: f64) -> Result<(f64, f64), CrsError> {
        let Some((src, dst)) = &self.projection else { return Ok((x, y)) };
        let mut p = (x + self.easting_shift, y, 0.0);
        proj4rs::transform::transform(src, dst, &mut p).map_err(|e| CrsError::Unprojectable { x, y, reason: Some(e.to_string()) })?;
        let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
        if !lon.is_finite() || !lat.is_finite() {
            return Err(CrsError::Unprojectable { x, y, reason: None });
        }
        Ok((lon, lat))
    }

    /// Gauss–Krüger eastings are written with the zone number in front (36 512 345 m) or without
    /// (512 345 m), and a .prj often disagrees with its data about it. Given the data's range of
    /// eastings, add or remove the zone number when the central meridian confirms it (3° zones:
    /// meridian = 3 × zone; 6° zones: 6 × zone − 3). Ok(Some(note)) when something was changed;
    /// Err when the eastings carry a zone number that is not this projection's.
    pub fn match_eastings(&mut self, xmin: f64, xmax: f64) -> Result<Option<String>, CrsError> {
        let Some((src, _)) = &self.projection else { return Ok(None) };
        let (fe, cm) = (src.false_easting(), src.longitude_of_origin().to_degrees());
        let zone_of = |x: f64| (x / 1e6).floor();
        let zones = [cm / 3.0, (cm + 3.0) / 6.0].into_iter().filter(|z| (z - z.round()).abs() < 1e-9 && *z >= 1.0).map(f64::round).collect::<Vec<_>>();
        let data_zone = zone_of(xmin);
        if xmin >= 1e6 && fe < 1e6 {
            if zone_of(xmax) != data_zone || !zones.contains(&data_zone) {
                return Err(CrsError::ForeignZone { zone: data_zone, name: self.name.clone(), meridian: cm });
            }
            self.easting_shift = -data_zone * 1e6;
            return Ok(Some(format!("eastings carry zone number {data_zone}, which the .prj's false easting ({fe} m) leaves out: read without it")));
        }
        if fe >= 1e6 && xmax < 1e6 && xmin > 0.0 {
            let zone = zone_of(fe);
            self.easting_shift = zone * 1e6;
            return Ok(Some(format!("eastings carry no zone number though the .prj's false easting ({fe} m) has zone {zone}: read with it")));
        }
        Ok(None)
    }

    /// The projection of a lon/lat point (for writing test data); None for geographic systems.
    pub fn from_lonlat(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let (src, dst) = self.projection.as_ref()?;
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(dst, src, &mut p).ok()?;
        Some((p.0, p.1))
    }
}

/// The deepest WKT nesting read: real coordinate systems nest five or six deep
/// (PROJCS › GEOGCS › DATUM › SPHEROID › AUTHORITY); the WKT parser recurses per level, so a
/// file of 100,000 nested brackets would overflow the stack.
const MAX_WKT_DEPTH: usize = 32;

/// Refuse WKT nested deeper than `MAX_WKT_DEPTH` before the parser recurses into it.
fn check_nesting(wkt: &str) -> Result<(), CrsError> {
    let mut depth = 0usize;
    let mut in_quotes = false;
    for (at, b) in wkt.bytes().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'[' | b'(' if !in_quotes => {
                depth += 1;
                if depth > MAX_WKT_DEPTH {
                    return Err(CrsError::TooDeep { at });
                }
            }
            b']' | b')' if !in_quotes => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The projection's parameters (as the PROJ string derived from the WKT gives them) against
/// what is possible: a unit of 0 metres, a latitude of origin of 95° or a scale factor of
/// −1e300 give a silently wrong map rather than an error further on.
fn check_parameters(proj: &str, name: &str) -> Result<(), CrsError> {
    for token in proj.split_whitespace() {
        let Some((key, value)) = token.trim_start_matches('+').split_once('=') else { continue };
        let Ok(v) = value.parse::<f64>() else { continue };
        let (what, ok) = match key {
            "lat_0" => ("the latitude of origin", v.abs() <= 90.0),
            "lon_0" => ("the central meridian", v.abs() <= 180.0),
            "pm" => ("the prime meridian", v.abs() <= 180.0),
            "k" | "k_0" => ("the scale factor", (0.9..=1.1).contains(&v)),
            "to_meter" => ("the unit (metres per unit)", v > 0.0 && v.is_finite() && v <= 1e4),
            "x_0" | "y_0" => ("the false easting or northing", v.abs() <= 1e9),
            "a" | "b" => ("the ellipsoid's axis", (6.0e6..=6.5e6).contains(&v)),
            _ => ("a parameter", v.is_finite()),
        };
        if !ok || !v.is_finite() {
            return Err(CrsError::Impossible { name: name.to_string(), what, value: value.to_string() });
        }
    }
    Ok(())
}

/// Longitude/latitude in `datum` → GCJ-02, the datum planmap draws in.
pub fn to_gcj02(datum: Datum, lon: f64, lat: f64) -> (f64, f64) {
    match datum {
        Datum::Gcj02 => (lon, lat),
        Datum::Wgs84 | Datum::Cgcs2000 => super::gcj02::from_wgs84(lon, lat),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GK_ZONE_36: &str = r#"PROJCS["CGCS2000_3_Degree_GK_Zone_36",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    const GK_CM_108: &str = r#"PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    const GK_6_ZONE_18: &str = r#"PROJCS["CGCS2000 / Gauss-Kruger zone 18",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",1],PARAMETER["false_easting",18500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4502"]]"#;
    const XIAN80: &str = r#"PROJCS["Xian_1980_3_Degree_GK_Zone_36",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
    const WEB_MERC: &str = r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]"#;
    const WGS84: &str = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;

    #[test]
    fn gauss_kruger_with_zone_prefix_round_trips() {
        let crs = Crs::from_wkt(GK_ZONE_36).expect("supported");
        assert_eq!(crs.datum, Datum::Cgcs2000);
        assert!(crs.is_projected());
        // On the central meridian the easting is the false easting.
        let (x, y) = crs.from_lonlat(108.0, 34.0).expect("projects");
        assert!((x - 36_500_000.0).abs() < 1e-3, "{x}");
        // One degree of latitude is about 111 km.
        assert!((3_700_000.0..3_800_000.0).contains(&y), "{y}");
        let (lon, lat) = crs.to_lonlat(x + 25_000.0, y).expect("unprojects");
        assert!(lon > 108.0 && (lat - 34.0).abs() < 0.01, "{lon} {lat}");
        let (x2, y2) = crs.from_lonlat(lon, lat).expect("projects");
        assert!((x2 - x - 25_000.0).abs() < 1e-4 && (y2 - y).abs() < 1e-4);
    }

    #[test]
    fn prefix_and_no_prefix_agree() {
        let with = Crs::from_wkt(GK_ZONE_36).expect("supported");
        let without = Crs::from_wkt(GK_CM_108).expect("supported");
        let a = with.to_lonlat(36_512_345.0, 3_801_000.0).expect("ok");
        let b = without.to_lonlat(512_345.0, 3_801_000.0).expect("ok");
        assert!((a.0 - b.0).abs() < 1e-10 && (a.1 - b.1).abs() < 1e-10);
    }

    #[test]
    fn zone_number_mismatch_between_prj_and_data() {
        let reference = Crs::from_wkt(GK_ZONE_36).expect("supported").to_lonlat(36_512_345.0, 3_801_000.0).expect("ok");
        // .prj without the zone number, data with it.
        let mut crs = Crs::from_wkt(GK_CM_108).expect("supported");
        assert!(crs.match_eastings(36_400_000.0, 36_600_000.0).expect("zone 36 is the 3° zone of 108°").is_some());
        assert_eq!(crs.to_lonlat(36_512_345.0, 3_801_000.0), Ok(reference));
        // .prj with the zone number, data without it.
        let mut crs = Crs::from_wkt(GK_ZONE_36).expect("supported");
        assert!(crs.match_eastings(400_000.0, 600_000.0).expect("ok").is_some());
        assert_eq!(crs.to_lonlat(512_345.0, 3_801_000.0), Ok(reference));
        // Agreeing files are left alone; a zone number from elsewhere is refused.
        let mut crs = Crs::from_wkt(GK_ZONE_36).expect("supported");
        assert_eq!(crs.match_eastings(36_400_000.0, 36_600_000.0), Ok(None));
        let mut crs = Crs::from_wkt(GK_CM_108).expect("supported");
        assert!(crs.match_eastings(19_400_000.0, 19_600_000.0).is_err_and(|e| e.to_string().contains("zone number 19")));
    }

    #[test]
    fn six_degree_zone_in_ogc_wkt() {
        let crs = Crs::from_wkt(GK_6_ZONE_18).expect("supported");
        assert_eq!(crs.datum, Datum::Cgcs2000);
        let (lon, _) = crs.to_lonlat(18_500_000.0, 3_800_000.0).expect("ok");
        assert!((lon - 105.0).abs() < 1e-9, "{lon}");
    }

    #[test]
    fn geographic_wgs84_is_lon_lat() {
        let crs = Crs::from_wkt(WGS84).expect("supported");
        assert_eq!(crs.datum, Datum::Wgs84);
        assert!(!crs.is_projected());
        assert_eq!(crs.to_lonlat(107.1, 34.3), Ok((107.1, 34.3)));
    }

    #[test]
    fn unsupported_systems_are_named() {
        let e = Crs::from_wkt(XIAN80).expect_err("Xi'an 1980 is refused").to_string();
        assert!(e.contains("Xian_1980_3_Degree_GK_Zone_36") && e.contains("D_Xian_1980"), "{e}");
        let e = Crs::from_wkt(WEB_MERC).expect_err("web Mercator is refused").to_string();
        assert!(e.contains("Mercator_Auxiliary_Sphere"), "{e}");
        let e = Crs::from_wkt("PROJCS[\"broken\",").expect_err("broken text").to_string();
        assert!(e.contains("WKT"), "{e}");
        assert_eq!(Crs::from_wkt("  ").unwrap_err(), CrsError::Empty);
    }

    /// Issue 20, defect 6: absurd parameters were accepted and the map silently wrong.
    #[test]
    fn impossible_projection_parameters_are_refused() {
        for (from, to) in [
            ("UNIT[\"Meter\",1.0]]", "UNIT[\"Meter\",0]]"),
            ("PARAMETER[\"Central_Meridian\",108.0]", "PARAMETER[\"Central_Meridian\",1e308]"),
            ("PARAMETER[\"Latitude_Of_Origin\",0.0]", "PARAMETER[\"Latitude_Of_Origin\",95]"),
            ("PARAMETER[\"Scale_Factor\",1.0]", "PARAMETER[\"Scale_Factor\",-1e300]"),
        ] {
            let wkt = GK_CM_108.replace(from, to);
            assert_ne!(wkt, GK_CM_108, "{from}");
            let e = Crs::from_wkt(&wkt).expect_err(to);
            assert!(matches!(e, CrsError::Impossible { .. }), "{to}: {e}");
            assert!(e.to_string().contains("not possible"), "{to}: {e}");
        }
        assert!(Crs::from_wkt(GK_CM_108).is_ok());
    }

    /// Issue 20, defect 3: 100,000 nested GEOGCS[ overflowed the stack.
    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let wkt = "GEOGCS[".repeat(100_000);
        let e = Crs::from_wkt(&wkt).expect_err("refused");
        assert_eq!(e, CrsError::TooDeep { at: 230 }, "the 33rd bracket");
        assert!(e.to_string().contains("nests more than 32 levels"), "{e}");
    }

    #[test]
    fn datum_names_in_layouts() {
        assert_eq!(Datum::parse("GCJ-02"), Some(Datum::Gcj02));
        assert_eq!(Datum::parse("wgs-84"), Some(Datum::Wgs84));
        assert_eq!(Datum::parse("CGCS2000"), Some(Datum::Cgcs2000));
        assert_eq!(Datum::parse("Beijing 1954"), None);
    }
}
