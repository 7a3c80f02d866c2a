//! A starter layout for any region of China: the layout TOML (plan metadata, the region, an
//! empty structure list) and a boundary GeoJSON beside it with the region's units and their
//! neighbours as context, both cut from the built-in bundle. Used by `planmap new` and
//! File ▸ New layout…. Never overwrites a file.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::io::arcs::ArcsError;
use crate::io::{china, geojson_write};
use crate::model::regions::{Level, RegionId, RegionIndex};

/// Which units the layout colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    /// County-level units (区县): a city's counties, a province's counties, or one county.
    #[default]
    County,
    /// Prefecture-level units (市): a province's cities (Hainan's 省直辖 units among them).
    City,
}

#[derive(Debug, thiserror::Error)]
pub enum StarterError {
    #[error("{0} already exists: planmap new never overwrites a file; choose another name")]
    Exists(PathBuf),
    #[error("the layout must be a .toml file: {0}")]
    NotToml(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0} is a county-level unit: it has no cities; use --units county")]
    NoCities(String),
    #[error("the built-in boundary bundle cannot be read: {0}")]
    Bundle(#[from] ArcsError),
}

/// What a starter layout holds: the units to colour, their neighbours, the focus district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub region: RegionId,
    pub units: Vec<RegionId>,
    pub context: Vec<RegionId>,
    /// Adcode of the county a county-level plan is about.
    pub focus: Option<String>,
}

/// Choose the units of `region` and the neighbours drawn around them.
pub fn select(index: &RegionIndex, region: RegionId, units: Units) -> Result<Selection, StarterError> {
    let level = index.get(region).map(|r| r.level);
    let name = index.get(region).map(|r| r.name.clone()).unwrap_or_default();
    let counties = index.counties(region);
    let neighbour_counties = china::neighbours(&counties)?;
    Ok(match (units, level) {
        (Units::City, Some(Level::County)) => return Err(StarterError::NoCities(name)),
        (Units::City, _) => {
            let cities = if level == Some(Level::Province) { index.children(region).to_vec() } else { vec![region] };
            let mut context: Vec<RegionId> = neighbour_counties.iter().filter_map(|&c| index.get(c).and_then(|r| r.parent)).filter(|p| !cities.contains(p)).collect();
            context.sort_unstable();
            context.dedup();
            Selection { region, units: cities, context, focus: None }
        }
        (Units::County, Some(Level::County)) => {
            let focus = index.get(region).map(|r| r.adcode.clone());
            Selection { region, units: counties, context: neighbour_counties, focus }
        }
        (Units::County, _) => Selection { region, units: counties, context: neighbour_counties, focus: None },
    })
}

/// A TOML basic string (quotes and escapes).
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// The starter layout's text: `boundaries` is the GeoJSON file name relative to the layout.
pub fn layout_text(index: &RegionIndex, sel: &Selection, boundaries: &str) -> String {
    let region = index.get(sel.region).map(|r| r.name.as_str()).unwrap_or_default();
    let where_ = index.label(sel.region);
    let mut t = String::new();
    t.push_str(&format!("# Starter layout for {where_}, written by `planmap new`.\n"));
    t.push_str("# Fill in the plan's title and document, then add one [[structures]] table per structure the\n");
    t.push_str("# plan names, in the plan's order. The format: layouts/README.md in the planmap repository.\n\n");
    t.push_str("[plan]\n");
    t.push_str(&format!("title = {}   # the plan's title, as printed\n", quoted(region)));
    t.push_str(&format!("region = {}\n", quoted(region)));
    t.push_str("document = \"\"   # the plan's document (file name)\n");
    t.push_str(&format!("boundaries = {}\n", quoted(boundaries)));
    if let Some(focus) = &sel.focus {
        t.push_str(&format!("focus_district = {}   # the county the plan is about; its neighbours are context\n", quoted(focus)));
    }
    t.push_str("\n# Structures: none yet. Add one [[structures]] table per structure, e.g.:\n");
    t.push_str("# [[structures]]\n# id = \"core\"\n# kind = \"core\"\n# name = \"…\"      # the plan's name for it\n");
    t.push_str("# source = \"…\"    # the section of the plan that states it\n");
    if let Some(first) = sel.units.first().and_then(|&u| index.get(u)) {
        t.push_str(&format!("#   [[structures.members]]\n#   adcode = {}\n#   name = {}\n", quoted(&first.adcode), quoted(&first.name)));
    }
    t.push_str("\n# Units in the boundary file (adcode name):\n");
    for r in sel.units.iter().filter_map(|&u| index.get(u)) {
        t.push_str(&format!("#   {} {}\n", r.adcode, r.name));
    }
    if !sel.context.is_empty() {
        let names: Vec<&str> = sel.context.iter().filter_map(|&u| index.get(u)).map(|r| r.name.as_str()).collect();
        t.push_str(&format!("# Neighbours drawn as context: {}\n", names.join("、")));
    }
    t
}

/// The files written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub layout: PathBuf,
    pub boundaries: PathBuf,
    pub units: usize,
    pub context: usize,
}

/// The boundary file written beside a layout: same stem, `.geojson`.
pub fn boundaries_path_for(layout: &Path) -> PathBuf {
    layout.with_extension("geojson")
}

/// Write the starter layout `out` and its boundaries beside it. Refuses when either exists;
/// creates the folder when missing.
pub fn write(region: RegionId, units: Units, out: &Path) -> Result<Written, StarterError> {
    if out.extension().and_then(|e| e.to_str()) != Some("toml") {
        return Err(StarterError::NotToml(out.to_path_buf()));
    }
    let boundaries = boundaries_path_for(out);
    for p in [out, boundaries.as_path()] {
        if p.exists() {
            return Err(StarterError::Exists(p.to_path_buf()));
        }
    }
    let index = china::index()?;
    let sel = select(index, region, units)?;
    let mut features = china::features(&sel.units)?;
    let context = china::features(&sel.context)?;
    for f in &mut features.features {
        f.properties.push(("role".into(), "unit".into()));
    }
    features.features.extend(context.features.into_iter().map(|mut f| {
        f.properties.push(("role".into(), "context".into()));
        f
    }));
    let json = geojson_write::to_geojson(&features);
    let file_name = boundaries.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let text = layout_text(index, &sel, &file_name);

    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| StarterError::Io(dir.to_path_buf(), e))?;
    }
    create_new(&boundaries, json.as_bytes())?;
    if let Err(e) = create_new(out, text.as_bytes()) {
        // Do not leave half a starter behind; the boundary file is ours (created just now).
        let _ = fs::remove_file(&boundaries);
        return Err(e);
    }
    Ok(Written { layout: out.to_path_buf(), boundaries, units: sel.units.len(), context: sel.context.len() })
}

/// Create a file that must not exist yet (no race with another writer).
fn create_new(path: &Path, bytes: &[u8]) -> Result<(), StarterError> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StarterError::Exists(path.to_path_buf()),
        _ => StarterError::Io(path.to_path_buf(), e),
    })?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| StarterError::Io(path.to_path_buf(), e))
}
