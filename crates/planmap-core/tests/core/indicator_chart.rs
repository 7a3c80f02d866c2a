//! The indicator rows the pane, the chart and the spreadsheet all show: in the plan's order,
//! grouped by domain, one shared axis per unit, text targets kept as text, a target without a
//! baseline said so, and the plan's table and text disagreeing shown once with both figures.
//! The CSV and XLSX hand the same values on (read back with the `csv` crate and calamine).

use calamine::{Data, Reader, Xlsx};
use planmap_core::export::indicator_table::{self, Cell, HEADER};
use planmap_core::io;
use planmap_core::model::Plan;
use planmap_core::scene::indicators::{self, Better, TABLE_TEXT_MISMATCH};

fn layout(name: &str) -> Plan {
    let path = crate::support::root().join(format!("layouts/{name}.toml"));
    io::load_layout(&path).unwrap_or_else(|d| panic!("{name}: {d:?}")).plan
}

#[test]
fn baoji_rows_keep_the_plans_domains_and_order() {
    let p = layout("baoji");
    let chart = indicators::chart(&p);
    let domains: Vec<&str> = chart.domains().iter().map(|d| d.0).collect();
    assert_eq!(&domains[..3], ["健康人群", "健康生活", "健康环境"]);
    assert_eq!(chart.rows.len(), p.indicators.len(), "Baoji states each indicator once");
    let flat: Vec<usize> = chart.rows.iter().map(|r| r.index).collect();
    assert!(flat.windows(2).all(|w| w[0] < w[1]), "the plan's order, every indicator once");
    assert!(chart.rows.iter().any(|r| r.is_binding()) && chart.rows.iter().any(|r| !r.is_binding()));
    // Baoji's table has targets only: every numeric row says it has no baseline.
    assert!(chart.rows.iter().filter(|r| r.target.as_ref().is_some_and(|t| t.value.is_some())).all(|r| r.lacks_baseline()));
    assert!(chart.rows.iter().all(|r| r.values_text().starts_with(indicators::NO_BASELINE)));
}

#[test]
fn rows_of_one_unit_share_one_axis_and_text_targets_stay_text() {
    let p = layout("renhe");
    let chart = indicators::chart(&p);
    let row = |name: &str| chart.rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no row {name}"));
    let pct: Vec<_> = chart.rows.iter().filter(|r| r.unit == "%").collect();
    assert!(pct.len() > 5 && pct.iter().all(|r| r.axis == pct[0].axis), "every % row on one axis");
    let axis = &chart.axes[pct[0].axis];
    assert_eq!((axis.lo, axis.hi), (0.0, 100.0), "a percentage is drawn on 0–100");
    let units: Vec<&str> = chart.axes.iter().map(|a| a.unit.as_str()).collect();
    let mut dedup = units.clone();
    dedup.sort_unstable();
    dedup.dedup();
    assert_eq!(dedup.len(), units.len(), "one axis per unit: {units:?}");
    let life = row("人均预期寿命");
    let a = &chart.axes[life.axis];
    let (b, t) = (life.baseline.as_ref().unwrap().value.unwrap(), life.target.as_ref().unwrap().value.unwrap());
    assert!(a.lo <= b && t <= a.hi && a.x(b) < a.x(t), "78.84 → 79.5 inside its axis, rising");
    assert_eq!(life.better, Better::Higher);
    let stay = row("三级综合医院平均住院日");
    assert!(chart.axes[stay.axis].x(10.7) > chart.axes[stay.axis].x(8.0));
    assert_eq!(stay.better, Better::Lower, "10.7 → 8 days");
    assert_eq!(row("婴儿死亡率").better, Better::Lower, "≤4.8 asks for lower");
    let healthy = row("健康预期寿命");
    let target = healthy.target.as_ref().unwrap();
    assert!(target.value.is_none() && target.text.contains("同比例提高"), "a text target is text");
    assert!(healthy.hover_text().contains(&healthy.source), "hover shows the source");
}

#[test]
fn renhes_table_and_text_disagreeing_are_shown_once_with_both_figures_and_sources() {
    let p = layout("renhe");
    let chart = indicators::chart(&p);
    for name in ["孕产妇死亡率", "婴儿死亡率", "5 岁以下儿童死亡率"] {
        let rows: Vec<_> = chart.rows.iter().filter(|r| r.name == name).collect();
        assert_eq!(rows.len(), 1, "{name} is one row");
        let r = rows[0];
        assert_eq!(r.mismatch(), Some(TABLE_TEXT_MISMATCH), "{name} is marked");
        assert!(r.source.contains("表1"), "{name}: the table's figure first: {}", r.source);
        let other = r.other.as_ref().unwrap();
        assert!(other.source.contains("正文"), "{name}: the text's source too: {}", other.source);
        let stated: Vec<_> = p.indicators.iter().filter(|i| i.name() == name).collect();
        assert_eq!(stated.len(), 2, "the layout states {name} twice");
        let texts: Vec<String> = stated.iter().map(|i| i.target.as_ref().and_then(|t| t.text.clone()).unwrap_or_default()).collect();
        let shown = [r.target.as_ref().unwrap().text.clone(), other.target.as_ref().unwrap().text.clone()];
        assert!(texts.iter().all(|t| shown.contains(t)), "{name}: both targets shown: {texts:?} vs {shown:?}");
        assert!(r.hover_text().contains(TABLE_TEXT_MISMATCH) && r.hover_text().contains(&other.source));
    }
    // The rows of Renhe's table not stated elsewhere are not marked.
    assert!(chart.rows.iter().find(|r| r.name == "人均预期寿命").unwrap().mismatch().is_none());
    let marked = chart.rows.iter().filter(|r| r.mismatch().is_some()).count();
    assert_eq!(chart.rows.len() + marked, p.indicators.len(), "each pair is one row");
    assert!(marked >= 3);
}

fn header_and(plan: &Plan) -> (Vec<Vec<Cell>>, usize, usize) {
    let records = indicator_table::records(plan);
    let col = |h: &str| HEADER.iter().position(|x| *x == h).unwrap_or_else(|| panic!("no column {h}"));
    (records, col("指标"), col("目标数值"))
}

#[test]
fn csv_opens_as_utf8_with_a_bom_and_round_trips_the_values() {
    let p = layout("renhe");
    let dir = crate::support::scratch("indicators-csv");
    let out = dir.join("仁和 指标.csv");
    planmap_core::export::indicators::write(&p, &planmap_core::export::Options::default(), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(&[0xef, 0xbb, 0xbf]), "a UTF-8 byte-order mark for Excel and WPS");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, HEADER);
    let read: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let (records, _, _) = header_and(&p);
    assert_eq!(read.len(), records.len());
    for (got, want) in read.iter().zip(&records) {
        let want: Vec<String> = want.iter().map(Cell::plain).collect();
        assert_eq!(got.iter().collect::<Vec<_>>(), want);
    }
    let life = read.iter().find(|r| r.get(1) == Some("人均预期寿命")).unwrap();
    assert_eq!((life.get(6), life.get(9)), (Some("78.84"), Some("79.5")), "numbers as the plan prints them");
    let maternal = read.iter().find(|r| r.get(1) == Some("孕产妇死亡率")).unwrap();
    assert_eq!(maternal.get(12), Some(TABLE_TEXT_MISMATCH));
    assert!(maternal.get(14).unwrap().contains("25/10 万以下") && maternal.get(15).unwrap().contains("正文"));
}

#[test]
fn xlsx_round_trips_the_values_as_numbers() {
    let p = layout("renhe");
    let dir = crate::support::scratch("indicators-xlsx");
    let out = dir.join("renhe.xlsx");
    planmap_core::export::indicators::write(&p, &planmap_core::export::Options::default(), &out).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names(), ["指标", "规划"]);
    let range = book.worksheet_range("指标").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(header, HEADER);
    let (records, name_col, target_col) = header_and(&p);
    assert_eq!(rows.len() - 1, records.len());
    for (got, want) in rows[1..].iter().zip(&records) {
        for (c, cell) in want.iter().enumerate() {
            let g = got.get(c).unwrap_or(&Data::Empty);
            match cell {
                Cell::Number(v) => assert_eq!(g, &Data::Float(*v), "column {} of {}", HEADER[c], want[name_col].plain()),
                Cell::Text(s) => assert_eq!(g, &Data::String(s.clone())),
                Cell::Empty => assert_eq!(g, &Data::Empty),
            }
        }
    }
    let infant = rows.iter().find(|r| r.get(name_col) == Some(&Data::String("婴儿死亡率".into()))).unwrap();
    assert_eq!(infant.get(target_col), Some(&Data::Float(4.8)));
    let about = book.worksheet_range("规划").unwrap();
    assert!(about.rows().any(|r| r.get(1) == Some(&Data::String(p.plan.title.clone()))), "the plan's title travels with the figures");
}

#[test]
fn the_indicator_table_refuses_other_extensions() {
    let p = layout("renhe");
    let out = crate::support::scratch("indicators-bad").join("renhe.txt");
    let e = planmap_core::export::indicators::write(&p, &planmap_core::export::Options::default(), &out).unwrap_err();
    assert!(e.to_string().contains(".xlsx") && !out.exists(), "{e}");
}

#[test]
fn counts_per_structure_come_from_the_plan() {
    let p = layout("baoji");
    let counts = indicators::counts(&p);
    let core = counts.iter().find(|c| c.name == "一核心").unwrap();
    assert_eq!(core.members, p.structures[core.structure].members.len());
    let projects: usize = p.structures[core.structure].members.iter().filter_map(|m| m.adcode()).filter_map(|a| p.district(a)).map(|d| d.projects.len()).sum();
    assert_eq!(core.projects, projects);
    assert!(core.projects > 0 && core.hospitals > 0);
}

#[test]
fn the_charts_footer_cites_the_plan_by_its_title_not_its_file() {
    let p = layout("renhe");
    let pic = planmap_core::export::indicators::compose(&p, &planmap_core::export::Options::default());
    let texts: String = pic.items.iter().filter_map(|i| if let planmap_core::export::picture::Item::Text { text, .. } = i { Some(text.as_str()) } else { None }).collect();
    assert!(texts.contains(&format!("《{}》", p.plan.title)), "{texts}");
    let document = p.plan.document.clone();
    assert!(!document.is_empty() && !texts.contains(&document), "no file name ({document})");
}
