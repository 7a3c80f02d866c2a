//! Writing a draft: the plan drafted and checked in memory (`prepare`), then its files written
//! all together or not at all (`commit`); free names beside the plan. Used by `planmap draft`
//! and by the window's dialog alike.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::draft::china::ChinaGazetteer;
use crate::draft::{self, Gazetteer, gazetteer, to_layout};
use crate::io::{self, plan_text};

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
            let simple = draft::hanzi::simplify(text);
            let text = simple.as_ref();
            let paras = draft::text::paragraphs(text);
            let title = gazetteer::title_of(text, &paras).map(|(_, t)| t.to_string());
            gazetteer::detect(index, title.as_deref(), text).ok_or_else(|| "cannot tell which region the plan covers: give it with --region NAME".to_string())
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
    let boundaries_path = draft::china::boundaries_path_for(out);
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
    let folder = |p: &Path| dunce::canonicalize(p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))).ok();
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
#[derive(Debug)]
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
    let boundaries_path = draft::china::boundaries_path_for(out);
    let d = draft::draft(text, &region);
    let boundaries_name = boundaries_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let layout = to_layout::to_plan(&d, &region, document, &boundaries_name);
    let used = used_adcodes(&layout);
    let json = draft::china::boundaries_json(&region, &used)?;
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
            crate::io::save::replace_with(tmp, path)
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
    let taken = |p: &PathBuf| p.exists() || draft::china::boundaries_path_for(p).exists() || (with_text && p.with_extension("txt").exists());
    (1..1000)
        .map(|k| dir.join(if k == 1 { format!("{stem}.toml") } else { format!("{stem}-{k}.toml") }))
        .find(|p| !taken(p))
        .unwrap_or_else(|| dir.join(format!("{stem}.toml")))
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
