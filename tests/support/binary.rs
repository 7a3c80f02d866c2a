//! Running the planmap binary from the app's tests, with a hang guard and an optional memory
//! cap. Only the app's test binaries have it (`CARGO_BIN_EXE_planmap`).
#![allow(dead_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
