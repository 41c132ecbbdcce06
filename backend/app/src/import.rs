//! Reading spreadsheets people already have: CSV (UTF-8, with or without BOM, comma or
//! semicolon) or XLSX (the first sheet), row by row from a file on disk, so that a large
//! file is never held in memory whole.

use kiemdiem_domain::text::nfc;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

pub use crate::error::{ImportReport, RowError};

/// Marks an all-or-nothing import's transaction as rolled back on purpose (a dry run, or rows
/// found invalid while every row was still checked); `finish` turns it back into the report.
pub fn roll_back() -> crate::error::AppError {
    crate::error::AppError::conflict("rolled_back", "")
}

/// The answer of an all-or-nothing import: the report (written, or a dry run's), or 422 with
/// every invalid row when a real import found any.
pub fn finish(
    outcome: Result<(), crate::error::AppError>,
    report: ImportReport,
) -> Result<ImportReport, crate::error::AppError> {
    use crate::error::AppError;
    match outcome {
        Ok(()) => Ok(report),
        Err(AppError::Conflict {
            code: "rolled_back",
            ..
        }) if report.errors.is_empty() || report.dry_run => Ok(report),
        Err(AppError::Conflict {
            code: "rolled_back",
            ..
        }) => Err(AppError::ImportFailed(Box::new(report))),
        Err(e) => Err(e),
    }
}

pub enum Rows {
    Csv(csv::StringRecordsIntoIter<BufReader<File>>),
    Xlsx(std::vec::IntoIter<Vec<String>>),
}

impl Iterator for Rows {
    type Item = Result<Vec<String>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Csv(it) => it.next().map(|r| {
                r.map(|rec| rec.iter().map(csv_cell).collect())
                    .map_err(|e| format!("Tệp CSV lỗi: {e}"))
            }),
            Rows::Xlsx(it) => it.next().map(Ok),
        }
    }
}

/// A CSV cell as read: trimmed, in NFC (issue #13, item 9), and without the apostrophe the CSV
/// export puts before a cell a spreadsheet would evaluate (item 7), so that an export imports
/// back unchanged.
fn csv_cell(raw: &str) -> String {
    let cell = raw.trim();
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if crate::spreadsheet::formula_like(rest) => rest,
        _ => cell,
    };
    nfc(cell).into_owned()
}

/// The header row: the first of the first 20 naming at least `at_least` columns `known`
/// recognises (a title block above it, as in exported or official forms, is skipped). Returns
/// its row number (1-based) and cells; `example` names columns for the message.
pub fn find_header(
    rows: &mut Rows,
    known: impl Fn(&str) -> bool,
    at_least: usize,
    example: &str,
) -> Result<(u64, Vec<String>), String> {
    for n in 1..=20u64 {
        let Some(row) = rows.next() else { break };
        let row = row?;
        if row.iter().filter(|h| known(h)).count() >= at_least {
            return Ok((n, row));
        }
    }
    Err(format!(
        "Không tìm thấy dòng tiêu đề ({example}, …) trong 20 dòng đầu"
    ))
}

/// Opens a CSV or XLSX file (told apart by its first bytes).
pub fn open(path: &Path) -> Result<Rows, String> {
    let mut head = [0u8; 4096];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| format!("Không đọc được tệp: {e}"))?;
    let head = &head[..n];
    if head.starts_with(b"PK\x03\x04") {
        return open_xlsx(path);
    }
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head));
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut file =
        BufReader::new(File::open(path).map_err(|e| format!("Không đọc được tệp: {e}"))?);
    // Skip a UTF-8 byte order mark.
    if head.starts_with(b"\xef\xbb\xbf") {
        let mut bom = [0u8; 3];
        file.read_exact(&mut bom).map_err(|e| e.to_string())?;
    }
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(file);
    Ok(Rows::Csv(reader.into_records()))
}

fn open_xlsx(path: &Path) -> Result<Rows, String> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(path).map_err(|e| format!("Không mở được tệp XLSX: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("Tệp XLSX không có trang tính nào")?
        .map_err(|e| format!("Không đọc được trang tính: {e}"))?;
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => nfc(s.trim()).into_owned(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::Bool(b) => if *b { "có" } else { "không" }.to_owned(),
                    Data::DateTime(dt) => dt
                        .as_datetime()
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default(),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Error(e) => format!("#{e:?}"),
                })
                .collect()
        })
        .collect();
    Ok(Rows::Xlsx(rows.into_iter()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exports_apostrophe_is_taken_off_formula_like_cells_only() {
        assert_eq!(csv_cell(" '+84 912 345 678 "), "+84 912 345 678");
        assert_eq!(csv_cell("'=HYPERLINK(1)"), "=HYPERLINK(1)");
        assert_eq!(csv_cell("'Tổ 1"), "'Tổ 1");
        assert_eq!(csv_cell("Nguyễn Văn An"), "Nguyễn Văn An");
    }
}
