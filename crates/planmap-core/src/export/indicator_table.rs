//! The indicator table handed on as a spreadsheet (`planmap export LAYOUT --indicators --out
//! F.xlsx|F.csv`, File ▸ Export indicators…): one row per indicator as the window's table shows
//! it (`scene::indicators`), with the year, the figure as the plan prints it and its number in
//! separate columns so Excel or WPS can compute with them. A pair the table and the text state
//! differently is one row with both figures and both sources. CSV is UTF-8 with a byte-order
//! mark, which Excel and WPS need to read Chinese as Chinese.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::ExportError;
use crate::model::{Plan, format_number};
use crate::scene::indicators::{self, Mark, Row};

/// The columns, in order.
pub const HEADER: [&str; 17] =
    ["领域", "指标", "单位", "性质", "基期年份", "基期", "基期数值", "目标年份", "目标", "目标数值", "方向", "来源", "表/文", "另一处基期", "另一处目标", "另一处来源", "注"];

/// One cell: numbers stay numbers in XLSX.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
    }

    /// As a CSV field (before quoting).
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => format_number(*v),
            Cell::Empty => String::new(),
        }
    }
}

fn year(m: Option<&Mark>) -> Cell {
    m.and_then(|m| m.year).map_or(Cell::Empty, |y| Cell::Number(f64::from(y)))
}

fn value(m: Option<&Mark>) -> Cell {
    m.and_then(|m| m.value).map_or(Cell::Empty, Cell::Number)
}

fn printed(m: Option<&Mark>) -> Cell {
    m.map_or(Cell::Empty, |m| Cell::text(m.text.clone()))
}

fn record(r: &Row) -> Vec<Cell> {
    let (b, t) = (r.baseline.as_ref(), r.target.as_ref());
    let other = r.other.as_ref();
    let with_year = |m: Option<&Mark>| m.map_or(Cell::Empty, |m| Cell::text(m.with_year()));
    let note = match (&r.note, other.and_then(|o| o.note.as_ref())) {
        (Some(a), Some(b)) => format!("{a}\n{b}"),
        (Some(a), None) | (None, Some(a)) => a.clone(),
        (None, None) => String::new(),
    };
    vec![
        Cell::text(r.domain.clone()),
        Cell::text(r.name.clone()),
        Cell::text(r.unit.clone()),
        Cell::text(r.kind.map_or("", |k| k.label_zh())),
        year(b),
        printed(b),
        value(b),
        year(t),
        printed(t),
        value(t),
        Cell::text(r.better.label_zh()),
        Cell::text(r.source.clone()),
        Cell::text(r.mismatch().unwrap_or("")),
        with_year(other.and_then(|o| o.baseline.as_ref())),
        with_year(other.and_then(|o| o.target.as_ref())),
        other.map_or(Cell::Empty, |o| Cell::text(o.source.clone())),
        Cell::text(note),
    ]
}

/// The table's rows under `HEADER`, in the plan's order.
pub fn records(plan: &Plan) -> Vec<Vec<Cell>> {
    indicators::chart(plan).rows.iter().map(record).collect()
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The table as CSV: a byte-order mark, the header, one line per row, CRLF line ends.
pub fn csv(plan: &Plan) -> String {
    let mut out = String::from('\u{feff}');
    let line = |cells: Vec<String>| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(HEADER.iter().map(|h| h.to_string()).collect()));
    for r in records(plan) {
        out.push_str(&line(r.iter().map(Cell::plain).collect()));
    }
    out
}

/// Column widths in Excel's character units, for the header above.
const WIDTHS: [f64; 17] = [10.0, 34.0, 8.0, 7.0, 8.0, 10.0, 8.0, 8.0, 14.0, 8.0, 9.0, 26.0, 11.0, 16.0, 16.0, 24.0, 50.0];

/// The table as an XLSX workbook: sheet 指标 (header frozen, filter on), sheet 规划 (the
/// plan's title and document, so the figures keep their origin when passed on).
pub fn xlsx(plan: &Plan) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let rows = records(plan);
    let sheet = book.add_worksheet();
    sheet.set_name("指标")?;
    for (c, h) in HEADER.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *h, &bold)?;
        sheet.set_column_width(c, WIDTHS.get(usize::from(c)).copied().unwrap_or(10.0))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (c, cell) in r.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.contains('\n') => sheet.write_string_with_format(row, c, s, &wrap).map(|_| ())?,
                Cell::Text(s) => sheet.write_string(row, c, s).map(|_| ())?,
                Cell::Number(v) => sheet.write_number(row, c, *v).map(|_| ())?,
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), (HEADER.len() - 1) as u16)?;
    let about = book.add_worksheet();
    about.set_name("规划")?;
    about.set_column_width(0, 10)?;
    about.set_column_width(1, 60)?;
    for (i, (k, v)) in [("规划", plan.plan.title.as_str()), ("地区", plan.plan.region.as_str()), ("文件", plan.plan.document.as_str()), ("导出", "planmap")].iter().enumerate()
    {
        about.write_string_with_format(i as u32, 0, *k, &bold)?;
        about.write_string(i as u32, 1, *v)?;
    }
    book.save_to_buffer()
}

/// Write the table to `out`: .csv or .xlsx.
pub fn write(plan: &Plan, out: &Path) -> Result<(), ExportError> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
        Some("csv") => super::write_atomic(out, csv(plan).as_bytes()),
        Some("xlsx") => {
            let bytes = xlsx(plan).map_err(|e| ExportError::Xlsx { out: out.to_path_buf(), message: e.to_string() })?;
            super::write_atomic(out, &bytes)
        }
        _ => Err(ExportError::NotAnIndicatorsName { out: out.to_path_buf() }),
    }
}

/// Whether `out` asks for the table rather than the chart.
pub fn is_table(out: &Path) -> bool {
    matches!(out.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref(), Some("csv" | "xlsx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_with_a_comma_quote_or_line_break_is_quoted() {
        assert_eq!(field("≤14.5"), "≤14.5");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(field("一\n二"), "\"一\n二\"");
    }
}
