//! The open file: a layout with its boundaries, or plain boundaries, with the scene built from
//! them. Opening never replaces a good document with a broken one.

pub mod cache;
pub mod draft_files;
pub mod editor;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::editor::Editor;
use crate::io;
use crate::io::progress::{self, Progress};
use crate::model::edit::Command;
use crate::model::{Boundaries, Diagnostic, Origin, Plan, StructureKind};
use crate::scene::fills::Marks;
use crate::scene::picture::MapData;
use crate::scene::{Fill, FillStyle, Scene};

pub struct Document {
    pub path: PathBuf,
    /// None for a plain boundary file.
    pub plan: Option<Plan>,
    /// Shared with a geometry check running after the map is shown (`geometry_check`).
    pub boundaries: Arc<Boundaries>,
    /// The boundary file a layout names (None for a plain boundary file, which is `path`).
    pub boundaries_path: Option<PathBuf>,
    /// Modification time and size of the boundary file when it was read: a change on disk
    /// (a corrected file, a git pull) is noticed and re-read.
    boundaries_stamp: Option<(std::time::SystemTime, u64)>,
    pub scene: Scene,
    pub fill: Fill,
    /// Which structures are drawn (the legend's checkboxes).
    pub visible: Vec<bool>,
    /// The property plain boundaries are coloured by.
    pub color_by: Option<String>,
    /// How structures mark their counties (View ▸ fills or outlines).
    pub marks: Marks,
    /// Each feature's neighbours, found the first time plain boundaries are coloured
    /// topologically (`scene::palette`); dropped when the boundaries change.
    neighbours: Option<Arc<Vec<Vec<usize>>>>,
    /// Whose boundaries these are, for the attribution.
    pub origin: Origin,
    /// Each structure's label point (km) and whether it has a polygon member.
    pub structure_anchors: Vec<Option<[f32; 2]>>,
    /// The layout's text under edit (None for plain boundaries).
    pub editor: Option<Editor>,
    /// Counts every change of plan, visibility or colours: a pane compares it with the one it
    /// last saw and rebuilds what it derived from the plan (steps, forms, highlights).
    pub revision: u64,
    /// Read from the open cache (`cache`), not parsed: the same content was opened before.
    pub from_cache: bool,
}

impl Document {
    /// Open a layout (.toml) or boundary (.geojson/.json/.fgb/.shp) file. Err carries every located problem.
    pub fn open(path: &Path) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        Document::open_with(path, true, &progress::NONE)
    }

    /// `open`, reporting progress (it runs on a worker thread in the window). Cancelled, it
    /// stops at its next check and `Err` is empty. Without `geometry_checks` the boundary
    /// file's geometry warnings (rings crossing themselves …, a third of reading a country)
    /// are left for `geometry_warnings`, so the map shows sooner.
    pub fn open_with(path: &Path, geometry_checks: bool, progress: &Progress) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        // A large boundary file opened before with the same content: from the open cache.
        let cached = if io::is_boundary_file(path) { cache::dir().and_then(|dir| cache::load(&dir, path, geometry_checks, cache::MIN_BYTES)) } else { None };
        let (mut cached_scene, mut cached_neighbours, mut fresh) = (None, None, false);
        let (plan, boundaries, warnings, editor, boundaries_path) = if let Some(c) = cached {
            cached_scene = Some(c.scene);
            cached_neighbours = c.neighbours;
            (None, c.boundaries, c.diagnostics, None, None)
        } else if io::is_boundary_file(path) {
            let opts = io::ReadOptions { skip_geometry_warnings: !geometry_checks, ..Default::default() };
            let (b, diags) = io::boundary_file::load_boundaries_progress(path, &opts, progress);
            fresh = true;
            match b {
                Some(b) if !progress.is_cancelled() => (None, b, diags, None, None),
                _ if progress.is_cancelled() => return Err(Vec::new()),
                _ => return Err(diags),
            }
        } else {
            // A save killed half-way left its temporary file beside the layout: tidy up.
            io::save::clean_stale_temps(path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")));
            let l = io::layout::load_layout_progress(path, geometry_checks, progress)?;
            let editor = Editor::new(path, &l.src).ok();
            (Some(l.plan), l.boundaries, l.warnings, editor, Some(l.boundaries_path))
        };
        let boundaries_stamp = crate::document::editor::disk_stamp(boundaries_path.as_deref().unwrap_or(path));
        let cached_scene_used = cached_scene.is_some();
        let scene = cached_scene.unwrap_or_else(|| Scene::build_with(&boundaries, progress));
        if progress.is_cancelled() {
            return Err(Vec::new());
        }
        let boundaries = Arc::new(boundaries);
        let visible = plan.as_ref().map_or(Vec::new(), default_visibility);
        let color_by = if plan.is_none() { default_color_key(&boundaries) } else { None };
        let origin = Origin::of(io::china::is_bundled(&boundaries), boundaries_path.as_deref().unwrap_or(path));
        let mut doc = Document {
            path: path.to_path_buf(),
            plan,
            boundaries,
            boundaries_path,
            boundaries_stamp,
            scene,
            fill: Fill::default(),
            visible,
            color_by,
            marks: Marks::default(),
            neighbours: cached_neighbours.map(Arc::new),
            origin,
            structure_anchors: Vec::new(),
            editor,
            revision: 0,
            from_cache: cached_scene_used,
        };
        doc.structure_anchors = doc.compute_anchors();
        doc.refill();
        // The window's open (the checks follow it) leaves an entry for the next open.
        if fresh && !geometry_checks {
            cache::store_in_background(path, geometry_checks, doc.boundaries.clone(), warnings.clone(), doc.scene.parts(), doc.neighbours.clone());
        }
        Ok((doc, warnings))
    }

    /// Take a new version of the plan (an edit, an undo, a reload): same boundaries and scene,
    /// visibility kept by structure id.
    pub fn set_plan(&mut self, plan: Plan) {
        let old: Vec<(String, bool)> = match &self.plan {
            Some(p) => p.structures.iter().map(|s| s.id.get_ref().clone()).zip(self.visible.iter().copied()).collect(),
            None => Vec::new(),
        };
        let defaults = default_visibility(&plan);
        self.visible = plan.structures.iter().zip(defaults).map(|(s, d)| old.iter().find(|(id, _)| id == s.id.get_ref()).map_or(d, |(_, v)| *v)).collect();
        self.plan = Some(plan);
        self.structure_anchors = self.compute_anchors();
        self.refill();
    }

    /// Apply an edit to the layout; refused (with the reasons) when the result would not check.
    pub fn edit(&mut self, cmd: &Command) -> Result<(), Vec<Diagnostic>> {
        let Some(editor) = &mut self.editor else { return Err(Vec::new()) };
        let plan = editor.apply(cmd, &self.boundaries)?;
        self.set_plan(plan);
        Ok(())
    }

    /// Re-read the plan from the editor's current text (after undo, redo or a reload).
    pub fn sync_from_editor(&mut self) -> Result<(), Vec<Diagnostic>> {
        let Some(editor) = &self.editor else { return Ok(()) };
        let plan = crate::document::editor::check(editor.text(), &editor.path, &self.boundaries)?;
        self.set_plan(plan);
        Ok(())
    }

    /// Take a new version of the layout text from disk (another editor saved it): when its
    /// `boundaries =` names another file, or the boundary file changed, the boundaries are
    /// read again and the scene rebuilt. Nothing changes unless the new version checks clean;
    /// `Ok` carries its warnings.
    pub fn take_disk_version(&mut self, text: &str) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let Some(editor) = &self.editor else { return Err(Vec::new()) };
        let path = editor.path.clone();
        let plan = io::parse_layout(text, &path).map_err(|d| vec![d])?;
        let new_path = io::layout::boundaries_path(&path, &plan);
        let fresh = if Some(&new_path) != self.boundaries_path.as_ref() || self.boundaries_changed_on_disk() {
            let stamp = crate::document::editor::disk_stamp(&new_path);
            let (b, mut diags) = io::load_boundaries(&new_path);
            let Some(b) = b else {
                let msg = format!("boundary file \"{}\" could not be loaded (see below)", plan.plan.boundaries.get_ref());
                diags.insert(0, Diagnostic::at(crate::model::Severity::Error, &path, text, plan.plan.boundaries.span().start, msg));
                return Err(diags);
            };
            Some((b, stamp, diags))
        } else {
            None
        };
        let boundaries = fresh.as_ref().map_or(&*self.boundaries, |(b, _, _)| b);
        let diags = crate::model::validate(&plan, text, &path, Some(boundaries));
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let mut warnings = Vec::new();
        if let Some((b, stamp, mut boundary_warnings)) = fresh {
            self.scene = Scene::build(&b);
            self.origin = Origin::of(io::china::is_bundled(&b), &new_path);
            self.neighbours = None;
            self.boundaries = Arc::new(b);
            self.boundaries_path = Some(new_path);
            self.boundaries_stamp = stamp;
            warnings.append(&mut boundary_warnings);
        }
        warnings.extend(diags);
        if let Some(editor) = &mut self.editor {
            editor.take_disk(text);
        }
        self.set_plan(plan);
        Ok(warnings)
    }

    /// Whether the boundary file changed on disk since it was read.
    pub fn boundaries_changed_on_disk(&self) -> bool {
        let path = self.boundaries_path.as_deref().unwrap_or(&self.path);
        crate::document::editor::disk_stamp(path) != self.boundaries_stamp
    }

    /// Read the boundary file again after it changed on disk, and check the layout against it.
    /// A broken new version changes nothing (the errors are returned, and it is not reported
    /// again until it changes once more).
    pub fn reload_boundaries(&mut self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let job = self.start_reload();
        let fresh = job.run(&progress::NONE)?;
        self.install_boundaries(fresh)
    }

    /// What re-reading the boundary file needs, to run apart from the document (on a worker
    /// thread). Marks the file's current version as seen, whatever the outcome: a broken
    /// version is reported once, not on every event.
    pub fn start_reload(&mut self) -> ReloadJob {
        let path = self.boundaries_path.clone().unwrap_or_else(|| self.path.clone());
        self.boundaries_stamp = crate::document::editor::disk_stamp(&path);
        let layout = self.editor.as_ref().map(|e| (e.path.clone(), e.text().to_string()));
        ReloadJob { path, layout }
    }

    /// Take boundaries read again (`ReloadJob::run`). The layout is checked against them once
    /// more, as it may have been edited while they were read; `Err` changes nothing.
    pub fn install_boundaries(&mut self, fresh: FreshBoundaries) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let mut warnings = fresh.warnings;
        if let Some(editor) = &self.editor {
            let plan = io::parse_layout(editor.text(), &editor.path).map_err(|d| vec![d])?;
            let diags = crate::model::validate(&plan, editor.text(), &editor.path, Some(&fresh.boundaries));
            if diags.iter().any(Diagnostic::is_error) {
                return Err(diags);
            }
            warnings.retain(|w| w.file != editor.path);
            warnings.extend(diags);
        }
        self.scene = fresh.scene;
        self.origin = Origin::of(fresh.bundled, self.boundaries_path.as_deref().unwrap_or(&self.path));
        self.neighbours = None;
        self.boundaries = Arc::new(fresh.boundaries);
        self.structure_anchors = self.compute_anchors();
        self.refill();
        Ok(warnings)
    }

    pub fn undo(&mut self) -> bool {
        let undone = self.editor.as_mut().and_then(|e| e.undo()).is_some();
        undone && self.sync_from_editor().is_ok()
    }

    pub fn redo(&mut self) -> bool {
        let redone = self.editor.as_mut().and_then(|e| e.redo()).is_some();
        redone && self.sync_from_editor().is_ok()
    }

    pub fn is_dirty(&self) -> bool {
        self.editor.as_ref().is_some_and(Editor::is_dirty)
    }

    /// Each feature's neighbours, when the palette has found them (a plain file coloured by a
    /// field).
    pub fn neighbours(&self) -> Option<&[Vec<usize>]> {
        self.neighbours.as_deref().map(Vec::as_slice)
    }

    /// Rebuild the fills after a visibility or colour change.
    pub fn refill(&mut self) {
        self.revision += 1;
        let by_polygon = self.color_by.as_deref().is_some_and(|k| colours_by_polygon(&self.boundaries, k));
        if self.plan.is_none() && self.color_by.is_some() && self.neighbours.is_none() {
            self.neighbours = Some(Arc::new(crate::scene::palette::neighbours(&self.boundaries)));
        }
        let style = match &self.plan {
            Some(plan) => FillStyle::Layout { plan, visible: &self.visible, marks: self.marks },
            None => FillStyle::Property { boundaries: &self.boundaries, key: self.color_by.as_deref(), by_polygon, neighbours: self.neighbours.as_deref().map(Vec::as_slice) },
        };
        self.fill = Fill::build(&self.scene, &self.boundaries, style);
    }

    /// Show or hide a structure's colour (the legend's tick box).
    pub fn set_visible(&mut self, structure: usize, shown: bool) {
        if let Some(v) = self.visible.get_mut(structure) {
            *v = shown;
            self.refill();
        }
    }

    /// Fills and stripes, or outlines only.
    pub fn set_marks(&mut self, marks: Marks) {
        self.marks = marks;
        self.refill();
    }

    /// One structure at a time: only `s` is shown.
    pub fn show_only(&mut self, s: usize) {
        let n = self.visible.len();
        if s < n {
            self.visible = (0..n).map(|i| i == s).collect();
            self.refill();
        }
    }

    /// Back to the layout's own visibility (all structures, 十二品-style products hidden).
    pub fn show_default(&mut self) {
        if let Some(plan) = &self.plan {
            self.visible = default_visibility(plan);
            self.refill();
        }
    }

    /// Colour plain boundaries by another property.
    pub fn set_color_by(&mut self, key: Option<String>) {
        self.color_by = key;
        self.refill();
    }

    /// What the map is drawn from.
    pub fn map_data(&self) -> MapData<'_> {
        MapData { plan: self.plan.as_ref(), boundaries: &self.boundaries, scene: &self.scene, fill: &self.fill, visible: &self.visible, anchors: &self.structure_anchors }
    }

    /// The title to show: control characters escaped and cut to a line (a 10 MB title pushed
    /// the top bar's buttons off screen and took seconds to lay out).
    pub fn title(&self) -> String {
        match &self.plan {
            Some(p) => crate::model::shown_text(&p.plan.title, 60),
            None => self.path.file_name().map_or(String::new(), |n| crate::model::shown_text(&n.to_string_lossy(), 120)),
        }
    }

    /// Feature indices of a structure's members with a polygon.
    pub fn members_of(&self, structure: usize) -> Vec<usize> {
        let Some(s) = self.plan.as_ref().and_then(|p| p.structures.get(structure)) else { return Vec::new() };
        s.members.iter().filter_map(|m| m.adcode()).filter_map(|a| self.boundaries.index_of(a)).collect()
    }

    /// A structure's name goes where its members' label points average, when that lies in a
    /// member; else on its largest member. Single-county structures need no label of their own.
    fn compute_anchors(&self) -> Vec<Option<[f32; 2]>> {
        let Some(plan) = &self.plan else { return Vec::new() };
        (0..plan.structures.len())
            .map(|s| {
                let members = self.members_of(s);
                if members.len() < 2 {
                    return None;
                }
                let n = members.len() as f32;
                let mean = members.iter().fold([0.0, 0.0], |a, &i| {
                    let p = self.scene.shapes[i].label_at;
                    [a[0] + p[0] / n, a[1] + p[1] / n]
                });
                match self.scene.pick([f64::from(mean[0]), f64::from(mean[1])]) {
                    Some(i) if members.contains(&i) => Some(mean),
                    _ => {
                        let largest = members.iter().max_by(|&&a, &&b| self.scene.shapes[a].area().total_cmp(&self.scene.shapes[b].area()));
                        largest.map(|&i| self.scene.shapes[i].label_at)
                    }
                }
            })
            .collect()
    }
}

/// The geometry checks of a document opened without them (`Document::open_with`), to run on a
/// worker after the map is shown. They run on the document's own geometry (shared, not
/// copied); only when one finds a problem is the file read again, with the checks, for the
/// messages at their lines exactly as opening with the checks gives them.
pub struct GeometryCheck {
    path: PathBuf,
    boundaries: Arc<Boundaries>,
}

impl Document {
    /// The check to run after opening without geometry checks (None: nothing to check, as for
    /// formats other than GeoJSON, whose readers have no such checks).
    pub fn geometry_check(&self) -> Option<GeometryCheck> {
        let file = self.boundaries_path.as_deref().unwrap_or(&self.path);
        let geojson = file.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"));
        geojson.then(|| GeometryCheck { path: self.path.clone(), boundaries: self.boundaries.clone() })
    }
}

impl GeometryCheck {
    /// The boundary file's messages with the geometry checks, when they find anything; else
    /// none. Cancelled: none.
    pub fn run(&self, progress: &Progress) -> Vec<Diagnostic> {
        let mut budget = io::rings::BUDGET;
        let counter = progress::Counter::new(progress, progress::Stage::Checking, self.boundaries.features.len());
        let mut found = false;
        for f in &self.boundaries.features {
            if !counter.add(1) {
                return Vec::new();
            }
            found = (0..f.geometry.polygon_count()).any(|p| !io::rings::check(&f.geometry.polygon(p), &mut budget).is_empty());
            if found {
                break;
            }
        }
        if found { geometry_warnings(&self.path, progress) } else { Vec::new() }
    }
}

/// The boundary file's messages with its geometry checks, for a document opened without them
/// (`Document::open_with`): read again, apart, after the map is shown. Cancelled: empty.
pub fn geometry_warnings(path: &Path, progress: &Progress) -> Vec<Diagnostic> {
    let (file, opts) = if io::is_boundary_file(path) {
        (path.to_path_buf(), io::ReadOptions::default())
    } else {
        let plan = io::read_text_limited(path, io::MAX_LAYOUT_BYTES).ok().and_then(|src| io::parse_layout(&src, path).ok());
        let Some(plan) = plan else { return Vec::new() };
        (io::layout::boundaries_path(path, &plan), io::ReadOptions::of(&plan).unwrap_or_default())
    };
    let (_, diags) = io::boundary_file::load_boundaries_progress(&file, &opts, progress);
    if progress.is_cancelled() { Vec::new() } else { diags }
}

/// About how many bytes opening `path` reads: the file, and for a layout the boundary file it
/// names (found by reading the layout, which is small; one that does not parse counts alone).
/// The window opens small files at once and big ones in the background.
pub fn bytes_to_read(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    if io::is_boundary_file(path) {
        return size(path);
    }
    let named = io::read_text_limited(path, io::MAX_LAYOUT_BYTES)
        .ok()
        .and_then(|src| io::parse_layout(&src, path).ok())
        .map_or(0, |plan| size(&io::layout::boundaries_path(path, &plan)));
    size(path).saturating_add(named)
}

/// County products repeat the county itself: listed and toggleable, not filled at first.
pub fn default_visibility(plan: &Plan) -> Vec<bool> {
    plan.structures.iter().map(|s| s.kind != StructureKind::Product).collect()
}

/// The name field (name, NAME, 名称, XZQMC …) when there is one: each polygon a colour apart
/// from its neighbours', as a GIS's topological colouring shows a file at first. Else the
/// first property with between 2 and 12 distinct values (e.g. `city`).
pub fn default_color_key(b: &Boundaries) -> Option<String> {
    let keys = b.property_keys();
    io::boundary_file::name_field(&keys).or_else(|| {
        keys.into_iter().find(|k| {
            let mut values: Vec<&str> = b.features.iter().filter_map(|f| f.property(k)).collect();
            values.sort_unstable();
            values.dedup();
            (2..=12).contains(&values.len())
        })
    })
}

/// Whether colouring by `key` colours each polygon apart (a name field, or a field whose
/// values are all different, such as a code) rather than one colour per value.
pub fn colours_by_polygon(b: &Boundaries, key: &str) -> bool {
    if io::boundary_file::name_field(&[key.to_string()]).is_some() {
        return true;
    }
    let mut values: Vec<&str> = b.features.iter().filter_map(|f| f.property(key)).collect();
    let n = values.len();
    values.sort_unstable();
    values.dedup();
    n > 1 && values.len() == n
}

/// Re-reading a document's boundary file (after it changed on disk): the file, and the
/// layout's text to check against it.
pub struct ReloadJob {
    pub path: PathBuf,
    layout: Option<(PathBuf, String)>,
}

/// Boundaries read again, with their scene, ready to install.
pub struct FreshBoundaries {
    boundaries: Boundaries,
    scene: Scene,
    warnings: Vec<Diagnostic>,
    /// Whether they are the bundle's own (`io::china::is_bundled`).
    bundled: bool,
}

impl ReloadJob {
    /// Read, check and build the scene. Cancelled, `Err` is empty.
    pub fn run(&self, progress: &Progress) -> Result<FreshBoundaries, Vec<Diagnostic>> {
        let plan = match &self.layout {
            Some((path, text)) => Some(io::parse_layout(text, path).map_err(|d| vec![d])?),
            None => None,
        };
        // The layout's own reading options (its adcode and name fields, its datum).
        let opts = plan.as_ref().and_then(|p| io::ReadOptions::of(p).ok()).unwrap_or_default();
        let (b, mut warnings) = io::boundary_file::load_boundaries_progress(&self.path, &opts, progress);
        if progress.is_cancelled() {
            return Err(Vec::new());
        }
        let Some(b) = b else { return Err(warnings) };
        if let (Some(plan), Some((path, text))) = (&plan, &self.layout) {
            progress.set(progress::Stage::Checking, 0.0);
            let diags = crate::model::validate(plan, text, path, Some(&b));
            if diags.iter().any(Diagnostic::is_error) {
                return Err(diags);
            }
            warnings.extend(diags);
        }
        let scene = Scene::build_with(&b, progress);
        if progress.is_cancelled() {
            return Err(Vec::new());
        }
        let bundled = io::china::is_bundled(&b);
        Ok(FreshBoundaries { boundaries: b, scene, warnings, bundled })
    }
}
