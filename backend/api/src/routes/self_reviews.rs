//! Self-reviews (bản tự kiểm điểm, M3): the member writes, saves drafts and submits; the
//! branch committee returns with a comment or accepts, and may enter a paper form on the
//! member's behalf (marked as such). Every save is a version. Nobody else reads them.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use kiemdiem_app::paging::CycleListQuery;
use kiemdiem_app::self_reviews::{
    self as app, ReturnRequest, SelfReview, SelfReviewContent, SelfReviewPage, SelfReviewVersion,
};

/// The self-reviews of a cycle the caller may see (their own, their branches', or for
/// inspection those in its subtree).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CycleListQuery),
    responses(
        (status = 200, description = "Self-reviews begun, by member", body = SelfReviewPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/self-reviews")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<CycleListQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let w = crate::extract::window(q.page, q.per_page)?;
    let items = state
        .run(move |conn| app::list(conn, &p, id, q.organization_id, w))
        .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// A member's self-review in the cycle (status `not_started` before the first save): the
/// member, those who handle them, and inspection in its subtree (read-only).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The self-review", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .run(move |conn| app::get(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Every saved version, newest first.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Versions", body = [SelfReviewVersion]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review/versions")]
pub async fn versions(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .run(move |conn| app::versions(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Save a draft (a new version). The member writes their own; the branch committee may enter
/// a paper form on their behalf. A submitted or accepted self-review is not changed. With
/// `If-Match` (the `ETag` of the self-review as read), a save over someone else's newer one
/// is refused (412) instead of replacing it.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Cycle id"),
        ("member_id" = i64, Path, description = "Member id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the self-review as last read (GET or the last save)"),
    ),
    request_body = SelfReviewContent,
    responses(
        (status = 200, description = "Saved", body = SelfReview,
            headers(("ETag" = String, description = "The saved self-review's tag, for the next If-Match"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted already, or the phase is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Saved by someone else since it was read (If-Match)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/self-review")]
pub async fn save(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<SelfReviewContent>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let if_match = crate::http::if_match(&req);
    let content = body.0;
    app::check_level(&content)?;
    let out = state
        .write_app(move |conn| app::save(conn, &p, id, member_id, content, if_match))
        .await?;
    let (body, tag) = out;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .body(body))
}

/// Submit the saved self-review to the branch committee (every section and the level needed).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Submitted", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to submit, already submitted, or the phase is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Sections missing, every one listed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/submit")]
pub async fn submit(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .write_app(move |conn| app::submit(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Return a submitted self-review to the member with a comment.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned", body = SelfReview),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The member cannot return their own", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No comment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/return")]
pub async fn return_it(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<ReturnRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let comment = body.0.comment.trim().to_owned();
    let out = state
        .write_app(move |conn| app::return_it(conn, &p, id, member_id, &comment))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Accept a submitted self-review.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Accepted", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The member cannot accept their own", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/accept")]
pub async fn accept(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .write_app(move |conn| app::accept(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
