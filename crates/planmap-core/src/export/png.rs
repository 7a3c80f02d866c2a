//! Picture → PNG with tiny-skia: antialiased paths, text drawn from the bundled font's outlines.

use tiny_skia::{FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, PixmapMut, Stroke, Transform};

use super::ExportError;
use super::picture::{Item, Picture, Rgba};
use crate::scene::font::{self, Sink};

struct PathSink(PathBuilder);

impl Sink for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

fn paint(c: Rgba) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c[0], c[1], c[2], c[3]);
    p.anti_alias = true;
    p
}

fn polyline(points: &[[f32; 2]], closed: bool, pb: &mut PathBuilder) {
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(p[0], p[1]);
        } else {
            pb.line_to(p[0], p[1]);
        }
    }
    if closed && points.len() > 2 {
        pb.close();
    }
}

fn bounds(points: &[[f32; 2]]) -> [f32; 4] {
    points.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, p| [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])])
}

/// Whether an item can touch rows `y0..y1` (picture units, with a margin for strokes and text).
fn touches(item: &Item, y0: f32, y1: f32) -> bool {
    let (b, margin) = match item {
        Item::Fill { rings, .. } => {
            (rings.iter().map(|r| bounds(r)).fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]), 1.0)
        }
        Item::Stroke { points, width, .. } => (bounds(points), *width + 1.0),
        Item::Text { at, size, .. } => ([at[0], at[1] - size * 1.2, at[0], at[1] + size * 0.5], *size),
    };
    b[3] + margin >= y0 && b[1] - margin <= y1
}

/// Draw the items that touch rows `top..top + pixmap height` (pixels) into `pixmap`.
fn draw_band(picture: &Picture, scale: f32, top: f32, pixmap: &mut PixmapMut) {
    let b = picture.background;
    pixmap.fill(tiny_skia::Color::from_rgba8(b[0], b[1], b[2], b[3]));
    let t = Transform::from_scale(scale, scale).post_translate(0.0, -top);
    let (y0, y1) = (top / scale, (top + pixmap.height() as f32) / scale);
    for item in picture.items.iter().filter(|i| touches(i, y0, y1)) {
        match item {
            Item::Fill { rings, color } => {
                let mut pb = PathBuilder::new();
                for r in rings.iter().filter(|r| r.len() > 2) {
                    polyline(r, true, &mut pb);
                }
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(&path, &paint(*color), FillRule::EvenOdd, t, None);
                }
            }
            Item::Stroke { points, closed, width, color } => {
                let mut pb = PathBuilder::new();
                polyline(points, *closed, &mut pb);
                if let Some(path) = pb.finish() {
                    let stroke = Stroke { width: *width, line_join: LineJoin::Round, line_cap: LineCap::Round, ..Stroke::default() };
                    pixmap.stroke_path(&path, &paint(*color), &stroke, t, None);
                }
            }
            Item::Text { at, text, size, color, halo } => {
                let mut sink = PathSink(PathBuilder::new());
                font::outline_text(text, *size, at[0], at[1], &mut sink);
                if let Some(path) = sink.0.finish() {
                    if let Some(h) = halo {
                        let stroke = Stroke { width: size * 0.22, line_join: LineJoin::Round, ..Stroke::default() };
                        pixmap.stroke_path(&path, &paint(*h), &stroke, t, None);
                    }
                    pixmap.fill_path(&path, &paint(*color), FillRule::Winding, t, None);
                }
            }
        }
    }
}

/// Render at `scale` pixels per picture unit: the image in two bands, one per core, each band
/// drawing only what reaches it (the same pixels as one pass), straight into the image's own
/// rows (no second copy of the image).
pub fn render(picture: &Picture, scale: f32) -> Result<Pixmap, ExportError> {
    let (w, h) = ((picture.width * scale).round().max(1.0) as u32, (picture.height * scale).round().max(1.0) as u32);
    if u64::from(w) * u64::from(h) > super::MAX_PIXELS {
        return Err(ExportError::ImageTooLarge { width: w, height: h });
    }
    let no_memory = ExportError::NoMemoryForImage { width: w, height: h };
    let mut pixmap = Pixmap::new(w, h).ok_or(no_memory)?;
    let split = h.div_ceil(2);
    let row_bytes = w as usize * 4;
    let (top_rows, bottom_rows) = pixmap.data_mut().split_at_mut(split as usize * row_bytes);
    let mut top = PixmapMut::from_bytes(top_rows, w, split).ok_or(ExportError::NoMemoryForImage { width: w, height: split })?;
    match PixmapMut::from_bytes(bottom_rows, w, h - split) {
        Some(mut bottom) => std::thread::scope(|s| {
            s.spawn(|| draw_band(picture, scale, 0.0, &mut top));
            draw_band(picture, scale, split as f32, &mut bottom);
        }),
        // A one-row image has no bottom band.
        None => draw_band(picture, scale, 0.0, &mut top),
    }
    Ok(pixmap)
}

/// The picture as PNG bytes: the same pixels as tiny-skia's encoder writes, compressed with
/// the fast setting (a map compresses well either way; the default level took a sixth of
/// a country-wide export).
pub fn encode(picture: &Picture, scale: f32) -> Result<Vec<u8>, ExportError> {
    let pixmap = render(picture, scale)?;
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgba)?;
    writer.finish()?;
    Ok(out)
}
