//! `planmap draft PLAN --out FILE.toml`: a draft layout from a plan's text, and the hidden
//! `planmap draft-score` that measures drafts against hand-made layouts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::draft::{self, Gazetteer, gazetteer, to_layout};
use crate::io::{self, plan_text, regions::ChinaGazetteer};

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

/// A temporary beside `path` holding `bytes`, flushed to disk: `.NAME.tmp-PID`, the name
/// `io::save` cleans up after a kill.
fn write_temp(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let name = path.file_name().map_or("draft".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Put a written temporary in place at `path` only if nothing is there: linking fails if the
/// name exists, so nothing is ever overwritten.
fn link_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: check, then rename.
        Err(_) if !path.exists() => std::fs::rename(tmp, path),
        Err(e) => Err(e),
    }
}

/// Whether `path` already holds exactly `bytes`: what an earlier run of the same draft left
/// when it was killed between its files.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) && crate::io::read_limited(path, bytes.len() as u64).is_ok_and(|b| b == bytes)
}

pub fn find_region(index: &dyn Gazetteer, name: Option<&str>, text: &str) -> Result<draft::Region, String> {
    match name {
        Some(n) => index.find(n),
        None => {
            let paras = draft::text::paragraphs(text);
            let title = gazetteer::title_of(text, &paras).map(|(_, t)| t.to_string());
            gazetteer::detect(index, title.as_deref(), text).ok_or_else(|| "cannot tell which region the plan covers: give it with --region NAME".to_string())
        }
    }
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

/// What `write_draft` wrote.
pub struct Written {
    pub draft: draft::Draft,
    pub region: draft::Region,
    pub layout: PathBuf,
    pub boundaries: PathBuf,
}

/// Draft the plan at `plan` into a new layout `out` (and its boundary file beside it): the
/// region given or read from the text, the result checked before anything is written, nothing
/// overwritten. Behind `planmap draft`.
pub fn write_draft(plan_path: &Path, region: Option<&str>, out: &Path) -> Result<Written, String> {
    let boundaries_path = io::regions::boundaries_path_for(out);
    if out.extension().and_then(|e| e.to_str()) != Some("toml") {
        return Err(format!("--out must name a .toml file: {}", out.display()));
    }
    // The layout is written last: it is there only when the whole draft is. Its boundaries
    // may be there from a run that was killed; `commit` takes them if they are the same.
    if out.exists() {
        return Err(format!("{} exists: draft never overwrites a file; choose another --out", out.display()));
    }
    if boundaries_path.is_dir() {
        return Err(format!("{} is a folder: choose another --out", boundaries_path.display()));
    }
    let plan = plan_text::read(plan_path).map_err(|e| e.to_string())?;
    let index = ChinaGazetteer::new()?;
    let region = find_region(&index, region, &plan.text)?;
    let document = document_path(plan_path, out);
    let prepared = prepare(&plan.text, &document, region, out, None)?;
    commit(&prepared, false)?;
    let Prepared { draft, region, layout, boundaries, .. } = prepared;
    Ok(Written { draft, region, layout, boundaries })
}

/// The plan as the layout's `document` names it: relative to the layout's folder, so the
/// review pane finds the plan's sentences wherever `--out` puts the draft (just the file name
/// when the plan is beside it); absolute when the two share no folder.
fn document_path(plan: &Path, out: &Path) -> String {
    let name = || plan.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let folder = |p: &Path| p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).canonicalize().ok();
    let (Some(from), Some(to)) = (folder(out), folder(plan)) else { return name() };
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect::<PathBuf>().join(name()).to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to.iter().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.push(name());
    parts.join("/")
}

/// A draft made and checked in memory, not yet written: the layout, its boundaries and, for a
/// pasted plan, the plan's text saved beside them (the layout's `document`).
pub struct Prepared {
    pub draft: draft::Draft,
    pub region: draft::Region,
    pub layout: PathBuf,
    pub toml: String,
    pub boundaries: PathBuf,
    pub json: String,
    /// Where the plan's text is saved, and the text (a pasted plan has no file of its own).
    pub text_file: Option<(PathBuf, String)>,
}

impl Prepared {
    /// Every file `commit` writes.
    pub fn files(&self) -> Vec<&Path> {
        let mut out = vec![self.layout.as_path(), self.boundaries.as_path()];
        out.extend(self.text_file.as_ref().map(|(p, _)| p.as_path()));
        out
    }

    /// The files that are already there (`commit` replaces them only when told to).
    pub fn existing(&self) -> Vec<PathBuf> {
        self.files().into_iter().filter(|p| p.exists()).map(Path::to_path_buf).collect()
    }
}

/// Draft `text` for `region` into a layout for `out` whose `document` is `document` (a path
/// relative to `out`'s folder, or absolute); `text_file`: also save the text there. Everything
/// is checked as `planmap check` would before anything is written; nothing is written here.
pub fn prepare(text: &str, document: &str, region: draft::Region, out: &Path, text_file: Option<PathBuf>) -> Result<Prepared, String> {
    if out.extension().and_then(|e| e.to_str()) != Some("toml") {
        return Err(format!("the layout must be a .toml file: {}", out.display()));
    }
    let boundaries_path = io::regions::boundaries_path_for(out);
    let d = draft::draft(text, &region);
    let json = io::regions::boundaries_json(&region)?;
    let boundaries_name = boundaries_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let layout = to_layout::to_plan(&d, &region, document, &boundaries_name);
    let toml = to_layout::to_toml(&layout, document);
    // The draft must pass `check` before anything is written.
    let parsed = io::parse_layout(&toml, out).map_err(|e| format!("internal: the draft does not parse: {e}"))?;
    let (b, _) = io::parse_boundaries(&json, &boundaries_path);
    let errors: Vec<String> = crate::model::validate(&parsed, &toml, out, b.as_ref()).iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    if !errors.is_empty() {
        return Err(format!("internal: the draft does not pass check:\n{}", errors.join("\n")));
    }
    let text_file = text_file.map(|p| (p, text.to_string()));
    Ok(Prepared { draft: d, region, layout: out.to_path_buf(), toml, boundaries: boundaries_path, json, text_file })
}

/// Write a prepared draft, all or nothing: every file to a temporary beside it first, then
/// each put in place, the layout last (a layout is there only when its files are). Without
/// `replace` an existing file is never touched: the whole write is refused, except for a file
/// that already holds exactly what would be written (left by a run that was killed between
/// its files, so running the same draft again works). With `replace` existing files are
/// replaced atomically (rename). A failure removes what this call created.
pub fn commit(p: &Prepared, replace: bool) -> Result<(), String> {
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if let Some((path, text)) = &p.text_file {
        files.push((path, text.as_bytes()));
    }
    files.push((&p.boundaries, p.json.as_bytes()));
    files.push((&p.layout, p.toml.as_bytes()));
    let left_over = |path: &Path, bytes: &[u8]| path != p.layout && holds(path, bytes);
    if !replace && let Some((there, _)) = files.iter().find(|(path, bytes)| path.exists() && !left_over(path, bytes)) {
        return Err(format!("{} exists: a draft never overwrites a file without asking; choose another name", there.display()));
    }
    let out_dir = p.layout.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create the folder {}: {e}", out_dir.display()))?;
    // The temporaries a killed run left.
    for (path, _) in &files {
        crate::io::save::clean_dead_temps_of(path);
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, bytes) in &files {
        match write_temp(path, bytes) {
            Ok(t) => temps.push(t),
            Err(e) => {
                cleanup(&temps);
                return Err(format!("cannot write {}: {e}", path.display()));
            }
        }
    }
    let mut created: Vec<&Path> = Vec::new();
    for ((path, bytes), tmp) in files.iter().zip(&temps) {
        let existed = path.exists();
        let result = if existed && !replace && left_over(path, bytes) {
            std::fs::remove_file(tmp)
        } else if existed && replace {
            crate::io::save::atomic_write(path, bytes).and_then(|()| std::fs::remove_file(tmp))
        } else {
            link_new(tmp, path)
        };
        if let Err(e) = result {
            // No half draft: remove what this call created (replaced files cannot come back).
            cleanup(&temps);
            for c in created {
                let _ = std::fs::remove_file(c);
            }
            return Err(format!("cannot write {}: {e}", path.display()));
        }
        if !existed {
            created.push(path);
        }
    }
    Ok(())
}

/// A layout name beside the plan that is not taken: `PLAN.draft.toml`, else `PLAN.draft-2.toml` …
/// (its boundary file free too).
pub fn free_draft_name(plan: &Path) -> PathBuf {
    let stem = plan.file_stem().map_or_else(|| "plan".to_string(), |s| s.to_string_lossy().into_owned());
    let dir = plan.parent().unwrap_or(Path::new("."));
    free_layout_name(dir, &format!("{stem}.draft"), false)
}

/// `DIR/STEM.toml`, else `DIR/STEM-2.toml` …: the first whose boundary file (and, `with_text`,
/// its `.txt` for a pasted plan) is free too.
pub fn free_layout_name(dir: &Path, stem: &str, with_text: bool) -> PathBuf {
    let taken = |p: &PathBuf| p.exists() || io::regions::boundaries_path_for(p).exists() || (with_text && p.with_extension("txt").exists());
    (1..1000)
        .map(|k| dir.join(if k == 1 { format!("{stem}.toml") } else { format!("{stem}-{k}.toml") }))
        .find(|p| !taken(p))
        .unwrap_or_else(|| dir.join(format!("{stem}.toml")))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A draft written away from its plan still names the plan so that it can be found from
    /// the layout's folder; beside it, by the file name alone.
    #[test]
    fn the_layouts_document_leads_to_the_plan() {
        let root = std::env::temp_dir().join(format!("planmap-docpath-{}", std::process::id()));
        let (seeds, out) = (root.join("seeds"), root.join("drafts").join("d"));
        std::fs::create_dir_all(&seeds).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        let plan = seeds.join("plan.txt");
        std::fs::write(&plan, "x").unwrap();
        let named = document_path(&plan, &out.join("a.toml"));
        assert_eq!(named, "../../seeds/plan.txt");
        assert!(out.join(&named).is_file());
        assert_eq!(document_path(&plan, &seeds.join("a.toml")), "plan.txt");
        let _ = std::fs::remove_dir_all(&root);
    }
}
