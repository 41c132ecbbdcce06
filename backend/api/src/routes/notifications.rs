//! What is due to the caller, computed from the open cycles they work in: a member's
//! self-review and the suggestions addressed to them, a provider's feedback requests, a
//! branch committee's self-reviews waiting for a decision.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::notifications::{self as app, Notification};

/// What is due to the caller, soonest first.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Notifications", body = [Notification]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list(p: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let today = kiemdiem_app::today();
    let out = state.run(move |conn| app::list(conn, &p, today)).await?;
    Ok(HttpResponse::Ok().json(out))
}
