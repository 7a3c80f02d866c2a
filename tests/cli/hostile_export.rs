//! Careless export commands (issue 13, defects 4 and 5, and `--step`): an export never writes
//! over its input or a layout, never half a file, and refuses sizes it cannot hold in memory
//! with a message instead of an abort.

use crate::binary::*;
use crate::support::*;

const TWO_GB_KIB: u64 = 2_000_000;

/// Defect 4: `--boundaries b.geojson --color-by name --out b.geojson` replaced the input with
/// PNG bytes; `--out layouts/baoji.toml` destroyed a layout.
#[test]
fn export_never_writes_over_an_input_or_a_layout() {
    let dir = scratch("export-inputs");
    let b = dir.join("b.geojson");
    std::fs::copy(baoji_boundaries(), &b).unwrap();
    let before = std::fs::read(&b).unwrap();
    let run = planmap(&["export", "--boundaries", b.to_str().unwrap(), "--color-by", "name", "--out", b.to_str().unwrap(), "--size", "200x200"], None, 60);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("input of this export") || run.stderr.contains("the output must end in .png or .svg"), "{}", run.stderr);
    assert_eq!(std::fs::read(&b).unwrap(), before, "the input is intact");

    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let layout_before = std::fs::read(&layout).unwrap();
    let run = planmap(&["export", layout.to_str().unwrap(), "--out", layout.to_str().unwrap()], None, 60);
    assert_eq!(run.code, Some(1));
    assert_eq!(std::fs::read(&layout).unwrap(), layout_before, "the layout is intact");

    // A .png name that is the layout under another name (a link) is still the layout.
    #[cfg(unix)]
    {
        let link = dir.join("map.png");
        std::os::unix::fs::symlink(&layout, &link).unwrap();
        let run = planmap(&["export", layout.to_str().unwrap(), "--out", link.to_str().unwrap(), "--size", "200x150"], None, 60);
        assert_eq!(run.code, Some(1));
        assert!(run.stderr.contains("the output is an input of this export"), "{}", run.stderr);
        assert_eq!(std::fs::read(&layout).unwrap(), layout_before);
    }
}

/// Writes go through a temporary file and a rename: none is left behind, and an export that
/// fails leaves the previous image whole.
#[test]
fn exports_are_atomic() {
    let dir = scratch("export-atomic");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let out = dir.join("map.png");
    let run = planmap(&["export", layout.to_str().unwrap(), "--out", out.to_str().unwrap(), "--size", "320x240"], None, 120);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let first = std::fs::read(&out).unwrap();
    assert!(first.starts_with(b"\x89PNG"));
    // Fails after reading the layout (a step it does not have): the old image stays.
    let run = planmap(&["export", layout.to_str().unwrap(), "--out", out.to_str().unwrap(), "--size", "320x240", "--step", "99"], None, 120);
    assert_eq!(run.code, Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), first);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().contains(".tmp-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Defect 5: `--scale 100` aborted ("memory allocation of 76800000000 bytes failed") and
/// `--size 20000x20000` peaked at 3.1 GB. Both are refused up front with the limit named.
#[test]
fn sizes_beyond_memory_are_refused_with_the_limit() {
    let dir = scratch("export-size");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let out = dir.join("map.png");
    let (l, o) = (layout.to_str().unwrap(), out.to_str().unwrap());
    let run = planmap(&["export", l, "--out", o, "--scale", "100"], Some(TWO_GB_KIB), 60);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("--scale must be more than 0 and at most 16"), "{}", run.stderr);
    let run = planmap(&["export", l, "--out", o, "--size", "20000x20000"], Some(TWO_GB_KIB), 60);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("400 million pixels; planmap writes PNGs of at most 100 million"), "{}", run.stderr);
    let run = planmap(&["export", l, "--out", o, "--size", "8000x8000", "--scale", "2"], Some(TWO_GB_KIB), 60);
    assert!(run.stderr.contains("256 million pixels"), "{}", run.stderr);
    for scale in ["0", "-1", "NaN", "inf"] {
        let run = planmap(&["export", l, "--out", o, &format!("--scale={scale}")], None, 60);
        assert_eq!(run.code, Some(1), "--scale {scale}");
    }
    assert!(!out.exists());
}

/// `--step 0` and `--step 99` exited 0 silently.
#[test]
fn a_step_out_of_range_is_an_error() {
    let dir = scratch("export-step");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let out = dir.join("map.svg");
    for step in ["0", "99"] {
        let run = planmap(&["export", layout.to_str().unwrap(), "--out", out.to_str().unwrap(), "--step", step], None, 60);
        assert_eq!(run.code, Some(1), "--step {step}");
        assert!(run.stderr.contains("this layout has steps 1 to"), "{}", run.stderr);
    }
    assert!(!out.exists());
}

/// A 10 MB title took 18 s and 1 GB to export: it is cut to a line before layout.
#[test]
fn a_runaway_title_is_cut() {
    let dir = scratch("export-title");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s.replacen("title = \"", &format!("title = \"{}", "长".repeat(3_000_000)), 1));
    let out = dir.join("map.svg");
    let run = planmap(&["export", layout.to_str().unwrap(), "--out", out.to_str().unwrap(), "--size", "400x300"], Some(TWO_GB_KIB), 120);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let svg = std::fs::read_to_string(&out).unwrap();
    // The map itself is ≈200 KB; the title adds at most a line wherever it is cited.
    let kept = svg.matches('长').count();
    assert!(kept < 1_000 && svg.len() < 400_000 && svg.contains("长长长…"), "{kept} characters kept, {} bytes", svg.len());
}

/// Issue 20, defect 9: `export LAYOUT --out X.geojson` where X.geojson is the layout's
/// `document` replaced the plan's text. The document is an input too.
#[test]
fn export_never_writes_over_the_layouts_document() {
    let dir = scratch("export-document");
    let plan = dir.join("plan.geojson");
    std::fs::write(&plan, "the plan's text").unwrap();
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| {
        let line = s.lines().find(|l| l.starts_with("document =")).expect("a document line").to_string();
        s.replacen(&line, "document = \"plan.geojson\"", 1)
    });
    let run = planmap(&["export", layout.to_str().unwrap(), "--out", plan.to_str().unwrap()], None, 60);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("the output is an input of this export"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "the plan's text");
}
