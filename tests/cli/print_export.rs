//! `planmap export --page`, `--lang`, `--slides` through the real binary: the options parse,
//! the files are what their names say, bad values are refused with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::root;

fn planmap(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_planmap")).arg("export").arg(root().join("layouts/baoji.toml")).args(args).arg("--out").arg(out).output().unwrap()
}

fn dir() -> PathBuf {
    crate::support::scratch("print-export")
}

#[test]
fn an_a4_landscape_page_is_a_pdf_of_a4_size() {
    let out = dir().join("b.pdf");
    let o = planmap(&["--page", "A4", "--landscape", "--dpi", "300", "--lang", "zh"], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox [0 0 841.8898 595.2756"), "A4 landscape in points");
}

#[test]
fn a_page_png_has_the_dpi_s_pixels() {
    let out = dir().join("b.png");
    let o = planmap(&["--page", "A3", "--dpi", "100"], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = tiny_skia::Pixmap::load_png(&out).unwrap();
    assert_eq!((p.width(), p.height()), (1169, 1654), "A3 portrait at 100 dpi");
}

#[test]
fn slides_write_a_pptx() {
    let out = dir().join("b.pptx");
    let o = planmap(&["--slides"], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    assert_eq!(zip.file_names().filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml")).count(), 6, "1 + 5 steps");
}

#[test]
fn bad_page_options_are_refused_with_a_reason() {
    let out = dir().join("x.pdf");
    for (args, word) in [
        (&["--page", "A5"][..], "A4 or A3"),
        (&["--page", "A4", "--dpi", "5000"][..], "72 to 600"),
        (&["--lang", "fr"][..], "zh, en or both"),
        (&["--landscape"][..], "--page"),
        (&["--slides", "--page", "A4"][..], "cannot be used with"),
    ] {
        let o = planmap(args, &out);
        assert!(!o.status.success(), "{args:?} is refused");
        assert!(String::from_utf8_lossy(&o.stderr).contains(word), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let o = planmap(&["--slides"], &dir().join("deck.png"));
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains(".pptx"), "{}", String::from_utf8_lossy(&o.stderr));
}
