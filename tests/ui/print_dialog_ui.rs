//! File ▸ Print layout… driven through egui_kittest: the menu opens the dialog with its
//! preview, the paper and the language are chosen by clicking, the settings become the export's
//! options, Cancel closes it writing nothing.

use std::path::PathBuf;

use eframe::egui;
use egui_kittest::kittest::Queryable;
use planmap::export::{Lang as Chrome, Paper};
use planmap::ui::App;
use planmap::ui::app::Saved;
use planmap::ui::strings::Lang;

fn app() -> App {
    let baoji = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layouts/baoji.toml");
    let mut app = App::new(Some(baoji), Saved::default());
    app.lang = Lang::En;
    app
}

#[test]
fn the_print_dialog_opens_from_the_menu_takes_choices_and_cancels() {
    let mut h = crate::harness::harness_at(app(), egui::vec2(1400.0, 1000.0));
    h.run_steps(3);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Print layout…").click();
    h.run_steps(3);
    assert!(h.state().print_dialog.is_some(), "the menu item opens the dialog");
    h.get_by_label("A3").click();
    h.run_steps(2);
    h.get_by_label("中文").click();
    h.run_steps(2);
    let s = h.state().print_dialog.as_ref().unwrap().settings.clone();
    assert_eq!((s.paper, s.chrome, s.landscape), (Paper::A3, Chrome::Zh, true));
    let o = s.options();
    assert_eq!((o.width.round(), o.height.round()), (1191.0, 842.0), "A3 landscape in points");
    assert!(o.title.is_none() && o.source.is_none(), "empty fields fall back to the plan's own");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().print_dialog.is_none(), "Cancel closes it");
}
