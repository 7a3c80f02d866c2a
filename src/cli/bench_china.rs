//! `planmap bench` figures for the built-in all-China bundle: parsing its region table and
//! reading one prefecture (every county of it, decoded from shared arcs), worst case included.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::io::{arcs::Bundle, china};
use crate::model::regions::Level;

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1e3)
}

/// The fastest of five runs: on a shared machine the others measure the neighbours.
fn best<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut value = None;
    for _ in 0..5 {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        value = Some(v);
    }
    (best, value.unwrap_or_else(f))
}

pub fn run(out: &mut dyn Write) -> Result<(), String> {
    let (parse, bundle) = best(|| Bundle::parse(china::BUNDLE_BYTES));
    let bundle = bundle.map_err(|e| e.to_string())?;
    let (build_index, index) = best(|| china::index_of(&bundle));
    let _ = writeln!(out, "built-in China bundle: {} regions, {} arcs, {:.1} MB", bundle.records.len(), bundle.arc_count(), china::BUNDLE_BYTES.len() as f64 / 1e6);
    let _ = writeln!(out, "  parse region table (best of 5)            {}", ms(parse));
    let _ = writeln!(out, "  build region index                        {}", ms(build_index));
    // Every prefecture: decode all its counties (best of five); report Qingdao, the median and
    // the slowest.
    let mut times: Vec<(Duration, usize, String)> = Vec::new();
    for (id, r) in index.regions().iter().enumerate().filter(|(_, r)| r.level == Level::City) {
        let (d, vertices) = best(|| -> Result<usize, String> {
            let mut vertices = 0;
            for c in index.counties(id) {
                let record = bundle.records.get(c).ok_or("index and bundle disagree")?;
                let g = bundle.geometry(record).map_err(|e| e.to_string())?;
                vertices += g.0.iter().map(|p| p.exterior().0.len() + p.interiors().iter().map(|i| i.0.len()).sum::<usize>()).sum::<usize>();
            }
            Ok(vertices)
        });
        times.push((d, vertices?, r.name.clone()));
    }
    if let Some((d, v, _)) = times.iter().find(|(_, _, n)| n == "青岛市") {
        let _ = writeln!(out, "  read one prefecture: 青岛市                {}  ({v} vertices)", ms(*d));
    }
    times.sort_by_key(|t| t.0);
    if let Some((d, _, _)) = times.get(times.len() / 2) {
        let _ = writeln!(out, "  read one prefecture: median of {:3}        {}", times.len(), ms(*d));
    }
    if let Some((d, v, n)) = times.last() {
        let _ = writeln!(out, "  read one prefecture: slowest ({n}) {}  ({v} vertices)", ms(*d));
    }
    Ok(())
}
