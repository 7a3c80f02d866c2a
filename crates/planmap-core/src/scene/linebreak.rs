//! Line breaking for the exports' text, after the rules of Chinese typesetting (W3C
//! "Requirements for Chinese Text Layout" §3.1.7, line-start and line-end prohibition): a
//! line never starts with closing punctuation (、，。；：！？）》」” …) nor ends with opening
//! punctuation (（《「“ …), a dash or an ellipsis is never split, a Latin word or a number
//! stays whole, and the last line never holds one character alone (one more is pulled down
//! from the line before). Widths are the shaped ones (`font::shape`): a line measured here is
//! as wide when drawn.

use super::font;

/// Closing punctuation and the like: never at a line's start.
const NO_START: &str = "、，。；：！？）》」』”’〉】〕〗｝］…‰％%℃·・,.;:!?)]}/";
/// Opening punctuation: never at a line's end.
const NO_END: &str = "（《「『“‘〈【〔〖｛［([{";

/// Whether `c` is set as a wide (CJK) character: a line may break on either side of it.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3200..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    if b.is_whitespace() {
        // A space stays at the end of the line it ends.
        return false;
    }
    if NO_START.contains(b) || NO_END.contains(a) {
        return false;
    }
    if a.is_whitespace() {
        return true;
    }
    // ——, ……: one mark, never split.
    if a == b && matches!(a, '—' | '…' | '─') {
        return false;
    }
    // Between two narrow characters: inside a word or a number.
    is_wide(a) || is_wide(b) || a == '—' || b == '—'
}

/// Characters that count as the line's content: not spaces, not punctuation that hangs on
/// its neighbour.
fn content(chars: &[char]) -> usize {
    chars.iter().filter(|c| !c.is_whitespace() && !NO_START.contains(**c) && !NO_END.contains(**c)).count()
}

/// Break `text` into lines no wider than `width` at `size` (a word wider than the line is cut
/// between characters); a newline in the text starts a new line. Empty text has no lines.
pub fn lines(text: &str, size: f32, width: f32) -> Vec<String> {
    text.split('\n').flat_map(|p| paragraph(p, size, width)).collect()
}

fn paragraph(text: &str, size: f32, width: f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let shaped = font::shape(text, size);
    let mut prefix = Vec::with_capacity(chars.len() + 1);
    prefix.push(0.0f32);
    for i in 0..chars.len() {
        let a = shaped.advances.get(i).copied().unwrap_or(0.0);
        prefix.push(prefix.last().copied().unwrap_or(0.0) + a);
    }
    // The width of characters s..e as one line (a trailing space takes no room).
    let measured = |s: usize, mut e: usize| {
        while e > s && chars.get(e - 1).is_some_and(|c| c.is_whitespace()) {
            e -= 1;
        }
        prefix.get(e).copied().unwrap_or(0.0) - prefix.get(s).copied().unwrap_or(0.0)
    };
    let opportunity =
        |i: usize| shaped.cluster_start.get(i).copied().unwrap_or(true) && matches!((chars.get(i.wrapping_sub(1)), chars.get(i)), (Some(&a), Some(&b)) if may_break(a, b));
    let mut bounds = vec![0];
    bounds.extend((1..chars.len()).filter(|&i| opportunity(i)));
    bounds.push(chars.len());

    // Greedy: as many units (text between two opportunities) as fit on each line.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut end) = (0, 0);
    for unit in bounds.windows(2) {
        let [u0, u1] = [unit[0], unit[1]];
        if end > start && measured(start, u1) > width {
            lines.push((start, end));
            start = u0;
        }
        if measured(start, u1) > width {
            // A unit wider than the line alone: cut between clusters, closing marks kept with
            // the character before them (hanging past the width when nothing else can move).
            let no_start = |i: usize| chars.get(i).is_some_and(|c| NO_START.contains(*c));
            let mut s = start;
            for k in s + 1..u1 {
                if measured(s, k + 1) > width && shaped.cluster_start.get(k).copied().unwrap_or(true) {
                    let mut cut = k;
                    while cut > s + 1 && no_start(cut) {
                        cut -= 1;
                    }
                    if !no_start(cut) && cut > s {
                        lines.push((s, cut));
                        s = cut;
                    }
                }
            }
            start = s;
        }
        end = u1;
    }
    lines.push((start, end));

    // No lone character on the last line: pull the last unit of the line before down (while
    // it fits), and if that line is left with one character, do the same for it.
    let count = |s: usize, e: usize| content(chars.get(s..e).unwrap_or_default());
    let mut i = lines.len() - 1;
    while i > 0 {
        let (Some(&(ps, pe)), Some(&(ls, le))) = (lines.get(i - 1), lines.get(i)) else { break };
        if count(ls, le) >= 2 || pe != ls {
            break;
        }
        let Some(&b) = bounds.iter().rev().find(|&&b| b > ps && b < pe) else { break };
        if count(ps, b) < 1 || measured(b, le) > width {
            break;
        }
        if let Some(prev) = lines.get_mut(i - 1) {
            prev.1 = b;
        }
        if let Some(line) = lines.get_mut(i) {
            line.0 = b;
        }
        i -= 1;
    }
    lines.iter().map(|&(s, e)| chars.get(s..e).unwrap_or_default().iter().collect::<String>().trim_end().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::font::text_width;

    const SIZE: f32 = 12.0;

    /// Every width from a few characters to the whole text.
    fn widths(text: &str) -> impl Iterator<Item = f32> {
        let full = text_width(text, SIZE);
        (4..=40).map(move |n| n as f32 * SIZE * 0.9).take_while(move |&w| w < full + SIZE)
    }

    fn check(text: &str, width: f32) -> Vec<String> {
        let lines = lines(text, SIZE, width);
        for l in &lines {
            assert!(text_width(l, SIZE) <= width + 0.01, "{l:?} is {} wide, more than {width}: {lines:?}", text_width(l, SIZE));
            let first = l.chars().next().unwrap_or(' ');
            assert!(!NO_START.contains(first), "{l:?} starts with {first:?}: {lines:?}");
            let last = l.chars().last().unwrap_or(' ');
            assert!(!NO_END.contains(last), "{l:?} ends with {last:?}: {lines:?}");
        }
        if let [.., last] = &lines[..]
            && lines.len() > 1
        {
            assert!(content(&last.chars().collect::<Vec<_>>()) >= 2, "a lone character on the last line: {lines:?}");
        }
        lines
    }

    #[test]
    fn chinese_lines_never_start_with_closing_punctuation_nor_end_with_opening() {
        let text = "加快建设区域医疗中心，完善基层服务体系；推进医养结合、中西医并重：打造“一县一品”的康养模式（试点先行），形成《规划》所述格局。";
        for w in widths(text) {
            let lines = check(text, w);
            assert_eq!(lines.concat(), text, "nothing lost or added at {w}");
        }
    }

    #[test]
    fn a_lone_last_character_takes_one_from_the_line_before() {
        let text = "发展康养产业集群";
        // Room for seven characters: greedy filling would leave 群 alone.
        let w = text_width("发展康养产业集", SIZE) + 0.5;
        let lines = check(text, w);
        assert_eq!(lines, ["发展康养产业", "集群"]);
        // With its full stop it is still one character alone.
        let lines = check("发展康养产业集群。", w);
        assert_eq!(lines, ["发展康养产业", "集群。"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        let text = "Structure diagram of the county health plan, 2021-2025 edition";
        let words: Vec<&str> = text.split(' ').collect();
        let widest = words.iter().map(|w| text_width(w, SIZE)).fold(0.0, f32::max);
        for w in widths(text).filter(|&w| w >= widest) {
            let lines = check(text, w);
            for l in &lines {
                assert!(l.split(' ').all(|word| words.contains(&word)), "a word was split in {l:?} at {w}: {lines:?}");
            }
            assert_eq!(lines.join(" "), text);
        }
    }

    #[test]
    fn mixed_text_keeps_numbers_and_words_and_breaks_between_scripts() {
        let text = "到2025年底建成3家三级医院，床位数达到6.5张/千人，并接入HIS系统";
        for w in widths(text) {
            let lines = check(text, w);
            assert_eq!(lines.concat(), text);
            for token in ["2025", "6.5", "HIS"] {
                assert!(lines.iter().any(|l| l.contains(token)) || w < text_width(token, SIZE), "{token} split at {w}: {lines:?}");
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_and_nothing_is_lost() {
        let lines = lines("Internationalisation", SIZE, SIZE * 3.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), "Internationalisation");
        assert!(lines.iter().all(|l| text_width(l, SIZE) <= SIZE * 3.0 + 0.01), "{lines:?}");
    }

    #[test]
    fn empty_text_has_no_lines_and_a_newline_breaks() {
        assert!(lines("", SIZE, 100.0).is_empty());
        assert_eq!(lines("第一行\n第二行", SIZE, 500.0), ["第一行", "第二行"]);
    }
}
