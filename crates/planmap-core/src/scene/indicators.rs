//! The plan's indicator table ready to chart: one row per indicator, grouped by domain (领域)
//! in the plan's order, baseline and target placed on the row's own axis (0 to the row's
//! largest value, or 0–100 for a percentage), text targets kept as text. And the plan's counts
//! per structure (members, hospitals, projects). The window's indicators pane (egui_plot) and
//! `planmap export --indicators` both draw these, so they always show the same. No egui here.

use crate::model::{Figure, IndicatorKind, Plan, StructureKind, format_number};
use crate::scene::fills::rgba;

pub type Rgba = [u8; 4];

/// 约束性 (binding) in dark red, 预期性 (expected) in blue: told apart by colour and by label.
pub const BINDING: Rgba = [0xb2, 0x18, 0x2b, 0xff];
pub const EXPECTED: Rgba = [0x21, 0x66, 0xac, 0xff];
pub const BASELINE: Rgba = [0x77, 0x77, 0x77, 0xff];
/// An indicator whose kind the plan does not state.
pub const UNSTATED: Rgba = [0x55, 0x55, 0x55, 0xff];

/// A baseline or a target as the chart shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub year: Option<i32>,
    pub value: Option<f64>,
    /// As the plan prints it: "≤14.5", "80*", "同比例提高", "—".
    pub text: String,
    /// Place on the row's axis, 0..=1; None for a text-only value.
    pub x: Option<f32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the plan's indicators.
    pub index: usize,
    pub name: String,
    pub unit: String,
    /// 约束性 / 预期性, when the plan says.
    pub kind: Option<IndicatorKind>,
    pub baseline: Option<Mark>,
    pub target: Option<Mark>,
    /// The value at the right end of the row's axis.
    pub scale: f64,
    pub source: String,
    pub note: Option<String>,
}

impl Row {
    pub fn is_binding(&self) -> bool {
        self.kind == Some(IndicatorKind::Binding)
    }

    pub fn kind_label(&self) -> &'static str {
        self.kind.map_or("性质未注明", IndicatorKind::label_zh)
    }

    pub fn color(&self) -> Rgba {
        match self.kind {
            Some(IndicatorKind::Binding) => BINDING,
            Some(IndicatorKind::Expected) => EXPECTED,
            None => UNSTATED,
        }
    }

    /// The unit to print after the values: not when the plan's texts already carry it
    /// ("25/10万"), nor after a target that is only words ("同比例提高").
    pub fn unit_suffix(&self) -> String {
        let marks = || self.baseline.iter().chain(self.target.iter());
        let numeric = marks().any(|m| m.value.is_some());
        let written = marks().any(|m| m.text.contains(self.unit.as_str()));
        if self.unit.is_empty() || !numeric || written { String::new() } else { format!(" {}", self.unit) }
    }

    /// The target as printed, with the unit: "≤4.8 ‰", "同比例提高".
    pub fn target_text(&self) -> String {
        format!("{}{}", self.target.as_ref().map_or("—", |m| m.text.as_str()), self.unit_suffix())
    }

    /// "2020：78.84；2025：79.5（岁）；预期性；〔第二章 …〕", for a tooltip.
    pub fn hover_text(&self) -> String {
        let year = |m: &Mark| m.year.map_or(String::new(), |y| format!("{y}年："));
        let mut s = format!("{}\n", self.name);
        if let Some(b) = &self.baseline {
            s.push_str(&format!("基期 {}{}\n", year(b), b.text));
        }
        if let Some(t) = &self.target {
            s.push_str(&format!("目标 {}{}\n", year(t), t.text));
        }
        if !self.unit.is_empty() {
            s.push_str(&format!("单位 {}\n", self.unit));
        }
        s.push_str(&format!("{}\n来源 {}", self.kind_label(), self.source));
        if let Some(n) = &self.note {
            s.push_str(&if n.starts_with('注') { format!("\n{n}") } else { format!("\n注 {n}") });
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    pub name: String,
    pub rows: Vec<Row>,
}

/// The axis maximum for a row: 100 for a percentage that fits, else its largest value.
fn scale_of(unit: &str, values: &[f64]) -> f64 {
    let max = values.iter().map(|v| v.abs()).fold(0.0, f64::max);
    if unit.contains('%') && max <= 100.0 {
        100.0
    } else if max > 0.0 {
        max
    } else {
        1.0
    }
}

fn place(m: Option<Mark>, scale: f64) -> Option<Mark> {
    m.map(|m| Mark { x: m.value.map(|v| (v.abs() / scale).clamp(0.0, 1.0) as f32), ..m })
}

/// One indicator as the layout states it, before placing.
struct Raw {
    domain: String,
    name: String,
    unit: String,
    kind: Option<IndicatorKind>,
    baseline: Option<Mark>,
    target: Option<Mark>,
    source: String,
    note: Option<String>,
}

/// A figure's text as the plan prints it (without the unit, which the row shows once).
fn mark(f: &Figure) -> Mark {
    let text = match (&f.text, f.value) {
        (Some(t), _) => t.clone(),
        (None, Some(v)) => format!("{}{}", f.comparator.map_or("", |c| c.symbol()), format_number(v)),
        (None, None) => "—".to_string(),
    };
    Mark { year: f.year, value: f.value.filter(|v| v.is_finite()), text, x: None }
}

fn raw_rows(plan: &Plan) -> Vec<Raw> {
    plan.indicators
        .iter()
        .map(|i| Raw {
            domain: i.domain.clone(),
            name: i.name().to_string(),
            unit: i.unit.clone().unwrap_or_default(),
            kind: i.kind,
            baseline: i.baseline.as_ref().map(mark),
            target: i.target.as_ref().map(mark),
            source: i.source.clone(),
            note: i.note.clone(),
        })
        .collect()
}

/// Domains in the order the plan first names them, rows in the plan's order.
pub fn chart(plan: &Plan) -> Vec<Domain> {
    let mut out: Vec<Domain> = Vec::new();
    for (index, raw) in raw_rows(plan).into_iter().enumerate() {
        let values: Vec<f64> = raw.baseline.iter().chain(raw.target.iter()).filter_map(|m| m.value).collect();
        let scale = scale_of(&raw.unit, &values);
        let row = Row {
            index,
            name: raw.name,
            unit: raw.unit,
            kind: raw.kind,
            baseline: place(raw.baseline, scale),
            target: place(raw.target, scale),
            scale,
            source: raw.source,
            note: raw.note,
        };
        match out.iter_mut().find(|d| d.name == raw.domain) {
            Some(d) => d.rows.push(row),
            None => out.push(Domain { name: raw.domain, rows: vec![row] }),
        }
    }
    out
}

/// What the plan counts for one structure (the "查询统计" view of a planning dashboard).
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub structure: usize,
    pub name: String,
    pub color: Rgba,
    /// Members as the plan lists them (counties, places, institutions).
    pub members: usize,
    /// Hospitals the plan names in the member counties, plus institution members.
    pub hospitals: usize,
    /// Projects the plan names in the member counties.
    pub projects: usize,
}

/// Counts per structure, in the plan's order. A county member brings the hospitals and
/// projects the plan lists for that county; an institution member counts as one hospital.
pub fn counts(plan: &Plan) -> Vec<Count> {
    plan.structures
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let districts = s.members.iter().filter_map(|m| m.adcode()).filter_map(|a| plan.district(a));
            let (hospitals, projects) = districts.fold((0, 0), |(h, p), d| (h + d.hospitals.len(), p + d.projects.len()));
            let institutions = s.members.iter().filter(|m| m.kind == crate::model::MemberKind::Institution).count();
            Count { structure: i, name: s.name.clone(), color: rgba(plan.structure_color(i)), members: s.members.len(), hospitals: hospitals + institutions, projects }
        })
        .filter(|c| c.members > 0 || plan.structures.get(c.structure).is_some_and(|s| s.kind != StructureKind::Other))
        .collect()
}
