//! The indicator chart as a report figure (`planmap export LAYOUT --indicators`): one panel
//! per unit with one shared axis, each indicator's baseline → target on it, 约束性 / 预期性 in
//! their colours, the values as the plan prints them, "无基期" where the plan gives no
//! baseline, and a pair the table and the text state differently shown once with both; then
//! the counts per structure. Fitted to an A4 page. Same data as the window's indicators pane
//! (`scene::indicators`); `.csv` and `.xlsx` outputs are the table (`indicator_table`).

use std::path::Path;

use super::Options;
use super::diagram::{circle, write_picture};
use super::picture::{Item, Picture, Rgba};
use crate::model::{Plan, format_number};
use crate::scene::diagram::wrap;
use crate::scene::font::text_width;
use crate::scene::indicators::{self, Axis, BASELINE, BINDING, Chart, Count, EXPECTED, Mark, NO_BASELINE, OTHER, Row, UNSTATED};

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RULE: Rgba = [0xbb, 0xbb, 0xbb, 0xff];
const STRIPE: Rgba = [0xf4, 0xf4, 0xf4, 0xff];
const GRID: Rgba = [0xdd, 0xdd, 0xdd, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];
/// Members, hospitals, projects.
pub const COUNT_COLORS: [Rgba; 3] = [[0x4d, 0x4d, 0x4d, 0xff], [0xd6, 0x60, 0x4d, 0xff], [0x43, 0x93, 0xc3, 0xff]];
pub const COUNT_NAMES: [&str; 3] = ["成员 members", "医院 hospitals", "项目 projects"];

fn tint(c: Rgba, a: u8) -> Rgba {
    [c[0], c[1], c[2], a]
}

/// A diamond, for the plan's other statement of a disagreeing pair.
fn diamond(c: [f32; 2], r: f32) -> Vec<[f32; 2]> {
    vec![[c[0], c[1] - r], [c[0] + r, c[1]], [c[0], c[1] + r], [c[0] - r, c[1]]]
}

/// Baseline ○ → target ● (or ◆ → ◆ for the other statement) on the axis, from `tx`.
fn dumbbell(pic: &mut Picture, tx: &dyn Fn(f64) -> f32, (b, t): (Option<&Mark>, Option<&Mark>), cy: f32, k: f32, color: Rgba, other: bool) {
    let (bv, tv) = (b.and_then(|m| m.value), t.and_then(|m| m.value));
    if let (Some(b), Some(t)) = (bv, tv) {
        pic.line(vec![[tx(b), cy], [tx(t), cy]], 2.4 * k, tint(color, 0x90));
        if (tx(t) - tx(b)).abs() > 14.0 * k {
            let dir = if t > b { 1.0 } else { -1.0 };
            let tip = [tx(t) - dir * 6.0 * k, cy];
            pic.items.push(Item::Fill { rings: vec![super::diagram::arrowhead([tx(b), cy], tip, 6.0 * k)], color: tint(color, 0xc0) });
        }
    }
    if let Some(b) = bv {
        if other {
            pic.items.push(Item::Stroke { points: diamond([tx(b), cy], 5.0 * k), closed: true, width: 1.6 * k, color });
        } else {
            pic.items.push(Item::Fill { rings: vec![circle([tx(b), cy], 4.5 * k)], color: [0xff, 0xff, 0xff, 0xff] });
            pic.items.push(Item::Stroke { points: circle([tx(b), cy], 4.5 * k), closed: true, width: 1.6 * k, color: BASELINE });
        }
    }
    if let Some(t) = tv {
        let ring = if other { diamond([tx(t), cy], 5.5 * k) } else { circle([tx(t), cy], 5.0 * k) };
        pic.items.push(Item::Fill { rings: vec![ring], color });
    }
}

/// One panel per unit: its rows on one shared axis, ticks and grid lines, the values as the
/// plan prints them; a target with no baseline says "无基期" instead of a bar from zero; a pair
/// the table and the text state differently is one row with both, marked.
fn unit_panel(axis: &Axis, rows: &[&Row], pic: &mut Picture, x0: f32, x1: f32, mut y: f32, k: f32) -> f32 {
    let w = x1 - x0;
    let (name_size, small) = (12.5 * k, 10.5 * k);
    let name_col = [x0 + 12.0 * k, x0 + w * 0.36];
    let track = [x0 + w * 0.38, x0 + w * 0.70];
    let values_x = x0 + w * 0.72;
    let tx = |v: f64| track[0] + (track[1] - track[0]) * axis.x(v);
    pic.text([x0, y + 13.0 * k], format!("单位 {}", axis.title()), 13.0 * k, RED);
    y += 20.0 * k;
    let top = y;
    let mut stripe = false;
    for row in rows {
        let names = wrap(&row.name, name_size, name_col[1] - name_col[0], 2);
        let mut lines = vec![(row.values_text(), INK)];
        if let (Some(label), Some(other), Some(o)) = (row.mismatch(), row.other_values_text(), row.other.as_ref()) {
            lines.push((format!("{label}：另一处 {other}"), RED));
            lines.push((format!("来源 {}；另一处 {}", row.source, o.source), MUTED));
        }
        let lines: Vec<(String, Rgba)> = lines.into_iter().flat_map(|(l, c)| wrap(&l, small, x1 - values_x, 2).into_iter().map(move |l| (l, c))).collect();
        let h = (names.len() as f32 * name_size * 1.25).max(lines.len() as f32 * small * 1.3).max(18.0 * k) + 5.0 * k;
        if stripe {
            pic.rect([x0, y, x1, y + h], STRIPE);
        }
        stripe = !stripe;
        let color = row.color();
        let cy = y + h / 2.0;
        // A small kind mark before the name: filled square 约束性, hollow 预期性.
        let mark = [x0 + 1.0 * k, cy - 4.0 * k, x0 + 9.0 * k, cy + 4.0 * k];
        if row.is_binding() {
            pic.rect(mark, color);
        } else {
            pic.rect_outline(mark, 1.4 * k, color);
        }
        let name_top = cy - names.len() as f32 * name_size * 1.25 / 2.0;
        for (i, l) in names.iter().enumerate() {
            pic.text([name_col[0], name_top + name_size * (1.0 + 1.25 * i as f32) - 2.0 * k], l.clone(), name_size, INK);
        }
        let other = row.other.as_ref();
        let cy_main = if other.is_some() { cy - 5.0 * k } else { cy };
        dumbbell(pic, &tx, (row.baseline.as_ref(), row.target.as_ref()), cy_main, k, color, false);
        if let Some(o) = other {
            dumbbell(pic, &tx, (o.baseline.as_ref(), o.target.as_ref()), cy + 5.0 * k, k, OTHER, true);
        }
        let numeric_target = row.target.as_ref().and_then(|t| t.value);
        if row.lacks_baseline()
            && let Some(t) = numeric_target
        {
            // No bar from zero: the plan gives no starting point.
            let x = tx(t);
            let text_w = text_width(NO_BASELINE, small);
            let at = if x - 10.0 * k - text_w > track[0] { x - 10.0 * k - text_w } else { x + 10.0 * k };
            pic.text([at, cy + small * 0.35], NO_BASELINE, small, MUTED);
        } else if numeric_target.is_none()
            && let Some(m) = row.target.as_ref().filter(|m| m.text != "—")
        {
            // A text target ("同比例提高"): written on the track, after the baseline's dot.
            let from = row.baseline.as_ref().and_then(|b| b.value).map_or(track[0], |b| tx(b) + 10.0 * k);
            let line = wrap(&m.text, small, (track[1] - from).max(small * 3.0), 1).into_iter().next().unwrap_or_default();
            pic.text_halo([from.min(track[1] - text_width(&line, small)), cy + small * 0.35], line, small, color);
        }
        let lines_top = cy - lines.len() as f32 * small * 1.3 / 2.0;
        for (i, (l, c)) in lines.iter().enumerate() {
            pic.text([values_x, lines_top + small * (1.0 + 1.3 * i as f32) - 1.0 * k], l.clone(), small, *c);
        }
        y += h;
    }
    // Grid lines and the shared axis with its ticks, once per unit.
    if axis.numeric {
        for t in &axis.ticks {
            pic.line(vec![[tx(*t), top], [tx(*t), y]], 0.6 * k, GRID);
        }
        pic.line(vec![[track[0], y], [track[1], y]], 1.0 * k, INK);
        let mut last_right = f32::NEG_INFINITY;
        for t in &axis.ticks {
            let label = format_number((t * 1e6).round() / 1e6);
            let lw = text_width(&label, small);
            let x = tx(*t);
            pic.line(vec![[x, y], [x, y + 4.0 * k]], 1.0 * k, INK);
            if x - lw / 2.0 > last_right + 4.0 * k {
                pic.text([x - lw / 2.0, y + 5.0 * k + small], label, small, MUTED);
                last_right = x + lw / 2.0;
            }
        }
        y += 10.0 * k + small;
    }
    pic.line(vec![[x0, y + 4.0 * k], [x1, y + 4.0 * k]], 0.8 * k, RULE);
    y + 12.0 * k
}

fn legend(pic: &mut Picture, x: f32, y: f32, k: f32, chart: &Chart) {
    let s = 12.0 * k;
    let mut x = x;
    let mut item = |pic: &mut Picture, draw: &dyn Fn(&mut Picture, [f32; 2]), text: &str| {
        draw(pic, [x + 6.0 * k, y - s * 0.35]);
        pic.text([x + 16.0 * k, y], text, s, INK);
        x += 16.0 * k + text_width(text, s) + 18.0 * k;
    };
    let years = |f: &dyn Fn(&Row) -> Option<i32>| {
        let mut ys: Vec<i32> = chart.rows.iter().filter_map(f).collect();
        ys.sort_unstable();
        ys.dedup();
        if ys.is_empty() { String::new() } else { format!(" {}", ys.iter().map(i32::to_string).collect::<Vec<_>>().join("/")) }
    };
    let year_b = years(&|r| r.baseline.as_ref().and_then(|b| b.year));
    let year_t = years(&|r| r.target.as_ref().and_then(|t| t.year));
    item(pic, &|p, c| p.rect([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], BINDING), "约束性 binding");
    item(pic, &|p, c| p.rect_outline([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], 1.4 * k, EXPECTED), "预期性 expected");
    if chart.rows.iter().any(|r| r.kind.is_none()) {
        item(pic, &|p, c| p.rect_outline([c[0] - 5.0 * k, c[1] - 5.0 * k, c[0] + 5.0 * k, c[1] + 5.0 * k], 1.4 * k, UNSTATED), "性质未注明 kind not stated");
    }
    if chart.rows.iter().any(|r| r.baseline.as_ref().is_some_and(|b| b.value.is_some())) {
        item(pic, &|p, c| p.items.push(Item::Stroke { points: circle(c, 5.0 * k), closed: true, width: 1.6 * k, color: BASELINE }), &format!("基期 baseline{year_b}"));
    }
    item(pic, &|p, c| p.items.push(Item::Fill { rings: vec![circle(c, 5.5 * k)], color: INK }), &format!("目标 target{year_t}"));
    if chart.mismatches() > 0 {
        item(pic, &|p, c| p.items.push(Item::Fill { rings: vec![diamond(c, 5.5 * k)], color: OTHER }), "另一处所作 stated elsewhere");
    }
}

/// Grouped horizontal bars: members, hospitals, projects per structure.
fn count_bars(counts: &[Count], pic: &mut Picture, x0: f32, x1: f32, mut y: f32, k: f32) -> f32 {
    let size = 12.0 * k;
    let name_w = (x1 - x0) * 0.3;
    let bar_x0 = x0 + name_w + 10.0 * k;
    let bar_w = (x1 - bar_x0 - 40.0 * k).max(10.0);
    let max = counts.iter().map(|c| c.members.max(c.hospitals).max(c.projects)).max().unwrap_or(1).max(1) as f32;
    let bar_h = 8.0 * k;
    for c in counts {
        let h = bar_h * 3.0 + 6.0 * k;
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

/// The figure laid out with `k` picture units per point; its height is what it used.
fn compose_at(plan: &Plan, opts: &Options, k: f32) -> Picture {
    let m = 24.0 * k;
    let chart = indicators::chart(plan);
    let counts = indicators::counts(plan);
    // Lay out once on a tall sheet, then cut the sheet to the height used.
    let mut pic = Picture::new(opts.width, 100_000.0);
    let title = opts.title.clone().unwrap_or_else(|| plan.plan.title.clone());
    let title_size = 22.0 * k;
    for (i, l) in wrap(&title, title_size, opts.width - 2.0 * m, 2).into_iter().enumerate() {
        pic.text([m, m + title_size * (1.0 + 1.3 * i as f32)], l, title_size, INK);
    }
    let title_lines = wrap(&title, title_size, opts.width - 2.0 * m, 2).len().max(1) as f32;
    let n = chart.rows.iter().map(|r| 1 + usize::from(r.other.is_some())).sum::<usize>();
    let mut y = m + title_size * (1.0 + 1.3 * (title_lines - 1.0)) + 24.0 * k;
    if n > 0 {
        let shown = chart.rows.len();
        let heading = if shown == n {
            format!("主要指标 Indicators（{n} 项）")
        } else {
            format!("主要指标 Indicators（{shown} 项；{} 项两处所作不一致，合为一行）", n - shown)
        };
        pic.text([m, y], heading, 16.0 * k, RED);
        y += 24.0 * k;
        legend(&mut pic, m, y, k, &chart);
        y += 14.0 * k;
        pic.text([m, y + 11.0 * k], "每个单位一条共同刻度 One shared axis per unit", 11.0 * k, MUTED);
        y += 24.0 * k;
        for (axis, rows) in chart.by_axis() {
            y = unit_panel(axis, &rows, &mut pic, m, opts.width - m, y, k);
        }
        y += 12.0 * k;
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
    // The sections the figures come from, each once.
    let mut sources: Vec<&str> = Vec::new();
    for s in chart.rows.iter().flat_map(|r| std::iter::once(r.source.as_str()).chain(r.other.iter().map(|o| o.source.as_str()))) {
        if !sources.contains(&s) {
            sources.push(s);
        }
    }
    y += 18.0 * k;
    // The plan by its title (never its file name), as the other exports cite it.
    let source = format!("{} · planmap", opts.source.clone().unwrap_or_else(|| opts.lang.source_at(plan, &sources.join("；"))));
    for l in wrap(&source, 11.0 * k, opts.width - 2.0 * m, 4) {
        pic.text([m, y], l, 11.0 * k, MUTED);
        y += 14.0 * k;
    }
    pic.height = y + m;
    pic
}

/// A4 portrait: the height a report page gives a figure of this width.
pub fn page_height(width: f32) -> f32 {
    width * 297.0 / 210.0
}

/// The figure: title, legend, one panel per unit, the counts per structure; laid out smaller
/// when needed so that it fits an A4 page at the width asked for (Baoji's 32 indicators were
/// 1600×3471 px on one row scale each).
pub fn compose(plan: &Plan, opts: &Options) -> Picture {
    let max_h = page_height(opts.width);
    let mut k = (opts.width / 1000.0).max(0.4);
    let mut pic = compose_at(plan, opts, k);
    // Height shrinks a little less than k (wrapping): a few passes settle it.
    for _ in 0..4 {
        if pic.height <= max_h || k <= 0.4 {
            break;
        }
        k = (k * max_h / pic.height * 0.99).max(0.4);
        pic = compose_at(plan, opts, k);
    }
    pic
}

/// The chart as .png or .svg, or the table as .csv or .xlsx.
pub fn write(plan: &Plan, opts: &Options, out: &Path) -> Result<(), super::ExportError> {
    if super::indicator_table::is_table(out) {
        return super::indicator_table::write(plan, out);
    }
    match out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("png" | "svg") => write_picture(&compose(plan, opts), opts.scale, out),
        _ => Err(super::ExportError::NotAnIndicatorsName { out: out.to_path_buf() }),
    }
}
