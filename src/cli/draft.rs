//! `planmap draft PLAN --out FILE.toml`: a draft layout from a plan's text (written by
//! `document::draft_files`, as the window's dialog writes it), and the hidden
//! `planmap draft-score` that measures drafts against hand-made layouts.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use crate::document::draft_files::{Written, find_region, write_draft};
use crate::draft::china::ChinaGazetteer;
use crate::draft::{self, Gazetteer, to_layout};
use crate::io::{self, plan_text};

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
}

#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// Folder of plan texts (the seeds).
    #[arg(long, default_value = "../shared/seeds")]
    pub seeds: PathBuf,
    /// Folder of hand-made layouts; each names its plan in `document`.
    #[arg(long, default_value = "layouts")]
    pub layouts: PathBuf,
    /// Also list what each draft misses.
    #[arg(long)]
    pub verbose: bool,
}

/// Run `planmap draft`. Returns the exit code.
pub fn run(a: &DraftArgs, out: &mut dyn Write) -> i32 {
    match run_inner(a, out) {
        Ok(()) => 0,
        Err(e) => {
            crate::cli::text(&mut std::io::stderr(), &format!("planmap draft: {e}\n"));
            1
        }
    }
}

fn run_inner(a: &DraftArgs, out: &mut dyn Write) -> Result<(), String> {
    let Written { draft: d, region, boundaries: boundaries_path, .. } = write_draft(&a.plan, a.region.as_deref(), &a.out)?;
    let facts = |k: draft::FactKind| d.facts.iter().filter(|f| f.kind == k).count();
    crate::cli::line(out, &format!("region: {}{}", region.name, region.focus.as_ref().map_or(String::new(), |f| format!(" (county {f})"))));
    crate::cli::line(out, &format!("slogan: {}", d.slogan.as_ref().map_or("none found", |s| s.text.as_str())));
    for note in &d.notes {
        crate::cli::line(out, &format!("note: {note}"));
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
    crate::cli::line(out, &format!("wrote {} (every entry draft = true until reviewed)", a.out.display()));
    crate::cli::line(out, &format!("wrote {} ({} units and their neighbours)", boundaries_path.display(), region.units.len()));
    Ok(())
}

/// `planmap draft-score`: draft every seed that a hand-made layout names and print how much
/// of the layout the draft has; then time a long plan.
pub fn score(a: &ScoreArgs, out: &mut dyn Write) -> i32 {
    let Ok(index) = ChinaGazetteer::new() else { return 1 };
    let mut layouts: Vec<PathBuf> = std::fs::read_dir(&a.layouts)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "toml")).collect())
        .unwrap_or_default();
    layouts.sort();
    let _ = writeln!(
        out,
        "{:<12} {:>18} {:>18} {:>18} {:>18} {:>18} {:>6} {:>9} {:>7}",
        "plan", "structures", "members+polygon", "members−polygon", "hospitals", "projects", "extra", "not-in-text", "ms"
    );
    let mut all_text = String::new();
    for path in layouts {
        let Ok(layout) = io::load_layout(&path) else { continue };
        let seed = a.seeds.join(&layout.plan.plan.document);
        let Ok(text) = plan_text::read(&seed) else {
            let _ = writeln!(out, "{}: cannot read {}", path.display(), seed.display());
            continue;
        };
        let region = match find_region(&index, None, &text.text) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(out, "{}: {e}", path.display());
                continue;
            }
        };
        let d = draft::draft(&text.text, &region);
        let drafted = to_layout::to_plan(&d, &region, &layout.plan.plan.document, "");
        let s = draft::score::score(&layout.plan, &drafted);
        let stem = path.file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned());
        // Reference entries whose name the plan does not hold verbatim (shortened or
        // paraphrased by hand): no drafter that quotes the plan can find them.
        let plain: String = text.text.chars().filter(|c| !c.is_whitespace()).collect();
        let verbatim: Vec<bool> = s.missed.iter().map(|m| m.verbatim_in(&plain)).collect();
        let absent = verbatim.iter().filter(|v| !**v).count();
        let _ = writeln!(
            out,
            "{stem:<12} {:>18} {:>18} {:>18} {:>18} {:>18} {:>6} {:>9} {:>7.1}",
            s.structures.to_string(),
            s.members_polygon.to_string(),
            s.members_place.to_string(),
            s.hospitals.to_string(),
            s.projects.to_string(),
            s.extra,
            absent,
            d.elapsed_ms
        );
        if a.verbose {
            for (m, v) in s.missed.iter().zip(&verbatim) {
                let _ = writeln!(out, "    missed {m}{}", if *v { "" } else { "   [not verbatim in the plan]" });
            }
            for e in &s.extras {
                let _ = writeln!(out, "    extra {e}");
            }
        }
        all_text.push_str(&text.text);
        all_text.push('\n');
    }
    // Speed: a long plan (the seeds one after another until ~100 pages of 1,500 characters).
    if !all_text.is_empty()
        && let Ok(region) = index.find("宝鸡市")
    {
        let mut long = String::new();
        while long.chars().count() < 150_000 {
            long.push_str(&all_text);
        }
        let started = Instant::now();
        let d = draft::draft(&long, &region);
        let _ = writeln!(
            out,
            "speed: {} characters (≈{} pages) drafted in {:.0} ms ({} structures, {} facts)",
            long.chars().count(),
            long.chars().count() / 1500,
            started.elapsed().as_secs_f64() * 1000.0,
            d.structures.len(),
            d.facts.len()
        );
    }
    if let Ok(region) = index.find("宝鸡市") {
        hostile_speed(&all_text, &region, out);
    }
    0
}

/// Speed on the inputs that were quadratic (issue 20): a long plan on one line, unbalanced
/// quotes, a .docx with many list instances. Figures to read, not limits.
fn hostile_speed(seeds: &str, region: &draft::Region, out: &mut dyn Write) {
    let base = if seeds.trim().is_empty() {
        "构建“一核两翼”的发展格局，一核即渭滨区，两翼是指凤翔区和岐山县。".to_string()
    } else {
        seeds.replace(['\n', '\r'], "")
    };
    let repeat_to = |unit: &str, bytes: usize| unit.repeat(bytes / unit.len().max(1) + 1);
    let cases = [
        ("1 MB on one line", repeat_to(&base, 1 << 20)),
        ("10 MB on one line", repeat_to(&base, 10 << 20)),
        ("1 MB of unbalanced “ quotes", repeat_to("构建“一核两翼", 1 << 20)),
        ("1 MB of 1,000-character lines", repeat_to(&format!("{}\n", base.chars().take(1000).collect::<String>()), 1 << 20)),
    ];
    for (what, text) in cases {
        let started = Instant::now();
        let d = draft::draft(&text, region);
        let _ = writeln!(out, "speed: {what} drafted in {:.0} ms ({} structures, {} facts)", started.elapsed().as_secs_f64() * 1000.0, d.structures.len(), d.facts.len());
    }
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="N"/></w:numPr></w:pPr><w:r><w:t>项目。</w:t></w:r></w:p>"#;
    let n = 150_000;
    let document: String = (1..=n).map(|k| para.replace("\"N\"", &format!("\"{k}\""))).collect();
    let numbering: String = (1..=n)
        .map(|k| format!(r#"<w:num w:numId="{k}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#))
        .collect();
    let numbering = format!(
        r#"<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>{numbering}</w:numbering>"#
    );
    let started = Instant::now();
    let mut lists = plan_text::Numbering::new(Some(numbering.as_bytes()), None);
    let text = plan_text::paragraphs_numbered(format!("<w:document><w:body>{document}</w:body></w:document>").as_bytes(), &mut lists).unwrap_or_default();
    let _ = writeln!(out, "speed: .docx text of {n} list instances read in {:.0} ms ({} lines)", started.elapsed().as_secs_f64() * 1000.0, text.lines().count());
}
