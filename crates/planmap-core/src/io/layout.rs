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
        let mut at = e.span().map_or(0, |s| s.start);
        let mut message = e.message().trim().replace('\n', " ");
        if message == "duplicate key" {
            message = format!("duplicate key `{}`: it is already set in this table", key_at(src, at));
        } else if let Some((shape_at, why)) = shape_error(src) {
            // serde reads an array as a struct, so `plan = [1, 2]` would say "expected a string".
            (at, message) = (shape_at, why);
        }
        Diagnostic::at(Severity::Error, file, src, at, crate::model::shown_text(&message, 300))
    })
}

/// The key written at byte `at` (bare or quoted), for a message.
fn key_at(src: &str, at: usize) -> String {
    let rest = src.get(at..).unwrap_or_default();
    let key = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')).next().unwrap_or_default(),
    };
    crate::model::shown_text(key, 60)
}

/// Where a key that must hold a table (`[plan]`, `[city]`) or a list of tables
/// (`[[structures]]`, `[[structures.members]]` …) holds something else, and what it holds.
fn shape_error(src: &str) -> Option<(usize, String)> {
    use toml_edit::{Item, Table, Value};
    let doc = toml_edit::Document::parse(src).ok()?;
    fn found(item: &Item) -> &'static str {
        match item {
            Item::None => "nothing",
            Item::Table(_) => "a table",
            Item::ArrayOfTables(_) => "a list of tables",
            Item::Value(Value::String(_)) => "a string",
            Item::Value(Value::Integer(_)) => "an integer",
            Item::Value(Value::Float(_)) => "a number",
            Item::Value(Value::Boolean(_)) => "a boolean",
            Item::Value(Value::Datetime(_)) => "a date",
            Item::Value(Value::Array(_)) => "an array of values",
            Item::Value(Value::InlineTable(_)) => "an inline table",
        }
    }
    fn tables(item: &Item) -> Option<Vec<&dyn toml_edit::TableLike>> {
        match item {
            Item::ArrayOfTables(a) => Some(a.iter().map(|t| t as &dyn toml_edit::TableLike).collect()),
            Item::Value(Value::Array(a)) => a.iter().map(|v| v.as_inline_table().map(|t| t as &dyn toml_edit::TableLike)).collect(),
            _ => None,
        }
    }
    /// `key` in `parent` must be a table (or, with `list`, a list of tables) whose `children`
    /// are lists of tables.
    fn check(parent: &dyn toml_edit::TableLike, key: &str, list: bool, children: &[&str]) -> Option<(usize, String)> {
        let (k, item) = parent.get_key_value(key)?;
        let at = k.span().or_else(|| item.span()).map_or(0, |s| s.start);
        let items: Vec<&dyn toml_edit::TableLike> = if list {
            match tables(item) {
                Some(t) => t,
                None => return Some((at, format!("`{key}` must be a list of [[{key}]] tables, found {}", found(item)))),
            }
        } else {
            match item.as_table_like() {
                Some(t) => vec![t],
                None => return Some((at, format!("`{key}` must be a table ([{key}]), found {}", found(item)))),
            }
        };
        items.into_iter().find_map(|t| children.iter().find_map(|child| check(t, child, true, &[])))
    }
    let root: &Table = doc.as_table();
    let facts = ["specialities", "hospitals", "projects"];
    check(root, "plan", false, &[])
        .or_else(|| check(root, "structures", true, &["members"]))
        .or_else(|| check(root, "districts", true, &facts))
        .or_else(|| check(root, "city", false, &facts))
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
    load_layout_progress(path, true, &crate::io::progress::NONE)
}

/// `load_layout`, reporting progress while reading the boundaries; cancelled, `Err` is empty.
/// Without `geometry_checks` the boundaries' geometry warnings are left out (the window
/// finds them after showing the map).
pub fn load_layout_progress(path: &Path, geometry_checks: bool, progress: &crate::io::progress::Progress) -> Result<Layout, Vec<Diagnostic>> {
    let limit = crate::io::MAX_LAYOUT_BYTES.min(crate::io::max_file_bytes());
    let src = crate::io::read_text_limited(path, limit).map_err(|d| vec![d])?;
    let plan = parse_layout(&src, path).map_err(|d| vec![d])?;
    let boundaries_path = boundaries_path(path, &plan);
    let mut opts = crate::io::ReadOptions::of(&plan).map_err(|e| vec![Diagnostic::at(Severity::Error, path, &src, e.at, e.to_string())])?;
    opts.skip_geometry_warnings = !geometry_checks;
    let (boundaries, mut diags) = crate::io::boundary_file::load_boundaries_progress(&boundaries_path, &opts, progress);
    if progress.is_cancelled() {
        return Err(Vec::new());
    }
    if boundaries.is_none() {
        // Say which layout line named the file, then the boundary file's own messages.
        let at = plan.plan.boundaries.span().start;
        let msg = format!("boundary file \"{}\" could not be loaded (see below)", plan.plan.boundaries.get_ref());
        diags.insert(0, Diagnostic::at(Severity::Error, path, &src, at, msg));
    }
    diags.extend(model::validate(&plan, &src, path, boundaries.as_ref()));
    match boundaries {
        Some(boundaries) if !diags.iter().any(Diagnostic::is_error) => Ok(Layout { path: path.to_path_buf(), src, plan, boundaries_path, boundaries, warnings: diags }),
        _ => Err(diags),
    }
}
