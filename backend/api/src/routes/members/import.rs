//! Import members from CSV or XLSX (`kiemdiem_app::imports::members`), or from JSON rows.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::import::ImportReport;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::imports::members::MAX_FILE_BYTES;
use kiemdiem_app::imports::members::{Options, run};
use kiemdiem_app::member_table::{self as table, COLUMNS};
use kiemdiem_domain::member::MemberData;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Report what would be created, updated and left unchanged, and every invalid row,
    /// without writing anything.
    pub dry_run: Option<bool>,
    /// The branch for rows without a branch code ("Mã chi bộ").
    pub branch_id: Option<i64>,
}

/// The JSON form of the import (integration clients): one object per row, keyed by the same
/// column names as the file's headers (Vietnamese or English).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct JsonRows {
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Writes JSON rows as a CSV file for the same import: the columns in the order first seen.
fn rows_to_csv(rows: &JsonRows) -> Result<tempfile::NamedTempFile, ApiError> {
    let io = |e: std::io::Error| ApiError::Internal(format!("temp file: {e}"));
    let mut headers: Vec<String> = Vec::new();
    for r in &rows.rows {
        for k in r.keys() {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
    }
    if headers.is_empty() {
        return Err(ApiError::bad_request("empty_file", "Không có dòng nào"));
    }
    let file = tempfile::NamedTempFile::new().map_err(io)?;
    let mut w = csv::Writer::from_writer(file.reopen().map_err(io)?);
    let csv_err = |e: csv::Error| ApiError::Internal(format!("csv: {e}"));
    w.write_record(&headers).map_err(csv_err)?;
    for r in &rows.rows {
        w.write_record(headers.iter().map(|h| match r.get(h) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Bool(b)) => if *b { "có" } else { "không" }.to_owned(),
            Some(v) => v.to_string(),
        }))
        .map_err(csv_err)?;
    }
    w.flush().map_err(io)?;
    Ok(file)
}

/// Import members from a CSV (UTF-8, with or without BOM) or XLSX file (the first sheet),
/// sent as the request body, or from JSON rows (`{"rows": [{…}]}`, integration clients).
/// Headers in Vietnamese or English (see the template); upsert by card number; all or nothing.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(description = "The CSV or XLSX file, or JSON rows", content(
        (crate::import::FileBody = "text/csv"),
        (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (JsonRows = "application/json"),
    )),
    responses(
        (status = 200, description = "Imported, or the dry run's report (with any row errors)", body = ImportReport),
        (status = 400, description = "Not a readable CSV or XLSX file", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The branch is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is too large", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid rows: nothing was written; `rows` lists every error", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/import")]
pub async fn import(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<ImportQuery>,
    req: actix_web::HttpRequest,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let json = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let file = crate::import::save_body(body, MAX_FILE_BYTES).await?;
    let file = if json {
        let bytes = std::fs::read(file.path())
            .map_err(|e| ApiError::Internal(format!("temp file: {e}")))?;
        let rows: JsonRows = crate::extract::parse_json(&bytes)?;
        rows_to_csv(&rows)?
    } else {
        file
    };
    let q = q.into_inner();
    let claim = kiemdiem_app::tx::pending();
    let report = state
        .run(move |conn| {
            let opts = Options {
                dry_run: q.dry_run.unwrap_or(false),
                default_branch: q.branch_id,
                actor: &p,
                progress: None,
                claim,
            };
            run(conn, file.path(), &opts)
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TemplateQuery {
    /// csv (the default) or xlsx.
    pub format: Option<String>,
}

/// The import template: every column with its Vietnamese header and one example row.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(TemplateQuery),
    responses(
        (status = 200, description = "The template file", content(
            (crate::import::FileBody = "text/csv"),
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/import/template")]
pub async fn template(
    _p: Principal,
    q: web::Query<TemplateQuery>,
) -> Result<HttpResponse, ApiError> {
    let example = MemberData {
        card_number: Some("34.012345".into()),
        full_name: "Nguyễn Thị Lan".into(),
        gender: "female".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1980, 5, 2),
        status: "official".into(),
        admitted_on: chrono::NaiveDate::from_ymd_opt(2005, 3, 26),
        official_on: chrono::NaiveDate::from_ymd_opt(2006, 3, 26),
        category: "civil_servant".into(),
        workplace_unit: Some("Khoa Lý luận chính trị".into()),
        workplace_post: Some("Giảng viên".into()),
        phone: Some("0912345678".into()),
        active: true,
        ..Default::default()
    };
    let header: Vec<String> = COLUMNS.iter().map(|(_, _, vi)| (*vi).to_owned()).collect();
    let rows = vec![header, table::row_of(&example, "CB-LLCT", &[])];
    crate::http::table_file(
        q.format.as_deref(),
        "mau-nhap-dang-vien",
        "Mẫu nhập đảng viên",
        &rows,
    )
}
