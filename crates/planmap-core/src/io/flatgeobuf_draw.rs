//! FlatGeobuf read straight for drawing: coordinates taken in place from the file's bytes
//! (no geo types, no copy of the feature stream), each point converted as `flatgeobuf::load`
//! converts it, mapped by the caller (to pixels) and thinned to what a picture can show;
//! features spread over every core by the offsets the size check already walks. The same
//! checks as `flatgeobuf::load`, with the same messages, come first; a file it refuses is
//! refused here.

use std::path::Path;

use flatgeobuf::{ColumnType as C, GeometryType as G};
use geozero::ColumnValue;
use geozero::PropertyProcessor;

use super::boundary_file::{Converter, ReadOptions};
use super::flatgeobuf::{Collect, FgbError, PropertiesDamage, check_geometry_of, check_geometry_type, check_property_bytes, header_crs, survey_offsets};
use crate::model::{Diagnostic, Severity};

/// Whether `path` is read as FlatGeobuf (by its extension, as `load_boundaries` chooses).
pub fn is_flatgeobuf(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("fgb"))
}

/// A feature as drawn: its properties (text, in column order) and its rings, mapped and
/// thinned (rings left with fewer than three points dropped).
pub struct Drawn {
    pub properties: Vec<(String, String)>,
    pub rings: Vec<Vec<[f32; 2]>>,
}

impl Drawn {
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Read `path` for drawing. `map` is given the data's bounds (GCJ-02 lon/lat: min x, min y,
/// max x, max y; measured only when `need_bounds`) and returns the mapping of a lon/lat point
/// to the picture; a point within `thin` (L1, picture units) of the last one kept is dropped,
/// the ring's last point always kept.
pub fn load<F>(path: &Path, opts: &ReadOptions, need_bounds: bool, thin: f32, map: impl FnOnce([f64; 4]) -> F) -> (Option<Vec<Drawn>>, Vec<Diagnostic>)
where
    F: Fn(f64, f64) -> [f32; 2] + Sync,
{
    let mut diags = Vec::new();
    let bytes = match super::read::read_limited(path, super::read::max_file_bytes()) {
        Ok(b) => b,
        Err(d) => return (None, vec![d]),
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(&bytes, opts, path, &mut diags, need_bounds, thin, map)));
    match result {
        Ok(Ok(features)) => {
            if features.is_empty() {
                diags.push(Diagnostic::file(Severity::Warning, path, "no polygon features: nothing to draw"));
            }
            (Some(features), diags)
        }
        Ok(Err(why)) => {
            diags.push(Diagnostic::file(Severity::Error, path, why.to_string()));
            (None, diags)
        }
        Err(_) => {
            diags.push(Diagnostic::file(Severity::Error, path, "the file is damaged: its structure is not valid FlatGeobuf"));
            (None, diags)
        }
    }
}

/// One feature's place in the file and its number (from 1).
type Slot = (usize, usize);

fn read<F>(
    bytes: &[u8],
    opts: &ReadOptions,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
    need_bounds: bool,
    thin: f32,
    map: impl FnOnce([f64; 4]) -> F,
) -> Result<Vec<Drawn>, FgbError>
where
    F: Fn(f64, f64) -> [f32; 2] + Sync,
{
    let mut cursor = std::io::Cursor::new(bytes);
    let reader = flatgeobuf::FgbReader::open(&mut cursor).map_err(FgbError::NotFlatGeobuf)?;
    let header = reader.header();
    check_geometry_type(&header)?;
    let mut offsets = Vec::new();
    survey_offsets(bytes, &header, Some(&mut offsets))?;
    let converter = Converter::new(header_crs(&header)?, opts, file, diags);
    let columns: Vec<(String, C)> = header.columns().map_or_else(Vec::new, |cs| cs.iter().map(|c| (c.name().to_string(), c.type_())).collect());
    let kind = header.geometry_type();
    let slots: Vec<Slot> = offsets.into_iter().enumerate().map(|(k, at)| (at, k + 1)).collect();
    let ctx = Ctx { bytes, columns: &columns, kind, converter: &converter, file };

    let bounds = if need_bounds {
        let parts = on_every_core(&slots, |chunk| ctx.bounds(chunk));
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in parts {
            let p = p?;
            b = [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[2]), b[3].max(p[3])];
        }
        b
    } else {
        [0.0; 4]
    };
    let map = map(bounds);
    let parts = on_every_core(&slots, |chunk| ctx.draw(chunk, &map, thin));
    let mut features = Vec::with_capacity(slots.len());
    for p in parts {
        let p = p?;
        features.extend(p.features);
        diags.extend(p.diags);
    }
    Ok(features)
}

/// `work` on runs of features, on every core, the results in file order. Runs are short and
/// handed to whichever core is free: a country's features are uneven (a quarter of the
/// points in a few western counties), and a half per core left one idle.
fn on_every_core<T: Send>(slots: &[Slot], work: impl Fn(&[Slot]) -> Result<T, FgbError> + Sync) -> Vec<Result<T, FgbError>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let run = slots.len().div_ceil(threads * 16).max(1);
    let queue = std::sync::Mutex::new(slots.chunks(run).enumerate());
    let mut done: Vec<(usize, Result<T, FgbError>)> = std::thread::scope(|s| {
        let worker = || {
            let mut mine = Vec::new();
            while let Some((k, chunk)) = queue.lock().ok().and_then(|mut q| q.next()) {
                mine.push((k, work(chunk)));
            }
            mine
        };
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|_| vec![(usize::MAX, Err(FgbError::Damaged))])).collect()
    });
    done.sort_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

struct Share {
    features: Vec<Drawn>,
    diags: Vec<Diagnostic>,
}

struct Ctx<'a> {
    bytes: &'a [u8],
    columns: &'a [(String, C)],
    kind: G,
    converter: &'a Converter,
    file: &'a Path,
}

/// A feature's polygons: each a list of rings (ranges of points in `xy`, as pairs).
enum Geometry<'a> {
    Areas(Vec<flatgeobuf::Geometry<'a>>),
    /// Not readable: skipped with a warning, as `flatgeobuf::load` does.
    Unreadable(geozero::error::GeozeroError),
}

impl<'a> Ctx<'a> {
    /// The feature at `at`, its geometry checked.
    fn feature(&self, (at, n): Slot) -> Result<flatgeobuf::Feature<'a>, FgbError> {
        let size = self.bytes.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map(u32::from_le_bytes).ok_or(FgbError::Damaged)? as usize;
        let buf = self.bytes.get(at..at + 4 + size).ok_or(FgbError::Damaged)?;
        let f = flatgeobuf::size_prefixed_root_as_feature(buf).map_err(|e| FgbError::FeatureUnreadable { feature: n, source: flatgeobuf::Error::InvalidFlatbuffer(e) })?;
        if let Some(g) = f.geometry() {
            check_geometry_of(g).map_err(|why| FgbError::GeometryDamaged { feature: n, why })?;
        }
        Ok(f)
    }

    fn polygons(&self, f: &flatgeobuf::Feature<'a>, n: usize) -> Result<Geometry<'a>, FgbError> {
        use geozero::error::GeozeroError as E;
        let Some(g) = f.geometry() else { return Ok(Geometry::Unreadable(E::GeometryFormat)) };
        let kind = if self.kind == G::Unknown { g.type_() } else { self.kind };
        match kind {
            G::Polygon => Ok(Geometry::Areas(vec![g])),
            G::MultiPolygon => match g.parts() {
                Some(parts) => Ok(Geometry::Areas(parts.iter().collect())),
                None => Ok(Geometry::Unreadable(E::GeometryFormat)),
            },
            _ => Err(FgbError::NotAPolygon { feature: n }),
        }
    }

    fn bounds(&self, slots: &[Slot]) -> Result<[f64; 4], FgbError> {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for &slot in slots {
            let f = self.feature(slot)?;
            let Geometry::Areas(polygons) = self.polygons(&f, slot.1)? else { continue };
            // A part without coordinates leaves the feature out (see `draw`).
            if polygons.iter().any(|p| p.xy().is_none()) {
                continue;
            }
            for p in polygons {
                let Some(xy) = p.xy() else { continue };
                let xy = xy.bytes();
                for k in 0..xy.len() / 16 {
                    let (x, y) = (f64_at(xy, 2 * k), f64_at(xy, 2 * k + 1));
                    let [x, y] = self.converter.point(x, y).map_err(|why| FgbError::Convert { feature: slot.1, why })?;
                    b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
                }
            }
        }
        Ok(b)
    }

    fn draw(&self, slots: &[Slot], map: &(impl Fn(f64, f64) -> [f32; 2] + Sync), thin: f32) -> Result<Share, FgbError> {
        let mut out = Share { features: Vec::with_capacity(slots.len()), diags: Vec::new() };
        'features: for &slot in slots {
            let n = slot.1;
            let f = self.feature(slot)?;
            let mut props = Collect(Vec::new());
            if let Some(p) = f.properties() {
                check_property_bytes(p.bytes(), self.columns).map_err(|why| FgbError::PropertiesDamaged { feature: n, why })?;
                properties(p.bytes(), self.columns, &mut props).map_err(|source| FgbError::PropertiesUnreadable { feature: n, source })?;
            }
            let polygons = match self.polygons(&f, n)? {
                Geometry::Areas(p) => p,
                Geometry::Unreadable(e) => {
                    out.diags.push(Diagnostic::file(Severity::Warning, self.file, format!("feature #{n} has no readable geometry ({e}): it is not drawn")));
                    continue;
                }
            };
            let mut rings = Vec::new();
            for p in &polygons {
                let Some(xy) = p.xy() else {
                    out.diags.push(Diagnostic::file(
                        Severity::Warning,
                        self.file,
                        format!("feature #{n} has no readable geometry ({}): it is not drawn", geozero::error::GeozeroError::Coord),
                    ));
                    continue 'features;
                };
                let xy = xy.bytes();
                let pairs = xy.len() / 16;
                // Ring ends in points (checked against the coordinates by `check_geometry_of`);
                // one ring, or none given: every point.
                let ends: Vec<usize> = match p.ends() {
                    Some(e) if e.len() > 1 => e.iter().map(|v| v as usize).collect(),
                    _ => vec![pairs],
                };
                let mut start = 0;
                for end in ends {
                    let end = end.min(pairs);
                    let mut ring = Vec::new();
                    let mut last = None;
                    for k in start..end {
                        let [x, y] = self.converter.point(f64_at(xy, 2 * k), f64_at(xy, 2 * k + 1)).map_err(|why| FgbError::Convert { feature: n, why })?;
                        let q = map(x, y);
                        last = Some(q);
                        if ring.last().is_none_or(|r: &[f32; 2]| (q[0] - r[0]).abs() + (q[1] - r[1]).abs() > thin) {
                            ring.push(q);
                        }
                    }
                    if let Some(q) = last
                        && ring.last() != Some(&q)
                    {
                        ring.push(q);
                    }
                    if ring.len() > 2 {
                        rings.push(ring);
                    }
                    start = end.max(start);
                }
            }
            out.features.push(Drawn { properties: props.0, rings });
        }
        Ok(out)
    }
}

/// The `k`-th little-endian `f64` of `bytes` (0 past the end: the geometry check bounds `k`).
#[inline]
fn f64_at(bytes: &[u8], k: usize) -> f64 {
    bytes.get(8 * k..8 * k + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0.0, f64::from_le_bytes)
}

fn text(b: &[u8]) -> geozero::error::Result<&str> {
    std::str::from_utf8(b).map_err(|_| geozero::error::GeozeroError::Property("Invalid UTF-8 encoding".to_string()))
}

/// A feature's properties, decoded as the `flatgeobuf` crate decodes them (after
/// `check_property_bytes` passed), into `out`.
fn properties(bytes: &[u8], columns: &[(String, C)], out: &mut Collect) -> geozero::error::Result<()> {
    use geozero::error::GeozeroError as E;
    let damaged = || E::Property(PropertiesDamage::Truncated.to_string());
    let take = |at: usize, n: usize| bytes.get(at..at + n).ok_or_else(damaged);
    let mut at = 0usize;
    while at + 1 < bytes.len() {
        let b = take(at, 2)?;
        let column = usize::from(u16::from_le_bytes([b[0], b[1]]));
        at += 2;
        let Some((name, kind)) = columns.get(column) else { return Err(E::GeometryFormat) };
        let fixed = |n: usize| -> geozero::error::Result<&[u8]> { take(at, n) };
        let (value, size) = match *kind {
            C::Byte => (ColumnValue::Byte(fixed(1)?[0] as i8), 1),
            C::UByte => (ColumnValue::UByte(fixed(1)?[0]), 1),
            C::Bool => (ColumnValue::Bool(fixed(1)?[0] != 0), 1),
            C::Short => (ColumnValue::Short(i16::from_le_bytes(fixed(2)?.try_into().map_err(|_| damaged())?)), 2),
            C::UShort => (ColumnValue::UShort(u16::from_le_bytes(fixed(2)?.try_into().map_err(|_| damaged())?)), 2),
            C::Int => (ColumnValue::Int(i32::from_le_bytes(fixed(4)?.try_into().map_err(|_| damaged())?)), 4),
            C::UInt => (ColumnValue::UInt(u32::from_le_bytes(fixed(4)?.try_into().map_err(|_| damaged())?)), 4),
            C::Float => (ColumnValue::Float(f32::from_le_bytes(fixed(4)?.try_into().map_err(|_| damaged())?)), 4),
            C::Long => (ColumnValue::Long(i64::from_le_bytes(fixed(8)?.try_into().map_err(|_| damaged())?)), 8),
            C::ULong => (ColumnValue::ULong(u64::from_le_bytes(fixed(8)?.try_into().map_err(|_| damaged())?)), 8),
            C::Double => (ColumnValue::Double(f64::from_le_bytes(fixed(8)?.try_into().map_err(|_| damaged())?)), 8),
            C::String | C::Json | C::DateTime | C::Binary => {
                let len = u32::from_le_bytes(fixed(4)?.try_into().map_err(|_| damaged())?) as usize;
                at += 4;
                let b = take(at, len)?;
                let value = match *kind {
                    C::String => ColumnValue::String(text(b)?),
                    C::Json => ColumnValue::Json(text(b)?),
                    C::DateTime => ColumnValue::DateTime(text(b)?),
                    _ => ColumnValue::Binary(b),
                };
                (value, len)
            }
            _ => {
                continue;
            }
        };
        out.property(column, name, &value)?;
        at += size;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same rings and properties as reading the file into geo types and mapping and
    /// thinning every ring the same way.
    #[test]
    fn same_as_reading_whole() {
        let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/gis/baoji3.fgb");
        let opts = ReadOptions::default();
        let (whole, _, _) = super::super::flatgeobuf::load(&file, &opts);
        let whole = whole.expect("the fixture reads");
        let mut seen = None;
        let (drawn, diags) = load(&file, &opts, true, 0.33, |b| {
            seen = Some(b);
            move |x: f64, y: f64| [((x - b[0]) * 100.0) as f32, ((b[3] - y) * 100.0) as f32]
        });
        assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
        let drawn = drawn.expect("reads for drawing");
        let b = seen.expect("bounds given");
        assert_eq!(drawn.len(), whole.len());
        let mut rings = 0;
        for (d, w) in drawn.iter().zip(&whole) {
            assert_eq!(d.properties, w.properties);
            let want: Vec<Vec<[f32; 2]>> = w
                .geometry
                .rings()
                .map(|r| {
                    let r: Vec<[f64; 2]> = r.collect();
                    let mut out: Vec<[f32; 2]> = Vec::new();
                    for c in &r {
                        let q = [((c[0] - b[0]) * 100.0) as f32, ((b[3] - c[1]) * 100.0) as f32];
                        if out.last().is_none_or(|o| (q[0] - o[0]).abs() + (q[1] - o[1]).abs() > 0.33) {
                            out.push(q);
                        }
                    }
                    if let Some(c) = r.last() {
                        let q = [((c[0] - b[0]) * 100.0) as f32, ((b[3] - c[1]) * 100.0) as f32];
                        if out.last() != Some(&q) {
                            out.push(q);
                        }
                    }
                    out
                })
                .filter(|r| r.len() > 2)
                .collect();
            assert_eq!(d.rings, want);
            rings += want.len();
        }
        assert!(rings >= 3, "{rings}");
    }

    /// Damaged copies of a real file (bytes flipped all over it, cut at many lengths): read
    /// for drawing they are refused or read exactly when `flatgeobuf::parse` refuses or reads
    /// them, with as many features, and never by a caught panic the parse did not also hit.
    #[test]
    fn damaged_files_fare_as_with_the_full_reader() {
        let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/gis/baoji3.fgb");
        let good = std::fs::read(&file).unwrap();
        let dir = std::env::temp_dir().join(format!("planmap-fgb-damaged-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("damaged.fgb");
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for at in (0..good.len()).step_by((good.len() / 300).max(1)) {
            let mut b = good.clone();
            b[at] ^= 0xa5;
            cases.push(b);
        }
        for cut in (0..good.len()).step_by((good.len() / 60).max(1)) {
            cases.push(good[..cut].to_vec());
        }
        let panic = "its structure is not valid FlatGeobuf";
        let (mut read, mut refused) = (0, 0);
        for bytes in &cases {
            std::fs::write(&path, bytes).unwrap();
            let (whole, _, whole_diags) = super::super::flatgeobuf::parse(bytes, &path, &ReadOptions::default());
            let (drawn, diags) = load(&path, &ReadOptions::default(), true, 0.33, |_| |x: f64, y: f64| [x as f32, y as f32]);
            let whole_panicked = whole_diags.iter().any(|d| d.message.contains(panic));
            assert!(whole_panicked || !diags.iter().any(|d| d.message.contains(panic)), "{diags:?}");
            match (&whole, &drawn) {
                (Some(w), Some(d)) => {
                    assert_eq!(w.len(), d.len());
                    read += 1;
                }
                (None, None) => {
                    assert!(diags.iter().any(Diagnostic::is_error));
                    refused += 1;
                }
                _ => panic!(
                    "the full reader {} it, the drawing reader {}: {diags:?} / {whole_diags:?}",
                    if whole.is_some() { "reads" } else { "refuses" },
                    if drawn.is_some() { "reads" } else { "refuses" }
                ),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert!(read > 10 && refused > 10, "{read} read, {refused} refused");
    }

    #[test]
    fn a_damaged_file_is_refused_with_a_message() {
        let file = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/gis/baoji3.fgb");
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() - 100);
        let dir = std::env::temp_dir().join(format!("planmap-fgb-draw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cut = dir.join("cut.fgb");
        std::fs::write(&cut, &bytes).unwrap();
        let (drawn, diags) = load(&cut, &ReadOptions::default(), false, 0.33, |_| |x: f64, y: f64| [x as f32, y as f32]);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(drawn.is_none());
        assert!(diags.iter().any(|d| d.is_error() && d.to_string().contains("cut.fgb")), "{diags:?}");
    }
}
