//! planmap: a desktop map viewer for regional health-planning layouts.
//!
//! ```text
//! files ─► io (parse, with spans) ─► model (validate, describe, search, steps)
//!       ─► scene (project, triangulate, index, labels) ─► document (the open file)
//!       ─► ui (paint, present) / export (PNG, SVG)
//! ```
//! `model`, `io` and `scene` never touch egui. `scene::picture` describes the map (areas,
//! outlines, labels, markers, legend) for a view; the window (`ui`) and `export` paint that one
//! description, from meshes `scene` built once per data change.

pub mod bench;
pub mod bench_china;
pub mod cli;
pub mod cli_draft;
pub mod cli_new;
pub mod document;
pub mod draft;
pub mod editor;
pub mod export;
pub mod font;
pub mod io;
pub mod model;
pub mod progress;
pub mod scene;
pub mod ui;
