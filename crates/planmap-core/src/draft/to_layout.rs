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
        crate::io::layout::to_toml(plan)
    )
}
