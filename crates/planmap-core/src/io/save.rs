//! Atomic saves: write a temporary file beside the target, flush it to disk, rename it over the
//! target, then flush the folder. A crash or kill at any moment leaves the old file or the new
//! one, whole — never a mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or("file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        replace_with(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Put the flushed temporary `tmp` (beside `path`) in the place of `path` in one rename,
/// keeping the permissions of the file it replaces, and make the rename durable.
pub fn replace_with(tmp: &Path, path: &Path) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(path) {
        // Keep the file's permissions (a shared layout may be group-writable).
        let _ = fs::set_permissions(tmp, meta.permissions());
    }
    fs::rename(tmp, path)?;
    // The temporaries of earlier saves of this file that were killed (kill -9, power).
    clean_dead_temps_of(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself is durable only once the folder is flushed.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Whether `name` is one of `atomic_write`'s temporary files: `.NAME.tmp-PID`.
pub fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else { return false };
    match rest.rsplit_once(".tmp-") {
        Some((target, pid)) => !target.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

/// Temporary files older than this are left over from a save that was killed (a save takes
/// milliseconds), so they can go.
pub const STALE_TEMP_SECS: u64 = 60;

/// Remove the temporary files an interrupted save left in `dir`: only planmap's own pattern
/// (`.NAME.tmp-PID`), only regular files, only those older than a minute (a save in progress
/// in another planmap is never touched). Returns the files removed.
pub fn clean_stale_temps(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return removed };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temp_name) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age.as_secs() >= STALE_TEMP_SECS);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Whether process `pid` is running: Some on systems with /proc, None where it cannot be told.
fn pid_alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
}

/// Remove the temporary files that killed saves of `path` left beside it: `.NAME.tmp-PID` for
/// this NAME only, regular files only, whose process is gone (where that cannot be told: older
/// than `STALE_TEMP_SECS`). Runs after every save (the command line's too), so kills do not
/// pile temporaries up; a save of the same file running in another process is never touched.
pub fn clean_dead_temps_of(path: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return removed };
    let prefix = format!(".{name}.tmp-");
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else { return removed };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(prefix.as_str())).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid == std::process::id() {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age.as_secs() >= STALE_TEMP_SECS);
        let dead = pid_alive(pid).map_or(old, |alive| !alive);
        if meta.is_file() && dead && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}
