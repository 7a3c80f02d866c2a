//! File ▸ New layout from plan text… driven through egui_kittest: pasted Chinese text whose
//! region the text does not say (the dialog asks; the region search picks 宝鸡市), the draft
//! written with the text beside it and opened for review; Cancel writes nothing; a plan file
//! read with its region; existing files replaced only after asking; bad input shown in the
//! dialog, located, with nothing written.

use std::path::{Path, PathBuf};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::dialogs::draft::DraftDialog;
use planmap::ui::strings::Lang;

/// A plan in the shape plans have, naming no place: its region cannot be read from it.
const NO_REGION: &str = "健康事业发展规划\n第三章 功能布局\n构建“一核两翼”的健康服务格局。\n一核，即健康医疗服务中心，依托中心医院打造医疗服务高地。\n两翼，即南北两个康养服务片区，发展中医药康养服务。\n第四章 重点项目\n专栏1 重点建设项目\n1. 中心医院门诊楼建设项目。\n";

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-draft-dialog-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    names.sort();
    names
}

fn harness(app: App) -> Harness<'static, App> {
    crate::harness::harness_at(app, egui::vec2(1400.0, 1000.0))
}

fn app() -> App {
    let baoji = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts/baoji.toml");
    let mut app = App::new(Some(baoji), Saved::default());
    app.lang = Lang::En;
    app
}

/// Open the dialog from the File menu, then root it in `dir` (not the project's layouts/).
fn open_dialog(h: &mut Harness<'static, App>, dir: &Path) {
    h.run_steps(3);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("New layout from plan text…").click();
    h.run_steps(2);
    assert!(h.state().draft_dialog.is_some(), "the menu item opens the dialog");
    h.state_mut().draft_dialog = Some(DraftDialog::new(dir));
    h.run_steps(2);
}

fn paste(h: &mut Harness<'static, App>, text: &str) {
    h.get_by_label("Paste the plan's text").click();
    h.run_steps(2);
    h.event(egui::Event::Paste(text.to_string()));
    h.run_steps(3);
}

#[test]
fn pasted_text_asks_for_the_region_then_drafts_beside_its_text() {
    let dir = temp_dir("paste");
    let mut h = harness(app());
    open_dialog(&mut h, &dir);
    paste(&mut h, NO_REGION);
    let dialog = h.state().draft_dialog.as_ref().expect("open");
    assert_eq!(dialog.pasted_text(), NO_REGION, "the Chinese paste is in the box as pasted");
    assert_eq!(dialog.region(), None);
    assert!(h.query_by_label_contains("does not say which region").is_some(), "the dialog asks for the region");
    assert!(h.get_by_label("Draft and open").accesskit_node().is_disabled(), "no draft without a region");

    // The region search has the keyboard: type, then pick from the suggestions.
    h.event(egui::Event::Text("宝鸡".into()));
    h.run_steps(3);
    h.get_by_label("宝鸡市 (陕西省, 610300)").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("chosen by you").is_some());
    assert!(h.query_by_label_contains("宝鸡市.draft.toml, 宝鸡市.draft.geojson, 宝鸡市.draft.txt").is_some(), "the dialog says what it will write");
    assert!(files_in(&dir).is_empty(), "nothing written before Draft");

    h.get_by_label("Draft and open").click();
    h.run_steps(1);
    assert!(h.state().draft_dialog.as_ref().is_some_and(DraftDialog::is_drafting), "drafted on a worker, the window stays live");
    drafted(&mut h);
    let app = h.state();
    assert!(app.draft_dialog.is_none(), "the dialog closes");
    let layout = dir.canonicalize().expect("dir").join("宝鸡市.draft.toml");
    let doc = app.map().doc.as_ref().expect("the draft is open");
    assert_eq!(doc.path.canonicalize().ok(), Some(layout.clone()));
    assert!(app.map().edit_mode, "opened in edit mode");
    let plan = doc.plan.as_ref().expect("a plan");
    assert_eq!(plan.plan.region, "宝鸡市");
    assert_eq!(plan.plan.document, "宝鸡市.draft.txt", "the layout points to the saved text");
    assert_eq!(std::fs::read_to_string(dir.join("宝鸡市.draft.txt")).ok().as_deref(), Some(NO_REGION), "the pasted text is saved as pasted");
    assert!(plan.structures.iter().any(|s| s.name.contains("一核")), "the slogan's structures are drafted: {:?}", plan.structures.iter().map(|s| &s.name).collect::<Vec<_>>());
    assert!(app.docked.iter().any(|d| d.pane.id() == "review" && d.open), "the review pane opens for the draft");
    let mut out = Vec::new();
    assert_eq!(planmap::cli::check::run(&[layout], &mut out), 0, "{}", String::from_utf8_lossy(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cancel_writes_nothing() {
    let dir = temp_dir("cancel");
    let mut h = harness(app());
    open_dialog(&mut h, &dir);
    paste(&mut h, "宝鸡市“十四五”卫生健康发展规划\n构建“一核心、三片区”格局。\n");
    assert!(h.query_by_label_contains("read from the text").is_some(), "the title names the region");
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.state().draft_dialog.is_none(), "the dialog closes");
    assert!(files_in(&dir).is_empty(), "nothing written: {:?}", files_in(&dir));
    let open = h.state().map().doc.as_ref().map(|d| d.path.clone()).expect("the layout stays open");
    assert!(open.ends_with("layouts/baoji.toml"), "{}", open.display());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_plan_file_drafts_and_existing_files_are_replaced_only_after_asking() {
    let dir = temp_dir("file");
    let plan = dir.join("plan.txt");
    std::fs::copy(crate::support::shared("seeds").join("000_9363dbbd475e6e70.txt"), &plan).expect("the seeds are in ../shared/seeds");
    std::fs::write(dir.join("plan.draft.toml"), "# mine\n").expect("write");
    let mut h = harness(app());
    open_dialog(&mut h, &dir);
    h.state_mut().draft_dialog.as_mut().expect("open").set_file(&plan);
    h.run_steps(3);
    let dialog = h.state().draft_dialog.as_ref().expect("open");
    assert_eq!(dialog.file_name(), "plan.draft-2.toml", "the default name is free");
    assert!(h.query_by_label_contains("宝鸡市 (陕西省, 610300)").is_some() && h.query_by_label_contains("read from the text").is_some(), "the region is read from the plan");

    // Name the file that exists: the dialog asks, Back leaves it alone.
    h.state_mut().draft_dialog.as_mut().expect("open").set_file_name("plan.draft.toml");
    h.run_steps(2);
    h.get_by_label("Draft and open").click();
    drafted(&mut h);
    assert!(h.query_by_label_contains("These files exist").is_some(), "asks before replacing");
    assert_eq!(std::fs::read_to_string(dir.join("plan.draft.toml")).ok().as_deref(), Some("# mine\n"));
    assert!(!dir.join("plan.draft.geojson").exists(), "nothing written while asking");
    h.get_by_label("Back").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("These files exist").is_none());
    assert_eq!(std::fs::read_to_string(dir.join("plan.draft.toml")).ok().as_deref(), Some("# mine\n"));

    h.get_by_label("Draft and open").click();
    drafted(&mut h);
    h.get_by_label("Replace").click();
    h.run_steps(4);
    assert!(h.state().draft_dialog.is_none(), "written and closed");
    let written = std::fs::read_to_string(dir.join("plan.draft.toml")).unwrap_or_default();
    assert!(written.contains("document = \"plan.txt\"") && written.contains("一核心"), "replaced by the draft");
    let doc = h.state().map().doc.as_ref().expect("open");
    assert!(doc.path.ends_with("plan.draft.toml"));
    assert!(h.state().docked.iter().any(|d| d.pane.id() == "review" && d.open));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_shown_in_the_dialog_and_nothing_is_written() {
    let dir = temp_dir("bad");
    let mut h = harness(app());
    open_dialog(&mut h, &dir);

    // A .docx that is not a zip: said at once, Draft stays off.
    let fake = dir.join("fake.docx");
    std::fs::write(&fake, "宝鸡市卫生健康规划").expect("write");
    h.state_mut().draft_dialog.as_mut().expect("open").set_file(&fake);
    h.run_steps(3);
    assert!(h.query_by_label_contains("not a zip archive").is_some(), "the reason is shown");
    assert!(h.get_by_label("Draft and open").accesskit_node().is_disabled());

    // A file with binary junk on its third line: the line is named.
    let junk_file = dir.join("junk.txt");
    std::fs::write(&junk_file, [b"\xe5\xae\x9d\n\n".as_slice(), &[0u8, 1, 2, 3, 4, 5]].concat()).expect("write");
    h.state_mut().draft_dialog.as_mut().expect("open").set_file(&junk_file);
    h.run_steps(3);
    assert!(h.query_by_label_contains("binary data at byte 5").is_some_and(|_| h.query_by_label_contains("line 3)").is_some()), "located in the file");
    std::fs::remove_file(&junk_file).expect("remove");

    // Binary junk pasted after a title: refused with its line and column.
    let junk = format!("宝鸡市卫生健康规划\n正文{}\n", "\u{1}\u{2}\u{3}".repeat(20));
    paste(&mut h, &junk);
    assert!(h.query_by_label_contains("read from the text").is_some());
    h.get_by_label("Draft and open").click();
    drafted(&mut h);
    assert!(h.query_by_label_contains("binary data").is_some(), "the reason is shown");
    assert!(h.query_by_label_contains("(line 2, column 3)").is_some(), "located in the text");

    // A text with no slogan: said in the dialog before anything is written.
    h.get_by_label("Clear").click();
    h.run_steps(2);
    paste(&mut h, "宝鸡市卫生健康规划\n第一章 总则\n加强渭滨区人民医院建设。\n");
    h.get_by_label("Draft and open").click();
    drafted(&mut h);
    assert!(h.query_by_label_contains("no layout slogan found").is_some(), "the note is shown first");
    assert!(files_in(&dir) == ["fake.docx"], "nothing written yet: {:?}", files_in(&dir));
    h.get_by_label("Write the draft anyway").click();
    h.run_steps(4);
    assert!(h.state().draft_dialog.is_none());
    assert!(dir.join("宝鸡市.draft.toml").is_file() && dir.join("宝鸡市.draft.txt").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_large_paste_is_held_out_of_the_box() {
    let dir = temp_dir("large");
    let mut h = harness(app());
    open_dialog(&mut h, &dir);
    let seed = std::fs::read_to_string(crate::support::shared("seeds").join("000_9363dbbd475e6e70.txt")).expect("seed");
    let mut big = String::new();
    while big.len() < 300 * 1024 {
        big.push_str(&seed);
    }
    paste(&mut h, &big);
    let dialog = h.state().draft_dialog.as_ref().expect("open");
    assert_eq!(dialog.pasted_text().len(), big.len(), "all of it is kept");
    assert!(h.query_by_label_contains("KB pasted").is_some(), "shown as its size, not in the box");
    assert!(h.query_by_label_contains("宝鸡市 (陕西省, 610300)").is_some(), "the region is read from it");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Steps the window until the dialog's worker has answered (a draft is made off the frame),
/// then lets the answer show.
fn drafted(h: &mut Harness<'static, App>) {
    h.run_steps(1);
    for _ in 0..2000 {
        if !h.state().draft_dialog.as_ref().is_some_and(|d| d.is_drafting()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.run_steps(1);
    }
    assert!(!h.state().draft_dialog.as_ref().is_some_and(|d| d.is_drafting()), "the draft finished within 10 s");
    h.run_steps(3);
}
