//! A plan's text, from the files planners have: plain text in UTF-8 (with or without a
//! byte-order mark) or GB18030/GBK, and Word .docx (paragraphs, and table rows as
//! tab-separated lines). Anything else is refused with a message that says what the file is.

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
    Read(String, std::io::Error),
    #[error("the plan is empty: {0}")]
    Empty(String),
    #[error("the plan is not text (binary data at byte {1}); give a .txt or .docx: {0}")]
    Binary(String, usize),
    #[error("the plan is neither UTF-8 nor GB18030 text (first bad byte at {1}): {0}")]
    Encoding(String, usize),
    #[error("not a .docx: {1}: {0}")]
    Docx(String, String),
    #[error("the plan is too large ({1} MB; at most {2} MB): {0}")]
    TooLarge(String, u64, u64),
}

/// Plans are documents, not data dumps: a cap keeps a wrong file from eating memory.
const MAX_BYTES: u64 = 64 << 20;
/// A .docx's document.xml may be larger than the zip; cap what is inflated.
const MAX_XML_BYTES: u64 = 256 << 20;

pub fn read(path: &Path) -> Result<PlanText, PlanTextError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| PlanTextError::Read(name.clone(), e))?;
    if meta.len() > MAX_BYTES {
        return Err(PlanTextError::TooLarge(name, meta.len() >> 20, MAX_BYTES >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| PlanTextError::Read(name.clone(), e))?;
    let is_docx_name = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    decode(&bytes, &name, is_docx_name)
}

/// Decode file bytes. `docx_name`: the file is called .docx (then it must be one).
pub fn decode(bytes: &[u8], name: &str, docx_name: bool) -> Result<PlanText, PlanTextError> {
    let out = if bytes.starts_with(b"PK\x03\x04") || docx_name {
        if !bytes.starts_with(b"PK") {
            return Err(PlanTextError::Docx(name.to_string(), "the file is not a zip archive (a .docx is one)".into()));
        }
        PlanText { text: docx_text(bytes, name)?, encoding: Encoding::Docx }
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| PlanTextError::Encoding(name.to_string(), e.valid_up_to() + 3))?;
        PlanText { text: text.to_string(), encoding: Encoding::Utf8Bom }
    } else {
        if let Some(at) = binary_at(bytes) {
            return Err(PlanTextError::Binary(name.to_string(), at));
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => PlanText { text: t.to_string(), encoding: Encoding::Utf8 },
            Err(e) => {
                let bad = e.valid_up_to();
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                if had_errors {
                    return Err(PlanTextError::Encoding(name.to_string(), bad));
                }
                PlanText { text: text.into_owned(), encoding: Encoding::Gb18030 }
            }
        }
    };
    if out.text.trim().is_empty() {
        return Err(PlanTextError::Empty(name.to_string()));
    }
    if let Some(at) = binary_at(out.text.as_bytes()) {
        return Err(PlanTextError::Binary(name.to_string(), at));
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
    let entry = zip.by_name("word/document.xml").map_err(|_| bad("the zip has no word/document.xml (not a Word document)".into()))?;
    let mut xml = Vec::new();
    entry.take(MAX_XML_BYTES).read_to_end(&mut xml).map_err(|e| bad(format!("word/document.xml cannot be inflated ({e})")))?;
    paragraphs_of(&xml).map_err(bad)
}

/// Paragraph text of WordprocessingML: one line per paragraph; a table row is one line with
/// its cells separated by tabs.
pub fn paragraphs_of(xml: &[u8]) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    let mut cell_has_text = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| format!("word/document.xml is not well-formed XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => table_depth += 1,
                b"tc" => cell_has_text = false,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => out.push('\t'),
                b"br" | b"cr" => out.push(if table_depth > 0 { ' ' } else { '\n' }),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
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
