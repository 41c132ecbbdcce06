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

use super::sessions::{SessionSummary, summary};
use super::{load, open_or_conflict, rules_of, subjects, voted_on};
use crate::{Actor, AppError, FieldError};
use kiemdiem_domain::member::LEVELS;
use kiemdiem_domain::voting::SessionStatus;
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
) -> Result<Vec<super::Subject>, AppError> {
    let rules = rules_of(cycle)?;
    Ok(subjects(conn, cycle, &rules, roll)?
        .into_iter()
        .filter(|s| voted_on(s, &rules, cycle))
        .collect())
}

/// The caller's member record on the session's roll, if any.
fn voter(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
) -> Result<(super::Ctx, Option<store::RollEntry>), AppError> {
    let ctx = load(conn, sid)?;
    let entry = p.member_id.and_then(|m| {
        store::roll(conn, sid)
            .ok()?
            .into_iter()
            .find(|r| r.member_id == m)
    });
    if entry.is_none() && !p.access.can_edit_members(&ctx.branch.path) {
        return Err(AppError::not_found());
    }
    Ok((ctx, entry))
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

/// The ballot paper of a voter present on the roll of an open electronic session.
pub fn paper(conn: &mut AnyConnection, p: &Actor, sid: i64) -> Result<BallotPaper, AppError> {
    let (ctx, entry) = voter(conn, p, sid)?;
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
}

/// Casts the actor's one ballot (M5): a level for every member being classified; only that
/// the member voted and the counts are written, never the ballot.
pub fn cast(conn: &mut AnyConnection, p: &Actor, sid: i64, b: CastBallot) -> Result<(), AppError> {
    let Some(member_id) = p.member_id else {
        return Err(AppError::not_found());
    };
    let ctx = load(conn, sid)?;
    let roll = store::roll(conn, sid)?;
    let Some(me) = roll.iter().find(|r| r.member_id == member_id) else {
        return Err(AppError::not_found());
    };
    if ctx.session.mode != "electronic" {
        return Err(AppError::conflict(
            "not_electronic",
            "Phiên này kiểm phiếu giấy",
        ));
    }
    store::lock(conn, sid)?;
    open_or_conflict(&ctx.session)?;
    if !(me.official && !me.attached && me.present) {
        return Err(AppError::forbidden(
            "Chỉ đảng viên chính thức có mặt được biểu quyết (M5)",
        ));
    }
    if store::has_voted(conn, sid, member_id)? {
        return Err(AppError::conflict(
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
        return Err(AppError::Validation(errors));
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
}

/// Ends electronic voting: the participations and counts are sealed and the results shown.
pub fn close(conn: &mut AnyConnection, p: &Actor, sid: i64) -> Result<SessionSummary, AppError> {
    super::managed(conn, p, sid)?;
    store::lock(conn, sid)?;
    let ctx = super::managed(conn, p, sid)?;
    open_or_conflict(&ctx.session)?;
    if ctx.session.mode != "electronic" {
        return Err(AppError::conflict(
            "not_electronic",
            "Phiên kiểm phiếu giấy không có bước kết thúc bỏ phiếu",
        ));
    }
    store::set_status(conn, sid, SessionStatus::Closed)?;
    let ballots = store::participations(conn, sid)?.len();
    // Every ballot marks every member: each member's counts add up to the voters.
    let counts = store::ballot_counts(conn, sid)?;
    // (Fewer is possible: a member who became a candidate during the voting, by a
    // corrected admission date, has no votes on the ballots cast before.)
    if let Some((m, v)) = counts
        .iter()
        .find(|(_, v)| usize::try_from(v.iter().sum::<i32>()).map_or(true, |n| n > ballots))
    {
        return Err(AppError::Internal(format!(
            "session {sid}: {ballots} participations but {v:?} votes for member {m}"
        )));
    }
    store::seal(conn, sid)?;
    let ctx = super::managed(conn, p, sid)?;
    p.audit("close", "voting_session")
        .id(sid)
        .org(ctx.branch.path.clone())
        .after(&serde_json::json!({ "ballots": ballots }))
        .record(conn)?;
    Ok(summary(&ctx))
}

/// Cleans away what the voting left behind (README, "Ballot secrecy"): run after the close's
/// commit, best effort.
pub fn scrub(conn: &mut AnyConnection) -> Result<(), AppError> {
    Ok(store::scrub_ballots(conn)?)
}
