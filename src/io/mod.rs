//! Files in, model out: layout TOML and boundary GeoJSON, every problem located at
//! file:line:column. No egui here.

pub mod arcs;
pub mod china;
pub mod edit;
pub mod geojson;
pub mod geojson_write;
pub mod json;
pub mod plan_text;
pub mod regions;
pub mod layout;
pub mod save;
pub mod starter;

pub use geojson::{load_boundaries, parse_boundaries};
pub use layout::{Layout, load_layout, parse_layout};

use std::path::Path;

use crate::model::{Diagnostic, Severity};

/// Read a UTF-8 text file (a leading byte-order mark is dropped). Not found, unreadable and
/// invalid UTF-8 are located diagnostics.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_string(),
            _ => format!("cannot read file: {e}"),
        };
        Diagnostic::file(Severity::Error, path, why)
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        Diagnostic::at(Severity::Error, path, &valid, at, "invalid UTF-8: save the file as UTF-8 (GBK and other encodings are not read)")
    })
}
