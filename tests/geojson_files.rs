//! Boundary GeoJSON: the peers' fixture suites and specific problems, each a clean outcome
//! (accepted, accepted with warnings, or an error at a line and column).

use std::path::{Path, PathBuf};

use planmap::io::{load_boundaries, parse_boundaries};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/geojson-fixtures")
}

fn geojson_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            geojson_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "geojson") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_has_a_clean_outcome() {
    let mut files = Vec::new();
    geojson_files(&fixtures(), &mut files);
    files.sort();
    assert!(files.len() > 100, "the fixture suites are beside the project (found {})", files.len());
    let (mut accepted, mut rejected) = (0, 0);
    for file in &files {
        let (boundaries, diags) = load_boundaries(file);
        for d in &diags {
            assert!(d.line >= 1 && d.col >= 1 || !d.is_error(), "{}: unlocated error {d}", file.display());
            assert!(!d.message.is_empty());
        }
        match boundaries {
            Some(_) => accepted += 1,
            None => {
                assert!(diags.iter().any(|d| d.is_error()), "{}: rejected without an error", file.display());
                rejected += 1;
            }
        }
    }
    println!("{} fixtures: {accepted} accepted, {rejected} rejected with located errors", files.len());
}

fn outcome(name: &str) -> (bool, Vec<String>) {
    let mut files = Vec::new();
    geojson_files(&fixtures(), &mut files);
    let file = files.iter().find(|f| f.file_name().unwrap() == name).unwrap_or_else(|| panic!("fixture {name}"));
    let (b, d) = load_boundaries(file);
    (b.is_some(), d.iter().map(|d| d.to_string()).collect())
}

#[test]
fn winding_order_is_not_an_error() {
    for name in ["invalid_exterior_not_ccw.geojson", "invalid_interior_not_cw.geojson", "bad-polygon-interiorring-rhr.geojson"] {
        let (ok, diags) = outcome(name);
        assert!(ok, "{name}: {diags:?}");
    }
}

#[test]
fn polygons_with_holes_are_accepted() {
    let (ok, diags) = outcome("problematic_holes.geojson");
    assert!(ok, "{diags:?}");
}

#[test]
fn bad_json_is_located() {
    let (ok, diags) = outcome("bad-json.geojson");
    assert!(!ok);
    assert!(diags[0].contains("invalid JSON"), "{diags:?}");
}

#[test]
fn specific_problems_are_named() {
    for (name, want) in [
        ("problematic_outside_lat_lon_boundaries.geojson", "outside longitude/latitude range"),
        ("invalid_unclosed.geojson", "not closed"),
        ("invalid_featurecollection_type_lowercase.geojson", "case-sensitive"),
        ("bad-properties-as-array.geojson", "\"properties\" is an array"),
    ] {
        let (ok, diags) = outcome(name);
        assert!(!ok && diags.iter().any(|d| d.contains(want)), "{name}: want \"{want}\" in {diags:?}");
    }
}

#[test]
fn an_error_deep_in_a_file_has_its_line() {
    let src = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": {},\n \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],\n   [400000, 3500000],[0,0]]]}}]}";
    let (b, d) = parse_boundaries(src, Path::new("x.geojson"));
    assert!(b.is_none());
    assert_eq!((d[0].line, d[0].col), (4, 4), "{}", d[0]);
}

#[test]
fn bundled_boundaries_load_with_names() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries");
    for (file, count) in [("baoji", 12), ("qujing", 9), ("jining", 11), ("chongqing", 38), ("panzhihua", 5)] {
        let (b, d) = load_boundaries(&dir.join(format!("{file}.geojson")));
        let b = b.unwrap_or_else(|| panic!("{file}: {d:?}"));
        assert_eq!(b.features.len(), count, "{file}");
        assert!(b.features.iter().all(|f| f.adcode.len() == 6 && f.name != f.adcode));
    }
}
