//! What drafting needs to know about places: the county-level units of the plan's region
//! (adcode, full name, the short forms plans use) and the names of the region itself. The
//! region index behind it is a trait so drafting stays pure and testable.

/// A county-level unit (区, 县, 县级市, 旗 …) with a boundary polygon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub adcode: String,
    pub name: String,
    /// Short forms ("市南区" → "市南"); empty when the short form would be one character.
    pub short: Vec<String>,
    /// A prefecture-level city (the units of a province-level plan), not a county.
    pub city: bool,
}

impl Unit {
    pub fn new(adcode: &str, name: &str) -> Unit {
        Unit { adcode: adcode.to_string(), name: name.to_string(), short: short_forms(name), city: false }
    }
    /// A prefecture-level unit (市, 州, 地区, 盟): "荆州市" → 荆州, "延边朝鲜族自治州" → 延边.
    pub fn city(adcode: &str, name: &str) -> Unit {
        let short = crate::model::regions::short_name(name);
        let short = if short != name && short.chars().count() >= 2 { vec![short.to_string()] } else { Vec::new() };
        Unit { adcode: adcode.to_string(), name: name.to_string(), short, city: true }
    }
}

/// A region of the index as detection sees it: names, level (0 province, 1 city, 2 county)
/// and the position of its parent in the same list.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub short: Option<String>,
    pub level: u8,
    pub parent: Option<usize>,
}

/// The place a plan covers, with the units it may name as members.
#[derive(Debug, Clone, Default)]
pub struct Region {
    /// As the layout's `region` shows it: "宝鸡市", "梁山县".
    pub name: String,
    /// The region's own names (full and short: "宝鸡市", "宝鸡"), which start institution names.
    pub names: Vec<String>,
    /// Adcode of the county a county-level plan is about.
    pub focus: Option<String>,
    /// The county-level units of the prefecture (for a county-level plan: of its prefecture,
    /// so neighbours named in the text are recognised and drawn as context).
    pub units: Vec<Unit>,
    /// The region index's id for the region (to write its boundaries).
    pub key: usize,
    /// The region's own adcode ("610300", "420000").
    pub adcode: String,
}

impl Region {
    pub fn unit(&self, adcode: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.adcode == adcode)
    }
}

/// A region index as drafting sees it: finds a region by name and lists the names it knows,
/// for detection.
pub trait Gazetteer {
    /// The region with this full, short or qualified name ("宝鸡市", "宝鸡", "攀枝花市仁和区");
    /// Err says why not (unknown, or which regions share the name).
    fn find(&self, name: &str) -> Result<Region, String>;
    /// Every full name the index can `find`, prefecture-level and county-level.
    fn names(&self) -> Vec<String>;
    /// Every region with its level and parent, for detection by the most-named region (empty:
    /// detection counts `names` only).
    fn places(&self) -> Vec<Place> {
        Vec::new()
    }
}

const SUFFIXES: [&str; 9] = ["自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"];

/// Short forms of an administrative name: the name without its level word, if that leaves
/// at least two characters ("麒麟区" → "麒麟"; "眉县" has none; "石柱土家族自治县" → "石柱").
pub fn short_forms(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for suffix in SUFFIXES {
        if let Some(stem) = name.strip_suffix(suffix) {
            let stem = if suffix.starts_with("自治") {
                // Drop the peoples' names: "石柱土家族" → "石柱".
                stem.find(|c: char| "土苗彝藏回壮满蒙维哈朝白傣黎瑶侗布羌仡畲水纳".contains(c)).map_or(stem, |i| &stem[..i])
            } else {
                stem
            };
            if stem.chars().count() >= 2 {
                out.push(stem.to_string());
            }
            break;
        }
    }
    out
}

/// Words that name a plan or a policy document in title marks.
const PLAN_WORDS: &[&str] = &["规划", "方案", "纲要", "计划", "意见", "办法", "行动"];

/// Verbs of a sentence about a plan's publication ("印发《…》", "《…》编制完成"); a plan only
/// cited ("根据《…》…制定本规划") is not the one the text is.
const PUBLISHED: &[&str] = &["印发", "出台", "发布", "编制", "下发", "公布", "提出"];

/// The plan's title: the first of the first lines that is a title (short, ends in 规划, 方案,
/// 纲要 …) or that reports a plan's publication in title marks ("印发《…规划》"); else the
/// first title line further on.
pub fn title_of<'a>(text: &'a str, paras: &[super::text::Span]) -> Option<(super::text::Span, &'a str)> {
    let title_line = |s: &str| s.chars().count() <= 80 && !s.contains('《') && ["规划", "方案", "纲要", "计划"].iter().any(|w| s.ends_with(w));
    for p in paras.iter().take(3) {
        let s = &text[p.clone()];
        if title_line(s) {
            return Some((p.clone(), s));
        }
        if !PUBLISHED.iter().any(|v| s.contains(v)) {
            continue;
        }
        let mut from = 0;
        // 《…》, or a plan's name in quotes: "“X市大健康产业发展规划(2021-2025)”已经发布".
        while let Some(a) = s[from..].find(['《', '“']).map(|a| from + a) {
            let close = if s[a..].starts_with('《') { '》' } else { '”' };
            // A title is at most 60 characters: an unbalanced mark does not send the search on.
            let Some(b) = s[a..].char_indices().take(64).find(|(_, c)| *c == close).map(|(j, _)| a + j) else {
                from = a + '《'.len_utf8();
                continue;
            };
            if close == '”' && !s[a..b].ends_with(['划', ')', '）', '案', '要']) {
                from = b;
                continue;
            }
            let inner = &s[a + '《'.len_utf8()..b];
            let cited = ["根据", "按照", "依据"].iter().any(|w| s[..a].rfind(w).is_some_and(|i| !s[i..a].contains(['。', '，', ','])));
            if PLAN_WORDS.iter().any(|w| inner.contains(w)) && inner.chars().count() <= 60 && !cited {
                let start = p.start + a + '《'.len_utf8();
                return Some((start..start + inner.len(), inner));
            }
            from = b;
        }
    }
    paras.iter().take(40).find(|p| title_line(&text[(*p).clone()])).map(|p| (p.clone(), &text[p.clone()]))
}

/// Detect the region: the most specific name in the title, else the region the text names
/// most (`most_named`), else the name the text uses most.
pub fn detect(index: &dyn Gazetteer, title: Option<&str>, text: &str) -> Option<Region> {
    let simple = super::hanzi::simplify(text);
    let text = simple.as_ref();
    let names = index.names();
    if let Some(title) = title {
        let title = super::text::normalise(&super::hanzi::simplify(title));
        if let Some(r) = in_title(index, &names, &title) {
            return Some(r);
        }
    }
    let places = index.places();
    if !places.is_empty() {
        return most_named(&places, text).and_then(|i| places.get(i)).and_then(|p| index.find(&qualified(&places, p)).ok());
    }
    let norm = super::text::normalise(text);
    let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(&names).ok()?;
    let mut counts = vec![0usize; names.len()];
    for m in ac.find_iter(&norm) {
        if let Some(c) = counts.get_mut(m.pattern().as_usize()) {
            *c += 1;
        }
    }
    // The most named region that the index can tell apart from namesakes.
    let mut order: Vec<usize> = (0..names.len()).filter(|&i| counts.get(i).is_some_and(|c| *c > 0)).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(counts.get(i).copied().unwrap_or(0)), i));
    order.iter().take(10).find_map(|&i| names.get(i).and_then(|n| index.find(n).ok()))
}

/// A place's name with its parents' ("湖北省", "吉林省延边朝鲜族自治州敦化市"), which the index
/// finds without ambiguity.
fn qualified(places: &[Place], p: &Place) -> String {
    let mut chain = vec![p.name.as_str()];
    let mut at = p.parent;
    while let Some(q) = at.and_then(|i| places.get(i)) {
        if chain.len() > 3 {
            break;
        }
        chain.push(q.name.as_str());
        at = q.parent;
    }
    // The province alone, or city and county: "青岛市即墨区" (the index reads two levels).
    match chain.as_slice() {
        [one] => one.to_string(),
        [own, parent, ..] => format!("{parent}{own}"),
        [] => String::new(),
    }
}

fn in_title(index: &dyn Gazetteer, names: &[String], title: &str) -> Option<Region> {
    // Most specific first: a county named in the title beats its prefecture ("攀枝花市仁和区").
    let mut hits: Vec<(usize, &String)> = names.iter().filter_map(|n| title.find(n.as_str()).map(|at| (at, n))).collect();
    // Drop names inside longer ones ("仁和区" in "攀枝花市仁和区" stays; "花市" would not).
    let all = hits.clone();
    hits.retain(|(at, n)| !all.iter().any(|(a2, n2)| n2.len() > n.len() && *a2 <= *at && at + n.len() <= a2 + n2.len()));
    hits.sort();
    // Several names in the title: the qualified name ("攀枝花市仁和区"), else the last one.
    if hits.len() >= 2 {
        let qualified: String = hits.iter().map(|(_, n)| n.as_str()).collect();
        if let Ok(r) = index.find(&qualified) {
            return Some(r);
        }
    }
    for (_, n) in hits.iter().rev() {
        if let Ok(r) = index.find(n) {
            return Some(r);
        }
    }
    // A province-level plan: "吉林省人民政府关于…的实施意见".
    let places = index.places();
    places.iter().filter(|p| p.level == 0 && title.starts_with(p.name.as_str())).find_map(|p| index.find(&p.name).ok())
}

/// Words after a name that make it the name of an organisation or a newspaper ("四川日报",
/// "西安财经大学"): such a mention says nothing about where the plan is.
const ORG_WORDS: &[&str] = &["日报", "晚报", "新闻", "电视", "广播", "大学", "学院", "集团", "公司", "药业", "银行"];

/// The region the text is about: every mention of a region (full name, or a short form at a
/// word boundary) counts for it and its parents, mentions in the first line three times; from
/// the most named province down, a city or county is chosen when it holds most of its
/// parent's mentions (or is the only one of its level named).
pub fn most_named(places: &[Place], text: &str) -> Option<usize> {
    let weight = weights(places, text)?;
    let children = |parent: Option<usize>| -> Vec<usize> { (0..places.len()).filter(|&i| places.get(i).is_some_and(|p| p.parent == parent) && weight[i] > 0).collect() };
    let best = |v: &[usize]| v.iter().copied().max_by_key(|&i| (weight[i], std::cmp::Reverse(i)));
    let mut at = best(&children(None))?;
    // One stray mention is no evidence.
    if weight[at] < 2 {
        return None;
    }
    loop {
        let kids = children(Some(at));
        let Some(b) = best(&kids) else { break };
        let (wb, wp) = (weight[b], weight[at]);
        let dominant = 5 * wb >= 3 * wp;
        let only = kids.len() == 1 && 2 * wb >= wp;
        if wb >= 2 && (dominant || only) {
            at = b;
        } else {
            break;
        }
    }
    Some(at)
}

/// How much the text names each place (its own mentions and its parts').
pub fn weights(places: &[Place], text: &str) -> Option<Vec<usize>> {
    let mut pats: Vec<String> = Vec::new();
    let mut of: Vec<Vec<usize>> = Vec::new();
    let mut is_short: Vec<bool> = Vec::new();
    let mut by_pat: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, p) in places.iter().enumerate() {
        for (name, short) in std::iter::once((p.name.as_str(), false)).chain(p.short.as_deref().map(|s| (s, true))) {
            match by_pat.get(name) {
                Some(&k) => {
                    if let Some(v) = of.get_mut(k) {
                        v.push(i);
                    }
                }
                None => {
                    by_pat.insert(name.to_string(), pats.len());
                    pats.push(name.to_string());
                    of.push(vec![i]);
                    is_short.push(short);
                }
            }
        }
    }
    let ac = aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(&pats).ok()?;
    let first_line_end = text.trim_start().find('\n').map_or(text.len(), |e| e + (text.len() - text.trim_start().len()));
    let ancestors = |mut i: usize| {
        let mut v = vec![i];
        while let Some(p) = places.get(i).and_then(|p| p.parent) {
            if v.contains(&p) || v.len() > 4 {
                break;
            }
            v.push(p);
            i = p;
        }
        v
    };
    let mut weight = vec![0usize; places.len()];
    for m in ac.find_iter(text) {
        let k = m.pattern().as_usize();
        let (Some(cands), Some(&short)) = (of.get(k), is_short.get(k)) else { continue };
        let rest = &text[m.end()..];
        let next = rest.chars().next();
        if short && next.is_some_and(|c| c.is_ascii_digit() || FEATURE_AFTER.contains(&c)) {
            continue;
        }
        let name_len = text[m.start()..m.end()].chars().count();
        let before = text[..m.start()].chars().next_back();
        if !short && name_len == 2 && before.is_some_and(|c| !super::names::is_punct(c)) && next.is_some_and(|c| COMPOUND_AFTER.contains(&c) || c == '区') {
            continue;
        }
        // The run of text after the name, to the next punctuation: an organisation's name?
        let run: String = rest.chars().take_while(|c| !super::names::is_punct(*c)).take(12).collect();
        if ORG_WORDS.iter().any(|w| run.contains(w)) {
            continue;
        }
        // A name several places share counts only when one of them holds the others
        // (吉林: 吉林省 ⊃ 吉林市), for that one.
        let target = match cands.as_slice() {
            [one] => *one,
            many => match many.iter().find(|&&a| many.iter().all(|&b| ancestors(b).contains(&a))) {
                Some(&a) => a,
                None => continue,
            },
        };
        // A full name says more than a short form (which may start another place's name:
        // "盘龙医药康养产业园"); the first line (a title, a headline) more than the body.
        let w = if short { 1 } else { 2 } * if m.start() < first_line_end { 3 } else { 1 };
        for a in ancestors(target) {
            if let Some(x) = weight.get_mut(a) {
                *x += w;
            }
        }
    }
    Some(weight)
}

const FEATURE_AFTER: &[char] = &['河', '江', '湖', '山', '岭', '峰', '谷', '溪'];
const COMPOUND_AFTER: &[char] = &['域', '级', '城', '乡', '委', '直', '属', '长', '民', '情'];

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Vec<Place> {
        let p = |name: &str, short: Option<&str>, level: u8, parent: Option<usize>| Place { name: name.into(), short: short.map(Into::into), level, parent };
        vec![
            p("平原省", Some("平原"), 0, None),    // 0
            p("东湖市", Some("东湖"), 1, Some(0)), // 1
            p("西岭市", Some("西岭"), 1, Some(0)), // 2
            p("南山县", Some("南山"), 2, Some(1)), // 3
            p("北川县", Some("北川"), 2, Some(1)), // 4
            p("高原省", Some("高原"), 0, None),    // 5
            p("海城市", Some("海城"), 1, Some(5)), // 6
            p("西岭县", Some("西岭"), 2, Some(2)), // 7 (a county named as its city)
        ]
    }

    #[test]
    fn the_most_named_region_at_the_level_the_text_is_about() {
        let ps = places();
        // A province text names several cities: the province.
        assert_eq!(most_named(&ps, "平原省卫生工作\n支持东湖、西岭发展，东湖建成中心，西岭建成中心。"), Some(0));
        // A city text names its counties: the city.
        assert_eq!(most_named(&ps, "东湖市规划\n东湖市将在南山县、北川县发展，东湖全市推进。"), Some(1));
        // A county in the first line, named again: the county; the newspaper's province does not count.
        assert_eq!(most_named(&ps, "南山县康养产业观察\n高原日报讯 南山县建设康养小镇，南山发展。"), Some(3));
        // 西岭 names the city and its county: the city holds both.
        assert_eq!(most_named(&ps, "规划\n西岭、西岭市发展。"), Some(2));
    }

    #[test]
    fn short_forms_keep_two_characters() {
        assert_eq!(short_forms("市南区"), ["市南"]);
        assert!(short_forms("眉县").is_empty());
        assert_eq!(short_forms("石柱土家族自治县"), ["石柱"]);
        assert_eq!(short_forms("宣威市"), ["宣威"]);
    }
}
