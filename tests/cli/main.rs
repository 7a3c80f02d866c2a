//! Tests of the command-line verbs and of what they read: check, show, export, new, draft.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/binary.rs"]
mod binary;
#[path = "../support/mod.rs"]
mod support;

mod charts_export;
mod china;
mod docx_numbering;
mod draft;
mod draft_dev;
mod finding;
mod gis_formats;
mod hostile_export;
mod hostile_files;
mod hostile_terminal;
mod indicators;
mod paths;
mod plan_facts;
mod print_export;
