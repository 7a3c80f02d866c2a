//! Finding a plan's things by every name the plan uses (issue 22): a slogan part for the
//! structures it names, the plan's short names, and the facts a structure's section states.

use std::path::{Path, PathBuf};

use planmap::io;
use planmap::model::{self, Target};

fn layout_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"))
}

fn show(name: &str, query: &str) -> (i32, String) {
    let mut out = Vec::new();
    let code = planmap::cli::show::run(&layout_path(name), query, &mut out);
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn a_slogan_part_finds_the_structures_it_names() {
    let (code, text) = show("baoji", "三片区");
    assert_eq!(code, 0, "{text}");
    for zone in ["生态温泉森林康养服务区", "中医药康养服务区", "文化旅游休闲养生服务区"] {
        assert!(text.contains(zone), "三片区 shows {zone}:\n{text}");
    }
    assert!(!text.contains("一核心"), "the core is not one of the three");
    let l = io::load_layout(&layout_path("baoji")).unwrap();
    let twelve = model::search(&l.plan, Some(&l.boundaries), "十二品");
    assert_eq!(twelve.len(), 12, "{twelve:?}");
    let liangshan = io::load_layout(&layout_path("liangshan")).unwrap();
    let two = model::search(&liangshan.plan, Some(&liangshan.boundaries), "两点突破");
    assert!(matches!(two.as_slice(), [(Target::Structure(_), _)]), "{two:?}");
}

fn plan_with(slogan: &str, kinds: &[&str]) -> model::Plan {
    let mut src = format!("[plan]\ntitle = \"t\"\nregion = \"r\"\ndocument = \"d.txt\"\nboundaries = \"b.geojson\"\nslogan = \"{slogan}\"\n");
    for (i, k) in kinds.iter().enumerate() {
        src += &format!("[[structures]]\nid = \"s{i}\"\nkind = \"{k}\"\nname = \"名{i}\"\nsource = \"第一章\"\n");
    }
    io::parse_layout(&src, Path::new("t.toml")).unwrap()
}

#[test]
fn a_slogan_names_runs_only_when_its_counts_agree() {
    let runs = |p: &model::Plan| model::slogan_runs(p).into_iter().map(|(part, r)| (part, r.len())).collect::<Vec<_>>();
    let agrees = plan_with("一核心、两片区", &["core", "zone", "zone"]);
    assert_eq!(runs(&agrees), [("一核心".to_string(), 1), ("两片区".to_string(), 2)]);
    // Counter-examples: a count that disagrees, more parts than runs, a one-part slogan.
    assert!(runs(&plan_with("一核心、三片区", &["core", "zone", "zone"])).is_empty());
    assert!(runs(&plan_with("一核心、两片区、多点", &["core", "zone", "zone"])).is_empty());
    assert!(runs(&plan_with("一核心", &["core"])).is_empty());
    // "十二" is twelve, not one or two.
    assert!(runs(&plan_with("一核、十二品", &["core", "product", "product"])).is_empty());
}

#[test]
fn the_plans_short_names_find_their_entries() {
    for (name, query, expected) in [("qujing", "市中医医院", "曲靖市中医医院"), ("renhe", "区疾控中心", "区疾控机构")] {
        let (code, text) = show(name, query);
        assert_eq!(code, 0, "{name} {query}:\n{text}");
        assert!(text.starts_with(expected), "{name} {query} shows {expected}:\n{text}");
    }
}

#[test]
fn a_structure_lists_the_facts_its_section_states() {
    let (code, text) = show("qujing", "中心");
    assert_eq!(code, 0, "{text}");
    for fact in ["10个共享中心（曲靖市）", "麒麟温泉康养小镇（麒麟区）", "沾益彩云康养天堂-毒水小镇（沾益区）"] {
        let line = text.lines().find(|l| l.contains(fact)).unwrap_or_else(|| panic!("中心 lists {fact}:\n{text}"));
        assert!(line.contains("第三章 一（二）"), "with its source: {line}");
    }
    // A 小镇 of a county outside the centre (陆良县, a point) is not the centre's.
    assert!(!text.contains("陆良南境颐养小镇"), "{text}");
    let (_, project) = show("qujing", "10个共享中心");
    assert!(project.contains("“中心”引领区（中心）"), "the project names its structure:\n{project}");
}

#[test]
fn a_member_cites_the_section_that_names_it() {
    let (_, text) = show("shapingba", "丰文社区卫生服务中心");
    assert!(text.contains("第一章 第一节"), "{text}");
}
