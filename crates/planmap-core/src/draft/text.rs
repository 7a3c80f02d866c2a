//! Plan text as paragraphs, sentences and clauses, every piece a byte range into the original
//! text, so a drafted entry can point at (and a reviewer can see) the words it came from.

use std::ops::Range;

pub type Span = Range<usize>;

/// Whitespace as plans converted from Word use it: ASCII, the ideographic space, NBSP.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// The text with every whitespace character removed: Chinese needs none between words, and
/// converted documents pad names ("眉  县") and break lines anywhere.
pub fn normalise(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

/// Trim whitespace and Markdown emphasis (`**`) from both ends of a span.
pub fn trim(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.clone()) else { return span.start..span.start };
    let lead = s.len() - s.trim_start_matches(|c: char| is_space(c) || c == '*').len();
    let rest = &s[lead..];
    let body = rest.trim_end_matches(|c: char| is_space(c) || c == '*');
    span.start + lead..span.start + lead + body.len()
}

/// Word exports prefix headings with `[bookmark: _Toc123]` markers; they are not plan text.
fn skip_bookmarks(line: &str) -> usize {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        let trimmed = rest.trim_start_matches(is_space);
        let skipped = rest.len() - trimmed.len();
        if trimmed.starts_with("[bookmark:") {
            match trimmed.find(']') {
                Some(end) => at += skipped + end + 1,
                None => return at + skipped,
            }
        } else {
            return at + skipped;
        }
    }
}

/// Non-empty lines, each trimmed and without bookmark markers. A long line that stops
/// mid-sentence continues on the next one (documents converted page by page break there:
/// "创建中医药康养品\n\n牌，打造…"), unless either is a heading or a table row.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut start = 0;
    // Whether the last paragraph holds a tab, kept as lines join it: a paragraph of many joined
    // lines is not searched again for each line (that was quadratic).
    let mut last_has_tab = false;
    for line in text.split_inclusive('\n') {
        let skip = skip_bookmarks(line);
        let span = trim(text, start + skip..start + line.len());
        start += line.len();
        if span.is_empty() {
            continue;
        }
        let cur = &text[span.clone()];
        let cur_has_tab = text.get(out.last().map_or(span.start, |p| p.end)..span.end).is_some_and(|s| s.contains('\t'));
        if let Some(prev) = out.last_mut() {
            let p = &text[prev.clone()];
            let open_end = !p.ends_with(['。', '！', '？', '；', '：', '”', '）', ')', '…', '.', ':', ';', '!', '?']);
            let plain = |s: &str, tab: bool| !tab && super::skeleton::classify(s).is_none() && !s.starts_with("——");
            if open_end && p.chars().nth(29).is_some() && plain(p, last_has_tab) && plain(cur, cur.contains('\t')) {
                prev.end = span.end;
                last_has_tab |= cur_has_tab;
                continue;
            }
        }
        out.push(span);
        last_has_tab = cur.contains('\t');
    }
    out
}

fn split_after(text: &str, span: Span, ends: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(s) = text.get(span.clone()) else { return out };
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if ends.contains(&c) {
            let end = i + c.len_utf8();
            let piece = trim(text, span.start + from..span.start + end);
            if !piece.is_empty() {
                out.push(piece);
            }
            from = end;
        }
    }
    let piece = trim(text, span.start + from..span.end);
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Sentences of a paragraph, each with its closing punctuation.
pub fn sentences(text: &str, para: Span) -> Vec<Span> {
    split_after(text, para, &['。', '！', '？', '；', ';', '!', '?'])
}

/// The first sentence of a paragraph (`sentences(…).first()` without splitting the rest: a
/// 10 MB paragraph has a million sentences, and asking for the first one per sentence was
/// quadratic).
pub fn first_sentence(text: &str, para: Span) -> Option<Span> {
    let s = text.get(para.clone())?;
    let ends = ['。', '！', '？', '；', ';', '!', '?'];
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if ends.contains(&c) {
            let end = i + c.len_utf8();
            let piece = trim(text, para.start + from..para.start + end);
            if !piece.is_empty() {
                return Some(piece);
            }
            from = end;
        }
    }
    Some(trim(text, para.start + from..para.end)).filter(|p| !p.is_empty())
}

/// Clauses of a sentence, split at commas and colons (the punctuation is left out).
pub fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    split_after(text, sentence, &['，', ',', '：', ':', '。', '；', ';', '！', '？']).into_iter().map(|s| strip_end_punct(text, s)).filter(|s| !s.is_empty()).collect()
}

/// The span without trailing sentence or clause punctuation.
pub fn strip_end_punct(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.clone()) else { return span };
    let body = s.trim_end_matches(|c: char| "，,：:。；;！？!?、".contains(c) || is_space(c));
    trim(text, span.start..span.start + body.len())
}

/// `start..end` cut to at most `max` bytes, ending on a character boundary.
pub fn head(src: &str, span: &Span, max: usize) -> Span {
    let mut end = span.end.min(span.start + max);
    while end > span.start && !src.is_char_boundary(end) {
        end -= 1;
    }
    span.start..end
}

/// The first of `marks` in `s` within its first `max_bytes` bytes: for a mark that closes
/// something short (a quoted word), so an unclosed one costs `max_bytes` and not the rest of
/// the text (a megabyte of unbalanced “ was quadratic: 29 s).
pub fn find_near(s: &str, marks: &[char], max_bytes: usize) -> Option<usize> {
    let mut end = s.len().min(max_bytes);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end)?.find(marks)
}

/// Count characters (not bytes).
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_bookmarks_and_blank_lines() {
        let t = "\n[bookmark: _Toc1][bookmark: x]三、目标\n\n  正文。\n";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|s| &t[s]).collect();
        assert_eq!(p, ["三、目标", "正文。"]);
    }

    #[test]
    fn a_sentence_broken_across_lines_is_one_paragraph() {
        let t = "平原县：依托本县山地与温泉资源，发展森林康养和温泉疗养服务，建设区域康养示范品\n\n牌，打造省级森林康养基地。\n第四节 重点领域\n";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|s| &t[s]).collect();
        assert_eq!(p.len(), 2);
        assert!(p[0].ends_with("森林康养基地。"));
    }

    #[test]
    fn sentences_and_clauses() {
        let t = "甲，乙。丙；丁";
        let s: Vec<&str> = sentences(t, 0..t.len()).into_iter().map(|s| &t[s]).collect();
        assert_eq!(s, ["甲，乙。", "丙；", "丁"]);
        let c: Vec<&str> = clauses(t, 0..t.len()).into_iter().map(|s| &t[s]).collect();
        assert_eq!(c, ["甲", "乙", "丙", "丁"]);
    }

    #[test]
    fn the_first_sentence_is_the_first_of_sentences() {
        for t in ["甲，乙。丙；丁", "。。甲", "", "无句号", " 。 "] {
            assert_eq!(first_sentence(t, 0..t.len()), sentences(t, 0..t.len()).first().cloned(), "{t:?}");
        }
    }

    #[test]
    fn find_near_looks_only_so_far() {
        assert_eq!(find_near("内圈”协同", &['”'], 64), Some(6));
        assert_eq!(find_near("内圈协同”", &['”'], 8), None);
        assert_eq!(find_near("内圈协同”", &['”'], 15), Some(12));
    }

    #[test]
    fn normalise_drops_all_whitespace() {
        assert_eq!(normalise("眉 \u{3000}县\n"), "眉县");
    }
}
