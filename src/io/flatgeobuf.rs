//! FlatGeobuf (.fgb) boundary files, read with the `flatgeobuf` crate (geometry through
//! geozero into geo-types). The header's CRS decides the conversion: its WKT when there is one,
//! else the EPSG code (4326 WGS 84, 4490 CGCS2000); a CRS named GCJ-02 (as planmap writes) or
//! none at all is taken as GCJ-02.

use std::io::Cursor;
use std::path::Path;

use flatgeobuf::{FallibleStreamingIterator, FeatureProperties, FgbReader};
use geo::{Geometry, MultiPolygon};
use geozero::{ColumnValue, PropertyProcessor, ToGeo};

use super::boundary_file::{Converter, ReadOptions, Source};
use super::crs::{Crs, Datum};
use crate::model::{Diagnostic, Feature, Severity};

/// Properties in column order, as text.
struct Collect(Vec<(String, String)>);

impl PropertyProcessor for Collect {
    fn property(&mut self, _idx: usize, name: &str, value: &ColumnValue) -> geozero::error::Result<bool> {
        let text = match value {
            ColumnValue::Double(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
            ColumnValue::Float(x) if x.fract() == 0.0 && x.abs() < 1e7 => format!("{}", *x as i64),
            ColumnValue::Binary(_) => return Ok(false),
            v => v.to_string(),
        };
        self.0.push((name.to_string(), text));
        Ok(false)
    }
}

/// The CRS a header states, if planmap can use it.
fn header_crs(header: &flatgeobuf::Header) -> Result<Option<Crs>, String> {
    let Some(crs) = header.crs() else { return Ok(None) };
    let label = [crs.name(), crs.description()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if label.to_ascii_lowercase().contains("gcj") {
        return Ok(Some(Crs::geographic(&label, Datum::Gcj02)));
    }
    if let Some(wkt) = crs.wkt().filter(|w| !w.trim().is_empty()) {
        return Crs::from_wkt(wkt).map(Some);
    }
    let org = crs.org().unwrap_or("EPSG");
    match (org.to_ascii_uppercase().as_str(), crs.code()) {
        (_, 0) => Ok(None),
        ("EPSG", 4326) => Ok(Some(Crs::geographic("EPSG:4326 (WGS 84)", Datum::Wgs84))),
        ("EPSG", 4490) => Ok(Some(Crs::geographic("EPSG:4490 (CGCS2000)", Datum::Cgcs2000))),
        (org, code) => Err(format!("the coordinate system {org}:{code} is given without its WKT: planmap cannot use it; write the file in EPSG:4326 or EPSG:4490, or with the CRS's WKT")),
    }
}

fn read(bytes: &[u8], opts: &ReadOptions, file: &Path, diags: &mut Vec<Diagnostic>) -> Result<(Vec<Feature>, Source), String> {
    let mut cursor = Cursor::new(bytes);
    let reader = FgbReader::open(&mut cursor).map_err(|e| format!("not a FlatGeobuf file, or a damaged one: {e}"))?;
    let crs = header_crs(&reader.header())?;
    let converter = Converter::new(crs, opts, file, diags);
    let mut iter = reader.select_all_seq().map_err(|e| format!("cannot read the features: {e}"))?;
    let mut features = Vec::new();
    let mut n = 0;
    while let Some(f) = iter.next().map_err(|e| format!("feature #{} cannot be read ({e}): the file is damaged or truncated", n + 1))? {
        n += 1;
        let mut props = Collect(Vec::new());
        f.process_properties(&mut props).map_err(|e| format!("feature #{n}: its properties cannot be read: {e}"))?;
        let geometry = match f.to_geo() {
            Ok(Geometry::Polygon(p)) => MultiPolygon(vec![p]),
            Ok(Geometry::MultiPolygon(m)) => m,
            Ok(_) => return Err(format!("feature #{n} is not a polygon: planmap draws areas")),
            Err(e) => {
                diags.push(Diagnostic::file(Severity::Warning, file, format!("feature #{n} has no readable geometry ({e}): it is not drawn")));
                continue;
            }
        };
        let geometry = converter.convert(geometry).map_err(|why| format!("feature #{n}: {why}"))?;
        features.push(Feature { adcode: format!("#{n}"), name: format!("#{n}"), properties: props.0, geometry });
    }
    Ok((features, Source { encoding: None, crs: Some(converter.describe()) }))
}

/// Read a FlatGeobuf file's polygons and properties; coordinates come out as GCJ-02 lon/lat.
pub fn load(path: &Path, opts: &ReadOptions) -> (Option<Vec<Feature>>, Source, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::NotFound { "file not found".to_string() } else { format!("cannot read file: {e}") };
            diags.push(Diagnostic::file(Severity::Error, path, why));
            return (None, Source::default(), diags);
        }
    };
    // The crate verifies the flatbuffers it reads; this guard keeps any case it misses in a
    // damaged file to a message rather than a crash of the window.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&bytes, opts, path, &mut diags)));
    match result {
        Ok(Ok((features, source))) => (Some(features), source, diags),
        Ok(Err(why)) => {
            diags.push(Diagnostic::file(Severity::Error, path, why));
            (None, Source::default(), diags)
        }
        Err(_) => {
            diags.push(Diagnostic::file(Severity::Error, path, "the file is damaged: its structure is not valid FlatGeobuf"));
            (None, Source::default(), diags)
        }
    }
}
