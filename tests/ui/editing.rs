//! Editing a layout: each edit and its undo, saving with comments intact, atomic saves under
//! kill, recovery after a crash, external changes — with and without unsaved edits.

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use crate::support::root;
use planmap::document::Document;
use planmap::document::editor::{self, recovery_path};
use planmap::model::StructureKind;
use planmap::model::edit::{Command, DistrictRef, Fact, FactKind};
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::dialogs::{Answer, Confirm};

/// A private copy of a bundled layout (its boundaries path made absolute) in its own folder.
fn copy_layout(name: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-edit-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(root().join(format!("layouts/{name}.toml"))).unwrap();
    let abs = root().join(format!("assets/boundaries/{}.geojson", if name == "baoji" { "baoji" } else { "qujing" }));
    let src = src.replacen(&format!("\"../assets/boundaries/{}.geojson\"", abs.file_stem().unwrap().to_str().unwrap()), &format!("{:?}", abs.to_str().unwrap()), 1);
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, src).unwrap();
    path
}

fn open(path: &Path) -> Document {
    Document::open(path).unwrap().0
}

fn structure_index(doc: &Document, name_start: &str) -> usize {
    doc.plan.as_ref().unwrap().structures.iter().position(|s| s.name.starts_with(name_start)).unwrap()
}

fn text(doc: &Document) -> String {
    doc.editor.as_ref().unwrap().text().to_string()
}

#[test]
fn each_edit_changes_the_plan_and_undo_restores_the_exact_text() {
    let path = copy_layout("baoji", "each");
    let mut doc = open(&path);
    let original = text(&doc);
    let eco = structure_index(&doc, "生态温泉");
    let tcm = structure_index(&doc, "中医药");
    let meixian_in_eco = doc.plan.as_ref().unwrap().structures[eco].members.iter().position(|m| m.adcode() == Some("610326")).unwrap();
    let weibin_in_eco = doc.plan.as_ref().unwrap().structures[eco].members.iter().position(|m| m.adcode() == Some("610302")).unwrap();
    let county = |a: &str, n: &str| DistrictRef::County { adcode: a.into(), name: n.into() };
    let project = Fact::Project { name: "测试项目".into(), detail: Some("说明".into()), source: "第四章 第六节 专栏7".into() };
    type Holds = Box<dyn Fn(&Document) -> bool>;
    let edits: Vec<(Command, Holds)> = vec![
        (
            Command::RemoveMember { structure: eco, member: meixian_in_eco },
            Box::new(move |d: &Document| d.plan.as_ref().unwrap().structures[eco].member_for("610326").is_none()),
        ),
        (
            Command::AddMember { structure: tcm, adcode: "610328".into(), name: "千阳县".into(), partial: Some("千河沿岸".into()) },
            Box::new(move |d: &Document| d.plan.as_ref().unwrap().structures[tcm].member_for("610328").and_then(|m| m.partial.clone()).as_deref() == Some("千河沿岸")),
        ),
        (
            Command::SetPartial { structure: eco, member: weibin_in_eco, partial: None },
            Box::new(move |d: &Document| d.plan.as_ref().unwrap().structures[eco].member_for("610302").is_some_and(|m| m.partial.is_none())),
        ),
        (
            Command::AddPlace { structure: 0, name: "测试园区".into(), location: "中心城区".into() },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().structures[0].members.iter().any(|m| m.name() == "测试园区" && !m.has_polygon())),
        ),
        (
            Command::AddStructure { id: "new1".into(), kind: StructureKind::Zone, name: "新片区".into(), color: "#123456".into(), source: "测试".into() },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().structures.last().unwrap().name == "新片区"),
        ),
        (Command::RenameStructure { structure: 0, name: "一个核心".into() }, Box::new(|d: &Document| d.plan.as_ref().unwrap().structures[0].name == "一个核心")),
        (Command::RecolorStructure { structure: 0, color: "#000000".into() }, Box::new(|d: &Document| d.plan.as_ref().unwrap().structure_color(0).0 == [0, 0, 0])),
        (Command::MoveStructure { structure: 1, up: true }, Box::new(|d: &Document| d.plan.as_ref().unwrap().structures[0].name.starts_with("生态温泉"))),
        (Command::DeleteStructure { structure: 0 }, Box::new(|d: &Document| d.plan.as_ref().unwrap().structures[0].name.starts_with("生态温泉"))),
        (
            Command::AddFact { district: county("610328", "千阳县"), fact: project.clone() },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().district("610328").unwrap().projects.iter().any(|p| p.name == "测试项目")),
        ),
        (
            Command::AddFact { district: DistrictRef::City, fact: Fact::Hospital { name: "测试医院".into(), focus: vec!["精神科".into()], source: "x".into() } },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().city.as_ref().unwrap().hospitals.iter().any(|h| h.name == "测试医院")),
        ),
        (
            Command::ReplaceFact {
                district: county("610326", "眉县"), index: 0, fact: Fact::Speciality { text: "改过的特色".into(), source: "第三章 第三节 专栏1".into() }
            },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().district("610326").unwrap().specialities[0].text == "改过的特色"),
        ),
        (
            Command::RemoveFact { district: county("610326", "眉县"), kind: FactKind::Hospital, index: 0 },
            Box::new(|d: &Document| d.plan.as_ref().unwrap().district("610326").unwrap().hospitals.is_empty()),
        ),
    ];
    for (cmd, holds) in edits {
        doc.edit(&cmd).unwrap_or_else(|e| panic!("{cmd:?}: {e:?}"));
        assert!(holds(&doc), "{cmd:?} took effect");
        assert!(doc.is_dirty());
        let edited = text(&doc);
        assert!(doc.undo(), "{cmd:?} can be undone");
        assert_eq!(text(&doc), original, "undoing {cmd:?} restores the text exactly");
        assert!(doc.redo());
        assert_eq!(text(&doc), edited, "redo of {cmd:?}");
        assert!(doc.undo());
    }
    assert!(!doc.is_dirty(), "after undoing everything the file is clean");
}

#[test]
fn an_invalid_edit_is_refused_and_changes_nothing() {
    let path = copy_layout("baoji", "invalid");
    let mut doc = open(&path);
    let before = text(&doc);
    let err = doc.edit(&Command::AddMember { structure: 0, adcode: "999999".into(), name: "无此县".into(), partial: None }).unwrap_err();
    assert!(err.iter().any(|d| d.message.contains("unknown adcode")), "the same message planmap check gives: {err:?}");
    assert!(doc.edit(&Command::RecolorStructure { structure: 0, color: "red".into() }).is_err());
    assert_eq!(text(&doc), before);
    assert!(!doc.is_dirty());
}

#[test]
fn save_then_load_keeps_comments_and_untouched_formatting() {
    let path = copy_layout("baoji", "save");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut doc = open(&path);
    let eco = structure_index(&doc, "生态温泉");
    let m = doc.plan.as_ref().unwrap().structures[eco].members.iter().position(|m| m.adcode() == Some("610326")).unwrap();
    doc.edit(&Command::RemoveMember { structure: eco, member: m }).unwrap();
    doc.edit(&Command::AddFact {
        district: DistrictRef::County { adcode: "610328".into(), name: "千阳县".into() },
        fact: Fact::Project { name: "新项目".into(), detail: None, source: "第四章".into() },
    })
    .unwrap();
    doc.editor.as_mut().unwrap().save(None).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    let comments = |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(comments(&original), comments(&saved), "every comment is kept, in order");
    // Apart from the removed member and the added project, the lines are the same, in order.
    let removed = original.lines().filter(|l| !saved.lines().any(|s| s == *l)).count();
    let added = saved.lines().filter(|l| !original.lines().any(|o| o == *l)).count();
    assert!(removed <= 4 && added <= 6, "only the edited tables changed ({removed} lines gone, {added} new)");
    let again = open(&path);
    assert!(again.plan.as_ref().unwrap().structures[eco].member_for("610326").is_none());
    assert!(again.plan.as_ref().unwrap().district("610328").unwrap().projects.iter().any(|p| p.name == "新项目"));
    assert!(!again.is_dirty());
}

#[test]
fn a_failed_save_says_so_and_keeps_the_edits() {
    let path = copy_layout("baoji", "readonly");
    let mut doc = open(&path);
    doc.edit(&Command::RenameStructure { structure: 0, name: "核心区".into() }).unwrap();
    let target = path.parent().unwrap().join("no-such-folder/baoji.toml");
    assert!(doc.editor.as_mut().unwrap().save(Some(&target)).is_err());
    assert!(doc.is_dirty(), "the edits are still there");
    assert_eq!(doc.plan.as_ref().unwrap().structures[0].name, "核心区");
}

#[test]
fn atomic_save_leaves_old_or_new_when_killed_mid_save() {
    let dir = std::env::temp_dir().join(format!("planmap-atomic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b, file) = (dir.join("a.toml"), dir.join("b.toml"), dir.join("layout.toml"));
    let old = std::fs::read_to_string(root().join("layouts/baoji.toml")).unwrap();
    let new = old.replace("一核心", "一个核心").repeat(3);
    std::fs::write(&a, &old).unwrap();
    std::fs::write(&b, &new).unwrap();
    std::fs::write(&file, &old).unwrap();
    for round in 0..12u64 {
        let mut child = Process::new(env!("CARGO_BIN_EXE_planmap")).args(["save-loop"]).arg(&file).arg(&a).arg(&b).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(20 + (round * 37) % 90));
        child.kill().unwrap();
        child.wait().unwrap();
        let now = std::fs::read_to_string(&file).unwrap();
        assert!(now == old || now == new, "round {round}: the file is whole ({} bytes)", now.len());
    }
}

#[test]
fn unsaved_edits_come_back_after_a_crash() {
    let path = copy_layout("baoji", "crash");
    {
        let mut doc = open(&path);
        doc.edit(&Command::AddFact {
            district: DistrictRef::County { adcode: "610328".into(), name: "千阳县".into() },
            fact: Fact::Project { name: "崩溃前的项目".into(), detail: None, source: "第四章".into() },
        })
        .unwrap();
        assert!(doc.editor.as_mut().unwrap().autosave().unwrap(), "the edits are copied to the recovery file");
        // The process dies here: no save, no clean exit.
    }
    assert!(recovery_path(&path).is_file());
    let mut app = App::new(Some(path.clone()), Saved::default());
    assert!(matches!(app.confirm, Some(Confirm::Recover(_))), "the app offers the edits back");
    app.answer(Answer::Save);
    let doc = app.map().doc.as_ref().unwrap();
    assert!(doc.plan.as_ref().unwrap().district("610328").unwrap().projects.iter().any(|p| p.name == "崩溃前的项目"));
    assert!(doc.is_dirty(), "restored, not yet saved");
    assert!(editor::pending_recovery(&path).is_some(), "the recovery file stays until saved");
}

#[test]
fn an_external_change_reloads_when_nothing_is_unsaved() {
    let path = copy_layout("baoji", "external-clean");
    let mut app = App::new(Some(path.clone()), Saved::default());
    app.map_mut().selected = Some(planmap::model::Target::District("610326".into()));
    let text = std::fs::read_to_string(&path).unwrap().replacen("name = \"一核心\"", "name = \"一核心（外部修改）\"", 1);
    std::fs::write(&path, text).unwrap();
    app.check_external();
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name, "一核心（外部修改）");
    assert_eq!(app.map().selected, Some(planmap::model::Target::District("610326".into())), "the selection stays");
    assert!(app.confirm.is_none());
}

#[test]
fn an_external_change_with_unsaved_edits_asks_and_overwrites_nothing() {
    let path = copy_layout("baoji", "external-dirty");
    let mut app = App::new(Some(path.clone()), Saved::default());
    app.edit(Command::RenameStructure { structure: 0, name: "我的核心".into() });
    let theirs = std::fs::read_to_string(&path).unwrap().replacen("name = \"一核心\"", "name = \"他们的核心\"", 1);
    std::fs::write(&path, &theirs).unwrap();
    app.check_external();
    assert!(matches!(app.confirm, Some(Confirm::Conflict(_))), "asks: keep mine / take theirs / save mine as");
    app.answer(Answer::Keep);
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name, "我的核心");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "their file is untouched");
    app.check_external();
    assert!(app.confirm.is_none(), "the same change is not reported twice");

    // A second change, and this time take theirs.
    let theirs2 = theirs.replacen("他们的核心", "他们的核心2", 1);
    std::fs::write(&path, &theirs2).unwrap();
    app.check_external();
    app.answer(Answer::Discard);
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name, "他们的核心2");
    assert!(app.undo_available(), "mine can still be had back with undo");
}

#[test]
fn an_invalid_external_change_shows_the_error_and_keeps_the_last_good_state() {
    let path = copy_layout("baoji", "external-bad");
    let mut app = App::new(Some(path.clone()), Saved::default());
    let broken = std::fs::read_to_string(&path).unwrap().replacen("adcode = \"610326\"", "adcode = \"000000\"", 1);
    std::fs::write(&path, broken).unwrap();
    app.check_external();
    assert!(app.problems.iter().any(|d| d.is_error() && d.line > 0 && d.message.contains("000000")));
    assert!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures_of("610326").len() >= 2, "the last good plan stays");
}

#[test]
fn closing_with_unsaved_edits_asks_and_discard_lets_the_window_go() {
    let path = copy_layout("baoji", "close");
    let mut app = App::new(Some(path.clone()), Saved::default());
    app.edit(Command::RenameStructure { structure: 0, name: "未保存".into() });
    app.confirm = Some(Confirm::Close);
    app.answer(Answer::Keep);
    assert!(app.map().doc.as_ref().unwrap().is_dirty(), "cancel keeps the edits open");
    app.confirm = Some(Confirm::Close);
    app.answer(Answer::Save);
    assert!(!app.map().doc.as_ref().unwrap().is_dirty(), "save, then close");
    assert!(std::fs::read_to_string(&path).unwrap().contains("未保存"));

    // Opening another file with unsaved edits asks first and keeps the edits until answered.
    app.edit(Command::RenameStructure { structure: 0, name: "又改了".into() });
    app.open(&root().join("layouts/qujing.toml"));
    assert!(matches!(app.confirm, Some(Confirm::Open(_))));
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name, "又改了");
    app.answer(Answer::Discard);
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region, "曲靖市");
}
