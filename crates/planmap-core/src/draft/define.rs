//! A slogan's parts defined in running text, as news reports and short plans state them:
//! “三区”即A、B、C；“一核”指X、Y(江南)和Z的主城区；“两翼”的北翼包括…，南翼包括…；四谷指…的
//! 养情谷；…的养心谷; a slogan labelling what precedes it (…在A、B重点发展…的“一园多点”空间布局;
//! 强化A和B“一区一基地”…); parts quoted apart, each with its sentence (做强“一主引领”，支持X…).
//!
//! The numeral is a check: "三带" with three names gives three structures under the group;
//! names ending in a word for a place (园, 镇) are places of the structure instead.

use super::names::is_punct;
use super::slogan::{Found, Item};
use super::text::{self, Span};
use super::{DMember, DStructure, Doc, Kind, Quote, members};

/// Words after a part's name that open its definition.
const MARKERS: &[&str] = &["是指", "即", "指", "包括", "包含", "涵盖", "是", "为", "：", ":", "的"];
/// Words inside a definition after which its list of names starts.
const LIST_MARKERS: &[&str] = &["分别为", "分别是", "即", "包括", "包含", "涵盖", "覆盖"];
/// Nouns whose named parts are places of the structure, not structures of their own.
const PLACE_NOUNS: &[&str] = &["园区", "园", "镇"];
/// Words that end the name of a place without polygon.
pub const PLACE_ENDS: &[&str] =
    &["开发区", "高新区", "经开区", "新区", "园区", "产业园", "工业园", "园", "集中区", "集聚区", "合作区", "试验区", "示范区", "小镇", "镇", "基地", "城", "景区", "度假区"];

/// Where a part is defined: the part's name at `at`, the definition's words `body`.
struct Site {
    item: usize,
    at: usize,
    body: Span,
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The first definition of each item after the slogan: its name (quoted or not) at a clause
/// start, then a marker. Each search goes forward only.
fn sites(doc: &Doc, found: &Found) -> Vec<Site> {
    let src = doc.src;
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (k, item) in found.items.iter().enumerate() {
        let core = doc.slice(&item.core);
        if core.is_empty() {
            continue;
        }
        let mut from = found.span.end;
        while let Some(rel) = src.get(from..).and_then(|r| r.find(core)) {
            let at = from + rel;
            from = at + core.len();
            let before = src[..at].chars().next_back();
            if before.is_some_and(|c| !is_punct(c) && c != '\n') {
                continue;
            }
            let rest = &src[from..];
            let trimmed = rest.trim_start_matches(['”', '"', ' ', '，', ',']);
            let skipped = rest.len() - trimmed.len();
            let Some(m) = MARKERS.iter().find(|m| trimmed.starts_with(**m)) else { continue };
            // "的" only before a named part: “两翼”的北翼包括….
            if *m == "的" && sub_label_at(trimmed[m.len()..].trim_start(), noun_of(doc, item)).is_none() {
                continue;
            }
            out.push((k, at, from + skipped + m.len()));
            break;
        }
    }
    out.sort_by_key(|&(_, at, _)| at);
    let mut sites = Vec::new();
    for (i, &(k, at, body_start)) in out.iter().enumerate() {
        let next = out.get(i + 1).map_or(src.len(), |&(_, a, _)| a);
        let rest = src.get(body_start..next).unwrap_or("");
        let end = rest.find(['。', '！', '？', '!', '?', '\n']).map_or(next, |e| body_start + e);
        let body = text::strip_end_punct(src, text::trim(src, body_start..end));
        sites.push(Site { item: k, at, body });
    }
    sites
}

/// A named part at the start of `s`: two characters ending in the item's noun ("北翼") and a
/// marker ("包括", "为", "：").
fn sub_label_at(s: &str, noun: Option<&str>) -> Option<usize> {
    let noun = noun?;
    let cs: Vec<(usize, char)> = s.char_indices().take(3).collect();
    let (_, a) = *cs.first()?;
    let (i2, b) = *cs.get(1)?;
    let end = i2 + b.len_utf8();
    if !is_cjk(a) || !noun.ends_with(b) || "一二三四五六七八九十两双多".contains(a) {
        return None;
    }
    let rest = &s[end..];
    ["包括", "包含", "为", "即", "指", "是", "：", ":", "涵盖"].iter().any(|m| rest.starts_with(m)).then_some(end)
}

/// The item's structure noun: "三区" → "区", "五园" → "园", "三集群" → "集群".
fn noun_of(doc: &Doc, item: &Item) -> Option<&'static str> {
    let core = doc.slice(&item.core);
    super::slogan::WORDS.iter().map(|(w, _)| *w).filter(|w| core.ends_with(w)).max_by_key(|w| w.len())
}

/// Split a list of names at 、, and at 和/与/及/以及 where the name before ends (a bracket, a
/// structure or place word, a unit's name): "跨境电子商务及商贸物流园" stays one name.
fn split_list(doc: &Doc, list: &Span) -> Vec<Span> {
    let src = doc.src;
    let t = doc.slice(list);
    let unit_ends: Vec<usize> = doc.matcher.hits(src, list).iter().map(|h| h.span.end).collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let sep = ["、", "，", ",", "以及", "和", "与", "及"].iter().find(|s| rest.starts_with(**s)).copied();
        let ok = match sep {
            Some("、" | "，" | ",") => true,
            Some(_) => {
                let left = &t[start..i];
                left.ends_with([')', '）', '”'])
                    || PLACE_ENDS.iter().chain(["区", "带", "群", "谷", "廊", "轴", "网", "地", "点"].iter()).any(|w| left.ends_with(w))
                    || unit_ends.contains(&(list.start + i))
            }
            None => false,
        };
        match sep {
            Some(s) if ok => {
                out.push(text::trim(src, list.start + start..list.start + i));
                i += s.len();
                start = i;
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push(text::trim(src, list.start + start..list.end));
    out.into_iter().map(|p| clean_piece(doc, p)).filter(|p| !p.is_empty()).collect()
}

/// A list piece without what closes the list: "…等江北沿江片区", "…的主城区", "…两大产业园区",
/// "…建设".
fn clean_piece(doc: &Doc, piece: Span) -> Span {
    let src = doc.src;
    let t = doc.slice(&piece);
    let mut end = t.len();
    if let Some(d) = t.find('等').filter(|&d| d > 0) {
        end = end.min(d);
    }
    // "A的主城区": a descriptor of the list after 的.
    if let Some(d) = t[..end].rfind('的').filter(|&d| d > 0 && text::chars(&t[d..end]) <= 7) {
        end = d;
    }
    // "两大产业园区", "3个园区": a count of what was listed.
    for (i, c) in t[..end].char_indices().skip(1) {
        if "一两二三四五六七八九十".contains(c) && t[i + c.len_utf8()..end].starts_with(['大', '个']) {
            end = i;
            break;
        }
    }
    for closer in ["建设", "发展"] {
        if t[..end].ends_with(closer) && end > closer.len() {
            end -= closer.len();
        }
    }
    text::trim(src, piece.start..piece.start + end)
}

/// Where a list of names that ends at `end` starts: its items run back over 、 (and one
/// 和/与/及 before the last item) while each is a short name; the first starts after the verb
/// or preposition before it ("建设A、B、C等…" → A).
pub fn list_start(src: &str, floor: usize, end: usize) -> usize {
    // A list is at most a few hundred characters: never scan further back (linear time on a
    // text without punctuation).
    let mut floor = floor.max(end.saturating_sub(1200));
    while floor < end && !src.is_char_boundary(floor) {
        floor += 1;
    }
    let Some(region) = src.get(floor..end) else { return end };
    let short = |piece: &str| {
        let n = text::chars(piece);
        (1..=24).contains(&n) && !piece.chars().any(|c| is_punct(c) && !matches!(c, '“' | '”' | '·' | '-' | '－') && !is_space_char(c))
    };
    let mut pos = region.len();
    if let Some(j) = ["和", "与", "及"].iter().filter_map(|w| region.rfind(w)).max()
        && short(&region[j + '和'.len_utf8()..])
    {
        pos = j;
    }
    while let Some(k) = region[..pos].rfind('、') {
        if !short(&region[k + '、'.len_utf8()..pos]) {
            break;
        }
        pos = k;
    }
    if pos == region.len() {
        return super::names::name_start(src, floor, end, 30);
    }
    super::names::name_start(src, floor, floor + pos, 30)
}

fn is_space_char(c: char) -> bool {
    text::is_space(c)
}

/// A list split into its names (for the readers of statements without a slogan).
pub fn split_pieces(doc: &Doc, list: &Span) -> Vec<Span> {
    split_list(doc, list)
}

/// The members a list of names gives.
pub fn members_of(doc: &Doc, pieces: &[Span]) -> Vec<DMember> {
    list_members(doc, pieces)
}

/// What a list piece names.
enum Piece {
    /// A unit, with the plan's qualifier when only part of it belongs.
    Unit(members::Hit, Option<Span>),
    /// A unit named at the start of a longer name ("南宁综合发展产业片区", "无为经开区").
    Led(members::Hit, Span),
    /// Any other name.
    Name(Span),
}

fn classify(doc: &Doc, piece: &Span) -> Piece {
    let src = doc.src;
    let t = doc.slice(piece);
    // A bracket after the name: a qualifier (鸠江(江南)) or an aside (弋江(高新区)).
    let (core, bracket) = match t.strip_suffix([')', '）']).and_then(|r| r.rfind(['(', '（']).map(|o| (o, r.len()))) {
        Some((o, close)) if o > 0 => {
            let open_len = t[o..].chars().next().map_or(1, char::len_utf8);
            (piece.start..piece.start + o, Some(piece.start + o + open_len..piece.start + close))
        }
        _ => (piece.clone(), None),
    };
    let hits = doc.matcher.hits(src, &core);
    match hits.first() {
        Some(h) if h.span.start == core.start && h.span.end == core.end => {
            let partial = bracket.filter(|b| {
                let bt = doc.slice(b);
                !bt.is_empty() && !PLACE_ENDS.iter().any(|w| bt.ends_with(w)) && text::chars(bt) <= 10
            });
            Piece::Unit(h.clone(), partial)
        }
        Some(h) if h.span.start == core.start => Piece::Led(h.clone(), core),
        _ => Piece::Name(core),
    }
}

fn unit_member(src: &str, h: &members::Hit, partial: Option<Span>) -> DMember {
    DMember { unit: Some(h.unit), name: Quote::new(src, h.span.clone()), partial: partial.map(|p| Quote::new(src, p)), within: None, institution: false, reviewed: false }
}

fn place_member(src: &str, span: Span, within: Option<usize>) -> DMember {
    DMember { unit: None, name: Quote::new(src, span), partial: None, within, institution: false, reviewed: false }
}

fn push_member(out: &mut Vec<DMember>, m: DMember) {
    let dup = out.iter().any(|x| match (x.unit, m.unit) {
        (Some(a), Some(b)) => a == b,
        (None, None) => x.name.text == m.name.text,
        _ => false,
    });
    if !dup {
        out.push(m);
    }
}

/// Members of a list: units (with their qualifiers), places (a place a unit's name starts is
/// within it: "无为经开区").
fn list_members(doc: &Doc, pieces: &[Span]) -> Vec<DMember> {
    let src = doc.src;
    let mut out = Vec::new();
    for p in pieces {
        match classify(doc, p) {
            Piece::Unit(h, partial) => push_member(&mut out, unit_member(src, &h, partial)),
            Piece::Led(h, core) => {
                let rest = doc.slice(&(h.span.end..core.end));
                // "兴宁三塘片区": part of the unit; "无为经开区": a place in it.
                if super::members::PART_WORDS.iter().any(|w| rest.ends_with(w)) && !PLACE_ENDS.iter().any(|w| rest.ends_with(w) && *w != "区") {
                    push_member(&mut out, unit_member(src, &h, Some(h.span.end..core.end)));
                } else {
                    push_member(&mut out, place_member(src, core, Some(h.unit)));
                }
            }
            Piece::Name(core) => {
                let n = text::chars(doc.slice(&core));
                if (2..=24).contains(&n) {
                    push_member(&mut out, place_member(src, core, None));
                }
            }
        }
    }
    out
}

fn new_structure(doc: &Doc, item: &Item, name: Option<Span>, sentence: Span) -> DStructure {
    let para = doc.paras.iter().position(|p| p.start <= sentence.start && sentence.start < p.end.max(p.start + 1)).unwrap_or(0);
    DStructure {
        kind: item.kind,
        group: Quote::new(doc.src, item.span.clone()),
        name: name.map(|n| Quote::new(doc.src, n)),
        title: None,
        positioning: None,
        core_area: None,
        focus: Vec::new(),
        members: Vec::new(),
        source: doc.path(para),
        sentence,
        reviewed: false,
    }
}

/// The first clause of `span` (to ，,；;：).
fn first_clause(doc: &Doc, span: &Span) -> Span {
    let t = doc.slice(span);
    let end = t.find(['，', ',', '；', ';']).unwrap_or(t.len());
    text::trim(doc.src, span.start..span.start + end)
}

/// The list a definition gives: after 即/分别为/包括 in its first two clauses, else its first
/// clause.
fn list_of(doc: &Doc, body: &Span) -> (Span, Option<Span>) {
    let t = doc.slice(body);
    let clause_end = |k: usize| t.char_indices().filter(|(_, c)| matches!(c, '，' | ',' | '；' | ';')).nth(k).map_or(t.len(), |(i, _)| i);
    // A marker opens a list in the first two clauses ("指三个片区，即A、B、C") when names follow
    // it ("…合理布局、全面覆盖，推进…" is no list).
    let two_end = clause_end(1);
    let found = LIST_MARKERS
        .iter()
        .filter_map(|m| {
            let i = t[..two_end].find(m)?;
            let after = t[i + m.len()..].chars().next();
            after.is_some_and(|c| !is_punct(c)).then_some((i, m.len()))
        })
        .min_by_key(|&(i, _)| i);
    match found {
        Some((i, len)) => {
            let lead = text::trim(doc.src, body.start..body.start + i);
            let lead = text::strip_end_punct(doc.src, lead);
            let from = body.start + i + len;
            (first_clause(doc, &(from..body.end)), (!lead.is_empty()).then_some(lead))
        }
        None => (first_clause(doc, body), None),
    }
}

/// The structures one definition gives for its item.
fn define(doc: &Doc, item: &Item, site: &Site) -> Vec<DStructure> {
    let src = doc.src;
    let sentence = site.at..site.body.end;
    let body = site.body.clone();
    let noun = noun_of(doc, item);
    // Named parts: "北翼包括…，南翼包括…".
    let mut labels: Vec<(Span, usize)> = Vec::new();
    let bt = doc.slice(&body);
    for (i, _) in bt.char_indices() {
        let at_start = i == 0 || bt[..i].ends_with(['，', ',', '；', ';']);
        if !at_start {
            continue;
        }
        let Some(noun) = noun else { break };
        let cs: Vec<char> = bt[i..].chars().take(2).collect();
        if let [a, b] = cs.as_slice()
            && is_cjk(*a)
            && noun.ends_with(*b)
            && !"一二三四五六七八九十两双多".contains(*a)
        {
            let end = i + a.len_utf8() + b.len_utf8();
            let rest = &bt[end..];
            if let Some(m) = ["包括", "包含", "涵盖", "为", "即", "指", "是", "：", ":"].iter().find(|m| rest.starts_with(**m)) {
                labels.push((body.start + i..body.start + end, body.start + end + m.len()));
            }
        }
    }
    if labels.len() >= 2 && item.count.is_none_or(|c| c as usize == labels.len()) {
        let mut out = Vec::new();
        for (k, (label, from)) in labels.iter().enumerate() {
            let to = labels.get(k + 1).map_or(body.end, |(l, _)| l.start);
            let list = first_clause(doc, &(*from..to));
            let mut s = new_structure(doc, item, Some(label.clone()), sentence.clone());
            s.members = list_members(doc, &split_list(doc, &list));
            out.push(s);
        }
        return out;
    }
    let (list, lead) = list_of(doc, &body);
    let pieces = split_list(doc, &list);
    let place_noun = noun.is_some_and(|n| PLACE_NOUNS.contains(&n));
    let named: Vec<&Span> = pieces.iter().filter(|p| matches!(classify(doc, p), Piece::Name(_) | Piece::Led(..))).collect();
    let ends_in_noun = |p: &Span| noun.is_some_and(|n| doc.slice(p).ends_with(n.chars().last().unwrap_or('?')));
    let mut rest = text::trim(src, list.end..body.end);
    rest = {
        let t = doc.slice(&rest).trim_start_matches(['，', ',', '；', ';']);
        text::trim(src, rest.end - t.len()..rest.end)
    };
    let positioning = (text::chars(doc.slice(&rest)) >= 6).then(|| Quote::new(src, rest.clone()));
    // Several names, as many as the numeral says, each ending in the noun: one structure each.
    let many = item.count.is_none_or(|c| c >= 2);
    if many && !place_noun && named.len() >= 2 && named.len() == pieces.len() && item.count.is_none_or(|c| c as usize == pieces.len()) && pieces.iter().all(ends_in_noun) {
        return pieces
            .iter()
            .map(|p| {
                let mut s = new_structure(doc, item, Some(p.clone()), sentence.clone());
                if let Piece::Led(h, _) = classify(doc, p) {
                    s.members.push(unit_member(src, &h, None));
                }
                s
            })
            .collect();
    }
    // "四谷指…的养情谷；…的养心谷；…的养身谷": names after the last 的 of each segment.
    if many && !place_noun && pieces.len() < 2 {
        let segs: Vec<Span> = text::sentences(src, body.clone()).into_iter().map(|s| text::strip_end_punct(src, s)).collect();
        let mut names = Vec::new();
        for seg in &segs {
            let t = doc.slice(seg);
            if let Some(de) = t.rfind('的') {
                let name = text::trim(src, seg.start + de + '的'.len_utf8()..seg.end);
                let nt = doc.slice(&name);
                if (2..=12).contains(&text::chars(nt)) && ends_in_noun(&name) {
                    names.push(name);
                }
            }
        }
        if names.len() >= 2 {
            return names.into_iter().map(|n| new_structure(doc, item, Some(n), sentence.clone())).collect();
        }
    }
    let mut s = new_structure(doc, item, None, sentence.clone());
    s.positioning = positioning;
    if item.count == Some(1) && pieces.len() == 1 && named.len() == 1 {
        // "一核即X": X names the part; a place when its name says so.
        let p = &pieces[0];
        s.title = Some(Quote::new(src, p.clone()));
        if PLACE_ENDS.iter().any(|w| doc.slice(p).ends_with(w)) {
            s.members = list_members(doc, &pieces);
        } else {
            // What the rest of the definition places in it ("北林，为生态涵养区，布局X产业园").
            let clauses = text::clauses(src, list.end..body.end);
            s.members = members::read(src, &clauses, doc.region, doc.matcher)
                .into_iter()
                .filter(|m| m.unit.is_some() || PLACE_ENDS.iter().any(|w| m.name.text.ends_with(w)))
                .collect();
        }
        return vec![s];
    }
    if pieces.len() >= 2 || pieces.iter().any(|p| !matches!(classify(doc, p), Piece::Name(_))) {
        s.members = list_members(doc, &pieces);
    } else if let Some(p) = pieces.first() {
        // One name that is not a place list: what the part is ("基本公共健康保障网").
        if text::chars(doc.slice(p)) <= 20 {
            s.title = Some(Quote::new(src, p.clone()));
        }
        // Units and places the rest of the definition names.
        let clauses = text::clauses(src, body.clone());
        s.members = members::read(src, &clauses, doc.region, doc.matcher);
    }
    if s.title.is_none()
        && let Some(l) = lead
        && text::chars(doc.slice(&l)) <= 20
    {
        s.title = Some(Quote::new(src, l));
    }
    vec![s]
}

/// The parts a slogan labels, read from the text before it in its paragraph: each segment
/// (to 。；) goes to the part whose noun its place or quoted name ends in, else to the part
/// of many (多点); the list right before the slogan is matched name by name.
fn described_before(doc: &Doc, found: &Found) -> Option<Vec<DStructure>> {
    let src = doc.src;
    let para = doc.paras.get(found.para)?;
    let start = src[..found.span.start].strip_suffix(['“', '"']).map_or(found.span.start, str::len).max(para.start);
    let desc = para.start..start;
    if text::chars(doc.slice(&desc)) < 6 {
        return None;
    }
    let nouns: Vec<Option<&str>> = found.items.iter().map(|i| noun_of(doc, i)).collect();
    let mut out: Vec<DStructure> = found.items.iter().map(|i| new_structure(doc, i, None, para.clone())).collect();
    // The list right before the slogan: "以A、B、C、D“一城三地”", "强化A和B“一区一基地”".
    let clause_start =
        doc.slice(&desc).rfind(['，', ',', '；', ';', '。']).map_or(desc.start, |i| desc.start + i + doc.slice(&desc)[i..].chars().next().map_or(1, char::len_utf8));
    let clause = clause_start..desc.end;
    let ct = doc.slice(&clause);
    let lead = list_start(src, clause.start, clause.end);
    let list = text::trim(src, lead.max(clause.start)..clause.end);
    let list = match doc.slice(&list).rfind('以') {
        Some(i) if !ct.is_empty() => text::trim(src, list.start + i + '以'.len_utf8()..list.end),
        _ => list,
    };
    let pieces = if list.is_empty() { Vec::new() } else { split_list(doc, &list) };
    let fits = |p: &Span, k: usize| nouns.get(k).copied().flatten().is_some_and(|n| doc.slice(p).ends_with(n.chars().last().unwrap_or('?')));
    let assigned: Vec<Option<usize>> = pieces.iter().map(|p| (0..found.items.len()).find(|&k| fits(p, k))).collect();
    if pieces.len() >= 2 && assigned.iter().all(Option::is_some) {
        let mut made: Vec<DStructure> = Vec::new();
        for (k, item) in found.items.iter().enumerate() {
            let mine: Vec<Span> = pieces.iter().zip(&assigned).filter(|(_, a)| **a == Some(k)).map(|(p, _)| p.clone()).collect();
            let place_noun = nouns[k].is_some_and(|n| PLACE_NOUNS.contains(&n));
            if item.count.is_some_and(|c| c >= 2) && !place_noun && mine.len() == item.count.unwrap_or(0) as usize {
                made.extend(mine.into_iter().map(|p| new_structure(doc, item, Some(p), clause.clone())));
            } else {
                let mut s = new_structure(doc, item, None, clause.clone());
                s.members = list_members(doc, &mine);
                made.push(s);
            }
        }
        return Some(made);
    }
    // Segment by segment.
    let many = found.items.iter().position(|i| i.count != Some(1) && i.kind == Kind::Point).or_else(|| found.items.iter().rposition(|i| i.count != Some(1)));
    let places_ac = super::names::matcher(PLACE_ENDS);
    let mut any = false;
    for seg in text::sentences(src, desc.clone()) {
        let st = doc.slice(&seg);
        // A quoted name ending in a part's noun names that part: “贵阳新医药产业圈”.
        let mut target = None;
        for (i, _) in st.match_indices('“') {
            // A quoted name is short: an unbalanced quote does not send the search to the end.
            if let Some(close) = st[i..].char_indices().take(40).find(|(_, c)| *c == '”').map(|(j, _)| j) {
                let inner = i + '“'.len_utf8()..i + close;
                let name = seg.start + inner.start..seg.start + inner.end;
                if let Some(k) = (0..found.items.len()).find(|&k| found.items[k].count == Some(1) && fits(&name, k))
                    && text::chars(doc.slice(&name)) >= 3
                {
                    out[k].title.get_or_insert_with(|| Quote::new(src, name.clone()));
                    target = Some(k);
                }
            }
        }
        let mut places: Vec<(Span, Option<usize>)> = Vec::new();
        // "A、B、C等医药产业园": a place in each (joined quotes), within the unit named.
        let mut expanded: Vec<DMember> = Vec::new();
        let mut covered: Vec<Span> = Vec::new();
        for (span, _) in super::names::find(src, &seg, &places_ac, 16) {
            let k = (0..found.items.len()).find(|&k| found.items[k].count == Some(1) && fits(&span, k));
            if let Some(k) = k {
                target.get_or_insert(k);
            }
            if src[seg.start..span.start].ends_with('等') {
                let list_end = span.start - '等'.len_utf8();
                let list = list_start(src, seg.start, list_end)..list_end;
                let pieces = split_list(doc, &list);
                if pieces.len() >= 2 && pieces.iter().all(|p| (2..=4).contains(&text::chars(doc.slice(p)))) {
                    for p in &pieces {
                        let within = doc.matcher.hits(src, p).first().filter(|h| h.span == *p).map(|h| h.unit);
                        expanded.push(DMember {
                            unit: None,
                            name: Quote::joined(src, &[p.clone(), span.clone()]),
                            partial: None,
                            within,
                            institution: false,
                            reviewed: false,
                        });
                    }
                    covered.push(list);
                    continue;
                }
            }
            covered.push(span.clone());
            places.push((span, k));
        }
        let hits: Vec<members::Hit> = doc.matcher.hits(src, &seg).into_iter().filter(|h| !covered.iter().any(|c| c.start <= h.span.start && h.span.end <= c.end)).collect();
        let Some(t) = target.or(if hits.is_empty() && expanded.is_empty() { None } else { many }) else { continue };
        for m in expanded {
            push_member(&mut out[t].members, m);
            any = true;
        }
        for (span, k) in places {
            if k == Some(t) && text::chars(doc.slice(&span)) >= 3 {
                push_member(&mut out[t].members, place_member(src, span, None));
                any = true;
            }
        }
        for h in hits {
            // A unit already given to another part, named again where the slogan restates
            // the parts' roles ("以A为中心"), stays with the first.
            if out.iter().enumerate().any(|(j, o)| j != t && o.members.iter().any(|m| m.unit == Some(h.unit))) {
                continue;
            }
            push_member(&mut out[t].members, unit_member(src, &h, None));
            any = true;
        }
    }
    any.then_some(out)
}

/// Replace the structures `structures::read` drafted for the slogan's items by what running
/// text defines, where it does (items under a heading of their own keep their block).
pub fn refine(doc: &Doc, found: &Found, drafted: &mut Vec<DStructure>) {
    let src = doc.src;
    let headed = |item: &Item| super::structures::heading_for(doc, doc.slice(&item.core), found.para).is_some();
    // A single quoted item ("“三个圈层”") is read from the headings that name its parts.
    if found.items.len() < 2 || found.items.iter().any(headed) {
        return;
    }
    let mut made: Vec<(usize, Vec<DStructure>)> = Vec::new();
    if found.parts {
        // Each part quoted in its own sentence, with what it is given there.
        for (k, item) in found.items.iter().enumerate() {
            let rest = src.get(item.span.end..).unwrap_or("");
            let end = item.span.end + rest.find(['。', '；', ';', '\n']).unwrap_or(rest.len());
            let sentence = item.span.start..end;
            let mut s = new_structure(doc, item, None, sentence.clone());
            s.members = members::read(src, &text::clauses(src, item.span.end..end), doc.region, doc.matcher).into_iter().filter(|m| m.unit.is_some()).collect();
            made.push((k, vec![s]));
        }
    } else {
        let sites = sites(doc, found);
        for site in &sites {
            if let Some(item) = found.items.get(site.item) {
                let mut v = define(doc, item, site);
                // A county-level plan divided in parts ("南城", "北林"): each part is part of the county.
                if let Some(f) = doc.region.focus.as_ref().and_then(|f| doc.region.units.iter().position(|u| &u.adcode == f))
                    && item.count == Some(1)
                    && doc.slice(&item.core).chars().all(|c| !"一二三四五六七八九十两双多".contains(c))
                {
                    for s in &mut v {
                        if !s.members.iter().any(|m| m.unit.is_some()) {
                            let q = Quote::new(src, item.core.clone());
                            s.members.insert(0, DMember { unit: Some(f), name: q.clone(), partial: Some(q), within: None, institution: false, reviewed: false });
                        }
                    }
                }
                made.push((site.item, v));
            }
        }
        if sites.is_empty()
            && let Some(v) = described_before(doc, found)
        {
            // One structure per item, in order, unless named parts were made.
            let mut by_item: Vec<(usize, Vec<DStructure>)> = Vec::new();
            for s in v {
                let k = found.items.iter().position(|i| Quote::new(src, i.span.clone()).text == s.group.text).unwrap_or(0);
                match by_item.iter_mut().find(|(i, _)| *i == k) {
                    Some((_, list)) => list.push(s),
                    None => by_item.push((k, vec![s])),
                }
            }
            made = by_item;
        }
    }
    if made.is_empty() {
        return;
    }
    // Drafted structures of the redefined items go; the new ones take the first's place.
    for (k, new) in made.into_iter().rev() {
        let Some(item) = found.items.get(k) else { continue };
        let group = Quote::new(src, item.span.clone()).text;
        let at = drafted.iter().position(|s| s.group.text == group).unwrap_or(drafted.len());
        drafted.retain(|s| s.group.text != group);
        let at = at.min(drafted.len());
        for (j, s) in new.into_iter().enumerate() {
            drafted.insert(at + j, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Region, Unit, draft};

    fn region() -> Region {
        let units = vec![Unit::new("100001", "东湖区"), Unit::new("100002", "西岭区"), Unit::new("100003", "南山县"), Unit::new("100004", "北川市")];
        Region { name: "平原市".into(), names: vec!["平原市".into(), "平原".into()], units, ..Region::default() }
    }

    /// A member's name and its partial qualifier.
    type Member = (String, Option<String>);

    /// (structure, [(member, partial)]) in the draft's order.
    fn got(text: &str) -> Vec<(String, Vec<Member>)> {
        draft(text, &region())
            .structures
            .iter()
            .map(|s| (s.display_name(), s.members.iter().map(|m| (m.name.text.clone(), m.partial.as_ref().map(|p| p.text.clone()))).collect()))
            .collect()
    }

    #[test]
    fn parts_defined_with_ji_give_one_structure_per_name() {
        let g = got("平原将构建“两区一带”的发展格局。其中,“两区”即东湖康养片区、西岭医药片区,“一带”是沿河生态带。\n");
        let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["两区：东湖康养片区", "两区：西岭医药片区", "一带"], "{g:?}");
        // The unit a part's name starts with is its member.
        assert_eq!(g[0].1, [("东湖".to_string(), None)]);
        assert!(g[1].1.is_empty() || g[1].1[0].0 == "西岭", "{g:?}");
    }

    #[test]
    fn a_definition_lists_units_with_qualifiers_and_places() {
        let g = got(
            "形成“一核、两翼”格局。\n“一核”指东湖、西岭(高新区)、南山(河东)、经开区和滨湖开发区的中心城区,聚焦医疗。\n“两翼”的东翼包括北川工业园和南山经开区等片区,西翼包括临港产业园与西岭物流园。\n",
        );
        let core = &g[0];
        assert_eq!(core.0, "一核");
        assert_eq!(
            core.1,
            [
                ("东湖".to_string(), None),
                ("西岭".to_string(), None),
                ("南山".to_string(), Some("河东".to_string())),
                ("经开区".to_string(), None),
                ("滨湖开发区".to_string(), None)
            ],
            "{g:?}"
        );
        let east = g.iter().find(|(n, _)| n == "两翼：东翼").map(|(_, m)| m.iter().map(|x| x.0.as_str()).collect::<Vec<_>>());
        assert_eq!(east, Some(vec!["北川工业园", "南山经开区"]), "{g:?}");
        let west = g.iter().find(|(n, _)| n == "两翼：西翼").map(|(_, m)| m.len());
        assert_eq!(west, Some(2), "{g:?}");
    }

    #[test]
    fn parks_and_towns_of_a_part_are_places_and_a_count_that_does_not_fit_gives_no_parts() {
        let g = got("重点建设“一区三园”。“一区”即平原康养合作区,“三园”包括东湖药谷园、西岭医药工业园、南山电子商务及物流园。\n");
        assert_eq!(g[0].1, [("平原康养合作区".to_string(), None)], "{g:?}");
        let parks: Vec<&str> = g[1].1.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(parks, ["东湖药谷园", "西岭医药工业园", "南山电子商务及物流园"], "{g:?}");
        // "三带" with two names: no named parts (the numeral is a check).
        let g = got("构建“一核三带”格局。“三带”指东部生态带和西部康养带。\n");
        assert!(!g.iter().any(|(n, _)| n.starts_with("三带：")), "{g:?}");
    }

    #[test]
    fn a_slogan_labelling_the_text_before_it() {
        let g = got("规划将医药企业向平原高新区滨河医药产业园集中;在东湖区、西岭区、南山县发展种植,形成“一园多点”空间布局。\n");
        let park = g.iter().find(|(n, _)| n == "一园").map(|(_, m)| m.iter().map(|x| x.0.clone()).collect::<Vec<_>>());
        assert_eq!(park, Some(vec!["滨河医药产业园".to_string()]), "{g:?}");
        let points = g.iter().find(|(n, _)| n == "多点").map(|(_, m)| m.len());
        assert_eq!(points, Some(3), "{g:?}");
    }

    #[test]
    fn parts_quoted_apart_take_the_units_of_their_own_sentence() {
        let g = got("坚定做强“一主引领”,支持东湖建设医学中心;着力强化“两翼驱动”,支持西岭、南山建成区域中心;抬高“全域协同”底板,推进县域医共体。\n");
        let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["一主引领", "两翼驱动", "全域协同"], "{g:?}");
        assert_eq!(g[0].1.len(), 1);
        assert_eq!(g[1].1.len(), 2);
        assert!(g[2].1.is_empty());
    }
}
