//! planmap's core: everything below the window, with no GUI dependency.
//!
//! ```text
//! files ─► io (parse, with spans) ─► model (validate, describe, search, steps)
//!       ─► scene (project, triangulate, index, labels) ─► document (the open file, its edits)
//!       ─► export (PNG, SVG, GeoJSON)            draft: plan text ─► a layout to review
//! ```
//! `scene::picture` describes the map (areas, outlines, labels, markers, legend) for a view;
//! the window (the `planmap` crate's `ui`) and `export` paint that one description, from meshes
//! `scene` built once per data change. That no egui lies below the window is this crate's
//! Cargo.toml: it cannot name egui.

pub mod document;
pub mod draft;
pub mod export;
pub mod io;
pub mod model;
pub mod scene;
