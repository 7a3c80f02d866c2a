//! Every boundary file goes through here: GeoJSON (.geojson, .json), FlatGeobuf (.fgb) and
//! Shapefile (.shp with .shx, .dbf, .prj, .cpg), chosen by extension. Whatever the format, the
//! result is `Boundaries` in GCJ-02 longitude/latitude (the datum of every boundary planmap
//! bundles, so a file in WGS 84 or CGCS2000 is converted rather than drawn 300–600 m off), with
//! each unit's adcode and name taken from a field the layout names or one recognised by name.

use std::path::Path;

use geo::{Coord, MapCoords, MultiPolygon};

use super::crs::{Crs, CrsError, Datum};
use crate::model::{Boundaries, Diagnostic, Feature, Plan, Severity};

/// What a layout says about reading its boundary file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// The field holding each unit's adcode (`[plan] boundary_adcode`); else recognised.
    pub adcode_field: Option<String>,
    /// The field holding each unit's name (`[plan] boundary_name`); else recognised.
    pub name_field: Option<String>,
    /// The datum of the file's coordinates (`[plan] boundary_datum`), overriding what the file
    /// says; for a file that says nothing (GeoJSON, no .prj) the default is GCJ-02.
    pub datum: Option<Datum>,
    /// Skip the geometry checks that can only warn (rings crossing themselves, holes outside):
    /// for an export, which shows errors only; the work is a third of reading a country.
    pub skip_geometry_warnings: bool,
}

/// A layout's `boundary_datum` that planmap does not know; `at` is the value's byte offset in
/// the layout file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("boundary_datum \"{value}\" is not known: write \"GCJ-02\", \"WGS-84\" or \"CGCS2000\"")]
pub struct UnknownDatum {
    pub value: String,
    pub at: usize,
}

impl ReadOptions {
    /// The options a layout gives.
    pub fn of(plan: &Plan) -> Result<ReadOptions, UnknownDatum> {
        let m = &plan.plan;
        let datum = match &m.boundary_datum {
            None => None,
            Some(d) => Some(Datum::parse(d.get_ref()).ok_or_else(|| UnknownDatum { value: d.get_ref().clone(), at: d.span().start })?),
        };
        Ok(ReadOptions { adcode_field: m.boundary_adcode.clone(), name_field: m.boundary_name.clone(), datum, skip_geometry_warnings: false })
    }
}

/// How a file was read, for the one note that says so.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub encoding: Option<String>,
    pub crs: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    GeoJson,
    FlatGeobuf,
    Shapefile,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("geojson" | "json") => Some(Format::GeoJson),
        Some("fgb") => Some(Format::FlatGeobuf),
        Some("shp") => Some(Format::Shapefile),
        _ => None,
    }
}

/// A file planmap opens as boundaries (rather than as a layout).
pub fn is_boundary_file(path: &Path) -> bool {
    format_of(path).is_some()
}

/// Read a boundary file with default options (see `load_boundaries_with`).
pub fn load_boundaries(path: &Path) -> (Option<Boundaries>, Vec<Diagnostic>) {
    load_boundaries_with(path, &ReadOptions::default())
}

/// Read a boundary file of any supported format. The boundaries are returned when there is no
/// error; warnings and notes (the encoding, coordinate system and fields used) come either way.
pub fn load_boundaries_with(path: &Path, opts: &ReadOptions) -> (Option<Boundaries>, Vec<Diagnostic>) {
    load_boundaries_progress(path, opts, &crate::io::progress::NONE)
}

/// `load_boundaries_with`, reporting progress (GeoJSON: as it parses); cancelled, it returns
/// nothing.
pub fn load_boundaries_progress(path: &Path, opts: &ReadOptions, progress: &crate::io::progress::Progress) -> (Option<Boundaries>, Vec<Diagnostic>) {
    let format = format_of(path).unwrap_or(Format::GeoJson);
    progress.set(crate::io::progress::Stage::Reading, 0.0);
    let (features, source, mut diags) = match format {
        Format::GeoJson => {
            let (b, mut d) = super::geojson::load_boundaries_progress(path, !opts.skip_geometry_warnings, progress);
            let Some(b) = b else { return (None, d) };
            let mut source = Source::default();
            let features = match opts.datum {
                Some(datum @ (Datum::Wgs84 | Datum::Cgcs2000)) => {
                    let conv = Converter { crs: None, datum: Some(datum) };
                    source.crs = Some(conv.describe());
                    let mut out = Vec::with_capacity(b.features.len());
                    for f in b.features {
                        match conv.convert(f.geometry.to_geo()) {
                            Ok(geometry) => out.push(Feature { geometry: geometry.into(), ..f }),
                            Err(why) => {
                                d.push(Diagnostic::file(Severity::Error, path, format!("feature {}: {why}", f.adcode)));
                                return (None, d);
                            }
                        }
                    }
                    out
                }
                _ => b.features,
            };
            (features, source, d)
        }
        Format::Shapefile => match super::shapefile::load(path, opts) {
            (Some(f), s, d) => (f, s, d),
            (None, _, d) => return (None, d),
        },
        Format::FlatGeobuf => match super::flatgeobuf::load(path, opts) {
            (Some(f), s, d) => (f, s, d),
            (None, _, d) => return (None, d),
        },
    };
    let mut features = features;
    let fields = match choose_fields(&mut features, opts, format == Format::GeoJson, path, &mut diags) {
        Some(f) => f,
        None => return (None, diags),
    };
    if format != Format::GeoJson || source.crs.is_some() {
        let kind = match format {
            Format::GeoJson => "GeoJSON",
            Format::FlatGeobuf => "FlatGeobuf",
            Format::Shapefile => "Shapefile",
        };
        let mut parts = vec![format!("read as {kind}")];
        parts.extend(source.encoding.map(|e| format!("text {e}")));
        parts.extend(source.crs.map(|c| format!("coordinates {c}")));
        parts.extend(fields);
        diags.push(Diagnostic::file(Severity::Info, path, parts.join("; ")));
    }
    if format != Format::GeoJson {
        let mut seen = std::collections::HashSet::new();
        for f in &features {
            if !seen.insert(f.adcode.as_str()) {
                diags.push(Diagnostic::file(Severity::Warning, path, format!("two units have adcode \"{}\": layouts will use the first", f.adcode)));
            }
        }
        if features.is_empty() {
            diags.push(Diagnostic::file(Severity::Warning, path, "no polygon features: nothing to draw"));
        }
    }
    let ok = !diags.iter().any(Diagnostic::is_error);
    (ok.then_some(Boundaries { features }), diags)
}

/// Field names that hold a unit's code, as Chinese GIS data names them (行政区代码 XZQDM,
/// 省级行政区代码 PAC, GB codes …), compared without case.
const ADCODE_FIELDS: &[&str] = &["adcode", "xzqdm", "xzqhdm", "pac", "code", "qhdm", "xzqh", "gb", "dm", "ad_code", "admin_code", "county_code", "行政区代码", "行政区划代码"];
/// Field names that hold a unit's name (行政区名称 XZQMC, 名称 MC …).
const NAME_FIELDS: &[&str] = &["name", "xzqmc", "xzqhmc", "mc", "qhmc", "name_chn", "name_zh", "county", "name_cn", "行政区名称", "名称"];

/// The field among `keys` that holds the units' names, when one is recognised.
pub fn name_field(keys: &[String]) -> Option<String> {
    find_field(keys, NAME_FIELDS)
}

fn find_field(keys: &[String], candidates: &[&str]) -> Option<String> {
    candidates.iter().find_map(|c| keys.iter().find(|k| k.trim().to_lowercase() == *c).cloned())
}

/// Set each feature's adcode and name from the chosen fields. Returns what was chosen, for the
/// note; None when a field the layout names does not exist (an error is pushed).
fn choose_fields(features: &mut [Feature], opts: &ReadOptions, geojson: bool, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
    let mut keys: Vec<String> = Vec::new();
    for (k, _) in features.iter().flat_map(|f| &f.properties) {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let listed = || if keys.is_empty() { "none".to_string() } else { keys.join(", ") };
    let mut chosen = Vec::new();
    for (what, given, candidates, setting) in [("adcode", &opts.adcode_field, ADCODE_FIELDS, "boundary_adcode"), ("name", &opts.name_field, NAME_FIELDS, "boundary_name")] {
        let field = match given {
            Some(f) if keys.contains(f) => Some(f.clone()),
            Some(f) => {
                diags.push(Diagnostic::file(Severity::Error, path, format!("has no field \"{f}\" (the layout's {setting}); its fields are: {}", listed())));
                return None;
            }
            // The GeoJSON reader already used `adcode`/`name` (or the feature id).
            None if geojson && keys.iter().any(|k| k == what) => continue,
            None => find_field(&keys, candidates),
        };
        let Some(field) = field else {
            if !geojson {
                diags.push(Diagnostic::file(
                    Severity::Warning,
                    path,
                    format!(
                        "no {what} field recognised (fields: {}): units are numbered #1, #2 …; name the field with {setting} = \"FIELD\" in the layout's [plan]",
                        listed()
                    ),
                ));
            }
            continue;
        };
        for f in features.iter_mut() {
            let Some(v) = f.property(&field).map(str::to_string) else { continue };
            if what == "adcode" {
                f.adcode = v;
            } else {
                f.name = v;
            }
        }
        chosen.push(format!("{what} from field {field}"));
    }
    // A unit with a code but no name field shows its code, as the GeoJSON reader does.
    for f in features.iter_mut() {
        if f.name.starts_with('#') {
            f.name = f.adcode.clone();
        }
    }
    Some(chosen)
}

/// Why a point of a file cannot be placed on the map; the caller names the feature and file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConvertError {
    #[error(transparent)]
    Crs(#[from] CrsError),
    #[error("({x}, {y}) falls outside the earth in \"{crs}\": the .prj does not match the coordinates (a zone number in the eastings, or another zone?)")]
    OutsideTheEarth { x: f64, y: f64, crs: String },
    #[error("({x}, {y}) is not longitude/latitude: the file looks projected, but states no projection; add its .prj")]
    NotLonLat { x: f64, y: f64 },
}

/// File coordinates → GCJ-02 longitude/latitude: undo the projection (if any), check the range,
/// apply the datum offset (if the data is WGS 84 / CGCS2000).
pub struct Converter {
    crs: Option<Crs>,
    /// The datum of the lon/lat coordinates; None when unknown (taken as GCJ-02).
    datum: Option<Datum>,
}

impl Converter {
    /// `crs` is what the file states; the layout's `boundary_datum` overrides its datum. A
    /// file that states nothing gets a warning that says what is assumed.
    pub fn new(crs: Option<Crs>, opts: &ReadOptions, file: &Path, diags: &mut Vec<Diagnostic>) -> Converter {
        let datum = opts.datum.or(crs.as_ref().map(|c| c.datum));
        if crs.is_none() && opts.datum.is_none() {
            diags.push(Diagnostic::file(
                Severity::Warning,
                file,
                "states no coordinate system (no .prj / CRS): read as longitude/latitude in GCJ-02 like planmap's own boundaries; \
                 if it is WGS 84 or CGCS2000 it sits 300–600 m off: add the .prj or set boundary_datum = \"CGCS2000\" in the layout",
            ));
        }
        Converter { crs, datum }
    }

    pub fn describe(&self) -> String {
        let from = self.crs.as_ref().map(|c| if c.is_projected() { format!("{} (projected, unprojected to lon/lat)", c.name) } else { c.name.clone() });
        let datum = match self.datum {
            None | Some(Datum::Gcj02) => "GCJ-02, as planmap draws".to_string(),
            Some(d) => format!("{} converted to GCJ-02 to match planmap's boundaries", d.label()),
        };
        match from {
            Some(f) => format!("{f}, {datum}"),
            None => datum,
        }
    }

    pub fn convert(&self, g: MultiPolygon<f64>) -> Result<MultiPolygon<f64>, ConvertError> {
        g.try_map_coords(|c: Coord<f64>| {
            let [x, y] = self.point(c.x, c.y)?;
            Ok(Coord { x, y })
        })
    }

    /// One point of the file → GCJ-02 longitude/latitude.
    #[inline]
    pub fn point(&self, x: f64, y: f64) -> Result<[f64; 2], ConvertError> {
        let (lon, lat) = match &self.crs {
            Some(crs) => crs.to_lonlat(x, y)?,
            None => (x, y),
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(match &self.crs {
                Some(crs) if crs.is_projected() => ConvertError::OutsideTheEarth { x, y, crs: crs.name.clone() },
                _ => ConvertError::NotLonLat { x, y },
            });
        }
        let (x, y) = super::crs::to_gcj02(self.datum.unwrap_or(Datum::Gcj02), lon, lat);
        Ok([x, y])
    }
}
