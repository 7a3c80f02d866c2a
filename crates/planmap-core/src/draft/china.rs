//! Drafting's gazetteer over the built-in region index of all China (`io::china`): a region's
//! county-level units with their short forms, and its boundaries written as `planmap new`
//! writes them.

use std::path::Path;

use crate::draft::gazetteer::{Gazetteer, Place, Region, Unit, short_forms};
use crate::io::{china, geojson_write, starter};
use crate::model::regions::{Level, Lookup, RegionId, RegionIndex};

pub struct ChinaGazetteer {
    index: &'static RegionIndex,
    /// The units of a province-level plan: its cities and counties (None), cities only, or
    /// counties only.
    units: Option<starter::Units>,
}

impl ChinaGazetteer {
    pub fn new() -> Result<ChinaGazetteer, String> {
        china::index().map(|index| ChinaGazetteer { index, units: None }).map_err(|e| format!("the built-in boundary bundle cannot be read: {e}"))
    }

    /// The units a province-level plan's draft uses (`draft --units city|county`).
    pub fn with_units(mut self, units: Option<starter::Units>) -> ChinaGazetteer {
        self.units = units;
        self
    }

    fn region(&self, id: RegionId) -> Option<Region> {
        let r = self.index.get(id)?;
        let (city, focus) = match r.level {
            Level::County => (r.parent.unwrap_or(id), Some(r.adcode.clone())),
            _ => (id, None),
        };
        let county_units = || self.index.counties(city).into_iter().filter_map(|u| self.index.get(u)).map(|u| Unit::new(&u.adcode, &u.name));
        // A province-level plan names its cities (荆州 is 荆州市, not 荆州区) and, in full or
        // by a name no city shares, counties.
        let city_units = || self.index.children(id).iter().filter_map(|&c| self.index.get(c)).filter(|c| c.level == Level::City).map(|c| Unit::city(&c.adcode, &c.name));
        let units: Vec<Unit> = match (r.level, self.units) {
            (Level::Province, Some(starter::Units::City)) => city_units().collect(),
            (Level::Province, Some(starter::Units::County)) => county_units().collect(),
            (Level::Province, None) => city_units().chain(county_units()).collect(),
            _ => county_units().collect(),
        };
        let mut names = vec![r.name.clone()];
        names.extend(short_forms(&r.name));
        if let Some(c) = self.index.get(city).filter(|_| city != id) {
            names.push(c.name.clone());
            names.extend(short_forms(&c.name));
        }
        // A county-level plan keeps its own name as the plan writes it ("重庆市沙坪坝区").
        Some(Region { name: r.name.clone(), names, focus, units, key: id, adcode: r.adcode.clone() })
    }
}

impl Gazetteer for ChinaGazetteer {
    fn find(&self, name: &str) -> Result<Region, String> {
        let shown = crate::model::echoed(name.trim(), 60);
        match self.index.find(name.trim()) {
            Lookup::Found(id) => self.region(id).ok_or_else(|| format!("region \"{shown}\" has no entry")),
            Lookup::Ambiguous(ids) => {
                let labels: Vec<String> = ids.iter().map(|&i| self.index.label(i)).collect();
                Err(format!("\"{shown}\" names {} regions: {}; give the name with its city (e.g. 攀枝花市仁和区) or the adcode", ids.len(), labels.join("; ")))
            }
            Lookup::NotFound { close } => {
                let labels: Vec<String> = close.iter().take(5).map(|&i| self.index.label(i)).collect();
                let hint = if labels.is_empty() { String::new() } else { format!(" (close: {})", labels.join("; ")) };
                Err(format!("no region of China is named \"{shown}\"{hint}"))
            }
        }
    }

    fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = self.index.regions().iter().filter(|r| r.level != Level::Province).map(|r| r.name.clone()).collect();
        out.sort();
        out.dedup();
        out
    }

    fn places(&self) -> Vec<Place> {
        self.index
            .regions()
            .iter()
            .map(|r| {
                let short = crate::model::regions::short_name(&r.name);
                Place {
                    name: r.name.clone(),
                    short: (short != r.name && short.chars().count() >= 2).then(|| short.to_string()),
                    level: match r.level {
                        Level::Province => 0,
                        Level::City => 1,
                        Level::County => 2,
                    },
                    parent: r.parent,
                }
            })
            .collect()
    }
}

/// The region's boundaries as `planmap new` writes them: its units (role "unit") and their
/// neighbours (role "context"), as GeoJSON text. A province-level plan that has both cities
/// and counties as units writes its cities and, of its counties, those in `used` (the
/// draft's): a whole province of counties under its cities would hide them.
pub fn boundaries_json(region: &Region, used: &[&str]) -> Result<String, String> {
    let index = china::index().map_err(|e| e.to_string())?;
    let mixed = region.units.iter().any(|u| u.city) && region.units.iter().any(|u| !u.city);
    let units: Vec<RegionId> = region.units.iter().filter(|u| !mixed || u.city || used.contains(&u.adcode.as_str())).filter_map(|u| index.by_adcode(&u.adcode)).collect();
    let context = china::neighbours(&units).map_err(|e| e.to_string())?;
    let mut features = china::features(&units).map_err(|e| e.to_string())?;
    let context = china::features(&context).map_err(|e| e.to_string())?;
    for f in &mut features.features {
        f.properties.push(("role".into(), "unit".into()));
    }
    features.features.extend(context.features.into_iter().map(|mut f| {
        f.properties.push(("role".into(), "context".into()));
        f
    }));
    Ok(geojson_write::to_geojson(&features))
}

/// The boundary file beside a drafted layout, named as `planmap new` names it.
pub fn boundaries_path_for(layout: &Path) -> std::path::PathBuf {
    starter::boundaries_path_for(layout)
}
