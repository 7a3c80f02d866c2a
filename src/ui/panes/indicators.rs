//! The plan's indicators charted with egui_plot (one row per indicator, baseline → target on
//! its own scale, grouped by domain, 约束性 / 预期性 told apart; hover for the source, click to
//! read it in the details panel) and the counts per structure. Same rows as
//! `planmap export --indicators` (`scene::indicators`).

use eframe::egui::{self, RichText};

use crate::model::{Plan, Target};
use crate::scene::indicators::{self, Count, Domain};
use crate::ui::command::Command;
use crate::ui::panes::indicators_view::{self, Clicked};
use crate::ui::panes::{Pane, PaneContext};
use crate::ui::strings::Lang;

/// The rows of the plan last shown, rebuilt when the plan changes.
#[derive(Default)]
pub struct IndicatorsPane {
    cache: Option<(Plan, Vec<Domain>, Vec<Count>)>,
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
        let Some(plan) = cx.doc.and_then(|d| d.plan.as_ref()) else {
            ui.label(RichText::new(cx.lang.t().nothing_open).weak());
            return cmds;
        };
        if self.cache.as_ref().is_none_or(|(p, _, _)| p != plan) {
            self.cache = Some((plan.clone(), indicators::chart(plan), indicators::counts(plan)));
        }
        let Some((_, domains, counts)) = &self.cache else { return cmds };
        let selected = match cx.selected {
            Some(Target::Indicator(i)) => Some(*i),
            _ => None,
        };
        // The bottom strip scrolls the pane.
        match indicators_view::show(ui, domains, counts, selected, cx.lang) {
            Some(Clicked::Indicator(i)) => cmds.push(Command::Select(Some(Target::Indicator(i)))),
            Some(Clicked::Structure(s)) => cmds.push(Command::GoTo(Target::Structure(s))),
            None => {}
        }
        cmds
    }
}
