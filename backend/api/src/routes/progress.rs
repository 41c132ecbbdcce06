//! Progress of a cycle: per branch, what is done and what is overdue against the plan's
//! dates, rolled up for each base organisation, each district and the whole cycle.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::progress::{self as app, Progress};

/// Progress of the cycle per branch, per base organisation and in total.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Progress", body = Progress),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/progress")]
pub async fn progress(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let today = kiemdiem_app::today();
    let out = state.run(move |conn| app::of(conn, &p, id, today)).await?;
    Ok(HttpResponse::Ok().json(out))
}
