//! The bundled fonts: Droid Sans Fallback (Apache-2.0), subset to GB2312 and every character of
//! the plans (`tools/subset_font.py`), after egui's Ubuntu Light for Latin (the fallback font
//! has no Latin letters), then a DejaVu Sans subset (Bitstream Vera licence,
//! `tools/subset_symbols.py`) for the symbols neither has, such as the plans' "Ⅲ类水体". The
//! window and the exports both use them, so Chinese renders on machines without a CJK font.
//! Exports shape their text with HarfRust (kerning, ligatures, marks), one font run at a time,
//! and measure it as shaped, so what is measured is what is drawn.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use harfrust::{BufferFlags, ShapeOptions, ShaperData, UnicodeBuffer};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

pub const CJK: &[u8] = include_bytes!("../../../../assets/fonts/DroidSansFallback-planmap.ttf");
/// Symbols (Roman numerals, arrows, ≤ ≥, ①, ● ○ …) that egui's fonts and the CJK subset lack.
pub const SYMBOLS: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-planmap-symbols.ttf");
/// The family names to ask for in SVG (with fallbacks a report's reader likely has).
pub const FAMILY: &str = "'Ubuntu', 'Droid Sans Fallback', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'DejaVu Sans', sans-serif";

/// A bundled font, parsed once, with its shaping tables.
struct Face {
    font: FontRef<'static>,
    shaper: ShaperData,
    units_per_em: f32,
}

/// The bundled fonts in `FONT_DATA`'s order (None for one that does not parse).
fn faces() -> &'static [Option<Face>] {
    static FACES: OnceLock<Vec<Option<Face>>> = OnceLock::new();
    FACES.get_or_init(|| {
        FONT_DATA
            .iter()
            .map(|bytes| {
                let font = FontRef::new(bytes).ok()?;
                let units_per_em = f32::from(font.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
                Some(Face { shaper: ShaperData::new(&font), font, units_per_em })
            })
            .collect()
    })
}

/// The first font (an index into `FONT_DATA`) with a glyph for `c`: Latin first, then CJK,
/// then symbols, the window's order too (`ui::fonts`).
fn font_for(c: char) -> Option<usize> {
    faces().iter().position(|f| f.as_ref().is_some_and(|f| f.font.charmap().map(c).is_some()))
}

/// Whether the export fonts have a glyph for `c`.
pub fn covers(c: char) -> bool {
    font_for(c).is_some()
}

/// One glyph of a shaped line: its font (an index into `FONT_DATA`), glyph id, the bytes of
/// the text it shows (empty for the second glyph of a cluster) and its offset from the line's
/// start (x right, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub font: usize,
    pub gid: u16,
    pub text: Range<usize>,
    pub x: f32,
    pub y: f32,
}

/// A line shaped by HarfRust, font run by font run (the fallback order above): its glyphs,
/// each character's advance and where a line may break.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shaped {
    pub glyphs: Vec<Placed>,
    /// Per character: its advance, kerning included (a cluster's on its first character, 0
    /// on the others); a character no font has takes half an em and has no glyph.
    pub advances: Vec<f32>,
    /// Per character: whether it starts a cluster (a line never breaks inside one).
    pub cluster_start: Vec<bool>,
    pub width: f32,
}

/// Shape `text` at `size` pixels.
pub fn shape(text: &str, size: f32) -> Shaped {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let fonts: Vec<Option<usize>> = chars.iter().map(|&(_, c)| font_for(c)).collect();
    let mut out = Shaped { glyphs: Vec::new(), advances: vec![0.0; chars.len()], cluster_start: vec![true; chars.len()], width: 0.0 };
    let mut pen = 0.0;
    let mut i = 0;
    while i < chars.len() {
        let font = fonts.get(i).copied().flatten();
        let j = (i..chars.len()).find(|&j| fonts.get(j).copied().flatten() != font).unwrap_or(chars.len());
        let (start, end) = (chars.get(i).map_or(text.len(), |c| c.0), chars.get(j).map_or(text.len(), |c| c.0));
        let face = font.and_then(|f| faces().get(f)).and_then(Option::as_ref);
        match (font, face, text.get(start..end)) {
            (Some(font), Some(face), Some(run)) => {
                pen = shape_run(Run { face, font, text: run, offset: start, first: i, chars: chars.get(i..j).unwrap_or_default() }, size, pen, &mut out)
            }
            _ => {
                for a in out.advances.get_mut(i..j).into_iter().flatten() {
                    *a = size * 0.5;
                    pen += size * 0.5;
                }
            }
        }
        i = j;
    }
    out.width = pen;
    out
}

/// Characters of a line that one font draws.
struct Run<'a> {
    face: &'a Face,
    font: usize,
    text: &'a str,
    /// Where the run starts in the line: its first byte and its first character.
    offset: usize,
    first: usize,
    /// The run's characters with their byte offsets in the line.
    chars: &'a [(usize, char)],
}

/// Shape one run with the pen at `pen`; returns the pen after it.
fn shape_run(run: Run, size: f32, mut pen: f32, out: &mut Shaped) -> f32 {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(run.text);
    buffer.guess_segment_properties();
    buffer.set_flags(BufferFlags::BEGINNING_OF_TEXT | BufferFlags::END_OF_TEXT);
    let shaped = run.face.shaper.shaper(&run.face.font).build().shape(buffer, ShapeOptions::new());
    let scale = size / run.face.units_per_em;
    // Cluster values are byte offsets into the run; a cluster's text runs to the next one.
    let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let char_at = |byte: usize| run.first + run.chars.partition_point(|c| c.0 < run.offset + byte);
    for (k, &(byte, _)) in run.chars.iter().enumerate() {
        if let Some(s) = out.cluster_start.get_mut(run.first + k) {
            *s = starts.binary_search(&(byte - run.offset)).is_ok();
        }
    }
    let mut previous = None;
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let cluster = info.cluster as usize;
        let next = starts.get(starts.partition_point(|&s| s <= cluster)).copied().unwrap_or(run.text.len());
        // The cluster's text goes with its first glyph (a reader copies it once).
        let text = if previous == Some(cluster) { run.offset + cluster..run.offset + cluster } else { run.offset + cluster..run.offset + next };
        previous = Some(cluster);
        out.glyphs.push(Placed {
            font: run.font,
            gid: u16::try_from(info.glyph_id).unwrap_or(0),
            text,
            x: pen + pos.x_offset as f32 * scale,
            y: -(pos.y_offset as f32) * scale,
        });
        let advance = pos.x_advance as f32 * scale;
        if let Some(a) = out.advances.get_mut(char_at(cluster)) {
            *a += advance;
        }
        pen += advance;
    }
    pen
}

/// Width of `text` at `size` pixels, as shaped. Widths are remembered per text at one pixel
/// (unhinted, they scale with the size): labels and wrapping ask for the same texts often.
pub fn text_width(text: &str, size: f32) -> f32 {
    static WIDTHS: Mutex<Option<HashMap<String, f32>>> = Mutex::new(None);
    let known = WIDTHS.lock().ok().and_then(|w| w.as_ref().and_then(|w| w.get(text).copied()));
    let unit = known.unwrap_or_else(|| {
        let unit = shape(text, 1.0).width;
        if let Ok(mut w) = WIDTHS.lock() {
            let w = w.get_or_insert_with(HashMap::new);
            // A bounded memory: forgotten wholesale when full.
            if w.len() > 20_000 {
                w.clear();
            }
            w.insert(text.to_string(), unit);
        }
        unit
    });
    unit * size
}

/// The nominal advance of glyph `gid` of bundled font `font` (what a PDF's widths say), at `size`.
pub fn nominal_advance(font: usize, gid: u16, size: f32) -> f32 {
    let Some(Some(face)) = faces().get(font) else { return 0.0 };
    face.font.glyph_metrics(Size::new(size), LocationRef::default()).advance_width(skrifa::GlyphId::new(u32::from(gid))).unwrap_or(0.0)
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

/// Draw `text` with its baseline starting at (x, y), as outlines into `sink`, shaped.
pub fn outline_text<S: Sink>(text: &str, size: f32, x: f32, y: f32, sink: &mut S) {
    for g in shape(text, size).glyphs {
        let Some(Some(face)) = faces().get(g.font) else { continue };
        if let Some(outline) = face.font.outline_glyphs().get(skrifa::GlyphId::new(u32::from(g.gid))) {
            let mut pen = Pen { sink: &mut *sink, x: x + g.x, y: y + g.y };
            let _ = outline.draw(DrawSettings::unhinted(Size::new(size), LocationRef::default()), &mut pen);
        }
    }
}

/// The bundled fonts' bytes, in the order glyphs are looked up (what `Placed::font` indexes).
pub const FONT_DATA: [&[u8]; 3] = [epaint_default_fonts::UBUNTU_LIGHT, CJK, SYMBOLS];

/// The glyphs of `text` at `size`, placed as `outline_text` draws them, for writers that keep
/// text as text.
pub fn place(text: &str, size: f32) -> Vec<Placed> {
    shape(text, size).glyphs
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_numerals_and_symbols_have_glyphs() {
        for c in "Ⅲⅳ→○●‰≤≥①×—…“”·℃".chars() {
            assert!(super::covers(c), "no export glyph for {c:?}");
        }
    }

    #[test]
    fn latin_is_kerned_as_shaped() {
        // Ubuntu's kerning pulls V under the A's arm: narrower than the two letters apart.
        let (pair, apart) = (super::text_width("AVA", 20.0), super::text_width("A", 20.0) * 2.0 + super::text_width("V", 20.0));
        assert!(pair < apart - 1.0, "AVA {pair} vs {apart}");
        let shaped = super::shape("AVA", 20.0);
        assert!((shaped.advances.iter().sum::<f32>() - shaped.width).abs() < 1e-3);
    }

    #[test]
    fn every_character_is_shown_once_by_the_glyphs() {
        let text = "规划 2025年 Ⅲ类 “十二品”";
        let shaped = super::shape(text, 12.0);
        let shown: String = shaped.glyphs.iter().map(|g| &text[g.text.clone()]).collect();
        assert_eq!(shown, text);
        assert!(shaped.glyphs.windows(2).all(|w| w[0].x < w[1].x), "left to right: {:?}", shaped.glyphs);
        assert_eq!(shaped.advances.len(), text.chars().count());
    }
}
