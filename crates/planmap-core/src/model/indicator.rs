//! The plan's indicator table (主要指标): one row per indicator, its baseline and target as the
//! plan prints them, with the section that states it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_spanned::Spanned;

/// One indicator of the plan's table, e.g. Renhe's 表1 or Baoji's 第二章.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The plan's grouping (领域), e.g. "健康水平".
    pub domain: String,
    pub name: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 约束性 / 预期性; absent when the plan does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<IndicatorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Figure>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Other names the plan uses for the same indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Indicator {
    pub fn name(&self) -> &str {
        self.name.get_ref()
    }
}

/// 约束性 (binding) or 预期性 (expected), as the plan classes the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum IndicatorKind {
    #[serde(rename = "约束性")]
    Binding,
    #[serde(rename = "预期性")]
    Expected,
}

impl IndicatorKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Binding => "约束性",
            Self::Expected => "预期性",
        }
    }
}

/// How a target bounds the value: "≤ 4.8", "≥ 78", "= 100", "< 7", "> 78".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Comparator {
    #[serde(rename = "≤", alias = "<=")]
    AtMost,
    #[serde(rename = "≥", alias = ">=")]
    AtLeast,
    #[serde(rename = "=")]
    Equal,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = ">")]
    Above,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtMost => "≤",
            Self::AtLeast => "≥",
            Self::Equal => "=",
            Self::Below => "<",
            Self::Above => ">",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// A baseline or target: the year, the number when the plan gives one, and the text as printed
/// (a text-only target such as "省定目标" has no number). Validation asks for a value or a text.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator: Option<Comparator>,
    /// As the plan prints it, e.g. ">78", "7‰以下", "省定目标".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Figure {
    /// The figure as the plan prints it: its text, else comparator and value; with the year.
    pub fn display(&self, unit: Option<&str>) -> String {
        let body = match (&self.text, self.value) {
            (Some(t), _) => t.clone(),
            (None, Some(v)) => {
                let c = self.comparator.map(|c| c.symbol()).unwrap_or("");
                format!("{c}{}{}", format_number(v), unit.unwrap_or(""))
            }
            (None, None) => String::new(),
        };
        match self.year {
            Some(y) => format!("{y}年 {body}"),
            None => body,
        }
    }
}

/// A number without trailing zeros: 78 not 78.0, 77.2 not 77.20000.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}
