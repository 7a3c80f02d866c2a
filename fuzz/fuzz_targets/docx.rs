//! The plan-text reader on any bytes as a .docx (a zip of WordprocessingML with numbering and
//! styles): no panic, no abort, no runaway output (list numbers, zip bombs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = planmap::io::plan_text::decode(data, "fuzz.docx", true) {
        // Text comes from inflated XML that is capped; numbers add a few characters a paragraph.
        assert!(t.text.len() <= (300 << 20), "{} bytes of text", t.text.len());
    }
    // The same bytes as a plain text file.
    let _ = planmap::io::plan_text::decode(data, "fuzz.txt", false);
});
