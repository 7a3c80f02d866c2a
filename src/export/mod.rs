//! Export without a window: the same scene drawn into a `Picture`, written as PNG (tiny-skia)
//! or SVG (text stays text). `plain` maps any boundary GeoJSON by a property, fast.

mod compose;
pub mod diagram;
pub mod indicators;
pub mod picture;
pub mod plain;
pub mod png;
pub mod svg;

pub use compose::{compose, compose_map, wrap};

use std::path::{Path, PathBuf};

use crate::document::Document;

#[derive(Debug, Clone)]
pub struct Options {
    /// Size in layout units (pixels at scale 1).
    pub width: f32,
    pub height: f32,
    /// Pixels per unit for PNG (2 for a print-quality image of the same layout).
    pub scale: f32,
    /// Presentation step to show (1-based), if any.
    pub step: Option<usize>,
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { width: 1600.0, height: 1200.0, scale: 1.0, step: None, title: None }
    }
}

enum Format {
    Png,
    Svg,
}

fn format_of(out: &Path) -> Result<Format, String> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("png") => Ok(Format::Png),
        Some("svg") => Ok(Format::Svg),
        _ => Err(format!("{}: the output must end in .png or .svg", out.display())),
    }
}

/// Write the map of `doc` to `out` (.png or .svg).
pub fn write(doc: &Document, opts: &Options, out: &Path) -> Result<(), String> {
    let format = format_of(out)?;
    let picture = compose(doc, opts);
    match format {
        Format::Png => png::write(&picture, opts.scale, out),
        Format::Svg => std::fs::write(out, svg::render(&picture)).map_err(|e| format!("{}: cannot write: {e}", out.display())),
    }
}

/// One image per presentation step (an atlas): FILE-01.png, FILE-02.png … Returns the paths.
pub fn write_all_steps(doc: &Document, opts: &Options, out: &Path) -> Result<Vec<PathBuf>, String> {
    format_of(out)?;
    let Some(plan) = &doc.plan else { return Err("--all-steps needs a layout file, not plain boundaries".into()) };
    let n = crate::model::steps(plan).len();
    let stem = out.file_stem().map_or("map".into(), |s| s.to_string_lossy().into_owned());
    let ext = out.extension().map_or("png".into(), |s| s.to_string_lossy().into_owned());
    let mut written = Vec::new();
    for k in 1..=n {
        let path = out.with_file_name(format!("{stem}-{k:02}.{ext}"));
        write(doc, &Options { step: Some(k), ..opts.clone() }, &path)?;
        written.push(path);
    }
    Ok(written)
}
