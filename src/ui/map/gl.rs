//! The map's areas and county borders drawn by the GPU through eframe's glow renderer: a paint
//! callback runs two small shader programs over buffers in world units that `map_gpu` fills
//! once per mesh (borders drawn from the fills' own vertices), so a frame costs the CPU a few uniforms, not a transform of every vertex.
//!
//! Installed at start-up when the window has a GL context whose shaders compile; without one
//! (egui_kittest, another renderer) `map_view` paints the same `MapPicture` on the CPU.
//! `PLANMAP_CPU_MAP=1` keeps the CPU path (to compare). `PLANMAP_FRAME_LOG=1` prints per
//! frame the window's update time, the map callbacks' time (GL calls, finished: with llvmpipe
//! this includes its vertex and raster work), the time since the last frame and the process's
//! CPU time over it (all threads).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use eframe::egui::{self, Id};
use eframe::egui_glow::{self, ShaderVersion};
use eframe::glow::{self, HasContext};

use crate::scene::picture::MapPicture;
use crate::ui::map::gpu::{CLIP_FROM_WORLD_GLSL, DrawList, Resident, Stats, TABLE_WIDTH, Upload, Vertex, ViewUniforms, Viewport};

/// The GPU painter of the map panes, kept in the egui context.
pub struct MapGl {
    inner: Mutex<Inner>,
    /// Something failed on the GL side: paint on the CPU from the next frame on.
    failed: AtomicBool,
    /// Callback time (µs) since the last frame-log line.
    callback_us: AtomicU64,
    log: bool,
}

struct Inner {
    /// None: no GL (`planmap bench` measures the CPU side alone).
    programs: Option<Programs>,
    panes: HashMap<Id, Pane>,
}

struct Pane {
    resident: Resident,
    gl: Option<PaneGl>,
    /// The egui pass that last described this pane.
    last_pass: u64,
}

fn key() -> Id {
    Id::unique("planmap-map-gl")
}

/// Install the GPU painter: with the window's GL context, or with none (the bookkeeping runs,
/// nothing is drawn: for measuring). An error (shaders that do not compile) leaves the CPU path.
pub fn install(ctx: &egui::Context, gl: Option<&glow::Context>) -> Result<(), String> {
    if gl.is_some() && std::env::var_os("PLANMAP_CPU_MAP").is_some() {
        return Err("PLANMAP_CPU_MAP is set".into());
    }
    let programs = match gl {
        // SAFETY: the context is current on this thread while eframe creates the app.
        Some(gl) => Some(unsafe { Programs::new(gl)? }),
        None => None,
    };
    let map_gl = MapGl { inner: Mutex::new(Inner { programs, panes: HashMap::new() }), failed: AtomicBool::new(false), callback_us: AtomicU64::new(0), log: frame_log() };
    ctx.data_mut(|d| d.insert_temp(key(), Arc::new(map_gl)));
    Ok(())
}

/// The GPU painter, when installed and working.
pub fn get(ctx: &egui::Context) -> Option<Arc<MapGl>> {
    ctx.data(|d| d.get_temp::<Arc<MapGl>>(key())).filter(|m| !m.failed.load(Ordering::Relaxed))
}

/// Upload totals of every pane (for `planmap bench`).
pub fn stats(ctx: &egui::Context) -> Stats {
    let Some(m) = ctx.data(|d| d.get_temp::<Arc<MapGl>>(key())) else { return Stats::default() };
    let inner = m.inner.lock().unwrap_or_else(|e| e.into_inner());
    inner.panes.values().fold(Stats::default(), |a, p| {
        let s = p.resident.stats;
        Stats {
            frames: a.frames + s.frames,
            upload_bytes: a.upload_bytes + s.upload_bytes,
            upload_frames: a.upload_frames + s.upload_frames,
            upload_time: a.upload_time + s.upload_time,
            resets: a.resets + s.resets,
            grows: a.grows + s.grows,
            repacks: a.repacks + s.repacks,
        }
    })
}

fn frame_log() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PLANMAP_FRAME_LOG").is_some())
}

/// The process's CPU time (user + system, all threads) in clock ticks (1/100 s on Linux).
fn process_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at ")".
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, r)| r).split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// With `PLANMAP_FRAME_LOG` set: one line per window update (see the module doc).
pub fn note_update(ctx: &egui::Context, update: std::time::Duration) {
    if !frame_log() {
        return;
    }
    static LAST: Mutex<Option<(Instant, u64)>> = Mutex::new(None);
    let now = (Instant::now(), process_ticks());
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let callback_ms = ctx.data(|d| d.get_temp::<Arc<MapGl>>(key())).map_or(0.0, |m| m.callback_us.swap(0, Ordering::Relaxed) as f64 / 1e3);
    if let Some((t, ticks)) = *last {
        eprintln!(
            "frame-log update {:.2} ms, map callbacks {callback_ms:.2} ms, since last frame {:.1} ms, process CPU {} ms",
            update.as_secs_f64() * 1e3,
            (now.0 - t).as_secs_f64() * 1e3,
            (now.1 - ticks) * 10
        );
    }
    *last = Some(now);
}

impl MapGl {
    /// The callback that paints `pic`'s areas and borders for pane `id`: what it needs that is
    /// not on the GPU yet is queued for upload, the rest is a list of index ranges.
    pub fn callback(self: &Arc<Self>, id: Id, pic: &MapPicture, pass: u64, rect: egui::Rect) -> egui::PaintCallback {
        let draw = {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let headless = inner.programs.is_none();
            let pane = inner.panes.entry(id).or_insert_with(|| Pane { resident: Resident::default(), gl: None, last_pass: pass });
            pane.last_pass = pass;
            let draw = pane.resident.prepare(pic);
            if headless {
                pane.resident.pending.clear();
            }
            draw
        };
        let me = Arc::clone(self);
        let paint = egui_glow::CallbackFn::new(move |info, painter| me.paint(id, pass, &draw, &info, painter.gl()));
        egui::PaintCallback { rect, callback: Arc::new(paint) }
    }

    fn paint(&self, id: Id, pass: u64, draw: &DrawList, info: &egui::PaintCallbackInfo, gl: &glow::Context) {
        let t0 = Instant::now();
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let Inner { programs, panes } = &mut *inner;
        let Some(programs) = programs else { return };
        // A pane no longer drawn (a comparison closed) gives its buffers back.
        panes.retain(|k, p| {
            let keep = *k == id || p.last_pass + 8 >= pass;
            if !keep && let Some(g) = p.gl.take() {
                // SAFETY: egui_glow calls us with its context current.
                unsafe { g.delete(gl) };
            }
            keep
        });
        let Some(pane) = panes.get_mut(&id) else { return };
        let vp = info.viewport_in_pixels();
        if vp.width_px <= 0 || vp.height_px <= 0 {
            return;
        }
        let viewport = Viewport { left: vp.left_px as f32, top: vp.top_px as f32, width: vp.width_px as f32, height: vp.height_px as f32 };
        let view = ViewUniforms::new(&draw.view, draw.rect, info.pixels_per_point, viewport);
        let uploaded: usize = pane.resident.pending.iter().map(Upload::bytes).sum();
        // SAFETY: as above; every buffer offset and size comes from `Resident`, which keeps
        // each upload inside the capacity it allocated.
        let done = unsafe {
            let mut done = Ok(());
            for upload in pane.resident.pending.drain(..) {
                done = done.and_then(|()| PaneGl::apply(&mut pane.gl, gl, upload));
            }
            done.and_then(|()| match &mut pane.gl {
                Some(g) => {
                    g.draw(gl, programs, draw, &view, info.pixels_per_point);
                    Ok(())
                }
                None => Err("no buffers".to_string()),
            })
        };
        if let Err(e) = done {
            eprintln!("planmap: GPU map painting failed ({e}); painting on the CPU from now on");
            self.failed.store(true, Ordering::Relaxed);
        }
        if self.log {
            // Finish the GL work so the time includes it (only when logging).
            // SAFETY: as above.
            unsafe { gl.finish() };
            self.callback_us.fetch_add(t0.elapsed().as_micros() as u64, Ordering::Relaxed);
            if uploaded > 0 {
                eprintln!("frame-log uploaded {} KB ({} draw calls)", uploaded / 1024, draw.draw_calls());
            }
        }
    }
}

/// Attribute locations (bound before linking: GLSL 1.40 has no layout qualifiers for them).
const FILL_ATTRIBUTES: [&str; 2] = ["a_pos", "a_slot"];
const LINE_ATTRIBUTES: [&str; 3] = ["a_start", "a_end", "a_flag"];

const FILL_VERTEX: &str = "
uniform sampler2D u_colors;
uniform int u_row0;
in vec2 a_pos;
in float a_slot;
out vec4 v_color;
void main() {
    gl_Position = vec4(clip_from_world(a_pos), 0.0, 1.0);
    int s = int((a_slot < 0.0 ? -a_slot - 1.0 : a_slot) + 0.5);
    v_color = texelFetch(u_colors, ivec2(s - (s / 1024) * 1024, u_row0 + s / 1024), 0);
}
";

const FILL_FRAGMENT: &str = "
in vec4 v_color;
out vec4 f_color;
void main() {
    f_color = dither(v_color);
}
";

/// A border: one instance per pair of neighbouring points (`a_start`, `a_end`), a quad of four
/// corners (`gl_VertexID`, a triangle strip) pushed out from the segment by half the width
/// plus, antialiased, half a pixel (where a pixel's coverage ends), and along it by half the
/// width (so segments meet without notches). No quad starts at a ring's last point (`a_flag`
/// negative) or on a segment of no length: its corners collapse to one point.
const LINE_VERTEX: &str = "
uniform float u_half_width;
uniform float u_feather;
in vec2 a_start;
in vec2 a_end;
in float a_flag;
out float v_across;
void main() {
    vec2 d = a_end - a_start;
    float len = length(d);
    if (a_flag < 0.0 || !(len > 0.0)) {
        gl_Position = vec4(2.0, 2.0, 0.0, 1.0);
        v_across = 0.0;
        return;
    }
    float side = (gl_VertexID == 0 || gl_VertexID == 2) ? -1.0 : 1.0;
    float end = gl_VertexID < 2 ? -1.0 : 1.0;
    vec2 normal = vec2(-d.y, d.x) / len;
    vec2 along = vec2(normal.y, -normal.x);
    float reach = u_half_width + u_feather;
    vec2 px = normal * (side * reach) + along * (end * u_half_width);
    gl_Position = vec4(clip_from_world(end < 0.0 ? a_start : a_end) + px / u_half, 0.0, 1.0);
    v_across = side * reach;
}
";

/// Coverage of a pixel (a box one pixel wide) by the line, from its distance to the centre;
/// plain lines cover what they touch.
const LINE_FRAGMENT: &str = "
uniform vec4 u_color;
uniform float u_half_width;
uniform float u_feather;
in float v_across;
out vec4 f_color;
void main() {
    float d = abs(v_across);
    float cover = u_feather > 0.0 ? clamp(min(d + 0.5, u_half_width) - max(d - 0.5, -u_half_width), 0.0, 1.0) : 1.0;
    f_color = dither(u_color * cover);
}
";

/// A plain border (no feathering) covers what it touches: no varying to interpolate, so the
/// rasteriser keeps less per triangle (with llvmpipe, all of China in view: about 5 MB less held).
const PLAIN_LINE_FRAGMENT: &str = "
uniform vec4 u_color;
out vec4 f_color;
void main() {
    f_color = dither(u_color);
}
";

/// egui_glow's dithering (the same noise, so colours match egui's meshes).
const DITHER: &str = "
float interleaved_gradient_noise(vec2 n) {
    float f = 0.06711056 * n.x + 0.00583715 * n.y;
    return fract(52.9829189 * fract(f));
}
vec4 dither(vec4 c) {
    float noise = (interleaved_gradient_noise(gl_FragCoord.xy) - 0.5) * 0.95;
    return vec4(c.rgb + noise / 255.0, c.a);
}
";

struct Programs {
    fill: glow::Program,
    line: glow::Program,
    plain_line: glow::Program,
    fill_u: Uniforms,
    line_u: Uniforms,
    plain_line_u: Uniforms,
}

#[derive(Default)]
struct Uniforms {
    center_hi: Option<glow::UniformLocation>,
    center_lo: Option<glow::UniformLocation>,
    scale: Option<glow::UniformLocation>,
    offset: Option<glow::UniformLocation>,
    half: Option<glow::UniformLocation>,
    colors: Option<glow::UniformLocation>,
    row0: Option<glow::UniformLocation>,
    color: Option<glow::UniformLocation>,
    half_width: Option<glow::UniformLocation>,
    feather: Option<glow::UniformLocation>,
}

impl Programs {
    unsafe fn new(gl: &glow::Context) -> Result<Programs, String> {
        let version = ShaderVersion::get(gl);
        if !version.is_new_shader_interface() {
            return Err(format!("GLSL {version:?} is too old for the map shaders"));
        }
        // Borders are instanced (glVertexAttribDivisor: OpenGL 3.3, OpenGL ES 3.0).
        let v = gl.version();
        if (v.is_embedded && v.major < 3) || (!v.is_embedded && (v.major, v.minor) < (3, 3)) {
            return Err(format!("OpenGL {}.{} has no instanced drawing for the map borders", v.major, v.minor));
        }
        let head = format!("{}#ifdef GL_ES\nprecision highp float;\nprecision highp int;\nprecision highp sampler2D;\n#endif\n", version.version_declaration());
        let vertex = |body: &str| format!("{head}{CLIP_FROM_WORLD_GLSL}{body}");
        let fragment = |body: &str| format!("{head}{DITHER}{body}");
        unsafe {
            let mut made = Vec::new();
            for (v, f, attributes) in
                [(FILL_VERTEX, FILL_FRAGMENT, &FILL_ATTRIBUTES[..]), (LINE_VERTEX, LINE_FRAGMENT, &LINE_ATTRIBUTES), (LINE_VERTEX, PLAIN_LINE_FRAGMENT, &LINE_ATTRIBUTES)]
            {
                match program(gl, &vertex(v), &fragment(f), attributes) {
                    Ok(p) => made.push(p),
                    Err(e) => {
                        for p in made {
                            gl.delete_program(p);
                        }
                        return Err(e);
                    }
                }
            }
            let [fill, line, plain_line] = made[..] else { return Err("map shaders: not all made".into()) };
            let uniforms = |p: glow::Program| {
                let at = |name: &str| gl.get_uniform_location(p, name);
                Uniforms {
                    center_hi: at("u_center_hi"),
                    center_lo: at("u_center_lo"),
                    scale: at("u_scale"),
                    offset: at("u_offset"),
                    half: at("u_half"),
                    colors: at("u_colors"),
                    row0: at("u_row0"),
                    color: at("u_color"),
                    half_width: at("u_half_width"),
                    feather: at("u_feather"),
                }
            };
            Ok(Programs { fill_u: uniforms(fill), line_u: uniforms(line), plain_line_u: uniforms(plain_line), fill, line, plain_line })
        }
    }
}

unsafe fn program(gl: &glow::Context, vertex: &str, fragment: &str, attributes: &[&str]) -> Result<glow::Program, String> {
    unsafe {
        let program = gl.create_program()?;
        let mut shaders = Vec::new();
        let mut failed = None;
        for (kind, source) in [(glow::VERTEX_SHADER, vertex), (glow::FRAGMENT_SHADER, fragment)] {
            let shader = gl.create_shader(kind)?;
            gl.shader_source(shader, source);
            gl.compile_shader(shader);
            if !gl.get_shader_compile_status(shader) {
                failed = Some(gl.get_shader_info_log(shader));
            }
            gl.attach_shader(program, shader);
            shaders.push(shader);
        }
        for (i, name) in attributes.iter().enumerate() {
            gl.bind_attrib_location(program, i as u32, name);
        }
        if failed.is_none() {
            gl.link_program(program);
            if !gl.get_program_link_status(program) {
                failed = Some(gl.get_program_info_log(program));
            }
        }
        for s in shaders {
            gl.detach_shader(program, s);
            gl.delete_shader(s);
        }
        match failed {
            Some(log) => {
                gl.delete_program(program);
                Err(log)
            }
            None => Ok(program),
        }
    }
}

/// A pane's buffers, their vertex layouts, and its colour table.
struct PaneGl {
    fill_vao: glow::VertexArray,
    line_vao: glow::VertexArray,
    vbo: glow::Buffer,
    ibo: glow::Buffer,
    colors: glow::Texture,
    /// The table as last uploaded.
    table: Vec<[u8; 4]>,
}

fn bytes_of<T>(n: u32) -> Result<i32, String> {
    i32::try_from(n as usize * std::mem::size_of::<T>()).map_err(|_| "buffer too large".to_string())
}

const STRIDE: i32 = std::mem::size_of::<Vertex>() as i32;

/// Copy `size` bytes of `buffer` from `from` to `to` (ranges apart), on the GPU.
unsafe fn copy_within(gl: &glow::Context, buffer: glow::Buffer, from: i32, to: i32, size: i32) {
    unsafe {
        gl.bind_buffer(glow::COPY_READ_BUFFER, Some(buffer));
        gl.bind_buffer(glow::COPY_WRITE_BUFFER, Some(buffer));
        gl.copy_buffer_sub_data(glow::COPY_READ_BUFFER, glow::COPY_WRITE_BUFFER, from, to, size);
        gl.bind_buffer(glow::COPY_READ_BUFFER, None);
        gl.bind_buffer(glow::COPY_WRITE_BUFFER, None);
    }
}

impl PaneGl {
    unsafe fn new(gl: &glow::Context) -> Result<PaneGl, String> {
        unsafe {
            let g = PaneGl {
                fill_vao: gl.create_vertex_array()?,
                line_vao: gl.create_vertex_array()?,
                vbo: gl.create_buffer()?,
                ibo: gl.create_buffer()?,
                colors: gl.create_texture()?,
                table: Vec::new(),
            };
            g.bind_layouts(gl);
            gl.bind_texture(glow::TEXTURE_2D, Some(g.colors));
            for (p, v) in [
                (glow::TEXTURE_MIN_FILTER, glow::NEAREST),
                (glow::TEXTURE_MAG_FILTER, glow::NEAREST),
                (glow::TEXTURE_WRAP_S, glow::CLAMP_TO_EDGE),
                (glow::TEXTURE_WRAP_T, glow::CLAMP_TO_EDGE),
            ] {
                gl.tex_parameter_i32(glow::TEXTURE_2D, p, v as i32);
            }
            Ok(g)
        }
    }

    /// Point both vertex layouts at the buffers (again after they were replaced). The line
    /// layout's offsets are set per draw call.
    unsafe fn bind_layouts(&self, gl: &glow::Context) {
        unsafe {
            gl.bind_vertex_array(Some(self.fill_vao));
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.vbo));
            gl.enable_vertex_attrib_array(0);
            gl.vertex_attrib_pointer_f32(0, 2, glow::FLOAT, false, STRIDE, 0);
            gl.enable_vertex_attrib_array(1);
            gl.vertex_attrib_pointer_f32(1, 1, glow::FLOAT, false, STRIDE, 8);
            gl.bind_buffer(glow::ELEMENT_ARRAY_BUFFER, Some(self.ibo));
            gl.bind_vertex_array(Some(self.line_vao));
            for a in 0..3 {
                gl.enable_vertex_attrib_array(a);
                gl.vertex_attrib_divisor(a, 1);
            }
            gl.bind_vertex_array(None);
            gl.bind_buffer(glow::ARRAY_BUFFER, None);
        }
    }

    /// Carry out one upload; a reset creates the buffers on the first frame.
    unsafe fn apply(this: &mut Option<PaneGl>, gl: &glow::Context, upload: Upload) -> Result<(), String> {
        unsafe {
            if this.is_none() {
                *this = Some(PaneGl::new(gl)?);
            }
            let Some(g) = this.as_mut() else { return Err("no buffers".into()) };
            match upload {
                Upload::Reset(cap) => {
                    gl.bind_buffer(glow::ARRAY_BUFFER, Some(g.vbo));
                    gl.buffer_data_size(glow::ARRAY_BUFFER, bytes_of::<Vertex>(cap.vertices)?, glow::STATIC_DRAW);
                    gl.bind_vertex_array(Some(g.fill_vao));
                    gl.buffer_data_size(glow::ELEMENT_ARRAY_BUFFER, bytes_of::<u32>(cap.indices)?, glow::STATIC_DRAW);
                }
                Upload::Grow { keep, to } => {
                    // New buffers, the old content copied over by the GPU, the old ones freed.
                    let (vbo, ibo) = (gl.create_buffer()?, gl.create_buffer()?);
                    for (old, new, size, kept) in [
                        (g.vbo, vbo, bytes_of::<Vertex>(to.vertices)?, bytes_of::<Vertex>(keep.vertices)?),
                        (g.ibo, ibo, bytes_of::<u32>(to.indices)?, bytes_of::<u32>(keep.indices)?),
                    ] {
                        gl.bind_buffer(glow::COPY_WRITE_BUFFER, Some(new));
                        gl.buffer_data_size(glow::COPY_WRITE_BUFFER, size, glow::STATIC_DRAW);
                        if kept > 0 {
                            gl.bind_buffer(glow::COPY_READ_BUFFER, Some(old));
                            gl.copy_buffer_sub_data(glow::COPY_READ_BUFFER, glow::COPY_WRITE_BUFFER, 0, 0, kept);
                        }
                    }
                    gl.bind_buffer(glow::COPY_READ_BUFFER, None);
                    gl.bind_buffer(glow::COPY_WRITE_BUFFER, None);
                    gl.delete_buffer(g.vbo);
                    gl.delete_buffer(g.ibo);
                    g.vbo = vbo;
                    g.ibo = ibo;
                    g.bind_layouts(gl);
                }
                Upload::Vertices { at, data } => {
                    gl.bind_buffer(glow::ARRAY_BUFFER, Some(g.vbo));
                    gl.buffer_sub_data_u8_slice(glow::ARRAY_BUFFER, bytes_of::<Vertex>(at)?, bytemuck::cast_slice(&data));
                }
                Upload::Indices { at, data } => {
                    gl.bind_vertex_array(Some(g.fill_vao));
                    gl.buffer_sub_data_u8_slice(glow::ELEMENT_ARRAY_BUFFER, bytes_of::<u32>(at)?, bytemuck::cast_slice(&data));
                }
                Upload::CopyVertices { from, to, count } => copy_within(gl, g.vbo, bytes_of::<Vertex>(from)?, bytes_of::<Vertex>(to)?, bytes_of::<Vertex>(count)?),
                Upload::CopyIndices { from, to, count } => copy_within(gl, g.ibo, bytes_of::<u32>(from)?, bytes_of::<u32>(to)?, bytes_of::<u32>(count)?),
            }
            gl.bind_vertex_array(None);
            gl.bind_buffer(glow::ARRAY_BUFFER, None);
            Ok(())
        }
    }

    unsafe fn draw(&mut self, gl: &glow::Context, p: &Programs, draw: &DrawList, view: &ViewUniforms, pixels_per_point: f32) {
        unsafe {
            let set_view = |u: &Uniforms| {
                gl.uniform_2_f32(u.center_hi.as_ref(), view.center_hi[0], view.center_hi[1]);
                gl.uniform_2_f32(u.center_lo.as_ref(), view.center_lo[0], view.center_lo[1]);
                gl.uniform_1_f32(u.scale.as_ref(), view.scale);
                gl.uniform_2_f32(u.offset.as_ref(), view.offset[0], view.offset[1]);
                gl.uniform_2_f32(u.half.as_ref(), view.half[0], view.half[1]);
            };
            gl.active_texture(glow::TEXTURE0);
            gl.bind_texture(glow::TEXTURE_2D, Some(self.colors));
            if self.table != draw.table {
                let rows = draw.table_rows() as i32;
                gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, 4);
                let pixels = glow::PixelUnpackData::Slice(Some(bytemuck::cast_slice(&draw.table)));
                if self.table.len() == draw.table.len() {
                    gl.tex_sub_image_2d(glow::TEXTURE_2D, 0, 0, 0, TABLE_WIDTH as i32, rows, glow::RGBA, glow::UNSIGNED_BYTE, pixels);
                } else {
                    gl.tex_image_2d(glow::TEXTURE_2D, 0, glow::RGBA8 as i32, TABLE_WIDTH as i32, rows, 0, glow::RGBA, glow::UNSIGNED_BYTE, pixels);
                }
                self.table.clone_from(&draw.table);
            }
            gl.use_program(Some(p.fill));
            set_view(&p.fill_u);
            gl.uniform_1_i32(p.fill_u.colors.as_ref(), 0);
            gl.bind_vertex_array(Some(self.fill_vao));
            for batch in &draw.fills {
                gl.uniform_1_i32(p.fill_u.row0.as_ref(), batch.row as i32);
                for r in &batch.ranges {
                    gl.draw_elements(glow::TRIANGLES, r.count as i32, glow::UNSIGNED_INT, (r.first as usize * 4) as i32);
                }
            }
            for (program, u) in [(p.line, &p.line_u), (p.plain_line, &p.plain_line_u)] {
                gl.use_program(Some(program));
                set_view(u);
            }
            gl.bind_vertex_array(Some(self.line_vao));
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.vbo));
            let mut in_use = p.plain_line;
            for batch in &draw.lines {
                let (program, u) = if batch.antialias { (p.line, &p.line_u) } else { (p.plain_line, &p.plain_line_u) };
                if program != in_use {
                    gl.use_program(Some(program));
                    in_use = program;
                }
                let c = batch.color.map(|v| f32::from(v) / 255.0);
                gl.uniform_4_f32(u.color.as_ref(), c[0], c[1], c[2], c[3]);
                gl.uniform_1_f32(u.half_width.as_ref(), batch.width * pixels_per_point / 2.0);
                gl.uniform_1_f32(u.feather.as_ref(), if batch.antialias { 0.5 } else { 0.0 });
                for r in batch.ranges.iter().filter(|r| r.count >= 2) {
                    // Segment k of the range: vertices first + k and first + k + 1.
                    let at = r.first as i32 * STRIDE;
                    gl.vertex_attrib_pointer_f32(0, 2, glow::FLOAT, false, STRIDE, at);
                    gl.vertex_attrib_pointer_f32(1, 2, glow::FLOAT, false, STRIDE, at + STRIDE);
                    gl.vertex_attrib_pointer_f32(2, 1, glow::FLOAT, false, STRIDE, at + 8);
                    gl.draw_arrays_instanced(glow::TRIANGLE_STRIP, 0, 4, r.count as i32 - 1);
                }
            }
            gl.bind_buffer(glow::ARRAY_BUFFER, None);
            gl.bind_vertex_array(None);
        }
    }

    unsafe fn delete(self, gl: &glow::Context) {
        unsafe {
            gl.delete_vertex_array(self.fill_vao);
            gl.delete_vertex_array(self.line_vao);
            gl.delete_buffer(self.vbo);
            gl.delete_buffer(self.ibo);
            gl.delete_texture(self.colors);
        }
    }
}
