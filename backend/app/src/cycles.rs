//! Review cycles: one per organisation and year, with the rule set frozen in, a plan of phases
//! (P1) from the rule set's template (2016's, or 2025's T1), phases that close and reopen with
//! a reason, and a stage that only moves forward; and how the other use cases reach a cycle (one the actor works in, one
//! the actor runs, one still writable).

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use crate::paging::{Window, page_of};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::cycle::{Stage, plan_of};
use kiemdiem_domain::rule_set;
use kiemdiem_store::cycles::{self as store, NewCycle, PhaseChange};
use kiemdiem_store::{AnyConnection, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The cycle, if the actor works inside its organisation; otherwise 404.
pub fn readable(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
) -> Result<(store::Cycle, String), AppError> {
    store::get(conn, id)?
        .filter(|(_, path)| actor.works_in(path))
        .ok_or_else(AppError::not_found)
}

/// A cycle the actor manages (admin, or a committee over its organisation), still open.
pub fn managed(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
) -> Result<(store::Cycle, String), AppError> {
    let (cycle, path) = readable(conn, actor, id)?;
    if !actor.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức mới điều hành đợt kiểm điểm",
        ));
    }
    writable(&cycle)?;
    Ok((cycle, path))
}

/// "Closed is read-only" (`Stage::is_read_only`): every write to a cycle's records asks this.
pub fn writable(cycle: &store::Cycle) -> Result<(), AppError> {
    if cycle.stage.is_read_only() {
        Err(AppError::CycleClosed)
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Phase {
    pub id: i64,
    pub position: i32,
    /// e.g. self_reviews, workplace_feedback, branch_meetings, appraisal.
    pub code: String,
    pub task: String,
    /// Who leads the phase (a person or a role).
    pub lead: String,
    /// Who receives its result.
    pub recipient: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The stage whose work the phase holds.
    pub stage: String,
    /// A closed phase refuses the writes that belong to it (409) until reopened.
    pub closed: bool,
    pub reopened_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Cycle {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub year: i32,
    pub rule_set: String,
    /// The rule set's parameters as frozen when the cycle started.
    #[schema(value_type = Object)]
    pub rules: serde_json::Value,
    pub reference_date: NaiveDate,
    /// self_review → feedback → voting → appraisal → closed.
    pub stage: String,
    pub phases: Vec<Phase>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn phase_dto(p: store::Phase) -> Phase {
    Phase {
        id: p.id,
        position: p.position,
        code: p.code,
        task: p.task,
        lead: p.lead,
        recipient: p.recipient,
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        stage: p.stage,
        closed: p.closed,
        reopened_reason: p.reopened_reason,
    }
}

pub fn dto(conn: &mut AnyConnection, c: store::Cycle) -> Result<Cycle, AppError> {
    let name = organizations::get(conn, c.organization_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    let phases = store::phases(conn, c.id)?
        .into_iter()
        .map(phase_dto)
        .collect();
    Ok(Cycle {
        id: c.id,
        organization_id: c.organization_id,
        organization_name: name,
        year: c.year,
        rule_set: c.rule_set,
        rules: serde_json::from_str(&c.rules_json).unwrap_or(serde_json::Value::Null),
        reference_date: c.reference_date,
        stage: c.stage.as_str().into(),
        phases,
        created_at: c.created_at.and_utc(),
        updated_at: c.updated_at.and_utc(),
    })
}

fn field(name: &str, code: &str, message: &str) -> AppError {
    AppError::field(name, code, message)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCycle {
    /// The organisation that runs the cycle: a base organisation, a district or the province.
    pub organization_id: i64,
    #[validate(range(min = 2000, max = 2100))]
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i32,
    /// Defaults to vinh-2016.
    pub rule_set: Option<String>,
    /// The date M4's six months are counted to (usually the branch meetings').
    pub reference_date: NaiveDate,
}

/// Starts a review cycle: the plan is its rule set's (2016's for a ballot, T1 of 2025 for points)
/// shifted to the year, editable.
pub fn create(conn: &mut AnyConnection, p: &Actor, b: &CreateCycle) -> Result<Cycle, AppError> {
    let name = b
        .rule_set
        .clone()
        .unwrap_or_else(|| rule_set::DEFAULT.into());
    if chrono::Datelike::year(&b.reference_date) != b.year {
        return Err(field(
            "reference_date",
            "wrong_year",
            "Ngày tham chiếu phải thuộc năm của đợt kiểm điểm",
        ));
    }
    // Built in or made by an administrator; frozen into the cycle as it is today.
    let rules = crate::rule_sets::find(conn, &name)?
        .ok_or_else(|| field("rule_set", "unknown_rule_set", "Không có bộ quy tắc này"))?;
    let rules_json =
        serde_json::to_string(&rules).map_err(|e| AppError::Internal(e.to_string()))?;
    let org = organizations::get(conn, b.organization_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if !p.access.can_administer(&org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức mới mở đợt kiểm điểm",
        ));
    }
    if !matches!(org.kind.as_str(), "base" | "district" | "province") {
        return Err(field(
            "organization_id",
            "kind_mismatch",
            "Đợt kiểm điểm do Đảng bộ cơ sở, Huyện/Thành ủy hoặc Tỉnh ủy tổ chức",
        ));
    }
    if store::exists(conn, org.id, b.year)? {
        return Err(AppError::conflict(
            "cycle_exists",
            format!("{} đã có đợt kiểm điểm năm {}", org.name, b.year),
        ));
    }
    let id = store::create(
        conn,
        NewCycle {
            organization_id: org.id,
            year: b.year,
            rule_set: &name,
            rules_json: &rules_json,
            reference_date: b.reference_date,
        },
        &plan_of(rules.method == rule_set::Method::Points, b.year),
    )?;
    let (cycle, _) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let out = dto(conn, cycle)?;
    p.audit("create", "cycle")
        .id(id)
        .org(org.path)
        .after(
            &serde_json::json!({ "year": out.year, "rule_set": out.rule_set, "stage": out.stage }),
        )
        .record(conn)?;
    Ok(out)
}

/// The cycles the actor works in, newest year first; a page of them, the plan read for the
/// page only.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    year: Option<i32>,
    organization_id: Option<i64>,
    w: Window,
) -> Result<CyclePage, AppError> {
    let rows: Vec<_> = store::list(conn, year, organization_id)?
        .into_iter()
        .filter(|(_, path, _)| p.works_in(path))
        .collect();
    Ok(CyclePage::of(w.cut(rows, |(c, _, _)| dto(conn, c))?, w))
}

page_of!(
    /// A page of cycles.
    CyclePage,
    Cycle
);

/// A cycle with its plan.
pub fn get(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Cycle, AppError> {
    let (c, _) = readable(conn, p, id)?;
    dto(conn, c)
}

/// Moves the cycle to its next stage (never back, never skipping); audited.
pub fn advance(conn: &mut AnyConnection, p: &Actor, id: i64, to: Stage) -> Result<Cycle, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let from = cycle.stage;
    if !from.may_become(to) {
        return Err(AppError::conflict(
            "stage_order",
            format!(
                "Đợt kiểm điểm đang ở giai đoạn {}: chỉ chuyển sang giai đoạn kế tiếp",
                from.as_str()
            ),
        ));
    }
    store::set_stage(conn, id, to)?;
    kiemdiem_store::webhooks::emit(
        conn,
        "cycle.stage_changed",
        &path,
        &serde_json::json!({
            "event": "cycle.stage_changed", "cycle_id": id, "organization_id": cycle.organization_id,
            "year": cycle.year, "from": from.as_str(), "to": to.as_str(),
        })
        .to_string(),
    )?;
    p.audit("advance", "cycle")
        .id(id)
        .org(path)
        .before(&serde_json::json!({ "stage": from.as_str() }))
        .after(&serde_json::json!({ "stage": to.as_str() }))
        .record(conn)?;
    let (cycle, _) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    dto(conn, cycle)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdatePhase {
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub task: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub lead: Option<String>,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub recipient: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

fn phase_of(
    conn: &mut AnyConnection,
    cycle_id: i64,
    phase_id: i64,
) -> Result<store::Phase, AppError> {
    store::phases(conn, cycle_id)?
        .into_iter()
        .find(|ph| ph.id == phase_id)
        .ok_or_else(AppError::not_found)
}

/// Changes a phase of the plan (task, lead, recipient, dates). A closed phase is not edited.
pub fn update_phase(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    phase_id: i64,
    ch: &UpdatePhase,
) -> Result<Cycle, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let before = phase_of(conn, id, phase_id)?;
    if before.closed {
        return Err(AppError::conflict(
            "phase_closed",
            "Giai đoạn đã đóng: mở lại trước khi sửa",
        ));
    }
    let starts = ch.starts_on.unwrap_or(before.starts_on);
    let ends = ch.ends_on.unwrap_or(before.ends_on);
    if ends < starts {
        return Err(field(
            "ends_on",
            "before_start",
            "Ngày kết thúc phải sau ngày bắt đầu",
        ));
    }
    let year = cycle.year;
    let outside: Vec<FieldError> = [("starts_on", starts), ("ends_on", ends)]
        .into_iter()
        .filter(|(_, d)| !(year..=year + 1).contains(&chrono::Datelike::year(d)))
        .map(|(f, _)| {
            FieldError::new(
                f,
                "wrong_year",
                "Ngày của giai đoạn thuộc năm của đợt kiểm điểm hoặc năm sau (hồ sơ gửi lên trong tháng 01, T1)",
            )
        })
        .collect();
    if !outside.is_empty() {
        return Err(AppError::Validation(outside));
    }
    store::update_phase(
        conn,
        phase_id,
        &PhaseChange {
            task: ch.task.as_deref().map(str::trim),
            lead: ch.lead.as_deref().map(str::trim),
            recipient: ch.recipient.as_deref().map(str::trim),
            starts_on: ch.starts_on,
            ends_on: ch.ends_on,
        },
    )?;
    let after = phase_of(conn, id, phase_id)?;
    p.audit("update_phase", "cycle")
        .id(id)
        .org(path)
        .before(&phase_dto(before))
        .after(&phase_dto(after))
        .record(conn)?;
    dto(conn, cycle)
}

/// Closes a phase: the writes that belong to it are refused (409) until it is reopened.
pub fn close_phase(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    phase_id: i64,
) -> Result<Cycle, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let phase = phase_of(conn, id, phase_id)?;
    if phase.closed {
        return Err(AppError::conflict("phase_closed", "Giai đoạn đã đóng"));
    }
    store::set_closed(conn, phase_id, true, None)?;
    p.audit("close_phase", "cycle")
        .id(id)
        .org(path)
        .after(&serde_json::json!({ "phase": phase.code, "closed": true }))
        .record(conn)?;
    dto(conn, cycle)
}

/// Reopens a closed phase, with a reason (kept with the phase and in the audit log).
pub fn reopen_phase(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    phase_id: i64,
    reason: &str,
) -> Result<Cycle, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let phase = phase_of(conn, id, phase_id)?;
    if !phase.closed {
        return Err(AppError::conflict("phase_open", "Giai đoạn đang mở"));
    }
    store::set_closed(conn, phase_id, false, Some(reason))?;
    p.audit("reopen_phase", "cycle")
        .id(id)
        .org(path)
        .after(&serde_json::json!({ "phase": phase.code, "closed": false, "reason": reason }))
        .record(conn)?;
    dto(conn, cycle)
}
