//! The core's tests: layouts, boundaries, scene, export and hostile files, without the GUI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../../tests/support/mod.rs"]
mod support;

mod county_plans;
mod diagrams;
mod export;
mod geojson_files;
mod hostile_fuzz_regressions;
mod hostile_json_differential;
mod hostile_messages;
mod hostile_reload;
mod indicator_chart;
mod inset;
mod layout_format;
mod open_cache;
mod plan_diff;
mod print;
mod scene;
mod symbology;
