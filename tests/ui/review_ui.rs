//! The review pane driven through egui_kittest: a seed drafted with the library function that
//! `planmap draft` uses, opened in the app; the pane lists its drafted entries; Accept clears
//! one entry's `draft = true` and Ctrl+Z brings it back; Reject all removes a structure's
//! drafted members. File ▸ New layout from plan text drafts beside the plan and never
//! overwrites.

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::panes::review::pending;
use planmap::ui::strings::Lang;

fn seed_in(tag: &str) -> (PathBuf, PathBuf) {
    let seed = crate::support::shared("seeds").join("000_9363dbbd475e6e70.txt");
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
    let out = planmap::document::draft_files::free_draft_name(&plan);
    planmap::document::draft_files::write_draft(&plan, None, &out).expect("the seed drafts");
    let mut app = App::new(Some(out.clone()), Saved::default());
    app.lang = Lang::En;
    let mut h = Harness::builder().with_size(egui::vec2(1600.0, 1000.0)).with_context_setup(planmap::ui::style::setup).build_ui_state(|ui, app: &mut App| app.ui(ui), app);
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
        p.structures
            .iter()
            .find(|s| s.draft || s.members.iter().any(|m| m.draft))
            .map(|s| (s.id.get_ref().clone(), s.members.iter().filter(|m| m.draft).count()))
            .expect("a drafted structure")
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

/// The review pane's Edit: on a member, edit mode with its county selected (the county's
/// memberships form), an edit there applies and Ctrl+Z restores the text; on a county's
/// hospital, its fact form filled with that hospital, Apply replaces it, undo restores it.
#[test]
fn review_pane_edit_opens_the_entrys_form() {
    use planmap::io::edit::FactKind;
    use planmap::model::Target;
    let (dir, plan) = seed_in("edit");
    let out = planmap::document::draft_files::free_draft_name(&plan);
    planmap::document::draft_files::write_draft(&plan, None, &out).expect("the seed drafts");
    let mut app = App::new(Some(out.clone()), Saved::default());
    app.lang = Lang::En;
    let mut h = Harness::builder().with_size(egui::vec2(1600.0, 1000.0)).with_context_setup(planmap::ui::style::setup).build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(3);
    let text = |app: &App| app.map().doc.as_ref().and_then(|d| d.editor.as_ref()).map(|e| e.text().to_string()).unwrap_or_default();
    let original = text(h.state());
    // The problems panel sums up `check`'s per-structure draft warnings in one line.
    assert_eq!(h.query_all_by_label_contains("not yet reviewed (remove").count(), 0, "no line per structure");
    assert!(h.query_by_label_contains("are not yet reviewed: see the review pane").is_some(), "one summary line");
    let p = h.state().map().doc.as_ref().and_then(|d| d.plan.as_ref()).expect("a plan").clone();
    // The first structure's rows: the structure (if drafted), then its drafted members.
    let s0 = p.structures.iter().position(|s| s.draft || s.members.iter().any(|m| m.draft)).expect("a drafted structure");
    let m0 = p.structures[s0].members.iter().position(|m| m.draft && m.adcode().is_some()).expect("a drafted county member");
    let adcode = p.structures[s0].members[m0].adcode().expect("adcode").to_string();
    let row = usize::from(p.structures[s0].draft) + p.structures[s0].members.iter().take(m0).filter(|m| m.draft).count();
    assert!(!h.state().map().edit_mode);
    // The top bar's Edit toggle comes first; then one Edit per listed row.
    let skip = h.query_all_by_label("Edit").count() - pending(&p);
    assert!(skip <= 1, "one Edit per row: {skip} others");
    h.get_all_by_label("Edit").nth(skip + row).expect("the member's Edit").click_accesskit();
    h.run_steps(3);
    assert!(h.state().map().edit_mode, "Edit enters edit mode");
    assert_eq!(h.state().map().selected, Some(Target::District(adcode.clone())), "the member's county is selected");
    // The county's memberships form: mark the first membership partial.
    h.get_all_by_label("partial").next().expect("the county form's partial box").click_accesskit();
    h.run_steps(3);
    assert_ne!(text(h.state()), original, "the edit applies");
    assert!(text(h.state()).contains("(the plan's qualifier)"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(text(h.state()), original, "Ctrl+Z restores it");

    // A county's drafted hospital: count the rows before it (structures, then counties).
    let structure_rows: usize = p.structures.iter().map(|s| usize::from(s.draft) + s.members.iter().filter(|m| m.draft).count()).sum();
    let mut before = structure_rows;
    let mut found = None;
    for d in p.districts.iter().filter(|d| d.adcode().is_some()) {
        let specialities = d.specialities.iter().filter(|x| x.draft).count();
        if let Some(i) = d.hospitals.iter().position(|x| x.draft) {
            found = Some((
                d.adcode().unwrap_or_default().to_string(),
                i,
                d.hospitals[i].name.clone(),
                before + specialities + d.hospitals.iter().take(i).filter(|x| x.draft).count(),
            ));
            break;
        }
        before += specialities + d.hospitals.iter().filter(|x| x.draft).count() + d.projects.iter().filter(|x| x.draft).count();
    }
    let (county, index, name, row) = found.expect("a county with a drafted hospital");
    h.get_all_by_label("Edit").nth(skip + row).expect("the hospital's Edit").click_accesskit();
    h.run_steps(3);
    let pane = h.state().map();
    assert_eq!(pane.selected, Some(Target::District(county.clone())));
    assert_eq!(pane.forms.editing, Some((FactKind::Hospital, index)), "the fact form edits that hospital");
    assert_eq!(pane.forms.fact_name, name);
    h.state_mut().map_mut().forms.fact_text = "急危重症救治".into();
    h.run_steps(1);
    h.get_by_label("Apply").click_accesskit();
    h.run_steps(3);
    let hospital = |app: &App| {
        app.map().doc.as_ref().and_then(|d| d.plan.as_ref()).and_then(|p| p.district(&county)).and_then(|d| d.hospitals.get(index)).map(|x| (x.name.clone(), x.focus.clone()))
    };
    assert_eq!(hospital(h.state()), Some((name.clone(), vec!["急危重症救治".to_string()])), "Apply replaces the hospital's focus");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(text(h.state()), original, "undo restores the drafted hospital");
    let _ = std::fs::remove_dir_all(&dir);
}
