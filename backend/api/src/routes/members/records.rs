//! A member's discipline records and yearly classification history.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use kiemdiem_app::members::records::{
    self as app, Discipline, HistoryEntry, HistoryInput, NewDiscipline, NewSuspension, Suspension,
};

/// A member's discipline records, newest first.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Discipline records", body = [Discipline]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/disciplines")]
pub async fn disciplines(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state
        .run(move |conn| app::disciplines(conn, &p, id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Record a discipline decision.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    request_body = NewDiscipline,
    responses(
        (status = 201, description = "Recorded: every record of the member", body = [Discipline]),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/disciplines")]
pub async fn add_discipline(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewDiscipline>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let d = body.0;
    let list = state
        .write_app(move |conn| app::add_discipline(conn, &p, id, d))
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// Remove a discipline record entered by mistake.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id"), ("discipline_id" = i64, Path, description = "Record id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member or record in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}/disciplines/{discipline_id}")]
pub async fn remove_discipline(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, discipline_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove_discipline(conn, &p, id, discipline_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A member's classification by year, newest first (W1 streaks read it).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Results by year", body = [HistoryEntry]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/history")]
pub async fn history(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state.run(move |conn| app::history(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Record a past year's result (for years before kiemdiem; later years come from the
/// cycle's classification).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id"), ("year" = i32, Path, description = "The year")),
    request_body = HistoryInput,
    responses(
        (status = 200, description = "Recorded: the member's whole history", body = [HistoryEntry]),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A year whose results come from the system (W1)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a year before admission included)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/members/{id}/history/{year}")]
pub async fn record_history(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
    body: ValidatedJson<HistoryInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, year) = path.into_inner();
    let input = body.0;
    let list = state
        .write_app(move |conn| app::record_history(conn, &p, id, year, input))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A member's suspensions from party activities (RULES-2025.md S3), latest first.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Suspensions", body = [Suspension]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/suspensions")]
pub async fn suspensions(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state
        .run(move |conn| app::suspensions(conn, &p, id))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Record a suspension from party activities: a member suspended on a points cycle's reference
/// date is not classified (S3).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    request_body = NewSuspension,
    responses(
        (status = 201, description = "Recorded: every suspension of the member", body = [Suspension]),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (an end before the start)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/suspensions")]
pub async fn add_suspension(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewSuspension>,
) -> Result<HttpResponse, ApiError> {
    let (id, s) = (id.into_inner(), body.0);
    let list = state
        .write_app(move |conn| app::add_suspension(conn, &p, id, s))
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// Remove a suspension entered by mistake.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id"), ("suspension_id" = i64, Path, description = "Record id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member or record in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}/suspensions/{suspension_id}")]
pub async fn remove_suspension(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, suspension_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove_suspension(conn, &p, id, suspension_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
