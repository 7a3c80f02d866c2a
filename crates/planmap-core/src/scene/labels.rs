//! Label placement: candidates in priority order, each tried at its anchor and just above and
//! below it, kept only where it overlaps no label already placed and fits the view.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Selected,
    Structure,
    County,
    Detail,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub priority: Priority,
    /// Screen point the label is centred on.
    pub anchor: [f32; 2],
    /// Width and height in screen points.
    pub size: [f32; 2],
}

/// A placed label: the candidate's index and its rectangle (min x, min y, max x, max y).
pub type Placed = (usize, [f32; 4]);

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Place as many candidates as fit without overlap, higher priority first (ties keep their
/// order). `view` is the screen rectangle labels must stay inside.
pub fn place(candidates: &[Candidate], view: [f32; 4]) -> Vec<Placed> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates[i].priority);
    let mut placed: Vec<Placed> = Vec::new();
    for i in order {
        let c = &candidates[i];
        let [w, h] = c.size;
        let pad = 2.0;
        let step = h + 2.0 * pad + 1.0;
        for dy in [0.0, -step, step] {
            let x0 = c.anchor[0] - w / 2.0;
            let y0 = c.anchor[1] - h / 2.0 + dy;
            let rect = [x0 - pad, y0 - pad, x0 + w + pad, y0 + h + pad];
            let inside = rect[0] >= view[0] && rect[1] >= view[1] && rect[2] <= view[2] && rect[3] <= view[3];
            if inside && !placed.iter().any(|(_, r)| overlaps(r, &rect)) {
                placed.push((i, [x0, y0, x0 + w, y0 + h]));
                break;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_priority_wins_and_nothing_overlaps() {
        let c = |priority, x| Candidate { priority, anchor: [x, 50.0], size: [40.0, 12.0] };
        let cands = vec![c(Priority::County, 100.0), c(Priority::Structure, 110.0), c(Priority::Detail, 300.0)];
        let placed = place(&cands, [0.0, 0.0, 400.0, 100.0]);
        assert_eq!(placed[0].0, 1, "the structure label goes first");
        for (i, (_, a)) in placed.iter().enumerate() {
            for (_, b) in &placed[i + 1..] {
                assert!(!overlaps(a, b));
            }
        }
        assert_eq!(placed.len(), 3, "the county label moves above or below instead of vanishing");
    }
}
