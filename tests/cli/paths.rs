//! Chinese folder and file names (中文路径) with spaces, as planners' desktops have them: check,
//! show, export, new, save, recovery and file watching work there, and the paths planmap prints
//! are plain (on Windows without the `\\?\` prefix that canonicalize adds).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `<temp>/planmap 中文路径 <pid>-<name>/规划 资料/` holding the Baoji layout as `宝鸡 布局.toml`
/// and its boundaries beside it as `宝鸡 边界.geojson`.
fn baoji_in_chinese_folder(name: &str) -> PathBuf {
    let top = std::env::temp_dir().join(format!("planmap 中文路径 {}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&top);
    let dir = top.join("规划 资料");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join("assets/boundaries/baoji.geojson"), dir.join("宝鸡 边界.geojson")).unwrap();
    let src = std::fs::read_to_string(root().join("layouts/baoji.toml")).unwrap();
    let src = src.replace("\"../assets/boundaries/baoji.geojson\"", "\"宝鸡 边界.geojson\"");
    assert!(src.contains("宝鸡 边界.geojson"), "the bundled layout names its boundaries as expected");
    let layout = dir.join("宝鸡 布局.toml");
    std::fs::write(&layout, src).unwrap();
    layout
}

fn planmap(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planmap")).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn check_show_and_every_export_work_in_a_chinese_folder_with_spaces() {
    let layout = baoji_in_chinese_folder("cli");
    let dir = layout.parent().unwrap();
    let run = planmap(&[Path::new("check"), &layout]);
    assert!(run.status.success(), "{}", text(&run));
    let run = planmap(&[Path::new("show"), &layout, Path::new("眉县")]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("眉县"), "{}", text(&run));
    for (out, extra) in [("地图 导出.png", None), ("地图 导出.svg", None), ("地图 导出.geojson", None), ("指标 图.png", Some("--indicators"))] {
        let out = dir.join(out);
        let mut args = vec![Path::new("export"), &layout, Path::new("--out"), &out, Path::new("--size"), Path::new("400x300")];
        args.extend(extra.map(Path::new));
        let run = planmap(&args);
        assert!(run.status.success(), "{}: {}", out.display(), text(&run));
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{} written", out.display());
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(said.contains("导出") || said.contains(" 图"), "the written path is printed as it is: {said}");
        assert!(!said.contains(r"\\?\"), "no verbatim prefix: {said}");
    }
}

#[test]
fn new_writes_a_layout_and_its_boundaries_into_a_chinese_folder_with_spaces() {
    let layout = baoji_in_chinese_folder("new");
    let out = layout.parent().unwrap().join("新 布局").join("眉县 布局.toml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    let run = planmap(&[Path::new("new"), Path::new("眉县"), Path::new("--out"), &out]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(out.is_file(), "{}", text(&run));
    let run = planmap(&[Path::new("check"), &out]);
    assert!(run.status.success(), "the new layout checks: {}", text(&run));
}

#[test]
fn save_recovery_and_reload_work_in_a_chinese_folder_with_spaces() {
    let path = baoji_in_chinese_folder("save");
    let layout = planmap::io::load_layout(&path).unwrap();
    let mut editor = planmap::document::editor::Editor::new(&path, &layout.src).unwrap();
    let edited = layout.src.replace("title = \"健康医疗服务中心\"", "title = \"健康医疗服务中心（改）\"");
    assert_ne!(edited, layout.src);
    editor.replace_all(&edited, &layout.boundaries).unwrap();
    assert!(editor.autosave().unwrap(), "unsaved edits are copied to the recovery file");
    assert_eq!(planmap::document::editor::pending_recovery(&path).as_deref(), Some(edited.as_str()));
    editor.save(None).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert!(planmap::document::editor::pending_recovery(&path).is_none(), "the recovery file is gone after saving");
    // An outside edit is noticed as a change on disk.
    let outside = edited.replace("（改）", "（外部）");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &outside).unwrap();
    assert_eq!(editor.disk_change().as_deref(), Some(outside.as_str()));
}

#[test]
fn the_file_watcher_reports_changes_in_a_chinese_folder_with_spaces() {
    use notify::Watcher;
    let path = baoji_in_chinese_folder("watch");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    watcher.watch(path.parent().unwrap(), notify::RecursiveMode::NonRecursive).unwrap();
    planmap::io::save::atomic_write(&path, b"# changed\n").unwrap();
    let name = path.file_name().unwrap();
    // Events for other names (the temporary file) come first; a hang guard, not a speed test.
    let seen = (0..50)
        .filter_map(|_| rx.recv_timeout(std::time::Duration::from_secs(1)).ok())
        .filter_map(Result::ok)
        .any(|e| planmap::document::editor::is_content_change(&e.kind) && e.paths.iter().any(|p| p.file_name() == Some(name)));
    assert!(seen, "a change to {} was reported", path.display());
}

#[test]
fn the_bundled_layouts_folder_is_found_and_printed_without_a_verbatim_prefix() {
    let dir = planmap::ui::app::layouts_dir();
    assert!(dir.join("baoji.toml").is_file(), "{}", dir.display());
    assert!(!dir.to_string_lossy().starts_with(r"\\?\"), "{}", dir.display());
}
