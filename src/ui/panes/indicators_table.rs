//! The indicators as a table (egui::Grid), as the plan's own table reads and as the exported
//! XLSX / CSV hold it: domain, name, unit, 约束性/预期性, baseline and target with their years,
//! the direction that is better, the source. A pair the plan's table and text disagree on is
//! one row marked "表/文 不一致", the other statement's figures and source under the first's.
//! A click on a name selects the indicator. The rows come from `scene::indicators`.

use eframe::egui::{self, RichText, Sense};

use crate::scene::indicators::{Chart, Mark, OTHER, Row};
use crate::ui::strings::Lang;
use crate::ui::tokens::{self, color};

fn mark_text(m: Option<&Mark>) -> String {
    m.map_or("—".to_string(), Mark::with_year)
}

/// A cell with the row's figure and, for a disagreeing pair, the other statement's under it.
fn figure_cell(ui: &mut egui::Ui, first: Option<&Mark>, other: Option<Option<&Mark>>, lang: Lang) {
    ui.vertical(|ui| {
        ui.label(mark_text(first));
        if let Some(o) = other {
            ui.label(RichText::new(format!("{} {}", lang.t().elsewhere, mark_text(o))).small().color(color(OTHER)));
        }
    });
}

fn row_ui(ui: &mut egui::Ui, row: &Row, domain_shown: bool, selected: Option<usize>, lang: Lang) -> bool {
    let t = lang.t();
    ui.label(if domain_shown { RichText::new(&row.domain).strong() } else { RichText::new("") });
    let clicked = ui
        .vertical(|ui| {
            let mut text = RichText::new(&row.name);
            if selected == Some(row.index) {
                text = text.background_color(tokens::SELECTED_ROW);
            }
            let r = ui.add(egui::Label::new(text).sense(Sense::click())).on_hover_text(row.hover_text());
            if let Some(label) = row.mismatch() {
                ui.label(RichText::new(label).strong().color(tokens::ERROR)).on_hover_text(t.mismatch_hover);
            }
            r.clicked()
        })
        .inner;
    ui.label(&row.unit);
    ui.label(RichText::new(row.kind_label()).color(color(row.color())));
    let other = row.other.as_ref();
    figure_cell(ui, row.baseline.as_ref(), other.map(|o| o.baseline.as_ref()), lang);
    figure_cell(ui, row.target.as_ref(), other.map(|o| o.target.as_ref()), lang);
    ui.label(if lang == Lang::Zh { row.better.label_zh() } else { row.better.label_en() });
    ui.vertical(|ui| {
        ui.label(RichText::new(&row.source).color(tokens::SOURCE));
        if let Some(o) = other {
            ui.label(RichText::new(format!("{} {}", t.elsewhere, o.source)).small().color(color(OTHER)));
        }
    });
    ui.end_row();
    clicked
}

/// The table. Returns the index of the indicator whose name was clicked.
pub fn show(ui: &mut egui::Ui, chart: &Chart, selected: Option<usize>, lang: Lang) -> Option<usize> {
    let t = lang.t();
    if chart.rows.is_empty() {
        ui.label(RichText::new(t.no_indicators).weak());
        return None;
    }
    let mut clicked = None;
    // Both ways, in the pane's height: a scroll area takes the scroll targets of both axes, so
    // a horizontal one alone would stop a row's scroll_to_me from reaching the pane's.
    egui::ScrollArea::both().id_salt("indicators table").max_height(ui.available_height().max(160.0)).show(ui, |ui| {
        // One line per figure: the table scrolls sideways rather than wrapping "2020 年 78.84".
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        egui::Grid::new("indicators table grid").striped(true).num_columns(8).spacing([14.0, 6.0]).show(ui, |ui| {
            for h in t.indicator_columns {
                ui.label(RichText::new(h).strong().color(tokens::HEADING));
            }
            ui.end_row();
            for (_, rows) in chart.domains() {
                for (i, row) in rows.iter().enumerate() {
                    if row_ui(ui, row, i == 0, selected, lang) {
                        clicked = Some(row.index);
                    }
                }
            }
        });
    });
    clicked
}
