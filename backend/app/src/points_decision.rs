//! After and around the competent level's decision on a points year (RULES-2025.md S7, S10):
//! the quota groups it defines on its page (persons of similar position counted together), and
//! the re-rating of one person through the engine (Mẫu 03), which replaces the decided result
//! and keeps the earlier one.

use crate::Actor;
use crate::error::{AppError, FieldError};
use crate::point_assessments::{
    PointAssessment, PointsAppraisal, PointsBoard, appraisal_errors, board, decided_results, get,
    indicated, level_choice, points_rules, to_json,
};
use crate::self_reviews::target_for;
use kiemdiem_domain::access::Access;
use kiemdiem_domain::classification::{Level, ResultState, Status};
use kiemdiem_store::point_assessments::{self as store, AppraisalPart};
use kiemdiem_store::voting::{self as results, NewResult};
use kiemdiem_store::{AnyConnection, cycles, members, organizations};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;
use validator::Validate;

/// S7: a group of persons of similar position whose quota is counted together.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaGroupInput {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[validate(length(min = 1))]
    #[schema(min_items = 1)]
    pub member_ids: Vec<i64>,
}

/// S7: the quota groups of a points cycle as the competent level defines them; a member in
/// none is in the default group (the members of one base on the same frame).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuotaGroups {
    #[validate(nested, length(max = 1000))]
    #[schema(max_items = 1000)]
    pub groups: Vec<QuotaGroupInput>,
    /// S7: the board answered with the quota raised for outstanding results (25%).
    #[serde(default)]
    pub outstanding: bool,
}

/// Refused once the year is decided: the groups counted the quota of the recorded results.
fn not_decided(board: &PointsBoard) -> Result<(), AppError> {
    if board.rows.iter().any(|r| r.decided) {
        return Err(AppError::conflict(
            "already_decided",
            "Cấp có thẩm quyền đã quyết định xếp loại năm nay",
        ));
    }
    Ok(())
}

/// Defines the cycle's quota groups (S7) before the decision: the committee of the cycle's
/// organisation; every member named once, among the cycle's members; answers the board as
/// the groups now count it.
pub fn set_quota_groups(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    b: QuotaGroups,
) -> Result<PointsBoard, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    crate::point_assessments::runs(p, &cycle_path)?;
    results::lock_cycle(conn, cycle_id)?;
    let before = board(conn, p, cycle_id, false)?;
    crate::cycles::writable(&cycle)?;
    not_decided(&before)?;
    let known: HashSet<i64> = before.rows.iter().map(|r| r.member_id).collect();
    let mut errors = Vec::new();
    let mut names = HashSet::new();
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (i, g) in b.groups.iter().enumerate() {
        let name = g.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(
                format!("groups[{i}].name"),
                "required",
                "Đặt tên nhóm",
            ));
        } else if name.contains('/') {
            // The default groups are named `<base code>/<frame>`: never merged with one.
            errors.push(FieldError::new(
                format!("groups[{i}].name"),
                "invalid",
                "Tên nhóm không chứa dấu /",
            ));
        } else if !names.insert(name.to_lowercase()) {
            errors.push(FieldError::new(
                format!("groups[{i}].name"),
                "duplicate",
                "Hai nhóm cùng tên",
            ));
        }
        for (j, id) in g.member_ids.iter().enumerate() {
            let at = format!("groups[{i}].member_ids[{j}]");
            if !known.contains(id) {
                errors.push(FieldError::new(
                    at,
                    "unknown_member",
                    "Không thuộc đợt kiểm điểm",
                ));
            } else if !seen.insert(*id) {
                errors.push(FieldError::new(at, "duplicate", "Mỗi người thuộc một nhóm"));
            } else {
                rows.push((*id, name));
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    store::set_quota_groups(conn, cycle_id, &rows)?;
    let groups: Vec<_> = b
        .groups
        .iter()
        .map(|g| serde_json::json!({ "name": g.name.trim(), "members": g.member_ids.len() }))
        .collect();
    p.audit("set", "points_quota_groups")
        .id(cycle_id)
        .after(&serde_json::json!({ "groups": groups }))
        .record(conn)?;
    board(conn, p, cycle_id, b.outstanding)
}

/// Mẫu 03: the competent level re-rates one person after the decision, through the engine.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsRerating {
    /// The points and facts as the competent level now finds them (every item of the frame).
    #[validate(nested)]
    pub appraisal: PointsAppraisal,
    /// Only where the engine leaves the level open (S5-gap): completed or not_completed.
    pub level: Option<String>,
    /// S7: the quota in force, which must be the year's decision's (raised for outstanding
    /// results or not); by default it is.
    pub outstanding: Option<bool>,
    /// The grounds of the decision to re-rate.
    #[validate(length(min = 5, max = 2000))]
    #[schema(min_length = 5, max_length = 2000)]
    pub reason: String,
}

/// Re-rates a decided member (Mẫu 03, S10): the new appraisal through the engine (S5, S6),
/// an `excellent` only within the group's limit counted on the standing results (else `good`,
/// S7: our choice, RULES-2025.md is silent on re-rating under the quota); the earlier result
/// is cancelled with the reason and kept, the new one replaces it, the history follows.
pub fn rerate(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    b: PointsRerating,
) -> Result<PointAssessment, AppError> {
    let t = target_for(conn, p, cycle_id, member_id, Access::can_read_self_reviews)?;
    let (_, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    crate::point_assessments::runs(p, &cycle_path)?;
    let rules = points_rules(&t.cycle)?;
    results::lock_cycle(conn, cycle_id)?;
    let not_decided = || {
        AppError::conflict(
            "not_decided",
            "Chưa có quyết định xếp loại của đảng viên này để xếp loại lại",
        )
    };
    let old = decided_results(conn, cycle_id)?
        .remove(&member_id)
        .ok_or_else(not_decided)?;
    // S7: counted as the year was decided (20%, or 25% for outstanding results).
    let outstanding = store::decision_outstanding(conn, cycle_id)?.ok_or_else(not_decided)?;
    let a = store::find(conn, cycle_id, member_id, 0)?
        .filter(|a| a.status == kiemdiem_domain::points::AssessmentStatus::Decided)
        .ok_or_else(not_decided)?;
    let mut errors: Vec<FieldError> = appraisal_errors(&rules, &t.member, &a, &b.appraisal)?
        .into_iter()
        .map(|mut e| {
            e.field = format!("appraisal.{}", e.field);
            e
        })
        .collect();
    level_choice(&mut errors, "level", b.level.as_deref());
    if b.outstanding.is_some_and(|o| o != outstanding) {
        errors.push(FieldError::new(
            "outstanding",
            "mismatch",
            "Tỷ lệ theo quyết định xếp loại của năm (S7)",
        ));
    }
    if b.reason.trim().chars().count() < 5 {
        errors.push(FieldError::new(
            "reason",
            "too_short",
            "Ghi rõ căn cứ xếp loại lại (ít nhất 5 ký tự)",
        ));
    }
    let mut updated = a.clone();
    updated.appraised_points = Some(to_json(&b.appraisal.appraised_points)?);
    updated.facts = to_json(&b.appraisal.facts)?;
    updated.mitigated = to_json(&b.appraisal.mitigated)?;
    let (level, mut reasons) = if errors.is_empty() {
        indicated(
            &rules,
            &updated,
            t.cycle.reference_date,
            &t.member,
            crate::point_assessments::is_suspended(conn, member_id, t.cycle.reference_date)?,
            // S9: the quarters count as on the board.
            &crate::point_assessments::quarter_levels(conn, &rules, &t.cycle, &t.member)?,
            // S10: and the branch's vote, when the rule set asks for one.
            crate::point_assessments::recorded_vote(conn, &t.cycle, &a)?,
        )?
    } else {
        (None, vec![])
    };
    let chosen = crate::point_assessments::rerating_choice(
        &mut errors,
        level.as_deref(),
        &reasons,
        b.level.as_deref(),
        "S5, S6",
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let Some(level) = level.as_deref().and_then(Level::parse).or(chosen) else {
        // S3: attached, exempt, suspended or admitted under six months: no level to give.
        return Err(AppError::conflict(
            "not_classifiable",
            format!(
                "{}: đảng viên không thuộc diện xếp loại",
                reasons.join(", ")
            ),
        ));
    };
    let actor = p.actor();
    let note = b
        .appraisal
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    store::reappraise(
        conn,
        a.id,
        &AppraisalPart {
            appraised_points: updated.appraised_points.as_deref().unwrap_or("{}"),
            facts: &updated.facts,
            mitigated: &updated.mitigated,
            appraised_level: b.appraisal.appraised_level.as_deref(),
            note,
            by: &actor,
        },
    )?;
    // S7: an excellent within the limit of the group as it now counts, beside the others'
    // standing excellent results.
    let mut level = level;
    if level == Level::Excellent {
        let now = board(conn, p, cycle_id, outstanding)?;
        let group = now
            .rows
            .iter()
            .find(|r| r.member_id == member_id)
            .map(|r| r.group.clone())
            .unwrap_or_default();
        let limit = now
            .quotas
            .iter()
            .find(|q| q.group == group)
            .map_or(0, |q| q.limit);
        let others = now
            .rows
            .iter()
            .filter(|r| r.member_id != member_id && r.group == group && r.decided)
            .filter(|r| r.level.as_deref() == Some(Level::Excellent.as_str()))
            .count();
        if others + 1 > limit as usize {
            level = Level::Good;
            reasons.push("S7".into());
        }
    }
    // S10: re-rated by the competent level.
    reasons.push("S10".into());
    let reason = b.reason.trim();
    if results::cancel_result(conn, old.id, reason, &actor)? != 1 {
        return Err(not_decided());
    }
    results::add_result(
        conn,
        &NewResult {
            cycle_id,
            session_id: None,
            member_id,
            status: Status::Classified,
            level: Some(level.as_str()),
            cap: None,
            reasons: &reasons.join(","),
            votes: [0; 4],
            supplementary: false,
            state: ResultState::Approved,
            replaces_id: Some(old.id),
            created_by: &actor,
        },
    )?;
    store::decide(conn, cycle_id, member_id, Some(reason), &actor)?;
    let branch_name = organizations::get(conn, t.member.branch_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    members::upsert_history(
        conn,
        member_id,
        crate::voting::year_of(&t.cycle),
        level.as_str(),
        &branch_name,
        "reclassified",
    )?;
    p.audit("rerate", "points_classification")
        .id(format!("{cycle_id}/{member_id}"))
        .org(t.branch_path.clone())
        .before(&serde_json::json!({ "level": old.level, "reasons": old.reasons }))
        .after(&serde_json::json!({
            "level": level.as_str(), "reasons": reasons, "reason": reason,
        }))
        .record(conn)?;
    get(conn, p, cycle_id, member_id, 0)
}
