//! The map's areas and county borders as data for the GPU, and the bookkeeping of what a
//! pane keeps there. No GL here (that is `map_gl`), so tests check it without a window.
//!
//! Vertices stay in world units (km, `f32`, as the scene caches them). Each cached mesh — a
//! feature's detail level, a stripe piece — is appended to the pane's vertex buffer the first
//! time a frame draws it, and kept; its triangles go to the index buffer the first time it is
//! filled. A frame then sends only the view (uniforms), the ranges to draw and, when a colour
//! changed, a table of a few KB (one texel per mesh).
//!
//! A border costs no bytes of its own: a detail level's points are its rings one after the
//! other, so the border is drawn from the same vertices as the fill, one instanced quad per
//! pair of neighbouring points, which the vertex shader pushes out to a constant width on
//! screen. The last point of each ring carries a flag (its slot negated) so no quad joins one
//! ring to the next.
//!
//! When the buffers fill up they grow, the old content copied on the GPU (nothing sent again);
//! they start over with what the current frame shows only for a new scene, or when they hold
//! four times what the frame needs and more than `KEEP_BYTES` (so a session of zooming around
//! a country holds what has recently been on screen, not everything it ever showed).
//!
//! Drawing order is the picture's, exactly (neighbours simplified apart overlap by slivers, so
//! any other order would change a pixel here and there). A batch runs until a mesh repeats (a
//! veil over a base): each batch has its row of the colour table. Meshes that follow each
//! other in the buffer merge into one draw call; a start-over appends in the picture's order,
//! so a frame right after one is a draw call or two per batch.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytemuck::{Pod, Zeroable};

use crate::scene::View;
use crate::scene::picture::{AreaShape, MapPicture, MeshKey, OutlineRole};
use crate::scene::view::ScreenRect;
use crate::ui::tokens::color;

/// egui's antialiased paths look best; past some tens of thousands of border points (a whole
/// country) plain quads, a tenth of a point wider, keep the frame short — on the CPU path and,
/// to look the same, on the GPU path.
pub const PLAIN_BORDERS_PAST: usize = 40_000;

/// Texels per row of the colour table.
pub const TABLE_WIDTH: usize = 1024;
/// Buffers never start smaller than this many vertices or indices.
const MIN_SIZE: u32 = 1 << 14;
/// Past this many draw calls (and four times as many as right after the last start-over), a
/// frame starts the buffers over, packed in its order.
const MAX_RANGES: usize = 1024;
/// Buffers holding less than this are never started over to save room (growing copies on
/// the GPU; starting over sends what is on screen again).
const KEEP_BYTES: u64 = 64 << 20;

/// A vertex: where (km), and which mesh (its colour is the table's texel `slot`); at the last
/// point of a ring the slot is stored as `-(slot + 1)` (`ring_end`), so borders skip the pair
/// that would join two rings.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct Vertex {
    pub pos: [f32; 2],
    pub slot: f32,
}

impl Vertex {
    fn new(pos: [f32; 2], slot: u32, ring_end: bool) -> Vertex {
        let s = slot as f32;
        Vertex { pos, slot: if ring_end { -s - 1.0 } else { s } }
    }

    /// Whether this is the last point of a ring (no border segment starts here).
    pub fn ends_ring(&self) -> bool {
        self.slot < 0.0
    }

    /// The colour table slot.
    pub fn slot(&self) -> u32 {
        (if self.slot < 0.0 { -self.slot - 1.0 } else { self.slot }) as u32
    }
}

/// Indices `first..first + count` of the index buffer (fills), or vertices of the vertex
/// buffer (borders: `count - 1` segments from `first`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub first: u32,
    pub count: u32,
}

/// Sizes of a pane's two buffers, in vertices and indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capacity {
    pub vertices: u32,
    pub indices: u32,
}

impl Capacity {
    fn fits(&self, used: Capacity, more: Capacity) -> bool {
        let ok = |cap: u32, used: u32, more: u32| u64::from(used) + u64::from(more) <= u64::from(cap);
        ok(self.vertices, used.vertices, more.vertices) && ok(self.indices, used.indices, more.indices)
    }

    fn add(&mut self, vertices: usize, indices: usize) {
        let add = |a: &mut u32, n: usize| *a = a.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        add(&mut self.vertices, vertices);
        add(&mut self.indices, indices);
    }

    fn plus(self, more: Capacity) -> Capacity {
        Capacity { vertices: self.vertices.saturating_add(more.vertices), indices: self.indices.saturating_add(more.indices) }
    }

    pub fn bytes(&self) -> u64 {
        u64::from(self.vertices) * std::mem::size_of::<Vertex>() as u64 + u64::from(self.indices) * 4
    }

    /// Room for twice `need` (so a pan or zoom adds meshes without growing).
    fn room_for(need: Capacity) -> Capacity {
        let room = |n: u32| n.saturating_mul(2).max(MIN_SIZE);
        Capacity { vertices: room(need.vertices), indices: room(need.indices) }
    }
}

/// What the GL side does before drawing, in order.
#[derive(Debug)]
pub enum Upload {
    /// (Re)allocate the buffers, empty, at these sizes.
    Reset(Capacity),
    /// Larger buffers at `to`, the first `keep` vertices and indices copied over on the GPU.
    Grow {
        keep: Capacity,
        to: Capacity,
    },
    /// Vertices written from vertex `at` on.
    Vertices {
        at: u32,
        data: Vec<Vertex>,
    },
    /// Indices (counted from the vertex buffer's start) written from index `at` on.
    Indices {
        at: u32,
        data: Vec<u32>,
    },
    /// Copies within the buffers, on the GPU: `count` vertices (or indices) from `from` to
    /// `to`, into room past what was used (a repack).
    CopyVertices {
        from: u32,
        to: u32,
        count: u32,
    },
    CopyIndices {
        from: u32,
        to: u32,
        count: u32,
    },
}

impl Upload {
    /// Bytes sent from the CPU.
    pub fn bytes(&self) -> usize {
        match self {
            Upload::Reset(_) | Upload::Grow { .. } | Upload::CopyVertices { .. } | Upload::CopyIndices { .. } => 0,
            Upload::Vertices { data, .. } => std::mem::size_of_val(data.as_slice()),
            Upload::Indices { data, .. } => std::mem::size_of_val(data.as_slice()),
        }
    }
}

/// Where a mesh's vertices are, and its colour slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Placed {
    first: u32,
    count: u32,
    slot: u32,
}

/// Fill meshes coloured from rows `row..` of the colour table.
#[derive(Debug, Clone, PartialEq)]
pub struct FillBatch {
    pub row: u32,
    pub ranges: Vec<Range>,
}

/// Border meshes of one colour (premultiplied RGBA) and width (points), antialiased or plain;
/// the ranges are of vertices.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBatch {
    pub color: [u8; 4],
    pub width: f32,
    pub antialias: bool,
    pub ranges: Vec<Range>,
}

/// One frame of a pane's map for the GPU: the view, what to draw, in which colours.
#[derive(Debug, Clone)]
pub struct DrawList {
    pub view: View,
    pub rect: ScreenRect,
    pub fills: Vec<FillBatch>,
    pub lines: Vec<LineBatch>,
    /// Premultiplied colours, `TABLE_WIDTH` a row: the colour of slot s in batch b is at
    /// `b * rows_per_batch * TABLE_WIDTH + s`.
    pub table: Vec<[u8; 4]>,
}

impl DrawList {
    pub fn table_rows(&self) -> usize {
        self.table.len() / TABLE_WIDTH
    }

    pub fn draw_calls(&self) -> usize {
        self.fills.iter().map(|b| b.ranges.len()).sum::<usize>() + self.lines.iter().map(|b| b.ranges.len()).sum::<usize>()
    }
}

/// Running totals of a pane's uploads (for `planmap bench` and the frame log).
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub frames: u64,
    /// Bytes of vertices and indices handed to the GPU.
    pub upload_bytes: u64,
    /// Frames that uploaded something, and their preparation time.
    pub upload_frames: u64,
    pub upload_time: Duration,
    /// Times the buffers started over (a new scene, or room to save), and grew (copied on
    /// the GPU).
    pub resets: u64,
    pub grows: u64,
    /// Times the draw calls were packed again by copies on the GPU.
    pub repacks: u64,
}

/// What a pane keeps on the GPU: the bookkeeping (the GL objects are in `map_gl`).
#[derive(Default)]
pub struct Resident {
    scene: u64,
    capacity: Capacity,
    /// Vertices of each mesh on the GPU.
    meshes: HashMap<MeshKey, Placed>,
    /// Triangles (index ranges) of each mesh filled so far.
    fills: HashMap<MeshKey, Range>,
    /// Where each mesh's border is drawn from: its vertices, or a copy made by a repack.
    lines: HashMap<MeshKey, Range>,
    used: Capacity,
    /// Within a repack's second description of the frame.
    repacking: bool,
    /// Draw calls of the first frame after the last start-over (what "packed" means here).
    packed_calls: usize,
    /// Uploads the GL side has yet to make, in order.
    pub pending: Vec<Upload>,
    pub stats: Stats,
    /// Scratch: per slot, whether the current batch draws it.
    in_batch: Vec<bool>,
}

/// Vertices and indices being appended this frame.
struct Appending {
    vertex_at: u32,
    vertices: Vec<Vertex>,
    index_at: u32,
    indices: Vec<u32>,
}

impl Resident {
    /// The vertices of mesh `key`, placed on first use: a detail level's rings (each ring's
    /// last point flagged), or a stripe's own vertices.
    fn place<'a>(&mut self, out: &mut Appending, key: MeshKey, rings: impl Iterator<Item = &'a [[f32; 2]]>, loose: &[[f32; 2]]) -> Placed {
        if let Some(p) = self.meshes.get(&key) {
            return *p;
        }
        let slot = self.meshes.len() as u32;
        let first = self.used.vertices;
        let before = out.vertices.len();
        for ring in rings {
            let n = ring.len();
            out.vertices.extend(ring.iter().enumerate().map(|(k, &pos)| Vertex::new(pos, slot, k + 1 == n)));
        }
        if out.vertices.len() == before {
            out.vertices.extend(loose.iter().map(|&pos| Vertex::new(pos, slot, false)));
        }
        let count = (out.vertices.len() - before) as u32;
        self.used.vertices += count;
        let placed = Placed { first, count, slot };
        self.meshes.insert(key, placed);
        placed
    }

    /// Queue what `pic` needs that is not on the GPU yet, and list what to draw.
    pub fn prepare(&mut self, pic: &MapPicture) -> DrawList {
        let t0 = Instant::now();
        let borders = || pic.outlines.iter().filter(|o| o.role == OutlineRole::Border);
        // What the frame draws, and what of it is not on the GPU (a mesh drawn twice counts
        // twice: an overestimate is safe).
        let (mut need, mut missing) = (Capacity::default(), Capacity::default());
        for a in &pic.areas {
            need.add(a.tris.vertices.len(), a.tris.indices.len());
            if !self.meshes.contains_key(&a.key) {
                missing.add(a.tris.vertices.len(), 0);
            }
            if !self.fills.contains_key(&a.key) {
                missing.add(0, a.tris.indices.len());
            }
        }
        for o in borders() {
            let n = o.rings.iter().map(|r| r.len()).sum::<usize>();
            need.add(n, 0);
            if !self.meshes.contains_key(&o.key) {
                missing.add(n, 0);
            }
        }
        let new_scene = self.scene != pic.scene;
        let mut reset = new_scene;
        if !reset && !self.capacity.fits(self.used, missing) {
            // Full: grow, unless what is kept is mostly off screen and worth giving back.
            let held = self.used.bytes();
            if held > KEEP_BYTES && need.bytes().saturating_mul(4) < held {
                reset = true;
            } else {
                let to = Capacity::room_for(self.used.plus(missing));
                self.pending.push(Upload::Grow { keep: self.used, to });
                self.capacity = to;
                self.stats.grows += 1;
            }
        }
        if reset {
            // Start over with what this frame shows, in its order (one draw call per batch).
            self.scene = pic.scene;
            self.capacity = Capacity::room_for(need);
            self.meshes.clear();
            self.fills.clear();
            self.lines.clear();
            self.used = Capacity::default();
            self.pending.clear();
            self.pending.push(Upload::Reset(self.capacity));
            self.stats.resets += 1;
        }

        let mut out = Appending { vertex_at: self.used.vertices, vertices: Vec::new(), index_at: self.used.indices, indices: Vec::new() };
        let mut batches: Vec<Vec<(Placed, Range, [u8; 4])>> = vec![Vec::new()];
        self.in_batch.clear();
        for a in &pic.areas {
            let placed = match a.shape {
                AreaShape::Level(rings) if rings.vertex_count() == a.tris.vertices.len() => self.place(&mut out, a.key, rings.rings(), a.tris.vertices),
                _ => self.place(&mut out, a.key, std::iter::empty(), a.tris.vertices),
            };
            let range = match self.fills.get(&a.key) {
                Some(r) => *r,
                None => {
                    let (base, n) = (placed.first, placed.count as usize);
                    let before = out.indices.len();
                    // A triangle pointing past its vertices would make the GPU read outside
                    // the buffer.
                    out.indices.extend(a.tris.indices.chunks_exact(3).filter(|t| t.iter().all(|&i| (i as usize) < n)).flatten().map(|&i| base + i));
                    let r = Range { first: self.used.indices, count: (out.indices.len() - before) as u32 };
                    self.used.indices += r.count;
                    self.fills.insert(a.key, r);
                    r
                }
            };
            let slot = placed.slot as usize;
            if slot >= self.in_batch.len() {
                self.in_batch.resize(slot + 1, false);
            }
            if self.in_batch.get(slot).copied().unwrap_or(false) {
                // The mesh again, in another colour: a new batch, a new row of colours.
                batches.push(Vec::new());
                self.in_batch.iter_mut().for_each(|b| *b = false);
            }
            if let Some(b) = self.in_batch.get_mut(slot) {
                *b = true;
            }
            if let Some(batch) = batches.last_mut() {
                batch.push((placed, range, color(a.color).to_array()));
            }
        }
        let mut line_batches: Vec<(LineBatch, Vec<Range>)> = Vec::new();
        let plain = pic.border_vertices > PLAIN_BORDERS_PAST;
        for o in borders() {
            let placed = self.place(&mut out, o.key, o.rings.iter().copied(), &[]);
            let range = self.lines.get(&o.key).copied().unwrap_or(Range { first: placed.first, count: placed.count });
            let c = color(o.color).to_array();
            let width = if plain { o.width + 0.1 } else { o.width };
            match line_batches.last_mut() {
                Some((b, ranges)) if b.color == c && b.width == width => ranges.push(range),
                _ => line_batches.push((LineBatch { color: c, width, antialias: !plain, ranges: Vec::new() }, vec![range])),
            }
        }

        let uploaded = std::mem::size_of_val(out.vertices.as_slice()) + std::mem::size_of_val(out.indices.as_slice());
        if !out.vertices.is_empty() {
            self.pending.push(Upload::Vertices { at: out.vertex_at, data: out.vertices });
        }
        if !out.indices.is_empty() {
            self.pending.push(Upload::Indices { at: out.index_at, data: out.indices });
        }

        let rows = self.meshes.len().div_ceil(TABLE_WIDTH).max(1);
        let mut table = vec![[0u8; 4]; batches.len() * rows * TABLE_WIDTH];
        let mut draw = DrawList { view: pic.view, rect: pic.rect, fills: Vec::new(), lines: Vec::new(), table: Vec::new() };
        for (b, batch) in batches.iter().enumerate() {
            for (p, _, c) in batch {
                if let Some(t) = table.get_mut(b * rows * TABLE_WIDTH + p.slot as usize) {
                    *t = *c;
                }
            }
            draw.fills.push(FillBatch { row: (b * rows) as u32, ranges: in_order(batch.iter().map(|(_, r, _)| *r)) });
        }
        draw.table = table;
        draw.lines = line_batches.into_iter().map(|(b, ranges)| LineBatch { ranges: merged(ranges), ..b }).collect();
        self.stats.frames += 1;
        if uploaded > 0 {
            self.stats.upload_bytes += uploaded as u64;
            self.stats.upload_frames += 1;
            self.stats.upload_time += t0.elapsed();
        }
        // Meshes added since the start-over scatter the draw calls; repack when there are many.
        if reset {
            self.packed_calls = draw.draw_calls();
        }
        if !self.repacking && draw.draw_calls() > MAX_RANGES.max(4 * self.packed_calls) {
            // Now rather than a frame of hundreds of draw calls.
            self.repack(pic);
            self.repacking = true;
            let packed = self.prepare(pic);
            self.repacking = false;
            self.stats.frames -= 1;
            self.packed_calls = packed.draw_calls();
            return packed;
        }
        draw
    }

    /// Copy, on the GPU, what `pic` shows into room past what is used, in its order: each
    /// mesh's triangles once in the order the frame fills them, each border's vertices in the
    /// order it draws them, so the frame is a few draw calls again. Nothing is sent from the
    /// CPU; the old copies stay (fill indices point at the meshes' vertices, which do not move)
    /// until a start-over gives the room back.
    fn repack(&mut self, pic: &MapPicture) {
        let mut fills: Vec<(MeshKey, Range)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for a in &pic.areas {
            if let Some(r) = self.fills.get(&a.key).filter(|r| r.count > 0)
                && seen.insert(a.key)
            {
                fills.push((a.key, *r));
            }
        }
        let mut lines: Vec<(MeshKey, Range)> = Vec::new();
        seen.clear();
        for o in pic.outlines.iter().filter(|o| o.role == OutlineRole::Border) {
            if let Some(r) = self.lines.get(&o.key).copied().or_else(|| self.meshes.get(&o.key).map(|p| Range { first: p.first, count: p.count }))
                && r.count > 0
                && seen.insert(o.key)
            {
                lines.push((o.key, r));
            }
        }
        // Borders of one colour are drawn in buffer order: keep that order.
        lines.sort_by_key(|(_, r)| r.first);
        let more = Capacity {
            vertices: lines.iter().map(|(_, r)| r.count).fold(0u32, u32::saturating_add),
            indices: fills.iter().map(|(_, r)| r.count).fold(0u32, u32::saturating_add),
        };
        if !self.capacity.fits(self.used, more) {
            let to = Capacity::room_for(self.used.plus(more));
            self.pending.push(Upload::Grow { keep: self.used, to });
            self.capacity = to;
            self.stats.grows += 1;
        }
        let mut copies: Vec<Upload> = Vec::new();
        for (key, r) in fills {
            let to = self.used.indices;
            match copies.last_mut() {
                Some(Upload::CopyIndices { from, to: t, count }) if *from + *count == r.first && *t + *count == to => *count += r.count,
                _ => copies.push(Upload::CopyIndices { from: r.first, to, count: r.count }),
            }
            self.fills.insert(key, Range { first: to, count: r.count });
            self.used.indices += r.count;
        }
        for (key, r) in lines {
            let to = self.used.vertices;
            match copies.last_mut() {
                Some(Upload::CopyVertices { from, to: t, count }) if *from + *count == r.first && *t + *count == to => *count += r.count,
                _ => copies.push(Upload::CopyVertices { from: r.first, to, count: r.count }),
            }
            self.lines.insert(key, Range { first: to, count: r.count });
            self.used.vertices += r.count;
        }
        self.pending.extend(copies);
        self.stats.repacks += 1;
    }
}

/// Ranges in their order, each merged into the last when it follows it in the buffer.
fn in_order(ranges: impl Iterator<Item = Range>) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for e in ranges.filter(|e| e.count > 0) {
        match out.last_mut() {
            Some(r) if r.first + r.count == e.first => r.count += e.count,
            _ => out.push(e),
        }
    }
    out
}

/// Ranges in buffer order, neighbours merged (for meshes of one colour, whose order does not
/// show).
fn merged(mut ranges: Vec<Range>) -> Vec<Range> {
    ranges.sort_unstable_by_key(|e| e.first);
    let mut out: Vec<Range> = Vec::new();
    for e in ranges.into_iter().filter(|e| e.count > 0) {
        match out.last_mut() {
            Some(r) if r.first + r.count == e.first => r.count += e.count,
            Some(r) if r.first == e.first => {} // the same mesh twice
            _ => out.push(e),
        }
    }
    out
}

/// The GL viewport, in pixels from the window's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// The view as the vertex shaders take it. The centre is split into a high and a low `f32`
/// (their sum is the `f64` centre to about 10⁻¹⁰ km): near the centre, where a zoomed-in view
/// looks, `p − hi` is exact in `f32`, so vertices do not jitter at a metre per pixel as a single
/// `f32` centre would make them (0.24 m steps at 4,000 km).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewUniforms {
    pub center_hi: [f32; 2],
    pub center_lo: [f32; 2],
    /// Pixels per km.
    pub scale: f32,
    /// The map rectangle's centre minus the viewport's centre (pixels, y down).
    pub offset: [f32; 2],
    /// Half the viewport (pixels).
    pub half: [f32; 2],
}

impl ViewUniforms {
    pub fn new(view: &View, rect: ScreenRect, pixels_per_point: f32, viewport: Viewport) -> ViewUniforms {
        let hi = view.center.map(|c| c as f32);
        let lo = [(view.center[0] - f64::from(hi[0])) as f32, (view.center[1] - f64::from(hi[1])) as f32];
        let ppp = f64::from(pixels_per_point);
        let centre_px = [f64::from(rect[0] + rect[2]) / 2.0 * ppp, f64::from(rect[1] + rect[3]) / 2.0 * ppp];
        let half = [viewport.width / 2.0, viewport.height / 2.0];
        let offset = [(centre_px[0] - f64::from(viewport.left + half[0])) as f32, (centre_px[1] - f64::from(viewport.top + half[1])) as f32];
        ViewUniforms { center_hi: hi, center_lo: lo, scale: (view.scale * ppp) as f32, offset, half }
    }

    /// The vertex shaders' `clip_from_world`, operation for operation in `f32`.
    pub fn clip_from_world(&self, p: [f32; 2]) -> [f32; 2] {
        let d = [(p[0] - self.center_hi[0]) - self.center_lo[0], (p[1] - self.center_hi[1]) - self.center_lo[1]];
        [(d[0] * self.scale + self.offset[0]) / self.half[0], (d[1] * self.scale - self.offset[1]) / self.half[1]]
    }

    /// GL's viewport transform: a clip-space point in window pixels (y down).
    pub fn pixels_from_clip(&self, viewport: Viewport, c: [f32; 2]) -> [f32; 2] {
        [viewport.left + (c[0] + 1.0) * self.half[0], viewport.top + (1.0 - c[1]) * self.half[1]]
    }
}

/// The GLSL twin of `ViewUniforms::clip_from_world`, shared by both vertex shaders.
pub const CLIP_FROM_WORLD_GLSL: &str = "
uniform vec2 u_center_hi;
uniform vec2 u_center_lo;
uniform float u_scale;
uniform vec2 u_offset;
uniform vec2 u_half;
vec2 clip_from_world(vec2 p) {
    vec2 d = (p - u_center_hi) - u_center_lo;
    return vec2(d.x * u_scale + u_offset.x, d.y * u_scale - u_offset.y) / u_half;
}
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::scene::picture::{self, Highlight, MapPicture, Style};
    use std::path::Path;

    fn baoji() -> Document {
        Document::open(&Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/baoji.toml")).expect("baoji opens").0
    }

    const RECT: ScreenRect = [40.5, 30.0, 1240.5, 830.0];

    /// Baoji with stripes, partial hatching, a structure in focus (the rest veiled), a
    /// selection and a hover: every kind of area the map draws.
    fn picture<'a>(doc: &'a Document, zoom: f64) -> MapPicture<'a> {
        let mut view = View::fit(doc.scene.bounds, RECT);
        view.scale *= zoom;
        let highlight = Highlight {
            selected: Some(3),
            hovered: Some(5),
            counterpart: None,
            members: Some(doc.members_of(1)),
            member_color: [0x1b, 0x9e, 0x77, 0xff],
            ..Highlight::default()
        };
        picture::describe(doc.map_data(), view, RECT, &highlight, Style::default())
    }

    /// What the GPU buffers hold after the uploads, as the GL side would have them.
    #[derive(Default)]
    struct Mirror {
        vertices: Vec<Vertex>,
        indices: Vec<u32>,
    }

    impl Mirror {
        fn apply(&mut self, uploads: Vec<Upload>) {
            fn put<T: Copy>(buf: &mut [T], at: u32, data: &[T]) {
                let at = at as usize;
                assert!(at + data.len() <= buf.len(), "an upload past the allocated buffer");
                buf[at..at + data.len()].copy_from_slice(data);
            }
            for u in uploads {
                match u {
                    Upload::Reset(cap) => {
                        self.vertices = vec![Vertex::zeroed(); cap.vertices as usize];
                        self.indices = vec![0; cap.indices as usize];
                    }
                    Upload::Grow { keep, to } => {
                        assert!(keep.vertices as usize <= self.vertices.len() && keep.indices as usize <= self.indices.len(), "a copy past the old buffers");
                        assert!(to.vertices >= keep.vertices && to.indices >= keep.indices);
                        self.vertices.truncate(keep.vertices as usize);
                        self.vertices.resize(to.vertices as usize, Vertex::zeroed());
                        self.indices.truncate(keep.indices as usize);
                        self.indices.resize(to.indices as usize, 0);
                    }
                    Upload::Vertices { at, data } => put(&mut self.vertices, at, &data),
                    Upload::Indices { at, data } => put(&mut self.indices, at, &data),
                    Upload::CopyVertices { from, to, count } => {
                        let data = self.vertices[from as usize..(from + count) as usize].to_vec();
                        assert!(to >= from + count, "a copy onto itself");
                        put(&mut self.vertices, to, &data);
                    }
                    Upload::CopyIndices { from, to, count } => {
                        let data = self.indices[from as usize..(from + count) as usize].to_vec();
                        assert!(to >= from + count, "a copy onto itself");
                        put(&mut self.indices, to, &data);
                    }
                }
            }
        }

        /// The fill triangles in drawing order (km) with their colours, as the GPU draws them.
        fn fill_triangles(&self, draw: &DrawList) -> Vec<([[f32; 2]; 3], [u8; 4])> {
            let mut out = Vec::new();
            for batch in &draw.fills {
                for r in &batch.ranges {
                    for t in self.indices[r.first as usize..(r.first + r.count) as usize].chunks_exact(3) {
                        let v = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]);
                        let slot = v[0].slot() as usize;
                        assert!(v.iter().all(|x| x.slot() as usize == slot), "a triangle spans two meshes");
                        out.push((v.map(|x| x.pos), draw.table[batch.row as usize * TABLE_WIDTH + slot]));
                    }
                }
            }
            out
        }

        /// The border segments the line shader draws (it skips those from a ring's last
        /// point, and those of no length).
        fn segments(&self, draw: &DrawList) -> Vec<[[u32; 2]; 2]> {
            let mut out = Vec::new();
            for batch in &draw.lines {
                for r in &batch.ranges {
                    for w in self.vertices[r.first as usize..(r.first + r.count) as usize].windows(2) {
                        if !w[0].ends_ring() && w[0].pos != w[1].pos {
                            out.push([w[0].pos, w[1].pos].map(|p| p.map(f32::to_bits)));
                        }
                    }
                }
            }
            out
        }
    }

    /// The CPU path's triangles in drawing order (screen) with their colours.
    fn cpu_triangles(pic: &MapPicture) -> Vec<([[f32; 2]; 3], [u8; 4])> {
        let (mesh, _) = crate::ui::map::view::cpu_mesh(pic);
        mesh.indices
            .chunks_exact(3)
            .map(|t| {
                let v = [t[0], t[1], t[2]].map(|i| mesh.vertices[i as usize]);
                (v.map(|x| [x.pos.x, x.pos.y]), v[0].color.to_array())
            })
            .collect()
    }

    fn inside(t: &[[f32; 2]; 3], p: [f32; 2]) -> bool {
        let side = |a: [f32; 2], b: [f32; 2]| (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        let s = [side(t[0], t[1]), side(t[1], t[2]), side(t[2], t[0])];
        s.iter().all(|&x| x > 0.0) || s.iter().all(|&x| x < 0.0)
    }

    /// Paint triangles in order at point `p` (premultiplied "over"), as a framebuffer would.
    fn composite(tris: &[([[f32; 2]; 3], [u8; 4])], p: [f32; 2]) -> [u8; 4] {
        let mut dst = [250.0f32, 250.0, 247.0, 255.0];
        for (_, c) in tris.iter().filter(|(t, _)| inside(t, p)) {
            let a = f32::from(c[3]) / 255.0;
            for k in 0..4 {
                dst[k] = f32::from(c[k]) + dst[k] * (1.0 - a);
            }
        }
        dst.map(|v| v.round() as u8)
    }

    #[test]
    fn gpu_buffers_draw_the_cpu_paths_triangles_in_its_colours_and_order() {
        let doc = baoji();
        let pic = picture(&doc, 1.0);
        assert!(pic.areas.iter().any(|a| matches!(a.key, MeshKey::Piece { .. })), "the picture has stripes");
        assert!(pic.areas.iter().any(|a| a.color == picture::colors::VEIL), "and a veil");
        let mut resident = Resident::default();
        let draw = resident.prepare(&pic);
        let mut mirror = Mirror::default();
        mirror.apply(std::mem::take(&mut resident.pending));

        // The same triangles in the same colours: GPU (km, moved with the CPU path's own
        // transform here) against the CPU path's screen mesh, as sorted lists.
        let gpu: Vec<([[f32; 2]; 3], [u8; 4])> = mirror.fill_triangles(&draw);
        let to_screen = |t: [[f32; 2]; 3]| t.map(|p| pic.view.screen_from_vertex(pic.rect, p));
        let key = |(t, c): &([[f32; 2]; 3], [u8; 4])| (t.map(|p| p.map(f32::to_bits)), *c);
        let mut a: Vec<_> = gpu.iter().map(|(t, c)| (to_screen(*t), *c)).map(|x| key(&x)).collect();
        let cpu = cpu_triangles(&pic);
        let mut b: Vec<_> = cpu.iter().map(key).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a.len(), b.len());
        assert!(a == b, "the GPU buffers hold other triangles or colours than the CPU path");

        // The same order where it matters: at points all over the map, the colour painted last
        // (stripes over their base, the veil over both) is the same.
        let gpu_screen: Vec<_> = gpu.iter().map(|(t, c)| (to_screen(*t), *c)).collect();
        let mut checked = 0;
        for i in 0..120 {
            for j in 0..80 {
                let p = [RECT[0] + 10.0 * i as f32 + 0.37, RECT[1] + 10.0 * j as f32 + 0.61];
                let (g, c) = (composite(&gpu_screen, p), composite(&cpu, p));
                assert_eq!(g, c, "at {p:?}");
                checked += usize::from(g != [250, 250, 247, 255]);
            }
        }
        assert!(checked > 3000, "the points cover the map ({checked})");
    }

    #[test]
    fn gpu_borders_are_the_outlines_segments() {
        let doc = baoji();
        let pic = picture(&doc, 2.0);
        let mut resident = Resident::default();
        let draw = resident.prepare(&pic);
        let mut mirror = Mirror::default();
        mirror.apply(std::mem::take(&mut resident.pending));
        for batch in &draw.lines {
            assert_eq!(batch.color, color(picture::colors::BORDER).to_array());
            assert!(batch.antialias && batch.width == 0.8, "a county-sized map has antialiased borders of the outline's width");
        }
        let mut gpu = mirror.segments(&draw);
        let mut want: Vec<_> = pic
            .outlines
            .iter()
            .filter(|o| o.role == OutlineRole::Border)
            .flat_map(|o| o.rings.iter().flat_map(|r| r.windows(2)))
            .filter(|w| w[0] != w[1])
            .map(|w| [w[0], w[1]].map(|p| p.map(f32::to_bits)))
            .collect();
        gpu.sort_unstable();
        want.sort_unstable();
        assert!(!want.is_empty());
        assert!(gpu == want, "{} segments on the GPU, {} in the outlines", gpu.len(), want.len());
    }

    #[test]
    fn meshes_are_uploaded_once_and_a_new_scene_starts_over() {
        let doc = baoji();
        let mut resident = Resident::default();
        let first = resident.prepare(&picture(&doc, 1.0));
        assert!(matches!(resident.pending.first(), Some(Upload::Reset(_))));
        let bytes: usize = resident.pending.drain(..).map(|u| u.bytes()).sum();
        assert!(bytes > 0);
        // The same view, another selection: no uploads, only other colours.
        let mut view = View::fit(doc.scene.bounds, RECT);
        let highlight = Highlight { selected: Some(7), ..Highlight::default() };
        let pic = picture::describe(doc.map_data(), view, RECT, &highlight, Style::default());
        let second = resident.prepare(&pic);
        assert!(resident.pending.is_empty(), "nothing uploaded for a new selection");
        assert_ne!(first.table, second.table);
        // A pan: still nothing.
        view.pan(35.0, -20.0);
        resident.prepare(&picture::describe(doc.map_data(), view, RECT, &highlight, Style::default()));
        assert!(resident.pending.is_empty(), "nothing uploaded for a pan");
        // The same file opened again is another scene: the buffers start over at its size,
        // so opening files repeatedly holds one file's meshes, not all of them.
        let again = baoji();
        resident.prepare(&picture(&again, 1.0));
        let Some(Upload::Reset(cap)) = resident.pending.first() else { panic!("no reset for a new scene") };
        let cap = *cap;
        let bytes_again: usize = resident.pending.drain(..).map(|u| u.bytes()).sum();
        assert_eq!(bytes_again, bytes);
        let third = baoji();
        resident.prepare(&picture(&third, 1.0));
        assert!(matches!(resident.pending.first(), Some(Upload::Reset(c)) if *c == cap));
        assert_eq!(resident.stats.resets, 3);
    }

    /// A wheel zoom into a county: every mesh is sent once (finer levels as they come), the
    /// buffers grow on the GPU instead of starting over, and what is drawn at the end is still
    /// the CPU path's triangles and the outlines' segments.
    #[test]
    fn a_zoom_sends_each_mesh_once_and_never_starts_over() {
        let doc = baoji();
        let mut resident = Resident::default();
        let mut mirror = Mirror::default();
        let mut view = View::fit(doc.scene.bounds, RECT);
        let mut sent = std::collections::HashMap::new();
        let (mut pic_last, mut draw_last) = (None, None);
        for _ in 0..24 {
            view.zoom_at(RECT, [700.0, 430.0], 1.18);
            let pic = picture::describe(doc.map_data(), view, RECT, &Highlight::default(), Style::default());
            for a in &pic.areas {
                *sent.entry((a.key, 0)).or_insert(0usize) = a.tris.vertices.len() * 12 + a.tris.indices.len() * 4;
            }
            for o in pic.outlines.iter().filter(|o| o.role == OutlineRole::Border) {
                sent.entry((o.key, 0)).or_insert(o.rings.iter().map(|r| r.len()).sum::<usize>() * 12);
            }
            let draw = resident.prepare(&pic);
            mirror.apply(std::mem::take(&mut resident.pending));
            pic_last = Some(pic);
            draw_last = Some(draw);
        }
        assert_eq!(resident.stats.resets, 1, "only the first frame allocates from scratch");
        assert!(resident.stats.grows >= 1, "finer levels made the buffers grow");
        let distinct: usize = sent.values().sum();
        assert_eq!(resident.stats.upload_bytes as usize, distinct, "every mesh sent exactly once");
        let (pic, draw) = (pic_last.unwrap(), draw_last.unwrap());
        let mut gpu: Vec<_> = mirror.fill_triangles(&draw).iter().map(|(t, c)| (t.map(|p| pic.view.screen_from_vertex(pic.rect, p).map(f32::to_bits)), *c)).collect();
        let mut cpu: Vec<_> = cpu_triangles(&pic).iter().map(|(t, c)| (t.map(|p| p.map(f32::to_bits)), *c)).collect();
        gpu.sort_unstable();
        cpu.sort_unstable();
        assert!(gpu == cpu, "after the zoom the buffers draw what the CPU path draws");
        let want = pic.outlines.iter().filter(|o| o.role == OutlineRole::Border).flat_map(|o| o.rings.iter().flat_map(|r| r.windows(2))).filter(|w| w[0] != w[1]).count();
        assert_eq!(mirror.segments(&draw).len(), want);

        // A repack (what a frame of too many draw calls does) copies on the GPU only: nothing
        // sent, the same triangles and segments drawn, in as many draw calls or fewer.
        let sent_before = resident.stats.upload_bytes;
        resident.repack(&pic);
        let packed = resident.prepare(&pic);
        mirror.apply(std::mem::take(&mut resident.pending));
        assert_eq!(resident.stats.upload_bytes, sent_before, "a repack sends nothing");
        assert!(packed.draw_calls() <= draw.draw_calls() && packed.draw_calls() <= 2, "{} draw calls after a repack", packed.draw_calls());
        let mut again: Vec<_> = mirror.fill_triangles(&packed).iter().map(|(t, c)| (t.map(|p| pic.view.screen_from_vertex(pic.rect, p).map(f32::to_bits)), *c)).collect();
        again.sort_unstable();
        assert!(again == gpu, "the repacked buffers draw the same triangles");
        let (mut a, mut b) = (mirror.segments(&packed), mirror.segments(&draw));
        a.sort_unstable();
        b.sort_unstable();
        assert!(a == b, "and the same border segments");
    }

    #[test]
    fn shader_transform_matches_the_views() {
        // Pixel positions as GL places them (viewport rounded as egui rounds it) against
        // View::screen_from_vertex in pixels, from a whole country to a centimetre per pixel.
        let rects = [[0.0, 0.0, 1600.0, 1000.0], [247.3, 22.6, 1059.9, 758.1], [800.5, 40.0, 1599.5, 999.0]];
        for ppp in [1.0f32, 1.25, 2.0] {
            for rect in rects {
                for (center, scale) in [([0.0, 0.0], 0.3), ([-1234.567, 2345.678], 12.0), ([3811.123456, -2042.987654], 1.0e5), ([17.5, -3.25], 250.0)] {
                    let view = View { center, scale };
                    let px = |v: f32| (v * ppp).round();
                    let viewport = Viewport { left: px(rect[0]), top: px(rect[1]), width: px(rect[2]) - px(rect[0]), height: px(rect[3]) - px(rect[1]) };
                    let u = ViewUniforms::new(&view, rect, ppp, viewport);
                    for k in -4..=4 {
                        let w = [(center[0] + f64::from(k) * 97.0 / scale) as f32, (center[1] - f64::from(k) * 41.0 / scale) as f32];
                        let want = view.screen_from_vertex(rect, w).map(|v| v * ppp);
                        let got = u.pixels_from_clip(viewport, u.clip_from_world(w));
                        let err = (got[0] - want[0]).abs().max((got[1] - want[1]).abs());
                        assert!(err < 0.02, "ppp {ppp} rect {rect:?} view {view:?} point {w:?}: {got:?} vs {want:?}");
                    }
                }
            }
        }
    }
}
