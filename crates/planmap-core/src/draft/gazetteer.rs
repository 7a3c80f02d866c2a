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
}

impl Unit {
    pub fn new(adcode: &str, name: &str) -> Unit {
        Unit { adcode: adcode.to_string(), name: name.to_string(), short: short_forms(name) }
    }
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

/// The plan's title: the first short paragraph that names a plan (规划, 方案, 纲要 …); inside
/// a notice ("关于印发《…》的通知") the words in the title marks.
pub fn title_of<'a>(text: &'a str, paras: &[super::text::Span]) -> Option<(super::text::Span, &'a str)> {
    for p in paras.iter().take(40) {
        let s = &text[p.clone()];
        if s.chars().count() > 80 {
            continue;
        }
        if let (Some(a), Some(b)) = (s.find('《'), s.rfind('》'))
            && a < b
        {
            let inner = &s[a + '《'.len_utf8()..b];
            if ["规划", "方案", "纲要"].iter().any(|w| inner.contains(w)) && s.contains("印发") {
                let start = p.start + a + '《'.len_utf8();
                return Some((start..start + inner.len(), inner));
            }
            continue;
        }
        if ["规划", "方案", "纲要", "计划"].iter().any(|w| s.ends_with(w)) {
            return Some((p.clone(), s));
        }
    }
    None
}

/// Detect the region: the most specific name in the title, else the name the text uses most.
pub fn detect(index: &dyn Gazetteer, title: Option<&str>, text: &str) -> Option<Region> {
    let names = index.names();
    if let Some(title) = title {
        let title = super::text::normalise(title);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_keep_two_characters() {
        assert_eq!(short_forms("市南区"), ["市南"]);
        assert!(short_forms("眉县").is_empty());
        assert_eq!(short_forms("石柱土家族自治县"), ["石柱"]);
        assert_eq!(short_forms("宣威市"), ["宣威"]);
    }
}
