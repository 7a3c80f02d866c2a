//! Shared by every test binary (core, cli, ui): where the project and ../shared are, scratch
//! folders, a copy of a bundled layout whose boundaries path is absolute.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project's root (the workspace, holding layouts/ and assets/), from the app's or the
/// core crate's manifest folder.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().find(|p| p.join("layouts").is_dir() && p.join("assets").is_dir()).unwrap_or(manifest).to_path_buf()
}

/// A folder of ../shared (seeds, plans-dev): the test fails, loudly, when it is missing, so a
/// test over every seed cannot pass by finding none.
pub fn shared(sub: &str) -> PathBuf {
    let dir = root().join("../shared").join(sub);
    assert!(dir.is_dir(), "{} is missing: these tests need ../shared beside the project (see README)", dir.display());
    dir
}

/// A fresh scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The Baoji layout written into `dir` as `layout.toml`, its `boundaries` replaced by
/// `boundaries` (absolute) and `edit` applied to the text.
pub fn baoji_in(dir: &Path, boundaries: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let src = std::fs::read_to_string(root().join("layouts/baoji.toml")).unwrap();
    let src = src.replace("\"../assets/boundaries/baoji.geojson\"", &format!("{:?}", boundaries.to_str().unwrap()));
    let path = dir.join("layout.toml");
    std::fs::write(&path, edit(src)).unwrap();
    path
}

pub fn baoji_boundaries() -> PathBuf {
    root().join("assets/boundaries/baoji.geojson")
}

/// Make a FIFO (named pipe) at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Baoji's layout text as a user might edit it, for the comparison tests: 生态温泉森林康养服务区
/// renamed 生态温泉康养服务区, 陈仓区 dropped from 一核心 and 岐山县 added to it.
pub fn edited_baoji(src: &str) -> String {
    let renamed = src.replacen("name = \"生态温泉森林康养服务区\"", "name = \"生态温泉康养服务区\"", 1);
    let chencang = "  [[structures.members]]\n  adcode = \"610304\"\n  name = \"陈仓区\"\n";
    let dropped = renamed.replacen(chencang, "  [[structures.members]]\n  adcode = \"610323\"\n  name = \"岐山县\"\n", 1);
    assert!(renamed != src && dropped != renamed, "layouts/baoji.toml no longer has the text these tests edit");
    dropped
}
