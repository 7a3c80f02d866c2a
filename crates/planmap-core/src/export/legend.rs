//! The legend of an exported map: what its colours are, read from the same fill data the map is
//! drawn from. A run of products or points the presentation shows as one step (十二品) is one
//! entry with all its colours; stripes and hatching get a drawn sample and a line saying what
//! they mean.

use super::chrome::Lang;
use super::compose::wrap;
use super::picture::{Item, Picture, Rgba};
use crate::model;
use crate::scene::fills::{self, rgba};
use crate::scene::picture::MapData;

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const BORDER: Rgba = [0x44, 0x44, 0x44, 0xff];
const MUTED: Rgba = [0x55, 0x55, 0x55, 0xff];

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// One structure, or a group drawn as one step (its colours in the plan's order); `area`
    /// false for tiers and circles, drawn as outlines.
    Colors { colors: Vec<Rgba>, area: bool, text: String },
    /// Counties in several structures: stripes of their colours.
    Stripes { colors: [Rgba; 2], lines: Vec<String> },
    /// Only part of the county belongs: thin hatching over the pale base.
    Hatching { color: Rgba, lines: Vec<String> },
}

impl Entry {
    pub fn text(&self) -> String {
        match self {
            Entry::Colors { text, .. } => text.clone(),
            Entry::Stripes { lines, .. } | Entry::Hatching { lines, .. } => lines.join(" "),
        }
    }
}

/// The entries for a map showing `data` (its `visible` structures).
pub fn entries(data: &MapData, lang: Lang) -> Vec<Entry> {
    let Some(plan) = data.plan else {
        return data.fill.categories.iter().map(|(value, c)| Entry::Colors { colors: vec![*c], area: true, text: value.clone() }).collect();
    };
    let shown = |i: usize| data.visible.get(i).copied().unwrap_or(true);
    let mut out = Vec::new();
    for step in model::steps(plan) {
        let members: Vec<usize> = step.structures.iter().copied().filter(|&i| shown(i)).collect();
        let Some(&first) = members.first() else { continue };
        let Some(s) = plan.structures.get(first) else { continue };
        let colors = members.iter().map(|&i| rgba(plan.structure_color(i))).collect();
        let name = if step.structures.len() > 1 { &step.title } else { &s.name };
        out.push(Entry::Colors { colors, area: s.kind.is_area(), text: format!("{name}〔{}〕", lang.kind(s.kind)) });
    }
    if plan.focus_district().is_some() {
        out.push(Entry::Colors { colors: vec![fills::FOCUS], area: true, text: lang.plan_district() });
    }
    if data.fill.pieces.iter().any(|p| p.color == fills::CONTEXT) {
        out.push(Entry::Colors { colors: vec![fills::CONTEXT], area: true, text: lang.context() });
    }
    // Stripes and hatching, with the colours of a county the map really draws so.
    let mut stripes = None;
    let mut hatching = None;
    for f in &data.boundaries.features {
        let areas: Vec<usize> = plan.structures_of(&f.adcode).into_iter().filter(|&s| shown(s) && plan.structures[s].kind.is_area()).collect();
        if let [a, b, ..] = areas[..] {
            stripes.get_or_insert([rgba(plan.structure_color(a)), rgba(plan.structure_color(b))]);
        }
        if let Some(&s) = areas.iter().find(|&&s| plan.structures[s].member_for(&f.adcode).is_some_and(|m| m.partial.is_some())) {
            hatching.get_or_insert(rgba(plan.structure_color(s)));
        }
    }
    if let Some(colors) = stripes {
        out.push(Entry::Stripes { colors, lines: lang.stripes() });
    }
    if let Some(color) = hatching {
        out.push(Entry::Hatching { color, lines: lang.hatching() });
    }
    out
}

/// A convex polygon cut by the half-plane `a·x + b·y <= c` (Sutherland–Hodgman, one edge).
fn clip(poly: &[[f32; 2]], a: f32, b: f32, c: f32) -> Vec<[f32; 2]> {
    let inside = |p: [f32; 2]| a * p[0] + b * p[1] <= c;
    let mut out = Vec::new();
    for (i, &p) in poly.iter().enumerate() {
        let q = poly[(i + 1) % poly.len()];
        if inside(p) {
            out.push(p);
        }
        if inside(p) != inside(q) {
            let (dp, dq) = (a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c);
            let t = dp / (dp - dq);
            out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
        }
    }
    out
}

/// Diagonal bands over rectangle `r` as the map draws them (up to the right), `period` apart,
/// colour `j` of `colors` filling `share` of each of its bands.
fn bands(pic: &mut Picture, r: [f32; 4], period: f32, colors: &[Rgba], share: f32) {
    let rect = vec![[r[0], r[1]], [r[2], r[1]], [r[2], r[3]], [r[0], r[3]]];
    // u = x - y grows across the bands (y down on paper).
    let (u0, u1) = (r[0] - r[3], r[2] - r[1]);
    let n = colors.len().max(1);
    let mut band = (u0 / period).floor() as i64;
    while (band as f32) * period < u1 {
        let Some(&color) = colors.get(band.rem_euclid(n as i64) as usize) else { break };
        let a = band as f32 * period;
        let z = a + period * share;
        let piece = clip(&clip(&rect, -1.0, 1.0, -a), 1.0, -1.0, z);
        if piece.len() > 2 {
            pic.items.push(Item::Fill { rings: vec![piece], color });
        }
        band += 1;
    }
}

/// Draw `entries` from the top of `r`, under the heading; returns the y below the last one.
pub fn draw(entries: &[Entry], r: [f32; 4], k: f32, lang: Lang, pic: &mut Picture) -> f32 {
    // No entry (a new region's starter with no structure yet): no heading over nothing.
    if entries.is_empty() {
        return r[1];
    }
    let mut y = r[1] + 16.0 * k;
    pic.text([r[0], y], lang.legend(), 16.0 * k, INK);
    y += 12.0 * k;
    let (sw, sh) = (22.0 * k, 14.0 * k);
    let text_x = r[0] + sw + 8.0 * k;
    let width = r[2] - text_x;
    let size = 12.5 * k;
    for entry in entries {
        let lines = match entry {
            Entry::Colors { text, .. } => wrap(&model::shown_text(text, 200), size, width),
            Entry::Stripes { lines, .. } | Entry::Hatching { lines, .. } => lines.iter().flat_map(|l| wrap(l, 11.0 * k, width)).collect(),
        };
        let line_h = 16.0 * k;
        let chips_h = match entry {
            Entry::Colors { colors, .. } if colors.len() > 1 => {
                let per_row = ((width / (12.0 * k)).floor() as usize).max(1);
                colors.len().div_ceil(per_row) as f32 * 12.0 * k + 2.0 * k
            }
            _ => 0.0,
        };
        let height = (lines.len() as f32 * line_h).max(sh + 4.0 * k) + chips_h + 6.0 * k;
        if y + height > r[3] {
            break;
        }
        let s = [r[0], y, r[0] + sw, y + sh];
        match entry {
            Entry::Colors { colors, area, .. } => {
                match colors.as_slice() {
                    [c] if *area => {
                        pic.rect(s, *c);
                        pic.rect_outline(s, 0.6 * k, BORDER);
                    }
                    [c] => pic.rect_outline([s[0] + 1.5 * k, s[1] + 1.5 * k, s[2] - 1.5 * k, s[3] - 1.5 * k], 3.0 * k, *c),
                    many => {
                        // The swatch split into the group's colours, then each colour as a chip.
                        let w = sw / many.len() as f32;
                        for (i, c) in many.iter().enumerate() {
                            pic.rect([s[0] + i as f32 * w, s[1], s[0] + (i + 1) as f32 * w, s[3]], *c);
                        }
                        pic.rect_outline(s, 0.6 * k, BORDER);
                        let per_row = ((width / (12.0 * k)).floor() as usize).max(1);
                        let top = y + lines.len().max(1) as f32 * line_h + 2.0 * k;
                        for (i, c) in many.iter().enumerate() {
                            let (col, row) = ((i % per_row) as f32, (i / per_row) as f32);
                            let chip = [text_x + col * 12.0 * k, top + row * 12.0 * k, text_x + col * 12.0 * k + 10.0 * k, top + row * 12.0 * k + 10.0 * k];
                            pic.rect(chip, *c);
                            pic.rect_outline(chip, 0.5 * k, BORDER);
                        }
                    }
                }
                for (i, line) in lines.iter().enumerate() {
                    pic.text([text_x, y + 11.5 * k + i as f32 * line_h], line.clone(), size, INK);
                }
            }
            Entry::Stripes { colors, .. } => {
                bands(pic, s, 5.0 * k, colors, 1.0);
                pic.rect_outline(s, 0.6 * k, BORDER);
            }
            Entry::Hatching { color, .. } => {
                pic.rect(s, fills::PLAN_BASE);
                bands(pic, s, 5.0 * k, &[*color], 0.35);
                pic.rect_outline(s, 0.6 * k, BORDER);
            }
        }
        if !matches!(entry, Entry::Colors { .. }) {
            for (i, line) in lines.iter().enumerate() {
                pic.text([text_x, y + 11.0 * k + i as f32 * 14.0 * k], line.clone(), 11.0 * k, MUTED);
            }
        }
        y += height;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_a_square_by_a_diagonal_keeps_half() {
        let square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]];
        let half = clip(&square, 1.0, 1.0, 2.0);
        let area: f32 = half
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let q = half[(i + 1) % half.len()];
                p[0] * q[1] - q[0] * p[1]
            })
            .sum::<f32>()
            / 2.0;
        assert!((area.abs() - 2.0).abs() < 1e-4, "{area}");
    }

    #[test]
    fn bands_alternate_colours_inside_the_swatch() {
        let mut pic = Picture::new(100.0, 100.0);
        bands(&mut pic, [10.0, 10.0, 32.0, 24.0], 5.0, &[[1, 0, 0, 255], [2, 0, 0, 255]], 1.0);
        let colors: Vec<u8> = pic.items.iter().filter_map(|i| if let Item::Fill { color, .. } = i { Some(color[0]) } else { None }).collect();
        assert!(colors.len() >= 6 && colors.contains(&1) && colors.contains(&2), "{colors:?}");
        for item in &pic.items {
            let Item::Fill { rings, .. } = item else { continue };
            assert!(rings[0].iter().all(|p| (9.99..=32.01).contains(&p[0]) && (9.99..=24.01).contains(&p[1])), "inside the swatch");
        }
    }
}
