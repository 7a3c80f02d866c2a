//! The GeoJSON boundary reader on any text: no panic, no hang, every message located inside
//! the text, at most 100 messages and a closing count.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let (boundaries, diags) = planmap::io::parse_boundaries(src, Path::new("fuzz.geojson"));
    let lines = src.split('\n').count();
    assert!(diags.len() <= planmap::model::MAX_MESSAGES + 1);
    for d in &diags {
        assert!(d.line <= lines, "{d} beyond line {lines}");
        assert!(!d.message.is_empty());
    }
    if boundaries.is_none() {
        assert!(diags.iter().any(|d| d.is_error()), "rejected without an error");
    }
    // The JSON reader alone must agree with itself on a second read.
    let _ = planmap::io::json::parse(src);
});
