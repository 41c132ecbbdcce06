//! Professional ratings (xếp loại CBCCVC; M2 first, M9 gates, M13 the main post), with the
//! year's honours (M8) and the branch's attestation: entered by those who handle the member.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, put, web};
use kiemdiem_app::paging::CycleListQuery;
use kiemdiem_app::professional_ratings::{
    self as app, ProfessionalRating, ProfessionalRatingPage, RatingInput,
};

/// The professional ratings of a cycle, for the members the caller handles (or their own).
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CycleListQuery),
    responses(
        (status = 200, description = "Ratings", body = ProfessionalRatingPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/professional-ratings")]
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

/// Record (or replace) a member's professional rating for the cycle.
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = RatingInput,
    responses(
        (status = 200, description = "Recorded", body = ProfessionalRating),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A member does not rate themself", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/professional-rating")]
pub async fn put_rating(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<RatingInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::put(conn, &p, id, member_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a rating entered by mistake.
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such rating for a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/members/{member_id}/professional-rating")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, member_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
