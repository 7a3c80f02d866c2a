//! planmap: a desktop map viewer for regional health-planning layouts.
//!
//! The data layers (model, io, scene, draft, document, export) are the `planmap-core` crate,
//! which has no GUI dependency; this crate adds the window (`ui`) and the command-line verbs
//! (`cli`). The core's modules are re-exported so `planmap::model` and the like read as before.

pub use planmap_core::{document, draft, export, io, model, scene};

pub mod cli;
pub mod ui;
