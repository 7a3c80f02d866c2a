//! Boundary features out as an RFC 7946 FeatureCollection, written with the `geojson` crate.
//! Properties are written as strings, as the reader keeps them.

use geojson::{Feature, FeatureCollection, Geometry, JsonObject, JsonValue};

use crate::model::Boundaries;

/// The features as GeoJSON text (compact, UTF-8, one line, ending in a newline).
pub fn to_geojson(boundaries: &Boundaries) -> String {
    let features = boundaries.features.iter().map(|f| {
        let mut properties = JsonObject::new();
        for (k, v) in &f.properties {
            properties.insert(k.clone(), JsonValue::String(v.clone()));
        }
        properties.entry("adcode").or_insert_with(|| JsonValue::String(f.adcode.clone()));
        properties.entry("name").or_insert_with(|| JsonValue::String(f.name.clone()));
        Feature { geometry: Some(Geometry::from(&f.geometry.to_geo())), properties: Some(properties), ..Default::default() }
    });
    format!("{}\n", FeatureCollection::new(features))
}
