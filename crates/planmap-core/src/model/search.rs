//! Finding districts, structures, hospitals, projects, members and indicators by name: the
//! plan's names, the variants it uses (`aliases`) and a structure's slogan part.

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
    Hospital {
        district: usize,
        index: usize,
    },
    Project {
        district: usize,
        index: usize,
    },
    /// A member without polygon.
    Member {
        structure: usize,
        index: usize,
    },
    /// An entry of `Plan::indicators`.
    Indicator(usize),
}

/// The slogan parts a structure's name or title carries: the quoted word of "“中心”引领区",
/// the head of "多点：陆良县". Planners say "中心" or "多点" for the whole structure.
pub fn slogan_parts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        out.push(after[..close].to_string());
        rest = &after[close + '”'.len_utf8()..];
    }
    if let Some((head, _)) = text.split_once('：')
        && !head.is_empty()
    {
        out.push(head.to_string());
    }
    out.retain(|p| !p.trim().is_empty() && p != text);
    out
}

/// The count a slogan part starts with: "三片区" 3, "十二品" 12, "一个中心" 1, "两点突破" 2.
fn leading_count(part: &str) -> Option<usize> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|b| b / '一'.len_utf8()).or((c == '两').then_some(2));
    let mut cs = part.trim_start_matches(['“', '"']).chars().peekable();
    let first = *cs.peek()?;
    if first == '十' {
        cs.next();
        return Some(10 + cs.next().and_then(digit).unwrap_or(0));
    }
    let n = digit(first)?;
    cs.next();
    if cs.peek() == Some(&'十') {
        cs.next();
        return Some(n * 10 + cs.next().and_then(digit).unwrap_or(0));
    }
    Some(n)
}

/// The slogan's parts with the structures each names. A slogan lists the layout's parts in
/// the plan's order ("一核心、三片区、十二品"), and a layout lists structures in that order,
/// a part being a run of top-level structures of one kind. A part names its run only when
/// the parts and the runs agree in number and every count the slogan states matches its run
/// (its structures, or for a single structure its parts or members): otherwise nothing.
pub fn slogan_runs(plan: &Plan) -> Vec<(String, Vec<usize>)> {
    let Some(slogan) = plan.plan.slogan.as_deref() else { return Vec::new() };
    // "全面融入“三个圈层”：做强“内圈”、…": the list is what follows the colon.
    let list = slogan.rsplit_once('：').map_or(slogan, |(_, l)| l);
    let parts: Vec<&str> = list.split(['、', '，', ',', '；']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, s) in plan.structures.iter().enumerate().filter(|(_, s)| s.parent.is_none()) {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|&j| plan.structures[j].kind == s.kind) => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    if parts.len() < 2 || parts.len() != runs.len() {
        return Vec::new();
    }
    let agrees = |part: &str, run: &[usize]| match leading_count(part) {
        None => true,
        Some(n) if n == run.len() => true,
        Some(n) => run.len() == 1 && (plan.children_of(run[0]).len() == n || plan.structures[run[0]].members.len() == n),
    };
    if !parts.iter().zip(&runs).all(|(p, r)| agrees(p, r)) {
        return Vec::new();
    }
    parts.into_iter().map(|p| p.replace(['“', '”'], "")).zip(runs).collect()
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
        let t = Target::Structure(i);
        out.push((t.clone(), s.name.clone()));
        if let Some(title) = &s.title {
            out.push((t.clone(), title.clone()));
        }
        out.extend(s.aliases.iter().map(|a| (t.clone(), a.clone())));
        for part in slogan_parts(&s.name).into_iter().chain(s.title.iter().flat_map(|t| slogan_parts(t))) {
            out.push((t.clone(), part));
        }
        for (j, m) in s.members.iter().enumerate() {
            if !m.has_polygon() {
                let t = Target::Member { structure: i, index: j };
                out.push((t.clone(), m.name().to_string()));
                out.extend(m.aliases.iter().map(|a| (t.clone(), a.clone())));
            }
        }
    }
    for (part, run) in slogan_runs(plan) {
        out.extend(run.into_iter().map(|i| (Target::Structure(i), part.clone())));
    }
    for (di, d) in plan.all_districts().enumerate() {
        for (i, h) in d.hospitals.iter().enumerate() {
            let t = Target::Hospital { district: di, index: i };
            out.push((t.clone(), h.name.clone()));
            out.extend(h.aliases.iter().map(|a| (t.clone(), a.clone())));
        }
        for (i, p) in d.projects.iter().enumerate() {
            let t = Target::Project { district: di, index: i };
            out.push((t.clone(), p.name.clone()));
            out.extend(p.aliases.iter().map(|a| (t.clone(), a.clone())));
        }
    }
    for (i, ind) in plan.indicators.iter().enumerate() {
        out.push((Target::Indicator(i), ind.name().to_string()));
        out.extend(ind.aliases.iter().map(|a| (Target::Indicator(i), a.clone())));
    }
    out
}

/// Lower case, without whitespace.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Whether two names are the same once case and whitespace are ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    squeeze(a) == squeeze(b)
}

/// Targets whose name is `query` exactly; when none is, those whose name is it but for case
/// and whitespace; when none is and the query is a word of the plan's slogan, the structures
/// whose names contain it; else those whose name contains it. Each target appears once, with the name that matched.
pub fn search(plan: &Plan, boundaries: Option<&Boundaries>, query: &str) -> Vec<(Target, String)> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let all = named_targets(plan, boundaries);
    let mut hits: Vec<(Target, String)> = all.iter().filter(|(_, n)| n == query).cloned().collect();
    if hits.is_empty() {
        // The plans' text carries spaces from PDF extraction ("5 岁以下"): ignore them.
        let q = squeeze(query);
        hits = all.iter().filter(|(_, n)| squeeze(n) == q).cloned().collect();
        // A word of the plan's slogan ("中心" of 一个中心) means the structure, not every
        // hospital whose name contains it.
        if hits.is_empty() && plan.plan.slogan.as_deref().is_some_and(|s| squeeze(s).contains(&q)) {
            hits = all.iter().filter(|(t, n)| matches!(t, Target::Structure(_)) && squeeze(n).contains(&q)).cloned().collect();
        }
        if hits.is_empty() {
            hits = all.into_iter().filter(|(_, n)| squeeze(n).contains(&q)).collect();
        }
    }
    let mut seen = std::collections::HashSet::new();
    hits.retain(|(t, _)| seen.insert(t.clone()));
    hits
}
