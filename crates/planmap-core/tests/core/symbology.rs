//! Partial membership is hatched thinly over the county's own fill (issue 22): it never takes a
//! stripe of its own, so it cannot be read as another structure.

use geo::Area;
use planmap_core::io::{self, Layout};
use planmap_core::model::Plan;
use planmap_core::scene::{Fill, FillStyle, Scene};

fn baoji() -> Layout {
    let path = crate::support::root().join("layouts/baoji.toml");
    io::load_layout(&path).unwrap_or_else(|d| panic!("baoji: {d:?}"))
}

/// Each colour's share of the county `adcode`, from the pieces drawn over its base fill.
fn shares(l: &Layout, plan: &Plan, adcode: &str) -> Vec<([u8; 4], f64)> {
    let scene = Scene::build(&l.boundaries);
    // As the window opens it: the 十二品 products hidden, the core and the three zones shown.
    let visible = planmap_core::document::default_visibility(plan);
    let fill = Fill::build(&scene, &l.boundaries, FillStyle::Layout { plan, visible: &visible, marks: planmap_core::scene::fills::Marks::Fills });
    let i = l.boundaries.index_of(adcode).unwrap();
    let whole = scene.shapes[i].polygon().unsigned_area();
    let mut out: Vec<([u8; 4], f64)> = Vec::new();
    for p in fill.pieces.iter().filter(|p| p.feature == i) {
        let Some(polygon) = &p.polygon else { continue };
        match out.iter_mut().find(|(c, _)| *c == p.color) {
            Some((_, a)) => *a += polygon.unsigned_area() / whole,
            None => out.push((p.color, polygon.unsigned_area() / whole)),
        }
    }
    out
}

#[test]
fn a_partial_member_is_thin_hatching_not_a_third_stripe() {
    let l = baoji();
    // 陈仓区: whole in 一核心 and 中医药康养服务区, only partly in 生态温泉森林康养服务区.
    let plan = &l.plan;
    let eco = plan.structures.iter().position(|s| s.name.starts_with("生态温泉")).unwrap();
    let member = plan.structures[eco].member_for("610304").unwrap();
    assert!(member.partial.is_some(), "the seed states 陈仓区 only in part");
    let eco_color = planmap_core::scene::fills::rgba(plan.structure_color(eco));
    let got = shares(&l, plan, "610304");
    let partial = got.iter().find(|(c, _)| *c == eco_color).map(|(_, a)| *a).unwrap();
    assert!((0.05..0.35).contains(&partial), "hatching covers a thin share: {partial:.2}");
    let full: Vec<f64> = got.iter().filter(|(c, _)| *c != eco_color).map(|(_, a)| *a).collect();
    assert_eq!(full.len(), 2, "{got:?}");
    assert!(full.iter().all(|a| (0.4..0.6).contains(a)), "the two whole members still share the county in halves: {full:?}");

    // The same county as a whole member of all three: each takes a third, unlike the hatching.
    let mut whole = plan.clone();
    for m in whole.structures[eco].members.iter_mut() {
        m.partial = None;
    }
    let got = shares(&l, &whole, "610304");
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|(_, a)| (0.25..0.42).contains(a)), "three stripes of a third each: {got:?}");
}
