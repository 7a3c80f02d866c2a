//! Progress and cancellation of a long job (opening all of China takes about a second): the
//! job reports its stage and how far it is, and checks a cancel flag inside its loops. Shared
//! by io, scene and the window's loader; no egui here (the window passes a closure that asks
//! for a repaint).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// What a job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Checking,
    Building,
}

impl Stage {
    fn from_u32(v: u32) -> Stage {
        match v {
            1 => Stage::Parsing,
            2 => Stage::Checking,
            3 => Stage::Building,
            _ => Stage::Reading,
        }
    }
}

/// Called when the shown figure changes (the window asks for a frame).
pub type Notify = Box<dyn Fn() + Send + Sync>;

pub struct Progress {
    cancel: AtomicBool,
    /// Stage in the high 16 bits, per mille done in the low 16.
    state: AtomicU32,
    notify: Option<Notify>,
}

/// For callers that neither show progress nor cancel.
pub static NONE: Progress = Progress { cancel: AtomicBool::new(false), state: AtomicU32::new(0), notify: None };

impl Progress {
    pub fn new(notify: Option<Notify>) -> Progress {
        Progress { cancel: AtomicBool::new(false), state: AtomicU32::new(0), notify }
    }

    /// Ask the job to stop; it returns at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Report `fraction` (0–1) of `stage` done. Notifies only when the whole percent or the
    /// stage changes, so a loop may call it for every feature.
    pub fn set(&self, stage: Stage, fraction: f64) {
        let permille = (fraction.clamp(0.0, 1.0) * 1000.0) as u32;
        let new = (stage as u32) << 16 | permille;
        let old = self.state.swap(new, Ordering::Relaxed);
        if old >> 16 != new >> 16 || (old & 0xffff) / 10 != permille / 10 {
            self.wake();
        }
    }

    /// The stage and the fraction of it done.
    pub fn get(&self) -> (Stage, f64) {
        let s = self.state.load(Ordering::Relaxed);
        (Stage::from_u32(s >> 16), f64::from(s & 0xffff) / 1000.0)
    }

    /// Ask the watcher (the window) to look again: the job finished or changed.
    pub fn wake(&self) {
        if let Some(n) = &self.notify {
            n();
        }
    }
}

/// Counts items done across threads and reports them as a fraction of `total`.
pub struct Counter<'a> {
    progress: &'a Progress,
    stage: Stage,
    done: std::sync::atomic::AtomicUsize,
    total: usize,
}

impl<'a> Counter<'a> {
    pub fn new(progress: &'a Progress, stage: Stage, total: usize) -> Counter<'a> {
        progress.set(stage, 0.0);
        Counter { progress, stage, done: std::sync::atomic::AtomicUsize::new(0), total: total.max(1) }
    }

    /// `n` more items done; false when the job was cancelled (stop the loop).
    pub fn add(&self, n: usize) -> bool {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        self.progress.set(self.stage, done as f64 / self.total as f64);
        !self.progress.is_cancelled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn notifies_per_percent_and_stage_only() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let p = Progress::new(Some(Box::new(move || {
            c.fetch_add(1, Ordering::Relaxed);
        })));
        let counter = Counter::new(&p, Stage::Parsing, 10_000);
        for _ in 0..10_000 {
            assert!(counter.add(1));
        }
        assert_eq!(p.get(), (Stage::Parsing, 1.0));
        let n = calls.load(Ordering::Relaxed);
        assert!((100..=102).contains(&n), "one per percent, got {n}");
        p.cancel();
        assert!(!counter.add(1), "a cancelled job is told to stop");
    }
}
