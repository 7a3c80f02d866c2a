//! A map pane: one open document with its own view, selection, presentation and edit state,
//! drawn as legend (left), details (right) and the map. The window shows one, or two side by
//! side when comparing. The pane's panels only read it and return commands; `App::apply`
//! changes it. What it derives from the plan (presentation steps, typed form text, indices
//! of structures) is rebuilt by `sync` whenever the document's revision changes.

use eframe::egui::{self, Pos2, Rect, RichText};

use crate::document::Document;
use crate::model::Target;
use crate::scene::View;
use crate::scene::fills::rgba;
use crate::scene::picture::{self, Highlight, MapData, Style};
use crate::ui::command::Command;
use crate::ui::file_watch::FileWatch;
use crate::ui::forms::Forms;
use crate::ui::map::present::{self, PRESENT_COLUMN, Presentation};
use crate::ui::map::view::{self, screen_rect};
use crate::ui::strings::Lang;
use crate::ui::{map::legend, panel};

/// Where a search hit is on the map: its counties (outlined, pulsed once when first drawn) and,
/// for a place or institution without a boundary, the name pinned at its county's label point
/// (the plan gives no coordinates, so the county is all that is known).
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub features: Vec<usize>,
    pub pin: Option<(usize, String)>,
    /// When it was first drawn (s, the context's clock).
    since: Option<f64>,
}

/// Width of the folded details panel (points).
const DETAILS_STRIP: f32 = 22.0;

/// The folded details panel: its title written down the strip, and what to click.
fn details_strip(ui: &mut egui::Ui, lang: Lang) {
    let t = lang.t();
    let rect = ui.max_rect();
    let galley = ui.painter().layout_no_wrap(t.details.to_string(), egui::FontId::proportional(12.0), ui.visuals().weak_text_color());
    let at = egui::pos2(rect.center().x + galley.size().y / 2.0, rect.top() + 8.0);
    ui.painter().add(egui::epaint::TextShape::new(at, galley, ui.visuals().weak_text_color()).with_angle(std::f32::consts::FRAC_PI_2));
    ui.allocate_rect(rect, egui::Sense::hover()).on_hover_text(t.click_hint);
}

/// How long the outline of a hit pulses (s).
const PULSE_SECONDS: f64 = 1.2;

pub struct MapPane {
    /// Salt for the pane's panels (two panes side by side must not share ids).
    pub id: egui::Id,
    pub doc: Option<Document>,
    pub view: Option<View>,
    /// Features to fit on the next frame (empty: the whole layout).
    pub fit_to: Option<Vec<usize>>,
    /// A camera move in progress: from, to, start time (s).
    flight: Option<(View, View, f64)>,
    /// The last fit: the view it gave, for what room, and what it framed. While the view is
    /// still that one, a change of room (a pane docked or closed, the window resized) refits.
    fitted: Option<(View, egui::Vec2, [f64; 4], Rect)>,
    pub selected: Option<Target>,
    /// A structure chosen in the legend or search (or picked in edit mode): its members are
    /// emphasised.
    pub focus_structure: Option<usize>,
    /// The county selected in the other map of a comparison, by adcode.
    pub counterpart: Option<String>,
    /// Where the last search hit or legend entry is on the map.
    pub located: Option<Located>,
    pub present: Option<Presentation>,
    pub edit_mode: bool,
    /// View ▸ one structure at a time: choosing a structure shows it alone.
    pub one_at_a_time: bool,
    /// Where the map was drawn last frame (for tests and for fitting).
    pub map_rect: Rect,
    /// Text typed in the search box (the text field's own state).
    pub search: String,
    pub forms: Forms,
    pub watch: FileWatch,
    /// The document revision the derived state was built for.
    seen_revision: u64,
    /// A file being opened or reloaded for this pane in the background; `doc` stays usable
    /// until it is ready.
    pub loading: Option<crate::ui::map::loading::Loading>,
}

impl MapPane {
    pub fn new(id: &str) -> MapPane {
        MapPane {
            id: egui::Id::unique(("planmap-pane", id)),
            doc: None,
            view: None,
            fit_to: None,
            flight: None,
            fitted: None,
            selected: None,
            focus_structure: None,
            counterpart: None,
            located: None,
            present: None,
            edit_mode: false,
            one_at_a_time: false,
            map_rect: Rect::NOTHING,
            search: String::new(),
            forms: Forms::default(),
            watch: FileWatch::default(),
            seen_revision: 0,
            loading: None,
        }
    }

    /// Show a newly opened document: selection and presentation cleared, framed on the
    /// plan's own district when it has one.
    pub fn set_document(&mut self, doc: Document) {
        self.fit_to = Some(doc.plan.as_ref().and_then(|p| p.focus_district()).and_then(|a| doc.boundaries.index_of(a)).into_iter().collect());
        self.doc = Some(doc);
        self.present = None;
        self.flight = None;
        self.clear();
        self.counterpart = None;
        self.forms = Forms::default();
        self.sync();
    }

    /// Rebuild what was derived from the plan, when the plan changed (edit, undo, reload).
    pub fn sync(&mut self) {
        let Some(doc) = &self.doc else { return };
        if doc.revision == self.seen_revision {
            return;
        }
        self.seen_revision = doc.revision;
        self.forms.plan_changed();
        let n = doc.plan.as_ref().map_or(0, |p| p.structures.len());
        self.focus_structure = self.focus_structure.filter(|&s| s < n);
        let still_there = match &self.selected {
            Some(Target::Structure(s)) => *s < n,
            Some(Target::Member { structure, index }) => doc.plan.as_ref().and_then(|p| p.structures.get(*structure)?.members.get(*index)).is_some(),
            _ => true,
        };
        if !still_there {
            self.selected = None;
        }
        if let Some(p) = &mut self.present {
            p.refresh(doc);
            if let Some(t) = &p.overlay
                && !matches!(t, Target::District(_))
            {
                p.overlay = None;
            }
        }
    }

    pub fn selected_feature(&self) -> Option<usize> {
        match (&self.selected, &self.doc) {
            (Some(Target::District(a)), Some(doc)) => doc.boundaries.index_of(a),
            _ => None,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    /// Screen position of a lon/lat point on the map as last drawn (None before the first frame).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<Pos2> {
        let doc = self.doc.as_ref()?;
        let view = self.view?;
        let [x, y] = view.screen_from_world(screen_rect(self.map_rect), doc.scene.projection.forward(lon, lat));
        Some(Pos2::new(x, y))
    }

    pub fn clear(&mut self) {
        self.selected = None;
        self.focus_structure = None;
        self.located = None;
        self.search.clear();
    }

    /// Select a search hit or legend entry and bring it into view: the counties the plan puts
    /// it in, or the whole map for a city-level fact; outlined, and pinned when it has no
    /// boundary of its own.
    pub fn go_to(&mut self, target: Target) {
        let Some(doc) = &self.doc else { return };
        let plan = doc.plan.as_ref();
        let feature_of = |adcode: Option<&str>| adcode.and_then(|a| doc.boundaries.index_of(a));
        let (features, pin): (Vec<usize>, Option<String>) = match &target {
            Target::District(a) => (feature_of(Some(a)).into_iter().collect(), None),
            Target::Structure(s) => (doc.members_of(*s), None),
            Target::Hospital { district, index } => {
                let d = plan.and_then(|p| p.all_districts().nth(*district));
                (feature_of(d.and_then(|d| d.adcode())).into_iter().collect(), d.and_then(|d| d.hospitals.get(*index)).map(|h| h.name.clone()))
            }
            Target::Project { district, index } => {
                let d = plan.and_then(|p| p.all_districts().nth(*district));
                (feature_of(d.and_then(|d| d.adcode())).into_iter().collect(), d.and_then(|d| d.projects.get(*index)).map(|h| h.name.clone()))
            }
            Target::Member { structure, index } => {
                let m = plan.and_then(|p| p.structures.get(*structure)?.members.get(*index));
                (feature_of(m.and_then(|m| m.within.as_ref()).map(|w| w.get_ref().as_str())).into_iter().collect(), m.map(|m| m.name().to_string()))
            }
            Target::City | Target::Indicator(_) => (Vec::new(), None),
        };
        self.focus_structure = if let Target::Structure(s) = target { Some(s) } else { None };
        // A city-level fact (no county of its own) is about the whole map.
        let city_level = features.is_empty() && matches!(target, Target::City | Target::Hospital { .. } | Target::Project { .. });
        self.fit_to = (!features.is_empty() || city_level).then(|| features.clone());
        let pin = match (features.as_slice(), pin) {
            ([one], Some(name)) => Some((*one, name)),
            _ => None,
        };
        // A structure's members are emphasised already; a district is the selection.
        let outlined = match target {
            Target::Structure(_) | Target::District(_) => Vec::new(),
            _ => features,
        };
        self.located = (!outlined.is_empty() || pin.is_some()).then_some(Located { features: outlined, pin, since: None });
        self.selected = Some(target);
    }

    /// Bring counties into view by adcode (a difference between two versions): one county is
    /// selected, several are outlined. Those this map lacks are left out.
    pub fn show_counties(&mut self, adcodes: &[String]) {
        let Some(doc) = &self.doc else { return };
        let features: Vec<usize> = adcodes.iter().filter_map(|a| doc.boundaries.index_of(a)).collect();
        match (adcodes, features.len()) {
            (_, 0) => {}
            ([one], _) => self.go_to(Target::District(one.clone())),
            _ => {
                self.selected = None;
                self.focus_structure = None;
                self.fit_to = Some(features.clone());
                self.located = Some(Located { features, pin: None, since: None });
            }
        }
    }

    /// Set the view (a drag, a zoom, a linked pane): any camera flight stops.
    pub fn set_view(&mut self, view: View) {
        self.view = Some(view);
        self.flight = None;
    }

    pub fn start_presentation(&mut self) {
        let Some(doc) = &self.doc else { return };
        if doc.plan.is_none() {
            return;
        }
        self.present = Some(Presentation::new(doc));
        self.clear();
        self.fit_to = Some(Vec::new());
    }

    pub fn stop_presentation(&mut self) {
        self.present = None;
        self.flight = None;
        self.fit_to = Some(Vec::new());
    }

    /// Go to presentation step `k` (0 = title card) and fly the camera to its members.
    pub fn go_to_step(&mut self, k: usize) {
        let (Some(p), Some(doc)) = (&mut self.present, &self.doc) else { return };
        self.fit_to = Some(p.go_to(k, doc));
    }

    /// The pane: legend on the left, details on the right, the map between.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang, compact: bool) -> Vec<Command> {
        self.sync();
        let mut cmds = Vec::new();
        // The text fields' own buffers are lent to the panels; the rest of the pane is read-only.
        let mut search = std::mem::take(&mut self.search);
        let mut forms = std::mem::take(&mut self.forms);
        // Side by side, each pane is half the window: the details go under the map there. On
        // a laptop the side panels give up width first, so the map keeps most of it.
        let width = ui.ctx().content_rect().width();
        let legend_max = (width * 0.17).max(200.0);
        let details_max = (width * 0.24).max(240.0);
        // Details beside the map only while the map keeps 55 % of the window; otherwise (a
        // side pane open on a laptop) under it.
        let below = compact || ui.available_width() - legend_max.min(270.0) - details_max.min(320.0) < width * 0.55;
        let legend = egui::Panel::left(self.id.with("legend")).resizable(true);
        let legend = if compact { legend.default_size(200.0).max_size(260.0) } else { legend.default_size(270.0).max_size(legend_max) };
        legend.show(ui, |ui| {
            // Long structure names wrap rather than run under the map.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            egui::ScrollArea::vertical().show(ui, |ui| cmds.extend(legend::legend(ui, self, &mut search, &mut forms, lang)));
        });
        // Nothing to show: the details fold to a strip at the edge, and open with a selection.
        if self.selected.is_none() && !self.edit_mode && !compact {
            let strip = egui::Panel::right(self.id.with("details-strip")).exact_size(DETAILS_STRIP).resizable(false);
            strip.show(ui, |ui| details_strip(ui, lang));
        } else if self.selected.is_none() && !self.edit_mode {
            // Side by side: one line under the map, so both maps keep their height.
            let strip = egui::Panel::bottom(self.id.with("details-line")).exact_size(DETAILS_STRIP).resizable(false);
            strip.show(ui, |ui| ui.label(RichText::new(lang.t().click_hint).small().weak()));
        } else {
            let details = if below {
                egui::Panel::bottom(self.id.with("details-below")).resizable(true).default_size(240.0).min_size(160.0)
            } else {
                egui::Panel::right(self.id.with("details")).resizable(true).default_size(320.0).max_size(details_max)
            };
            details.show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| cmds.extend(panel::details_panel(ui, self, &mut forms, lang)));
            });
        }
        self.search = search;
        self.forms = forms;
        egui::CentralPanel::no_frame().show(ui, |ui| cmds.extend(self.map_ui(ui, lang)));
        cmds
    }

    /// The pane in a presentation: the map alone, with captions over it.
    pub fn present_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Vec<Command> {
        self.sync();
        let mut cmds = Vec::new();
        if let (Some(p), Some(doc)) = (&self.present, &self.doc) {
            cmds.extend(crate::ui::panes::diagram::present_side(ui, doc, &p.current_structures()));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| cmds.extend(self.map_ui(ui, lang)));
        if let (Some(p), Some(doc)) = (&self.present, &self.doc) {
            cmds.extend(present::captions(ui.ctx(), p, doc, lang));
        }
        cmds
    }

    /// Carry out a pending fit (in a presentation the camera glides) and advance a flight.
    fn settle_view(&mut self, rect: Rect, ctx: &egui::Context) {
        let Some(doc) = &self.doc else { return };
        let now = ctx.input(|i| i.time);
        if let Some(features) = self.fit_to.take() {
            let b = crate::scene::view::frame_bounds(&doc.scene, &features);
            // In a presentation the caption covers part of the screen: fit beside or above it.
            let room = match &self.present {
                Some(p) if p.current_structures().len() > 1 => Rect::from_min_max(rect.min, egui::pos2(rect.max.x - PRESENT_COLUMN, rect.max.y)),
                Some(_) => Rect::from_min_max(rect.min, egui::pos2(rect.max.x, rect.max.y - 170.0)),
                None => rect,
            };
            let mut target = View::fit(b, screen_rect(room));
            target.center[0] += f64::from(rect.center().x - room.center().x) / target.scale;
            target.center[1] -= f64::from(rect.center().y - room.center().y) / target.scale;
            match self.view {
                Some(from) if self.present.is_some() => self.flight = Some((from, target, now)),
                _ => {
                    self.view = Some(target);
                    self.fitted = Some((target, rect.size(), b, room));
                }
            }
        } else if let Some((view, size, b, room)) = self.fitted
            && self.view == Some(view)
            && size != rect.size()
        {
            // Keep what the room around the fitted area looked like: refit in the new room.
            let room = Rect::from_min_max(rect.min, rect.min + (room.size() + rect.size() - size).max(egui::vec2(1.0, 1.0)));
            let mut target = View::fit(b, screen_rect(room));
            target.center[0] += f64::from(rect.center().x - room.center().x) / target.scale;
            target.center[1] -= f64::from(rect.center().y - room.center().y) / target.scale;
            self.view = Some(target);
            self.fitted = Some((target, rect.size(), b, room));
        }
        if let Some((from, to, start)) = self.flight {
            let t = ((now - start) / 0.8).clamp(0.0, 1.0);
            self.view = Some(from.lerp(&to, t));
            if t >= 1.0 {
                self.flight = None;
            } else {
                ctx.request_repaint();
            }
        }
        if self.view.is_none() {
            let view = View::fit(doc.scene.bounds, screen_rect(rect));
            self.view = Some(view);
            self.fitted = Some((view, rect.size(), doc.scene.bounds, rect));
        }
    }

    /// Edit mode's Pick: a structure chosen, a click on a county adds or removes it.
    pub fn picking(&self) -> bool {
        self.edit_mode && self.focus_structure.is_some() && self.present.is_none()
    }

    fn highlight(&self, doc: &Document, hovered: Option<usize>, now: f64) -> Highlight {
        let structures = match &self.present {
            Some(p) => p.current_structures(),
            None => self.focus_structure.into_iter().collect(),
        };
        let members = (!structures.is_empty()).then(|| structures.iter().flat_map(|&s| doc.members_of(s)).collect::<Vec<_>>());
        let member_color = match (structures.first(), &doc.plan) {
            (Some(&s), Some(p)) => rgba(p.structure_color(s)),
            _ => [0, 0, 0, 255],
        };
        let counterpart = self.counterpart.as_deref().and_then(|a| doc.boundaries.index_of(a));
        let (located, pin, pulse) = match &self.located {
            Some(l) => {
                let t = now - l.since.unwrap_or(now);
                let pulse = if t < PULSE_SECONDS { (t / PULSE_SECONDS * std::f64::consts::PI).sin() as f32 } else { 0.0 };
                (l.features.clone(), l.pin.clone(), pulse)
            }
            None => (Vec::new(), None, 0.0),
        };
        let pick = self.picking();
        Highlight { selected: self.selected_feature(), hovered, counterpart, members, member_color, pick, located, pulse, pin }
    }

    /// The map as this pane draws it at time `now`.
    fn describe<'a>(&'a self, doc: &'a Document, view: View, hovered: Option<usize>, now: f64) -> picture::MapPicture<'a> {
        let data = match &self.present {
            Some(Presentation { fill: Some((fill, visible)), .. }) => MapData { fill, visible, ..doc.map_data() },
            _ => doc.map_data(),
        };
        // Triangulating a new detail level of all of China takes hundreds of ms: a zoom spreads
        // it over frames (about 20 ms of work each) and draws a neighbouring level meanwhile.
        let style = Style { triangulate_budget: Some(picture::FRAME_TRIANGULATE_BUDGET), ..Style::default() };
        picture::describe(data, view, screen_rect(self.map_rect), &self.highlight(doc, hovered, now), style)
    }

    /// The map as last laid out, long after any pulse (None before the first frame).
    pub fn picture(&self) -> Option<picture::MapPicture<'_>> {
        Some(self.describe(self.doc.as_ref()?, self.view?, None, f64::MAX))
    }

    fn map_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Vec<Command> {
        let mut cmds = Vec::new();
        let rect = ui.available_rect_before_wrap();
        self.map_rect = rect;
        self.settle_view(rect, &ui.ctx().clone());
        if let Some(l) = &mut self.located {
            let now = ui.input(|i| i.time);
            if now - *l.since.get_or_insert(now) < PULSE_SECONDS {
                ui.ctx().request_repaint();
            }
        }
        let (Some(doc), Some(view)) = (&self.doc, self.view) else {
            // The map's paper, not the window's clear colour, behind the message or the progress.
            ui.painter().rect_filled(rect, 0.0, crate::ui::tokens::color(picture::colors::PAPER));
            match &self.loading {
                Some(l) => cmds.extend(l.ui(ui, rect.shrink2(egui::vec2(0.0, rect.height() / 3.0)), lang)),
                None => {
                    ui.centered_and_justified(|ui| ui.label(lang.t().nothing_open));
                }
            }
            return cmds;
        };
        let input = view::interact(ui, rect, &doc.scene, view);
        if let Some(v) = input.view {
            cmds.push(Command::SetView(v));
        }
        let now = ui.input(|i| i.time);
        let pic = self.describe(doc, input.view.unwrap_or(view), input.hovered, now);
        view::paint(&ui.painter_at(rect), &pic, self.id);
        if pic.stand_ins {
            ui.ctx().request_repaint();
        }
        // Over the map, after it, so its Cancel button takes the click.
        if let Some(l) = &self.loading {
            cmds.extend(l.ui(ui, rect, lang));
        }
        if let Some(f) = input.hovered.and_then(|i| doc.boundaries.features.get(i)) {
            let mut lines = Vec::new();
            if let Some(plan) = &doc.plan {
                for st in plan.structures_of(&f.adcode).into_iter().filter_map(|s| plan.structures.get(s)) {
                    let extent = st.member_for(&f.adcode).and_then(|m| m.partial.clone()).map_or(String::new(), |q| lang.t().partial_of.replace("{q}", &q));
                    lines.push(crate::ui::map::legend::written(&format!("· {}{extent}", st.name)));
                }
            }
            let context = self.picking() && f.is_context();
            input.response.on_hover_ui_at_pointer(|ui| {
                ui.label(RichText::new(&f.name).strong());
                if context {
                    ui.label(RichText::new(lang.t().context_hint).weak());
                }
                for l in &lines {
                    ui.label(l);
                }
            });
        }
        if let Some(clicked) = input.clicked {
            if self.picking() {
                cmds.extend(clicked.map(Command::ToggleMember));
            } else {
                cmds.push(Command::Select(clicked.and_then(|i| doc.boundaries.features.get(i)).map(|f| Target::District(f.adcode.clone()))));
            }
        }
        cmds
    }
}
