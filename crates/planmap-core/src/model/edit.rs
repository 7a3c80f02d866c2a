//! The edit vocabulary: what a user can change in a layout, as data. The window's panes and
//! the review record these; `io::edit` applies them to the file's text (keeping its comments
//! and order), and the document layer validates the result and keeps the undo history.

use super::{Plan, StructureKind};

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

/// A field of the layout's `[plan]` table that the window edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Title,
    Document,
    Period,
    Slogan,
}

impl PlanField {
    pub const ALL: [PlanField; 4] = [PlanField::Title, PlanField::Document, PlanField::Period, PlanField::Slogan];

    /// The key in `[plan]`.
    pub fn key(self) -> &'static str {
        match self {
            PlanField::Title => "title",
            PlanField::Document => "document",
            PlanField::Period => "period",
            PlanField::Slogan => "slogan",
        }
    }

    /// A required key stays when emptied (`check` says what is missing); an optional one goes.
    pub fn required(self) -> bool {
        matches!(self, PlanField::Title | PlanField::Document)
    }

    /// The field's text in the plan (empty when absent).
    pub fn of(self, plan: &Plan) -> &str {
        let m = &plan.plan;
        match self {
            PlanField::Title => &m.title,
            PlanField::Document => &m.document,
            PlanField::Period => m.period.as_deref().unwrap_or_default(),
            PlanField::Slogan => m.slogan.as_deref().unwrap_or_default(),
        }
    }
}

/// A readable id for a new structure, unique in the plan: the ASCII words of its name as a
/// slug (`Core area` → `core-area`), else the kind and its count (`zone-2` for a second zone;
/// a Chinese name has no ASCII to spell it with, and ids are for people editing the file).
pub fn new_structure_id(plan: &Plan, name: &str, kind: StructureKind) -> String {
    let taken = |id: &str| plan.structures.iter().any(|s| s.id.get_ref() == id);
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 24 {
            break;
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if !slug.is_empty() && !taken(&slug) {
        return slug;
    }
    let base = if slug.is_empty() { kind.key().to_string() } else { slug };
    let first = plan.structures.iter().filter(|s| s.kind == kind).count() + 1;
    (first..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base)
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
    /// The plan's title, document, period or slogan (an optional one emptied is removed).
    SetPlanField {
        field: PlanField,
        value: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_readable_and_never_repeat() {
        let text = "[plan]\ntitle = \"t\"\nregion = \"r\"\ndocument = \"\"\nboundaries = \"b.geojson\"\n\n[[structures]]\nid = \"zone-1\"\nkind = \"zone\"\nname = \"一片区\"\nsource = \"s\"\n\n[[structures]]\nid = \"zone-2\"\nkind = \"zone\"\nname = \"二片区\"\nsource = \"s\"\n\n[[structures]]\nid = \"core-area\"\nkind = \"core\"\nname = \"Core area\"\nsource = \"s\"\n";
        let plan = crate::io::parse_layout(text, std::path::Path::new("t.toml")).unwrap();
        assert_eq!(new_structure_id(&plan, "三片区", StructureKind::Zone), "zone-3", "the third zone");
        assert_eq!(new_structure_id(&plan, "两翼", StructureKind::Wing), "wing-1");
        assert_eq!(new_structure_id(&plan, "Weihe belt 沿渭", StructureKind::Belt), "weihe-belt");
        assert_eq!(new_structure_id(&plan, "Core area", StructureKind::Core), "core-area-2", "a slug taken gets a number");
        assert_eq!(new_structure_id(&plan, "", StructureKind::Zone), "zone-3");
    }
}
