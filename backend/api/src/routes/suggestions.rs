//! Review suggestions (gợi ý kiểm điểm, M2, P3, D5): issued by the branch committee or the
//! inspection commission to a member or a collective, with a due date; the subject answers
//! with an explanation. Seen by the issuers' side, the inspection commission and the subject.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::access::Role;
use kiemdiem_store::suggestions::{self as store, NewSuggestion};
use kiemdiem_store::{AnyConnection, cycles, members, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Suggestion {
    pub id: i64,
    pub cycle_id: i64,
    /// The member it is addressed to…
    pub member_id: Option<i64>,
    /// …or the collective.
    pub organization_id: Option<i64>,
    pub subject_name: String,
    /// inspection, branch_committee, committee or admin.
    pub issuer_role: String,
    pub issued_by: String,
    pub content: String,
    pub due_on: NaiveDate,
    /// open or answered.
    pub status: String,
    /// Still open after its due date.
    pub overdue: bool,
    pub explanation: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn subject_name(conn: &mut AnyConnection, s: &store::Suggestion) -> Result<String, ApiError> {
    Ok(match (s.member_id, s.organization_id) {
        (Some(m), _) => members::get(conn, m)?
            .map(|(m, _)| m.full_name)
            .unwrap_or_default(),
        (_, Some(o)) => organizations::get(conn, o)?
            .map(|o| o.name)
            .unwrap_or_default(),
        _ => String::new(),
    })
}

fn dto(conn: &mut AnyConnection, s: store::Suggestion) -> Result<Suggestion, ApiError> {
    let subject_name = subject_name(conn, &s)?;
    Ok(Suggestion {
        id: s.id,
        cycle_id: s.cycle_id,
        member_id: s.member_id,
        organization_id: s.organization_id,
        subject_name,
        issuer_role: s.issuer_role,
        issued_by: s.issued_by,
        content: s.content,
        due_on: s.due_on,
        overdue: s.status == "open" && kiemdiem_app::today() > s.due_on,
        status: s.status,
        explanation: s.explanation,
        answered_by: s.answered_by,
        answered_at: s.answered_at.map(|d| d.and_utc()),
        created_at: s.created_at.and_utc(),
    })
}

/// Who sees a suggestion: its issuers' side, the inspection commission, and its subject.
fn sees(p: &Principal, s: &store::Suggestion) -> bool {
    p.access.can_inspect(&s.subject_path)
        || p.access.can_edit_members(&s.subject_path)
        || (s.member_id.is_some() && s.member_id == p.member_id)
}

/// Who answers: the member addressed, or the collective's own committee.
fn answers(p: &Principal, s: &store::Suggestion) -> bool {
    match s.member_id {
        Some(m) => p.member_id == Some(m),
        None => p.access.can_edit_members(&s.subject_path),
    }
}

/// The suggestions of a cycle the caller sees.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Suggestions", body = [Suggestion]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/suggestions")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state
        .db(move |conn| {
            let (_, _) = kiemdiem_app::cycles::readable(conn, &p, id)?;
            store::of_cycle(conn, id)?
                .into_iter()
                .filter(|s| sees(&p, s))
                .map(|s| dto(conn, s))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSuggestionRequest {
    /// The member addressed (or give `organization_id` for a collective).
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    #[validate(length(min = 5, max = 5000))]
    #[schema(min_length = 5, max_length = 5000)]
    pub content: String,
    pub due_on: NaiveDate,
}

/// Issue a suggestion (the branch committee for its members and itself, a committee in its
/// subtree, the inspection commission in its subtree). Refused once its phase is closed.
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewSuggestionRequest,
    responses(
        (status = 201, description = "Issued", body = Suggestion),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an issuer for this subject", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or subject in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/suggestions")]
pub async fn issue(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewSuggestionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    if b.member_id.is_some() == b.organization_id.is_some() {
        return Err(ApiError::Validation(vec![FieldError {
            field: "member_id".into(),
            code: "one_subject".into(),
            message: "Gợi ý cho một đảng viên hoặc một tập thể (chỉ một trong hai)".into(),
        }]));
    }
    let out = state
        .write(move |conn| {
            let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let subject_path = match (b.member_id, b.organization_id) {
                (Some(m), _) => members::get(conn, m)?.ok_or_else(ApiError::not_found)?.1,
                (_, Some(o)) => {
                    organizations::get(conn, o)?
                        .ok_or_else(ApiError::not_found)?
                        .path
                }
                _ => return Err(ApiError::not_found()),
            };
            let reads = p.access.can_read_org(&subject_path);
            if !subject_path.starts_with(&cycle_path) || !reads {
                return Err(ApiError::not_found());
            }
            let inspection = p.access.can_inspect(&subject_path);
            if !(inspection || p.access.can_edit_members(&subject_path)) {
                return Err(ApiError::forbidden(
                    "Không có quyền gợi ý kiểm điểm cho đối tượng này",
                ));
            }
            kiemdiem_app::cycles::writable(&cycle)?;
            if cycles::phases(conn, id)?
                .iter()
                .any(|ph| ph.code == "review_suggestions" && ph.closed)
            {
                return Err(ApiError::conflict(
                    "phase_closed",
                    "Giai đoạn gợi ý kiểm điểm đã đóng",
                ));
            }
            let role = if p.access.is_admin() {
                Role::Admin
            } else if p.access.has_role(Role::Inspection) && inspection {
                Role::Inspection
            } else if p.access.has_role(Role::BranchCommittee)
                && !p.access.can_administer(&subject_path)
            {
                Role::BranchCommittee
            } else {
                Role::Committee
            };
            let sid = store::create(
                conn,
                &NewSuggestion {
                    cycle_id: id,
                    member_id: b.member_id,
                    organization_id: b.organization_id,
                    subject_path: &subject_path,
                    issuer_role: role.as_str(),
                    issued_by: &p.actor(),
                    content: b.content.trim(),
                    due_on: b.due_on,
                },
            )?;
            let s = store::get(conn, id, sid)?.ok_or_else(ApiError::not_found)?;
            let out = dto(conn, s)?;
            p.audit("issue", "suggestion")
                .id(sid)
                .org(subject_path)
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// Giải trình.
    #[validate(length(min = 5, max = 20000))]
    #[schema(min_length = 5, max_length = 20000)]
    pub explanation: String,
}

/// Answer a suggestion with an explanation (the member addressed, or the collective's
/// committee); it goes to both the organisation and the inspection commission (D5).
#[utoipa::path(
    tag = "suggestions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("suggestion_id" = i64, Path, description = "Suggestion id")),
    request_body = AnswerRequest,
    responses(
        (status = 200, description = "Answered", body = Suggestion),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the subject", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such suggestion the caller sees", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No explanation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/suggestions/{suggestion_id}/answer")]
pub async fn answer(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, sid) = path.into_inner();
    let explanation = body.0.explanation.trim().to_owned();
    let out = state
        .write(move |conn| {
            let (cycle, _) = cycles::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let s = store::get(conn, id, sid)?
                .filter(|s| sees(&p, s))
                .ok_or_else(ApiError::not_found)?;
            if !answers(&p, &s) {
                return Err(ApiError::forbidden(
                    "Chỉ người (tập thể) được gợi ý mới giải trình",
                ));
            }
            kiemdiem_app::cycles::writable(&cycle)?;
            store::answer(conn, sid, &explanation, &p.actor())?;
            let s = store::get(conn, id, sid)?.ok_or_else(ApiError::not_found)?;
            let path = s.subject_path.clone();
            let out = dto(conn, s)?;
            p.audit("answer", "suggestion")
                .id(sid)
                .org(path)
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
