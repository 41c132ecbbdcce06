//! Electronic secret ballots (M5, guidance 2.2.4): the paper, the cast, the close. What is
//! written and what is not: `kiemdiem_app::voting::ballots`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::voting::ballots::{self as app, BallotPaper, BallotReceipt, CastBallot};
use kiemdiem_app::voting::sessions::SessionSummary;

/// The ballot paper of an electronic session: who is to be classified, and whether the caller
/// may vote or has voted.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "The ballot paper", body = BallotPaper),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a session the caller is on the roll of or runs", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/voting-sessions/{sid}/ballot")]
pub async fn paper(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let out = state.run(move |conn| app::paper(conn, &p, sid)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Cast one's secret ballot (once).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    request_body = CastBallot,
    responses(
        (status = 201, description = "Recorded", body = BallotReceipt),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "On the roll but not a voter present (M5)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a session the caller is on the roll of", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already voted, or voting is not open", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A member missing, twice, unknown, or a level invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/voting-sessions/{sid}/ballot")]
pub async fn cast(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    body: ValidatedJson<CastBallot>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let b = body.0;
    state
        .write_app(move |conn| app::cast(conn, &p, sid, b))
        .await?;
    Ok(HttpResponse::Created().json(BallotReceipt { recorded: true }))
}

/// End electronic voting: the ballots are counted and the results shown.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "Closed", body = SessionSummary),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an open electronic session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/voting-sessions/{sid}/close")]
pub async fn close(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let out = state
        .write_app(move |conn| app::close(conn, &p, sid))
        .await?;
    // Best effort, after the commit: what the voting left behind is cleaned away (README).
    if let Err(e) = state.run(app::scrub).await {
        tracing::warn!(error = %e, "scrubbing after the close of voting failed");
    }
    Ok(HttpResponse::Ok().json(out))
}
