//! Everything the plan says about one target, as headed lines with their sources. The details
//! panel draws it and `planmap show` prints it, so both always say the same.

use super::{Boundaries, District, Hospital, Member, Plan, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Structures,
    Positioning,
    CoreArea,
    Focus,
    Members,
    Specialities,
    Hospitals,
    Projects,
    Places,
    Where,
    Properties,
    Aliases,
    Unit,
    Baseline,
    Target,
    Note,
    Parts,
}

impl Heading {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Structures => "所属布局结构",
            Self::Positioning => "功能定位",
            Self::CoreArea => "核心范围",
            Self::Focus => "重点",
            Self::Members => "成员",
            Self::Specialities => "特色",
            Self::Hospitals => "医院",
            Self::Projects => "项目",
            Self::Places => "区内无边界成员",
            Self::Where => "所在",
            Self::Properties => "属性",
            Self::Aliases => "又称",
            Self::Unit => "单位",
            Self::Baseline => "基期",
            Self::Target => "目标",
            Self::Note => "说明",
            Self::Parts => "下设",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Self::Structures => "Structures",
            Self::Positioning => "Positioning",
            Self::CoreArea => "Core area",
            Self::Focus => "Focus",
            Self::Members => "Members",
            Self::Specialities => "Specialities",
            Self::Hospitals => "Hospitals",
            Self::Projects => "Projects",
            Self::Places => "Places without boundary here",
            Self::Where => "Where",
            Self::Properties => "Properties",
            Self::Aliases => "Also called",
            Self::Unit => "Unit",
            Self::Baseline => "Baseline",
            Self::Target => "Target",
            Self::Note => "Note",
            Self::Parts => "Parts",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// The section of the plan that says it.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Heading,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    pub title: String,
    /// What kind of thing this is, e.g. "区县 610326" or "片区".
    pub subtitle: String,
    /// The plan by its title (《…》), for "source: plan · section".
    pub document: String,
    pub sections: Vec<Section>,
}

impl Details {
    /// A plain boundary feature: its properties (a boundary file has no plan to cite).
    pub fn of_feature(f: &super::Feature) -> Details {
        let lines = f.properties.iter().map(|(k, v)| plain(format!("{k}: {v}"))).collect();
        Details { title: f.name.clone(), subtitle: f.adcode.clone(), document: String::new(), sections: vec![Section { heading: Heading::Properties, lines }] }
    }

    fn section(&mut self, heading: Heading, lines: Vec<Line>) {
        if !lines.is_empty() {
            self.sections.push(Section { heading, lines });
        }
    }

    /// Plain text, as `planmap show` prints it.
    pub fn to_text(&self) -> String {
        let mut s = format!("{}  [{}]\n", self.title, self.subtitle);
        for sec in &self.sections {
            s.push_str(&format!("\n{} {}\n", sec.heading.zh(), sec.heading.en()));
            for l in &sec.lines {
                match &l.source {
                    Some(src) => s.push_str(&format!("  - {}  〔{} · {}〕\n", l.text, self.document, src)),
                    None => s.push_str(&format!("  - {}\n", l.text)),
                }
            }
        }
        s
    }
}

fn line(text: impl Into<String>, source: &str) -> Line {
    Line { text: text.into(), source: Some(source.to_string()) }
}

fn plain(text: impl Into<String>) -> Line {
    Line { text: text.into(), source: None }
}

fn member_text(m: &Member) -> String {
    let mut t = m.name().to_string();
    if let Some(p) = &m.partial {
        t.push_str(&format!("（部分：{p}）"));
    }
    if !m.has_polygon() {
        t.push_str("（无边界）");
    }
    if let Some(r) = &m.role {
        t.push_str(&format!("：{r}"));
    }
    if let Some(l) = &m.location {
        t.push_str(&format!("；位置：{l}"));
    }
    t
}

fn facts(d: &mut Details, district: &District) {
    d.section(Heading::Specialities, district.specialities.iter().map(|s| line(&s.text, &s.source)).collect());
    d.section(
        Heading::Hospitals,
        district
            .hospitals
            .iter()
            .map(|h| if h.focus.is_empty() { line(&h.name, &h.source) } else { line(format!("{}：{}", h.name, h.focus.join("、")), &h.source) })
            .collect(),
    );
    d.section(
        Heading::Projects,
        district
            .projects
            .iter()
            .map(|p| match &p.detail {
                Some(detail) => line(format!("{}：{}", p.name, detail), &p.source),
                None => line(&p.name, &p.source),
            })
            .collect(),
    );
}

/// The details of `target`, or None when it does not exist in this plan.
pub fn describe(plan: &Plan, boundaries: Option<&Boundaries>, target: &Target) -> Option<Details> {
    // The plan cited by its title, as a report cites it (its file name means nothing to a reader).
    let document = format!("《{}》", plan.plan.title.trim());
    let districts: Vec<&District> = plan.all_districts().collect();
    let district_name = |i: usize| districts.get(i).map(|d| d.name().to_string()).unwrap_or_default();
    let mut d = match target {
        Target::District(adcode) => {
            let feature = boundaries.and_then(|b| b.get(adcode));
            let entry = plan.district(adcode);
            let name = feature.map(|f| f.name.clone()).or_else(|| entry.map(|e| e.name().to_string()))?;
            let role = if plan.focus_district() == Some(adcode.as_str()) { "规划区县" } else { "区县" };
            let mut d = Details { title: name, subtitle: format!("{role} {adcode}"), document, sections: Vec::new() };
            let mut structures = Vec::new();
            let mut positioning = Vec::new();
            for i in plan.structures_of(adcode) {
                let s = &plan.structures[i];
                let m = s.member_for(adcode)?;
                let extent = match &m.partial {
                    Some(q) => format!("部分：{q}"),
                    None => "全域".to_string(),
                };
                let role = m.role.as_ref().map(|r| format!("；{r}")).unwrap_or_default();
                structures.push(line(format!("{}（{}）— {extent}{role}", s.name, s.kind.label_zh()), m.source_or(s)));
                if let Some(p) = &s.positioning {
                    positioning.push(line(format!("{}：{p}", s.name), &s.source));
                }
            }
            if structures.is_empty() && plan.focus_district().is_some_and(|f| f != adcode) {
                structures.push(plain("规划范围外（背景）"));
            }
            d.section(Heading::Structures, structures);
            d.section(Heading::Positioning, positioning);
            if let Some(e) = entry {
                facts(&mut d, e);
            }
            let places = plan
                .structures
                .iter()
                .flat_map(|s| s.members.iter().map(move |m| (s, m)))
                .filter(|(_, m)| m.within.as_ref().is_some_and(|w| w.get_ref() == adcode))
                .map(|(s, m)| line(format!("{}：{}", s.name, member_text(m)), m.source_or(s)))
                .collect();
            d.section(Heading::Places, places);
            d
        }
        Target::City => {
            let city = plan.city.as_ref()?;
            let mut d = Details { title: city.name().to_string(), subtitle: "市级（未注明区县）".into(), document, sections: Vec::new() };
            facts(&mut d, city);
            d
        }
        Target::Structure(i) => {
            let s = plan.structures.get(*i)?;
            let title = match &s.title {
                Some(t) => format!("{}（{t}）", s.name),
                None => s.name.clone(),
            };
            let mut d = Details { title, subtitle: s.kind.label_zh().to_string(), document, sections: Vec::new() };
            d.section(Heading::Positioning, s.positioning.iter().map(|p| line(p, &s.source)).collect());
            d.section(Heading::CoreArea, s.core_area.iter().map(|p| line(p, &s.source)).collect());
            d.section(Heading::Focus, s.focus.iter().map(|f| line(f, &s.source)).collect());
            d.section(Heading::Members, s.members.iter().map(|m| line(member_text(m), m.source_or(s))).collect());
            if let Some(p) = plan.parent_of(*i).and_then(|p| plan.structures.get(p)) {
                d.section(Heading::Structures, vec![line(format!("{}（{}）", p.name, p.kind.label_zh()), &s.source)]);
            }
            let parts = plan.children_of(*i).into_iter().filter_map(|c| plan.structures.get(c)).map(|c| line(&c.name, &c.source)).collect();
            d.section(Heading::Parts, parts);
            d.section(Heading::Aliases, s.aliases.iter().map(|a| line(a, &s.source)).collect());
            let (hospitals, projects) = stated_in_section(plan, *i);
            d.section(Heading::Hospitals, hospitals);
            d.section(Heading::Projects, projects);
            d
        }
        Target::Hospital { district, index } => {
            let h = districts.get(*district)?.hospitals.get(*index)?;
            let mut d = Details { title: h.name.clone(), subtitle: format!("医院 · {}", district_name(*district)), document, sections: Vec::new() };
            d.section(Heading::Focus, h.focus.iter().map(|f| line(f, &h.source)).collect());
            if h.focus.is_empty() {
                d.section(Heading::Where, vec![line(district_name(*district), &h.source)]);
            }
            d.section(Heading::Aliases, h.aliases.iter().map(|a| line(a, &h.source)).collect());
            let mut named = structures_naming(plan, h);
            let stating = structures_stating(plan, districts.get(*district).and_then(|d| d.adcode()), &h.source);
            let new: Vec<Line> = stating.into_iter().filter(|l| !named.iter().any(|n| n.text.starts_with(&l.text))).collect();
            named.extend(new);
            d.section(Heading::Structures, named);
            d.section(Heading::Projects, projects_naming(plan, h));
            d
        }
        Target::Project { district, index } => {
            let p = districts.get(*district)?.projects.get(*index)?;
            let mut d = Details { title: p.name.clone(), subtitle: format!("项目 · {}", district_name(*district)), document, sections: Vec::new() };
            d.section(Heading::Projects, vec![line(p.detail.clone().unwrap_or_else(|| p.name.clone()), &p.source)]);
            d.section(Heading::Aliases, p.aliases.iter().map(|a| line(a, &p.source)).collect());
            d.section(Heading::Structures, structures_stating(plan, districts.get(*district).and_then(|d| d.adcode()), &p.source));
            d
        }
        Target::Member { structure, index } => {
            let s = plan.structures.get(*structure)?;
            let m = s.members.get(*index)?;
            let mut d = Details { title: m.name().to_string(), subtitle: format!("{}成员（无边界）", s.name), document, sections: Vec::new() };
            let src = m.source_or(s);
            d.section(Heading::Structures, vec![line(format!("{}（{}）", s.name, s.kind.label_zh()), &s.source)]);
            let mut here = Vec::new();
            if let Some(l) = &m.location {
                here.push(line(l, src));
            }
            if let Some(w) = &m.within {
                let name = boundaries.and_then(|b| b.get(w.get_ref())).map_or(w.get_ref().clone(), |f| f.name.clone());
                here.push(line(format!("位于{name}"), src));
            }
            d.section(Heading::Where, here);
            d.section(Heading::Positioning, m.role.iter().map(|r| line(r, src)).collect());
            d.section(Heading::Aliases, m.aliases.iter().map(|a| line(a, src)).collect());
            d
        }
        Target::Indicator(i) => {
            let ind = plan.indicators.get(*i)?;
            let kind = ind.kind.map(|k| format!(" · {}", k.label_zh())).unwrap_or_default();
            let mut d = Details { title: ind.name().to_string(), subtitle: format!("指标 · {}{kind}", ind.domain), document, sections: Vec::new() };
            let unit = ind.unit.as_deref();
            d.section(Heading::Unit, unit.iter().map(|u| line(*u, &ind.source)).collect());
            d.section(Heading::Baseline, ind.baseline.iter().map(|f| line(f.display(unit), &ind.source)).collect());
            d.section(Heading::Target, ind.target.iter().map(|f| line(f.display(unit), &ind.source)).collect());
            d.section(Heading::Note, ind.note.iter().map(|n| line(n, &ind.source)).collect());
            d.section(Heading::Aliases, ind.aliases.iter().map(|a| line(a, &ind.source)).collect());
            d
        }
    };
    d.sections.retain(|s| !s.lines.is_empty());
    Some(d)
}

/// Whether a fact's `source` ("第三章 一（二）；第四章 二 专栏3") cites `section` or a part of it.
fn cites(source: &str, section: &str) -> bool {
    let section = section.trim();
    !section.is_empty()
        && source.split(['；', ';']).map(str::trim).any(|s| match s.strip_prefix(section) {
            Some(rest) => rest.is_empty() || rest.starts_with([' ', '（', '(', '、']),
            None => false,
        })
}

/// The hospitals and projects the plan states in the structure's own section, in its member
/// districts or at city level: Qujing's 中心 section lists its 共享中心 and 康养小镇, which the
/// layout keeps as projects of 麒麟区, 沾益区 and the city.
fn stated_in_section(plan: &Plan, structure: usize) -> (Vec<Line>, Vec<Line>) {
    let Some(s) = plan.structures.get(structure) else { return (Vec::new(), Vec::new()) };
    let members: Vec<&str> = s.members.iter().filter_map(Member::adcode).collect();
    let here = |d: &District| d.adcode().is_none_or(|a| members.contains(&a));
    let (mut hospitals, mut projects) = (Vec::new(), Vec::new());
    for d in plan.all_districts().filter(|d| here(d)) {
        let at = d.name();
        for h in d.hospitals.iter().filter(|h| cites(&h.source, &s.source)) {
            hospitals.push(line(format!("{}（{at}）", h.name), &h.source));
        }
        for p in d.projects.iter().filter(|p| cites(&p.source, &s.source)) {
            let text = match &p.detail {
                Some(detail) if detail != &p.name => format!("{}（{at}）：{detail}", p.name),
                _ => format!("{}（{at}）", p.name),
            };
            projects.push(line(text, &p.source));
        }
    }
    (hospitals, projects)
}

/// The structures in whose section a fact of `district` (None: city level) is stated: the other
/// side of `stated_in_section`.
fn structures_stating(plan: &Plan, district: Option<&str>, source: &str) -> Vec<Line> {
    plan.structures
        .iter()
        .filter(|s| cites(source, &s.source) && district.is_none_or(|a| s.members.iter().any(|m| m.adcode() == Some(a))))
        .map(|s| line(format!("{}（{}）", s.name, s.kind.label_zh()), &s.source))
        .collect()
}

/// The names a hospital goes by: its name and the plan's variants.
fn names_of(h: &Hospital) -> impl Iterator<Item = &str> {
    std::iter::once(h.name.as_str()).chain(h.aliases.iter().map(String::as_str)).filter(|n| !n.trim().is_empty())
}

/// Structures that list the hospital as a member (a point, a tier's institution).
fn structures_naming(plan: &Plan, h: &Hospital) -> Vec<Line> {
    let mut out = Vec::new();
    for s in &plan.structures {
        for m in &s.members {
            let names: Vec<&str> = std::iter::once(m.name()).chain(m.aliases.iter().map(String::as_str)).collect();
            if names_of(h).any(|n| names.contains(&n)) {
                let role = m.role.as_ref().map(|r| format!("：{r}")).unwrap_or_default();
                out.push(line(format!("{}（{}）{role}", s.name, s.kind.label_zh()), m.source_or(s)));
            }
        }
    }
    out
}

/// Projects anywhere in the plan whose name or detail names the hospital (e.g. its 康养中心).
/// Names under four characters are not looked for inside free text: "区医院" is also part of
/// "社区医院".
fn projects_naming(plan: &Plan, h: &Hospital) -> Vec<Line> {
    let names: Vec<&str> = names_of(h).filter(|n| n.chars().count() >= 4).collect();
    plan.all_districts()
        .flat_map(|d| d.projects.iter())
        .filter(|p| names.iter().any(|n| p.name.contains(n) || p.detail.as_deref().is_some_and(|t| t.contains(n))))
        .map(|p| match &p.detail {
            Some(detail) if detail != &p.name => line(format!("{}：{}", p.name, detail), &p.source),
            _ => line(&p.name, &p.source),
        })
        .collect()
}
