//! The layout file format: round trip, and every validation problem reported at its location.

use std::path::{Path, PathBuf};

use crate::support::root;
use planmap_core::io::{self, layout::to_toml};
use planmap_core::model::Diagnostic;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The Baoji layout with `edit` applied, its boundaries path made absolute, loaded from a
/// scratch file; returns the diagnostics (empty when it loads clean).
fn load_edited(name: &str, edit: impl Fn(String) -> String) -> (PathBuf, Vec<Diagnostic>) {
    let src = std::fs::read_to_string(root().join("layouts/baoji.toml")).unwrap();
    let abs = root().join("assets/boundaries/baoji.geojson");
    let src = src.replace("\"../assets/boundaries/baoji.geojson\"", &format!("{:?}", abs.to_str().unwrap()));
    let path = scratch(name).join("layout.toml");
    std::fs::write(&path, edit(src)).unwrap();
    let diags = match io::load_layout(&path) {
        Ok(l) => l.warnings,
        Err(d) => d,
    };
    (path, diags)
}

/// The 1-based line of the first occurrence of `needle` in the edited file.
fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).expect("needle in file") + 1
}

fn expect_error(name: &str, edit: impl Fn(String) -> String, needle: &str, message: &str) {
    let (path, diags) = load_edited(name, edit);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty(), "{name}: expected an error, got {diags:?}");
    let want_line = line_of(&path, needle);
    assert!(
        errors.iter().any(|d| d.line == want_line && d.col > 0 && d.message.contains(message)),
        "{name}: expected \"{message}\" at line {want_line}, got:\n{}",
        errors.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
    );
    assert!(errors[0].to_string().starts_with(&path.display().to_string()), "message names the file");
}

#[test]
fn every_bundled_layout_loads_clean() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let path = root().join(format!("layouts/{name}.toml"));
        let layout = io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert!(!layout.plan.structures.is_empty(), "{name} has structures");
    }
}

#[test]
fn round_trip_keeps_every_field() {
    for name in ["baoji", "qujing", "liangshan", "shapingba", "renhe"] {
        let path = root().join(format!("layouts/{name}.toml"));
        let src = std::fs::read_to_string(&path).unwrap();
        let plan = io::parse_layout(&src, &path).unwrap();
        let text = to_toml(&plan);
        let again = io::parse_layout(&text, &path).unwrap_or_else(|d| panic!("{name}: {d}\n{text}"));
        assert_eq!(plan, again, "{name} survives a save and a load");
    }
}

#[test]
fn unknown_adcode_is_located() {
    expect_error("adcode", |s| s.replacen("adcode = \"610326\"", "adcode = \"999999\"", 1), "999999", "unknown adcode \"999999\"");
}

#[test]
fn duplicate_district_is_located() {
    expect_error("dup", |s| s.replacen("[[districts]]\nadcode = \"610303\"", "[[districts]]\nadcode = \"610302\" # dup", 1), "# dup", "duplicate district 610302");
}

#[test]
fn bad_colour_is_located() {
    expect_error("colour", |s| s.replacen("color = \"#", "color = \"red", 1), "color = \"red", "bad colour");
}

#[test]
fn wrong_type_is_located() {
    expect_error("type", |s| s.replacen("slogan = \"", "slogan = 12 # \"", 1), "slogan = 12", "invalid type");
}

#[test]
fn missing_required_field_is_located() {
    expect_error("missing", |s| s.replacen("region = ", "# region = ", 1), "[plan]", "missing field `region`");
}

#[test]
fn unknown_key_is_located() {
    expect_error("unknown-key", |s| s.replacen("slogan = ", "slgoan = ", 1), "slgoan", "unknown field `slgoan`");
}

#[test]
fn unknown_kind_is_located() {
    expect_error("kind", |s| s.replacen("kind = \"zone\"", "kind = \"region\"", 1), "kind = \"region\"", "unknown variant `region`");
}

#[test]
fn syntax_error_is_located() {
    expect_error("syntax", |s| s.replacen("[plan]", "[plan", 1), "[plan", "");
}

#[test]
fn boundary_file_not_found_is_reported() {
    let (path, diags) = load_edited("nofile", |s| s.replace("baoji.geojson\"", "nowhere.geojson\""));
    assert!(diags.iter().any(|d| d.is_error() && d.line == line_of(&path, "nowhere.geojson")));
    assert!(diags.iter().any(|d| d.is_error() && d.message.contains("file not found") && d.file.ends_with("nowhere.geojson")));
}

#[test]
fn name_disagreeing_with_boundaries_is_a_warning() {
    let (path, diags) = load_edited("name", |s| s.replacen("name = \"眉县\"", "name = \"眉 县\"", 1));
    let w = diags.iter().find(|d| d.message.contains("disagrees")).expect("a warning");
    assert!(!w.is_error());
    assert_eq!(w.line, line_of(&path, "name = \"眉 县\""));
}

#[test]
fn invalid_utf8_is_located() {
    let (path, _) = load_edited("utf8", |s| s);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\n# \xff\xfe gbk?\n");
    std::fs::write(&path, &bytes).unwrap();
    let d = io::load_layout(&path).unwrap_err();
    assert!(d[0].message.contains("UTF-8"));
    assert_eq!(d[0].line, String::from_utf8_lossy(&bytes).lines().count());
}

#[test]
fn unknown_parent_is_located() {
    expect_error(
        "parent",
        |s| s.replacen("id = \"zone-eco\"\n", "id = \"zone-eco\"\nparent = \"nowhere\"\n", 1),
        "parent = \"nowhere\"",
        "parent \"nowhere\" is not the id of any structure",
    );
}

#[test]
fn parent_cycle_is_located() {
    let edit = |s: String| {
        s.replacen("id = \"zone-eco\"\n", "id = \"zone-eco\"\nparent = \"zone-tcm\"\n", 1).replacen(
            "id = \"zone-tcm\"\n",
            "id = \"zone-tcm\"\nparent = \"zone-eco\" # back\n",
            1,
        )
    };
    expect_error("cycle", edit, "parent = \"zone-eco\" # back", "cycle of parents");
    expect_error("self", |s| s.replacen("id = \"core\"\n", "id = \"core\"\nparent = \"core\"\n", 1), "parent = \"core\"", "cycle of parents");
}

#[test]
fn a_parent_with_children_needs_no_members() {
    let edit = |s: String| {
        s.replacen("# ───────────────────────── 三片区", "[[structures]]\nid = \"zones\"\nkind = \"zone\"\nname = \"三片区\"\nsource = \"第三章 第二节\"\n\n# 三片区", 1)
            .replacen("id = \"zone-eco\"\n", "id = \"zone-eco\"\nparent = \"zones\"\n", 1)
    };
    let (_, diags) = load_edited("parent-ok", edit);
    assert!(diags.iter().all(|d| !d.message.contains("no members")), "{diags:?}");
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:?}");
}

#[test]
fn indicator_table_survives_a_round_trip_with_its_values() {
    let path = root().join("layouts/renhe.toml");
    let src = std::fs::read_to_string(&path).unwrap();
    let plan = io::parse_layout(&src, &path).unwrap();
    let again = io::parse_layout(&to_toml(&plan), &path).unwrap();
    assert_eq!(plan.indicators, again.indicators);
    assert!(!again.indicators.is_empty());
}

/// A member that is a neighbour drawn only for context (role "context", as `planmap new` and a
/// draft write them) is outside the region: a stray Pick click or a hand edit, flagged; the
/// same county as a unit of the region is not.
#[test]
fn a_member_drawn_only_for_context_is_flagged() {
    let src = std::fs::read_to_string(root().join("layouts/baoji.toml")).unwrap();
    let json = std::fs::read_to_string(root().join("assets/boundaries/baoji.geojson")).unwrap();
    let unit = r#""adcode":"610326","name":"眉县","city":"宝鸡市","province":"陕西省""#;
    assert!(json.contains(unit), "the bundled boundaries changed");
    let dir = scratch("context-member");
    let path = dir.join("layout.toml");
    let src = src.replace("\"../assets/boundaries/baoji.geojson\"", "\"b.geojson\"");
    std::fs::write(&path, &src).unwrap();
    let flagged = |json: &str| {
        std::fs::write(dir.join("b.geojson"), json).unwrap();
        let diags = match io::load_layout(&path) {
            Ok(l) => l.warnings,
            Err(d) => d,
        };
        diags.into_iter().filter(|d| d.message.contains("neighbour outside the region")).collect::<Vec<_>>()
    };
    assert!(flagged(&json).is_empty(), "no roles: nothing flagged");
    let warned = flagged(&json.replace(unit, &format!(r#"{unit},"role":"context""#)));
    assert!(!warned.is_empty() && warned.iter().all(|d| !d.is_error() && d.message.contains("眉县 (610326)")), "{warned:?}");
    let member_lines: Vec<usize> = src.lines().enumerate().filter(|(_, l)| l.contains("adcode = \"610326\"")).map(|(i, _)| i + 1).collect();
    assert!(warned.iter().all(|d| member_lines.contains(&d.line)), "located at a member's adcode: {warned:?}");
    assert!(flagged(&json.replace(unit, &format!(r#"{unit},"role":"unit""#))).is_empty(), "a unit of the region is a member");
}
