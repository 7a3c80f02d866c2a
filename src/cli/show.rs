//! `planmap show LAYOUT NAME`: what the details panel shows for a district, structure,
//! hospital, project or member.

use std::io::Write;
use std::path::Path;

use crate::cli::terminal::{line, text};
use crate::io;
use crate::model::{self, Target};

/// Print everything known about the district, structure, hospital, project or member named
/// `name` (exact, else a unique substring). Returns the exit code.
pub fn run(layout: &Path, name: &str, out: &mut dyn Write) -> i32 {
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
            line(out, &format!("nothing named \"{}\" in {}", model::echoed(name, 80), layout.path.display()));
            1
        }
        [(target, _)] => {
            let described = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
            text(out, &described.unwrap_or_default());
            0
        }
        // The same name for several things (a hospital that is also a structure's member):
        // the user named them all, so show them all.
        many if many.iter().all(|(_, matched)| model::same_name(matched, name)) => {
            for (i, (target, _)) in many.iter().enumerate() {
                if i > 0 {
                    let _ = writeln!(out, "\n────────");
                }
                let described = model::describe(&layout.plan, Some(&layout.boundaries), target).map(|d| d.to_text());
                text(out, &described.unwrap_or_default());
            }
            0
        }
        many => {
            line(out, &format!("\"{}\" matches {} entries; give one of these names:", model::echoed(name, 80), many.len()));
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
