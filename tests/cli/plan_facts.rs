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
fn qujing_third_hospital_focus_keeps_the_plans_wording() {
    let l = layout("qujing");
    let h = l.plan.all_districts().flat_map(|d| &d.hospitals).find(|h| h.name == "曲靖市第三人民医院").unwrap();
    assert!(h.focus.iter().any(|f| f == "精神科危重症救治"), "{:?}", h.focus);
    // The plan never says a bare "精神科".
    assert!(!h.focus.iter().any(|f| f == "精神科"), "{:?}", h.focus);
}

#[test]
fn show_meixian_prints_tangyu_with_sources() {
    let l = layout("baoji");
    let mut out = Vec::new();
    assert_eq!(planmap::cli::show::run(&l.path, "眉县", &mut out), 0);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("汤峪温泉"));
    assert!(text.contains("眉县人民医院"));
    assert!(text.contains("〔《宝鸡市“十四五”建设区域医疗康养中心规划》 · 第三章 第三节 专栏1〕"), "the plan cited by its title");
    assert!(!text.contains(".txt"), "never by its file name");
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
    assert_eq!(planmap::cli::show::run(&l.path, "医院", &mut out), 2);
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
        let mut names: Vec<String> =
            l.plan.all_districts().flat_map(|d| d.hospitals.iter().map(|h| h.name.clone()).chain(d.projects.iter().map(|p| p.name.clone()))).collect();
        names.extend(l.plan.structures.iter().map(|s| s.name.clone()));
        names.extend(l.boundaries.features.iter().map(|f| f.name.clone()));
        for n in names {
            let mut out = Vec::new();
            assert_eq!(planmap::cli::show::run(&l.path, &n, &mut out), 0, "{name}: show {n}");
            assert!(String::from_utf8(out).unwrap().contains(&n), "{name}: {n}");
        }
    }
}

fn project_names(l: &Layout) -> Vec<&str> {
    l.plan.all_districts().flat_map(|d| &d.projects).map(|p| p.name.as_str()).collect()
}

fn show_text(l: &Layout, name: &str) -> (i32, String) {
    let mut out = Vec::new();
    let code = planmap::cli::show::run(&l.path, name, &mut out);
    (code, String::from_utf8(out).unwrap())
}

// ── issue 12 item 4: the audit's fixes ──

#[test]
fn baoji_tcm_core_range_belongs_to_the_zone_not_to_chencang() {
    let l = layout("baoji");
    let zone = l.plan.structures.iter().find(|s| s.name == "中医药康养服务区").unwrap();
    assert!(zone.core_area.as_deref().is_some_and(|c| c.contains("坪头镇至与杨陵接址处渭河沿岸区域")));
    let chencang = zone.member_for("610304").unwrap();
    assert!(chencang.role.is_none() && chencang.partial.is_none(), "{chencang:?}");
    let district = l.plan.district("610304").unwrap();
    assert!(!district.specialities.iter().any(|s| s.text.contains("坪头镇")));
}

#[test]
fn baoji_jiuchenggong_is_not_placed_in_a_county() {
    let l = layout("baoji");
    for d in &l.plan.districts {
        assert!(!d.specialities.iter().any(|s| s.text.contains("九成宫醴泉铭碑")), "{}", d.name());
    }
}

#[test]
fn baoji_missing_projects_are_added() {
    let l = layout("baoji");
    let names = project_names(&l);
    for n in ["规范化接种门诊", "连锁化、规模化、品质化医养结合养老服务机构", "专业化医养结合人才队伍"] {
        assert!(names.contains(&n), "{n}");
    }
    // All six lines of 专栏6 are there.
    let box6 = l.plan.all_districts().flat_map(|d| &d.projects).filter(|p| p.source.contains("专栏6")).count();
    assert_eq!(box6, 6);
}

#[test]
fn qujing_additions_and_name_variants() {
    let l = layout("qujing");
    let names = project_names(&l);
    for n in ["战略留白用地", "云南省居民电子健康码", "互联网医院"] {
        assert!(names.contains(&n), "{n}");
    }
    let centre = l.plan.structures.iter().find(|s| s.id.get_ref() == "centre").unwrap();
    assert!(centre.focus.iter().any(|f| f.contains("骨科、肿瘤、口腔、康复、肝胆、眼科、耳鼻喉")));
    assert!(centre.focus.iter().any(|f| f.contains("滇黄精、白芨")));
    // The 五大中心 sentence names "宣威市人民医院"; "宣威市第一人民医院" is kept as a variant.
    let h = l.plan.all_districts().flat_map(|d| &d.hospitals).find(|h| h.name == "宣威市人民医院").unwrap();
    assert!(h.focus.iter().any(|f| f.contains("五大中心")));
    assert_eq!(h.aliases, ["宣威市第一人民医院"]);
    let hits = model::search(&l.plan, Some(&l.boundaries), "宣威市第一人民医院");
    assert_eq!(hits.len(), 1, "{hits:?}");
    let (code, text) = show_text(&l, "宣威市第一人民医院");
    assert_eq!(code, 0);
    assert!(text.starts_with("宣威市人民医院") && text.contains("又称") && text.contains("五大中心"), "{text}");
}

#[test]
fn liangshan_tiers_sit_under_one_parent() {
    let l = layout("liangshan");
    let parent = l.plan.structure_index("tiers").unwrap();
    assert_eq!(l.plan.structures[parent].name, "三级联动");
    let children: Vec<&str> = l.plan.children_of(parent).into_iter().map(|i| l.plan.structures[i].name.as_str()).collect();
    assert_eq!(children, ["县级层次", "乡级层次", "村级层次"]);
    let (code, text) = show_text(&l, "三级联动");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("下设") && text.contains("县级层次") && text.contains("村级层次"), "{text}");
}

#[test]
fn liangshan_county_tier_member_cites_what_says_it() {
    let l = layout("liangshan");
    let tier = l.plan.structures.iter().find(|s| s.name == "县级层次").unwrap();
    let m = tier.members.iter().find(|m| m.name() == "县级医疗机构").unwrap();
    assert_eq!(m.source.as_deref(), Some("四、重点发展领域（一） 促进医疗服务资源均衡配置"));
    // The line that shows the member cites the member's section, not the tier's.
    let i = l.plan.structures.iter().position(|s| s.name == "县级层次").unwrap();
    let d = model::describe(&l.plan, Some(&l.boundaries), &Target::Structure(i)).unwrap();
    let line = d.sections.iter().flat_map(|s| &s.lines).find(|x| x.text.starts_with("县级医疗机构")).unwrap();
    assert_eq!(line.source.as_deref(), Some("四、重点发展领域（一） 促进医疗服务资源均衡配置"));
}

#[test]
fn shapingba_structures_and_sources() {
    let l = layout("shapingba");
    let integrated = l.plan.structure_index("integrated").unwrap();
    assert_eq!(l.plan.structures[integrated].name, "整合型医疗卫生服务体系");
    let chain: Vec<&str> = l.plan.children_of(integrated).into_iter().map(|i| l.plan.structures[i].name.as_str()).collect();
    assert_eq!(chain, ["龙头", "主体", "枢纽", "基础", "补充"]);
    assert!(l.plan.structures.iter().any(|s| s.name == "三级联动的区域医疗卫生服务体系"));
    let main = l.plan.structures.iter().find(|s| s.name == "主体").unwrap();
    let tcm = main.members.iter().find(|m| m.name() == "区中西医结合医院").unwrap();
    assert!(tcm.source.as_deref().is_some_and(|s| s.starts_with("第三章 第五节")));
    let three: Vec<_> = main.members.iter().filter(|m| m.source.as_deref().is_some_and(|s| s.starts_with("第三章 第二节"))).collect();
    assert_eq!(three.len(), 3);
    // partial and location hold the plan's words, no editorial notes.
    for s in &l.plan.structures {
        for m in &s.members {
            for t in m.partial.iter().chain(&m.location) {
                assert!(!t.contains("规划未") && !t.contains("规划："), "{}: {t}", m.name());
            }
        }
    }
}

#[test]
fn renhe_inner_circle_members_cite_their_own_sections() {
    let l = layout("renhe");
    let inner = l.plan.structures.iter().find(|s| s.name == "内圈").unwrap();
    for name in ["区人民医院", "区域医疗卫生次中心", "乡镇卫生院和社区卫生服务中心", "村卫生室", "区妇幼保健服务中心"] {
        let m = inner.members.iter().find(|m| m.name() == name).unwrap();
        let src = m.source.as_deref().unwrap_or_else(|| panic!("{name} has no source"));
        assert!(src.contains("第二章") || src.contains("第六章"), "{name}: {src}");
        assert!(!m.role.as_deref().unwrap_or("").contains("（第"), "{name}: the role carries no section in brackets");
    }
}

// ── issue 12 item 5: finding things by the plan's names ──

#[test]
fn a_hospitals_page_lists_the_projects_that_name_it() {
    let l = layout("qujing");
    let (code, text) = show_text(&l, "罗平县人民医院");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("项目 Projects") && text.contains("罗平县人民医院康养中心"), "{text}");
}

#[test]
fn a_hospitals_page_lists_the_structures_that_name_it() {
    let l = layout("liangshan");
    let (code, text) = show_text(&l, "梁山县人民医院");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("两点突破"), "{text}");
}

#[test]
fn aliases_are_found_by_search_and_show() {
    let l = layout("shapingba");
    let hits = model::search(&l.plan, Some(&l.boundaries), "区中西结合医院");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|(_, n)| n == "区中西结合医院"));
    let (code, text) = show_text(&l, "区中西结合医院");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("区中西医结合医院"), "{text}");
}

#[test]
fn structures_are_found_by_their_slogan_part() {
    for (plan, query, want) in [("qujing", "中心", "“中心”引领区"), ("liangshan", "中心", "一个中心"), ("liangshan", "三级联动", "三级联动"), ("renhe", "内圈", "内圈")]
    {
        let l = layout(plan);
        let hits = model::search(&l.plan, Some(&l.boundaries), query);
        let names: Vec<&str> = hits
            .iter()
            .filter_map(|(t, _)| match t {
                Target::Structure(i) => Some(l.plan.structures[*i].name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, [want], "{plan} {query}: {hits:?}");
        assert_eq!(hits.len(), 1, "{plan} {query}: {hits:?}");
    }
    // "多点" names the six points at once, and show prints them all.
    let l = layout("qujing");
    let hits = model::search(&l.plan, Some(&l.boundaries), "多点");
    assert_eq!(hits.len(), 6, "{hits:?}");
    let (code, text) = show_text(&l, "多点");
    assert_eq!(code, 0);
    assert!(text.contains("多点：陆良县") && text.contains("多点：宣威市"));
}

#[test]
fn a_short_alias_does_not_claim_unrelated_projects() {
    // 区人民医院 is also written "区医院"; "社区医院建设" is not its project.
    let l = layout("renhe");
    let (code, text) = show_text(&l, "区人民医院");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("区人民医院二期工程"), "{text}");
    assert!(!text.contains("社区医院建设"), "{text}");
}
