//! Command-line verbs: `check` and `show` print what the details panel and the error list show.

pub mod bench;
pub mod bench_china;
pub mod draft;
pub mod new;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io;
use crate::model::{self, Diagnostic, Target, escape_controls};

/// Print one line to the terminal with every control character escaped: a layout or file name
/// holding ESC sequences must not retitle or clear the user's terminal.
fn line(out: &mut dyn Write, text: &str) {
    let _ = writeln!(out, "{}", escape_controls(text, false));
}

/// Print multi-line text (line breaks kept, other controls escaped).
fn text(out: &mut dyn Write, text: &str) {
    let _ = write!(out, "{}", escape_controls(text, true));
}

/// Validate layout files (and the boundaries they name) or boundary GeoJSON files. Prints every
/// diagnostic; returns the process exit code: 0 when there is no error.
pub fn check(files: &[PathBuf], out: &mut dyn Write) -> i32 {
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
    let _ = writeln!(out, "{} file(s) checked: {errors} error(s), {warnings} warning(s)", files.len());
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

/// Print everything known about the district, structure, hospital, project or member named
/// `name` (exact, else a unique substring). Returns the exit code.
pub fn show(layout: &Path, name: &str, out: &mut dyn Write) -> i32 {
    let layout = match io::load_layout(layout) {
        Ok(l) => l,
        Err(diags) => {
            for d in diags {
                line(out, &d.to_string());
            }
            return 1;
        }
    };
    let hits = model::search(&layout.plan, Some(&layout.boundaries), name);
    match hits.as_slice() {
        [] => {
            line(out, &format!("nothing named \"{name}\" in {}", layout.path.display()));
            1
        }
        [(target, _)] => {
            let text = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
            self::text(out, &text.unwrap_or_default());
            0
        }
        // The same name for several things (a hospital that is also a structure's member):
        // the user named them all, so show them all.
        many if many.iter().all(|(_, matched)| model::same_name(matched, name)) => {
            for (i, (target, _)) in many.iter().enumerate() {
                if i > 0 {
                    let _ = writeln!(out, "\n────────");
                }
                let text = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
                self::text(out, &text.unwrap_or_default());
            }
            0
        }
        many => {
            line(out, &format!("\"{name}\" matches {} entries; give one of these names:", many.len()));
            for (target, matched) in many {
                line(out, &format!("  {matched}  ({})", kind_of(target)));
            }
            2
        }
    }
}

fn kind_of(target: &Target) -> &'static str {
    match target {
        Target::District(_) => "district",
        Target::City => "city",
        Target::Structure(_) => "structure",
        Target::Hospital { .. } => "hospital",
        Target::Project { .. } => "project",
        Target::Member { .. } => "member without polygon",
        Target::Indicator(_) => "indicator",
    }
}
