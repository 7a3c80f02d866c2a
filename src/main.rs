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
    Export(planmap::cli::export::ExportArgs),
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
    let mut stdout = planmap::cli::terminal::Escaped::new(std::io::stdout());
    let mut stderr = planmap::cli::terminal::Escaped::new(std::io::stderr());
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
        Some(Verb::Check { files }) => planmap::cli::check::run(&files, &mut stdout),
        Some(Verb::Show { layout, name }) => planmap::cli::show::run(&layout, &name, &mut stdout),
        Some(Verb::Bench { files }) => planmap::cli::bench::run(&files, &mut stdout),
        Some(Verb::Export(a)) => planmap::cli::export::run(a, &mut stdout, &mut stderr),
        Some(Verb::New { region, out, units }) => planmap::cli::new::run(&region, &out, &units, &mut stdout),
        Some(Verb::Draft(a)) => planmap::cli::draft::run(&a, &mut stdout),
        Some(Verb::DraftScore(a)) => planmap::cli::draft_score::score(&a, &mut stdout),
        Some(Verb::SaveLoop { file, a, b }) => planmap::cli::save_loop::run(&file, &a, &b),
        Some(Verb::Compare { a, b }) => window(Some(a), Some(b), &mut stderr),
        None => window(args.file, None, &mut stderr),
    };
    ExitCode::from(code as u8)
}
