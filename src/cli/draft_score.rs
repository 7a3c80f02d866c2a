//! The hidden `planmap draft-score`: drafts measured against the hand-made layouts of the
//! seeds, or (`--dev`) against what each real passage of ../shared/plans-dev states; and the
//! drafter's speed on the inputs that were once quadratic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::document::draft_files::find_region;
use crate::draft::china::ChinaGazetteer;
use crate::draft::{self, Gazetteer, gazetteer, to_layout};
use crate::io::{self, plan_text};

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

/// `planmap draft-score`: draft every seed that a hand-made layout names and print how much
/// of the layout the draft has; then time a long plan.
pub fn score(a: &ScoreArgs, out: &mut dyn Write) -> i32 {
    let Ok(index) = ChinaGazetteer::new() else { return 1 };
    if let Some(dir) = &a.dev {
        return match score_dev(&index, dir, &a.expected, a.drafts.as_deref(), a.verbose, out) {
            Ok(()) => 0,
            Err(e) => {
                crate::cli::terminal::text(&mut std::io::stderr(), &format!("planmap draft-score: {e}\n"));
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
            top.sort_by_key(|t| std::cmp::Reverse(t.0));
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
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>6}  counties not named",
        "passage", "struct", "parts", "units", "places", "hosp", "proj", "region", "ms"
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
