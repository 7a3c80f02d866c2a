//! `planmap new REGION --out FILE.toml [--units county|city]`: a starter layout for any region.

use std::io::Write;
use std::path::Path;

use crate::io::{china, starter};
use crate::model::regions::Lookup;

/// Resolve `region`, write the starter layout and its boundaries; print what was written, or
/// the candidates / close matches. Returns the exit code (0 written, 1 error, 2 ambiguous).
pub fn run(region: &str, out: &Path, units: &str, w: &mut dyn Write) -> i32 {
    let index = match china::index() {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(w, "error: the built-in boundary bundle cannot be read: {e}");
            return 1;
        }
    };
    let units = if units == "city" { starter::Units::City } else { starter::Units::County };
    let id = match index.find(region) {
        Lookup::Found(id) => id,
        Lookup::Ambiguous(ids) => {
            let _ = writeln!(w, "\"{region}\" names {} regions; give one of these (a name with its city, or the adcode):", ids.len());
            for id in ids {
                let _ = writeln!(w, "  {}", index.label(id));
            }
            return 2;
        }
        Lookup::NotFound { close } => {
            let _ = writeln!(w, "error: no region of China is named \"{region}\"");
            if !close.is_empty() {
                let _ = writeln!(w, "close matches:");
                for id in close {
                    let _ = writeln!(w, "  {}", index.label(id));
                }
            }
            return 1;
        }
    };
    match starter::write(id, units, out) {
        Ok(done) => {
            let _ = writeln!(w, "wrote {} ({})", done.layout.display(), index.label(id));
            let _ = writeln!(w, "wrote {} ({} units, {} neighbours as context)", done.boundaries.display(), done.units, done.context);
            let _ = writeln!(w, "next: add the plan's structures, then `planmap check {}`", done.layout.display());
            0
        }
        Err(e) => {
            let _ = writeln!(w, "error: {e}");
            1
        }
    }
}
