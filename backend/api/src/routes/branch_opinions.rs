//! Plan II.2.3: the branches' opinions on their base's self-review and self-classification:
//! `kiemdiem_app::branch_opinions`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, put, web};
use kiemdiem_app::branch_opinions::{self as app, BranchOpinion, BranchOpinionInput};

/// The opinions of the organisations directly below the cycle's (its branches) on its
/// self-review and self-classification (II.2.3), every branch listed, those still silent
/// with none; a branch committee sees its own.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "One row per branch, by name", body = [BranchOpinion]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee over the cycle's organisation nor the committee of a branch directly below it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/branch-opinions")]
pub async fn branch_opinions(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The branch's opinion on its base's self-review and classification, written by the branch's
/// own committee (`version` 0 for the first, else the version changed from).
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id (the base's)"), ("branch_id" = i64, Path, description = "The branch giving its opinion")),
    request_body = BranchOpinionInput,
    responses(
        (status = 200, description = "Written", body = BranchOpinion),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the branch's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope, or no such branch directly below its organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version (or a first opinion already written)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A blank opinion or an unknown level", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/branch-opinions/{branch_id}")]
pub async fn put_branch_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<BranchOpinionInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, branch_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::put(conn, &p, id, branch_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
