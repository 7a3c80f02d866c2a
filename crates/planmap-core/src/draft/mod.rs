//! Drafting a layout from a plan's own text: `draft(text, region) -> Draft`.
//!
//! Pure: text and a region's gazetteer in, entries out, each entry quoting the plan by byte
//! spans (`Quote`) and carrying the section path its sentence stands in. Nothing is invented:
//! every string is a piece of the text, or (expanded hospital names, "十二品：岐山县") pieces
//! of it put together, and a test proves it. Rules are about how plans are written in
//! general (headings, slogans of numerals and structure words, 包括… lists, 专栏 lists), not
//! about any one plan's wording.
//!
//! ```text
//! text ─► paragraphs (text.rs) ─► skeleton (section paths) ─► slogan ─► structures + members
//!                                                           └► facts (hospitals, projects, specialities)
//! ```

pub mod china;
pub mod define;
pub mod dev_score;
pub mod facts;
pub mod gazetteer;
pub mod hanzi;
pub mod members;
pub mod names;
pub mod projects;
pub mod review;
pub mod score;
pub mod skeleton;
pub mod slogan;
pub mod statements;
pub mod structures;
pub mod text;
pub mod to_layout;

pub use gazetteer::{Gazetteer, Region, Unit};
pub use text::Span;

use std::time::Instant;

/// A string taken from the plan: `text` is the pieces at `spans`, in order, joined (with
/// whitespace removed when a piece spans a padded name such as "眉  县").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub text: String,
    pub spans: Vec<Span>,
}

impl Quote {
    pub fn new(src: &str, span: Span) -> Quote {
        let raw = src.get(span.clone()).unwrap_or("");
        // Names padded for alignment ("眉  县") and lines broken mid-sentence read without the
        // whitespace.
        let text = if raw.chars().count() <= 12 || raw.contains('\n') { text::normalise(raw) } else { raw.to_string() };
        Quote { text, spans: vec![span] }
    }
    /// Pieces joined: an expanded name ("麒麟区" + "人民医院").
    pub fn joined(src: &str, spans: &[Span]) -> Quote {
        let text = spans.iter().map(|s| text::normalise(src.get(s.clone()).unwrap_or(""))).collect();
        Quote { text, spans: spans.to_vec() }
    }
    /// Where the quote starts in the text.
    pub fn start(&self) -> usize {
        self.spans.first().map_or(0, |s| s.start)
    }
}

/// Layout kinds a slogan's structure words map to (see `layouts/README.md`).
pub use crate::model::StructureKind as Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct DMember {
    /// Index into `Region::units` for a county-level unit; None for a place without polygon.
    pub unit: Option<usize>,
    /// The words naming it, as the plan writes them.
    pub name: Quote,
    /// The plan's qualifier when only part of the unit belongs ("渭河沿岸区域").
    pub partial: Option<Quote>,
    /// The unit the same sentence puts a place in.
    pub within: Option<usize>,
    pub institution: bool,
    /// Accepted by a person in the review (written without `draft = true`).
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DStructure {
    pub kind: Kind,
    /// The slogan item the structure comes from ("三片区"), and its own name when the item
    /// names several ("生态温泉森林康养服务区", "岐山县").
    pub group: Quote,
    pub name: Option<Quote>,
    pub title: Option<Quote>,
    pub positioning: Option<Quote>,
    pub core_area: Option<Quote>,
    pub focus: Vec<Quote>,
    pub members: Vec<DMember>,
    pub source: String,
    /// The sentences the structure was read from.
    pub sentence: Span,
    pub reviewed: bool,
}

impl DStructure {
    /// "一核心", "三片区：生态温泉森林康养服务区" → the name shown.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) if n.text != self.group.text => format!("{}：{}", self.group.text.trim_matches(['“', '”', '"']), n.text),
            _ => self.group.text.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Hospital,
    Project,
    Speciality,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DFact {
    pub kind: FactKind,
    /// Unit index the sentence names; None: the plan's own level (the city, or the county of
    /// a county-level plan).
    pub unit: Option<usize>,
    pub name: Quote,
    /// Development focus (hospitals) or the plan's words about it (projects).
    pub detail: Option<Quote>,
    /// For a hospital expanded from a shared phrase ("麒麟区、沾益区人民医院"): that phrase.
    pub phrase: Option<Quote>,
    pub source: String,
    pub sentence: Span,
    pub reviewed: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: Option<Quote>,
    pub slogan: Option<Quote>,
    /// Where the layout is stated: "第三章 功能布局".
    pub layout_source: Option<String>,
    pub structures: Vec<DStructure>,
    pub facts: Vec<DFact>,
    /// What the drafter could not do, for the user ("no layout slogan found").
    pub notes: Vec<String>,
    pub elapsed_ms: f64,
}

impl Draft {
    /// Every quote, to rewrite (`draft` quotes the original characters of a traditional text).
    pub fn quotes_mut(&mut self) -> Vec<&mut Quote> {
        let mut out: Vec<&mut Quote> = Vec::new();
        out.extend(self.title.iter_mut());
        out.extend(self.slogan.iter_mut());
        for s in &mut self.structures {
            out.push(&mut s.group);
            out.extend(s.name.iter_mut().chain(s.title.iter_mut()).chain(s.positioning.iter_mut()).chain(s.core_area.iter_mut()).chain(s.focus.iter_mut()));
            for m in &mut s.members {
                out.push(&mut m.name);
                out.extend(m.partial.iter_mut());
            }
        }
        for f in &mut self.facts {
            out.push(&mut f.name);
            out.extend(f.detail.iter_mut().chain(f.phrase.iter_mut()));
        }
        out
    }

    /// Every quote in the draft, for the verbatim check and the review list.
    pub fn quotes(&self) -> Vec<&Quote> {
        let mut out: Vec<&Quote> = Vec::new();
        out.extend(self.title.iter());
        out.extend(self.slogan.iter());
        for s in &self.structures {
            out.push(&s.group);
            out.extend(s.name.iter().chain(&s.title).chain(&s.positioning).chain(&s.core_area).chain(&s.focus));
            for m in &s.members {
                out.push(&m.name);
                out.extend(m.partial.iter());
            }
        }
        for f in &self.facts {
            out.push(&f.name);
            out.extend(f.detail.iter().chain(&f.phrase));
        }
        out
    }
}

/// Draft a layout from plan text for `region`. Traditional characters are read as simplified
/// (`hanzi`); every quote keeps the plan's own characters.
pub fn draft(src: &str, region: &Region) -> Draft {
    let started = Instant::now();
    let simple = hanzi::simplify(src);
    let mut d = draft_simplified(&simple, region);
    if let std::borrow::Cow::Owned(_) = simple {
        for q in d.quotes_mut() {
            *q = if q.spans.len() == 1 { Quote::new(src, q.spans[0].clone()) } else { Quote::joined(src, &q.spans) };
        }
    }
    d.elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    d
}

fn draft_simplified(src: &str, region: &Region) -> Draft {
    let paras = text::paragraphs(src);
    let sk = skeleton::read(src, &paras);
    let matcher = members::Matcher::new(region);
    let doc = Doc { src, paras: &paras, sk: &sk, region, matcher: &matcher };

    let title = gazetteer::title_of(src, &paras).map(|(s, _)| s).or_else(|| headline(src, &paras));
    let mut d = Draft { title: title.map(|s| Quote::new(src, s)), ..Draft::default() };
    match slogan::find(&doc) {
        Some(found) => {
            // Parts quoted apart: the slogan is the parts, not the text between them.
            d.slogan =
                Some(if found.parts { Quote::joined(src, &found.items.iter().map(|i| i.span.clone()).collect::<Vec<_>>()) } else { Quote::new(src, found.span.clone()) });
            d.layout_source = sk.top_with_title(src, found.para);
            d.structures = structures::read(&doc, &found);
            define::refine(&doc, &found, &mut d.structures);
        }
        None => {
            d.notes.push("no layout slogan found (numerals with 核, 区, 带, 轴, 圈 …): the draft has the skeleton and the facts only".into());
            d.structures = structures::from_headings(&doc);
            if d.structures.is_empty() {
                d.structures = structures::from_roles(&doc);
            }
        }
    }
    let stated = statements::read(&doc, d.slogan.is_some(), &d.structures);
    if d.slogan.is_none() && !stated.is_empty() {
        // Structures stated in running text ("A、B等…产区", "依托X打造Y"): say so.
        if let Some(n) = d.notes.first_mut() {
            *n = format!(
                "no layout slogan found: {} structure(s) read from statements in the text (lists and the class they form, roles, parts built on places); review each",
                stated.len()
            );
        }
    }
    d.structures.extend(stated);
    let levels = structures::levels(&doc, &d.structures);
    d.structures.extend(levels);
    // A place whose own name starts with one unit's name is in that unit ("繁昌经开区").
    for m in d.structures.iter_mut().flat_map(|s| s.members.iter_mut()) {
        if m.unit.is_none() && m.within.is_none() && !m.institution {
            m.within = members::named_within(region, &m.name.text);
        }
    }
    d.facts = facts::read(&doc);
    d
}

/// The first line when it reads as a heading (short, no sentence end): a news report's
/// headline, a document's title.
fn headline(src: &str, paras: &[Span]) -> Option<Span> {
    let p = paras.first()?;
    let t = src.get(p.clone())?;
    let n = text::chars(t);
    ((6..=40).contains(&n) && !t.contains(['。', '；', ';', '：', ':']) && !t.starts_with(['#', '（', '(']) && !t.ends_with(['，', ','])).then(|| p.clone())
}

/// The text and what has been read of it, passed to the readers.
pub struct Doc<'a> {
    pub src: &'a str,
    pub paras: &'a [Span],
    pub sk: &'a skeleton::Skeleton,
    pub region: &'a Region,
    pub matcher: &'a members::Matcher,
}

impl Doc<'_> {
    pub fn para(&self, i: usize) -> &str {
        self.paras.get(i).and_then(|p| self.src.get(p.clone())).unwrap_or("")
    }
    pub fn path(&self, para: usize) -> String {
        self.sk.path(self.src, para)
    }
    pub fn slice(&self, span: &Span) -> &str {
        self.src.get(span.clone()).unwrap_or("")
    }
}
