//! Edit commands on the loaded Baoji layout, decoded from the fuzz input, with undo and redo:
//! no panic, and every edit that is kept leaves a file that parses and checks clean.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planmap::model::edit::{Command, DistrictRef, Fact, FactKind};
use planmap::model::StructureKind;
use std::path::Path;
use std::sync::OnceLock;

const LAYOUT: &str = include_str!("../../layouts/baoji.toml");

fn boundaries() -> &'static planmap::model::Boundaries {
    static B: OnceLock<planmap::model::Boundaries> = OnceLock::new();
    B.get_or_init(|| {
        let src = include_str!("../../assets/boundaries/baoji.geojson");
        planmap::io::parse_boundaries(src, Path::new("baoji.geojson")).0.unwrap_or_default()
    })
}

/// Bytes → small numbers and strings, the way a user's clicks and typing would give them.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn index(&mut self) -> Option<usize> {
        // Mostly in range, sometimes far out of it.
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

fuzz_target!(|data: &[u8]| {
    let file = Path::new("baoji.toml");
    let Ok(mut editor) = planmap::document::editor::Editor::new(file, LAYOUT) else { return };
    let mut input = Input(data);
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
                if editor.apply(&cmd, boundaries()).is_ok() {
                    let checked = planmap::document::editor::check(editor.text(), file, boundaries());
                    assert!(checked.is_ok(), "{cmd:?} was kept but the file does not check: {checked:?}");
                }
            }
        }
    }
});
