//! Structures from the slogan's items: each item's defining block (the heading that names it,
//! else the paragraph that says "X即…", else the text between its neighbours' headings), split
//! into one structure per part when the item announces several (——名称。 paragraphs, "岐山县："
//! lines, "县级层次，" run-in labels), with name, title, members, core area, positioning and
//! focus read from the defining sentences.

use std::ops::Range;

use super::skeleton::Level;
use super::slogan::{self, Found, Item};
use super::text::{self, Span, normalise};
use super::{DMember, DStructure, Doc, Kind, Quote, facts, members};

/// Clause words that introduce the units a structure covers.
const MEMBER_MARKERS: &[&str] = &["包括", "包含", "涵盖", "覆盖", "含", "为主", "即", "由", "范围为", "所辖", "辖"];
const BUILD_VERBS: &[&str] = &["建设", "打造", "建成", "培育", "开发", "发展", "创建"];
const POSITION_WORDS: &[&str] = &["打造", "建成", "成为", "定位", "建设成"];

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// A part of the layout with its defining paragraphs.
struct Part {
    kind: Kind,
    group: Quote,
    name: Option<Quote>,
    /// Members fixed by the part's label ("岐山县：").
    label_unit: Option<members::Hit>,
    /// Body: the paragraph range, and where in the first paragraph the body starts.
    paras: Range<usize>,
    body_start: usize,
}

pub(crate) fn heading_for(doc: &Doc, core: &str, after_para: usize) -> Option<usize> {
    let core = normalise(core);
    doc.sk.headings.iter().position(|h| h.para > after_para && h.level != Level::Box && normalise(doc.slice(&h.title)).contains(&core))
}

/// A paragraph that defines the item in running text: starts with it or says "X即".
fn defining_para(doc: &Doc, core: &str, after_para: usize) -> Option<usize> {
    let core_n = normalise(core);
    (after_para + 1..doc.paras.len().min(after_para + 120)).find(|&i| {
        let p = normalise(doc.para(i));
        let p = p.trim_start_matches(['“', '"', '—', '*']);
        p.starts_with(&core_n) || p.contains(&format!("{core_n}即")) || p.contains(&format!("{core_n}”即")) || p.contains(&format!("{core_n}，即"))
    })
}

/// Paragraphs that open a part: "——名称。…", "岐山县：…", "县级层次，…".
fn split(doc: &Doc, item: &Item, paras: Range<usize>) -> Vec<Part> {
    let src = doc.src;
    let group = Quote::new(src, item.span.clone());
    let mut dashes = Vec::new();
    let mut labels = Vec::new();
    let mut runins = Vec::new();
    for i in paras.clone() {
        let Some(span) = doc.paras.get(i) else { continue };
        let p = doc.slice(span);
        if let Some(rest) = p.strip_prefix("——") {
            let start = span.start + "——".len();
            let end = rest.find(['。', '：', ':', '；']).map_or(span.end, |e| start + e);
            let name = text::trim(src, start..end);
            if !name.is_empty() && text::chars(doc.slice(&name)) <= 30 {
                dashes.push((i, name, end));
            }
            continue;
        }
        let hits = doc.matcher.hits(src, &text::head(src, span, 40));
        if let Some(h) = hits.first().filter(|h| h.span.start == span.start) {
            let after = src.get(h.span.end..span.end).unwrap_or("").trim_start_matches(text::is_space);
            if after.starts_with(['：', ':']) {
                labels.push((i, h.clone()));
                continue;
            }
        }
        if let Some(e) = p.find(['，', '。', '：']) {
            let label = &p[..e];
            let fits = match item.kind {
                Kind::Tier => ["级", "层次", "层级", "层"].iter().any(|w| label.ends_with(w)),
                _ => slogan::WORDS.iter().any(|(w, k)| *k == item.kind && label.ends_with(w)),
            };
            if fits && text::chars(label) <= 8 {
                runins.push((i, span.start..span.start + e));
            }
        }
    }
    let want = item.count.map(|c| c as usize);
    let fits = |n: usize| n >= 2 && want.is_none_or(|w| w == n);
    let end_of = |list: &[usize], k: usize| list.get(k + 1).copied().unwrap_or(paras.end);
    if fits(labels.len()) && (want.is_some() || labels.len() >= dashes.len()) {
        let starts: Vec<usize> = labels.iter().map(|(i, _)| *i).collect();
        return labels
            .iter()
            .enumerate()
            .map(|(k, (i, h))| {
                let colon = src.get(h.span.end..).and_then(|s| s.find(['：', ':']).map(|c| h.span.end + c + s[c..].chars().next().map_or(1, char::len_utf8)));
                Part {
                    kind: item.kind,
                    group: group.clone(),
                    name: Some(Quote::new(src, h.span.clone())),
                    label_unit: Some(h.clone()),
                    paras: *i..(*i + 1).min(end_of(&starts, k)).max(*i + 1),
                    body_start: colon.unwrap_or(h.span.end),
                }
            })
            .collect();
    }
    if fits(dashes.len()) {
        let starts: Vec<usize> = dashes.iter().map(|(i, _, _)| *i).collect();
        return dashes
            .iter()
            .enumerate()
            .map(|(k, (i, name, end))| Part {
                kind: item.kind,
                group: group.clone(),
                name: Some(Quote::new(src, name.clone())),
                label_unit: None,
                paras: *i..end_of(&starts, k),
                body_start: *end,
            })
            .collect();
    }
    if fits(runins.len()) {
        let starts: Vec<usize> = runins.iter().map(|(i, _)| *i).collect();
        return runins
            .iter()
            .enumerate()
            .map(|(k, (i, name))| Part {
                kind: item.kind,
                group: group.clone(),
                name: Some(Quote::new(src, name.clone())),
                label_unit: None,
                paras: *i..end_of(&starts, k),
                body_start: name.end,
            })
            .collect();
    }
    Vec::new()
}

/// Read the structure a part defines.
fn read_part(doc: &Doc, part: Part) -> DStructure {
    let src = doc.src;
    let mut body_sentences: Vec<Span> = Vec::new();
    for i in part.paras.clone() {
        let Some(span) = doc.paras.get(i) else { continue };
        let start = if i == part.paras.start { part.body_start.max(span.start).min(span.end) } else { span.start };
        // Sub-headings inside the block ("（一）功能定位") are not sentences of the body.
        if i != part.paras.start && doc.sk.headings.iter().any(|h| h.para == i && h.title.end == span.end) {
            continue;
        }
        body_sentences.extend(text::sentences(src, start..span.end));
    }
    let first_two: Vec<Span> = body_sentences.iter().take(2).cloned().collect();
    let mut title = None;
    let mut core_area = None;
    let mut member_clauses = Vec::new();
    let mut used_clauses: Vec<Span> = Vec::new();
    for s in &first_two {
        for c in text::clauses(src, s.clone()) {
            let t = doc.slice(&c);
            if let Some(at) = t.find('即') {
                let y = text::trim(src, c.start + at + '即'.len_utf8()..c.end);
                let yt = doc.slice(&y);
                if title.is_none() && !yt.is_empty() && text::chars(yt) <= 20 && doc.matcher.hits(src, &y).is_empty() && !yt.starts_with('以') {
                    title = Some(Quote::new(src, y));
                    used_clauses.push(c.clone());
                    continue;
                }
            }
            if t.starts_with('以') && (t.ends_with("为核心") || t.ends_with("为核心范围") || t.ends_with("为中心")) && doc.matcher.hits(src, &c).len() <= 1 {
                core_area.get_or_insert_with(|| Quote::new(src, c.clone()));
                used_clauses.push(c.clone());
                continue;
            }
            if contains_any(t, MEMBER_MARKERS) && (!doc.matcher.hits(src, &c).is_empty() || t.contains("区") || t.contains("园")) {
                member_clauses.push(c.clone());
                used_clauses.push(c.clone());
            }
        }
    }
    let mut members_found = match &part.label_unit {
        Some(h) => vec![DMember { unit: Some(h.unit), name: Quote::new(src, h.span.clone()), partial: None, within: None, institution: false, reviewed: false }],
        None => members::read(src, &member_clauses, doc.region, doc.matcher),
    };
    if part.label_unit.is_none() && members_found.is_empty() {
        // Points and tiers made of institutions: "依托梁山县人民医院、梁山县中医院两个重点医院".
        if let Some(first) = first_two.first() {
            for name in facts::hospital_names(doc, first) {
                let q = Quote::new(src, name.clone());
                let within = doc.matcher.hits(src, &name).first().filter(|h| h.span.start == name.start).map(|h| h.unit);
                if !members_found.iter().any(|m| m.name.text == q.text) {
                    members_found.push(DMember { unit: None, name: q, partial: None, within, institution: true, reviewed: false });
                }
            }
        }
    }
    if part.kind == Kind::Tier && part.name.is_some() && members_found.is_empty() {
        // A level of a service system is made of a class of institutions ("乡级层次，…各乡镇
        // 卫生院、街道社区卫生服务中心…"): those classes, as the plan names them.
        let focus = doc.region.focus.as_ref().and_then(|f| doc.region.units.iter().position(|u| &u.adcode == f));
        for s in &first_two {
            for name in facts::institution_classes(doc, s) {
                let q = Quote::new(src, name);
                if !members_found.iter().any(|m| m.name.text == q.text) {
                    members_found.push(DMember { unit: None, name: q, partial: None, within: focus, institution: true, reviewed: false });
                }
            }
        }
    }
    if part.label_unit.is_none()
        && members_found.is_empty()
        && let Some(first) = first_two.first()
    {
        // No "包括…" clause: the units and places the first sentence names ("依托我县主城区…").
        members_found = members::read(src, &text::clauses(src, first.clone()), doc.region, doc.matcher);
    }
    for m in &mut members_found {
        if m.unit.is_none() && m.within.is_none() && ["我县", "本县", "我区", "本区", "全县", "全区"].iter().any(|w| m.name.text.starts_with(w)) {
            m.within = doc.region.focus.as_ref().and_then(|f| doc.region.units.iter().position(|u| &u.adcode == f));
        }
    }
    // Positioning: the paragraph under a 定位 sub-heading, else the first sentence that says
    // what the structure is to become, without the clauses already read.
    let mut positioning = None;
    for i in part.paras.clone().skip(1) {
        if doc.sk.headings.iter().any(|h| h.para == i && doc.slice(&h.title).contains("定位"))
            && let Some(next) = doc.paras.get(i + 1)
        {
            positioning = text::sentences(src, next.clone()).first().cloned();
            break;
        }
    }
    if positioning.is_none() {
        for s in &body_sentences {
            if contains_any(doc.slice(s), POSITION_WORDS) {
                let start =
                    text::clauses(src, s.clone()).into_iter().find(|c| !used_clauses.iter().any(|u| u.start <= c.start && c.end <= u.end)).map_or(s.start, |c| c.start);
                positioning = Some(text::strip_end_punct(src, start..s.end));
                break;
            }
        }
    }
    if positioning.is_none() && part.label_unit.is_some() {
        positioning = body_sentences.first().map(|s| text::strip_end_punct(src, s.clone()));
    }
    let positioning = positioning.filter(|p| !p.is_empty()).map(|p| Quote::new(src, p));
    // Focus: the things a build verb lists ("建设一批田园康养小镇、山地运动营地…").
    let mut focus = Vec::new();
    for s in body_sentences.iter().take(6) {
        for c in text::clauses(src, s.clone()) {
            let t = doc.slice(&c);
            let Some(v) = BUILD_VERBS.iter().find(|v| t.starts_with(*v)) else { continue };
            let mut from = c.start + v.len();
            for filler in ["一批", "一个", "成"] {
                if src.get(from..c.end).is_some_and(|r| r.starts_with(filler)) {
                    from += filler.len();
                }
            }
            let obj = src.get(from..c.end).unwrap_or("");
            let obj_end = obj.find('等').map_or(c.end, |e| from + e);
            let mut at = from;
            for piece in src.get(from..obj_end).unwrap_or("").split('、') {
                let sp = text::trim(src, at..at + piece.len());
                at += piece.len() + '、'.len_utf8();
                let n = text::chars(doc.slice(&sp));
                if (2..=40).contains(&n) && focus.len() < 12 {
                    focus.push(Quote::new(src, sp));
                }
            }
        }
    }
    let sentence = match (body_sentences.first(), body_sentences.last()) {
        (Some(a), Some(b)) => a.start..b.end,
        _ => doc.paras.get(part.paras.start).cloned().unwrap_or(0..0),
    };
    DStructure {
        kind: part.kind,
        group: part.group,
        name: part.name,
        title,
        positioning,
        core_area,
        focus,
        members: members_found,
        source: doc.path(part.paras.start),
        sentence,
        reviewed: false,
    }
}

/// Structures for the slogan's items, in the slogan's order.
pub fn read(doc: &Doc, found: &Found) -> Vec<DStructure> {
    if found.items.len() == 1 {
        let from = from_headings(doc);
        if from.len() >= 2 {
            return from;
        }
    }
    // Each item's block: its heading's, else its defining paragraph's, else the text between
    // its neighbours' blocks.
    let n = doc.paras.len();
    let mut blocks: Vec<Option<Range<usize>>> = found
        .items
        .iter()
        .map(|item| {
            let core = doc.slice(&item.core);
            if let Some(h) = heading_for(doc, core, found.para) {
                return Some(doc.sk.block(h, n));
            }
            let p = defining_para(doc, core, found.para)?;
            let end = doc.sk.headings.iter().find(|h| h.para > p).map_or(n, |h| h.para);
            Some(p..end)
        })
        .collect();
    for k in 0..blocks.len() {
        if blocks[k].is_none() {
            let start = if k == 0 { found.para + 1 } else { blocks[k - 1].as_ref().map_or(found.para + 1, |b| b.end) };
            if let Some(Some(next)) = blocks.get(k + 1)
                && next.start > start
            {
                blocks[k] = Some(start..next.start);
            }
        }
    }
    let mut out = Vec::new();
    for (item, block) in found.items.iter().zip(blocks) {
        let group = Quote::new(doc.src, item.span.clone());
        let Some(block) = block else {
            out.push(DStructure {
                kind: item.kind,
                group,
                name: None,
                title: None,
                positioning: None,
                core_area: None,
                focus: Vec::new(),
                members: Vec::new(),
                source: doc.path(found.para),
                sentence: item.span.clone(),
                reviewed: false,
            });
            continue;
        };
        let parts = if item.count != Some(1) { split(doc, item, block.clone()) } else { Vec::new() };
        if parts.is_empty() {
            let body_start = doc.paras.get(block.start).map_or(0, |p| p.start);
            // A heading's own paragraph is not its body unless the heading runs in.
            let (paras, body_start) = match doc.sk.headings.iter().find(|h| h.para == block.start) {
                Some(h) if h.title.end >= doc.paras.get(block.start).map_or(0, |p| p.end) => {
                    (block.start + 1..block.end, doc.paras.get(block.start + 1).map_or(0, |p| p.start))
                }
                Some(h) => (block.clone(), h.title.end),
                None => (block.clone(), body_start),
            };
            out.push(read_part(doc, Part { kind: item.kind, group, name: None, label_unit: None, paras, body_start }));
        } else {
            // Tiers are levels of one system: the item itself stays as their parent, read
            // from the block's text before the first level.
            if item.kind == Kind::Tier
                && let Some(first) = parts.first()
            {
                let (paras, body_start) = body_of(doc, block.start..first.paras.start.max(block.start + 1));
                let mut parent = read_part(doc, Part { kind: item.kind, group: group.clone(), name: None, label_unit: None, paras, body_start });
                parent.members.clear();
                parent.focus.clear();
                out.push(parent);
            }
            out.extend(parts.into_iter().map(|p| read_part(doc, p)));
        }
    }
    out
}

/// A block's body: without the heading's own paragraph unless the heading runs in.
fn body_of(doc: &Doc, block: Range<usize>) -> (Range<usize>, usize) {
    let body_start = doc.paras.get(block.start).map_or(0, |p| p.start);
    match doc.sk.headings.iter().find(|h| h.para == block.start) {
        Some(h) if h.title.end >= doc.paras.get(block.start).map_or(0, |p| p.end) => {
            (block.start + 1..block.end.max(block.start + 1), doc.paras.get(block.start + 1).map_or(0, |p| p.start))
        }
        Some(h) => (block, h.title.end),
        None => (block, body_start),
    }
}

/// Without a slogan: sibling headings that each name a structure ("做强“内圈”…", "深耕“中圈”…").
pub fn from_headings(doc: &Doc) -> Vec<DStructure> {
    let n = doc.paras.len();
    let mut groups: Vec<Vec<(usize, Item)>> = Vec::new();
    for (hi, h) in doc.sk.headings.iter().enumerate() {
        let title = doc.slice(&h.title);
        let mut found = None;
        for (i, _) in title.char_indices() {
            if let Some((items, _)) = slogan_item(doc, h.title.start + i) {
                found = Some(items);
                break;
            }
        }
        let Some(item) = found else { continue };
        let parent = doc.sk.stacks.get(h.para).and_then(|s| s.iter().rev().nth(1).copied());
        match groups.last_mut() {
            Some(g)
                if g.last().is_some_and(|(prev, _)| {
                    let p = &doc.sk.headings[*prev];
                    p.level == h.level && doc.sk.stacks.get(p.para).and_then(|s| s.iter().rev().nth(1).copied()) == parent
                }) =>
            {
                g.push((hi, item))
            }
            _ => groups.push(vec![(hi, item)]),
        }
    }
    let Some(group) = groups.into_iter().find(|g| g.len() >= 2) else { return Vec::new() };
    group
        .into_iter()
        .map(|(hi, item)| {
            let block = doc.sk.block(hi, n);
            let body_start = doc.paras.get(block.start + 1).map_or(0, |p| p.start);
            let group = Quote::new(doc.src, item.core.clone());
            read_part(doc, Part { kind: item.kind, group, name: None, label_unit: None, paras: block.start + 1..block.end, body_start })
        })
        .collect()
}

/// A quoted structure word at byte `at` of the source ("“内圈”").
fn slogan_item(doc: &Doc, at: usize) -> Option<(Item, usize)> {
    let para = doc.paras.iter().find(|p| p.start <= at && at < p.end)?;
    let p = doc.slice(para);
    let rel = at - para.start;
    if !p[rel..].starts_with(['“', '"']) {
        return None;
    }
    let f = super::slogan::find_item(p, rel, para.start)?;
    f.0.quoted.then_some(f)
}

/// Nouns that name a system of levels.
const SYSTEM_WORDS: &[&str] = &["体系", "网络", "格局", "机制", "网"];

/// The system a sentence of roles builds: the noun after the last "的" of a clause that ends
/// in a system word ("…分工明确的整合型医疗卫生服务体系").
fn system_named(doc: &Doc, sentence: &Span) -> Option<Span> {
    text::clauses(doc.src, sentence.clone()).into_iter().find_map(|c| {
        let c = text::strip_end_punct(doc.src, c);
        let t = doc.slice(&c);
        let de = t.rfind('的')?;
        let name = text::trim(doc.src, c.start + de + '的'.len_utf8()..c.end);
        let n = doc.slice(&name);
        (SYSTEM_WORDS.iter().any(|w| n.ends_with(w)) && (3..=20).contains(&text::chars(n))).then_some(name)
    })
}

/// Roles plans give the levels of a service system: "以A为龙头，B为主体，C为枢纽，D为基础".
const ROLES: &[&str] = &["龙头", "主体", "枢纽", "基础", "补充", "骨干", "网底", "引领", "支撑", "核心", "纽带", "延伸"];

/// Without a slogan: sentences that give three or more parts of a system their roles
/// ("以辖区部队、市级医院为龙头，区属公立医院为主体，…的整合型医疗卫生服务体系") — the system
/// (when the sentence names it) and one tier per role. After the first, only sentences that
/// name their system.
pub fn from_roles(doc: &Doc) -> Vec<DStructure> {
    let src = doc.src;
    let mut all: Vec<DStructure> = Vec::new();
    for (pi, para) in doc.paras.iter().enumerate() {
        for sentence in text::sentences(src, para.clone()) {
            let mut tiers = Vec::new();
            for c in text::clauses(src, sentence.clone()) {
                let t = doc.slice(&c);
                let Some(role) = ROLES.iter().find(|r| t.ends_with(&format!("为{r}"))) else { continue };
                let x_end = c.end - role.len() - '为'.len_utf8();
                let x_text = &t[..x_end - c.start];
                // "完善以A为龙头": A starts after the last 以.
                let x_start = x_text.rfind('以').map_or(c.start, |i| c.start + i + '以'.len_utf8());
                let x = text::trim(src, x_start..x_end);
                if x.is_empty() || text::chars(doc.slice(&x)) > 30 {
                    continue;
                }
                let name = Quote::new(src, x_end + '为'.len_utf8()..c.end);
                let members = facts::hospital_names(doc, &x)
                    .into_iter()
                    .map(|n| DMember {
                        unit: None,
                        name: Quote::new(src, n),
                        partial: None,
                        within: doc.region.focus.as_ref().and_then(|f| doc.region.units.iter().position(|u| &u.adcode == f)),
                        institution: true,
                        reviewed: false,
                    })
                    .collect();
                tiers.push(DStructure {
                    kind: Kind::Tier,
                    group: name.clone(),
                    name: None,
                    title: Some(Quote::new(src, x)),
                    positioning: Some(Quote::new(src, c.clone())),
                    core_area: None,
                    focus: Vec::new(),
                    members,
                    source: doc.path(pi),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
            }
            if tiers.len() >= 3 {
                // "…，村卫生室为基础，…的整合型医疗卫生服务体系": the system they are levels of.
                if let Some(system) = system_named(doc, &sentence) {
                    let parent = DStructure {
                        kind: Kind::Tier,
                        group: Quote::new(src, system),
                        name: None,
                        title: None,
                        positioning: Some(Quote::new(src, text::strip_end_punct(src, sentence.clone()))),
                        core_area: None,
                        focus: Vec::new(),
                        members: Vec::new(),
                        source: doc.path(pi),
                        sentence: sentence.clone(),
                        reviewed: false,
                    };
                    tiers.insert(0, parent);
                } else if !all.is_empty() {
                    // Later sentences of roles count only when they name their system.
                    continue;
                }
                all.extend(tiers);
            }
        }
    }
    all
}

/// "形成区、镇、村（社）三级医疗卫生机构分工协作机制": a system of levels enumerated in the
/// layout's own paragraphs (those that define the structures found so far) is a tier
/// structure, its levels members without polygon. Only the layout's paragraphs: the same
/// phrase elsewhere in a plan is about one service, not the layout.
pub fn levels(doc: &Doc, found: &[DStructure]) -> Vec<DStructure> {
    let src = doc.src;
    let mut paras: Vec<usize> = found.iter().filter_map(|s| doc.paras.iter().position(|p| p.start <= s.sentence.start && s.sentence.start < p.end)).collect();
    paras.sort_unstable();
    paras.dedup();
    let taken: Vec<String> = found.iter().map(|s| normalise(&s.group.text).trim_matches(['“', '”']).to_string()).collect();
    let mut out: Vec<DStructure> = Vec::new();
    for pi in paras {
        let Some(para) = doc.paras.get(pi) else { continue };
        for sentence in text::sentences(src, para.clone()) {
            for c in text::clauses(src, sentence.clone()) {
                let c = text::strip_end_punct(src, c);
                let Some(level) = level_list(doc, &c) else { continue };
                let name = level.start..c.end;
                let tail = normalise(src.get(level.numeral..c.end).unwrap_or(""));
                let q = Quote::new(src, name.clone());
                if taken.iter().any(|t| tail.starts_with(t.as_str())) || out.iter().any(|s| s.group.text == q.text) {
                    continue;
                }
                let members = level
                    .items
                    .iter()
                    .map(|i| DMember { unit: None, name: Quote::new(src, i.clone()), partial: None, within: None, institution: false, reviewed: false })
                    .collect();
                out.push(DStructure {
                    kind: Kind::Tier,
                    group: q,
                    name: None,
                    title: None,
                    positioning: Some(Quote::new(src, text::strip_end_punct(src, sentence.clone()))),
                    core_area: None,
                    focus: Vec::new(),
                    members,
                    source: doc.path(pi),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
            }
        }
    }
    out
}

/// Administrative levels a service system is enumerated by.
const LEVEL_WORDS: &[&str] = &["省", "市", "州", "县", "区", "乡", "镇", "村", "街道", "社区", "单位", "家庭"];

fn starts_with_level(s: &str) -> bool {
    LEVEL_WORDS.iter().any(|w| s.starts_with(w))
}

struct LevelList {
    start: usize,
    numeral: usize,
    items: Vec<Span>,
}

/// "区、镇、村（社）三级…" in a clause: the listed levels, as many as the numeral says.
fn level_list(doc: &Doc, clause: &Span) -> Option<LevelList> {
    let src = doc.src;
    let t = doc.slice(clause);
    for (i, c) in t.char_indices() {
        let n = match c {
            '两' | '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            _ => continue,
        };
        if !t[i + c.len_utf8()..].starts_with('级') || i == 0 {
            continue;
        }
        let before = &t[..i];
        let pieces: Vec<&str> = before.split('、').collect();
        if pieces.len() != n {
            continue;
        }
        let mut at = clause.start;
        let mut items = Vec::new();
        for (k, piece) in pieces.iter().enumerate() {
            let end = at + piece.len();
            // Levels are administrative levels; the first one starts at its level word
            // ("形成区、镇、村" → 区).
            let start = if k == 0 { piece.char_indices().rev().map(|(j, _)| at + j).find(|&j| starts_with_level(src.get(j..end).unwrap_or(""))).unwrap_or(end) } else { at };
            let item = text::trim(src, start..end);
            if !starts_with_level(doc.slice(&item)) {
                break;
            }
            let len = text::chars(doc.slice(&item));
            if !(1..=6).contains(&len) {
                break;
            }
            items.push(item);
            at = end + '、'.len_utf8();
        }
        if items.len() == n {
            let start = items.first().map_or(clause.start, |s| s.start);
            return Some(LevelList { start, numeral: clause.start + i, items });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{Region, Unit, draft};

    fn region() -> Region {
        let units = vec![Unit::new("100001", "东湖县"), Unit::new("100002", "西岭县")];
        Region { name: "东湖县".into(), names: vec!["东湖县".into(), "东湖".into()], focus: Some("100001".into()), units, ..Region::default() }
    }

    fn names(text: &str) -> Vec<(String, Vec<String>)> {
        draft(text, &region()).structures.iter().map(|s| (s.display_name(), s.members.iter().map(|m| m.name.text.clone()).collect())).collect()
    }

    #[test]
    fn tiers_keep_their_system_and_are_made_of_institution_classes() {
        let text = "第二章 空间布局\n构建“一个核心、三级网络”的服务格局。\n（一）一个核心\n东湖县城即核心，包括东湖县。\n（二）三级网络\n依托县、乡、村三级网络，织密服务网。\n县级层次，统筹全县。县医疗集团牵头。\n乡级层次，承上启下。各乡镇卫生院、街道社区卫生服务中心提供基本医疗。\n村级层次，守住网底。村卫生室做好签约服务。\n";
        let got = names(text);
        let system = got.iter().find(|(n, _)| n == "三级");
        assert!(system.is_some_and(|(_, m)| m.is_empty()), "{got:?}");
        let township = got.iter().find(|(n, _)| n == "三级：乡级层次");
        assert_eq!(township.map(|(_, m)| m.clone()), Some(vec!["乡镇卫生院".to_string(), "街道社区卫生服务中心".to_string()]), "{got:?}");
        let village = got.iter().find(|(n, _)| n == "三级：村级层次");
        assert_eq!(village.map(|(_, m)| m.clone()), Some(vec!["村卫生室".to_string()]), "{got:?}");
        // "县、乡、村三级网络" restates the slogan's item: no second structure.
        assert!(!got.iter().any(|(n, _)| n.contains("县、乡、村")), "{got:?}");
    }

    #[test]
    fn roles_name_their_system_and_levels_enumerated_in_the_layout_are_a_tier() {
        let text = "第三章 体系\n健全以县人民医院为龙头，乡镇卫生院为枢纽，村卫生室为基础，分工明确的县域医疗卫生服务体系，形成县、镇、村（组）三级医疗卫生机构分工协作机制。\n第四章 其他\n巩固县、乡、村三级医疗服务网络。\n";
        let got = names(text);
        assert_eq!(got.first().map(|(n, _)| n.as_str()), Some("县域医疗卫生服务体系"), "{got:?}");
        assert!(got.iter().any(|(n, _)| n == "龙头") && got.iter().any(|(n, _)| n == "基础"), "{got:?}");
        let levels = got.iter().find(|(n, _)| n == "县、镇、村（组）三级医疗卫生机构分工协作机制");
        assert_eq!(levels.map(|(_, m)| m.clone()), Some(vec!["县".to_string(), "镇".to_string(), "村（组）".to_string()]), "{got:?}");
        // The same kind of phrase outside the layout's paragraphs is not a structure.
        assert!(!got.iter().any(|(n, _)| n.contains("医疗服务网络")), "{got:?}");
    }
}
