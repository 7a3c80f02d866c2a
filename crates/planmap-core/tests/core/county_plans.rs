//! The three county-level plans: focus districts, institutions as members, tiers and circles.

use planmap_core::io::{self, Layout};
use planmap_core::model::{self, MemberKind, StructureKind, Target};

fn layout(name: &str) -> Layout {
    let path = crate::support::root().join(format!("layouts/{name}.toml"));
    io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

#[test]
fn liangshan_one_centre_two_points_three_tiers() {
    let l = layout("liangshan");
    let kinds: Vec<StructureKind> = l.plan.structures.iter().map(|s| s.kind).collect();
    // 三级联动 is the parent of the three tiers (issue 12).
    assert_eq!(kinds, [StructureKind::Centre, StructureKind::Point, StructureKind::Tier, StructureKind::Tier, StructureKind::Tier, StructureKind::Tier]);
    let tiers: Vec<&str> = l.plan.structures[2..].iter().map(|s| s.name.as_str()).collect();
    assert_eq!(tiers, ["三级联动", "县级层次", "乡级层次", "村级层次"]);
    let centre = &l.plan.structures[0];
    assert!(centre.members.iter().all(|m| !m.has_polygon()), "the 主城区 has no polygon of its own");
    let points = &l.plan.structures[1];
    let names: Vec<&str> = points.members.iter().map(|m| m.name()).collect();
    assert_eq!(names, ["梁山县人民医院", "梁山县中医院"]);
    assert!(points.members.iter().all(|m| m.kind == MemberKind::Institution && m.role.is_some()));
}

#[test]
fn liangshan_keeps_both_sides_of_a_contradiction() {
    let l = layout("liangshan");
    let d = l.plan.district("370832").unwrap();
    let texts: Vec<&str> = d.specialities.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("8项")) && texts.iter().any(|t| t.contains("10项")), "body text and 专栏 counts are both kept");
}

#[test]
fn shapingba_tiers_and_the_western_zone_without_invented_shapes() {
    let l = layout("shapingba");
    assert_eq!(l.plan.focus_district(), Some("500106"));
    assert!(l.plan.structures.iter().filter(|s| s.kind == StructureKind::Tier).count() >= 4);
    let west = l.plan.structures.iter().find(|s| s.name == "西部片区").unwrap();
    for name in ["国际物流园", "高新区"] {
        let m = west.members.iter().find(|m| m.name() == name).unwrap_or_else(|| panic!("{name}"));
        assert!(!m.has_polygon(), "{name} has no polygon");
    }
    let hospitals: Vec<&str> = l.plan.district("500106").unwrap().hospitals.iter().map(|h| h.name.as_str()).collect();
    for h in ["区人民医院", "区中医院", "区陈家桥医院"] {
        assert!(hospitals.contains(&h), "{h} in {hospitals:?}");
    }
}

#[test]
fn renhe_circles_in_order_and_all_ten_columns() {
    let l = layout("renhe");
    let circles: Vec<&str> = l.plan.structures.iter().filter(|s| s.kind == StructureKind::Circle).map(|s| s.name.as_str()).collect();
    assert_eq!(circles, ["内圈", "中圈", "外圈"]);
    assert!(l.plan.structures[0].member_for("510411").is_some(), "内圈 is the district's own system");
    let sources: String = l.plan.all_districts().flat_map(|d| &d.projects).map(|p| p.source.as_str()).collect::<Vec<_>>().join("|");
    for n in 1..=10 {
        assert!(sources.contains(&format!("专栏{n}")) || sources.contains(&format!("专栏 {n}")), "专栏{n} has projects");
    }
}

#[test]
fn institutions_are_found_and_described_with_their_role() {
    let l = layout("liangshan");
    let hits = model::search(&l.plan, Some(&l.boundaries), "梁山县中医院");
    let member = hits.iter().find(|(t, _)| matches!(t, Target::Member { .. })).expect("the point is a member");
    let d = model::describe(&l.plan, Some(&l.boundaries), &member.0).unwrap().to_text();
    assert!(d.contains("两点突破") && d.contains("中医康养") && d.contains("位于梁山县"), "{d}");
}

#[test]
fn context_districts_are_grey_and_the_focus_district_stands_out() {
    use planmap_core::scene::{Fill, FillStyle, Scene, fills};
    let l = layout("liangshan");
    let scene = Scene::build(&l.boundaries);
    let visible = vec![true; l.plan.structures.len()];
    let fill = Fill::build(&scene, &l.boundaries, FillStyle::Layout { plan: &l.plan, visible: &visible, marks: fills::Marks::Fills });
    let color_of = |adcode: &str| {
        let i = l.boundaries.index_of(adcode).unwrap();
        fill.pieces.iter().find(|p| p.feature == i).unwrap().color
    };
    assert_eq!(color_of("370832"), fills::FOCUS);
    assert_eq!(color_of("370811"), fills::CONTEXT);
}
