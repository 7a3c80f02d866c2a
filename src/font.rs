//! The bundled fonts: Droid Sans Fallback (Apache-2.0), subset to GB2312 and every character of
//! the plans (`tools/subset_font.py`), after egui's Ubuntu Light for Latin (the fallback font
//! has no Latin letters). The window and the exports both use them, so Chinese renders on
//! machines without a CJK font.

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

pub const CJK: &[u8] = include_bytes!("../assets/fonts/DroidSansFallback-planmap.ttf");
/// The family names to ask for in SVG (with fallbacks a report's reader likely has).
pub const FAMILY: &str = "'Ubuntu', 'Droid Sans Fallback', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/// Latin first, then CJK.
fn fonts() -> impl Iterator<Item = FontRef<'static>> {
    [epaint_default_fonts::UBUNTU_LIGHT, CJK].into_iter().filter_map(|bytes| FontRef::new(bytes).ok())
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
    printable(text).chars().map(|c| glyph(c).map_or(size * 0.5, |(f, g)| advance(&f, g, size))).sum()
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
    for c in printable(text).chars() {
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

/// `text` as the bundled fonts can draw it: a Roman numeral they lack (the plans write
/// "Ⅲ类水体") becomes its ASCII letters. For painting only, never for what is stored or searched.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    const ROMAN: [&str; 12] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
    let swap = |c: char| -> Option<&'static str> {
        let i = (c as u32).checked_sub(0x2160).map(|i| (i % 16) as usize)?;
        (c <= '\u{217B}' && glyph(c).is_none()).then(|| ROMAN.get(i).copied()).flatten()
    };
    if !text.chars().any(|c| swap(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| swap(c).map_or_else(|| c.to_string(), str::to_string)).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_spells_out_roman_numerals() {
        assert_eq!(super::printable("地表水达到或好于Ⅲ类水体比例"), "地表水达到或好于III类水体比例");
        assert_eq!(super::printable("ⅳ"), "IV");
        assert!(matches!(super::printable("人均预期寿命"), std::borrow::Cow::Borrowed(_)));
    }
}
