//! The 南海诸岛 inset: a layout of 海南省 (made as `planmap new 海南省 --units city` makes it)
//! is fitted to 海南岛, with 三沙's islands in an inset box that the window and every export
//! paint; 宝鸡市 has none.

use std::path::PathBuf;

use planmap_core::document::Document;
use planmap_core::io::{china, starter};
use planmap_core::model::regions::Lookup;
use planmap_core::scene::View;
use planmap_core::scene::inset::{self, TITLE};
use planmap_core::scene::picture::{self, Highlight, Style};

fn starter_layout(region: &str, units: starter::Units, test: &str) -> PathBuf {
    let index = china::index().expect("the built-in boundaries");
    let Lookup::Found(id) = index.find(region) else { panic!("{region} is a region") };
    let out = crate::support::scratch(&format!("inset-{test}")).join("layout.toml");
    starter::write(id, units, &out).unwrap_or_else(|e| panic!("{region}: {e}"));
    out
}

fn open(path: &std::path::Path) -> Document {
    Document::open(path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display())).0
}

const RECT: [f32; 4] = [0.0, 0.0, 1600.0, 1200.0];

#[test]
fn hainan_is_fitted_to_the_island_with_the_south_china_sea_islands_in_an_inset() {
    let doc = open(&starter_layout("海南省", starter::Units::City, "fit"));
    let islands = doc.scene.islands.as_ref().expect("海南省 reaches the South China Sea islands");
    let sansha = doc.boundaries.features.iter().position(|f| f.name == "三沙市").expect("三沙市 is a unit");
    assert_eq!(islands.features, vec![sansha], "only 三沙 has parts among the islands");
    // The fitted bounds are 海南岛's: a few hundred km, not 三沙's 1,700 km of sea.
    let b = doc.scene.bounds;
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    assert!(w < 400.0 && h < 300.0, "fitted to the island: {w:.0} × {h:.0} km");
    let haikou = doc.boundaries.features.iter().position(|f| f.name == "海口市").unwrap();
    let hb = doc.scene.shapes[haikou].bbox;
    assert!(hb[0] >= b[0] && hb[2] <= b[2] && hb[3] <= b[3], "海口 inside the fitted bounds");
    let all = doc.scene.shapes[sansha].bbox;
    assert!(all[3] - all[1] > 1000.0, "三沙 spans more than 1000 km north to south");

    let view = View::fit(doc.scene.bounds, RECT);
    let pic = picture::describe(doc.map_data(), view, RECT, &Highlight::default(), Style::default());
    let inset = pic.inset.as_ref().expect("the map describes an inset");
    assert_eq!(inset.title.text, TITLE);
    let f = inset.frame;
    assert!(f[0] > RECT[2] * 0.5 && f[1] > RECT[3] * 0.5 && f[2] <= RECT[2] && f[3] <= RECT[3], "in the lower right corner: {f:?}");
    assert!(inset.map.areas.iter().any(|a| matches!(a.key, picture::MeshKey::Level { feature, .. } if feature as usize == sansha)), "the inset draws 三沙");
    // Every island's part lies inside the inset's map rectangle.
    let r = inset.map.rect;
    let (lo, hi) = (inset.map.view.screen_from_world(r, [islands.bounds[0], islands.bounds[1]]), inset.map.view.screen_from_world(r, [islands.bounds[2], islands.bounds[3]]));
    assert!(lo[0] >= r[0] - 0.5 && hi[0] <= r[2] + 0.5 && hi[1] >= r[1] - 0.5 && lo[1] <= r[3] + 0.5, "the islands fit their box");
    // The island fills the main map: 海南岛 takes more than half of its width or height.
    let (a, c) = (view.screen_from_world(RECT, [b[0], b[1]]), view.screen_from_world(RECT, [b[2], b[3]]));
    assert!((c[0] - a[0]) > RECT[2] * 0.5 || (a[1] - c[1]) > RECT[3] * 0.5);
}

#[test]
fn the_inset_is_in_the_exported_svg_and_not_in_baojis() {
    let hainan = starter_layout("海南省", starter::Units::City, "svg");
    let svg = hainan.with_file_name("hainan.svg");
    planmap_core::export::write(&open(&hainan), &planmap_core::export::Options::default(), &svg).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches(TITLE).count(), 1, "one inset titled {TITLE}");
    // The starter has no structure yet: no legend heading over an empty legend.
    assert!(!text.contains("图例") && !text.contains("Legend"), "an empty legend has no heading");

    let baoji = open(&crate::support::root().join("layouts/baoji.toml"));
    assert!(baoji.scene.islands.is_none(), "宝鸡市 has no islands");
    let view = View::fit(baoji.scene.bounds, RECT);
    assert!(picture::describe(baoji.map_data(), view, RECT, &Highlight::default(), Style::default()).inset.is_none());
    let out = crate::support::scratch("inset-baoji").join("baoji.svg");
    planmap_core::export::write(&baoji, &planmap_core::export::Options::default(), &out).unwrap();
    let baoji_svg = std::fs::read_to_string(&out).unwrap();
    assert!(!baoji_svg.contains(TITLE), "no inset for 宝鸡");
    assert!(baoji_svg.contains("图例"), "a layout with structures has its legend heading");
}

#[test]
fn a_map_of_sansha_alone_is_fitted_whole_without_an_inset() {
    let doc = open(&starter_layout("三沙市", starter::Units::County, "sansha"));
    assert!(doc.scene.islands.is_none(), "nothing but islands: no inset, the islands are the map");
    assert!(inset::is_sansha("460300") && !inset::is_sansha("460100"));
}
