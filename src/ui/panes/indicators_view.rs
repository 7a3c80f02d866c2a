//! The indicators chart (egui_plot): one row per indicator, grouped by domain — the name, a
//! small plot with baseline → target on the row's own axis, the values as the plan prints
//! them; hover shows the source, a click selects the indicator. Then the counts per structure
//! as grouped bars. The rows come from `scene::indicators`, as the exported chart's do.

use eframe::egui::{self, Align2, Color32, RichText, Sense};
use egui_plot::{Bar, BarChart, GridMark, Legend, Line, MarkerShape, Plot, PlotPoint, Points, Text};

use crate::scene::indicators::{BASELINE, Count, Domain, Rgba, Row};
use crate::ui::strings::Lang;
use crate::ui::tokens::{self, color};

/// What a click chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clicked {
    Indicator(usize),
    Structure(usize),
}

const ROW_H: f32 = 22.0;

/// The dumbbell (or, with a target only, a bar from 0) of one row.
fn row_plot(ui: &mut egui::Ui, row: &Row, width: f32) -> egui::Response {
    let c = color(row.color());
    let b = row.baseline.as_ref().and_then(|m| m.x).map(f64::from);
    let t = row.target.as_ref().and_then(|m| m.x).map(f64::from);
    let text_target = row.target.as_ref().filter(|m| m.x.is_none()).map(|m| m.text.clone());
    Plot::new(("indicator", row.index))
        .width(width)
        .height(ROW_H)
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
        .show_x(false)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .default_x_bounds(-0.04, 1.04)
        .default_y_bounds(-1.0, 1.0)
        .label_formatter(|_| None)
        .show(ui, |p| {
            p.line(Line::new("", vec![[0.0, 0.0], [1.0, 0.0]]).color(tokens::CHART_AXIS).width(1.0));
            match (b, t) {
                (Some(b), Some(t)) => p.line(Line::new("", vec![[b, 0.0], [t, 0.0]]).color(c.gamma_multiply(0.6)).width(3.0)),
                (None, Some(t)) => p.line(Line::new("", vec![[0.0, 0.0], [t, 0.0]]).color(c.gamma_multiply(0.3)).width(7.0)),
                _ => {}
            }
            if let Some(b) = b {
                p.points(Points::new("", vec![[b, 0.0]]).shape(MarkerShape::Circle).filled(false).radius(4.5).color(color(BASELINE)));
            }
            if let Some(t) = t {
                p.points(Points::new("", vec![[t, 0.0]]).shape(MarkerShape::Circle).filled(true).radius(5.0).color(c));
            }
            if let Some(text) = text_target {
                p.text(Text::new("", PlotPoint::new(0.03, 0.0), RichText::new(text).small().color(c)).anchor(Align2::LEFT_CENTER));
            }
        })
        .response
}

/// The indicator rows. Returns the index of a clicked indicator.
fn indicator_rows(ui: &mut egui::Ui, domains: &[Domain], selected: Option<usize>) -> Option<usize> {
    let mut clicked = None;
    let width = ui.available_width();
    let name_w = (width * 0.3).clamp(120.0, 330.0);
    let plot_w = (width * 0.3).clamp(60.0, 420.0);
    for d in domains {
        ui.add_space(4.0);
        ui.label(RichText::new(&d.name).strong().color(tokens::HEADING));
        for row in &d.rows {
            let c = color(row.color());
            let fill = if selected == Some(row.index) { tokens::SELECTED_ROW } else { Color32::TRANSPARENT };
            let inner = egui::Frame::new().fill(fill).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    // 约束性: a filled square; 预期性: a hollow one (told apart without colour too).
                    let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, ROW_H), Sense::hover());
                    let sq = egui::Rect::from_center_size(r.center(), egui::vec2(9.0, 9.0));
                    if row.is_binding() {
                        ui.painter().rect_filled(sq, 1.0, c);
                    } else {
                        ui.painter().rect_stroke(sq, 1.0, egui::Stroke::new(1.5, c), egui::StrokeKind::Inside);
                    }
                    let name = ui
                        .allocate_ui_with_layout(egui::vec2(name_w, ROW_H), egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            ui.set_min_size(egui::vec2(name_w, ROW_H));
                            ui.add(egui::Label::new(&row.name).truncate().sense(Sense::click()))
                        })
                        .inner;
                    let plot = row_plot(ui, row, plot_w);
                    // Baseline, a painted arrow (the bundled fonts have no "→"), target and unit.
                    let mut values = name.clone();
                    if let Some(b) = &row.baseline {
                        values |= ui.add(egui::Label::new(RichText::new(&b.text)).sense(Sense::click()));
                    }
                    let (r, arrow) = ui.allocate_exact_size(egui::vec2(14.0, ROW_H), Sense::click());
                    let (a, tip) = (r.left_center() + egui::vec2(1.0, 0.0), r.right_center() - egui::vec2(1.0, 0.0));
                    ui.painter().line_segment([a, tip], egui::Stroke::new(1.0, tokens::CHART_ARROW));
                    ui.painter().add(egui::Shape::convex_polygon(vec![tip, tip - egui::vec2(5.0, 3.0), tip - egui::vec2(5.0, -3.0)], tokens::CHART_ARROW, egui::Stroke::NONE));
                    values = values | arrow | ui.add(egui::Label::new(RichText::new(row.target_text())).truncate().sense(Sense::click()));
                    values | plot
                })
                .inner
            });
            let response = inner.inner.on_hover_text(row.hover_text());
            if response.clicked() {
                clicked = Some(row.index);
            }
        }
    }
    clicked
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

/// The whole chart: indicators (when the plan has any), then counts per structure.
pub fn show(ui: &mut egui::Ui, domains: &[Domain], counts: &[Count], selected: Option<usize>, lang: Lang) -> Option<Clicked> {
    let t = lang.t();
    let mut clicked = None;
    let n: usize = domains.iter().map(|d| d.rows.len()).sum();
    if n > 0 {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t.indicators_n.replace("{n}", &n.to_string())).strong());
            let sq = |ui: &mut egui::Ui, filled: bool, c: Rgba| {
                let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                if filled {
                    ui.painter().rect_filled(r, 1.0, color(c));
                } else {
                    ui.painter().rect_stroke(r, 1.0, egui::Stroke::new(1.5, color(c)), egui::StrokeKind::Inside);
                }
            };
            sq(ui, true, crate::scene::indicators::BINDING);
            ui.label(RichText::new(t.binding).small());
            sq(ui, false, crate::scene::indicators::EXPECTED);
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
            ui.label(RichText::new(t.target_own_scale).small().weak());
        });
        clicked = indicator_rows(ui, domains, selected).map(Clicked::Indicator);
        ui.add_space(10.0);
    } else {
        ui.label(RichText::new(t.no_indicators).weak());
    }
    ui.label(RichText::new(t.counts_title).strong());
    if let Some(s) = count_chart(ui, counts, lang) {
        clicked = Some(Clicked::Structure(s));
    }
    clicked
}
