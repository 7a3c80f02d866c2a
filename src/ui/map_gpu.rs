//! The map's areas and county borders as data for the GPU, and the bookkeeping of what a
//! pane keeps there. No GL here (that is `map_gl`), so tests check it without a window.
//!
//! Vertices stay in world units (km, `f32`, as the scene caches them). Each cached mesh — a
//! feature's detail level, a stripe piece — is appended to the pane's buffers the first time a
//! frame draws it, and kept; a frame then sends only the view (uniforms), the ranges of
//! indices to draw and, when a colour changed, a table of a few KB (one texel per mesh). A
//! border is a quad per segment whose corners the vertex shader pushes out to a constant width
//! on screen. When the buffers fill up (or the scene is replaced) they start over with what
//! the current frame shows, so they hold little more than what has recently been on screen.
//!
//! Drawing order: counties do not overlap, so the areas of different features may be drawn in
//! any order; only areas of the same feature (its base, then stripes, then a veil) keep the
//! picture's order. Area k of a feature goes to batch k, and within a batch the meshes are
//! drawn in buffer order, so neighbouring meshes merge into one draw call.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytemuck::{Pod, Zeroable};

use super::tokens::color;
use crate::scene::picture::{MapPicture, MeshKey, OutlineRole};
use crate::scene::view::ScreenRect;
use crate::scene::{MeshRef, View};

/// Texels per row of the colour table.
pub const TABLE_WIDTH: usize = 1024;
/// Buffers never start smaller than this many vertices or indices.
const MIN_SIZE: u32 = 1 << 14;
/// Past this many draw calls in a frame, the next frame repacks the buffers.
const MAX_RANGES: usize = 256;

/// A fill vertex: where (km), and which mesh (its colour is the table's texel `slot`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct FillVertex {
    pub pos: [f32; 2],
    pub slot: f32,
}

/// A corner of a border segment's quad: the segment's end (km), the segment's unit normal
/// (×32767), and which corner — across the line (−1, +1) and along it (−1 at the start, +1
/// at the end).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct LineVertex {
    pub pos: [f32; 2],
    pub normal: [i16; 2],
    pub corner: [i16; 2],
}

/// Indices `first..first + count` of an index buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub first: u32,
    pub count: u32,
}

/// Sizes of a pane's four buffers, in vertices and indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capacity {
    pub fill_vertices: u32,
    pub fill_indices: u32,
    pub line_vertices: u32,
    pub line_indices: u32,
}

impl Capacity {
    fn fits(&self, used: Capacity, more: Capacity) -> bool {
        let ok = |cap: u32, used: u32, more: u32| u64::from(used) + u64::from(more) <= u64::from(cap);
        ok(self.fill_vertices, used.fill_vertices, more.fill_vertices)
            && ok(self.fill_indices, used.fill_indices, more.fill_indices)
            && ok(self.line_vertices, used.line_vertices, more.line_vertices)
            && ok(self.line_indices, used.line_indices, more.line_indices)
    }

    fn add(&mut self, fill: (usize, usize), line: (usize, usize)) {
        let add = |a: &mut u32, n: usize| *a = a.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        add(&mut self.fill_vertices, fill.0);
        add(&mut self.fill_indices, fill.1);
        add(&mut self.line_vertices, line.0);
        add(&mut self.line_indices, line.1);
    }

    /// Room for twice `need` (so a pan or zoom adds meshes without starting over).
    fn room_for(need: Capacity) -> Capacity {
        let room = |n: u32| n.saturating_mul(2).max(MIN_SIZE);
        Capacity { fill_vertices: room(need.fill_vertices), fill_indices: room(need.fill_indices), line_vertices: room(need.line_vertices), line_indices: room(need.line_indices) }
    }
}

/// Data appended to a vertex buffer and its index buffer (indices count from the buffer's
/// start).
#[derive(Debug)]
pub struct Append<V> {
    pub vertex_at: u32,
    pub vertices: Vec<V>,
    pub index_at: u32,
    pub indices: Vec<u32>,
}

impl<V> Append<V> {
    fn at(arena: &Arena) -> Append<V> {
        Append { vertex_at: arena.vertices, vertices: Vec::new(), index_at: arena.indices, indices: Vec::new() }
    }

    pub fn bytes(&self) -> usize {
        std::mem::size_of_val(self.vertices.as_slice()) + std::mem::size_of_val(self.indices.as_slice())
    }
}

/// What the GL side does before drawing, in order.
#[derive(Debug)]
pub enum Upload {
    /// (Re)allocate the buffers, empty, at these sizes.
    Reset(Capacity),
    Fills(Append<FillVertex>),
    Lines(Append<LineVertex>),
}

impl Upload {
    pub fn bytes(&self) -> usize {
        match self {
            Upload::Reset(_) => 0,
            Upload::Fills(a) => a.bytes(),
            Upload::Lines(a) => a.bytes(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    first: u32,
    count: u32,
    slot: u32,
}

/// One vertex buffer and its index buffer, filled from the start; a mesh never moves.
#[derive(Default)]
struct Arena {
    entries: HashMap<MeshKey, Entry>,
    vertices: u32,
    indices: u32,
}

impl Arena {
    fn append_fill(&mut self, out: &mut Append<FillVertex>, tris: MeshRef) -> Entry {
        let slot = self.entries.len() as u32;
        let (base, first) = (self.vertices, self.indices);
        let n = tris.vertices.len();
        out.vertices.extend(tris.vertices.iter().map(|&pos| FillVertex { pos, slot: slot as f32 }));
        let before = out.indices.len();
        // A triangle pointing past its vertices would make the GPU read outside the buffer.
        out.indices.extend(tris.indices.chunks_exact(3).filter(|t| t.iter().all(|&i| (i as usize) < n)).flatten().map(|&i| base + i));
        let count = (out.indices.len() - before) as u32;
        self.vertices += n as u32;
        self.indices += count;
        Entry { first, count, slot }
    }

    fn append_line(&mut self, out: &mut Append<LineVertex>, rings: &[&[[f32; 2]]]) -> Entry {
        let first = self.indices;
        let mut v = self.vertices;
        for ring in rings {
            for w in ring.windows(2) {
                let (a, b) = (w[0], w[1]);
                let d = [f64::from(b[0]) - f64::from(a[0]), f64::from(b[1]) - f64::from(a[1])];
                let len = d[0].hypot(d[1]);
                if !(len > 0.0 && len.is_finite()) {
                    continue; // a repeated point has no direction
                }
                let normal = [(-d[1] / len * 32767.0).round() as i16, (d[0] / len * 32767.0).round() as i16];
                for (pos, end) in [(a, -1), (b, 1)] {
                    for side in [-1, 1] {
                        out.vertices.push(LineVertex { pos, normal, corner: [side, end] });
                    }
                }
                out.indices.extend_from_slice(&[v, v + 1, v + 2, v + 1, v + 3, v + 2]);
                v += 4;
            }
        }
        let count = (v - self.vertices) / 4 * 6;
        self.vertices = v;
        self.indices += count;
        Entry { first, count, slot: self.entries.len() as u32 }
    }
}

/// Fill meshes coloured from rows `row..` of the colour table.
#[derive(Debug, Clone, PartialEq)]
pub struct FillBatch {
    pub row: u32,
    pub ranges: Vec<Range>,
}

/// Border meshes of one colour (premultiplied RGBA) and width (points).
#[derive(Debug, Clone, PartialEq)]
pub struct LineBatch {
    pub color: [u8; 4],
    pub width: f32,
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
    /// Times the buffers started over (a new scene, full, or too scattered).
    pub resets: u64,
}

/// What a pane keeps on the GPU: the bookkeeping (the GL objects are in `map_gl`).
#[derive(Default)]
pub struct Resident {
    scene: u64,
    capacity: Capacity,
    fills: Arena,
    lines: Arena,
    repack: bool,
    /// Draw calls of the first frame after the last start-over (what "packed" means here).
    packed_calls: usize,
    /// Uploads the GL side has yet to make, in order.
    pub pending: Vec<Upload>,
    pub stats: Stats,
    /// Scratch: per feature, how many of its areas this frame has placed.
    layers: Vec<u8>,
}

impl Resident {
    fn used(&self) -> Capacity {
        Capacity { fill_vertices: self.fills.vertices, fill_indices: self.fills.indices, line_vertices: self.lines.vertices, line_indices: self.lines.indices }
    }

    /// Queue what `pic` needs that is not on the GPU yet, and list what to draw.
    pub fn prepare(&mut self, pic: &MapPicture) -> DrawList {
        let t0 = Instant::now();
        let borders = || pic.outlines.iter().filter(|o| o.role == OutlineRole::Border);
        let segments = |rings: &[&[[f32; 2]]]| rings.iter().map(|r| r.len().saturating_sub(1)).sum::<usize>();
        // What the frame draws, and what of it is not on the GPU (a mesh drawn twice counts
        // twice: an overestimate is safe).
        let (mut need, mut missing) = (Capacity::default(), Capacity::default());
        for a in &pic.areas {
            let size = (a.tris.vertices.len(), a.tris.indices.len());
            need.add(size, (0, 0));
            if !self.fills.entries.contains_key(&a.key) {
                missing.add(size, (0, 0));
            }
        }
        for o in borders() {
            let n = segments(&o.rings);
            need.add((0, 0), (4 * n, 6 * n));
            if !self.lines.entries.contains_key(&o.key) {
                missing.add((0, 0), (4 * n, 6 * n));
            }
        }
        let reset = self.scene != pic.scene || self.repack || !self.capacity.fits(self.used(), missing);
        if reset {
            // Start over with what this frame shows, in its order (one draw call per batch).
            self.scene = pic.scene;
            self.capacity = Capacity::room_for(need);
            self.fills = Arena::default();
            self.lines = Arena::default();
            self.repack = false;
            self.pending.clear();
            self.pending.push(Upload::Reset(self.capacity));
            self.stats.resets += 1;
        }

        let mut fills = Append::at(&self.fills);
        self.layers.iter_mut().for_each(|l| *l = 0);
        let mut batches: Vec<Vec<(Entry, [u8; 4])>> = Vec::new();
        for a in &pic.areas {
            let entry = match self.fills.entries.get(&a.key) {
                Some(e) => *e,
                None => {
                    let e = self.fills.append_fill(&mut fills, a.tris);
                    self.fills.entries.insert(a.key, e);
                    e
                }
            };
            let f = a.key.feature();
            if f >= self.layers.len() {
                self.layers.resize(f + 1, 0);
            }
            let Some(layer) = self.layers.get_mut(f) else { continue };
            let b = usize::from(*layer);
            *layer = layer.saturating_add(1);
            if batches.len() <= b {
                batches.resize_with(b + 1, Vec::new);
            }
            if let Some(batch) = batches.get_mut(b) {
                batch.push((entry, color(a.color).to_array()));
            }
        }
        let mut lines = Append::at(&self.lines);
        let mut line_batches: Vec<(LineBatch, Vec<Entry>)> = Vec::new();
        for o in borders() {
            let entry = match self.lines.entries.get(&o.key) {
                Some(e) => *e,
                None => {
                    let e = self.lines.append_line(&mut lines, &o.rings);
                    self.lines.entries.insert(o.key, e);
                    e
                }
            };
            let c = color(o.color).to_array();
            match line_batches.last_mut() {
                Some((b, entries)) if b.color == c && b.width == o.width => entries.push(entry),
                _ => line_batches.push((LineBatch { color: c, width: o.width, ranges: Vec::new() }, vec![entry])),
            }
        }

        let uploaded = fills.bytes() + lines.bytes();
        if !fills.vertices.is_empty() {
            self.pending.push(Upload::Fills(fills));
        }
        if !lines.vertices.is_empty() {
            self.pending.push(Upload::Lines(lines));
        }

        let rows = self.fills.entries.len().div_ceil(TABLE_WIDTH).max(1);
        let mut table = vec![[0u8; 4]; batches.len() * rows * TABLE_WIDTH];
        let mut draw = DrawList { view: pic.view, rect: pic.rect, fills: Vec::new(), lines: Vec::new(), table: Vec::new() };
        for (b, batch) in batches.iter().enumerate() {
            for (e, c) in batch {
                if let Some(t) = table.get_mut(b * rows * TABLE_WIDTH + e.slot as usize) {
                    *t = *c;
                }
            }
            draw.fills.push(FillBatch { row: (b * rows) as u32, ranges: merged(batch.iter().map(|(e, _)| *e).collect()) });
        }
        draw.table = table;
        draw.lines = line_batches.into_iter().map(|(b, entries)| LineBatch { ranges: merged(entries), ..b }).collect();
        // Meshes added since the start-over scatter the draw calls; repack when there are many.
        if reset {
            self.packed_calls = draw.draw_calls();
        }
        self.repack = draw.draw_calls() > MAX_RANGES.max(4 * self.packed_calls);

        self.stats.frames += 1;
        if uploaded > 0 {
            self.stats.upload_bytes += uploaded as u64;
            self.stats.upload_frames += 1;
            self.stats.upload_time += t0.elapsed();
        }
        draw
    }
}

/// Index ranges of `entries` in buffer order, neighbours merged.
fn merged(mut entries: Vec<Entry>) -> Vec<Range> {
    entries.sort_unstable_by_key(|e| e.first);
    let mut out: Vec<Range> = Vec::new();
    for e in entries.into_iter().filter(|e| e.count > 0) {
        match out.last_mut() {
            Some(r) if r.first + r.count == e.first => r.count += e.count,
            Some(r) if r.first == e.first => {} // the same mesh twice
            _ => out.push(Range { first: e.first, count: e.count }),
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
