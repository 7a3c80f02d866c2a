//! `planmap export --diagram` and `--indicators`: non-empty PNGs, SVGs whose text is the
//! plan's, through the real binary.

use std::path::PathBuf;
use std::process::Command;

use crate::support::root;
use tiny_skia::Pixmap;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-charts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn export(layout: &str, flag: &str, out: &PathBuf) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_planmap"))
        .arg("export")
        .arg(root().join(format!("layouts/{layout}.toml")))
        .arg(flag)
        .arg("--out")
        .arg(out)
        .arg("--size")
        .arg("1000x800")
        .output()
        .unwrap()
}

fn svg_texts(path: &PathBuf) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("valid XML");
    xml.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_string)).collect()
}

/// Share of pixels that are not (near) white.
fn ink(p: &Pixmap) -> f64 {
    let n = p.pixels().iter().filter(|c| c.red() < 235 || c.green() < 235 || c.blue() < 235).count();
    n as f64 / p.pixels().len() as f64
}

#[test]
fn renhe_diagram_png_and_svg() {
    let png = scratch("renhe-diagram.png");
    let out = export("renhe", "--diagram", &png);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p = Pixmap::load_png(&png).unwrap();
    assert_eq!(p.width(), 1000);
    assert!(ink(&p) > 0.03, "the diagram is drawn: {}", ink(&p));
    let svg = scratch("renhe-diagram.svg");
    assert!(export("renhe", "--diagram", &svg).status.success());
    let texts = svg_texts(&svg);
    for name in ["内圈", "中圈", "外圈", "市外", "区人民医院"] {
        assert!(texts.iter().any(|t| t == name), "{name} is text in the SVG");
    }
}

#[test]
fn liangshan_and_shapingba_diagrams_name_their_tiers() {
    for (layout, names) in [("liangshan", &["县级层次", "梁山县人民医院"][..]), ("shapingba", &["龙头", "主体", "西南医院"][..])] {
        let svg = scratch(&format!("{layout}-diagram.svg"));
        let out = export(layout, "--diagram", &svg);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let texts = svg_texts(&svg);
        for name in names {
            assert!(texts.iter().any(|t| t.contains(name)), "{layout}: {name} in the SVG");
        }
    }
}

#[test]
fn an_area_only_plan_has_no_diagram_and_says_so() {
    let out = export("baoji", "--diagram", &scratch("baoji-diagram.png"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no relational structure"));
}

#[test]
fn indicators_png_and_svg_hold_the_plans_indicators_and_counts() {
    let png = scratch("renhe-indicators.png");
    let out = export("renhe", "--indicators", &png);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p = Pixmap::load_png(&png).unwrap();
    assert!(p.width() == 1000 && p.height() > 200 && ink(&p) > 0.02);
    let svg = scratch("renhe-indicators.svg");
    assert!(export("renhe", "--indicators", &svg).status.success());
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.contains("各结构计数")), "the counts chart is there");
    assert!(texts.iter().any(|t| t.contains("内圈")), "counted per structure");
}

#[test]
fn the_indicator_svg_names_every_indicator_with_its_values() {
    let svg = scratch("baoji-indicators.svg");
    assert!(export("baoji", "--indicators", &svg).status.success());
    let texts = svg_texts(&svg);
    let plan = planmap::io::load_layout(&root().join("layouts/baoji.toml")).unwrap().plan;
    assert!(plan.indicators.len() >= 32);
    for i in &plan.indicators {
        let name = i.name();
        // A long name wraps onto two lines: its first characters start a line.
        let head: String = name.chars().take(6).collect();
        assert!(texts.iter().any(|t| t.starts_with(&head)), "{name} is in the chart");
    }
    assert!(texts.iter().any(|t| t.contains("约束性")) && texts.iter().any(|t| t.contains("预期性")), "the legend tells the kinds apart");
    let renhe = scratch("renhe-indicators-2.svg");
    assert!(export("renhe", "--indicators", &renhe).status.success());
    let texts = svg_texts(&renhe);
    assert!(texts.iter().any(|t| t == "孕产妇死亡率"));
    assert!(texts.iter().any(|t| t.contains("≤14.5")), "the target as the plan prints it");
}
