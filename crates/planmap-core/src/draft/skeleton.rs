//! The plan's skeleton: headings at every level plans use (第X章, 第X节, 一、, （一）, 1.,
//! 专栏N, 表N) and, for every paragraph, the section path it stands in ("第三章 第二节",
//! "第四章 第二节 专栏3", "第四章 一（三）", "三、空间布局（二）").

use super::text::{Span, is_space, trim};

/// Heading levels, outermost first. A box (专栏, 表) sits below the numbered headings of prose
/// and above the numbered items it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Chapter,
    Section,
    Cn1,
    Cn2,
    Box,
    Num,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: Level,
    /// The number as the plan writes it, normalised: "第三章", "二", "（一）", "专栏3", "2.".
    pub label: String,
    /// The heading's words after the number (a run-in heading: up to its first full stop).
    pub title: Span,
    /// The paragraph the heading opens.
    pub para: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Skeleton {
    pub headings: Vec<Heading>,
    /// For every paragraph, the headings in effect (indices into `headings`, outermost first).
    pub stacks: Vec<Vec<usize>>,
}

const CN_DIGITS: &str = "零〇一二三四五六七八九十百两";

fn take_while(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|&(_, c)| !f(c)).map_or(s.len(), |(i, _)| i)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The heading a paragraph opens, if any: (level, label, byte offset where the title starts).
pub fn classify(p: &str) -> Option<(Level, String, usize)> {
    if let Some(rest) = p.strip_prefix('第') {
        let n = take_while(rest, |c| CN_DIGITS.contains(c) || is_digit(c));
        let after = &rest[n..];
        if n > 0 && p.chars().nth(60).is_none() {
            for (unit, level) in [('章', Level::Chapter), ('节', Level::Section)] {
                if after.starts_with(unit) {
                    let end = '第'.len_utf8() + n + unit.len_utf8();
                    return Some((level, p[..end].to_string(), end));
                }
            }
        }
    }
    let n = take_while(p, |c| CN_DIGITS.contains(c));
    if (1..=9).contains(&n) && p[n..].starts_with('、') {
        return Some((Level::Cn1, p[..n].to_string(), n + '、'.len_utf8()));
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = p.strip_prefix(open) {
            let n = take_while(rest, |c| CN_DIGITS.contains(c));
            if (1..=9).contains(&n) && rest[n..].starts_with(close) {
                let end = open.len_utf8() + n + close.len_utf8();
                return Some((Level::Cn2, format!("（{}）", &rest[..n]), end));
            }
        }
    }
    for word in ["专栏", "表"] {
        if let Some(rest) = p.strip_prefix(word) {
            let sp = take_while(rest, is_space);
            let n = take_while(&rest[sp..], is_digit);
            let after = &rest[sp + n..];
            // "表1 …" is a table caption; "表示…" is a verb.
            let caption = word == "专栏" || after.is_empty() || after.starts_with(is_space);
            if n > 0 && n <= 6 && caption && p.chars().nth(80).is_none() {
                let end = word.len() + sp + n;
                return Some((Level::Box, format!("{word}{}", &rest[sp..sp + n]), end));
            }
        }
    }
    let n = take_while(p, is_digit);
    if (1..=6).contains(&n) {
        let after = &p[n..];
        if let Some(c) = after.chars().next()
            && ['.', '．', '、'].contains(&c)
            && !after[c.len_utf8()..].starts_with(is_digit)
        {
            return Some((Level::Num, format!("{}.", &p[..n]), n + c.len_utf8()));
        }
    }
    None
}

/// Read the headings of `paras` (spans into `text`).
pub fn read(text: &str, paras: &[Span]) -> Skeleton {
    let mut sk = Skeleton::default();
    let mut stack: Vec<usize> = Vec::new();
    for (i, para) in paras.iter().enumerate() {
        let p = &text[para.clone()];
        if let Some((level, label, title_at)) = classify(p) {
            let rest = &p[title_at..];
            // A run-in heading ("1. 医疗服务体系完善。全县拥有…"): the title ends at the first stop.
            let cut = rest.find(['。', '：', ':', '；']).unwrap_or(rest.len());
            let title = trim(text, para.start + title_at..para.start + title_at + cut);
            // Pop what this heading closes. Numbered items inside a box stay inside it.
            while let Some(&top) = stack.last() {
                let top_level = sk.headings[top].level;
                if top_level >= level {
                    stack.pop();
                } else {
                    break;
                }
            }
            sk.headings.push(Heading { level, label, title, para: i });
            stack.push(sk.headings.len() - 1);
        }
        sk.stacks.push(stack.clone());
    }
    sk
}

impl Skeleton {
    /// The section path of paragraph `para`, in the form the layouts use.
    pub fn path(&self, text: &str, para: usize) -> String {
        let Some(stack) = self.stacks.get(para) else { return String::new() };
        let mut out = String::new();
        let mut prev: Option<Level> = None;
        for &h in stack {
            let Some(h) = self.headings.get(h) else { continue };
            let title = text.get(h.title.clone()).unwrap_or("").trim();
            match h.level {
                Level::Chapter | Level::Section | Level::Box => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&h.label);
                }
                Level::Cn1 if out.is_empty() => {
                    out.push_str(&h.label);
                    out.push('、');
                    out.push_str(title);
                }
                Level::Cn1 => {
                    out.push(' ');
                    out.push_str(&h.label);
                }
                Level::Cn2 | Level::Num => {
                    if prev == Some(Level::Box) {
                        out.push(' ');
                    }
                    out.push_str(&h.label);
                }
            }
            prev = Some(h.level);
        }
        out
    }

    /// The heading whose block holds paragraph `para` at exactly `level`, if any.
    pub fn enclosing(&self, para: usize, level: Level) -> Option<usize> {
        self.stacks.get(para)?.iter().copied().find(|&h| self.headings.get(h).is_some_and(|x| x.level == level))
    }

    /// Paragraph range of heading `h`'s block: from its paragraph to the next heading of the
    /// same or an outer level.
    pub fn block(&self, h: usize, n_paras: usize) -> std::ops::Range<usize> {
        let Some(head) = self.headings.get(h) else { return 0..0 };
        let end = self.headings[h + 1..].iter().find(|x| x.level <= head.level).map_or(n_paras, |x| x.para);
        head.para..end
    }

    /// "第三章 功能布局": the outermost heading of a paragraph, with its title.
    pub fn top_with_title(&self, text: &str, para: usize) -> Option<String> {
        let h = self.headings.get(*self.stacks.get(para)?.first()?)?;
        let title = text.get(h.title.clone()).unwrap_or("").trim();
        Some(match h.level {
            Level::Cn1 => format!("{}、{title}", h.label),
            _ => format!("{} {title}", h.label).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::paragraphs;
    use super::*;

    fn paths(t: &str) -> Vec<String> {
        let paras = paragraphs(t);
        let sk = read(t, &paras);
        (0..paras.len()).map(|i| sk.path(t, i)).collect()
    }

    #[test]
    fn chapters_sections_and_boxes() {
        let t = "第三章 功能布局\n正文。\n第二节 “三片区”\n甲。\n专栏 3 重点任务\n乙。\n第三节 其他\n丙。";
        let p = paths(t);
        assert_eq!(p[1], "第三章");
        assert_eq!(p[3], "第三章 第二节");
        assert_eq!(p[5], "第三章 第二节 专栏3");
        assert_eq!(p[7], "第三章 第三节");
    }

    #[test]
    fn chinese_numbered_levels_under_a_chapter() {
        let t = "第四章  主要任务\n一、建设区域医疗中心\n（三）医疗资源\n正文。\n二、其他\n乙。";
        let p = paths(t);
        assert_eq!(p[3], "第四章 一（三）");
        assert_eq!(p[5], "第四章 二");
    }

    #[test]
    fn plans_without_chapters_name_the_top_level() {
        let t = "三、空间布局\n（二）两点突破\n依托医院。\n1. 医疗服务体系完善。全县拥有。\n";
        let p = paths(t);
        assert_eq!(p[2], "三、空间布局（二）");
        assert_eq!(p[3], "三、空间布局（二）1.");
    }

    #[test]
    fn numbered_items_stay_inside_their_box() {
        let t = "第三章 布局\n专栏1：示范区建设工程\n1.完善顶层设计。\n2.形成经验。\n第四章 任务\n";
        let p = paths(t);
        assert_eq!(p[2], "第三章 专栏1 1.");
        assert_eq!(p[3], "第三章 专栏1 2.");
        assert_eq!(p[4], "第四章");
    }

    #[test]
    fn not_headings() {
        assert!(classify("表示同意。").is_none());
        assert!(classify("2.5亿元投入").is_none());
        assert!(classify("第一人民医院重点发展").is_none());
        assert_eq!(classify("一、发展基础").map(|h| h.0), Some(Level::Cn1));
    }
}
