//! Command-line verbs, one file each; `terminal` is how every verb prints.

pub mod bench;
pub mod bench_china;
pub mod check;
pub mod draft;
pub mod draft_score;
pub mod export;
pub mod new;
pub mod save_loop;
pub mod show;
pub mod terminal;
