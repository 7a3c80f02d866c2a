//! The plan as a sequence of presentation steps: the structures in the plan's order, with runs
//! of county products or points taken together (the plan names them as one: 十二品, 多点).

use super::{Plan, StructureKind};

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub title: String,
    /// Indices into `Plan::structures`.
    pub structures: Vec<usize>,
}

/// The name a run of products or points shares before "：" (十二品：岐山县 → 十二品), else
/// their kind.
fn group_title(plan: &Plan, run: &[usize]) -> String {
    let prefix = |i: usize| plan.structures[i].name.split(['：', ':']).next().unwrap_or_default().to_string();
    let first = prefix(run[0]);
    if run.iter().all(|&i| prefix(i) == first) && plan.structures[run[0]].name.contains(['：', ':']) { first } else { plan.structures[run[0]].kind.label_zh().to_string() }
}

pub fn steps(plan: &Plan) -> Vec<Step> {
    let grouped = |k: StructureKind| matches!(k, StructureKind::Product | StructureKind::Point);
    let mut out: Vec<Step> = Vec::new();
    let mut i = 0;
    while i < plan.structures.len() {
        let kind = plan.structures[i].kind;
        let mut j = i + 1;
        if grouped(kind) {
            while j < plan.structures.len() && plan.structures[j].kind == kind {
                j += 1;
            }
        }
        let run: Vec<usize> = (i..j).collect();
        let title = if run.len() == 1 { plan.structures[i].name.clone() } else { group_title(plan, &run) };
        out.push(Step { title, structures: run });
        i = j;
    }
    out
}
