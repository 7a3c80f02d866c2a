//! The indicators chart (egui_plot): one plot per unit, its rows on one shared axis (the bounds
//! the exported chart uses); baseline ○ → target ● per row; a target the plan gives no
//! baseline for is a dot with "无基期", never a bar from zero; the other statement of a pair the
//! table and the text disagree on is a ◆ on the same row. Hover shows the row's figures and
//! sources, a click selects it. Then the counts per structure as grouped bars. The rows come
//! from `scene::indicators`, as the exported chart's and the table's do.

use eframe::egui::{self, Align2, RichText, Sense};
use egui_plot::{Bar, BarChart, GridMark, Legend, Line, MarkerShape, Plot, PlotPoint, Points, Polygon, Text};

use crate::scene::indicators::{Axis, BASELINE, BINDING, Chart, Count, EXPECTED, NO_BASELINE, OTHER, Rgba, Row};
use crate::ui::strings::Lang;
use crate::ui::tokens::{self, color};

/// What a click chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clicked {
    Indicator(usize),
    Structure(usize),
}

const ROW_H: f32 = 26.0;
/// Names on the plot's axis are cut to this many characters; the hover gives the whole name.
const NAME_CHARS: usize = 18;

fn short(name: &str) -> String {
    if name.chars().count() > NAME_CHARS { format!("{}…", name.chars().take(NAME_CHARS - 1).collect::<String>()) } else { name.to_string() }
}

/// One unit's rows on its axis. Returns the row under a click.
fn unit_plot(ui: &mut egui::Ui, axis: &Axis, rows: &[&Row], selected: Option<usize>, name_w: f32) -> Option<usize> {
    let n = rows.len();
    let names: Vec<String> = rows.iter().map(|r| short(&r.name)).collect();
    let (lo, hi) = (axis.lo, axis.hi);
    let pad = (hi - lo) * 0.02;
    let response = Plot::new(("indicators unit", axis.unit.as_str()))
        .height(n as f32 * ROW_H + 36.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .label_formatter(|_| None)
        .default_x_bounds(lo - pad, hi + pad)
        .default_y_bounds(-(n as f64) + 0.5, 0.5)
        .y_grid_spacer(move |_| (0..n).map(|i| GridMark { value: -(i as f64), step_size: 1.0 }).collect())
        .y_axis_min_width(name_w)
        .y_axis_formatter(move |mark, _| {
            let i = (-mark.value).round();
            if (mark.value + i).abs() < 1e-6 && i >= 0.0 { names.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
        })
        .x_axis_label(axis.title())
        .show(ui, |p| {
            for (i, row) in rows.iter().enumerate() {
                let y = -(i as f64);
                let c = color(row.color());
                if selected == Some(row.index) {
                    let band = vec![[lo - pad, y - 0.45], [hi + pad, y - 0.45], [hi + pad, y + 0.45], [lo - pad, y + 0.45]];
                    p.polygon(Polygon::new("", band).fill_color(tokens::SELECTED_ROW).stroke(egui::Stroke::NONE));
                }
                let dy = if row.other.is_some() { 0.15 } else { 0.0 };
                let (b, t) = (row.baseline.as_ref().and_then(|m| m.value), row.target.as_ref().and_then(|m| m.value));
                dumbbell(p, b, t, y + dy, c, false);
                if let Some(o) = &row.other {
                    let (ob, ot) = (o.baseline.as_ref().and_then(|m| m.value), o.target.as_ref().and_then(|m| m.value));
                    dumbbell(p, ob, ot, y - dy, color(OTHER), true);
                }
                if row.lacks_baseline()
                    && let Some(t) = t
                {
                    let right = axis.x(t) > 0.7;
                    let (x, anchor) = if right { (t - pad, Align2::RIGHT_CENTER) } else { (t + pad, Align2::LEFT_CENTER) };
                    p.text(Text::new("", PlotPoint::new(x, y), RichText::new(NO_BASELINE).small().color(tokens::CHART_ARROW)).anchor(anchor));
                } else if t.is_none()
                    && let Some(m) = row.target.as_ref().filter(|m| m.text != "—")
                {
                    let x = b.map_or(lo, |b| b + pad * 2.0);
                    p.text(Text::new("", PlotPoint::new(x, y), RichText::new(&m.text).small().color(c)).anchor(Align2::LEFT_CENTER));
                }
            }
            p.pointer_coordinate()
        });
    let row_at = |at: Option<PlotPoint>| at.map(|p| (-p.y).round()).filter(|i| *i >= 0.0).and_then(|i| rows.get(i as usize).copied());
    let hovered = row_at(response.inner);
    let mut r = response.response;
    if let Some(row) = hovered {
        r = r.on_hover_text(row.hover_text());
    }
    if r.clicked() { hovered.map(|row| row.index) } else { None }
}

/// Baseline ○ → target ● (◆ → ◆ for the other statement), with a line between them.
fn dumbbell(p: &mut egui_plot::PlotUi<'_>, b: Option<f64>, t: Option<f64>, y: f64, c: egui::Color32, other: bool) {
    if let (Some(b), Some(t)) = (b, t) {
        p.line(Line::new("", vec![[b, y], [t, y]]).color(c.gamma_multiply(0.6)).width(3.0));
    }
    let shape = if other { MarkerShape::Diamond } else { MarkerShape::Circle };
    if let Some(b) = b {
        let edge = if other { c } else { color(BASELINE) };
        p.points(Points::new("", vec![[b, y]]).shape(shape).filled(other).radius(4.5).color(edge));
    }
    if let Some(t) = t {
        p.points(Points::new("", vec![[t, y]]).shape(shape).filled(true).radius(5.0).color(c));
    }
}

/// Members, hospitals and projects per structure, as grouped horizontal bars.
fn count_chart(ui: &mut egui::Ui, counts: &[Count], lang: Lang) -> Option<usize> {
    if counts.is_empty() {
        return None;
    }
    let names: Vec<String> = counts.iter().map(|c| c.name.clone()).collect();
    let t = lang.t();
    let series = [(t.series_members, [0x4d, 0x4d, 0x4d, 0xff]), (t.series_hospitals, [0xd6, 0x60, 0x4d, 0xff]), (t.series_projects, [0x43, 0x93, 0xc3, 0xff])];
    let value = |c: &Count, i: usize| match i {
        0 => c.members,
        1 => c.hospitals,
        _ => c.projects,
    };
    let n = counts.len();
    let name_w = names.iter().map(|s| s.chars().count()).max().unwrap_or(4) as f32 * 13.0;
    let response = Plot::new("counts per structure")
        .height(n as f32 * 34.0 + 50.0)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom).follow_insertion_order(true))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .show_y(false)
        .y_axis_min_width(name_w.min(220.0))
        .y_grid_spacer(move |_| (0..n).map(|i| GridMark { value: -(i as f64), step_size: 1.0 }).collect())
        .y_axis_formatter({
            let names = names.clone();
            move |mark, _| {
                let i = (-mark.value).round();
                if (mark.value + i).abs() < 1e-6 && i >= 0.0 { names.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
            }
        })
        .include_x(0.0)
        .show(ui, |p| {
            for (k, (label, c)) in series.iter().enumerate() {
                let bars = counts
                    .iter()
                    .enumerate()
                    .map(|(i, count)| {
                        Bar::new(-(i as f64) + 0.25 - 0.25 * k as f64, value(count, k) as f64).width(0.22).name(&count.name).fill(color(*c)).stroke(egui::Stroke::NONE)
                    })
                    .collect();
                p.bar_chart(BarChart::new(*label, bars).horizontal().color(color(*c)));
            }
            p.pointer_coordinate()
        });
    let at = response.inner;
    if response.response.clicked() {
        return at.map(|p| (-p.y).round()).filter(|i| *i >= 0.0 && (*i as usize) < n).and_then(|i| counts.get(i as usize)).map(|c| c.structure);
    }
    None
}

/// The legend line: kinds, baseline, target, the other statement.
pub fn legend(ui: &mut egui::Ui, chart: &Chart, lang: Lang) {
    let t = lang.t();
    ui.horizontal_wrapped(|ui| {
        let sq = |ui: &mut egui::Ui, filled: bool, c: Rgba| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
            if filled {
                ui.painter().rect_filled(r, 1.0, color(c));
            } else {
                ui.painter().rect_stroke(r, 1.0, egui::Stroke::new(1.5, color(c)), egui::StrokeKind::Inside);
            }
        };
        sq(ui, true, BINDING);
        ui.label(RichText::new(t.binding).small());
        sq(ui, false, EXPECTED);
        ui.label(RichText::new(t.expected).small());
        let dot = |ui: &mut egui::Ui, filled: bool| {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
            if filled {
                ui.painter().circle_filled(r.center(), 4.5, tokens::CHART_DOT);
            } else {
                ui.painter().circle_stroke(r.center(), 4.0, egui::Stroke::new(1.5, color(BASELINE)));
            }
        };
        dot(ui, false);
        ui.label(RichText::new(t.baseline).small());
        dot(ui, true);
        ui.label(RichText::new(t.target_shared_axis).small().weak());
        if chart.mismatches() > 0 {
            let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
            let c = r.center();
            let d = 4.5;
            ui.painter().add(egui::Shape::convex_polygon(
                vec![c - egui::vec2(0.0, d), c + egui::vec2(d, 0.0), c + egui::vec2(0.0, d), c - egui::vec2(d, 0.0)],
                color(OTHER),
                egui::Stroke::NONE,
            ));
            ui.label(RichText::new(t.stated_elsewhere).small());
        }
    });
}

/// The whole chart: one plot per unit (when the plan has indicators), then counts per structure.
pub fn show(ui: &mut egui::Ui, chart: &Chart, counts: &[Count], selected: Option<usize>, lang: Lang) -> Option<Clicked> {
    let t = lang.t();
    let mut clicked = None;
    if chart.rows.is_empty() {
        ui.label(RichText::new(t.no_indicators).weak());
    } else {
        let name_w = (ui.available_width() * 0.35).clamp(120.0, 300.0);
        for (axis, rows) in chart.by_axis() {
            ui.add_space(4.0);
            ui.label(RichText::new(format!("{} {}", t.unit, axis.title())).strong().color(tokens::HEADING));
            if !axis.numeric {
                // Figures the plan gives only in words: listed, no scale to draw them on.
                for row in &rows {
                    let r = ui.add(egui::Label::new(format!("{}：{}", row.name, row.values_text())).sense(Sense::click())).on_hover_text(row.hover_text());
                    if r.clicked() {
                        clicked = Some(Clicked::Indicator(row.index));
                    }
                }
                continue;
            }
            if let Some(i) = unit_plot(ui, axis, &rows, selected, name_w) {
                clicked = Some(Clicked::Indicator(i));
            }
        }
        ui.add_space(10.0);
    }
    ui.label(RichText::new(t.counts_title).strong());
    if let Some(s) = count_chart(ui, counts, lang) {
        clicked = Some(Clicked::Structure(s));
    }
    clicked
}
