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
    /// The units of a province-level plan: `city` (its cities), `county` (its counties);
    /// default: cities, and counties where the plan names them.
    #[arg(long, value_parser = ["city", "county"])]
    pub units: Option<String>,
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
    /// Score the real passages in this folder (../shared/plans-dev) against what each states
    /// (`--expected`), instead of the seeds against layouts.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// What each passage states (facts only).
    #[arg(long, default_value = "tests/plans-dev-expected.toml")]
    pub expected: PathBuf,
    /// With --dev: score layouts already drafted (DIR/NN_place.toml, and DIR/NN_place.region
    /// holding "yes" when the region was read from the text) instead of drafting — to compare
    /// another drafter's output, e.g. an older planmap's.
    #[arg(long)]
    pub drafts: Option<PathBuf>,
}

/// Write `bytes` to `path` only if nothing is there: a temporary file, flushed, then linked
/// into place (linking fails if the name exists), so no partial or overwritten file is left.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or("draft".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // File systems without hard links: check, then rename.
            Err(_) if !path.exists() => std::fs::rename(&tmp, path),
            Err(e) => Err(e),
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

pub fn find_region(index: &dyn Gazetteer, name: Option<&str>, text: &str) -> Result<draft::Region, String> {
    match name {
        Some(n) => index.find(n),
        None => {
            let simple = draft::hanzi::simplify(text);
            let text = simple.as_ref();
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
            eprintln!("planmap draft: {e}");
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
    write_draft_units(plan_path, region, None, out)
}

/// `write_draft` with the units of a province-level plan chosen (`--units`).
pub fn write_draft_units(plan_path: &Path, region: Option<&str>, units: Option<io::starter::Units>, out: &Path) -> Result<Written, String> {
    let boundaries_path = io::regions::boundaries_path_for(out);
    if out.extension().and_then(|e| e.to_str()) != Some("toml") {
        return Err(format!("--out must name a .toml file: {}", out.display()));
    }
    for p in [out, &boundaries_path] {
        if p.exists() {
            return Err(format!("{} exists: draft never overwrites a file; choose another --out", p.display()));
        }
    }
    let plan = plan_text::read(plan_path).map_err(|e| e.to_string())?;
    let index = ChinaGazetteer::new()?.with_units(units);
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
    let boundaries_name = boundaries_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let layout = to_layout::to_plan(&d, &region, document, &boundaries_name);
    let used = used_adcodes(&layout);
    let json = io::regions::boundaries_json(&region, &used)?;
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

/// Every adcode a layout uses (members, `within`, districts).
fn used_adcodes(plan: &crate::model::Plan) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in &plan.structures {
        for m in &s.members {
            out.extend(m.adcode());
            out.extend(m.within.as_ref().map(|w| w.get_ref().as_str()));
        }
    }
    out.extend(plan.districts.iter().filter_map(|d| d.adcode()));
    out.sort_unstable();
    out.dedup();
    out
}

/// Write a prepared draft: every file to a temporary beside it first, then each put in place.
/// Without `replace` an existing file is never touched (the whole write is refused); with it
/// existing files are replaced atomically (rename). A failure removes what this call created.
pub fn commit(p: &Prepared, replace: bool) -> Result<(), String> {
    let mut files: Vec<(&Path, &[u8])> = Vec::new();
    if let Some((path, text)) = &p.text_file {
        files.push((path, text.as_bytes()));
    }
    files.push((&p.boundaries, p.json.as_bytes()));
    files.push((&p.layout, p.toml.as_bytes()));
    if !replace && let Some(there) = p.existing().first() {
        return Err(format!("{} exists: a draft never overwrites a file without asking; choose another name", there.display()));
    }
    let out_dir = p.layout.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create the folder {}: {e}", out_dir.display()))?;
    let mut created: Vec<&Path> = Vec::new();
    for (path, bytes) in files {
        let existed = path.exists();
        let result = if replace && existed { crate::io::save::atomic_write(path, bytes) } else { write_new(path, bytes) };
        if let Err(e) = result {
            // No half draft: remove what this call created (replaced files cannot come back).
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
    let units = match a.units.as_deref() {
        Some("city") => Some(io::starter::Units::City),
        Some("county") => Some(io::starter::Units::County),
        _ => None,
    };
    let Written { draft: d, region, boundaries: boundaries_path, .. } = write_draft_units(&a.plan, a.region.as_deref(), units, &a.out)?;
    let facts = |k: draft::FactKind| d.facts.iter().filter(|f| f.kind == k).count();
    let _ = writeln!(out, "region: {}{}", region.name, region.focus.as_ref().map_or(String::new(), |f| format!(" (county {f})")));
    let _ = writeln!(out, "slogan: {}", d.slogan.as_ref().map_or("none found", |s| s.text.as_str()));
    for note in &d.notes {
        let _ = writeln!(out, "note: {note}");
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
    let _ = writeln!(out, "wrote {} (every entry draft = true until reviewed)", a.out.display());
    let _ = writeln!(out, "wrote {} ({} units and their neighbours)", boundaries_path.display(), region.units.len());
    Ok(())
}

/// `planmap draft-score`: draft every seed that a hand-made layout names and print how much
/// of the layout the draft has; then time a long plan.
pub fn score(a: &ScoreArgs, out: &mut dyn Write) -> i32 {
    let Ok(index) = ChinaGazetteer::new() else { return 1 };
    if let Some(dir) = &a.dev {
        return match score_dev(&index, dir, &a.expected, a.drafts.as_deref(), a.verbose, out) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("planmap draft-score: {e}");
                1
            }
        };
    }
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
    0
}

/// A passage's text without the folder's header lines ("# source: …", "# region: …"): the
/// region must be read from the plan's own words.
pub fn without_headers(text: &str) -> String {
    text.lines().filter(|l| !(l.starts_with("# source:") || l.starts_with("# region:"))).collect::<Vec<_>>().join("\n")
}

/// One passage drafted and scored: the region read from the text (None: not detected), and
/// the score of the draft made for the expected region.
pub struct DevResult {
    pub detected: Option<String>,
    /// The most named places, when the region read is not the one expected.
    pub why: String,
    pub score: draft::dev_score::DevScore,
    pub draft: draft::Draft,
}

/// Draft one passage of `dir` as `planmap draft` would (region from the text) and score it.
pub fn draft_dev(index: &ChinaGazetteer, dir: &Path, p: &draft::dev_score::Passage) -> Result<DevResult, String> {
    let path = dir.join(&p.file);
    let text = plan_text::read(&path).map_err(|e| e.to_string())?;
    let text = without_headers(&text.text);
    let detected = find_region(index, None, &text).ok().map(|r| r.adcode);
    let mut why = String::new();
    if detected.as_deref() != Some(p.adcode.as_str()) {
        let places = index.places();
        if let Some(w) = gazetteer::weights(&places, &draft::hanzi::simplify(&text)) {
            let mut top: Vec<(usize, &str)> = w.iter().enumerate().filter(|(_, x)| **x > 0).map(|(i, x)| (*x, places.get(i).map_or("", |p| p.name.as_str()))).collect();
            top.sort_by(|a, b| b.0.cmp(&a.0));
            why = top.iter().take(8).map(|(x, n)| format!("{n} {x}")).collect::<Vec<_>>().join(", ");
        }
    }
    let region = index.find(&p.adcode).map_err(|e| format!("{}: {e}", p.file))?;
    let d = draft::draft(&text, &region);
    let plan = to_layout::to_plan(&d, &region, &p.file, "");
    Ok(DevResult { detected, why, score: draft::dev_score::score(p, &plan), draft: d })
}

/// Score a layout drafted earlier for passage `p` (see `ScoreArgs::drafts`).
fn drafted_dev(drafts: &Path, p: &draft::dev_score::Passage) -> Result<DevResult, String> {
    let stem = p.file.trim_end_matches(".txt");
    let path = drafts.join(format!("{stem}.toml"));
    let layout = io::load_layout(&path).map_err(|e| format!("{}: {}", path.display(), e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))?;
    let read = std::fs::read_to_string(drafts.join(format!("{stem}.region"))).unwrap_or_default();
    let detected = (read.trim() == "yes").then(|| p.adcode.clone());
    Ok(DevResult { detected, why: String::new(), score: draft::dev_score::score(p, &layout.plan), draft: draft::Draft::default() })
}

fn score_dev(index: &ChinaGazetteer, dir: &Path, expected: &Path, drafts: Option<&Path>, verbose: bool, out: &mut dyn Write) -> Result<(), String> {
    use draft::dev_score::Tally;
    let text = std::fs::read_to_string(expected).map_err(|e| format!("cannot read {}: {e}", expected.display()))?;
    let e = draft::dev_score::parse(&text).map_err(|err| format!("{}: {err}", expected.display()))?;
    let _ = writeln!(out, "found/of -wrong per column; region: read from the text without --region");
    let _ = writeln!(
        out,
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>6}  {}",
        "passage", "struct", "parts", "units", "places", "hosp", "proj", "region", "ms", "counties not named"
    );
    let (mut st, mut pa, mut un, mut pl, mut ho, mut pr) = (Tally::default(), Tally::default(), Tally::default(), Tally::default(), Tally::default(), Tally::default());
    let (mut regions, mut not_named) = (0, 0);
    for p in &e.passage {
        let r = match drafts {
            Some(d) => drafted_dev(d, p)?,
            None => draft_dev(index, dir, p)?,
        };
        let s = &r.score;
        let region_ok = r.detected.as_deref() == Some(p.adcode.as_str());
        regions += usize::from(region_ok);
        not_named += s.not_named.len();
        let stem = p.file.trim_end_matches(".txt");
        let _ = writeln!(
            out,
            "{stem:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>6.1}  {}",
            s.structures.to_string(),
            s.parts.to_string(),
            s.units.to_string(),
            s.places.to_string(),
            s.hospitals.to_string(),
            s.projects.to_string(),
            if region_ok { "yes" } else { "NO" },
            r.draft.elapsed_ms,
            s.not_named.join("、")
        );
        if verbose {
            if !region_ok {
                let _ = writeln!(out, "    region read: {} (most named: {})", r.detected.as_deref().unwrap_or("none"), r.why);
            }
            for n in &s.notes {
                let _ = writeln!(out, "    {n}");
            }
        }
        st.add(s.structures);
        pa.add(s.parts);
        un.add(s.units);
        pl.add(s.places);
        ho.add(s.hospitals);
        pr.add(s.projects);
    }
    let pct = |t: Tally| if t.of == 0 { 0.0 } else { 100.0 * t.found as f64 / t.of as f64 };
    let mut mp = un;
    mp.add(pl);
    let _ = writeln!(
        out,
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "total",
        st.to_string(),
        pa.to_string(),
        un.to_string(),
        pl.to_string(),
        ho.to_string(),
        pr.to_string(),
        format!("{regions}/{}", e.passage.len())
    );
    let _ = writeln!(
        out,
        "structures {:.0}% · members+places {}/{} = {:.0}% ({} wrong) · counties not named {not_named} · regions {regions}/{}",
        pct(st),
        mp.found,
        mp.of,
        pct(mp),
        mp.wrong,
        e.passage.len()
    );
    Ok(())
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
