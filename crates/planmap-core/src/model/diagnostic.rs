//! A located problem in a layout or boundary file.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// What was done that the user should know (the encoding or datum a GIS file was read
    /// with); printed as "note".
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when the problem is the file as a whole (e.g. not found).
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// A problem at byte `offset` of `src` (the text of `file`).
    pub fn at(severity: Severity, file: &std::path::Path, src: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(src, offset);
        Diagnostic { severity, file: file.to_path_buf(), line, col, message: message.into() }
    }

    /// A problem with a whole file (not found, unreadable).
    pub fn file(severity: Severity, file: &std::path::Path, message: impl Into<String>) -> Self {
        Diagnostic { severity, file: file.to_path_buf(), line: 0, col: 0, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        if self.line == 0 {
            write!(f, "{}: {level}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}:{}: {level}: {}", self.file.display(), self.line, self.col, self.message)
        }
    }
}

/// 1-based line and character column of a byte offset (clamped to the text; an offset inside
/// a multi-byte character counts as that character). For one message; a file with many
/// messages builds a `LineIndex` once.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(src).line_col(offset)
}

/// The characters of UTF-8 text: its bytes that begin one (not `10xxxxxx`), so a cut inside a
/// character stays countable. Counted in runs of 255 with a byte per lane, which vectorises
/// 16 bytes at a time (a plain count widens each byte to 64 bits: 4 at a time), for the
/// columns of a minified file of 91 MB.
pub fn char_count(bytes: &[u8]) -> usize {
    bytes.chunks(255).map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40)))).sum()
}

/// Where each line of a text starts, built once, so locating N messages costs N binary searches
/// instead of N scans from the start of the file (20,000 messages took 14 s that way).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    src: &'a str,
    /// Byte offset of the start of each line; the first is 0. Found at the first message: a
    /// file read without one (most) is never scanned for lines (all of China: 91 MB).
    starts: std::cell::OnceCell<Vec<usize>>,
    /// The last answer (offset, column; none yet: past the end): messages mostly come in file
    /// order, so on a long line (a minified file is one line) the next column is counted on
    /// from there.
    last: std::cell::Cell<(usize, usize)>,
    /// For a text cut from its file (a file read a piece at a time): from byte `.0` on, the text
    /// is the file's from line `.1`, column `.2`. In order; none for a whole file.
    resumes: Vec<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> LineIndex<'a> {
        LineIndex::resuming(src, Vec::new())
    }

    /// The index of `src`, a text whose pieces stand elsewhere in their file: `resumes` says
    /// where (byte of `src`, the file's line and column there), in order of the bytes.
    pub fn resuming(src: &'a str, resumes: Vec<(usize, usize, usize)>) -> LineIndex<'a> {
        LineIndex { src, starts: std::cell::OnceCell::new(), last: std::cell::Cell::new((usize::MAX, 0)), resumes }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| std::iter::once(0).chain(memchr::memchr_iter(b'\n', self.src.as_bytes()).map(|i| i + 1)).collect())
    }

    /// 1-based line and character column of byte `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        // The number of line starts at or before the offset is the 1-based line in `src`.
        let starts = self.starts();
        let line_in = |o: usize| starts.partition_point(|&s| s <= o);
        let line = line_in(offset);
        let line_start = starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        // The piece the offset is in, and where that piece stands in the file.
        let (piece, piece_line, piece_col) = self.resumes.iter().rev().find(|r| r.0 <= offset).copied().unwrap_or((0, 1, 1));
        let lines_on = line - line_in(piece);
        let (line_start, line_col) = if lines_on == 0 { (piece, piece_col) } else { (line_start, 1) };
        let (last_offset, last_col) = self.last.get();
        let (from, base) = if last_offset >= line_start && last_offset <= offset { (last_offset, last_col) } else { (line_start, line_col) };
        let bytes = self.src.as_bytes().get(from..offset).unwrap_or_default();
        // Count characters by their first bytes so a cut inside a character stays valid.
        let col = base + char_count(bytes);
        self.last.set((offset, col));
        ((piece_line + lines_on).max(1), col)
    }

    /// A located diagnostic at byte `offset`.
    pub fn diagnostic(&self, severity: Severity, file: &std::path::Path, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic { severity, file: file.to_path_buf(), line, col, message: message.into() }
    }
}

/// At most this many messages per file, for layouts as for GeoJSON: a file with 100,000
/// mistakes stays readable, and the rest are counted, not dropped silently.
pub const MAX_MESSAGES: usize = 100;

/// The closing line for messages past the cap: an error when any of them is one, so a file is
/// never taken for good because its errors came late.
pub fn more_messages(file: &std::path::Path, errors: usize, warnings: usize) -> Option<Diagnostic> {
    let n = errors + warnings;
    (n > 0).then(|| {
        let severity = if errors > 0 { Severity::Error } else { Severity::Warning };
        Diagnostic::file(severity, file, format!("and {n} more problem(s) not shown ({errors} error(s), {warnings} warning(s))"))
    })
}

/// Keep the first `MAX_MESSAGES` of `diags` and count the rest in one closing line.
pub fn cap_messages(mut diags: Vec<Diagnostic>, file: &std::path::Path) -> Vec<Diagnostic> {
    if diags.len() <= MAX_MESSAGES {
        return diags;
    }
    let rest = diags.split_off(MAX_MESSAGES);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    diags.extend(more_messages(file, errors, rest.len() - errors));
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index gives what counting from the start gives, for offsets in any order, inside
    /// multi-byte characters and past the end.
    #[test]
    fn line_index_agrees_with_counting() {
        let src = "ab\n宝鸡 x\n\n\u{1F600}z\nlast";
        let naive = |offset: usize| {
            let before = &src.as_bytes()[..offset.min(src.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            (line, before[start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1)
        };
        let index = LineIndex::new(src);
        let mut offsets: Vec<usize> = (0..=src.len() + 3).collect();
        offsets.extend((0..=src.len()).rev());
        offsets.extend([7, 3, 12, 5, 5, 20, 0]);
        for o in offsets {
            assert_eq!(index.line_col(o), naive(o), "offset {o}");
        }
    }

    /// A text made of pieces cut from a file gives each piece's offsets the file's lines and
    /// columns: the same answers as the whole file.
    #[test]
    fn pieces_cut_from_a_file_are_located_in_the_file() {
        let file = "{\"a\":\n  宝鸡 [1,\n2], x]\n}";
        let whole = LineIndex::new(file);
        // Bytes 0..5 and 14.. of the file, with "[]" standing for bytes 5..14.
        let (cut, tail) = (5, 14);
        let text = format!("{}[]{}", &file[..cut], &file[tail..]);
        let (line, col) = whole.line_col(tail);
        let pieces = LineIndex::resuming(&text, vec![(cut + 2, line, col)]);
        for o in (0..cut).chain(tail..=file.len()) {
            let here = if o < cut { o } else { o - tail + cut + 2 };
            assert_eq!(pieces.line_col(here), whole.line_col(o), "file byte {o}");
        }
        // One piece from its middle (a batch of features read apart).
        let from = file.find('宝').unwrap();
        let (line, col) = whole.line_col(from);
        let piece = LineIndex::resuming(&file[from..], vec![(0, line, col)]);
        for o in (from..=file.len()).chain([from]) {
            assert_eq!(piece.line_col(o - from), whole.line_col(o), "file byte {o}");
        }
    }

    #[test]
    fn characters_are_counted_by_their_first_bytes() {
        let text = "宝鸡 x\u{1F600}é".repeat(300);
        assert_eq!(char_count(text.as_bytes()), text.chars().count());
        assert_eq!(char_count(&text.as_bytes()[1..]), text.chars().count() - 1, "a cut character's rest counts nothing");
        assert_eq!(char_count(b""), 0);
    }

    #[test]
    fn messages_past_the_cap_are_counted() {
        let file = std::path::Path::new("f.toml");
        let diags: Vec<Diagnostic> = (0..250).map(|i| Diagnostic::file(if i == 240 { Severity::Error } else { Severity::Warning }, file, "x")).collect();
        let capped = cap_messages(diags, file);
        assert_eq!(capped.len(), MAX_MESSAGES + 1);
        let last = capped.last().unwrap();
        assert!(last.is_error() && last.message == "and 150 more problem(s) not shown (1 error(s), 149 warning(s))", "{last}");
    }
}
