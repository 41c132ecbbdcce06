//! The base committee's extended meeting over HTTP; the use cases are
//! `kiemdiem_app::voting::appraisal` (approval, the board with Q5, re-classification, M12).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::AppError;
use kiemdiem_app::voting::appraisal::{self as app, Appraisal};
use kiemdiem_app::voting::sessions::{ResultRecord, SessionSummary};
use kiemdiem_domain::classification::Level;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppraisalDecision {
    /// approve or return.
    pub decision: String,
    /// Required when returning.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub comment: Option<String>,
}

/// Approve a branch's proposal, or send it back with a comment (the branch then votes again).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    request_body = AppraisalDecision,
    responses(
        (status = 200, description = "Decided", body = SessionSummary),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a finalized proposal", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/voting-sessions/{sid}/appraisal")]
pub async fn appraise(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    body: ValidatedJson<AppraisalDecision>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let b = body.0;
    let decision = app::Decision::parse(&b.decision, b.comment.as_deref())?;
    let out = state
        .write_app(move |conn| app::appraise(conn, &p, sid, &decision))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Every branch of the cycle with its sessions and standing results, and the base-wide
/// quota check (Q5: a warning, never a block).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The appraisal board", body = Appraisal),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/appraisal")]
pub async fn board(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::board(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// A member's results in the cycle, cancelled ones included (M12), oldest first.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Results", body = [ResultRecord]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/classification")]
pub async fn member_results(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .run(move |conn| app::member_results(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reclassification {
    /// excellent, good, completed or not_completed.
    pub level: String,
    /// Why the earlier result was wrong.
    #[validate(length(min = 5, max = 5000))]
    #[schema(min_length = 5, max_length = 5000)]
    pub reason: String,
}

/// Cancel a member's standing approved result and classify again (M12): both are kept.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = Reclassification,
    responses(
        (status = 200, description = "The new result", body = ResultRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No approved result to cancel, or the engine forbids the level (the rule named: M3–M5, M8–M11, Q1–Q3)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/classification/reclassify")]
pub async fn reclassify(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<Reclassification>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let b = body.0;
    let level = Level::parse(&b.level).ok_or_else(|| {
        ApiError::from(AppError::field(
            "level",
            "invalid_choice",
            "excellent, good, completed hoặc not_completed",
        ))
    })?;
    let out = state
        .write_app(move |conn| app::reclassify(conn, &p, id, member_id, level, &b.reason))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutstandingDecision {
    /// true: the branch's especially outstanding achievements are approved and its quota is
    /// 20% (Q3); false: refused, the 15% quota stays.
    pub approved: bool,
}

/// Q3: the committee running the cycle approves or refuses a branch's claim of especially
/// outstanding achievements, before the branch finalizes.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    request_body = OutstandingDecision,
    responses(
        (status = 200, description = "Decided", body = SessionSummary),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The branch claims nothing, or has finalized", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/voting-sessions/{sid}/outstanding-decision")]
pub async fn outstanding_decision(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    body: ValidatedJson<OutstandingDecision>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let approved = body.0.approved;
    let out = state
        .write_app(move |conn| app::decide_outstanding(conn, &p, sid, approved))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
