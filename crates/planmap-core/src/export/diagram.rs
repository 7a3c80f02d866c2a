//! The structure diagram as a report figure (`planmap export LAYOUT --diagram`): the same
//! `scene::diagram` layout the window's diagram pane paints, drawn into a `Picture` and written
//! by the PNG and SVG painters.

use std::path::Path;

use super::picture::{Item, Picture, Rgba};
use super::{ExportError, Options};
use crate::model::Plan;
use crate::scene::diagram::{self, Arrow, Diagram, NodeStyle};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];

/// Write a picture as .png or .svg (by the file's extension).
pub fn write_picture(picture: &Picture, scale: f32, out: &Path) -> Result<(), ExportError> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("png") => super::write_atomic(out, &super::png::encode(picture, scale)?),
        Some("svg") => super::write_atomic(out, super::svg::render(picture).as_bytes()),
        _ => Err(ExportError::NotAPictureName { out: out.to_path_buf() }),
    }
}

/// Points of a circle, for the painters that know only polylines.
pub fn circle(centre: [f32; 2], radius: f32) -> Vec<[f32; 2]> {
    let n = 96;
    (0..n)
        .map(|i| {
            let a = i as f32 / n as f32 * std::f32::consts::TAU;
            // libm, not the platform's sin/cos: the same SVG on Windows and Linux to the last digit.
            [centre[0] + radius * libm::cosf(a), centre[1] + radius * libm::sinf(a)]
        })
        .collect()
}

/// A filled arrowhead with its tip at `tip`, pointing away from `from`.
pub fn arrowhead(from: [f32; 2], tip: [f32; 2], size: f32) -> Vec<[f32; 2]> {
    let (dx, dy) = (tip[0] - from[0], tip[1] - from[1]);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (ux, uy) = (dx / len, dy / len);
    let base = [tip[0] - ux * size, tip[1] - uy * size];
    let half = size * 0.45;
    vec![tip, [base[0] - uy * half, base[1] + ux * half], [base[0] + uy * half, base[1] - ux * half]]
}

/// Paint `d` into `pic`, its top-left at `at`, `k` picture units per diagram unit.
pub fn paint(d: &Diagram, pic: &mut Picture, at: [f32; 2], k: f32) {
    let p = |q: [f32; 2]| [at[0] + q[0] * k, at[1] + q[1] * k];
    let r = |q: [f32; 4]| [at[0] + q[0] * k, at[1] + q[1] * k, at[0] + q[2] * k, at[1] + q[3] * k];
    for b in &d.bands {
        pic.rect(r(b.rect), b.color);
    }
    for ring in &d.rings {
        let c = ring.color;
        pic.items.push(Item::Fill { rings: vec![circle(p(ring.centre), ring.radius * k)], color: [c[0], c[1], c[2], 0x24] });
    }
    for ring in &d.rings {
        pic.items.push(Item::Stroke { points: circle(p(ring.centre), ring.radius * k), closed: true, width: 2.5 * k, color: ring.color });
    }
    for e in &d.edges {
        let (a, b) = (p(e.from), p(e.to));
        pic.line(vec![a, b], 1.4 * k, e.color);
        if matches!(e.arrow, Arrow::End | Arrow::Both) {
            pic.items.push(Item::Fill { rings: vec![arrowhead(a, b, 8.0 * k)], color: e.color });
        }
        if e.arrow == Arrow::Both {
            pic.items.push(Item::Fill { rings: vec![arrowhead(b, a, 8.0 * k)], color: e.color });
        }
    }
    for &(c, radius, color) in &d.dots {
        pic.items.push(Item::Fill { rings: vec![circle(p(c), radius * k)], color });
    }
    for n in &d.nodes {
        let rect = r(n.rect);
        match n.style {
            NodeStyle::Structure => {
                let c = n.color;
                pic.rect(rect, [c[0], c[1], c[2], 0x55]);
                pic.rect_outline(rect, 1.6 * k, c);
            }
            NodeStyle::Member => {
                pic.rect(rect, [0xff, 0xff, 0xff, 0xff]);
                pic.rect_outline(rect, 1.0 * k, n.color);
            }
        }
        for t in &n.texts {
            pic.text(p([t.at[0], t.at[1] + t.size * 1.0]), t.text.clone(), t.size * k, t.color);
        }
    }
    for t in &d.texts {
        pic.text(p([t.at[0], t.at[1] + t.size * 1.0]), t.text.clone(), t.size * k, t.color);
    }
}

/// The figure: the plan's title, the diagram, the plan's document as source.
pub fn compose(plan: &Plan, opts: &Options) -> Result<Picture, ExportError> {
    let k = (opts.width / 900.0).max(0.4);
    let m = 24.0 * k;
    let d = diagram::layout_whole(plan, (opts.width - 2.0 * m) / k);
    if d.is_empty() {
        return Err(ExportError::NoDiagram { title: plan.plan.title.clone() });
    }
    let title = opts.title.clone().unwrap_or_else(|| plan.plan.title.clone());
    let title_size = 22.0 * k;
    let head = m + title_size * 1.3 + 26.0 * k;
    let height = head + d.height * k + m + 30.0 * k;
    let mut pic = Picture::new(opts.width, height);
    pic.text([m, m + title_size], title, title_size, INK);
    let sub = match &plan.plan.slogan {
        Some(s) => format!("{s} · 结构图 Structure diagram"),
        None => "结构图 Structure diagram".into(),
    };
    pic.text([m, m + title_size + 22.0 * k], sub, 15.0 * k, RED);
    paint(&d, &mut pic, [m, head], k);
    let source = format!("{} · planmap", opts.source.clone().unwrap_or_else(|| opts.lang.source(plan)));
    pic.text([m, height - 12.0 * k], source, 11.0 * k, MUTED);
    Ok(pic)
}

pub fn write(plan: &Plan, opts: &Options, out: &Path) -> Result<(), ExportError> {
    write_picture(&compose(plan, opts)?, opts.scale, out)
}
