// On Windows a GUI program: no console window beside the map when started from Explorer.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// planmap: regional health-planning layouts on real county boundaries.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    verb: Option<Verb>,
    /// A layout (.toml) or boundary (.geojson) file to open; default: the bundled Baoji layout.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Verb {
    /// Validate layout files (and the boundaries they name) or boundary .geojson files.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print everything a layout says about a district, structure, hospital or project.
    Show { layout: PathBuf, name: String },
    /// Write the map as PNG or SVG, with title, legend, scale bar, north arrow and attribution;
    /// or, with --boundaries, any GeoJSON coloured by a property.
    Export(ExportArgs),
    /// Write a starter layout for any region of China (name, short form or adcode), with a
    /// boundary file beside it holding the region's units and their neighbours.
    New {
        region: String,
        /// The layout to write (.toml); the boundaries go beside it as .geojson. Never overwritten.
        #[arg(long)]
        out: PathBuf,
        /// county: the counties of a city or province, or one county and its neighbours;
        /// city: the cities of a province.
        #[arg(long, default_value = "county", value_parser = ["county", "city"])]
        units: String,
    },
    /// (For the atomic-save test.) Save A and B alternately over FILE until killed.
    #[command(hide = true)]
    SaveLoop { file: PathBuf, a: PathBuf, b: PathBuf },
    /// Draft a layout from a plan's text (.txt or .docx): structures, members, hospitals and
    /// projects quoted from the plan, each marked draft = true for review.
    Draft(planmap::cli::draft::DraftArgs),
    /// (For development.) Draft every seed and score the drafts against layouts/*.toml.
    #[command(hide = true)]
    DraftScore(planmap::cli::draft_score::ScoreArgs),
    /// Open two layouts side by side (linked views when they cover the same region).
    Compare { a: PathBuf, b: PathBuf },
    /// Print load, scene-build, per-frame and pick times for layouts or .geojson files.
    Bench {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct ExportArgs {
    /// The layout (.toml) to draw.
    #[arg(required_unless_present = "boundaries", conflicts_with = "boundaries")]
    layout: Option<PathBuf>,
    /// Draw this boundary .geojson instead of a layout.
    #[arg(long)]
    boundaries: Option<PathBuf>,
    /// Output file: .png or .svg.
    #[arg(long)]
    out: PathBuf,
    /// Size in pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x1200", value_parser = parse_size)]
    size: (u32, u32),
    /// Pixels per layout pixel for PNG (2 doubles the resolution, same layout); more than 0 and
    /// at most 16, and at most 100 million pixels in all.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Draw presentation step K (1-based).
    #[arg(long, conflicts_with = "all_steps")]
    step: Option<usize>,
    /// Write one image per presentation step: OUT-01.png, OUT-02.png …
    #[arg(long)]
    all_steps: bool,
    /// Title instead of the plan's.
    #[arg(long)]
    title: Option<String>,
    /// Draw the structure diagram (centre and points, tiers, circles) instead of the map.
    #[arg(long, conflicts_with_all = ["boundaries", "indicators", "step", "all_steps"])]
    diagram: bool,
    /// Draw the plan's indicators chart and counts per structure instead of the map.
    #[arg(long, conflicts_with_all = ["boundaries", "step", "all_steps"])]
    indicators: bool,
    /// With --boundaries: the property whose values colour the features.
    #[arg(long)]
    color_by: Option<String>,
    /// With --boundaries: VALUE=#rrggbb, repeatable.
    #[arg(long = "color", value_parser = parse_color)]
    colors: Vec<(String, [u8; 4])>,
    /// With --boundaries: the view in degrees.
    #[arg(long, num_args = 4, value_names = ["XMIN", "YMIN", "XMAX", "YMAX"], allow_negative_numbers = true)]
    extent: Option<Vec<f64>>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X', '×']).ok_or("write WIDTHxHEIGHT, e.g. 1600x1200")?;
    let (w, h) = (w.trim().parse::<u32>().map_err(|e| e.to_string())?, h.trim().parse::<u32>().map_err(|e| e.to_string())?);
    if w == 0 || h == 0 || w > 20_000 || h > 20_000 {
        return Err("each side must be 1 to 20000 pixels".into());
    }
    Ok((w, h))
}

fn parse_color(s: &str) -> Result<(String, [u8; 4]), String> {
    let (value, hex) = s.rsplit_once('=').ok_or("write VALUE=#rrggbb")?;
    let c = planmap::model::Rgb::parse(hex).ok_or_else(|| format!("bad colour {hex:?}: write #rrggbb"))?;
    Ok((value.to_string(), [c.0[0], c.0[1], c.0[2], 255]))
}

fn export(a: ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use planmap::export;
    let result = if a.boundaries.is_some() && (a.step.is_some() || a.all_steps || a.title.is_some()) {
        Err("--step, --all-steps and --title need a layout, not --boundaries".to_string())
    } else if let Some(file) = &a.boundaries {
        let extent = a.extent.as_ref().map(|e| [e[0], e[1], e[2], e[3]]);
        let opts = export::plain::PlainOptions { color_by: a.color_by.as_deref(), colors: &a.colors, width: a.size.0, height: a.size.1, extent, stroke: 0.5 };
        export::plain::write(file, &opts, &a.out).map(|()| vec![a.out.clone()])
    } else if a.diagram || a.indicators {
        let layout = a.layout.clone().unwrap_or_default();
        match planmap::io::load_layout(&layout) {
            Err(diags) => Err(diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
            Ok(l) => {
                let opts = export::Options { width: a.size.0 as f32, height: a.size.1 as f32, scale: a.scale, step: None, title: a.title.clone() };
                let written = if a.diagram { export::diagram::write(&l.plan, &opts, &a.out) } else { export::indicators::write(&l.plan, &opts, &a.out) };
                written.map(|()| vec![a.out.clone()])
            }
        }
    } else {
        let layout = a.layout.clone().unwrap_or_default();
        match planmap::document::Document::open(&layout) {
            Err(diags) => Err(diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
            Ok((doc, _)) => {
                let opts = export::Options { width: a.size.0 as f32, height: a.size.1 as f32, scale: a.scale, step: a.step, title: a.title.clone() };
                if a.all_steps { export::write_all_steps(&doc, &opts, &a.out) } else { export::write(&doc, &opts, &a.out).map(|()| vec![a.out.clone()]) }
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

fn save_loop(file: &std::path::Path, a: &std::path::Path, b: &std::path::Path) -> i32 {
    let (Ok(a), Ok(b)) = (std::fs::read(a), std::fs::read(b)) else { return 2 };
    // Bounded, so a test that forgets to kill it does not leave it running for ever.
    for i in 0..200_000 {
        let bytes = if i % 2 == 0 { &a } else { &b };
        if planmap::io::save::atomic_write(file, bytes).is_err() {
            return 1;
        }
    }
    0
}

/// planmap.exe is a GUI program, so Windows gives it no console: from a console it borrows the
/// one it was started from, so `planmap check …` still prints there.
#[cfg(windows)]
mod console {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, FreeConsole, GetConsoleOutputCP, GetStdHandle, STD_ERROR_HANDLE, STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, SetConsoleOutputCP,
        SetStdHandle,
    };

    /// Attached to the parent's console; its code page is given back when dropped.
    pub struct Attached {
        code_page: u32,
    }

    pub fn attach() -> Option<Attached> {
        let streams = [STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE];
        // SAFETY (all blocks here): Win32 calls on this process's own standard handles and console.
        let before = streams.map(|s| unsafe { GetStdHandle(s) });
        if unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
            return None;
        }
        // A stream redirected to a file or pipe (`planmap check a.toml > out.txt`) stays there.
        for (s, h) in streams.into_iter().zip(before) {
            if !h.is_null() && h != INVALID_HANDLE_VALUE {
                unsafe { SetStdHandle(s, h) };
            }
        }
        // std writes UTF-16 to a console anyway; UTF-8 also for what else reads this console.
        let code_page = unsafe { GetConsoleOutputCP() };
        unsafe { SetConsoleOutputCP(65001) };
        Some(Attached { code_page })
    }

    impl Attached {
        /// Let the console go (for the window: closing that console must not close the map).
        pub fn detach(self) {
            drop(self);
            unsafe { FreeConsole() };
        }
    }

    impl Drop for Attached {
        fn drop(&mut self) {
            if self.code_page != 0 {
                unsafe { SetConsoleOutputCP(self.code_page) };
            }
        }
    }
}

/// The window; what stops it from opening is also shown in a message box where no console
/// shows it (Windows).
fn window(file: Option<PathBuf>, compare: Option<PathBuf>, stderr: &mut dyn Write) -> i32 {
    match planmap::ui::run(file, compare) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(stderr, "planmap: cannot open a window: {e}");
            #[cfg(windows)]
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("planmap")
                .set_description(format!("planmap cannot open a window / 无法打开窗口:\n{e}"))
                .show();
            1
        }
    }
}

fn main() -> ExitCode {
    #[cfg(windows)]
    let console = console::attach();
    // Everything printed goes through the escaping writers: no argument, file name or file
    // content reaches the terminal with its control characters.
    let mut stdout = planmap::cli::Escaped::new(std::io::stdout());
    let mut stderr = planmap::cli::Escaped::new(std::io::stderr());
    // Plain styles: clap's message then holds no escapes of its own, and the bad argument it
    // echoes is escaped like everything else (its plain rendering would drop them silently).
    // Not Args::parse(): it exits at once, before the console's code page is given back.
    let parsed = Args::command().styles(clap::builder::Styles::plain()).try_get_matches().and_then(|m| Args::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            let text = e.render().ansi().to_string();
            let _ = if e.use_stderr() { write!(stderr, "{text}") } else { write!(stdout, "{text}") };
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    #[cfg(windows)]
    if matches!(args.verb, None | Some(Verb::Compare { .. }))
        && let Some(c) = console
    {
        c.detach();
    }
    let code = match args.verb {
        Some(Verb::Check { files }) => planmap::cli::check(&files, &mut stdout),
        Some(Verb::Show { layout, name }) => planmap::cli::show(&layout, &name, &mut stdout),
        Some(Verb::Bench { files }) => planmap::cli::bench::run(&files, &mut stdout),
        Some(Verb::Export(a)) => export(a, &mut stdout, &mut stderr),
        Some(Verb::New { region, out, units }) => planmap::cli::new::run(&region, &out, &units, &mut stdout),
        Some(Verb::Draft(a)) => planmap::cli::draft::run(&a, &mut stdout),
        Some(Verb::DraftScore(a)) => planmap::cli::draft_score::score(&a, &mut stdout),
        Some(Verb::SaveLoop { file, a, b }) => save_loop(&file, &a, &b),
        Some(Verb::Compare { a, b }) => window(Some(a), Some(b), &mut stderr),
        None => window(args.file, None, &mut stderr),
    };
    ExitCode::from(code as u8)
}
