//! A member's records beside the registry: discipline (M10, which bars `excellent`/`good` while
//! in force) and the yearly results before the system (W1's qualifying years).

use super::{clean, readable};
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_store::{AnyConnection, members};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Discipline {
    pub id: i64,
    pub member_id: i64,
    /// The form of discipline (khiển trách, cảnh cáo, cách chức…).
    pub form: String,
    pub issuing_body: String,
    pub decided_on: NaiveDate,
    /// When the discipline stops being in force (M10 reads it).
    pub term_ends_on: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDiscipline {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub form: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub issuing_body: String,
    pub decided_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

fn editable(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<String, AppError> {
    let (_, path) = readable(conn, p, id)?;
    if p.access.can_edit_members(&path) {
        Ok(path)
    } else {
        Err(AppError::forbidden("Không có quyền cập nhật đảng viên này"))
    }
}

fn list_disciplines(conn: &mut AnyConnection, member_id: i64) -> Result<Vec<Discipline>, AppError> {
    Ok(members::disciplines(conn, member_id)?
        .into_iter()
        .map(|d| Discipline {
            id: d.id,
            member_id: d.member_id,
            form: d.form,
            issuing_body: d.issuing_body,
            decided_on: d.decided_on,
            term_ends_on: d.term_ends_on,
            note: d.note,
        })
        .collect())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HistoryEntry {
    pub year: i32,
    /// excellent, good, completed or not_completed (M1).
    pub level: String,
    /// The organisation the member was classified in that year.
    pub organization_name: String,
    /// recorded (the result of a kiemdiem cycle) or imported (a year from before kiemdiem,
    /// entered by hand or imported from the earlier records).
    pub source: String,
    pub recorded_at: DateTime<Utc>,
}

fn history_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<HistoryEntry>, AppError> {
    Ok(members::history(conn, id)?
        .into_iter()
        .map(|h| HistoryEntry {
            year: h.year,
            level: h.level,
            organization_name: h.organization_name,
            source: h.source,
            recorded_at: h.created_at.and_utc(),
        })
        .collect())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryInput {
    /// excellent, good, completed or not_completed.
    pub level: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub organization_name: String,
}

/// The member's discipline records, newest first, each with whether it is in force (M10).
pub fn disciplines(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Vec<Discipline>, AppError> {
    readable(conn, p, id)?;
    list_disciplines(conn, id)
}

/// Records a discipline decision (every invalid field named, none in the future).
pub fn add_discipline(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    d: NewDiscipline,
) -> Result<Vec<Discipline>, AppError> {
    let today = crate::today();
    let mut errors = Vec::new();
    if d.decided_on > today {
        errors.push((
            "decided_on",
            "in_future",
            "Ngày quyết định không được ở tương lai",
        ));
    }
    if d.term_ends_on.is_some_and(|t| t < d.decided_on) {
        errors.push((
            "term_ends_on",
            "before_decision",
            "Thời hạn phải sau ngày quyết định",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(
            errors
                .into_iter()
                .map(|(f, c, m)| FieldError {
                    field: f.into(),
                    code: c.into(),
                    message: m.into(),
                })
                .collect(),
        ));
    }
    let path = editable(conn, p, id)?;
    let note = clean(d.note.clone());
    members::add_discipline(
        conn,
        id,
        &members::NewDiscipline {
            form: d.form.trim(),
            issuing_body: d.issuing_body.trim(),
            decided_on: d.decided_on,
            term_ends_on: d.term_ends_on,
            note: note.as_deref(),
        },
    )?;
    p.audit("add_discipline", "member").id(id).org(path).after(&serde_json::json!({ "form": d.form, "issuing_body": d.issuing_body, "decided_on": d.decided_on, "term_ends_on": d.term_ends_on })).record(conn)?;
    list_disciplines(conn, id)
}

/// Removes a discipline record entered by mistake.
pub fn remove_discipline(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    discipline_id: i64,
) -> Result<(), AppError> {
    let org_path = editable(conn, p, id)?;
    let n = members::remove_discipline(conn, id, discipline_id)?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    p.audit("remove_discipline", "member")
        .id(id)
        .org(org_path)
        .before(&serde_json::json!({ "discipline_id": discipline_id }))
        .record(conn)?;
    Ok(())
}

/// The member's yearly results, oldest first.
pub fn history(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Vec<HistoryEntry>, AppError> {
    readable(conn, p, id)?;
    history_of(conn, id)
}

/// Enters a year's result from before the system (W1): never a year the system classified,
/// nor one before the member was admitted.
pub fn record_history(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    year: i32,
    input: HistoryInput,
) -> Result<Vec<HistoryEntry>, AppError> {
    let mut errors = Vec::new();
    if !kiemdiem_domain::member::LEVELS.contains(&input.level.as_str()) {
        errors.push(FieldError {
            field: "level".into(),
            code: "invalid_choice".into(),
            message: "Mức phải là excellent, good, completed hoặc not_completed".into(),
        });
    }
    if !(1990..chrono::Datelike::year(&crate::today())).contains(&year) {
        errors.push(FieldError {
            field: "year".into(),
            code: "range".into(),
            message: "Năm không hợp lệ".into(),
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let path = editable(conn, p, id)?;
    // W1 (issue #13): a year the system holds results for is the engine's, never
    // typed; nor a year before the member was admitted.
    let (member, branch_path) = members::get(conn, id)?.ok_or_else(AppError::not_found)?;
    if let Some(first) = members::first_system_year(conn, id, &branch_path)?
        && year >= first
    {
        return Err(AppError::conflict(
            "history_from_system",
            format!(
                "W1: từ năm {first} kết quả do hệ thống xếp loại (M12 để xếp loại lại), không nhập tay"
            ),
        ));
    }
    if year < chrono::Datelike::year(&member.admitted_on) {
        return Err(AppError::Validation(vec![FieldError {
            field: "year".into(),
            code: "before_admission".into(),
            message: "Năm trước khi vào Đảng".into(),
        }]));
    }
    // The year's entry this one replaces, for the audit's `before`.
    let before = members::history(conn, id)?
        .into_iter()
        .find(|h| h.year == year)
        .map(|h| serde_json::json!({ "year": h.year, "level": h.level, "organization_name": h.organization_name, "source": h.source }));
    let outcome = members::upsert_history(
        conn,
        id,
        year,
        &input.level,
        input.organization_name.trim(),
        "imported",
    )?;
    if outcome != members::Upsert::Unchanged {
        let mut audit = p
            .audit("record_history", "member")
            .id(id)
            .org(path)
            .after(&serde_json::json!({ "year": year, "level": input.level, "organization_name": input.organization_name }));
        if let Some(before) = &before {
            audit = audit.before(before);
        }
        audit.record(conn)?;
    }
    history_of(conn, id)
}

/// A suspension from party activities (đình chỉ sinh hoạt đảng): a member suspended on a
/// points cycle's reference date is not classified (RULES-2025.md S3).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Suspension {
    pub id: i64,
    pub member_id: i64,
    pub issuing_body: String,
    pub starts_on: NaiveDate,
    /// Open-ended when none.
    pub ends_on: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSuspension {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub issuing_body: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

fn list_suspensions(conn: &mut AnyConnection, member_id: i64) -> Result<Vec<Suspension>, AppError> {
    Ok(members::suspensions(conn, member_id)?
        .into_iter()
        .map(|s| Suspension {
            id: s.id,
            member_id: s.member_id,
            issuing_body: s.issuing_body,
            starts_on: s.starts_on,
            ends_on: s.ends_on,
            note: s.note,
        })
        .collect())
}

/// The member's suspensions, the latest first.
pub fn suspensions(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Vec<Suspension>, AppError> {
    readable(conn, p, id)?;
    list_suspensions(conn, id)
}

/// Records a suspension (its end, if known, not before its start).
pub fn add_suspension(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    s: NewSuspension,
) -> Result<Vec<Suspension>, AppError> {
    if s.ends_on.is_some_and(|e| e < s.starts_on) {
        return Err(AppError::field(
            "ends_on",
            "before_start",
            "Ngày kết thúc phải sau ngày bắt đầu",
        ));
    }
    let path = editable(conn, p, id)?;
    let note = clean(s.note.clone());
    members::add_suspension(
        conn,
        id,
        s.issuing_body.trim(),
        s.starts_on,
        s.ends_on,
        note.as_deref(),
    )?;
    p.audit("add_suspension", "member")
        .id(id)
        .org(path)
        .after(&serde_json::json!({ "issuing_body": s.issuing_body, "starts_on": s.starts_on, "ends_on": s.ends_on }))
        .record(conn)?;
    list_suspensions(conn, id)
}

/// Removes a suspension entered by mistake.
pub fn remove_suspension(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    suspension_id: i64,
) -> Result<(), AppError> {
    let path = editable(conn, p, id)?;
    if members::remove_suspension(conn, id, suspension_id)? == 0 {
        return Err(AppError::not_found());
    }
    p.audit("remove_suspension", "member")
        .id(id)
        .org(path)
        .before(&serde_json::json!({ "suspension_id": suspension_id }))
        .record(conn)?;
    Ok(())
}
