//! Picture → PDF (pdf-writer): paths stay vectors and text stays text — each bundled font used
//! is embedded as a subset (subsetter) with a ToUnicode map, so a reader can select, search and
//! copy the Chinese. One page per picture, its size in points; no dates or random ids, so the
//! same export gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{CidFontType, FontFlags, LineCapStyle, LineJoinStyle, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::ExportError;
use super::picture::{Item, Picture, Rgba};
use crate::scene::font::{self, FONT_DATA, Placed, Sink};

/// Glyphs of one font the document uses: old glyph id → the text it shows (one character, a
/// ligature's several, or none for a cluster's second glyph).
#[derive(Default)]
struct Used {
    glyphs: BTreeMap<u16, String>,
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6)
}

fn rgb(c: Rgba) -> (f32, f32, f32) {
    (f32::from(c[0]) / 255.0, f32::from(c[1]) / 255.0, f32::from(c[2]) / 255.0)
}

/// The graphics-state name for an opacity (only opacities below 1 get one).
fn alpha_name(a: u8) -> String {
    format!("A{a}")
}

/// Path operators for glyph outlines (quadratic curves raised to cubic).
struct PathOps<'a> {
    content: &'a mut Content,
    at: [f32; 2],
}

impl Sink for PathOps<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.content.move_to(x, y);
        self.at = [x, y];
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.content.line_to(x, y);
        self.at = [x, y];
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let [x0, y0] = self.at;
        self.content.cubic_to(x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0), x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y), x, y);
        self.at = [x, y];
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.content.cubic_to(x1, y1, x2, y2, x, y);
        self.at = [x, y];
    }
    fn close(&mut self) {
        self.content.close_path();
    }
}

fn polyline(content: &mut Content, points: &[[f32; 2]], closed: bool) {
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            content.move_to(p[0], p[1]);
        } else {
            content.line_to(p[0], p[1]);
        }
    }
    if closed && points.len() > 2 {
        content.close_path();
    }
}

fn set_alpha(content: &mut Content, a: u8, current: &mut u8) {
    if a != *current {
        content.set_parameters(Name(alpha_name(a).as_bytes()));
        *current = a;
    }
}

/// Runs of consecutive glyphs in the same font on the same baseline.
fn runs(placed: &[Placed]) -> Vec<&[Placed]> {
    placed.chunk_by(|a, b| a.font == b.font && a.y == b.y).collect()
}

/// The glyphs each bundled font must carry for the pictures' text.
fn used_glyphs(pictures: &[Picture]) -> [Used; 3] {
    let mut used: [Used; 3] = Default::default();
    for item in pictures.iter().flat_map(|p| &p.items) {
        if let Item::Text { text, size, .. } = item {
            for p in font::place(text, *size) {
                if let Some(u) = used.get_mut(p.font) {
                    let shown = text.get(p.text.clone()).unwrap_or_default();
                    let known = u.glyphs.entry(p.gid).or_default();
                    if known.is_empty() {
                        shown.clone_into(known);
                    }
                }
            }
        }
    }
    used
}

type Maps = [Option<subsetter::GlyphRemapper>; 3];

/// The page's content stream (y down as in the picture, through a flipped matrix); the text's
/// glyphs by their ids in the subsets `maps` makes.
fn content(picture: &Picture, maps: &Maps, alphas: &mut BTreeSet<u8>) -> Content {
    let mut c = Content::new();
    c.transform([1.0, 0.0, 0.0, -1.0, 0.0, picture.height]);
    let mut alpha = 255u8;
    let bg = rgb(picture.background);
    c.set_fill_rgb(bg.0, bg.1, bg.2);
    c.rect(0.0, 0.0, picture.width, picture.height);
    c.fill_nonzero();
    for item in &picture.items {
        match item {
            Item::Fill { rings, color } => {
                let rings: Vec<&Vec<[f32; 2]>> = rings.iter().filter(|r| r.len() > 2).collect();
                if rings.is_empty() || color[3] == 0 {
                    continue;
                }
                alphas.insert(color[3]);
                set_alpha(&mut c, color[3], &mut alpha);
                let (r, g, b) = rgb(*color);
                c.set_fill_rgb(r, g, b);
                for ring in rings {
                    polyline(&mut c, ring, true);
                }
                c.fill_even_odd();
            }
            Item::Stroke { points, closed, width, color } => {
                if points.len() < 2 || color[3] == 0 {
                    continue;
                }
                alphas.insert(color[3]);
                set_alpha(&mut c, color[3], &mut alpha);
                let (r, g, b) = rgb(*color);
                c.set_stroke_rgb(r, g, b);
                c.set_line_width(*width);
                c.set_line_join(LineJoinStyle::RoundJoin);
                c.set_line_cap(LineCapStyle::RoundCap);
                polyline(&mut c, points, *closed);
                c.stroke();
            }
            Item::Text { at, text, size, color, halo } => {
                // The halo is drawn as outlines (not text), so the words are found once.
                if let Some(h) = halo {
                    alphas.insert(h[3]);
                    set_alpha(&mut c, h[3], &mut alpha);
                    let (r, g, b) = rgb(*h);
                    c.set_stroke_rgb(r, g, b);
                    c.set_line_width(size * 0.22);
                    c.set_line_join(LineJoinStyle::RoundJoin);
                    font::outline_text(text, *size, at[0], at[1], &mut PathOps { content: &mut c, at: *at });
                    c.stroke();
                }
                let placed = font::place(text, *size);
                if placed.is_empty() {
                    continue;
                }
                alphas.insert(color[3]);
                set_alpha(&mut c, color[3], &mut alpha);
                let (r, g, b) = rgb(*color);
                c.set_fill_rgb(r, g, b);
                c.begin_text();
                for run in runs(&placed) {
                    let Some(first) = run.first() else { continue };
                    let Some(Some(map)) = maps.get(first.font) else { continue };
                    c.set_font(Name(format!("F{}", first.font).as_bytes()), *size);
                    c.set_text_matrix([1.0, 0.0, 0.0, -1.0, at[0] + first.x, at[1] + first.y]);
                    show_shaped(&mut c, run, map, *size);
                }
                c.end_text();
            }
        }
    }
    c
}

/// Show a run's glyphs where the shaper put them: a reader advances each glyph by its width in
/// the font's widths, so a kerned pair gets the difference as a TJ adjustment (in thousandths
/// of the size, positive to the left).
fn show_shaped(c: &mut Content, run: &[Placed], map: &subsetter::GlyphRemapper, size: f32) {
    let Some(first) = run.first() else { return };
    let mut tj = c.show_positioned();
    let mut items = tj.items();
    let mut pen = first.x;
    let mut bytes: Vec<u8> = Vec::new();
    for p in run {
        let shift = p.x - pen;
        if shift.abs() > 1e-3 * size {
            items.show(Str(&bytes));
            bytes.clear();
            items.adjust(-shift * 1000.0 / size);
        }
        bytes.extend(map.get(p.gid).unwrap_or(0).to_be_bytes());
        pen = p.x + font::nominal_advance(p.font, p.gid, size);
    }
    items.show(Str(&bytes));
}

/// A six-letter subset tag derived from the glyphs (PDF asks for one; the same glyphs give the
/// same tag).
fn tag(glyphs: &[u16]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for g in glyphs {
        for b in g.to_be_bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// The picture as a one-page PDF titled `title`.
pub fn render(picture: &Picture, title: &str) -> Result<Vec<u8>, ExportError> {
    render_pages(std::slice::from_ref(picture), title)
}

/// The pictures as the pages of one PDF (an atlas), sharing one subset of each font.
pub fn render_pages(pictures: &[Picture], title: &str) -> Result<Vec<u8>, ExportError> {
    let used = used_glyphs(pictures);
    let maps: Maps = used.each_ref().map(|u| (!u.glyphs.is_empty()).then(|| subsetter::GlyphRemapper::new_from_glyphs_sorted(&u.glyphs.keys().copied().collect::<Vec<_>>())));
    let mut alphas = BTreeSet::new();
    let streams: Vec<Vec<u8>> = pictures.iter().map(|p| compress(&content(p, &maps, &mut alphas).finish())).collect();

    let mut pdf = Pdf::new();
    let (catalog, pages, info) = (Ref::new(1), Ref::new(2), Ref::new(3));
    let mut next = 4;
    let mut alloc = || {
        next += 1;
        Ref::new(next - 1)
    };
    // Each page and its content stream.
    let page_refs: Vec<(Ref, Ref)> = pictures.iter().map(|_| (alloc(), alloc())).collect();
    // The words are Chinese first: readers and screen readers pick the right voice and breaks.
    pdf.catalog(catalog).pages(pages).lang(TextStr("zh-CN"));
    pdf.pages(pages).kids(page_refs.iter().map(|(p, _)| *p)).count(page_refs.len() as i32);
    pdf.document_info(info).title(TextStr(title)).creator(TextStr("planmap"));
    // Each font: Type0 → CIDFontType2 → descriptor → subset file, and its ToUnicode map.
    let font_refs: Vec<Option<[Ref; 5]>> = maps.iter().map(|m| m.as_ref().map(|_| [alloc(), alloc(), alloc(), alloc(), alloc()])).collect();
    let alpha_refs: Vec<(u8, Ref)> = alphas.iter().map(|&a| (a, alloc())).collect();
    for ((page, contents), (picture, stream)) in page_refs.iter().zip(pictures.iter().zip(&streams)) {
        {
            let mut p = pdf.page(*page);
            p.media_box(Rect::new(0.0, 0.0, picture.width, picture.height));
            p.parent(pages);
            p.contents(*contents);
            let mut res = p.resources();
            let mut fonts = res.fonts();
            for (i, r) in font_refs.iter().enumerate() {
                if let Some(r) = r {
                    fonts.pair(Name(format!("F{i}").as_bytes()), r[0]);
                }
            }
            fonts.finish();
            let mut states = res.ext_g_states();
            for (a, r) in &alpha_refs {
                states.pair(Name(alpha_name(*a).as_bytes()), *r);
            }
        }
        pdf.stream(*contents, stream).filter(Filter::FlateDecode);
    }
    for (a, r) in &alpha_refs {
        let v = f32::from(*a) / 255.0;
        pdf.ext_graphics(*r).non_stroking_alpha(v).stroking_alpha(v);
    }
    for (i, (map, refs)) in maps.iter().zip(&font_refs).enumerate() {
        let (Some(map), Some([type0, cid, descriptor, file, cmap]), Some(data), Some(u)) = (map, refs, FONT_DATA.get(i), used.get(i)) else { continue };
        let face = FontRef::new(data).map_err(|e| ExportError::Pdf(format!("bundled font {i}: {e}")))?;
        let subset = subsetter::subset(data, 0, map).map_err(|e| ExportError::Pdf(format!("subsetting bundled font {i}: {e}")))?;
        let m = face.metrics(Size::unscaled(), LocationRef::default());
        let per_em = 1000.0 / f32::from(m.units_per_em.max(1));
        let base = face
            .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map_or_else(|| format!("PlanmapFont{i}"), |s| s.chars().filter(char::is_ascii_alphanumeric).collect());
        let gids: Vec<u16> = map.remapped_gids().collect();
        let name = format!("{}+{base}", tag(&gids));
        pdf.type0_font(*type0).base_font(Name(name.as_bytes())).encoding_predefined(Name(b"Identity-H")).descendant_font(*cid).to_unicode(*cmap);
        let advances = face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let widths: Vec<f32> = gids.iter().map(|&g| advances.advance_width(skrifa::GlyphId::new(u32::from(g))).unwrap_or(0.0) * per_em).collect();
        let mut cid_font = pdf.cid_font(*cid);
        cid_font.subtype(CidFontType::Type2).base_font(Name(name.as_bytes()));
        cid_font.system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 });
        cid_font.font_descriptor(*descriptor).default_width(0.0).cid_to_gid_map_predefined(Name(b"Identity"));
        cid_font.widths().consecutive(0, widths);
        cid_font.finish();
        let b = m.bounds.unwrap_or_default();
        pdf.font_descriptor(*descriptor)
            .name(Name(name.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(b.x_min * per_em, b.y_min * per_em, b.x_max * per_em, b.y_max * per_em))
            .italic_angle(0.0)
            .ascent(m.ascent * per_em)
            .descent(m.descent * per_em)
            .cap_height(m.cap_height.unwrap_or(m.ascent) * per_em)
            .stem_v(80.0)
            .font_file2(*file);
        pdf.stream(*file, &compress(&subset)).filter(Filter::FlateDecode);
        let mut unicode = UnicodeCmap::new(Name(b"Custom"), SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 });
        for (&old, text) in &u.glyphs {
            if let (Some(new), false) = (map.get(old), text.is_empty()) {
                unicode.pair_with_multiple(new, text.chars());
            }
        }
        pdf.cmap(*cmap, &unicode.finish());
    }
    Ok(pdf.finish())
}
