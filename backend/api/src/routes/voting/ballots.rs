//! Electronic secret ballots (M5, guidance 2.2.4). A voter present on the roll casts one
//! ballot with a level for every member being classified. No ballot is stored (issue #13):
//! in one transaction the server records that the member voted and adds one to the chosen
//! level of each member in the session's counts (`ballot_counts`, one row per member, all
//! written by every ballot). At close the participations and counts are rewritten in member
//! order and the database cleaned (`store::seal`, `store::scrub_ballots`). Counts stay hidden
//! until the session is closed; `Idempotency-Key` is ignored here (never kept).
//!
//! What the operator of the server could still infer (README, "Ballot secrecy"): someone
//! reading the live database, its write-ahead log or a backup *while voting is open* can see
//! each ballot's increments beside its participation; after the close, only the counts
//! remain.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::voting::sessions::{SessionSummary, summary};
use kiemdiem_app::voting::{load, open_or_conflict, rules_of, subjects, voted_on};
use kiemdiem_domain::member::LEVELS;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::voting as store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotCandidate {
    pub member_id: i64,
    pub full_name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotPaper {
    pub session: SessionSummary,
    /// The members to mark a level for, in Vietnamese order.
    pub candidates: Vec<BallotCandidate>,
    /// The caller may vote in this session (official, not attached, present, on the roll).
    pub may_vote: bool,
    pub has_voted: bool,
}

/// The members a ballot marks: those classified in this session (`voted_on`), in Vietnamese
/// order.
fn candidates(
    conn: &mut AnyConnection,
    cycle: &kiemdiem_store::cycles::Cycle,
    roll: Vec<store::RollEntry>,
) -> Result<Vec<kiemdiem_app::voting::Subject>, ApiError> {
    let rules = rules_of(cycle)?;
    Ok(subjects(conn, cycle, &rules, roll)?
        .into_iter()
        .filter(|s| voted_on(s, &rules, cycle))
        .collect())
}

/// The caller's member record on the session's roll, if any.
fn voter(
    conn: &mut AnyConnection,
    p: &Principal,
    sid: i64,
) -> Result<(kiemdiem_app::voting::Ctx, Option<store::RollEntry>), ApiError> {
    let ctx = load(conn, sid)?;
    let entry = p.member_id.and_then(|m| {
        store::roll(conn, sid)
            .ok()?
            .into_iter()
            .find(|r| r.member_id == m)
    });
    if entry.is_none() && !p.access.can_edit_members(&ctx.branch.path) {
        return Err(ApiError::not_found());
    }
    Ok((ctx, entry))
}

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
    let out = state
        .db(move |conn| {
            let (ctx, entry) = voter(conn, &p, sid)?;
            let roll = store::roll(conn, sid)?;
            let candidates = candidates(conn, &ctx.cycle, roll)?
                .into_iter()
                .map(|s| BallotCandidate {
                    member_id: s.roll.member_id,
                    full_name: s.name,
                })
                .collect();
            let has_voted = match &entry {
                Some(e) => store::has_voted(conn, sid, e.member_id)?,
                None => false,
            };
            Ok(BallotPaper {
                session: summary(&ctx),
                candidates,
                may_vote: ctx.session.mode == "electronic"
                    && entry
                        .as_ref()
                        .is_some_and(|e| e.official && !e.attached && e.present),
                has_voted,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotChoice {
    pub member_id: i64,
    /// excellent, good, completed or not_completed.
    pub level: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CastBallot {
    /// One level for every member being classified.
    pub choices: Vec<BallotChoice>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BallotReceipt {
    /// Always true: the ballot is stored, unlinked from the voter.
    pub recorded: bool,
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
        .write(move |conn| {
            let Some(member_id) = p.member_id else {
                return Err(ApiError::not_found());
            };
            let ctx = load(conn, sid)?;
            let roll = store::roll(conn, sid)?;
            let Some(me) = roll.iter().find(|r| r.member_id == member_id) else {
                return Err(ApiError::not_found());
            };
            if ctx.session.mode != "electronic" {
                return Err(ApiError::conflict(
                    "not_electronic",
                    "Phiên này kiểm phiếu giấy",
                ));
            }
            store::lock(conn, sid)?;
            open_or_conflict(&ctx.session)?;
            if !(me.official && !me.attached && me.present) {
                return Err(ApiError::forbidden(
                    "Chỉ đảng viên chính thức có mặt được biểu quyết (M5)",
                ));
            }
            if store::has_voted(conn, sid, member_id)? {
                return Err(ApiError::conflict(
                    "already_voted",
                    "Đồng chí đã bỏ phiếu trong phiên này",
                ));
            }
            let candidates: Vec<i64> = candidates(conn, &ctx.cycle, roll.clone())?
                .into_iter()
                .map(|s| s.roll.member_id)
                .collect();
            let mut errors = Vec::new();
            let mut choices = BTreeMap::new();
            for (i, c) in b.choices.iter().enumerate() {
                if !candidates.contains(&c.member_id) {
                    errors.push(FieldError {
                        field: format!("choices[{i}].member_id"),
                        code: "not_a_candidate".into(),
                        message: "Không có trong danh sách xếp loại".into(),
                    });
                } else if choices
                    .insert(c.member_id.to_string(), c.level.clone())
                    .is_some()
                {
                    errors.push(FieldError {
                        field: format!("choices[{i}].member_id"),
                        code: "duplicate".into(),
                        message: "Mỗi đồng chí chỉ một mức".into(),
                    });
                }
                if !LEVELS.contains(&c.level.as_str()) {
                    errors.push(FieldError {
                        field: format!("choices[{i}].level"),
                        code: "invalid_choice".into(),
                        message: "excellent, good, completed hoặc not_completed".into(),
                    });
                }
            }
            for m in &candidates {
                if !choices.contains_key(&m.to_string()) {
                    errors.push(FieldError {
                        field: "choices".into(),
                        code: "missing".into(),
                        message: format!("Chưa chọn mức cho đảng viên {m}"),
                    });
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let counted: Vec<(i64, usize)> = b
                .choices
                .iter()
                .filter_map(|c| Some((c.member_id, LEVELS.iter().position(|l| *l == c.level)?)))
                .collect();
            store::cast(conn, sid, member_id, &counted)?;
            // Who voted is public to the meeting; what they chose is not written here.
            p.audit("vote", "voting_session")
                .id(sid)
                .org(ctx.branch.path.clone())
                .record(conn)?;
            Ok(())
        })
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
        .write(move |conn| {
            kiemdiem_app::voting::managed(conn, &p, sid)?;
            store::lock(conn, sid)?;
            let ctx = kiemdiem_app::voting::managed(conn, &p, sid)?;
            open_or_conflict(&ctx.session)?;
            if ctx.session.mode != "electronic" {
                return Err(ApiError::conflict(
                    "not_electronic",
                    "Phiên kiểm phiếu giấy không có bước kết thúc bỏ phiếu",
                ));
            }
            store::set_status(conn, sid, "closed")?;
            let ballots = store::participations(conn, sid)?.len();
            // Every ballot marks every member: each member's counts add up to the voters.
            let counts = store::ballot_counts(conn, sid)?;
            // (Fewer is possible: a member who became a candidate during the voting, by a
            // corrected admission date, has no votes on the ballots cast before.)
            if let Some((m, v)) = counts
                .iter()
                .find(|(_, v)| usize::try_from(v.iter().sum::<i32>()).map_or(true, |n| n > ballots))
            {
                return Err(ApiError::Internal(format!(
                    "session {sid}: {ballots} participations but {v:?} votes for member {m}"
                )));
            }
            store::seal(conn, sid)?;
            let ctx = kiemdiem_app::voting::managed(conn, &p, sid)?;
            p.audit("close", "voting_session")
                .id(sid)
                .org(ctx.branch.path.clone())
                .after(&serde_json::json!({ "ballots": ballots }))
                .record(conn)?;
            Ok(summary(&ctx))
        })
        .await?;
    // Best effort, after the commit: what the voting left behind is cleaned away (README).
    if let Err(e) = state.db(|conn| Ok(store::scrub_ballots(conn)?)).await {
        tracing::warn!(error = %e, "scrubbing after the close of voting failed");
    }
    Ok(HttpResponse::Ok().json(out))
}
