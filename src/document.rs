//! The open file: a layout with its boundaries, or plain boundaries, with the scene built from
//! them. Opening never replaces a good document with a broken one.

use std::path::{Path, PathBuf};

use crate::editor::Editor;
use crate::io;
use crate::io::edit::Command;
use crate::model::{Boundaries, Diagnostic, Plan, StructureKind};
use crate::scene::picture::MapData;
use crate::scene::{Fill, FillStyle, Scene};

pub struct Document {
    pub path: PathBuf,
    /// None for a plain boundary file.
    pub plan: Option<Plan>,
    pub boundaries: Boundaries,
    pub scene: Scene,
    pub fill: Fill,
    /// Which structures are drawn (the legend's checkboxes).
    pub visible: Vec<bool>,
    /// The property plain boundaries are coloured by.
    pub color_by: Option<String>,
    /// Each structure's label point (km) and whether it has a polygon member.
    pub structure_anchors: Vec<Option<[f32; 2]>>,
    /// The layout's text under edit (None for plain boundaries).
    pub editor: Option<Editor>,
    /// Counts every change of plan, visibility or colours: a pane compares it with the one it
    /// last saw and rebuilds what it derived from the plan (steps, forms, highlights).
    pub revision: u64,
}

impl Document {
    /// Open a layout (.toml) or boundary (.geojson/.json) file. Err carries every located problem.
    pub fn open(path: &Path) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
        let is_geojson = matches!(path.extension().and_then(|e| e.to_str()), Some("geojson" | "json"));
        let (plan, boundaries, warnings, editor) = if is_geojson {
            let (b, diags) = io::load_boundaries(path);
            match b {
                Some(b) => (None, b, diags, None),
                None => return Err(diags),
            }
        } else {
            let l = io::load_layout(path)?;
            let editor = Editor::new(path, &l.src).ok();
            (Some(l.plan), l.boundaries, l.warnings, editor)
        };
        let scene = Scene::build(&boundaries);
        let visible = plan.as_ref().map_or(Vec::new(), default_visibility);
        let color_by = if plan.is_none() { default_color_key(&boundaries) } else { None };
        let mut doc = Document {
            path: path.to_path_buf(),
            plan,
            boundaries,
            scene,
            fill: Fill::default(),
            visible,
            color_by,
            structure_anchors: Vec::new(),
            editor,
            revision: 0,
        };
        doc.structure_anchors = doc.compute_anchors();
        doc.refill();
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
        self.visible = plan
            .structures
            .iter()
            .zip(defaults)
            .map(|(s, d)| old.iter().find(|(id, _)| id == s.id.get_ref()).map_or(d, |(_, v)| *v))
            .collect();
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
        let plan = crate::editor::check(editor.text(), &editor.path, &self.boundaries)?;
        self.set_plan(plan);
        Ok(())
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

    /// Rebuild the fills after a visibility or colour change.
    pub fn refill(&mut self) {
        self.revision += 1;
        let style = match &self.plan {
            Some(plan) => FillStyle::Layout { plan, visible: &self.visible },
            None => FillStyle::Property { boundaries: &self.boundaries, key: self.color_by.as_deref() },
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

    /// Colour plain boundaries by another property.
    pub fn set_color_by(&mut self, key: Option<String>) {
        self.color_by = key;
        self.refill();
    }

    /// What the map is drawn from.
    pub fn map_data(&self) -> MapData<'_> {
        MapData {
            plan: self.plan.as_ref(),
            boundaries: &self.boundaries,
            scene: &self.scene,
            fill: &self.fill,
            visible: &self.visible,
            anchors: &self.structure_anchors,
        }
    }

    pub fn title(&self) -> String {
        match &self.plan {
            Some(p) => p.plan.title.clone(),
            None => self.path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()),
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
                        use geo::Area;
                        let largest = members.iter().max_by(|&&a, &&b| {
                            self.scene.shapes[a].polygon.unsigned_area().total_cmp(&self.scene.shapes[b].polygon.unsigned_area())
                        });
                        largest.map(|&i| self.scene.shapes[i].label_at)
                    }
                }
            })
            .collect()
    }
}

/// County products repeat the county itself: listed and toggleable, not filled at first.
fn default_visibility(plan: &Plan) -> Vec<bool> {
    plan.structures.iter().map(|s| s.kind != StructureKind::Product).collect()
}

/// The first property with between 2 and 12 distinct values (e.g. `city`), for a first look.
fn default_color_key(b: &Boundaries) -> Option<String> {
    b.property_keys().into_iter().find(|k| {
        let mut values: Vec<&str> = b.features.iter().filter_map(|f| f.property(k)).collect();
        values.sort_unstable();
        values.dedup();
        (2..=12).contains(&values.len())
    })
}
