//! Plan III (issue #16): the plan's tasks, each assigned to a named member of the standing
//! committee (the plan: "Đồng chí … chịu trách nhiệm …"), with a due date and the progress
//! reported (0–100 %). Kept per review cycle by the committee that runs it (written while the
//! cycle is open); read by it and the committees above. A change names the version it was
//! made on (412 otherwise), so two people updating the same task never overwrite each other.

use crate::actor::Actor;
use crate::cycles::{managed, readable};
use crate::error::{AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_store::{AnyConnection, plan_tasks as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlanTask {
    pub id: i64,
    pub cycle_id: i64,
    pub title: String,
    /// The standing-committee member in charge.
    pub assignee: String,
    pub due_on: Option<NaiveDate>,
    /// 0–100 (%).
    pub progress: i32,
    pub note: Option<String>,
    /// Past its due date and not done (as of today in Vietnam).
    pub overdue: bool,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PlanTaskInput {
    /// 0 for a new task; else the version it was changed from (412 when changed since).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub assignee: String,
    pub due_on: Option<NaiveDate>,
    #[validate(range(min = 0, max = 100))]
    #[schema(minimum = 0, maximum = 100)]
    pub progress: i32,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

fn out(t: store::Task) -> PlanTask {
    PlanTask {
        overdue: t.progress < 100 && t.due_on.is_some_and(|d| d < crate::today()),
        id: t.id,
        cycle_id: t.cycle_id,
        title: t.title,
        assignee: t.assignee,
        due_on: t.due_on,
        progress: t.progress,
        note: t.note,
        version: t.version,
        updated_by: t.updated_by,
        updated_at: t.updated_at.and_utc(),
    }
}

/// The cycle's tasks, by due date.
pub fn list(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Vec<PlanTask>, AppError> {
    let (_, path) = readable(conn, p, id)?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Cấp ủy điều hành đợt kiểm điểm và cấp trên xem phân công nhiệm vụ",
        ));
    }
    Ok(store::of_cycle(conn, id)?.into_iter().map(out).collect())
}

/// The checks the schema cannot express (blank text; a due date outside the cycle's year
/// and the one after it), every one reported.
fn check(input: &PlanTaskInput, year: i32) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (field, value) in [("title", &input.title), ("assignee", &input.assignee)] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Không được để trống"));
        }
    }
    if let Some(d) = input.due_on
        && !(year..=year + 1).contains(&chrono::Datelike::year(&d))
    {
        errors.push(FieldError::new(
            "due_on",
            "wrong_year",
            format!("Hạn phải trong năm {year} hoặc năm {}", year + 1),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn fields(input: &PlanTaskInput) -> store::Fields<'_> {
    store::Fields {
        title: input.title.trim(),
        assignee: input.assignee.trim(),
        due_on: input.due_on,
        progress: input.progress,
        note: input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty()),
    }
}

/// A new task (`version` 0).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    input: PlanTaskInput,
) -> Result<PlanTask, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    check(&input, cycle.year)?;
    if input.version != 0 {
        return Err(AppError::PreconditionFailed);
    }
    let tid = store::create(conn, id, &fields(&input), &p.actor())?;
    let after = out(store::get(conn, id, tid)?.ok_or_else(AppError::not_found)?);
    p.audit("create", "plan_task")
        .id(tid)
        .org(path)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// A change to a task (its progress, or anything else), made on `version`.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    task_id: i64,
    input: PlanTaskInput,
) -> Result<PlanTask, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let before = store::get(conn, id, task_id)?.ok_or_else(AppError::not_found)?;
    check(&input, cycle.year)?;
    if input.version != before.version
        || !store::update(conn, task_id, input.version, &fields(&input), &p.actor())?
    {
        return Err(AppError::PreconditionFailed);
    }
    let after = out(store::get(conn, id, task_id)?.ok_or_else(AppError::not_found)?);
    p.audit("update", "plan_task")
        .id(task_id)
        .org(path)
        .before(&out(before))
        .after(&after)
        .record(conn)?;
    Ok(after)
}

pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64, task_id: i64) -> Result<(), AppError> {
    let (_, path) = managed(conn, p, id)?;
    let before = store::get(conn, id, task_id)?.ok_or_else(AppError::not_found)?;
    store::delete(conn, task_id)?;
    p.audit("remove", "plan_task")
        .id(task_id)
        .org(path)
        .before(&out(before))
        .record(conn)?;
    Ok(())
}
