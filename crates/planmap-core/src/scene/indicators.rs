//! The plan's indicator table ready to chart and to hand on: one row per indicator, in the
//! plan's order, grouped by domain (领域) for the table; one shared axis per unit for the chart
//! (every "%" row on the same 0–100, every "‰" row on one scale), baseline → target on it; text
//! targets kept as text. Where the plan states the same indicator twice with different figures
//! (a table and its text), the two are one row that carries both, marked "表/文 不一致". And the
//! plan's counts per structure (members, hospitals, projects). The window's indicators pane
//! (egui_plot and a table), `planmap export --indicators` (PNG, SVG, CSV, XLSX) all read these,
//! so they always show the same. No egui here.

use crate::model::{Comparator, Figure, Indicator, IndicatorKind, Plan, StructureKind, format_number};
use crate::scene::fills::rgba;

pub type Rgba = [u8; 4];

/// 约束性 (binding) in dark red, 预期性 (expected) in blue: told apart by colour and by label.
pub const BINDING: Rgba = [0xb2, 0x18, 0x2b, 0xff];
pub const EXPECTED: Rgba = [0x21, 0x66, 0xac, 0xff];
pub const BASELINE: Rgba = [0x77, 0x77, 0x77, 0xff];
/// An indicator whose kind the plan does not state.
pub const UNSTATED: Rgba = [0x55, 0x55, 0x55, 0xff];
/// The other statement of a disagreeing pair (the plan's text beside its table).
pub const OTHER: Rgba = [0xe0, 0x82, 0x14, 0xff];

/// The mark of an indicator the plan's table and text give different figures for.
pub const TABLE_TEXT_MISMATCH: &str = "表/文 不一致";
/// The same, when neither (or both) of the two statements is a table.
pub const TWO_PLACES_MISMATCH: &str = "两处不一致";
/// Said where a row has a target and no baseline, instead of drawing a bar from zero.
pub const NO_BASELINE: &str = "无基期";

/// A baseline or a target as the chart and the table show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub year: Option<i32>,
    pub value: Option<f64>,
    /// As the plan prints it: "≤14.5", "80*", "同比例提高", "—".
    pub text: String,
}

impl Mark {
    /// "2020 年 78.84", or the text alone when the plan gives no year.
    pub fn with_year(&self) -> String {
        match self.year {
            Some(y) => format!("{y} 年 {}", self.text),
            None => self.text.clone(),
        }
    }
}

/// Which way the indicator should move, read from the plan's own figures: its comparator
/// (≤ lower, ≥ higher), words such as "降低" or "以下", or baseline → target. Unknown when the
/// plan gives none of these (a target without baseline or comparator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    /// The target is the baseline (100 → 100, >90 → >90).
    Hold,
    Unknown,
}

impl Better {
    pub fn label_zh(self) -> &'static str {
        match self {
            Better::Higher => "越高越好",
            Better::Lower => "越低越好",
            Better::Hold => "保持",
            Better::Unknown => "未注明",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Better::Higher => "higher is better",
            Better::Lower => "lower is better",
            Better::Hold => "hold",
            Better::Unknown => "not stated",
        }
    }
}

/// The same indicator stated a second time with other figures, kept beside the first.
#[derive(Debug, Clone, PartialEq)]
pub struct Other {
    /// Index into the plan's indicators.
    pub index: usize,
    pub baseline: Option<Mark>,
    pub target: Option<Mark>,
    pub source: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the plan's indicators.
    pub index: usize,
    pub domain: String,
    pub name: String,
    pub unit: String,
    /// 约束性 / 预期性, when the plan says.
    pub kind: Option<IndicatorKind>,
    pub baseline: Option<Mark>,
    pub target: Option<Mark>,
    pub better: Better,
    pub source: String,
    pub note: Option<String>,
    /// The plan's other statement of this indicator, when its figures differ.
    pub other: Option<Other>,
    /// Index into `Chart::axes`: the axis of this row's unit.
    pub axis: usize,
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

    /// "表/文 不一致" when one statement cites a table (表) and the other does not.
    pub fn mismatch(&self) -> Option<&'static str> {
        let other = self.other.as_ref()?;
        let table = |s: &str| s.contains('表');
        Some(if table(&self.source) != table(&other.source) { TABLE_TEXT_MISMATCH } else { TWO_PLACES_MISMATCH })
    }

    /// A numeric target with no numeric baseline: the chart says "无基期" instead of a bar.
    pub fn lacks_baseline(&self) -> bool {
        self.target.as_ref().is_some_and(|t| t.value.is_some()) && self.baseline.as_ref().is_none_or(|b| b.value.is_none())
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

    /// "78.84 → 79.5", "无基期 → ≤11", for a values column.
    pub fn values_text(&self) -> String {
        let base = match &self.baseline {
            Some(b) if b.text != "—" || !self.lacks_baseline() => b.text.clone(),
            _ => NO_BASELINE.to_string(),
        };
        format!("{base} → {}", self.target_text())
    }

    /// The other statement's values: "25/10 万 → 25/10 万以下".
    pub fn other_values_text(&self) -> Option<String> {
        let o = self.other.as_ref()?;
        let text = |m: &Option<Mark>| m.as_ref().map_or("—".to_string(), |m| m.text.clone());
        Some(format!("{} → {}", text(&o.baseline), text(&o.target)))
    }

    /// "2020：78.84；2025：79.5（岁）；预期性；〔第二章 …〕", for a tooltip.
    pub fn hover_text(&self) -> String {
        let mut s = format!("{}\n", self.name);
        if let Some(b) = &self.baseline {
            s.push_str(&format!("基期 {}\n", b.with_year()));
        }
        if let Some(t) = &self.target {
            s.push_str(&format!("目标 {}\n", t.with_year()));
        }
        if !self.unit.is_empty() {
            s.push_str(&format!("单位 {}\n", self.unit));
        }
        s.push_str(&format!("{} · {}\n来源 {}", self.kind_label(), self.better.label_zh(), self.source));
        if let (Some(label), Some(o)) = (self.mismatch(), &self.other) {
            s.push_str(&format!("\n{label}：另一处作 {}；来源 {}", self.other_values_text().unwrap_or_default(), o.source));
        }
        if let Some(n) = &self.note {
            s.push_str(&if n.starts_with('注') { format!("\n{n}") } else { format!("\n注 {n}") });
        }
        s
    }
}

/// One unit's axis, shared by every row in that unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub unit: String,
    pub lo: f64,
    pub hi: f64,
    /// Round values between `lo` and `hi` for grid lines and labels.
    pub ticks: Vec<f64>,
    /// Whether any row on it has a number (a unit whose figures are all words has no scale).
    pub numeric: bool,
}

impl Axis {
    /// Where `v` sits on the axis, 0 at `lo`, 1 at `hi` (clamped).
    pub fn x(&self, v: f64) -> f32 {
        let span = self.hi - self.lo;
        if span > 0.0 { ((v - self.lo) / span).clamp(0.0, 1.0) as f32 } else { 0.0 }
    }

    /// "%", "岁", or "（无单位）".
    pub fn title(&self) -> String {
        if self.unit.is_empty() { "（无单位）".to_string() } else { self.unit.clone() }
    }
}

/// The whole chart: rows in the plan's order, and the axes their units share.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    pub rows: Vec<Row>,
    pub axes: Vec<Axis>,
}

impl Chart {
    /// Domains in the order the plan first names them, with their rows.
    pub fn domains(&self) -> Vec<(&str, Vec<&Row>)> {
        let mut out: Vec<(&str, Vec<&Row>)> = Vec::new();
        for r in &self.rows {
            match out.iter_mut().find(|(d, _)| *d == r.domain) {
                Some((_, rows)) => rows.push(r),
                None => out.push((r.domain.as_str(), vec![r])),
            }
        }
        out
    }

    /// Each axis with the rows drawn on it, in the plan's order.
    pub fn by_axis(&self) -> Vec<(&Axis, Vec<&Row>)> {
        self.axes.iter().enumerate().map(|(i, a)| (a, self.rows.iter().filter(|r| r.axis == i).collect())).collect()
    }

    /// The row showing plan indicator `index` (also when it is the other statement of a pair).
    pub fn row_of(&self, index: usize) -> Option<&Row> {
        self.rows.iter().find(|r| r.index == index || r.other.as_ref().is_some_and(|o| o.index == index))
    }

    pub fn mismatches(&self) -> usize {
        self.rows.iter().filter(|r| r.other.is_some()).count()
    }
}

/// A figure's text as the plan prints it (without the unit, which the row shows once).
fn mark(f: &Figure) -> Mark {
    let text = match (&f.text, f.value) {
        (Some(t), _) => t.clone(),
        (None, Some(v)) => format!("{}{}", f.comparator.map_or("", |c| c.symbol()), format_number(v)),
        (None, None) => "—".to_string(),
    };
    Mark { year: f.year, value: f.value.filter(|v| v.is_finite()), text }
}

/// Words of a target's text that say which way it should go.
const LOWER_WORDS: [&str; 6] = ["降低", "下降", "以下", "以内", "不超过", "不高于"];
const HIGHER_WORDS: [&str; 5] = ["提高", "提升", "以上", "不低于", "增长"];

fn better(ind: &Indicator) -> Better {
    let target = ind.target.as_ref();
    match target.and_then(|t| t.comparator) {
        Some(Comparator::AtLeast | Comparator::Above) => {
            // ">90 → >90": a floor kept, not a rise asked for.
            return if same_figure(ind.baseline.as_ref(), target) { Better::Hold } else { Better::Higher };
        }
        Some(Comparator::AtMost | Comparator::Below) => return Better::Lower,
        Some(Comparator::Equal) => return Better::Hold,
        None => {}
    }
    let text = target.and_then(|t| t.text.as_deref()).unwrap_or("");
    if LOWER_WORDS.iter().any(|w| text.contains(w)) {
        return Better::Lower;
    }
    if HIGHER_WORDS.iter().any(|w| text.contains(w)) {
        return Better::Higher;
    }
    match (ind.baseline.as_ref().and_then(|b| b.value), target.and_then(|t| t.value)) {
        (Some(b), Some(t)) if t > b => Better::Higher,
        (Some(b), Some(t)) if t < b => Better::Lower,
        (Some(_), Some(_)) => Better::Hold,
        _ => Better::Unknown,
    }
}

fn same_figure(a: Option<&Figure>, b: Option<&Figure>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.value == b.value && a.comparator == b.comparator,
        _ => false,
    }
}

/// The figures two statements give differ (values, or the printed text where there is no value).
fn figures_differ(a: &Indicator, b: &Indicator) -> bool {
    let key = |f: &Option<Figure>| f.as_ref().map(|f| (f.year, f.value.map(f64::to_bits), if f.value.is_some() { None } else { f.text.clone() }));
    key(&a.baseline) != key(&b.baseline) || key(&a.target) != key(&b.target)
}

/// Names compared without the spaces PDF extraction leaves ("5 岁以下").
fn same_name(a: &str, b: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(a) == squash(b)
}

/// Whether `b` names the same indicator as `a`: the same name, or one's alias is the other's name.
fn same_indicator(a: &Indicator, b: &Indicator) -> bool {
    same_name(a.name(), b.name()) || a.aliases.iter().any(|x| same_name(x, b.name())) || b.aliases.iter().any(|x| same_name(x, a.name()))
}

/// Pairs (first, second) of statements of one indicator whose figures differ, each indicator in
/// at most one pair. The first is the one citing a table, else the earlier.
fn pairs(plan: &Plan) -> Vec<(usize, usize)> {
    let inds = &plan.indicators;
    let mut used = vec![false; inds.len()];
    let mut out = Vec::new();
    for (i, a) in inds.iter().enumerate() {
        for (j, b) in inds.iter().enumerate().skip(i + 1) {
            if used.get(i).copied().unwrap_or(true) || used.get(j).copied().unwrap_or(true) {
                continue;
            }
            if same_indicator(a, b) && figures_differ(a, b) {
                let b_is_table = b.source.contains('表') && !a.source.contains('表');
                out.push(if b_is_table { (j, i) } else { (i, j) });
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                if let Some(u) = used.get_mut(j) {
                    *u = true;
                }
            }
        }
    }
    out
}

/// Units compared without spaces: "/10 万" and "/10万" share an axis.
fn unit_key(u: &str) -> String {
    u.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A round step near `span / 5`: 1, 2 or 5 times a power of ten.
fn nice_step(span: f64) -> f64 {
    let raw = (span / 5.0).max(f64::MIN_POSITIVE);
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    p * if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    }
}

/// An axis for `values` in `unit`: 0–100 for percentages; from 0 when the values are spread
/// (a rate falling from 10.7 to 8), else close around them (a life expectancy of 78.84 → 79.5).
fn axis(unit: &str, values: &[f64]) -> Axis {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (min, max) = finite.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    if finite.is_empty() {
        return Axis { unit: unit.to_string(), lo: 0.0, hi: 1.0, ticks: Vec::new(), numeric: false };
    }
    let (lo, hi) = if unit.contains('%') && min >= 0.0 && max <= 100.0 {
        (0.0, 100.0)
    } else if min >= 0.0 && (min <= 0.5 * max || max - min < 1e-9) {
        (0.0, if max > 0.0 { max * 1.05 } else { 1.0 })
    } else {
        let span = (max - min).max(max.abs() * 1e-3).max(1e-9);
        (min - 0.1 * span, max + 0.1 * span)
    };
    let step = nice_step(hi - lo);
    let (lo, hi) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    let n = ((hi - lo) / step).round().clamp(0.0, 20.0) as usize;
    let ticks = (0..=n).map(|i| lo + step * i as f64).map(|v| (v / step).round() * step).collect();
    Axis { unit: unit.to_string(), lo, hi, ticks, numeric: true }
}

fn row(plan: &Plan, index: usize, other: Option<usize>) -> Option<Row> {
    let ind = plan.indicators.get(index)?;
    let other = other.and_then(|j| plan.indicators.get(j).map(|o| (j, o))).map(|(j, o)| Other {
        index: j,
        baseline: o.baseline.as_ref().map(mark),
        target: o.target.as_ref().map(mark),
        source: o.source.clone(),
        note: o.note.clone(),
    });
    Some(Row {
        index,
        domain: ind.domain.clone(),
        name: ind.name().to_string(),
        unit: ind.unit.clone().unwrap_or_default(),
        kind: ind.kind,
        baseline: ind.baseline.as_ref().map(mark),
        target: ind.target.as_ref().map(mark),
        better: better(ind),
        source: ind.source.clone(),
        note: ind.note.clone(),
        other,
        axis: 0,
    })
}

/// The chart of the plan's indicators.
pub fn chart(plan: &Plan) -> Chart {
    let pairs = pairs(plan);
    let second: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let mut rows: Vec<Row> = (0..plan.indicators.len()).filter(|i| !second.contains(i)).filter_map(|i| row(plan, i, pairs.iter().find(|p| p.0 == i).map(|p| p.1))).collect();
    // One axis per unit, in the order the units first appear.
    let mut keys: Vec<(String, String, Vec<f64>)> = Vec::new();
    for r in &mut rows {
        let marks = r.baseline.iter().chain(r.target.iter()).chain(r.other.iter().flat_map(|o| o.baseline.iter().chain(o.target.iter())));
        let values: Vec<f64> = marks.filter_map(|m| m.value).collect();
        let key = unit_key(&r.unit);
        r.axis = match keys.iter().position(|k| k.0 == key) {
            Some(i) => i,
            None => {
                keys.push((key, r.unit.clone(), Vec::new()));
                keys.len() - 1
            }
        };
        if let Some(k) = keys.get_mut(r.axis) {
            k.2.extend(values);
        }
    }
    let axes = keys.iter().map(|(_, unit, values)| axis(unit, values)).collect();
    Chart { rows, axes }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_share_0_to_100_and_close_values_get_a_close_axis() {
        let pct = axis("%", &[21.72, 25.0, 100.0]);
        assert_eq!((pct.lo, pct.hi), (0.0, 100.0));
        let years = axis("岁", &[78.84, 79.5]);
        assert!(years.lo > 70.0 && years.lo <= 78.84 && years.hi >= 79.5 && years.hi < 81.0, "{years:?}");
        assert!(years.x(78.84) < years.x(79.5));
        let days = axis("天", &[10.7, 8.0]);
        assert!(days.lo <= 8.0 && days.hi >= 10.7);
        assert!(days.ticks.len() >= 3 && days.ticks.windows(2).all(|w| w[0] < w[1]));
        let words = axis("亿元", &[]);
        assert!(!words.numeric);
    }
}
