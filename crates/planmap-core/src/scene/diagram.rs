//! Structure diagrams: the relations a map cannot show — a centre and its points as hub and
//! spokes, tiers as a ladder (or an ordered chain of roles), circles as concentric rings —
//! laid out from the layout file alone (nothing is hand-placed). The window paints a
//! `Diagram` with egui, export with the `Picture` painters. No egui here.
//!
//! Coordinates are pixels, y down, for a given width; the height follows from the content.
//! Every box is placed in a row or column that no other box shares, so boxes never overlap,
//! and every text is wrapped to fit its box (in the window, past a few lines, shortened with
//! "…"; an export's boxes grow to hold the whole text).

use crate::model::{Member, Plan, Structure, StructureKind, Target};
use crate::scene::fills::rgba;
use crate::scene::font::text_width;
use crate::scene::linebreak;

pub type Rgba = [u8; 4];

pub const TITLE_SIZE: f32 = 15.0;
pub const NAME_SIZE: f32 = 13.0;
pub const ROLE_SIZE: f32 = 11.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.3;
const PAD: f32 = 6.0;
const GAP: f32 = 10.0;
/// Vertical room for the lines between a hub and its spokes, or between two rungs.
const LINK: f32 = 26.0;
pub const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
pub const MUTED: Rgba = [0x55, 0x55, 0x55, 0xff];

/// A line of text; `at` is its top-left corner, its height `size * LEADING`.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub at: [f32; 2],
    pub text: String,
    pub size: f32,
    pub strong: bool,
    pub color: Rgba,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStyle {
    /// A structure: filled with its colour.
    Structure,
    /// A member: white, outlined in its structure's colour.
    Member,
}

/// A box that stands for a structure or one of its members; clicking it selects `target`.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// min x, min y, max x, max y.
    pub rect: [f32; 4],
    pub texts: Vec<Text>,
    pub color: Rgba,
    pub style: NodeStyle,
    pub target: Target,
    /// The structure the box belongs to (its own, for a structure box).
    pub structure: usize,
    /// Everything the box says, uncut (for a tooltip).
    pub full_text: String,
}

impl Node {
    /// The box's name (its first line of text).
    pub fn name(&self) -> &str {
        self.texts.first().map_or("", |t| t.text.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    None,
    /// An arrowhead at `to`: an order (a chain of roles).
    End,
    /// Heads at both ends: a linkage both ways (三级联动).
    Both,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: [f32; 2],
    pub to: [f32; 2],
    pub color: Rgba,
    pub arrow: Arrow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ring {
    pub centre: [f32; 2],
    pub radius: f32,
    pub color: Rgba,
    pub structure: usize,
}

/// A tinted background grouping one rung's members.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub rect: [f32; 4],
    pub color: Rgba,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    HubAndSpokes,
    Ladder,
    Chain,
    Rings,
    Members,
}

/// One diagram of the layout, e.g. the hub and spokes of 一个中心、两点突破.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub kind: GroupKind,
    pub title: String,
    /// The structures it shows, in the order it shows them (rings: inside out; rungs: top down).
    pub structures: Vec<usize>,
    /// min x, min y, max x, max y of the whole group, title included.
    pub rect: [f32; 4],
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    pub groups: Vec<Group>,
    /// Drawn first.
    pub bands: Vec<Band>,
    pub rings: Vec<Ring>,
    pub edges: Vec<Edge>,
    pub nodes: Vec<Node>,
    /// Free text: group titles, ring names, dots' keys.
    pub texts: Vec<Text>,
    /// Small filled dots (a member's place on its ring): centre, radius, colour.
    pub dots: Vec<([f32; 2], f32, Rgba)>,
}

impl Diagram {
    /// The topmost box under a point.
    pub fn node_at(&self, p: [f32; 2]) -> Option<&Node> {
        self.nodes.iter().rev().find(|n| p[0] >= n.rect[0] && p[0] <= n.rect[2] && p[1] >= n.rect[1] && p[1] <= n.rect[3])
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Break `text` into lines no wider than `width` at `size` (`linebreak`'s rules), at most
/// `max_lines` of them (0: all); a text that does not fit ends in "…".
pub fn wrap(text: &str, size: f32, width: f32, max_lines: usize) -> Vec<String> {
    // A control character from a file is written out, never drawn.
    let text = crate::model::escape_controls(text, false);
    let mut lines = linebreak::lines(&text, size, width);
    if max_lines > 0 && lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), size) > width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The lines of a box: a name, then smaller lines (title, role, members …).
struct Content {
    name: String,
    rows: Vec<String>,
}

fn line_h(size: f32) -> f32 {
    size * LEADING
}

/// Lay out a box's text at `width`: its height and its lines relative to the box's top-left.
/// `max_role_lines` 0: every line (an export's box grows to hold its whole text).
fn measure(c: &Content, width: f32, max_role_lines: usize) -> (f32, Vec<Text>) {
    let inner = (width - 2.0 * PAD).max(NAME_SIZE);
    let mut texts = Vec::new();
    let mut y = PAD;
    let whole = max_role_lines == 0;
    for l in wrap(&c.name, NAME_SIZE, inner, if whole { 0 } else { 2 }) {
        texts.push(Text { at: [PAD, y], text: l, size: NAME_SIZE, strong: true, color: INK });
        y += line_h(NAME_SIZE);
    }
    let mut budget = if whole { usize::MAX } else { max_role_lines };
    for row in c.rows.iter().filter(|r| !r.is_empty()) {
        if budget == 0 {
            break;
        }
        let lines = wrap(row, ROLE_SIZE, inner, if whole { 0 } else { budget });
        budget = budget.saturating_sub(lines.len());
        for l in lines {
            texts.push(Text { at: [PAD, y], text: l, size: ROLE_SIZE, strong: false, color: MUTED });
            y += line_h(ROLE_SIZE);
        }
    }
    (y + PAD, texts)
}

fn place(texts: Vec<Text>, x: f32, y: f32) -> Vec<Text> {
    texts.into_iter().map(|t| Text { at: [t.at[0] + x, t.at[1] + y], ..t }).collect()
}

fn centre_of(r: [f32; 4]) -> [f32; 2] {
    [(r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0]
}

/// Where the segment from the box's centre towards `toward` leaves the box.
fn border_point(r: [f32; 4], toward: [f32; 2]) -> [f32; 2] {
    let c = centre_of(r);
    let (dx, dy) = (toward[0] - c[0], toward[1] - c[1]);
    let (hw, hh) = ((r[2] - r[0]) / 2.0, (r[3] - r[1]) / 2.0);
    let t = [if dx.abs() > 1e-3 { hw / dx.abs() } else { f32::MAX }, if dy.abs() > 1e-3 { hh / dy.abs() } else { f32::MAX }].into_iter().fold(f32::MAX, f32::min).min(1.0);
    [c[0] + dx * t, c[1] + dy * t]
}

fn tint(c: Rgba, alpha: u8) -> Rgba {
    [c[0], c[1], c[2], alpha]
}

/// What a member box selects: its county when it has one, else the member itself.
fn member_target(structure: usize, index: usize, m: &Member) -> Target {
    match m.adcode() {
        Some(a) => Target::District(a.to_string()),
        None => Target::Member { structure, index },
    }
}

/// A member's smaller lines: the plan's role for it, else where it is (as the plan words it),
/// else the qualifier of a partial member.
fn member_rows(m: &Member) -> Vec<String> {
    let mut rows = Vec::new();
    if let Some(r) = &m.role {
        rows.push(r.clone());
    }
    if let Some(l) = m.location.as_ref().filter(|l| l.as_str() != m.name()) {
        rows.push(format!("位置：{l}"));
    }
    if let Some(p) = &m.partial {
        rows.push(format!("部分：{p}"));
    }
    rows
}

fn structure_content(s: &Structure, with_members: bool) -> Content {
    let mut rows = Vec::new();
    if let Some(t) = s.title.as_ref().filter(|t| **t != s.name) {
        rows.push(t.clone());
    }
    if with_members && !s.members.is_empty() {
        rows.push(s.members.iter().map(Member::name).collect::<Vec<_>>().join("、"));
    }
    if let Some(p) = &s.positioning {
        rows.push(p.clone());
    }
    Content { name: s.name.clone(), rows }
}

/// The tier structures' parent, when the layout names one (a structure the tiers belong to).
fn parent_of(s: &Structure) -> Option<&str> {
    s.parent.as_ref().map(|p| p.get_ref().as_str())
}

/// One rung of a ladder or chain: a tier (with its institutions) or, for a tier whose members
/// are the levels themselves (区、镇、村), one member.
struct Rung {
    content: Content,
    target: Target,
    structure: usize,
    members: Vec<(Content, Target)>,
}

fn tier_rung(plan: &Plan, t: usize, group_title: &str) -> Rung {
    let s = &plan.structures[t];
    let mut content = structure_content(s, false);
    if content.rows.first().is_some_and(|r| r == group_title) {
        content.rows.remove(0);
    }
    let members = s.members.iter().enumerate().map(|(j, m)| (Content { name: m.name().to_string(), rows: member_rows(m) }, member_target(t, j, m))).collect();
    Rung { content, target: Target::Structure(t), structure: t, members }
}

/// Where a box goes: its top-left, its width, and a height when the row sets one (else the
/// content's).
struct Slot {
    x: f32,
    y: f32,
    width: f32,
    height: Option<f32>,
}

/// Draws one group into the builder.
type Draw = Box<dyn Fn(&mut Builder)>;

struct Builder<'a> {
    plan: &'a Plan,
    /// A presentation step's structures: other rings keep their circle but not their boxes.
    only: Option<Vec<usize>>,
    /// Whether long texts are cut with "…" (the window, which shows them whole in a tooltip)
    /// or boxes grow to hold them (exports).
    cut: bool,
    width: f32,
    y: f32,
    d: Diagram,
}

impl Builder<'_> {
    fn color(&self, s: usize) -> Rgba {
        rgba(self.plan.structure_color(s))
    }

    /// At most `n` lines where texts are cut, else all (0).
    fn lines(&self, n: usize) -> usize {
        if self.cut { n } else { 0 }
    }

    fn title(&mut self, text: &str) {
        for l in wrap(text, TITLE_SIZE, self.width, self.lines(2)) {
            self.d.texts.push(Text { at: [0.0, self.y], text: l, size: TITLE_SIZE, strong: true, color: INK });
            self.y += line_h(TITLE_SIZE);
        }
        self.y += 4.0;
    }

    /// Add a box at (x, y) of `width`; returns its rectangle.
    fn node(&mut self, slot: Slot, content: &Content, style: NodeStyle, target: Target, structure: usize, max_rows: usize) -> [f32; 4] {
        let Slot { x, y, width, height } = slot;
        let (h, texts) = measure(content, width, self.lines(max_rows));
        let rect = [x, y, x + width, y + height.unwrap_or(h).max(h)];
        let full_text = std::iter::once(content.name.as_str()).chain(content.rows.iter().map(String::as_str)).collect::<Vec<_>>().join("\n");
        self.d.nodes.push(Node { rect, texts: place(texts, x, y), color: self.color(structure), style, target, structure, full_text });
        rect
    }

    fn begin(&mut self) -> f32 {
        self.y
    }

    fn end(&mut self, kind: GroupKind, title: String, structures: Vec<usize>, top: f32) {
        self.d.groups.push(Group { kind, title, structures, rect: [0.0, top, self.width, self.y] });
        self.y += GAP * 3.0;
    }

    /// Lay boxes of the given heights out in rows of at most `cols`, centred; returns their
    /// rectangles. Every box of a row gets the row's height.
    fn grid(&mut self, x0: f32, x1: f32, count: usize, min_width: f32, max_width: f32, mut height_of: impl FnMut(f32, usize) -> f32) -> (Vec<[f32; 4]>, f32) {
        let avail = (x1 - x0).max(min_width);
        let cols = (((avail + GAP) / (min_width + GAP)).floor() as usize).clamp(1, count.max(1));
        let w = ((avail - GAP * (cols as f32 - 1.0)) / cols as f32).min(max_width);
        let mut rects = Vec::with_capacity(count);
        let mut y = self.y;
        for row_start in (0..count).step_by(cols) {
            let n = cols.min(count - row_start);
            let row_w = w * n as f32 + GAP * (n as f32 - 1.0);
            let left = x0 + (avail - row_w) / 2.0;
            let h = (row_start..row_start + n).map(|i| height_of(w, i)).fold(0.0, f32::max);
            for k in 0..n {
                let x = left + k as f32 * (w + GAP);
                rects.push([x, y, x + w, y + h]);
            }
            y += h + GAP;
        }
        (rects, (y - GAP - self.y).max(0.0))
    }

    /// 一个中心、两点突破 / 中心引领、多点协同: the centre in the middle, spokes to each point.
    fn hub_and_spokes(&mut self, hubs: &[usize], points: &[usize]) {
        let plan = self.plan;
        let top = self.begin();
        let mut title: Vec<String> = hubs.iter().map(|&i| plan.structures[i].name.clone()).collect();
        for &p in points {
            let prefix = plan.structures[p].name.split(['：', ':']).next().unwrap_or_default().to_string();
            if !title.contains(&prefix) {
                title.push(prefix);
            }
        }
        let title = title.join(" · ");
        self.title(&title);
        // A point structure with several institutions (两点: two hospitals) spokes to each of
        // them; a point that is one county is its own spoke.
        let mut spokes: Vec<(Content, Target, usize)> = Vec::new();
        for &p in points {
            let s = &plan.structures[p];
            if s.members.len() > 1 && s.members.iter().all(|m| !m.has_polygon()) {
                for (j, m) in s.members.iter().enumerate() {
                    spokes.push((Content { name: m.name().to_string(), rows: member_rows(m) }, member_target(p, j, m), p));
                }
            } else {
                spokes.push((
                    structure_content(s, s.members.len() > 1 || s.members.iter().any(|m| m.name() != s.name.rsplit(['：', ':']).next().unwrap_or(&s.name))),
                    Target::Structure(p),
                    p,
                ));
            }
        }
        let (above, below) = if spokes.len() <= 3 { (0, spokes.len()) } else { (spokes.len() / 2, spokes.len() - spokes.len() / 2) };
        let width = self.width;
        let (three, four) = (self.lines(3), self.lines(4));
        let measure_spoke = |w: f32, i: usize, spokes: &[(Content, Target, usize)]| spokes.get(i).map_or(0.0, |s| measure(&s.0, w, three).0);
        let place_spokes = |b: &mut Self, range: std::ops::Range<usize>| -> Vec<[f32; 4]> {
            let offset = range.start;
            let (rects, h) = b.grid(0.0, width, range.len(), 150.0, 260.0, |w, i| measure_spoke(w, offset + i, &spokes));
            for (k, r) in rects.iter().enumerate() {
                if let Some((c, t, s)) = spokes.get(offset + k) {
                    b.node(Slot { x: r[0], y: r[1], width: r[2] - r[0], height: Some(r[3] - r[1]) }, c, NodeStyle::Member, t.clone(), *s, 3);
                }
            }
            b.y += h;
            rects
        };
        let mut spoke_rects = place_spokes(self, 0..above);
        if above > 0 {
            self.y += LINK;
        }
        // The hubs, side by side.
        let hub_w = (self.width * 0.6).clamp(160.0, 360.0).min(self.width);
        let (hub_rects, h) = {
            let contents: Vec<Content> = hubs.iter().map(|&i| structure_content(&plan.structures[i], true)).collect();
            let r = self.grid(0.0, width, hubs.len(), hub_w.min(220.0), hub_w, |w, i| contents.get(i).map_or(0.0, |c| measure(c, w, four).0));
            for (k, rect) in r.0.iter().enumerate() {
                if let (Some(c), Some(&s)) = (contents.get(k), hubs.get(k)) {
                    self.node(Slot { x: rect[0], y: rect[1], width: rect[2] - rect[0], height: Some(rect[3] - rect[1]) }, c, NodeStyle::Structure, Target::Structure(s), s, 4);
                }
            }
            r
        };
        self.y += h;
        if below > 0 {
            self.y += LINK;
        }
        spoke_rects.extend(place_spokes(self, above..spokes.len()));
        for (k, r) in spoke_rects.iter().enumerate() {
            let hub = hub_rects.get(k % hub_rects.len().max(1)).copied();
            if let (Some(hub), Some((_, _, s))) = (hub, spokes.get(k)) {
                let (a, b) = (border_point(hub, centre_of(*r)), border_point(*r, centre_of(hub)));
                self.d.edges.push(Edge { from: a, to: b, color: self.color(*s), arrow: Arrow::End });
            }
        }
        let mut structures = hubs.to_vec();
        structures.extend_from_slice(points);
        self.end(GroupKind::HubAndSpokes, title, structures, top);
    }

    /// Tiers top down: each rung a level (or a role) with the plan's words for it, its
    /// institutions beside it; rungs linked both ways (a ladder of levels) or in order (a chain).
    fn rungs(&mut self, title: String, head: Option<usize>, rungs: Vec<Rung>, kind: GroupKind) {
        let plan = self.plan;
        let top = self.begin();
        self.title(&title);
        if let Some(p) = head.and_then(|p| plan.structures.get(p)).and_then(|s| s.positioning.as_ref()) {
            for l in wrap(p, ROLE_SIZE, self.width, self.lines(3)) {
                self.d.texts.push(Text { at: [0.0, self.y], text: l, size: ROLE_SIZE, strong: false, color: MUTED });
                self.y += line_h(ROLE_SIZE);
            }
            self.y += 4.0;
        }
        let any_members = rungs.iter().any(|r| !r.members.is_empty());
        let level_w = if any_members { (self.width * 0.34).clamp(110.0, 220.0).min(self.width) } else { self.width.min(420.0) };
        let level_x = if any_members { 0.0 } else { (self.width - level_w) / 2.0 };
        let stacked = any_members && self.width - level_w - GAP < 140.0;
        let mut previous: Option<[f32; 4]> = None;
        let mut structures: Vec<usize> = head.into_iter().collect();
        for (n, rung) in rungs.into_iter().enumerate() {
            let Rung { mut content, target, structure: t, members } = rung;
            if !structures.contains(&t) {
                structures.push(t);
            }
            if kind == GroupKind::Chain {
                content.name = format!("{} {}", n + 1, content.name);
            }
            let y0 = self.y;
            let (level_h, _) = measure(&content, if stacked { self.width } else { level_w }, self.lines(4));
            let (x0, member_top) = if stacked { (0.0, y0 + level_h + GAP / 2.0) } else { (level_w + GAP * 1.5, y0) };
            self.y = member_top + if members.is_empty() { 0.0 } else { PAD };
            let width = self.width;
            let three = self.lines(3);
            let (rects, h) = self.grid(x0 + PAD, width - PAD, members.len(), 130.0, 240.0, |w, i| members.get(i).map_or(0.0, |m| measure(&m.0, w, three).0));
            let members_h = if members.is_empty() { 0.0 } else { h + 2.0 * PAD };
            let rung_h = if stacked { level_h + GAP / 2.0 + members_h } else { level_h.max(members_h) };
            if !members.is_empty() {
                let band = [x0, member_top, self.width, member_top + members_h.max(if stacked { 0.0 } else { rung_h })];
                self.d.bands.push(Band { rect: band, color: tint(self.color(t), 0x30) });
            }
            for (r, (c, target)) in rects.iter().zip(&members) {
                self.node(Slot { x: r[0], y: r[1], width: r[2] - r[0], height: Some(r[3] - r[1]) }, c, NodeStyle::Member, target.clone(), t, 3);
            }
            let lw = if stacked { self.width } else { level_w };
            let lh = if stacked { level_h } else { rung_h };
            let style = if matches!(target, Target::Structure(_)) { NodeStyle::Structure } else { NodeStyle::Member };
            let level = self.node(Slot { x: if stacked { 0.0 } else { level_x }, y: y0, width: lw, height: Some(lh) }, &content, style, target, t, 4);
            if let Some(prev) = previous {
                let x = (level[0] + level[2]) / 2.0;
                let arrow = if kind == GroupKind::Ladder { Arrow::Both } else { Arrow::End };
                self.d.edges.push(Edge { from: [x, prev[3]], to: [x, level[1]], color: INK, arrow });
            }
            previous = Some(level);
            self.y = y0 + rung_h + LINK;
        }
        self.y -= LINK;
        self.end(kind, title, structures, top);
    }

    /// 内圈/中圈/外圈: concentric rings, inside out in the plan's order; each ring's members in
    /// a column beside the rings, a line from a dot in the member's ring to its box.
    fn rings(&mut self, circles: &[usize]) {
        let plan = self.plan;
        let top = self.begin();
        let title = circles.iter().map(|&i| plan.structures[i].name.clone()).collect::<Vec<_>>().join(" · ");
        self.title(&title);
        let n = circles.len().max(1) as f32;
        // Rings beside the member column when the column keeps room for its text.
        let outer_side = (self.width * 0.36).min(220.0);
        let side = self.width - 2.0 * outer_side - GAP * 3.0 >= 220.0;
        let outer = if side { outer_side } else { (self.width / 2.0).min(200.0) };
        let band = outer / n;
        // The member boxes first: in a column beside the rings, or under them when the pane
        // is narrow; each remembers its ring (k) for its dot.
        let (x0, mut y) = if side { (outer * 2.0 + GAP * 3.0, self.y) } else { (0.0, self.y + 2.0 * outer + GAP * 2.0) };
        let box_w = self.width - x0;
        let mut boxes: Vec<(usize, usize, [f32; 4])> = Vec::new();
        for (k, &s) in circles.iter().enumerate() {
            if self.only.as_ref().is_some_and(|o| !o.contains(&s)) {
                continue;
            }
            let st = &plan.structures[s];
            let heading = Content { name: st.name.clone(), rows: st.title.iter().cloned().collect() };
            let r = self.node(Slot { x: x0, y, width: box_w, height: None }, &heading, NodeStyle::Structure, Target::Structure(s), s, 2);
            y = r[3] + 4.0;
            for (j, m) in st.members.iter().enumerate() {
                let content = Content { name: m.name().to_string(), rows: member_rows(m) };
                let indent = 14.0;
                let r = self.node(Slot { x: x0 + indent, y, width: box_w - indent, height: None }, &content, NodeStyle::Member, member_target(s, j, m), s, 2);
                y = r[3] + 4.0;
                boxes.push((k, s, r));
            }
            y += GAP;
        }
        let column_bottom = y - GAP - 4.0;
        // Beside a long column the rings sit at its middle, so the leader lines fan both ways.
        let centre = if side { [outer, self.y + outer.max((column_bottom - self.y) / 2.0)] } else { [self.width / 2.0, self.y + outer] };
        for (k, &s) in circles.iter().enumerate().rev() {
            self.d.rings.push(Ring { centre, radius: band * (k as f32 + 1.0), color: self.color(s), structure: s });
        }
        // Ring names: the innermost at the centre, the others at the top of their band.
        for (k, &s) in circles.iter().enumerate() {
            let name = &plan.structures[s].name;
            let w = text_width(name, NAME_SIZE);
            let y = if k == 0 { centre[1] - line_h(NAME_SIZE) / 2.0 } else { centre[1] - band * (k as f32 + 0.5) - line_h(NAME_SIZE) / 2.0 };
            self.d.texts.push(Text { at: [centre[0] - w / 2.0, y], text: name.clone(), size: NAME_SIZE, strong: true, color: INK });
        }
        // Each member's dot: in its band, towards its box (the leader lines do not cross the
        // rings' centre); under a narrow pane, spread over the lower half of the band.
        let per_ring: Vec<usize> = (0..circles.len()).map(|k| boxes.iter().filter(|b| b.0 == k).count()).collect();
        let mut seen = vec![0usize; circles.len()];
        for &(k, s, r) in &boxes {
            let radius = if k == 0 { band * 0.62 } else { band * (k as f32 + 0.5) };
            let j = seen.get(k).copied().unwrap_or(0);
            if let Some(c) = seen.get_mut(k) {
                *c += 1;
            }
            let angle = if side {
                let to = [r[0], (r[1] + r[3]) / 2.0];
                libm::atan2f(to[1] - centre[1], to[0] - centre[0])
            } else {
                let count = per_ring.get(k).copied().unwrap_or(1);
                let spread = std::f32::consts::PI * 0.4;
                std::f32::consts::FRAC_PI_2 + if count > 1 { -spread + 2.0 * spread * j as f32 / (count as f32 - 1.0) } else { 0.0 }
            };
            // libm: the same dots on every platform (their sin/cos differ in the last bit).
            let dot = [centre[0] + radius * libm::cosf(angle), centre[1] + radius * libm::sinf(angle)];
            self.d.dots.push((dot, 3.5, self.color(s)));
            if side {
                self.d.edges.push(Edge { from: dot, to: [r[0], (r[1] + r[3]) / 2.0], color: tint(self.color(s), 0xa0), arrow: Arrow::None });
            }
        }
        self.y = column_bottom.max(centre[1] + outer);
        self.end(GroupKind::Rings, title, circles.to_vec(), top);
    }

    /// A structure whose members are institutions or places without a boundary: the structure
    /// over its members.
    fn members(&mut self, s: usize) {
        let plan = self.plan;
        let st = &plan.structures[s];
        let top = self.begin();
        self.title(&st.name);
        let content = structure_content(st, false);
        let w = self.width.min(420.0);
        let head = self.node(Slot { x: (self.width - w) / 2.0, y: self.y, width: w, height: None }, &content, NodeStyle::Structure, Target::Structure(s), s, 3);
        self.y = head[3] + LINK;
        let members: Vec<(Content, Target)> =
            st.members.iter().enumerate().map(|(j, m)| (Content { name: m.name().to_string(), rows: member_rows(m) }, member_target(s, j, m))).collect();
        let width = self.width;
        let three = self.lines(3);
        let (rects, h) = self.grid(0.0, width, members.len(), 140.0, 240.0, |w, i| members.get(i).map_or(0.0, |m| measure(&m.0, w, three).0));
        for (r, (c, t)) in rects.iter().zip(&members) {
            self.node(Slot { x: r[0], y: r[1], width: r[2] - r[0], height: Some(r[3] - r[1]) }, c, NodeStyle::Member, t.clone(), s, 3);
            self.d.edges.push(Edge { from: border_point(head, centre_of(*r)), to: border_point(*r, centre_of(head)), color: self.color(s), arrow: Arrow::None });
        }
        self.y += h;
        self.end(GroupKind::Members, st.name.clone(), vec![s], top);
    }
}

/// Whether the structures named by `parent` keys form a chain of roles rather than a ladder of
/// levels: a ladder's parent speaks of a linkage (联动) of levels (级/层).
fn is_ladder(plan: &Plan, parent: Option<usize>, tiers: &[usize]) -> bool {
    let words = |t: &str| t.contains("联动") || t.contains('级') || t.contains("层次");
    match parent.and_then(|p| plan.structures.get(p)) {
        Some(p) => words(&p.name) || p.title.as_deref().is_some_and(words),
        None => tiers.iter().all(|&t| words(&plan.structures[t].name) || plan.structures[t].title.as_deref().is_some_and(words)),
    }
}

/// The diagrams of a layout's relational structures. `only`: just the groups that show one of
/// these structures (a presentation step). Long texts are cut with "…" (the window).
pub fn layout(plan: &Plan, width: f32, only: Option<&[usize]>) -> Diagram {
    build(plan, width, only, true)
}

/// The diagrams as an export draws them: every text whole, boxes as tall as it needs.
pub fn layout_whole(plan: &Plan, width: f32) -> Diagram {
    build(plan, width, None, false)
}

fn build(plan: &Plan, width: f32, only: Option<&[usize]>, cut: bool) -> Diagram {
    let width = width.max(200.0);
    let mut b = Builder { plan, only: only.map(<[usize]>::to_vec), cut, width, y: 0.0, d: Diagram { width, ..Diagram::default() } };
    let wanted = |group: &[usize]| only.is_none_or(|o| group.iter().any(|s| o.contains(s)));
    let kinds = |k: StructureKind| (0..plan.structures.len()).filter(move |&i| plan.structures[i].kind == k).collect::<Vec<_>>();
    let id_index = |id: &str| plan.structures.iter().position(|s| s.id.get_ref() == id);

    // In the plan's order: whichever relation comes first is drawn first.
    let mut groups: Vec<(usize, Draw)> = Vec::new();
    let (hubs, points) = (kinds(StructureKind::Centre), kinds(StructureKind::Point));
    if !points.is_empty() || hubs.iter().any(|&h| plan.structures[h].members.iter().any(|m| !m.has_polygon())) {
        let all: Vec<usize> = hubs.iter().chain(&points).copied().collect();
        if wanted(&all) {
            let first = all.iter().copied().min().unwrap_or(0);
            groups.push((first, Box::new(move |b: &mut Builder| b.hub_and_spokes(&hubs, &points))));
        }
    }
    // Tiers. A structure that others name as `parent` heads a group of its children (三级联动 →
    // 县级、乡级、村级层次); a tier whose members are the levels themselves (区、镇、村) is a
    // ladder of its members; other tiers without a parent group by consecutive runs.
    let tiers = kinds(StructureKind::Tier);
    let parent_index = |i: usize| parent_of(&plan.structures[i]).and_then(id_index);
    let heads: Vec<usize> = (0..plan.structures.len()).filter(|&h| (0..plan.structures.len()).any(|c| parent_index(c) == Some(h))).collect();
    let mut runs: Vec<(Option<usize>, Vec<usize>)> = heads.iter().map(|&h| (Some(h), (0..plan.structures.len()).filter(|&c| parent_index(c) == Some(h)).collect())).collect();
    for &t in tiers.iter().filter(|t| !heads.contains(t) && parent_index(**t).is_none()) {
        match runs.iter_mut().find(|(p, run)| p.is_none() && run.last() == Some(&(t - 1))) {
            Some((_, run)) => run.push(t),
            None => runs.push((None, vec![t])),
        }
    }
    let parents = heads.clone();
    for (head, run) in runs {
        let mut all = run.clone();
        all.extend(head);
        if !wanted(&all) {
            continue;
        }
        let title = match head.and_then(|p| plan.structures.get(p)) {
            Some(p) => p.title.as_ref().map_or(p.name.clone(), |t| format!("{}（{t}）", p.name)),
            None => {
                let t = plan.structures[run[0]].title.clone();
                if run.len() > 1 && t.is_some() && run.iter().all(|&i| plan.structures[i].title == t) {
                    t.unwrap_or_default()
                } else {
                    run.iter().map(|&i| plan.structures[i].name.clone()).collect::<Vec<_>>().join("—")
                }
            }
        };
        let kind = if is_ladder(plan, head, &run) { GroupKind::Ladder } else { GroupKind::Chain };
        let first = all.iter().copied().min().unwrap_or(0);
        // A lone tier made of levels (区、镇、村（社）): its members are the rungs.
        if let ([t], None) = (run.as_slice(), head) {
            let t = *t;
            let s = &plan.structures[t];
            if s.members.len() > 1 && s.members.iter().all(|m| !m.has_polygon()) {
                let title = s.name.clone();
                groups.push((
                    first,
                    Box::new(move |b: &mut Builder| {
                        let s = &b.plan.structures[t];
                        let rungs = s
                            .members
                            .iter()
                            .enumerate()
                            .map(|(j, m)| Rung {
                                content: Content { name: m.name().to_string(), rows: member_rows(m) },
                                target: member_target(t, j, m),
                                structure: t,
                                members: Vec::new(),
                            })
                            .collect();
                        b.rungs(title.clone(), Some(t), rungs, GroupKind::Ladder);
                    }),
                ));
                continue;
            }
        }
        groups.push((
            first,
            Box::new(move |b: &mut Builder| {
                let rungs = run.iter().map(|&t| tier_rung(b.plan, t, &title)).collect();
                b.rungs(title.clone(), head, rungs, kind);
            }),
        ));
    }
    let circles = kinds(StructureKind::Circle);
    if !circles.is_empty() && wanted(&circles) {
        let first = circles[0];
        groups.push((first, Box::new(move |b: &mut Builder| b.rings(&circles))));
    }
    // Other structures made of institutions or boundless places (not a tier's parent).
    for (i, s) in plan.structures.iter().enumerate() {
        let relational =
            matches!(s.kind, StructureKind::Other | StructureKind::Zone | StructureKind::Core) && !s.members.is_empty() && s.members.iter().all(|m| !m.has_polygon());
        if relational && !parents.contains(&i) && wanted(&[i]) {
            groups.push((i, Box::new(move |b: &mut Builder| b.members(i))));
        }
    }
    groups.sort_by_key(|(first, _)| *first);
    for (_, draw) in &groups {
        draw(&mut b);
    }
    b.d.height = (b.y - GAP * 3.0).max(0.0);
    b.d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_line_inside_and_marks_a_cut() {
        let text = "依托梁山县人民医院、梁山县中医院两个重点医院，充分发挥其汇聚人才、资本、技术等高端要素的能力";
        let lines = wrap(text, 12.0, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 12.0) <= 100.0 + 0.01), "{lines:?}");
        assert!(lines[1].ends_with('…'));
        let all = wrap(text, 12.0, 100.0, 0);
        assert_eq!(all.concat(), text, "nothing lost when not cut");
    }

    #[test]
    fn border_point_is_on_the_box() {
        let r = [0.0, 0.0, 100.0, 40.0];
        assert_eq!(border_point(r, [50.0, 200.0]), [50.0, 40.0]);
        assert_eq!(border_point(r, [300.0, 20.0]), [100.0, 20.0]);
    }
}
