//! Docked panes beside the map (charts, diagrams, review lists, dialogs): each is one type in
//! its own file implementing `Pane`, listed once in `registry`. A pane reads the active map's
//! document and selection through `PaneContext` and returns commands, like every panel.

pub mod diagram;
pub mod diagram_view;
pub mod differences;
pub mod indicators;
pub mod indicators_table;
pub mod indicators_view;
pub mod review;
pub mod sentence_view;
pub mod summary;

use eframe::egui;

use crate::document::Document;
use crate::model::Target;
use crate::ui::command::Command;
use crate::ui::strings::Lang;

/// What a docked pane may read: the active map pane's document and selection.
pub struct PaneContext<'a> {
    pub doc: Option<&'a Document>,
    pub selected: Option<&'a Target>,
    pub focus_structure: Option<usize>,
    pub lang: Lang,
}

/// Where the app puts a docked pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Under the map, in a tab strip shared with the other bottom panes.
    Bottom,
    /// A floating window (a dialog).
    Window,
    /// A column at the window's right, beside the maps (a diagram read with the map). The pane
    /// scrolls itself.
    Side,
}

pub trait Pane {
    /// Stable id (egui ids, `Command::TogglePane`).
    fn id(&self) -> &'static str;
    /// Name in the View ▸ Panes menu and on its tab.
    fn title(&self, lang: Lang) -> String;
    fn placement(&self) -> Placement {
        Placement::Bottom
    }
    /// Draw the pane; return what the user asked for. The pane may keep its own widget state
    /// (scroll, typed text, a chart's zoom); everything else changes through commands.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &PaneContext) -> Vec<Command>;
    /// Whether this pane opens by itself when a layout is opened that it has something to
    /// show for (a county-level plan's diagram). Default: only when asked for.
    fn opens_for(&self, _doc: &Document) -> bool {
        false
    }
}

/// A docked pane and whether it is shown.
pub struct Docked {
    pub pane: Box<dyn Pane>,
    pub open: bool,
    /// Opened by itself for the current layout (closed again when a layout without use for it
    /// opens); false once the user opened or closed it.
    pub auto: bool,
}

impl Docked {
    /// A new document in the active map: open for it when the pane wants to, close again what
    /// was opened only for the last one.
    pub fn follow(&mut self, doc: Option<&Document>) {
        let wanted = doc.is_some_and(|d| self.pane.opens_for(d));
        if wanted && !self.open {
            self.open = true;
            self.auto = true;
        } else if !wanted && self.auto {
            self.open = false;
            self.auto = false;
        }
    }
}

/// Every docked pane, hidden at first unless it opens for the layout (View ▸ Panes shows them). Add a pane here: one line.
pub fn registry() -> Vec<Box<dyn Pane>> {
    vec![
        Box::new(crate::ui::panes::summary::Summary),
        Box::new(crate::ui::panes::diagram::DiagramPane::default()),
        Box::new(crate::ui::panes::indicators::IndicatorsPane::default()),
        Box::new(crate::ui::panes::review::ReviewPane::default()),
    ]
}
