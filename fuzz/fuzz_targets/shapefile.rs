//! The Shapefile reader on any set of files: NAME.shp with (each optional) .shx, .dbf, .prj
//! and .cpg, written to a scratch folder and read as planmap reads them. No panic, abort or
//! hang; a rejected set has an error naming one of its files.
//!
//! Input: one flag byte (bit k: part k+1 is there: shx, dbf, prj, cpg), then the .shp and each
//! part present as a 4-byte little-endian length and that many bytes (cut to what is left).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("planmap-fuzz-shp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// The next part: a 4-byte length, then the bytes (cut to what is left).
fn take<'a>(data: &mut &'a [u8]) -> &'a [u8] {
    let Some((len, rest)) = data.split_first_chunk::<4>() else {
        let all = *data;
        *data = &[];
        return all;
    };
    let n = (u32::from_le_bytes(*len) as usize).min(rest.len());
    let (part, rest) = rest.split_at(n);
    *data = rest;
    part
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, mut rest)) = data.split_first() else { return };
    let dir = folder();
    let shp = dir.join("fuzz.shp");
    let _ = std::fs::write(&shp, take(&mut rest));
    for (bit, ext) in ["shx", "dbf", "prj", "cpg"].into_iter().enumerate() {
        let path = dir.join(format!("fuzz.{ext}"));
        if flags & (1 << bit) != 0 {
            let _ = std::fs::write(&path, take(&mut rest));
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
    let (features, _, diags) = planmap::io::shapefile::load(&shp, &planmap::io::ReadOptions::default());
    for d in &diags {
        assert!(!d.message.is_empty() && d.file.starts_with(dir));
    }
    if features.is_none() {
        assert!(diags.iter().any(|d| d.is_error()), "rejected without an error");
    }
});
