//! Defect 7 (issue 13): `check` and `show` printed layout strings raw, so a name holding
//! terminal escape sequences set the terminal's title and cleared the screen, and NUL bytes
//! from a file reached the terminal. Every control character is now printed as a visible escape.

use crate::binary::*;
use crate::support::*;

const HOSTILE: &str = "\\u001b]0;pwned\\u0007\\u001b[2J\\u0000";

fn assert_clean(out: &[u8]) {
    let bad: Vec<u8> = out.iter().copied().filter(|&b| b < 0x20 && b != b'\n').collect();
    assert!(bad.is_empty(), "control bytes {bad:?} in:\n{}", String::from_utf8_lossy(out));
}

#[test]
fn check_and_show_escape_control_characters_from_a_layout() {
    let dir = scratch("terminal-layout");
    // A district name that disagrees with the boundaries is echoed by check (a warning) and
    // by show.
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| {
        s.replacen("name = \"眉县\"", &format!("name = \"眉县{HOSTILE}\""), 1).replacen("name = \"一核心\"", &format!("name = \"一核心{HOSTILE}\""), 1)
    });
    let mut out = Vec::new();
    planmap::cli::check::run(std::slice::from_ref(&layout), &mut out);
    assert_clean(&out);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("眉县\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{0}"), "{text}");
    let mut out = Vec::new();
    planmap::cli::show::run(&layout, "一核心", &mut out);
    assert_clean(&out);
    assert!(String::from_utf8(out).unwrap().contains("\\u{1b}"));
}

#[test]
fn check_escapes_control_characters_from_a_geojson_file() {
    let dir = scratch("terminal-geojson");
    let f = dir.join("evil.geojson");
    let feature = format!(
        "{{\"type\": \"Feature\", \"properties\": {{\"adcode\": \"1{HOSTILE}\"}}, \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,1],[0,0]]]}}}}"
    );
    std::fs::write(&f, format!("{{\"type\": \"FeatureCollection\", \"features\": [{feature}, {feature}]}}")).unwrap();
    // The binary, so the bytes that reach a real terminal are the ones checked.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_planmap")).arg("check").arg(&f).output().unwrap();
    assert_clean(&run.stdout);
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains("a second feature has adcode \"1\\u{1b}]0;pwned"), "{text}");
}

/// Issue 20, defect 7: `planmap new $'\e]0;pwned\a'`, `draft --region …`, the "wrote" line and
/// clap's own errors echoed terminal escapes raw. Every verb prints through one escaping writer.
#[test]
fn every_verb_escapes_what_it_echoes() {
    let dir = scratch("terminal-verbs");
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, "第三章 空间布局\n构建“一核两翼”格局。\n").unwrap();
    let out = dir.join(format!("d{evil}.toml"));
    let new_out = dir.join("n.toml");
    // 120 KB: one argument is at most 128 KiB on Linux; a whole Windows command line is at
    // most 32,767 UTF-16 units.
    let chars = if cfg!(windows) { 30_000 } else { 40_000 };
    let long = "宝".repeat(chars);
    let cases: Vec<Vec<&str>> = vec![
        vec!["new", evil, "--out", new_out.to_str().unwrap()],
        vec!["draft", plan.to_str().unwrap(), "--region", evil, "--out", out.to_str().unwrap()],
        vec!["draft", plan.to_str().unwrap(), "--region", "宝鸡市", "--out", out.to_str().unwrap()],
        vec!["new", "宝鸡市", "--units", evil, "--out", new_out.to_str().unwrap()],
        vec!["show", evil, evil],
        vec!["new", &long, "--out", new_out.to_str().unwrap()],
    ];
    for args in cases {
        let run = planmap(&args, None, 60);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert_clean(all.as_bytes());
        assert!(all.len() < 2000, "a long argument is cut: {} bytes", all.len());
        assert!(all.contains("\\u{1b}") || args[1] == long, "{args:?}: {all}");
    }
    // The long region is cut, its length said.
    let run = planmap(&["new", &long, "--out", new_out.to_str().unwrap()], None, 60);
    assert!(run.stdout.contains(&format!("({chars} characters)")), "{}", run.stdout);
}
