//! Differential test of planmap's JSON reader (src/io/json.rs, which keeps every value's
//! offset) against serde_json: on valid JSON both give the same structure and the same
//! numbers; on broken JSON both reject. Inputs are random documents and random mutations of
//! them, from a fixed seed (the same cases on every run).

use planmap_core::io::json::{Json, Kind, parse};
use serde_json::Value;

/// xorshift64*: a small deterministic generator, so a failure is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn number(r: &mut Rng) -> String {
    match r.below(8) {
        0 => format!("{}", r.below(1000)),
        1 => format!("-{}", r.next()),
        2 => format!("{}.{}", r.below(200), r.below(1_000_000)),
        3 => format!("-{}.{}e{}", r.below(10), r.below(100), r.below(40) as i64 - 20),
        4 => format!("{}E+{}", r.below(10), r.below(300)),
        5 => "0".into(),
        6 => format!("1{}", "0".repeat(r.below(30) as usize)),
        _ => format!("{:.6}", (r.next() as f64 / u64::MAX as f64) * 360.0 - 180.0),
    }
}

fn string(r: &mut Rng) -> String {
    const PIECES: [&str; 14] = ["a", "宝鸡", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", " ", "\\/", "adcode", "\\t", "😀", "\\ud83d", "\\ude00"];
    let n = r.below(6);
    let body: String = (0..n).map(|_| PIECES[r.below(PIECES.len() as u64) as usize]).collect();
    format!("\"{body}\"")
}

/// A random JSON document; positions ([x, y]) come often, as in GeoJSON.
fn value(r: &mut Rng, depth: u32) -> String {
    let ws = |r: &mut Rng| [" ", "", "\n", "\t", "\r\n  "][r.below(5) as usize].to_string();
    match if depth > 6 { r.below(4) } else { r.below(9) } {
        0 => number(r),
        1 => string(r),
        2 => ["true", "false", "null"][r.below(3) as usize].into(),
        3 => format!("[{}, {}]", number(r), number(r)),
        4 | 5 => {
            let n = r.below(5);
            let items: Vec<String> = (0..n).map(|_| format!("{}{}{}", ws(r), value(r, depth + 1), ws(r))).collect();
            format!("[{}]", items.join(","))
        }
        6 => {
            let n = r.below(4);
            let items: Vec<String> = (0..n).map(|_| format!("[{}, {}]", number(r), number(r))).collect();
            format!("[{}]", items.join(", "))
        }
        _ => {
            let n = r.below(5);
            let items: Vec<String> = (0..n).map(|_| format!("{}{}{}:{}{}", ws(r), string(r), ws(r), ws(r), value(r, depth + 1))).collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

/// Same structure and numbers. Our reader keeps repeated keys in order (the last counts, as
/// in serde_json) and reads arrays of positions as [x, y] pairs (extra values dropped).
fn same(ours: &Json, theirs: &Value) -> Result<(), String> {
    match (&ours.kind, theirs) {
        (Kind::Null, Value::Null) => Ok(()),
        (Kind::Bool(a), Value::Bool(b)) if a == b => Ok(()),
        (Kind::Num(a), Value::Number(b)) if Some(*a) == b.as_f64() => Ok(()),
        (Kind::Str(a), Value::String(b)) if a == b => Ok(()),
        (Kind::Arr(a), Value::Array(b)) if a.len() == b.len() => a.iter().zip(b).try_for_each(|(x, y)| same(x, y)),
        (Kind::Points(a), Value::Array(b)) if a.len() == b.len() => a.iter().zip(b).try_for_each(|(p, q)| {
            let q: Vec<f64> = q.as_array().map(|q| q.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
            if q.len() >= 2 && q[0] == p[0] && q[1] == p[1] { Ok(()) } else { Err(format!("position {p:?} vs {q:?}")) }
        }),
        (Kind::Obj(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            if keys.len() != b.len() {
                return Err(format!("{} keys vs {}", keys.len(), b.len()));
            }
            keys.iter().try_for_each(|k| match (ours.get(k), b.get(*k)) {
                (Some(x), Some(y)) => same(x, y),
                _ => Err(format!("key {k} missing")),
            })
        }
        _ => Err(format!("{:?} vs {theirs}", ours.kind)),
    }
}

#[test]
fn valid_json_reads_the_same_as_serde_json() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut valid = 0;
    for case in 0..20_000 {
        let src = value(&mut r, 0);
        let Ok(theirs) = serde_json::from_str::<Value>(&src) else {
            // Only a lone surrogate escape makes the generator's output invalid.
            assert!(parse(&src).is_err(), "case {case}: {src}");
            continue;
        };
        valid += 1;
        let ours = parse(&src).unwrap_or_else(|e| panic!("case {case}: {src}\nrejected: {} at {}", e.message, e.at));
        if let Err(why) = same(&ours, &theirs) {
            panic!("case {case}: {src}\n{why}");
        }
    }
    assert!(valid > 10_000, "{valid} valid documents");
}

#[test]
fn broken_json_is_rejected_by_both() {
    const NOISE: [&str; 14] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "-", ".", "e", "0", "\u{1}", "tru"];
    let mut r = Rng(0xD1B5_4A32_D192_ED03);
    let (mut agreed_bad, mut agreed_good) = (0, 0);
    for case in 0..30_000 {
        let mut src = value(&mut r, 0);
        for _ in 0..=r.below(3) {
            let at = (0..=src.len()).filter(|&i| src.is_char_boundary(i)).nth(r.below(src.len() as u64 + 1) as usize).unwrap_or(0);
            match r.below(3) {
                0 => src.insert_str(at, NOISE[r.below(NOISE.len() as u64) as usize]),
                1 => {
                    if let Some(c) = src.get(at..).and_then(|s| s.chars().next()) {
                        src.replace_range(at..at + c.len_utf8(), "");
                    }
                }
                _ => src.truncate(at),
            }
        }
        let theirs = serde_json::from_str::<Value>(&src);
        let ours = parse(&src);
        match (&ours, &theirs) {
            (Err(_), Err(_)) => agreed_bad += 1,
            (Ok(o), Ok(t)) => {
                if let Err(why) = same(o, t) {
                    panic!("case {case}: {src:?}\n{why}");
                }
                agreed_good += 1;
            }
            (Ok(_), Err(e)) => panic!("case {case}: {src:?} accepted by planmap, rejected by serde_json: {e}"),
            (Err(e), Ok(_)) => panic!("case {case}: {src:?} rejected by planmap ({} at {}), accepted by serde_json", e.message, e.at),
        }
    }
    assert!(agreed_bad > 10_000 && agreed_good > 1_000, "both kinds were exercised: {agreed_bad} bad, {agreed_good} good");
}

#[test]
fn numbers_out_of_range_are_rejected_like_serde_json() {
    for src in ["1e400", "-1e400", "[1e999, 0]"] {
        assert!(serde_json::from_str::<Value>(src).is_err());
        assert!(parse(src).is_err(), "{src}");
    }
}
