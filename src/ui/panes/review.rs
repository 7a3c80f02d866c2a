//! Reviewing a drafted layout: every entry still marked `draft = true`, grouped by structure
//! and district, with its section, and the plan sentences it was quoted from. In a sentence
//! each name the draft recognised is a chip (click: show it on the map); the reviewer selects
//! any other words (drag, or click then Shift+click) and adds them to the structure as a
//! member (a county-level unit of the region named so), a place, a hospital or a project,
//! with the sentence's section as source. Accept clears the mark, Reject removes the entry,
//! Edit selects it for the details panel's forms; a whole structure is accepted or rejected
//! at once; the heading counts "N of M reviewed". Every change is a `model::edit` command, so
//! it is checked, undoable and saved like any edit. Opens by itself for a drafted layout.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, RichText};

use crate::document::Document;
use crate::draft::gazetteer::short_forms;
use crate::draft::review::Sections;
use crate::model::edit::{Command as Edit, DistrictRef, Entry, Fact, FactKind, Group};
use crate::model::{Boundaries, Diagnostic, Plan, Severity, Target};
use crate::ui::command::Command;
use crate::ui::panes::sentence_view::{self, Chip};
use crate::ui::panes::{Docked, Pane, PaneContext, Placement};
use crate::ui::strings::{Lang, Strings};
use crate::ui::tokens;

/// A plan's text and the section path at each of its bytes.
type PlanText = (Arc<str>, Arc<Sections>);

/// The plan text the open layout names, read once per file, with its section paths.
#[derive(Default)]
pub struct ReviewPane {
    /// Shared, so a frame takes a reference to the plan's text rather than a copy of it.
    plan_text: Option<(PathBuf, Option<PlanText>)>,
    /// Words the reviewer selected in a quoted sentence, kept until used or cleared.
    selection: Option<Selection>,
    /// Each block's sentences (byte ranges of the plan text), by what the block quotes: found
    /// once, not searched for in the whole text on every frame.
    sentence_cache: std::collections::HashMap<u64, Vec<Range<usize>>>,
}

/// Selected words: in which block's sentence (by where the sentence starts in the plan
/// text), and which bytes of that sentence.
#[derive(Debug, Clone, PartialEq)]
struct Selection {
    group: Group,
    sentence_at: usize,
    range: Range<usize>,
}

/// One drafted entry as listed.
struct Row {
    entry: Entry,
    target: Target,
    label: String,
    /// The words the draft quoted, searched for in the plan (a county also by its short form).
    quoted: Vec<String>,
    section: String,
}

/// A name to mark as a chip in the block's sentences.
struct Name {
    words: Vec<String>,
    target: Target,
    fill: egui::Color32,
    tip: String,
}

struct Block {
    group: Group,
    title: String,
    section: String,
    rows: Vec<Row>,
    names: Vec<Name>,
}

/// The plan document named in `[plan] document`, relative to the layout file.
pub fn plan_path(doc: &Document, plan: &Plan) -> Option<PathBuf> {
    let name = plan.plan.document.trim();
    if name.is_empty() {
        return None;
    }
    let dir = doc.path.parent().unwrap_or(Path::new("."));
    Some(dir.join(name))
}

/// A county's name and the short forms plans write it by ("鸠江区", "鸠江").
fn name_forms(name: &str, county: bool) -> Vec<String> {
    let mut out = vec![name.to_string()];
    if county {
        out.extend(short_forms(name));
    }
    out
}

/// Every drafted entry, grouped: structures in the plan's order, then districts, then the city.
fn blocks(plan: &Plan, t: &Strings) -> Vec<Block> {
    let state = |draft: bool| if draft { t.drafted } else { t.reviewed };
    let fill = |draft: bool| if draft { tokens::CHIP_DRAFTED } else { tokens::CHIP_REVIEWED };
    let mut out = Vec::new();
    for (si, s) in plan.structures.iter().enumerate() {
        let mut rows = Vec::new();
        let mut names = vec![Name {
            words: std::iter::once(s.name.clone()).chain(s.name.split(['：', ':']).map(str::trim).filter(|p| p.chars().count() >= 2).map(String::from)).collect(),
            target: Target::Structure(si),
            fill: tokens::CHIP_STRUCTURE,
            tip: format!("{} {} · {}", t.structure_word, s.name, state(s.draft)),
        }];
        if s.draft {
            rows.push(Row {
                entry: Entry::Structure(si),
                target: Target::Structure(si),
                label: format!("{} {}", t.structure_word, s.name),
                quoted: vec![s.name.clone()],
                section: s.source.clone(),
            });
        }
        for (mi, m) in s.members.iter().enumerate() {
            let target = match m.adcode() {
                Some(a) => Target::District(a.to_string()),
                None => Target::Member { structure: si, index: mi },
            };
            let words = name_forms(m.name(), m.adcode().is_some());
            let partial = m.partial.as_ref().map_or(String::new(), |p| format!("（{p}）"));
            names.push(Name {
                words: words.clone(),
                target: target.clone(),
                fill: fill(m.draft),
                tip: format!("{} {}{partial} · {}", t.member_word, m.name(), state(m.draft)),
            });
            if m.draft {
                rows.push(Row {
                    entry: Entry::Member { structure: si, member: mi },
                    target,
                    label: format!("{} {}", t.member_word, m.name()),
                    quoted: words,
                    section: m.source_or(s).to_string(),
                });
            }
        }
        if !rows.is_empty() {
            out.push(Block { group: Group::Structure(si), title: s.name.clone(), section: s.source.clone(), rows, names });
        }
    }
    for (di, d) in plan.all_districts().enumerate() {
        let is_city = di >= plan.districts.len();
        let dref = match (is_city, d.adcode()) {
            (false, Some(a)) => DistrictRef::County { adcode: a.to_string(), name: d.name().to_string() },
            (false, None) => continue,
            (true, _) => DistrictRef::City,
        };
        let here = if is_city { Target::City } else { Target::District(d.adcode().unwrap_or_default().to_string()) };
        let fact = |kind, index| Entry::Fact { district: dref.clone(), kind, index };
        let mut rows = Vec::new();
        let mut names = Vec::new();
        let mut add = |entry: Entry, target: Target, word: &str, what: &str, section: &str, draft: bool| {
            names.push(Name { words: vec![what.to_string()], target: target.clone(), fill: fill(draft), tip: format!("{word} {what} · {}", state(draft)) });
            if draft {
                rows.push(Row { entry, target, label: format!("{word} {what}"), quoted: vec![what.to_string()], section: section.to_string() });
            }
        };
        for (i, x) in d.specialities.iter().enumerate() {
            add(fact(FactKind::Speciality, i), here.clone(), t.speciality_word, &x.text, &x.source, x.draft);
        }
        for (i, x) in d.hospitals.iter().enumerate() {
            add(fact(FactKind::Hospital, i), Target::Hospital { district: di, index: i }, t.hospital_word, &x.name, &x.source, x.draft);
        }
        for (i, x) in d.projects.iter().enumerate() {
            add(fact(FactKind::Project, i), Target::Project { district: di, index: i }, t.project_word, &x.name, &x.source, x.draft);
        }
        if !rows.is_empty() {
            let section = rows.first().map(|r| r.section.clone()).unwrap_or_default();
            out.push(Block { group: Group::District(dref), title: d.name().to_string(), section, rows, names });
        }
    }
    out
}

/// Entries reviewed and entries in all (structures, members, facts): a drafted layout starts
/// with every entry marked; an accepted one loses the mark, a rejected one goes, an entry the
/// reviewer adds counts as reviewed.
pub fn reviewed(plan: &Plan) -> (usize, usize) {
    let all = plan.structures.iter().map(|s| 1 + s.members.len()).sum::<usize>()
        + plan.all_districts().map(|d| d.specialities.len() + d.hospitals.len() + d.projects.len()).sum::<usize>();
    (all.saturating_sub(pending(plan)), all)
}

/// How many entries of the layout are still drafted.
pub fn pending(plan: &Plan) -> usize {
    plan.structures.iter().map(|s| usize::from(s.draft) + s.members.iter().filter(|m| m.draft).count()).sum::<usize>()
        + plan
            .all_districts()
            .map(|d| d.specialities.iter().filter(|x| x.draft).count() + d.hospitals.iter().filter(|x| x.draft).count() + d.projects.iter().filter(|x| x.draft).count())
            .sum::<usize>()
}

/// The sentence of `text` holding `quoted` (first found after `after`, else anywhere), as
/// (sentence, byte range of the quote inside it). None when the plan does not contain it.
/// A drafted name joined from two places ("三片区：中医药康养服务区") is searched as a whole,
/// else by its parts, longest first.
pub fn sentence_of<'a>(text: &'a str, quoted: &str, after: usize) -> Option<(&'a str, std::ops::Range<usize>)> {
    let quoted = quoted.trim();
    let mut tries = vec![quoted];
    let mut parts: Vec<&str> = quoted.split(['：', ':']).map(str::trim).filter(|p| p.chars().count() >= 2 && *p != quoted).collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    tries.extend(parts);
    tries.into_iter().filter(|q| !q.is_empty()).find_map(|q| sentence_at(text, q, after))
}

fn sentence_at<'a>(text: &'a str, quoted: &str, after: usize) -> Option<(&'a str, std::ops::Range<usize>)> {
    let at = text.get(after..).and_then(|t| t.find(quoted)).map(|i| i + after).or_else(|| text.find(quoted))?;
    let ends = |c: char| matches!(c, '。' | '！' | '？' | '；' | '\n');
    let start = text[..at].rfind(ends).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[at + quoted.len()..].find(ends).map_or(text.len(), |i| at + quoted.len() + i + text[at + quoted.len() + i..].chars().next().map_or(0, char::len_utf8));
    let sentence = &text[start..end];
    Some((sentence, at - start..at - start + quoted.len()))
}

/// What `check` says of a structure or district that holds drafted entries.
const DRAFT_WARNING: &str = "not yet reviewed (remove `draft = true` once checked)";

/// The problems to list: with the review pane open, `check`'s one warning per structure or
/// district holding drafted entries says what the pane already lists, so they become one line
/// (the total, and where to review them). Everything else is kept as it is, in order.
pub fn fold_draft_warnings<'a>(problems: &'a [Diagnostic], docked: &[Docked], lang: Lang) -> Cow<'a, [Diagnostic]> {
    let is_draft = |d: &Diagnostic| !d.is_error() && d.message.ends_with(DRAFT_WARNING);
    let review_open = docked.iter().any(|d| d.open && d.pane.id() == "review");
    let folded: Vec<&Diagnostic> = problems.iter().filter(|d| is_draft(d)).collect();
    let Some(first) = folded.first().filter(|_| review_open && folded.len() > 1) else { return Cow::Borrowed(problems) };
    // "structure \"一核心\": 4 drafted entries not yet …": the count before " drafted entr".
    let entries: usize = folded.iter().filter_map(|d| d.message.split(" drafted entr").next().and_then(|h| h.rsplit(' ').next()).and_then(|n| n.parse::<usize>().ok())).sum();
    let message = lang.t().drafts_not_reviewed.replace("{n}", &folded.len().to_string()).replace("{entries}", &entries.to_string());
    let mut out = Vec::with_capacity(problems.len() - folded.len() + 1);
    let mut placed = false;
    for d in problems {
        if !is_draft(d) {
            out.push(d.clone());
        } else if !placed {
            placed = true;
            out.push(Diagnostic::file(Severity::Warning, &first.file, message.clone()));
        }
    }
    Cow::Owned(out)
}

/// Fill the fact form with a county's fact `index` of `kind`, as its Change button does, so
/// Apply replaces that fact.
pub fn fill_fact_form(forms: &mut crate::ui::forms::Forms, plan: &Plan, adcode: &str, kind: FactKind, index: usize) {
    let Some(d) = plan.district(adcode) else { return };
    let filled = match kind {
        FactKind::Speciality => d.specialities.get(index).map(|x| (String::new(), x.text.clone(), x.source.clone())),
        FactKind::Hospital => d.hospitals.get(index).map(|x| (x.name.clone(), x.focus.join("、"), x.source.clone())),
        FactKind::Project => d.projects.get(index).map(|x| (x.name.clone(), x.detail.clone().unwrap_or_default(), x.source.clone())),
    };
    if let Some((name, text, source)) = filled {
        forms.editing = Some((kind, index));
        forms.fact_kind = Some(kind);
        (forms.fact_name, forms.fact_text, forms.fact_source) = (name, text, source);
    }
}

impl ReviewPane {
    /// The plan's text and its sections, read on first use for each plan file (None when
    /// missing or unreadable).
    fn text_for(&mut self, path: Option<PathBuf>) -> Option<(Arc<str>, Arc<Sections>)> {
        let path = path?;
        if self.plan_text.as_ref().is_none_or(|(p, _)| *p != path) {
            let read = crate::io::plan_text::read(&path).ok().map(|t| {
                let text: Arc<str> = Arc::from(t.text);
                let sections = Arc::new(Sections::new(&text));
                (text, sections)
            });
            self.plan_text = Some((path, read));
            self.selection = None;
            self.sentence_cache.clear();
        }
        self.plan_text.as_ref().and_then(|(_, t)| t.clone())
    }

    /// `sentences`, remembered for what the block quotes.
    fn sentences_cached<'a>(&mut self, text: &'a str, block: &Block) -> Vec<(usize, &'a str)> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        matches!(block.group, Group::Structure(_)).hash(&mut h);
        block.title.hash(&mut h);
        block.rows.iter().for_each(|r| r.quoted.hash(&mut h));
        let key = h.finish();
        if self.sentence_cache.len() > 10_000 {
            self.sentence_cache.clear();
        }
        let ranges = self.sentence_cache.entry(key).or_insert_with(|| {
            let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
            sentences(text, block).into_iter().map(|(at, s)| at..offset(s) + s.len()).collect()
        });
        ranges.iter().filter_map(|r| text.get(r.clone()).map(|s| (r.start, s))).collect()
    }

    fn block_ui(&mut self, ui: &mut egui::Ui, block: &Block, cx: &Cx<'_>, cmds: &mut Vec<Command>) {
        let t = cx.t;
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&block.title).strong());
            ui.label(RichText::new(&block.section).small().weak());
            ui.add_enabled_ui(cx.editable, |ui| {
                let (accept, reject) = match block.group {
                    Group::Structure(_) => (t.accept_structure, t.reject_structure),
                    Group::District(_) => (t.accept_all, t.reject_all),
                };
                if ui.small_button(accept).clicked() {
                    cmds.push(Command::Edit(Edit::AcceptDrafts(block.group.clone())));
                }
                if ui.small_button(reject).clicked() {
                    cmds.push(Command::Edit(Edit::RejectDrafts(block.group.clone())));
                }
            });
        });
        // The sentences first: what the plan says is what the reviewer reads and picks from.
        let quoted = cx.text.map_or_else(Vec::new, |(text, _)| self.sentences_cached(text, block));
        for (at, sentence) in quoted {
            let (chips, targets) = chips_in(sentence, &block.names);
            let selected = self.selection.as_ref().filter(|s| s.group == block.group && s.sentence_at == at).map(|s| s.range.clone());
            let id = ui.make_persistent_id(("sentence", at));
            let action = ui.indent(("quote", at), |ui| sentence_view::show(ui, id, sentence, &chips, selected.clone())).inner;
            match action {
                sentence_view::Action::Chip(i) => {
                    if let Some(target) = targets.get(i) {
                        cmds.push(Command::GoTo(target.clone()));
                    }
                }
                sentence_view::Action::Select(range) => self.selection = Some(Selection { group: block.group.clone(), sentence_at: at, range }),
                sentence_view::Action::Clear if selected.is_some() => self.selection = None,
                _ => {}
            }
            if let Some(sel) = self.selection.clone().filter(|s| s.group == block.group && s.sentence_at == at) {
                ui.indent(("offer", at), |ui| self.offer(ui, block, cx, sentence, at, sel.range, cmds));
            }
        }
        for (ri, row) in block.rows.iter().enumerate() {
            ui.push_id(ri, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(&row.label);
                    if row.section != block.section {
                        ui.label(RichText::new(&row.section).small().weak());
                    }
                    ui.add_enabled_ui(cx.editable, |ui| {
                        if ui.small_button(t.accept).clicked() {
                            cmds.push(Command::Edit(Edit::SetDraft { entry: row.entry.clone(), draft: false }));
                        }
                        if ui.small_button(t.reject).clicked() {
                            cmds.push(Command::Edit(Edit::Remove(row.entry.clone())));
                        }
                        if ui.small_button(t.edit).clicked() {
                            match &row.entry {
                                // A county's fact: its form, filled with the fact.
                                Entry::Fact { district: DistrictRef::County { adcode, .. }, kind, index } => {
                                    cmds.push(Command::EditFact { adcode: adcode.clone(), kind: *kind, index: *index });
                                }
                                // A structure, a member (its county's memberships), the city.
                                _ => {
                                    cmds.push(Command::SetEditMode(true));
                                    cmds.push(Command::GoTo(row.target.clone()));
                                }
                            }
                        }
                    });
                });
            });
        }
    }

    /// What the selected words can be added as, each button one command.
    #[allow(clippy::too_many_arguments)]
    fn offer(&mut self, ui: &mut egui::Ui, block: &Block, cx: &Cx<'_>, sentence: &str, at: usize, range: Range<usize>, cmds: &mut Vec<Command>) {
        let t = cx.t;
        let words = selected_words(sentence, range);
        let Some((text, sections)) = cx.text else { return };
        let section = sections.at(text, at);
        let mut used = false;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t.selected_words).weak());
            ui.label(RichText::new(format!("“{words}”")).strong());
            if words.is_empty() {
                return;
            }
            ui.add_enabled_ui(cx.editable, |ui| {
                if let Group::Structure(si) = block.group {
                    // A member's source is its structure's unless the sentence stands elsewhere.
                    let own = (!section.is_empty() && section != block.section).then(|| section.clone());
                    match unit_named(cx.plan, cx.boundaries, words) {
                        Some(f) => {
                            let already = cx.plan.structures.get(si).is_some_and(|s| s.member_for(&f.adcode).is_some());
                            let b = ui.add_enabled(!already, egui::Button::new(format!("{} · {}", t.add_as_member, f.name)).small()).on_disabled_hover_text(t.already_member);
                            if b.clicked() {
                                cmds.push(Command::Edit(Edit::AddQuoted {
                                    structure: si,
                                    adcode: Some(f.adcode.clone()),
                                    name: f.name.clone(),
                                    within: None,
                                    source: own.clone(),
                                }));
                                used = true;
                            }
                        }
                        None => {
                            let within = unit_begun(cx.plan, cx.boundaries, words);
                            let label = match within {
                                Some(f) => format!("{} · {} {}", t.add_as_place, t.within, f.name),
                                None => t.add_as_place.to_string(),
                            };
                            if ui.small_button(label).on_hover_text(t.member_rule).clicked() {
                                let within = within.map(|f| f.adcode.clone());
                                cmds.push(Command::Edit(Edit::AddQuoted { structure: si, adcode: None, name: words.to_string(), within, source: own.clone() }));
                                used = true;
                            }
                        }
                    }
                }
                let (home, home_name) = match &block.group {
                    Group::District(d) => (d.clone(), block.title.clone()),
                    Group::Structure(_) => fact_home(cx.plan, cx.boundaries, words),
                };
                let source =
                    [&section, &block.section].into_iter().find(|s| !s.is_empty()).map_or_else(|| crate::ui::strings::NO_SECTION_SOURCE.to_string(), |s| s.to_string());
                let to = format!("{} {home_name}", t.added_to);
                if ui.small_button(format!("{} · {home_name}", t.add_as_hospital)).on_hover_text(&to).clicked() {
                    cmds.push(Command::Edit(Edit::AddFact {
                        district: home.clone(),
                        fact: Fact::Hospital { name: words.to_string(), focus: Vec::new(), source: source.clone() },
                    }));
                    used = true;
                }
                if ui.small_button(format!("{} · {home_name}", t.add_as_project)).on_hover_text(&to).clicked() {
                    cmds.push(Command::Edit(Edit::AddFact { district: home, fact: Fact::Project { name: words.to_string(), detail: None, source } }));
                    used = true;
                }
            });
            if ui.small_button(t.cancel).clicked() {
                used = true;
            }
        });
        if used {
            self.selection = None;
        }
    }
}

/// What a block needs of the frame.
struct Cx<'a> {
    t: &'static Strings,
    plan: &'a Plan,
    boundaries: &'a Boundaries,
    text: Option<&'a (Arc<str>, Arc<Sections>)>,
    editable: bool,
}

/// At most this many sentences naming a structure are quoted for it (the slogan's, its
/// definition's …), besides those its entries were quoted from.
const NAMING_SENTENCES: usize = 3;

/// The sentences a block's entries were quoted from, and for a structure the first sentences
/// naming it, each once, in the plan's order, as (where it starts in the text, the sentence
/// without the spaces around it). Members are searched after their structure's name: the
/// sentence that lists them.
fn sentences<'a>(text: &'a str, block: &Block) -> Vec<(usize, &'a str)> {
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let anchor = sentence_of(text, &block.title, 0).map_or(0, |(s, _)| offset(s));
    let mut found: Vec<(&str, usize)> = block.rows.iter().filter_map(|r| r.quoted.iter().find_map(|q| sentence_of(text, q, anchor))).map(|(s, r)| (s, r.start)).collect();
    if matches!(block.group, Group::Structure(_)) {
        // Its name as written, else its longest part ("三片区：X" → X).
        let mut names: Vec<&str> = block.title.split(['：', ':']).map(str::trim).filter(|p| p.chars().count() >= 2).collect();
        names.sort_by_key(|p| std::cmp::Reverse(p.len()));
        names.insert(0, block.title.trim());
        if let Some(name) = names.into_iter().find(|n| !n.is_empty() && text.contains(*n)) {
            found.extend(text.match_indices(name).take(NAMING_SENTENCES).filter_map(|(at, _)| sentence_at(text, name, at)).map(|(s, r)| (s, r.start)));
        }
    }
    let mut out: Vec<(usize, &str)> =
        found.into_iter().map(|(s, quote)| window(s, quote)).map(|s| (offset(s) + (s.len() - s.trim_start().len()), s.trim())).filter(|(_, s)| !s.is_empty()).collect();
    out.sort_by_key(|(at, _)| *at);
    out.dedup_by_key(|(at, _)| *at);
    out
}

/// A quoted sentence longer than this many characters (a text without full stops, a table
/// flattened into one line) is shown as this many around the quote: laid out every frame,
/// a whole megabyte would freeze the window.
const MAX_SENTENCE_CHARS: usize = 400;

/// At most `MAX_SENTENCE_CHARS` of `sentence` around byte `quote` (a slice of it).
fn window(sentence: &str, quote: usize) -> &str {
    let before = sentence.get(..quote).unwrap_or("");
    let start = before.char_indices().rev().nth(MAX_SENTENCE_CHARS / 2).map_or(0, |(i, _)| i);
    let rest = sentence.get(start..).unwrap_or("");
    let end = rest.char_indices().nth(MAX_SENTENCE_CHARS).map_or(sentence.len(), |(i, _)| start + i);
    sentence.get(start..end).unwrap_or(sentence)
}

/// At most this many chips in one sentence (a hostile text repeating a name a million times
/// stays one sentence of plain words beyond it).
const MAX_CHIPS: usize = 200;

/// The block's names found in a sentence, longest first so a county's full name wins over its
/// short form inside it; with the target each chip shows.
fn chips_in(sentence: &str, names: &[Name]) -> (Vec<Chip>, Vec<Target>) {
    let mut needles: Vec<(&str, usize)> = names.iter().enumerate().flat_map(|(i, n)| n.words.iter().filter(|w| !w.is_empty()).map(move |w| (w.as_str(), i))).collect();
    needles.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut found: Vec<(Range<usize>, usize)> = Vec::new();
    'needles: for (w, i) in needles {
        for (at, _) in sentence.match_indices(w) {
            if found.len() >= MAX_CHIPS {
                break 'needles;
            }
            let r = at..at + w.len();
            if !found.iter().any(|(f, _)| f.start < r.end && r.start < f.end) {
                found.push((r, i));
            }
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found.into_iter().filter_map(|(range, i)| names.get(i).map(|n| (Chip { range, fill: n.fill, tip: n.tip.clone() }, n.target.clone()))).unzip()
}

/// The selected words as an entry's name: without the spaces and punctuation around them.
fn selected_words(sentence: &str, range: Range<usize>) -> &str {
    sentence.get(range).unwrap_or("").trim_matches(|c: char| crate::draft::text::is_space(c) || "“”‘’\"'、，,。；;：:（）()《》〈〉【】！？!?·—-".contains(c))
}

/// The units a member may be: the county of a county-level plan, else every unit of the
/// boundary file that is not context.
fn units<'a>(plan: &'a Plan, boundaries: &'a Boundaries) -> impl Iterator<Item = &'a crate::model::Feature> {
    let focus = plan.focus_district();
    boundaries.features.iter().filter(move |f| match focus {
        Some(a) => f.adcode == a,
        None => !f.is_context(),
    })
}

/// The unit whose name or short form is exactly `words`, when exactly one is.
fn unit_named<'a>(plan: &'a Plan, boundaries: &'a Boundaries, words: &str) -> Option<&'a crate::model::Feature> {
    let mut hits = units(plan, boundaries).filter(|f| name_forms(&f.name, true).iter().any(|n| n == words));
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// The unit a name begins with, as plans name what lies in a county ("南陵中医药基地",
/// "繁昌经开区"); in a county-level plan, the plan's county.
fn unit_begun<'a>(plan: &'a Plan, boundaries: &'a Boundaries, words: &str) -> Option<&'a crate::model::Feature> {
    units(plan, boundaries)
        .filter_map(|f| name_forms(&f.name, true).into_iter().filter(|n| words.len() > n.len() && words.starts_with(n.as_str())).map(|n| n.len()).max().map(|len| (len, f)))
        .max_by_key(|(len, _)| *len)
        .map(|(_, f)| f)
        .or_else(|| plan.focus_district().and_then(|a| boundaries.get(a)))
}

/// Where a hospital or project named by `words` goes: the unit it is named after, else the
/// plan's own level (its county, or the city).
fn fact_home(plan: &Plan, boundaries: &Boundaries, words: &str) -> (DistrictRef, String) {
    match unit_begun(plan, boundaries, words) {
        Some(f) => (DistrictRef::County { adcode: f.adcode.clone(), name: f.name.clone() }, f.name.clone()),
        None => (DistrictRef::City, plan.plan.region.clone()),
    }
}

impl Pane for ReviewPane {
    fn id(&self) -> &'static str {
        "review"
    }

    fn title(&self, lang: Lang) -> String {
        lang.t().review_title.into()
    }

    fn placement(&self) -> Placement {
        // Under the map: its quoted sentences are long, and a side column of wrapped text
        // widened itself frame by frame until the map was a sliver.
        Placement::Bottom
    }

    fn opens_for(&self, doc: &Document) -> bool {
        doc.plan.as_ref().is_some_and(|p| pending(p) > 0)
    }

    fn ui(&mut self, ui: &mut egui::Ui, cx: &PaneContext) -> Vec<Command> {
        let mut cmds = Vec::new();
        let t = cx.lang.t();
        let (Some(doc), Some(plan)) = (cx.doc, cx.doc.and_then(|d| d.plan.as_ref())) else {
            ui.label(RichText::new(t.nothing_open).weak());
            return cmds;
        };
        let (done, all) = reviewed(plan);
        ui.heading(t.review_counter.replace("{n}", &done.to_string()).replace("{m}", &all.to_string()));
        let path = plan_path(doc, plan);
        let shown = path.as_ref().map(|p| p.display().to_string());
        let text = self.text_for(path);
        match (&text, shown) {
            (Some(_), Some(p)) => ui.label(RichText::new(format!("{} {p}", t.plan_text)).small().weak()),
            (None, Some(p)) => ui.label(RichText::new(format!("{} {p}", t.plan_text_missing)).small().weak()),
            _ => ui.label(""),
        };
        if pending(plan) == 0 {
            ui.label(RichText::new(t.review_none_left).weak());
            return cmds;
        }
        if text.is_some() {
            ui.label(RichText::new(t.select_hint).small().weak());
        }
        let frame = Cx { t, plan, boundaries: &doc.boundaries, text: text.as_ref(), editable: doc.editor.is_some() };
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for (bi, block) in blocks(plan, t).into_iter().enumerate() {
                ui.push_id(bi, |ui| self.block_ui(ui, &block, &frame, &mut cmds));
            }
        });
        cmds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_warnings_fold_into_one_line_when_the_pane_lists_them() {
        let f = Path::new("d.toml");
        let problems = vec![
            Diagnostic::file(Severity::Warning, f, format!("structure \"一核心\": 4 drafted entries {DRAFT_WARNING}")),
            Diagnostic::file(Severity::Error, f, "unknown adcode 999999"),
            Diagnostic::file(Severity::Warning, f, format!("渭滨区: 1 drafted entry {DRAFT_WARNING}")),
            Diagnostic::file(Severity::Warning, f, "structure \"三片区\" has no members"),
        ];
        let mut docked: Vec<Docked> = crate::ui::panes::registry().into_iter().map(|pane| Docked { pane, open: false, auto: false }).collect();
        assert_eq!(fold_draft_warnings(&problems, &docked, Lang::En).len(), 4, "the pane is closed: every warning stays");
        for d in docked.iter_mut().filter(|d| d.pane.id() == "review") {
            d.open = true;
        }
        let folded = fold_draft_warnings(&problems, &docked, Lang::En);
        let messages: Vec<&str> = folded.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("5 drafted entries in 2 structures and districts"), "{messages:?}");
        assert_eq!(messages[1], "unknown adcode 999999", "other problems kept, in order");
        assert!(messages[2].contains("has no members"));
        assert!(folded.iter().any(Diagnostic::is_error));
    }

    #[test]
    fn a_structure_quotes_the_sentences_naming_it_and_chips_its_names() {
        let text = "构建“一核两翼”格局。\n“一核”指镜湖、弋江和三山开发区。\n附表：一核。";
        let block = Block { group: Group::Structure(0), title: "一核".into(), section: String::new(), rows: Vec::new(), names: Vec::new() };
        let found: Vec<&str> = sentences(text, &block).into_iter().map(|(_, s)| s).collect();
        assert_eq!(found, ["构建“一核两翼”格局。", "“一核”指镜湖、弋江和三山开发区。", "附表：一核。"]);
        let names = vec![
            Name { words: name_forms("镜湖区", true), target: Target::District("340202".into()), fill: tokens::CHIP_DRAFTED, tip: String::new() },
            Name {
                words: vec!["三山开发区".into(), "三山".into()], target: Target::Member { structure: 0, index: 1 }, fill: tokens::CHIP_REVIEWED, tip: String::new()
            },
        ];
        let sentence = found[1];
        let (chips, targets) = chips_in(sentence, &names);
        let words: Vec<&str> = chips.iter().map(|c| &sentence[c.range.clone()]).collect();
        assert_eq!(words, ["镜湖", "三山开发区"], "a short form is found; the longer name wins over its part");
        assert_eq!(targets.len(), 2);
        assert_eq!(selected_words("“鸠江、", 0.."“鸠江、".len()), "鸠江", "punctuation around a selection is dropped");
    }

    #[test]
    fn a_sentence_without_stops_is_shown_around_its_quote() {
        let long = format!("{}包括镜湖区{}", "甲".repeat(100_000), "乙".repeat(100_000));
        let at = long.find("镜湖区").unwrap_or(0);
        let shown = window(&long, at);
        assert_eq!(shown.chars().count(), MAX_SENTENCE_CHARS);
        assert!(shown.contains("包括镜湖区"), "the quote stays in view");
        assert_eq!(window("短句包括镜湖区。", 6), "短句包括镜湖区。", "a short sentence whole");
        let block = Block { group: Group::Structure(0), title: "镜湖区".into(), section: String::new(), rows: Vec::new(), names: Vec::new() };
        let found = sentences(&long, &block);
        assert!(found.iter().all(|(_, s)| s.chars().count() <= MAX_SENTENCE_CHARS), "{}", found.len());
    }

    #[test]
    fn the_sentence_holding_the_quote_is_found_and_marked() {
        let text = "第一章 总则\n建设一片区。一片区包括渭滨区、金台区；二片区包括陈仓区。";
        let (s, m) = sentence_of(text, "金台区", 0).unwrap();
        assert_eq!(s, "一片区包括渭滨区、金台区；");
        assert_eq!(&s[m], "金台区");
        let (s, _) = sentence_of(text, "一片区", text.find("。").unwrap()).unwrap();
        assert!(s.starts_with("一片区包括"), "searched after the anchor: {s}");
        assert!(sentence_of(text, "凤翔区", 0).is_none(), "nothing invented");
        assert!(sentence_of(text, "  ", 0).is_none());
        let (s, m) = sentence_of(text, "三片区：二片区", 0).unwrap();
        assert_eq!(&s[m], "二片区", "a joined name is found by its part");
    }
}
