//! Projects named as the object of a build verb: "建设全县远程影像诊断平台",
//! "推进省级慢病防控示范区创建", "建设一批乡镇中心卫生院", "新建标准化村卫生室40个".
//! The object runs from the verb (and a quantifier: 一批, 一个, 2个) to the end of the clause,
//! less a closing 建设/创建/工程建设; it is a project when it ends in a word for something
//! built or run (…中心, …基地, …平台, …工程, …行动). A list whose every item ends so is split.

use super::Doc;
use super::names::{self, is_punct};
use super::text::is_space;
use super::text::{self, Span};

/// Verbs that plans put before what they will build, create or run.
pub const BUILD_VERBS: &[&str] = &[
    "改扩建", "迁扩建", "扩建", "迁建", "改建", "新建", "建设", "打造", "创建", "争创", "建成", "建立", "设立", "培育", "实施", "推进", "推动", "加强", "加快", "深化",
    "完善", "举办", "承办", "启动", "组建", "筹建", "提升", "健全", "开展", "搭建", "落实",
];

/// What a clause says after a project that is its subject: "区人民医院新院区开工建设".
const SUBJECT_CLOSERS: &[&str] = &["开工建设", "建成投用", "投入使用", "投入运营", "主体完工", "竣工验收", "建成运行"];

/// What follows the object when the verb is a "push" verb: "推进X建设", "加强X建设".
const CLOSERS: &[&str] = &[
    "等项目建设", "项目建设", "工程建设", "建设工程", "能力建设", "标准化建设", "规范化建设", "信息化建设", "试点建设", "示范建设", "提质改造", "改造提升", "提档升级",
    "开工建设", "服务功能", "功能", "建设", "创建工作", "创建", "工作",
];

/// Words that end the name of something built or run.
pub const OBJECT_WORDS: &[&str] = &[
    "项目", "工程", "基地", "产业园", "园区", "小镇", "综合体", "平台", "实验室", "中心", "研究院", "研究所", "示范区", "联盟", "联合体", "医联体", "医共体", "门诊", "行动",
    "计划", "论坛", "赛事", "生产线", "信息系统", "系统", "馆", "堂", "库", "站", "卫生室", "药房", "共同体", "试点", "院区", "协作网", "网络", "景区", "集群", "线路",
    "示范点",
];

/// Quantifiers between the verb and its object.
fn skip_quantifier(s: &str) -> usize {
    let mut at = 0;
    for q in ["一批", "一支", "一个", "一所", "一家", "一座", "一套", "若干"] {
        if let Some(r) = s.strip_prefix(q) {
            at = s.len() - r.len();
            break;
        }
    }
    if at == 0 {
        // "2个", "10所"
        let digits: usize = s.chars().take_while(char::is_ascii_digit).map(char::len_utf8).sum();
        if digits > 0 && s[digits..].starts_with(['个', '所', '家', '座']) {
            at = digits + s[digits..].chars().next().map_or(0, char::len_utf8);
        }
    }
    at
}

/// A name ending in an object word, or in one and a note in brackets ("建设工程（一期）").
pub fn ends_with_object_word(s: &str) -> bool {
    // "“精品中医馆”": a quoted name.
    let s = s.strip_suffix('”').filter(|r| r.starts_with('“')).map_or(s, |r| r.trim_start_matches('“'));
    let s = match s.strip_suffix('）').and_then(|r| r.rfind('（').map(|i| &r[..i])) {
        Some(r) => r,
        None => s,
    };
    OBJECT_WORDS.iter().any(|w| s.ends_with(w))
}

/// A build verb inside a name is part of it only right before 工程/项目 ("迁扩建工程").
fn has_own_verb(obj: &str) -> bool {
    obj.char_indices().any(|(i, _)| BUILD_VERBS.iter().any(|v| obj[i..].starts_with(v) && !["工程", "项目", "（"].iter().any(|n| obj[i + v.len()..].starts_with(n))))
}

/// Pieces of a list of objects: split at 、 and at 以及/和/及 between two objects.
pub fn split_list(obj: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < obj.len() {
        let rest = &obj[i..];
        let sep = ["、", "以及", "和", "及"].iter().find(|s| rest.starts_with(*s)).copied();
        match sep {
            Some(sep) if sep == "、" || ends_with_object_word(&obj[start..i]) => {
                out.push((start, i));
                i += sep.len();
                start = i;
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push((start, obj.len()));
    out
}

/// Project names that are the objects of build verbs in `clause`.
pub fn objects(doc: &Doc, clause: &Span) -> Vec<Span> {
    let src = doc.src;
    let clause = text::strip_end_punct(src, clause.clone());
    let t = doc.slice(&clause);
    // The last build verb whose object ends the clause in an object word.
    let mut best: Option<Span> = None;
    for (i, _) in t.char_indices() {
        let Some(v) = BUILD_VERBS.iter().find(|v| t[i..].starts_with(*v)) else { continue };
        let mut from = i + v.len();
        if t[from..].starts_with('了') {
            from += '了'.len_utf8();
        }
        // "打造为X", "建设成X": the object follows (but "建立成渝…" is a name).
        for w in ["成为", "为", "成"] {
            if ["打造", "建设"].contains(v) && t[from..].starts_with(w) {
                from += w.len();
                break;
            }
        }
        from += skip_quantifier(&t[from..]);
        let mut end = t.len();
        // "新建中医药特色村卫生室180个": a count after the object is not part of its name.
        if let Some(m) = t[from..end].strip_suffix(['个', '所', '家', '座', '处']) {
            let digits: usize = m.chars().rev().take_while(char::is_ascii_digit).map(char::len_utf8).sum();
            if digits > 0 {
                end = from + m.len() - digits;
            }
        }
        for c in CLOSERS {
            if t[from..end].ends_with(c) && t[from..end].len() > c.len() {
                end -= c.len();
                break;
            }
        }
        // "A、B等平台": the list before 等 names the objects.
        if let Some(deng) = t[from..end].rfind('等')
            && text::chars(&t[from + deng..end]) <= 5
            && deng > 0
        {
            end = from + deng;
        }
        // "打造A、B、C五大园区": the count after a list sums it up and names none of it.
        if t[from..end].contains('、') {
            end -= summary_len(&t[from..end]);
        }
        // "建立…上下互通的远程医疗协作网": the name is what follows the last 的.
        if let Some(de) = t[from..end].rfind('的') {
            from += de + '的'.len_utf8();
        }
        let obj = &t[from..end];
        if obj.is_empty()
            || obj.starts_with(|c: char| c.is_ascii_digit() || "一两二三四五六七八九十".contains(c))
            || !ends_with_object_word(obj)
            || obj.contains(['“', '”']) && obj.matches('“').count() != obj.matches('”').count()
        {
            continue;
        }
        // The object is a name: no verb of its own, no punctuation but list marks.
        if has_own_verb(obj) || obj.chars().any(|c| is_punct(c) && !matches!(c, '、' | '“' | '”' | '·')) {
            continue;
        }
        // A verb inside the name ("迁扩建工程") leaves too little to name anything.
        if generic(obj) {
            continue;
        }
        // The first verb whose object is a name: later "verbs" are inside it
        // ("实施区妇幼保健院建设工程（一期）").
        best = Some(clause.start + from..clause.start + end);
        break;
    }
    // "区人民医院新院区开工建设": the project is the clause's subject (after any adverb or
    // verb before it: "再到二期工程投入使用").
    if best.is_none()
        && let Some(c) = SUBJECT_CLOSERS.iter().find(|c| t.ends_with(*c))
    {
        let full = &t[..t.len() - c.len()];
        let kind = OBJECT_WORDS.iter().filter(|w| full.ends_with(*w)).map(|w| w.len()).max().unwrap_or(0);
        let from = names::name_start(t, 0, full.len() - kind, 40);
        let subject = &full[from..];
        if ends_with_object_word(subject) && !has_own_verb(subject) && !subject.chars().any(|c| is_punct(c) && c != '、') {
            best = Some(clause.start + from..clause.start + full.len());
        }
    }
    let Some(obj) = best else { return Vec::new() };
    let ot = doc.slice(&obj);
    let pieces = split_list(ot);
    let mut out = Vec::new();
    let named = pieces.iter().filter(|&&(a, b)| ends_with_object_word(&ot[a..b])).count();
    if pieces.len() > 1 && (named == pieces.len() || (pieces.len() >= 3 && 2 * named > pieces.len())) {
        // A list of things to build: the items that name one (the others are activities).
        out.extend(pieces.iter().filter(|&&(a, b)| ends_with_object_word(&ot[a..b])).map(|&(a, b)| text::trim(src, obj.start + a..obj.start + b)));
    } else if !ot.contains('、') {
        out.push(obj);
    }
    out.retain(|s| (4..=30).contains(&text::chars(doc.slice(s))) && !generic(doc.slice(s)));
    out
}

/// The length of a count that sums up a list at its end ("…、E康养产业园五大园区" →
/// "五大园区"): a numeral, an optional 大/个/类, and a word for what the items are.
fn summary_len(s: &str) -> usize {
    const NUMERALS: &str = "一二三四五六七八九十两几多";
    let last = s.rfind('、').map_or(0, |i| i + '、'.len_utf8());
    for (i, c) in s[last..].char_indices() {
        let at = last + i;
        if !NUMERALS.contains(c) || s[..at].ends_with(|p: char| NUMERALS.contains(p)) || at == last {
            continue;
        }
        let rest = s[at..].trim_start_matches(|c: char| NUMERALS.contains(c));
        let rest = rest.strip_prefix(['大', '个', '类']).unwrap_or(rest);
        if (1..=4).contains(&text::chars(rest)) && ends_with_object_word(rest) {
            return s.len() - at;
        }
    }
    0
}

/// Words that make what follows what a place or a thing is to become ("将X打造成为Y",
/// "培育成Y", "晋升为Y", "形成…"): a role, a rank or a target, not something to build.
const BECOME: &[&str] = &["打造成为", "建设成为", "建成为", "培育成为", "培育成", "培育形成", "发展成为", "晋升为", "成为", "形成"];

/// Ranks of size or reach that make a name a target class ("千亿级产业园区", "世界级…").
const TIERS: &[&str] = &["世界级", "万亿级", "千亿级", "百亿级", "亿级"];

/// Heads that name a positioning or an economic chain, never one thing built.
const NOT_HEADS: &[&str] = &["目的地", "产业链", "产业链条"];

/// Starts that make a name a class of many ("多个产业园", "各类基地").
const PLURAL: &[&str] = &["多个", "多地", "多家", "多所", "多处", "多种", "各类", "各个", "一批", "若干", "众多"];

/// A name found as a project that the sentence does not state as one: a role or rank a place
/// is to become, a target class, an item of what something "集…于一体" is made of, the kind
/// word after a list ("A、B等X"), a place that "建成" a title ("甲市建成区域医疗中心").
pub fn not_a_project(doc: &Doc, name: &Span, sentence: &Span) -> bool {
    let src = doc.src;
    let t = doc.slice(name);
    if TIERS.iter().any(|w| t.contains(w)) || NOT_HEADS.iter().any(|w| t.ends_with(w)) || PLURAL.iter().any(|w| t.starts_with(w)) || counted(t) {
        return true;
    }
    let clause = text::clauses(src, sentence.clone()).into_iter().find(|c| c.start <= name.start && name.end <= c.end).unwrap_or_else(|| name.clone());
    let before = src.get(clause.start..name.start).unwrap_or("");
    let after = src.get(name.end..clause.end).unwrap_or("");
    // "A、B等X": X is the kind of the items listed, not one of them; "第一批X", "15个X",
    // "X60个": a class counted, not one thing.
    if before.ends_with('等') || batch(before) || many_before(before) || many_after(after) || counted_item_before(before) {
        return true;
    }
    // "《X规划》": the title of a document, not a thing built.
    let sent_before = src.get(sentence.start..name.start).unwrap_or("");
    if sent_before.matches('《').count() > sent_before.matches('》').count() {
        return true;
    }
    // "集A、B、C于一体的X", "以A、B为重点的X": A and B are what X brings together or
    // stresses.
    if let Some(p) = ["于一体", "为一体", "于一身"].iter().filter_map(|w| after.find(w)).min()
        && !after[..p].contains('的')
    {
        return true;
    }
    if before.contains('以')
        && let Some(p) = ["为重点的", "为核心的", "为主体的", "为主的"].iter().filter_map(|w| after.find(w)).min()
        && !after[..p].contains('的')
    {
        return true;
    }
    // "X是集…于一体的Y": Y says what X is.
    if BECOME.iter().any(|w| before.contains(w)) || before.contains("是集") || before.ends_with('是') {
        return true;
    }
    // "甲市建成X": the unit right before 建成 is its subject ("在甲市建成X" is where).
    if let Some(v) = before.rfind("建成")
        && let Some(h) = doc.matcher.hits(src, &(clause.start..clause.start + v)).last()
        && h.span.end == clause.start + v
        && !src[clause.start..h.span.start].ends_with(['在', '于'])
    {
        return true;
    }
    false
}

/// A name that opens with a count: a summary ("五大园区", "三个中心") or a slogan ("一区一基地").
fn counted(t: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十两";
    let mut cs = t.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next()) else { return false };
    NUMERALS.contains(a) && (matches!(b, '大' | '个' | '类' | '项') || t.chars().skip(2).any(|c| c == a))
}

/// "第一批X", "首批X": one round of a programme of many ("建设一批X" is the plan's own batch
/// of one project).
fn batch(before: &str) -> bool {
    before.strip_suffix('批').is_some_and(|r| r.ends_with('首') || r.trim_end_matches(|c: char| "一二三四五六七八九十".contains(c)).ends_with('第'))
}

/// Text before a name ending in a count of more than one ("建成15个", "新建两所").
fn many_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(['个', '所', '家', '座', '处']) else { return false };
    let digits: String = rest.chars().rev().take_while(char::is_ascii_digit).collect();
    match digits.chars().rev().collect::<String>().parse::<u64>() {
        Ok(n) => n > 1,
        Err(_) => rest.ends_with(['两', '几', '多']) || rest.ends_with(|c: char| "二三四五六七八九十百千".contains(c)),
    }
}

/// Text after a name that starts with a count of more than one, in a list of counted targets
/// ("A基地15个、B基地60个"; "新建X180个。" alone is the plan's own project).
fn many_after(after: &str) -> bool {
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let rest = &after[digits.len()..];
    digits.parse::<u64>().is_ok_and(|n| n > 1) && rest.strip_prefix(['个', '所', '家', '座', '处']).is_some_and(|r| r.starts_with('、'))
}

/// The last item of such a list: the one before it ends in a count ("…60个、X8个").
fn counted_item_before(before: &str) -> bool {
    before.strip_suffix('、').and_then(|r| r.strip_suffix(['个', '所', '家', '座', '处'])).is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit()))
}

/// A project's name without a word that points at it or ranks it: "该项目" and "本县X" point
/// at something named elsewhere; "全省首个X" ranks X.
pub fn trim_name(doc: &Doc, name: &Span) -> Span {
    const RANKS: &[&str] = &["全国首个", "全省首个", "全市首个", "全县首个", "全国首家", "全省首家", "首个", "首家", "首批", "第一个", "这个", "该", "此", "这"];
    let t = doc.slice(name);
    if let Some(r) = RANKS.iter().find_map(|w| t.strip_prefix(w)) {
        return name.end - r.len()..name.end;
    }
    // "本县X" → "县X" (本 is also a place's first character: 本溪).
    if let Some(r) = t.strip_prefix('本').filter(|r| r.starts_with(['省', '市', '县', '区', '州', '镇', '乡'])) {
        return name.end - r.len()..name.end;
    }
    name.clone()
}

/// A clause that is only a list of names of things built ("A项目、 B项目、“C”工程"), in a
/// 专栏: every item, when every item ends so.
pub fn listed(doc: &Doc, clause: &Span) -> Vec<Span> {
    let src = doc.src;
    let clause = text::strip_end_punct(src, text::trim(src, clause.clone()));
    let t = doc.slice(&clause);
    if BUILD_VERBS.iter().any(|v| t.contains(v)) && has_own_verb(t) {
        return Vec::new();
    }
    let pieces = split_list(t);
    if pieces.len() < 2
        || !pieces
            .iter()
            .all(|&(a, b)| ends_with_object_word(t[a..b].trim_matches(is_space)) && !t[a..b].chars().any(|c| is_punct(c) && !is_space(c) && !matches!(c, '“' | '”')))
    {
        return Vec::new();
    }
    pieces
        .iter()
        .map(|&(a, b)| text::trim(src, clause.start + a..clause.start + b))
        .filter(|s| (4..=30).contains(&text::chars(doc.slice(s))) && !generic(doc.slice(s)))
        .collect()
}

/// A heading that names a project: its title ends in 工程/项目/行动/计划, read as a build
/// clause ("实施健康乡村工程" → 健康乡村工程) or, without a verb, whole ("人才队伍建设工程").
pub fn heading_project(doc: &Doc, title: &Span) -> Vec<Span> {
    let t = doc.slice(title);
    if !["工程", "项目", "行动", "计划"].iter().any(|w| t.ends_with(w)) {
        return Vec::new();
    }
    let found = objects(doc, title);
    if !found.is_empty() || BUILD_VERBS.iter().any(|v| t.starts_with(v)) {
        return found;
    }
    let n = text::chars(t);
    if (4..=20).contains(&n) && !generic(t) && !t.chars().any(|c| is_punct(c) && !matches!(c, '“' | '”')) { vec![title.clone()] } else { Vec::new() }
}

/// Objects that name a kind of thing, not one ("服务平台", "示范基地").
fn generic(name: &str) -> bool {
    let name = name.strip_suffix('”').filter(|r| r.starts_with('“')).map_or(name, |r| r.trim_start_matches('“'));
    let name = match name.strip_suffix('）').and_then(|r| r.rfind('（').map(|i| &r[..i])) {
        Some(r) => r,
        None => name,
    };
    let Some(w) = OBJECT_WORDS.iter().filter(|w| name.ends_with(*w)).max_by_key(|w| w.len()) else { return true };
    let prefix = &name[..name.len() - w.len()];
    if text::chars(prefix) < 2 {
        return true;
    }
    kind_only(prefix)
}

/// Words before a kind word that name no one thing ("服务平台", "重大项目", "科技项目").
pub fn kind_only(mut prefix: &str) -> bool {
    const KIND: &[&str] = &[
        "服务", "信息", "管理", "公共", "综合", "示范", "重点", "相关", "各类", "专业", "基层", "数据", "工作", "建设", "有关", "主要", "工程", "项目", "重大", "科技",
        "延伸", "全球", "区域", "一批", "新", "国际化", "产业",
    ];
    while let Some(k) = KIND.iter().find(|k| prefix.starts_with(*k)) {
        prefix = &prefix[k.len()..];
    }
    // "二期工程": a phase of something the name does not say.
    let phase = prefix.strip_suffix('期').is_some_and(|n| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit()));
    prefix.is_empty() || phase
}

#[cfg(test)]
mod tests {
    use super::super::{Region, members::Matcher, skeleton, text};
    use super::*;

    fn objects_in(s: &str) -> Vec<String> {
        let region = Region::default();
        let paras = text::paragraphs(s);
        let sk = skeleton::read(s, &paras);
        let matcher = Matcher::new(&region);
        let doc = Doc { src: s, paras: &paras, sk: &sk, region: &region, matcher: &matcher };
        text::clauses(s, 0..s.len()).iter().flat_map(|c| objects(&doc, c)).map(|sp| s[sp].to_string()).collect()
    }

    #[test]
    fn the_object_of_a_build_verb_is_a_project() {
        assert_eq!(objects_in("建设河谷数据与调度信息平台。"), ["河谷数据与调度信息平台"]);
        // Hospitals are read as hospitals.
        assert!(objects_in("加快推进云岭康复医院创建。").is_empty());
        assert_eq!(objects_in("推进湖滨国家运动训练基地创建，完善配套。"), ["湖滨国家运动训练基地"]);
        assert_eq!(objects_in("新建山区特色卫生服务站30个。"), ["山区特色卫生服务站"]);
        assert_eq!(objects_in("建设一批社区康复共享中心。"), ["社区康复共享中心"]);
        assert_eq!(objects_in("建立上下互通的远程会诊协作网。"), ["远程会诊协作网"]);
        assert_eq!(objects_in("加强危重新生儿救治中心能力建设。"), ["危重新生儿救治中心"]);
        assert_eq!(objects_in("城东医院新院区开工建设。"), ["城东医院新院区"]);
        assert_eq!(objects_in("实施县中医院迁扩建工程（二期）。"), ["县中医院迁扩建工程（二期）"]);
    }

    #[test]
    fn a_list_is_split_only_when_every_item_is_a_project() {
        assert_eq!(objects_in("建设东城急救中心、西城健康教育中心。"), ["东城急救中心", "西城健康教育中心"]);
        assert_eq!(objects_in("加快疾控中心实验室项目以及城南体检中心建设。"), ["疾控中心实验室项目", "城南体检中心"]);
        // "和" inside a name is not a list.
        assert_eq!(objects_in("加强孕产妇和新生儿救治中心建设。"), ["孕产妇和新生儿救治中心"]);
        assert!(objects_in("建设包括健康中心在内的十个中心。").is_empty());
        assert_eq!(objects_in("建设城北康养小镇、湖滨运动训练基地等平台。"), ["城北康养小镇", "湖滨运动训练基地"]);
        // In a list, the items that name something built (a 公园 is not among the words).
        assert_eq!(objects_in("建设西山体育公园、高原竞走及长跑训练基地、湖滨康养小镇。"), ["高原竞走及长跑训练基地", "湖滨康养小镇"]);
        assert_eq!(objects_in("把南岭县打造为康复器械研发生产基地。"), ["康复器械研发生产基地"]);
        assert_eq!(objects_in("建立成渝医学联盟。"), ["成渝医学联盟"]);
        assert_eq!(objects_in("完善共享中药房服务功能。"), ["共享中药房"]);
        assert_eq!(objects_in("推进社区卫生机构建设“精品中医馆”。"), ["“精品中医馆”"]);
        assert_eq!(objects_in("实施县妇幼保健院建设工程（一期）、县疾控中心迁扩建工程。"), ["县妇幼保健院建设工程（一期）", "县疾控中心迁扩建工程"]);
    }

    fn doc_fn<T>(s: &str, f: impl Fn(&Doc, &Span) -> T) -> T {
        let region = Region::default();
        let paras = text::paragraphs(s);
        let sk = skeleton::read(s, &paras);
        let matcher = Matcher::new(&region);
        let doc = Doc { src: s, paras: &paras, sk: &sk, region: &region, matcher: &matcher };
        f(&doc, &(0..s.len()))
    }

    #[test]
    fn a_line_of_names_and_a_heading_name_projects() {
        let got = doc_fn("湖滨景区提升项目、 古城纪念馆提质升级项目、“北湖”水系贯通工程。", |d, sp| {
            listed(d, sp).into_iter().map(|x| d.slice(&x).to_string()).collect::<Vec<_>>()
        });
        assert_eq!(got, ["湖滨景区提升项目", "古城纪念馆提质升级项目", "“北湖”水系贯通工程"]);
        assert!(doc_fn("推广武术、太极拳、广场舞。", listed).is_empty());
        let heading = |s: &str| doc_fn(s, |d, sp| heading_project(d, sp).into_iter().map(|x| d.slice(&x).to_string()).collect::<Vec<_>>());
        assert_eq!(heading("人才队伍建设工程"), ["人才队伍建设工程"]);
        assert_eq!(heading("实施健康乡村工程"), ["健康乡村工程"]);
        assert!(heading("加强人才队伍建设").is_empty());
        assert!(objects_in("加强人才、学科和平台建设。").is_empty());
        assert!(objects_in("完善服务平台。").is_empty());
        assert!(objects_in("提升基层服务能力。").is_empty());
    }
}
