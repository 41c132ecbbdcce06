//! The audit log, for admins (everything) and committees (their subtree).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::audit::{self as app, AuditPage, AuditQuery};

/// Read the audit log, newest first.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "Entries", body = AuditPage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins and committees read the audit log", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds (each named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    app::may_read(&p)?;
    let q = q.into_inner();
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 50, 200)?;
    let out = state
        .run(move |conn| app::list(conn, &p, q, page, per_page))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
