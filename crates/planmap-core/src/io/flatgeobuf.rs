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
        (org, code) => {
            Err(format!("the coordinate system {org}:{code} is given without its WKT: planmap cannot use it; write the file in EPSG:4326 or EPSG:4490, or with the CRS's WKT"))
        }
    }
}

/// Files above this size are decoded on several threads (each reads the feature stream and
/// decodes its own share: skipping a feature costs a copy, decoding it is the work).
const PARALLEL_BYTES: usize = 4 << 20;

fn read(bytes: &[u8], opts: &ReadOptions, file: &Path, diags: &mut Vec<Diagnostic>, parallel_bytes: usize) -> Result<(Vec<Feature>, Source), String> {
    let mut cursor = Cursor::new(bytes);
    let reader = FgbReader::open(&mut cursor).map_err(|e| format!("not a FlatGeobuf file, or a damaged one: {e}"))?;
    let count = usize::try_from(reader.header().features_count()).unwrap_or(0);
    let crs = header_crs(&reader.header())?;
    let converter = Converter::new(crs, opts, file, diags);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    // A count of 0 means the header does not say: read in one pass.
    let shares: Vec<(usize, usize)> = if bytes.len() < parallel_bytes || count == 0 || threads < 2 {
        vec![(0, usize::MAX)]
    } else {
        (0..threads).map(|k| (count * k / threads, if k + 1 == threads { usize::MAX } else { count * (k + 1) / threads })).collect()
    };
    let results: Vec<Result<Share, String>> = std::thread::scope(|s| {
        let converter = &converter;
        let handles: Vec<_> = shares.iter().map(|&(from, to)| s.spawn(move || read_share(bytes, from, to, converter, file))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("the file is damaged: its structure is not valid FlatGeobuf".to_string()))).collect()
    });
    let mut features = Vec::with_capacity(count);
    for share in results {
        let share = share?;
        features.extend(share.features);
        diags.extend(share.diags);
    }
    Ok((features, Source { encoding: None, crs: Some(converter.describe()) }))
}

struct Share {
    features: Vec<Feature>,
    diags: Vec<Diagnostic>,
}

/// Features `from..to` (0-based, in file order) of the stream, named #1, #2… by their place
/// in the whole file.
fn read_share(bytes: &[u8], from: usize, to: usize, converter: &Converter, file: &Path) -> Result<Share, String> {
    let mut cursor = Cursor::new(bytes);
    let reader = FgbReader::open(&mut cursor).map_err(|e| format!("not a FlatGeobuf file, or a damaged one: {e}"))?;
    let mut iter = reader.select_all_seq().map_err(|e| format!("cannot read the features: {e}"))?;
    let mut share = Share { features: Vec::new(), diags: Vec::new() };
    let mut n = 0;
    while n < to {
        let Some(f) = iter.next().map_err(|e| format!("feature #{} cannot be read ({e}): the file is damaged or truncated", n + 1))? else { break };
        n += 1;
        if n <= from {
            continue;
        }
        let mut props = Collect(Vec::new());
        f.process_properties(&mut props).map_err(|e| format!("feature #{n}: its properties cannot be read: {e}"))?;
        let geometry = match f.to_geo() {
            Ok(Geometry::Polygon(p)) => MultiPolygon(vec![p]),
            Ok(Geometry::MultiPolygon(m)) => m,
            Ok(_) => return Err(format!("feature #{n} is not a polygon: planmap draws areas")),
            Err(e) => {
                share.diags.push(Diagnostic::file(Severity::Warning, file, format!("feature #{n} has no readable geometry ({e}): it is not drawn")));
                continue;
            }
        };
        let geometry = converter.convert(geometry).map_err(|why| format!("feature #{n}: {why}"))?;
        share.features.push(Feature { adcode: format!("#{n}"), name: format!("#{n}"), properties: props.0, geometry });
    }
    Ok(share)
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
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&bytes, opts, path, &mut diags, PARALLEL_BYTES)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The threads' shares put together are the one-pass reading: same features, same order.
    #[test]
    fn shares_read_as_one_pass() {
        let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/gis/baoji3.fgb");
        let bytes = std::fs::read(&file).unwrap();
        let opts = ReadOptions::default();
        let (one, _) = read(&bytes, &opts, &file, &mut Vec::new(), usize::MAX).unwrap();
        let (split, _) = read(&bytes, &opts, &file, &mut Vec::new(), 0).unwrap();
        assert!(one.len() >= 2, "the fixture has several features");
        assert_eq!(one.len(), split.len());
        for (a, b) in one.iter().zip(&split) {
            assert_eq!((&a.name, &a.properties, &a.geometry), (&b.name, &b.properties, &b.geometry));
        }
    }
}
