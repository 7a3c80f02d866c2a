//! The desktop interface (egui). Everything here draws what `model` says and paints the map
//! description `scene::picture` builds; nothing here computes geometry.
//!
//! # Shape
//!
//! ```text
//! App (app.rs)            arranges panes, applies commands after every pane has drawn
//! ├── top bar             top_bar.rs          → Vec<Command>
//! ├── problems, status    panel.rs            → Vec<Command>
//! ├── docked panes        pane.rs (trait + registry), summary.rs … → Vec<Command>
//! └── map panes (1 or 2)  map_pane.rs: document, view, selection, presentation, edit state
//!     ├── legend          legend.rs, forms.rs (edit mode)  → Vec<Command>
//!     ├── details         panel.rs, forms.rs (edit mode)   → Vec<Command>
//!     └── map             map_view.rs (gestures, picking, paints scene::picture::MapPicture);
//!                         map_gl.rs + map_gpu.rs: its areas and borders on the GPU (glow)
//! dialogs.rs (confirm, file dialogs), picker.rs (own file list), present.rs (captions),
//! file_watch.rs (watching, autosave, external changes), files.rs (open, save, export),
//! apply.rs (where commands change state), command.rs (Command, SHORTCUTS),
//! tokens.rs (colours), strings.rs (中文/English), style.rs + fonts.rs (look, CJK and symbol fonts).
//! ```
//!
//! During a frame panels only read state and return `Command`s (the text a field is being
//! typed into is the field's own). `App::apply_to` runs them in order once everything has
//! drawn; a map pane then rebuilds what it derived from its plan (`MapPane::sync`).
//!
//! # Adding a pane (a chart, a diagram, a review list, a dialog)
//!
//! 1. Write `src/ui/my_pane.rs` with a type implementing [`pane::Pane`]: an `id`, a `title`,
//!    optionally a `placement` (`Bottom`, the default, or `Window` for a dialog), and
//!    `ui(&mut self, ui, &PaneContext) -> Vec<Command>`. It reads the active map's document and
//!    selection from the `PaneContext`, keeps only its own widget state, and asks for
//!    changes with commands (`Command::GoTo(Target::Structure(i))` selects and frames a
//!    structure, `Command::Open(path)` opens a file, …).
//! 2. Add one line to [`pane::registry`] (and `pub mod my_pane;` below).
//!
//! View ▸ Panes then lists it; ticking it shows it under the maps (or as a window).

pub mod app;
pub mod apply;
pub mod command;
pub mod diagram_pane;
pub mod diagram_view;
pub mod dialogs;
pub mod draft_dialog;
pub mod file_watch;
pub mod files;
pub mod fonts;
pub mod forms;
pub mod indicators_pane;
pub mod indicators_view;
pub mod legend;
pub mod loading;
pub mod map_gl;
pub mod map_gpu;
pub mod map_pane;
pub mod map_view;
pub mod new_layout;
pub mod pane;
pub mod panel;
pub mod picker;
pub mod present;
pub mod region_search;
pub mod review_pane;
pub mod sentence_view;
pub mod strings;
pub mod style;
pub mod summary;
pub mod tokens;
pub mod top_bar;

pub use app::App;

use std::path::PathBuf;

/// The eframe wrapper: persistence and the window.
struct Window {
    app: App,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        let t = std::time::Instant::now();
        self.app.ui(ui);
        map_gl::note_update(ui.ctx(), t.elapsed());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, app::STORAGE_KEY, &self.app.saved());
    }
}

/// Open the window on `file` (or the last / default layout); with `compare`, a second layout
/// beside it.
pub fn run(file: Option<PathBuf>, compare: Option<PathBuf>) -> eframe::Result {
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
            // The map's areas and borders on the GPU when the window has GL; else on the CPU.
            if let Some(gl) = &cc.gl
                && let Err(e) = map_gl::install(&cc.egui_ctx, Some(gl))
            {
                eprintln!("planmap: map painted on the CPU ({e})");
            }
            let saved: app::Saved = cc.storage.and_then(|s| eframe::get_value(s, app::STORAGE_KEY)).unwrap_or_default();
            let app = match (file, compare) {
                (Some(a), Some(b)) => App::compare(a, &b, saved),
                (file, _) => App::new(file, saved),
            };
            Ok(Box::new(Window { app }))
        }),
    )
}
