//! A plan's text, from the files planners have: plain text in UTF-8 (with or without a
//! byte-order mark) or GB18030/GBK, and Word .docx (paragraphs, and table rows as
//! tab-separated lines; Word's automatic heading numbers written back in front of their
//! paragraphs: `numbering`). Anything else is refused with a message that says what the file is.

mod numbering;

pub use numbering::{Numbering, format_number};

use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

/// What the bytes were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Docx,
}

#[derive(Debug, Clone)]
pub struct PlanText {
    pub text: String,
    pub encoding: Encoding,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanTextError {
    #[error("cannot read the plan: {0}: {1}")]
    Read(String, String),
    #[error("the plan is empty: {0}")]
    Empty(String),
    #[error("the plan is not text (binary data at byte {1}, line {2}); give a .txt or .docx: {0}")]
    Binary(String, usize, usize),
    #[error("the plan is neither UTF-8 nor GB18030 text ({2}): {0}")]
    Encoding(String, usize, String),
    #[error("the plan is UTF-16 text, which planmap does not read: save it as UTF-8 (in Notepad: Save as, encoding UTF-8): {0}")]
    Utf16(String),
    #[error("not a .docx: {1}: {0}")]
    Docx(String, String),
}

impl PlanTextError {
    /// The byte of the input where the problem is, when there is one (to show its line).
    pub fn byte(&self) -> Option<usize> {
        match self {
            PlanTextError::Binary(_, at, _) | PlanTextError::Encoding(_, at, _) => Some(*at),
            _ => None,
        }
    }
}

/// Plans are documents, not data dumps: a cap keeps a wrong file from eating memory.
const MAX_BYTES: u64 = super::read::MAX_PLAN_BYTES;
/// A .docx's document.xml may be larger than the zip; cap what is inflated.
const MAX_XML_BYTES: u64 = super::read::MAX_DOCX_XML_BYTES;

pub fn read(path: &Path) -> Result<PlanText, PlanTextError> {
    let name = path.display().to_string();
    let bytes = super::read::read_limited(path, MAX_BYTES).map_err(|d| PlanTextError::Read(name.clone(), d.message))?;
    let is_docx_name = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    decode(&bytes, &name, is_docx_name)
}

/// The 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes.get(..at).unwrap_or(bytes).iter().filter(|&&b| b == b'\n').count() + 1
}

/// Where GB18030 decoding of `bytes` first fails, if it does.
fn gb18030_error_at(bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = vec![0u8; 64 << 10];
    let mut at = 0usize;
    loop {
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(bytes.get(at..).unwrap_or_default(), &mut out, true);
        at += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return None,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(bad, extra) => return Some(at.saturating_sub(usize::from(bad) + usize::from(extra))),
        }
    }
}

/// Whether the bytes look like UTF-16: a UTF-16 byte-order mark, or a NUL in every other byte
/// of the first kilobyte (ASCII text in UTF-16).
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = bytes.get(..1024).unwrap_or(bytes);
    let (even, odd) = head.chunks_exact(2).fold((0, 0), |(e, o), p| (e + usize::from(p.first() == Some(&0)), o + usize::from(p.get(1) == Some(&0))));
    let pairs = head.len() / 2;
    pairs >= 4 && (even * 10 >= pairs * 9 || odd * 10 >= pairs * 9)
}

/// Decode file bytes. `docx_name`: the file is called .docx (then it must be one).
pub fn decode(bytes: &[u8], name: &str, docx_name: bool) -> Result<PlanText, PlanTextError> {
    let out = if bytes.starts_with(b"PK\x03\x04") || docx_name {
        if !bytes.starts_with(b"PK") {
            return Err(PlanTextError::Docx(name.to_string(), "the file is not a zip archive (a .docx is one)".into()));
        }
        PlanText { text: docx_text(bytes, name)?, encoding: Encoding::Docx }
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| {
            let at = e.valid_up_to() + 3;
            PlanTextError::Encoding(name.to_string(), at, format!("it starts with a UTF-8 byte-order mark, but byte {at} (line {}) is not UTF-8", line_of(bytes, at)))
        })?;
        PlanText { text: text.to_string(), encoding: Encoding::Utf8Bom }
    } else {
        if is_utf16(bytes) {
            return Err(PlanTextError::Utf16(name.to_string()));
        }
        if let Some(at) = binary_at(bytes) {
            return Err(PlanTextError::Binary(name.to_string(), at, line_of(bytes, at)));
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => PlanText { text: t.to_string(), encoding: Encoding::Utf8 },
            Err(e) => {
                let utf8_at = e.valid_up_to();
                if let Some(gb_at) = gb18030_error_at(bytes) {
                    // Name the encoding that read further: its bad byte is where the text really goes wrong.
                    let (at, detail) = if gb_at >= utf8_at {
                        (
                            gb_at,
                            format!(
                                "read as GB18030, since byte {utf8_at} is not UTF-8; but byte {gb_at} (line {}) is not GB18030 either: mixed encodings?",
                                line_of(bytes, gb_at)
                            ),
                        )
                    } else {
                        (utf8_at, format!("first bad byte {utf8_at} (line {}) as UTF-8, {gb_at} as GB18030", line_of(bytes, utf8_at)))
                    };
                    return Err(PlanTextError::Encoding(name.to_string(), at, detail));
                }
                let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                PlanText { text: text.into_owned(), encoding: Encoding::Gb18030 }
            }
        }
    };
    if out.text.trim().is_empty() {
        return Err(PlanTextError::Empty(name.to_string()));
    }
    if let Some(at) = binary_at(out.text.as_bytes()) {
        return Err(PlanTextError::Binary(name.to_string(), at, line_of(out.text.as_bytes(), at)));
    }
    Ok(out)
}

/// The first byte that text never has: NUL, or other control characters in numbers no text
/// file shows.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some(at);
    }
    let controls = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    (controls * 100 > bytes.len().max(1)).then(|| bytes.iter().position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).unwrap_or(0))
}

fn docx_text(bytes: &[u8], name: &str) -> Result<String, PlanTextError> {
    let bad = |why: String| PlanTextError::Docx(name.to_string(), why);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(format!("the file is not a readable zip archive ({e})")))?;
    let xml = match zip.by_name("word/document.xml") {
        Ok(entry) => read_entry(entry, "word/document.xml", MAX_XML_BYTES).map_err(bad)?,
        Err(zip::result::ZipError::FileNotFound) => return Err(bad("the zip has no word/document.xml (not a Word document)".into())),
        Err(zip::result::ZipError::UnsupportedArchive(why)) if why == zip::result::ZipError::PASSWORD_REQUIRED => {
            return Err(bad("word/document.xml is encrypted (a password-protected document): save it without a password".into()));
        }
        Err(e) => return Err(bad(format!("word/document.xml cannot be read ({e})"))),
    };
    // The lists and styles behind automatic numbers: optional, and a broken one only loses
    // the numbers.
    let mut part = |name: &str| -> Option<Vec<u8>> { read_entry(zip.by_name(name).ok()?, name, super::read::MAX_DOCX_PART_BYTES).ok() };
    let numbering = part("word/numbering.xml");
    let styles = part("word/styles.xml");
    let mut lists = Numbering::new(numbering.as_deref(), styles.as_deref());
    paragraphs_numbered(&xml, &mut lists).map_err(bad)
}

/// A zip entry inflated, at most `limit` bytes: a bomb is refused by name at the cap, never cut
/// and read as if whole.
fn read_entry(entry: zip::read::ZipFile<'_, std::io::Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    entry.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("{name} cannot be inflated ({e})"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("{name} inflates to more than {} MiB, more than any real document's: the file is a zip bomb or damaged", limit >> 20));
    }
    Ok(bytes)
}

/// Paragraph text of WordprocessingML: one line per paragraph; a table row is one line with
/// its cells separated by tabs.
pub fn paragraphs_of(xml: &[u8]) -> Result<String, String> {
    paragraphs_numbered(xml, &mut Numbering::default())
}

/// A paragraph's list properties, read from its `w:pPr`.
#[derive(Default)]
struct ParaProps {
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// As `paragraphs_of`, with each numbered paragraph's number ("第三章 ", "（一）") written in
/// front of it, counted by `lists`.
pub fn paragraphs_numbered(xml: &[u8], lists: &mut Numbering) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut cell_has_text = false;
    // Inside a paragraph's properties (and how deep in a tracked change or run properties of
    // them, whose lists are not the paragraph's).
    let mut props: Option<ParaProps> = None;
    let mut skip = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| format!("word/document.xml is not well-formed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => table_depth += 1,
                b"tc" => cell_has_text = false,
                b"pPr" => props = Some(ParaProps::default()),
                b"pPrChange" | b"rPr" if props.is_some() => skip += 1,
                name => read_props(name, &e, props.as_mut().filter(|_| skip == 0)),
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if props.is_none() => out.push('\t'),
                b"br" | b"cr" => out.push(if table_depth > 0 { ' ' } else { '\n' }),
                name => read_props(name, &e, props.as_mut().filter(|_| skip == 0)),
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"pPrChange" | b"rPr" if props.is_some() => skip = skip.saturating_sub(1),
                b"pPr" => {
                    if let Some(p) = props.take() {
                        out.push_str(&lists.next(p.num_id.as_deref(), p.ilvl, p.style.as_deref()));
                    }
                    skip = 0;
                }
                b"t" => in_text = false,
                b"p" if table_depth == 0 => out.push('\n'),
                b"p" => {
                    cell_has_text = true;
                    out.push(' ');
                }
                b"tc" => {
                    let _ = cell_has_text;
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\t');
                }
                b"tr" => {
                    while out.ends_with(['\t', ' ']) {
                        out.pop();
                    }
                    out.push('\n');
                }
                b"tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_text => out.push_str(&t.decode().map_err(|e| format!("bad text in word/document.xml: {e}"))?),
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else {
                    let name: &[u8] = &r;
                    out.push_str(match name {
                        b"lt" => "<",
                        b"gt" => ">",
                        b"amp" => "&",
                        b"quot" => "\"",
                        b"apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Note a list property of the paragraph being read (`props`: inside its `w:pPr`).
fn read_props(name: &[u8], e: &quick_xml::events::BytesStart, props: Option<&mut ParaProps>) {
    let Some(p) = props else { return };
    match name {
        b"pStyle" => p.style = numbering::val(e),
        b"numId" => p.num_id = numbering::val(e),
        b"ilvl" => p.ilvl = numbering::val(e).and_then(|v| v.parse().ok()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let utf8 = "第三章 功能布局\n".as_bytes();
        assert_eq!(decode(utf8, "a.txt", false).map(|t| t.encoding).ok(), Some(Encoding::Utf8));
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8].concat();
        let t = decode(&bom, "a.txt", false).ok();
        assert_eq!(t.as_ref().map(|t| t.text.as_str()), Some("第三章 功能布局\n"));
        let (gb, _, _) = encoding_rs::GB18030.encode("第三章 功能布局\n");
        let t = decode(&gb, "a.txt", false).ok();
        assert_eq!(t.as_ref().map(|t| (t.text.as_str(), t.encoding)), Some(("第三章 功能布局\n", Encoding::Gb18030)));
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        assert!(matches!(decode(b"", "e.txt", false), Err(PlanTextError::Empty(_))));
        assert!(matches!(decode(b" \n\t\n", "e.txt", false), Err(PlanTextError::Empty(_))));
        assert!(matches!(decode(b"abc\0\x01\x02", "j.bin", false), Err(PlanTextError::Binary(..))));
        assert!(matches!(decode("规划".as_bytes(), "x.docx", true), Err(PlanTextError::Docx(..))));
        assert!(matches!(decode(b"PK\x03\x04garbage", "x.docx", true), Err(PlanTextError::Docx(..))));
        let msg = decode(b"\xff\xfe\xfd\xfc\x80\x81", "w.txt", false).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("w.txt"), "{msg}");
    }

    #[test]
    fn word_paragraphs_and_tables() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>第三章</w:t></w:r><w:r><w:t xml:space="preserve"> 功能布局</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>领域</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>正文。</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(paragraphs_of(xml.as_bytes()).ok().as_deref(), Some("第三章 功能布局\n领域\tA&B\n正文。\n"));
    }
}

#[cfg(test)]
mod numbering_tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx (a zip of XML parts) written here, as Word would lay it out.
    fn docx(document: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let mut parts = vec![("word/document.xml", document)];
        parts.extend(numbering.map(|n| ("word/numbering.xml", n)));
        parts.extend(styles.map(|s| ("word/styles.xml", s)));
        for (name, xml) in parts {
            zip.start_file(name, opts).expect("zip entry");
            zip.write_all(xml.as_bytes()).expect("zip write");
        }
        zip.finish().expect("zip").into_inner()
    }

    fn para(num: Option<(u32, u32)>, style: Option<&str>, text: &str) -> String {
        let style = style.map_or(String::new(), |s| format!(r#"<w:pStyle w:val="{s}"/>"#));
        let num = num.map_or(String::new(), |(id, l)| format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#));
        format!(r#"<w:p><w:pPr>{style}{num}<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    }

    fn document(paras: &[String]) -> String {
        format!(r#"<w:document {W}><w:body>{}</w:body></w:document>"#, paras.concat())
    }

    /// Chapters 第%1章 (chineseCounting), sections 第%2节, items %3、 and （%4）; list 2 is
    /// "%1." decimal; list 3 restarts list 1's level 4 at 1 via startOverride.
    fn numbering_xml() -> String {
        format!(
            r#"<w:numbering {W}>
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%2节"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%3、"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%4）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="30"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>"#
        )
    }

    /// Heading 1 carries list 1 level 0 through its style; Heading 2 is based on Heading 1
    /// with level 1.
    fn styles_xml() -> String {
        format!(
            r#"<w:styles {W}>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#
        )
    }

    fn read_docx(bytes: &[u8]) -> String {
        match decode(bytes, "plan.docx", true) {
            Ok(t) => t.text,
            Err(e) => panic!("the docx reads: {e}"),
        }
    }

    #[test]
    fn automatic_heading_numbers_are_written_back() {
        let doc = document(&[
            para(None, Some("1"), "总体要求"),
            para(None, Some("2"), "指导思想"),
            para(None, Some("2"), "发展目标"),
            para(Some((1, 2)), None, "医疗"),
            para(Some((1, 3)), None, "基层"),
            para(Some((1, 3)), None, "公卫"),
            para(None, Some("1"), "功能布局"),
            para(None, None, "构建“一核两翼”格局。"),
            para(None, Some("2"), "一核"),
            para(Some((1, 2)), None, "定位"),
            para(Some((2, 0)), None, "建设医院。"),
            para(Some((2, 0)), None, "建设中心。"),
            para(Some((2, 1)), None, "要点"),
            para(Some((3, 0)), None, "再起头。"),
            para(Some((4, 0)), None, "甲项"),
            para(Some((4, 0)), None, "乙项"),
            para(Some((0, 0)), Some("1"), "附则"),
        ]);
        let bytes = docx(&doc, Some(&numbering_xml()), Some(&styles_xml()));
        let text = read_docx(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "第一章 总体要求", "第一节 指导思想", "第二节 发展目标", "一、医疗", "（一）基层", "（二）公卫", "第二章 功能布局", "构建“一核两翼”格局。", "第一节 一核",
                "一、定位", "1. 建设医院。", "2. 建设中心。", "要点", "1. 再起头。", "甲、甲项", "乙、乙项", "附则",
            ],
            "{text}"
        );
    }

    #[test]
    fn broken_or_missing_numbering_loses_only_the_numbers() {
        let doc = document(&[para(Some((1, 0)), None, "功能布局"), para(None, Some("1"), "重点任务")]);
        for (numbering, styles) in [
            (Some("<w:numbering><w:abstractNum w:abstractNumId=\"10\"><w:lvl"), Some("<w:styles>")),
            (Some("not xml at all \u{0} <<<"), None),
            (None, None),
            (Some("<w:numbering/>"), Some(styles_xml().as_str())),
        ] {
            let bytes = docx(&doc, numbering, styles);
            assert_eq!(read_docx(&bytes), "功能布局\n重点任务\n", "numbering {numbering:?}");
        }
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(11, "chineseCountingThousand"), "十一");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(105, "chineseCountingThousand"), "一百零五");
        assert_eq!(format_number(110, "chineseCounting"), "一百一十");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(10, "ideographDigital"), "一〇");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        // Issue 20, defect 2: a start of 4294967295 repeated one letter 165 million times.
        assert_eq!(format_number(u32::MAX, "lowerLetter"), "4294967295");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(7, "somethingNew"), "7");
    }
}
