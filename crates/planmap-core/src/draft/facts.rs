//! Facts: hospitals with the development focus their sentence gives them, projects from 专栏
//! lists and build sentences, and specialities from lines about one county ("岐山县：…").
//! Each goes under the unit its name or line names, else under the plan's own level.

use aho_corasick::AhoCorasick;

use super::skeleton::Level;
use super::text::{self, Span};
use super::{DFact, Doc, FactKind, Quote};
use super::{names, projects};

pub const HOSPITAL_WORDS: &[&str] = &[
    "妇幼保健计划生育服务中心", "妇幼保健服务中心", "疾病预防控制中心", "精神卫生中心", "卫生服务中心", "卫生监督所", "疾控中心", "急救中心", "中心血站", "妇幼保健院",
    "中医医院", "中医院", "保健院", "保健所", "卫生院", "护理院", "医院", "血站", "医学中心",
];

/// Words that alone do not name one institution ("县级综合医院", "乡镇卫生院").
const GENERIC: &[&str] = &[
    "二级以上", "三级以上", "二级及以上", "县级", "市级", "区级", "省级", "乡镇", "街道", "社区", "基层", "公立", "民营", "综合性", "综合", "专科", "中西医结合", "中医",
    "西医", "定点", "康复", "护理", "老年", "儿童", "妇产", "精神", "传染病", "互联网", "智慧", "医养结合", "各级", "城市", "农村", "所有", "全市", "全县", "全区", "其他",
    "大型", "部分", "现有", "非营利性", "营利性", "社会办", "一级", "二级", "三级", "示范", "标准化", "规范化", "中心", "后备", "附属", "教学", "实习", "甲等", "二甲",
    "三甲", "专业", "肿瘤", "妇幼", "人民", "各类", "重点", "龙头", "村", "镇", "乡", "以上", "及", "和", "等", "的", "两个", "一批", "本地", "当地", "周边", "知名", "优质",
    "高水平", "公共卫生", "医疗", "医学", "区域", "疫情", "发热", "友善", "示范性", "标准", "新", "建", "好", "各", "一家", "家", "县", "市", "区", "省", "分", "总", "上级",
    "一般", "建制", "政府办", "城乡", "多学科", "平安", "三星", "东西部", "我区", "我县", "我市", "本区", "本县", "本市", "全国", "全省", "地市级", "国家", "现代化", "一流",
    "农村地区", "区属", "县属", "市属", "三级甲等", "二级甲等", "属", "地区", "现代", "首批", "跨", "健康", "科学", "评价", "更多", "省域", "国内外", "国内", "省内外",
    "省内", "特色", "高端", "大型综合", "该", "本", "此", "这些", "这",
];

/// Words after a project's name in its clause that say it is being built or run.
const BUILT_AFTER: &[&str] = &["建设", "开工", "竣工", "完工", "投用", "投入使用", "投入运营", "建成", "启动", "创建", "载体", "晋升", "升级"];

/// Verbs before a project's name, besides the build verbs, that plans use for what they
/// will build on, lay out or take part in ("依托X", "结合X", "共建X", "拓展X").
const BUILT_BEFORE: &[&str] = &["开发", "谋划", "策划", "依托", "结合", "围绕", "设置", "共建", "拓展", "构建"];

pub const PROJECT_WORDS: &[&str] = &[
    "项目", "工程", "基地", "产业园", "园区", "小镇", "综合体", "平台", "实验室", "纪念馆", "博物馆", "公园", "度假区", "示范区", "康养城", "健康城", "储备库", "线路",
    "集群", "服务中心", "救治中心", "医疗中心", "康养中心", "培训中心", "运动中心", "展示中心", "指挥中心", "研究中心", "数据中心", "诊疗中心", "检验中心", "影像中心",
    "创新中心", "研究所", "研究院", "示范点", "综合体",
];

/// The words before a kind word are all generic: the prefix splits wholly into GENERIC
/// words, in any split ("省域" is one word, not 省 and an unknown 域).
fn is_generic(prefix: &str) -> bool {
    // ends[i]: prefix[..i] splits into generic words (byte offsets; names are short).
    let mut ends = vec![false; prefix.len() + 1];
    if let Some(e) = ends.first_mut() {
        *e = true;
    }
    for i in 0..prefix.len() {
        if !ends.get(i).copied().unwrap_or(false) || !prefix.is_char_boundary(i) {
            continue;
        }
        for g in GENERIC {
            if prefix[i..].starts_with(g)
                && let Some(e) = ends.get_mut(i + g.len())
            {
                *e = true;
            }
        }
    }
    ends.last().copied().unwrap_or(false)
}

/// The institution's own name, or None when the words are generic. A name that starts with
/// the plan's level (市/县/区) and more than a level word ("市老年病医院", "区中医院") is one
/// institution of the plan's region.
fn specific(name: &str, kind: &str) -> bool {
    let prefix = name.strip_suffix(kind).unwrap_or(name);
    if prefix.is_empty() {
        return false;
    }
    // "区妇幼保健院", "县医院": the plan's own institution of that kind (but 镇卫生院 are many).
    if ["市", "县", "区"].contains(&prefix) && !["卫生院", "卫生服务中心", "医学中心"].contains(&kind) {
        return true;
    }
    if let Some(rest) = prefix.strip_prefix(['市', '县', '区', '州'])
        && !rest.is_empty()
        && !rest.starts_with(['级', '、', '和', '及', '镇', '乡', '直', '属', '内', '域'])
    {
        return true;
    }
    !is_generic(prefix)
}

fn hospital_matcher() -> AhoCorasick {
    names::matcher(HOSPITAL_WORDS)
}

/// Institution names in `span`, generic ones left out; a name followed by "（…）" keeps it.
pub fn hospital_names(doc: &Doc, span: &Span) -> Vec<Span> {
    hospital_names_with(doc, span, &hospital_matcher())
}

fn hospital_names_with(doc: &Doc, span: &Span, ac: &AhoCorasick) -> Vec<Span> {
    let mut out = Vec::new();
    let found = names::find(doc.src, span, ac, 20);
    let mut skip = 0;
    for (i, (name, k)) in found.iter().cloned().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let kind = HOSPITAL_WORDS.get(k).copied().unwrap_or("");
        let mut name = name;
        // "…附属曙光医院曲靖医院": a branch named right after its parent, same kind, is one name.
        while let Some((next, nk)) = found.get(i + 1 + skip)
            && next.start == name.end
            && *nk == k
            && text::chars(doc.slice(next)) <= text::chars(kind) + 4
        {
            name.end = next.end;
            skip += 1;
        }
        // "延边大学附属医院(延边医院)龙井分院": a branch named after its parent and an alias.
        if let Some(r) = doc.src.get(name.end..span.end)
            && r.starts_with(['(', '（'])
            && let Some(close) = r.find([')', '）'])
        {
            let after = &r[close..];
            let close_len = after.chars().next().map_or(1, char::len_utf8);
            let tail: String = after[close_len..].chars().take_while(|c| !names::is_punct(*c)).take(10).collect();
            if ["分院", "院区"].iter().any(|w| tail.ends_with(w)) {
                name.end += close + close_len + tail.len();
                while found.get(i + 1 + skip).is_some_and(|(n, _)| n.start < name.end) {
                    skip += 1;
                }
            }
        }
        let t = doc.slice(&name);
        // "该院", "本县…": a demonstrative names no institution.
        if t.starts_with(['该', '此', '这']) || !specific(t, kind) {
            continue;
        }
        if let Some(r) = doc.src.get(name.end..span.end)
            && r.starts_with('（')
            && let Some(close) = r.find('）')
            && r[..close].chars().count() <= 20
        {
            name.end += close + '）'.len_utf8();
        }
        out.push(name);
    }
    out
}

/// Classes of institutions a level of the service system is made of: "乡镇卫生院",
/// "街道社区卫生服务中心", "村卫生室" — a kind word with a level word before it, no proper name.
pub fn institution_classes(doc: &Doc, span: &Span) -> Vec<Span> {
    const LEVELS: &[&str] = &["乡镇", "街道", "社区", "村", "镇", "乡", "县级", "区级", "市级", "基层"];
    let mut words: Vec<&str> = HOSPITAL_WORDS.to_vec();
    words.extend(["卫生室", "医疗机构", "医疗卫生机构"]);
    let ac = names::matcher(&words);
    names::find(doc.src, span, &ac, 12)
        .into_iter()
        .filter_map(|(name, k)| {
            // "各乡镇卫生院": the class without the "each".
            let t = doc.slice(&name);
            let own = t.trim_start_matches(['各', '全']);
            let prefix = own.strip_suffix(words.get(k).copied().unwrap_or("")).unwrap_or(own);
            (LEVELS.iter().any(|l| prefix.starts_with(l)) && is_generic(prefix)).then(|| name.start + (t.len() - own.len())..name.end)
        })
        .collect()
}

/// The unit a line is about: "岐山县：…".
fn label_unit(doc: &Doc, para: &Span) -> Option<usize> {
    let hits = doc.matcher.hits(doc.src, &text::head(doc.src, para, 40));
    let h = hits.first().filter(|h| h.span.start == para.start)?;
    let after = doc.src.get(h.span.end..para.end)?.trim_start_matches(text::is_space);
    after.starts_with(['：', ':']).then_some(h.unit)
}

/// The unit a name belongs to: a unit its name starts with, else the line's, else the only
/// unit its sentence names.
fn unit_for(doc: &Doc, name: &Span, sentence: &Span, line_unit: Option<usize>) -> Option<usize> {
    if let Some(h) = doc.matcher.hits(doc.src, name).first().filter(|h| h.span.start == name.start) {
        return Some(h.unit);
    }
    if line_unit.is_some() {
        return line_unit;
    }
    if let Some(h) = unit_named_in(doc, name) {
        return Some(h);
    }
    // The clause around the name, when it names one unit ("…县医院创建三级医院" no; "在陇县建设…" yes).
    let clause = text::clauses(doc.src, sentence.clone()).into_iter().find(|c| c.start <= name.start && name.end <= c.end).unwrap_or_else(|| name.clone());
    let mut units: Vec<usize> = doc.matcher.hits(doc.src, &clause).into_iter().map(|h| h.unit).collect();
    units.dedup();
    match units.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// A unit named inside a name after the region's own name: "宝鸡市陈仓医院" → 陈仓区.
fn unit_named_in(doc: &Doc, name: &Span) -> Option<usize> {
    let t = doc.slice(name);
    let mut rest = t;
    while let Some(n) = doc.region.names.iter().find(|n| !n.is_empty() && rest.starts_with(n.as_str())) {
        rest = &rest[n.len()..];
    }
    let at = name.start + (t.len() - rest.len());
    if at == name.start {
        return None;
    }
    doc.matcher.hits(doc.src, &(at..name.end)).first().filter(|h| h.span.start == at).map(|h| h.unit)
}

fn in_box(doc: &Doc, para: usize) -> bool {
    doc.sk.enclosing(para, Level::Box).is_some()
}

/// What a sentence says about a hospital: the words after it (and after a "等…医院" that
/// closes a list of them) to the end of the sentence.
fn focus_after(doc: &Doc, end: usize, sentence: &Span, ac: &AhoCorasick) -> Option<Span> {
    let mut at = end;
    let rest = doc.src.get(at..sentence.end)?;
    if let Some(r) = rest.strip_prefix('等') {
        at += '等'.len_utf8();
        if let Some(m) = ac.find(r).filter(|m| r[..m.start()].chars().count() <= 8 && !r[..m.start()].contains(['，', '。'])) {
            at += m.end();
        }
    }
    let rest = doc.src.get(at..sentence.end)?;
    if rest.starts_with(['、', '和', '及', '与']) {
        return None;
    }
    let stop = rest.find(['。', '；', ';']).unwrap_or(rest.len());
    let mut span = text::strip_end_punct(doc.src, text::trim(doc.src, at..at + stop));
    let t = doc.slice(&span).trim_start_matches(['，', ',', '：', ':']);
    span.start = span.end - t.len();
    let span = text::trim(doc.src, span);
    (text::chars(doc.slice(&span)) >= 2).then_some(span)
}

pub fn read(doc: &Doc) -> Vec<DFact> {
    let src = doc.src;
    let mut out = Vec::new();
    read_into(doc, &mut out);
    // Projects as plans state them: without a word that points at or ranks them, and not
    // what a sentence says a place becomes or a target class.
    out.retain_mut(|f| {
        if f.kind != FactKind::Project || f.name.spans.len() != 1 {
            return true;
        }
        let Some(span) = f.name.spans.first().cloned() else { return true };
        if projects::not_a_project(doc, &span, &f.sentence) {
            return false;
        }
        let trimmed = projects::trim_name(doc, &span);
        if trimmed != span {
            if text::chars(doc.slice(&trimmed)) < 4 || !projects::ends_with_object_word(doc.slice(&trimmed)) && !PROJECT_WORDS.iter().any(|w| doc.slice(&trimmed).ends_with(w))
            {
                return false;
            }
            f.name = Quote::new(src, trimmed);
        }
        true
    });
    out
}

fn read_into(doc: &Doc, out: &mut Vec<DFact>) {
    let src = doc.src;
    let hac = hospital_matcher();
    let pac = names::matcher(PROJECT_WORDS);
    for (pi, para) in doc.paras.iter().enumerate() {
        // Headings are not sentences about facts, except an item heading that names a project
        // ("（一）人才队伍建设工程", "2. 实施健康乡村工程"); chapters, sections and 专栏 titles
        // name themes and groups of projects.
        if let Some(h) = doc.sk.headings.iter().find(|h| h.para == pi && h.title.end >= para.end) {
            let item = matches!(h.level, Level::Cn2 | Level::Num);
            for name in projects::heading_project(doc, &h.title).into_iter().filter(|_| item) {
                out.push(DFact {
                    kind: FactKind::Project,
                    unit: unit_for(doc, &name, &h.title, None),
                    name: Quote::new(src, name),
                    detail: None,
                    phrase: None,
                    source: doc.path(pi),
                    sentence: h.title.clone(),
                    reviewed: false,
                });
            }
            continue;
        }
        let source = doc.path(pi);
        let line_unit = label_unit(doc, para);
        let body_start = match line_unit {
            Some(_) => src.get(para.clone()).and_then(|p| p.find(['：', ':']).map(|c| para.start + c + p[c..].chars().next().map_or(1, char::len_utf8))).unwrap_or(para.start),
            None => para.start,
        };
        for sentence in text::sentences(src, body_start..para.end) {
            if let Some(u) = line_unit {
                out.push(DFact {
                    kind: FactKind::Speciality,
                    unit: Some(u),
                    name: Quote::new(src, text::strip_end_punct(src, sentence.clone())),
                    detail: None,
                    phrase: None,
                    source: source.clone(),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
            }
            let hospitals = hospital_names_with(doc, &sentence, &hac);
            for (i, name) in hospitals.iter().enumerate() {
                // Names listed together share what follows the list ("A、B等…医院创建三级医院").
                let mut last = i;
                while let Some(next) = hospitals.get(last + 1)
                    && ["、", "和", "及", "与", "以及"].contains(&src.get(hospitals[last].end..next.start).unwrap_or("x"))
                {
                    last += 1;
                }
                let focus = focus_after(doc, hospitals[last].end, &sentence, &hac).map(|s| Quote::new(src, s));
                let unit = unit_for(doc, name, &sentence, line_unit);
                out.push(DFact {
                    kind: FactKind::Hospital,
                    unit,
                    name: Quote::new(src, name.clone()),
                    detail: focus.clone(),
                    phrase: None,
                    source: source.clone(),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
                // "麒麟区、沾益区、马龙区人民医院": the units listed before a name that starts with
                // a unit share its rest.
                let hits = doc.matcher.hits(src, &(sentence.start..name.end));
                let Some(own) = hits.iter().rposition(|h| h.span.start == name.start) else { continue };
                let rest = hits[own].span.end..name.end;
                let mut k = own;
                let mut expanded = Vec::new();
                while k > 0 {
                    let (prev, cur) = (&hits[k - 1], &hits[k]);
                    if !["、", "和", "及", "与"].contains(&src.get(prev.span.end..cur.span.start).unwrap_or("x")) {
                        break;
                    }
                    expanded.push(prev.clone());
                    k -= 1;
                }
                if let Some(first) = expanded.last() {
                    let phrase = Quote::new(src, first.span.start..name.end);
                    for h in expanded.iter().rev() {
                        out.push(DFact {
                            kind: FactKind::Hospital,
                            unit: Some(h.unit),
                            name: Quote::joined(src, &[h.span.clone(), rest.clone()]),
                            detail: focus.clone(),
                            phrase: Some(phrase.clone()),
                            source: source.clone(),
                            sentence: sentence.clone(),
                            reviewed: false,
                        });
                    }
                }
            }
            // Projects: in 专栏 lists every named item; in prose only after a build verb.
            let boxed = in_box(doc, pi);
            let st = doc.slice(&sentence);
            if !boxed && !projects::BUILD_VERBS.iter().chain(&["开发", "谋划", "策划", "开工", "竣工", "完工", "投用", "投入使用", "投入运营"]).any(|v| st.contains(v))
            {
                continue;
            }
            let mut found: Vec<Span> = Vec::new();
            let mut objects: Vec<(Span, Span)> = Vec::new();
            // "建设X平台", "推进X基地创建": the object of a build verb, from the verb on.
            for c in text::clauses(src, sentence.clone()) {
                for o in projects::objects(doc, &c) {
                    // An object that is a hospital's name is read as a hospital; one that
                    // goes on past it ("区疾控中心迁扩建工程") is a project.
                    if !hospitals.iter().any(|h| h.start <= o.start && o.end <= h.end) {
                        objects.push((o, c.clone()));
                    }
                }
            }
            // A 专栏 line that lists items with semicolons ("扩大国家免疫规划；艾滋病防治；…"):
            // each item, after the line's run-in title, is a project.
            let para_text = doc.slice(para);
            let title_end = text::first_sentence(src, para.clone()).filter(|t| doc.slice(t).ends_with('。') && text::chars(doc.slice(t)) <= 24).map(|t| t.end);
            if boxed && para_text.contains(['；', ';']) && title_end.is_none_or(|e| sentence.start >= e) {
                let item = text::strip_end_punct(src, sentence.clone());
                let n = text::chars(doc.slice(&item));
                // "（牵头单位：县卫生健康局；参与单位：…）" says who, not what.
                let it = doc.slice(&item);
                if (3..=40).contains(&n) && !it.contains(['，', ',']) && !it.starts_with(['（', '(']) && !it.contains("单位：") && !it.contains("单位:") {
                    found.push(item);
                }
            }
            // A 专栏 line that only lists names ("A项目、B项目、“C”工程。"): each is a project.
            if boxed {
                for c in text::clauses(src, sentence.clone()) {
                    for o in projects::listed(doc, &c) {
                        if !found.iter().any(|f| f.start < o.end && o.start < f.end) {
                            found.push(o);
                        }
                    }
                }
            }
            // "A、B、C等生态康养目的地项目": every listed item is a project.
            for c in text::clauses(src, sentence.clone()) {
                let t = doc.slice(&c);
                let Some(deng) = t.find('等') else { continue };
                let after: String = t[deng..].chars().take(14).collect();
                if !after.contains("项目") || !t[..deng].contains('、') {
                    continue;
                }
                let list = c.start..c.start + deng;
                let mut at = list.start;
                let pieces: Vec<&str> = t[..deng].split('、').collect();
                for (i, piece) in pieces.iter().enumerate() {
                    let end = at + piece.len();
                    let start = if i == 0 { names::name_start(src, list.start, end, 30) } else { at };
                    let item = text::trim(src, start..end);
                    // A hospital in the list is read as a hospital.
                    let hospital = hospitals.iter().any(|h| h.start < item.end && item.start < h.end);
                    if (3..=30).contains(&text::chars(doc.slice(&item))) && !hospital {
                        found.push(item);
                    }
                    at = end + '、'.len_utf8();
                }
            }
            for item in &found {
                let unit = unit_for(doc, item, &sentence, line_unit);
                out.push(DFact {
                    kind: FactKind::Project,
                    unit,
                    name: Quote::new(src, item.clone()),
                    detail: None,
                    phrase: None,
                    source: source.clone(),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
            }
            for (item, clause) in objects {
                if found.iter().any(|f| f.start < item.end && item.start < f.end) {
                    continue;
                }
                let unit = unit_for(doc, &item, &sentence, line_unit);
                let detail = (clause != item).then(|| Quote::new(src, text::strip_end_punct(src, clause.clone())));
                out.push(DFact {
                    kind: FactKind::Project,
                    unit,
                    name: Quote::new(src, item.clone()),
                    detail,
                    phrase: None,
                    source: source.clone(),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
                found.push(item);
            }
            for (name, k) in names::find(src, &sentence, &pac, 24) {
                if found.iter().any(|f| f.start < name.end && name.start < f.end) {
                    continue;
                }
                let kind = PROJECT_WORDS.get(k).copied().unwrap_or("");
                // "区中医院扩建工程": a building verb before 工程/项目 belongs to the name.
                let mut name = name;
                if text::chars(doc.slice(&name).strip_suffix(kind).unwrap_or("")) < 2
                    && let Some(v) = ["改扩建", "迁扩建", "扩建", "迁建", "改建", "新建", "建设"].iter().find(|v| src[sentence.start..name.start].ends_with(*v))
                {
                    let verb_start = name.start - v.len();
                    let start = names::name_start(src, sentence.start, verb_start, 20);
                    if verb_start - start >= 6 {
                        name.start = start;
                    }
                }
                let t = doc.slice(&name);
                let prefix = t.strip_suffix(kind).unwrap_or(t);
                if text::chars(prefix) < 2 || is_generic(prefix) || projects::kind_only(prefix) || hospitals.iter().any(|h| h.start <= name.start && name.end <= h.end) {
                    continue;
                }
                let clause = text::clauses(src, sentence.clone()).into_iter().find(|c| c.start <= name.start && name.end <= c.end);
                // A project is stated by a verb of building: before it in its sentence
                // ("建设X", "谋划了…，…X") or after it in its clause ("X开工"); a name with
                // neither is a place or a theme the sentence mentions.
                let built = clause.as_ref().is_some_and(|c| {
                    let before = src.get(sentence.start..name.start).unwrap_or("");
                    let after = src.get(name.end..c.end).unwrap_or("");
                    projects::BUILD_VERBS.iter().chain(BUILT_BEFORE).any(|v| before.contains(v)) || BUILT_AFTER.iter().any(|w| after.contains(w))
                });
                if !built {
                    continue;
                }
                let detail = clause.filter(|c| c.clone() != name && text::chars(doc.slice(c)) > text::chars(t) + 2).map(|c| Quote::new(src, c));
                let unit = unit_for(doc, &name, &sentence, line_unit);
                out.push(DFact {
                    kind: FactKind::Project,
                    unit,
                    name: Quote::new(src, name),
                    detail,
                    phrase: None,
                    source: source.clone(),
                    sentence: sentence.clone(),
                    reviewed: false,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FactKind, Region, Unit, draft};

    fn facts(text: &str, kind: FactKind) -> Vec<String> {
        let region = Region { name: "东湖市".into(), names: vec!["东湖市".into(), "东湖".into()], units: vec![Unit::new("100001", "南岭县")], ..Region::default() };
        draft(text, &region).facts.into_iter().filter(|f| f.kind == kind).map(|f| f.name.text).collect()
    }

    #[test]
    fn hospital_names_end_at_counts_years_and_verbs() {
        let got = facts("到2025年实现南岭县中医院达到三级标准。新增 6 所综合医院。4.南岭县人民医院牵头。创建平安医院，区属公立医院全部达标。\n", FactKind::Hospital);
        assert_eq!(got, ["南岭县中医院", "南岭县人民医院"]);
        let got = facts("建设东华大学附属医院南岭医院，除南岭县妇幼保健院外全部达标。\n", FactKind::Hospital);
        assert_eq!(got, ["东华大学附属医院南岭医院", "南岭县妇幼保健院"]);
    }

    #[test]
    fn what_a_place_becomes_is_not_a_project() {
        // A role, rank or target the sentence gives a place.
        assert!(facts("把南岭县打造成为集康复理疗、养生保健于一体的湖山康养旅游目的地。\n", FactKind::Project).is_empty());
        assert!(facts("将南岭县培育成百亿级特色产业园区，打造千亿级康养产业集群。\n", FactKind::Project).is_empty());
        assert!(facts("支持南岭县建成区域康复医疗中心。\n", FactKind::Project).is_empty());
        assert!(facts("做强中药材健康产业链，打造世界康养目的地。\n", FactKind::Project).is_empty());
        // Counter-examples: built in a place, or built as a whole "集…为一体".
        assert_eq!(facts("在南岭县建成湖山康复医疗中心。\n", FactKind::Project), ["湖山康复医疗中心"]);
        assert_eq!(facts("加快建成集仓储、销售为一体的东湖药材物流中心。\n", FactKind::Project), ["东湖药材物流中心"]);
    }

    #[test]
    fn kinds_classes_and_focus_items_are_not_projects() {
        // The kind after a list, a class counted, the items a whole brings together.
        assert!(facts("发展壮大北坡、西湾等医药产业园。\n", FactKind::Project).is_empty());
        assert!(facts("建成15个社区康养服务中心，认定东湖森林康养基地20个、东湖森林体验基地8个。\n", FactKind::Project).is_empty());
        assert!(facts("逐步将其打造为康复示范基地、医学传承基地于一体的产业园区。\n", FactKind::Project).is_empty());
        assert!(facts("争创以东湖医药城、健康服务基地为重点的综合示范区。\n", FactKind::Project).is_empty());
        assert!(facts("从一期工程开工到二期工程投入使用。\n", FactKind::Project).is_empty());
        assert!(facts("北坡山庄开工建设，是集温泉疗养、避暑于一体的养生度假区。\n", FactKind::Project).is_empty());
        // A name with no verb of building: a place the sentence lays out.
        assert!(facts("北区为生态区，布局东湖现代农业产业园，作为落实振兴的主战场。\n", FactKind::Project).is_empty());
        // A document's title; one round of a programme of many.
        assert!(facts("加快编制《东湖康养产业园规划》，推进规划实施。\n", FactKind::Project).is_empty());
        assert!(facts("目前第一批东湖康养小镇建设成果凸显。\n", FactKind::Project).is_empty());
        // Counter-examples: the plan's own batch, its own count, a base it builds on.
        assert_eq!(facts("建设一批社区康养服务中心。\n", FactKind::Project), ["社区康养服务中心"]);
        assert_eq!(facts("新建东湖特色卫生室30个。\n", FactKind::Project), ["东湖特色卫生室"]);
        assert_eq!(facts("依托西湾和北坡康养产业园两大核心区，推进康养旅游发展。\n", FactKind::Project), ["北坡康养产业园"]);
        assert_eq!(facts("重点建设北坡医药产业园。\n", FactKind::Project), ["北坡医药产业园"]);
        assert_eq!(facts("打造北坡康养产业园、西湾康养产业园两大园区。\n", FactKind::Project), ["北坡康养产业园", "西湾康养产业园"]);
        assert_eq!(facts("谋划了总投资5亿元，占地10公顷的中国·东湖康养产业园项目。\n", FactKind::Project), ["中国·东湖康养产业园"]);
    }

    #[test]
    fn pointing_and_ranking_words_are_not_part_of_a_name() {
        assert_eq!(facts("全省首个千亩药材种植基地已在南岭县开工。\n", FactKind::Project), ["千亩药材种植基地"]);
        assert!(facts("该项目开工建设。\n", FactKind::Project).is_empty());
        // "省域" is one generic word: no institution is named.
        assert!(facts("支持东湖市建成省域医学中心。\n", FactKind::Hospital).is_empty());
        // Generic phrases name no hospital; a proper name still does.
        assert!(facts("引进国内外知名医院，建设特色医院，支持该院发展。\n", FactKind::Hospital).is_empty());
        assert_eq!(facts("支持南岭县中医院建设。\n", FactKind::Hospital), ["南岭县中医院"]);
    }

    #[test]
    fn projects_in_prose_are_objects_of_build_verbs() {
        let got = facts("建设东湖市健康大数据平台，推进南岭县康养旅游示范基地创建。加强人才和学科建设。\n", FactKind::Project);
        assert_eq!(got, ["东湖市健康大数据平台", "南岭县康养旅游示范基地"]);
    }
}
