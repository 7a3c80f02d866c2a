//! `planmap export`: the map (or one presentation step, or every step), the structure diagram or
//! the indicators chart as PNG or SVG; or any boundary GeoJSON coloured by a property.

use std::io::Write;
use std::path::PathBuf;

use crate::export;

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The layout (.toml) to draw.
    #[arg(required_unless_present = "boundaries", conflicts_with = "boundaries")]
    pub layout: Option<PathBuf>,
    /// Draw this boundary .geojson instead of a layout.
    #[arg(long)]
    pub boundaries: Option<PathBuf>,
    /// Output file: .png or .svg.
    #[arg(long)]
    pub out: PathBuf,
    /// Size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1200", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Pixels per layout pixel for PNG (2 doubles the resolution, same layout); more than 0 and
    /// at most 16, and at most 100 million pixels in all.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Draw presentation step K (1-based).
    #[arg(long, conflicts_with = "all_steps")]
    pub step: Option<usize>,
    /// Write one image per presentation step: OUT-01.png, OUT-02.png … (a .pdf: one file, a
    /// page per step)
    #[arg(long)]
    pub all_steps: bool,
    /// Write the presentation as slides (.pptx): a title slide, then one per step with its map,
    /// its name as the title and its positioning as an editable text box.
    #[arg(long, conflicts_with_all = ["boundaries", "diagram", "indicators", "step", "all_steps", "page"])]
    pub slides: bool,
    /// Title instead of the plan's.
    #[arg(long)]
    pub title: Option<String>,
    /// The line under the title instead of the plan's slogan ("" for none).
    #[arg(long)]
    pub subtitle: Option<String>,
    /// The source line instead of the plan's title and section.
    #[arg(long)]
    pub source: Option<String>,
    /// Paper for a print layout, A4 or A3: the page laid out in points (.pdf keeps the paper
    /// size, .png has --dpi pixels per inch, .svg prints at paper size); --size and --scale are
    /// then not used.
    #[arg(long, value_parser = parse_paper, conflicts_with_all = ["size", "scale"])]
    pub page: Option<export::Paper>,
    /// With --page: the paper turned sideways.
    #[arg(long, requires = "page")]
    pub landscape: bool,
    /// With --page, for .png: pixels per inch, 72 to 600.
    #[arg(long, requires = "page", default_value_t = 300.0, value_parser = parse_dpi)]
    pub dpi: f32,
    /// Language of the legend, north arrow, notes and footer: zh, en or both.
    #[arg(long, default_value = "both", value_parser = parse_lang)]
    pub lang: export::Lang,
    /// Draw the structure diagram (centre and points, tiers, circles) instead of the map.
    #[arg(long, conflicts_with_all = ["boundaries", "indicators", "step", "all_steps"])]
    pub diagram: bool,
    /// Draw the plan's indicators chart and counts per structure instead of the map (.png,
    /// .svg), or write the indicator table (.xlsx, .csv).
    #[arg(long, conflicts_with_all = ["boundaries", "step", "all_steps"])]
    pub indicators: bool,
    /// With --boundaries: the property whose values colour the features.
    #[arg(long)]
    pub color_by: Option<String>,
    /// With --boundaries: VALUE=#rrggbb, repeatable.
    #[arg(long = "color", value_parser = parse_color)]
    pub colors: Vec<(String, [u8; 4])>,
    /// With --boundaries: the view in degrees.
    #[arg(long, num_args = 4, value_names = ["XMIN", "YMIN", "XMAX", "YMAX"], allow_negative_numbers = true)]
    pub extent: Option<Vec<f64>>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X', '×']).ok_or("write WIDTHxHEIGHT, e.g. 1600x1200")?;
    let (w, h) = (w.trim().parse::<u32>().map_err(|e| e.to_string())?, h.trim().parse::<u32>().map_err(|e| e.to_string())?);
    if w == 0 || h == 0 || w > 20_000 || h > 20_000 {
        return Err("each side must be 1 to 20000 pixels".into());
    }
    Ok((w, h))
}

fn parse_dpi(s: &str) -> Result<f32, String> {
    let dpi: f32 = s.trim().parse().map_err(|_| "write a number of pixels per inch, e.g. 300".to_string())?;
    if (72.0..=600.0).contains(&dpi) { Ok(dpi) } else { Err("--dpi must be 72 to 600".into()) }
}

fn parse_paper(s: &str) -> Result<export::Paper, String> {
    export::Paper::parse(s).ok_or_else(|| "write A4 or A3".to_string())
}

fn parse_lang(s: &str) -> Result<export::Lang, String> {
    export::Lang::parse(s).ok_or_else(|| "write zh, en or both".to_string())
}

fn parse_color(s: &str) -> Result<(String, [u8; 4]), String> {
    let (value, hex) = s.rsplit_once('=').ok_or("write VALUE=#rrggbb")?;
    let c = crate::model::Rgb::parse(hex).ok_or_else(|| format!("bad colour {hex:?}: write #rrggbb"))?;
    Ok((value.to_string(), [c.0[0], c.0[1], c.0[2], 255]))
}

pub fn run(a: ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = if a.boundaries.is_some() && (a.step.is_some() || a.all_steps || a.title.is_some()) {
        Err("--step, --all-steps and --title need a layout, not --boundaries".to_string())
    } else if let Some(file) = &a.boundaries {
        let extent = a.extent.as_ref().map(|e| [e[0], e[1], e[2], e[3]]);
        let opts = export::plain::PlainOptions { color_by: a.color_by.as_deref(), colors: &a.colors, width: a.size.0, height: a.size.1, extent, stroke: 0.5 };
        export::plain::write(file, &opts, &a.out).map(|()| vec![a.out.clone()]).map_err(|e| e.to_string())
    } else if a.diagram || a.indicators {
        let layout = a.layout.clone().unwrap_or_default();
        match crate::io::load_layout(&layout) {
            Err(diags) => Err(diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
            Ok(l) => {
                let opts = export::Options { width: a.size.0 as f32, height: a.size.1 as f32, scale: a.scale, title: a.title.clone(), ..Default::default() };
                let written = if a.diagram { export::diagram::write(&l.plan, &opts, &a.out) } else { export::indicators::write(&l.plan, &opts, &a.out) };
                written.map(|()| vec![a.out.clone()]).map_err(|e| e.to_string())
            }
        }
    } else {
        let layout = a.layout.clone().unwrap_or_default();
        match crate::document::Document::open(&layout) {
            Err(diags) => Err(diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
            Ok((doc, _)) => {
                let page = a.page.map(|paper| export::Page { paper, landscape: a.landscape });
                let ((width, height), scale) = match page {
                    Some(p) => (p.points(), export::Page::scale_for_dpi(a.dpi)),
                    None => ((a.size.0 as f32, a.size.1 as f32), a.scale),
                };
                let opts =
                    export::Options { width, height, scale, step: a.step, title: a.title.clone(), subtitle: a.subtitle.clone(), source: a.source.clone(), lang: a.lang, page };
                let written = if a.slides {
                    export::slides::write(&doc, &opts, &a.out).map(|_| vec![a.out.clone()])
                } else if a.all_steps {
                    export::write_all_steps(&doc, &opts, &a.out)
                } else {
                    export::write(&doc, &opts, &a.out).map(|()| vec![a.out.clone()])
                };
                written.map_err(|e| e.to_string())
            }
        }
    };
    match result {
        Ok(paths) => {
            for p in paths {
                let _ = writeln!(out, "wrote {}", p.display());
            }
            0
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            1
        }
    }
}
