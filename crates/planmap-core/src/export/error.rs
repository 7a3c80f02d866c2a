//! Why an export cannot be made: the output's name, the size asked for, the layout's steps or
//! diagram, a boundary file that does not read, or a write that failed. Each message names the
//! file or the option it is about, first.

use std::path::PathBuf;

use crate::model::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: the output must end in .png or .svg (the map), .pdf (a print page), .pptx (slides) or .geojson (the data)", .out.display())]
    NotAnOutputName { out: PathBuf },
    /// A figure (diagram, indicators) is a picture only.
    #[error("{}: the output must end in .png or .svg", .out.display())]
    NotAPictureName { out: PathBuf },
    /// The indicators: a chart (.png, .svg) or a table (.csv, .xlsx).
    #[error("{}: the output must end in .png or .svg (the chart) or .csv or .xlsx (the table)", .out.display())]
    NotAnIndicatorsName { out: PathBuf },
    #[error("{}: cannot write XLSX: {message}", .out.display())]
    Xlsx { out: PathBuf, message: String },
    #[error("{}: the output is an input of this export ({}); choose another file", .out.display(), .input.display())]
    OutputIsAnInput { out: PathBuf, input: PathBuf },
    #[error("{}: this is the file being exported from; choose another name", .out.display())]
    OutputIsTheLayout { out: PathBuf },
    #[error("{}: this is the file being converted; choose another name", .out.display())]
    OutputIsTheBoundaries { out: PathBuf },
    #[error("--scale must be more than 0 and at most {}", super::MAX_SCALE)]
    Scale,
    #[error("each side must be 1 to 20000 pixels")]
    Side,
    /// Width and height in pixels, after the scale.
    #[error(
        "a {width}×{height} image is {:.0} million pixels; planmap writes PNGs of at most {} million (e.g. 10000x10000): lower --size or --scale, or write .svg",
        .width * .height / 1e6,
        super::MAX_PIXELS / 1_000_000
    )]
    TooManyPixels { width: f64, height: f64 },
    #[error("--extent: write XMIN YMIN XMAX YMAX with XMIN < XMAX and YMIN < YMAX")]
    Extent,
    #[error("--step {step}: this layout has steps 1 to {steps}")]
    NoSuchStep { step: usize, steps: usize },
    #[error("--all-steps needs a layout file, not plain boundaries")]
    AllStepsWithoutLayout,
    #[error("--all-steps: this layout has no presentation steps (no structures)")]
    NoSteps,
    /// The plan's title names the layout.
    #[error("{title}: the layout has no relational structure (centre with points, tiers, circles, or institutions) to draw as a diagram")]
    NoDiagram { title: String },
    /// The boundary file's errors, each with its file and place.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Boundaries(Vec<Diagnostic>),
    /// Width and height in pixels.
    #[error("a {width}×{height} image is more than the {} million pixels planmap draws", super::MAX_PIXELS / 1_000_000)]
    ImageTooLarge { width: u32, height: u32 },
    #[error("cannot make a {width}×{height} image")]
    NoMemoryForImage { width: u32, height: u32 },
    #[error("cannot encode PNG: {0}")]
    Png(#[from] png::EncodingError),
    #[error("{}: cannot write GeoJSON: {source}", .out.display())]
    GeoJson { out: PathBuf, source: serde_json::Error },
    #[error("{}: cannot write: {source}", .out.display())]
    Write { out: PathBuf, source: std::io::Error },
    #[error("cannot make the PDF: {0}")]
    Pdf(String),
    #[error("cannot make the slides: {0}")]
    Slides(String),
    #[error("{}: slides are written as .pptx (PowerPoint, WPS, LibreOffice Impress)", .out.display())]
    NotASlidesName { out: PathBuf },
}
