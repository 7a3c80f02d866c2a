//! The layout reader and validator on any text, against the Baoji boundaries: no panic, every
//! message located inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn boundaries() -> &'static planmap::model::Boundaries {
    static B: OnceLock<planmap::model::Boundaries> = OnceLock::new();
    B.get_or_init(|| {
        let src = include_str!("../../assets/boundaries/baoji.geojson");
        planmap::io::parse_boundaries(src, Path::new("baoji.geojson")).0.unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let file = Path::new("fuzz.toml");
    let lines = src.split('\n').count();
    match planmap::io::parse_layout(src, file) {
        Err(d) => assert!(d.line <= lines && d.is_error()),
        Ok(plan) => {
            let diags = planmap::model::validate(&plan, src, file, Some(boundaries()));
            assert!(diags.len() <= planmap::model::MAX_MESSAGES + 1);
            for d in &diags {
                assert!(d.line <= lines, "{d}");
            }
            // What the window and `show` do with a plan that loaded.
            let _ = planmap::model::steps(&plan);
            let _ = planmap::model::search(&plan, Some(boundaries()), "县");
            let _ = planmap::document::editor::Editor::new(file, src);
        }
    }
});
