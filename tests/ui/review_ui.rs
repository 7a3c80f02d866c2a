//! The review pane driven through egui_kittest: a seed drafted with the library function that
//! `planmap draft` uses, opened in the app; the pane lists its drafted entries; Accept clears
//! one entry's `draft = true` and Ctrl+Z brings it back; Reject structure removes a
//! structure's drafted members. File ▸ New layout from plan text drafts beside the plan and
//! never overwrites. A drafted structure takes counties by Pick at once; words selected in a
//! quoted sentence are added as a member or a place; a whole structure is accepted; the
//! heading counts "N of M reviewed".

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::dialogs::Confirm;
use planmap::ui::panes::review::{pending, reviewed};
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
    let all = h.state().map().doc.as_ref().and_then(|d| d.plan.as_ref()).map_or(0, |p| reviewed(p).1);
    assert!(h.query_by_label(&format!("{} of {all} reviewed", all - n)).is_some(), "the pane counts them");
    assert!(h.query_all_by_label("Accept").count() >= 2, "one Accept per listed entry");

    h.get_all_by_label("Accept").next().expect("an Accept button").click();
    h.run_steps(3);
    assert_eq!(pending_of(h.state()), n - 1, "accepting clears one entry's draft flag");
    assert_eq!(drafted_lines(h.state()), n - 1, "and its `draft = true` line in the editor text");
    assert!(h.query_by_label(&format!("{} of {all} reviewed", all - n + 1)).is_some());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(drafted_lines(h.state()), n, "Ctrl+Z brings the flag back");
    assert_eq!(pending_of(h.state()), n);

    // Reject structure on the first structure that lists drafted members.
    let first = {
        let p = h.state().map().doc.as_ref().and_then(|d| d.plan.as_ref()).expect("a plan");
        p.structures
            .iter()
            .find(|s| s.draft || s.members.iter().any(|m| m.draft))
            .map(|s| (s.id.get_ref().clone(), s.members.iter().filter(|m| m.draft).count()))
            .expect("a drafted structure")
    };
    assert!(first.1 > 0, "the first drafted structure has drafted members");
    h.get_all_by_label("Reject structure").next().expect("a Reject structure button").click();
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
    use planmap::model::Target;
    use planmap::model::edit::FactKind;
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

fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(egui::vec2(1600.0, 1000.0)).with_context_setup(planmap::ui::style::setup).build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(3);
    h
}

fn plan_of(app: &App) -> planmap::model::Plan {
    app.map().doc.as_ref().and_then(|d| d.plan.clone()).expect("a plan is open")
}

fn editor_text(app: &App) -> String {
    app.map().doc.as_ref().and_then(|d| d.editor.as_ref()).map(|e| e.text().to_string()).unwrap_or_default()
}

fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers: Default::default() });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// Pick on a structure of a real passage's draft (../shared/plans-dev, 芜湖市): the draft has
/// no `members = []`, the structure takes a county clicked on the map, the file stays valid.
#[test]
fn pick_on_a_drafted_structure_adds_a_county() {
    let passage = crate::support::shared("plans-dev").join("04_wuhu.txt");
    let dir = std::env::temp_dir().join(format!("planmap-review-{}-pick", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plan = dir.join("wuhu.txt");
    std::fs::copy(&passage, &plan).expect("the passages are beside the project in ../shared/plans-dev");
    let out = dir.join("wuhu.toml");
    planmap::document::draft_files::write_draft(&plan, Some("芜湖市"), &out).expect("the passage drafts");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(!written.contains("members = []"), "a draft never writes an empty inline member list");

    let mut app = App::new(Some(out.clone()), Saved::default());
    app.lang = Lang::En;
    let mut h = harness(app);
    assert!(!h.state().problems.iter().any(|d| d.is_error()), "{:?}", h.state().problems);
    let p = plan_of(h.state());
    assert!(!p.structures.is_empty(), "the passage's layout has structures");
    // A structure the draft gave no member if there is one (what the editor refused), else the first.
    let s = p.structures.iter().position(|s| s.members.is_empty()).unwrap_or(0);
    assert!(p.structures[s].draft, "a drafted structure");

    // The top bar's Edit toggle comes before the review pane's.
    h.get_all_by_label("Edit").next().expect("the Edit toggle").click_accesskit();
    h.run_steps(2);
    assert!(h.state().map().edit_mode);
    h.get_all_by_label("Pick").nth(s).expect("the structure's Pick").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().map().focus_structure, Some(s));

    // A unit of the region, not yet a member, whose label point is on the map.
    let (adcode, pos) = {
        let app = h.state();
        let pane = app.map();
        let doc = pane.doc.as_ref().expect("open");
        doc.boundaries
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.property("role") != Some("context") && p.structures[s].member_for(&f.adcode).is_none())
            .find_map(|(i, f)| {
                let at = doc.scene.shapes.get(i)?.label_at;
                let [lon, lat] = doc.scene.projection.inverse(f64::from(at[0]), f64::from(at[1]));
                pane.screen_pos(lon, lat).filter(|q| pane.map_rect.shrink(20.0).contains(*q)).map(|q| (f.adcode.clone(), q))
            })
            .expect("a county of 芜湖市 in view")
    };
    click_at(&mut h, pos);
    let now = plan_of(h.state());
    assert!(now.structures[s].member_for(&adcode).is_some(), "Pick added {adcode}: {:?}", h.state().problems);
    assert!(!h.state().problems.iter().any(|d| d.is_error()), "{:?}", h.state().problems);
    let text = editor_text(h.state());
    assert!(text.contains("[[structures.members]]") && !text.contains("members = []"), "{text}");

    // A neighbour drawn only for context: Pick asks first; Cancel adds nothing, Add anyway adds it.
    let (context, pos) = {
        let app = h.state();
        let pane = app.map();
        let doc = pane.doc.as_ref().expect("open");
        doc.boundaries
            .features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.property("role") == Some("context"))
            .find_map(|(i, f)| {
                let at = doc.scene.shapes.get(i)?.label_at;
                let [lon, lat] = doc.scene.projection.inverse(f64::from(at[0]), f64::from(at[1]));
                pane.screen_pos(lon, lat).filter(|q| pane.map_rect.shrink(20.0).contains(*q)).map(|q| (f.adcode.clone(), q))
            })
            .expect("a neighbour of 芜湖市 in view")
    };
    click_at(&mut h, pos);
    assert!(plan_of(h.state()).structures[s].member_for(&context).is_none(), "a neighbour is not added without asking");
    assert!(matches!(&h.state().confirm, Some(Confirm::AddContext { .. })), "{:?}", h.state().confirm);
    assert!(h.query_by_label_contains("is outside the region (context); add it anyway?").is_some(), "the question is shown");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().confirm.is_none() && plan_of(h.state()).structures[s].member_for(&context).is_none(), "Cancel adds nothing");
    click_at(&mut h, pos);
    h.get_by_label("Add anyway").click();
    h.run_steps(2);
    assert!(plan_of(h.state()).structures[s].member_for(&context).is_some(), "Add anyway adds it");
    assert!(!h.state().problems.iter().any(|d| d.is_error()), "a warning at most: {:?}", h.state().problems);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A small drafted layout of 芜湖市 over a sentence written here: 一核 with 镜湖区 drafted.
fn wuhu_layout(tag: &str) -> (PathBuf, PathBuf) {
    use planmap::draft::Gazetteer;
    let dir = std::env::temp_dir().join(format!("planmap-review-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let region = planmap::draft::china::ChinaGazetteer::new().and_then(|g| g.find("芜湖市")).expect("芜湖市 is built in");
    std::fs::write(dir.join("wuhu.geojson"), planmap::draft::china::boundaries_json(&region, &[]).expect("boundaries")).expect("write");
    let jinghu = region.units.iter().find(|u| u.name == "镜湖区").map(|u| u.adcode.clone()).expect("镜湖区");
    std::fs::write(dir.join("plan.txt"), "健康规划\n第三章 空间布局\n构建“一核两翼”格局。一核，即主城区，包括镜湖区、弋江区和鸠江区西部。\n").expect("write");
    let layout = format!(
        "[plan]\ntitle = \"健康规划\"\nregion = \"芜湖市\"\ndocument = \"plan.txt\"\nboundaries = \"wuhu.geojson\"\n\n[[structures]]\nid = \"core-1\"\nkind = \"core\"\nname = \"一核\"\nsource = \"第三章\"\ndraft = true\n\n  [[structures.members]]\n  adcode = \"{jinghu}\"\n  name = \"镜湖区\"\n  draft = true\n"
    );
    let path = dir.join("wuhu.toml");
    std::fs::write(&path, layout).expect("write");
    (dir, path)
}

/// Drag over `words` where they stand in the quoted sentence holding `within` (its text run
/// gives each character's position, as a screen reader reads it).
fn drag_over(h: &mut Harness<'static, App>, words: &str, within: &str) {
    let (from, to) = {
        let run = h.get_all_by_role(egui::accesskit::Role::TextRun).find(|n| n.value().is_some_and(|v| v.contains(within))).expect("the sentence is shown");
        let value = run.value().unwrap_or_default();
        let first = value.get(..value.find(words).expect("the words are in the sentence")).unwrap_or("").chars().count();
        let last = first + words.chars().count() - 1;
        let node = run.accesskit_node();
        let xs = node.data().character_positions().expect("character positions").to_vec();
        let ws = node.data().character_widths().expect("character widths").to_vec();
        let r = run.rect();
        (egui::pos2(r.min.x + xs[first] + 1.0, r.center().y), egui::pos2(r.min.x + xs[last] + ws[last] - 1.0, r.center().y))
    };
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    h.hover_at(from + egui::vec2(10.0, 0.0));
    h.run_steps(1);
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run_steps(3);
}

/// In the quoted sentence: 弋江区 selected is offered as a member (a unit of the region) and
/// added; 主城区 is offered as a place, not a member; the counter follows; undo takes an
/// addition back; Accept structure clears every mark; the file saves and checks clean.
#[test]
fn words_of_the_sentence_become_members_and_a_structure_is_accepted_whole() {
    let (dir, path) = wuhu_layout("words");
    let mut app = App::new(Some(path.clone()), Saved::default());
    app.lang = Lang::En;
    let mut h = harness(app);
    assert!(review_open(h.state()) && !h.state().problems.iter().any(|d| d.is_error()), "{:?}", h.state().problems);
    assert!(h.query_by_label("0 of 2 reviewed").is_some(), "the structure and its member, none reviewed");
    let sentence = "包括镜湖区、弋江区";

    drag_over(&mut h, "弋江区", sentence);
    assert!(h.query_by_label_contains("Add as place").is_none(), "a county is a member, not a place");
    h.get_by_label_contains("Add as member").click_accesskit();
    h.run_steps(3);
    let p = plan_of(h.state());
    let added = p.structures[0].members.iter().find(|m| m.name() == "弋江区").expect("弋江区 added");
    assert!(added.adcode().is_some() && !added.draft && added.source.is_none(), "a county, reviewed, the structure's section: {added:?}");
    assert!(h.query_by_label("1 of 3 reviewed").is_some(), "the counter follows");
    assert!(h.query_by_label_contains("Add as member").is_none(), "the selection is used up");

    drag_over(&mut h, "主城区", sentence);
    assert!(h.query_by_label_contains("Add as member").is_none(), "主城区 is no county");
    assert!(h.query_by_label("Add as place").is_some(), "but a place, placed nowhere the words do not say");
    assert!(h.query_by_label_contains("Add as hospital · 芜湖市").is_some(), "a fact goes to the plan's level, said on the button");
    h.get_by_label("Cancel").click_accesskit();
    h.run_steps(2);
    assert!(h.query_by_label("Add as place").is_none(), "Cancel drops the selection");

    drag_over(&mut h, "鸠江区西部", sentence);
    h.get_by_label("Add as place · in 鸠江区").click_accesskit();
    h.run_steps(3);
    let jiujiang = h.state().map().doc.as_ref().and_then(|d| d.boundaries.features.iter().find(|f| f.name == "鸠江区")).map(|f| f.adcode.clone());
    let place = |app: &App| {
        plan_of(app).structures[0].members.iter().any(|m| m.name() == "鸠江区西部" && m.adcode().is_none() && m.within.as_ref().map(|w| w.get_ref().clone()) == jiujiang)
    };
    assert!(place(h.state()), "鸠江区西部 added as a place within 鸠江区");
    assert!(h.query_by_label("2 of 4 reviewed").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert!(!place(h.state()) && h.query_by_label("1 of 3 reviewed").is_some(), "Ctrl+Z takes it back");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run_steps(3);
    assert!(place(h.state()), "and Ctrl+Shift+Z puts it back");

    h.get_by_label("Accept structure").click_accesskit();
    h.run_steps(3);
    assert_eq!(pending_of(h.state()), 0, "the structure and its drafted member are accepted");
    assert!(h.query_by_label("4 of 4 reviewed").is_some());
    assert!(h.query_by_label("No drafted entries left.").is_some());
    h.state_mut().lang = Lang::Zh;
    h.run_steps(2);
    assert!(h.query_by_label("已审核 4 / 4 条").is_some(), "the counter in Chinese");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(3);
    let layout = planmap::io::layout::load_layout(&path).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(layout.warnings.is_empty(), "`planmap check` is clean: {:?}", layout.warnings);
    assert_eq!(layout.plan.structures[0].members.iter().map(|m| m.name()).collect::<Vec<_>>(), ["镜湖区", "弋江区", "鸠江区西部"]);
    let _ = std::fs::remove_dir_all(&dir);
}
