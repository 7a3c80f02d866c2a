//! Reviewing a draft, one entry or one structure at a time: accept, edit or reject, with undo.
//! Pure state — the window's review list draws it and sends its commands here; `apply` gives
//! the draft to write (rejected entries gone, edits in, accepted ones no longer marked draft).

use super::text::Span;
use super::{Draft, FactKind};

/// Which drafted entry a row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Structure(usize),
    Member(usize, usize),
    Fact(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Decision {
    #[default]
    Pending,
    Accepted,
    /// Accepted with the reviewer's words instead of the drafted name.
    Edited(String),
    Rejected,
}

/// One row of the review list: what was drafted, and the sentence it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub item: Item,
    /// "一核心", "一核心 › 渭滨区", "hospital 凤翔区医院".
    pub label: String,
    pub source: String,
    /// The sentence to highlight in the plan text.
    pub sentence: Span,
    pub decision: Decision,
}

#[derive(Debug, Clone, Default)]
pub struct Review {
    pub entries: Vec<Entry>,
    /// Each step: the rows it changed, with their decisions before.
    undo: Vec<Vec<(usize, Decision)>>,
    redo: Vec<Vec<(usize, Decision)>>,
}

impl Review {
    pub fn new(d: &Draft) -> Review {
        let mut entries = Vec::new();
        for (i, s) in d.structures.iter().enumerate() {
            let name = s.display_name();
            entries.push(Entry { item: Item::Structure(i), label: name.clone(), source: s.source.clone(), sentence: s.sentence.clone(), decision: Decision::Pending });
            for (j, m) in s.members.iter().enumerate() {
                let partial = m.partial.as_ref().map_or(String::new(), |p| format!("（{}）", p.text));
                entries.push(Entry {
                    item: Item::Member(i, j),
                    label: format!("{name} › {}{partial}", m.name.text),
                    source: s.source.clone(),
                    sentence: s.sentence.clone(),
                    decision: Decision::Pending,
                });
            }
        }
        for (k, f) in d.facts.iter().enumerate() {
            let what = match f.kind {
                FactKind::Hospital => "医院",
                FactKind::Project => "项目",
                FactKind::Speciality => "特色",
            };
            entries.push(Entry {
                item: Item::Fact(k),
                label: format!("{what} {}", f.name.text),
                source: f.source.clone(),
                sentence: f.sentence.clone(),
                decision: Decision::Pending,
            });
        }
        Review { entries, undo: Vec::new(), redo: Vec::new() }
    }

    fn set(&mut self, rows: &[usize], decision: &Decision) {
        let mut before = Vec::new();
        for &r in rows {
            if let Some(e) = self.entries.get_mut(r)
                && e.decision != *decision
            {
                before.push((r, std::mem::replace(&mut e.decision, decision.clone())));
            }
        }
        if !before.is_empty() {
            self.undo.push(before);
            self.redo.clear();
        }
    }

    /// Decide one row.
    pub fn decide(&mut self, row: usize, decision: Decision) {
        self.set(&[row], &decision);
    }

    /// Decide a structure and all its members at once (one undo step).
    pub fn decide_structure(&mut self, structure: usize, decision: Decision) {
        let rows: Vec<usize> = (0..self.entries.len()).filter(|&r| matches!(self.entries[r].item, Item::Structure(i) | Item::Member(i, _) if i == structure)).collect();
        // An edit names one entry; a whole structure is accepted or rejected.
        let decision = if let Decision::Edited(_) = decision { Decision::Accepted } else { decision };
        self.set(&rows, &decision);
    }

    fn swap(from: &mut Vec<Vec<(usize, Decision)>>, to: &mut Vec<Vec<(usize, Decision)>>, entries: &mut [Entry]) -> bool {
        let Some(step) = from.pop() else { return false };
        let mut back = Vec::new();
        for (r, d) in step.into_iter().rev() {
            if let Some(e) = entries.get_mut(r) {
                back.push((r, std::mem::replace(&mut e.decision, d)));
            }
        }
        to.push(back);
        true
    }

    pub fn undo(&mut self) -> bool {
        Self::swap(&mut self.undo, &mut self.redo, &mut self.entries)
    }

    pub fn redo(&mut self) -> bool {
        Self::swap(&mut self.redo, &mut self.undo, &mut self.entries)
    }

    pub fn pending(&self) -> usize {
        self.entries.iter().filter(|e| e.decision == Decision::Pending).count()
    }

    fn decision(&self, item: Item) -> Decision {
        self.entries.iter().find(|e| e.item == item).map(|e| e.decision.clone()).unwrap_or_default()
    }

    /// The draft as reviewed: rejected entries (and members of rejected structures) left out,
    /// edited names in, accepted entries marked reviewed; pending ones stay drafts.
    pub fn apply(&self, d: &Draft) -> Draft {
        let mut out = d.clone();
        out.structures.clear();
        for (i, s) in d.structures.iter().enumerate() {
            let mut s = s.clone();
            match self.decision(Item::Structure(i)) {
                Decision::Rejected => continue,
                Decision::Accepted => s.reviewed = true,
                Decision::Edited(name) => {
                    s.reviewed = true;
                    s.name = None;
                    s.group.text = name;
                }
                Decision::Pending => {}
            }
            let members = std::mem::take(&mut s.members);
            for (j, mut m) in members.into_iter().enumerate() {
                match self.decision(Item::Member(i, j)) {
                    Decision::Rejected => continue,
                    Decision::Accepted => m.reviewed = true,
                    Decision::Edited(name) => {
                        m.reviewed = true;
                        m.name.text = name;
                    }
                    Decision::Pending => {}
                }
                s.members.push(m);
            }
            out.structures.push(s);
        }
        out.facts.clear();
        for (k, f) in d.facts.iter().enumerate() {
            let mut f = f.clone();
            match self.decision(Item::Fact(k)) {
                Decision::Rejected => continue,
                Decision::Accepted => f.reviewed = true,
                Decision::Edited(name) => {
                    f.reviewed = true;
                    f.name.text = name;
                }
                Decision::Pending => {}
            }
            out.facts.push(f);
        }
        out
    }
}

/// The section paths of a plan's text, read once: the section a sentence stands in, as the
/// source of an entry the reviewer adds from that sentence.
pub struct Sections {
    paras: Vec<Span>,
    skeleton: super::skeleton::Skeleton,
}

impl Sections {
    pub fn new(text: &str) -> Sections {
        let paras = super::text::paragraphs(text);
        let skeleton = super::skeleton::read(text, &paras);
        Sections { paras, skeleton }
    }

    /// The section path at byte `at` of `text` (the text given to `new`); empty before the
    /// first heading.
    pub fn at(&self, text: &str, at: usize) -> String {
        let para = self.paras.partition_point(|p| p.end <= at);
        self.skeleton.path(text, para.min(self.paras.len().saturating_sub(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Region, Unit, draft};
    use super::*;

    fn sample() -> (Draft, Region) {
        let units = vec![Unit::new("610302", "渭滨区"), Unit::new("610303", "金台区"), Unit::new("610326", "眉县")];
        let region = Region { name: "宝鸡市".into(), names: vec!["宝鸡市".into()], units, ..Region::default() };
        let text = "第三章 功能布局\n打造“一核心、两片区”格局。\n第一节 “一核心”\n“一核心”即服务中心，以渭滨区、金台区为主，建成医疗集聚地。\n第二节 “两片区”\n——甲区。包括眉县。\n——乙区。包括金台区。\n第四章 工作\n支持眉县人民医院创建三级医院。\n";
        (draft(text, &region), region)
    }

    #[test]
    fn decide_one_a_structure_and_undo() {
        let (d, _) = sample();
        let mut r = Review::new(&d);
        let all = r.entries.len();
        assert_eq!(r.pending(), all);
        assert!(r.entries.iter().any(|e| e.label == "一核心 › 渭滨区"), "{:#?}", r.entries);
        r.decide_structure(0, Decision::Accepted);
        assert_eq!(r.pending(), all - 3);
        let hospital = r.entries.iter().position(|e| e.label.contains("眉县人民医院")).unwrap_or(usize::MAX);
        r.decide(hospital, Decision::Rejected);
        assert_eq!(r.pending(), all - 4);
        assert!(r.undo());
        assert_eq!(r.pending(), all - 3);
        assert!(r.undo());
        assert_eq!(r.pending(), all);
        assert!(!r.undo());
        assert!(r.redo());
        assert_eq!(r.pending(), all - 3);
    }

    #[test]
    fn a_sentence_has_the_section_it_stands_in() {
        let text = "前言\n第三章 功能布局\n第一节 一核心\n一核心包括渭滨区。\n第四章 重点项目\n建设眉县医院。";
        let sections = Sections::new(text);
        assert_eq!(sections.at(text, text.find("渭滨区").unwrap_or(0)), "第三章 第一节");
        assert_eq!(sections.at(text, text.find("眉县").unwrap_or(0)), "第四章");
        assert_eq!(sections.at(text, 0), "", "before any heading");
        assert_eq!(sections.at(text, text.len() + 9), "第四章", "past the end: the last paragraph's");
        assert_eq!(Sections::new("").at("", 0), "");
    }

    #[test]
    fn apply_drops_rejected_and_marks_accepted() {
        let (d, region) = sample();
        let mut r = Review::new(&d);
        r.decide_structure(0, Decision::Accepted);
        r.decide_structure(1, Decision::Rejected);
        let m = r.entries.iter().position(|e| e.label.ends_with("› 金台区") && matches!(e.item, Item::Member(0, _))).unwrap_or(usize::MAX);
        r.decide(m, Decision::Rejected);
        let plan = super::super::to_layout::to_plan(&r.apply(&d), &region, "x.txt", "b.geojson");
        assert_eq!(plan.structures.len(), d.structures.len() - 1);
        assert!(!plan.structures[0].draft);
        assert_eq!(plan.structures[0].members.iter().map(|m| m.name()).collect::<Vec<_>>(), ["渭滨区"]);
        assert!(plan.structures[1].draft, "pending entries stay drafts");
    }
}
