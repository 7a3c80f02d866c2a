//! Structure diagrams laid out from the layouts: the expected groups, nodes and order, no two
//! boxes overlapping and every line of text inside its box, at the widths a pane can have.

use planmap_core::io;
use planmap_core::model::{Plan, Target};
use planmap_core::scene::diagram::{self, Diagram, GroupKind};
use planmap_core::scene::font::text_width;

fn plan(path: &str) -> Plan {
    let path = crate::support::root().join(path);
    io::load_layout(&path).unwrap_or_else(|d| panic!("{}: {d:?}", path.display())).plan
}

fn layout(name: &str) -> Plan {
    plan(&format!("layouts/{name}.toml"))
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] - 0.01 && b[0] < a[2] - 0.01 && a[1] < b[3] - 0.01 && b[1] < a[3] - 0.01
}

/// No two boxes overlap; every text of a box is inside it; every free text is inside the
/// diagram and overlaps no box.
fn assert_clean(name: &str, d: &Diagram) {
    for (i, a) in d.nodes.iter().enumerate() {
        for b in &d.nodes[i + 1..] {
            assert!(!overlaps(&a.rect, &b.rect), "{name}: boxes {:?} and {:?} overlap", a.name(), b.name());
        }
        for t in &a.texts {
            let w = text_width(&t.text, t.size);
            let r = a.rect;
            assert!(
                t.at[0] >= r[0] && t.at[0] + w <= r[2] + 0.5 && t.at[1] >= r[1] && t.at[1] + t.size * 1.3 <= r[3] + 0.5,
                "{name}: {:?} sticks out of its box {:?}",
                t.text,
                a.name()
            );
        }
    }
    for t in &d.texts {
        let rect = [t.at[0], t.at[1], t.at[0] + text_width(&t.text, t.size), t.at[1] + t.size * 1.3];
        assert!(rect[0] >= -0.5 && rect[2] <= d.width + 0.5 && rect[3] <= d.height + 0.5, "{name}: {:?} is outside the diagram", t.text);
        for n in &d.nodes {
            assert!(!overlaps(&rect, &n.rect), "{name}: label {:?} overlaps box {:?}", t.text, n.name());
        }
    }
    for n in &d.nodes {
        assert!(n.rect[0] >= -0.5 && n.rect[2] <= d.width + 0.5 && n.rect[3] <= d.height + 0.5, "{name}: {:?} is outside", n.name());
    }
}

fn group(d: &Diagram, kind: GroupKind) -> &diagram::Group {
    d.groups.iter().find(|g| g.kind == kind).unwrap_or_else(|| panic!("no {kind:?} in {:?}", d.groups.iter().map(|g| (&g.kind, &g.title)).collect::<Vec<_>>()))
}

fn node_y(d: &Diagram, name: &str) -> f32 {
    d.nodes.iter().find(|n| n.name().contains(name)).unwrap_or_else(|| panic!("no box {name}")).rect[1]
}

#[test]
fn liangshan_is_a_hub_with_two_points_and_a_ladder_of_three_tiers() {
    let p = layout("liangshan");
    let d = diagram::layout(&p, 520.0, None);
    let hub = group(&d, GroupKind::HubAndSpokes);
    assert!(hub.title.contains("一个中心") && hub.title.contains("两点突破"), "{}", hub.title);
    for name in ["一个中心", "梁山县人民医院", "梁山县中医院"] {
        assert!(d.nodes.iter().any(|n| n.name() == name), "a box for {name}");
    }
    assert_eq!(d.edges.iter().filter(|e| e.arrow == diagram::Arrow::End).count(), 2, "two spokes");
    let ladder = group(&d, GroupKind::Ladder);
    let (county, township, village) = (node_y(&d, "县级层次"), node_y(&d, "乡级层次"), node_y(&d, "村级层次"));
    assert!(county < township && township < village, "tiers top down in the plan's order");
    assert!(ladder.rect[1] > hub.rect[1], "the plan states the centre first");
    for name in ["县级医疗机构", "乡镇卫生院", "街道社区卫生服务中心", "村卫生室"] {
        assert!(d.nodes.iter().any(|n| n.name() == name), "the ladder shows {name}");
    }
}

#[test]
fn shapingba_roles_are_a_chain_in_the_plans_order() {
    let p = layout("shapingba");
    let d = diagram::layout(&p, 520.0, None);
    let ys: Vec<f32> = ["龙头", "主体", "枢纽", "基础", "补充"].iter().map(|r| node_y(&d, r)).collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "龙头 → 主体 → 枢纽 → 基础 → 补充, top down: {ys:?}");
    for name in ["西南医院", "新桥医院", "区人民医院", "丰文社区卫生服务中心"] {
        assert!(d.nodes.iter().any(|n| n.name() == name), "the chain shows {name}");
    }
    assert!(d.groups.iter().any(|g| g.kind == GroupKind::Chain || g.kind == GroupKind::Ladder));
    // 西部片区 is a territory: on the map, not in the diagram.
    assert!(!d.groups.iter().any(|g| g.title.contains("西部片区")));
}

#[test]
fn renhe_is_three_rings_inside_out() {
    let p = layout("renhe");
    let d = diagram::layout(&p, 700.0, None);
    let g = group(&d, GroupKind::Rings);
    let names: Vec<&str> = g.structures.iter().map(|&s| p.structures[s].name.as_str()).collect();
    assert_eq!(names, ["内圈", "中圈", "外圈"]);
    assert_eq!(d.rings.len(), 3);
    let radius = |n: &str| d.rings.iter().find(|r| p.structures[r.structure].name == n).map(|r| r.radius).unwrap();
    assert!(radius("内圈") < radius("中圈") && radius("中圈") < radius("外圈"));
    // The unnamed members, as the plan words them.
    for name in ["市级", "县区", "市外", "区外", "区人民医院"] {
        assert!(d.nodes.iter().any(|n| n.name() == name), "a box for {name}");
    }
    let member = d.nodes.iter().find(|n| n.name() == "市外").unwrap();
    assert!(matches!(member.target, Target::Member { .. }), "a boundless member selects itself");
}

#[test]
fn no_overlaps_at_any_pane_width() {
    for name in ["liangshan", "shapingba", "renhe", "qujing", "baoji"] {
        let p = layout(name);
        for width in [240.0, 360.0, 520.0, 900.0, 1400.0] {
            let d = diagram::layout(&p, width, None);
            assert_clean(&format!("{name} at {width}"), &d);
        }
    }
}

#[test]
fn a_step_shows_only_its_groups_and_an_area_plan_has_none() {
    let p = layout("renhe");
    let d = diagram::layout(&p, 600.0, Some(&[1]));
    assert_eq!(d.groups.len(), 1, "the rings, for 中圈");
    let b = layout("baoji");
    assert!(diagram::layout(&b, 600.0, None).is_empty(), "Baoji's structures are all territories");
}

#[test]
fn clicking_a_box_finds_it() {
    let p = layout("liangshan");
    let d = diagram::layout(&p, 520.0, None);
    let n = d.nodes.iter().find(|n| n.name() == "梁山县中医院").unwrap();
    let c = [(n.rect[0] + n.rect[2]) / 2.0, (n.rect[1] + n.rect[3]) / 2.0];
    assert_eq!(d.node_at(c).map(|n| n.target.clone()), Some(n.target.clone()));
    assert!(d.node_at([-10.0, -10.0]).is_none());
}

#[test]
fn an_exported_diagram_keeps_every_word_and_breaks_lines_as_chinese_is_set() {
    for name in ["liangshan", "shapingba", "renhe", "qujing"] {
        let p = layout(name);
        for width in [520.0, 900.0] {
            let d = diagram::layout_whole(&p, width);
            assert_clean(&format!("{name} at {width}"), &d);
            for n in &d.nodes {
                let shown: String = n.texts.iter().flat_map(|t| t.text.chars()).filter(|c| !c.is_whitespace()).collect();
                let full: String = n.full_text.chars().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(shown, full, "{name} at {width}: the box {:?} shows its whole text, uncut", n.name());
                for t in &n.texts {
                    assert!(!t.text.starts_with(['、', '，', '。', '；', '：', '！', '？', '）', '》', '”']), "{name}: a line starts with punctuation: {:?}", t.text);
                }
            }
        }
    }
}

#[test]
fn the_window_still_cuts_long_texts_and_the_export_grows_the_box() {
    let p = layout("liangshan");
    let (cut, whole) = (diagram::layout(&p, 900.0, None), diagram::layout_whole(&p, 900.0));
    let hub = |d: &Diagram| d.nodes.iter().find(|n| n.name() == "一个中心").cloned().unwrap();
    assert!(hub(&cut).texts.iter().any(|t| t.text.ends_with('…')), "the pane cuts (its tooltip shows the rest)");
    assert!(hub(&whole).texts.iter().all(|t| !t.text.ends_with('…')));
    assert!(hub(&whole).rect[3] - hub(&whole).rect[1] > hub(&cut).rect[3] - hub(&cut).rect[1], "the exported box is taller");
    assert!(whole.height > cut.height);
}
