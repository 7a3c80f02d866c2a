//! What differs between two versions of one plan: structures added, removed or renamed,
//! members gained or lost, and every fact changed (the plan's own, a structure's, a member's,
//! a district's, an indicator's). Each difference names the counties it concerns, so the
//! window can show it on both maps. The words for each kind live with the interface.
//!
//! Structures are matched by id, then (among the unmatched) by kind and name, then by kind and
//! the same members: an id or a name changed is one structure renamed, not one removed and one
//! added. Members are matched by adcode (by name when they have no polygon); districts by
//! adcode, else name; hospitals and projects by name; specialities by their text.

use std::collections::BTreeSet;

use super::{District, Indicator, Member, Plan, Structure};

/// What a changed fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Region,
    Slogan,
    Document,
    Period,
    Boundaries,
    Source,
    FocusDistrict,
    Id,
    Kind,
    Colour,
    Positioning,
    CoreArea,
    Focus,
    Parent,
    Aliases,
    Name,
    Partial,
    Location,
    Within,
    Role,
    Speciality,
    Hospital,
    Project,
    Detail,
    Domain,
    Unit,
    IndicatorKind,
    Baseline,
    Target,
    Note,
}

/// One difference, from the first plan (before) to the second (after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A fact of the plan as a whole.
    Plan {
        field: Field,
        before: String,
        after: String,
    },
    StructureAdded {
        structure: String,
    },
    StructureRemoved {
        structure: String,
    },
    StructureRenamed {
        before: String,
        after: String,
    },
    /// A fact of a structure (named as it is after).
    Structure {
        structure: String,
        field: Field,
        before: String,
        after: String,
    },
    MemberGained {
        structure: String,
        member: String,
    },
    MemberLost {
        structure: String,
        member: String,
    },
    /// A fact of a member, e.g. its partial qualifier (empty: the whole county).
    Member {
        structure: String,
        member: String,
        field: Field,
        before: String,
        after: String,
    },
    DistrictAdded {
        district: String,
    },
    DistrictRemoved {
        district: String,
    },
    /// A speciality, hospital or project (`field`) added to a district, by its text or name.
    FactAdded {
        district: String,
        field: Field,
        item: String,
    },
    FactRemoved {
        district: String,
        field: Field,
        item: String,
    },
    /// A fact of a district's hospital or project (`item`).
    Fact {
        district: String,
        item: String,
        field: Field,
        before: String,
        after: String,
    },
    IndicatorAdded {
        indicator: String,
    },
    IndicatorRemoved {
        indicator: String,
    },
    Indicator {
        indicator: String,
        field: Field,
        before: String,
        after: String,
    },
}

/// A change and the counties it concerns (adcodes, sorted; none for a plan-wide fact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub change: Change,
    pub adcodes: Vec<String>,
}

/// Every difference from `before` to `after`: the plan's facts, then structures in `after`'s
/// order (removed ones last), then districts, then indicators.
pub fn diff(before: &Plan, after: &Plan) -> Vec<Difference> {
    let mut out = Vec::new();
    plan_facts(before, after, &mut out);
    structures(before, after, &mut out);
    districts(before, after, &mut out);
    indicators(&before.indicators, &after.indicators, &mut out);
    out
}

/// `diff` of two layout files whose boundary paths, resolved, name the same file
/// (`same_boundaries`): the path as written (relative in one, absolute in the other) is then
/// no difference.
pub fn diff_layouts(before: &Plan, after: &Plan, same_boundaries: bool) -> Vec<Difference> {
    let mut out = diff(before, after);
    if same_boundaries {
        out.retain(|d| !matches!(d.change, Change::Plan { field: Field::Boundaries, .. }));
    }
    out
}

/// Whether two plans are versions of one plan (the differences are worth listing): the same
/// document, or the same title, or the same region.
pub fn same_plan(a: &Plan, b: &Plan) -> bool {
    a.plan.document == b.plan.document || a.plan.title == b.plan.title || a.plan.region == b.plan.region
}

fn opt(s: Option<&String>) -> String {
    s.cloned().unwrap_or_default()
}

fn list(items: &[String]) -> String {
    items.join("、")
}

/// Push `Change::Plan`-like changes for each field whose text differs.
fn changed(fields: &[(Field, String, String)], mut make: impl FnMut(Field, String, String) -> Difference, out: &mut Vec<Difference>) {
    for (field, before, after) in fields {
        if before != after {
            out.push(make(*field, before.clone(), after.clone()));
        }
    }
}

fn plan_facts(before: &Plan, after: &Plan, out: &mut Vec<Difference>) {
    let (a, b) = (&before.plan, &after.plan);
    let fields = [
        (Field::Title, a.title.clone(), b.title.clone()),
        (Field::Region, a.region.clone(), b.region.clone()),
        (Field::Slogan, opt(a.slogan.as_ref()), opt(b.slogan.as_ref())),
        (Field::Document, a.document.clone(), b.document.clone()),
        (Field::Period, opt(a.period.as_ref()), opt(b.period.as_ref())),
        (Field::Boundaries, a.boundaries.get_ref().clone(), b.boundaries.get_ref().clone()),
        (Field::Source, opt(a.source.as_ref()), opt(b.source.as_ref())),
        (Field::FocusDistrict, before.focus_district().unwrap_or_default().to_string(), after.focus_district().unwrap_or_default().to_string()),
    ];
    changed(&fields, |field, before, after| Difference { change: Change::Plan { field, before, after }, adcodes: Vec::new() }, out);
}

/// The county a member concerns: its own polygon, else the county the plan places it in.
fn county_of(m: &Member) -> Option<String> {
    m.adcode().or(m.within.as_ref().map(|w| w.get_ref().as_str())).map(str::to_string)
}

fn counties(members: &[Member]) -> BTreeSet<String> {
    members.iter().filter_map(county_of).collect()
}

fn member_key(m: &Member) -> &str {
    m.adcode().unwrap_or(m.name())
}

fn keys(s: &Structure) -> BTreeSet<&str> {
    s.members.iter().map(member_key).collect()
}

fn same_members(a: &Structure, b: &Structure) -> bool {
    !a.members.is_empty() && keys(a) == keys(b)
}

/// A rule for "these two are the same structure".
type SameRule<'a> = &'a dyn Fn(&Structure, &Structure) -> bool;

/// Pairs (before index, after index) of the same structure, in `after`'s order.
fn match_structures(before: &[Structure], after: &[Structure]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pair: Vec<Option<usize>> = vec![None; after.len()];
    let mut taken = vec![false; before.len()];
    let rules: [SameRule; 3] = [&|a, b| a.id.get_ref() == b.id.get_ref(), &|a, b| a.kind == b.kind && a.name == b.name, &|a, b| a.kind == b.kind && same_members(a, b)];
    for rule in rules {
        for (j, b) in after.iter().enumerate() {
            if pair[j].is_some() {
                continue;
            }
            if let Some(i) = (0..before.len()).find(|&i| !taken[i] && before.get(i).is_some_and(|a| rule(a, b))) {
                pair[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    let mut out: Vec<(Option<usize>, Option<usize>)> = pair.into_iter().enumerate().map(|(j, i)| (i, Some(j))).collect();
    out.extend(taken.iter().enumerate().filter(|(_, t)| !**t).map(|(i, _)| (Some(i), None)));
    out
}

fn structures(before: &Plan, after: &Plan, out: &mut Vec<Difference>) {
    for pair in match_structures(&before.structures, &after.structures) {
        match pair {
            (None, Some(j)) => {
                let Some(s) = after.structures.get(j) else { continue };
                out.push(Difference { change: Change::StructureAdded { structure: s.name.clone() }, adcodes: counties(&s.members).into_iter().collect() });
            }
            (Some(i), None) => {
                let Some(s) = before.structures.get(i) else { continue };
                out.push(Difference { change: Change::StructureRemoved { structure: s.name.clone() }, adcodes: counties(&s.members).into_iter().collect() });
            }
            (Some(i), Some(j)) => {
                let (Some(a), Some(b)) = (before.structures.get(i), after.structures.get(j)) else { continue };
                structure(a, b, out);
            }
            (None, None) => {}
        }
    }
}

fn structure(a: &Structure, b: &Structure, out: &mut Vec<Difference>) {
    let all: Vec<String> = counties(&a.members).union(&counties(&b.members)).cloned().collect();
    if a.name != b.name {
        out.push(Difference { change: Change::StructureRenamed { before: a.name.clone(), after: b.name.clone() }, adcodes: all.clone() });
    }
    let colour = |s: &Structure| s.color.as_ref().map(|c| c.get_ref().clone()).unwrap_or_default();
    let parent = |s: &Structure| s.parent.as_ref().map(|c| c.get_ref().clone()).unwrap_or_default();
    let fields = [
        (Field::Id, a.id.get_ref().clone(), b.id.get_ref().clone()),
        (Field::Kind, format!("{:?}", a.kind).to_lowercase(), format!("{:?}", b.kind).to_lowercase()),
        (Field::Title, opt(a.title.as_ref()), opt(b.title.as_ref())),
        (Field::Colour, colour(a), colour(b)),
        (Field::Positioning, opt(a.positioning.as_ref()), opt(b.positioning.as_ref())),
        (Field::CoreArea, opt(a.core_area.as_ref()), opt(b.core_area.as_ref())),
        (Field::Focus, list(&a.focus), list(&b.focus)),
        (Field::Source, a.source.clone(), b.source.clone()),
        (Field::Parent, parent(a), parent(b)),
        (Field::Aliases, list(&a.aliases), list(&b.aliases)),
    ];
    let name = &b.name;
    changed(&fields, |field, before, after| Difference { change: Change::Structure { structure: name.clone(), field, before, after }, adcodes: all.clone() }, out);
    for m in &b.members {
        let county = county_of(m).into_iter().collect::<Vec<_>>();
        match a.members.iter().find(|o| member_key(o) == member_key(m)) {
            None => out.push(Difference { change: Change::MemberGained { structure: name.clone(), member: m.name().to_string() }, adcodes: county }),
            Some(o) => member(name, o, m, county, out),
        }
    }
    for o in a.members.iter().filter(|o| !b.members.iter().any(|m| member_key(m) == member_key(o))) {
        out.push(Difference { change: Change::MemberLost { structure: name.clone(), member: o.name().to_string() }, adcodes: county_of(o).into_iter().collect() });
    }
}

fn member(structure: &str, a: &Member, b: &Member, mut adcodes: Vec<String>, out: &mut Vec<Difference>) {
    if let Some(c) = county_of(a).filter(|c| !adcodes.contains(c)) {
        adcodes.push(c);
        adcodes.sort();
    }
    let within = |m: &Member| m.within.as_ref().map(|w| w.get_ref().clone()).unwrap_or_default();
    let fields = [
        (Field::Name, a.name().to_string(), b.name().to_string()),
        (Field::Partial, opt(a.partial.as_ref()), opt(b.partial.as_ref())),
        (Field::Kind, format!("{:?}", a.kind).to_lowercase(), format!("{:?}", b.kind).to_lowercase()),
        (Field::Location, opt(a.location.as_ref()), opt(b.location.as_ref())),
        (Field::Within, within(a), within(b)),
        (Field::Role, opt(a.role.as_ref()), opt(b.role.as_ref())),
        (Field::Source, opt(a.source.as_ref()), opt(b.source.as_ref())),
        (Field::Aliases, list(&a.aliases), list(&b.aliases)),
    ];
    let member = b.name().to_string();
    changed(
        &fields,
        |field, before, after| Difference {
            change: Change::Member { structure: structure.to_string(), member: member.clone(), field, before, after },
            adcodes: adcodes.clone(),
        },
        out,
    );
}

fn same_district(a: &District, b: &District) -> bool {
    match (a.adcode(), b.adcode()) {
        (Some(x), Some(y)) => x == y,
        _ => a.name() == b.name(),
    }
}

/// The districts, and the city-level entry marked `true`.
fn with_city(plan: &Plan) -> Vec<(&District, bool)> {
    plan.districts.iter().map(|d| (d, false)).chain(plan.city.iter().map(|d| (d, true))).collect()
}

fn districts(before: &Plan, after: &Plan, out: &mut Vec<Difference>) {
    let (old, new) = (with_city(before), with_city(after));
    let here = |d: &District| d.adcode().map(str::to_string).into_iter().collect::<Vec<_>>();
    for &(d, city) in &new {
        match old.iter().find(|(o, c)| *c == city && same_district(o, d)) {
            Some(&(o, _)) => district(o, d, out),
            None => out.push(Difference { change: Change::DistrictAdded { district: d.name().to_string() }, adcodes: here(d) }),
        }
    }
    for &(o, city) in &old {
        if !new.iter().any(|(d, c)| *c == city && same_district(o, d)) {
            out.push(Difference { change: Change::DistrictRemoved { district: o.name().to_string() }, adcodes: here(o) });
        }
    }
}

/// A named fact of a district (hospital, project): its key and its comparable fields.
type Item = (String, Vec<(Field, String)>);

fn district(a: &District, b: &District, out: &mut Vec<Difference>) {
    let adcodes: Vec<String> = b.adcode().map(str::to_string).into_iter().collect();
    let name = b.name().to_string();
    if a.name() != b.name() {
        out.push(Difference {
            change: Change::Fact { district: name.clone(), item: name.clone(), field: Field::Name, before: a.name().to_string(), after: name.clone() },
            adcodes: adcodes.clone(),
        });
    }
    let specialities = |d: &District| d.specialities.iter().map(|s| (s.text.clone(), vec![(Field::Source, s.source.clone())])).collect::<Vec<Item>>();
    let hospitals = |d: &District| {
        d.hospitals
            .iter()
            .map(|h| (h.name.clone(), vec![(Field::Focus, list(&h.focus)), (Field::Source, h.source.clone()), (Field::Aliases, list(&h.aliases))]))
            .collect::<Vec<Item>>()
    };
    let projects = |d: &District| {
        d.projects
            .iter()
            .map(|p| (p.name.clone(), vec![(Field::Detail, opt(p.detail.as_ref())), (Field::Source, p.source.clone()), (Field::Aliases, list(&p.aliases))]))
            .collect::<Vec<Item>>()
    };
    let groups = [(Field::Speciality, specialities(a), specialities(b)), (Field::Hospital, hospitals(a), hospitals(b)), (Field::Project, projects(a), projects(b))];
    for (field, old, new) in groups {
        for (key, facts) in &new {
            let Some((_, was)) = old.iter().find(|(k, _)| k == key) else {
                out.push(Difference { change: Change::FactAdded { district: name.clone(), field, item: key.clone() }, adcodes: adcodes.clone() });
                continue;
            };
            for ((f, after), (_, before)) in facts.iter().zip(was) {
                if after != before {
                    let change = Change::Fact { district: name.clone(), item: key.clone(), field: *f, before: before.clone(), after: after.clone() };
                    out.push(Difference { change, adcodes: adcodes.clone() });
                }
            }
        }
        for (key, _) in old.iter().filter(|(k, _)| !new.iter().any(|(n, _)| n == k)) {
            out.push(Difference { change: Change::FactRemoved { district: name.clone(), field, item: key.clone() }, adcodes: adcodes.clone() });
        }
    }
}

fn indicators(before: &[Indicator], after: &[Indicator], out: &mut Vec<Difference>) {
    let figure = |i: &Indicator, f: Option<&super::Figure>| f.map(|f| f.display(i.unit.as_deref())).unwrap_or_default();
    let facts = |i: &Indicator| {
        [
            (Field::Domain, i.domain.clone()),
            (Field::Unit, opt(i.unit.as_ref())),
            (Field::IndicatorKind, i.kind.map(|k| k.label_zh().to_string()).unwrap_or_default()),
            (Field::Baseline, figure(i, i.baseline.as_ref())),
            (Field::Target, figure(i, i.target.as_ref())),
            (Field::Source, i.source.clone()),
            (Field::Note, opt(i.note.as_ref())),
        ]
    };
    for b in after {
        let Some(a) = before.iter().find(|a| a.name() == b.name()) else {
            out.push(Difference { change: Change::IndicatorAdded { indicator: b.name().to_string() }, adcodes: Vec::new() });
            continue;
        };
        let fields: Vec<(Field, String, String)> = facts(a).into_iter().zip(facts(b)).map(|((f, x), (_, y))| (f, x, y)).collect();
        changed(&fields, |field, before, after| Difference { change: Change::Indicator { indicator: b.name().to_string(), field, before, after }, adcodes: Vec::new() }, out);
    }
    for a in before.iter().filter(|a| !after.iter().any(|b| b.name() == a.name())) {
        out.push(Difference { change: Change::IndicatorRemoved { indicator: a.name().to_string() }, adcodes: Vec::new() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse_layout;
    use std::path::Path;

    /// A two-structure plan, written for these tests.
    const PLAN: &str = r##"
[plan]
title = "Test plan"
region = "Testshire"
document = "test.txt"
boundaries = "test.geojson"

[[structures]]
id = "core"
kind = "core"
name = "Core"
positioning = "The centre"
source = "s1"

  [[structures.members]]
  adcode = "100001"
  name = "North"

  [[structures.members]]
  adcode = "100002"
  name = "South"

[[structures]]
id = "belt"
kind = "zone"
name = "River zone"
source = "s2"

  [[structures.members]]
  adcode = "100003"
  name = "East"
  partial = "the river bank"

  [[structures.members]]
  name = "Old Mill"
  within = "100003"

[[districts]]
adcode = "100001"
name = "North"

  [[districts.hospitals]]
  name = "North Hospital"
  source = "s3"
"##;

    fn plan(text: &str) -> Plan {
        parse_layout(text, Path::new("test.toml")).unwrap()
    }

    #[test]
    fn the_same_plan_has_no_differences() {
        assert_eq!(diff(&plan(PLAN), &plan(PLAN)), Vec::new());
    }

    #[test]
    fn a_renamed_structure_is_one_rename_not_a_removal() {
        let d = diff(&plan(PLAN), &plan(&PLAN.replace("name = \"Core\"", "name = \"Heart\"")));
        assert_eq!(d, vec![Difference { change: Change::StructureRenamed { before: "Core".into(), after: "Heart".into() }, adcodes: vec!["100001".into(), "100002".into()] }]);
    }

    #[test]
    fn a_new_id_with_the_same_members_is_a_rename() {
        let edited = PLAN.replace("id = \"core\"", "id = \"heart\"").replace("name = \"Core\"", "name = \"Heart\"");
        let d = diff(&plan(PLAN), &plan(&edited));
        assert!(d.iter().any(|x| x.change == Change::StructureRenamed { before: "Core".into(), after: "Heart".into() }), "{d:?}");
        assert!(d.iter().any(|x| matches!(&x.change, Change::Structure { field: Field::Id, .. })));
        assert!(!d.iter().any(|x| matches!(x.change, Change::StructureAdded { .. } | Change::StructureRemoved { .. })), "{d:?}");
    }

    #[test]
    fn members_gained_and_lost_name_their_county() {
        let edited =
            PLAN.replace("  [[structures.members]]\n  adcode = \"100002\"\n  name = \"South\"\n", "  [[structures.members]]\n  adcode = \"100004\"\n  name = \"West\"\n");
        let d = diff(&plan(PLAN), &plan(&edited));
        assert_eq!(
            d,
            vec![
                Difference { change: Change::MemberGained { structure: "Core".into(), member: "West".into() }, adcodes: vec!["100004".into()] },
                Difference { change: Change::MemberLost { structure: "Core".into(), member: "South".into() }, adcodes: vec!["100002".into()] },
            ]
        );
    }

    #[test]
    fn a_partial_qualifier_changed_or_dropped_is_listed() {
        let d = diff(&plan(PLAN), &plan(&PLAN.replace("  partial = \"the river bank\"\n", "")));
        assert_eq!(
            d,
            vec![Difference {
                change: Change::Member { structure: "River zone".into(), member: "East".into(), field: Field::Partial, before: "the river bank".into(), after: String::new() },
                adcodes: vec!["100003".into()],
            }]
        );
    }

    #[test]
    fn structures_added_and_removed_and_facts_changed() {
        let without_belt = PLAN.split("[[structures]]\nid = \"belt\"").next().unwrap().to_string() + "[[districts]]" + PLAN.split("[[districts]]").nth(1).unwrap();
        let d = diff(&plan(PLAN), &plan(&without_belt));
        assert_eq!(
            d,
            vec![Difference { change: Change::StructureRemoved { structure: "River zone".into() }, adcodes: vec!["100003".into()] }],
            "a place within a county concerns it"
        );
        let back = diff(&plan(&without_belt), &plan(PLAN));
        assert!(matches!(&back[..], [Difference { change: Change::StructureAdded { .. }, .. }]));
        let edited = PLAN
            .replace("The centre", "The middle")
            .replace("title = \"Test plan\"", "title = \"Test plan, second draft\"")
            .replace("North Hospital", "North General Hospital");
        let d = diff(&plan(PLAN), &plan(&edited));
        let changes: Vec<&Change> = d.iter().map(|x| &x.change).collect();
        assert!(changes.contains(&&Change::Plan { field: Field::Title, before: "Test plan".into(), after: "Test plan, second draft".into() }));
        assert!(d.iter().any(|x| matches!(&x.change, Change::Structure { field: Field::Positioning, after, .. } if after == "The middle") && x.adcodes.len() == 2));
        assert!(changes.contains(&&Change::FactAdded { district: "North".into(), field: Field::Hospital, item: "North General Hospital".into() }));
        assert!(changes.contains(&&Change::FactRemoved { district: "North".into(), field: Field::Hospital, item: "North Hospital".into() }));
        assert!(same_plan(&plan(PLAN), &plan(&edited)), "same document and region");
    }
}
