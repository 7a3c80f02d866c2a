//! Opening and reloading in the background (issue 11, item 2), driven through egui_kittest.
//! Nothing here is timed: the loader's test hook (`Loaders::hold`) keeps a finished worker
//! from handing its result over, so a test sees the pane mid-load; `wait_for_loads` then
//! takes the result.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::model::Target;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::command::Command;
use planmap::ui::map::loading::LoadFor;
use planmap::ui::strings::Lang;

fn layout(name: &str) -> PathBuf {
    root().join(format!("layouts/{name}.toml"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-bgopen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

use crate::harness::harness;
use crate::support::root;

/// Baoji open, and every later load in the background, held until released, its progress
/// shown at once.
fn held(first: &Path) -> Harness<'static, App> {
    let mut app = App::new(Some(first.to_path_buf()), Saved::default());
    app.lang = Lang::En;
    app.loaders.inline_below_bytes = 0;
    app.loaders.show_after = Duration::ZERO;
    app.loaders.hold.store(true, Ordering::Relaxed);
    harness(app)
}

fn release(h: &mut Harness<'static, App>) {
    h.state().loaders.hold.store(false, Ordering::Relaxed);
    h.state_mut().wait_for_loads();
    h.run_steps(2);
}

fn shown(h: &Harness<'static, App>, pane: usize) -> Option<PathBuf> {
    h.state().maps.get(pane)?.doc.as_ref().map(|d| d.path.clone())
}

#[test]
fn the_old_layout_stays_usable_while_another_opens_then_the_new_one_shows() {
    let mut h = held(&layout("baoji"));
    h.state_mut().apply(Command::Open(layout("qujing")));
    h.run_steps(2);
    assert_eq!(shown(&h, 0), Some(layout("baoji")), "the next frame still shows the old layout");
    assert!(h.state().map().loading.is_some());
    assert!(h.query_all_by_label_contains("qujing.toml").next().is_some(), "a progress line names the file");
    assert!(h.query_by_label("Cancel").is_some(), "with a Cancel button");
    // The old layout answers as before: a county is selected, the details show it.
    h.state_mut().apply(Command::Select(Some(Target::District("610326".into()))));
    h.run_steps(2);
    assert!(h.query_all_by_label_contains("汤峪温泉").next().is_some(), "眉县's details while the other file loads");
    release(&mut h);
    assert_eq!(shown(&h, 0), Some(layout("qujing")));
    assert!(h.state().map().loading.is_none());
    assert!(h.query_by_label("Cancel").is_none(), "the progress is gone");
    assert!(h.state().recent.first().is_some_and(|p| p.ends_with("qujing.toml")), "in the recent list");
    assert_eq!(h.state().map().selected, None, "a new layout starts with nothing selected");
}

#[test]
fn cancel_and_esc_keep_the_old_layout() {
    let mut h = held(&layout("baoji"));
    h.state_mut().apply(Command::Open(layout("qujing")));
    h.run_steps(2);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().map().loading.is_none(), "cancelled");
    assert_eq!(shown(&h, 0), Some(layout("baoji")));
    assert!(h.state().problems.is_empty());

    h.state_mut().apply(Command::Open(layout("qujing")));
    h.run_steps(2);
    assert!(h.state().map().loading.is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().map().loading.is_none(), "Esc cancels too");
    release(&mut h);
    assert_eq!(shown(&h, 0), Some(layout("baoji")), "a cancelled load never lands");
}

#[test]
fn a_broken_file_keeps_the_old_layout_and_says_where() {
    let dir = scratch("broken");
    let bad = dir.join("bad.geojson");
    std::fs::write(&bad, "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\", \"geometry\": nul}\n]}\n").unwrap();
    let mut h = held(&layout("baoji"));
    h.state_mut().apply(Command::Open(bad.clone()));
    h.run_steps(2);
    assert_eq!(shown(&h, 0), Some(layout("baoji")));
    release(&mut h);
    assert_eq!(shown(&h, 0), Some(layout("baoji")), "the broken file did not replace it");
    let app = h.state();
    assert!(app.open_failed);
    let located = app.problems.iter().find(|d| d.file == bad && d.line == 3);
    assert!(located.is_some(), "the error is on line 3: {:?}", app.problems);
}

#[test]
fn a_second_open_replaces_the_first_and_compare_loads_beside() {
    let mut h = held(&layout("baoji"));
    h.state_mut().apply(Command::Open(layout("qujing")));
    h.run_steps(1);
    h.state_mut().apply(Command::Open(layout("liangshan")));
    h.run_steps(1);
    release(&mut h);
    assert_eq!(shown(&h, 0), Some(layout("liangshan")), "the later file wins");

    h.state().loaders.hold.store(true, Ordering::Relaxed);
    h.state_mut().apply(Command::CompareWith(layout("qujing")));
    h.run_steps(2);
    assert_eq!(h.state().maps.len(), 2, "the second pane shows its progress");
    assert!(h.state().maps[1].doc.is_none() && h.state().maps[1].loading.as_ref().is_some_and(|l| l.purpose == LoadFor::Compare));
    assert!(h.query_by_label_contains("No layout open").is_none(), "the loading pane's legend says what it is opening, not that nothing is open");
    assert!(h.query_all_by_label_contains("qujing.toml").count() >= 2, "in the legend and the progress box");
    assert_eq!(shown(&h, 0), Some(layout("liangshan")));
    release(&mut h);
    assert_eq!(shown(&h, 1), Some(layout("qujing")));

    // A cancelled comparison leaves no empty pane behind.
    h.state_mut().apply(Command::CloseCompare);
    h.state().loaders.hold.store(true, Ordering::Relaxed);
    h.state_mut().apply(Command::CompareWith(layout("baoji")));
    h.run_steps(1);
    h.state_mut().apply_to(1, Command::CancelLoad);
    h.run_steps(1);
    assert_eq!(h.state().maps.len(), 1);
    release(&mut h);
}

#[test]
fn a_changed_boundary_file_reloads_in_the_background() {
    let dir = scratch("reload");
    let b = dir.join("b.geojson");
    let src = std::fs::read_to_string(root().join("assets/boundaries/baoji.geojson")).unwrap();
    std::fs::write(&b, &src).unwrap();
    let text = std::fs::read_to_string(layout("baoji")).unwrap();
    let text = text.replace("\"../assets/boundaries/baoji.geojson\"", &format!("{:?}", b.to_str().unwrap()));
    let path = dir.join("layout.toml");
    std::fs::write(&path, text).unwrap();
    let mut h = held(&path);
    assert_eq!(shown(&h, 0), Some(path.clone()));
    let name = |h: &Harness<'static, App>| h.state().map().doc.as_ref().and_then(|d| d.boundaries.get("610326")).map(|f| f.name.clone());
    assert!(src.contains("\"眉县\""));
    std::fs::write(&b, src.replace("\"眉县\"", "\"眉县（改）\"")).unwrap();
    h.state_mut().check_external();
    h.run_steps(2);
    assert!(h.state().map().loading.as_ref().is_some_and(|l| l.purpose == LoadFor::Reload), "reloading in the background");
    assert_eq!(name(&h).as_deref(), Some("眉县"), "the old boundaries meanwhile");
    assert!(h.query_all_by_label_contains("b.geojson").next().is_some(), "the progress names the boundary file");
    release(&mut h);
    assert_eq!(name(&h).as_deref(), Some("眉县（改）"));
    assert_eq!(shown(&h, 0), Some(path));
}

#[test]
fn a_big_file_given_at_start_opens_in_the_background() {
    // Over the size opened at once: one square with a long property (cheap to parse).
    let dir = scratch("big");
    let big = dir.join("big.geojson");
    let note = "x".repeat(planmap::ui::map::loading::INLINE_BELOW_BYTES as usize);
    let json = format!(
        "{{\"type\": \"FeatureCollection\", \"features\": [{{\"type\": \"Feature\", \"properties\": {{\"adcode\": \"1\", \"name\": \"A\", \"note\": \"{note}\"}}, \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": [[[100, 30], [101, 30], [101, 31], [100, 30]]]}}}}]}}"
    );
    std::fs::write(&big, json).unwrap();
    let app = App::new(Some(big.clone()), Saved::default());
    assert!(app.map().doc.is_none() && app.map().loading.is_some(), "the window comes up before the file is read");
    let mut h = harness(app);
    h.state_mut().wait_for_loads();
    h.run_steps(2);
    assert_eq!(shown(&h, 0), Some(big));
}

#[test]
fn geometry_warnings_of_a_background_open_follow_the_map() {
    // The map shows before the geometry checks run; their warnings come after, not never.
    let dir = scratch("bowtie");
    let path = dir.join("bowtie.geojson");
    std::fs::write(
        &path,
        "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": {\"adcode\": \"1\", \"name\": \"A\"},\n \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[100, 30], [102, 32], [102, 30], [100, 32], [100, 30]]]}}]}\n",
    )
    .unwrap();
    let mut h = held(&layout("baoji"));
    h.state_mut().apply(Command::Open(path.clone()));
    h.run_steps(1);
    release(&mut h);
    assert_eq!(shown(&h, 0), Some(path.clone()));
    let app = h.state();
    assert!(app.problems.iter().any(|d| d.file == path && d.line == 3 && d.message.contains("crosses itself")), "{:?}", app.problems);
    assert_eq!(app.problems.iter().filter(|d| d.message.contains("crosses itself")).count(), 1, "reported once");
    assert!(app.map().loading.is_none());
}
