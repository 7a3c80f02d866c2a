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
//! Drawing order is the picture's, exactly (neighbours simplified apart overlap by slivers, so
//! any other order would change a pixel here and there). A batch runs until a mesh repeats (a
//! veil over a base): each batch has its row of the colour table. Meshes that follow each
//! other in the buffer merge into one draw call; a start-over appends in the picture's order,
//! so a frame right after one is a draw call or two per batch.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytemuck::{Pod, Zeroable};

use crate::scene::picture::{MapPicture, MeshKey, OutlineRole};
use crate::scene::view::ScreenRect;
use crate::scene::{MeshRef, View};
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
        Capacity {
            fill_vertices: room(need.fill_vertices),
            fill_indices: room(need.fill_indices),
            line_vertices: room(need.line_vertices),
            line_indices: room(need.line_indices),
        }
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

/// Border meshes of one colour (premultiplied RGBA) and width (points), antialiased or plain.
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
    /// Scratch: per slot, whether the current batch draws it.
    in_batch: Vec<bool>,
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
        let mut batches: Vec<Vec<(Entry, [u8; 4])>> = vec![Vec::new()];
        self.in_batch.clear();
        for a in &pic.areas {
            let entry = match self.fills.entries.get(&a.key) {
                Some(e) => *e,
                None => {
                    let e = self.fills.append_fill(&mut fills, a.tris);
                    self.fills.entries.insert(a.key, e);
                    e
                }
            };
            let slot = entry.slot as usize;
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
                batch.push((entry, color(a.color).to_array()));
            }
        }
        let mut lines = Append::at(&self.lines);
        let mut line_batches: Vec<(LineBatch, Vec<Entry>)> = Vec::new();
        let plain = pic.border_vertices > PLAIN_BORDERS_PAST;
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
            let width = if plain { o.width + 0.1 } else { o.width };
            match line_batches.last_mut() {
                Some((b, entries)) if b.color == c && b.width == width => entries.push(entry),
                _ => line_batches.push((LineBatch { color: c, width, antialias: !plain, ranges: Vec::new() }, vec![entry])),
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
            draw.fills.push(FillBatch { row: (b * rows) as u32, ranges: in_order(batch.iter().map(|(e, _)| *e)) });
        }
        draw.table = table;
        draw.lines = line_batches.into_iter().map(|(b, entries)| LineBatch { ranges: merged(entries), ..b }).collect();
        // Meshes added since the start-over scatter the draw calls; repack when there are many.
        if reset {
            self.packed_calls = draw.draw_calls();
        }
        self.repack = draw.draw_calls() > MAX_RANGES.max(4 * self.packed_calls);
        if self.repack && !reset {
            // Now rather than a frame of hundreds of draw calls.
            return self.prepare(pic);
        }

        self.stats.frames += 1;
        if uploaded > 0 {
            self.stats.upload_bytes += uploaded as u64;
            self.stats.upload_frames += 1;
            self.stats.upload_time += t0.elapsed();
        }
        draw
    }
}

/// Index ranges of `entries` in their order, each merged into the last when it follows it in
/// the buffer.
fn in_order(entries: impl Iterator<Item = Entry>) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for e in entries.filter(|e| e.count > 0) {
        match out.last_mut() {
            Some(r) if r.first + r.count == e.first => r.count += e.count,
            _ => out.push(Range { first: e.first, count: e.count }),
        }
    }
    out
}

/// Index ranges of `entries` in buffer order, neighbours merged (for meshes of one colour,
/// whose order does not show).
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
        fill_vertices: Vec<FillVertex>,
        fill_indices: Vec<u32>,
        line_vertices: Vec<LineVertex>,
        line_indices: Vec<u32>,
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
                        self.fill_vertices = vec![FillVertex::zeroed(); cap.fill_vertices as usize];
                        self.fill_indices = vec![0; cap.fill_indices as usize];
                        self.line_vertices = vec![LineVertex::zeroed(); cap.line_vertices as usize];
                        self.line_indices = vec![0; cap.line_indices as usize];
                    }
                    Upload::Fills(a) => {
                        put(&mut self.fill_vertices, a.vertex_at, &a.vertices);
                        put(&mut self.fill_indices, a.index_at, &a.indices);
                    }
                    Upload::Lines(a) => {
                        put(&mut self.line_vertices, a.vertex_at, &a.vertices);
                        put(&mut self.line_indices, a.index_at, &a.indices);
                    }
                }
            }
        }

        /// The fill triangles in drawing order (km) with their colours, as the GPU draws them.
        fn fill_triangles(&self, draw: &DrawList) -> Vec<([[f32; 2]; 3], [u8; 4])> {
            let mut out = Vec::new();
            for batch in &draw.fills {
                for r in &batch.ranges {
                    for t in self.fill_indices[r.first as usize..(r.first + r.count) as usize].chunks_exact(3) {
                        let v = [t[0], t[1], t[2]].map(|i| self.fill_vertices[i as usize]);
                        let slot = v[0].slot as usize;
                        assert!(v.iter().all(|x| x.slot as usize == slot), "a triangle spans two meshes");
                        out.push((v.map(|x| x.pos), draw.table[batch.row as usize * TABLE_WIDTH + slot]));
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
        let mut gpu = Vec::new();
        for batch in &draw.lines {
            assert_eq!(batch.color, color(picture::colors::BORDER).to_array());
            assert!(batch.antialias && batch.width == 0.8, "a county-sized map has antialiased borders of the outline's width");
            for r in &batch.ranges {
                for quad in mirror.line_indices[r.first as usize..(r.first + r.count) as usize].chunks_exact(6) {
                    let v = [quad[0], quad[1], quad[2], quad[4]].map(|i| mirror.line_vertices[i as usize]);
                    assert_eq!(v.map(|x| x.corner), [[-1, -1], [1, -1], [-1, 1], [1, 1]]);
                    let (a, b) = (v[0].pos, v[2].pos);
                    assert!(v[1].pos == a && v[3].pos == b);
                    // The normal is a unit vector across the segment.
                    let n = v[0].normal.map(|c| f64::from(c) / 32767.0);
                    let d = [f64::from(b[0] - a[0]), f64::from(b[1] - a[1])];
                    let len = d[0].hypot(d[1]);
                    assert!((n[0].hypot(n[1]) - 1.0).abs() < 1e-3 && (n[0] * d[0] + n[1] * d[1]).abs() / len < 1e-3);
                    gpu.push([a, b].map(|p| p.map(f32::to_bits)));
                }
            }
        }
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
