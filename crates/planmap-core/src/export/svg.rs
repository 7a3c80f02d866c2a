//! Picture → SVG: paths stay paths and text stays text (Chinese included, font named), so a
//! report's editor can still change a label. Each line carries its shaped width
//! (`textLength`), so a reader with other fonts keeps it as wide as it was measured and wrapped.

use std::fmt::Write;

use super::picture::{Item, Picture, Rgba};

fn color(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn opacity(attr: &str, c: Rgba) -> String {
    if c[3] == 255 { String::new() } else { format!(" {attr}-opacity=\"{:.3}\"", f32::from(c[3]) / 255.0) }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn path_data(rings: &[Vec<[f32; 2]>], closed: bool) -> String {
    let mut d = String::new();
    for r in rings {
        for (i, p) in r.iter().enumerate() {
            let _ = write!(d, "{}{:.2} {:.2}", if i == 0 { "M" } else { "L" }, p[0], p[1]);
        }
        if closed {
            d.push('Z');
        }
    }
    d
}

pub fn render(picture: &Picture) -> String {
    render_sized(picture, None)
}

/// As `render`, the page's physical size (millimetres) given, so it prints at paper size.
pub fn render_sized(picture: &Picture, mm: Option<(f32, f32)>) -> String {
    let mut s = String::new();
    let (w, h) = (picture.width, picture.height);
    let (sw, sh) = mm.map_or((w.to_string(), h.to_string()), |(a, b)| (format!("{a}mm"), format!("{b}mm")));
    let _ = writeln!(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{sw}\" height=\"{sh}\" viewBox=\"0 0 {w} {h}\">");
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>", color(picture.background));
    for item in &picture.items {
        match item {
            Item::Fill { rings, color: c } => {
                let _ = writeln!(s, "<path d=\"{}\" fill=\"{}\"{} fill-rule=\"evenodd\"/>", path_data(rings, true), color(*c), opacity("fill", *c));
            }
            Item::Stroke { points, closed, width, color: c } => {
                let _ = writeln!(
                    s,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{}\"{} stroke-width=\"{width}\" stroke-linejoin=\"round\"/>",
                    path_data(std::slice::from_ref(points), *closed),
                    color(*c),
                    opacity("stroke", *c)
                );
            }
            Item::Text { at, text, size, color: c, halo } => {
                let length = if text.chars().nth(1).is_some() {
                    format!(" textLength=\"{:.2}\" lengthAdjust=\"spacing\"", crate::scene::font::text_width(text, *size))
                } else {
                    String::new()
                };
                let halo = halo.map_or(String::new(), |h| {
                    format!(" stroke=\"{}\"{} stroke-width=\"{:.2}\" stroke-linejoin=\"round\" paint-order=\"stroke\"", color(h), opacity("stroke", h), size * 0.22)
                });
                let _ = writeln!(
                    s,
                    "<text x=\"{:.2}\" y=\"{:.2}\" font-family=\"{}\" font-size=\"{size}\"{length} fill=\"{}\"{halo}>{}</text>",
                    at[0],
                    at[1],
                    crate::scene::font::FAMILY.replace('\'', "&apos;"),
                    color(*c),
                    escape(text)
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
