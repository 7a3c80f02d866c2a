//! Tests of the window (egui_kittest): panes, dialogs, editing, presentation, background open.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod background_open;
mod charts_ui;
mod compare_ui;
mod draft_dialog_ui;
mod editing;
mod finding_ui;
mod glyphs;
mod harness;
mod laptop_ui;
mod new_layout_ui;
mod print_dialog_ui;
mod review_ui;
mod window;
