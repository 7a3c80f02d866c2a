//! A JSON reader that keeps the byte offset of every value, so a GeoJSON problem deep in a
//! file is reported at its line and column (serde_json's tree forgets where values were).
//! Strict RFC 8259 grammar; nesting is bounded so no input can overflow the stack, and the
//! memory the tree takes is bounded so no input can exhaust memory (two bytes of text, `0,`,
//! would otherwise become a 40-byte node).

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    /// An array of positions ([x, y] or [x, y, z…], extra values dropped), read in one pass
    /// without a node per number: most of a boundary file is these.
    Points(Vec<[f64; 2]>),
    /// Members in file order (a later duplicate key wins in `get`).
    Obj(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub kind: Kind,
    /// Byte offset of the value's first character.
    pub at: usize,
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.kind {
            Kind::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_points(&self) -> Option<&[[f64; 2]]> {
        match &self.kind {
            Kind::Points(p) => Some(p),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.kind {
            Kind::Arr(items) => Some(items),
            _ => None,
        }
    }
    /// What this value is, for messages ("a string", "an array" …).
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Num(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Arr(_) => "an array",
            Kind::Points(_) => "an array of positions",
            Kind::Obj(_) => "an object",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub at: usize,
    pub message: String,
}

const MAX_DEPTH: usize = 256;

/// At most this many duplicate keys are remembered (each becomes a message; the messages are
/// capped anyway).
const MAX_DUPLICATES: usize = 1000;

/// A parsed document: the tree and the keys that appeared twice in one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Json,
    /// (byte offset of the second occurrence, key), in file order.
    pub duplicate_keys: Vec<(usize, String)>,
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Bytes of memory the tree may still take.
    budget: usize,
    duplicate_keys: Vec<(usize, String)>,
    /// Positions of the array being read: grown once, copied out at the exact size, so no
    /// ring keeps the spare capacity of a doubling `Vec` (a third more memory on average).
    scratch: Vec<[f64; 2]>,
}

/// Parse one JSON document (duplicate keys allowed: the last one counts in `get`).
pub fn parse(src: &str) -> Result<Json, JsonError> {
    parse_document(src, usize::MAX).map(|d| d.root)
}

/// Parse one JSON document whose tree may take at most `budget_bytes` of memory, noting
/// duplicate keys.
pub fn parse_document(src: &str, budget_bytes: usize) -> Result<Document, JsonError> {
    parse_span(src, 0..src.len(), budget_bytes, 0)
}

/// Parse the JSON value in `src[span]` (offsets stay those of the whole text), at nesting
/// depth `depth`.
fn parse_span(src: &str, span: std::ops::Range<usize>, budget_bytes: usize, depth: usize) -> Result<Document, JsonError> {
    let bytes = src.as_bytes().get(..span.end).unwrap_or_default();
    let mut p = Parser { src, bytes, pos: span.start, depth, budget: budget_bytes, duplicate_keys: Vec::new(), scratch: Vec::new() };
    p.ws();
    let root = p.value()?;
    p.ws();
    if p.pos < p.bytes.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(Document { root, duplicate_keys: p.duplicate_keys })
}

/// Parse one item of the array found by `member_array_start`: a value at nesting depth 2.
pub fn parse_item(src: &str, span: std::ops::Range<usize>, budget_bytes: usize) -> Result<Document, JsonError> {
    parse_span(src, span, budget_bytes, 2)
}

/// Where the array that is member `key` of the top-level object opens (the byte of its `[`),
/// found by a skim that looks only at strings and brackets (several times faster than
/// parsing, and no memory), so its items can be parsed apart, on several cores, as the text
/// is read. None when the text is not such an object, the skim meets anything unexpected, or
/// the text ends first (read more, or parse the usual way, which reports the problem where
/// it is).
pub fn member_array_start(b: &[u8], key: &str) -> Option<usize> {
    let mut i = skim_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skim_ws(b, i);
        let k0 = i;
        i = skim_string(b, i)?;
        let this_key = b.get(k0 + 1..i - 1)?;
        i = skim_ws(b, i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skim_ws(b, i + 1);
        if this_key == key.as_bytes() && b.get(i) == Some(&b'[') {
            return Some(i);
        }
        i = skim_ws(b, skim_value(b, i)?);
        match b.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

/// Just past the object that opens at `b[i]`; None when there is none or the text ends first.
pub fn object_end(b: &[u8], i: usize) -> Option<usize> {
    skim_object(b, i)
}

/// Just past the JSON whitespace from `i` on.
pub fn after_whitespace(b: &[u8], i: usize) -> usize {
    skim_ws(b, i)
}

/// The bytes the skim stops at: quotes and brackets.
const SKIM: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t[b'{' as usize] = true;
    t[b'}' as usize] = true;
    t
};

fn skim_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// From an opening quote to just past the closing one.
fn skim_string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        match b.get(j)? {
            b'"' => return Some(j + 1),
            _ => j += 2,
        }
    }
}

/// An object from `{` to just past its `}`: only braces and strings matter (brackets inside
/// balance or the parser says so), and memchr finds those among the digits at memory speed.
fn skim_object(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    loop {
        j += memchr::memchr3(b'"', b'{', b'}', b.get(j..)?)?;
        match b.get(j)? {
            b'"' => {
                j = skim_string(b, j)?;
                continue;
            }
            b'{' => depth += 1,
            _ => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
        }
        j += 1;
    }
}

/// From the first byte of a value to just past it (brackets balanced, strings skipped; the
/// grammar inside is left to the parser).
fn skim_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skim_string(b, i),
        b'{' => skim_object(b, i),
        b'[' => {
            // One pass over the bytes that matter; everything else (digits, mostly) is
            // stepped over by the table.
            let mut depth = 0usize;
            let mut j = i;
            while let Some(rest) = b.get(j..) {
                let k = rest.iter().position(|&c| SKIM[usize::from(c)])?;
                j += k;
                match b.get(j)? {
                    b'"' => {
                        j = skim_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    _ => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while b.get(j).is_some_and(|c| !matches!(c, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

impl Parser<'_> {
    /// Take `bytes` from the memory budget, or fail with a message that says why.
    fn spend(&mut self, bytes: usize) -> Result<(), JsonError> {
        match self.budget.checked_sub(bytes) {
            Some(rest) => {
                self.budget = rest;
                Ok(())
            }
            None => Err(self.err("too many values to hold in memory: the file is larger or more detailed than planmap reads (set PLANMAP_MAX_FILE_MB to raise the limit)")),
        }
    }

    fn err(&self, message: impl Into<String>) -> JsonError {
        JsonError { at: self.pos, message: message.into() }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        let at = self.pos;
        self.spend(std::mem::size_of::<Json>())?;
        let kind = match self.bytes.get(self.pos) {
            None => return Err(self.err("unexpected end of file: a value was expected")),
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => match self.points() {
                Some(points) => Kind::Points(points),
                None => self.nested(Self::array)?,
            },
            Some(b'"') => Kind::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Kind::Num(self.number()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(_) => {
                let c = self.src[self.pos..].chars().next().unwrap_or('?');
                return Err(self.err(format!("unexpected character '{c}': a value was expected")));
            }
        };
        Ok(Json { kind, at })
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Kind, JsonError>) -> Result<Kind, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Kind, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.err(format!("invalid literal: expected {word}")))
        }
    }

    fn want(&mut self, b: u8, what: &str) -> Result<(), JsonError> {
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            Ok(())
        } else if self.pos >= self.bytes.len() {
            Err(self.err(format!("unexpected end of file: expected {what}")))
        } else {
            Err(self.err(format!("expected {what}")))
        }
    }

    /// The fast path for `[[x, y], [x, y], …]`. Anything else (or any syntax error) rewinds and
    /// leaves it to the general parser, which reports problems precisely.
    fn points(&mut self) -> Option<Vec<[f64; 2]>> {
        let start = self.pos;
        let out = self.points_inner();
        if out.is_none() {
            self.pos = start;
        }
        out
    }

    fn points_inner(&mut self) -> Option<Vec<[f64; 2]>> {
        self.pos += 1; // outer '['
        self.ws();
        if self.bytes.get(self.pos) != Some(&b'[') {
            return None;
        }
        // (An early return drops the scratch buffer: the next array grows a new one.)
        let mut points = std::mem::take(&mut self.scratch);
        points.clear();
        loop {
            self.ws();
            if self.bytes.get(self.pos) != Some(&b'[') {
                return None;
            }
            self.pos += 1;
            self.ws();
            let x = self.number_fast()?;
            self.ws();
            if self.bytes.get(self.pos) != Some(&b',') {
                return None;
            }
            self.pos += 1;
            self.ws();
            let y = self.number_fast()?;
            self.ws();
            while self.bytes.get(self.pos) == Some(&b',') {
                self.pos += 1;
                self.ws();
                self.number_fast()?;
                self.ws();
            }
            if self.bytes.get(self.pos) != Some(&b']') {
                return None;
            }
            self.pos += 1;
            // Over budget: leave it to the general parser, which says so.
            self.spend(std::mem::size_of::<[f64; 2]>()).ok()?;
            points.push([x, y]);
            self.ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    let exact = points.to_vec();
                    self.scratch = points;
                    return Some(exact);
                }
                _ => return None,
            }
        }
    }

    fn number_fast(&mut self) -> Option<f64> {
        match self.bytes.get(self.pos) {
            Some(b'-' | b'0'..=b'9') => self.number().ok(),
            _ => None,
        }
    }

    fn array(&mut self) -> Result<Kind, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Kind::Arr(items));
        }
        loop {
            self.ws();
            items.push(self.value()?);
            self.ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Kind::Arr(items));
                }
                _ => return Err(self.err("expected ',' or ']' in array")),
            }
        }
    }

    fn object(&mut self) -> Result<Kind, JsonError> {
        self.pos += 1;
        let mut members = Vec::new();
        let mut keys: Option<std::collections::HashSet<String>> = None;
        self.ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Kind::Obj(members));
        }
        loop {
            self.ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.err("expected a \"key\" in object"));
            }
            let key_at = self.pos;
            let key = self.string()?;
            // Objects are small in GeoJSON; a hash set only for a big one keeps this linear.
            let seen = if members.len() < 16 {
                members.iter().any(|(k, _)| *k == key)
            } else {
                keys.get_or_insert_with(|| members.iter().map(|(k, _): &(String, Json)| k.clone()).collect::<std::collections::HashSet<String>>()).contains(&key)
            };
            if seen && self.duplicate_keys.len() < MAX_DUPLICATES {
                self.duplicate_keys.push((key_at, key.clone()));
            }
            if let Some(k) = keys.as_mut() {
                k.insert(key.clone());
            }
            self.ws();
            self.want(b':', "':' after object key")?;
            self.ws();
            let value = self.value()?;
            members.push((key, value));
            self.ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Kind::Obj(members));
                }
                _ => return Err(self.err("expected ',' or '}' in object")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        let mut run = self.pos; // start of the current run of plain characters
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    out.push_str(&self.src[run..self.pos]);
                    self.pos += 1;
                    self.spend(out.len())?;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.src[run..self.pos]);
                    self.pos += 1;
                    let esc = self.bytes.get(self.pos).copied();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.err("invalid escape in string"));
                        }
                    }
                    run = self.pos;
                }
                Some(&b) if b < 0x20 => return Err(self.err("control character in string (escape it)")),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.src.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let v = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or_else(|| self.err("invalid \\u escape"))?;
        self.pos += 4;
        Ok(v)
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.bytes.get(self.pos..).is_some_and(|b| b.starts_with(b"\\u")) {
                return Err(self.err("lone surrogate in \\u escape (a high surrogate needs a low one after it)"));
            }
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.err("invalid surrogate pair in \\u escape"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        // A lone low surrogate is not a character either: refused, as serde_json does.
        char::from_u32(code).ok_or_else(|| self.err("lone surrogate in \\u escape"))
    }

    fn number(&mut self) -> Result<f64, JsonError> {
        let start = self.pos;
        let b = self.bytes;
        // Checked and valued in one pass: `total` counts every digit so far, `value` keeps
        // their value while it fits; `fraction`: the digits after the point.
        let (mut value, mut total) = (0u64, 0usize);
        let mut p = self.pos;
        let negative = b.get(p) == Some(&b'-');
        if negative {
            p += 1;
        }
        if b.get(p) == Some(&b'0') {
            p += 1; // a lone 0: nothing to add to the value
        } else if !scan_digits(b, &mut p, &mut value, &mut total) {
            self.pos = p;
            return Err(self.err("invalid number"));
        }
        let whole = total;
        if b.get(p) == Some(&b'.') {
            p += 1;
            if !scan_digits(b, &mut p, &mut value, &mut total) {
                self.pos = p;
                return Err(self.err("invalid number: digits expected after '.'"));
            }
        }
        let fraction = total - whole;
        let mut exponent = false;
        if let Some(b'e' | b'E') = b.get(p) {
            exponent = true;
            p += 1;
            if let Some(b'+' | b'-') = b.get(p) {
                p += 1;
            }
            if !scan_digits(b, &mut p, &mut 0, &mut 0) {
                self.pos = p;
                return Err(self.err("invalid number: digits expected in exponent"));
            }
        }
        self.pos = p;
        // A plain decimal (`-116.443198`: no exponent, at most 15 digits): its digits as an
        // integer divided by a power of ten. Both are exact doubles, so the division is rounded
        // once, correctly: the number `str::parse` gives (Clinger's fast path), at a fraction of
        // the cost; coordinates are nearly all like this.
        const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
        if !exponent
            && total <= 15
            && let Some(scale) = POW10.get(fraction)
        {
            let x = value as f64 / scale;
            return Ok(if negative { -x } else { x });
        }
        let x = self.src.get(start..p).and_then(|t| t.parse::<f64>().ok()).ok_or_else(|| JsonError { at: start, message: "invalid number".into() })?;
        // 1e400 reads as infinity: refuse it as serde_json does rather than carry it along.
        if x.is_finite() { Ok(x) } else { Err(JsonError { at: start, message: "number out of range".into() }) }
    }
}

/// Skip the digits at `p`, adding them to `value` (while it has fewer than 16) and to the count
/// `total`; false when there is none.
fn scan_digits(b: &[u8], p: &mut usize, value: &mut u64, total: &mut usize) -> bool {
    let s = *p;
    while let Some(&c) = b.get(*p).filter(|c| c.is_ascii_digit()) {
        if *total < 16 {
            *value = *value * 10 + u64::from(c - b'0');
        }
        *total += 1;
        *p += 1;
    }
    *p > s
}

/// Byte offsets of the positions in the array of positions starting at `at` (to locate a
/// problem found after the fast path read it).
pub fn position_offsets(src: &str, at: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0;
    for (i, b) in src.bytes().enumerate().skip(at) {
        match b {
            b'[' => {
                depth += 1;
                if depth == 2 {
                    out.push(i);
                }
            }
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(t: &str) -> Option<f64> {
        parse(t).ok().and_then(|j| j.as_f64())
    }

    /// The one-pass reading gives the bits `str::parse` gives, on the quick path (plain
    /// decimals of up to 15 digits) and off it (more digits, exponents).
    #[test]
    fn numbers_read_as_parse_reads_them() {
        for t in [
            "0", "-0", "116.443198", "-39.871995", "0.1", "123456789012345", "1.23456789012345", "99.999999999999", "-0.000001", "180.0000001", "1234567890123456",
            "12345678901234567890123", "0.30000000000000004", "1e5", "-2.5E-3", "9007199254740993", "0.000000000000000000001",
        ] {
            assert_eq!(number(t).map(f64::to_bits), t.parse::<f64>().ok().map(f64::to_bits), "{t}");
        }
        for bad in ["7.", "-", "01", "1e", "1.e5", "--1", "+1"] {
            assert_eq!(number(bad), None, "{bad}");
        }
        // Every coordinate of a real file, both ways.
        let src = std::fs::read_to_string(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("assets/boundaries/baoji.geojson"))
            .expect("the bundled baoji.geojson");
        let mut n = 0;
        for t in src.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).filter(|t| t.contains('.')) {
            assert_eq!(number(t).map(f64::to_bits), t.parse::<f64>().ok().map(f64::to_bits), "{t}");
            n += 1;
        }
        assert!(n > 10_000, "{n}");
    }

    #[test]
    fn parses_values_with_offsets() {
        let j = parse(r#" {"a": [1, -2.5e1, true, null], "b": "x\u00e9\n"} "#).unwrap();
        let a = j.get("a").unwrap();
        assert_eq!(a.at, 7);
        assert_eq!(a.as_array().unwrap()[1].as_f64(), Some(-25.0));
        assert_eq!(j.get("b").unwrap().as_str(), Some("xé\n"));
    }

    #[test]
    fn rejects_bad_json_with_location() {
        for (src, at) in [("{\"a\": }", 6), ("[1, 2", 5), ("01", 1), ("{\"a\":1} x", 8), ("\"abc", 4), ("[1,]", 3)] {
            let e = parse(src).unwrap_err();
            assert_eq!(e.at, at, "{src}: {}", e.message);
        }
    }

    #[test]
    fn arrays_of_positions_take_the_fast_path_and_bad_ones_do_not() {
        let j = parse("[[1, 2], [3.5, -4e1, 9]]").unwrap();
        assert_eq!(j.as_points(), Some(&[[1.0, 2.0], [3.5, -40.0]][..]));
        let j = parse("[[1, 2], [3]]").unwrap();
        assert_eq!(j.as_array().map(<[Json]>::len), Some(2), "a short position is kept for the validator");
        assert_eq!(parse("[[1, 2], [3, x]]").unwrap_err().at, 13, "syntax errors keep their place");
    }

    /// Byte offsets of the positions inside an array read by the fast path.
    #[test]
    fn position_offsets_are_recovered() {
        let src = "[ [1,2],\n [3,4] ]";
        assert_eq!(position_offsets(src, 0), vec![2, 10]);
    }

    #[test]
    fn items_are_found_past_braces_and_quotes_inside_strings() {
        let src = r#"{"type":"FeatureCollection","name":"a{b","features":[ {"p":"}\"{"}, {"q":[1,{"r":2}]} ,3,"x]"] }"#;
        let b = src.as_bytes();
        let array = member_array_start(b, "features").unwrap();
        assert_eq!(&src[array..array + 2], "[ ");
        let first = after_whitespace(b, array + 1);
        let end = object_end(b, first).unwrap();
        assert_eq!(&src[first..end], r#"{"p":"}\"{"}"#);
        let second = after_whitespace(b, end + 1);
        let end = object_end(b, second).unwrap();
        assert_eq!(parse_item(src, second..end, usize::MAX).unwrap().root.get("q").map(Json::kind_name), Some("an array"));
        assert!(object_end(br#"{"a":"}"#, 0).is_none(), "a cut object: read more");
        assert!(member_array_start(br#"{"type":"FeatureCollection","featu"#, "features").is_none(), "a cut text: read more");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "[".repeat(100_000);
        assert!(parse(&src).unwrap_err().message.contains("nested"));
    }
}
