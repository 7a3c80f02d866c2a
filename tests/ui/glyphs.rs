//! Every character the layouts and the UI show has a glyph in the fonts the app installs (egui's,
//! the CJK subset, the symbol subset), in the window and in the exports: no boxes, and no
//! egui_kittest panic on a missing glyph ("Ⅲ类水体" in Baoji's indicators).

use std::path::PathBuf;

use crate::support::root;
use eframe::egui::{self, FontFamily};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::export::picture::Picture;
use planmap::model::Target;
use planmap::ui::App;
use planmap::ui::app::Saved;
use skrifa::{FontRef, MetadataProvider};

const III: &str = "地表水达到或好于Ⅲ类水体比例";

/// The text of every layout and of the UI strings.
fn shown_texts() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root().join("layouts")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
    files.sort();
    assert!(files.len() >= 5, "the bundled layouts: {files:?}");
    files.push(root().join("src/ui/strings.rs"));
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

/// Characters of `text` no font of the window's proportional family draws.
fn missing_in_window(text: &str) -> Vec<char> {
    let defs = planmap::ui::fonts::definitions();
    let fonts: Vec<FontRef<'_>> = defs.families[&FontFamily::Proportional]
        .iter()
        .map(|name| {
            let data = &defs.font_data[name];
            FontRef::from_index((*data.font).as_ref(), data.index).unwrap()
        })
        .collect();
    let mut missing: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && !c.is_control()).filter(|&c| !fonts.iter().any(|f| f.charmap().map(c).is_some())).collect();
    missing.sort();
    missing.dedup();
    missing
}

/// Any region's layout names its units: every built-in region name (湾沚区, 硚口区, 鄠邑区 …,
/// outside GB2312) is drawn in the window and in exports.
#[test]
fn every_built_in_region_name_has_a_glyph() {
    let index = planmap::io::china::index().expect("the built-in regions");
    let names: String = index.regions().iter().map(|r| r.name.as_str()).collect();
    assert!(names.chars().count() > 9000, "all regions of China are read");
    assert_eq!(missing_in_window(&names), Vec::<char>::new(), "no window glyph (add them in tools/subset_font.py)");
    let missing: Vec<char> = names.chars().filter(|c| !planmap::scene::font::covers(*c)).collect();
    assert!(missing.is_empty(), "no export glyph for {missing:?}");
}

#[test]
fn every_character_of_the_layouts_and_ui_strings_has_a_glyph() {
    for (file, text) in shown_texts() {
        let missing = missing_in_window(&text);
        assert!(missing.is_empty(), "{file}: no window glyph for {missing:?}");
        let missing: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && !c.is_control() && !planmap::scene::font::covers(*c)).collect();
        assert!(missing.is_empty(), "{file}: no export glyph for {missing:?}");
    }
    // The check itself can fail: a private-use character has no glyph anywhere.
    assert_eq!(missing_in_window("Ⅲ\u{E000}"), vec!['\u{E000}']);
}

#[test]
fn the_symbol_font_comes_after_egui_and_cjk() {
    let defs = planmap::ui::fonts::definitions();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = &defs.families[&family];
        let at = |name: &str| list.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name} in {family:?}"));
        assert!(at("cjk") < at("symbols"), "{list:?}");
        assert_eq!(at("symbols"), list.len() - 1, "{list:?}");
        assert!(at("cjk") > 0, "egui's fonts stay first for Latin: {list:?}");
    }
}

#[test]
fn selecting_baojis_class_iii_water_indicator_shows_it_in_the_details() {
    let path = root().join("layouts/baoji.toml");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Some(path), Saved::default()));
    h.run_steps(3);
    let pane = h.state_mut().docked.iter_mut().find(|d| d.pane.id() == "indicators");
    pane.expect("an indicators pane").open = true;
    h.run_steps(3);
    h.query_all_by_label(III).next().expect("the indicators pane lists the Ⅲ indicator").scroll_to_me();
    h.run_steps(3);
    h.query_all_by_label(III).next().expect("still listed").click();
    h.run_steps(3);
    let plan = h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().clone();
    match &h.state().map().selected {
        Some(Target::Indicator(i)) => assert_eq!(plan.indicators[*i].name(), III),
        other => panic!("selected {other:?}"),
    }
    assert!(h.query_all_by_label_contains(III).count() >= 2, "the details panel names it too, with Ⅲ");
}

/// Dark pixels inside `[x0, y0, x1, y1]`.
fn ink(p: &tiny_skia::Pixmap, r: [u32; 4]) -> usize {
    let mut n = 0;
    for y in r[1]..r[3] {
        for x in r[0]..r[2] {
            let c = p.pixel(x, y).unwrap();
            n += usize::from(c.red() < 128 && c.green() < 128 && c.blue() < 128);
        }
    }
    n
}

#[test]
fn the_png_export_draws_the_roman_numeral() {
    let mut pic = Picture::new(200.0, 100.0);
    // Ⅲ alone at 40 px: its box is about x 20..50, y 30..60 (baseline at 60).
    pic.text([20.0, 60.0], "Ⅲ", 40.0, [0, 0, 0, 255]);
    let png = planmap::export::png::render(&pic, 1.0).unwrap();
    let glyph = ink(&png, [18, 28, 70, 62]);
    assert!(glyph > 100, "Ⅲ is drawn: {glyph} dark pixels");
    assert_eq!(ink(&png, [100, 0, 200, 100]), 0, "and nothing beyond it");
    // The SVG keeps the text verbatim and names a family that has the glyph.
    let svg = planmap::export::svg::render(&pic);
    assert!(svg.contains(">Ⅲ<"), "{svg}");
    assert!(svg.contains("DejaVu Sans"), "{svg}");
}
