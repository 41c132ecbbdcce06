//! The HTTP side of `kiemdiem_app::imports::ratings`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::import::ImportReport;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::imports::ratings::{COLUMNS, run};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingImportQuery {
    /// Report what would change, and every invalid row, without writing.
    pub dry_run: Option<bool>,
}

/// Import the cycle's professional ratings from CSV or XLSX, all or nothing. Columns: Số thẻ
/// đảng viên, Xếp loại CBCCVC (HTXSNV, HTTNV, HTNV, HTNV hạn chế, KHTNV or the words), Đơn vị
/// xếp loại, Chức vụ được xếp loại, optional Danh hiệu, khen thưởng (separated by `;`) and Chi
/// bộ xác nhận gương mẫu (Có/Không). Only members the caller handles, inside the cycle.
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), RatingImportQuery),
    request_body(description = "The CSV or XLSX file", content(
        (crate::import::FileBody = "text/csv"),
        (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses(
        (status = 200, description = "Imported, or the dry run's report", body = ImportReport),
        (status = 400, description = "Not a readable file", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows: nothing was written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/professional-ratings/import")]
pub async fn import(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<RatingImportQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    // The cycle is looked up before the upload is read, so an unseen cycle costs nothing.
    state
        .run({
            let p = p.clone();
            move |conn| kiemdiem_app::cycles::readable(conn, &p, id).map(|_| ())
        })
        .await?;
    let file =
        crate::import::save_body(body, kiemdiem_app::imports::members::MAX_FILE_BYTES).await?;
    let dry_run = q.dry_run.unwrap_or(false);
    let claim = kiemdiem_app::tx::pending();
    let report = state
        .run(move |conn| run(conn, id, file.path(), &p, dry_run, claim.as_ref()))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RatingsTemplateQuery {
    /// csv (the default; UTF-8 with BOM so that Excel shows the Vietnamese headers) or xlsx.
    pub format: Option<String>,
}

/// An empty ratings sheet with the headers the import reads, every header a cell of its own
/// (“Danh hiệu, khen thưởng” quoted in CSV).
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), RatingsTemplateQuery),
    responses(
        (status = 200, description = "The template", content(
            (crate::import::FileBody = "text/csv"),
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 400, description = "An unknown query parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/professional-ratings/import/template")]
pub async fn template(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<RatingsTemplateQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let year = state
        .run(move |conn| kiemdiem_app::cycles::readable(conn, &p, id).map(|(c, _)| c.year))
        .await?;
    let header: Vec<String> = COLUMNS.iter().map(|(_, _, vi)| (*vi).to_owned()).collect();
    crate::http::table_file(
        q.format.as_deref(),
        &format!("xep-loai-cbccvc-{year}"),
        &format!("Xếp loại cán bộ, công chức, viên chức năm {year}"),
        &[header],
    )
}
