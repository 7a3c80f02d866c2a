//! The region index over the boundary files bundled in assets/boundaries: every prefecture
//! ("city" property) and county they hold. Drafting sees it through `draft::RegionIndex`.

use std::path::{Path, PathBuf};

use crate::draft::gazetteer::short_forms;
use crate::draft::{Region, RegionIndex, Unit};

struct City {
    name: String,
    file: PathBuf,
    units: Vec<Unit>,
}

pub struct BundledIndex {
    cities: Vec<City>,
}

/// The bundled boundary folder: beside the executable's working copy, else the source tree's.
pub fn assets_dir() -> PathBuf {
    let here = PathBuf::from("assets/boundaries");
    if here.is_dir() { here } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries") }
}

impl BundledIndex {
    /// Read every .geojson in `dir` (files that do not load are skipped).
    pub fn load(dir: &Path) -> BundledIndex {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "geojson")).collect())
            .unwrap_or_default();
        files.sort();
        let mut cities: Vec<City> = Vec::new();
        for file in files {
            let (Some(b), _) = crate::io::load_boundaries(&file) else { continue };
            for f in &b.features {
                let city = f.property("city").unwrap_or("").to_string();
                let at = match cities.iter().position(|c| c.name == city && c.file == file) {
                    Some(at) => at,
                    None => {
                        cities.push(City { name: city, file: file.clone(), units: Vec::new() });
                        cities.len() - 1
                    }
                };
                cities[at].units.push(Unit::new(&f.adcode, &f.name));
            }
        }
        BundledIndex { cities }
    }

    fn region_of_city(c: &City) -> Region {
        let mut names = vec![c.name.clone()];
        names.extend(short_forms(&c.name));
        Region { name: c.name.clone(), names, focus: None, units: c.units.clone(), boundaries: c.file.clone() }
    }
}

impl RegionIndex for BundledIndex {
    fn find(&self, name: &str) -> Option<Region> {
        let name = name.trim();
        if let Some(c) = self.cities.iter().find(|c| !c.name.is_empty() && (c.name == name || short_forms(&c.name).iter().any(|s| s == name))) {
            return Some(Self::region_of_city(c));
        }
        for c in &self.cities {
            // "重庆市沙坪坝区": a county named with its prefecture.
            let bare = name.strip_prefix(c.name.as_str()).unwrap_or(name);
            if let Some(u) = c.units.iter().find(|u| u.name == bare || u.short.iter().any(|s| s == bare)) {
                let mut r = Self::region_of_city(c);
                r.names = vec![u.name.clone()];
                r.names.extend(u.short.iter().cloned());
                r.names.push(c.name.clone());
                r.name = if name.starts_with(c.name.as_str()) { name.to_string() } else { u.name.clone() };
                r.focus = Some(u.adcode.clone());
                return Some(r);
            }
        }
        None
    }

    fn names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.cities {
            if !c.name.is_empty() {
                out.push(c.name.clone());
            }
            out.extend(c.units.iter().map(|u| u.name.clone()));
        }
        out.sort();
        out.dedup();
        out
    }
}
