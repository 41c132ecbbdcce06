//! List, read, create, change and delete members.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use kiemdiem_app::members::{
    self as app, CreateMember, Member, MemberPage, MemberQuery, UpdateMember, etag, filter_for,
    filter_under,
};
use kiemdiem_store::members as store;

/// List members in Vietnamese order (given name, middle, family).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(MemberQuery),
    responses(
        (status = 200, description = "A page of members", body = MemberPage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds (each named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members")]
pub async fn list(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<MemberQuery>,
) -> Result<HttpResponse, ApiError> {
    let gzip = crate::middleware::accepts_gzip(&req);
    let q = q.into_inner();
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 50, 200)?;
    // A page already answered for the same scope and filter, while nothing was written, is
    // answered again without the database (see AppState::member_pages). Past half its time to
    // live, the first request to read it has it computed again in the background, for the
    // next ones: a page people keep reading never makes them wait when it would expire.
    if q.organization_id.is_none()
        && let Some((body, renew)) =
            state
                .member_pages
                .get_refreshing(&(filter_under(&p, &q, None), page, per_page))
    {
        if renew {
            let state = state.clone();
            actix_web::rt::spawn(async move {
                if let Err(e) = page_body(&state, p, q, page, per_page, true).await {
                    tracing::warn!(error = %e, "a member page was not renewed");
                }
            });
        }
        return body.respond(gzip);
    }
    page_body(&state, p, q, page, per_page, false)
        .await?
        .respond(gzip)
}

/// The caches a member list reads through, borrowed from the state's.
fn list_caches<'a>(
    totals: &'a store::TotalsCache,
    branches: &'a store::BranchesCache,
    rosters: &'a store::RosterCache,
    load_rosters: bool,
) -> store::ListCaches<'a> {
    store::ListCaches {
        totals,
        branches,
        rosters,
        load_rosters,
    }
}

/// How long a small scope's page waits for a turn to read its roster before it goes on without.
const ROSTER_TURN_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// A scope of more branches than this has a large roster, read beside its page in the large
/// rosters' turn (a base has a few to a few dozen branches, a district hundreds).
const LARGE_SCOPE_BRANCHES: usize = 100;

/// Reads a scope's roster (its branches `ids`, read after the generation `since`) into the
/// kept rosters, without reading a page (see `kiemdiem_store::members::load_roster_for`).
async fn read_roster(
    state: &AppState,
    f: store::MemberFilter,
    ids: Vec<i64>,
    since: u64,
) -> Result<(), ApiError> {
    let rosters = state.member_rosters.clone();
    state
        .db(move |conn| Ok(store::load_roster_for(conn, &rosters, &f, &ids, since)?))
        .await
}

/// A page of the member list, from the cache (unless `renew`) or computed and kept.
async fn page_body(
    state: &AppState,
    p: Principal,
    q: MemberQuery,
    page: i64,
    per_page: i64,
    renew: bool,
) -> Result<crate::stored::StoredJson, ApiError> {
    let totals = state.member_totals.clone();
    let branches = state.member_branches.clone();
    let rosters = state.member_rosters.clone();
    let pages = state.member_pages.clone();
    // The scope's roster first, if it is not kept, in its own turns (see
    // kiemdiem_store::members::roster_branches): a page waiting for its roster does not hold
    // one of the turns below, where the pages of the scopes already read are computed.
    let f = filter_under(&p, &q, None);
    let mut load_rosters = true;
    if !renew && q.organization_id.is_none() && rosters.get(&f.scope()).is_none() {
        // Before the branch ids are read: a write between them and the roster is not missed.
        let since = kiemdiem_store::generation::current();
        // Kept branch ids need no connection (a write that changed them forgot them).
        let ids = match branches.get(&f.scope()) {
            Some(ids) => ids,
            None => {
                let (b, g) = (branches.clone(), f.clone());
                state
                    .db(move |conn| Ok(store::roster_branches(conn, &b, &g)?))
                    .await?
            }
        };
        if let Some(ids) = ids {
            if ids.len() > LARGE_SCOPE_BRANCHES {
                // A large scope (a district's hundreds of branches) does not wait for its
                // roster: the page is the database's query (its count and ids in one or two
                // statements, then its rows: a few milliseconds), and the roster is read beside
                // it, in the large rosters' one turn, for the pages after it; if that turn is
                // taken, a later page reads it. Apart from the small rosters' turns, so that a
                // branch's or a base's first page never waits behind a district's (issue #18:
                // a district's roster, 9,575 members, took 50-150 ms in the mix's first
                // second; the page that read it waited that long, and under wrk's correction
                // for coordinated omission one such wait weighs as a hundred slow answers).
                load_rosters = false;
                if let Ok(turn) = state.large_rosters_gate.clone().try_acquire_owned() {
                    let state = state.clone();
                    actix_web::rt::spawn(async move {
                        let _turn = turn;
                        if let Err(e) = read_roster(&state, f, ids, since).await {
                            tracing::warn!(error = %e, "a scope's roster was not read");
                        }
                    });
                }
            } else {
                // Waited for a while only: with the database gone, each turn is held until
                // the pool gives up (3 s), and a request queued behind two of them would
                // answer its 503 late (the fault drill's limit is 5 s). Past it the page
                // reads its roster in its own turn, as it would without this step.
                let turn =
                    actix_web::rt::time::timeout(ROSTER_TURN_WAIT, state.rosters_gate.acquire())
                        .await;
                if let Ok(turn) = turn {
                    let _turn = turn.map_err(|e| ApiError::Internal(e.to_string()))?;
                    read_roster(state, f, ids, since).await?;
                }
            }
        }
    }
    let _turn = state
        .pages_gate
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let kept = pages.clone();
    let computed = state
        .db(move |conn| {
            let key = (filter_for(conn, &p, &q)?, page, per_page);
            if !renew && let Some(body) = pages.get(&key) {
                return Ok(Err(body));
            }
            let generation = kiemdiem_store::generation::current();
            let caches = list_caches(&totals, &branches, &rosters, load_rosters);
            let page = app::page(conn, caches, &key.0, page, per_page)?;
            let body = crate::stored::StoredJson::new(web::Bytes::from(
                serde_json::to_vec(&page).map_err(|e| ApiError::Internal(e.to_string()))?,
            ))?;
            Ok(Ok((key, generation, body)))
        })
        .await?;
    Ok(match computed {
        Err(body) => body,
        Ok((key, generation, body)) => {
            // Kept as a copy made here, on the HTTP worker: the pages kept for 30 s then come
            // from the workers' allocator heaps (one per core) instead of being scattered over
            // every database thread's, where each held pages of memory resident (issue #18).
            let body = body.relocated();
            kept.put(key, generation, body.clone());
            body
        }
    })
}

fn with_etag(row: &store::Member, m: &Member, status: actix_web::http::StatusCode) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::ETAG, etag(row)))
        .json(m)
}

/// Read a member, with its ETag.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member; the ETag header is needed to change it", body = Member,
            headers(("ETag" = String, description = "The record's version"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (row, m) = state.run(move |conn| app::get(conn, &p, id)).await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::OK))
}

/// Add a member to a branch.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = CreateMember,
    responses(
        (status = 201, description = "Created", body = Member, headers(("ETag" = String, description = "The record's version"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to add members to this branch", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The branch is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The card number is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, every one listed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateMember>,
) -> Result<HttpResponse, ApiError> {
    let (data, years) = body.0.data();
    let (row, m) = state
        .write_app(move |conn| app::create(conn, &p, data, years))
        .await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::CREATED))
}

/// Change a member. Requires `If-Match` with the ETag from the last read: without it 428,
/// with a stale one 412, so that two secretaries never overwrite each other silently.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Member id"),
        ("If-Match" = String, Header, description = "The ETag of the member as last read"),
    ),
    request_body = UpdateMember,
    responses(
        (status = 200, description = "Changed", body = Member, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to change this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The card number is taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed by someone else since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, every one listed", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/members/{id}")]
pub async fn update(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<UpdateMember>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let if_match = crate::http::if_match(&req);
    let change = body.0;
    let (row, m) = state
        .write_app(move |conn| app::update(conn, &p, id, change, if_match))
        .await?;
    Ok(with_etag(&row, &m, actix_web::http::StatusCode::OK))
}

/// Delete a member entered by mistake. One with review records cannot be deleted: take
/// them off the active list instead (`active: false` with the date and reason).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to delete this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The member has review records", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
