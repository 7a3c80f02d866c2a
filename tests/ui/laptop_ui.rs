//! A laptop screen used well (issue 22): at 1366×768 the map keeps most of the width, the
//! empty details fold to a strip, a docked pane refits the map, and the key explains stripes.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::model::Target;
use planmap::scene::View;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::command::Command;

use crate::harness::harness_at;

const LAPTOP: egui::Vec2 = egui::vec2(1366.0, 768.0);

fn open(name: &str) -> Harness<'static, App> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"));
    let mut h = harness_at(App::new(Some(path), Saved::default()), LAPTOP);
    h.run_steps(4);
    h
}

fn map_share(h: &Harness<'static, App>) -> f32 {
    h.state().map().map_rect.width() / LAPTOP.x
}

#[test]
fn the_map_keeps_most_of_a_laptop_screen() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let mut h = open(name);
        let share = map_share(&h);
        assert!(share >= 0.55, "{name}: the map has {:.0} % of the width", share * 100.0);
        // A county selected: the details open beside the map, which still keeps most of it.
        let doc = h.state().map().doc.as_ref().unwrap();
        let (adcode, county) = (doc.boundaries.features[0].adcode.clone(), doc.boundaries.features[0].name.clone());
        assert!(h.query_all_by_label(&county).next().is_none(), "{name}: nothing selected, no details");
        h.state_mut().apply_to(0, Command::GoTo(Target::District(adcode)));
        h.run_steps(3);
        let with_details = map_share(&h);
        assert!(h.query_all_by_label(&county).next().is_some(), "{name}: the details of {county} opened");
        assert!(with_details >= 0.55, "{name}: with details the map has {:.0} %", with_details * 100.0);
    }
}

#[test]
fn a_docked_pane_refits_the_map() {
    let mut h = open("baoji");
    let fits = |h: &Harness<'static, App>| {
        let m = h.state().map();
        let r = m.map_rect;
        let want = View::fit(m.doc.as_ref().unwrap().scene.bounds, [r.min.x, r.min.y, r.max.x, r.max.y]);
        let got = m.view.unwrap();
        (got.scale / want.scale - 1.0).abs() < 0.01
    };
    assert!(fits(&h), "opened fitted");
    let before = h.state().map().map_rect.width();
    h.state_mut().apply_to(0, Command::TogglePane("diagram"));
    h.run_steps(4);
    assert!(h.state().map().map_rect.width() < before - 100.0, "the diagram took room");
    assert!(fits(&h), "the whole map still fits beside the diagram");
    // Once the user zooms, a pane closing leaves the view alone.
    h.state_mut().apply_to(0, Command::ZoomIn);
    h.run_steps(2);
    let zoomed = h.state().map().view.unwrap();
    h.state_mut().apply_to(0, Command::TogglePane("diagram"));
    h.run_steps(4);
    assert_eq!(h.state().map().view.unwrap().scale, zoomed.scale);
}

#[test]
fn the_key_says_what_stripes_and_hatching_mean() {
    let h = open("baoji");
    let said = |words: [&str; 2]| words.iter().any(|w| h.query_all_by_label_contains(w).next().is_some());
    assert!(said(["斜纹：同属多个结构", "Stripes: in several structures"]), "stripes explained");
    assert!(said(["细斜纹：仅部分区域属于该结构", "Thin hatching: only part of the county"]), "hatching explained");
    // Qujing's map has no stripes or hatching: nothing of them in its key.
    let q = open("qujing");
    assert!(!q.state().map().doc.as_ref().unwrap().fill.pieces.iter().any(|p| p.polygon.is_some()), "precondition: no striped county");
    let stripes = ["斜纹：", "Stripes:", "hatching:"].iter().any(|w| q.query_all_by_label_contains(w).next().is_some());
    assert!(!stripes, "the key lists only the marks the map draws");
}

#[test]
fn outlines_only_and_one_structure_at_a_time() {
    use planmap::scene::fills::Marks;
    use planmap::scene::picture::OutlineRole;
    let mut h = open("baoji");
    let striped = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().fill.pieces.iter().any(|p| p.polygon.is_some());
    assert!(striped(&h), "Baoji opens with stripes");
    h.state_mut().apply_to(0, Command::SetMarks(Marks::Outlines));
    h.run_steps(2);
    assert!(!striped(&h), "outlines only: no stripes");
    // 陈仓区 is in three shown structures: three rings of three widths.
    let doc = h.state().map().doc.as_ref().unwrap();
    let chencang = doc.boundaries.index_of("610304").unwrap();
    let mut widths: Vec<f32> = doc.fill.rings.iter().filter(|r| r.0 == chencang).map(|r| r.2).collect();
    widths.dedup();
    assert_eq!(widths.len(), 3, "{widths:?}");
    let pic = h.state().map().picture().unwrap();
    assert!(pic.outlines.iter().filter(|o| o.role == OutlineRole::Ring).count() >= 3);
    // One at a time: choosing a structure in the legend shows it alone.
    h.state_mut().apply_to(0, Command::SetMarks(Marks::Fills));
    h.state_mut().apply_to(0, Command::OneAtATime(true));
    h.state_mut().apply_to(0, Command::GoTo(Target::Structure(2)));
    h.run_steps(2);
    let visible = h.state().map().doc.as_ref().unwrap().visible.clone();
    assert_eq!(visible.iter().filter(|&&v| v).count(), 1);
    assert!(visible[2]);
    h.state_mut().apply_to(0, Command::OneAtATime(false));
    h.run_steps(2);
    assert!(h.state().map().doc.as_ref().unwrap().visible.iter().filter(|&&v| v).count() > 1, "all shown again");
}
