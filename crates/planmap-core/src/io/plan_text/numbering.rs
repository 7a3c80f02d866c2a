//! Word's automatic numbering, rebuilt as text: a heading typed as "功能布局" whose "第三章" comes
//! from a numbered list (`w:numPr` on the paragraph or its style) shows as "第三章 功能布局"
//! in Word but has no such characters in document.xml. The plan's skeleton needs them, so the
//! numbers are counted as Word counts them: `numbering.xml` gives, per abstract list and level,
//! the start, the format (decimal, chineseCounting, ideographTraditional …) and the text
//! ("第%1章", "（%1）", "%1.%2"); `styles.xml` attaches lists to heading styles. A part that
//! is missing or broken gives no numbers, never an error: the text is still read.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

/// One level of an abstract list.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:suff`: what follows the number (tab, space, nothing).
    suffix: String,
    /// `w:lvlRestart`: restart after a level up to this one (1-based; 0: never restart).
    restart: Option<u32>,
    /// `w:isLgl`: every level shown in decimal.
    legal: bool,
}

/// A list instance: its abstract list and the levels whose start it overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
}

/// A paragraph style's list and base style.
#[derive(Debug, Clone, Default)]
struct Style {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

const LEVELS: usize = 9;

/// The longest number text written (`w:lvlText` is free text in the file): real ones are
/// "第%1章", "%1.%2.%3" — a few characters.
const MAX_NUMBER_CHARS: usize = 64;

/// Letters repeat once per 26 (a … z, aa … zz): past this many repeats the number is written in
/// decimal, so a start of 4294967295 is ten digits and not 165 million letters.
const MAX_LETTER_REPEATS: u32 = 8;

/// The lists of a document and the counters while its paragraphs are read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    /// Per abstract list: the last number of each level (None: not used since its restart).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// List instances whose start overrides have been applied (once, at their first use).
    started: HashSet<String>,
}

/// The `w:val` attribute.
pub(super) fn val(e: &BytesStart) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == b"val").and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn id_attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

impl Numbering {
    /// Read numbering.xml and styles.xml (either may be None). A part that is not well-formed
    /// is dropped whole: no numbers rather than wrong ones.
    pub fn new(numbering_xml: Option<&[u8]>, styles_xml: Option<&[u8]>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(xml) = numbering_xml
            && let Ok((abstracts, nums)) = parse_numbering(xml)
        {
            n.abstracts = abstracts;
            n.nums = nums;
        }
        if let Some(xml) = styles_xml
            && let Ok(styles) = parse_styles(xml)
        {
            n.styles = styles;
        }
        n
    }

    /// The list of a style, following `basedOn` (a few steps: styles may loop).
    fn style_list(&self, style: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut at = Some(style.to_string());
        for _ in 0..10 {
            let Some(s) = at.as_ref().and_then(|id| self.styles.get(id)) else { break };
            num = num.or_else(|| s.num_id.clone());
            lvl = lvl.or(s.ilvl);
            if num.is_some() && lvl.is_some() {
                break;
            }
            at = s.based_on.clone();
        }
        (num, lvl)
    }

    /// The number text of the next paragraph with these properties ("第三章 ", "（二）", "1.2 "),
    /// counting it; empty when the paragraph is not numbered or its list is unknown.
    pub fn next(&mut self, num_id: Option<&str>, ilvl: Option<usize>, style: Option<&str>) -> String {
        let (style_num, style_lvl) = style.map_or((None, None), |s| self.style_list(s));
        let Some(num_id) = num_id.map(str::to_string).or(style_num) else { return String::new() };
        // numId 0 switches numbering off (also a style's).
        if num_id == "0" {
            return String::new();
        }
        let ilvl = ilvl.or(style_lvl).unwrap_or(0).min(LEVELS - 1);
        let Some(num) = self.nums.get(&num_id) else { return String::new() };
        let Some(levels) = self.abstracts.get(&num.abstract_id) else { return String::new() };
        let Some(level) = levels.get(ilvl) else { return String::new() };
        if level.format == "bullet" {
            return String::new();
        }
        let counters = self.counters.entry(num.abstract_id.clone()).or_insert([None; LEVELS]);
        // A list instance with a start override begins again at its first paragraph.
        if !num.start_overrides.is_empty() && !self.started.contains(&num_id) {
            self.started.insert(num_id.clone());
            for (&l, &start) in &num.start_overrides {
                if let Some(c) = counters.get_mut(l) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let Some(slot) = counters.get_mut(ilvl) else { return String::new() };
        let value = slot.map_or(level.start, |c| c.saturating_add(1));
        *slot = Some(value);
        // Deeper levels restart (unless a level says it restarts only after a higher one).
        for (deeper, c) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = levels.get(deeper).and_then(|l| l.restart);
            if restart.is_none_or(|r| r != 0 && ilvl < r as usize) {
                *c = None;
            }
        }
        let mut text = String::new();
        let mut chars = level.text.chars().take(MAX_NUMBER_CHARS).peekable();
        while let Some(c) = chars.next() {
            if text.len() > 4 * MAX_NUMBER_CHARS {
                break;
            }
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let l = (d as usize).saturating_sub(1);
                let n = counters.get(l).copied().flatten().or_else(|| levels.get(l).map(|x| x.start)).unwrap_or(1);
                let format = if level.legal && l != ilvl { "decimal" } else { levels.get(l).map_or("decimal", |x| x.format.as_str()) };
                text.push_str(&format_number(n, format));
            } else {
                text.push(c);
            }
        }
        if text.is_empty() {
            return text;
        }
        if let Some((cut, _)) = text.char_indices().nth(MAX_NUMBER_CHARS) {
            text.truncate(cut);
        }
        // A tab or space after the number (Word's default is a tab): one space, unless the
        // number ends in punctuation that separates by itself ("一、", "（一）").
        let separated = text.ends_with(['、', '）', ')', '．', '】', '〕', '：', ':']);
        if level.suffix != "nothing" && !separated {
            text.push(' ');
        }
        text
    }
}

type Parsed = (HashMap<String, Vec<Level>>, HashMap<String, Num>);

fn parse_numbering(xml: &[u8]) -> Result<Parsed, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: HashMap<String, Num> = HashMap::new();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(usize, Level)> = None;
    let mut num: Option<(String, Num)> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(end) => {
                match end.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((i, l))) = (&abstract_id, level.take()) {
                            let levels = abstracts.entry(id.clone()).or_default();
                            if levels.len() <= i {
                                levels.resize(i + 1, Level { start: 1, format: "decimal".into(), ..Level::default() });
                            }
                            if let Some(slot) = levels.get_mut(i) {
                                *slot = l;
                            }
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => {
                        if let Some((id, n)) = num.take() {
                            nums.insert(id, n);
                        }
                    }
                    b"lvlOverride" => override_lvl = None,
                    _ => {}
                }
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        if let Some(e) = e {
            match e.local_name().as_ref() {
                b"abstractNum" => abstract_id = id_attr(&e, b"abstractNumId"),
                b"lvl" if abstract_id.is_some() => {
                    let i = id_attr(&e, b"ilvl").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(LEVELS - 1);
                    let l = Level { start: 1, format: "decimal".into(), ..Level::default() };
                    if empty {
                        // <w:lvl/> with nothing inside: a default level.
                        if let Some(id) = &abstract_id {
                            let levels = abstracts.entry(id.clone()).or_default();
                            if levels.len() <= i {
                                levels.resize(i + 1, l);
                            }
                        }
                    } else {
                        level = Some((i, l));
                    }
                }
                b"start" if level.is_some() => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val(&e).and_then(|v| v.parse().ok())) {
                        l.start = v;
                    }
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                        l.format = v;
                    }
                }
                b"lvlText" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                        l.text = v;
                    }
                }
                b"suff" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val(&e)) {
                        l.suffix = v;
                    }
                }
                b"lvlRestart" => {
                    if let (Some((_, l)), Some(v)) = (&mut level, val(&e).and_then(|v| v.parse().ok())) {
                        l.restart = Some(v);
                    }
                }
                b"isLgl" => {
                    if let Some((_, l)) = &mut level {
                        l.legal = val(&e).is_none_or(|v| v != "0" && v != "false");
                    }
                }
                b"num" if abstract_id.is_none() => {
                    if let Some(id) = id_attr(&e, b"numId") {
                        num = Some((id, Num::default()));
                    }
                }
                b"abstractNumId" => {
                    if let (Some((_, n)), Some(v)) = (&mut num, val(&e)) {
                        n.abstract_id = v;
                    }
                }
                b"lvlOverride" => override_lvl = id_attr(&e, b"ilvl").and_then(|v| v.parse().ok()),
                b"startOverride" => {
                    if let (Some((_, n)), Some(l), Some(v)) = (&mut num, override_lvl, val(&e).and_then(|v| v.parse().ok())) {
                        n.start_overrides.insert(l, v);
                    }
                }
                _ => {}
            }
        }
        buf.clear();
    }
    Ok((abstracts, nums))
}

fn parse_styles(xml: &[u8]) -> Result<HashMap<String, Style>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    // Inside the style's run properties or a tracked change: not the style's own list.
    let mut skip = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let start = matches!(event, Event::Start(_));
                match e.local_name().as_ref() {
                    b"style" if start => current = id_attr(e, b"styleId").map(|id| (id, Style::default())),
                    b"pPrChange" | b"rPr" if start => skip += 1,
                    b"basedOn" if skip == 0 => {
                        if let Some((_, s)) = &mut current {
                            s.based_on = val(e);
                        }
                    }
                    b"numId" if skip == 0 => {
                        if let Some((_, s)) = &mut current {
                            s.num_id = val(e);
                        }
                    }
                    b"ilvl" if skip == 0 => {
                        if let Some((_, s)) = &mut current {
                            s.ilvl = val(e).and_then(|v| v.parse().ok());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, s)) = current.take() {
                        styles.insert(id, s);
                    }
                }
                b"pPrChange" | b"rPr" => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(styles)
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// A number in a Word list format. Formats not known here are written in decimal.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from),
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1).map_or_else(|| n.to_string(), String::from),
        "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" | "taiwaneseCountingThousand" | "koreanCounting" => {
            chinese(n, &DIGITS, ['十', '百', '千'], '零')
        }
        "chineseLegalSimplified" => chinese(n, &LEGAL, ['拾', '佰', '仟'], '零'),
        "ideographLegalTraditional" => chinese(n, &['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'], ['拾', '佰', '仟'], '零'),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            n.to_string().chars().map(|c| c.to_digit(10).and_then(|d| DIGITS.get(d as usize)).copied().unwrap_or(c)).collect()
        }
        "ideographTraditional" if (1..=10).contains(&n) => {
            ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'].get(n as usize - 1).map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "ideographZodiac" if (1..=12).contains(&n) => {
            ['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'].get(n as usize - 1).map_or_else(|| n.to_string(), |c| c.to_string())
        }
        "upperLetter" | "lowerLetter" if n >= 1 && (n - 1) / 26 < MAX_LETTER_REPEATS => {
            // A … Z, AA … ZZ, AAA …: Word repeats the letter.
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = char::from(base + ((n - 1) % 26) as u8);
            std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
        }
        "upperRoman" | "lowerRoman" if (1..4000).contains(&n) => {
            let r = roman(n);
            if format == "lowerRoman" { r.to_lowercase() } else { r }
        }
        _ => n.to_string(),
    }
}

/// Chinese counting below 10,000: 一, 十, 十一, 二十, 一百零一, 一千零二十.
fn chinese(n: u32, digits: &[char; 10], units: [char; 3], zero: char) -> String {
    if n == 0 {
        return zero.to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let d = |k: u32| digits.get(k as usize).copied().unwrap_or(zero);
    let parts = [(n / 1000, Some(units[2])), (n / 100 % 10, Some(units[1])), (n / 10 % 10, Some(units[0])), (n % 10, None)];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, (k, unit)) in parts.into_iter().enumerate() {
        if k == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 10–19 read 十, 十一 … (not 一十), as in headings.
        let bare_ten = i == 2 && k == 1 && out.is_empty() && digits[1] == '一';
        if !bare_ten {
            out.push(d(k));
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
