//! Shapefiles: NAME.shp (polygons) with NAME.shx (index), NAME.dbf (attributes), NAME.prj
//! (coordinate system) and NAME.cpg (text encoding) beside it, read with the `shapefile` and
//! `dbase` crates. Chinese offices write the .dbf in GBK more often than in UTF-8 and often
//! without a .cpg, so without one the encoding is detected: UTF-8 when every text field is
//! valid UTF-8, else GBK/GB18030 when every one is valid GB18030, else a located error.
//! Binary files have no lines: messages are located by record and field instead.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use geo::MultiPolygon;

use super::boundary_file::{Converter, ReadOptions, Source};
use super::read::{MAX_CPG_BYTES, MAX_DBF_BYTES, MAX_PRJ_BYTES, max_file_bytes, read_limited};
use crate::model::{Diagnostic, Feature, Severity};

/// A sibling file (same name, another extension), in lower or upper case as the folder has it.
/// Whatever is there counts (a FIFO, a folder): reading it then says what it is.
pub fn sibling(shp: &Path, ext: &str) -> Option<PathBuf> {
    [ext.to_string(), ext.to_uppercase()].into_iter().map(|e| shp.with_extension(e)).find(|p| p.exists())
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// An encoding named by a .cpg file: a label ("UTF-8", "GBK", "GB2312") or a code page ("936").
fn encoding_from_cpg(text: &str) -> Option<&'static encoding_rs::Encoding> {
    let t = text.trim().trim_start_matches('\u{feff}');
    let label = match t.to_ascii_lowercase().as_str() {
        "65001" | "utf8" => "utf-8",
        "936" | "cp936" | "ansi 936" | "ms936" => "gbk",
        "54936" => "gb18030",
        "950" | "cp950" => "big5",
        "1252" | "ansi 1252" => "windows-1252",
        _ => t,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// What is wrong with a .shp's header. The message follows the file's name ("baoji.shp is
/// truncated: …").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("is {len} bytes long, shorter than a Shapefile's 100-byte header: the file is truncated or not a Shapefile")]
    Short { len: usize },
    #[error("is not a Shapefile (its first bytes are not the Shapefile file code 9994)")]
    NotAShapefile,
    #[error("is truncated: its header says {declared} bytes, the file has {len}; copy it again from its source")]
    Truncated { declared: i64, len: usize },
    #[error("holds points: planmap draws areas, so a boundary Shapefile must hold polygons")]
    Points,
    #[error("holds lines: planmap draws areas, so a boundary Shapefile must hold polygons")]
    Lines,
    #[error("has shape type {0}: planmap reads polygon Shapefiles (type 5, 15 or 25)")]
    ShapeType(i32),
    #[error("has no shape type")]
    NoShapeType,
}

/// What is wrong with a .shx index against its .shp, by record (counted from 1). The message
/// follows the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("is {len} bytes long, shorter than its 100-byte header")]
    Short { len: usize },
    #[error("is {len} bytes long: after its header it must hold 8 bytes per record")]
    Ragged { len: usize },
    #[error("says record #{record} starts at byte {offset}, inside the header or the record before it (which ends at byte {end}): the index is damaged")]
    Overlaps { record: usize, offset: u64, end: u64 },
    #[error("says record #{record} ends at byte {end}, past the end of the .shp ({shp_len} bytes): the index belongs to another file or is damaged")]
    PastTheEnd { record: usize, end: u64, shp_len: usize },
}

/// The Shapefile's main header: 100 bytes, file code 9994 (big-endian), length in 16-bit words
/// at byte 24 (big-endian), shape type at byte 32 (little-endian). Checked before the crate
/// reads it, so a truncated or foreign file gets a message that says so.
fn check_header(bytes: &[u8]) -> Result<(), HeaderError> {
    let word = |at: usize, big: bool| -> Option<i32> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if big { i32::from_be_bytes(b) } else { i32::from_le_bytes(b) })
    };
    if bytes.len() < 100 {
        return Err(HeaderError::Short { len: bytes.len() });
    }
    if word(0, true) != Some(9994) {
        return Err(HeaderError::NotAShapefile);
    }
    let declared = word(24, true).map_or(0, |w| i64::from(w) * 2);
    if declared > bytes.len() as i64 {
        return Err(HeaderError::Truncated { declared, len: bytes.len() });
    }
    match word(32, false) {
        Some(5 | 15 | 25 | 0) => Ok(()),
        Some(1 | 11 | 21 | 8 | 18 | 28) => Err(HeaderError::Points),
        Some(3 | 13 | 23) => Err(HeaderError::Lines),
        Some(t) => Err(HeaderError::ShapeType(t)),
        None => Err(HeaderError::NoShapeType),
    }
}

/// The .shx index against its .shp: a 100-byte header, then per record its offset and length
/// in 16-bit words (big-endian). Each record must lie inside the .shp, after the header and
/// after the record before it: offsets that point back or overlap would give one shape to
/// several records.
fn check_index(shx: &[u8], shp_len: usize) -> Result<(), IndexError> {
    let Some(entries) = shx.get(100..) else {
        return Err(IndexError::Short { len: shx.len() });
    };
    if entries.len() % 8 != 0 {
        return Err(IndexError::Ragged { len: shx.len() });
    }
    let mut end = 100u64;
    for (i, e) in entries.chunks_exact(8).enumerate() {
        let word = |at: usize| e.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_be_bytes);
        let (offset, length) = (u64::from(word(0)) * 2, u64::from(word(4)) * 2);
        let n = i + 1;
        if offset < end {
            return Err(IndexError::Overlaps { record: n, offset, end });
        }
        end = offset + 8 + length;
        if end > shp_len as u64 {
            return Err(IndexError::PastTheEnd { record: n, end, shp_len });
        }
    }
    Ok(())
}

fn field_text(v: &dbase::FieldValue) -> Option<String> {
    use dbase::FieldValue as V;
    let number = |x: f64| if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { x.to_string() };
    match v {
        V::Character(s) => s.as_ref().map(|s| s.trim().to_string()),
        V::Memo(s) => Some(s.trim().to_string()),
        V::Numeric(x) => x.map(number),
        V::Float(x) => x.map(|x| number(f64::from(x))),
        V::Double(x) | V::Currency(x) => Some(number(*x)),
        V::Integer(i) => Some(i.to_string()),
        V::Logical(b) => b.map(|b| b.to_string()),
        V::Date(d) => d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())),
        V::DateTime(_) => None,
    }
}

/// Read every record of the .dbf with `encoding` (bytes it cannot decode become U+FFFD).
fn read_table(dbf: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<(Vec<String>, Vec<dbase::Record>), dbase::Error> {
    let mut reader = dbase::ReaderBuilder::new().with_encoding(dbase::encoding::EncodingRs::from(encoding)).build(Cursor::new(dbf))?;
    let fields = reader.fields().iter().map(|f| f.name().to_string()).collect();
    let records = reader.read()?;
    Ok((fields, records))
}

/// The first text field that did not decode: "record 3, field NAME".
fn undecodable(fields: &[String], records: &[dbase::Record]) -> Option<String> {
    records.iter().enumerate().find_map(|(i, r)| {
        fields
            .iter()
            .find(|f| matches!(r.get(f.as_str()), Some(dbase::FieldValue::Character(Some(s))) if s.contains('\u{fffd}')))
            .map(|f| format!("record {}, field {f}", i + 1))
    })
}

/// The table and the encoding it was read with, as a note ("GBK (detected)").
fn decode_table(dbf_path: &Path, dbf: &[u8], shp: &Path) -> Result<(Vec<String>, Vec<dbase::Record>, String), Diagnostic> {
    let fail = |msg: String| Diagnostic::file(Severity::Error, dbf_path, msg);
    // dbase says "An error occurred in record 3 …"; planmap's messages say "record 3".
    let read =
        |encoding| read_table(dbf, encoding).map_err(|e| fail(format!("cannot read the attribute table: {}", e.to_string().replace("An error occurred in record", "record"))));
    if let Some(cpg_path) = sibling(shp, "cpg") {
        let text = read_limited(&cpg_path, MAX_CPG_BYTES)?;
        let text = String::from_utf8_lossy(&text).into_owned();
        let Some(encoding) = encoding_from_cpg(&text) else {
            return Err(Diagnostic::file(
                Severity::Error,
                &cpg_path,
                format!("names the encoding \"{}\", which planmap does not know (UTF-8, GBK, GB18030, BIG5 … are)", crate::model::echoed(text.trim(), 40)),
            ));
        };
        let (f, r) = read(encoding)?;
        if let Some(at) = undecodable(&f, &r) {
            return Err(fail(format!(
                "{at}: the text is not {} as {} says; fix or delete the .cpg (without it planmap detects UTF-8 or GBK)",
                encoding.name(),
                file_name(&cpg_path)
            )));
        }
        return Ok((f, r, format!("{} (from {})", encoding.name(), file_name(&cpg_path))));
    }
    let (f, r) = read(encoding_rs::UTF_8)?;
    if undecodable(&f, &r).is_none() {
        return Ok((f, r, "UTF-8 (detected; no .cpg)".into()));
    }
    let utf8_at = undecodable(&f, &r).unwrap_or_default();
    let (f, r) = read(encoding_rs::GB18030)?;
    if let Some(at) = undecodable(&f, &r) {
        return Err(fail(format!(
            "{at}: the text is neither UTF-8 nor GBK/GB18030 (tried as UTF-8 first: {utf8_at} is not UTF-8); put a .cpg file beside it naming its encoding (e.g. BIG5)"
        )));
    }
    // Big5 (and other double-byte) text also decodes as GBK, into rare characters: refuse that
    // mojibake rather than show it.
    if let Some(why) = not_like_gbk(&f, &r) {
        return Err(fail(format!(
            "the text is not UTF-8 ({utf8_at} is not), and read as GBK/GB18030 {why}: it looks like another encoding (BIG5?) read as GBK; put a .cpg file beside it naming its encoding"
        )));
    }
    Ok((f, r, "GBK/GB18030 (detected: not UTF-8, and every text decodes as GBK into common characters; no .cpg)".into()))
}

/// Why text read as GBK looks like another encoding's bytes: most real Chinese text lies within
/// GB2312 (both bytes 0xA1–0xFE), while Big5 text read as GBK is full of the rare characters of
/// GBK's extensions (a second byte below 0xA1). None when the text looks like GBK.
fn not_like_gbk(fields: &[String], records: &[dbase::Record]) -> Option<String> {
    let (mut double, mut rare) = (0usize, 0usize);
    let mut first: Option<String> = None;
    for (i, r) in records.iter().enumerate() {
        for f in fields {
            let Some(dbase::FieldValue::Character(Some(s))) = r.get(f.as_str()) else { continue };
            for c in s.chars().filter(|c| !c.is_ascii()) {
                let mut buf = [0; 4];
                let (bytes, _, _) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
                let [lead, trail] = bytes.as_ref() else { continue };
                double += 1;
                // Private-use characters (GBK's user-defined areas) are never real text either.
                if !(0xA1..=0xFE).contains(lead) || !(0xA1..=0xFE).contains(trail) || ('\u{E000}'..='\u{F8FF}').contains(&c) {
                    rare += 1;
                    first.get_or_insert_with(|| format!("record {}, field {f}", i + 1));
                }
            }
        }
    }
    (rare >= 2 && rare * 5 > double).then(|| format!("{rare} of its {double} Chinese characters are rare ones outside GB2312 (the first in {})", first.unwrap_or_default()))
}

/// Read a Shapefile's polygons and attributes; coordinates come out as GCJ-02 lon/lat.
pub fn load(shp: &Path, opts: &ReadOptions) -> (Option<Vec<Feature>>, Source, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut source = Source::default();
    let error = |d: &mut Vec<Diagnostic>, file: &Path, msg: String| d.push(Diagnostic::file(Severity::Error, file, msg));
    let bytes = match read_limited(shp, max_file_bytes()) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return (None, source, diags);
        }
    };
    if let Err(why) = check_header(&bytes) {
        error(&mut diags, shp, format!("{} {why}", file_name(shp)));
        return (None, source, diags);
    }
    let Some(dbf_path) = sibling(shp, "dbf") else {
        let missing = file_name(&shp.with_extension("dbf"));
        error(&mut diags, shp, format!("{missing} is missing: a Shapefile's names and codes are in its .dbf; copy NAME.shp, .shx, .dbf and .prj together"));
        return (None, source, diags);
    };
    let dbf = match read_limited(&dbf_path, MAX_DBF_BYTES) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            return (None, source, diags);
        }
    };
    // The coordinate system: the .prj, else the layout's `boundary_datum`, else lon/lat as is.
    let crs = match sibling(shp, "prj") {
        Some(prj) => {
            let text = match read_limited(&prj, MAX_PRJ_BYTES) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(d) => {
                    diags.push(d);
                    return (None, source, diags);
                }
            };
            // The header's bounding box (bytes 36..52) gives the range of eastings.
            let x_range = |at: usize| bytes.get(at..at + 8).and_then(|b| b.try_into().ok()).map(f64::from_le_bytes).unwrap_or(0.0);
            let crs = super::crs::Crs::from_wkt(&text).and_then(|mut c| {
                let note = c.match_eastings(x_range(36), x_range(52))?;
                diags.extend(note.map(|n| Diagnostic::file(Severity::Warning, &prj, n)));
                Ok(c)
            });
            match crs {
                Ok(c) => Some(c),
                Err(why) => {
                    error(&mut diags, &prj, why.to_string());
                    return (None, source, diags);
                }
            }
        }
        None => None,
    };
    let converter = Converter::new(crs, opts, shp, &mut diags);
    let (fields, records, encoding) = match decode_table(&dbf_path, &dbf, shp) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, source, diags);
        }
    };
    source.encoding = Some(encoding);
    let shape_reader = match sibling(shp, "shx") {
        Some(shx) => {
            // An index entry is 8 bytes for a record of at least 12: the .shp bounds the .shx.
            let limit = 100 + (bytes.len() as u64).saturating_sub(100) / 12 * 8;
            let index = match read_limited(&shx, limit) {
                Ok(s) => s,
                Err(d) => {
                    diags.push(d);
                    return (None, source, diags);
                }
            };
            if let Err(why) = check_index(&index, bytes.len()) {
                error(&mut diags, &shx, format!("{} {why}; delete it and planmap reads the .shp in order", file_name(&shx)));
                return (None, source, diags);
            }
            match shapefile::ShapeReader::with_shx(Cursor::new(&bytes[..]), Cursor::new(index)) {
                Ok(r) => r,
                Err(e) => {
                    error(&mut diags, &shx, format!("cannot read the index: {e}; delete it and planmap reads the .shp in order"));
                    return (None, source, diags);
                }
            }
        }
        None => {
            diags.push(Diagnostic::file(
                Severity::Warning,
                shp,
                format!("{} is missing: the shapes are read in file order (GIS tools may refuse this Shapefile without it)", file_name(&shp.with_extension("shx"))),
            ));
            match shapefile::ShapeReader::new(Cursor::new(&bytes[..])) {
                Ok(r) => r,
                Err(e) => {
                    error(&mut diags, shp, format!("cannot read: {e}"));
                    return (None, source, diags);
                }
            }
        }
    };
    let mut shape_reader = shape_reader;
    let mut features = Vec::new();
    let mut shapes = 0usize;
    for (i, shape) in shape_reader.iter_shapes().enumerate() {
        let n = i + 1;
        shapes = n;
        let shape = match shape {
            Ok(s) => s,
            Err(e) => {
                error(&mut diags, shp, format!("shape #{n} cannot be read ({e}): the file is damaged or truncated"));
                return (None, source, diags);
            }
        };
        let polygon = match shape {
            shapefile::Shape::Polygon(p) => MultiPolygon::<f64>::try_from(p),
            shapefile::Shape::PolygonM(p) => MultiPolygon::<f64>::try_from(p),
            shapefile::Shape::PolygonZ(p) => MultiPolygon::<f64>::try_from(p),
            shapefile::Shape::NullShape => {
                diags.push(Diagnostic::file(Severity::Warning, shp, format!("shape #{n} is empty (a null shape): it is not drawn")));
                continue;
            }
            other => {
                error(&mut diags, shp, format!("shape #{n} is a {}: planmap draws areas (polygons)", other.shapetype()));
                return (None, source, diags);
            }
        };
        let geometry = match polygon {
            Ok(g) => g,
            Err(e) => {
                error(&mut diags, shp, format!("shape #{n} is not a valid polygon: {e}"));
                return (None, source, diags);
            }
        };
        let geometry = match converter.convert(geometry) {
            Ok(g) => g,
            Err(why) => {
                error(&mut diags, shp, format!("shape #{n}: {why}"));
                return (None, source, diags);
            }
        };
        let properties: Vec<(String, String)> = match records.get(i) {
            Some(r) => fields.iter().filter_map(|f| r.get(f).and_then(field_text).map(|v| (f.clone(), v))).collect(),
            None => Vec::new(),
        };
        features.push(Feature { adcode: format!("#{n}"), name: format!("#{n}"), properties, geometry: geometry.into() });
    }
    if shapes != records.len() {
        diags.push(Diagnostic::file(
            Severity::Warning,
            &dbf_path,
            format!(
                "has {} records for {shapes} shapes: shapes and records are paired in order, so names may be wrong; the files may come from different exports",
                records.len()
            ),
        ));
    }
    source.crs = Some(converter.describe());
    (Some(features), source, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpg_labels() {
        assert_eq!(encoding_from_cpg("UTF-8\r\n"), Some(encoding_rs::UTF_8));
        assert_eq!(encoding_from_cpg("936"), Some(encoding_rs::GBK));
        assert_eq!(encoding_from_cpg("GB2312"), Some(encoding_rs::GBK));
        assert_eq!(encoding_from_cpg("gb18030"), Some(encoding_rs::GB18030));
        assert_eq!(encoding_from_cpg("klingon"), None);
    }

    #[test]
    fn header_checks() {
        assert_eq!(check_header(&[0u8; 20]), Err(HeaderError::Short { len: 20 }));
        assert!(check_header(&[0u8; 20]).is_err_and(|e| e.to_string().contains("truncated")));
        let mut h = vec![0u8; 100];
        assert!(check_header(&h).is_err_and(|e| e.to_string().contains("9994")));
        h[0..4].copy_from_slice(&9994i32.to_be_bytes());
        h[24..28].copy_from_slice(&100i32.to_be_bytes()); // 200 bytes declared
        h[32..36].copy_from_slice(&5i32.to_le_bytes());
        assert!(check_header(&h).is_err_and(|e| e.to_string().contains("says 200 bytes")));
        h[24..28].copy_from_slice(&50i32.to_be_bytes());
        assert_eq!(check_header(&h), Ok(()));
        h[32..36].copy_from_slice(&1i32.to_le_bytes());
        assert_eq!(check_header(&h), Err(HeaderError::Points));
    }
}
