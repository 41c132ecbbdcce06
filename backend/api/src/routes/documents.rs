//! Printable documents of a cycle: a member's self-review in the customary form (D2) and
//! the residence committee's request letter with its return address (P2).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::documents::{self as app};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrintQuery {
    /// docx (the default, to edit) or pdf (A4, fonts embedded, to print and file).
    pub format: Option<String>,
}

/// The document as asked: PDF or DOCX, named after `stem`.
fn printed(bytes: Vec<u8>, pdf: bool, stem: &str) -> HttpResponse {
    if pdf {
        crate::http::pdf(bytes, stem)
    } else {
        crate::http::docx(bytes, stem)
    }
}

/// Whether a printable document is asked as PDF (else DOCX, the default).
fn print_format(q: &PrintQuery) -> Result<bool, ApiError> {
    match q.format.as_deref() {
        None | Some("docx") => Ok(false),
        Some("pdf") => Ok(true),
        Some(_) => Err(ApiError::Validation(vec![crate::error::FieldError {
            field: "format".into(),
            code: "invalid_format".into(),
            message: "Định dạng phải là docx hoặc pdf".into(),
        }])),
    }
}

/// The member's self-review as the customary form (DOCX, or PDF to print).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PrintQuery),
    responses(
        (status = 200, description = "The document", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle, or not begun", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review/document")]
pub async fn self_review(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PrintQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&q)?;
    let (id, member_id) = path.into_inner();
    let bytes = state
        .run(move |conn| {
            if pdf {
                app::self_review_pdf(conn, &p, id, member_id)
            } else {
                app::self_review(conn, &p, id, member_id)
            }
        })
        .await?;
    Ok(if pdf {
        crate::http::pdf(bytes, "ban-kiem-diem-ca-nhan")
    } else {
        crate::http::docx(bytes, "ban-kiem-diem-ca-nhan")
    })
}

/// The letter asking the residence party committee for its comments on a member (P2), with
/// the return address (the base organisation's committee), dated on the day it was sent (DOCX,
/// or PDF to print).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("request_id" = i64, Path, description = "Request id"), PrintQuery),
    responses(
        (status = 200, description = "The letter", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such residence request the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-requests/{request_id}/letter")]
pub async fn residence_letter(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PrintQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&q)?;
    let (id, rid) = path.into_inner();
    let bytes = state
        .run(move |conn| app::residence_letter(conn, &p, id, rid, pdf))
        .await?;
    Ok(if pdf {
        crate::http::pdf(bytes, "phieu-xin-y-kien-noi-cu-tru")
    } else {
        crate::http::docx(bytes, "phieu-xin-y-kien-noi-cu-tru")
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LettersQuery {
    /// The organisation (a branch, or the whole base) whose members' letters to print.
    pub organization_id: i64,
    /// Only the letters sent this way: post (the postal forms) or hand.
    pub delivery: Option<String>,
}

/// Every residence letter still waiting for its answer for the members under an organisation
/// whom the caller handles (optionally only those sent by post), one per page in Vietnamese
/// name order: the postal forms printed together (P2).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), LettersQuery),
    responses(
        (status = 200, description = "The letters", content(
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or organisation whose members the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown delivery, or no letter waits", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-requests/letters")]
pub async fn residence_letters(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<LettersQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let LettersQuery {
        organization_id,
        delivery,
    } = q.into_inner();
    let bytes = state
        .run(move |conn| app::residence_letters(conn, &p, id, organization_id, delivery.as_deref()))
        .await?;
    Ok(crate::http::pdf(bytes, "phieu-xin-y-kien-noi-cu-tru"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PointsDocumentQuery {
    /// docx (the default, to edit) or pdf (to print and file).
    pub format: Option<String>,
    /// 0 (the year, the default) or a quarter 1–4 (Mẫu 05).
    pub period: Option<i32>,
}

/// A member's report on their frame under a points rule set (Mẫu 2A, 2B, 2C; a quarter's
/// Mẫu 05), dated on its submission: the items with the person's and the appraised points, the
/// tasks, the narrative, the proposed and the decided level (DOCX).
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PointsDocumentQuery),
    responses(
        (status = 200, description = "The document", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle, or not begun", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format or period", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/point-assessment/document")]
pub async fn point_assessment(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PointsDocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&PrintQuery {
        format: q.format.clone(),
    })?;
    let (id, member_id) = path.into_inner();
    let period = q.period.unwrap_or(0);
    let bytes = state
        .run(move |conn| {
            kiemdiem_app::points_documents::assessment(conn, &p, id, member_id, period, pdf)
        })
        .await?;
    Ok(printed(bytes, pdf, "ban-kiem-diem-cham-diem"))
}

/// The decision to re-rate a member (Mẫu 03), dated on the re-rating: the level cancelled, the
/// level given with its rule ids, the grounds (DOCX). 404 until the member is re-rated.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PrintQuery),
    responses(
        (status = 200, description = "The decision", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one the caller handles, or not re-rated", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format (docx or pdf)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/points-rerating/document")]
pub async fn points_rerating(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PrintQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&q)?;
    let (id, member_id) = path.into_inner();
    let bytes = state
        .run(move |conn| kiemdiem_app::points_documents::rerating(conn, &p, id, member_id, pdf))
        .await?;
    Ok(printed(bytes, pdf, "quyet-dinh-xep-loai-lai"))
}

/// The list of the review records of a points year (Mẫu 04), dated on the decision: every
/// member's report with its state, points and level, for the committee of the cycle's
/// organisation (DOCX).
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), PrintQuery),
    responses(
        (status = 200, description = "The list", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format (docx or pdf)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/points-records/document")]
pub async fn points_records(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<PrintQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&q)?;
    let id = id.into_inner();
    let bytes = state
        .run(move |conn| kiemdiem_app::points_documents::records(conn, &p, id, pdf))
        .await?;
    Ok(printed(bytes, pdf, "danh-muc-ho-so-kiem-diem"))
}

/// A collective's report (Mẫu 01) under a points rule set: its points on frame F1 with the
/// superior's, tasks, report text, proposed and decided level, dated on its submission (DOCX).
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "A branch of the cycle's organisation, or the organisation itself"), PrintQuery),
    responses(
        (status = 200, description = "The report", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a collective the caller handles, or not begun", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format (docx or pdf)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/organizations/{org_id}/point-assessment/document")]
pub async fn collective_report(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PrintQuery>,
) -> Result<HttpResponse, ApiError> {
    let pdf = print_format(&q)?;
    let (id, org_id) = path.into_inner();
    let bytes = state
        .run(move |conn| kiemdiem_app::points_documents::collective(conn, &p, id, org_id, pdf))
        .await?;
    Ok(printed(bytes, pdf, "bao-cao-kiem-diem-tap-the"))
}
