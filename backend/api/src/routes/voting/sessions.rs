//! Opening a session, its roll and D, the double-entered paper tallies, and finalizing.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::paging::CycleListQuery;
use kiemdiem_app::voting::sessions::{
    self as app, BranchClassificationInput, NewVotingSession, RollUpdate, SessionPage, Tally,
    TallyVotes, VotingSession,
};

/// Open a voting session for a branch: the roll is taken from the registry (M5).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewVotingSession,
    responses(
        (status = 201, description = "Opened", body = VotingSession),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or branch the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A session is already open, the branch is already classified, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/voting-sessions")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewVotingSession>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The cycle's voting sessions in the branches the caller runs.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), CycleListQuery),
    responses(
        (status = 200, description = "Sessions", body = SessionPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/voting-sessions")]
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

/// A session: the roll with D, each member's tally state, live results and, once finalized,
/// the stored results.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "The session", body = VotingSession),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs or appraises", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/voting-sessions/{sid}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let out = state.run(move |conn| app::get(conn, &p, sid)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Record who is present, faults, and the ratings behind a leader's gate.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    request_body = RollUpdate,
    responses(
        (status = 200, description = "The session", body = VotingSession),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The session is no longer open", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/voting-sessions/{sid}/roll")]
pub async fn update_roll(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    body: ValidatedJson<RollUpdate>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::update_roll(conn, &p, sid, b))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Enter a member's tally. The first person's entry waits for a second, by another user; the
/// tally counts only when both match. Re-entering replaces one's own entry.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = TallyVotes,
    responses(
        (status = 200, description = "The member's tally state", body = Tally),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A service account does not count ballots", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs, or member on its roll", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an open paper session, two others have entered it, or a member not voted on here (M4, M5)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Negative votes, or more than the voters present (M5)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/voting-sessions/{sid}/tallies/{member_id}")]
pub async fn put_tally(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<TallyVotes>,
) -> Result<HttpResponse, ApiError> {
    let (sid, member_id) = path.into_inner();
    let v = body.0;
    let out = state
        .write_app(move |conn| app::put_tally(conn, &p, sid, member_id, v))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Finalize: the engine computes every result from the confirmed tallies (or the counted
/// ballots) and the member data, applies the quota, and the branch's proposal goes to the base
/// committee. Under the session's lock: a second finalization finds it finalized (409).
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "Finalized: the results proposed", body = VotingSession),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already finalized, electronic voting still open, or tallies missing or mismatched (listed)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/voting-sessions/{sid}/finalize")]
pub async fn finalize(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let out = state
        .write_app(move |conn| app::finalize(conn, &p, sid))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// A branch's current data (registry, self-reviews, professional ratings, disciplines,
/// absences) in the preview's request shape, for the what-if page.
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("branch_id" = i64, Path, description = "Branch id")),
    responses(
        (status = 200, description = "The branch as the preview takes it", body = BranchClassificationInput),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or branch the caller runs", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/branches/{branch_id}/classification-input")]
pub async fn branch_input_of(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, branch_id) = path.into_inner();
    let out = state
        .run(move |conn| app::classification_input(conn, &p, id, branch_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
