//! Opening a session, its roll and D, the double-entered paper tallies, and finalizing.

use crate::auth::Principal;
use crate::dto::classification::PreviewMember;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::NaiveDate;
use kiemdiem_app::voting::sessions::{
    self as app, SessionSummary, Tally, TallyVotes, VotingSession, detail, summary,
};
use kiemdiem_app::voting::{Ctx, managed, open_or_conflict, rules_of, subjects};
use kiemdiem_domain::classification::Votes;
use kiemdiem_store::voting::{self as store, NewSession, RollEntry};
use kiemdiem_store::{cycles, members, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVotingSession {
    pub branch_id: i64,
    /// paper_tally or electronic.
    pub mode: String,
    /// regular (default) or supplementary: classifies the members still pending (M3).
    pub kind: Option<String>,
    pub held_on: NaiveDate,
    /// Q3: the branch's organisation has especially outstanding achievements.
    #[serde(default)]
    pub outstanding_unit: bool,
}

fn bad(field: &str, code: &str, message: impl Into<String>) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }])
}

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
    if !matches!(b.mode.as_str(), "paper_tally" | "electronic") {
        return Err(bad(
            "mode",
            "invalid_choice",
            "Hình thức là paper_tally hoặc electronic",
        ));
    }
    let kind = b.kind.clone().unwrap_or_else(|| "regular".into());
    if !matches!(kind.as_str(), "regular" | "supplementary") {
        return Err(bad(
            "kind",
            "invalid_choice",
            "Loại phiên là regular hoặc supplementary",
        ));
    }
    let out = state
        .write(move |conn| {
            let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let branch = organizations::get(conn, b.branch_id)?
                .filter(|o| {
                    o.kind == "branch"
                        && o.path.starts_with(&cycle_path)
                        && p.access.can_edit_members(&o.path)
                })
                .ok_or_else(ApiError::not_found)?;
            kiemdiem_app::cycles::writable(&cycle)?;
            let earlier = store::of_cycle(conn, id)?;
            let mine: Vec<_> = earlier
                .iter()
                .filter(|s| s.branch_id == branch.id)
                .collect();
            if mine.iter().any(|s| matches!(s.status.as_str(), "open" | "closed")) {
                return Err(ApiError::conflict(
                    "session_open",
                    "Chi bộ đang có một phiên bỏ phiếu chưa kết thúc",
                ));
            }
            let classified = mine
                .iter()
                .any(|s| matches!(s.status.as_str(), "finalized" | "approved"));
            let current = kiemdiem_app::voting::current_results(conn, id)?;
            let roster: Vec<i64> = members::roster(conn, &branch.path)?
                .into_iter()
                .filter(|(_, b, _)| *b == branch.id)
                .map(|(m, ..)| m)
                .collect();
            let subject_of = |m: i64| match kind.as_str() {
                "regular" => true,
                _ => current
                    .get(&m)
                    .is_none_or(|r| matches!(r.status.as_str(), "pending" | "unresolved")),
            };
            if kind == "regular" && classified {
                return Err(ApiError::conflict(
                    "branch_classified",
                    "Chi bộ đã có kết quả bỏ phiếu; đảng viên chưa xếp loại được xếp ở phiên bổ sung",
                ));
            }
            if kind == "supplementary" && (!classified || !roster.iter().any(|m| subject_of(*m))) {
                return Err(ApiError::conflict(
                    "nothing_pending",
                    "Không có đảng viên nào chờ xếp loại bổ sung",
                ));
            }
            let sid = store::create(
                conn,
                &NewSession {
                    cycle_id: id,
                    branch_id: branch.id,
                    kind: &kind,
                    mode: &b.mode,
                    held_on: b.held_on,
                    outstanding_unit: b.outstanding_unit,
                    opened_by: &p.actor(),
                },
            )?;
            let mut roll = Vec::with_capacity(roster.len());
            for m in roster {
                let (member, _) = members::get(conn, m)?.ok_or_else(ApiError::not_found)?;
                roll.push(RollEntry {
                    session_id: sid,
                    member_id: m,
                    official: member.status == "official",
                    exempt: member.exempt,
                    attached: member.attached,
                    subject: subject_of(m),
                    // Exempt members are expected to stay away (M5 a); the meeting corrects it.
                    present: !member.exempt,
                    faults: false,
                    leader_unit_rating: None,
                    leader_party_org_rating: None,
                });
            }
            store::add_roll(conn, &roll)?;
            let ctx = Ctx {
                session: store::get(conn, sid)?.ok_or_else(ApiError::not_found)?,
                cycle,
                cycle_path,
                branch,
            };
            let out = detail(conn, &p, &ctx)?;
            p.audit("open", "voting_session").id(sid).org(ctx.branch.path.clone()).after(&out.summary).record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The cycle's voting sessions in the branches the caller runs.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Sessions", body = [SessionSummary]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/voting-sessions")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state
        .db(move |conn| {
            let (cycle, cycle_path) = kiemdiem_app::cycles::readable(conn, &p, id)?;
            let mut out = Vec::new();
            for s in store::of_cycle(conn, id)? {
                let Some(branch) = organizations::get(conn, s.branch_id)? else {
                    continue;
                };
                if p.access.can_read_results(&branch.path) || p.access.can_administer(&cycle_path) {
                    out.push(summary(&Ctx {
                        session: s,
                        cycle: cycle.clone(),
                        cycle_path: cycle_path.clone(),
                        branch,
                    }));
                }
            }
            Ok(out)
        })
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
    let out = state
        .db(move |conn| {
            let ctx = kiemdiem_app::voting::load(conn, sid)?;
            if !(p.access.can_read_results(&ctx.branch.path)
                || p.access.can_administer(&ctx.cycle_path))
            {
                return Err(ApiError::not_found());
            }
            Ok(detail(conn, &p, &ctx)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollChange {
    pub member_id: i64,
    pub present: bool,
    /// A fault recorded by the branch (M10).
    #[serde(default)]
    pub faults: bool,
    /// For a leader (M8): excellent, good, completed or not_completed.
    pub leader_unit_rating: Option<String>,
    /// For a leader (M8): clean_strong, good, completed or weak.
    pub leader_party_org_rating: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollUpdate {
    pub members: Vec<RollChange>,
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
        .write(move |conn| {
            let ctx = managed(conn, &p, sid)?;
            store::lock(conn, sid)?;
            open_or_conflict(&ctx.session)?;
            let roll = store::roll(conn, sid)?;
            let mut errors = Vec::new();
            let mut changed = Vec::new();
            for (i, c) in b.members.iter().enumerate() {
                let at = |f: &str| format!("members[{i}].{f}");
                let Some(r) = roll.iter().find(|r| r.member_id == c.member_id) else {
                    errors.push(FieldError {
                        field: at("member_id"),
                        code: "not_on_roll".into(),
                        message: "Không có trong danh sách phiên bỏ phiếu".into(),
                    });
                    continue;
                };
                if c.leader_unit_rating.as_deref().is_some_and(|x| {
                    !matches!(x, "excellent" | "good" | "completed" | "not_completed")
                }) {
                    errors.push(FieldError {
                        field: at("leader_unit_rating"),
                        code: "invalid_choice".into(),
                        message: "excellent, good, completed hoặc not_completed".into(),
                    });
                }
                if c.leader_party_org_rating
                    .as_deref()
                    .is_some_and(|x| !matches!(x, "clean_strong" | "good" | "completed" | "weak"))
                {
                    errors.push(FieldError {
                        field: at("leader_party_org_rating"),
                        code: "invalid_choice".into(),
                        message: "clean_strong, good, completed hoặc weak".into(),
                    });
                }
                changed.push(RollEntry {
                    present: c.present,
                    faults: c.faults,
                    leader_unit_rating: c.leader_unit_rating.clone(),
                    leader_party_org_rating: c.leader_party_org_rating.clone(),
                    ..r.clone()
                });
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            for c in &changed {
                store::update_roll(conn, c)?;
            }
            let out = detail(conn, &p, &ctx)?;
            p.audit("roll", "voting_session").id(sid).org(ctx.branch.path.clone()).after(&serde_json::json!({ "present": changed.iter().filter(|c| c.present).count(), "denominator": out.denominator, })).record(conn)?;
            Ok(out)
        })
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BranchClassificationInput {
    /// The cycle's rule set and reference date.
    pub rule_set: String,
    pub reference_date: NaiveDate,
    pub branch: crate::dto::classification::PreviewBranch,
    /// Every active member of the branch as the preview takes them, present, with no votes.
    pub members: Vec<PreviewMember>,
    /// Member id → full name, for display (the preview's ids are the member ids).
    pub names: std::collections::BTreeMap<String, String>,
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
        .db(move |conn| {
            let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let branch = organizations::get(conn, branch_id)?
                .filter(|o| {
                    o.kind == "branch"
                        && o.path.starts_with(&cycle_path)
                        && p.access.can_edit_members(&o.path)
                })
                .ok_or_else(ApiError::not_found)?;
            let rules = rules_of(&cycle)?;
            let mut roll = Vec::new();
            for (m, b, _) in members::roster(conn, &branch.path)? {
                if b != branch.id {
                    continue;
                }
                let (member, _) = members::get(conn, m)?.ok_or_else(ApiError::not_found)?;
                roll.push(RollEntry {
                    session_id: 0,
                    member_id: m,
                    official: member.status == "official",
                    exempt: member.exempt,
                    attached: member.attached,
                    subject: true,
                    present: !member.exempt,
                    faults: false,
                    leader_unit_rating: None,
                    leader_party_org_rating: None,
                });
            }
            let subjects = subjects(conn, &cycle, &rules, roll)?;
            Ok(BranchClassificationInput {
                rule_set: rules.name.clone(),
                reference_date: cycle.reference_date,
                branch: crate::dto::classification::PreviewBranch {
                    outstanding_unit: false,
                },
                names: subjects
                    .iter()
                    .map(|s| (s.input.id.clone(), s.name.clone()))
                    .collect(),
                members: subjects
                    .iter()
                    .map(|s| crate::dto::classification::as_preview(s, Votes::default()))
                    .collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
