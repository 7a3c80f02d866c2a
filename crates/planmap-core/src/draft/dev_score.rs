//! Drafts of real plan passages scored against what each passage states
//! (`tests/plans-dev-expected.toml`, facts only): structures, members with and without
//! polygon (whole/partial right), hospitals and projects found / wrong / missed, counties a
//! draft names that the passage does not, and whether the region was read from the text.

use serde::Deserialize;

use super::hanzi::simplify;
use super::score::key;
use crate::model::Plan;

#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub passage: Vec<Passage>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Passage {
    pub file: String,
    pub region: String,
    pub adcode: String,
    pub level: String,
    #[serde(default)]
    pub slogan: Option<String>,
    #[serde(default)]
    pub structures: Vec<EStructure>,
    #[serde(default)]
    pub places: Vec<EMember>,
    #[serde(default)]
    pub hospitals: Vec<ENamed>,
    #[serde(default)]
    pub projects: Vec<String>,
    #[serde(default)]
    pub programmes: Vec<String>,
    #[serde(default)]
    pub named: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EStructure {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// Structures the passage names as parts of this one ("三带" → its three belts).
    #[serde(default)]
    pub parts: Vec<String>,
    #[serde(default)]
    pub members: Vec<EMember>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EMember {
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub partial: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl EMember {
    fn label(&self) -> String {
        let n = self.unit.as_deref().or(self.place.as_deref()).unwrap_or("?");
        if self.partial { format!("{n} (partial)") } else { n.to_string() }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ENamed {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

pub fn parse(text: &str) -> Result<Expected, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// Found / wrong / missed of one kind of entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub found: usize,
    pub wrong: usize,
    pub of: usize,
}

impl Tally {
    pub fn missed(&self) -> usize {
        self.of.saturating_sub(self.found)
    }
    pub fn add(&mut self, o: Tally) {
        self.found += o.found;
        self.wrong += o.wrong;
        self.of += o.of;
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} -{}", self.found, self.of, self.wrong)
    }
}

#[derive(Debug, Clone, Default)]
pub struct DevScore {
    pub structures: Tally,
    /// Named parts of a structure ("三带" → its belts) drafted as structures.
    pub parts: Tally,
    pub units: Tally,
    pub places: Tally,
    pub hospitals: Tally,
    pub projects: Tally,
    /// Counties (or cities) in the draft that the passage does not name.
    pub not_named: Vec<String>,
    /// What was missed or wrong, for --verbose.
    pub notes: Vec<String>,
}

fn k(s: &str) -> String {
    key(&simplify(s))
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (k(a), k(b));
    !a.is_empty() && a == b
}

/// The names a drafted structure answers to: its whole name, the group and the part
/// ("三区：南宁综合发展产业片区" → both halves).
fn structure_names(name: &str) -> Vec<&str> {
    let mut v = vec![name];
    if let Some((head, tail)) = name.split_once('：') {
        v.push(head);
        v.push(tail);
    }
    v
}

fn names_of(s: &EStructure) -> Vec<&str> {
    std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str)).collect()
}

/// The drafted structure standing for `e`: the part's name first ("两翼：北翼" for 北翼), then
/// the whole name, then the group.
fn counterpart<'a>(e: &EStructure, d: &'a Plan) -> Option<usize> {
    let names = names_of(e);
    let tail = |n: &'a str| n.rsplit_once('：').map_or(n, |(_, t)| t);
    let head = |n: &'a str| n.split_once('：').map_or(n, |(h, _)| h);
    d.structures
        .iter()
        .position(|s| names.iter().any(|n| same(n, tail(&s.name))))
        .or_else(|| d.structures.iter().position(|s| names.iter().any(|n| same(n, &s.name))))
        .or_else(|| d.structures.iter().position(|s| names.iter().any(|n| same(n, head(&s.name)))))
}

fn member_matches(e: &EMember, m: &crate::model::Member) -> bool {
    match (&e.unit, &e.place) {
        (Some(u), _) => m.adcode.is_some() && m.name() == u && m.partial.is_some() == e.partial,
        (None, Some(p)) => std::iter::once(p).chain(&e.aliases).any(|n| same(n, m.name())),
        _ => false,
    }
}

/// Score a draft (as the layout it writes) of `p`'s passage. `all_units`: every unit name the
/// region's gazetteer knows (to tell a drafted county from a place).
pub fn score(p: &Passage, d: &Plan) -> DevScore {
    let mut s = DevScore::default();
    let mut matched: Vec<Option<usize>> = vec![None; d.structures.len()];
    for (ei, e) in p.structures.iter().enumerate() {
        let c = counterpart(e, d);
        s.structures.of += 1;
        match c {
            Some(i) => {
                s.structures.found += 1;
                if let Some(m) = matched.get_mut(i)
                    && m.is_none()
                {
                    *m = Some(ei);
                }
            }
            None => s.notes.push(format!("missed structure {}", e.name)),
        }
        for part in &e.parts {
            s.parts.of += 1;
            let at = d.structures.iter().position(|x| structure_names(&x.name).iter().any(|n| same(n, part)));
            match at {
                Some(i) => {
                    s.parts.found += 1;
                    if let Some(m) = matched.get_mut(i)
                        && m.is_none()
                    {
                        *m = Some(usize::MAX);
                    }
                }
                None => s.notes.push(format!("missed part {part} of {}", e.name)),
            }
        }
        for m in &e.members {
            let hit = c.and_then(|i| d.structures.get(i)).is_some_and(|ds| ds.members.iter().any(|dm| member_matches(m, dm)));
            let t = if m.unit.is_some() { &mut s.units } else { &mut s.places };
            t.of += 1;
            if hit {
                t.found += 1;
            } else {
                s.notes.push(format!("missed member {} of {}", m.label(), e.name));
            }
        }
    }
    // Places the passage names outside any structure: found as a member anywhere.
    for m in &p.places {
        s.places.of += 1;
        if d.structures.iter().any(|ds| ds.members.iter().any(|dm| member_matches(m, dm))) {
            s.places.found += 1;
        } else {
            s.notes.push(format!("missed place {}", m.label()));
        }
    }
    // Wrong: drafted structures the passage does not state, members it does not give them.
    for (i, ds) in d.structures.iter().enumerate() {
        // Every stated structure this draft structure stands for (a group and its part can
        // both find "两翼：北翼").
        let stands_for: Vec<&EStructure> = p.structures.iter().filter(|e| counterpart(e, d) == Some(i)).collect();
        let is_part = matched.get(i).copied().flatten() == Some(usize::MAX);
        let e = stands_for.first().copied();
        if e.is_none() && !is_part {
            // A second draft of a stated structure is not wrong, only repeated.
            let stated = p.structures.iter().any(|e| names_of(e).iter().any(|n| structure_names(&ds.name).iter().any(|x| same(n, x))));
            if !stated {
                s.structures.wrong += 1;
                s.notes.push(format!("wrong structure {}", ds.name));
            }
        }
        for dm in &ds.members {
            let ok = stands_for.iter().any(|e| e.members.iter().any(|m| member_matches(m, dm))) || p.places.iter().any(|m| member_matches(m, dm));
            if !ok {
                if dm.adcode.is_some() {
                    s.units.wrong += 1
                } else {
                    s.places.wrong += 1
                }
                let partial = dm.partial.as_deref().map_or(String::new(), |q| format!(" ({q})"));
                s.notes.push(format!("wrong member {}{partial} of {}", dm.name(), ds.name));
            }
        }
    }
    // Counties the passage does not name: any unit the draft puts anywhere.
    let named: Vec<&str> =
        p.structures.iter().flat_map(|e| e.members.iter().filter_map(|m| m.unit.as_deref())).chain(p.named.iter().map(String::as_str)).chain([p.region.as_str()]).collect();
    let mut drafted: Vec<String> = Vec::new();
    for ds in &d.structures {
        for m in &ds.members {
            if m.adcode.is_some() {
                drafted.push(m.name().to_string());
            }
        }
    }
    for dd in &d.districts {
        if dd.adcode().is_some() {
            drafted.push(dd.name().to_string());
        }
    }
    let mut within: Vec<String> = Vec::new();
    for ds in &d.structures {
        for m in &ds.members {
            if let Some(w) = &m.within {
                within.push(w.get_ref().clone());
            }
        }
    }
    drafted.sort();
    drafted.dedup();
    s.not_named = drafted.into_iter().filter(|n| !named.contains(&n.as_str())).collect();
    let _ = within;
    // Hospitals and projects, wherever the draft puts them.
    let hospitals: Vec<&str> = d.all_districts().flat_map(|x| x.hospitals.iter().map(|h| h.name.as_str())).collect();
    let projects: Vec<&str> = d.all_districts().flat_map(|x| x.projects.iter().map(|h| h.name.as_str())).collect();
    for h in &p.hospitals {
        s.hospitals.of += 1;
        if hospitals.iter().any(|x| std::iter::once(&h.name).chain(&h.aliases).any(|n| same(n, x))) {
            s.hospitals.found += 1;
        } else {
            s.notes.push(format!("missed hospital {}", h.name));
        }
    }
    for x in &hospitals {
        if !p.hospitals.iter().any(|h| std::iter::once(&h.name).chain(&h.aliases).any(|n| same(n, x))) {
            s.hospitals.wrong += 1;
            s.notes.push(format!("wrong hospital {x}"));
        }
    }
    for pr in &p.projects {
        s.projects.of += 1;
        if projects.iter().any(|x| same(pr, x)) {
            s.projects.found += 1;
        } else {
            s.notes.push(format!("missed project {pr}"));
        }
    }
    for x in &projects {
        if !p.projects.iter().chain(&p.programmes).any(|pr| same(pr, x)) {
            s.projects.wrong += 1;
            s.notes.push(format!("wrong project {x}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(toml: &str) -> Plan {
        crate::io::parse_layout(toml, std::path::Path::new("t.toml")).unwrap_or_else(|e| panic!("{e}"))
    }

    const HEAD: &str = "[plan]\ntitle = \"t\"\nregion = \"东湖市\"\ndocument = \"t.txt\"\nboundaries = \"b.geojson\"\n\n";

    #[test]
    fn members_count_with_their_partiality_and_extra_counties_are_named() {
        let e = parse(
            "[[passage]]\nfile = \"a.txt\"\nregion = \"东湖市\"\nadcode = \"100000\"\nlevel = \"city\"\n[[passage.structures]]\nname = \"一核\"\nmembers = [{ unit = \"南岭县\", partial = true }, { place = \"高新區\" }]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = &e.passage[0];
        let d = plan(&format!(
            "{HEAD}[[structures]]\nid = \"a\"\nkind = \"core\"\nname = \"一核\"\nsource = \"s\"\n  [[structures.members]]\n  adcode = \"100001\"\n  name = \"南岭县\"\n  partial = \"西部\"\n  [[structures.members]]\n  name = \"高新区\"\n  [[structures.members]]\n  adcode = \"100002\"\n  name = \"北山县\"\n"
        ));
        let s = score(p, &d);
        assert_eq!((s.structures.found, s.units.found, s.places.found), (1, 1, 1), "{:?}", s.notes);
        assert_eq!(s.units.wrong, 1);
        assert_eq!(s.not_named, ["北山县"]);
        // Whole where the passage says part: a miss.
        let whole = plan(&format!(
            "{HEAD}[[structures]]\nid = \"a\"\nkind = \"core\"\nname = \"一核\"\nsource = \"s\"\n  [[structures.members]]\n  adcode = \"100001\"\n  name = \"南岭县\"\n"
        ));
        assert_eq!(score(p, &whole).units.found, 0);
    }
}
