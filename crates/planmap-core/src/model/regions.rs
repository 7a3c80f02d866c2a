//! The region index: every province (省), prefecture (市) and county-level unit (区县) of China
//! with its adcode and parent, found by full name (青岛市, 即墨区), by the short form plans use
//! (即墨, 市南, 崂山), by a qualified name (青岛市即墨区, 福州 鼓楼) or by adcode. Built from the
//! bundled boundaries (`draft::china::china`); no egui, no files here.
//!
//! Some units appear at two levels with the same name (北京市 is a 省 and its only 市; 儋州市 is a
//! 市 and its only 区县). A name that matches such a chain means its highest level; an adcode
//! means its most specific level.

use std::collections::HashMap;

/// Administrative level, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省, 自治区, 直辖市, 特别行政区.
    Province,
    /// 地级市, 自治州, 地区, 盟; a 直辖市's city; Hainan's 省直辖 units.
    City,
    /// 区, 县, 县级市, 旗 …: the units layouts colour.
    County,
}

impl Level {
    /// The level's Chinese name as the source data spells it.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Province => "省",
            Level::City => "市",
            Level::County => "区县",
        }
    }
}

/// Position of a region in the index (and in the boundary bundle it was built from).
pub type RegionId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Six-digit administrative code, as text (as boundary features carry it).
    pub adcode: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<RegionId>,
}

/// The longest query `find` looks up (see there).
const MAX_QUERY_CHARS: usize = 64;

/// What `RegionIndex::find` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(RegionId),
    /// Several regions carry the name: ask which (`RegionIndex::label` names each with its parents).
    Ambiguous(Vec<RegionId>),
    /// Nothing carries the name; `close` holds the nearest names, best first (may be empty).
    NotFound {
        close: Vec<RegionId>,
    },
}

/// Administrative suffixes, longest first; a short form drops one of them (and, before an
/// 自治 suffix, the names of the peoples: 白沙黎族自治县 → 白沙).
const SUFFIXES: &[&str] = &["特别行政区", "自治县", "自治州", "自治旗", "自治区", "新区", "林区", "特区", "矿区", "地区", "区", "县", "市", "盟", "旗", "省"];

/// The 55 minority peoples (and 各族) as they appear before 族 in autonomous units' names.
const PEOPLES: &[&str] = &[
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水",
    "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
];

/// The short form of a region name as plans write it: 即墨区 → 即墨, 青岛市 → 青岛,
/// 白沙黎族自治县 → 白沙, 广西壮族自治区 → 广西, 浦东新区 → 浦东. A name whose stem would be a
/// single character keeps its suffix (眉县, 城区), as Chinese usage does.
pub fn short_name(name: &str) -> &str {
    let Some((suffix, mut stem)) = SUFFIXES.iter().find_map(|s| name.strip_suffix(s).map(|stem| (*s, stem))) else { return name };
    if suffix.starts_with("自治") {
        // Drop the peoples, longest name first at each step: 湘西土家族苗族 → 湘西.
        while let Some(before) = stem.strip_suffix('族') {
            let people = PEOPLES.iter().filter(|p| before.ends_with(*p)).max_by_key(|p| p.len());
            match people {
                Some(p) if before.len() > p.len() => stem = &before[..before.len() - p.len()],
                _ => break,
            }
        }
    }
    if stem.chars().count() >= 2 { stem } else { name }
}

/// Every region of China, with name and parent lookups.
#[derive(Debug, Clone, Default)]
pub struct RegionIndex {
    regions: Vec<Region>,
    children: Vec<Vec<RegionId>>,
    by_name: HashMap<String, Vec<RegionId>>,
    by_short: HashMap<String, Vec<RegionId>>,
    by_adcode: HashMap<String, RegionId>,
}

impl RegionIndex {
    /// Build from `(adcode, level, parent adcode, name)` rows. A parent is the region one level
    /// up with that adcode; rows whose parent is missing become roots.
    pub fn new(rows: Vec<(String, Level, Option<String>, String)>) -> Self {
        let level_code: HashMap<(Level, &str), RegionId> = rows.iter().enumerate().map(|(i, (code, level, _, _))| ((*level, code.as_str()), i)).collect();
        let up = |l: Level| match l {
            Level::Province => None,
            Level::City => Some(Level::Province),
            Level::County => Some(Level::City),
        };
        let parents: Vec<Option<RegionId>> =
            rows.iter().map(|(_, level, parent, _)| up(*level).zip(parent.as_deref()).and_then(|(l, p)| level_code.get(&(l, p)).copied())).collect();
        let mut index = RegionIndex { children: vec![Vec::new(); rows.len()], ..Default::default() };
        for (id, ((adcode, level, _, name), parent)) in rows.into_iter().zip(parents).enumerate() {
            if let Some(p) = parent.and_then(|p| index.children.get_mut(p)) {
                p.push(id);
            }
            index.by_name.entry(name.clone()).or_default().push(id);
            let short = short_name(&name);
            if short != name {
                index.by_short.entry(short.to_string()).or_default().push(id);
            }
            // Most specific level wins for an adcode (rows come in any order).
            let keep = index.by_adcode.get(&adcode).and_then(|&i| index.regions.get(i)).is_some_and(|r| r.level > level);
            if !keep {
                index.by_adcode.insert(adcode.clone(), id);
            }
            index.regions.push(Region { adcode, name, level, parent });
        }
        index
    }

    pub fn len(&self) -> usize {
        self.regions.len()
    }
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
    pub fn get(&self, id: RegionId) -> Option<&Region> {
        self.regions.get(id)
    }
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The region with this adcode (the most specific level when several share it).
    pub fn by_adcode(&self, adcode: &str) -> Option<RegionId> {
        self.by_adcode.get(adcode.trim()).copied()
    }

    /// Direct children: a province's cities, a city's counties.
    pub fn children(&self, id: RegionId) -> &[RegionId] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    /// The county-level units in a region (a county: itself), in index order.
    pub fn counties(&self, id: RegionId) -> Vec<RegionId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(r) = stack.pop() {
            match self.get(r) {
                Some(region) if region.level == Level::County => out.push(r),
                Some(_) => stack.extend(self.children(r).iter().rev()),
                None => {}
            }
        }
        out
    }

    /// The region and its ancestors, from the top: [山东省, 青岛市, 即墨区].
    pub fn path(&self, id: RegionId) -> Vec<RegionId> {
        let mut out = Vec::new();
        let mut at = Some(id);
        while let Some(r) = at.filter(|r| !out.contains(r)) {
            out.push(r);
            at = self.get(r).and_then(|r| r.parent);
        }
        out.reverse();
        out
    }

    /// Whether `id` is `scope` or lies inside it.
    pub fn is_within(&self, id: RegionId, scope: RegionId) -> bool {
        self.path(id).contains(&scope)
    }

    /// "即墨区 (山东省 青岛市, 370215)": the name with its parents and adcode, to tell candidates apart.
    pub fn label(&self, id: RegionId) -> String {
        let Some(r) = self.get(id) else { return String::new() };
        let parents: Vec<&str> = self.path(id).iter().filter(|&&p| p != id).filter_map(|&p| self.get(p)).map(|p| p.name.as_str()).filter(|n| *n != r.name).collect();
        if parents.is_empty() { format!("{} ({})", r.name, r.adcode) } else { format!("{} ({}, {})", r.name, parents.join(" "), r.adcode) }
    }

    /// The names a region is found by: its full name and, where different, its short form.
    pub fn names(&self, id: RegionId) -> Vec<&str> {
        let Some(r) = self.get(id) else { return Vec::new() };
        let short = short_name(&r.name);
        if short == r.name { vec![&r.name] } else { vec![&r.name, short] }
    }

    /// Find a region by full name, short form, adcode or qualified name ("青岛市即墨区",
    /// "福州 鼓楼"). Full names win over short forms.
    pub fn find(&self, query: &str) -> Lookup {
        self.find_within(query, None)
    }

    /// As `find`, counting only regions inside `scope` (e.g. the plan's city).
    pub fn find_within(&self, query: &str, scope: Option<RegionId>) -> Lookup {
        let q = query.trim();
        // The longest qualified name ("新疆维吾尔自治区 伊犁哈萨克自治州 察布查尔锡伯自治县") is
        // under 30 characters; a longer query names nothing, and trying every cut of it and
        // every close match would take seconds.
        if q.is_empty() || q.chars().nth(MAX_QUERY_CHARS).is_some() {
            return Lookup::NotFound { close: Vec::new() };
        }
        if q.len() == 6 && q.bytes().all(|b| b.is_ascii_digit()) {
            return match self.by_adcode(q).filter(|&id| scope.is_none_or(|s| self.is_within(id, s))) {
                Some(id) => Lookup::Found(id),
                None => Lookup::NotFound { close: Vec::new() },
            };
        }
        let found = self.exact(q, scope);
        if !found.is_empty() {
            return self.decide(found);
        }
        if let Some(hit) = self.qualified(q, scope) {
            return hit;
        }
        Lookup::NotFound { close: self.close(q, scope) }
    }

    /// Full-name matches, else short-form matches (of the query's short form too: 即墨市 → 即墨).
    fn exact(&self, q: &str, scope: Option<RegionId>) -> Vec<RegionId> {
        let inside = |ids: Option<&Vec<RegionId>>| -> Vec<RegionId> {
            ids.map(|v| v.iter().copied().filter(|&id| scope.is_none_or(|s| self.is_within(id, s))).collect()).unwrap_or_default()
        };
        let full = inside(self.by_name.get(q));
        if !full.is_empty() {
            return full;
        }
        let short = short_name(q);
        let mut hits = inside(self.by_short.get(short));
        hits.extend(inside(self.by_name.get(short)));
        hits.sort_unstable();
        hits.dedup();
        hits
    }

    /// One region, unless the hits are a same-name chain (北京市 省 ⊃ 北京市 市): then its top.
    /// 吉林 (吉林省 ⊃ 吉林市) stays ambiguous: the names differ.
    fn decide(&self, mut hits: Vec<RegionId>) -> Lookup {
        hits.sort_by_key(|&id| (self.get(id).map(|r| r.level), id));
        hits.dedup();
        let Some(&top) = hits.first() else { return Lookup::NotFound { close: Vec::new() } };
        let name = |id: RegionId| self.get(id).map(|r| r.name.as_str());
        let chain = hits.iter().all(|&id| self.is_within(id, top) && name(id) == name(top));
        if chain { Lookup::Found(top) } else { Lookup::Ambiguous(hits) }
    }

    /// "青岛市即墨区", "福州 鼓楼", "山东省 青岛市 即墨区": a region, then one inside it.
    fn qualified(&self, q: &str, scope: Option<RegionId>) -> Option<Lookup> {
        if let Some((head, rest)) = q.split_once(|c: char| c.is_whitespace() || c == '/' || c == '·') {
            return Some(self.within_each(self.exact(head.trim(), scope), rest));
        }
        // Longest head first; both parts at least two characters.
        let cuts: Vec<usize> = q.char_indices().map(|(i, _)| i).skip(2).collect();
        for &cut in cuts.iter().rev() {
            let (head, rest) = q.split_at(cut);
            if rest.chars().count() < 2 {
                continue;
            }
            let heads = self.exact(head, scope);
            if heads.is_empty() {
                continue;
            }
            let hit = self.within_each(heads, rest);
            if !matches!(hit, Lookup::NotFound { .. }) {
                return Some(hit);
            }
        }
        None
    }

    fn within_each(&self, heads: Vec<RegionId>, rest: &str) -> Lookup {
        let mut hits = Vec::new();
        for head in heads {
            match self.find_within(rest, Some(head)) {
                Lookup::Found(id) => hits.push(id),
                Lookup::Ambiguous(ids) => hits.extend(ids),
                Lookup::NotFound { .. } => {}
            }
        }
        if hits.is_empty() { Lookup::NotFound { close: Vec::new() } } else { self.decide(hits) }
    }

    /// Regions to offer while someone types (a search box): names containing the query, exact
    /// and prefix matches first, larger units before smaller; an adcode prefix lists its
    /// codes; nothing containing it gives the close matches. At most `limit`.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<RegionId> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        if q.bytes().all(|b| b.is_ascii_digit()) {
            return self.regions.iter().enumerate().filter(|(_, r)| r.adcode.starts_with(q)).map(|(id, _)| id).take(limit).collect();
        }
        let short = short_name(q);
        let mut hits: Vec<(u8, Level, RegionId)> = self
            .regions
            .iter()
            .enumerate()
            .filter(|(_, r)| r.name.contains(short))
            .map(|(id, r)| {
                let rank = if r.name == q || short_name(&r.name) == short {
                    0
                } else if r.name.starts_with(short) {
                    1
                } else {
                    2
                };
                (rank, r.level, id)
            })
            .collect();
        if hits.is_empty() {
            return self.close(q, None).into_iter().take(limit).collect();
        }
        hits.sort_unstable();
        hits.into_iter().map(|(_, _, id)| id).take(limit).collect()
    }

    /// Up to eight names near the query: containing it or contained in it first, then by edit
    /// distance on characters.
    fn close(&self, q: &str, scope: Option<RegionId>) -> Vec<RegionId> {
        let short = short_name(q);
        let mut scored: Vec<(f64, RegionId)> = self
            .regions
            .iter()
            .enumerate()
            .filter(|&(id, _)| scope.is_none_or(|s| self.is_within(id, s)))
            .filter_map(|(id, r)| {
                let rs = short_name(&r.name);
                let contains = r.name.contains(short) || (rs.chars().count() >= 2 && q.contains(rs));
                let sim = strsim::normalized_levenshtein(short, rs).max(strsim::normalized_levenshtein(q, &r.name));
                let score = if contains { 1.0 + sim } else { sim };
                (score >= 0.5).then_some((score, id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(8).map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms() {
        assert_eq!(short_name("即墨区"), "即墨");
        assert_eq!(short_name("青岛市"), "青岛");
        assert_eq!(short_name("眉县"), "眉县");
        assert_eq!(short_name("白沙黎族自治县"), "白沙");
        assert_eq!(short_name("湘西土家族苗族自治州"), "湘西");
        assert_eq!(short_name("广西壮族自治区"), "广西");
        assert_eq!(short_name("香港特别行政区"), "香港");
        assert_eq!(short_name("浦东新区"), "浦东");
        assert_eq!(short_name("阿拉善盟"), "阿拉善");
        assert_eq!(short_name("城区"), "城区");
    }

    fn tiny() -> RegionIndex {
        let r = |a: &str, l, p: Option<&str>, n: &str| (a.to_string(), l, p.map(str::to_string), n.to_string());
        RegionIndex::new(vec![
            r("110000", Level::Province, None, "北京市"),
            r("110100", Level::City, Some("110000"), "北京市"),
            r("110101", Level::County, Some("110100"), "东城区"),
            r("370000", Level::Province, None, "山东省"),
            r("370200", Level::City, Some("370000"), "青岛市"),
            r("370215", Level::County, Some("370200"), "即墨区"),
            r("370202", Level::County, Some("370200"), "市南区"),
            r("320000", Level::Province, None, "江苏省"),
            r("320100", Level::City, Some("320000"), "南京市"),
            r("320106", Level::County, Some("320100"), "鼓楼区"),
            r("320300", Level::City, Some("320000"), "徐州市"),
            r("320302", Level::County, Some("320300"), "鼓楼区"),
        ])
    }

    #[test]
    fn finds_by_full_short_qualified_and_adcode() {
        let ix = tiny();
        let code = |l: Lookup| match l {
            Lookup::Found(id) => ix.get(id).map(|r| r.adcode.clone()),
            _ => None,
        };
        assert_eq!(code(ix.find("即墨区")).as_deref(), Some("370215"));
        assert_eq!(code(ix.find("即墨")).as_deref(), Some("370215"));
        assert_eq!(code(ix.find("即墨市")).as_deref(), Some("370215"));
        assert_eq!(code(ix.find("市南")).as_deref(), Some("370202"));
        assert_eq!(code(ix.find("370215")).as_deref(), Some("370215"));
        assert_eq!(code(ix.find("北京")).as_deref(), Some("110000"), "a same-name chain is its top");
        assert_eq!(code(ix.find("110000")).as_deref(), Some("110000"));
        assert_eq!(code(ix.find("徐州市鼓楼区")).as_deref(), Some("320302"));
        assert_eq!(code(ix.find("南京 鼓楼")).as_deref(), Some("320106"));
        assert_eq!(code(ix.find("青岛即墨")).as_deref(), Some("370215"));
    }

    #[test]
    fn ambiguous_and_unknown() {
        let ix = tiny();
        let Lookup::Ambiguous(ids) = ix.find("鼓楼区") else { panic!("鼓楼区 should be ambiguous") };
        let labels: Vec<String> = ids.iter().map(|&i| ix.label(i)).collect();
        assert_eq!(labels, ["鼓楼区 (江苏省 南京市, 320106)", "鼓楼区 (江苏省 徐州市, 320302)"]);
        let Lookup::NotFound { close } = ix.find("即墨县城") else { panic!("should not be found") };
        assert_eq!(close.first().and_then(|&i| ix.get(i)).map(|r| r.name.as_str()), Some("即墨区"));
        assert_eq!(ix.find(""), Lookup::NotFound { close: vec![] });
    }

    #[test]
    fn lists_children_and_counties() {
        let ix = tiny();
        let Lookup::Found(js) = ix.find("江苏省") else { panic!() };
        let names: Vec<&str> = ix.children(js).iter().filter_map(|&i| ix.get(i)).map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["南京市", "徐州市"]);
        assert_eq!(ix.counties(js).len(), 2);
    }

    #[test]
    fn suggestions_for_a_search_box() {
        let ix = tiny();
        let names = |ids: Vec<RegionId>| ids.iter().map(|&i| ix.label(i)).collect::<Vec<_>>();
        assert_eq!(names(ix.suggest("青岛", 5)), ["青岛市 (山东省, 370200)"]);
        assert_eq!(names(ix.suggest("鼓楼", 5)).len(), 2);
        assert_eq!(names(ix.suggest("3702", 5)).len(), 3);
        assert_eq!(names(ix.suggest("即墨县城", 5)).first().map(String::as_str), Some("即墨区 (山东省 青岛市, 370215)"));
        assert!(ix.suggest("  ", 5).is_empty());
    }
}
