//! Command-line verbs: `check` and `show` print what the details panel and the error list show.

pub mod bench;
pub mod bench_china;
pub mod draft;
pub mod draft_score;
pub mod new;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io;
use crate::model::{self, Diagnostic, Target, escape_controls};

/// Print one line to the terminal with every control character escaped: a layout or file name
/// holding ESC sequences must not retitle or clear the user's terminal. Every verb prints
/// through this (or `text`).
pub fn line(out: &mut dyn Write, text: &str) {
    let _ = writeln!(out, "{}", escape_controls(text, false));
}

/// Print multi-line text (line breaks kept, other controls escaped).
pub fn text(out: &mut dyn Write, text: &str) {
    let _ = write!(out, "{}", escape_controls(text, true));
}

/// A terminal writer that escapes every control character (line breaks kept) in what passes
/// through it, whatever printed it: main wraps stdout and stderr in it for every verb, so no
/// file name, plan text or argument can reach the terminal raw. Buffers up to each line break
/// so that a character split across two writes is seen whole.
pub struct Escaped<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Escaped<W> {
    pub fn new(inner: W) -> Self {
        Escaped { inner, pending: Vec::new() }
    }

    fn emit(&mut self, upto: usize) -> std::io::Result<()> {
        let rest = self.pending.split_off(upto.min(self.pending.len()));
        let done = std::mem::replace(&mut self.pending, rest);
        let text = String::from_utf8_lossy(&done);
        self.inner.write_all(escape_controls(&text, true).as_bytes())
    }
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        } else if self.pending.len() > 1 << 16 {
            // One endless line: pass it on at a character boundary.
            let len = self.pending.len();
            let cut = (len.saturating_sub(3)..len).rev().find(|&i| self.pending.get(i).is_some_and(|b| !(0x80..0xC0).contains(b))).unwrap_or(len);
            self.emit(cut.max(1))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.emit(self.pending.len())?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Escaped<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Validate layout files (and the boundaries they name) or boundary GeoJSON files. Prints every
/// diagnostic; returns the process exit code: 0 when there is no error.
pub fn check(files: &[PathBuf], out: &mut dyn Write) -> i32 {
    let mut errors = 0;
    let mut warnings = 0;
    for file in files {
        let diags = check_one(file);
        for d in &diags {
            line(out, &d.to_string());
        }
        let e = diags.iter().filter(|d| d.is_error()).count();
        errors += e;
        warnings += diags.iter().filter(|d| d.severity == model::Severity::Warning).count();
        if e == 0 {
            line(out, &format!("{}: ok", file.display()));
        }
    }
    line(out, &format!("{} file(s) checked: {errors} error(s), {warnings} warning(s)", files.len()));
    i32::from(errors > 0)
}

fn is_geojson(file: &Path) -> bool {
    io::is_boundary_file(file)
}

fn check_one(file: &Path) -> Vec<Diagnostic> {
    if is_geojson(file) {
        io::load_boundaries(file).1
    } else {
        match io::load_layout(file) {
            Ok(layout) => layout.warnings,
            Err(diags) => diags,
        }
    }
}

/// Print everything known about the district, structure, hospital, project or member named
/// `name` (exact, else a unique substring). Returns the exit code.
pub fn show(layout: &Path, name: &str, out: &mut dyn Write) -> i32 {
    let layout = match io::load_layout(layout) {
        Ok(l) => l,
        Err(diags) => {
            for d in diags {
                line(out, &d.to_string());
            }
            return 1;
        }
    };
    let hits = model::search(&layout.plan, Some(&layout.boundaries), name);
    match hits.as_slice() {
        [] => {
            line(out, &format!("nothing named \"{}\" in {}", model::echoed(name, 80), layout.path.display()));
            1
        }
        [(target, _)] => {
            let text = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
            self::text(out, &text.unwrap_or_default());
            0
        }
        // The same name for several things (a hospital that is also a structure's member):
        // the user named them all, so show them all.
        many if many.iter().all(|(_, matched)| model::same_name(matched, name)) => {
            for (i, (target, _)) in many.iter().enumerate() {
                if i > 0 {
                    let _ = writeln!(out, "\n────────");
                }
                let text = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
                self::text(out, &text.unwrap_or_default());
            }
            0
        }
        many => {
            line(out, &format!("\"{}\" matches {} entries; give one of these names:", model::echoed(name, 80), many.len()));
            for (target, matched) in many {
                line(out, &format!("  {matched}  ({})", kind_of(target)));
            }
            2
        }
    }
}

fn kind_of(target: &Target) -> &'static str {
    match target {
        Target::District(_) => "district",
        Target::City => "city",
        Target::Structure(_) => "structure",
        Target::Hospital { .. } => "hospital",
        Target::Project { .. } => "project",
        Target::Member { .. } => "member without polygon",
        Target::Indicator(_) => "indicator",
    }
}
