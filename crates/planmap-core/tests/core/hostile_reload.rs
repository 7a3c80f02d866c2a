//! Defect 6 (issue 13): when an external edit changed a layout's `boundaries =`, the window
//! reloaded the plan but kept the old boundaries. The reload logic lives in `Document` (the
//! window only calls it), so it is tested here without a window.

use crate::support::*;
use planmap_core::document::Document;

/// A copy of the Baoji boundaries with one county renamed (a corrected file).
fn renamed_copy(to: &std::path::Path, new_name: &str) {
    let src = std::fs::read_to_string(baoji_boundaries()).unwrap();
    assert!(src.contains("\"眉县\""));
    std::fs::write(to, src.replace("\"眉县\"", &format!("\"{new_name}\""))).unwrap();
}

fn name_of(doc: &Document, adcode: &str) -> String {
    doc.boundaries.get(adcode).map(|f| f.name.clone()).unwrap_or_default()
}

#[test]
fn a_changed_boundaries_line_reads_the_new_file() {
    let dir = scratch("reload-line");
    let first = dir.join("first.geojson");
    let second = dir.join("second.geojson");
    std::fs::copy(baoji_boundaries(), &first).unwrap();
    renamed_copy(&second, "眉县（新）");
    let layout = baoji_in(&dir, &first, |s| s);
    let (mut doc, _) = Document::open(&layout).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(name_of(&doc, "610326"), "眉县");

    // Another editor points the layout at the second file.
    let text = std::fs::read_to_string(&layout).unwrap().replace("first.geojson", "second.geojson");
    std::fs::write(&layout, &text).unwrap();
    let warnings = doc.take_disk_version(&text).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(doc.boundaries_path.as_deref(), Some(second.as_path()));
    assert_eq!(name_of(&doc, "610326"), "眉县（新）", "the new boundary file is read");
    // The layout still says 眉县: check's warning, now from the window too.
    assert!(warnings.iter().any(|w| w.message.contains("disagrees with the boundary file")), "{warnings:?}");
    assert_eq!(doc.editor.as_ref().unwrap().text(), text);
}

#[test]
fn a_boundaries_line_naming_a_bad_file_changes_nothing() {
    let dir = scratch("reload-bad");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let (mut doc, _) = Document::open(&layout).unwrap_or_else(|d| panic!("{d:?}"));
    let old_text = doc.editor.as_ref().unwrap().text().to_string();
    let text = old_text.replace("baoji.geojson", "qujing.geojson");
    let errors = doc.take_disk_version(&text).unwrap_err();
    assert!(errors.iter().any(|d| d.message.contains("unknown adcode")), "{errors:?}");
    assert_eq!(doc.boundaries_path.as_deref(), Some(baoji_boundaries().as_path()));
    assert_eq!(doc.editor.as_ref().unwrap().text(), old_text, "the last good state stays");
}

#[test]
fn a_changed_boundary_file_is_noticed_and_read_again() {
    let dir = scratch("reload-file");
    let b = dir.join("b.geojson");
    std::fs::copy(baoji_boundaries(), &b).unwrap();
    let layout = baoji_in(&dir, &b, |s| s);
    let (mut doc, _) = Document::open(&layout).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(!doc.boundaries_changed_on_disk());
    renamed_copy(&b, "眉县（改）");
    assert!(doc.boundaries_changed_on_disk(), "size changed");
    doc.reload_boundaries().unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(name_of(&doc, "610326"), "眉县（改）");
    assert!(!doc.boundaries_changed_on_disk());
    // A broken version is reported once and changes nothing.
    std::fs::write(&b, "{ not json").unwrap();
    assert!(doc.boundaries_changed_on_disk());
    assert!(doc.reload_boundaries().is_err());
    assert_eq!(name_of(&doc, "610326"), "眉县（改）");
    assert!(!doc.boundaries_changed_on_disk());
}
