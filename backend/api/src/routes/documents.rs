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
pub struct DocumentQuery {
    /// docx (the only format for now).
    pub format: Option<String>,
}

fn check_format(q: &DocumentQuery) -> Result<(), ApiError> {
    match q.format.as_deref() {
        None | Some("docx") => Ok(()),
        Some(_) => Err(ApiError::Validation(vec![crate::error::FieldError {
            field: "format".into(),
            code: "invalid_format".into(),
            message: "Định dạng phải là docx".into(),
        }])),
    }
}

/// The member's self-review as the customary form (DOCX).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), DocumentQuery),
    responses(
        (status = 200, description = "The document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::import::FileBody),
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
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    check_format(&q)?;
    let (id, member_id) = path.into_inner();
    let bytes = state
        .run(move |conn| app::self_review(conn, &p, id, member_id))
        .await?;
    Ok(crate::http::docx(bytes, "ban-kiem-diem-ca-nhan"))
}

/// The letter asking the residence party committee for its comments on a member (P2), with
/// the return address (the base organisation's committee).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("request_id" = i64, Path, description = "Request id"), DocumentQuery),
    responses(
        (status = 200, description = "The letter", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::import::FileBody),
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
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    check_format(&q)?;
    let (id, rid) = path.into_inner();
    let bytes = state
        .run(move |conn| app::residence_letter(conn, &p, id, rid))
        .await?;
    Ok(crate::http::docx(bytes, "phieu-xin-y-kien-noi-cu-tru"))
}
