//! Collectives under a points rule set (RULES-2025.md C1–C4): a branch's or the cycle's
//! organisation's own points on frame F1, the appraisal and decision of the committee directly
//! above, and the board of a cycle's collectives with their members' levels beside them.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::collectives::{
    self as app, CollectiveAppraisal, CollectiveAssessment, CollectiveRerate, CollectivesBoard,
    CollectivesDecision, SaveCollective,
};
use serde::Deserialize;
use utoipa::IntoParams;

/// A collective's points form on frame F1 (status `not_started` before the first save): its
/// committees, the committees above, the inspection commission.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "A branch of the cycle's organisation, or the organisation itself")),
    responses(
        (status = 200, description = "The form", body = CollectiveAssessment),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a collective of the cycle the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/organizations/{org_id}/point-assessment")]
pub async fn collective_get(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let out = state
        .run(move |conn| app::get(conn, &p, id, org_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The collective's own committee saves its points (a draft) or submits them (every item and a
/// proposed level; then the form no longer changes).
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "A branch of the cycle's organisation, or the organisation itself")),
    request_body = SaveCollective,
    responses(
        (status = 200, description = "Saved", body = CollectiveAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the collective's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a collective of the cycle the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: an item unknown or over its maximum, tasks inconsistent, an item or the proposed level missing on submit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/organizations/{org_id}/point-assessment")]
pub async fn collective_save(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<SaveCollective>,
) -> Result<HttpResponse, ApiError> {
    let ((id, org_id), b) = (path.into_inner(), body.0);
    let out = state
        .write_app(move |conn| app::save(conn, &p, id, org_id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The committee directly above scores a collective's submitted form item by item and records
/// the C2 facts it found; again until the decision.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "A branch of the cycle's organisation, or the organisation itself")),
    request_body = CollectiveAppraisal,
    responses(
        (status = 200, description = "Appraised", body = CollectiveAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee directly above", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a collective of the cycle the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: items, an unknown fact or one not for collectives, a mitigated fact not found", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/organizations/{org_id}/point-assessment/appraisal")]
pub async fn collective_appraise(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<CollectiveAppraisal>,
) -> Result<HttpResponse, ApiError> {
    let ((id, org_id), b) = (path.into_inner(), body.0);
    let out = state
        .write_app(move |conn| app::appraise(conn, &p, id, org_id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Mẫu 03 for a collective: the committee that decided it appraises it again and re-rates it
/// through the engine (C2; C3 beside the collectives already decided); the earlier decision is
/// kept with its appraisal.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "A decided branch of the cycle's organisation, or the organisation itself")),
    request_body = CollectiveRerate,
    responses(
        (status = 200, description = "Re-rated: the form with the new decision and the earlier ones", body = CollectiveAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that decides this collective", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a collective of the cycle the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not decided yet; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: items, facts, a level where the engine decides or missing in a gap, the grounds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/organizations/{org_id}/points-rerating")]
pub async fn collective_rerate(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<CollectiveRerate>,
) -> Result<HttpResponse, ApiError> {
    let ((id, org_id), b) = (path.into_inner(), body.0);
    let out = state
        .write_app(move |conn| app::rerate(conn, &p, id, org_id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CollectivesQuery {
    /// C3: the competent level raised the quota for outstanding results (25%).
    pub outstanding: Option<bool>,
}

/// The cycle's collectives (its branches, then the organisation itself, C4) with the level the
/// engine gives (C2), the branches' quota (C3) and each one's members' levels (guidance 3).
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CollectivesQuery),
    responses(
        (status = 200, description = "The board", body = CollectivesBoard),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a committee of the cycle's organisation or above", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/collectives-board")]
pub async fn collectives_board(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<CollectivesQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, outstanding) = (id.into_inner(), q.outstanding.unwrap_or(false));
    let out = state
        .run(move |conn| app::board(conn, &p, id, outstanding))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The competent level decides collectives' levels, once: `branches` (the committee of the
/// cycle's organisation; C3's quota counted among them) or `organization` (the committee above,
/// for the organisation itself). Every collective in scope must have submitted its form; each
/// one the engine left unresolved needs a level chosen with its reason.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = CollectivesDecision,
    responses(
        (status = 200, description = "Decided: the board with the recorded levels", body = CollectivesBoard),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the competent committee for the scope", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided; a collective has not submitted (collectives_pending); a tie over the limit (quota_exceeded, C3); closed or a ballot", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown scope; a choice missing, for a collective not unresolved, or at a level not open to it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/collectives-decision")]
pub async fn collectives_decide(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<CollectivesDecision>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.0);
    let out = state
        .write_app(move |conn| app::decide(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
