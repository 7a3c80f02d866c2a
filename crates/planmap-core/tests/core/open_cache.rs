//! The open cache as the window uses it: a large boundary file opened a second time comes from
//! the cache, the same document; changed on disk, it is parsed again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use planmap_core::document::{Document, cache};

/// Baoji's counties with a note property long enough to make the file as large as the cache
/// is for.
fn large_copy(dir: &Path) -> PathBuf {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/boundaries/baoji.geojson")).unwrap();
    let pad = "x".repeat(cache::MIN_BYTES as usize);
    let at = src.find("\"properties\":{").expect("a feature with properties") + "\"properties\":{".len();
    let text = format!("{}\"note\":\"{pad}\",{}", &src[..at], &src[at..]);
    let path = dir.join("large.geojson");
    std::fs::write(&path, text).unwrap();
    path
}

fn wait_for_entry(dir: &Path) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        let written = std::fs::read_dir(dir).is_ok_and(|l| l.flatten().any(|e| e.path().extension().is_some_and(|x| x == "pmcache")));
        if written {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_large_file_opened_again_comes_from_the_cache() {
    let dir = std::env::temp_dir().join(format!("planmap-open-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cache_dir = dir.join("cache");
    let path = large_copy(&dir);
    cache::override_dir(Some(cache_dir.clone()));
    let none = &planmap_core::io::progress::NONE;

    let (first, _) = Document::open_with(&path, false, none).expect("opens");
    assert!(!first.from_cache);
    assert!(wait_for_entry(&cache_dir), "the window's open leaves an entry behind");
    let (again, _) = Document::open_with(&path, false, none).expect("opens again");
    assert!(again.from_cache, "the second open takes the entry");
    assert_eq!(again.boundaries.features.len(), first.boundaries.features.len());
    assert_eq!(again.scene.bounds, first.scene.bounds);
    assert_eq!(again.color_by, first.color_by);
    assert_eq!(again.neighbours(), first.neighbours(), "the palette's neighbours come with it");
    let colours = |d: &Document| d.fill.pieces.iter().map(|p| (p.feature, p.color)).collect::<Vec<_>>();
    assert_eq!(colours(&again), colours(&first), "the same colours");
    assert!(colours(&first).len() >= 12);

    // The file changed on disk (a corrected county name): parsed again, the new name shown.
    let text = std::fs::read_to_string(&path).unwrap().replacen("渭滨区", "渭滨新区", 1);
    std::fs::write(&path, text).unwrap();
    let (changed, _) = Document::open_with(&path, false, none).expect("opens");
    assert!(!changed.from_cache);
    assert!(changed.boundaries.features.iter().any(|f| f.name == "渭滨新区"));
    cache::override_dir(None);
    let _ = std::fs::remove_dir_all(&dir);
}
