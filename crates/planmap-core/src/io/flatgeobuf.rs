//! FlatGeobuf (.fgb) boundary files, read with the `flatgeobuf` crate (geometry through
//! geozero into geo-types). The header's CRS decides the conversion: its WKT when there is one,
//! else the EPSG code (4326 WGS 84, 4490 CGCS2000); a CRS named GCJ-02 (as planmap writes) or
//! none at all is taken as GCJ-02.

use std::io::Cursor;
use std::path::Path;

use flatgeobuf::{FallibleStreamingIterator, FeatureProperties, FgbReader};
use geo::{Geometry, MultiPolygon};
use geozero::{ColumnValue, PropertyProcessor, ToGeo};

use super::boundary_file::ConvertError;
use super::boundary_file::{Converter, ReadOptions, Source};
use super::crs::{Crs, CrsError, Datum};
use crate::model::{Diagnostic, Feature, Severity};

/// What is wrong with a FlatGeobuf file, by feature (counted from 1 in file order); the file
/// is named by the diagnostic that carries this.
#[derive(Debug, thiserror::Error)]
pub enum FgbError {
    #[error(transparent)]
    Crs(#[from] CrsError),
    #[error("the coordinate system {org}:{code} is given without its WKT: planmap cannot use it; write the file in EPSG:4326 or EPSG:4490, or with the CRS's WKT")]
    CrsWithoutWkt { org: String, code: i32 },
    #[error("the file is truncated inside its header")]
    TruncatedHeader,
    #[error("the file has a damaged header: an index of {features} features with {node_size} entries a node cannot exist")]
    ImpossibleIndex { features: u64, node_size: u16 },
    #[error(
        "the header says the file holds {features} features, whose index alone would take {index_bytes} bytes, but only {left} bytes follow the header: the header is damaged or the file truncated"
    )]
    IndexPastTheEnd { features: u64, index_bytes: u64, left: u64 },
    #[error("the file is truncated: {stray} stray bytes after feature #{after}")]
    StrayBytes { stray: u64, after: usize },
    #[error("feature #{feature} says it is {size} bytes long, but only {left} bytes are left in the file: it is damaged or truncated")]
    FeatureTooLong { feature: usize, size: u64, left: u64 },
    #[error("the header says the file holds {claimed} features, but it holds {found}: the file is damaged or truncated")]
    CountMismatch { claimed: u64, found: usize },
    /// The header's geometry type, by name.
    #[error("the header says its features are {0}: planmap draws areas (Polygon, MultiPolygon)")]
    NotAreas(String),
    #[error("not a FlatGeobuf file, or a damaged one: {0}")]
    NotFlatGeobuf(flatgeobuf::Error),
    #[error("cannot read the features: {0}")]
    Features(flatgeobuf::Error),
    #[error("feature #{feature} cannot be read ({source}): the file is damaged or truncated")]
    FeatureUnreadable { feature: usize, source: flatgeobuf::Error },
    #[error("feature #{feature}: its properties are damaged: {why}")]
    PropertiesDamaged { feature: usize, why: PropertiesDamage },
    #[error("feature #{feature}: its properties cannot be read: {source}")]
    PropertiesUnreadable { feature: usize, source: geozero::error::GeozeroError },
    #[error("feature #{feature}: its geometry is damaged: {why}")]
    GeometryDamaged { feature: usize, why: GeometryDamage },
    #[error("feature #{feature} is not a polygon: planmap draws areas")]
    NotAPolygon { feature: usize },
    #[error("feature #{feature}: {why}")]
    Convert { feature: usize, why: ConvertError },
    /// A reading thread stopped on a structure the checks did not catch.
    #[error("the file is damaged: its structure is not valid FlatGeobuf")]
    Damaged,
}

/// How a feature's property bytes break the format (`check_properties`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PropertiesDamage {
    #[error("truncated")]
    Truncated,
    /// `column` counts from 1.
    #[error("a value of column {column} of {columns}")]
    UnknownColumn { column: usize, columns: usize },
    #[error("a length cut short")]
    LengthCutShort,
    #[error("column \"{name}\" says its value is {size} bytes, {left} are left")]
    ValueTooLong { name: String, size: usize, left: usize },
}

/// How a feature's geometry indices break the format (`check_geometry`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeometryDamage {
    #[error("{0} coordinates, not whole x/y pairs")]
    OddCoordinates(usize),
    #[error("a ring ends at point {end}, after {last}, of {points} points")]
    RingEnd { end: u32, last: u32, points: usize },
    /// `name` is the dimension: z, m, t or tm.
    #[error("{count} {name} values for {points} points")]
    TooFewValues { count: usize, name: &'static str, points: usize },
}

/// Properties in column order, as text.
pub(super) struct Collect(pub(super) Vec<(String, String)>);

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
pub(super) fn header_crs(header: &flatgeobuf::Header) -> Result<Option<Crs>, FgbError> {
    let Some(crs) = header.crs() else { return Ok(None) };
    let label = [crs.name(), crs.description()].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if label.to_ascii_lowercase().contains("gcj") {
        return Ok(Some(Crs::geographic(&label, Datum::Gcj02)));
    }
    if let Some(wkt) = crs.wkt().filter(|w| !w.trim().is_empty()) {
        return Ok(Some(Crs::from_wkt(wkt)?));
    }
    let org = crs.org().unwrap_or("EPSG");
    match (org.to_ascii_uppercase().as_str(), crs.code()) {
        (_, 0) => Ok(None),
        ("EPSG", 4326) => Ok(Some(Crs::geographic("EPSG:4326 (WGS 84)", Datum::Wgs84))),
        ("EPSG", 4490) => Ok(Some(Crs::geographic("EPSG:4490 (CGCS2000)", Datum::Cgcs2000))),
        (org, code) => Err(FgbError::CrsWithoutWkt { org: org.to_string(), code }),
    }
}

/// Files above this size are decoded on several threads (each reads the feature stream and
/// decodes its own share: skipping a feature costs a copy, decoding it is the work).
const PARALLEL_BYTES: usize = 4 << 20;

/// Bytes an index entry (a node of the packed R-tree: a box and an offset) takes.
const INDEX_NODE_BYTES: u64 = 40;

/// The size of a packed R-tree over `count` features with `node_size` children a node, as the
/// format defines it; None when it cannot exist (node size below 2, or a size that overflows).
fn index_bytes(count: u64, node_size: u16) -> Option<u64> {
    if node_size < 2 {
        return None;
    }
    let (mut n, mut nodes) = (count, count);
    while n > 1 {
        n = n.div_ceil(u64::from(node_size));
        nodes = nodes.checked_add(n)?;
    }
    nodes.checked_mul(INDEX_NODE_BYTES)
}

/// Check the parts of the file whose sizes the `flatgeobuf` crate trusts, before it reads them:
/// the index the header's feature count implies, and each feature's size prefix (the crate
/// allocates what a prefix says, so 0xFFFFFFF0 would be a 4 GiB allocation). Returns the number
/// of features the file really holds.
fn survey(bytes: &[u8], header: &flatgeobuf::Header) -> Result<usize, FgbError> {
    survey_offsets(bytes, header, None)
}

/// `survey`, also listing where each feature (its size prefix) starts.
pub(super) fn survey_offsets(bytes: &[u8], header: &flatgeobuf::Header, mut offsets: Option<&mut Vec<usize>>) -> Result<usize, FgbError> {
    let word = |at: u64| -> Option<u64> {
        let at = usize::try_from(at).ok()?;
        bytes.get(at..at.checked_add(4)?).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(|b| u64::from(u32::from_le_bytes(b)))
    };
    let len = bytes.len() as u64;
    let header_end = 12 + word(8).ok_or(FgbError::TruncatedHeader)?;
    let claimed = header.features_count();
    let mut at = header_end;
    if header.index_node_size() > 0 && claimed > 0 {
        let index = index_bytes(claimed, header.index_node_size()).ok_or(FgbError::ImpossibleIndex { features: claimed, node_size: header.index_node_size() })?;
        if index > len.saturating_sub(header_end) {
            return Err(FgbError::IndexPastTheEnd { features: claimed, index_bytes: index, left: len.saturating_sub(header_end) });
        }
        at += index;
    }
    let mut count = 0usize;
    while at < len {
        let size = word(at).ok_or(FgbError::StrayBytes { stray: len - at, after: count })?;
        let n = count + 1;
        if size > len - at - 4 {
            return Err(FgbError::FeatureTooLong { feature: n, size, left: len - at - 4 });
        }
        if let Some(o) = offsets.as_mut() {
            o.push(at as usize);
        }
        at += 4 + size;
        count = n;
    }
    if claimed != 0 && claimed != count as u64 {
        return Err(FgbError::CountMismatch { claimed, found: count });
    }
    Ok(count)
}

/// Whether the header's geometry type can hold areas (Unknown: each feature says).
pub(super) fn check_geometry_type(header: &flatgeobuf::Header) -> Result<(), FgbError> {
    use flatgeobuf::GeometryType as G;
    match header.geometry_type() {
        G::Unknown | G::Polygon | G::MultiPolygon => Ok(()),
        t => Err(FgbError::NotAreas(t.variant_name().unwrap_or("of an unknown type").to_string())),
    }
}

fn read(bytes: &[u8], opts: &ReadOptions, file: &Path, diags: &mut Vec<Diagnostic>, parallel_bytes: usize) -> Result<(Vec<Feature>, Source), FgbError> {
    let mut cursor = Cursor::new(bytes);
    let reader = FgbReader::open(&mut cursor).map_err(FgbError::NotFlatGeobuf)?;
    check_geometry_type(&reader.header())?;
    let count = survey(bytes, &reader.header())?;
    let crs = header_crs(&reader.header())?;
    let converter = Converter::new(crs, opts, file, diags);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    // A count of 0 means the header does not say: read in one pass.
    let shares: Vec<(usize, usize)> = if bytes.len() < parallel_bytes || count == 0 || threads < 2 {
        vec![(0, usize::MAX)]
    } else {
        (0..threads).map(|k| (count * k / threads, if k + 1 == threads { usize::MAX } else { count * (k + 1) / threads })).collect()
    };
    let results: Vec<Result<Share, FgbError>> = std::thread::scope(|s| {
        let converter = &converter;
        let handles: Vec<_> = shares.iter().map(|&(from, to)| s.spawn(move || read_share(bytes, from, to, converter, file))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or(Err(FgbError::Damaged))).collect()
    });
    // `count` is what the survey found in the bytes, not what the header claims.
    let mut features = Vec::new();
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

/// Walk a feature's property bytes as the crate's reader does, checking every length it would
/// slice by: the crate indexes with what the bytes say (a string length of 393222 in 42
/// bytes panics in `process_properties`).
fn check_properties(f: &flatgeobuf::FgbFeature, columns: &[(String, flatgeobuf::ColumnType)]) -> Result<(), PropertiesDamage> {
    match f.fbs_feature().properties() {
        Some(props) => check_property_bytes(props.bytes(), columns),
        None => Ok(()),
    }
}

pub(super) fn check_property_bytes(bytes: &[u8], columns: &[(String, flatgeobuf::ColumnType)]) -> Result<(), PropertiesDamage> {
    use flatgeobuf::ColumnType as C;
    let word = |at: usize, n: usize| bytes.get(at..at + n).map(|b| b.iter().rev().fold(0usize, |acc, &x| acc << 8 | usize::from(x)));
    let mut at = 0usize;
    // As the crate: it stops one byte before the end (a trailing byte is tolerated).
    while at + 1 < bytes.len() {
        let column = word(at, 2).ok_or(PropertiesDamage::Truncated)?;
        at += 2;
        let Some((name, kind)) = columns.get(column) else {
            return Err(PropertiesDamage::UnknownColumn { column: column + 1, columns: columns.len() });
        };
        let size = match *kind {
            C::Byte | C::UByte | C::Bool => 1,
            C::Short | C::UShort => 2,
            C::Int | C::UInt | C::Float => 4,
            C::Long | C::ULong | C::Double => 8,
            C::String | C::Json | C::DateTime | C::Binary => {
                let len = word(at, 4).ok_or(PropertiesDamage::LengthCutShort)?;
                at += 4;
                len
            }
            _ => 0,
        };
        if size > bytes.len().saturating_sub(at) {
            return Err(PropertiesDamage::ValueTooLong { name: name.clone(), size, left: bytes.len().saturating_sub(at) });
        }
        at += size;
    }
    Ok(())
}

/// Check the indices a feature's geometry (and each of its parts) holds against its
/// coordinates, as the crate's geometry reader uses them unchecked: ring ends within the
/// coordinates and never going back, whole x/y pairs, a z or m value per point.
fn check_geometry(f: &flatgeobuf::FgbFeature) -> Result<(), GeometryDamage> {
    match f.fbs_feature().geometry() {
        Some(top) => check_geometry_of(top),
        None => Ok(()),
    }
}

pub(super) fn check_geometry_of(top: flatgeobuf::Geometry) -> Result<(), GeometryDamage> {
    let mut stack = vec![top];
    while let Some(g) = stack.pop() {
        let pairs = match g.xy() {
            Some(xy) if xy.len() % 2 != 0 => return Err(GeometryDamage::OddCoordinates(xy.len())),
            Some(xy) => xy.len() / 2,
            None => 0,
        };
        if let Some(ends) = g.ends() {
            let mut last = 0u32;
            for end in ends.iter() {
                if end < last || end as usize > pairs {
                    return Err(GeometryDamage::RingEnd { end, last, points: pairs });
                }
                last = end;
            }
        }
        for (name, len) in [("z", g.z().map(|v| v.len())), ("m", g.m().map(|v| v.len())), ("t", g.t().map(|v| v.len())), ("tm", g.tm().map(|v| v.len()))] {
            if let Some(count) = len.filter(|n| *n < pairs) {
                return Err(GeometryDamage::TooFewValues { count, name, points: pairs });
            }
        }
        if let Some(parts) = g.parts() {
            // The verifier bounds the nesting; a part count beyond the bytes cannot pass it.
            stack.extend(parts.iter());
        }
    }
    Ok(())
}

/// Features `from..to` (0-based, in file order) of the stream, named #1, #2… by their place
/// in the whole file.
fn read_share(bytes: &[u8], from: usize, to: usize, converter: &Converter, file: &Path) -> Result<Share, FgbError> {
    let mut cursor = Cursor::new(bytes);
    let reader = FgbReader::open(&mut cursor).map_err(FgbError::NotFlatGeobuf)?;
    let columns: Vec<(String, flatgeobuf::ColumnType)> = reader.header().columns().map_or_else(Vec::new, |cs| cs.iter().map(|c| (c.name().to_string(), c.type_())).collect());
    let mut iter = reader.select_all_seq().map_err(FgbError::Features)?;
    let mut share = Share { features: Vec::new(), diags: Vec::new() };
    let mut n = 0;
    while n < to {
        let Some(f) = iter.next().map_err(|source| FgbError::FeatureUnreadable { feature: n + 1, source })? else { break };
        n += 1;
        if n <= from {
            continue;
        }
        check_properties(f, &columns).map_err(|why| FgbError::PropertiesDamaged { feature: n, why })?;
        let mut props = Collect(Vec::new());
        f.process_properties(&mut props).map_err(|source| FgbError::PropertiesUnreadable { feature: n, source })?;
        check_geometry(f).map_err(|why| FgbError::GeometryDamaged { feature: n, why })?;
        let geometry = match f.to_geo() {
            Ok(Geometry::Polygon(p)) => MultiPolygon(vec![p]),
            Ok(Geometry::MultiPolygon(m)) => m,
            Ok(_) => return Err(FgbError::NotAPolygon { feature: n }),
            Err(e) => {
                share.diags.push(Diagnostic::file(Severity::Warning, file, format!("feature #{n} has no readable geometry ({e}): it is not drawn")));
                continue;
            }
        };
        let geometry = converter.convert(geometry).map_err(|why| FgbError::Convert { feature: n, why })?;
        share.features.push(Feature { adcode: format!("#{n}"), name: format!("#{n}"), properties: props.0, geometry: geometry.into() });
    }
    Ok(share)
}

/// Read a FlatGeobuf file's polygons and properties; coordinates come out as GCJ-02 lon/lat.
pub fn load(path: &Path, opts: &ReadOptions) -> (Option<Vec<Feature>>, Source, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let bytes = match super::read::read_limited(path, super::read::max_file_bytes()) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return (None, Source::default(), diags);
        }
    };
    let (features, source, more) = parse(&bytes, path, opts);
    diags.extend(more);
    (features, source, diags)
}

/// Read FlatGeobuf bytes (the file `path`, for messages). What `load` does once the file is read.
pub fn parse(bytes: &[u8], path: &Path, opts: &ReadOptions) -> (Option<Vec<Feature>>, Source, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // The sizes the crate trusts are checked first (`survey`); the crate verifies the
    // flatbuffers it reads; this guard keeps any case both miss to a message rather than a
    // crash of the window.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes, opts, path, &mut diags, PARALLEL_BYTES)));
    match result {
        Ok(Ok((features, source))) => (Some(features), source, diags),
        Ok(Err(why)) => {
            diags.push(Diagnostic::file(Severity::Error, path, why.to_string()));
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
