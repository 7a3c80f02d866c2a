//! User text made safe to show: control characters (a terminal takes ESC sequences as commands
//! that set its title or clear the screen; NUL and the like corrupt a line) and bidirectional
//! overrides (which reorder what is shown) become visible escapes, and runaway lengths are cut.

/// Whether `c` must not reach a terminal or a label as it is.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character (line breaks too unless `keep_newlines`) and bidi
/// override written as a visible escape such as `\u{1b}`.
pub fn escape_controls(s: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !(keep_newlines && c == '\n')) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !(keep_newlines && c == '\n') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// One line of user text to show: controls escaped, cut to `max_chars` characters with "…".
pub fn shown_text(s: &str, max_chars: usize) -> String {
    let cut = s.char_indices().nth(max_chars).map_or(s, |(i, _)| s.get(..i).unwrap_or(s));
    let mut out = escape_controls(cut, false).into_owned();
    if cut.len() < s.len() {
        out.push('…');
    }
    out
}

/// Input echoed in a message: controls escaped and, when longer than `max_chars`, cut with
/// its full length said ("abc… (2097152 characters)"), so one message stays one short line.
pub fn echoed(s: &str, max_chars: usize) -> String {
    let shown = shown_text(s, max_chars);
    if s.char_indices().nth(max_chars).is_some() { format!("{shown} ({} characters)", s.chars().count()) } else { shown }
}

/// A number short enough for a message: 1e308 is "1.000e308", not 309 digits.
pub fn short_number(x: f64) -> String {
    if x.is_finite() && x.abs() < 1e9 && (x == 0.0 || x.abs() >= 1e-6) {
        let s = format!("{x:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    } else {
        format!("{x:.3e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_echoed_input_is_cut_and_measured() {
        assert_eq!(echoed("abc", 5), "abc");
        assert_eq!(echoed("abcdefgh\u{1b}", 3), "abc… (9 characters)");
        assert_eq!(echoed("a\u{1b}", 5), "a\\u{1b}");
    }

    #[test]
    fn escapes_and_title_sequences_become_visible() {
        let hostile = "眉县\u{1b}]0;pwned\u{7}\u{1b}[2J\0\u{202e}";
        let shown = escape_controls(hostile, false);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert!(shown.starts_with("眉县\\u{1b}]0;pwned\\u{7}"), "{shown}");
        assert_eq!(escape_controls("a\nb", true), "a\nb");
        assert_eq!(escape_controls("a\nb", false), "a\\u{a}b");
    }

    #[test]
    fn long_text_is_cut() {
        assert_eq!(shown_text(&"宝".repeat(10), 3), "宝宝宝…");
        assert_eq!(shown_text("short", 10), "short");
    }
}
