//! The plan as data: structures, members, districts and their facts, each fact with its source.
//!
//! Deserialised straight from a layout file (see `layouts/README.md`); the fields whose values
//! are checked against the boundaries keep their byte span (`Spanned`) so a problem can be
//! reported at its line and column. No egui here.

mod boundaries;
mod describe;
mod diagnostic;
pub mod diff;
pub mod edit;
mod indicator;
pub mod pair_bytes;
mod polygons;
pub mod regions;
mod search;
mod steps;
mod text;
mod validate;

pub use boundaries::{Boundaries, Feature, Origin};
pub use describe::{Details, Heading, Line, Section, describe};
pub use diagnostic::{Diagnostic, LineIndex, MAX_MESSAGES, Severity, cap_messages, char_count, line_col, more_messages};
pub use diff::{Change, Difference, Field, diff, diff_layouts, same_plan};
pub use indicator::{Comparator, Figure, Indicator, IndicatorKind, format_number};
pub use polygons::Polygons;
pub use search::{Target, same_name, search, slogan_parts, slogan_runs};
pub use steps::{Step, steps};
pub use text::{echoed, escape_controls, short_number, shown_text};
pub use validate::validate;

use serde::{Deserialize, Serialize};
use serde_spanned::Spanned;

/// One layout file: the plan's metadata, its structures in the plan's order, and what the plan
/// says about each district.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub plan: Meta,
    #[serde(default)]
    pub structures: Vec<Structure>,
    #[serde(default)]
    pub districts: Vec<District>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<District>,
    /// The plan's indicator table, in the plan's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slogan: Option<String>,
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Path of the boundary GeoJSON, relative to the layout file.
    pub boundaries: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The district a county-level plan is about; the other features are context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_district: Option<Spanned<String>>,
    /// The boundary file's field holding each unit's adcode (Shapefile / FlatGeobuf: e.g.
    /// "XZQDM"); default: recognised by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_adcode: Option<String>,
    /// The boundary file's field holding each unit's name (e.g. "XZQMC").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_name: Option<String>,
    /// The datum of the boundary file's coordinates when the file does not say or says wrong:
    /// "GCJ-02", "WGS-84" or "CGCS2000" (converted to GCJ-02 for drawing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_datum: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StructureKind {
    Core,
    Zone,
    Product,
    Centre,
    Point,
    Tier,
    Circle,
    Other,
    /// 带: a belt along a river or road; drawn as a zone.
    Belt,
    /// 轴: an axis; drawn as a zone.
    Axis,
    /// 极: a growth pole; drawn as a core.
    Pole,
    /// 翼: a wing; drawn as a zone.
    Wing,
    /// 组团: a cluster of counties; drawn as a zone.
    Cluster,
}

impl StructureKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Core => "核心",
            Self::Zone => "片区",
            Self::Product => "特色品",
            Self::Centre => "中心",
            Self::Point => "点",
            Self::Tier => "层级",
            Self::Circle => "圈层",
            Self::Other => "其他",
            Self::Belt => "带",
            Self::Axis => "轴",
            Self::Pole => "极",
            Self::Wing => "翼",
            Self::Cluster => "组团",
        }
    }

    /// The kind as the layout file writes it (`kind = "zone"`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Core => "core",
            Self::Zone => "zone",
            Self::Product => "product",
            Self::Centre => "centre",
            Self::Point => "point",
            Self::Tier => "tier",
            Self::Circle => "circle",
            Self::Other => "other",
            Self::Belt => "belt",
            Self::Axis => "axis",
            Self::Pole => "pole",
            Self::Wing => "wing",
            Self::Cluster => "cluster",
        }
    }

    /// Area-like structures are drawn as fills; tiers and circles are relations, drawn as
    /// outlines and listed (a tier is not a territory).
    pub fn is_area(self) -> bool {
        !matches!(self, Self::Tier | Self::Circle)
    }

    /// The kind a newer kind is drawn like (belts, axes, wings and clusters are areas like a
    /// zone; a pole is a core).
    pub fn drawn_as(self) -> StructureKind {
        match self {
            Self::Belt | Self::Axis | Self::Wing | Self::Cluster => Self::Zone,
            Self::Pole => Self::Core,
            k => k,
        }
    }

    /// Every kind, in the order the editor lists them.
    pub const ALL: [StructureKind; 13] = [
        Self::Core,
        Self::Zone,
        Self::Product,
        Self::Centre,
        Self::Point,
        Self::Tier,
        Self::Circle,
        Self::Belt,
        Self::Axis,
        Self::Pole,
        Self::Wing,
        Self::Cluster,
        Self::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    pub id: Spanned<String>,
    pub kind: StructureKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positioning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_area: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    pub source: String,
    /// The id of the structure this one is part of (e.g. each tier under 三级联动).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Spanned<String>>,
    /// Other names the plan uses for it; search and `show` find it by any of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// Drafted by `planmap draft` and not yet reviewed (check counts these as warnings).
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

impl Structure {
    /// The member for a boundary feature, if this structure has one.
    pub fn member_for(&self, adcode: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.adcode() == Some(adcode))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberKind {
    #[default]
    Area,
    Institution,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// A boundary feature's adcode; absent for members with no polygon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adcode: Option<Spanned<String>>,
    pub name: Spanned<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: MemberKind,
    /// The plan's qualifier when only part of the county belongs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
    /// What the plan says about where a member with no polygon is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The county the plan places a member with no polygon in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The section that states this member, when it is not the structure's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Drafted by `planmap draft` and not yet reviewed (check counts these as warnings).
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Member {
    pub fn adcode(&self) -> Option<&str> {
        self.adcode.as_ref().map(|a| a.get_ref().as_str())
    }
    pub fn name(&self) -> &str {
        self.name.get_ref()
    }
    pub fn has_polygon(&self) -> bool {
        self.adcode.is_some()
    }
    /// The member's own source, else its structure's.
    pub fn source_or<'a>(&'a self, structure: &'a Structure) -> &'a str {
        self.source.as_deref().unwrap_or(&structure.source)
    }
}

/// What the plan says about one district (or, as `Plan::city`, about the city as a whole).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adcode: Option<Spanned<String>>,
    pub name: Spanned<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialities: Vec<Speciality>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hospitals: Vec<Hospital>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
}

impl District {
    pub fn adcode(&self) -> Option<&str> {
        self.adcode.as_ref().map(|a| a.get_ref().as_str())
    }
    pub fn name(&self) -> &str {
        self.name.get_ref()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Speciality {
    pub text: String,
    pub source: String,
    /// Drafted by `planmap draft` and not yet reviewed (check counts these as warnings).
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hospital {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Drafted by `planmap draft` and not yet reviewed (check counts these as warnings).
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Drafted by `planmap draft` and not yet reviewed (check counts these as warnings).
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

/// An sRGB colour parsed from `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }
}

/// A readable default palette (ColorBrewer Set2 + Dark2), used for structures without a colour.
pub const PALETTE: [Rgb; 8] = [
    Rgb([0x66, 0xc2, 0xa5]),
    Rgb([0xfc, 0x8d, 0x62]),
    Rgb([0x8d, 0xa0, 0xcb]),
    Rgb([0xe7, 0x8a, 0xc3]),
    Rgb([0xa6, 0xd8, 0x54]),
    Rgb([0xff, 0xd9, 0x2f]),
    Rgb([0xe5, 0xc4, 0x94]),
    Rgb([0x1b, 0x9e, 0x77]),
];

impl Plan {
    /// The structure's colour: its own when valid, else the palette's by position.
    pub fn structure_color(&self, index: usize) -> Rgb {
        self.structures.get(index).and_then(|s| s.color.as_ref()).and_then(|c| Rgb::parse(c.get_ref())).unwrap_or(PALETTE[index % PALETTE.len()])
    }

    /// Indices of the structures a boundary feature belongs to, in the plan's order.
    pub fn structures_of(&self, adcode: &str) -> Vec<usize> {
        (0..self.structures.len()).filter(|&i| self.structures[i].member_for(adcode).is_some()).collect()
    }

    pub fn district(&self, adcode: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.adcode() == Some(adcode))
    }

    pub fn focus_district(&self) -> Option<&str> {
        self.plan.focus_district.as_ref().map(|f| f.get_ref().as_str())
    }

    /// The index of the structure with this id.
    pub fn structure_index(&self, id: &str) -> Option<usize> {
        self.structures.iter().position(|s| s.id.get_ref() == id)
    }

    /// Indices of the structures whose `parent` is structure `index`, in the plan's order.
    pub fn children_of(&self, index: usize) -> Vec<usize> {
        let Some(id) = self.structures.get(index).map(|s| s.id.get_ref()) else { return Vec::new() };
        (0..self.structures.len()).filter(|&i| self.structures[i].parent.as_ref().is_some_and(|p| p.get_ref() == id)).collect()
    }

    /// The index of structure `index`'s parent, when it names one that exists.
    pub fn parent_of(&self, index: usize) -> Option<usize> {
        let p = self.structures.get(index)?.parent.as_ref()?;
        self.structure_index(p.get_ref())
    }

    /// The indicators grouped by domain (领域), domains and rows in the plan's order: indices into
    /// `indicators`.
    pub fn indicators_by_domain(&self) -> Vec<(&str, Vec<usize>)> {
        let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            match out.iter_mut().find(|(d, _)| *d == ind.domain) {
                Some((_, rows)) => rows.push(i),
                None => out.push((ind.domain.as_str(), vec![i])),
            }
        }
        out
    }

    /// Every district entry, the city-level one last.
    pub fn all_districts(&self) -> impl Iterator<Item = &District> {
        self.districts.iter().chain(self.city.iter())
    }
}
