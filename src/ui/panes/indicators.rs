//! The plan's indicators, as a table (the default: what a planner reads and hands on) or as a
//! chart (egui_plot: one shared axis per unit, baseline → target), with the counts per
//! structure under the chart; "Export table…" writes them as XLSX or CSV. Same rows as
//! `planmap export --indicators` (`scene::indicators`).

use eframe::egui::{self, RichText};

use crate::model::{Plan, Target};
use crate::scene::indicators::{self, Chart, Count};
use crate::ui::command::Command;
use crate::ui::panes::indicators_view::{self, Clicked};
use crate::ui::panes::{Pane, PaneContext, indicators_table};
use crate::ui::strings::Lang;

/// The rows of the plan last shown (rebuilt when the plan changes), and the view chosen.
#[derive(Default)]
pub struct IndicatorsPane {
    cache: Option<(Plan, Chart, Vec<Count>)>,
    pub chart_view: bool,
}

impl Pane for IndicatorsPane {
    fn id(&self) -> &'static str {
        "indicators"
    }

    fn title(&self, lang: Lang) -> String {
        lang.t().indicators_title.into()
    }

    fn ui(&mut self, ui: &mut egui::Ui, cx: &PaneContext) -> Vec<Command> {
        let mut cmds = Vec::new();
        let t = cx.lang.t();
        let Some(plan) = cx.doc.and_then(|d| d.plan.as_ref()) else {
            ui.label(RichText::new(t.nothing_open).weak());
            return cmds;
        };
        if self.cache.as_ref().is_none_or(|(p, _, _)| p != plan) {
            self.cache = Some((plan.clone(), indicators::chart(plan), indicators::counts(plan)));
        }
        let Some((_, chart, counts)) = &self.cache else { return cmds };
        let selected = match cx.selected {
            Some(Target::Indicator(i)) => Some(*i),
            _ => None,
        };
        ui.horizontal_wrapped(|ui| {
            if !chart.rows.is_empty() {
                ui.label(RichText::new(t.indicators_n.replace("{n}", &chart.rows.len().to_string())).strong());
            }
            ui.selectable_value(&mut self.chart_view, false, t.view_table);
            ui.selectable_value(&mut self.chart_view, true, t.view_chart);
            if ui.add_enabled(!chart.rows.is_empty(), egui::Button::new(t.export_indicators)).clicked() {
                cmds.push(Command::ExportIndicators);
            }
        });
        if self.chart_view {
            if !chart.rows.is_empty() {
                indicators_view::legend(ui, chart, cx.lang);
            }
            match indicators_view::show(ui, chart, counts, selected, cx.lang) {
                Some(Clicked::Indicator(i)) => cmds.push(Command::Select(Some(Target::Indicator(i)))),
                Some(Clicked::Structure(s)) => cmds.push(Command::GoTo(Target::Structure(s))),
                None => {}
            }
        } else if let Some(i) = indicators_table::show(ui, chart, selected, cx.lang) {
            cmds.push(Command::Select(Some(Target::Indicator(i))));
        }
        cmds
    }
}
