//! `planmap draft PLAN --out FILE.toml`: a draft layout from a plan's text (written by
//! `document::draft_files`, as the window's dialog writes it).

use std::io::Write;
use std::path::PathBuf;

use crate::document::draft_files::{Written, write_draft_units};
use crate::draft;
use crate::io;

#[derive(clap::Args, Debug)]
pub struct DraftArgs {
    /// The plan: .txt (UTF-8, UTF-8 with BOM, GB18030) or .docx.
    pub plan: PathBuf,
    /// The region the plan covers ("宝鸡市", "梁山县"); default: read from the title and text.
    #[arg(long)]
    pub region: Option<String>,
    /// The layout file to write; never overwritten.
    #[arg(long)]
    pub out: PathBuf,
    /// The units of a province-level plan: `city` (its cities), `county` (its counties);
    /// default: cities, and counties where the plan names them.
    #[arg(long, value_parser = ["city", "county"])]
    pub units: Option<String>,
}

/// Run `planmap draft`. Returns the exit code.
pub fn run(a: &DraftArgs, out: &mut dyn Write) -> i32 {
    match run_inner(a, out) {
        Ok(()) => 0,
        Err(e) => {
            crate::cli::terminal::text(&mut std::io::stderr(), &format!("planmap draft: {e}\n"));
            1
        }
    }
}

fn run_inner(a: &DraftArgs, out: &mut dyn Write) -> Result<(), String> {
    let units = match a.units.as_deref() {
        Some("city") => Some(io::starter::Units::City),
        Some("county") => Some(io::starter::Units::County),
        _ => None,
    };
    let Written { draft: d, region, boundaries: boundaries_path, .. } = write_draft_units(&a.plan, a.region.as_deref(), units, &a.out)?;
    let facts = |k: draft::FactKind| d.facts.iter().filter(|f| f.kind == k).count();
    crate::cli::terminal::line(out, &format!("region: {}{}", region.name, region.focus.as_ref().map_or(String::new(), |f| format!(" (county {f})"))));
    crate::cli::terminal::line(out, &format!("slogan: {}", d.slogan.as_ref().map_or("none found", |s| s.text.as_str())));
    for note in &d.notes {
        crate::cli::terminal::line(out, &format!("note: {note}"));
    }
    let _ = writeln!(
        out,
        "drafted {} structure(s), {} member(s), {} hospital mention(s), {} project mention(s), {} speciality line(s) in {:.0} ms",
        d.structures.len(),
        d.structures.iter().map(|s| s.members.len()).sum::<usize>(),
        facts(draft::FactKind::Hospital),
        facts(draft::FactKind::Project),
        facts(draft::FactKind::Speciality),
        d.elapsed_ms
    );
    crate::cli::terminal::line(out, &format!("wrote {} (every entry draft = true until reviewed)", a.out.display()));
    crate::cli::terminal::line(out, &format!("wrote {} ({} units and their neighbours)", boundaries_path.display(), region.units.len()));
    Ok(())
}
