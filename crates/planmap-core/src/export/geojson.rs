//! The layout as GeoJSON (RFC 7946) for QGIS, ArcGIS, geojson.io or an ECharts dashboard,
//! written with the `geojson` crate. One feature per county with what the plan puts there as
//! properties, flat (so a GIS can categorise by `structure_1`) and as a list; places the plan
//! names without a polygon are listed in the collection's `planmap` member, never given a point.
//! Coordinates are written as planmap holds them: GCJ-02 (the `planmap.datum` member says so).

use std::path::Path;

use geo::orient::{Direction, Orient};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, JsonValue, feature::Id};
use serde_json::json;

use crate::model::{Boundaries, Plan, Rgb};

const DATUM_NOTE: &str =
    "Coordinates are GCJ-02 longitude/latitude (the datum of Amap and of planmap's bundled boundaries), not WGS 84: over a WGS 84 basemap they sit 300–600 m off.";

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0[0], c.0[1], c.0[2])
}

fn kind_name(k: crate::model::StructureKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// RFC 7946 §3.1.6: exteriors counter-clockwise, holes clockwise.
fn geometry(g: &crate::model::Polygons) -> Geometry {
    Geometry::new(GeometryValue::from(&g.to_geo().orient(Direction::Default)))
}

fn county_properties(plan: &Plan, adcode: &str, name: &str, max_structures: usize) -> JsonObject {
    let mut p = JsonObject::new();
    p.insert("adcode".into(), json!(adcode));
    p.insert("name".into(), json!(name));
    let ids = plan.structures_of(adcode);
    let district = plan.district(adcode);
    let in_plan = !ids.is_empty() || district.is_some() || plan.focus_district() == Some(adcode);
    p.insert("in_plan".into(), json!(in_plan));
    let mut list = Vec::new();
    for (k, &i) in ids.iter().enumerate() {
        let Some(s) = plan.structures.get(i) else { continue };
        let member = s.member_for(adcode);
        let qualifier = member.and_then(|m| m.partial.clone());
        let membership = if qualifier.is_some() { "partial" } else { "whole" };
        let color = hex(plan.structure_color(i));
        let n = k + 1;
        p.insert(format!("structure_{n}"), json!(s.name));
        p.insert(format!("structure_{n}_id"), json!(s.id.get_ref()));
        p.insert(format!("structure_{n}_kind"), json!(kind_name(s.kind)));
        p.insert(format!("structure_{n}_color"), json!(color));
        p.insert(format!("structure_{n}_membership"), json!(membership));
        p.insert(format!("structure_{n}_qualifier"), json!(qualifier));
        list.push(json!({
            "id": s.id.get_ref(),
            "name": s.name,
            "kind": kind_name(s.kind),
            "color": color,
            "membership": membership,
            "qualifier": qualifier,
            "source": s.source,
        }));
    }
    // The same columns on every feature, null where a county has fewer structures.
    for n in ids.len() + 1..=max_structures {
        for suffix in ["", "_id", "_kind", "_color", "_membership", "_qualifier"] {
            p.insert(format!("structure_{n}{suffix}"), JsonValue::Null);
        }
    }
    let names: Vec<&str> = ids.iter().filter_map(|&i| plan.structures.get(i)).map(|s| s.name.as_str()).collect();
    let id_list: Vec<&str> = ids.iter().filter_map(|&i| plan.structures.get(i)).map(|s| s.id.get_ref().as_str()).collect();
    p.insert("structures".into(), json!(names.join("、")));
    p.insert("structure_ids".into(), json!(id_list.join(",")));
    p.insert("structure_count".into(), json!(ids.len()));
    p.insert("structure_list".into(), JsonValue::Array(list));
    p.insert("specialities".into(), json!(district.map_or(0, |d| d.specialities.len())));
    p.insert("hospitals".into(), json!(district.map_or(0, |d| d.hospitals.len())));
    p.insert("projects".into(), json!(district.map_or(0, |d| d.projects.len())));
    let places = plan.structures.iter().flat_map(|s| &s.members).filter(|m| !m.has_polygon() && m.within.as_ref().is_some_and(|w| w.get_ref() == adcode)).count();
    p.insert("places_within".into(), json!(places));
    // simplestyle-spec, which geojson.io and GitHub draw: the county's first structure's colour.
    let fill = ids.first().map(|&i| hex(plan.structure_color(i)));
    p.insert("fill".into(), json!(fill.clone().unwrap_or_else(|| "#dddddd".into())));
    p.insert("fill-opacity".into(), json!(if fill.is_some() { 0.65 } else { 0.25 }));
    p.insert("stroke".into(), json!("#555555"));
    p.insert("stroke-width".into(), json!(1));
    p
}

/// What the collection says about the plan as a whole: title, datum, structures, and the
/// places without a polygon.
fn plan_member(plan: &Plan) -> JsonValue {
    let m = &plan.plan;
    let structures: Vec<JsonValue> = plan
        .structures
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": s.id.get_ref(), "name": s.name, "kind": kind_name(s.kind), "color": hex(plan.structure_color(i)),
                "title": s.title, "positioning": s.positioning, "source": s.source,
                "counties": s.members.iter().filter(|m| m.has_polygon()).count(),
            })
        })
        .collect();
    let places: Vec<JsonValue> = plan
        .structures
        .iter()
        .flat_map(|s| s.members.iter().filter(|m| !m.has_polygon()).map(move |m| (s, m)))
        .map(|(s, m)| {
            json!({
                "name": m.name(), "kind": serde_json::to_value(m.kind).unwrap_or(JsonValue::Null),
                "structure": s.name, "structure_id": s.id.get_ref(),
                "location": m.location, "within": m.within.as_ref().map(|w| w.get_ref()), "role": m.role,
            })
        })
        .collect();
    json!({
        "title": m.title, "region": m.region, "slogan": m.slogan, "period": m.period, "document": m.document, "source": m.source,
        "datum": "GCJ-02",
        "note": DATUM_NOTE,
        "structures": structures,
        "places_without_polygon": places,
        "city": plan.city.as_ref().map(|c| json!({
            "name": c.name(), "hospitals": c.hospitals.len(), "projects": c.projects.len(), "specialities": c.specialities.len(),
        })),
    })
}

/// The FeatureCollection for a layout (`plan`), or for plain boundaries with their own
/// properties when there is no plan.
pub fn collection(plan: Option<&Plan>, boundaries: &Boundaries) -> FeatureCollection {
    let max_structures = plan.map_or(0, |p| boundaries.features.iter().map(|f| p.structures_of(&f.adcode).len()).max().unwrap_or(0));
    let features = boundaries.features.iter().map(|f| {
        let properties = match plan {
            Some(plan) => county_properties(plan, &f.adcode, &f.name, max_structures),
            None => {
                let mut p = JsonObject::new();
                p.insert("adcode".into(), json!(f.adcode));
                p.insert("name".into(), json!(f.name));
                for (k, v) in &f.properties {
                    p.entry(k.clone()).or_insert_with(|| json!(v));
                }
                p
            }
        };
        Feature { bbox: None, geometry: Some(geometry(&f.geometry)), id: Some(Id::String(f.adcode.clone())), properties: Some(properties), foreign_members: None }
    });
    let mut fc = FeatureCollection::new(features);
    let mut members = JsonObject::new();
    if let Some(plan) = plan {
        members.insert("name".into(), json!(plan.plan.title));
        members.insert("planmap".into(), plan_member(plan));
    } else {
        members.insert("planmap".into(), json!({ "datum": "GCJ-02", "note": DATUM_NOTE }));
    }
    fc.foreign_members = Some(members);
    fc
}

/// The same file, also through a relative name or a link (a path not there yet is compared
/// through its folder).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    let real = |p: &Path| {
        dunce::canonicalize(p).ok().or_else(|| {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(dunce::canonicalize(dir).ok()?.join(p.file_name()?))
        })
    };
    matches!((real(a), real(b)), (Some(x), Some(y)) if x == y)
}

/// Write the open document as GeoJSON to `out`. The layout and its boundary file are never
/// written over (`--out assets/boundaries/baoji.geojson` is a slip, not a wish).
pub fn write(doc: &crate::document::Document, out: &Path) -> Result<(), super::ExportError> {
    let boundaries = doc.plan.as_ref().map(|p| crate::io::layout::boundaries_path(&doc.path, p));
    if same_file(out, &doc.path) || boundaries.is_some_and(|b| same_file(out, &b)) {
        return Err(super::ExportError::OutputIsTheLayout { out: out.to_path_buf() });
    }
    let fc = collection(doc.plan.as_ref(), &doc.boundaries);
    let text = serde_json::to_string(&fc).map_err(|source| super::ExportError::GeoJson { out: out.to_path_buf(), source })?;
    super::write_atomic(out, text.as_bytes())
}
