//! A docked pane with the plan at a glance: its document and period, and each structure with
//! its kind and the number of members the plan names. Also the smallest example of a `Pane`.

use eframe::egui::{self, RichText};

use crate::model::Target;
use crate::ui::command::Command;
use crate::ui::panes::{Pane, PaneContext};
use crate::ui::strings::Lang;

#[derive(Default)]
pub struct Summary;

impl Pane for Summary {
    fn id(&self) -> &'static str {
        "summary"
    }

    fn title(&self, lang: Lang) -> String {
        lang.t().summary_title.into()
    }

    fn ui(&mut self, ui: &mut egui::Ui, cx: &PaneContext) -> Vec<Command> {
        let mut cmds = Vec::new();
        let Some(plan) = cx.doc.and_then(|d| d.plan.as_ref()) else {
            ui.label(RichText::new(cx.lang.t().nothing_open).weak());
            return cmds;
        };
        ui.label(RichText::new(&plan.plan.title).strong());
        ui.label(format!("{}  {}", plan.plan.region, plan.plan.period.clone().unwrap_or_default()));
        egui::Grid::new("planmap-summary").striped(true).show(ui, |ui| {
            for (i, s) in plan.structures.iter().enumerate() {
                let selected = cx.focus_structure == Some(i);
                if ui.selectable_label(selected, &s.name).clicked() {
                    cmds.push(Command::GoTo(Target::Structure(i)));
                }
                ui.label(s.kind.label_zh());
                ui.label(s.members.len().to_string());
                ui.end_row();
            }
        });
        cmds
    }
}
