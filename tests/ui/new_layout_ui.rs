//! File ▸ New layout… driven through egui_kittest: search 青岛, pick 青岛市, create; the new
//! layout opens in edit mode and passes `check`.

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::dialogs::new_layout::NewLayoutDialog;
use planmap::ui::strings::Lang;

#[test]
fn new_layout_from_the_file_menu() {
    let baoji = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts/baoji.toml");
    let mut app = App::new(Some(baoji), Saved::default());
    app.lang = Lang::En;
    let mut h = Harness::builder().with_size(egui::vec2(1400.0, 900.0)).with_context_setup(planmap::ui::style::setup).build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(3);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("New layout…").click();
    h.run_steps(2);
    assert!(h.state().new_layout.is_some(), "the dialog opens");

    // Save into a fresh folder rather than the project's layouts/.
    let dir = std::env::temp_dir().join(format!("planmap-new-ui-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    h.state_mut().new_layout = Some(NewLayoutDialog::new(&dir));
    h.run_steps(2);
    h.event(egui::Event::Text("青岛".into()));
    h.run_steps(3);
    h.get_by_label("青岛市 (山东省, 370200)").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("10 counties, with their neighbours").is_some(), "the dialog says what it will write");
    h.get_by_label("Create and edit").click();
    h.run_steps(4);

    let app = h.state();
    assert!(app.new_layout.is_none(), "the dialog closes");
    let doc = app.map().doc.as_ref().expect("a document is open");
    let written = std::fs::canonicalize(dir.join("青岛市.toml")).expect("the layout was written");
    assert_eq!(std::fs::canonicalize(&doc.path).ok(), Some(written.clone()));
    assert!(app.map().edit_mode, "opened in edit mode");
    let mut out = Vec::new();
    assert_eq!(planmap::cli::check::run(&[written], &mut out), 0, "{}", String::from_utf8_lossy(&out));
    let _ = std::fs::remove_dir_all(&dir);
}
