//! Shared by the tests/hostile_*.rs files: scratch folders, a copy of a bundled layout whose
//! boundaries path is absolute, and running the planmap binary with a hang guard and an
//! optional memory cap.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Run planmap with `args`, under a virtual-memory cap in KiB when given (`ulimit -v`, so on
/// Unix only: on Windows it runs uncapped), and fail the test if it has not finished after
/// `limit_secs` (a hang guard, not a speed test).
pub fn planmap(args: &[&str], memory_kib: Option<u64>, limit_secs: u64) -> Run {
    let exe = env!("CARGO_BIN_EXE_planmap");
    let memory_kib = memory_kib.filter(|_| cfg!(unix));
    let mut cmd = match memory_kib {
        Some(kib) => {
            let mut c = Command::new("sh");
            c.arg("-c").arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\"")).arg(exe).args(args);
            c
        }
        None => {
            let mut c = Command::new(exe);
            c.args(args);
            c
        }
    };
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(limit_secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("planmap {args:?} still running after {limit_secs} s: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run { code: out.status.code(), stdout: String::from_utf8_lossy(&out.stdout).into(), stderr: String::from_utf8_lossy(&out.stderr).into() }
}

/// Make a FIFO (named pipe) at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}
