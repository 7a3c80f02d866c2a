//! The all-China boundary bundle built into planmap (`assets/boundaries/china.arcs`, see
//! `io::arcs`), its region index, and boundary features cut from it: a region's units and
//! their neighbours. Works offline; parsed once, on first use.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::io::arcs::{ArcsError, Bundle, Record};
use crate::model::regions::{Level, RegionId, RegionIndex};
use crate::model::{Boundaries, Feature};

/// The bundle's bytes, compiled in so the app needs no asset folder.
pub static BUNDLE_BYTES: &[u8] = include_bytes!("../../../../assets/boundaries/china.arcs");

struct China {
    bundle: Bundle<'static>,
    index: RegionIndex,
    /// County-level records that use each arc (for neighbours).
    arc_users: HashMap<usize, Vec<RegionId>>,
}

fn china() -> Result<&'static China, ArcsError> {
    static CHINA: OnceLock<Result<China, ArcsError>> = OnceLock::new();
    CHINA
        .get_or_init(|| {
            let bundle = Bundle::parse(BUNDLE_BYTES)?;
            let index = index_of(&bundle);
            let mut arc_users: HashMap<usize, Vec<RegionId>> = HashMap::new();
            for (id, r) in bundle.records.iter().enumerate().filter(|(_, r)| r.level == Level::County) {
                for &a in r.polygons.iter().flatten().flatten() {
                    arc_users.entry(if a < 0 { !a } else { a } as usize).or_default().push(id);
                }
            }
            Ok(China { bundle, index, arc_users })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// A region index over a parsed bundle; region ids are record positions.
pub fn index_of(bundle: &Bundle) -> RegionIndex {
    RegionIndex::new(bundle.records.iter().map(|r| (r.adcode.to_string(), r.level, r.parent.map(|p| p.to_string()), r.name.clone())).collect())
}

/// Every province, prefecture and county of China (the built-in bundle's records).
pub fn index() -> Result<&'static RegionIndex, ArcsError> {
    china().map(|c| &c.index)
}

/// The built-in bundle, parsed (for benchmarks and tests).
pub fn bundle() -> Result<&'static Bundle<'static>, ArcsError> {
    china().map(|c| &c.bundle)
}

/// County-level units that share a border with any of `ids` (not in `ids`), in index order.
pub fn neighbours(ids: &[RegionId]) -> Result<Vec<RegionId>, ArcsError> {
    let c = china()?;
    let own: BTreeSet<RegionId> = ids.iter().flat_map(|&id| c.index.counties(id)).collect();
    let mut out = BTreeSet::new();
    for &id in &own {
        let Some(r) = c.bundle.records.get(id) else { continue };
        for &a in r.polygons.iter().flatten().flatten() {
            for &user in c.arc_users.get(&(if a < 0 { !a } else { a } as usize)).into_iter().flatten() {
                if !own.contains(&user) {
                    out.insert(user);
                }
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// Boundary features for these regions, in the given order: properties adcode, name, level,
/// and the names of the city and province they lie in.
pub fn features(ids: &[RegionId]) -> Result<Boundaries, ArcsError> {
    let c = china()?;
    let mut features = Vec::with_capacity(ids.len());
    for &id in ids {
        let (Some(record), Some(region)) = (c.bundle.records.get(id), c.index.get(id)) else { continue };
        features.push(feature(c, id, record, &region.adcode)?);
    }
    Ok(Boundaries { features })
}

fn feature(c: &China, id: RegionId, record: &Record, adcode: &str) -> Result<Feature, ArcsError> {
    let mut properties = vec![("adcode".to_string(), adcode.to_string()), ("name".to_string(), record.name.clone()), ("level".to_string(), record.level.zh().to_string())];
    for &p in c.index.path(id).iter().rev().filter(|&&p| p != id) {
        if let Some(r) = c.index.get(p) {
            let key = if r.level == Level::Province { "province" } else { "city" };
            properties.push((key.to_string(), r.name.clone()));
        }
    }
    Ok(Feature { adcode: adcode.to_string(), name: record.name.clone(), properties, geometry: c.bundle.geometry(record)?.into() })
}

/// Whether boundaries are the bundle's own — the five GeoJSON files shipped beside it, a
/// starter's boundaries, a file exported from them — so an attribution may credit Amap: a few
/// features spread over the file carry the bundle's adcodes and exactly its rings (to a step
/// of the store, 1e-7°).
/// A user's own file (other rings, other codes, another datum converted) is not.
pub fn is_bundled(b: &Boundaries) -> bool {
    let n = b.features.len();
    let samples: Vec<&Feature> = (0..n.min(5)).filter_map(|k| b.features.get(k * n.saturating_sub(1) / n.min(5).saturating_sub(1).max(1))).collect();
    let Some(wanted) = samples.iter().map(|f| f.adcode.parse::<u32>().ok()).collect::<Option<Vec<u32>>>() else { return false };
    // Only the sampled records: a user's own file costs no index of all of China.
    let Ok(bundle) = Bundle::parse_some(BUNDLE_BYTES, |a| wanted.contains(&a)) else { return false };
    !samples.is_empty()
        && samples.iter().all(|f| {
            let Some(record) = bundle.records.iter().find(|r| r.adcode.to_string() == f.adcode) else { return false };
            let Ok(theirs) = bundle.geometry(record) else { return false };
            let theirs = crate::model::Polygons::from(&theirs);
            let rings = |m: &crate::model::Polygons| -> Vec<Vec<[f64; 2]>> { m.rings().map(Iterator::collect).collect() };
            let (a, z) = (rings(&f.geometry), rings(&theirs));
            a.len() == z.len()
                && a.iter().zip(&z).all(|(r, s)| r.len() == s.len() && r.iter().zip(s).all(|(p, q)| (p[0] - q[0]).abs() < 1.5e-7 && (p[1] - q[1]).abs() < 1.5e-7))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundle's own features are known as its own (so an attribution credits Amap); the
    /// same with one point moved, another adcode, or nothing, are not.
    #[test]
    fn the_bundles_own_features_are_known_and_others_are_not() {
        let index = index().unwrap();
        let ids: Vec<RegionId> = ["610302", "610303", "610304", "610322", "610323", "610324"].iter().map(|a| index.by_adcode(a).unwrap()).collect();
        let own = features(&ids).unwrap();
        assert!(is_bundled(&own));
        let mut moved = own.clone();
        let last = moved.features.len() - 1;
        let mut shape = moved.features[last].geometry.to_geo();
        shape.0[0].exterior_mut(|r| r.0[1].x += 1e-6);
        moved.features[last].geometry = shape.into();
        assert!(!is_bundled(&moved), "a point moved by 0.11 m");
        let mut recoded = own.clone();
        recoded.features[0].adcode = "0610302".into();
        assert!(!is_bundled(&recoded), "an adcode written otherwise");
        assert!(!is_bundled(&Boundaries { features: Vec::new() }));
    }
}
