//! The drafter on any text, for one region (宝鸡市): no panic; every quote is a piece of the
//! text (nothing invented), and the draft becomes a layout that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planmap::draft::{self, Gazetteer};
use std::sync::OnceLock;

fn region() -> &'static draft::Region {
    static R: OnceLock<draft::Region> = OnceLock::new();
    R.get_or_init(|| planmap::draft::china::ChinaGazetteer::new().and_then(|g| g.find("宝鸡市")).expect("宝鸡市 is in the bundle"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let d = draft::draft(text, region());
    for s in &d.structures {
        for span in &s.group.spans {
            assert!(text.get(span.clone()).is_some(), "a span outside the text: {span:?}");
        }
    }
    let plan = draft::to_layout::to_plan(&d, region(), "fuzz.txt", "fuzz.geojson");
    let toml = draft::to_layout::to_toml(&plan, "fuzz.txt");
    assert!(planmap::io::parse_layout(&toml, std::path::Path::new("fuzz.toml")).is_ok(), "the draft does not parse:\n{toml}");
});
