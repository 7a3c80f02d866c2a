//! A draft as a layout file: every drafted entry marked `draft = true`, the same facts from
//! several sentences merged (their sources joined with "；"), members and adcodes as the
//! boundary file names them.

use serde_spanned::Spanned;

use super::{DFact, Draft, FactKind, Region};
use crate::model::{District, Hospital, Member, MemberKind, Meta, Plan, Project, Speciality, Structure};

fn sp(s: &str) -> Spanned<String> {
    Spanned::new(0..0, s.to_string())
}

fn join_source(into: &mut String, add: &str) {
    if !add.is_empty() && !into.split('；').any(|s| s == add) {
        if !into.is_empty() {
            into.push('；');
        }
        into.push_str(add);
    }
}

fn slug(kind: crate::model::StructureKind) -> String {
    format!("{kind:?}").to_lowercase()
}

/// Build the layout. `document` is the plan's file name; `boundaries` the path the layout
/// names (relative to the layout file).
pub fn to_plan(d: &Draft, region: &Region, document: &str, boundaries: &str) -> Plan {
    let title = d.title.as_ref().map_or_else(|| document.rsplit('/').next().unwrap_or(document).to_string(), |t| t.text.clone());
    let mut structures: Vec<Structure> = Vec::new();
    for (i, s) in d.structures.iter().enumerate() {
        let mut members: Vec<Member> = Vec::new();
        for m in &s.members {
            let unit = m.unit.and_then(|u| region.units.get(u));
            let key_taken = members.iter().any(|x| match unit {
                Some(u) => x.adcode() == Some(u.adcode.as_str()),
                None => x.adcode.is_none() && x.name() == m.name.text,
            });
            if key_taken {
                continue;
            }
            members.push(Member {
                adcode: unit.map(|u| sp(&u.adcode)),
                name: sp(unit.map_or(m.name.text.as_str(), |u| u.name.as_str())),
                kind: if m.institution { MemberKind::Institution } else { MemberKind::Area },
                partial: m.partial.as_ref().map(|p| p.text.clone()),
                location: None,
                within: m.within.and_then(|w| region.units.get(w)).map(|u| sp(&u.adcode)),
                role: None,
                source: None,
                aliases: Vec::new(),
                draft: !m.reviewed,
            });
        }
        structures.push(Structure {
            id: sp(&format!("{}-{}", slug(s.kind), i + 1)),
            kind: s.kind,
            name: s.display_name(),
            title: s.title.as_ref().map(|q| q.text.clone()),
            color: None,
            positioning: s.positioning.as_ref().map(|q| q.text.clone()),
            core_area: s.core_area.as_ref().map(|q| q.text.clone()),
            focus: s.focus.iter().map(|q| q.text.clone()).collect(),
            source: if s.source.is_empty() { "（未标节）".to_string() } else { s.source.clone() },
            parent: None,
            aliases: Vec::new(),
            members,
            draft: !s.reviewed,
        });
    }

    // Facts by unit; the plan's own level is the focus county, else the city.
    let plan_level = region.focus.as_ref().and_then(|f| region.units.iter().position(|u| &u.adcode == f));
    let mut districts: Vec<District> = Vec::new();
    let mut city = District { adcode: None, name: sp(&region.name), specialities: Vec::new(), hospitals: Vec::new(), projects: Vec::new() };
    for f in &d.facts {
        let unit = f.unit.or(plan_level);
        let target = match unit.and_then(|u| region.units.get(u)) {
            Some(u) => {
                let at = match districts.iter().position(|x| x.adcode() == Some(u.adcode.as_str())) {
                    Some(at) => at,
                    None => {
                        districts.push(District { adcode: Some(sp(&u.adcode)), name: sp(&u.name), specialities: Vec::new(), hospitals: Vec::new(), projects: Vec::new() });
                        districts.len() - 1
                    }
                };
                &mut districts[at]
            }
            None => &mut city,
        };
        add_fact(target, f);
    }
    // Districts in the boundary file's order, as a reader expects them.
    districts.sort_by_key(|x| region.units.iter().position(|u| Some(u.adcode.as_str()) == x.adcode()).unwrap_or(usize::MAX));
    let city = (!city.hospitals.is_empty() || !city.projects.is_empty() || !city.specialities.is_empty()).then_some(city);

    Plan {
        plan: Meta {
            title,
            region: region.name.clone(),
            slogan: d.slogan.as_ref().map(|q| q.text.clone()),
            document: document.to_string(),
            period: None,
            boundaries: sp(boundaries),
            source: d.layout_source.clone(),
            focus_district: region.focus.as_ref().map(|f| sp(f)),
            boundary_adcode: None,
            boundary_name: None,
            boundary_datum: None,
        },
        structures,
        districts,
        city,
        indicators: Vec::new(),
    }
}

fn add_fact(d: &mut District, f: &DFact) {
    let source = if f.source.is_empty() { "（未标节）" } else { f.source.as_str() };
    match f.kind {
        FactKind::Speciality => {
            if !d.specialities.iter().any(|s| s.text == f.name.text) {
                d.specialities.push(Speciality { text: f.name.text.clone(), source: source.to_string(), draft: !f.reviewed });
            }
        }
        FactKind::Hospital => {
            let h = match d.hospitals.iter().position(|h| h.name == f.name.text) {
                Some(i) => &mut d.hospitals[i],
                None => {
                    d.hospitals.push(Hospital { name: f.name.text.clone(), focus: Vec::new(), source: String::new(), aliases: Vec::new(), draft: !f.reviewed });
                    let last = d.hospitals.len() - 1;
                    &mut d.hospitals[last]
                }
            };
            if let Some(focus) = &f.detail
                && !h.focus.contains(&focus.text)
            {
                h.focus.push(focus.text.clone());
            }
            join_source(&mut h.source, source);
        }
        FactKind::Project => {
            let p = match d.projects.iter().position(|p| p.name == f.name.text) {
                Some(i) => &mut d.projects[i],
                None => {
                    d.projects.push(Project { name: f.name.text.clone(), detail: None, source: String::new(), aliases: Vec::new(), draft: !f.reviewed });
                    let last = d.projects.len() - 1;
                    &mut d.projects[last]
                }
            };
            if p.detail.is_none() {
                p.detail = f.detail.as_ref().map(|q| q.text.clone());
            }
            join_source(&mut p.source, source);
        }
    }
}

/// The layout file's text: a header saying what it is, then the plan.
pub fn to_toml(plan: &Plan, document: &str) -> String {
    format!(
        "# Drafted by `planmap draft` from {document}. Every entry quotes the plan; entries marked\n# `draft = true` are not yet reviewed: check each against its source, then remove the mark.\n\n{}",
        without_empty_members(crate::io::layout::to_toml(plan))
    )
}

/// A structure the draft found no member for is written without `members = []`: the key
/// absent reads the same, and a person adding members (Pick, or by hand) starts the
/// `[[structures.members]]` tables every other layout has.
fn without_empty_members(text: String) -> String {
    let Ok(mut doc) = text.parse::<toml_edit::DocumentMut>() else { return text };
    let Some(list) = doc.get_mut("structures").and_then(toml_edit::Item::as_array_of_tables_mut) else { return text };
    for t in list.iter_mut() {
        if t.get("members").and_then(toml_edit::Item::as_array).is_some_and(toml_edit::Array::is_empty) {
            t.remove("members");
        }
    }
    doc.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Region, Unit, draft};
    use super::*;
    use crate::io::edit::apply;
    use crate::model::edit::Command;

    /// A drafted structure without members: no `members = []` in the file, and the editor's
    /// Pick adds a county to it, giving a layout that parses with that member.
    #[test]
    fn a_structure_without_members_is_written_so_pick_can_add_to_it() {
        let units = vec![Unit::new("610302", "渭滨区"), Unit::new("610303", "金台区")];
        let region = Region { name: "宝鸡市".into(), names: vec!["宝鸡市".into()], units, ..Region::default() };
        let text = "第三章 功能布局\n打造“一核心、两片区”格局。\n";
        let mut d = draft(text, &region);
        assert!(!d.structures.is_empty(), "the slogan's structures are drafted");
        d.structures.iter_mut().for_each(|s| s.members.clear());
        let toml = to_toml(&to_plan(&d, &region, "plan.txt", "b.geojson"), "plan.txt");
        assert!(!toml.contains("members"), "{toml}");
        assert!(toml.starts_with("# Drafted by"), "the header stays");
        let path = std::path::Path::new("draft.toml");
        let plan = crate::io::parse_layout(&toml, path).unwrap_or_else(|e| panic!("{e:?}\n{toml}"));
        assert!(plan.structures.iter().all(|s| s.members.is_empty() && s.draft));

        let mut doc: toml_edit::DocumentMut = toml.parse().unwrap_or_else(|e| panic!("{e}"));
        apply(&mut doc, &Command::AddMember { structure: 0, adcode: "610302".into(), name: "渭滨区".into(), partial: None }).unwrap_or_else(|e| panic!("{e}"));
        let edited = doc.to_string();
        let plan = crate::io::parse_layout(&edited, path).unwrap_or_else(|e| panic!("{e:?}\n{edited}"));
        assert_eq!(plan.structures[0].members.iter().map(|m| m.adcode()).collect::<Vec<_>>(), [Some("610302")], "{edited}");
        assert!(plan.structures[0].draft, "the structure is still to review");
    }
}
