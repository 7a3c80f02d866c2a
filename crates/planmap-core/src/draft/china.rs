//! Drafting's gazetteer over the built-in region index of all China (`io::china`): a region's
//! county-level units with their short forms, and its boundaries written as `planmap new`
//! writes them.

use std::path::Path;

use crate::draft::gazetteer::{Gazetteer, Region, Unit, short_forms};
use crate::io::{china, geojson_write, starter};
use crate::model::regions::{Level, Lookup, RegionId, RegionIndex};

pub struct ChinaGazetteer {
    index: &'static RegionIndex,
}

impl ChinaGazetteer {
    pub fn new() -> Result<ChinaGazetteer, String> {
        china::index().map(|index| ChinaGazetteer { index }).map_err(|e| format!("the built-in boundary bundle cannot be read: {e}"))
    }

    fn region(&self, id: RegionId) -> Option<Region> {
        let r = self.index.get(id)?;
        let (city, focus) = match r.level {
            Level::County => (r.parent.unwrap_or(id), Some(r.adcode.clone())),
            _ => (id, None),
        };
        let units = self.index.counties(city).into_iter().filter_map(|u| self.index.get(u)).map(|u| Unit::new(&u.adcode, &u.name)).collect();
        let mut names = vec![r.name.clone()];
        names.extend(short_forms(&r.name));
        if let Some(c) = self.index.get(city).filter(|_| city != id) {
            names.push(c.name.clone());
            names.extend(short_forms(&c.name));
        }
        // A county-level plan keeps its own name as the plan writes it ("重庆市沙坪坝区").
        Some(Region { name: r.name.clone(), names, focus, units, key: id })
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
}

/// The region's boundaries as `planmap new` writes them: its county-level units (role "unit")
/// and their neighbours (role "context"), as GeoJSON text.
pub fn boundaries_json(region: &Region) -> Result<String, String> {
    let index = china::index().map_err(|e| e.to_string())?;
    let units: Vec<RegionId> = region.units.iter().filter_map(|u| index.by_adcode(&u.adcode)).collect();
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
