//! A member's discipline records and yearly classification history.

use super::readable;
use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
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

fn editable(conn: &mut AnyConnection, p: &Principal, id: i64) -> Result<String, ApiError> {
    let (_, path) = readable(conn, p, id)?;
    if p.access.can_edit_members(&path) {
        Ok(path)
    } else {
        Err(ApiError::forbidden("Không có quyền cập nhật đảng viên này"))
    }
}

fn list_disciplines(conn: &mut AnyConnection, member_id: i64) -> Result<Vec<Discipline>, ApiError> {
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

/// A member's discipline records, newest first.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Discipline records", body = [Discipline]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/disciplines")]
pub async fn disciplines(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state
        .db(move |conn| {
            readable(conn, &p, id)?;
            list_disciplines(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Record a discipline decision.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    request_body = NewDiscipline,
    responses(
        (status = 201, description = "Recorded: every record of the member", body = [Discipline]),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/members/{id}/disciplines")]
pub async fn add_discipline(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewDiscipline>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let d = body.0;
    let today = kiemdiem_app::today();
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
        return Err(ApiError::Validation(
            errors
                .into_iter()
                .map(|(f, c, m)| crate::error::FieldError {
                    field: f.into(),
                    code: c.into(),
                    message: m.into(),
                })
                .collect(),
        ));
    }
    let list = state
        .write(move |conn| {
            let path = editable(conn, &p, id)?;
            let note = super::clean(d.note.clone());
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
        })
        .await?;
    Ok(HttpResponse::Created().json(list))
}

/// Remove a discipline record entered by mistake.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id"), ("discipline_id" = i64, Path, description = "Record id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member or record in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/members/{id}/disciplines/{discipline_id}")]
pub async fn remove_discipline(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, discipline_id) = path.into_inner();
    state
        .write(move |conn| {
            let org_path = editable(conn, &p, id)?;
            let n = members::remove_discipline(conn, id, discipline_id)?;
            if n == 0 {
                return Err(ApiError::not_found());
            }
            p.audit("remove_discipline", "member")
                .id(id)
                .org(org_path)
                .before(&serde_json::json!({ "discipline_id": discipline_id }))
                .record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
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

fn history_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<HistoryEntry>, ApiError> {
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

/// A member's classification by year, newest first (W1 streaks read it).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Results by year", body = [HistoryEntry]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/members/{id}/history")]
pub async fn history(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = state
        .db(move |conn| {
            readable(conn, &p, id)?;
            history_of(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
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

/// Record a past year's result (for years before kiemdiem; later years come from the
/// cycle's classification).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Member id"), ("year" = i32, Path, description = "The year")),
    request_body = HistoryInput,
    responses(
        (status = 200, description = "Recorded: the member's whole history", body = [HistoryEntry]),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A year whose results come from the system (W1)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a year before admission included)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/members/{id}/history/{year}")]
pub async fn record_history(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
    body: ValidatedJson<HistoryInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, year) = path.into_inner();
    let input = body.0;
    let mut errors = Vec::new();
    if !kiemdiem_domain::member::LEVELS.contains(&input.level.as_str()) {
        errors.push(crate::error::FieldError {
            field: "level".into(),
            code: "invalid_choice".into(),
            message: "Mức phải là excellent, good, completed hoặc not_completed".into(),
        });
    }
    if !(1990..chrono::Datelike::year(&kiemdiem_app::today())).contains(&year) {
        errors.push(crate::error::FieldError {
            field: "year".into(),
            code: "range".into(),
            message: "Năm không hợp lệ".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let list = state
        .write(move |conn| {
            let path = editable(conn, &p, id)?;
            // W1 (issue #13): a year the system holds results for is the engine's, never
            // typed; nor a year before the member was admitted.
            let (member, branch_path) = members::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            if let Some(first) = members::first_system_year(conn, id, &branch_path)?
                && year >= first
            {
                return Err(ApiError::conflict(
                    "history_from_system",
                    format!(
                        "W1: từ năm {first} kết quả do hệ thống xếp loại (M12 để xếp loại lại), không nhập tay"
                    ),
                ));
            }
            if year < chrono::Datelike::year(&member.admitted_on) {
                return Err(ApiError::Validation(vec![crate::error::FieldError {
                    field: "year".into(),
                    code: "before_admission".into(),
                    message: "Năm trước khi vào Đảng".into(),
                }]));
            }
            let outcome = members::upsert_history(conn, id, year, &input.level, input.organization_name.trim(), "imported")?;
            if outcome != members::Upsert::Unchanged {
                p.audit("record_history", "member").id(id).org(path).after(&serde_json::json!({ "year": year, "level": input.level, "organization_name": input.organization_name })).record(conn)?;
            }
            history_of(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}
