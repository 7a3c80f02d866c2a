//! A map pane: its document, view and selection (`pane`), gestures, picking and painting
//! (`view`; `gl` + `gpu` put areas and borders on the GPU), its legend, the presentation's
//! captions and the progress of a file being opened in the background (`loading`).

pub mod gl;
pub mod gpu;
pub mod key;
pub mod legend;
pub mod loading;
pub mod pane;
pub mod present;
pub mod view;
