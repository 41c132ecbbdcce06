//! Export members as people print them: XLSX (title block, Vietnamese headers, printable
//! widths) or CSV (UTF-8 with BOM, so that Excel shows Vietnamese), in Vietnamese order.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::http::table_file as respond;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::members::{self as app, MemberQuery};

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
    // as the list refuses them; so is an unknown format, before anything is read.
    crate::extract::paging(filter.page, filter.per_page, 50, 200)?;
    let subject = crate::replica::subject(&p);
    match format.as_deref().unwrap_or("csv") {
        // Written as the members are read into a temporary file, then sent from it (issue
        // #18): a province's 200,000 rows held as strings first took about four times the
        // file's bytes, and the file itself (28 MB) held in memory raised the server's peak
        // by 40 MB more while it grew.
        "csv" => {
            let (file, from) = state
                .report(&subject, move |conn| {
                    let io = |e: std::io::Error| kiemdiem_app::AppError::Internal(e.to_string());
                    let file = std::io::BufWriter::with_capacity(
                        64 << 10,
                        tempfile::tempfile().map_err(io)?,
                    );
                    let mut out = kiemdiem_app::spreadsheet::CsvOut::to_writer(file)?;
                    app::export_each(conn, &p, &filter, |r| out.row(&r))?;
                    let mut file = out.finish()?.into_inner().map_err(|e| io(e.into_error()))?;
                    std::io::Seek::rewind(&mut file).map_err(io)?;
                    Ok(file)
                })
                .await?;
            Ok(from.mark(crate::http::attachment_file(
                file,
                crate::http::CSV,
                &format!("{FILE_STEM}.csv"),
            )?))
        }
        "xlsx" => {
            let (rows, from) = state
                .report(&subject, move |conn| app::export_rows(conn, &p, &filter))
                .await?;
            respond(format.as_deref(), FILE_STEM, TITLE, &rows).map(|r| from.mark(r))
        }
        _ => respond(format.as_deref(), FILE_STEM, TITLE, &[]),
    }
}

const FILE_STEM: &str = "danh-sach-dang-vien";
const TITLE: &str = "DANH SÁCH ĐẢNG VIÊN";
