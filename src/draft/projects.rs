//! Projects named as the object of a build verb: "建设全市医疗质量管理与控制信息平台",
//! "推进国家体育产业示范基地创建", "建设一批社区医养结合服务中心", "新建中医药特色村卫生室180个".
//! The object runs from the verb (and a quantifier: 一批, 一个, 2个) to the end of the clause,
//! less a closing 建设/创建/工程建设; it is a project when it ends in a word for something
//! built or run (…中心, …基地, …平台, …工程, …行动). A list whose every item ends so is split.

use super::names::is_punct;
use super::text::{self, Span};
use super::Doc;

/// Verbs that plans put before what they will build, create or run.
pub const BUILD_VERBS: &[&str] = &[
    "改扩建", "迁扩建", "扩建", "迁建", "改建", "新建", "建设", "打造", "创建", "争创", "建成", "建立", "设立",
    "培育", "实施", "推进", "推动", "加强", "加快", "深化", "完善", "举办", "承办", "启动", "组建", "筹建", "提升",
];

/// What follows the object when the verb is a "push" verb: "推进X建设", "加强X建设".
const CLOSERS: &[&str] = &["等项目建设", "项目建设", "工程建设", "建设工程", "建设", "创建工作", "创建", "工作"];

/// Words that end the name of something built or run.
pub const OBJECT_WORDS: &[&str] = &[
    "项目", "工程", "基地", "产业园", "园区", "小镇", "综合体", "平台", "实验室", "中心", "研究院", "研究所", "示范区",
    "联盟", "联合体", "医联体", "医共体", "门诊", "行动", "计划", "论坛", "赛事", "生产线", "信息系统", "系统",
    "馆", "堂", "库", "站", "卫生室", "景区", "目的地", "集群", "产业链", "线路", "示范点",
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

fn ends_with_object_word(s: &str) -> bool {
    OBJECT_WORDS.iter().any(|w| s.ends_with(w))
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
        let obj = &t[from..end];
        // "集医疗、康养为一体的综合体", "包括……在内的十个中心": a description, not a name.
        if obj.is_empty() || obj.contains('的') || !ends_with_object_word(obj) || obj.contains(['“', '”']) && obj.matches('“').count() != obj.matches('”').count() {
            continue;
        }
        // The object is a name: no verb of its own, no punctuation but list marks.
        if BUILD_VERBS.iter().any(|w| obj.contains(w)) || obj.chars().any(|c| is_punct(c) && !matches!(c, '、' | '“' | '”' | '·')) {
            continue;
        }
        best = Some(clause.start + from..clause.start + end);
    }
    let Some(obj) = best else { return Vec::new() };
    let ot = doc.slice(&obj);
    let pieces: Vec<&str> = ot.split('、').collect();
    let mut out = Vec::new();
    if pieces.len() > 1 && pieces.iter().all(|p| ends_with_object_word(p)) {
        let mut at = obj.start;
        for p in pieces {
            let sp = text::trim(src, at..at + p.len());
            at += p.len() + '、'.len_utf8();
            out.push(sp);
        }
    } else if !ot.contains('、') {
        out.push(obj);
    }
    out.retain(|s| (4..=30).contains(&text::chars(doc.slice(s))) && !generic(doc.slice(s)));
    out
}

/// Objects that name a kind of thing, not one ("服务平台", "示范基地").
fn generic(name: &str) -> bool {
    let Some(w) = OBJECT_WORDS.iter().filter(|w| name.ends_with(*w)).max_by_key(|w| w.len()) else { return true };
    let mut prefix = &name[..name.len() - w.len()];
    if text::chars(prefix) < 2 {
        return true;
    }
    // Made only of words for a kind ("服务平台", "公共服务信息平台").
    const KIND: &[&str] = &["服务", "信息", "管理", "公共", "综合", "示范", "重点", "相关", "各类", "专业", "基层", "数据", "工作", "建设", "有关"];
    while let Some(k) = KIND.iter().find(|k| prefix.starts_with(*k)) {
        prefix = &prefix[k.len()..];
    }
    prefix.is_empty()
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
    }

    #[test]
    fn a_list_is_split_only_when_every_item_is_a_project() {
        assert_eq!(objects_in("建设东城急救中心、西城健康教育中心。"), ["东城急救中心", "西城健康教育中心"]);
        assert!(objects_in("加强人才、学科和平台建设。").is_empty());
        assert!(objects_in("完善服务平台。").is_empty());
        assert!(objects_in("提升基层服务能力。").is_empty());
    }
}
