//! Replays the fuzz targets' inputs under `cargo test` (stable, no libFuzzer): the committed
//! seed corpus (fuzz/corpus/*/seed-*) and every crash the fuzzers found (fuzz/regressions/*),
//! with the same checks as the targets in fuzz/fuzz_targets/.

use std::path::{Path, PathBuf};

use planmap_core::model::edit::{Command, DistrictRef, Fact, FactKind};
use planmap_core::model::{Boundaries, MAX_MESSAGES, StructureKind};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = crate::support::root().join("fuzz");
    let mut out = Vec::new();
    for (dir, keep) in [(root.join("corpus").join(target), "seed-"), (root.join("regressions").join(target), "")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(keep) && name != "README" {
                out.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn baoji() -> Boundaries {
    let path = crate::support::root().join("assets/boundaries/baoji.geojson");
    planmap_core::io::load_boundaries(&path).0.unwrap()
}

#[test]
fn geojson_inputs() {
    let cases = inputs("geojson");
    assert!(cases.len() >= 10, "the seed corpus is committed");
    for (path, data) in cases {
        let Ok(src) = std::str::from_utf8(&data) else { continue };
        let (b, diags) = planmap_core::io::parse_boundaries(src, Path::new("fuzz.geojson"));
        let lines = src.split('\n').count();
        assert!(diags.len() <= MAX_MESSAGES + 1, "{}", path.display());
        assert!(diags.iter().all(|d| d.line <= lines), "{}", path.display());
        assert!(b.is_some() || diags.iter().any(|d| d.is_error()), "{}", path.display());
    }
}

#[test]
fn layout_inputs() {
    let boundaries = baoji();
    let cases = inputs("layout");
    assert!(!cases.is_empty());
    for (path, data) in cases {
        let Ok(src) = std::str::from_utf8(&data) else { continue };
        let file = Path::new("fuzz.toml");
        let lines = src.split('\n').count();
        match planmap_core::io::parse_layout(src, file) {
            Err(d) => assert!(d.line <= lines, "{}", path.display()),
            Ok(plan) => {
                let diags = planmap_core::model::validate(&plan, src, file, Some(&boundaries));
                assert!(diags.len() <= MAX_MESSAGES + 1 && diags.iter().all(|d| d.line <= lines), "{}", path.display());
                let _ = planmap_core::model::steps(&plan);
                let _ = planmap_core::model::search(&plan, Some(&boundaries), "县");
                let _ = planmap_core::document::editor::Editor::new(file, src);
            }
        }
    }
}

/// The edit target's decoder (fuzz/fuzz_targets/edit.rs), kept in step with it.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn index(&mut self) -> Option<usize> {
        let b = self.byte()?;
        Some(if b >= 250 { usize::MAX - usize::from(b - 250) } else { usize::from(b % 40) })
    }
    fn text(&mut self) -> Option<String> {
        const WORDS: [&str; 12] = ["610302", "渭滨区", "610304", "", " ", "#c0392b", "#zzz", "core", "第三章", "\u{1b}[2J", "\"]]\n[x]", "610399"];
        let b = self.byte()?;
        if b < 200 {
            return WORDS.get(usize::from(b) % WORDS.len()).map(|s| s.to_string());
        }
        let n = usize::from(b - 200).min(self.0.len());
        let (raw, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(String::from_utf8_lossy(raw).into_owned())
    }
    fn kind(&mut self) -> Option<StructureKind> {
        use StructureKind::*;
        [Core, Zone, Product, Centre, Point, Tier, Circle, Other].get(usize::from(self.byte()? % 8)).copied()
    }
    fn district(&mut self) -> Option<DistrictRef> {
        Some(if self.byte()? % 3 == 0 { DistrictRef::City } else { DistrictRef::County { adcode: self.text()?, name: self.text()? } })
    }
    fn fact(&mut self) -> Option<Fact> {
        Some(match self.byte()? % 3 {
            0 => Fact::Speciality { text: self.text()?, source: self.text()? },
            1 => Fact::Hospital { name: self.text()?, focus: vec![self.text()?], source: self.text()? },
            _ => Fact::Project { name: self.text()?, detail: Some(self.text()?), source: self.text()? },
        })
    }
    fn opt_text(&mut self) -> Option<Option<String>> {
        Some(if self.byte()? % 2 == 0 { None } else { Some(self.text()?) })
    }
    fn command(&mut self) -> Option<Command> {
        Some(match self.byte()? % 13 {
            0 => Command::AddMember { structure: self.index()?, adcode: self.text()?, name: self.text()?, partial: self.opt_text()? },
            1 => Command::RemoveMember { structure: self.index()?, member: self.index()? },
            2 => Command::SetPartial { structure: self.index()?, member: self.index()?, partial: self.opt_text()? },
            3 => Command::AddPlace { structure: self.index()?, name: self.text()?, location: self.text()? },
            4 => Command::AddStructure { id: self.text()?, kind: self.kind()?, name: self.text()?, color: self.text()?, source: self.text()? },
            5 => Command::RenameStructure { structure: self.index()?, name: self.text()? },
            6 => Command::RecolorStructure { structure: self.index()?, color: self.text()? },
            7 => Command::MoveStructure { structure: self.index()?, up: self.byte()? % 2 == 0 },
            8 => Command::DeleteStructure { structure: self.index()? },
            9 => Command::AddFact { district: self.district()?, fact: self.fact()? },
            10 => Command::ReplaceFact { district: self.district()?, index: self.index()?, fact: self.fact()? },
            11 => {
                let kind = [FactKind::Speciality, FactKind::Hospital, FactKind::Project][usize::from(self.byte()? % 3)];
                Command::RemoveFact { district: self.district()?, kind, index: self.index()? }
            }
            _ => return None,
        })
    }
}

#[test]
fn edit_inputs() {
    let boundaries = baoji();
    let layout = std::fs::read_to_string(crate::support::root().join("layouts/baoji.toml")).unwrap();
    let file = Path::new("baoji.toml");
    let cases = inputs("edit");
    assert!(!cases.is_empty());
    for (path, data) in cases {
        let mut editor = planmap_core::document::editor::Editor::new(file, &layout).unwrap();
        let mut input = Input(&data);
        while let Some(op) = input.byte() {
            match op % 8 {
                0 => {
                    editor.undo();
                }
                1 => {
                    editor.redo();
                }
                _ => {
                    let Some(cmd) = input.command() else { break };
                    if editor.apply(&cmd, &boundaries).is_ok() {
                        let checked = planmap_core::document::editor::check(editor.text(), file, &boundaries);
                        assert!(checked.is_ok(), "{}: {cmd:?} kept but does not check: {checked:?}", path.display());
                    }
                }
            }
        }
    }
}

// ───────────── Issue 20: the new readers' targets ─────────────

/// A caught panic in the FlatGeobuf reader becomes this message: the fuzz target aborts on it,
/// so here it is a failure too.
const FGB_PANIC: &str = "its structure is not valid FlatGeobuf";

#[test]
fn flatgeobuf_inputs() {
    let cases = inputs("flatgeobuf");
    assert!(!cases.is_empty(), "the seed corpus is committed");
    let file = Path::new("fuzz.fgb");
    for (path, data) in cases {
        let (features, _, diags) = planmap_core::io::flatgeobuf::parse(&data, file, &planmap_core::io::ReadOptions::default());
        assert!(diags.iter().all(|d| !d.message.contains(FGB_PANIC)), "{}: {diags:?}", path.display());
        match features {
            None => assert!(diags.iter().any(|d| d.is_error()), "{}", path.display()),
            Some(f) => assert!(f.len() <= data.len() / 4, "{}", path.display()),
        }
    }
}

/// The shapefile target's input: a flag byte, then the .shp and each part present as a
/// 4-byte length and its bytes.
#[test]
fn shapefile_inputs() {
    let cases = inputs("shapefile");
    assert!(cases.len() >= 3, "the seed corpus is committed");
    let dir = std::env::temp_dir().join(format!("planmap-fuzz-shp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (path, data) in cases {
        let Some((&flags, mut rest)) = data.split_first() else { continue };
        let mut take = || {
            let Some((len, tail)) = rest.split_first_chunk::<4>() else { return std::mem::take(&mut rest) };
            let n = (u32::from_le_bytes(*len) as usize).min(tail.len());
            let (part, tail) = tail.split_at(n);
            rest = tail;
            part
        };
        let shp = dir.join("fuzz.shp");
        std::fs::write(&shp, take()).unwrap();
        for (bit, ext) in ["shx", "dbf", "prj", "cpg"].into_iter().enumerate() {
            let p = dir.join(format!("fuzz.{ext}"));
            if flags & (1 << bit) != 0 {
                std::fs::write(&p, take()).unwrap();
            } else {
                let _ = std::fs::remove_file(&p);
            }
        }
        let (features, _, diags) = planmap_core::io::shapefile::load(&shp, &planmap_core::io::ReadOptions::default());
        if features.is_none() {
            assert!(diags.iter().any(|d| d.is_error()), "{}", path.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn docx_inputs() {
    let cases = inputs("docx");
    assert!(cases.len() >= 2, "the seed corpus is committed");
    for (path, data) in cases {
        if let Ok(t) = planmap_core::io::plan_text::decode(&data, "fuzz.docx", true) {
            assert!(t.text.len() <= 300 << 20, "{}", path.display());
        }
        let _ = planmap_core::io::plan_text::decode(&data, "fuzz.txt", false);
    }
    // The seed with numbered headings reads with its numbers.
    let seed = inputs("docx").into_iter().find(|(p, _)| p.ends_with("seed-numbered.docx")).expect("seed");
    let text = planmap_core::io::plan_text::decode(&seed.1, "seed.docx", true).unwrap().text;
    assert!(text.starts_with("第一章 总体布局"), "{text}");
}

#[test]
fn draft_inputs() {
    use planmap_core::draft::{self, Gazetteer};
    let cases = inputs("draft");
    assert!(cases.len() >= 3, "the seed corpus is committed");
    let region = planmap_core::draft::china::ChinaGazetteer::new().and_then(|g| g.find("宝鸡市")).unwrap();
    for (path, data) in cases {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        let d = draft::draft(text, &region);
        let plan = draft::to_layout::to_plan(&d, &region, "fuzz.txt", "fuzz.geojson");
        let toml = draft::to_layout::to_toml(&plan, "fuzz.txt");
        assert!(planmap_core::io::parse_layout(&toml, Path::new("fuzz.toml")).is_ok(), "{}:\n{toml}", path.display());
    }
}
