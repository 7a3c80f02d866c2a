//! How close a draft comes to a hand-made layout: the share of the reference's structures,
//! members (with and without polygon), hospitals and projects the draft has in the right
//! place, and how many draft entries the reference lacks.

use crate::model::{District, Plan, Structure};

#[derive(Debug, Clone, Copy, Default)]
pub struct Share {
    pub hit: usize,
    pub of: usize,
}

impl Share {
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| 100.0 * self.hit as f64 / self.of as f64)
    }
    fn add(&mut self, hit: bool) {
        self.of += 1;
        self.hit += usize::from(hit);
    }
}

impl std::fmt::Display for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.percent() {
            Some(p) => write!(f, "{p:5.1}% ({}/{})", self.hit, self.of),
            None => write!(f, "    — (0/0)"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Score {
    pub structures: Share,
    pub members_polygon: Share,
    pub members_place: Share,
    pub hospitals: Share,
    pub projects: Share,
    /// Draft structures, members, hospitals and projects with no counterpart in the reference.
    pub extra: usize,
    /// What the draft misses.
    pub missed: Vec<Miss>,
    /// Draft hospitals and projects with no counterpart ("project X @ 宝鸡市").
    pub extras: Vec<String>,
}

/// A reference entry the draft does not have in the right place.
#[derive(Debug, Clone)]
pub struct Miss {
    /// "structure", "member", "hospital", "project".
    pub what: &'static str,
    pub name: String,
    /// Other names the reference gives it.
    pub aliases: Vec<String>,
    /// The structure or district it belongs to.
    pub place: String,
}

impl Miss {
    fn new(what: &'static str, name: &str, aliases: &[String], place: &str) -> Miss {
        Miss { what, name: name.to_string(), aliases: aliases.to_vec(), place: place.to_string() }
    }
    /// Whether the plan's text holds the name (or an alias) verbatim, whitespace aside; a name
    /// the reference shortened or paraphrased cannot be drafted. `text` is whitespace-free.
    pub fn verbatim_in(&self, text: &str) -> bool {
        let plain = |n: &str| -> String { n.chars().filter(|c| !c.is_whitespace()).collect() };
        std::iter::once(&self.name).chain(&self.aliases).any(|n| n.split('：').all(|part| !part.is_empty() && text.contains(&plain(part))))
    }
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let of = if matches!(self.what, "hospital" | "project") { "@" } else { "of" };
        match self.what {
            "structure" => write!(f, "structure {}", self.name),
            _ => write!(f, "{} {} {of} {}", self.what, self.name, self.place),
        }
    }
}

/// Names compare exactly, except for whitespace and punctuation (quotes, brackets, 、): a
/// shortened or paraphrased name is a miss, not a hit.
pub fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

/// A reference name (or one of its aliases, which the reference declares as the same thing)
/// against a draft name.
fn same_as_any(names: &[&str], draft: &str) -> bool {
    names.iter().any(|n| same_name(n, draft))
}

/// Structures: a draft's "三片区：名称" stands for "名称" (and "十二品：岐山县" for itself).
fn same_structure_name(r: &Structure, d: &str) -> bool {
    let tail = d.rsplit('：').next().unwrap_or(d);
    std::iter::once(r.name.as_str()).chain(r.aliases.iter().map(String::as_str)).any(|n| same_name(n, d) || same_name(n.rsplit('：').next().unwrap_or(n), tail))
}

fn names_of<'a>(name: &'a str, aliases: &'a [String]) -> Vec<&'a str> {
    std::iter::once(name).chain(aliases.iter().map(String::as_str)).collect()
}

fn adcodes(s: &Structure) -> Vec<&str> {
    let mut v: Vec<&str> = s.members.iter().filter_map(|m| m.adcode()).collect();
    v.sort_unstable();
    v
}

/// The draft structure standing for reference structure `r`: same name, else same units.
fn counterpart<'a>(r: &Structure, draft: &'a Plan) -> Option<&'a Structure> {
    draft.structures.iter().find(|d| same_structure_name(r, &d.name)).or_else(|| {
        let ra = adcodes(r);
        (!ra.is_empty()).then_some(())?;
        draft.structures.iter().find(|d| adcodes(d) == ra)
    })
}

fn district_of<'a>(plan: &'a Plan, d: &District) -> Option<&'a District> {
    match d.adcode() {
        Some(a) => plan.district(a).or_else(|| (plan.focus_district() == Some(a)).then_some(plan.city.as_ref()).flatten()),
        None => plan.city.as_ref().or_else(|| plan.focus_district().and_then(|f| plan.district(f))),
    }
}

pub fn score(reference: &Plan, draft: &Plan) -> Score {
    let mut s = Score::default();
    let mut used = vec![false; draft.structures.len()];
    for r in &reference.structures {
        let d = counterpart(r, draft);
        s.structures.add(d.is_some());
        if d.is_none() {
            s.missed.push(Miss::new("structure", &r.name, &r.aliases, ""));
        }
        if let Some(d) = d
            && let Some(i) = draft.structures.iter().position(|x| std::ptr::eq(x, d))
        {
            used[i] = true;
        }
        for m in &r.members {
            let found = d.is_some_and(|d| match m.adcode() {
                Some(a) => d.member_for(a).is_some_and(|dm| dm.partial.is_some() == m.partial.is_some()),
                None => d.members.iter().any(|dm| dm.adcode.is_none() && same_as_any(&names_of(m.name(), &m.aliases), dm.name())),
            });
            if !found {
                s.missed.push(Miss::new("member", m.name(), &m.aliases, &r.name));
            }
            if m.has_polygon() { s.members_polygon.add(found) } else { s.members_place.add(found) }
        }
    }
    // Draft entries with no counterpart.
    for (i, d) in draft.structures.iter().enumerate() {
        let r = reference.structures.iter().find(|r| counterpart(r, draft).is_some_and(|x| std::ptr::eq(x, d)));
        match r {
            None if !used[i] => s.extra += 1 + d.members.len(),
            None => {}
            Some(r) => {
                s.extra += d
                    .members
                    .iter()
                    .filter(|m| match m.adcode() {
                        Some(a) => r.member_for(a).is_none(),
                        None => !r.members.iter().any(|rm| same_as_any(&names_of(rm.name(), &rm.aliases), m.name())),
                    })
                    .count();
            }
        }
    }
    for rd in reference.all_districts() {
        let dd = district_of(draft, rd);
        for h in &rd.hospitals {
            let hit = dd.is_some_and(|dd| dd.hospitals.iter().any(|x| same_as_any(&names_of(&h.name, &h.aliases), &x.name)));
            if !hit {
                s.missed.push(Miss::new("hospital", &h.name, &h.aliases, rd.name()));
            }
            s.hospitals.add(hit);
        }
        for p in &rd.projects {
            let hit = dd.is_some_and(|dd| dd.projects.iter().any(|x| same_as_any(&names_of(&p.name, &p.aliases), &x.name)));
            if !hit {
                s.missed.push(Miss::new("project", &p.name, &p.aliases, rd.name()));
            }
            s.projects.add(hit);
        }
    }
    for dd in draft.all_districts() {
        let rd = district_of(reference, dd);
        for h in dd.hospitals.iter().filter(|h| !rd.is_some_and(|rd| rd.hospitals.iter().any(|x| same_as_any(&names_of(&x.name, &x.aliases), &h.name)))) {
            s.extras.push(format!("hospital {} @ {}", h.name, dd.name()));
        }
        for p in dd.projects.iter().filter(|p| !rd.is_some_and(|rd| rd.projects.iter().any(|x| same_as_any(&names_of(&x.name, &x.aliases), &p.name)))) {
            s.extras.push(format!("project {} @ {}", p.name, dd.name()));
        }
    }
    s.extra += s.extras.len();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(toml: &str) -> Plan {
        crate::io::parse_layout(toml, std::path::Path::new("t.toml")).unwrap_or_else(|e| panic!("{e}"))
    }

    const HEAD: &str = "[plan]\ntitle = \"t\"\nregion = \"宝鸡市\"\ndocument = \"t.txt\"\nboundaries = \"b.geojson\"\n\n";

    fn hospital_at(adcode: &str, name: &str) -> String {
        format!("{HEAD}[[districts]]\nadcode = \"{adcode}\"\nname = \"x\"\n\n  [[districts.hospitals]]\n  name = \"{name}\"\n  source = \"s\"\n")
    }

    #[test]
    fn names_match_up_to_whitespace_and_punctuation_only() {
        let r = plan(&hospital_at("610302", "宝鸡市中心医院"));
        assert_eq!(score(&r, &plan(&hospital_at("610302", "宝鸡市 中心医院"))).hospitals.hit, 1);
        assert_eq!(score(&r, &plan(&hospital_at("610302", "“宝鸡市中心医院”"))).hospitals.hit, 1);
        // A longer or shorter name is another name.
        assert_eq!(score(&r, &plan(&hospital_at("610302", "宝鸡市中心医院东院区"))).hospitals.hit, 0);
        assert_eq!(score(&r, &plan(&hospital_at("610302", "中心医院"))).hospitals.hit, 0);
    }

    #[test]
    fn the_right_name_in_the_wrong_district_is_a_miss() {
        let r = plan(&hospital_at("610302", "宝鸡市中心医院"));
        let s = score(&r, &plan(&hospital_at("610303", "宝鸡市中心医院")));
        assert_eq!(s.hospitals.hit, 0);
        assert_eq!(s.extra, 1);
        assert_eq!(s.missed.len(), 1);
    }

    #[test]
    fn a_miss_knows_whether_the_plan_holds_its_name() {
        let m = Miss::new("project", "健康 云平台", &[], "宝鸡市");
        assert!(m.verbatim_in("建设健康云平台。"));
        assert!(!m.verbatim_in("建设健康大数据云平台。"));
        let m = Miss::new("structure", "十二品：岐山县", &[], "");
        assert!(m.verbatim_in("十二品……岐山县：周礼文化"));
    }
}
