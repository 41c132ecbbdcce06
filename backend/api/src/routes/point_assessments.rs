//! The year under a points rule set (RULES-2025.md, `tw-366-2025`): a member's self-assessment
//! on their frame (Mẫu 2A, 2B, 2C; a quarter's Mẫu 05), the appraisal of the competent level,
//! and the board where that level sees everyone's level and the quota of each group.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use kiemdiem_app::point_assessments::{
    self as app, BranchReviewInput, PointAssessment, PointsAppraisal, PointsBoard, PointsDecision,
    SaveAssessment,
};
use kiemdiem_app::points_decision::{self as decision, PointsRerating, QuotaGroups};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    /// 0 (the year, the default) or a quarter 1–4.
    pub period: Option<i32>,
}

/// A member's points self-assessment for the year or a quarter (status `not_started` before
/// the first save), with the frame's items and the level the points indicate: the member, the
/// branch committee, the committees above and the inspection commission.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PeriodQuery),
    responses(
        (status = 200, description = "The assessment", body = PointAssessment,
            headers(("ETag" = String, description = "The form's tag, for the If-Match of the next save"))),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period other than 0–4", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/point-assessment")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let period = q.period.unwrap_or(0);
    let out = state
        .run(move |conn| app::get(conn, &p, id, member_id, period))
        .await?;
    tagged(&out)
}

/// The form with its `ETag`.
fn tagged(out: &PointAssessment) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, app::tag(out)?))
        .json(out))
}

/// Save the member's own points (a draft), or submit them (`submit: true`: every item scored
/// and a proposed level; then the form no longer changes). The member, or the branch committee
/// entering a paper form (marked `on_behalf`). With `If-Match` (the `ETag` of the form as
/// read), a save over someone else's newer one is refused (412) instead of replacing it.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PeriodQuery,
        ("If-Match" = Option<String>, Header, description = "The ETag of the form as last read (GET or the last save)"),
    ),
    request_body = SaveAssessment,
    responses(
        (status = 200, description = "Saved", body = PointAssessment,
            headers(("ETag" = String, description = "The saved form's tag, for the next If-Match"))),
        (status = 400, description = "Malformed JSON or query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already submitted; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Saved by someone else since it was read (If-Match)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: an item unknown or over its maximum, tasks inconsistent (S4), an item or the proposed level missing on submit", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/point-assessment")]
pub async fn save(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PeriodQuery>,
    body: ValidatedJson<SaveAssessment>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let (period, b) = (q.period.unwrap_or(0), body.0);
    let if_match = crate::http::if_match(&req);
    let out = state
        .write_app(move |conn| app::save(conn, &p, id, member_id, period, b, if_match))
        .await?;
    tagged(&out)
}

/// The appraising body of the competent level (the committee of the cycle's organisation)
/// scores a submitted form item by item and records the facts it found (S6) and those it found
/// mitigated; it may appraise again until the decision.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PeriodQuery),
    request_body = PointsAppraisal,
    responses(
        (status = 200, description = "Appraised", body = PointAssessment),
        (status = 400, description = "Malformed JSON or query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: items, an unknown fact or one not for the frame, a mitigated fact not found", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/point-assessment/appraisal")]
pub async fn appraise(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PeriodQuery>,
    body: ValidatedJson<PointsAppraisal>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let (period, b) = (q.period.unwrap_or(0), body.0);
    let out = state
        .write_app(move |conn| app::appraise(conn, &p, id, member_id, period, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BoardQuery {
    /// S7: the competent level raised the quota for outstanding results (25%).
    pub outstanding: Option<bool>,
}

/// Everyone of the cycle with the level the engine gives today (S3, S5, S6, S9) and the quota
/// of each group (S7), for the committee of the cycle's organisation.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), BoardQuery),
    responses(
        (status = 200, description = "The board", body = PointsBoard),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle's rule set is a ballot (2016)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/points-board")]
pub async fn board(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<BoardQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, outstanding) = (id.into_inner(), q.outstanding.unwrap_or(false));
    let out = state
        .run(move |conn| app::board(conn, &p, id, outstanding))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The competent level decides the year (S10): every member's level as the engine gives it,
/// recorded as the cycle's results, and for each one the engine left unresolved a level chosen
/// with its reason (a tie: excellent or good within the group's limit; a gap: completed or not
/// completed). Once per cycle.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = PointsDecision,
    responses(
        (status = 200, description = "Decided: the board with the recorded results", body = PointsBoard),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided; a tie decided over the group's limit (quota_exceeded, S7); the cycle is closed or a ballot", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A choice missing for someone unresolved, for someone not unresolved, or at a level not open to them", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/points-decision")]
pub async fn decide(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<PointsDecision>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.0);
    let out = state
        .write_app(move |conn| app::decide(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The competent level defines the quota groups of the year before deciding (S7): persons of
/// similar position counted together, each member in one group at most; a member in none is
/// in the default group (the members of one base on the same frame). Replaces the groups.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = QuotaGroups,
    responses(
        (status = 200, description = "The board as the groups now count it", body = PointsBoard),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: a name empty or twice, a member not of the cycle or in two groups", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/points-quota-groups")]
pub async fn quota_groups(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<QuotaGroups>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.0);
    let out = state
        .write_app(move |conn| decision::set_quota_groups(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Re-rate a decided member (Mẫu 03, S10): the competent level appraises the points and facts
/// again and the engine gives the level (S5, S6; `excellent` only within the group's limit,
/// else `good`, S7; a level chosen only where the engine leaves a gap). The earlier result is
/// cancelled with the reason and kept; the member's history follows.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = PointsRerating,
    responses(
        (status = 200, description = "Re-rated: the form with the new decision", body = PointAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the cycle's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not decided yet; not to be classified (S3); a ballot cycle (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every invalid field: the appraisal's items and facts, a level where the engine decides or missing in a gap", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/points-rerating")]
pub async fn rerate(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<PointsRerating>,
) -> Result<HttpResponse, ApiError> {
    let ((id, member_id), b) = (path.into_inner(), body.0);
    let out = state
        .write_app(move |conn| decision::rerate(conn, &p, id, member_id, b))
        .await?;
    tagged(&out)
}

/// The branch committee records its review meeting on a member's submitted form (S10 step 2):
/// the discussion and opinions given, and its proposed level; again until the decision.
#[utoipa::path(
    tag = "points",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id"), PeriodQuery),
    request_body = BranchReviewInput,
    responses(
        (status = 200, description = "Recorded: the form with the branch's review", body = PointAssessment),
        (status = 400, description = "Malformed JSON or query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member whose branch the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted or already decided; the cycle is closed or a ballot (2016)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The opinion empty, an unknown level", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/point-assessment/branch-review")]
pub async fn branch_review(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    q: web::Query<PeriodQuery>,
    body: ValidatedJson<BranchReviewInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let (period, b) = (q.period.unwrap_or(0), body.0);
    let out = state
        .write_app(move |conn| app::branch_review(conn, &p, id, member_id, period, b))
        .await?;
    tagged(&out)
}
