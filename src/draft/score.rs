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
    /// What the draft misses, one line each ("hospital 宝鸡市中心医院 @ 宝鸡市").
    pub missed: Vec<String>,
}

/// Names compare without quotes, spaces and a "group：" prefix.
fn key(s: &str) -> String {
    let s = s.rsplit('：').next().unwrap_or(s);
    s.chars().filter(|c| !c.is_whitespace() && !"“”\"‘’「」".contains(*c)).collect()
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (key(a), key(b));
    !a.is_empty() && !b.is_empty() && (a == b || (a.chars().count() >= 3 && b.contains(&a)) || (b.chars().count() >= 3 && a.contains(&b)))
}

fn adcodes(s: &Structure) -> Vec<&str> {
    let mut v: Vec<&str> = s.members.iter().filter_map(|m| m.adcode()).collect();
    v.sort_unstable();
    v
}

/// The draft structure standing for reference structure `r`: same name, else same units.
fn counterpart<'a>(r: &Structure, draft: &'a Plan) -> Option<&'a Structure> {
    draft
        .structures
        .iter()
        .find(|d| same_name(&d.name, &r.name))
        .or_else(|| {
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
            s.missed.push(format!("structure {}", r.name));
        }
        if let Some(d) = d
            && let Some(i) = draft.structures.iter().position(|x| std::ptr::eq(x, d))
        {
            used[i] = true;
        }
        for m in &r.members {
            let found = d.is_some_and(|d| match m.adcode() {
                Some(a) => d.member_for(a).is_some_and(|dm| dm.partial.is_some() == m.partial.is_some()),
                None => d.members.iter().any(|dm| dm.adcode.is_none() && same_name(dm.name(), m.name())),
            });
            if !found {
                s.missed.push(format!("member {} of {}", m.name(), r.name));
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
                        None => !r.members.iter().any(|rm| same_name(rm.name(), m.name())),
                    })
                    .count();
            }
        }
    }
    for rd in reference.all_districts() {
        let dd = district_of(draft, rd);
        for h in &rd.hospitals {
            let hit = dd.is_some_and(|dd| dd.hospitals.iter().any(|x| same_name(&x.name, &h.name)));
            if !hit {
                s.missed.push(format!("hospital {} @ {}", h.name, rd.name()));
            }
            s.hospitals.add(hit);
        }
        for p in &rd.projects {
            let hit = dd.is_some_and(|dd| dd.projects.iter().any(|x| same_name(&x.name, &p.name)));
            if !hit {
                s.missed.push(format!("project {} @ {}", p.name, rd.name()));
            }
            s.projects.add(hit);
        }
    }
    for dd in draft.all_districts() {
        let rd = district_of(reference, dd);
        s.extra += dd.hospitals.iter().filter(|h| !rd.is_some_and(|rd| rd.hospitals.iter().any(|x| same_name(&x.name, &h.name)))).count();
        s.extra += dd.projects.iter().filter(|p| !rd.is_some_and(|rd| rd.projects.iter().any(|x| same_name(&x.name, &p.name)))).count();
    }
    s
}
