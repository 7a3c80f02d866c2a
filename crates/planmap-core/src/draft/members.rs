//! Members: county-level units named in a structure's defining clauses (full names and the
//! short forms plans use, longest match first), the plan's qualifier when only part of a unit
//! belongs, and named places that are not administrative units.

use aho_corasick::{AhoCorasick, MatchKind};

use super::names::{self, is_punct};
use super::text::{Span, is_space};
use super::{DMember, Quote, Region};

/// The region's unit names as one multi-pattern matcher.
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// Pattern → unit index.
    unit_of: Vec<usize>,
    /// Pattern → whether it is a short form (the name without its level word).
    short: Vec<bool>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub span: Span,
    pub unit: usize,
}

/// Characters that make a short form the name of a river, lake or mountain ("安宁河",
/// "长白山"), not of the unit.
const FEATURE_AFTER: &[char] = &['河', '江', '湖', '山', '岭', '峰', '谷', '溪'];
/// A level word after a full name that starts a word with it ("提高县域": 高县 + 域).
const COMPOUND_AFTER: &[char] = &['域', '级', '城', '乡', '委', '直', '属', '长', '民', '情'];

impl Matcher {
    pub fn new(region: &Region) -> Matcher {
        let mut pats: Vec<String> = Vec::new();
        let mut unit_of = Vec::new();
        let mut short = Vec::new();
        // Full names first, then short forms; a string already taken keeps its first unit
        // (cities come before counties in a province-level plan: 荆州 is 荆州市).
        let mut add = |p: String, i: usize, is_short: bool| {
            if !pats.contains(&p) {
                pats.push(p);
                unit_of.push(i);
                short.push(is_short);
            }
        };
        for (i, u) in region.units.iter().enumerate() {
            add(u.name.clone(), i, false);
            // Two-character names are padded for alignment in converted documents: "眉  县".
            let cs: Vec<char> = u.name.chars().collect();
            if let [a, b] = cs.as_slice() {
                for pad in [" ", "  ", "   ", "\u{3000}", "\u{3000}\u{3000}", " \u{3000}"] {
                    add(format!("{a}{pad}{b}"), i, false);
                }
            }
        }
        for (i, u) in region.units.iter().enumerate() {
            for s in &u.short {
                add(s.clone(), i, true);
            }
        }
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&pats).ok();
        Matcher { ac, unit_of, short }
    }

    /// Unit names in `span`, in text order, at word boundaries: a short form is not a name
    /// when a number follows ("新建210万亩": the verb 新建, not 新建区) or a river or mountain
    /// word ("安宁河"); a two-character name is not one inside a word ("提高县域"). A short
    /// form followed by a level word is the unit under its old name ("余江县" for 余江区).
    pub fn hits(&self, src: &str, span: &Span) -> Vec<Hit> {
        let (Some(ac), Some(hay)) = (&self.ac, src.get(span.clone())) else { return Vec::new() };
        ac.find_iter(hay)
            .filter_map(|m| {
                let p = m.pattern().as_usize();
                let unit = *self.unit_of.get(p)?;
                let is_short = self.short.get(p).copied().unwrap_or(false);
                let next = hay[m.end()..].chars().next();
                let mut end = m.end();
                if is_short {
                    if next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || FEATURE_AFTER.contains(&c)) {
                        return None;
                    }
                    if let Some(c) = next.filter(|c| ['县', '区', '市', '旗'].contains(c)) {
                        // "敦化市区" is the town of 敦化, named by its short form; "余江县" the unit.
                        let after = hay[m.end() + c.len_utf8()..].chars().next();
                        if !after.is_some_and(|a| COMPOUND_AFTER.contains(&a) || a == '区') {
                            end += c.len_utf8();
                        }
                    }
                } else if hay[m.start()..m.end()].chars().count() == 2 {
                    let before = hay[..m.start()].chars().next_back();
                    if before.is_some_and(|c| !names::is_punct(c)) && next.is_some_and(|c| COMPOUND_AFTER.contains(&c) || c == '区') {
                        return None;
                    }
                }
                Some(Hit { span: span.start + m.start()..span.start + end, unit })
            })
            .collect()
    }
}

/// Words that end a qualifier naming part of a unit.
pub const PART_WORDS: &[&str] =
    &["区域", "范围", "地区", "一带", "沿岸", "沿线", "流域", "片区", "部分", "境内", "西部", "东部", "南部", "北部", "中部", "山区", "坝区", "辖区", "区块"];
/// Words that join names in a list; a qualifier after "A和B" covers both.
const JOINERS: &[&str] = &["以及", "及", "和", "与", "、", "或"];
/// Places with no boundary polygon.
pub const PLACE_WORDS: &[&str] = &[
    "高新技术产业开发区", "经济技术开发区", "开发区", "高新区", "经开区", "新区", "风景名胜区", "旅游度假区", "工业园区", "产业园区", "物流园", "产业园", "工业园", "园区",
    "特色小镇", "小镇", "县城", "主城区", "中心城区", "城区", "街道", "乡镇", "新城", "片区", "社区", "镇", "乡", "村",
];
/// Words for a town, village or quarter: a place only with a proper name of two to four
/// characters before them ("平地镇", "大河街道", "西部片区"), not "乡镇", "城镇", "重点镇".
const TOWN_WORDS: &[&str] = &["乡镇", "街道", "片区", "社区", "镇", "乡", "村"];
const NOT_A_TOWN_NAME: &[&str] = &[
    "城", "乡", "镇", "村", "各", "全", "重点", "中心", "特色", "建制", "农村", "城市", "城乡", "小城", "集", "行政", "贫困", "示范", "美丽", "和美", "文明", "卫生", "健康",
    "宜居", "所在", "周边", "相关", "其他", "部分", "社区", "街道",
];

/// A town word with a proper name before it, or no town word at all.
fn proper_town(name: &str) -> bool {
    let Some(w) = TOWN_WORDS.iter().find(|w| name.ends_with(*w)) else { return true };
    let prefix = &name[..name.len() - w.len()];
    (2..=4).contains(&prefix.chars().count())
        && !prefix.starts_with(['各', '全', '每'])
        && !NOT_A_TOWN_NAME.iter().any(|n| prefix == *n || (n.chars().count() >= 2 && prefix.ends_with(n)))
}
const WHOLE_PLACES: &[&str] = &["主城区", "中心城区", "县城"];

fn starts_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.starts_with(w))
}

/// The qualifier after a unit name: text up to the next punctuation or unit, ending in a word
/// for a part of a place ("渭河沿岸区域", "秦岭重点保护区和一般保护区范围").
fn qualifier(src: &str, from: usize, to: usize) -> Option<Span> {
    let seg = src.get(from..to)?;
    let cut = seg.find(|c: char| is_punct(c) && !is_space(c)).unwrap_or(seg.len());
    let seg = &seg[..cut];
    if seg.is_empty() || starts_with_any(seg, JOINERS) || starts_with_any(seg, &["等", "为", "作为", "是", "的", "打造", "建设", "以"]) {
        return None;
    }
    // The qualifier ends at the first part word (and any part word right after it).
    let mut end = seg.char_indices().map(|(i, c)| i + c.len_utf8()).find(|&j| PART_WORDS.iter().any(|w| seg[..j].ends_with(w)))?;
    while let Some(w) = PART_WORDS.iter().find(|w| seg[end..].starts_with(*w)) {
        end += w.len();
    }
    (seg[..end].chars().count() <= 30).then_some(from..from + end)
}

/// The one unit a place's own name starts with, by its full name or a short form with more of
/// the name after it ("繁昌经开区" → 繁昌区): the plan says where the place is. None when no
/// unit or more than one could be meant, or when the short form begins a feature's name
/// ("南陵山…" is a mountain's).
pub fn named_within(region: &Region, name: &str) -> Option<usize> {
    let mut found = None;
    for (i, u) in region.units.iter().enumerate() {
        let starts = std::iter::once(&u.name)
            .chain(&u.short)
            .any(|n| !n.is_empty() && name.strip_prefix(n.as_str()).is_some_and(|rest| !rest.is_empty() && !rest.starts_with(FEATURE_AFTER)));
        if starts {
            if found.is_some_and(|f| f != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// Members named in `clauses` (spans of the defining clauses).
pub fn read(src: &str, clauses: &[Span], region: &Region, matcher: &Matcher) -> Vec<DMember> {
    let mut out: Vec<DMember> = Vec::new();
    let places = names::matcher(PLACE_WORDS);
    for clause in clauses {
        let hits = matcher.hits(src, clause);
        for (k, h) in hits.iter().enumerate() {
            let next = hits.get(k + 1).map_or(clause.end, |n| n.span.start);
            let partial = qualifier(src, h.span.end, next).map(|s| Quote::new(src, s));
            // "渭滨区和陈仓区秦岭…范围": the qualifier covers names joined to this one by 和/及.
            if partial.is_some() && k > 0 {
                let mut j = k;
                while j > 0 {
                    let (prev, cur) = (&hits[j - 1], &hits[j]);
                    let between = src.get(prev.span.end..cur.span.start).unwrap_or("").trim();
                    if !["和", "及", "与"].contains(&between) {
                        break;
                    }
                    if let Some(m) = out.iter_mut().rev().find(|m| m.unit == Some(prev.unit) && m.partial.is_none()) {
                        m.partial = partial.clone();
                    }
                    j -= 1;
                }
            }
            if out.iter().any(|m| m.unit == Some(h.unit)) {
                continue;
            }
            out.push(DMember { unit: Some(h.unit), name: Quote::new(src, h.span.clone()), partial, within: None, institution: false, reviewed: false });
        }
        // Places without polygon: "高新技术产业开发区", "曲靖经开区", "梁山县主城区".
        for (span, _) in names::find(src, clause, &places, 16) {
            let name = src.get(span.clone()).unwrap_or("");
            // A bare kind word ("园区", "新区") names no place; a long one ("高新技术产业开发区") does.
            let bare = PLACE_WORDS.contains(&name) && name.chars().count() <= 3;
            if bare && !WHOLE_PLACES.contains(&name) {
                continue;
            }
            // "扶风县西部片区" is part of a unit (a qualifier), not a place of its own.
            if name.ends_with("片区") && hits.iter().any(|h| h.span.start == span.start) {
                continue;
            }
            if !proper_town(name) {
                continue;
            }
            // A unit named right before it, with nothing between, places it there.
            let within = hits.iter().find(|h| h.span.end == span.start || (h.span.start == span.start && h.span.end < span.end));
            let (name_span, within) = match within {
                Some(h) => (h.span.start.min(span.start)..span.end, Some(h.unit)),
                None => (span.clone(), None),
            };
            if let Some(w) = within {
                // The unit was only the start of the place's name, not a member itself.
                if let Some(pos) = out.iter().position(|m| m.unit == Some(w) && m.name.start() == name_span.start) {
                    out.remove(pos);
                }
            }
            let q = Quote::new(src, name_span);
            if out.iter().any(|m| m.unit.is_none() && m.name.text == q.text) {
                continue;
            }
            out.push(DMember { unit: None, name: q, partial: None, within, institution: false, reviewed: false });
        }
    }
    let _ = region;
    out
}

#[cfg(test)]
mod tests {
    use super::super::Unit;
    use super::*;

    #[test]
    fn a_place_named_after_one_unit_lies_in_it() {
        let units = vec![Unit::new("340222", "繁昌区"), Unit::new("340223", "南陵县"), Unit::new("100001", "东山区"), Unit::new("100002", "东山县")];
        let region = Region { name: "芜湖市".into(), names: vec!["芜湖市".into(), "芜湖".into()], units, ..Region::default() };
        assert_eq!(named_within(&region, "繁昌经开区"), Some(0));
        assert_eq!(named_within(&region, "南陵县中医药产业园"), Some(1));
        // Not a unit's name; two units it could be; a mountain's name; the unit alone.
        assert_eq!(named_within(&region, "江北产业集中区"), None);
        assert_eq!(named_within(&region, "芜湖经济开发区"), None);
        assert_eq!(named_within(&region, "东山康养小镇"), None);
        assert_eq!(named_within(&region, "南陵山康养园"), None);
        assert_eq!(named_within(&region, "繁昌"), None);
    }

    fn region() -> Region {
        let units = [("610302", "渭滨区"), ("610303", "金台区"), ("610304", "陈仓区"), ("610326", "眉县"), ("610324", "扶风县"), ("610331", "太白县"), ("610330", "凤县")]
            .iter()
            .map(|(a, n)| Unit::new(a, n))
            .collect();
        Region { name: "宝鸡市".into(), names: vec!["宝鸡市".into(), "宝鸡".into()], units, ..Region::default() }
    }

    fn read_all(s: &str) -> Vec<(String, Option<String>, bool)> {
        let r = region();
        let m = Matcher::new(&r);
        read(s, std::slice::from_ref(&(0..s.len())), &r, &m).into_iter().map(|m| (m.name.text, m.partial.map(|p| p.text), m.unit.is_some())).collect()
    }

    #[test]
    fn a_qualifier_covers_names_joined_by_he() {
        let got = read_all("包括扶风县、凤县、眉县以及渭滨区和陈仓区城市规划区和生态保护区范围");
        let q = Some("城市规划区和生态保护区范围".to_string());
        assert_eq!(got[0], ("扶风县".into(), None, true));
        assert_eq!(got[3], ("渭滨区".into(), q.clone(), true));
        assert_eq!(got[4], ("陈仓区".into(), q, true));
    }

    #[test]
    fn a_qualifier_after_yiji_covers_one_name() {
        let got = read_all("包括渭滨区、金台区、眉县以及扶风县渭河沿岸区域");
        assert_eq!(got[2].1, None);
        assert_eq!(got[3], ("扶风县".into(), Some("渭河沿岸区域".into()), true));
    }

    #[test]
    fn places_without_polygon() {
        let got = read_all("以金台区、太白县、眉县及经济技术开发区为主");
        assert_eq!(got.len(), 4);
        assert_eq!(got[3], ("经济技术开发区".into(), None, false));
    }

    #[test]
    fn towns_and_quarters_with_proper_names_are_places() {
        let got = read_all("包括眉县、平安镇、河湾街道和城西片区，辐射周边乡镇和重点镇");
        let places: Vec<&str> = got.iter().filter(|m| !m.2).map(|m| m.0.as_str()).collect();
        assert_eq!(places, ["平安镇", "河湾街道", "城西片区"]);
    }

    #[test]
    fn names_only_at_word_boundaries() {
        let units = [("360112", "新建区"), ("360627", "余江区"), ("511525", "高县"), ("530181", "安宁市")].iter().map(|(a, n)| Unit::new(a, n)).collect();
        let r = Region { name: "x".into(), units, ..Region::default() };
        let m = Matcher::new(&r);
        let hits = |t: &str| m.hits(t, &(0..t.len())).into_iter().map(|h| t[h.span].to_string()).collect::<Vec<_>>();
        // The verb 新建 before a number is not 新建区; 高县 inside 提高县域 is not the county.
        assert!(hits("全省新建210万亩基地").is_empty());
        assert!(hits("抬高县域卫生健康事业发展底板").is_empty());
        // A river named after a town is not the town.
        assert!(hits("安宁河谷6县").is_empty());
        // The old name of a renamed unit is the unit.
        assert_eq!(hits("横峰县、余江县、新建区"), ["余江县", "新建区"]);
        assert_eq!(hits("在高县建设"), ["高县"]);
    }

    #[test]
    fn padded_names_match() {
        let got = read_all("眉  县：建设");
        assert_eq!(got[0].0, "眉县");
    }
}
