//! The edit vocabulary: what a user can change in a layout, as data. The window's panes and
//! the review record these; `io::edit` applies them to the file's text (keeping its comments
//! and order), and the document layer validates the result and keeps the undo history.

use super::StructureKind;

/// A district fact, as entered in the details panel.
#[derive(Debug, Clone, PartialEq)]
pub enum Fact {
    Speciality { text: String, source: String },
    Hospital { name: String, focus: Vec<String>, source: String },
    Project { name: String, detail: Option<String>, source: String },
}

impl Fact {
    pub fn kind(&self) -> FactKind {
        match self {
            Fact::Speciality { .. } => FactKind::Speciality,
            Fact::Hospital { .. } => FactKind::Hospital,
            Fact::Project { .. } => FactKind::Project,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Speciality,
    Hospital,
    Project,
}

/// Which district's facts: a county by adcode, or the city-level entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DistrictRef {
    County { adcode: String, name: String },
    City,
}

/// One reviewable entry of a drafted layout (`draft = true`). Indices are positions in the
/// file's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Structure(usize),
    Member { structure: usize, member: usize },
    Fact { district: DistrictRef, kind: FactKind, index: usize },
}

/// A structure or a district, for reviewing all its drafted entries at once.
#[derive(Debug, Clone, PartialEq)]
pub enum Group {
    Structure(usize),
    District(DistrictRef),
}

/// One user edit. Indices are positions in the file's lists.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    AddMember {
        structure: usize,
        adcode: String,
        name: String,
        partial: Option<String>,
    },
    RemoveMember {
        structure: usize,
        member: usize,
    },
    SetPartial {
        structure: usize,
        member: usize,
        partial: Option<String>,
    },
    /// A member without polygon (a development zone, an institution).
    AddPlace {
        structure: usize,
        name: String,
        location: String,
    },
    /// Words of the plan added to a structure from the review pane: a county (by adcode) or a
    /// place without polygon (`within` the county its name begins with), with the section the
    /// words stand in when it is not the structure's own.
    AddQuoted {
        structure: usize,
        adcode: Option<String>,
        name: String,
        within: Option<String>,
        source: Option<String>,
    },
    AddStructure {
        id: String,
        kind: StructureKind,
        name: String,
        color: String,
        source: String,
    },
    RenameStructure {
        structure: usize,
        name: String,
    },
    RecolorStructure {
        structure: usize,
        color: String,
    },
    MoveStructure {
        structure: usize,
        up: bool,
    },
    DeleteStructure {
        structure: usize,
    },
    AddFact {
        district: DistrictRef,
        fact: Fact,
    },
    ReplaceFact {
        district: DistrictRef,
        index: usize,
        fact: Fact,
    },
    RemoveFact {
        district: DistrictRef,
        kind: FactKind,
        index: usize,
    },
    /// Review: mark an entry drafted (`draft = true`) or reviewed (the key removed).
    SetDraft {
        entry: Entry,
        draft: bool,
    },
    /// Review: remove one entry (a rejected draft).
    Remove(Entry),
    /// Review: keep every drafted entry of a structure or district (one undo step).
    AcceptDrafts(Group),
    /// Review: remove every drafted entry of a structure or district; a drafted structure left
    /// with no members goes too (one undo step).
    RejectDrafts(Group),
}
