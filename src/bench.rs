//! `planmap bench FILE…`: load, scene build, per-frame CPU (egui layout and tessellation
//! included) and pick times, printed as figures. Run it on a release build.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

use crate::document::Document;
use crate::ui::map_view::{self, Emphasis, View};

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
/// and its tessellation into triangles for the GPU.
fn frame_times(ctx: &egui::Context, doc: &Document, view: View, frames: usize) -> (Duration, Duration, usize) {
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let (mut run, mut tess) = (Vec::new(), Vec::new());
    let mut vertices = 0;
    for _ in 0..frames {
        let input = egui::RawInput { screen_rect: Some(rect), ..Default::default() };
        let mut v = view;
        let t0 = Instant::now();
        let mut out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                let emphasis = Emphasis { selected: None, members: None, member_color: [0, 0, 0, 255] };
                map_view::show(ui, doc, &mut v, &emphasis, false);
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
    (median(run), median(tess), vertices)
}

pub fn run(files: &[std::path::PathBuf], out: &mut dyn Write) -> i32 {
    if let Err(e) = crate::bench_china::run(out) {
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

fn bench_one(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    let t0 = Instant::now();
    let (doc, _) = Document::open(file).map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))?;
    let open = t0.elapsed();
    // Document::open = read + parse + validate + scene build + fills; time the parts again.
    let t = Instant::now();
    let boundaries = crate::io::load_boundaries(&boundaries_path(&doc)).0.ok_or("boundaries did not load")?;
    let load = t.elapsed();
    let t = Instant::now();
    let scene = crate::scene::Scene::build(&boundaries);
    let build = t.elapsed();
    let vertices: usize = boundaries.features.iter().flat_map(|f| &f.geometry.0).map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()).sum();
    let t = Instant::now();
    let triangles: usize = scene.shapes.iter().map(|s| s.levels[0].tris().indices.len() / 3).sum();
    let triangulate = t.elapsed();
    let _ = writeln!(out, "{}: {} features, {vertices} vertices, {triangles} triangles", file.display(), boundaries.features.len());
    let _ = writeln!(out, "  open (read, parse, validate, scene, fills) {}", ms(open));
    let _ = writeln!(out, "  boundaries read + parse                   {}", ms(load));
    let _ = writeln!(out, "  scene build (project, simplify, R-tree)   {}", ms(build));
    let _ = writeln!(out, "  triangulate at full detail (earcut)       {}", ms(triangulate));

    let ctx = egui::Context::default();
    crate::ui::style::setup(&ctx);
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    let fit = View::fit(doc.scene.bounds, rect);
    let mut zoomed = fit;
    zoomed.scale *= 8.0;
    frame_times(&ctx, &doc, fit, 3); // warm the font and galley caches
    for (name, view) in [("whole layout in view", fit), ("zoomed in ×8", zoomed)] {
        let (run, tess, vertices) = frame_times(&ctx, &doc, view, 21);
        let _ = writeln!(out, "  frame, {name:20} paint+labels {} + tessellate {} = {}  ({vertices} vertices to the GPU)", ms(run), ms(tess), ms(run + tess));
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
    let t = Instant::now();
    let hits = points.iter().filter(|&&p| doc.scene.pick(p).is_some()).count();
    let pick = t.elapsed();
    let _ = writeln!(out, "  pick: {:.2} µs per point ({hits} of {} points hit a feature)", pick.as_secs_f64() * 1e6 / points.len() as f64, points.len());
    Ok(())
}

fn boundaries_path(doc: &Document) -> std::path::PathBuf {
    match &doc.plan {
        Some(plan) => crate::io::layout::boundaries_path(&doc.path, plan),
        None => doc.path.clone(),
    }
}
