//! Layout slogans: numerals with structure words, in a row — 一核心、三片区、十二品; 一核两翼;
//! “中心”引领、“多点”协同; 一个中心、两点突破、三级联动; 做强“内圈”、深耕“中圈”.

use super::text::Span;
use super::{Doc, Kind};

/// Structure words, longest first, with the layout kind each maps to.
pub const WORDS: &[(&str, Kind)] = &[
    ("核心", Kind::Core),
    ("中心", Kind::Centre),
    ("片区", Kind::Zone),
    ("园区", Kind::Zone),
    ("板块", Kind::Zone),
    ("基地", Kind::Zone),
    ("组团", Kind::Cluster),
    ("集群", Kind::Cluster),
    ("圈层", Kind::Circle),
    ("层级", Kind::Tier),
    ("层次", Kind::Tier),
    ("走廊", Kind::Axis),
    ("廊道", Kind::Axis),
    ("节点", Kind::Point),
    ("核", Kind::Core),
    ("心", Kind::Core),
    ("主", Kind::Core),
    ("区", Kind::Zone),
    ("园", Kind::Zone),
    ("谷", Kind::Zone),
    ("镇", Kind::Zone),
    ("地", Kind::Zone),
    ("带", Kind::Belt),
    ("轴", Kind::Axis),
    ("廊", Kind::Axis),
    ("极", Kind::Pole),
    ("翼", Kind::Wing),
    ("圈", Kind::Circle),
    ("环", Kind::Circle),
    ("点", Kind::Point),
    ("城", Kind::Centre),
    ("副", Kind::Centre),
    ("网", Kind::Other),
    ("品", Kind::Product),
    ("级", Kind::Tier),
    ("层", Kind::Tier),
];

const NUMERALS: &[(&str, Option<u32>)] = &[
    ("十二", Some(12)),
    ("十一", Some(11)),
    ("十", Some(10)),
    ("一", Some(1)),
    ("二", Some(2)),
    ("两", Some(2)),
    ("双", Some(2)),
    ("三", Some(3)),
    ("四", Some(4)),
    ("五", Some(5)),
    ("六", Some(6)),
    ("七", Some(7)),
    ("八", Some(8)),
    ("九", Some(9)),
    ("若干", None),
    ("多", None),
];

/// Characters that never stand as a structure noun after a numeral ("一批", "一体", "两会").
const NOT_NOUNS: &str = "批体些次年名号样律般切直定起同致道并期系类项种条位份件步线手头把张套座所家户处场届轮季周月日天时分元亿万千百十九八七六五四三二一两双多个大";

/// Verbs slogans pair with their structures ("两点突破", "“多点”协同").
const VERBS: &[&str] = &[
    "引领", "协同", "突破", "联动", "支撑", "带动", "驱动", "发展", "集聚", "辐射", "互动", "融合", "共享", "共建", "并进", "协作", "示范", "提升", "崛起", "贯通", "环绕",
    "覆盖", "互补", "统筹", "优化", "做强", "深耕", "融入",
];

const OPEN: [char; 2] = ['“', '"'];
const CLOSE: [char; 2] = ['”', '"'];

#[derive(Debug, Clone)]
pub struct Item {
    /// The whole item as written, quotes and verb included: "“多点”协同".
    pub span: Span,
    /// Numeral (if any) and structure word, without quotes or verb: "多点", "三片区", "内圈".
    pub core: Span,
    /// How many structures the item announces (多: unknown).
    pub count: Option<u32>,
    pub kind: Kind,
    pub quoted: bool,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub span: Span,
    pub para: usize,
    pub items: Vec<Item>,
    /// The items are quoted apart in running text, each with its verb ("做强“一主引领”…
    /// 强化“两翼驱动”…抬高“全域协同”"): each is defined by its own sentence.
    pub parts: bool,
}

fn word_at(s: &str) -> Option<(&'static str, Kind)> {
    WORDS.iter().find(|(w, _)| s.starts_with(w)).copied()
}

fn numeral_at(s: &str) -> Option<(&'static str, Option<u32>)> {
    NUMERALS.iter().find(|(n, _)| s.starts_with(n)).copied()
}

fn ends_with_word(s: &str) -> Option<Kind> {
    WORDS.iter().find(|(w, _)| s.ends_with(w)).map(|(_, k)| *k)
}

/// Parse one item at byte `i` of paragraph text `p` (offset `base` into the source).
fn item_at(p: &str, i: usize, base: usize) -> Option<(Item, usize)> {
    let rest = p.get(i..)?;
    let mut j = i;
    // A verb before a quoted word: 做强“内圈”.
    let lead_verb = VERBS.iter().find(|v| rest.starts_with(*v) && rest[v.len()..].starts_with(OPEN));
    if let Some(v) = lead_verb {
        j += v.len();
    }
    let quoted = p[j..].starts_with(OPEN);
    let (core, count, kind, mut end);
    if quoted {
        let open = p[j..].chars().next()?.len_utf8();
        let inner_start = j + open;
        // An item is at most 5 characters: its closing quote is within 20 bytes.
        let close_rel = super::text::find_near(&p[inner_start..], &CLOSE, 24)?;
        let inner = &p[inner_start..inner_start + close_rel];
        let n = inner.chars().count();
        if !(1..=5).contains(&n) {
            return None;
        }
        // A known structure word, or after a numeral any one-character noun, kept with a
        // general kind (“一轴两翼三屏”: 屏).
        let unknown = numeral_at(inner).and_then(|(num, _)| {
            let rest = inner[num.len()..].trim_start_matches(['个', '大']);
            let mut cs = rest.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if !NOT_NOUNS.contains(c) && ('\u{4e00}'..='\u{9fff}').contains(&c) => Some(Kind::Other),
                _ => None,
            }
        });
        kind = match ends_with_word(inner) {
            Some(k) => k,
            None => unknown?,
        };
        count = match numeral_at(inner) {
            // With a numeral the rest is exactly a structure word: “三个圈层”, not “五个示范区”.
            Some((num, c)) => {
                let rest = inner[num.len()..].trim_start_matches(['个', '大']);
                if unknown.is_none() {
                    word_at(rest).filter(|(w, _)| w.len() == rest.len())?;
                }
                c
            }
            None => Some(1),
        };
        core = base + inner_start..base + inner_start + inner.len();
        end = inner_start + close_rel + p[inner_start + close_rel..].chars().next()?.len_utf8();
    } else {
        if lead_verb.is_some() {
            return None;
        }
        let (num, c) = numeral_at(&p[j..])?;
        let mut k = j + num.len();
        for filler in ["个", "大"] {
            if p[k..].starts_with(filler) {
                k += filler.len();
            }
        }
        let (w, kd) = word_at(&p[k..])?;
        k += w.len();
        core = base + j..base + k;
        count = c;
        kind = kd;
        end = k;
    }
    if let Some(v) = VERBS.iter().find(|v| p[end..].starts_with(*v)) {
        end += v.len();
    }
    Some((Item { span: base + i..base + end, core, count, kind, quoted }, end))
}

/// One item at byte `i` of paragraph `p` (source offset `base`).
pub fn find_item(p: &str, i: usize, base: usize) -> Option<(Item, usize)> {
    item_at(p, i, base)
}

fn chain_at(p: &str, i: usize, base: usize) -> Option<(Vec<Item>, usize)> {
    let (first, mut at) = item_at(p, i, base)?;
    let mut items = vec![first];
    loop {
        let mut k = at;
        if let Some(sep) = ['、', '，', ','].iter().find(|c| p[k..].starts_with(**c)) {
            k += sep.len_utf8();
        }
        match item_at(p, k, base) {
            Some((item, next)) if items.len() < 12 => {
                items.push(item);
                at = next;
            }
            _ => break,
        }
    }
    Some((items, at))
}

/// Nouns that make a slogan alone ("一核", "三带"), unlike "两地", "一城", "一网", or an
/// unknown noun, which do only beside one of them or inside one pair of quotes ("“一城三地”").
fn strong(p: &str, base: usize, item: &Item) -> bool {
    let core = p.get(item.core.start - base..item.core.end - base).unwrap_or("");
    item.kind != Kind::Other && !["地", "城", "网", "主", "副", "心"].iter().any(|w| core.ends_with(w))
}

fn layout_words(p: &str) -> bool {
    ["布局", "格局", "架构", "空间"].iter().any(|w| p.contains(w))
}

/// The plan's layout slogan: the longest chain of items, preferring one in a sentence about
/// the layout (布局, 格局) and in quotes; a single quoted "三个圈层" only when nothing longer.
pub fn find(doc: &Doc) -> Option<Found> {
    // Rank: several items, in a sentence about the layout, quoted, more items, earlier.
    type Rank = (bool, bool, bool, usize, std::cmp::Reverse<usize>);
    let mut best: Option<(Rank, Found)> = None;
    for (pi, para) in doc.paras.iter().enumerate() {
        let p = doc.slice(para);
        // Once a paragraph: a 10 MB line holds many chains.
        let layout = layout_words(p);
        let mut i = 0;
        while i < p.len() {
            let next_char = p[i..].chars().next().map_or(1, char::len_utf8);
            if let Some((items, end)) = chain_at(p, i, para.start)
                && (items.len() < 2 || items.iter().any(|x| strong(p, para.start, x)) || (p[..i].ends_with(OPEN) && p[end..].starts_with(CLOSE)))
            {
                let single_ok = items.len() == 1 && items[0].quoted && items[0].count.is_some_and(|c| c >= 2) && p[i..end].contains('个');
                if items.len() >= 2 || single_ok {
                    let quoted = p[..i].ends_with(OPEN) || items.iter().any(|x| x.quoted);
                    let key: Rank = (items.len() >= 2, layout, quoted, items.len(), std::cmp::Reverse(pi));
                    if best.as_ref().is_none_or(|(k, _)| key > *k) {
                        let span = items[0].span.start..items.last().map_or(para.start + end, |x| x.span.end);
                        best = Some((key, Found { span, para: pi, items, parts: false }));
                    }
                    i = end.max(i + next_char);
                    continue;
                }
            }
            i += next_char;
        }
    }
    best.map(|(_, f)| f).or_else(|| parts(doc)).or_else(|| halves(doc))
}

/// A slogan of parts quoted apart in consecutive paragraphs, each with its verb: “一主引领” …
/// “两翼驱动” … “全域协同”. At least two parts, one with a numeral.
fn parts(doc: &Doc) -> Option<Found> {
    let mut run: Vec<Item> = Vec::new();
    let mut run_para = 0;
    let done = |run: &Vec<Item>| run.len() >= 2 && run.iter().any(|x| numeral_at(doc.slice(&x.core)).is_some());
    for (pi, para) in doc.paras.iter().enumerate() {
        let p = doc.slice(para);
        let mut items = Vec::new();
        for (i, _) in p.match_indices(OPEN) {
            let inner_start = i + p[i..].chars().next().map_or(1, char::len_utf8);
            // Parts are a few characters: an unbalanced quote does not send the search on.
            let Some(close) = p[inner_start..].char_indices().take(8).find(|(_, c)| CLOSE.contains(c)).map(|(j, _)| j) else { continue };
            let inner = &p[inner_start..inner_start + close];
            let Some(v) = VERBS.iter().find(|v| inner.ends_with(*v)) else { continue };
            let head = &inner[..inner.len() - v.len()];
            let n = head.chars().count();
            if !(1..=3).contains(&n) || head.chars().any(|c| !('\u{4e00}'..='\u{9fff}').contains(&c)) {
                continue;
            }
            let (count, kind) = match numeral_at(head) {
                Some((num, c)) => match word_at(head[num.len()..].trim_start_matches(['个', '大'])) {
                    Some((_, k)) => (c, k),
                    None => continue,
                },
                None => (Some(1), Kind::Other),
            };
            let base = para.start;
            items.push(Item {
                span: base + inner_start..base + inner_start + inner.len(),
                core: base + inner_start..base + inner_start + head.len(),
                count,
                kind,
                quoted: true,
            });
        }
        if items.is_empty() {
            if done(&run) {
                break;
            }
            run.clear();
            continue;
        }
        if run.is_empty() {
            run_para = pi;
        }
        run.extend(items);
    }
    if !done(&run) {
        return None;
    }
    let span = run.first().map_or(0, |x| x.span.start)..run.last().map_or(0, |x| x.span.end);
    Some(Found { span, para: run_para, items: run, parts: true })
}

/// A slogan without numerals whose halves the text defines: “南城北林”格局 … 南城，为… 北林，为….
fn halves(doc: &Doc) -> Option<Found> {
    let norm_starts: Vec<String> = doc.paras.iter().map(|p| doc.slice(p).chars().take(3).collect()).collect();
    for (pi, para) in doc.paras.iter().enumerate() {
        let p = doc.slice(para);
        for (i, _) in p.match_indices(OPEN) {
            let inner_start = i + p[i..].chars().next().map_or(1, char::len_utf8);
            // Parts are a few characters: an unbalanced quote does not send the search on.
            let Some(close) = p[inner_start..].char_indices().take(8).find(|(_, c)| CLOSE.contains(c)).map(|(j, _)| j) else { continue };
            let inner = &p[inner_start..inner_start + close];
            let after = &p[inner_start + close..];
            let after = after.trim_start_matches(CLOSE);
            let cs: Vec<char> = inner.chars().collect();
            if cs.len() != 4 || !["格局", "布局", "结构", "体系"].iter().any(|w| after.starts_with(w)) {
                continue;
            }
            let a: String = cs[..2].iter().collect();
            let b: String = cs[2..].iter().collect();
            // Each half opens a later paragraph, followed by a comma or 为.
            let opens = |h: &str| norm_starts.iter().skip(pi + 1).any(|s| s.starts_with(h) && s.chars().nth(2).is_some_and(|c| "，,为即：:是".contains(c)));
            if !(opens(&a) && opens(&b)) {
                continue;
            }
            let base = para.start + inner_start;
            let mid = base + a.len();
            let items = vec![
                Item { span: base..mid, core: base..mid, count: Some(1), kind: Kind::Zone, quoted: true },
                Item { span: mid..base + inner.len(), core: mid..base + inner.len(), count: Some(1), kind: Kind::Zone, quoted: true },
            ];
            return Some(Found { span: base..base + inner.len(), para: pi, items, parts: false });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(p: &str) -> Vec<String> {
        chain_at(p, 0, 0).map(|(v, _)| v.iter().map(|x| p[x.core.clone()].to_string()).collect()).unwrap_or_default()
    }

    #[test]
    fn slogans_of_several_shapes() {
        assert_eq!(items("一核心、三片区、十二品”医疗"), ["一核心", "三片区", "十二品"]);
        assert_eq!(items("一核两翼"), ["一核", "两翼"]);
        assert_eq!(items("“中心”引领、“多点”协同的空间布局"), ["中心", "多点"]);
        assert_eq!(items("一个中心、两点突破、三级联动”的"), ["一个中心", "两点", "三级"]);
        assert_eq!(items("做强“内圈”、深耕“中圈”、融入“外圈”"), ["内圈", "中圈", "外圈"]);
        assert_eq!(items("一核、两带、三区、四组团"), ["一核", "两带", "三区", "四组团"]);
    }

    #[test]
    fn not_slogans() {
        assert!(items("三级医院、二级医院").len() < 2);
        assert!(items("一中心一站").len() < 2);
        assert!(items("十四五").is_empty());
        assert!(items("“五个示范区”").is_empty());
        assert_eq!(items("“三个圈层”"), ["三个圈层"]);
    }
}
