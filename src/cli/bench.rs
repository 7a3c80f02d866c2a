//! `planmap bench FILE…`: the figures of the performance goals — load, scene build, peak
//! memory, per-frame CPU (egui layout and tessellation included), the longest frame of a
//! wheel zoom, idle repaints, export to PNG (and from a FlatGeobuf copy beside the file) and
//! pick times. Run it on a release build. Peers (geopandas, gdal_rasterize) are timed beside
//! planmap by benches/side_by_side.sh, where a ratio is the goal.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::document::Document;
use crate::scene::View;
use crate::scene::picture::{self, Highlight, Style};
use crate::ui::map::view::{self, screen_rect};

const WIDTH: f32 = 1600.0;
const HEIGHT: f32 = 1000.0;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1e3)
}

/// Median CPU time of one frame of the map at `view`: egui's run (our painting and labels)
/// and its tessellation into triangles for the GPU. With the GPU painter installed in `ctx`
/// (headless: its bookkeeping runs, nothing is drawn) the run includes what the window's
/// frame prepares for the paint callback; uploads are counted apart (`map_gl::stats`).
/// Also returns the thread's CPU time per frame (mean): on a busy machine the wall-clock
/// medians include time other processes had the core.
fn frame_times(ctx: &egui::Context, doc: &Document, view: View, frames: usize) -> (Duration, Duration, usize, Duration) {
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let (mut run, mut tess) = (Vec::new(), Vec::new());
    let mut vertices = 0;
    let cpu0 = thread_cpu();
    for _ in 0..frames {
        let input = egui::RawInput { screen_rect: Some(rect), ..Default::default() };
        let mut v = view;
        let t0 = Instant::now();
        let mut out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                // What a map pane does each frame: gestures, the description, painting it.
                let rect = ui.available_rect_before_wrap();
                let input = view::interact(ui, rect, &doc.scene, v);
                v = input.view.unwrap_or(v);
                let style = Style { triangulate_budget: Some(picture::FRAME_TRIANGULATE_BUDGET), ..Style::default() };
                let pic = picture::describe(doc.map_data(), v, screen_rect(rect), &Highlight::default(), style);
                view::paint(&ui.painter_at(rect), &pic, egui::Id::unique("bench-map"));
            });
        });
        let t1 = Instant::now();
        let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // No renderer uploads the font atlas here.
        out.textures_delta.clear();
        let t2 = Instant::now();
        vertices = prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        run.push(t1 - t0);
        tess.push(t2 - t1);
    }
    let cpu = thread_cpu().saturating_sub(cpu0) / frames.max(1) as u32;
    (median(run), median(tess), vertices, cpu)
}

/// This thread's time on a CPU so far (Linux: /proc/thread-self/schedstat, in ns; else 0).
fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(0))
}

pub fn run(files: &[std::path::PathBuf], out: &mut dyn Write) -> i32 {
    // First opens are measured as first opens: no entry of the user's cache is read or written
    // (`bench_reopen` measures the cache in a folder of its own).
    crate::document::cache::override_dir(None);
    if let Err(e) = crate::cli::bench_china::run(out) {
        let _ = writeln!(out, "built-in China bundle: {e}");
        return 1;
    }
    for file in files {
        if let Err(e) = bench_one(file, out) {
            let _ = writeln!(out, "{}: {e}", file.display());
            return 1;
        }
    }
    0
}

/// The same file opened again, from the open cache (`document::cache`, written here into a
/// folder of its own, removed after): the entry's size and time to write, then the open and
/// the window's first frame with it.
fn bench_reopen(file: &Path, out: &mut dyn Write) {
    use crate::document::cache;
    if !crate::io::is_boundary_file(file) {
        return;
    }
    let Ok((doc, warnings)) = Document::open_with(file, false, &crate::io::progress::NONE) else { return };
    let dir = std::env::temp_dir().join(format!("planmap-bench-cache-{}", std::process::id()));
    let t = Instant::now();
    // Any size: the bench shows the cache at work on small files too.
    let what = cache::Entry { features: &doc.boundaries.features, diagnostics: &warnings, scene: doc.scene.parts(), neighbours: doc.neighbours() };
    let Some(entry) = cache::store(&dir, file, false, 0, what) else {
        let _ = writeln!(out, "  open cache: not written (not a GeoJSON or FlatGeobuf file, or the folder {} is not writable)", dir.display());
        return;
    };
    let written = t.elapsed();
    let size = std::fs::metadata(&entry).map_or(0, |m| m.len());
    let (t, cpu) = (Instant::now(), cpu_ms());
    let hit = cache::load(&dir, file, false, 0).is_some();
    let (load, load_cpu) = (t.elapsed(), cpu_ms() - cpu);
    cache::override_dir(Some(dir.clone()));
    let t = Instant::now();
    let reopened = Document::open_with(file, false, &crate::io::progress::NONE).is_ok();
    let reopen = t.elapsed();
    // The file's own open cannot take an entry under 8 MiB: show the window's reopen only for files it would.
    let window = (std::fs::metadata(file).map_or(0, |m| m.len()) >= cache::MIN_BYTES).then(|| window_open(file));
    cache::override_dir(None);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = writeln!(
        out,
        "  open cache: entry {:.1} MB written in {} (in the background, after the first open); read back {} ({load_cpu} ms of CPU){}; open from it (scene, fills) {}",
        size as f64 / 1e6,
        ms(written),
        ms(load),
        if hit { "" } else { " (MISSED)" },
        if reopened { ms(reopen) } else { "failed".into() }
    );
    if let Some((to_map, longest, frames)) = window {
        let _ = writeln!(out, "  window, reopened from the cache: start → first map frame {}; longest UI frame meanwhile {} of {frames}", ms(to_map), ms(longest));
    }
}

fn bench_one(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    let t0 = Instant::now();
    let (doc, _) = Document::open(file).map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?;
    let open = t0.elapsed();
    // Document::open = read + parse + validate + scene build + fills; time the parts again.
    let (t, cpu) = (Instant::now(), cpu_ms());
    let boundaries = crate::io::load_boundaries(&boundaries_path(&doc)).0.ok_or("boundaries did not load")?;
    let (load, load_cpu) = (t.elapsed(), cpu_ms() - cpu);
    let (t, cpu) = (Instant::now(), cpu_ms());
    let scene = crate::scene::Scene::build(&boundaries);
    let (build, build_cpu) = (t.elapsed(), cpu_ms() - cpu);
    let vertices: usize = boundaries.features.iter().map(|f| f.geometry.point_count()).sum();
    let stored: usize = boundaries.features.iter().map(|f| f.geometry.heap_bytes()).sum();
    // What the geometry holds, before any triangle: where a window's memory goes.
    let points = |held: bool| -> usize { scene.shapes.iter().flat_map(|s| s.levels.iter().skip(1)).filter(|l| l.has_rings() == held).map(|l| l.vertex_count()).sum() };
    let (coarse, later) = (points(true), points(false));
    let level0: usize = scene.shapes.iter().map(|s| s.levels[0].vertex_count()).sum();
    let mb = |points: usize, bytes: usize| points as f64 * bytes as f64 / 1e6;
    let held = format!(
        "  geometry held: lon/lat i16 deltas {:.0} MB ({:.1} bytes a point), coarser levels f32 {:.0} MB ({coarse} points); made when a view first needs them: full detail {:.0} MB, finer levels {:.0} MB",
        stored as f64 / 1e6,
        stored as f64 / vertices.max(1) as f64,
        mb(coarse, 8),
        mb(level0, 8),
        mb(later, 8)
    );
    let t = Instant::now();
    let triangles: usize = scene.shapes.iter().map(|s| s.levels[0].tris().indices.len() / 3).sum();
    let triangulate = t.elapsed();
    let _ = writeln!(out, "{}: {} features, {vertices} vertices, {triangles} triangles", file.display(), boundaries.features.len());
    let _ = writeln!(out, "{held}");
    let _ = writeln!(out, "  open (read, parse, validate, scene, fills) {}", ms(open));
    let _ = writeln!(out, "  boundaries read + parse                   {}  ({load_cpu} ms of CPU)", ms(load));
    let _ = writeln!(out, "  scene build (project, simplify, R-tree)   {}  ({build_cpu} ms of CPU)", ms(build));
    let _ = writeln!(out, "  triangulate at full detail (earcut)       {}", ms(triangulate));

    // The window's path: areas and borders kept on the GPU (the paint callback's GL work is
    // the driver's, timed in the window with PLANMAP_FRAME_LOG); and the CPU path (no GL).
    let ctx = egui::Context::default();
    crate::ui::style::setup(&ctx);
    crate::ui::map::gl::install(&ctx, None)?;
    let cpu_ctx = egui::Context::default();
    crate::ui::style::setup(&cpu_ctx);
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let fit = View::fit(doc.scene.bounds, screen_rect(rect));
    let mut zoomed = fit;
    zoomed.scale *= 8.0;
    let t = Instant::now();
    frame_times(&ctx, &doc, fit, 1); // the first frame triangulates what it shows
    let first = t.elapsed();
    let _ = writeln!(out, "  first frame (triangulates what it shows)  {}  → open to the map {}", ms(first), ms(open + first));
    let s = crate::ui::map::gl::stats(&ctx);
    let _ = writeln!(out, "    of which GPU uploads (areas and borders in km, once): {:.1} MB prepared in {}", s.upload_bytes as f64 / 1048576.0, ms(s.upload_time));
    frame_times(&ctx, &doc, fit, 2); // warm the font and galley caches
    frame_times(&cpu_ctx, &doc, fit, 3);
    for (name, view) in [("whole layout in view", fit), ("zoomed in ×8", zoomed)] {
        let before = crate::ui::map::gl::stats(&ctx);
        frame_times(&ctx, &doc, view, 1); // uploads what this view adds
        let uploads = crate::ui::map::gl::stats(&ctx);
        let (run, tess, vertices, cpu) = frame_times(&ctx, &doc, view, 21);
        let after = crate::ui::map::gl::stats(&ctx);
        let _ = writeln!(
            out,
            "  frame, {name:20} describe+paint {} + tessellate {} = {}, CPU {}  (GPU path; {vertices} vertices tessellated)",
            ms(run),
            ms(tess),
            ms(run + tess),
            ms(cpu)
        );
        let _ = writeln!(
            out,
            "    GPU uploads on arriving at this view: {:.1} MB prepared in {} (once per mesh); over the next 21 frames: {} bytes",
            (uploads.upload_bytes - before.upload_bytes) as f64 / 1048576.0,
            ms(uploads.upload_time - before.upload_time),
            after.upload_bytes - uploads.upload_bytes
        );
        let (run, tess, vertices, cpu) = frame_times(&cpu_ctx, &doc, view, 21);
        let _ = writeln!(
            out,
            "  frame, {name:20} describe+paint {} + tessellate {} = {}, CPU {}  (CPU path, no GL; {vertices} vertices to the GPU)",
            ms(run),
            ms(tess),
            ms(run + tess),
            ms(cpu)
        );
    }

    let _ = writeln!(out, "  peak memory so far (this process, no window) {:6} MiB", peak_rss_mib());
    // After the peak-memory line: these open the file twice more.
    let (t, cpu) = (Instant::now(), cpu_ms());
    let quick = Document::open_with(file, false, &crate::io::progress::NONE).map(|_| ());
    let (quick_open, quick_cpu) = (t.elapsed(), cpu_ms() - cpu);
    let _ = writeln!(
        out,
        "  open without geometry checks (the window's worker; they follow) {} ({quick_cpu} ms of CPU on all cores){}",
        ms(quick_open),
        if quick.is_ok() { "" } else { " (failed)" }
    );
    let (to_map, longest, frames) = window_open(file);
    let _ = writeln!(out, "  window (background open): start → first map frame {}; longest UI frame meanwhile {} of {frames}", ms(to_map), ms(longest));
    bench_reopen(file, out);

    // A wheel zoom from the whole layout to ×40, one frame per wheel click (egui's smooth
    // scrolling spreads a click over several frames: the longest frame is what stutters).
    let mut doc_z = Document::open(file).map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?.0;
    // The GPU path's uploads (new detail levels) are part of its frames here.
    let at = egui::pos2(WIDTH * 0.62, HEIGHT * 0.55);
    for (path, ctx) in [("GPU path", &ctx), ("CPU path", &cpu_ctx)] {
        let mut view = fit;
        let mut longest = Duration::ZERO;
        let mut frames = 0;
        // The zoom starts from the whole layout on screen (and on the GPU), as in the window.
        frame_times(ctx, &doc_z, view, 1);
        let before = crate::ui::map::gl::stats(ctx);
        while view.scale < fit.scale * 40.0 {
            view.zoom_at(screen_rect(rect), [at.x, at.y], (50.0f64 / 300.0).exp());
            let (run, tess, _, _) = frame_times(ctx, &doc_z, view, 1);
            longest = longest.max(run + tess);
            frames += 1;
        }
        let s = crate::ui::map::gl::stats(ctx);
        let uploads = if path == "GPU path" {
            format!(
                "; GPU bytes uploaded {:.1} MB in {} frames, {} start-overs; {} grows and {} repacks copied on the GPU",
                (s.upload_bytes - before.upload_bytes) as f64 / 1048576.0,
                s.upload_frames - before.upload_frames,
                s.resets - before.resets,
                s.grows - before.grows,
                s.repacks - before.repacks
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "  zoom ×40 by wheel clicks: longest frame {} of {frames} ({path}{uploads})", ms(longest));
        if path == "GPU path" {
            // The CPU path triangulates again from scratch.
            drop(std::mem::replace(&mut doc_z, Document::open(file).map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?.0));
        }
    }
    drop(doc_z);

    let _ = writeln!(out, "  idle: {}", idle(file));

    // Export as `planmap export --boundaries FILE --size 1600x1200` does (read, parse, draw, encode).
    let png = std::env::temp_dir().join(format!("planmap-bench-{}.png", std::process::id()));
    // A layout is exported as `planmap export LAYOUT` does (its map, legend and footer).
    let layout = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    for input in [Some(file.to_path_buf()), flatgeobuf_beside(file)].into_iter().flatten() {
        let opts = crate::export::plain::PlainOptions { color_by: Some("category"), colors: &[], width: 1600, height: 1200, extent: None, stroke: 0.5 };
        let t = Instant::now();
        let done = if layout {
            crate::export::write(&doc, &crate::export::Options::default(), &png).map_err(|e| e.to_string())
        } else {
            crate::export::plain::write(&input, &opts, &png).map_err(|e| e.to_string())
        };
        let took = t.elapsed();
        let _ = std::fs::remove_file(&png);
        match done {
            Ok(()) => {
                let _ = writeln!(out, "  export {} → 1600×1200 PNG {}", input.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()), ms(took));
            }
            Err(e) => {
                let _ = writeln!(out, "  export {}: {e}", input.display());
            }
        }
    }

    // Picks at seeded pseudo-random points of the bounds (xorshift: the same every run).
    let b = doc.scene.bounds;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let points: Vec<[f64; 2]> = (0..100_000).map(|_| [b[0] + (b[2] - b[0]) * next(), b[1] + (b[3] - b[1]) * next()]).collect();
    // The first pass makes the full detail of every feature it reaches (a feature's first pick
    // projects it); the second is what a pointer moving over the map costs from then on.
    let mut passes = [0.0; 2];
    let mut hits = 0;
    for pass in &mut passes {
        let t = Instant::now();
        hits = points.iter().filter(|&&p| doc.scene.pick(p).is_some()).count();
        *pass = t.elapsed().as_secs_f64() * 1e6 / points.len() as f64;
    }
    let _ = writeln!(
        out,
        "  pick: {:.2} µs per point ({hits} of {} points hit a feature; the first pass, which makes the full detail of each feature it reaches, {:.2} µs)",
        passes[1],
        points.len(),
        passes[0]
    );
    Ok(())
}

/// The window's way of opening: the app starts with the file (a big one opens on a worker)
/// and runs frames about 60 times a second until the first frame that shows the map. Returns
/// the time to that frame, the longest frame meanwhile (how long the window did not answer)
/// and the number of frames.
fn window_open(file: &Path) -> (Duration, Duration, usize) {
    let ctx = egui::Context::default();
    crate::ui::style::setup(&ctx);
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let t0 = Instant::now();
    let mut app = crate::ui::App::new(Some(file.to_path_buf()), crate::ui::app::Saved::default());
    let mut longest = Instant::now() - t0;
    let mut frames = 0;
    loop {
        let t = Instant::now();
        let input = egui::RawInput { screen_rect: Some(rect), time: Some(t0.elapsed().as_secs_f64()), ..Default::default() };
        let mut out = ctx.run_ui(input, |ui| app.ui(ui));
        out.textures_delta.clear();
        let _ = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        longest = longest.max(t.elapsed());
        frames += 1;
        // A result is taken at the start of a frame: the map was drawn in this one.
        if app.map().doc.is_some() || frames > 10_000 {
            break;
        }
        std::thread::sleep(Duration::from_millis(16).saturating_sub(t.elapsed()));
    }
    (t0.elapsed(), longest, frames)
}

/// CPU time this process has used (all threads, user and system), in ms: a figure that a
/// busy machine changes less than the wall clock. 0 where /proc is not there.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) : utime and stime are 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|v| v.parse::<u64>().ok()).sum();
    ticks * 10
}

/// The process's peak resident memory (VmHWM), in MiB; 0 where /proc is not there.
fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).map_or(0, |kb| kb / 1024)
}

/// `x.fgb` beside `x.geojson`, if there is one (made with `ogr2ogr -f FlatGeobuf`).
fn flatgeobuf_beside(file: &Path) -> Option<std::path::PathBuf> {
    let fgb = file.with_extension("fgb");
    (fgb != file && fgb.is_file()).then_some(fgb)
}

/// Idle: the window's app with the file open, frames run with no input once it settled; how
/// many asked for another frame (each would be a repaint, i.e. CPU, with nothing happening).
fn idle(file: &Path) -> String {
    let ctx = egui::Context::default();
    crate::ui::style::setup(&ctx);
    let mut app = crate::ui::App::new(Some(file.to_path_buf()), crate::ui::app::Saved::default());
    // A big file opens in the background: idle is measured once it is open (and checked).
    app.wait_for_loads();
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let mut time = 0.0;
    let mut frame = |app: &mut crate::ui::App| {
        time += 1.0;
        let input = egui::RawInput { screen_rect: Some(rect), time: Some(time), ..Default::default() };
        let mut out = ctx.run_ui(input, |ui| app.ui(ui));
        out.textures_delta.clear(); // no renderer here
        out.viewport_output.values().any(|v| v.repaint_delay < Duration::from_secs(1))
    };
    for _ in 0..10 {
        frame(&mut app);
    }
    let wanted = (0..20).filter(|_| frame(&mut app)).count();
    format!("{wanted} of 20 quiet frames asked for another repaint (0: no CPU while idle)")
}

fn boundaries_path(doc: &Document) -> std::path::PathBuf {
    match &doc.plan {
        Some(plan) => crate::io::layout::boundaries_path(&doc.path, plan),
        None => doc.path.clone(),
    }
}
