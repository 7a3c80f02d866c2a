//! The review pane driven through egui_kittest: a seed drafted with the library function that
//! `planmap draft` uses, opened in the app; the pane lists its drafted entries; Accept clears
//! one entry's `draft = true` and Ctrl+Z brings it back; Reject all removes a structure's
//! drafted members. File ▸ New layout from plan text drafts beside the plan and never
//! overwrites.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::review_pane::pending;
use planmap::ui::strings::Lang;

fn seed_in(tag: &str) -> (PathBuf, PathBuf) {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_9363dbbd475e6e70.txt");
    let dir = std::env::temp_dir().join(format!("planmap-review-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plan = dir.join("plan.txt");
    std::fs::copy(&seed, &plan).expect("the seeds are beside the project in ../shared/seeds");
    (dir, plan)
}

fn drafted_lines(app: &App) -> usize {
    app.map().doc.as_ref().and_then(|d| d.editor.as_ref()).map_or(0, |e| e.text().lines().filter(|l| l.trim() == "draft = true").count())
}

fn pending_of(app: &App) -> usize {
    app.map().doc.as_ref().and_then(|d| d.plan.as_ref()).map_or(0, pending)
}

fn review_open(app: &App) -> bool {
    app.docked.iter().any(|d| d.pane.id() == "review" && d.open)
}

#[test]
fn review_pane_accepts_undoes_and_rejects_drafted_entries() {
    let (dir, plan) = seed_in("pane");
    let out = planmap::cli_draft::free_draft_name(&plan);
    planmap::cli_draft::write_draft(&plan, None, &out).expect("the seed drafts");
    let mut app = App::new(Some(out.clone()), Saved::default());
    app.lang = Lang::En;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(3);
    assert!(review_open(h.state()), "the pane opens by itself for a drafted layout");
    let n = pending_of(h.state());
    assert!(n > 3, "the draft has entries to review: {n}");
    assert_eq!(drafted_lines(h.state()), n);
    assert!(h.query_by_label(&format!("{n} drafted entries to review")).is_some(), "the pane counts them");
    assert!(h.query_all_by_label("Accept").count() >= 2, "one Accept per listed entry");

    h.get_all_by_label("Accept").next().expect("an Accept button").click();
    h.run_steps(3);
    assert_eq!(pending_of(h.state()), n - 1, "accepting clears one entry's draft flag");
    assert_eq!(drafted_lines(h.state()), n - 1, "and its `draft = true` line in the editor text");
    assert!(h.query_by_label(&format!("{} drafted entries to review", n - 1)).is_some());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(drafted_lines(h.state()), n, "Ctrl+Z brings the flag back");
    assert_eq!(pending_of(h.state()), n);

    // Reject all on the first structure that lists drafted members.
    let first = {
        let p = h.state().map().doc.as_ref().and_then(|d| d.plan.as_ref()).expect("a plan");
        p.structures.iter().find(|s| s.draft || s.members.iter().any(|m| m.draft)).map(|s| (s.id.get_ref().clone(), s.members.iter().filter(|m| m.draft).count())).expect("a drafted structure")
    };
    assert!(first.1 > 0, "the first drafted structure has drafted members");
    h.get_all_by_label("Reject all").next().expect("a Reject all button").click();
    h.run_steps(3);
    let p = h.state().map().doc.as_ref().and_then(|d| d.plan.as_ref()).expect("a plan");
    let left = p.structures.iter().find(|s| *s.id.get_ref() == first.0).map_or(0, |s| s.members.iter().filter(|m| m.draft).count());
    assert_eq!(left, 0, "its drafted members are gone");
    assert!(pending_of(h.state()) <= n - first.1);
    assert!(!h.state().problems.iter().any(|d| d.is_error()), "{:?}", h.state().problems);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_layout_from_plan_text_drafts_beside_the_plan_without_overwriting() {
    let (dir, plan) = seed_in("menu");
    let mut app = App::new(None, Saved::default());
    app.draft_from_plan(0, &plan);
    assert!(!app.problems.iter().any(|d| d.is_error()), "only warnings (drafted entries): {:?}", app.problems);
    let first = app.map().doc.as_ref().map(|d| d.path.clone()).expect("the draft is open");
    assert!(first.starts_with(&dir) && first.extension().is_some_and(|e| e == "toml"), "{}", first.display());
    assert!(app.map().edit_mode, "opened in edit mode");
    let before = std::fs::read(&first).expect("written");

    app.draft_from_plan(0, &plan);
    let second = app.map().doc.as_ref().map(|d| d.path.clone()).expect("the second draft is open");
    assert_ne!(first, second, "a free name is chosen");
    assert_eq!(std::fs::read(&first).ok(), Some(before), "the first draft is untouched");

    // A text naming no region: refused in the problems panel, nothing written.
    let plain = dir.join("notes.txt");
    std::fs::write(&plain, "会议纪要\n今天讨论了工作安排。\n").expect("write");
    app.draft_from_plan(0, &plain);
    assert!(app.problems.iter().any(|d| d.is_error() && d.message.contains("region")), "the refusal is shown: {:?}", app.problems);
    assert!(!dir.join("notes.draft.toml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
