//! Spreadsheets the server writes: CSV that no spreadsheet evaluates (OWASP CSV injection,
//! issue #13 item 7) and XLSX laid out for printing.

use crate::error::AppError;
use std::borrow::Cow;

/// The media type of the XLSX files the server writes.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether a spreadsheet would evaluate the cell as a formula: it starts with `=`, `+`, `-`,
/// `@`, tab or CR (OWASP, CSV injection).
pub fn formula_like(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as a CSV file carries it: a formula-like one gets a leading apostrophe, as OWASP
/// advises (issue #13, item 7), so that it shows as the text it is; the writer then quotes it
/// as any other cell.
pub fn inert_cell(value: &str) -> Cow<'_, str> {
    if formula_like(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Rows as a CSV download (UTF-8 with BOM); every CSV the server writes goes through here.
pub fn csv_bytes<S: AsRef<str>>(rows: &[Vec<S>]) -> Result<Vec<u8>, AppError> {
    let mut out = CsvOut::new();
    for r in rows {
        out.row(r)?;
    }
    out.finish()
}

/// A CSV download written row by row (UTF-8 with BOM, each cell made inert as in
/// [`csv_bytes`]), into memory or, for the large ones, into any writer (a temporary file).
pub struct CsvOut<W: std::io::Write = Vec<u8>> {
    w: csv::Writer<W>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    pub fn new() -> Self {
        CsvOut {
            w: csv::Writer::from_writer(BOM.to_vec()),
        }
    }
}

/// UTF-8's byte order mark, so that Excel reads the file as UTF-8.
const BOM: &[u8] = b"\xef\xbb\xbf";

impl<W: std::io::Write> CsvOut<W> {
    /// Into `w`, the byte order mark first.
    pub fn to_writer(mut w: W) -> Result<Self, AppError> {
        w.write_all(BOM)
            .map_err(|e| AppError::Internal(format!("csv: {e}")))?;
        Ok(CsvOut {
            w: csv::Writer::from_writer(w),
        })
    }

    pub fn row<S: AsRef<str>>(&mut self, r: &[S]) -> Result<(), AppError> {
        self.w
            .write_record(r.iter().map(|c| inert_cell(c.as_ref()).into_owned()))
            .map_err(|e| AppError::Internal(format!("csv: {e}")))
    }

    /// The writer, everything written to it.
    pub fn finish(self) -> Result<W, AppError> {
        self.w
            .into_inner()
            .map_err(|e| AppError::Internal(format!("csv: {e}")))
    }
}

/// A cell of a sheet: text, or a number the district's tables add up (issue #16: counts are
/// numbers, not text).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => t.chars().count(),
            Cell::Number(n) => n.to_string().len(),
        }
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Self {
        Cell::Text(t.to_owned())
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Self {
        Cell::Text(t)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}

/// A sheet of text cells under a title.
pub fn xlsx_bytes(title: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|v| Cell::Text(v.clone())).collect())
        .collect();
    xlsx_cells(title, &cells)
}

/// A sheet under a title, the first row its header, numbers stored as numbers.
pub fn xlsx_cells(title: &str, rows: &[Vec<Cell>]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let cell = Format::new().set_border(FormatBorder::Thin);
    sheet
        .write_string_with_format(0, 0, title, &bold.clone().set_font_size(14))
        .map_err(x)?;
    let printed = (chrono::Utc::now() + chrono::Duration::hours(7)).format("%d/%m/%Y");
    sheet
        .write_string(1, 0, format!("Ngày lập: {printed}"))
        .map_err(x)?;
    let first = 3u32;
    for (r, row) in rows.iter().enumerate() {
        let r = first + r as u32;
        for (c, value) in row.iter().enumerate() {
            let f = if r == first { &head } else { &cell };
            match value {
                Cell::Text(t) => sheet.write_string_with_format(r, c as u16, t, f),
                Cell::Number(n) => sheet.write_number_with_format(r, c as u16, *n, f),
            }
            .map_err(x)?;
        }
    }
    if let Some(header) = rows.first() {
        for (c, h) in header.iter().enumerate() {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(Cell::width)
                .max()
                .unwrap_or(8);
            sheet
                .set_column_width(
                    c as u16,
                    (widest.max(h.width() / 2).clamp(8, 40) + 2) as f64,
                )
                .map_err(x)?;
        }
        sheet.set_freeze_panes(first + 1, 0).map_err(x)?;
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(first, first).map_err(x)?;
    }
    book.save_to_buffer().map_err(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_evaluate_are_prefixed() {
        for live in ["=1+1", "+cmd", "-2+3", "@SUM(1)", "\tx", "\rx"] {
            assert_eq!(inert_cell(live), format!("'{live}"));
        }
        for text in ["Nguyễn Văn An", "", "a=b", "'=x", " =x"] {
            assert_eq!(inert_cell(text), text);
        }
    }

    #[test]
    fn a_prefixed_cell_stays_quoted() {
        let bytes = csv_bytes(&[vec!["=A1,\"x\"", "\r1"]]).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}\"'=A1,\"\"x\"\"\",\"'\r1\"\n"
        );
    }
}
