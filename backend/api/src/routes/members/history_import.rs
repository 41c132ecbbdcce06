//! The HTTP side of `kiemdiem_app::imports::history`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::import::ImportReport;
use crate::state::AppState;
use actix_web::{HttpResponse, post, web};
use kiemdiem_app::imports::history::run;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryImportQuery {
    /// Report what would change, and every invalid row, without writing.
    pub dry_run: Option<bool>,
}

/// Import past years' results from CSV or XLSX (columns: Số thẻ đảng viên, Năm, Xếp loại
/// [HTXSNV, HTTNV, HTNV, KHTNV or the words], optional Tổ chức), all or nothing.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(HistoryImportQuery),
    request_body(description = "The CSV or XLSX file", content(
        (crate::import::FileBody = "text/csv"),
        (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses(
        (status = 200, description = "Imported, or the dry run's report", body = ImportReport),
        (status = 400, description = "Not a readable file", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows: nothing was written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/history/import")]
pub async fn import_history(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<HistoryImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let file =
        crate::import::save_body(body, kiemdiem_app::imports::members::MAX_FILE_BYTES).await?;
    let dry_run = q.dry_run.unwrap_or(false);
    let claim = kiemdiem_app::tx::pending();
    let report = state
        .run(move |conn| run(conn, file.path(), &p, dry_run, claim.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}
