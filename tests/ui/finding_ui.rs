//! A search hit flies to where the plan puts it (issue 22): the county outlined, a hospital
//! pinned at its county's label point, never zoomed out past the whole map.

use eframe::egui::{self, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::model::Target;
use planmap::scene::View;
use planmap::scene::picture::{OutlineRole, colors};
use planmap::ui::App;
use planmap::ui::app::Saved;

use crate::harness::harness;

fn open(name: &str) -> Harness<'static, App> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"));
    harness(App::new(Some(path), Saved::default()))
}

fn search(h: &mut Harness<'static, App>, text: &str) {
    h.get_by_role(Role::TextInput).focus();
    h.run_steps(1);
    h.get_by_role(Role::TextInput).type_text(text);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(4);
}

/// The scale at which the whole map fits the map pane.
fn fit_scale(h: &Harness<'static, App>) -> f64 {
    let m = h.state().map();
    let r = m.map_rect;
    View::fit(m.doc.as_ref().unwrap().scene.bounds, [r.min.x, r.min.y, r.max.x, r.max.y]).scale
}

#[test]
fn a_hospital_is_outlined_and_pinned_in_its_county() {
    let mut h = open("baoji");
    search(&mut h, "宝鸡市陈仓医院");
    let m = h.state().map();
    assert!(matches!(m.selected, Some(Target::Hospital { .. })), "{:?}", m.selected);
    let chencang = m.doc.as_ref().unwrap().boundaries.index_of("610304").unwrap();
    assert!(m.view.unwrap().scale >= fit_scale(&h) * 0.999, "never zoomed out past the whole map");
    let pic = m.picture().unwrap();
    let outline = pic.outlines.iter().find(|o| o.role == OutlineRole::Emphasis && o.color == colors::SELECTED).expect("the county is outlined");
    let rings = m.doc.as_ref().unwrap().scene.shapes[chencang].level(0.0).outlines().count();
    assert!(rings > 0 && outline.rings.len() <= rings);
    let pin = pic.markers.iter().find(|mk| mk.text == "宝鸡市陈仓医院").expect("the hospital is pinned");
    assert_eq!(pin.color, colors::SELECTED);
    let label_at = m.doc.as_ref().unwrap().scene.shapes[chencang].label_at;
    let [lon, lat] = m.doc.as_ref().unwrap().scene.projection.inverse(f64::from(label_at[0]), f64::from(label_at[1]));
    let at = m.screen_pos(lon, lat).unwrap();
    assert!((pin.center[1] - at.y).abs() < 60.0 && (pin.center[0] - at.x).abs() < 200.0, "pin {:?} near the label point {at:?}", pin.center);
    assert!(h.query_all_by_label_contains("创建三级医院").next().is_some(), "the details show the hospital");
}

#[test]
fn escape_clears_what_search_found() {
    let mut h = open("baoji");
    search(&mut h, "宝鸡市陈仓医院");
    assert!(h.state().map().located.is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().map().located.is_none());
    assert!(h.state().map().picture().unwrap().markers.iter().all(|mk| mk.text != "宝鸡市陈仓医院"));
}

#[test]
fn a_city_level_hospital_shows_the_whole_map() {
    let mut h = open("baoji");
    search(&mut h, "宝鸡市中心医院");
    let m = h.state().map();
    assert!(matches!(m.selected, Some(Target::Hospital { .. })), "{:?}", m.selected);
    let ratio = m.view.unwrap().scale / fit_scale(&h);
    assert!((ratio - 1.0).abs() < 1e-3, "fitted to the whole map: {ratio}");
    assert!(m.located.is_none(), "no county is claimed for a city-level hospital");
}
