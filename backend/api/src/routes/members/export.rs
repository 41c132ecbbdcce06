//! Export members as people print them: XLSX (title block, Vietnamese headers, printable
//! widths) or CSV (UTF-8 with BOM, so that Excel shows Vietnamese), in Vietnamese order.

use super::crud::{MemberQuery, filter_for};
use super::table::{self, COLUMNS};
use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_store::{members, organizations};
use std::borrow::Cow;
use std::collections::HashMap;

/// The rows (header first) as a CSV or XLSX download.
pub fn respond(
    format: Option<&str>,
    file_stem: &str,
    title: &str,
    rows: &[Vec<String>],
) -> Result<HttpResponse, ApiError> {
    let (body, content_type, ext) = match format.unwrap_or("csv") {
        "csv" => (csv_bytes(rows)?, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (xlsx_bytes(title, rows)?, crate::routes::XLSX, "xlsx"),
        _ => {
            return Err(super::field(
                "format",
                "invalid_format",
                "Định dạng phải là csv hoặc xlsx",
            ));
        }
    };
    Ok(crate::routes::attachment(
        body,
        content_type,
        &format!("{file_stem}.{ext}"),
    ))
}

/// Whether a spreadsheet would evaluate the cell as a formula: it starts with `=`, `+`, `-`,
/// `@`, tab or CR (OWASP, CSV injection).
pub(crate) fn formula_like(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as a CSV file carries it: a formula-like one gets a leading apostrophe, as OWASP
/// advises (issue #13, item 7), so that it shows as the text it is; the writer then quotes it
/// as any other cell.
pub(crate) fn inert_cell(value: &str) -> Cow<'_, str> {
    if formula_like(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Rows as a CSV download (UTF-8 with BOM); every CSV the server writes goes through here.
pub(crate) fn csv_bytes<S: AsRef<str>>(rows: &[Vec<S>]) -> Result<Vec<u8>, ApiError> {
    let mut out = b"\xef\xbb\xbf".to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        for r in rows {
            w.write_record(r.iter().map(|c| inert_cell(c.as_ref()).into_owned()))
                .map_err(|e| ApiError::Internal(format!("csv: {e}")))?;
        }
        w.flush()
            .map_err(|e| ApiError::Internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

pub(crate) fn xlsx_bytes(title: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(format!("xlsx: {e}"));
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
            sheet
                .write_string_with_format(r, c as u16, value, f)
                .map_err(x)?;
        }
    }
    if let Some(header) = rows.first() {
        for (c, h) in header.iter().enumerate() {
            let widest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|v| v.chars().count())
                .max()
                .unwrap_or(8);
            sheet
                .set_column_width(
                    c as u16,
                    (widest.max(h.chars().count() / 2).clamp(8, 40) + 2) as f64,
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

/// The file format; the filters are the list's (`MemberQuery`), read from the same query.
#[derive(Debug, serde::Deserialize)]
pub struct ExportFormat {
    pub format: Option<String>,
}

/// Export the members the list would show (same filters), all pages, in Vietnamese order.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("format" = Option<String>, Query, description = "csv (the default) or xlsx"), MemberQuery),
    responses(
        (status = 200, description = "The file", content(
            (crate::import::FileBody = "text/csv"),
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format, or page/per_page out of bounds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/export")]
pub async fn export(
    p: Principal,
    state: web::Data<AppState>,
    format: web::Query<ExportFormat>,
    filter: web::Query<MemberQuery>,
) -> Result<HttpResponse, ApiError> {
    let format = format.into_inner().format;
    let filter = filter.into_inner();
    // The list's paging does not apply (every page is exported), but bad values are refused
    // as the list refuses them.
    crate::extract::paging(filter.page, filter.per_page, 50, 200)?;
    let rows = state
        .db(move |conn| {
            let filter = filter_for(conn, &p, &filter)?;
            let codes: HashMap<i64, String> = organizations::list(conn, &Default::default())?
                .into_iter()
                .map(|o| (o.id, o.code))
                .collect();
            let mut rows = vec![
                COLUMNS
                    .iter()
                    .map(|(_, _, vi)| (*vi).to_owned())
                    .collect::<Vec<_>>(),
            ];
            // Keyset pages: the 200th page costs what the first does.
            let page = 1000;
            let mut after: Option<(String, i64)> = None;
            loop {
                let batch = members::list_after(
                    conn,
                    &filter,
                    after.as_ref().map(|(k, id)| (k.as_str(), *id)),
                    page,
                )?;
                let Some((last, _)) = batch.last() else {
                    break;
                };
                after = Some((last.sort_key.clone(), last.id));
                let ids: Vec<i64> = batch.iter().map(|(m, _)| m.id).collect();
                let mut years = members::long_absences_for(conn, &ids)?;
                for (m, _) in &batch {
                    let y = years.remove(&m.id).unwrap_or_default();
                    let code = codes.get(&m.branch_id).map_or("", String::as_str);
                    rows.push(table::row_of(&m.data(), code, &y));
                }
            }
            Ok(rows)
        })
        .await?;
    respond(
        format.as_deref(),
        "danh-sach-dang-vien",
        "DANH SÁCH ĐẢNG VIÊN",
        &rows,
    )
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
