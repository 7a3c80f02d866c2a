//! A located problem in a layout or boundary file.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// What was done that the user should know (the encoding or datum a GIS file was read
    /// with); printed as "note".
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
/// a multi-byte character counts as that character).
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    // Count characters by their first bytes so a cut inside a character stays valid.
    let col = before[line_start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
    (line, col)
}
