//! Proper names that end in a kind word (…医院, …开发区, …项目): where such a name starts.
//! Plans put a verb or a preposition before a name ("支持凤翔区医院", "依托梁山县人民医院");
//! the name starts after the last of those, or after punctuation.

use super::text::{Span, is_space};

/// Words that end the run of characters before a name. Verbs and prepositions plans use
/// before institutions, places and projects.
pub const STOP_WORDS: &[&str] = &[
    "支持", "推动", "推进", "加快", "加强", "建设", "新建", "改建", "扩建", "迁建", "打造", "建成", "创建", "实施", "依托", "围绕", "完善", "提升", "加大", "深化", "巩固",
    "争取", "设立", "设置", "成立", "组建", "开展", "发挥", "培育", "发展", "引进", "举办", "承办", "启动", "落实", "覆盖", "包括", "涵盖", "壮大", "聚力", "挖掘", "着力",
    "力争", "确保", "促进", "优化", "利用", "结合", "借助", "通过", "按照", "根据", "逐步", "大力", "培养", "依靠", "联合", "共建", "规划", "布局", "谋划", "做强", "做大",
    "做优", "做实", "擦亮", "打响", "申办", "开发", "探索", "鼓励", "引导", "指导", "带动", "辐射", "整合", "对接", "融入", "配置", "改造", "筹建", "投用", "运营", "升级",
    "重点", "积极", "全力", "全面", "继续", "持续", "进一步", "以及", "其中", "一批", "一个", "各类", "如", "由", "以", "在", "对", "将", "把", "与", "和", "及", "或", "为",
    "是", "的", "等", "向", "从", "至", "到", "即", "含", "有", "让", "使", "给", "被", "搭建", "拓展", "强化", "建立", "成为", "具备", "形成", "简化", "提高", "帮扶",
    "扶持", "健全", "实现了", "实现", "给予", "予", "化解", "写入", "调整", "入选", "因地制宜", "除", "推广", "丰富", "打响", "延长", "了", "认定", "孵化", "发力", "目前",
    "再到",
];

/// Measure words end a name only after a count ("3家医院", "一所卫生院"), not inside one
/// ("冯家塬", "国家级").
/// "2025年" ends a name too.
const MEASURES: &[char] = &['个', '家', '所', '座', '处', '年'];

fn after_count(before: &str) -> bool {
    let mut cs = before.chars().rev();
    // "6 所综合医院": converted documents put spaces around numbers.
    matches!(cs.next(), Some(c) if MEASURES.contains(&c)) && cs.find(|c| !is_space(*c)).is_some_and(|c| c.is_ascii_digit() || "一两二三四五六七八九十百千几每各".contains(c))
}

pub fn is_punct(c: char) -> bool {
    "、，,。；;：:！？!?“”\"'‘’《》〈〉【】[]|/—…·\t%％.．".contains(c) || is_space(c)
}

/// The start of the name that ends at `end` (exclusive) in `src`, scanning back from
/// `kind_start` (where the kind word begins) no further than `floor` and `max_chars`.
pub fn name_start(src: &str, floor: usize, kind_start: usize, max_chars: usize) -> usize {
    let mut at = kind_start;
    let mut n = 0;
    while at > floor && n < max_chars {
        let before = &src[floor..at];
        // A stop word just before `at` ends the name here.
        // "中西医结合", "医养结合" are names' words, not the verb 结合.
        let compound = before.ends_with("医结合") || before.ends_with("养结合");
        // "以上", "以下" are not the preposition 以.
        let yishang = before.ends_with('以') && src[at..].starts_with(['上', '下']);
        // "开发区" is a place word, not the verb 开发.
        let kaifa = before.ends_with("开发") && src[at..].starts_with('区');
        if (!compound && !yishang && !kaifa && STOP_WORDS.iter().any(|w| before.ends_with(w))) || after_count(before) {
            break;
        }
        let Some(c) = before.chars().next_back() else { break };
        // "中国·龙井…园": a middle dot between two names joins them.
        let joined = c == '·' && before[..before.len() - c.len_utf8()].chars().next_back().is_some_and(|p| !is_punct(p) && !p.is_ascii());
        if (is_punct(c) && !joined) || (matches!(c, '(' | '（') && !src[at..kind_start].contains(['）', ')'])) {
            break;
        }
        at -= c.len_utf8();
        n += 1;
    }
    at
}

/// Find names ending in one of `kinds` within `span`: (name span, kind index).
pub fn find(src: &str, span: &Span, kinds: &aho_corasick::AhoCorasick, max_chars: usize) -> Vec<(Span, usize)> {
    let Some(hay) = src.get(span.clone()) else { return Vec::new() };
    let mut out: Vec<(Span, usize)> = Vec::new();
    for m in kinds.find_iter(hay) {
        let (ks, ke) = (span.start + m.start(), span.start + m.end());
        let mut start = name_start(src, span.start, ks, max_chars);
        // A name never starts inside the one before it ("市人民医院宝鸡市急救中心": two names).
        if let Some(last) = out.last() {
            start = start.max(last.0.end);
        }
        out.push((start..ke, m.pattern().as_usize()));
    }
    out
}

/// A longest-match matcher over fixed word lists (these lists are a few dozen short words,
/// far below any automaton limit, so building cannot fail).
#[allow(clippy::expect_used)]
pub fn matcher(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(words).expect("a small fixed word list always builds")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str, kinds: &[&str]) -> Vec<String> {
        find(s, &(0..s.len()), &matcher(kinds), 20).into_iter().map(|(sp, _)| s[sp].to_string()).collect()
    }

    #[test]
    fn names_start_after_verbs_and_punctuation() {
        assert_eq!(names("支持凤翔区医院、岐山县医院等创建三级医院", &["医院"]), ["凤翔区医院", "岐山县医院", "三级医院"]);
        assert_eq!(names("依托梁山县人民医院、梁山县中医院两个重点医院", &["医院"]), ["梁山县人民医院", "梁山县中医院", "医院"]);
        // A measure word ends a name only after a count.
        assert_eq!(names("扶持陈家桥医院，新增3家康复医院", &["医院"]), ["陈家桥医院", "康复医院"]);
        assert_eq!(names("建成2个国家级培训基地", &["基地"]), ["国家级培训基地"]);
        // "以上" is part of the words before a kind, not the preposition.
        assert_eq!(names("二级以上综合医院", &["医院"]), ["二级以上综合医院"]);
    }
}
