//! The base committee's extended meeting (guidance 2.2.6): approving or sending back each
//! branch's proposal, the appraisal board with the base-wide quota check (Q5, a warning), and
//! re-classification of a result found wrong later (M12: the old result is cancelled with its
//! reason and kept).

use super::sessions::{ResultRecord, SessionSummary, result_dto, summary};
use super::{Ctx, current_results, load, rules_of, year_of};
use crate::actor::Actor;
use crate::error::AppError;
use crate::self_reviews::target;
use kiemdiem_domain::classification::{self, Level, QuotaContext};
use kiemdiem_domain::classification::{ResultState, Status};
use kiemdiem_domain::voting::SessionStatus;
use kiemdiem_store::voting::{self as store, NewResult};
use kiemdiem_store::{AnyConnection, members, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Writes approved classified levels into the members' yearly history (W1 reads it).
fn record_history(
    conn: &mut AnyConnection,
    ctx: &Ctx,
    results: &[store::Result_],
) -> Result<(), AppError> {
    for r in results {
        if let (Some(level), Status::Classified) = (r.level.as_deref(), r.status) {
            members::upsert_history(
                conn,
                r.member_id,
                year_of(&ctx.cycle),
                level,
                &ctx.branch.name,
                "classified",
            )?;
        }
    }
    Ok(())
}

/// The base committee's decision on a branch's proposal, checked before anything is read.
#[derive(Debug, Clone)]
pub struct Decision {
    approve: bool,
    comment: Option<String>,
}

impl Decision {
    /// `decision`: approve, or return (with a comment: why).
    pub fn parse(decision: &str, comment: Option<&str>) -> Result<Decision, AppError> {
        let comment = kiemdiem_domain::text::non_blank(comment);
        let approve = match decision {
            "approve" => true,
            "return" if comment.is_some() => false,
            "return" => {
                return Err(AppError::field(
                    "comment",
                    "required",
                    "Trả lại cần ghi lý do",
                ));
            }
            _ => {
                return Err(AppError::field(
                    "decision",
                    "invalid_choice",
                    "approve hoặc return",
                ));
            }
        };
        Ok(Decision { approve, comment })
    }
}

/// Q3: the committee running the cycle approves (or refuses) a branch's claim of especially
/// outstanding achievements; only an approved claim raises the branch's quota to 20%. Decided
/// before the branch finalizes (the quota is then fixed).
pub fn decide_outstanding(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    approved: bool,
) -> Result<SessionSummary, AppError> {
    let ctx = load(conn, sid)?;
    if !(p.access.can_edit_members(&ctx.branch.path) || p.access.can_administer(&ctx.cycle_path)) {
        return Err(AppError::not_found());
    }
    if !p.access.runs(&ctx.cycle_path) {
        return Err(AppError::forbidden(
            "Cấp ủy cấp trên (cấp ủy cơ sở) phê duyệt thành tích nổi bật của chi bộ (Q3)",
        ));
    }
    store::lock(conn, sid)?;
    let ctx = load(conn, sid)?;
    if !ctx.session.outstanding_unit {
        return Err(AppError::conflict(
            "not_claimed",
            "Chi bộ không đề nghị tỷ lệ xuất sắc 20% (Q3)",
        ));
    }
    if !matches!(
        ctx.session.status,
        SessionStatus::Open | SessionStatus::Closed
    ) {
        return Err(AppError::conflict(
            "session_not_open",
            "Chi bộ đã chốt kết quả; tỷ lệ đã cố định",
        ));
    }
    let before = summary(&ctx);
    store::decide_outstanding(conn, sid, approved, &p.actor())?;
    let ctx = load(conn, sid)?;
    let after = summary(&ctx);
    p.audit(
        if approved { "approve" } else { "refuse" },
        "outstanding_claim",
    )
    .id(sid)
    .org(ctx.branch.path.clone())
    .before(&before)
    .after(&after)
    .record(conn)?;
    Ok(after)
}

/// Approves a branch's proposal (the levels go into the members' history, W1), or sends it
/// back with a comment (the branch then votes again).
pub fn appraise(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    d: &Decision,
) -> Result<SessionSummary, AppError> {
    let (approve, comment) = (d.approve, d.comment.clone());
    let ctx = load(conn, sid)?;
    if !(p.access.can_edit_members(&ctx.branch.path) || p.access.can_administer(&ctx.cycle_path)) {
        return Err(AppError::not_found());
    }
    if !p.access.runs(&ctx.cycle_path) {
        return Err(AppError::forbidden(
            "Cấp ủy cơ sở thẩm định kết quả của chi bộ",
        ));
    }
    store::lock(conn, sid)?;
    let ctx = load(conn, sid)?;
    if ctx.session.status != SessionStatus::Finalized {
        return Err(AppError::conflict(
            "not_finalized",
            "Chi bộ chưa gửi kết quả đề nghị",
        ));
    }
    let actor = p.actor();
    if approve {
        store::set_results_state(conn, sid, ResultState::Proposed, ResultState::Approved)?;
        store::mark_appraised(
            conn,
            sid,
            SessionStatus::Approved,
            &actor,
            comment.as_deref(),
        )?;
        let results = store::results_of_session(conn, sid)?;
        record_history(conn, &ctx, &results)?;
        let levels: Vec<serde_json::Value> = results
            .iter()
            .map(|r| serde_json::json!({ "member_id": r.member_id, "status": r.status, "level": r.level }))
            .collect();
        kiemdiem_store::webhooks::emit(
            conn,
            "classification.approved",
            &ctx.branch.path,
            &serde_json::json!({
                "event": "classification.approved", "session_id": sid, "cycle_id": ctx.cycle.id,
                "branch_id": ctx.branch.id, "year": ctx.cycle.year, "results": levels,
            })
            .to_string(),
        )?;
    } else {
        store::set_results_state(conn, sid, ResultState::Proposed, ResultState::Returned)?;
        store::mark_appraised(
            conn,
            sid,
            SessionStatus::Returned,
            &actor,
            comment.as_deref(),
        )?;
    }
    let ctx = load(conn, sid)?;
    let out = summary(&ctx);
    p.audit(if approve { "approve" } else { "return" }, "voting_session")
        .id(sid)
        .org(ctx.branch.path.clone())
        .after(&out)
        .record(conn)?;
    Ok(out)
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct LevelCounts {
    pub members: u32,
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
    pub pending: u32,
    pub not_classified: u32,
    pub unresolved: u32,
    /// Not yet through a finalized session.
    pub not_voted: u32,
}

impl LevelCounts {
    fn add(&mut self, o: &LevelCounts) {
        self.members += o.members;
        self.excellent += o.excellent;
        self.good += o.good;
        self.completed += o.completed;
        self.not_completed += o.not_completed;
        self.pending += o.pending;
        self.not_classified += o.not_classified;
        self.unresolved += o.unresolved;
        self.not_voted += o.not_voted;
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BranchAppraisal {
    pub branch_id: i64,
    pub name: String,
    pub sessions: Vec<SessionSummary>,
    #[serde(flatten)]
    pub counts: LevelCounts,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BaseQuota {
    /// Q1's percentage for the rule set.
    pub percent: u32,
    /// Members counted for Q1 across the branches (good or better, or good: the basis).
    pub counted: u32,
    pub excellent: u32,
    /// Q5: excellent × 100 > percent × counted.
    pub exceeded: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Appraisal {
    pub cycle_id: i64,
    pub branches: Vec<BranchAppraisal>,
    pub total: LevelCounts,
    pub quota: BaseQuota,
    pub warnings: Vec<String>,
}

/// The appraisal board of a cycle: every branch's standing results and the base-wide quota
/// check (Q5: a warning, never a block).
fn appraisal_of(
    conn: &mut AnyConnection,
    cycle: &kiemdiem_store::cycles::Cycle,
    cycle_path: &str,
) -> Result<Appraisal, AppError> {
    let rules = rules_of(cycle)?;
    let results = current_results(conn, cycle.id)?;
    let sessions = store::of_cycle(conn, cycle.id)?;
    let branches = organizations::subtree(conn, cycle_path)?;
    let roster = members::registered(conn, cycle_path)?;
    let mut out = Vec::new();
    let mut total = LevelCounts::default();
    let mut counted = 0;
    for b in branches.into_iter().filter(|o| o.kind == "branch") {
        let mut c = LevelCounts::default();
        for (m, _, _) in roster.iter().filter(|(_, br, _)| *br == b.id) {
            c.members += 1;
            match results.get(m) {
                None => c.not_voted += 1,
                Some(r) => match (r.status, r.level.as_deref()) {
                    (Status::Classified, Some("excellent")) => c.excellent += 1,
                    (Status::Classified, Some("good")) => c.good += 1,
                    (Status::Classified, Some("completed")) => c.completed += 1,
                    (Status::Classified, _) => c.not_completed += 1,
                    (Status::Pending, _) => c.pending += 1,
                    (Status::NotClassified, _) => c.not_classified += 1,
                    (Status::Unresolved, _) => c.unresolved += 1,
                },
            }
        }
        // Q1's basis (G), as every quota of the rule set counts it.
        counted += u32::from(rules.quota.counts(Level::Good)) * c.good
            + u32::from(rules.quota.counts(Level::Excellent)) * c.excellent;
        total.add(&c);
        let ctx_sessions = sessions
            .iter()
            .filter(|s| s.branch_id == b.id)
            .map(|s| {
                summary(&Ctx {
                    session: s.clone(),
                    cycle: cycle.clone(),
                    cycle_path: cycle_path.to_owned(),
                    branch: b.clone(),
                })
            })
            .collect();
        out.push(BranchAppraisal {
            branch_id: b.id,
            name: b.name.clone(),
            sessions: ctx_sessions,
            counts: c,
        });
    }
    let percent = rules.quota.percent;
    let total_excellent = total.excellent;
    let exceeded = rules.quota.base_exceeded(total.excellent, counted);
    let mut warnings = Vec::new();
    if exceeded {
        warnings.push(format!(
            "Q5: {} đảng viên xuất sắc, vượt {}% của {} đảng viên được tính trên toàn đảng bộ",
            total.excellent, percent, counted
        ));
    }
    Ok(Appraisal {
        cycle_id: cycle.id,
        branches: out,
        total,
        quota: BaseQuota {
            percent,
            counted,
            excellent: total_excellent,
            exceeded,
        },
        warnings,
    })
}

/// The appraisal board of a cycle, for the committee that runs it.
pub fn board(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Appraisal, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, id)?;
    if !p.access.can_administer(&cycle_path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy điều hành đợt kiểm điểm thẩm định",
        ));
    }
    appraisal_of(conn, &cycle, &cycle_path)
}

/// A member's results in the cycle, cancelled ones included (M12), oldest first.
pub fn member_results(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<Vec<ResultRecord>, AppError> {
    let t = crate::self_reviews::target_for(
        conn,
        p,
        id,
        member_id,
        kiemdiem_domain::access::Access::can_read_results,
    )?;
    Ok(store::results_of_cycle(conn, id)?
        .into_iter()
        .filter(|r| r.member_id == member_id)
        .map(|r| result_dto(r, t.member.full_name.clone()))
        .collect::<Vec<_>>())
}

/// M12 through the engine (issue #13): the member as the data now stands (corrected), on the
/// roll of the session that classified them, judged by `classification::reclassification`
/// against the branch's other standing results. The reasons of the new result, or 409 naming
/// the rule that forbids the level.
fn engine_allows(
    conn: &mut AnyConnection,
    cycle: &kiemdiem_store::cycles::Cycle,
    old: &store::Result_,
    others: &std::collections::HashMap<i64, store::Result_>,
    level: Level,
) -> Result<String, AppError> {
    let refused = |rule: &str, why: &str| {
        AppError::conflict(
            "reclassification_forbidden",
            format!("{rule}: {why} — không xếp loại lại được ở mức này"),
        )
    };
    if old.status != Status::Classified {
        // M3: a pending member is classified at a supplementary session, never here.
        let rule = ["M3", "M4", "M5", "M9", "M7"]
            .into_iter()
            .find(|r| old.reasons.split(',').any(|x| x.trim() == *r))
            .unwrap_or("M3");
        return Err(refused(
            rule,
            "đảng viên chưa được xếp loại bằng biểu quyết",
        ));
    }
    let Some(sid) = old.session_id else {
        return Err(refused("M12", "kết quả không gắn với phiên biểu quyết"));
    };
    let session = store::get(conn, sid)?.ok_or_else(AppError::not_found)?;
    let rules = rules_of(cycle)?;
    let roll = store::roll(conn, sid)?;
    let registered = u32::try_from(roll.iter().filter(|r| !r.attached).count()).unwrap_or(0);
    let on_roll: std::collections::HashSet<i64> = roll.iter().map(|r| r.member_id).collect();
    let subject = crate::voting::subject_on(conn, cycle, &rules, &roll, old.member_id)?
        .ok_or_else(AppError::not_found)?;
    let (counted_others, excellent_others) = crate::voting::quota_held(
        &rules,
        others.values().filter(|r| on_roll.contains(&r.member_id)),
    );
    let branch = QuotaContext {
        outstanding_unit: session.outstanding_approved(),
        registered,
        counted_others,
        excellent_others,
    };
    classification::reclassification(&rules, cycle.reference_date, &subject.input, level, branch)
        .map(|reasons| reasons.join(","))
        .map_err(|rule| {
            refused(
                rule,
                match rule {
                    "M8" => "chưa đạt điều kiện của mức xuất sắc",
                    "M9" => "xếp loại cán bộ, công chức, viên chức giới hạn mức",
                    "M10" => {
                        "đang chịu kỷ luật, có vi phạm hoặc không hoàn thành nhiệm vụ chuyên môn"
                    }
                    "M11" => "vắng mặt dài ngày trong năm",
                    "Q1" | "Q2" | "Q3" => {
                        "vượt tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ của chi bộ"
                    }
                    _ => "chưa đủ điều kiện xếp loại",
                },
            )
        })
}

/// Cancels a member's standing approved result and classifies again at `level` (M12): both
/// are kept, the history follows, and the answer carries Q5's warning.
pub fn reclassify(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
    level: Level,
    reason: &str,
) -> Result<ResultRecord, AppError> {
    let t = target(conn, p, id, member_id)?;
    let (cycle, cycle_path) =
        kiemdiem_store::cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    if !p.access.runs(&cycle_path) {
        return Err(AppError::forbidden(
            "Cấp ủy cơ sở hủy và xếp loại lại (M12)",
        ));
    }
    store::lock_cycle(conn, id)?;
    let mut standing = current_results(conn, id)?;
    let Some(old) = standing
        .remove(&member_id)
        .filter(|r| r.state == ResultState::Approved)
    else {
        return Err(AppError::conflict(
            "no_approved_result",
            "Đảng viên chưa có kết quả được thẩm định để hủy",
        ));
    };
    let reasons = engine_allows(conn, &cycle, &old, &standing, level)?;
    let actor = p.actor();
    if store::cancel_result(conn, old.id, reason.trim(), &actor)? != 1 {
        return Err(AppError::conflict(
            "no_approved_result",
            "Kết quả vừa được xếp loại lại bởi người khác; hãy tải lại",
        ));
    }
    let new_id = store::add_result(
        conn,
        &NewResult {
            cycle_id: id,
            session_id: old.session_id,
            member_id,
            status: Status::Classified,
            level: Some(level.as_str()),
            cap: None,
            reasons: &reasons,
            votes: [
                old.votes_excellent,
                old.votes_good,
                old.votes_completed,
                old.votes_not_completed,
            ],
            supplementary: old.supplementary,
            state: ResultState::Approved,
            replaces_id: Some(old.id),
            created_by: &actor,
        },
    )?;
    let branch_name = organizations::get(conn, t.member.branch_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    members::upsert_history(
        conn,
        member_id,
        year_of(&t.cycle),
        level.as_str(),
        &branch_name,
        "reclassified",
    )?;
    let new = store::results_of_cycle(conn, id)?
        .into_iter()
        .find(|r| r.id == new_id)
        .ok_or_else(AppError::not_found)?;
    let mut out = result_dto(new, t.member.full_name.clone());
    out.warnings = appraisal_of(conn, &cycle, &cycle_path)?.warnings;
    p.audit("reclassify", "classification_result")
        .id(new_id)
        .org(t.branch_path.clone())
        .before(&serde_json::json!({ "id": old.id, "level": old.level }))
        .after(&serde_json::json!({ "id": new_id, "level": level.as_str(), "reason": reason }))
        .record(conn)?;
    Ok(out)
}
