//! Review cycles: one per organisation and year, with the rule set frozen in, a plan of
//! phases (P1) from the 2016 template, phases that close and reopen with a reason, and a
//! stage that only moves forward.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::cycle::{Stage, plan_for};
use kiemdiem_domain::rule_set;
use kiemdiem_store::cycles::{self as store, NewCycle, PhaseChange};
use kiemdiem_store::{AnyConnection, audit, organizations};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

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

fn dto(conn: &mut AnyConnection, c: store::Cycle) -> Result<Cycle, ApiError> {
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

use kiemdiem_app::cycles::{managed, readable};

fn field(name: &str, code: &str, message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: name.into(),
        code: code.into(),
        message: message.into(),
    }])
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

/// Start a review cycle: the plan is the 2016 plan shifted to the year, editable.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    request_body = CreateCycle,
    responses(
        (status = 201, description = "Started", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The organisation already has a cycle that year", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateCycle>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let name = body
        .rule_set
        .clone()
        .unwrap_or_else(|| rule_set::DEFAULT.into());
    if chrono::Datelike::year(&body.reference_date) != body.year {
        return Err(field(
            "reference_date",
            "wrong_year",
            "Ngày tham chiếu phải thuộc năm của đợt kiểm điểm",
        ));
    }
    let cycle = state
        .write(move |conn| {
            // Built in or made by an administrator; frozen into the cycle as it is today.
            let rules = kiemdiem_app::rule_sets::find(conn, &name)?
                .ok_or_else(|| field("rule_set", "unknown_rule_set", "Không có bộ quy tắc này"))?;
            let rules_json =
                serde_json::to_string(&rules).map_err(|e| ApiError::Internal(e.to_string()))?;
            let org = organizations::get(conn, body.organization_id)?
                .filter(|o| p.access.can_read_org(&o.path))
                .ok_or_else(ApiError::not_found)?;
            if !p.access.can_administer(&org.path) {
                return Err(ApiError::forbidden("Chỉ cấp ủy của tổ chức mới mở đợt kiểm điểm"));
            }
            if !matches!(org.kind.as_str(), "base" | "district" | "province") {
                return Err(field("organization_id", "kind_mismatch", "Đợt kiểm điểm do Đảng bộ cơ sở, Huyện/Thành ủy hoặc Tỉnh ủy tổ chức"));
            }
            if store::exists(conn, org.id, body.year)? {
                return Err(ApiError::conflict("cycle_exists", format!("{} đã có đợt kiểm điểm năm {}", org.name, body.year)));
            }
            let id = store::create(
                conn,
                NewCycle {
                    organization_id: org.id,
                    year: body.year,
                    rule_set: &name,
                    rules_json: &rules_json,
                    reference_date: body.reference_date,
                },
                &plan_for(body.year),
            )?;
            let (cycle, _) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let out = dto(conn, cycle)?;
            let mut entry = p.audit("create", "cycle");
            entry.entity_id = Some(id.to_string());
            entry.organization_path = Some(org.path);
            entry.after = serde_json::json!({ "year": out.year, "rule_set": out.rule_set, "stage": out.stage }).into();
            audit::record(conn, entry)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(cycle))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleQuery {
    pub year: Option<i32>,
    pub organization_id: Option<i64>,
}

/// The cycles the caller works in.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(CycleQuery),
    responses(
        (status = 200, description = "Cycles, newest year first", body = [Cycle]),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<CycleQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let cycles = state
        .db(move |conn| {
            let rows = store::list(conn, q.year, q.organization_id)?;
            rows.into_iter()
                .filter(|(_, path, _)| p.works_in(path))
                .map(|(c, _, _)| dto(conn, c))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycles))
}

/// A cycle with its plan.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The cycle", body = Cycle),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let cycle = state
        .db(move |conn| {
            let (c, _) = readable(conn, &p, id)?;
            dto(conn, c)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    /// The next stage: feedback, voting, appraisal or closed.
    pub to: String,
}

/// Move the cycle to its next stage (never back, never skipping); audited.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = Advance,
    responses(
        (status = 200, description = "Moved", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not the next stage, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown stage", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/advance")]
pub async fn advance(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<Advance>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let to = Stage::parse(&body.0.to)
        .ok_or_else(|| field("to", "unknown_stage", "Giai đoạn không hợp lệ"))?;
    let cycle = state
        .write(move |conn| {
            let (cycle, path) = managed(conn, &p, id)?;
            let from = cycle.stage;
            if !from.may_become(to) {
                return Err(ApiError::conflict(
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
            let mut entry = p.audit("advance", "cycle");
            entry.entity_id = Some(id.to_string());
            entry.organization_path = Some(path);
            entry.before = Some(serde_json::json!({ "stage": from.as_str() }));
            entry.after = Some(serde_json::json!({ "stage": to.as_str() }));
            audit::record(conn, entry)?;
            let (cycle, _) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            dto(conn, cycle)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
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
) -> Result<store::Phase, ApiError> {
    store::phases(conn, cycle_id)?
        .into_iter()
        .find(|ph| ph.id == phase_id)
        .ok_or_else(ApiError::not_found)
}

/// Change a phase of the plan (task, lead, recipient, dates). A closed phase is not edited.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    request_body = UpdatePhase,
    responses(
        (status = 200, description = "Changed: the whole cycle", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/cycles/{id}/phases/{phase_id}")]
pub async fn update_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<UpdatePhase>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let ch = body.0;
    let cycle = state
        .write(move |conn| {
            let (cycle, path) = managed(conn, &p, id)?;
            let before = phase_of(conn, id, phase_id)?;
            if before.closed {
                return Err(ApiError::conflict(
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
            if [starts, ends]
                .iter()
                .any(|d| !(year..=year + 1).contains(&chrono::Datelike::year(d)))
            {
                return Err(field(
                    "starts_on",
                    "wrong_year",
                    "Ngày của giai đoạn phải thuộc năm của đợt kiểm điểm",
                ));
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
            let mut entry = p.audit("update_phase", "cycle");
            entry.entity_id = Some(id.to_string());
            entry.organization_path = Some(path);
            entry.before = serde_json::to_value(phase_dto(before)).ok();
            entry.after = serde_json::to_value(phase_dto(after)).ok();
            audit::record(conn, entry)?;
            dto(conn, cycle)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

/// Close a phase: the writes that belong to it are refused (409) until it is reopened.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    responses(
        (status = 200, description = "Closed: the whole cycle", body = Cycle),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/phases/{phase_id}/close")]
pub async fn close_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let cycle = state
        .write(move |conn| {
            let (cycle, path) = managed(conn, &p, id)?;
            let phase = phase_of(conn, id, phase_id)?;
            if phase.closed {
                return Err(ApiError::conflict("phase_closed", "Giai đoạn đã đóng"));
            }
            store::set_closed(conn, phase_id, true, None)?;
            let mut entry = p.audit("close_phase", "cycle");
            entry.entity_id = Some(id.to_string());
            entry.organization_path = Some(path);
            entry.after = Some(serde_json::json!({ "phase": phase.code, "closed": true }));
            audit::record(conn, entry)?;
            dto(conn, cycle)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// Why the phase opens again (kept with the phase and in the audit log).
    #[validate(length(min = 5, max = 500))]
    #[schema(min_length = 5, max_length = 500)]
    pub reason: String,
}

/// Reopen a closed phase, with a reason.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("phase_id" = i64, Path, description = "Phase id")),
    request_body = Reopen,
    responses(
        (status = 200, description = "Reopened: the whole cycle", body = Cycle),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or phase in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase is open, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/phases/{phase_id}/reopen")]
pub async fn reopen_phase(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<Reopen>,
) -> Result<HttpResponse, ApiError> {
    let (id, phase_id) = path.into_inner();
    let reason = body.0.reason.trim().to_owned();
    let cycle = state
        .write(move |conn| {
            let (cycle, path) = managed(conn, &p, id)?;
            let phase = phase_of(conn, id, phase_id)?;
            if !phase.closed {
                return Err(ApiError::conflict("phase_open", "Giai đoạn đang mở"));
            }
            store::set_closed(conn, phase_id, false, Some(&reason))?;
            let mut entry = p.audit("reopen_phase", "cycle");
            entry.entity_id = Some(id.to_string());
            entry.organization_path = Some(path);
            entry.after =
                Some(serde_json::json!({ "phase": phase.code, "closed": false, "reason": reason }));
            audit::record(conn, entry)?;
            dto(conn, cycle)
        })
        .await?;
    Ok(HttpResponse::Ok().json(cycle))
}
