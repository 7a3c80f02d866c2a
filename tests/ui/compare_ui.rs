//! Comparing two layouts (issue 22): each map shows its plan's title, the legend wraps rather
//! than clipping, and two versions of one plan list what differs, each entry selecting its
//! counties on both maps.

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::model::Target;
use planmap::model::edit::Command as Edit;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::command::Command;
use planmap::ui::strings::Lang;

use crate::harness::harness_at;

const BAOJI: &str = "宝鸡市“十四五”建设区域医疗康养中心规划";

fn layout(name: &str) -> PathBuf {
    crate::support::root().join(format!("layouts/{name}.toml"))
}

/// Two layouts side by side, in Chinese, in a laptop's 1366×768 window.
fn compare(a: PathBuf, b: &std::path::Path) -> Harness<'static, App> {
    let mut app = App::compare(a, b, Saved::default());
    app.lang = Lang::Zh;
    let mut h = harness_at(app, egui::vec2(1366.0, 768.0));
    h.run_steps(4);
    h
}

/// Baoji beside a copy edited as a user might (`support::edited_baoji`), in a scratch folder.
fn edited_copy(tag: &str) -> PathBuf {
    let dir = crate::support::scratch(&format!("compare-{tag}"));
    crate::support::baoji_in(&dir, &crate::support::baoji_boundaries(), |s| crate::support::edited_baoji(&s))
}

#[test]
fn each_compared_map_shows_its_plans_title() {
    let mut h = compare(layout("baoji"), &layout("qujing"));
    let qujing = h.state().maps[1].doc.as_ref().unwrap().plan.as_ref().unwrap().plan.title.clone();
    assert!(h.query_all_by_label(&qujing).next().is_some(), "the right map's title {qujing} is shown");
    // The top bar shows the active (left) plan's title; the left map's own line is the second.
    assert!(h.query_all_by_label(BAOJI).count() >= 2, "the left map's title is shown over it too");
    assert!(h.state().differences.list.is_none(), "two different plans: no differences list");
    assert!(h.query_by_label_contains("处差异").is_none());
    h.state_mut().apply(Command::CloseCompare);
    h.run_steps(2);
    assert_eq!(h.query_all_by_label(BAOJI).count(), 1, "one map: the title is in the top bar only");
}

#[test]
fn legend_entries_stay_inside_a_compared_legend() {
    let h = compare(layout("baoji"), &layout("baoji"));
    for pane in 0..2 {
        let map_left = h.state().maps[pane].map_rect.min.x;
        let pane_left = if pane == 0 { 0.0 } else { h.state().maps[0].map_rect.max.x };
        let entries: Vec<egui::Rect> = h.query_all_by_label_contains("〔片区〕").map(|n| n.rect()).filter(|r| r.min.x >= pane_left && r.min.x < map_left).collect();
        assert_eq!(entries.len(), 3, "the three 片区 of pane {pane}");
        for r in entries {
            assert!(r.max.x <= map_left, "pane {pane}: a legend entry {r:?} runs past the legend into the map at x = {map_left}");
        }
    }
}

#[test]
fn an_edited_copy_lists_the_rename_and_the_lost_member_and_a_click_selects_the_county() {
    let copy = edited_copy("list");
    let mut h = compare(layout("baoji"), &copy);
    assert_eq!(h.state().differences.list.as_ref().map(Vec::len), Some(3), "{:?}", h.state().differences.list);
    assert!(h.query_by_label("结构更名：生态温泉森林康养服务区 → 生态温泉康养服务区").is_some(), "the rename is listed");
    assert!(h.query_by_label("一核心 增加成员 岐山县").is_some(), "the gained member is listed");
    assert!(h.query_by_label_contains("3 处差异").is_some());
    h.get_by_label("一核心 失去成员 陈仓区").click();
    h.run_steps(3);
    for pane in 0..2 {
        assert_eq!(h.state().maps[pane].selected, Some(Target::District("610304".into())), "陈仓区 selected on map {pane}");
    }
    let (a, b) = (h.state().maps[0].view.unwrap(), h.state().maps[1].view.unwrap());
    assert_eq!(a, b, "both maps framed alike");
    // The rename concerns the zone's five counties: outlined on both maps.
    h.get_by_label("结构更名：生态温泉森林康养服务区 → 生态温泉康养服务区").click();
    h.run_steps(3);
    for pane in 0..2 {
        let m = &h.state().maps[pane];
        assert_eq!(m.located.as_ref().map(|l| l.features.len()), Some(5), "map {pane} outlines the zone's counties");
        assert_eq!(m.selected, None);
    }
}

#[test]
fn the_file_on_disk_beside_unsaved_edits_lists_what_was_changed() {
    let dir = crate::support::scratch("compare-disk-diff");
    let path = crate::support::baoji_in(&dir, &crate::support::baoji_boundaries(), |s| s);
    let mut app = App::new(Some(path), Saved::default());
    app.lang = Lang::Zh;
    let mut h = harness_at(app, egui::vec2(1366.0, 768.0));
    h.run_steps(2);
    h.state_mut().edit(Edit::RenameStructure { structure: 0, name: "未保存的核心".into() });
    h.state_mut().apply(Command::CompareWithDisk);
    h.run_steps(4);
    assert!(h.query_by_label("结构更名：一核心 → 未保存的核心").is_some(), "from the file on disk to the edits");
    assert!(h.query_by_label_contains("从右图到左图").is_some());
    assert!(h.query_by_label("layout.toml · 未保存的修改").is_some() && h.query_by_label("layout.toml · 磁盘上的文件").is_some(), "each map says which version it is");
    h.state_mut().apply(Command::Undo);
    h.run_steps(3);
    assert_eq!(h.state().differences.list.as_deref(), Some(&[][..]), "undone: nothing differs");
    assert!(h.query_by_label("两版内容相同，没有差异").is_some());
}

#[test]
fn compared_maps_keep_their_height_until_a_county_is_chosen() {
    let mut h = compare(layout("baoji"), &layout("qujing"));
    let heights = |h: &Harness<'static, App>| [0, 1].map(|p| h.state().maps[p].map_rect.height());
    // Nothing chosen: the details are one line under each map, not an empty panel.
    for height in heights(&h) {
        assert!(height > 768.0 * 0.7, "a compared map with nothing selected is {height} px high in a 768 px window");
    }
    h.state_mut().apply(Command::GoTo(Target::District("610302".into())));
    h.run_steps(4);
    assert!(h.state().maps[0].map_rect.height() < 768.0 * 0.7, "a chosen county opens its details under the map");
    assert!(h.query_by_label_contains("610302").is_some(), "with 渭滨区's details");
}
