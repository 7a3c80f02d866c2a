//! Checks a plan against itself and its boundary file: every problem, located.

use std::collections::HashSet;
use std::path::Path;

use serde_spanned::Spanned;

use super::{Boundaries, Diagnostic, LineIndex, Plan, Rgb, Severity};

struct Checker<'a> {
    file: &'a Path,
    lines: LineIndex<'a>,
    boundaries: Option<&'a Boundaries>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, severity: Severity, offset: usize, message: String) {
        self.out.push(self.lines.diagnostic(severity, self.file, offset, message));
    }

    /// An adcode must name a boundary feature; a name given beside it should agree.
    fn adcode(&mut self, what: &str, adcode: &Spanned<String>, name: Option<&Spanned<String>>) {
        let Some(b) = self.boundaries else { return };
        match b.get(adcode.get_ref()) {
            None => self.report(Severity::Error, adcode.span().start, format!("{what}: unknown adcode \"{}\": the boundary file has no such feature", adcode.get_ref())),
            Some(f) => {
                if let Some(name) = name
                    && name.get_ref() != &f.name
                {
                    self.report(
                        Severity::Warning,
                        name.span().start,
                        format!("name \"{}\" disagrees with the boundary file, which calls {} \"{}\"", name.get_ref(), adcode.get_ref(), f.name),
                    );
                }
            }
        }
    }

    /// A member drawn only for context (a neighbour `planmap new` or a draft put around the
    /// region) is outside the plan's region: a stray click in Pick, or a hand edit, not the plan.
    fn not_context(&mut self, structure: &str, adcode: &Spanned<String>) {
        let Some(f) = self.boundaries.and_then(|b| b.get(adcode.get_ref())) else { return };
        if f.is_context() {
            let msg = format!("member of \"{structure}\": {} ({}) is a neighbour outside the region (role \"context\" in the boundary file)", f.name, adcode.get_ref());
            self.report(Severity::Warning, adcode.span().start, msg);
        }
    }

    fn source(&mut self, what: &str, source: &str, at: usize) {
        if source.trim().is_empty() {
            self.report(Severity::Error, at, format!("{what} has an empty source: say which section of the plan states it"));
        }
    }
}

/// Validate `plan` (parsed from `src`, the text of `file`) against its boundaries, when they
/// loaded. Returns errors and warnings in file order, at most `MAX_MESSAGES` of them and then
/// one line counting the rest.
pub fn validate(plan: &Plan, src: &str, file: &Path, boundaries: Option<&Boundaries>) -> Vec<Diagnostic> {
    let mut c = Checker { file, lines: LineIndex::new(src), boundaries, out: Vec::new() };

    if let Some(f) = &plan.plan.focus_district {
        c.adcode("focus_district", f, None);
    }

    let mut ids = HashSet::new();
    // Ids that some structure names as its parent: looked up per structure (a scan per
    // structure was quadratic: 100,000 structures took over 30 s in show and export).
    let parent_ids: HashSet<&str> = plan.structures.iter().filter_map(|c| c.parent.as_ref().map(|p| p.get_ref().as_str())).collect();
    for s in &plan.structures {
        let at = s.id.span().start;
        if !ids.insert(s.id.get_ref().as_str()) {
            c.report(Severity::Error, at, format!("duplicate structure id \"{}\"", s.id.get_ref()));
        }
        if let Some(color) = &s.color
            && Rgb::parse(color.get_ref()).is_none()
        {
            c.report(Severity::Error, color.span().start, format!("bad colour \"{}\": write #rrggbb, e.g. \"#66c2a5\"", color.get_ref()));
        }
        c.source(&format!("structure \"{}\"", s.name), &s.source, at);
        // Tiers and circles are relations that may name no member; an area needs one to be drawn.
        // A parent (e.g. 三级联动) may hold its children and no members of its own.
        let has_children = parent_ids.contains(s.id.get_ref().as_str());
        if s.members.is_empty() && s.kind.is_area() && !has_children {
            c.report(Severity::Warning, at, format!("structure \"{}\" has no members", s.name));
        }
        let drafts = usize::from(s.draft) + s.members.iter().filter(|m| m.draft).count();
        if drafts > 0 {
            c.report(
                Severity::Warning,
                at,
                format!("structure \"{}\": {drafts} drafted entr{} not yet reviewed (remove `draft = true` once checked)", s.name, if drafts == 1 { "y" } else { "ies" }),
            );
        }
        let mut seen = HashSet::new();
        for m in &s.members {
            let key = m.adcode().unwrap_or(m.name()).to_string();
            if !seen.insert(key) {
                c.report(Severity::Error, m.name.span().start, format!("\"{}\" is listed twice in structure \"{}\"", m.name(), s.name));
            }
            match &m.adcode {
                Some(a) => {
                    c.adcode(&format!("member of \"{}\"", s.name), a, Some(&m.name));
                    c.not_context(&s.name, a);
                }
                None if m.location.is_none() && m.within.is_none() && m.role.is_none() => {
                    c.report(Severity::Warning, m.name.span().start, format!("member \"{}\" has no adcode and no location: say where the plan puts it", m.name()))
                }
                None => {}
            }
            if let Some(w) = &m.within {
                c.adcode(&format!("\"within\" of \"{}\"", m.name()), w, None);
            }
        }
    }

    parents(&mut c, plan);

    let mut districts = HashSet::new();
    for d in &plan.districts {
        match &d.adcode {
            None => c.report(Severity::Error, d.name.span().start, format!("district \"{}\" has no adcode (facts for the whole city go under [city])", d.name())),
            Some(a) => {
                if !districts.insert(a.get_ref().as_str()) {
                    c.report(Severity::Error, a.span().start, format!("duplicate district {} (\"{}\")", a.get_ref(), d.name()));
                }
                c.adcode("district", a, Some(&d.name));
            }
        }
    }
    for d in plan.all_districts() {
        let at = d.name.span().start;
        let drafts = d.specialities.iter().filter(|x| x.draft).count() + d.hospitals.iter().filter(|x| x.draft).count() + d.projects.iter().filter(|x| x.draft).count();
        if drafts > 0 {
            c.report(
                Severity::Warning,
                at,
                format!("{}: {drafts} drafted entr{} not yet reviewed (remove `draft = true` once checked)", d.name(), if drafts == 1 { "y" } else { "ies" }),
            );
        }
        for s in &d.specialities {
            c.source(&format!("a speciality of {}", d.name()), &s.source, at);
        }
        for h in &d.hospitals {
            c.source(&format!("hospital \"{}\"", h.name), &h.source, at);
        }
        for p in &d.projects {
            c.source(&format!("project \"{}\"", p.name), &p.source, at);
        }
    }

    indicators(&mut c, plan);

    c.out.sort_by_key(|d| (d.line, d.col));
    super::cap_messages(c.out, file)
}

/// A `parent` must name another structure's id, and following parents must not come back.
fn parents(c: &mut Checker<'_>, plan: &Plan) {
    for (i, s) in plan.structures.iter().enumerate() {
        let Some(p) = &s.parent else { continue };
        if plan.structure_index(p.get_ref()).is_none() {
            c.report(Severity::Error, p.span().start, format!("structure \"{}\": parent \"{}\" is not the id of any structure in this file", s.name, p.get_ref()));
            continue;
        }
        // Walk up at most `len` steps: a longer walk has met a structure twice.
        let mut at = i;
        for _ in 0..plan.structures.len() {
            match plan.parent_of(at) {
                Some(up) if up == i => {
                    c.report(Severity::Error, p.span().start, format!("structure \"{}\": parent \"{}\" leads back to itself (a cycle of parents)", s.name, p.get_ref()));
                    break;
                }
                Some(up) => at = up,
                None => break,
            }
        }
    }
}

/// Each indicator cites its section; a baseline or target says something (a number or the
/// plan's text), and a number is finite.
fn indicators(c: &mut Checker<'_>, plan: &Plan) {
    let mut seen = HashSet::new();
    for ind in &plan.indicators {
        let at = ind.name.span().start;
        let what = format!("indicator \"{}\"", ind.name());
        c.source(&what, &ind.source, at);
        if ind.name().trim().is_empty() {
            c.report(Severity::Error, at, "an indicator has an empty name".to_string());
        }
        if !seen.insert((ind.name().to_string(), ind.source.clone())) {
            c.report(Severity::Error, at, format!("{what} is listed twice with the same source \"{}\"", ind.source));
        }
        for (label, fig) in [("baseline", &ind.baseline), ("target", &ind.target)] {
            let Some(fig) = fig else { continue };
            if fig.value.is_none() && fig.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                c.report(Severity::Error, at, format!("{what}: {label} has neither value nor text: give the plan's figure"));
            }
            if fig.value.is_some_and(|v| !v.is_finite()) {
                c.report(Severity::Error, at, format!("{what}: {label} value is not a finite number"));
            }
            if fig.comparator.is_some() && fig.value.is_none() {
                c.report(Severity::Warning, at, format!("{what}: {label} has a comparator but no value to compare"));
            }
        }
        if ind.baseline.is_none() && ind.target.is_none() {
            c.report(Severity::Warning, at, format!("{what} has neither baseline nor target"));
        }
    }
}
