//! Layout statements without a slogan, as plans write them in running text:
//! - a list and the class it forms: "建设A市、B县、C县等中药材产业重点县32个", "A、B等以…为主的
//!   X产区", "将A、B培育形成X园区", "扶持A、B等“六个特色产业基地”" → X with the listed members;
//! - a list counted by its noun: "打造A、B、C、D、E五大园区", "划分为A、B、C和D四个区划";
//! - "依托X、Y等…，打造Z" → Z with the places X, Y;
//! - roles: "以X为核心，以Y为重要节点", "以X为核心区" → a structure per role.
//!
//! Precision first: a list counts only when each of its items is a unit or a place's name.

use super::define::PLACE_ENDS;
use super::text::{self, Span};
use super::{DMember, DStructure, Doc, Kind, Quote};

/// Words a class of units or places ends in ("…产区", "…重点县", "…集聚区").
const CLASS_ENDS: &[(&str, Kind)] = &[
    ("集聚区", Kind::Zone),
    ("产区", Kind::Zone),
    ("片区", Kind::Zone),
    ("园区", Kind::Zone),
    ("基地", Kind::Zone),
    ("重点县", Kind::Point),
    ("示范县", Kind::Point),
    ("集群", Kind::Cluster),
    ("走廊", Kind::Axis),
    ("区", Kind::Zone),
    ("带", Kind::Belt),
];
/// Verbs between a list and the class it is to form ("将A、B培育形成X").
const FORM_VERBS: &[&str] = &["培育形成", "培育成为", "培育成", "打造成为", "打造成", "建设成为", "建设成", "发展成为", "形成"];
/// Words a class's name ends with that are not part of it ("X建设", "X发展").
const NAME_CLOSERS: &[&str] = &["建设", "发展", "创建"];

fn class_kind(name: &str) -> Option<Kind> {
    // "六个特色产业基地(园区)": a bracket after the class's word.
    let name = match name.strip_suffix([')', '）']).and_then(|r| r.rfind(['(', '（']).map(|o| &r[..o])) {
        Some(r) => r,
        None => name,
    };
    let n = text::chars(name);
    if !(3..=24).contains(&n) {
        return None;
    }
    CLASS_ENDS.iter().find(|(w, _)| name.ends_with(w)).map(|(_, k)| *k)
}

fn para_of(doc: &Doc, at: usize) -> usize {
    doc.paras.iter().position(|p| p.start <= at && at < p.end.max(p.start + 1)).unwrap_or(0)
}

fn structure(doc: &Doc, kind: Kind, name: Span, sentence: Span, members: Vec<DMember>) -> DStructure {
    DStructure {
        kind,
        group: Quote::new(doc.src, name),
        name: None,
        title: None,
        positioning: None,
        core_area: None,
        focus: Vec::new(),
        members,
        source: doc.path(para_of(doc, sentence.start)),
        sentence,
        reviewed: false,
    }
}

/// A list's members when every item is a unit or a place (a place word ends it, or a unit's
/// name starts it); None otherwise.
fn all_named(doc: &Doc, list: &Span) -> Option<Vec<DMember>> {
    let pieces = super::define::split_pieces(doc, list);
    if pieces.len() < 2 {
        return None;
    }
    let ok = pieces.iter().all(|p| {
        let t = doc.slice(p);
        let hits = doc.matcher.hits(doc.src, p);
        hits.first().is_some_and(|h| h.span.start == p.start) || (PLACE_ENDS.iter().any(|w| t.ends_with(w)) && text::chars(t) <= 16)
    });
    ok.then(|| super::define::members_of(doc, &pieces))
}

/// The list before `end` in `clause`: its items back over 、, after the verb before them.
fn list_before(doc: &Doc, clause: &Span, end: usize) -> Span {
    let start = super::define::list_start(doc.src, clause.start, end);
    text::trim(doc.src, start..end)
}

/// "A、B等[以…为主的]X", "将A、B培育形成X", "A、B和C X建设".
fn classes(doc: &Doc, clause: &Span, sentence: &Span) -> Option<DStructure> {
    let src = doc.src;
    let t = doc.slice(clause);
    // The class's name: to the clause end, without a closing "建设" or a count ("32个").
    let mut end = clause.end;
    let mut tt = t;
    let digits: usize = tt.strip_suffix(['个', '家', '处']).map_or(0, |r| r.chars().rev().take_while(char::is_ascii_digit).map(char::len_utf8).sum());
    if digits > 0 {
        end -= digits + '个'.len_utf8();
        tt = &t[..end - clause.start];
    }
    for c in NAME_CLOSERS {
        if let Some(r) = tt.strip_suffix(c) {
            end -= c.len();
            tt = r;
        }
    }
    // "A、B等以C、D等为主的X": the first 等 whose list is of names.
    let deng = tt.match_indices('等').map(|(d, _)| d).find(|&d| all_named(doc, &list_before(doc, clause, clause.start + d)).is_some());
    let (list_end, name_start) = if let Some(d) = deng {
        // "等以…为主的X", "等“X”": the name after the last 的.
        let after = &tt[d + '等'.len_utf8()..];
        let name_rel = after.rfind('的').map_or(0, |i| i + '的'.len_utf8());
        let name_rel = if after.starts_with('地') && name_rel == 0 { '地'.len_utf8() } else { name_rel };
        (clause.start + d, clause.start + d + '等'.len_utf8() + name_rel)
    } else if tt.contains('等') {
        return None;
    } else if let Some((i, v)) = FORM_VERBS.iter().filter_map(|v| tt.find(v).map(|i| (i, v))).min_by_key(|(i, _)| *i) {
        (clause.start + i, clause.start + i + v.len())
    } else {
        // "A、B和C X": the last item runs into the name; cut it at its place word.
        let pieces: Vec<&str> = tt.split('、').collect();
        let last = pieces.last()?;
        let last_at = clause.start + tt.len() - last.len();
        // The last place word after which a class's name remains ("五象新区|大健康养老产业集聚区").
        // Not "集A、B于一体的X": what follows the list is a name, not a function word.
        let cut = PLACE_ENDS
            .iter()
            .flat_map(|w| last.match_indices(w).map(|(i, _)| i + w.len()))
            .filter(|&e| {
                e < last.len() && class_kind(&last[e..]).is_some() && !last[e..].starts_with(['于', '的', '为', '和', '及', '与', '等', '在', '将', '是', '“', '”', '"'])
            })
            .max()?;
        (last_at + cut, last_at + cut)
    };
    let name = text::trim(src, name_start..end);
    let nt = doc.slice(&name);
    let kind = class_kind(nt.trim_matches(['“', '”', '"']))?;
    if nt.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let list = list_before(doc, clause, list_end);
    let members = all_named(doc, &list)?;
    Some(structure(doc, kind, name, sentence.clone(), members))
}

/// "打造A、B、C、D、E五大园区", "划分为A、B、C和D四个区划": as many names as the numeral says.
fn counted(doc: &Doc, clause: &Span, sentence: &Span) -> Vec<DStructure> {
    let src = doc.src;
    let t = doc.slice(clause);
    for (i, c) in t.char_indices() {
        let n = match c {
            '两' | '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => 10,
            _ => continue,
        };
        let after = &t[i + c.len_utf8()..];
        let Some(filler) = ["大", "个"].iter().find(|f| after.starts_with(**f)) else { continue };
        let noun_at = i + c.len_utf8() + filler.len();
        let noun_end = t[noun_at..].find(['，', ',', '；', ';', '。', '的']).map_or(t.len(), |e| noun_at + e);
        let noun = &t[noun_at..noun_end];
        if !(1..=4).contains(&text::chars(noun)) || i == 0 {
            continue;
        }
        let list = list_before(doc, clause, clause.start + i);
        let pieces = super::define::split_pieces(doc, &list);
        if pieces.len() != n || n < 2 {
            continue;
        }
        let group = clause.start + i..clause.start + noun_end;
        let place_like = ["园区", "园", "小镇", "镇", "基地"].iter().any(|w| noun.ends_with(w));
        if place_like {
            let members = super::define::members_of(doc, &pieces);
            return vec![structure(doc, Kind::Zone, group, sentence.clone(), members)];
        }
        // Parts named as structures of their own ("…药材生产区"), under the group.
        if pieces.iter().all(|p| class_kind(doc.slice(p)).is_some()) {
            return pieces
                .iter()
                .map(|p| {
                    let mut s = structure(doc, class_kind(doc.slice(p)).unwrap_or(Kind::Zone), group.clone(), sentence.clone(), Vec::new());
                    s.name = Some(Quote::new(src, p.clone()));
                    s
                })
                .collect();
        }
    }
    Vec::new()
}

/// Words a list of places ends with that are not places ("…等优势", "…等资源").
const NOT_PLACES: &[&str] = &["资源", "基础", "优势", "环境", "条件", "产业", "文化", "资金", "技术", "政策", "平台", "企业", "品牌", "特色"];

/// "依托X、Y等…，打造Z": Z with the places X, Y.
fn built_on(doc: &Doc, sentence: &Span) -> Option<DStructure> {
    let src = doc.src;
    let clauses = text::clauses(src, sentence.clone());
    let first = clauses.first()?;
    let ft = doc.slice(first);
    let body = ft.strip_prefix("依托")?;
    let last = clauses.iter().rev().find(|c| doc.slice(c).starts_with("打造"))?;
    let lt = doc.slice(last);
    let obj = &lt["打造".len()..];
    let name_rel = obj.rfind('的').map_or(0, |i| i + '的'.len_utf8());
    let name = text::trim(src, last.start + "打造".len() + name_rel..last.end);
    if !(2..=16).contains(&text::chars(doc.slice(&name))) {
        return None;
    }
    let list_end = body.find('等').map_or(body.len(), |d| d);
    let list = text::trim(src, first.start + "依托".len()..first.start + "依托".len() + list_end);
    let pieces = super::define::split_pieces(doc, &list);
    let ok = !pieces.is_empty()
        && pieces.iter().all(|p| {
            let t = doc.slice(p);
            (2..=14).contains(&text::chars(t)) && !NOT_PLACES.iter().any(|w| t.ends_with(w)) && !t.contains(['的', '和'])
        });
    if !ok {
        return None;
    }
    let members = super::define::members_of(doc, &pieces);
    Some(structure(doc, Kind::Zone, name, sentence.clone(), members))
}

/// Roles in a layout sentence: "以X为核心", "以Y为重要节点", "以X为核心区".
const ROLES: &[(&str, Kind)] = &[("核心区", Kind::Core), ("重要节点", Kind::Point), ("节点", Kind::Point), ("核心", Kind::Core), ("增长极", Kind::Pole)];

fn roles(doc: &Doc, sentence: &Span, alone: bool) -> Vec<DStructure> {
    let src = doc.src;
    let mut out = Vec::new();
    for c in text::clauses(src, sentence.clone()) {
        let t = doc.slice(&c);
        let Some(yi) = t.find('以') else { continue };
        let rest = &t[yi + '以'.len_utf8()..];
        let Some(wei) = rest.find('为') else { continue };
        let x = c.start + yi + '以'.len_utf8()..c.start + yi + '以'.len_utf8() + wei;
        let after = &rest[wei + '为'.len_utf8()..];
        let Some((role, kind)) = ROLES.iter().find(|(r, _)| after.starts_with(r)).copied() else { continue };
        let xt = doc.slice(&x);
        if !(2..=10).contains(&text::chars(xt)) || xt.contains(['、', '和', '及']) || ["重点", "县市", "县区", "各", "全"].iter().any(|w| xt.contains(w)) {
            continue;
        }
        let role_span = x.end + '为'.len_utf8()..x.end + '为'.len_utf8() + role.len();
        let members = super::define::members_of(doc, std::slice::from_ref(&x));
        out.push(structure(doc, kind, role_span, sentence.clone(), members));
    }
    if out.len() >= 2 || (alone && out.len() == 1 && out.iter().all(|s| s.group.text.ends_with('区') && s.members.iter().any(|m| m.unit.is_some()))) {
        out
    } else {
        Vec::new()
    }
}

/// "形成了以A为主的X区，以B为主的Y区和以C为主的Z区": two or more classes, each named after
/// "为主的", in one sentence.
fn enumerated(doc: &Doc, sentence: &Span) -> Vec<DStructure> {
    let src = doc.src;
    let t = doc.slice(sentence);
    let mut out = Vec::new();
    for (i, _) in t.match_indices("为主的") {
        let from = i + "为主的".len();
        // A class's name is short (linear time on a text without punctuation).
        let rest: &str = &t[from..];
        let cap = rest.char_indices().nth(40).map_or(rest.len(), |(j, _)| j);
        let rest = &rest[..cap];
        let mut end = rest.find(|c: char| super::names::is_punct(c) && !matches!(c, '“' | '”')).unwrap_or(rest.len());
        if let Some(j) = rest[..end].find("和以").or_else(|| rest[..end].find("及以")) {
            end = j;
        }
        let name = text::trim(src, sentence.start + from..sentence.start + from + end);
        let Some(kind) = class_kind(doc.slice(&name).trim_matches(['“', '”'])) else { continue };
        out.push(structure(doc, kind, name, sentence.clone(), Vec::new()));
    }
    if out.len() >= 2 { out } else { Vec::new() }
}

/// A quoted name of a corridor, belt or axis the plan builds ("将“X医药健康产业走廊”打造成…").
fn corridors(doc: &Doc, sentence: &Span) -> Vec<DStructure> {
    let src = doc.src;
    let t = doc.slice(sentence);
    let mut out = Vec::new();
    for (i, _) in t.match_indices('“') {
        let from = i + '“'.len_utf8();
        let Some(close) = t[from..].char_indices().take(40).find(|(_, c)| *c == '”').map(|(j, _)| j) else { continue };
        let name = &t[from..from + close];
        // What the plan builds: "将“X走廊”打造成…", "加快建设“X走廊”" (not "“健康中国”和“长江经济带”").
        if !["将", "建设", "打造", "构建", "形成", "推进"].iter().any(|v| t[..i].ends_with(v)) {
            continue;
        }
        let n = text::chars(name);
        let Some((_, kind)) =
            [("走廊", Kind::Axis), ("廊道", Kind::Axis), ("经济带", Kind::Belt), ("产业带", Kind::Belt), ("发展轴", Kind::Axis)].iter().find(|(w, _)| name.ends_with(w))
        else {
            continue;
        };
        if (5..=24).contains(&n) && !out.iter().any(|s: &DStructure| s.group.text == name) {
            out.push(structure(doc, *kind, sentence.start + from..sentence.start + from + close, sentence.clone(), Vec::new()));
        }
        let _ = src;
    }
    out
}

/// "推动A建成鄂中省域医疗中心、B建成鄂东省域医疗中心": units each to become one of a kind
/// (the names' common end) — a structure of that kind with the units.
fn parallel(doc: &Doc, sentence: &Span) -> Option<DStructure> {
    let src = doc.src;
    'clauses: for c in text::clauses(src, sentence.clone()) {
        let t = doc.slice(&c);
        if !t.contains('、') {
            continue;
        }
        let mut units = Vec::new();
        let mut names: Vec<Span> = Vec::new();
        let mut at = c.start;
        for piece in t.split('、') {
            let span = at..at + piece.len();
            at += piece.len() + '、'.len_utf8();
            let Some((i, v)) = ["建设成为", "建设成", "建成", "打造成为", "打造成"].iter().find_map(|v| piece.find(v).map(|i| (i, *v))) else {
                continue 'clauses;
            };
            let subject = span.start..span.start + i;
            let hits = doc.matcher.hits(src, &subject);
            let Some(h) = hits.last().filter(|h| h.span.end == subject.end) else { continue 'clauses };
            units.push(super::define::members_of(doc, std::slice::from_ref(&h.span)));
            names.push(span.start + i + v.len()..span.end);
        }
        if names.len() < 2 {
            continue;
        }
        // The common end of the names, whole characters.
        let first = doc.slice(names.first()?);
        let mut len = 0;
        for (k, ch) in first.chars().rev().enumerate() {
            if names.iter().all(|n| doc.slice(n).chars().rev().nth(k) == Some(ch)) {
                len += ch.len_utf8();
            } else {
                break;
            }
        }
        let last = names.last()?;
        // "东部…" and "西部…" share "部…": the kind starts after the direction word.
        let common = &doc.slice(last)[doc.slice(last).len() - len..];
        let len = len - common.chars().take_while(|c| "部方面侧".contains(*c)).map(char::len_utf8).sum::<usize>();
        let name = last.end - len..last.end;
        if text::chars(doc.slice(&name)) < 4 {
            continue;
        }
        let kind = if doc.slice(&name).ends_with("中心") { Kind::Centre } else { Kind::Zone };
        return Some(structure(doc, kind, name, sentence.clone(), units.into_iter().flatten().collect()));
    }
    None
}

/// Structures stated without a slogan. `slogan`: whether the plan has one (then only lists
/// forming a class, and roles given in pairs, are read: they cannot be its parts).
pub fn read(doc: &Doc, slogan: bool, taken: &[DStructure]) -> Vec<DStructure> {
    let src = doc.src;
    let mut out: Vec<DStructure> = Vec::new();
    let add = |s: DStructure, out: &mut Vec<DStructure>| {
        let key = s.display_name();
        if taken.iter().any(|t| t.display_name() == key) {
            return;
        }
        // A list restating a drafted structure's members ("北翼包括A、B等江北片区") is that
        // structure, not another.
        let known = |m: &DMember| {
            taken.iter().any(|t| t.members.iter().any(|x| x.unit.is_some() && x.unit == m.unit || x.unit.is_none() && m.unit.is_none() && x.name.text == m.name.text))
        };
        if s.members.len() >= 2 && s.members.iter().all(known) {
            return;
        }
        // The same class named twice: one structure with the members of both.
        if let Some(prev) = out.iter_mut().find(|x| x.display_name() == key) {
            for m in s.members {
                if !prev.members.iter().any(|p| p.unit.is_some() && p.unit == m.unit || p.unit.is_none() && m.unit.is_none() && p.name.text == m.name.text) {
                    prev.members.push(m);
                }
            }
            return;
        }
        out.push(s);
    };
    for para in doc.paras {
        // "依托X…打造Y；依托Z…打造W": a series in one paragraph states a layout; one such
        // sentence is a task.
        let series: Vec<DStructure> = if slogan { Vec::new() } else { text::sentences(src, para.clone()).iter().filter_map(|s| built_on(doc, s)).collect() };
        if series.len() >= 2 {
            for s in series {
                add(s, &mut out);
            }
        }
        for sentence in text::sentences(src, para.clone()) {
            // A sentence about a drafted member ("X产业园位于…，打造五大功能区") describes that
            // place, not the plan's layout.
            let st = doc.slice(&sentence);
            let about_member =
                taken.iter().chain(out.iter()).any(|t| t.members.iter().any(|m| m.unit.is_none() && text::chars(&m.name.text) >= 4 && st.starts_with(m.name.text.as_str())));
            if about_member {
                continue;
            }
            for s in corridors(doc, &sentence) {
                add(s, &mut out);
            }
            for c in text::clauses(src, sentence.clone()) {
                if let Some(s) = classes(doc, &c, &sentence) {
                    add(s, &mut out);
                    continue;
                }
                if !slogan {
                    for s in counted(doc, &c, &sentence) {
                        add(s, &mut out);
                    }
                }
            }
            if let Some(s) = parallel(doc, &sentence) {
                add(s, &mut out);
            }
            for s in enumerated(doc, &sentence) {
                add(s, &mut out);
            }
            for s in roles(doc, &sentence, !slogan) {
                add(s, &mut out);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Region, Unit, draft};

    fn got(text: &str) -> Vec<(String, Vec<String>)> {
        let units =
            vec![Unit::city("100100", "东湖市"), Unit::city("100200", "西岭市"), Unit::new("100101", "南山县"), Unit::new("100102", "北川县"), Unit::new("100103", "东湖县")];
        let region = Region { name: "平原省".into(), names: vec!["平原省".into(), "平原".into()], units, ..Region::default() };
        draft(text, &region).structures.iter().map(|s| (s.display_name(), s.members.iter().map(|m| m.name.text.clone()).collect())).collect()
    }

    #[test]
    fn a_list_and_the_class_it_forms() {
        let g = got("全省重点发展南山县、北川县等以黄芪为主的道地药材产区,建设东湖、西岭等中药材重点县12个。\n");
        assert!(g.contains(&("道地药材产区".to_string(), vec!["南山县".into(), "北川县".into()])), "{g:?}");
        assert!(g.iter().any(|(n, m)| n == "中药材重点县" && m.len() == 2), "{g:?}");
        let g = got("将东湖、西岭培育形成千亿级医药产业园区。\n");
        assert_eq!(g, [("千亿级医药产业园区".to_string(), vec!["东湖".to_string(), "西岭".to_string()])]);
    }

    #[test]
    fn a_list_of_words_that_are_not_names_is_no_class() {
        // The items are not units or places: no structure.
        assert!(got("发展中药、化学药等医药产业集聚区。\n").is_empty());
        assert!(got("依托现有产业基础、民俗资源等优势,打造康养产业园区。\n").is_empty());
    }

    #[test]
    fn a_counted_list_and_built_on() {
        let g = got("计划打造东湖康养产业园、西岭康养产业园、南山医药产业园三大园区。\n");
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].1.len(), 3);
        let g = got("依托青龙山、白水湖等自然资源,打造森林康养产品;依托药王谷,打造医养主题产品。\n");
        assert_eq!(g[0], ("森林康养产品".to_string(), vec!["青龙山".to_string(), "白水湖".to_string()]), "{g:?}");
        assert_eq!(g.len(), 2, "{g:?}");
        // One such sentence is a task, not a layout.
        assert!(got("依托区域内大院、大学等优势,打造重点专科群。\n").is_empty());
    }

    #[test]
    fn units_each_to_become_one_of_a_kind() {
        let g = got("推动东湖建成东部区域医疗中心、西岭建成西部区域医疗中心。\n");
        assert_eq!(g, [("区域医疗中心".to_string(), vec!["东湖".to_string(), "西岭".to_string()])]);
        // Different kinds: no common name, no structure.
        assert!(got("推动东湖建成医学高地、西岭建成康养胜地。\n").is_empty());
    }

    #[test]
    fn roles_in_pairs() {
        let g = got("全省将以东湖为核心,以西岭为重要节点,发展康养产业。\n");
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!(g[0].0, "核心");
        // One role in a sentence is no structure unless it names a zone and a unit.
        assert!(got("以科技创新为核心,推动发展。\n").is_empty());
    }

    #[test]
    fn a_city_name_in_a_province_plan_is_the_city() {
        let g = got("将东湖、西岭培育形成千亿级医药产业园区。\n");
        let units = vec![Unit::city("100100", "东湖市"), Unit::new("100103", "东湖县")];
        let region = Region { name: "平原省".into(), units, ..Region::default() };
        let d = draft("将东湖、南山培育形成千亿级医药产业园区。\n", &region);
        assert!(d.structures.is_empty() || d.structures[0].members.iter().all(|m| m.unit != Some(1)), "{g:?}");
        let m = super::super::members::Matcher::new(&region);
        let t = "支持东湖建设";
        assert_eq!(m.hits(t, &(0..t.len())).first().map(|h| h.unit), Some(0));
    }
}
