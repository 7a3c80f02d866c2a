//! The indicator rows the pane and the export both draw: grouped by domain in the plan's
//! order, each value placed on its row's own axis, text targets kept as text.

use planmap_core::io;
use planmap_core::model::Plan;
use planmap_core::scene::indicators;

fn layout(name: &str) -> Plan {
    let path = crate::support::root().join(format!("layouts/{name}.toml"));
    io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}")).plan
}

#[test]
fn baoji_rows_keep_the_plans_domains_and_order() {
    let p = layout("baoji");
    let chart = indicators::chart(&p);
    let domains: Vec<&str> = chart.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(&domains[..3], ["健康人群", "健康生活", "健康环境"]);
    let rows: usize = chart.iter().map(|d| d.rows.len()).sum();
    assert_eq!(rows, p.indicators.len());
    let flat: Vec<usize> = chart.iter().flat_map(|d| d.rows.iter().map(|r| r.index)).collect();
    let mut sorted = flat.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), flat.len(), "every indicator once");
    assert!(chart.iter().flat_map(|d| &d.rows).any(|r| r.is_binding()) && chart.iter().flat_map(|d| &d.rows).any(|r| !r.is_binding()));
}

#[test]
fn each_row_has_its_own_scale_and_text_targets_stay_text() {
    let p = layout("renhe");
    let rows: Vec<indicators::Row> = indicators::chart(&p).into_iter().flat_map(|d| d.rows).collect();
    let life = rows.iter().find(|r| r.name == "人均预期寿命").unwrap();
    let (b, t) = (life.baseline.as_ref().unwrap(), life.target.as_ref().unwrap());
    assert!(b.x.unwrap() < t.x.unwrap() && t.x == Some(1.0), "78.84 → 79.5 on a 0–79.5 axis");
    let stay = rows.iter().find(|r| r.name == "三级综合医院平均住院日").unwrap();
    assert!(stay.baseline.as_ref().unwrap().x > stay.target.as_ref().unwrap().x, "10.7 → 8 days goes left");
    let pct = rows.iter().find(|r| r.unit.contains('%') && r.target.as_ref().is_some_and(|t| t.value.is_some())).unwrap();
    assert_eq!(pct.scale, 100.0, "a percentage is drawn on 0–100");
    let healthy = rows.iter().find(|r| r.name == "健康预期寿命").unwrap();
    let target = healthy.target.as_ref().unwrap();
    assert!(target.x.is_none() && target.text.contains("同比例提高"), "a text target is text");
    assert!(healthy.hover_text().contains(&healthy.source), "hover shows the source");
    for r in &rows {
        for m in r.baseline.iter().chain(r.target.iter()) {
            assert!(m.x.is_none_or(|x| (0.0..=1.0).contains(&x)), "{} placed inside its row", r.name);
        }
    }
}

#[test]
fn counts_per_structure_come_from_the_plan() {
    let p = layout("baoji");
    let counts = indicators::counts(&p);
    let core = counts.iter().find(|c| c.name == "一核心").unwrap();
    assert_eq!(core.members, p.structures[core.structure].members.len());
    let projects: usize = p.structures[core.structure].members.iter().filter_map(|m| m.adcode()).filter_map(|a| p.district(a)).map(|d| d.projects.len()).sum();
    assert_eq!(core.projects, projects);
    assert!(core.projects > 0 && core.hospitals > 0);
}
