//! The indicator chart as a report figure (`planmap export LAYOUT --indicators`): one row per
//! indicator, grouped by domain, baseline → target on the row's own axis, 约束性 / 预期性 in
//! their colours, the values and units as the plan prints them; then the counts per
//! structure. Same data as the window's indicators pane (`scene::indicators`).

use std::path::Path;

use super::Options;
use super::diagram::{circle, write_picture};
use super::picture::{Item, Picture, Rgba};
use crate::model::Plan;
use crate::scene::diagram::wrap;
use crate::scene::font::text_width;
use crate::scene::indicators::{self, BASELINE, BINDING, Count, Domain, EXPECTED, UNSTATED};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RULE: Rgba = [0xbb, 0xbb, 0xbb, 0xff];
const STRIPE: Rgba = [0xf4, 0xf4, 0xf4, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];
/// Members, hospitals, projects.
pub const COUNT_COLORS: [Rgba; 3] = [[0x4d, 0x4d, 0x4d, 0xff], [0xd6, 0x60, 0x4d, 0xff], [0x43, 0x93, 0xc3, 0xff]];
pub const COUNT_NAMES: [&str; 3] = ["成员 members", "医院 hospitals", "项目 projects"];

fn tint(c: Rgba, a: u8) -> Rgba {
    [c[0], c[1], c[2], a]
}

/// Column layout of the indicator rows, in picture units.
struct Cols {
    domain: [f32; 2],
    name: [f32; 2],
    track: [f32; 2],
    values: [f32; 2],
    source: [f32; 2],
}

fn indicator_rows(domains: &[Domain], pic: &mut Picture, x0: f32, x1: f32, mut y: f32, k: f32) -> f32 {
    let w = x1 - x0;
    let col = |a: f32, b: f32| [x0 + w * a, x0 + w * b];
    let c = Cols { domain: col(0.0, 0.08), name: col(0.09, 0.43), track: col(0.45, 0.68), values: col(0.70, 0.86), source: col(0.87, 1.0) };
    let (name_size, small) = (13.0 * k, 11.0 * k);
    // Header.
    for (text, x) in [("领域", c.domain[0]), ("指标", c.name[0]), ("基期至目标（每行自身刻度）", c.track[0]), ("数值", c.values[0]), ("来源", c.source[0])]
    {
        pic.text([x, y + small], text, small, MUTED);
    }
    y += small * 1.6;
    pic.line(vec![[x0, y], [x1, y]], 1.0 * k, INK);
    let mut stripe = false;
    for d in domains {
        let top = y;
        for row in &d.rows {
            let names = wrap(&row.name, name_size, c.name[1] - c.name[0], 2);
            let lead = row.baseline.as_ref().map_or(0.0, |b| text_width(&b.text, small) + 4.0 * k) + 16.0 * k;
            let values = wrap(&row.target_text(), small, (c.values[1] - c.values[0] - lead).max(small * 2.0), 2);
            let sources = wrap(&row.source, small * 0.9, c.source[1] - c.source[0], 2);
            let lines = names.len().max(values.len()).max(sources.len()) as f32;
            let h = (lines * name_size * 1.3).max(24.0 * k) + 6.0 * k;
            if stripe {
                pic.rect([c.name[0] - 4.0 * k, y, x1, y + h], STRIPE);
            }
            stripe = !stripe;
            let color = row.color();
            // A small kind mark before the name: filled square 约束性, hollow 预期性.
            let mark = [c.name[0] - 2.0 * k, y + h / 2.0 - 4.0 * k, c.name[0] + 6.0 * k, y + h / 2.0 + 4.0 * k];
            if row.is_binding() {
                pic.rect(mark, color);
            } else {
                pic.rect_outline(mark, 1.4 * k, color);
            }
            for (i, l) in names.iter().enumerate() {
                pic.text([c.name[0] + 12.0 * k, y + 4.0 * k + name_size * (1.0 + 1.3 * i as f32)], l.clone(), name_size, INK);
            }
            // The track: 0 at the left, the row's scale at the right.
            let cy = y + h / 2.0;
            let tx = |x: f32| c.track[0] + (c.track[1] - c.track[0]) * x;
            pic.line(vec![[tx(0.0), cy], [tx(1.0), cy]], 1.0 * k, RULE);
            pic.line(vec![[tx(0.0), cy - 4.0 * k], [tx(0.0), cy + 4.0 * k]], 1.0 * k, RULE);
            let b = row.baseline.as_ref().and_then(|m| m.x);
            let t = row.target.as_ref().and_then(|m| m.x);
            match (b, t) {
                (Some(b), Some(t)) => pic.line(vec![[tx(b), cy], [tx(t), cy]], 3.0 * k, tint(color, 0x90)),
                (None, Some(t)) => pic.line(vec![[tx(0.0), cy], [tx(t), cy]], 6.0 * k, tint(color, 0x40)),
                _ => {}
            }
            if let Some(b) = b {
                pic.items.push(Item::Fill { rings: vec![circle([tx(b), cy], 5.0 * k)], color: [0xff, 0xff, 0xff, 0xff] });
                pic.items.push(Item::Stroke { points: circle([tx(b), cy], 5.0 * k), closed: true, width: 1.6 * k, color: BASELINE });
            }
            match (t, &row.target) {
                (Some(t), _) => pic.items.push(Item::Fill { rings: vec![circle([tx(t), cy], 5.5 * k)], color }),
                (None, Some(m)) => {
                    // A text target ("同比例提高"): written on the track, in the kind's colour.
                    // After the baseline's dot, so the two never cover each other.
                    let from = tx(b.unwrap_or(0.0)) + 10.0 * k;
                    let line = wrap(&m.text, small, (tx(1.0) - from).max(small * 3.0), 1).into_iter().next().unwrap_or_default();
                    pic.text_halo([from.min(tx(1.0) - text_width(&line, small)), cy - 3.0 * k], line, small, color);
                }
                _ => {}
            }
            // Baseline, a drawn arrow (the bundled fonts have no "→"), target with its unit.
            let mut x = c.values[0];
            let base_y = y + 4.0 * k + small * 1.1;
            if let Some(b) = &row.baseline {
                pic.text([x, base_y], b.text.clone(), small, INK);
                x += text_width(&b.text, small) + 4.0 * k;
            }
            let ay = base_y - small * 0.35;
            pic.line(vec![[x, ay], [x + 9.0 * k, ay]], 1.0 * k, MUTED);
            pic.items.push(Item::Fill { rings: vec![super::diagram::arrowhead([x, ay], [x + 12.0 * k, ay], 5.0 * k)], color: MUTED });
            x += 16.0 * k;
            for (i, l) in values.iter().enumerate() {
                pic.text([x, base_y + small * 1.3 * i as f32], l.clone(), small, INK);
            }
            for (i, l) in sources.iter().enumerate() {
                pic.text([c.source[0], y + 4.0 * k + small * (1.0 + 1.2 * i as f32)], l.clone(), small * 0.9, MUTED);
            }
            y += h;
        }
        let label = wrap(&d.name, name_size, c.domain[1] - c.domain[0], 3);
        for (i, l) in label.iter().enumerate() {
            pic.text([c.domain[0], top + 4.0 * k + name_size * (1.0 + 1.3 * i as f32)], l.clone(), name_size, INK);
        }
        pic.line(vec![[x0, y], [x1, y]], 0.8 * k, RULE);
    }
    y
}

fn legend(pic: &mut Picture, x: f32, y: f32, k: f32, year_b: &str, year_t: &str, unstated: bool) {
    let s = 12.0 * k;
    let mut x = x;
    let mut item = |pic: &mut Picture, draw: &dyn Fn(&mut Picture, [f32; 2]), text: &str| {
        draw(pic, [x + 6.0 * k, y - s * 0.35]);
        pic.text([x + 16.0 * k, y], text, s, INK);
        x += 16.0 * k + text_width(text, s) + 18.0 * k;
    };
    item(pic, &|p, c| p.rect([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], BINDING), "约束性 binding");
    item(pic, &|p, c| p.rect_outline([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], 1.4 * k, EXPECTED), "预期性 expected");
    if unstated {
        item(pic, &|p, c| p.rect_outline([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], 1.4 * k, UNSTATED), "性质未注明 kind not stated");
    }
    item(pic, &|p, c| p.items.push(Item::Stroke { points: circle(c, 5.0 * k), closed: true, width: 1.6 * k, color: BASELINE }), &format!("基期 baseline{year_b}"));
    item(pic, &|p, c| p.items.push(Item::Fill { rings: vec![circle(c, 5.5 * k)], color: INK }), &format!("目标 target{year_t}"));
}

/// Grouped horizontal bars: members, hospitals, projects per structure.
fn count_bars(counts: &[Count], pic: &mut Picture, x0: f32, x1: f32, mut y: f32, k: f32) -> f32 {
    let size = 12.0 * k;
    let name_w = (x1 - x0) * 0.3;
    let bar_x0 = x0 + name_w + 10.0 * k;
    let bar_w = (x1 - bar_x0 - 40.0 * k).max(10.0);
    let max = counts.iter().map(|c| c.members.max(c.hospitals).max(c.projects)).max().unwrap_or(1).max(1) as f32;
    let bar_h = 11.0 * k;
    for c in counts {
        let h = bar_h * 3.0 + 8.0 * k;
        let name = wrap(&c.name, size, name_w - 16.0 * k, 1).into_iter().next().unwrap_or_default();
        pic.rect([x0, y + h / 2.0 - 5.0 * k, x0 + 10.0 * k, y + h / 2.0 + 5.0 * k], c.color);
        pic.text([x0 + 16.0 * k, y + h / 2.0 + size * 0.35], name, size, INK);
        for (i, n) in [c.members, c.hospitals, c.projects].into_iter().enumerate() {
            let by = y + 4.0 * k + bar_h * i as f32;
            let len = bar_w * n as f32 / max;
            if n > 0 {
                pic.rect([bar_x0, by, bar_x0 + len, by + bar_h - 1.0 * k], COUNT_COLORS[i]);
            }
            pic.text([bar_x0 + len + 4.0 * k, by + bar_h - 2.0 * k], n.to_string(), 9.0 * k, MUTED);
        }
        y += h;
        pic.line(vec![[x0, y], [x1, y]], 0.5 * k, STRIPE);
    }
    y
}

/// The figure: title, legend, the indicator rows, the counts per structure.
pub fn compose(plan: &Plan, opts: &Options) -> Picture {
    let k = (opts.width / 1000.0).max(0.4);
    let m = 24.0 * k;
    let domains = indicators::chart(plan);
    let counts = indicators::counts(plan);
    // Lay out once on a tall sheet, then cut the sheet to the height used.
    let mut pic = Picture::new(opts.width, 100_000.0);
    let title = opts.title.clone().unwrap_or_else(|| plan.plan.title.clone());
    let title_size = 22.0 * k;
    pic.text([m, m + title_size], title, title_size, INK);
    let n: usize = domains.iter().map(|d| d.rows.len()).sum();
    let years = |f: &dyn Fn(&indicators::Row) -> Option<i32>| {
        let mut ys: Vec<i32> = domains.iter().flat_map(|d| d.rows.iter()).filter_map(f).collect();
        ys.sort_unstable();
        ys.dedup();
        if ys.is_empty() { String::new() } else { format!(" {}", ys.iter().map(i32::to_string).collect::<Vec<_>>().join("/")) }
    };
    let year_b = years(&|r| r.baseline.as_ref().and_then(|b| b.year));
    let year_t = years(&|r| r.target.as_ref().and_then(|t| t.year));
    let mut y = m + title_size + 24.0 * k;
    if n > 0 {
        pic.text([m, y], format!("主要指标 Indicators（{n} 项）"), 16.0 * k, RED);
        y += 24.0 * k;
        let unstated = domains.iter().flat_map(|d| d.rows.iter()).any(|r| r.kind.is_none());
        legend(&mut pic, m, y, k, &year_b, &year_t, unstated);
        y += 16.0 * k;
        y = indicator_rows(&domains, &mut pic, m, opts.width - m, y, k) + 28.0 * k;
    } else {
        pic.text([m, y], "本规划未列指标表 The plan has no indicator table", 14.0 * k, MUTED);
        y += 30.0 * k;
    }
    if !counts.is_empty() {
        pic.text([m, y], "各结构计数 Counts per structure", 16.0 * k, RED);
        y += 22.0 * k;
        let mut x = m;
        for (i, name) in COUNT_NAMES.iter().enumerate() {
            pic.rect([x, y - 9.0 * k, x + 10.0 * k, y + 1.0 * k], COUNT_COLORS[i]);
            pic.text([x + 14.0 * k, y], *name, 12.0 * k, INK);
            x += 14.0 * k + text_width(name, 12.0 * k) + 18.0 * k;
        }
        y += 10.0 * k;
        y = count_bars(&counts, &mut pic, m, opts.width - m, y, k) + 10.0 * k;
    }
    let source = format!("规划 Plan: {} · planmap", plan.plan.document);
    y += 18.0 * k;
    pic.text([m, y], source, 11.0 * k, MUTED);
    pic.height = y + m;
    pic
}

pub fn write(plan: &Plan, opts: &Options, out: &Path) -> Result<(), super::ExportError> {
    write_picture(&compose(plan, opts), opts.scale, out)
}
