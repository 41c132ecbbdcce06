//! What is due to the caller, computed from the open cycles they work in (issue #17): the
//! agenda in full (`/me/agenda`) and its short form for the bell (`/notifications`).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::agenda::Agenda;
use kiemdiem_app::notifications::{self as app, NotificationPage};
use kiemdiem_app::paging::PageQuery;

/// What is due to the caller (the bell), the late and the soonest first.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Notifications", body = NotificationPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let w = crate::extract::window(q.page, q.per_page)?;
    let today = kiemdiem_app::today();
    let out = state.run(move |conn| app::list(conn, &p, today, w)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The caller's agenda: their due and late work across the open cycles, each item with its
/// kind, the record it concerns, its due date from the plan, whether it is late and the SPA
/// route to act on it — for every role, each at the organisation where it holds it.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agenda, the late and the soonest first", body = Agenda),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/agenda")]
pub async fn agenda(p: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let today = kiemdiem_app::today();
    let out = state
        .run(move |conn| kiemdiem_app::agenda::agenda(conn, &p, today))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
