//! The plans' indicator tables: counts, verbatim figures, contradictions kept, `show` finds them,
//! and the format's checks.

use crate::support::root;
use planmap::io::{self, Layout};
use planmap::model::{self, Comparator, Indicator, IndicatorKind, Target};

fn layout(name: &str) -> Layout {
    let path = root().join(format!("layouts/{name}.toml"));
    io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}"))
}

fn named<'a>(l: &'a Layout, name: &str, source_has: &str) -> &'a Indicator {
    l.plan.indicators.iter().find(|i| i.name() == name && i.source.contains(source_has)).unwrap_or_else(|| panic!("no indicator {name} citing {source_has}"))
}

fn show(l: &Layout, name: &str) -> (i32, String) {
    let mut out = Vec::new();
    let code = planmap::cli::show::run(&l.path, name, &mut out);
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn baoji_has_the_32_indicators_of_its_table() {
    let l = layout("baoji");
    let table: Vec<_> = l.plan.indicators.iter().filter(|i| i.source.contains("主要发展目标")).collect();
    assert_eq!(table.len(), 32);
    assert_eq!(l.plan.indicators.len(), 32);
    let groups = l.plan.indicators_by_domain();
    let domains: Vec<&str> = groups.iter().map(|(d, _)| *d).collect();
    assert_eq!(domains, ["健康人群", "健康生活", "健康环境", "健康事业", "健康产业"]);
    let sizes: Vec<usize> = groups.iter().map(|(_, rows)| rows.len()).collect();
    assert_eq!(sizes, [4, 4, 6, 15, 3]);
    // Baoji's table has 2025 targets only.
    assert!(table.iter().all(|i| i.baseline.is_none() && i.target.as_ref().is_some_and(|t| t.year == Some(2025))));
    assert_eq!(table.iter().filter(|i| i.kind == Some(IndicatorKind::Binding)).count(), 8);
}

#[test]
fn baoji_figures_are_verbatim() {
    let l = layout("baoji");
    let life = named(&l, "人均预期寿命", "第二章");
    assert_eq!(life.unit.as_deref(), Some("岁"));
    let t = life.target.as_ref().unwrap();
    assert_eq!((t.value, t.comparator, t.text.as_deref()), (Some(78.0), None, Some("78")));

    let smoke = named(&l, "15岁以上人群吸烟率", "第二章");
    let t = smoke.target.as_ref().unwrap();
    assert_eq!((t.value, t.comparator, t.text.as_deref()), (Some(22.0), Some(Comparator::Below), Some("<22")));

    // Starred figures keep the star and the table's footnote.
    let air = named(&l, "空气质量优良天数比率", "第二章");
    assert_eq!(air.target.as_ref().unwrap().text.as_deref(), Some("80*"));
    assert_eq!(air.kind, Some(IndicatorKind::Binding));
    assert!(air.note.as_deref().is_some_and(|n| n.contains("以省上下达指标为准")));

    let invest = named(&l, "区域医疗康养中心重大项目“十四五”期间投资额", "第二章");
    assert_eq!((invest.unit.as_deref(), invest.target.as_ref().unwrap().value), (Some("亿元"), Some(1248.68)));
}

#[test]
fn renhe_has_the_22_indicators_of_table_1() {
    let l = layout("renhe");
    let table: Vec<_> = l.plan.indicators.iter().filter(|i| i.source == "第二章 第三节 表1").collect();
    assert_eq!(table.len(), 22);
    assert!(table.iter().all(|i| i.baseline.as_ref().is_some_and(|b| b.year == Some(2020)) && i.target.as_ref().is_some_and(|t| t.year == Some(2025))));
    assert_eq!(table.iter().filter(|i| i.kind == Some(IndicatorKind::Binding)).count(), 4);
    assert_eq!(table.first().map(|i| i.name()), Some("人均预期寿命"));
    assert_eq!(table.last().map(|i| i.name()), Some("健康服务业总规模"));
}

#[test]
fn renhe_figures_are_verbatim() {
    let l = layout("renhe");
    let mmr = named(&l, "孕产妇死亡率", "表1");
    assert_eq!(mmr.unit.as_deref(), Some("/10 万"));
    assert_eq!(mmr.baseline.as_ref().unwrap().value, Some(0.0));
    let t = mmr.target.as_ref().unwrap();
    assert_eq!((t.value, t.comparator, t.text.as_deref()), (Some(14.5), Some(Comparator::AtMost), Some("≤14.5")));

    // A text-only target and a table cell with no figure.
    let myopia = named(&l, "市儿童青少年总体近视率", "表1");
    let t = myopia.target.as_ref().unwrap();
    assert_eq!((t.value, t.text.as_deref()), (None, Some("力争每年降低0.5个百分点")));
    let hale = named(&l, "健康预期寿命", "表1");
    assert_eq!(hale.baseline.as_ref().unwrap().text.as_deref(), Some("—"));
    assert_eq!(hale.target.as_ref().unwrap().text.as_deref(), Some("同比例提高"));

    let vaccine = named(&l, "以乡镇（街道）为单位适龄儿童免疫规划疫苗接种率", "表1");
    assert_eq!(vaccine.kind, Some(IndicatorKind::Binding));
    assert_eq!(vaccine.baseline.as_ref().unwrap().comparator, Some(Comparator::Above));
}

#[test]
fn renhe_contradictions_are_kept_twice_with_their_sources() {
    let l = layout("renhe");
    let infant: Vec<_> = l.plan.indicators.iter().filter(|i| i.name() == "婴儿死亡率").collect();
    assert_eq!(infant.len(), 2, "{infant:?}");
    let table = named(&l, "婴儿死亡率", "表1");
    let text = named(&l, "婴儿死亡率", "第二章 第三节（正文）");
    assert_eq!(table.target.as_ref().unwrap().text.as_deref(), Some("≤4.8"));
    assert_eq!(text.target.as_ref().unwrap().text.as_deref(), Some("7‰ 以下"));
    assert!(table.note.as_deref().is_some_and(|n| n.contains("7‰ 以下")));
    assert!(text.note.as_deref().is_some_and(|n| n.contains("≤4.8")));

    let doctors = named(&l, "每千常住人口执业（助理）医师数", "表1");
    assert_eq!(doctors.target.as_ref().unwrap().value, Some(3.78));
    let doctors_text = named(&l, "每千人口执业（助理）医师数", "第十章 第二节");
    assert_eq!(doctors_text.target.as_ref().unwrap().value, Some(2.6));
    // Searching the table's name finds both figures.
    let hits = model::search(&l.plan, Some(&l.boundaries), "每千常住人口执业（助理）医师数");
    assert_eq!(hits.len(), 2, "{hits:?}");
    let (code, text) = show(&l, "每千常住人口执业（助理）医师数");
    assert_eq!(code, 0);
    assert!(text.contains("3.78") && text.contains("2.6"), "{text}");
}

#[test]
fn show_prints_an_indicators_baseline_target_and_source() {
    let l = layout("renhe");
    let (code, text) = show(&l, "孕产妇死亡率");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("2020年 0"), "{text}");
    assert!(text.contains("2025年 ≤14.5"), "{text}");
    assert!(text.contains("〔《攀枝花市仁和区“十四五”卫生健康发展规划》 · 第二章 第三节 表1〕"), "the plan cited by its title: {text}");
    // The text's own figure is printed too, with its source.
    assert!(text.contains("25/10 万以下") && text.contains("第二章 第三节（正文）"), "{text}");
    // Not confused with 孕产妇系统管理率.
    assert!(!text.contains("系统管理率"), "{text}");
}

#[test]
fn show_ignores_the_spaces_of_the_plans_text() {
    let l = layout("renhe");
    let (code, text) = show(&l, "5岁以下儿童死亡率");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("≤6.5") && text.contains("9.3‰ 以下"), "{text}");
}

#[test]
fn every_indicator_can_be_described_with_sources() {
    for name in ["baoji", "renhe"] {
        let l = layout(name);
        for i in 0..l.plan.indicators.len() {
            let d = model::describe(&l.plan, Some(&l.boundaries), &Target::Indicator(i)).unwrap();
            assert!(d.subtitle.starts_with("指标"));
            assert!(d.sections.iter().flat_map(|s| &s.lines).all(|line| line.source.as_deref().is_some_and(|s| !s.is_empty())));
        }
    }
}

/// A minimal layout with `extra` appended, written next to the Baoji boundaries; its diagnostics.
fn check(name: &str, extra: &str) -> (String, Vec<model::Diagnostic>) {
    let boundaries = root().join("assets/boundaries/baoji.geojson");
    let src = format!("[plan]\ntitle = \"t\"\nregion = \"r\"\ndocument = \"d\"\nboundaries = {:?}\n\n{extra}", boundaries.to_str().unwrap());
    let dir = std::env::temp_dir().join(format!("planmap-ind-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("layout.toml");
    std::fs::write(&path, &src).unwrap();
    let diags = match io::load_layout(&path) {
        Ok(l) => l.warnings,
        Err(d) => d,
    };
    (src, diags)
}

fn line_of(src: &str, needle: &str) -> usize {
    src.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn bad_comparator_is_located() {
    let (src, d) = check("cmp", "[[indicators]]\ndomain = \"a\"\nname = \"b\"\ntarget = { value = 1, comparator = \"~\" }\nsource = \"s\"\n");
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.line, line_of(&src, "comparator = \"~\""), "{e}");
    assert!(e.message.contains("unknown variant"), "{e}");
}

#[test]
fn ascii_comparators_are_read() {
    let (_, d) = check("ascii", "[[indicators]]\ndomain = \"a\"\nname = \"b\"\ntarget = { value = 1, comparator = \"<=\" }\nsource = \"s\"\n");
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
}

#[test]
fn bad_kind_is_located() {
    let (src, d) = check("kind", "[[indicators]]\ndomain = \"a\"\nname = \"b\"\nkind = \"指导性\"\ntarget = { value = 1 }\nsource = \"s\"\n");
    let e = d.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(e.line, line_of(&src, "指导性"), "{e}");
}

#[test]
fn empty_figure_and_empty_source_are_errors_at_the_indicator() {
    let (src, d) = check("empty", "[[indicators]]\ndomain = \"a\"\nname = \"空的\"\ntarget = { year = 2025 }\nsource = \" \"\n");
    let at = line_of(&src, "name = \"空的\"");
    assert!(d.iter().any(|d| d.is_error() && d.line == at && d.message.contains("neither value nor text")), "{d:?}");
    assert!(d.iter().any(|d| d.is_error() && d.line == at && d.message.contains("empty source")), "{d:?}");
}

#[test]
fn same_indicator_twice_from_the_same_source_is_an_error() {
    let one = "[[indicators]]\ndomain = \"a\"\nname = \"b\"\ntarget = { value = 1 }\nsource = \"s\"\n";
    let (_, d) = check("dup", &format!("{one}\n{one}"));
    assert!(d.iter().any(|d| d.is_error() && d.message.contains("listed twice")), "{d:?}");
    // The same name from another section is how a contradiction is kept: no error.
    let (_, d) = check("dup-ok", &format!("{one}\n{}", one.replace("source = \"s\"", "source = \"t\"")));
    assert!(d.iter().all(|d| !d.is_error()), "{d:?}");
}
