//! The diagram and indicators panes in the real app (egui_kittest): opened from the pane list,
//! they show the plan's structures and indicators, and a click in them selects in the map pane.

use std::path::PathBuf;

use eframe::egui::{self, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::model::Target;
use planmap::ui::App;
use planmap::ui::app::Saved;

fn open(name: &str) -> Harness<'static, App> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Some(path), Saved::default()));
    h.run_steps(3);
    h
}

fn show_pane(h: &mut Harness<'static, App>, id: &str) {
    set_pane(h, id, true);
}

fn set_pane(h: &mut Harness<'static, App>, id: &str, open: bool) {
    let docked = h.state_mut().docked.iter_mut().find(|d| d.pane.id() == id);
    docked.unwrap_or_else(|| panic!("no pane {id}")).open = open;
    h.run_steps(3);
}

fn any_label(h: &Harness<'static, App>, zh: &str, en: &str) -> bool {
    h.query_all_by_label_contains(zh).next().is_some() || h.query_all_by_label_contains(en).next().is_some()
}

#[test]
fn the_indicators_pane_lists_renhes_indicators_and_a_click_reads_one() {
    let mut h = open("renhe");
    assert!(h.query_all_by_label("孕产妇死亡率").next().is_none(), "the pane starts hidden");
    show_pane(&mut h, "indicators");
    assert!(h.query_all_by_label("孕产妇死亡率").next().is_some(), "the table names the indicator");
    h.query_all_by_label("人均预期寿命").next().unwrap().click();
    h.run_steps(3);
    let plan = h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().clone();
    match &h.state().map().selected {
        Some(Target::Indicator(i)) => assert_eq!(plan.indicators[*i].name(), "人均预期寿命"),
        other => panic!("selected {other:?}"),
    }
    // The details panel reads it, with its source.
    let source = plan.indicators.iter().find(|i| i.name() == "人均预期寿命").unwrap().source.clone();
    assert!(h.query_all_by_label_contains(&source).next().is_some(), "the details panel cites {source}");
    // The chart, one plot per unit, and the counts per structure under it.
    let chart = h.query_by_label("图表").or_else(|| h.query_by_label("Chart")).expect("a Chart switch");
    chart.click();
    h.run_steps(3);
    assert!(any_label(&h, "各结构计数", "Counts per structure"), "the chart view has the counts chart");
    assert!(any_label(&h, "单位 %", "Unit %"), "a panel per unit");
}

#[test]
fn renhes_indicators_open_as_a_table_with_the_table_text_pair_shown_once() {
    let mut h = open("renhe");
    show_pane(&mut h, "indicators");
    for (zh, en) in [("领域", "Domain"), ("性质", "Kind"), ("基期", "Baseline"), ("目标", "Target"), ("方向", "Better"), ("来源", "Source")] {
        assert!(h.query_by_label(zh).is_some() || h.query_by_label(en).is_some(), "column {zh}");
    }
    assert!(h.query_all_by_label("2020 年 78.84").next().is_some(), "a baseline with its year");
    assert!(h.query_all_by_label("2025 年 ≤14.5").next().is_some(), "the table's target");
    assert_eq!(h.query_all_by_label("孕产妇死亡率").count(), 1, "stated twice in the plan, shown once");
    let plan = h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().clone();
    let pairs = planmap::scene::indicators::chart(&plan).mismatches();
    assert!(pairs >= 3);
    assert_eq!(h.query_all_by_label("表/文 不一致").count(), pairs, "each pair marked once");
    assert!(h.query_all_by_label_contains("2025 年 25/10 万以下").next().is_some(), "with the text's figure");
    assert!(h.query_all_by_label_contains("第二章 第三节（正文）").next().is_some(), "and its source");
}

#[test]
fn the_diagram_pane_draws_liangshan_and_a_box_selects_in_the_map_pane() {
    let mut h = open("liangshan");
    // The legend lists structures by name too: the diagram adds a box for each.
    let names = ["一个中心", "梁山县人民医院", "县级层次", "乡级层次", "村级层次", "村卫生室"];
    let count = |h: &Harness<'static, App>, name: &str| h.query_all_by_role_and_label(Role::Button, name).count();
    set_pane(&mut h, "diagram", false);
    let before: Vec<usize> = names.iter().map(|n| count(&h, n)).collect();
    show_pane(&mut h, "diagram");
    for (name, was) in names.iter().zip(before) {
        assert_eq!(count(&h, name), was + 1, "a box for {name}");
    }
    // The diagram is drawn before the map pane: its box comes first.
    h.query_all_by_role_and_label(Role::Button, "县级层次").next().unwrap().click();
    h.run_steps(3);
    let plan = h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().clone();
    let tier = plan.structures.iter().position(|s| s.name == "县级层次").unwrap();
    assert_eq!(h.state().map().selected, Some(Target::Structure(tier)));
    assert_eq!(h.state().map().focus_structure, Some(tier), "the map pane focuses the tier");
    // A member without polygon: selecting it shows where the plan puts it.
    h.query_all_by_role_and_label(Role::Button, "梁山县中医院").next().unwrap().click();
    h.run_steps(3);
    assert!(matches!(h.state().map().selected, Some(Target::Member { .. })));
}

#[test]
fn renhe_rings_and_baoji_has_none() {
    let mut h = open("renhe");
    let names = ["内圈", "中圈", "外圈", "市外"];
    let count = |h: &Harness<'static, App>, name: &str| h.query_all_by_role_and_label(Role::Button, name).count();
    set_pane(&mut h, "diagram", false);
    let before: Vec<usize> = names.iter().map(|n| count(&h, n)).collect();
    show_pane(&mut h, "diagram");
    for (name, was) in names.iter().zip(before) {
        assert_eq!(count(&h, name), was + 1, "a ring for {name}");
    }
    let mut b = open("baoji");
    show_pane(&mut b, "diagram");
    assert!(
        b.query_all_by_label_contains("均为地域").next().is_some() || b.query_all_by_label_contains("is a territory").next().is_some(),
        "Baoji says why it has no diagram"
    );
}

#[test]
fn the_diagram_opens_by_itself_for_a_plan_of_relations_and_closes_for_a_map_of_territories() {
    let is_open = |h: &Harness<'static, App>| h.state().docked.iter().any(|d| d.pane.id() == "diagram" && d.open);
    let mut h = open("liangshan");
    assert!(is_open(&h), "梁山's centre, points and tiers open the diagram beside the map");
    let baoji = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts/baoji.toml");
    h.state_mut().apply(planmap::ui::command::Command::Open(baoji));
    h.run_steps(3);
    assert!(!is_open(&h), "宝鸡's zones are territories: the diagram it opened for 梁山 closes again");
    // Opened by hand, it stays open whatever is opened next.
    h.state_mut().apply(planmap::ui::command::Command::TogglePane("diagram"));
    h.run_steps(2);
    let renhe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts/qujing.toml");
    h.state_mut().apply(planmap::ui::command::Command::Open(renhe));
    h.run_steps(3);
    assert!(is_open(&h), "a pane the user opened stays open");
}
