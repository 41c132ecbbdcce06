//! Guidance C.5: the appraisal teams a committee sends to organisations below it:
//! `kiemdiem_app::appraisal_teams`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use kiemdiem_app::appraisal_teams::{self as app, AppraisalTeam, AppraisalTeamInput, TeamsQuery};

/// The appraisal teams (C.5) the organisation formed in the year and those sent to it.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id"), TeamsQuery),
    responses(
        (status = 200, description = "The teams, by day of visit", body = [AppraisalTeam]),
        (status = 400, description = "A year that is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee over the organisation nor its inspection commission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A year outside 1930–2100", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}/appraisal-teams")]
pub async fn appraisal_teams(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<TeamsQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let year = crate::extract::check_year(q.into_inner().year)?;
    let out = state.run(move |conn| app::list(conn, &p, id, year)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Form a team (`version` 0) to inspect and appraise an organisation below.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organisation whose committee forms the team")),
    request_body = AppraisalTeamInput,
    responses(
        (status = 201, description = "Formed", body = AppraisalTeam),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A version other than 0", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank leader or member, a target not below, a visit outside the year and the next, a conclusion without findings", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organizations/{id}/appraisal-teams")]
pub async fn create_appraisal_team(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<AppraisalTeamInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, input))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Change a team — its findings and conclusion once it reports — made on the version it names.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organisation whose committee formed the team"), ("team_id" = i64, Path, description = "Team id")),
    request_body = AppraisalTeamInput,
    responses(
        (status = 200, description = "Changed", body = AppraisalTeam),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or team in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank leader or member, a target not below, a visit outside the year and the next, a conclusion without findings", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/organizations/{id}/appraisal-teams/{team_id}")]
pub async fn update_appraisal_team(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<AppraisalTeamInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, team_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::update(conn, &p, id, team_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a team formed by mistake.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organisation whose committee formed the team"), ("team_id" = i64, Path, description = "Team id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's own committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or team in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/organizations/{id}/appraisal-teams/{team_id}")]
pub async fn remove_appraisal_team(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, team_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, team_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
