//! The bundled fonts: Droid Sans Fallback (Apache-2.0), subset to GB2312 and every character of
//! the plans (`tools/subset_font.py`), after egui's Ubuntu Light for Latin (the fallback font
//! has no Latin letters), then a DejaVu Sans subset (Bitstream Vera licence,
//! `tools/subset_symbols.py`) for the symbols neither has, such as the plans' "Ⅲ类水体". The
//! window and the exports both use them, so Chinese renders on machines without a CJK font.

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

pub const CJK: &[u8] = include_bytes!("../../../../assets/fonts/DroidSansFallback-planmap.ttf");
/// Symbols (Roman numerals, arrows, ≤ ≥, ①, ● ○ …) that egui's fonts and the CJK subset lack.
pub const SYMBOLS: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-planmap-symbols.ttf");
/// The family names to ask for in SVG (with fallbacks a report's reader likely has).
pub const FAMILY: &str = "'Ubuntu', 'Droid Sans Fallback', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'DejaVu Sans', sans-serif";

/// Latin first, then CJK, then symbols: the window's order too (`ui::fonts`).
fn fonts() -> impl Iterator<Item = FontRef<'static>> {
    FONT_DATA.into_iter().filter_map(|bytes| FontRef::new(bytes).ok())
}

/// Whether the export fonts have a glyph for `c`.
pub fn covers(c: char) -> bool {
    glyph(c).is_some()
}

/// The first font with a glyph for `c`, and the glyph.
fn glyph(c: char) -> Option<(FontRef<'static>, skrifa::GlyphId)> {
    fonts().find_map(|f| f.charmap().map(c).map(|g| (f, g)))
}

fn advance(font: &FontRef<'static>, gid: skrifa::GlyphId, size: f32) -> f32 {
    font.glyph_metrics(Size::new(size), LocationRef::default()).advance_width(gid).unwrap_or(size * 0.5)
}

/// Width of `text` at `size` pixels.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| glyph(c).map_or(size * 0.5, |(f, g)| advance(&f, g, size))).sum()
}

/// Receives glyph outlines in pixels, y down.
pub trait Sink {
    fn move_to(&mut self, x: f32, y: f32);
    fn line_to(&mut self, x: f32, y: f32);
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32);
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32);
    fn close(&mut self);
}

struct Pen<'a, S: Sink> {
    sink: &'a mut S,
    x: f32,
    y: f32,
}

impl<S: Sink> OutlinePen for Pen<'_, S> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.sink.move_to(self.x + x, self.y - y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.sink.line_to(self.x + x, self.y - y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.sink.quad_to(self.x + cx0, self.y - cy0, self.x + x, self.y - y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.sink.curve_to(self.x + cx0, self.y - cy0, self.x + cx1, self.y - cy1, self.x + x, self.y - y);
    }
    fn close(&mut self) {
        self.sink.close();
    }
}

/// Draw `text` with its baseline starting at (x, y), as outlines into `sink`.
pub fn outline_text<S: Sink>(text: &str, size: f32, x: f32, y: f32, sink: &mut S) {
    let mut pen_x = x;
    for c in text.chars() {
        let Some((font, gid)) = glyph(c) else {
            pen_x += size * 0.5;
            continue;
        };
        if let Some(outline) = font.outline_glyphs().get(gid) {
            let mut pen = Pen { sink: &mut *sink, x: pen_x, y };
            let _ = outline.draw(DrawSettings::unhinted(Size::new(size), LocationRef::default()), &mut pen);
        }
        pen_x += advance(&font, gid, size);
    }
}

/// The bundled fonts' bytes, in the order glyphs are looked up (what `Placed::font` indexes).
pub const FONT_DATA: [&[u8]; 3] = [epaint_default_fonts::UBUNTU_LIGHT, CJK, SYMBOLS];

/// One glyph of a line as `outline_text` draws it: its font (an index into `FONT_DATA`), glyph
/// id, character and pen offset from the line's start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub font: usize,
    pub gid: u16,
    pub c: char,
    pub x: f32,
}

/// The glyphs of `text` at `size`, placed as `outline_text` and `text_width` place them (a
/// character no font has takes half an em and is left out), for writers that keep text as text.
pub fn place(text: &str, size: f32) -> Vec<Placed> {
    let faces: Vec<Option<FontRef<'static>>> = FONT_DATA.iter().map(|b| FontRef::new(b).ok()).collect();
    let mut out = Vec::new();
    let mut x = 0.0;
    for c in text.chars() {
        let found = faces.iter().enumerate().find_map(|(i, f)| f.as_ref().and_then(|f| f.charmap().map(c).map(|g| (i, f, g))));
        let Some((font, face, gid)) = found else {
            x += size * 0.5;
            continue;
        };
        out.push(Placed { font, gid: gid.to_u32() as u16, c, x });
        x += advance(face, gid, size);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_numerals_and_symbols_have_glyphs() {
        for c in "Ⅲⅳ→○●‰≤≥①×—…“”·℃".chars() {
            assert!(super::covers(c), "no export glyph for {c:?}");
        }
    }
}
