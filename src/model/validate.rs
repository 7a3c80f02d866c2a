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
            None => self.report(
                Severity::Error,
                adcode.span().start,
                format!("{what}: unknown adcode \"{}\": the boundary file has no such feature", adcode.get_ref()),
            ),
            Some(f) => {
                if let Some(name) = name
                    && name.get_ref() != &f.name
                {
                    self.report(
                        Severity::Warning,
                        name.span().start,
                        format!(
                            "name \"{}\" disagrees with the boundary file, which calls {} \"{}\"",
                            name.get_ref(),
                            adcode.get_ref(),
                            f.name
                        ),
                    );
                }
            }
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
    for s in &plan.structures {
        let at = s.id.span().start;
        if !ids.insert(s.id.get_ref().as_str()) {
            c.report(Severity::Error, at, format!("duplicate structure id \"{}\"", s.id.get_ref()));
        }
        if let Some(color) = &s.color
            && Rgb::parse(color.get_ref()).is_none()
        {
            c.report(
                Severity::Error,
                color.span().start,
                format!("bad colour \"{}\": write #rrggbb, e.g. \"#66c2a5\"", color.get_ref()),
            );
        }
        c.source(&format!("structure \"{}\"", s.name), &s.source, at);
        // Tiers and circles are relations that may name no member; an area needs one to be drawn.
        if s.members.is_empty() && s.kind.is_area() {
            c.report(Severity::Warning, at, format!("structure \"{}\" has no members", s.name));
        }
        let mut seen = HashSet::new();
        for m in &s.members {
            let key = m.adcode().unwrap_or(m.name()).to_string();
            if !seen.insert(key) {
                c.report(
                    Severity::Error,
                    m.name.span().start,
                    format!("\"{}\" is listed twice in structure \"{}\"", m.name(), s.name),
                );
            }
            match &m.adcode {
                Some(a) => c.adcode(&format!("member of \"{}\"", s.name), a, Some(&m.name)),
                None if m.location.is_none() && m.within.is_none() && m.role.is_none() => c.report(
                    Severity::Warning,
                    m.name.span().start,
                    format!("member \"{}\" has no adcode and no location: say where the plan puts it", m.name()),
                ),
                None => {}
            }
            if let Some(w) = &m.within {
                c.adcode(&format!("\"within\" of \"{}\"", m.name()), w, None);
            }
        }
    }

    let mut districts = HashSet::new();
    for d in &plan.districts {
        match &d.adcode {
            None => c.report(
                Severity::Error,
                d.name.span().start,
                format!("district \"{}\" has no adcode (facts for the whole city go under [city])", d.name()),
            ),
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

    c.out.sort_by_key(|d| (d.line, d.col));
    super::cap_messages(c.out, file)
}
