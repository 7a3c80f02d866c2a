//! What every verb prints goes to the terminal with its control characters escaped: a layout,
//! file name, plan text or argument holding ESC sequences must not retitle or clear the user's
//! terminal.

use std::io::Write;

use crate::model::escape_controls;

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
