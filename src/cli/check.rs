//! `planmap check FILE…`: the diagnostics the window's error list shows, for layouts (and the
//! boundaries they name) or boundary files.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::terminal::line;
use crate::io;
use crate::model::{self, Diagnostic};

/// Validate layout files (and the boundaries they name) or boundary GeoJSON files. Prints every
/// diagnostic; returns the process exit code: 0 when there is no error.
pub fn run(files: &[PathBuf], out: &mut dyn Write) -> i32 {
    let mut errors = 0;
    let mut warnings = 0;
    for file in files {
        let diags = check_one(file);
        for d in &diags {
            line(out, &d.to_string());
        }
        let e = diags.iter().filter(|d| d.is_error()).count();
        errors += e;
        warnings += diags.iter().filter(|d| d.severity == model::Severity::Warning).count();
        if e == 0 {
            line(out, &format!("{}: ok", file.display()));
        }
    }
    line(out, &format!("{} file(s) checked: {errors} error(s), {warnings} warning(s)", files.len()));
    i32::from(errors > 0)
}

fn is_geojson(file: &Path) -> bool {
    io::is_boundary_file(file)
}

fn check_one(file: &Path) -> Vec<Diagnostic> {
    if is_geojson(file) {
        io::load_boundaries(file).1
    } else {
        match io::load_layout(file) {
            Ok(layout) => layout.warnings,
            Err(diags) => diags,
        }
    }
}
