//! The messages issue 13 asked to improve: geometry problems said where, non-polygon features
//! skipped with a warning, swapped axes recognised, duplicate keys an error at the second key,
//! long numbers and strings shortened, TOML shape mistakes named.

use crate::support::*;
use planmap_core::io::parse_boundaries;
use planmap_core::model::Diagnostic;
use std::path::Path;

fn read(src: &str) -> (bool, Vec<Diagnostic>) {
    let (b, d) = parse_boundaries(src, Path::new("m.geojson"));
    (b.is_some(), d)
}

fn feature(geometry: &str) -> String {
    format!("{{\"type\": \"Feature\", \"properties\": {{\"adcode\": \"610326\", \"name\": \"眉县\"}},\n \"geometry\": {geometry}}}")
}

fn collection(features: &[String]) -> String {
    format!("{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}", features.join(",\n"))
}

fn one(diags: &[Diagnostic], needle: &str) -> Diagnostic {
    diags.iter().find(|d| d.message.contains(needle)).cloned().unwrap_or_else(|| panic!("no \"{needle}\" in {diags:#?}"))
}

#[test]
fn a_bow_tie_is_a_located_warning() {
    let src = collection(&[feature("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,1],[1,0],[0,1],[0,0]]]}")]);
    let (ok, d) = read(&src);
    assert!(ok, "accepted, with a warning");
    let w = one(&d, "its exterior ring crosses itself near [0.5, 0.5]");
    assert!(!w.is_error() && w.line == 3, "{w}");
    assert!(w.message.starts_with("feature #1 (\"眉县\")"), "{w}");
}

#[test]
fn a_hole_outside_its_shell_and_a_ring_of_one_point_are_warned() {
    let src = collection(&[
        feature("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,1],[0,0]], [[5,5],[6,5],[6,6],[5,5]]]}"),
        feature("{\"type\": \"Polygon\", \"coordinates\": [[[2,2],[2,2],[2,2],[2,2]]]}"),
    ]);
    let (ok, d) = read(&src);
    assert!(ok);
    let hole = one(&d, "hole #1 lies outside the exterior ring");
    assert_eq!((hole.line, hole.col), (3, 83), "at the hole: {hole}");
    let dot = one(&d, "all its points at one place");
    assert_eq!(dot.line, 5, "{dot}");
}

#[test]
fn swapped_axes_are_recognised() {
    // Baoji is near 107°E 34°N; written [lat, lon] the latitude is 107.
    let src = collection(&[feature("{\"type\": \"Polygon\", \"coordinates\": [[[34.3,107.1],[34.4,107.1],[34.4,107.2],[34.3,107.1]]]}")]);
    let (ok, d) = read(&src);
    assert!(!ok);
    one(&d, "latitude and longitude look swapped: GeoJSON positions are [longitude, latitude]");
    // Projected metres still get the projection hint.
    let src = collection(&[feature("{\"type\": \"Polygon\", \"coordinates\": [[[400000,3500000],[1,0],[1,1],[400000,3500000]]]}")]);
    one(&read(&src).1, "is this a projected file?");
}

#[test]
fn points_and_lines_are_skipped_with_a_warning_and_collections_give_their_polygons() {
    let point = feature("{\"type\": \"Point\", \"coordinates\": [107.1, 34.3]}");
    let square = feature("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}");
    let (b, d) = parse_boundaries(&collection(&[point.clone(), square]), Path::new("m.geojson"));
    let b = b.expect("the polygons are shown");
    assert_eq!(b.features.len(), 1);
    let w = one(&d, "feature #1 (\"眉县\") is a Point, skipped");
    assert!(!w.is_error() && w.line == 3);
    // A single Point: accepted, nothing to draw, said so.
    let (ok, d) = read(&collection(&[point]));
    assert!(ok);
    one(&d, "no polygon features");
    let gc = feature(
        "{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [0, 0]}, {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,0]]]}]}",
    );
    let (b, d) = parse_boundaries(&collection(&[gc]), Path::new("m.geojson"));
    assert_eq!(b.expect("the polygon of the collection").features[0].geometry.polygon_count(), 1);
    one(&d, "(GeometryCollection member #1) is a Point, skipped");
}

#[test]
fn duplicate_json_keys_are_an_error_at_the_second_key() {
    let src = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": {},\n \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,0]]]},\n \"geometry\": null}]}";
    let (ok, d) = read(src);
    assert!(!ok);
    let e = one(&d, "duplicate key \"geometry\"");
    assert_eq!((e.line, e.col), (4, 2), "{e}");
    assert!(!d.iter().any(|d| d.message.contains("has no geometry")), "no misleading follow-up: {d:?}");
}

#[test]
fn a_duplicate_adcode_points_at_the_second_feature() {
    let square = feature("{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,1],[0,0]]]}");
    let (ok, d) = read(&collection(&[square.clone(), square]));
    assert!(ok);
    let w = one(&d, "a second feature has adcode \"610326\" (the first is on line 2)");
    assert_eq!(w.line, 4, "{w}");
}

#[test]
fn huge_numbers_are_shortened() {
    let src = collection(&[feature("{\"type\": \"Polygon\", \"coordinates\": [[[1e308,0],[1,0],[1,1],[1e308,0]]]}")]);
    let e = one(&read(&src).1, "outside longitude/latitude range");
    assert!(e.message.contains("[1.000e308, 0]") && e.message.len() < 300, "{e}");
}

#[test]
fn toml_duplicate_keys_and_wrong_shapes_are_named() {
    let dir = scratch("toml-messages");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s.replacen("[plan]\n", "[plan]\nregion = \"宝鸡\"\n", 1));
    let d = planmap_core::io::load_layout(&layout).unwrap_err();
    assert!(d[0].message.starts_with("duplicate key `region`") && d[0].line > 1, "{}", d[0]);
    std::fs::write(&layout, "plan = [1, 2, 3]\n").unwrap();
    let d = planmap_core::io::load_layout(&layout).unwrap_err();
    assert_eq!(d[0].message, "`plan` must be a table ([plan]), found an array of values");
    assert_eq!((d[0].line, d[0].col), (1, 1));
}

// ───────────── Issue 20, defect 8: plan-text and Shapefile messages ─────────────

fn plan_error(bytes: &[u8], name: &str) -> planmap_core::io::plan_text::PlanTextError {
    match planmap_core::io::plan_text::decode(bytes, name, name.ends_with(".docx")) {
        Ok(_) => panic!("{name} should be refused"),
        Err(e) => e,
    }
}

fn docx_with(document: impl FnOnce(&mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    document(&mut zip);
    zip.finish().unwrap().into_inner()
}

/// GB18030 followed by UTF-8 said "first bad byte at 0"; the real one is where the GB18030
/// text stops being GB18030.
#[test]
fn a_mixed_encoding_plan_names_the_real_bad_byte() {
    let text = "第三章 空间布局\n".repeat(30);
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let bytes = [gb.as_ref(), "第四章 重点任务：“一核”\n".as_bytes()].concat();
    let e = plan_error(&bytes, "mixed.txt");
    let at = e.byte().unwrap();
    assert!(at >= gb.len() && at < gb.len() + 30, "at {at}, the UTF-8 starts at {}", gb.len());
    let m = e.to_string();
    assert!(m.contains("read as GB18030") && m.contains("line 31") && m.contains("mixed encodings"), "{m}");
}

/// A UTF-16 plan was "binary data at byte 39" with no hint.
#[test]
fn a_utf16_plan_is_named_as_such() {
    let utf16: Vec<u8> = "\u{feff}第三章 空间布局\nlayout\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let m = plan_error(&utf16, "u16.txt").to_string();
    assert!(m.contains("UTF-16") && m.contains("save it as UTF-8"), "{m}");
    let ascii16: Vec<u8> = "plan text in UTF-16 without a mark\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert!(plan_error(&ascii16, "u16.txt").to_string().contains("UTF-16"));
}

/// A docx bomb cut at the cap said "cannot decode … index 0", and a 1 GB whitespace bomb was
/// cut silently and accepted; an encrypted entry was "no word/document.xml".
#[test]
fn docx_bombs_and_encrypted_documents_are_named() {
    use std::io::Write;
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let bomb = docx_with(|z| {
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(b"<w:document><w:body><w:p><w:r><w:t>").unwrap();
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..257 {
            z.write_all(&spaces).unwrap();
        }
        z.write_all(b"</w:t></w:r></w:p></w:body></w:document>").unwrap();
    });
    assert!(bomb.len() < 2 << 20, "the bomb is small: {} bytes", bomb.len());
    let m = plan_error(&bomb, "bomb.docx").to_string();
    assert!(m.contains("word/document.xml inflates to more than 256 MiB") && m.contains("bomb.docx"), "{m}");

    let mut plain = docx_with(|z| {
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(b"<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>").unwrap();
    });
    // Mark the entry encrypted (general-purpose flag bit 0, local and central headers).
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let at = plain.windows(4).position(|w| w == sig).unwrap();
        let flag = at + if sig[2] == 3 { 6 } else { 8 };
        plain[flag] |= 1;
    }
    let m = plan_error(&plain, "locked.docx").to_string();
    assert!(m.contains("encrypted") && m.contains("password"), "{m}");
}

/// A 2 MB .cpg was echoed as a 3.2 MB message line (its limit is now 1 KiB, and a long
/// encoding name is cut).
#[test]
fn a_huge_or_strange_cpg_gives_a_short_message() {
    let dir = scratch("cpg");
    for ext in ["shp", "shx", "dbf", "prj"] {
        std::fs::copy(root().join(format!("tests/fixtures/gis/baoji3_gk36.{ext}")), dir.join(format!("s.{ext}"))).unwrap();
    }
    let shp = dir.join("s.shp");
    std::fs::write(dir.join("s.cpg"), "x".repeat(2 << 20)).unwrap();
    let (_, d) = planmap_core::io::load_boundaries(&shp);
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert!(e.message.len() < 300 && e.file.ends_with("s.cpg") && e.message.contains("larger than the 1.0 KiB"), "{e}");
    std::fs::write(dir.join("s.cpg"), "\u{1b}]0;".repeat(100)).unwrap();
    let (_, d) = planmap_core::io::load_boundaries(&shp);
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert!(e.message.len() < 300 && e.message.contains("(400 characters)") && !e.message.contains('\u{1b}'), "{e}");
}
