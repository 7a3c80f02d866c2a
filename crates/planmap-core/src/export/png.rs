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

/// The rows an item can touch (picture units, with a margin for strokes and text): top, bottom.
fn rows(item: &Item) -> [f32; 2] {
    let (b, margin) = match item {
        Item::Fill { rings, .. } => {
            (rings.iter().map(|r| bounds(r)).fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]), 1.0)
        }
        Item::Stroke { points, width, .. } => (bounds(points), *width + 1.0),
        Item::Text { at, size, .. } => ([at[0], at[1] - size * 1.2, at[0], at[1] + size * 0.5], *size),
    };
    [b[1] - margin, b[3] + margin]
}

/// Draw the items whose `rows` meet rows `top..top + pixmap height` (pixels) into `pixmap`.
fn draw_band(picture: &Picture, rows: &[[f32; 2]], scale: f32, top: f32, pixmap: &mut PixmapMut) {
    let b = picture.background;
    pixmap.fill(tiny_skia::Color::from_rgba8(b[0], b[1], b[2], b[3]));
    let t = Transform::from_scale(scale, scale).post_translate(0.0, -top);
    let (y0, y1) = (top / scale, (top + pixmap.height() as f32) / scale);
    let touching = picture.items.iter().zip(rows).filter(|(_, r)| r[1] >= y0 && r[0] <= y1);
    for (item, _) in touching {
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

/// Bands per core: a map's detail is uneven (a country's north has long, intricate borders,
/// its south many small counties), so a half per core left one core idle for half the time;
/// bands handed out one at a time keep both busy.
const BANDS_PER_CORE: u32 = 6;

/// Render at `scale` pixels per picture unit: the image in horizontal bands drawn on every
/// core, each band drawing only what reaches it, straight into the image's own rows (no
/// second copy of the image). Bands meet at whole pixel rows, so the pixels are those of one
/// pass (tested).
pub fn render(picture: &Picture, scale: f32) -> Result<Pixmap, ExportError> {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get).clamp(1, 8) as u32;
    render_in_bands(picture, scale, cores, cores * BANDS_PER_CORE)
}

/// Rows drawn above and below each band and thrown away: where a path is clipped, tiny-skia's
/// antialiasing of the clipped row differs from an unclipped one (up to 146 of 255 on a hairline
/// border), so a band never shows a row next to its clip edge.
const MARGIN_ROWS: u32 = 4;

fn render_in_bands(picture: &Picture, scale: f32, threads: u32, bands: u32) -> Result<Pixmap, ExportError> {
    let (w, h) = ((picture.width * scale).round().max(1.0) as u32, (picture.height * scale).round().max(1.0) as u32);
    if u64::from(w) * u64::from(h) > super::MAX_PIXELS {
        return Err(ExportError::ImageTooLarge { width: w, height: h });
    }
    let mut pixmap = Pixmap::new(w, h).ok_or(ExportError::NoMemoryForImage { width: w, height: h })?;
    let rows: Vec<[f32; 2]> = picture.items.iter().map(rows).collect();
    let cuts = band_cuts(picture, &rows, scale, h, bands);
    let row_bytes = w as usize * 4;
    // Each band: its first row and its bytes, taken off the queue by whichever core is free.
    let mut slices = Vec::with_capacity(cuts.len());
    let mut rest = pixmap.data_mut();
    for pair in cuts.windows(2) {
        let (band, tail) = rest.split_at_mut((pair[1] - pair[0]) as usize * row_bytes);
        slices.push((pair[0], band));
        rest = tail;
    }
    let queue = std::sync::Mutex::new(slices.into_iter());
    let failed = std::sync::atomic::AtomicBool::new(false);
    let draw_next = || {
        while let Some((top, bytes)) = queue.lock().ok().and_then(|mut q| q.next()) {
            let height = (bytes.len() / row_bytes) as u32;
            let above = top.min(MARGIN_ROWS);
            let below = (h - top - height).min(MARGIN_ROWS);
            let Some(mut scratch) = Pixmap::new(w, above + height + below) else {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
                continue;
            };
            draw_band(picture, &rows, scale, (top - above) as f32, &mut scratch.as_mut());
            let start = above as usize * row_bytes;
            if let Some(inner) = scratch.data().get(start..start + bytes.len()) {
                bytes.copy_from_slice(inner);
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads.max(1) {
            s.spawn(draw_next);
        }
        draw_next();
    });
    if failed.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(ExportError::NoMemoryForImage { width: w, height: h });
    }
    Ok(pixmap)
}

/// Where bands meet (first rows, then `h`): about `bands` equal bands, each cut moved to the
/// nearest row no text crosses (a glyph's curves clipped are flattened differently, which
/// shows far from the cut), when there is one within a band's height.
fn band_cuts(picture: &Picture, rows: &[[f32; 2]], scale: f32, h: u32, bands: u32) -> Vec<u32> {
    let text: Vec<[f32; 2]> = picture.items.iter().zip(rows).filter(|(i, _)| matches!(i, Item::Text { .. })).map(|(_, r)| [r[0] * scale, r[1] * scale]).collect();
    let crosses_text = |y: u32| text.iter().any(|r| r[0] - MARGIN_ROWS as f32 <= y as f32 && y as f32 <= r[1] + MARGIN_ROWS as f32);
    let step = h.div_ceil(bands.clamp(1, h)).max(1);
    let mut cuts = vec![0];
    let mut at = step;
    while at < h {
        let last = cuts.last().copied().unwrap_or(0);
        let free = (0..step).flat_map(|d| [at.checked_sub(d), Some(at + d)]).flatten().find(|&y| y > last && y < h && !crosses_text(y));
        if let Some(y) = free {
            cuts.push(y);
            at = y + step;
        } else {
            at += step;
        }
    }
    cuts.push(h);
    cuts
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Bands handed out to cores give the pixels of one pass, whichever core draws which band
    /// and wherever a border, a fill or a label crosses from one band to the next.
    #[test]
    fn bands_give_the_pixels_of_one_pass() {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/boundaries/baoji.geojson"));
        let b = crate::io::load_boundaries(path).0.expect("the bundled Baoji boundaries load");
        let opts = crate::export::plain::PlainOptions { color_by: Some("name"), colors: &[], width: 640, height: 480, extent: None, stroke: 0.5 };
        let mut picture = crate::export::plain::picture(&b, &opts);
        // A label across the rows where bands meet, with a halo.
        picture.items.push(Item::Text { at: [200.0, 243.0], text: "宝鸡市 Baoji".into(), size: 22.0, color: [0, 0, 0, 255], halo: Some([255, 255, 255, 255]) });
        let one = render_in_bands(&picture, 1.0, 1, 1).expect("renders");
        for (threads, bands) in [(2, 2), (2, 13), (3, 480), (2, 1000)] {
            let banded = render_in_bands(&picture, 1.0, threads, bands).expect("renders");
            let differ = one.data().iter().zip(banded.data()).filter(|(a, b)| a != b).count();
            assert_eq!(differ, 0, "{threads} cores, {bands} bands");
        }
        let dark = one.pixels().iter().filter(|p| p.red() < 60 && p.green() < 60 && p.blue() < 60).count();
        let colours: std::collections::HashSet<[u8; 4]> = one.pixels().iter().map(|p| [p.red(), p.green(), p.blue(), p.alpha()]).collect();
        assert!(dark > 100 && colours.len() > 50, "the picture has text ({dark} dark pixels) and antialiased borders ({} colours)", colours.len());
    }
}
