//! Facts of the bundled layouts, checked against what the plans say.

use std::path::PathBuf;

use planmap::io::{self, Layout};
use planmap::model::{self, StructureKind, Target};

fn layout(name: &str) -> Layout {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"));
    io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

#[test]
fn baoji_has_one_core_three_zones_twelve_products() {
    let l = layout("baoji");
    let count = |k| l.plan.structures.iter().filter(|s| s.kind == k).count();
    assert_eq!((count(StructureKind::Core), count(StructureKind::Zone), count(StructureKind::Product)), (1, 3, 12));
}

#[test]
fn meixian_is_in_two_zones() {
    let l = layout("baoji");
    let zones: Vec<_> = l.plan.structures_of("610326").into_iter().filter(|&i| l.plan.structures[i].kind == StructureKind::Zone).collect();
    assert_eq!(zones.len(), 2);
}

#[test]
fn weibin_is_partial_in_the_ecological_zone() {
    let l = layout("baoji");
    let zone = l.plan.structures.iter().find(|s| s.name.starts_with("生态温泉")).unwrap();
    let m = zone.member_for("610302").unwrap();
    assert_eq!(m.partial.as_deref(), Some("秦岭重点保护区和一般保护区范围"));
}

#[test]
fn baoji_high_tech_zone_is_kept_without_polygon() {
    let l = layout("baoji");
    let core = &l.plan.structures[0];
    assert!(core.members.iter().any(|m| !m.has_polygon() && m.name().contains("高新技术产业开发区")));
}

#[test]
fn qujing_development_zone_is_a_centre_member_without_polygon() {
    let l = layout("qujing");
    let centre = l.plan.structures.iter().find(|s| s.kind == StructureKind::Centre).unwrap();
    let m = centre.members.iter().find(|m| m.name() == "曲靖经开区").unwrap();
    assert!(!m.has_polygon());
    assert_eq!(l.plan.structures.iter().filter(|s| s.kind == StructureKind::Point).count(), 6);
}

#[test]
fn qujing_third_hospital_focus_includes_psychiatry() {
    let l = layout("qujing");
    let h = l.plan.all_districts().flat_map(|d| &d.hospitals).find(|h| h.name == "曲靖市第三人民医院").unwrap();
    assert!(h.focus.iter().any(|f| f == "精神科"), "{:?}", h.focus);
}

#[test]
fn show_meixian_prints_tangyu_with_sources() {
    let l = layout("baoji");
    let mut out = Vec::new();
    assert_eq!(planmap::cli::show(&l.path, "眉县", &mut out), 0);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("汤峪温泉"));
    assert!(text.contains("眉县人民医院"));
    assert!(text.contains("〔000_9363dbbd475e6e70.txt · 第三章 第三节 专栏1〕"));
}

#[test]
fn show_finds_structures_hospitals_and_projects() {
    let l = layout("baoji");
    for name in ["中医药康养服务区", "眉县人民医院", "岐伯国医纪念馆", "宝鸡市中心医院"] {
        let hits = model::search(&l.plan, Some(&l.boundaries), name);
        assert_eq!(hits.len(), 1, "{name}: {hits:?}");
        let d = model::describe(&l.plan, Some(&l.boundaries), &hits[0].0).unwrap();
        assert!(d.sections.iter().flat_map(|s| &s.lines).all(|line| line.source.as_deref().is_some_and(|s| !s.is_empty())), "{name}");
    }
}

#[test]
fn ambiguous_names_list_candidates() {
    let l = layout("baoji");
    let mut out = Vec::new();
    assert_eq!(planmap::cli::show(&l.path, "医院", &mut out), 2);
    assert!(String::from_utf8(out).unwrap().contains("matches"));
}

#[test]
fn every_district_and_structure_can_be_shown() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let l = layout(name);
        for f in &l.boundaries.features {
            assert!(model::describe(&l.plan, Some(&l.boundaries), &Target::District(f.adcode.clone())).is_some());
        }
        for i in 0..l.plan.structures.len() {
            assert!(model::describe(&l.plan, Some(&l.boundaries), &Target::Structure(i)).is_some());
        }
    }
}

#[test]
fn county_level_plans_have_a_focus_district() {
    for (name, adcode) in [("liangshan", "370832"), ("shapingba", "500106"), ("renhe", "510411")] {
        assert_eq!(layout(name).plan.focus_district(), Some(adcode));
    }
}

#[test]
fn show_prints_every_hospital_project_and_structure_of_every_layout() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let l = layout(name);
        let mut names: Vec<String> = l.plan.all_districts().flat_map(|d| d.hospitals.iter().map(|h| h.name.clone()).chain(d.projects.iter().map(|p| p.name.clone()))).collect();
        names.extend(l.plan.structures.iter().map(|s| s.name.clone()));
        names.extend(l.boundaries.features.iter().map(|f| f.name.clone()));
        for n in names {
            let mut out = Vec::new();
            assert_eq!(planmap::cli::show(&l.path, &n, &mut out), 0, "{name}: show {n}");
            assert!(String::from_utf8(out).unwrap().contains(&n), "{name}: {n}");
        }
    }
}
