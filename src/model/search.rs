//! Finding districts, structures, hospitals, projects and members by name.

use super::{Boundaries, Plan};

/// Something in a plan a user can look at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A boundary feature or a district entry, by adcode.
    District(String),
    /// The plan's city-level entry.
    City,
    Structure(usize),
    /// `district` indexes `Plan::all_districts()`.
    Hospital { district: usize, index: usize },
    Project { district: usize, index: usize },
    /// A member without polygon.
    Member { structure: usize, index: usize },
}

/// Every target with a name, and that name.
fn named_targets(plan: &Plan, boundaries: Option<&Boundaries>) -> Vec<(Target, String)> {
    let mut out = Vec::new();
    if let Some(b) = boundaries {
        out.extend(b.features.iter().map(|f| (Target::District(f.adcode.clone()), f.name.clone())));
    }
    for d in &plan.districts {
        if let Some(a) = d.adcode()
            && !out.iter().any(|(t, _)| *t == Target::District(a.to_string()))
        {
            out.push((Target::District(a.to_string()), d.name().to_string()));
        }
    }
    if let Some(city) = &plan.city {
        out.push((Target::City, city.name().to_string()));
    }
    for (i, s) in plan.structures.iter().enumerate() {
        out.push((Target::Structure(i), s.name.clone()));
        if let Some(t) = &s.title {
            out.push((Target::Structure(i), t.clone()));
        }
        for (j, m) in s.members.iter().enumerate() {
            if !m.has_polygon() {
                out.push((Target::Member { structure: i, index: j }, m.name().to_string()));
            }
        }
    }
    for (di, d) in plan.all_districts().enumerate() {
        for (i, h) in d.hospitals.iter().enumerate() {
            out.push((Target::Hospital { district: di, index: i }, h.name.clone()));
        }
        for (i, p) in d.projects.iter().enumerate() {
            out.push((Target::Project { district: di, index: i }, p.name.clone()));
        }
    }
    out
}

/// Targets whose name is `query` exactly; when none is, those whose name contains it
/// (case-insensitive). Each target appears once, with the name that matched.
pub fn search(plan: &Plan, boundaries: Option<&Boundaries>, query: &str) -> Vec<(Target, String)> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let all = named_targets(plan, boundaries);
    let mut hits: Vec<(Target, String)> = all.iter().filter(|(_, n)| n == query).cloned().collect();
    if hits.is_empty() {
        let q = query.to_lowercase();
        hits = all.into_iter().filter(|(_, n)| n.to_lowercase().contains(&q)).collect();
    }
    let mut seen = std::collections::HashSet::new();
    hits.retain(|(t, _)| seen.insert(t.clone()));
    hits
}
