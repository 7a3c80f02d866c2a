//! The FlatGeobuf reader on any bytes: no panic, no abort (an allocation from a size the file
//! claims), no hang; a rejected file has an error naming it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.fgb");
    let (features, _, diags) = planmap::io::flatgeobuf::parse(data, file, &planmap::io::ReadOptions::default());
    for d in &diags {
        assert!(!d.message.is_empty() && d.file == file);
    }
    match features {
        None => assert!(diags.iter().any(|d| d.is_error()), "rejected without an error"),
        // Never more features than the bytes could hold (a size prefix and a buffer each).
        Some(f) => assert!(f.len() <= data.len() / 4, "{} features from {} bytes", f.len(), data.len()),
    }
});
