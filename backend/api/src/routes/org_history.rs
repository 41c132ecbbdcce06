//! Organisations' results of past years (W4/W5): `kiemdiem_app::org_history`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, put, web};
use kiemdiem_app::org_history::{self as app, OrgYear, OrgYearInput};

/// An organisation's results of past years, entered from the archived decisions.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The years, oldest first", body = [OrgYear]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/history")]
pub async fn history(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Record an organisation's result of a past year (level, exemplary, the decision it comes
/// from), so that five-year streaks can qualify (W4/W5). A year the system assessed is 409.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Organisation id"),
        ("year" = i32, Path, description = "A past year (1930 to last year)"),
    ),
    request_body = OrgYearInput,
    responses(
        (status = 200, description = "Recorded", body = OrgYear),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee or one above", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The system assessed that year itself", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A year out of range, an unknown level, exemplary without clean_strong, no source", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/organizations/{id}/history/{year}")]
pub async fn record_history(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
    body: ValidatedJson<OrgYearInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, year) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::record(conn, &p, id, year, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
