use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Print load, scene-build, per-frame and pick times for layouts or .geojson files.
    Bench {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut stdout = std::io::stdout();
    let code = match args.verb {
        Some(Verb::Check { files }) => planmap::cli::check(&files, &mut stdout),
        Some(Verb::Show { layout, name }) => planmap::cli::show(&layout, &name, &mut stdout),
        Some(Verb::Bench { files }) => planmap::bench::run(&files, &mut stdout),
        None => match planmap::ui::run(args.file) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("planmap: cannot open a window: {e}");
                1
            }
        },
    };
    ExitCode::from(code as u8)
}
