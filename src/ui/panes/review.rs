//! Reviewing a drafted layout: every entry still marked `draft = true`, grouped by structure
//! and district, with its section and the plan sentence it was quoted from (the quoted words
//! marked). Accept clears the mark, Reject removes the entry, Edit selects it for the details
//! panel's forms; each is an `io::edit` command, so it is checked, undoable and saved like
//! any edit. Opens by itself for a layout with drafted entries.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use eframe::egui::{self, RichText, text::LayoutJob};

use crate::document::Document;
use crate::io::edit::{Command as Edit, DistrictRef, Entry, FactKind, Group};
use crate::model::{Diagnostic, Plan, Severity, Target};
use crate::ui::command::Command;
use crate::ui::panes::{Docked, Pane, PaneContext, Placement};
use crate::ui::strings::Lang;

/// The plan text the open layout names, read once per file.
#[derive(Default)]
pub struct ReviewPane {
    /// Shared, so a frame takes a reference to the plan's text rather than a copy of it.
    plan_text: Option<(PathBuf, Option<std::sync::Arc<str>>)>,
}

/// One drafted entry as listed.
struct Row {
    entry: Entry,
    target: Target,
    label: String,
    /// The words the draft quoted, searched for in the plan.
    quoted: String,
    section: String,
}

struct Block {
    group: Group,
    title: String,
    rows: Vec<Row>,
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

/// Every drafted entry, grouped: structures in the plan's order, then districts, then the city.
fn blocks(plan: &Plan, lang: Lang) -> Vec<Block> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    for (si, s) in plan.structures.iter().enumerate() {
        let mut rows = Vec::new();
        if s.draft {
            rows.push(Row {
                entry: Entry::Structure(si),
                target: Target::Structure(si),
                label: format!("{} {}", if zh { "结构" } else { "Structure" }, s.name),
                quoted: s.name.clone(),
                section: s.source.clone(),
            });
        }
        for (mi, m) in s.members.iter().enumerate().filter(|(_, m)| m.draft) {
            let target = match m.adcode() {
                Some(a) => Target::District(a.to_string()),
                None => Target::Member { structure: si, index: mi },
            };
            rows.push(Row {
                entry: Entry::Member { structure: si, member: mi },
                target,
                label: format!("{} {}", if zh { "成员" } else { "Member" }, m.name()),
                quoted: m.name().to_string(),
                section: m.source_or(s).to_string(),
            });
        }
        if !rows.is_empty() {
            out.push(Block { group: Group::Structure(si), title: s.name.clone(), rows });
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
        for (i, x) in d.specialities.iter().enumerate().filter(|(_, x)| x.draft) {
            rows.push(Row {
                entry: fact(FactKind::Speciality, i),
                target: here.clone(),
                label: format!("{} {}", if zh { "特色" } else { "Speciality" }, x.text),
                quoted: x.text.clone(),
                section: x.source.clone(),
            });
        }
        for (i, x) in d.hospitals.iter().enumerate().filter(|(_, x)| x.draft) {
            rows.push(Row {
                entry: fact(FactKind::Hospital, i),
                target: Target::Hospital { district: di, index: i },
                label: format!("{} {}", if zh { "医院" } else { "Hospital" }, x.name),
                quoted: x.name.clone(),
                section: x.source.clone(),
            });
        }
        for (i, x) in d.projects.iter().enumerate().filter(|(_, x)| x.draft) {
            rows.push(Row {
                entry: fact(FactKind::Project, i),
                target: Target::Project { district: di, index: i },
                label: format!("{} {}", if zh { "项目" } else { "Project" }, x.name),
                quoted: x.name.clone(),
                section: x.source.clone(),
            });
        }
        if !rows.is_empty() {
            out.push(Block { group: Group::District(dref), title: d.name().to_string(), rows });
        }
    }
    out
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
    let message = match lang {
        Lang::Zh => format!("{} 处共 {entries} 条草稿条目尚未审核：见“草稿审核”面板", folded.len()),
        Lang::En => format!("{entries} drafted entries in {} structures and districts are not yet reviewed: see the review pane", folded.len()),
    };
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
    /// The plan's text, read on first use for each plan file (None when missing or unreadable).
    fn text_for(&mut self, path: Option<PathBuf>) -> Option<std::sync::Arc<str>> {
        let path = path?;
        if self.plan_text.as_ref().is_none_or(|(p, _)| *p != path) {
            let text = crate::io::plan_text::read(&path).ok().map(|t| std::sync::Arc::from(t.text));
            self.plan_text = Some((path, text));
        }
        self.plan_text.as_ref().and_then(|(_, t)| t.clone())
    }
}

fn quote_job(ui: &egui::Ui, sentence: &str, mark: std::ops::Range<usize>) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat { font_id: font.clone(), color: ui.visuals().weak_text_color(), ..Default::default() };
    let strong = egui::TextFormat { font_id: font, color: ui.visuals().strong_text_color(), background: crate::ui::tokens::name_highlight(), ..Default::default() };
    let mut job = LayoutJob::default();
    let (a, b) = (mark.start.min(sentence.len()), mark.end.min(sentence.len()));
    job.append(sentence.get(..a).unwrap_or(""), 0.0, plain.clone());
    job.append(sentence.get(a..b).unwrap_or(""), 0.0, strong);
    job.append(sentence.get(b..).unwrap_or("").trim_end(), 0.0, plain);
    job
}

impl Pane for ReviewPane {
    fn id(&self) -> &'static str {
        "review"
    }

    fn title(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => "草稿审核",
            Lang::En => "Review draft",
        }
        .into()
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
        let zh = cx.lang == Lang::Zh;
        let (Some(doc), Some(plan)) = (cx.doc, cx.doc.and_then(|d| d.plan.as_ref())) else {
            ui.label(RichText::new(cx.lang.t().nothing_open).weak());
            return cmds;
        };
        let n = pending(plan);
        ui.heading(if zh { format!("待审核 {n} 条") } else { format!("{n} drafted entries to review") });
        let path = plan_path(doc, plan);
        let shown = path.as_ref().map(|p| p.display().to_string());
        let text = self.text_for(path);
        match (&text, shown) {
            (Some(_), Some(p)) => ui.label(RichText::new(format!("{} {p}", if zh { "规划原文：" } else { "Plan text:" })).small().weak()),
            (None, Some(p)) => ui.label(RichText::new(format!("{} {p}", if zh { "找不到规划原文：" } else { "Plan text not found:" })).small().weak()),
            _ => ui.label(""),
        };
        if n == 0 {
            ui.label(RichText::new(if zh { "没有待审核的草稿条目。" } else { "No drafted entries left." }).weak());
            return cmds;
        }
        let editable = doc.editor.is_some();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for (bi, block) in blocks(plan, cx.lang).into_iter().enumerate() {
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&block.title).strong());
                    ui.add_enabled_ui(editable, |ui| {
                        if ui.small_button(if zh { "全部接受" } else { "Accept all" }).clicked() {
                            cmds.push(Command::Edit(Edit::AcceptDrafts(block.group.clone())));
                        }
                        if ui.small_button(if zh { "全部拒绝" } else { "Reject all" }).clicked() {
                            cmds.push(Command::Edit(Edit::RejectDrafts(block.group.clone())));
                        }
                    });
                });
                // Members are searched after their structure's name: the sentence that lists them.
                let anchor = text.as_deref().and_then(|t| sentence_of(t, &block.title, 0).map(|(s, _)| s.as_ptr() as usize - t.as_ptr() as usize)).unwrap_or(0);
                for (ri, row) in block.rows.iter().enumerate() {
                    ui.push_id((bi, ri), |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(&row.label);
                            ui.label(RichText::new(&row.section).small().weak());
                            ui.add_enabled_ui(editable, |ui| {
                                if ui.small_button(if zh { "接受" } else { "Accept" }).clicked() {
                                    cmds.push(Command::Edit(Edit::SetDraft { entry: row.entry.clone(), draft: false }));
                                }
                                if ui.small_button(if zh { "拒绝" } else { "Reject" }).clicked() {
                                    cmds.push(Command::Edit(Edit::Remove(row.entry.clone())));
                                }
                                if ui.small_button(if zh { "编辑" } else { "Edit" }).clicked() {
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
                        if let Some((sentence, mark)) = text.as_deref().and_then(|t| sentence_of(t, &row.quoted, anchor)) {
                            let job = quote_job(ui, sentence.trim_start(), {
                                let cut = sentence.len() - sentence.trim_start().len();
                                mark.start.saturating_sub(cut)..mark.end.saturating_sub(cut)
                            });
                            ui.indent("quote", |ui| {
                                let mut job = job;
                                // Wrap at the column's width: a layout job does not by itself.
                                job.wrap.max_width = ui.available_width();
                                ui.add(egui::Label::new(job).wrap())
                            });
                        }
                    });
                }
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
