//! `planmap new REGION --out FILE.toml [--units county|city]`: a starter layout for any region.

use std::io::Write;
use std::path::Path;

use crate::cli::terminal::line;

use crate::io::{china, starter};
use crate::model::echoed;
use crate::model::regions::Lookup;

/// Resolve `region`, write the starter layout and its boundaries; print what was written, or
/// the candidates / close matches. Returns the exit code (0 written, 1 error, 2 ambiguous).
pub fn run(region: &str, out: &Path, units: &str, w: &mut dyn Write) -> i32 {
    let index = match china::index() {
        Ok(i) => i,
        Err(e) => {
            line(w, &format!("error: the built-in boundary bundle cannot be read: {e}"));
            return 1;
        }
    };
    let units = if units == "city" { starter::Units::City } else { starter::Units::County };
    let id = match index.find(region) {
        Lookup::Found(id) => id,
        Lookup::Ambiguous(ids) => {
            line(w, &format!("\"{}\" names {} regions; give one of these (a name with its city, or the adcode):", echoed(region, 60), ids.len()));
            for id in ids {
                line(w, &format!("  {}", index.label(id)));
            }
            return 2;
        }
        Lookup::NotFound { close } => {
            line(w, &format!("error: no region of China is named \"{}\"", echoed(region, 60)));
            if !close.is_empty() {
                line(w, "close matches:");
                for id in close {
                    line(w, &format!("  {}", index.label(id)));
                }
            }
            return 1;
        }
    };
    match starter::write(id, units, out) {
        Ok(done) => {
            line(w, &format!("wrote {} ({})", done.layout.display(), index.label(id)));
            line(w, &format!("wrote {} ({} units, {} neighbours as context)", done.boundaries.display(), done.units, done.context));
            line(w, &format!("next: add the plan's structures, then `planmap check {}`", done.layout.display()));
            0
        }
        Err(e) => {
            line(w, &format!("error: {e}"));
            1
        }
    }
}
