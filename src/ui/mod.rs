//! The desktop interface (egui). Everything here draws what `model` says and `scene` built.

pub mod app;
pub mod edit;
pub mod fonts;
pub mod legend;
pub mod map_view;
pub mod new_layout;
pub mod panel;
pub mod picker;
pub mod present;
pub mod strings;
pub mod style;
pub mod top_bar;

pub use app::App;

use std::path::PathBuf;

/// The eframe wrapper: persistence and the window.
struct Window {
    app: App,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, app::STORAGE_KEY, &self.app.saved());
    }
}

/// Open the window on `file` (or the last / default layout).
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default().with_inner_size([1400.0, 900.0]).with_title("planmap").with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "planmap",
        options,
        Box::new(move |cc| {
            style::setup(&cc.egui_ctx);
            let saved = cc.storage.and_then(|s| eframe::get_value(s, app::STORAGE_KEY)).unwrap_or_default();
            Ok(Box::new(Window { app: App::new(file, saved) }))
        }),
    )
}
