//! The built-in all-China bundle: region index, `planmap new`, shared borders, and the five
//! per-plan boundary files as cuts of the bundle.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use planmap::io::{china, starter};
use planmap::model::regions::{Level, Lookup, RegionId, RegionIndex};

fn index() -> &'static RegionIndex {
    china::index().expect("the built-in bundle parses")
}

fn found(q: &str) -> RegionId {
    match index().find(q) {
        Lookup::Found(id) => id,
        other => panic!("{q}: {other:?}"),
    }
}

fn adcode(q: &str) -> String {
    index().get(found(q)).map(|r| r.adcode.clone()).unwrap_or_default()
}

#[test]
fn bundle_holds_every_level() {
    let ix = index();
    let count = |l| ix.regions().iter().filter(|r| r.level == l).count();
    assert_eq!(count(Level::County), 2875);
    assert_eq!(count(Level::City), 370);
    assert_eq!(count(Level::Province), 34);
    // Every county has a city, every city a province.
    for (id, r) in ix.regions().iter().enumerate() {
        let parent = r.parent.and_then(|p| ix.get(p)).map(|p| p.level);
        let want = match r.level {
            Level::Province => None,
            Level::City => Some(Level::Province),
            Level::County => Some(Level::City),
        };
        assert_eq!(parent, want, "{}", ix.label(id));
    }
}

#[test]
fn finds_full_short_and_adcode() {
    assert_eq!(adcode("即墨"), "370215");
    assert_eq!(adcode("即墨区"), "370215");
    assert_eq!(adcode("市南"), "370202");
    assert_eq!(adcode("崂山"), "370212");
    assert_eq!(adcode("青岛"), "370200");
    assert_eq!(adcode("370215"), "370215");
    assert_eq!(adcode("宜良县"), "530125");
    assert_eq!(adcode("白沙"), "469025");
    assert_eq!(adcode("福州市鼓楼区"), "350102");
    let qd = found("青岛市");
    let names: Vec<&str> = index().children(qd).iter().filter_map(|&c| index().get(c)).map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(names.contains(&"即墨区") && names.contains(&"莱西市"));
    let hainan: Vec<&str> = index().children(found("海南省")).iter().filter_map(|&c| index().get(c)).map(|r| r.name.as_str()).collect();
    assert!(hainan.contains(&"海口市") && hainan.contains(&"五指山市") && hainan.contains(&"琼中黎族苗族自治县"), "{hainan:?}");
}

#[test]
fn ambiguous_names_list_candidates_with_parents() {
    let Lookup::Ambiguous(ids) = index().find("鼓楼区") else { panic!("鼓楼区 should be ambiguous") };
    let labels: Vec<String> = ids.iter().map(|&i| index().label(i)).collect();
    assert_eq!(labels.len(), 4, "{labels:?}");
    // A province and its city of the same short name: ask, don't guess.
    let Lookup::Ambiguous(jilin) = index().find("吉林") else { panic!("吉林 should be ambiguous") };
    assert_eq!(jilin.len(), 2);
    assert_eq!(adcode("吉林市"), "220200");
    assert_eq!(adcode("北京"), "110000");
    for city in ["南京市", "徐州市", "福州市", "开封市"] {
        assert!(labels.iter().any(|l| l.contains(city)), "{city} missing from {labels:?}");
    }
}

#[test]
fn unknown_names_list_close_matches() {
    let Lookup::NotFound { close } = index().find("青导市") else { panic!("青导市 should not be found") };
    let names: Vec<&str> = close.iter().filter_map(|&i| index().get(i)).map(|r| r.name.as_str()).collect();
    assert!(names.contains(&"青岛市"), "{names:?}");
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-china-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn check(file: &Path) -> String {
    let mut out = Vec::new();
    let code = planmap::cli::check::run(&[file.to_path_buf()], &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(code, 0, "{text}");
    text
}

#[test]
fn new_city_layout_passes_check_and_is_never_overwritten() {
    let dir = temp_dir("qingdao");
    let out = dir.join("qingdao.toml");
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("青岛市", &out, "county", &mut printed), 0, "{}", String::from_utf8_lossy(&printed));
    let text = check(&out);
    assert!(text.contains("0 error(s)"), "{text}");
    let layout = planmap::io::load_layout(&out).expect("loads");
    assert_eq!(layout.plan.plan.region, "青岛市");
    assert!(layout.plan.structures.is_empty());
    let units: Vec<&str> = layout.boundaries.features.iter().filter(|f| f.property("role") == Some("unit")).map(|f| f.name.as_str()).collect();
    assert_eq!(units.len(), 10);
    // Neighbours as context: 烟台市's 莱阳市 borders 莱西市.
    assert!(layout.boundaries.features.iter().any(|f| f.name == "莱阳市" && f.property("role") == Some("context")));
    // The boundary file is RFC 7946 as the geojson crate reads it.
    let text = std::fs::read_to_string(dir.join("qingdao.geojson")).expect("boundaries written beside");
    let fc: geojson::FeatureCollection = text.parse().expect("a FeatureCollection");
    assert_eq!(fc.features.len(), layout.boundaries.features.len());
    for f in &fc.features {
        assert!(matches!(f.geometry.as_ref().map(|g| &g.value), Some(geojson::GeometryValue::MultiPolygon { .. })));
        assert!(f.property("adcode").and_then(|v| v.as_str()).is_some_and(|a| a.len() == 6));
    }

    // On the map the region's own units stand apart from the neighbours.
    let (doc, _) = planmap::document::Document::open(&out).expect("opens");
    let color_of = |name: &str| {
        let i = doc.boundaries.features.iter().position(|f| f.name == name).expect(name);
        doc.fill.pieces.iter().find(|p| p.feature == i).map(|p| p.color)
    };
    assert_eq!(color_of("即墨区"), Some(planmap::scene::fills::PLAN_BASE));
    assert_eq!(color_of("莱阳市"), Some(planmap::scene::fills::CONTEXT));

    // A second run refuses and leaves the file alone.
    let before = std::fs::read(&out).expect("written");
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("青岛市", &out, "county", &mut printed), 1);
    assert!(String::from_utf8_lossy(&printed).contains("already exists"));
    assert_eq!(std::fs::read(&out).expect("still there"), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_province_with_city_units_passes_check() {
    let dir = temp_dir("hainan");
    let out = dir.join("hainan.toml");
    let written = starter::write(found("海南省"), starter::Units::City, &out).expect("written");
    check(&out);
    let layout = planmap::io::load_layout(&out).expect("loads");
    let names: Vec<&str> = layout.boundaries.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(written.units, 19, "{names:?}");
    assert!(names.contains(&"三亚市") && names.contains(&"定安县"), "{names:?}");
    assert!(layout.boundaries.features.iter().all(|f| f.property("level") == Some("市")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_county_layout_has_focus_and_neighbours() {
    let dir = temp_dir("yiliang");
    let out = dir.join("yiliang.toml");
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("宜良县", &out, "county", &mut printed), 0, "{}", String::from_utf8_lossy(&printed));
    check(&out);
    let layout = planmap::io::load_layout(&out).expect("loads");
    assert_eq!(layout.plan.plan.focus_district.as_ref().map(|f| f.get_ref().as_str()), Some("530125"));
    let names: Vec<&str> = layout.boundaries.features.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.first(), Some(&"宜良县"));
    assert!(names.contains(&"石林彝族自治县") && names.contains(&"嵩明县"), "{names:?}");
    // A county has no cities to colour.
    assert!(matches!(starter::write(found("宜良县"), starter::Units::City, &dir.join("x.toml")), Err(starter::StarterError::NoCities(_))));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_refuses_unknown_and_ambiguous_regions() {
    let dir = temp_dir("bad");
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("鼓楼区", &dir.join("a.toml"), "county", &mut printed), 2);
    assert!(String::from_utf8_lossy(&printed).contains("开封市"));
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("青导市", &dir.join("a.toml"), "county", &mut printed), 1);
    assert!(String::from_utf8_lossy(&printed).contains("青岛市"));
    assert!(!dir.exists(), "nothing written");
}

/// Micro-degree vertices of a county's rings, and its segments.
fn rings(adcode: &str) -> Vec<Vec<[i64; 2]>> {
    let id = index().by_adcode(adcode).expect("adcode");
    let b = china::features(&[id]).expect("decodes");
    let f = b.features.first().expect("one feature");
    f.geometry.rings().map(|r| r.map(|c| [(c[0] * 1e6).round() as i64, (c[1] * 1e6).round() as i64]).collect()).collect()
}

fn dist2_to_segment(p: [i64; 2], a: [i64; 2], b: [i64; 2]) -> f64 {
    let (px, py, ax, ay, bx, by) = (p[0] as f64, p[1] as f64, a[0] as f64, a[1] as f64, b[0] as f64, b[1] as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 { 0.0 } else { (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0) };
    let (qx, qy) = (ax + t * dx, ay + t * dy);
    (px - qx).powi(2) + (py - qy).powi(2)
}

/// Every vertex of `a` within 2 m of `b`'s boundary is one of `b`'s vertices (no sliver, no
/// gap), and the two share a border of at least `min_shared` vertices.
fn assert_identical_border(a: &str, b: &str, min_shared: usize) {
    let (ra, rb) = (rings(a), rings(b));
    let vb: HashSet<[i64; 2]> = rb.iter().flatten().copied().collect();
    let segs: Vec<([i64; 2], [i64; 2])> = rb.iter().flat_map(|r| r.windows(2).map(|w| (w[0], w[1]))).collect();
    let mut shared = 0;
    for &p in ra.iter().flatten() {
        if vb.contains(&p) {
            shared += 1;
            continue;
        }
        // 2 m ≈ 18 micro-degrees of latitude.
        let near = segs.iter().any(|&(s, e)| {
            let (x0, x1, y0, y1) = (s[0].min(e[0]) - 18, s[0].max(e[0]) + 18, s[1].min(e[1]) - 18, s[1].max(e[1]) + 18);
            p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1 && dist2_to_segment(p, s, e) < 18.0 * 18.0
        });
        assert!(!near, "{a}: vertex {p:?} lies within 2 m of {b}'s border but is not on it");
    }
    assert!(shared >= min_shared, "{a} and {b} share only {shared} vertices");
}

#[test]
fn neighbouring_counties_share_identical_borders() {
    assert_identical_border("370202", "370203", 20); // 市南区 | 市北区 (青岛)
    assert_identical_border("370215", "370214", 20); // 即墨区 | 城阳区
    assert_identical_border("530125", "530126", 20); // 宜良县 | 石林彝族自治县 (昆明)
    assert_identical_border("610302", "610303", 20); // 渭滨区 | 金台区 (宝鸡)
    assert_identical_border("370832", "410927", 20); // 梁山县 (山东) | 台前县 (河南): across provinces
}

#[test]
fn city_outline_lies_on_its_counties_borders() {
    // 青岛市's outline is dissolved from its counties: every vertex is a county vertex.
    let qd = found("青岛市");
    let b = china::features(&[qd]).expect("decodes");
    let outline: Vec<[i64; 2]> = (0..b.features[0].geometry.polygon_count())
        .flat_map(|p| b.features[0].geometry.polygon(p).exterior().0.clone())
        .map(|c| [(c.x * 1e6).round() as i64, (c.y * 1e6).round() as i64])
        .collect();
    let counties: HashSet<[i64; 2]> = index().counties(qd).iter().flat_map(|&c| rings(&index().get(c).expect("county").adcode)).flatten().collect();
    assert!(outline.len() > 1000);
    assert!(outline.iter().all(|p| counties.contains(p)));
}

#[test]
fn the_five_boundary_files_are_cuts_of_the_bundle() {
    for (file, n) in [("baoji", 12), ("qujing", 9), ("jining", 11), ("chongqing", 38), ("panzhihua", 5)] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/boundaries/{file}.geojson"));
        let (b, diags) = planmap::io::load_boundaries(&path);
        let b = b.unwrap_or_else(|| panic!("{file}: {diags:?}"));
        assert_eq!(b.features.len(), n, "{file}");
        for f in &b.features {
            let id = index().by_adcode(&f.adcode).unwrap_or_else(|| panic!("{file}: {} not in the bundle", f.adcode));
            let from_bundle = china::features(&[id]).expect("decodes");
            let g = &from_bundle.features[0];
            assert_eq!(g.name, f.name, "{file}: {}", f.adcode);
            assert!(g.geometry == f.geometry, "{file}: {} {} differs from the bundle", f.adcode, f.name);
        }
    }
}

/// `planmap check` on a new layout whose structure took a neighbour drawn for context (Pick's
/// "add it anyway", or a hand edit): a warning naming the file, the structure and the county,
/// not an error; the region's own units raise none.
#[test]
fn check_warns_about_a_member_that_is_context() {
    let dir = temp_dir("context-member");
    let out = dir.join("baoji-new.toml");
    let mut printed = Vec::new();
    assert_eq!(planmap::cli::new::run("宝鸡市", &out, "county", &mut printed), 0, "{}", String::from_utf8_lossy(&printed));
    let layout = planmap::io::load_layout(&out).expect("loads");
    let role = |name: &str| layout.boundaries.features.iter().find(|f| f.name == name).and_then(|f| f.property("role").map(str::to_string));
    assert_eq!((role("渭滨区").as_deref(), role("麦积区").as_deref()), (Some("unit"), Some("context")), "麦积区 (天水市) borders 宝鸡市");
    let starter = std::fs::read_to_string(&out).expect("written");
    let structure = |members: &str| format!("{starter}\n[[structures]]\nid = \"core\"\nkind = \"core\"\nname = \"一核心\"\nsource = \"第三章\"\n{members}");
    let member = |adcode: &str, name: &str| format!("  [[structures.members]]\n  adcode = \"{adcode}\"\n  name = \"{name}\"\n");
    let run = |text: String| {
        std::fs::write(&out, text).expect("write");
        crate::binary::planmap(&["check", out.to_str().expect("utf-8")], None, 60)
    };

    let clean = run(structure(&member(&adcode("渭滨区"), "渭滨区")));
    assert_eq!(clean.code, Some(0), "{}{}", clean.stdout, clean.stderr);
    assert!(clean.stdout.contains("0 error(s), 0 warning(s)"), "a unit of the region is no warning: {}", clean.stdout);

    let warned = run(structure(&format!("{}{}", member(&adcode("渭滨区"), "渭滨区"), member("620503", "麦积区"))));
    let text = format!("{}{}", warned.stdout, warned.stderr);
    assert_eq!(warned.code, Some(0), "a warning, not an error: {text}");
    let line = text.lines().find(|l| l.contains("麦积区")).unwrap_or_else(|| panic!("no line names 麦积区: {text}"));
    assert!(line.contains("baoji-new.toml") && line.contains("一核心") && line.contains("warning") && line.contains("outside the region"), "{line}");
    assert!(text.contains("0 error(s), 1 warning(s)"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
