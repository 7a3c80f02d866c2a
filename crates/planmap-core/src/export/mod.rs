//! Export without a window: the same scene drawn into a `Picture`, written as PNG (tiny-skia)
//! or SVG (text stays text). `plain` maps any boundary GeoJSON by a property, fast.

pub mod chrome;
mod compose;
pub mod diagram;
mod error;
pub mod geojson;
pub mod indicator_table;
pub mod indicators;
mod inset;
pub mod legend;
pub mod page;
pub mod pdf;
pub mod picture;
pub mod plain;
pub mod png;
pub mod slides;
pub mod svg;

pub use chrome::Lang;
pub use compose::{Frames, compose, compose_map, compose_step_map, frames, wrap};
pub use error::ExportError;
pub use page::{Page, Paper};

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
    /// The line under the title; the plan's slogan when None, nothing when empty.
    pub subtitle: Option<String>,
    /// The source line; the plan cited by its title and section when None.
    pub source: Option<String>,
    /// The language of the words around the map.
    pub lang: Lang,
    /// Paper, when the picture is a print page (its size then in points).
    pub page: Option<Page>,
}

impl Default for Options {
    fn default() -> Self {
        Options { width: 1600.0, height: 1200.0, scale: 1.0, step: None, title: None, subtitle: None, source: None, lang: Lang::default(), page: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Pdf,
    Pptx,
    GeoJson,
}

/// The format an output path asks for: its extension must be .png or .svg, so a slip such as
/// `--out layouts/baoji.toml` is refused instead of destroying a layout.
pub fn format_of(out: &Path) -> Result<Format, ExportError> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("png") => Ok(Format::Png),
        Some("svg") => Ok(Format::Svg),
        Some("pdf") => Ok(Format::Pdf),
        Some("pptx") => Ok(Format::Pptx),
        Some("geojson" | "json") => Ok(Format::GeoJson),
        _ => Err(ExportError::NotAnOutputName { out: out.to_path_buf() }),
    }
}

/// The largest PNG written, in pixels (width × height after `--scale`): 100 million, e.g.
/// 10000×10000, which takes about 1 GB to draw and encode. Larger would exhaust memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// The largest `--scale`.
pub const MAX_SCALE: f32 = 16.0;

/// Check an image size before any work: each side 1 to 20000 units, a scale in (0, 16], and
/// (for PNG) at most `MAX_PIXELS` pixels.
pub fn check_size(width: f32, height: f32, scale: f32, format: Format) -> Result<(), ExportError> {
    if !(scale.is_finite() && scale > 0.0 && scale <= MAX_SCALE) {
        return Err(ExportError::Scale);
    }
    if !(1.0..=20_000.0).contains(&width) || !(1.0..=20_000.0).contains(&height) {
        return Err(ExportError::Side);
    }
    let (w, h) = ((f64::from(width) * f64::from(scale)).round(), (f64::from(height) * f64::from(scale)).round());
    if format == Format::Png && w * h > MAX_PIXELS as f64 {
        return Err(ExportError::TooManyPixels { width: w, height: h });
    }
    Ok(())
}

/// The same file, even when one name is relative or goes through a link. A path that does not
/// exist yet is compared through its folder.
fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| {
        dunce::canonicalize(p).ok().or_else(|| {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(dunce::canonicalize(dir).ok()?.join(p.file_name()?))
        })
    };
    match (real(a), real(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Refuse an output that is one of the inputs (the layout, its boundaries): an export never
/// writes over what it reads.
pub fn check_output(out: &Path, inputs: &[&Path]) -> Result<Format, ExportError> {
    let format = format_of(out)?;
    if let Some(input) = inputs.iter().find(|i| same_file(out, i)) {
        return Err(ExportError::OutputIsAnInput { out: out.to_path_buf(), input: input.to_path_buf() });
    }
    Ok(format)
}

/// The files an export of `doc` reads, or that belong to it: the layout, its boundaries and
/// the plan's text its `document` names (beside the layout, or absolute).
pub(crate) fn inputs(doc: &Document) -> Vec<PathBuf> {
    let mut v = vec![doc.path.clone()];
    v.extend(doc.boundaries_path.clone());
    if let Some(plan) = &doc.plan
        && !plan.plan.document.trim().is_empty()
    {
        let dir = doc.path.parent().unwrap_or(Path::new(""));
        v.push(dir.join(plan.plan.document.trim()));
    }
    v
}

/// Write `bytes` to `out` through a temporary file and a rename: a failed or killed export
/// leaves the old file or none, never half an image.
pub fn write_atomic(out: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::io::save::atomic_write(out, bytes).map_err(|source| ExportError::Write { out: out.to_path_buf(), source })
}

/// A title short enough to lay out (a 10 MB title took 18 s and 1 GB to measure).
fn short_title(title: &str) -> String {
    crate::model::shown_text(title, 200)
}

/// Write the map of `doc` to `out` (.png or .svg), or its data as GeoJSON (.geojson).
pub fn write(doc: &Document, opts: &Options, out: &Path) -> Result<(), ExportError> {
    let format = check_output(out, &inputs(doc).iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    match format {
        Format::GeoJson => return geojson::write(doc, out),
        Format::Pptx => return slides::write(doc, opts, out).map(|_| ()),
        _ => {}
    }
    check_size(opts.width, opts.height, opts.scale, format)?;
    if let (Some(k), Some(plan)) = (opts.step, &doc.plan) {
        let n = crate::model::steps(plan).len();
        if k == 0 || k > n {
            return Err(ExportError::NoSuchStep { step: k, steps: n });
        }
    }
    let title = short_title(&opts.title.clone().unwrap_or_else(|| doc.title()));
    let picture = compose(doc, &Options { title: Some(title.clone()), ..opts.clone() });
    let bytes = match format {
        Format::Png => png::encode(&picture, opts.scale)?,
        Format::Svg => svg::render_sized(&picture, opts.page.map(Page::mm)).into_bytes(),
        Format::Pdf => pdf::render(&picture, &title)?,
        Format::Pptx => return slides::write(doc, opts, out).map(|_| ()),
        Format::GeoJson => return geojson::write(doc, out),
    };
    write_atomic(out, &bytes)
}

/// One image per presentation step (an atlas): FILE-01.png, FILE-02.png …, or one PDF with a
/// page per step. Returns the paths.
pub fn write_all_steps(doc: &Document, opts: &Options, out: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let format = check_output(out, &inputs(doc).iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    check_size(opts.width, opts.height, opts.scale, format)?;
    let Some(plan) = &doc.plan else { return Err(ExportError::AllStepsWithoutLayout) };
    let n = crate::model::steps(plan).len();
    if n == 0 {
        return Err(ExportError::NoSteps);
    }
    // A deck is every step already; a PDF atlas is one file, a page per step, as a report
    // takes it.
    if format == Format::Pptx {
        return slides::write(doc, opts, out).map(|_| vec![out.to_path_buf()]);
    }
    if format == Format::Pdf {
        let title = short_title(&opts.title.clone().unwrap_or_else(|| doc.title()));
        let pages: Vec<picture::Picture> = (1..=n).map(|k| compose(doc, &Options { step: Some(k), title: Some(title.clone()), ..opts.clone() })).collect();
        write_atomic(out, &pdf::render_pages(&pages, &title)?)?;
        return Ok(vec![out.to_path_buf()]);
    }
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
