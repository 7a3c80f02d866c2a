//! Layout files: TOML text → `Plan`, with its boundaries loaded and everything validated.

use std::path::{Path, PathBuf};

use crate::model::{self, Boundaries, Diagnostic, Plan, Severity};

/// A layout that loaded without errors: the plan, its boundaries and any warnings.
#[derive(Debug, Clone)]
pub struct Layout {
    pub path: PathBuf,
    /// The file's text, for editing with its formatting kept.
    pub src: String,
    pub plan: Plan,
    pub boundaries_path: PathBuf,
    pub boundaries: Boundaries,
    pub warnings: Vec<Diagnostic>,
}

/// Parse layout text. A syntax error, a wrong type, a missing field or an unknown key is one
/// located diagnostic.
pub fn parse_layout(src: &str, file: &Path) -> Result<Plan, Diagnostic> {
    toml::from_str::<Plan>(src).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().replace('\n', " ");
        Diagnostic::at(Severity::Error, file, src, at, message)
    })
}

/// Serialise a plan as a layout file (no comments: saving an edited file keeps the user's
/// text with toml_edit instead).
pub fn to_toml(plan: &Plan) -> String {
    toml::to_string_pretty(plan).unwrap_or_else(|e| format!("# cannot serialise: {e}\n"))
}

/// The boundary file a layout names, resolved against the layout's folder.
pub fn boundaries_path(layout: &Path, plan: &Plan) -> PathBuf {
    let dir = layout.parent().unwrap_or(Path::new("."));
    dir.join(plan.plan.boundaries.get_ref())
}

/// Load a layout file and the boundaries it names, and validate them together. `Err` holds
/// every diagnostic (at least one error); `Ok` carries the warnings.
pub fn load_layout(path: &Path) -> Result<Layout, Vec<Diagnostic>> {
    let src = crate::io::read_text(path).map_err(|d| vec![d])?;
    let plan = parse_layout(&src, path).map_err(|d| vec![d])?;
    let boundaries_path = boundaries_path(path, &plan);
    let opts = crate::io::ReadOptions::of(&plan).map_err(|(at, why)| vec![Diagnostic::at(Severity::Error, path, &src, at, why)])?;
    let (boundaries, mut diags) = crate::io::load_boundaries_with(&boundaries_path, &opts);
    if boundaries.is_none() {
        // Say which layout line named the file, then the boundary file's own messages.
        let at = plan.plan.boundaries.span().start;
        let msg = format!("boundary file \"{}\" could not be loaded (see below)", plan.plan.boundaries.get_ref());
        diags.insert(0, Diagnostic::at(Severity::Error, path, &src, at, msg));
    }
    diags.extend(model::validate(&plan, &src, path, boundaries.as_ref()));
    match boundaries {
        Some(boundaries) if !diags.iter().any(Diagnostic::is_error) => {
            Ok(Layout { path: path.to_path_buf(), src, plan, boundaries_path, boundaries, warnings: diags })
        }
        _ => Err(diags),
    }
}
