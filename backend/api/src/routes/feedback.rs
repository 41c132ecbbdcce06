//! Feedback (M2, P1, P2, O6): requests per member to the workplace (clusters led by a named
//! branch secretary), the residence committee (by hand or by post) or the key-cadre meeting;
//! a `feedback_provider` answers only the requests assigned to them, the branch committee may
//! record a returned paper form; and the branch committee's consolidated opinion per member.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::feedback::{
    self as app, FeedbackAnswer, FeedbackRequest, FeedbackRequestPage, NewFeedbackRequest, Opinion,
    OpinionRecord,
};
use kiemdiem_app::feedback_batch::{
    self as batch, FeedbackBatch, FeedbackProvider, NewFeedbackRequests,
};
use kiemdiem_app::paging::CycleListQuery;
use serde::Deserialize;

/// Requests the caller may see: those of members they handle, or those assigned to them.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CycleListQuery),
    responses(
        (status = 200, description = "Requests", body = FeedbackRequestPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-requests")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<CycleListQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let w = crate::extract::window(q.page, q.per_page)?;
    let out = state
        .run(move |conn| app::list(conn, &p, id, q.organization_id, w))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignedQuery {
    /// Only the requests not answered yet.
    pub open: Option<bool>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

/// The caller's inbox: the requests assigned to them in every cycle, soonest due first.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(AssignedQuery),
    responses(
        (status = 200, description = "Requests assigned to the caller", body = FeedbackRequestPage),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/feedback-requests")]
pub async fn assigned(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<AssignedQuery>,
) -> Result<HttpResponse, ApiError> {
    let open = q.open.unwrap_or(false);
    let w = crate::extract::window(q.page, q.per_page)?;
    let out = state
        .run(move |conn| app::assigned(conn, &p, open, w))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Request feedback on a member (the branch committee, or a committee above).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewFeedbackRequest,
    responses(
        (status = 201, description = "Requested", body = FeedbackRequest),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one who requests feedback on this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-requests")]
pub async fn request(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewFeedbackRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::request(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Request feedback on many members in one step: every member of an organisation (a branch, or
/// the whole base) or of a workplace cluster's branches that the caller handles, or only some of
/// them; members already asked for by that source in the cycle are skipped, never asked twice.
/// All of it is written or nothing.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewFeedbackRequests,
    responses(
        (status = 201, description = "Requested (the members skipped are listed)", body = FeedbackBatch),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle, organisation or cluster whose members the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (every one)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-requests/batch")]
pub async fn request_many(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewFeedbackRequests>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| batch::request_many(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProvidersQuery {
    /// Part of the name or of the organisation, with or without diacritics.
    pub q: Option<String>,
}

/// The feedback providers a committee may ask in the cycle, chosen by name (at most 50, in
/// Vietnamese name order).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ProvidersQuery),
    responses(
        (status = 200, description = "Providers", body = [FeedbackProvider]),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in which the caller requests feedback", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-providers")]
pub async fn providers(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<ProvidersQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner().q;
    let out = state
        .run(move |conn| batch::providers(conn, &p, id, q.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Answer a request: the provider it is assigned to, or the branch committee recording a
/// returned paper form.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("request_id" = i64, Path, description = "Request id")),
    request_body = FeedbackAnswer,
    responses(
        (status = 200, description = "Answered", body = FeedbackRequest),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request assigned to or handled by the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-requests/{request_id}/answer")]
pub async fn answer(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<FeedbackAnswer>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::answer(conn, &p, id, rid, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The branch committee's consolidated opinion on a member (404 until written).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The opinion", body = OpinionRecord),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "None yet, or not a member the caller handles", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/opinion")]
pub async fn get_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .run(move |conn| app::get_opinion(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Write (or rewrite) the consolidated opinion.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = Opinion,
    responses(
        (status = 200, description = "Written", body = OpinionRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/opinion")]
pub async fn put_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<Opinion>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::put_opinion(conn, &p, id, member_id, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
