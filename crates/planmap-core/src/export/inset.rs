//! The 南海诸岛 inset painted into a figure: the islands' map (`scene::inset`, described by
//! `picture::describe`) cut to its box — PNG and SVG have no clip region, so areas are cut
//! as polygons and outlines as lines — on paper, framed and titled.

use super::picture::{Item, Picture};
use crate::scene::inset::clip_ring;
use crate::scene::picture::{Inset, MapPicture, colors};
use crate::scene::view::ScreenRect;

/// The parts of a polyline inside `clip` (Liang–Barsky per segment, runs joined).
fn clip_line(points: &[[f32; 2]], closed: bool, clip: ScreenRect) -> Vec<Vec<[f32; 2]>> {
    let mut runs: Vec<Vec<[f32; 2]>> = Vec::new();
    let mut current: Vec<[f32; 2]> = Vec::new();
    let n = points.len();
    let segments = if closed { n } else { n.saturating_sub(1) };
    for i in 0..segments {
        let (Some(&a), Some(&b)) = (points.get(i), points.get((i + 1) % n.max(1))) else { continue };
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        let mut visible = true;
        for (p, q) in [(-dx, a[0] - clip[0]), (dx, clip[2] - a[0]), (-dy, a[1] - clip[1]), (dy, clip[3] - a[1])] {
            if p == 0.0 {
                if q < 0.0 {
                    visible = false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if !visible || t0 > t1 {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        let at = |t: f32| [a[0] + dx * t, a[1] + dy * t];
        if current.is_empty() || t0 > 0.0 {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current = vec![at(t0)];
        }
        current.push(at(t1));
        if t1 < 1.0 {
            runs.push(std::mem::take(&mut current));
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// Paint `inset` over the figure, `paint_map` drawing its map as the main map is drawn.
pub fn paint(inset: &Inset, pic: &mut Picture, paint_map: fn(&MapPicture, &mut Picture)) {
    let mut inner = Picture::new(pic.width, pic.height);
    paint_map(&inset.map, &mut inner);
    let clip = inset.map.rect;
    let k = inset.title.size / 12.0;
    pic.rect(inset.frame, colors::PAPER);
    for item in inner.items {
        match item {
            Item::Fill { rings, color } => {
                let rings: Vec<Vec<[f32; 2]>> = rings.iter().map(|r| clip_ring(r, clip)).filter(|r| r.len() > 2).collect();
                if !rings.is_empty() {
                    pic.items.push(Item::Fill { rings, color });
                }
            }
            Item::Stroke { points, closed, width, color } => {
                for run in clip_line(&points, closed, clip) {
                    pic.items.push(Item::Stroke { points: run, closed: false, width, color });
                }
            }
            Item::Text { at, .. } if at[0] < clip[0] || at[0] > clip[2] || at[1] < clip[1] || at[1] > clip[3] => {}
            text @ Item::Text { .. } => pic.items.push(text),
        }
    }
    pic.rect_outline(inset.frame, 1.0 * k, colors::BORDER);
    let t = &inset.title;
    pic.text_halo([t.rect[0], t.rect[1] + t.size * 0.95], t.text.clone(), t.size, colors::TEXT);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_cut_to_the_box() {
        let runs = clip_line(&[[-5.0, 5.0], [15.0, 5.0]], false, [0.0, 0.0, 10.0, 10.0]);
        assert_eq!(runs, vec![vec![[0.0, 5.0], [10.0, 5.0]]]);
        assert!(clip_line(&[[20.0, 20.0], [30.0, 30.0]], false, [0.0, 0.0, 10.0, 10.0]).is_empty());
        let ring = clip_line(&[[2.0, 2.0], [8.0, 2.0], [8.0, 8.0], [2.0, 8.0]], true, [0.0, 0.0, 10.0, 10.0]);
        assert_eq!(ring.len(), 1, "a ring inside stays one line");
        assert_eq!(ring[0].len(), 5, "closed by its last segment");
    }
}
