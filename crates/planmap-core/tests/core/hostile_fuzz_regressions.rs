//! Replays the fuzz targets' inputs under `cargo test` (stable, no libFuzzer): the committed
//! seed corpus (fuzz/corpus/*/seed-*) and every crash the fuzzers found (fuzz/regressions/*),
//! with the same checks as the targets in fuzz/fuzz_targets/.

use std::path::{Path, PathBuf};

use planmap_core::io::edit::{Command, DistrictRef, Fact, FactKind};
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
