//! Any boundary GeoJSON as a map image, coloured by a property, in longitude/latitude (the view
//! GIS tools use for a plain file, so an extent in degrees means the same as in theirs).

use std::path::Path;

use super::ExportError;
use super::picture::{Item, Picture, Rgba};
use crate::model::{Boundaries, PALETTE};
use crate::scene::fills::{CONTEXT, rgba};

pub struct PlainOptions<'a> {
    pub color_by: Option<&'a str>,
    /// Colours for given values (value → colour), the rest from the palette.
    pub colors: &'a [(String, Rgba)],
    pub width: u32,
    pub height: u32,
    /// xmin ymin xmax ymax in degrees; default: the data with a 2 % margin, widened to the
    /// image's aspect.
    pub extent: Option<[f64; 4]>,
    pub stroke: f32,
}

fn data_extent(b: &Boundaries, aspect: f64) -> [f64; 4] {
    let mut e = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for f in &b.features {
        if let Some(r) = f.geometry.bounds() {
            e = [e[0].min(r[0]), e[1].min(r[1]), e[2].max(r[2]), e[3].max(r[3])];
        }
    }
    widen(e, aspect)
}

/// Bounds with a 2 % margin, widened to `aspect` (width / height).
fn widen(e: [f64; 4], aspect: f64) -> [f64; 4] {
    let (cx, cy) = ((e[0] + e[2]) / 2.0, (e[1] + e[3]) / 2.0);
    let (w, h) = ((e[2] - e[0]) * 1.04, (e[3] - e[1]) * 1.04);
    let (w, h) = (w.max(h * aspect), h.max(w / aspect));
    [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0]
}

/// Points closer than this (pixels, |dx| + |dy|) to the last one kept are dropped: a
/// country-wide file has several vertices per pixel, which nobody can see and every renderer
/// would pay for. Half a pixel (it was a third): all of China drawn 1.3× faster, each fill
/// colour's share of the image within 0.02 points of a percent, the borders' 0.08.
const THIN_PX: f32 = 0.5;

/// Drop points within `THIN_PX` of the last one kept.
fn decimate(points: impl Iterator<Item = [f32; 2]>) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = Vec::new();
    let mut last = None;
    for p in points {
        last = Some(p);
        if out.last().is_none_or(|q| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() > THIN_PX) {
            out.push(p);
        }
    }
    if let Some(p) = last
        && out.last() != Some(&p)
    {
        out.push(p);
    }
    out
}

pub fn picture(b: &Boundaries, opts: &PlainOptions) -> Picture {
    let (w, h) = (opts.width as f32, opts.height as f32);
    let e = opts.extent.unwrap_or_else(|| data_extent(b, f64::from(w) / f64::from(h)));
    let (sx, sy) = (f64::from(w) / (e[2] - e[0]), f64::from(h) / (e[3] - e[1]));
    // Mapped and thinned on every core (a country is four million points).
    let mut mapped: Vec<(&crate::model::Feature, Vec<Vec<[f32; 2]>>)> = b.features.iter().map(|f| (f, Vec::new())).collect();
    crate::scene::in_parallel(&mut mapped, |(f, rings)| {
        *rings = f.geometry.rings().map(|r| decimate(r.map(|[x, y]| [((x - e[0]) * sx) as f32, ((e[3] - y) * sy) as f32]))).filter(|r: &Vec<[f32; 2]>| r.len() > 2).collect();
    });
    let features = mapped.into_iter().map(|(f, rings)| (opts.color_by.and_then(|k| f.property(k)), rings));
    let values = opts.color_by.map_or(Vec::new(), |k| b.features.iter().filter_map(|f| f.property(k)).collect());
    draw(features, values, opts)
}

/// The picture of features already mapped to pixels: each filled in its value's colour, its
/// rings stroked over it. `values`: every feature's value (the palette is by their order).
fn draw<'a>(features: impl Iterator<Item = (Option<&'a str>, Vec<Vec<[f32; 2]>>)>, mut values: Vec<&'a str>, opts: &PlainOptions) -> Picture {
    values.sort_unstable();
    values.dedup();
    let color_of = |v: Option<&str>| -> Rgba {
        let Some(v) = v else { return CONTEXT };
        if let Some((_, c)) = opts.colors.iter().find(|(k, _)| k == v) {
            return *c;
        }
        rgba(PALETTE[values.binary_search(&v).unwrap_or(0) % PALETTE.len()])
    };
    let mut pic = Picture::new(opts.width as f32, opts.height as f32);
    let stroke: Rgba = [0x33, 0x33, 0x33, 0xff];
    for (value, rings) in features {
        let color = color_of(value);
        pic.items.push(Item::Fill { rings: Vec::new(), color });
        let at = pic.items.len() - 1;
        for r in &rings {
            pic.items.push(Item::Stroke { points: r.clone(), closed: true, width: opts.stroke, color: stroke });
        }
        if let Some(Item::Fill { rings: slot, .. }) = pic.items.get_mut(at) {
            *slot = rings;
        }
    }
    pic
}

/// A FlatGeobuf file's picture, read straight from its bytes (`io::flatgeobuf_draw`): the
/// same picture as `picture` of the file read whole, without building its geometry.
fn flatgeobuf_picture(file: &Path, opts: &PlainOptions) -> Result<Picture, ExportError> {
    let (w, h) = (f64::from(opts.width), f64::from(opts.height));
    let read = crate::io::ReadOptions { skip_geometry_warnings: true, ..Default::default() };
    let (features, diags) = crate::io::flatgeobuf_draw::load(file, &read, opts.extent.is_none(), THIN_PX, |bounds| {
        let e = opts.extent.unwrap_or_else(|| widen(bounds, w / h));
        let (sx, sy) = (w / (e[2] - e[0]), h / (e[3] - e[1]));
        move |x: f64, y: f64| [((x - e[0]) * sx) as f32, ((e[3] - y) * sy) as f32]
    });
    let Some(mut features) = features else { return Err(ExportError::Boundaries(diags)) };
    let rings: Vec<Vec<Vec<[f32; 2]>>> = features.iter_mut().map(|f| std::mem::take(&mut f.rings)).collect();
    let values = opts.color_by.map_or(Vec::new(), |k| features.iter().filter_map(|f| f.property(k)).collect());
    Ok(draw(features.iter().zip(rings).map(|(f, r)| (opts.color_by.and_then(|k| f.property(k)), r)), values, opts))
}

/// Read `file`, draw it and write `out` (.png or .svg; never `file` itself), atomically.
pub fn write(file: &Path, opts: &PlainOptions, out: &Path) -> Result<(), ExportError> {
    let format = super::check_output(out, &[file])?;
    super::check_size(opts.width as f32, opts.height as f32, 1.0, format)?;
    if let Some(e) = opts.extent
        && !(e.iter().all(|v| v.is_finite()) && e[0] < e[2] && e[1] < e[3])
    {
        return Err(ExportError::Extent);
    }
    if format == super::Format::Png && crate::io::flatgeobuf_draw::is_flatgeobuf(file) {
        return super::write_atomic(out, &super::png::encode(&flatgeobuf_picture(file, opts)?, 1.0)?);
    }
    // Only errors are shown here: the geometry checks that can only warn are skipped.
    let (b, diags) = crate::io::load_boundaries_with(file, &crate::io::ReadOptions { skip_geometry_warnings: true, ..Default::default() });
    let Some(b) = b else { return Err(ExportError::Boundaries(diags)) };
    let bytes = match format {
        super::Format::Svg => super::svg::render(&picture(&b, opts)).into_bytes(),
        super::Format::Png => super::png::encode(&picture(&b, opts), 1.0)?,
        super::Format::Pdf => super::pdf::render(&picture(&b, opts), &file.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()))?,
        super::Format::Pptx => return Err(ExportError::NotAPictureName { out: out.to_path_buf() }),
        super::Format::GeoJson => {
            if super::geojson::same_file(out, file) {
                return Err(ExportError::OutputIsTheBoundaries { out: out.to_path_buf() });
            }
            // Any boundary file (a Shapefile, a FlatGeobuf) as GeoJSON with its own properties.
            serde_json::to_string(&super::geojson::collection(None, &b)).map_err(|source| ExportError::GeoJson { out: out.to_path_buf(), source })?.into_bytes()
        }
    };
    super::write_atomic(out, &bytes)
}
