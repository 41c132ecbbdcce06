//! O5 (guidance 3.3.2; issue #16): a recognition found undeserved later is cancelled by the
//! district standing committee. The cancellation is a decision — its number, date, reason and
//! decider — that gives the organisation's assessment the decided level; the earlier result is
//! kept with the decision, and the superior's points stay as they were scored. It may come
//! after the cycle is closed (that is when such findings arrive). Once a year's recognition is
//! cancelled, the superior may not score the sheet again (409 `recognition_cancelled`).
//!
//! Choices where the rules are silent: the decider is the committee of the district the
//! organisation lies under (or an administrator); the decided level must be lower than the
//! earlier one, or the same `clean_strong` with `exemplary` withdrawn; the decision's date lies
//! between 01/01 of the year and today.

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use crate::org_classification::{OrgAssessment, context, dto};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::organization::{AssessmentStatus, ORG_LEVELS, o1_may_be_exemplary};
use kiemdiem_store::org_assessments as store;
use kiemdiem_store::{AnyConnection, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CancellationInput {
    /// The level decided: lower than the earlier one (O1 levels), or clean_strong with the
    /// exemplary title withdrawn.
    pub level: String,
    #[serde(default)]
    pub exemplary: bool,
    /// Why the recognition was undeserved (1–2000 characters).
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
    /// The decision's number and symbol, e.g. "15-QĐ/TU" (1–100 characters).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub decision_number: String,
    /// The decision's date: in the year or after it, not after today.
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Cancellation {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    /// The result before the decision, kept.
    pub earlier_level: String,
    pub earlier_exemplary: bool,
    pub level: String,
    pub exemplary: bool,
    pub reason: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl From<store::Cancellation> for Cancellation {
    fn from(c: store::Cancellation) -> Self {
        Cancellation {
            id: c.id,
            organization_id: c.organization_id,
            year: c.year,
            earlier_level: c.earlier_level,
            earlier_exemplary: c.earlier_exemplary,
            level: c.level,
            exemplary: c.exemplary,
            reason: c.reason,
            decision_number: c.decision_number,
            decided_on: c.decided_on,
            decided_by: c.decided_by,
            recorded_at: c.recorded_at.and_utc(),
        }
    }
}

/// The decisions on the organisation's year, oldest first.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
) -> Result<Vec<Cancellation>, AppError> {
    let (cycle, _, org) = context(conn, p, cycle_id, org_id)?;
    Ok(store::cancellations(conn, org.id, cycle.year)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Whether `new` is a real cancellation of `earlier` (a lower level, or the exemplary title
/// withdrawn from a clean_strong organisation).
fn lowers(earlier: (&str, bool), new: (&str, bool)) -> bool {
    let rank = |l: &str| {
        ORG_LEVELS
            .iter()
            .position(|x| *x == l)
            .unwrap_or(usize::MAX)
    };
    rank(new.0) > rank(earlier.0) || (new.0 == earlier.0 && earlier.1 && !new.1)
}

pub fn cancel(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
    input: CancellationInput,
) -> Result<OrgAssessment, AppError> {
    let (cycle, rules, org) = context(conn, p, cycle_id, org_id)?;
    let district = organizations::by_ids(conn, &organizations::path_ids(&org.path))?
        .into_iter()
        .find(|o| o.kind == "district");
    if !district.as_ref().is_some_and(|d| p.access.runs(&d.path)) && !p.access.is_admin() {
        return Err(AppError::forbidden(
            "Ban thường vụ cấp huyện (thành ủy) quyết định hủy công nhận (O5)",
        ));
    }
    let mut errors = Vec::new();
    if !ORG_LEVELS.contains(&input.level.as_str()) {
        errors.push(FieldError::new(
            "level",
            "invalid_choice",
            "Mức phải là clean_strong, good, completed hoặc weak",
        ));
    } else if input.exemplary && !o1_may_be_exemplary(&input.level) {
        errors.push(FieldError::new(
            "exemplary",
            "not_clean_strong",
            "Chỉ tổ chức trong sạch vững mạnh mới được công nhận tiêu biểu (O1)",
        ));
    }
    for (field, value) in [
        ("reason", &input.reason),
        ("decision_number", &input.decision_number),
    ] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Không được để trống"));
        }
    }
    let first = NaiveDate::from_ymd_opt(cycle.year, 1, 1).unwrap_or(NaiveDate::MIN);
    if input.decided_on < first || input.decided_on > crate::today() {
        errors.push(FieldError::new(
            "decided_on",
            "out_of_range",
            format!("Ngày quyết định phải từ 01/01/{} đến hôm nay", cycle.year),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let a = store::find(conn, cycle.year, org.id)?
        .filter(|a| a.status == AssessmentStatus::Reviewed)
        .ok_or_else(|| {
            AppError::conflict(
                "not_reviewed",
                "Cấp trên chưa chấm điểm, xếp loại tổ chức này",
            )
        })?;
    if !(a.level == ORG_LEVELS[0] || a.exemplary) {
        return Err(AppError::conflict(
            "no_recognition",
            "Tổ chức không được công nhận trong sạch vững mạnh hay tiêu biểu; không có gì để hủy",
        ));
    }
    if !lowers((&a.level, a.exemplary), (&input.level, input.exemplary)) {
        return Err(AppError::Validation(vec![FieldError::new(
            "level",
            "not_lower",
            "Mức quyết định phải thấp hơn mức đã công nhận (hoặc bỏ danh hiệu tiêu biểu)",
        )]));
    }
    let applied = store::cancel_recognition(
        conn,
        &store::NewCancellation {
            assessment_id: a.id,
            organization_id: org.id,
            year: cycle.year,
            earlier_level: &a.level,
            earlier_exemplary: a.exemplary,
            level: &input.level,
            exemplary: input.exemplary,
            reason: input.reason.trim(),
            decision_number: input.decision_number.trim(),
            decided_on: input.decided_on,
            by: &p.actor(),
        },
    )?;
    if !applied {
        return Err(AppError::conflict(
            "changed",
            "Kết quả của tổ chức vừa được thay đổi; tải lại rồi quyết định",
        ));
    }
    p.audit("cancel_recognition", "organization")
        .id(org.id)
        .org(org.path.clone())
        .before(&serde_json::json!({ "level": a.level, "exemplary": a.exemplary }))
        .after(&serde_json::json!({
            "level": input.level, "exemplary": input.exemplary,
            "decision_number": input.decision_number.trim(), "decided_on": input.decided_on,
            "reason": input.reason.trim(),
        }))
        .record(conn)?;
    Ok(dto(
        &org,
        cycle.year,
        &rules.org_sheet,
        store::find(conn, cycle.year, org.id)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::lowers;

    #[test]
    fn only_a_lower_result_cancels() {
        assert!(lowers(("clean_strong", true), ("clean_strong", false)));
        assert!(lowers(("clean_strong", false), ("good", false)));
        assert!(lowers(("clean_strong", true), ("weak", false)));
        assert!(!lowers(("clean_strong", false), ("clean_strong", false)));
        assert!(!lowers(("clean_strong", false), ("clean_strong", true)));
        assert!(!lowers(("good", false), ("clean_strong", false)));
    }
}
