//! Review suggestions (gợi ý kiểm điểm, M2, P3, D5): issued by the branch committee or the
//! inspection commission to a member or a collective, with a due date; the subject answers
//! with an explanation. Seen by the issuers' side, the inspection commission and the subject.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::paging::CycleListQuery;
use kiemdiem_app::suggestions::{
    self as app, AnswerRequest, NewSuggestionRequest, Suggestion, SuggestionPage,
};

/// The suggestions of a cycle the caller sees.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CycleListQuery),
    responses(
        (status = 200, description = "Suggestions", body = SuggestionPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/suggestions")]
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

/// Issue a suggestion (the branch committee for its members and itself, a committee in its
/// subtree, the inspection commission in its subtree). Refused once its phase is closed.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewSuggestionRequest,
    responses(
        (status = 201, description = "Issued", body = Suggestion),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an issuer for this subject", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or subject in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/suggestions")]
pub async fn issue(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewSuggestionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::issue(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Answer a suggestion with an explanation (the member addressed, or the collective's
/// committee); it goes to both the organisation and the inspection commission (D5).
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("suggestion_id" = i64, Path, description = "Suggestion id")),
    request_body = AnswerRequest,
    responses(
        (status = 200, description = "Answered", body = Suggestion),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the subject", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such suggestion the caller sees", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No explanation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/suggestions/{suggestion_id}/answer")]
pub async fn answer(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, sid) = path.into_inner();
    let explanation = body.0.explanation.trim().to_owned();
    let out = state
        .write_app(move |conn| app::answer(conn, &p, id, sid, explanation))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
