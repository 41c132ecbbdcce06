//! A committee's reports (D1, D4), written, versioned, approved and numbered in the system:
//! `kiemdiem_app::party_reports`.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::party_reports::{
    self as app, ApprovalInput, PartyReport, ReportInput, ReportVersion, YearReports,
};

/// An organisation's reports of a year (D1, D4) and the figures a report may insert.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 200, description = "The reports written so far and the year's figures", body = YearReports),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee of the organisation or above nor its inspection commission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope, or a year out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/reports/{year}")]
pub async fn year_reports(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (id, year) = path.into_inner();
    let out = state
        .run(move |conn| app::of_year(conn, &p, id, year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// One report: its text as written and as it prints (the figures filled in).
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("kind" = String, Path, description = "collective_review (D1) or party_building_summary (D4)"),
    ),
    responses(
        (status = 200, description = "The report", body = PartyReport),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee of the organisation or above nor its inspection commission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not written yet, an unknown kind, or not in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/reports/{year}/{kind}")]
pub async fn report(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, year, kind) = path.into_inner();
    let out = state
        .run(move |conn| app::get(conn, &p, id, year, &kind).map(|(r, _)| r))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Save a draft (version 0 writes the first one): every save is kept as a version.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("kind" = String, Path, description = "collective_review (D1) or party_building_summary (D4)"),
    ),
    request_body = ReportInput,
    responses(
        (status = 200, description = "Saved as the next version", body = PartyReport),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "An unknown kind, or not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already approved", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone saved another version first", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty field, an unknown {{placeholder}}", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/organizations/{id}/reports/{year}/{kind}")]
pub async fn save_report(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
    body: ValidatedJson<ReportInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, year, kind) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::save(conn, &p, id, year, &kind, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Every saved version of a report, newest first.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("kind" = String, Path, description = "collective_review (D1) or party_building_summary (D4)"),
    ),
    responses(
        (status = 200, description = "The versions", body = [ReportVersion]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee of the organisation or above nor its inspection commission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not written yet, an unknown kind, or not in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/reports/{year}/{kind}/versions")]
pub async fn report_versions(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, year, kind) = path.into_inner();
    let out = state
        .run(move |conn| app::versions(conn, &p, id, year, &kind))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Approve the draft: the figures are frozen into its text, the issuing body's register
/// gives it its number ("05-BC/ĐU"), and it is dated on the day given.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("kind" = String, Path, description = "collective_review (D1) or party_building_summary (D4)"),
    ),
    request_body = ApprovalInput,
    responses(
        (status = 200, description = "Approved and numbered", body = PartyReport),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not written yet, an unknown kind, or not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already approved", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone saved another version since", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A date outside the report's year (and the quarter after it) or after today", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organizations/{id}/reports/{year}/{kind}/approval")]
pub async fn approve_report(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
    body: ValidatedJson<ApprovalInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, year, kind) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::approve(conn, &p, id, year, &kind, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportDocumentQuery {
    /// pdf (the default: A4, fonts embedded, to print and file) or docx (to edit).
    pub format: Option<String>,
}

/// The report as a party document: the issuing body, its number, place and date (a draft
/// says "DỰ THẢO"), the text with its figures, the signature.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("kind" = String, Path, description = "collective_review (D1) or party_building_summary (D4)"),
        ReportDocumentQuery,
    ),
    responses(
        (status = 200, description = "The document", content(
            (crate::import::FileBody = "application/pdf"),
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee of the organisation or above nor its inspection commission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not written yet, an unknown kind, or not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/reports/{year}/{kind}/document")]
pub async fn report_document(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
    q: web::Query<ReportDocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = match q.format.as_deref() {
        None | Some("pdf") => true,
        Some("docx") => false,
        Some(_) => {
            return Err(ApiError::Validation(vec![FieldError {
                field: "format".into(),
                code: "invalid_format".into(),
                message: "Định dạng phải là pdf hoặc docx".into(),
            }]));
        }
    };
    let (id, year, kind) = path.into_inner();
    let bytes = state
        .run(move |conn| app::document(conn, &p, id, year, &kind, pdf))
        .await?;
    Ok(if pdf {
        crate::http::pdf(bytes, "bao-cao")
    } else {
        crate::http::docx(bytes, "bao-cao")
    })
}
