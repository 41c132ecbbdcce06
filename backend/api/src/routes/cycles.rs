//! Review cycles: one per organisation and year, with the rule set frozen in, a plan of
//! phases (P1) from the 2016 template, phases that close and reopen with a reason, and a
//! stage that only moves forward.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use kiemdiem_app::AppError;
use kiemdiem_app::cycles::{self as app, CreateCycle, Cycle, CyclePage, UpdatePhase};
use kiemdiem_domain::cycle::Stage;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Start a review cycle: the plan is its rule set's (the 2016 plan for a ballot, the 2025
/// timetable T1 for points) shifted to the year, editable.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    request_body = CreateCycle,
    responses(
        (status = 201, description = "Started", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The organisation already has a cycle that year", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateCycle>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let cycle = state
        .write_app(move |conn| app::create(conn, &p, &b))
        .await?;
    Ok(HttpResponse::Created().json(cycle))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleQuery {
    pub year: Option<i32>,
    pub organization_id: Option<i64>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

/// The cycles the caller works in.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(CycleQuery),
    responses(
        (status = 200, description = "Cycles, newest year first", body = CyclePage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<CycleQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let w = crate::extract::window(q.page, q.per_page)?;
    let cycles = state
        .run(move |conn| app::list(conn, &p, q.year, q.organization_id, w))
        .await?;
    Ok(HttpResponse::Ok().json(cycles))
}

/// A cycle with its plan.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The cycle", body = Cycle),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let cycle = state.run(move |conn| app::get(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(cycle))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    /// The next stage: feedback, voting, appraisal or closed.
    pub to: String,
}

/// Move the cycle to its next stage (never back, never skipping); audited.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = Advance,
    responses(
        (status = 200, description = "Moved", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not the next stage, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown stage", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/advance")]
pub async fn advance(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<Advance>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let to = Stage::parse(&body.0.to).ok_or_else(|| {
        ApiError::from(AppError::field(
            "to",
            "unknown_stage",
            "Giai đoạn không hợp lệ",
        ))
    })?;
    let cycle = state
        .write_app(move |conn| app::advance(conn, &p, id, to))
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

/// Change a phase of the plan (task, lead, recipient, dates). A closed phase is not edited.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    request_body = UpdatePhase,
    responses(
        (status = 200, description = "Changed: the whole cycle", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/cycles/{id}/phases/{phase_id}")]
pub async fn update_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<UpdatePhase>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let ch = body.0;
    let cycle = state
        .write_app(move |conn| app::update_phase(conn, &p, id, phase_id, &ch))
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

/// Close a phase: the writes that belong to it are refused (409) until it is reopened.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    responses(
        (status = 200, description = "Closed: the whole cycle", body = Cycle),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/phases/{phase_id}/close")]
pub async fn close_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let cycle = state
        .write_app(move |conn| app::close_phase(conn, &p, id, phase_id))
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// Why the phase opens again (kept with the phase and in the audit log).
    #[validate(length(min = 5, max = 500))]
    #[schema(min_length = 5, max_length = 500)]
    pub reason: String,
}

/// Reopen a closed phase, with a reason.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    request_body = Reopen,
    responses(
        (status = 200, description = "Reopened: the whole cycle", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase is open, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/phases/{phase_id}/reopen")]
pub async fn reopen_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<Reopen>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let reason = body.0.reason.trim().to_owned();
    let cycle = state
        .write_app(move |conn| app::reopen_phase(conn, &p, id, phase_id, &reason))
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}
