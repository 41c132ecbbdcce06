//! Feedback (M2, P1, P2, O6): requests per member to the workplace (clusters led by a named
//! branch secretary), the residence committee (by hand or by post) or the key-cadre meeting;
//! a `feedback_provider` answers only the requests assigned to them, the branch committee may
//! record a returned paper form; and the branch committee's consolidated opinion per member.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_app::self_reviews::target;
use kiemdiem_domain::member::LEVELS;
use kiemdiem_store::feedback::{self as store, NewRequest};
use kiemdiem_store::{cycles, members, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

const SOURCES: [&str; 3] = ["workplace", "residence", "key_cadre_meeting"];

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FeedbackRequest {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    pub member_name: String,
    /// workplace, residence or key_cadre_meeting.
    pub source: String,
    /// The feedback_provider user who answers it.
    pub provider_user_id: Option<i64>,
    /// The workplace cluster (cụm quần chúng).
    pub cluster: Option<String>,
    /// The branch secretary who leads the cluster.
    pub led_by: Option<String>,
    /// hand or post.
    pub delivery: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    pub content: Option<String>,
    pub proposed_level: Option<String>,
    pub answered_by: Option<String>,
    /// Not returned and past its due date.
    pub overdue: bool,
    pub updated_at: DateTime<Utc>,
}

fn dto(r: store::Request, member_name: String) -> FeedbackRequest {
    let overdue = r.returned_on.is_none() && r.due_on.is_some_and(|d| kiemdiem_app::today() > d);
    FeedbackRequest {
        id: r.id,
        cycle_id: r.cycle_id,
        member_id: r.member_id,
        member_name,
        source: r.source,
        provider_user_id: r.provider_user_id,
        cluster: r.cluster,
        led_by: r.led_by,
        delivery: r.delivery,
        sent_on: r.sent_on,
        due_on: r.due_on,
        returned_on: r.returned_on,
        content: r.content,
        proposed_level: r.proposed_level,
        answered_by: r.answered_by,
        overdue,
        updated_at: r.updated_at.and_utc(),
    }
}

/// The phase a source's writes belong to.
use kiemdiem_app::feedback::open_for;

fn bad(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

/// Requests the caller may see: those of members they handle, or those assigned to them.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Requests", body = [FeedbackRequest]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-requests")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state
        .db(move |conn| {
            let (_, _) = kiemdiem_app::cycles::readable(conn, &p, id)?;
            let mut out = Vec::new();
            for r in store::of_cycle(conn, id)? {
                let Some((m, branch)) = members::get(conn, r.member_id)? else {
                    continue;
                };
                let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
                if is_assigned || p.access.can_edit_members(&branch) {
                    out.push(dto(r, m.full_name));
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignedQuery {
    /// Only the requests not answered yet.
    pub open: Option<bool>,
}

/// The caller's inbox: the requests assigned to them in every cycle, soonest due first.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(AssignedQuery),
    responses(
        (status = 200, description = "Requests assigned to the caller", body = [FeedbackRequest]),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/feedback-requests")]
pub async fn assigned(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<AssignedQuery>,
) -> Result<HttpResponse, ApiError> {
    let open = q.open.unwrap_or(false);
    let out = state
        .db(move |conn| {
            // A service account has no user and so no inbox.
            let Some(uid) = p.user_id else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for r in store::assigned_to(conn, uid, open)? {
                let Some((m, _)) = members::get(conn, r.member_id)? else {
                    continue;
                };
                out.push(dto(r, m.full_name));
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFeedbackRequest {
    pub member_id: i64,
    /// workplace, residence or key_cadre_meeting.
    pub source: String,
    /// A feedback_provider user who will answer in the app.
    pub provider_user_id: Option<i64>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub cluster: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub led_by: Option<String>,
    /// hand or post (residence, P2).
    pub delivery: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
}

/// Request feedback on a member (the branch committee, or a committee above).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewFeedbackRequest,
    responses(
        (status = 201, description = "Requested", body = FeedbackRequest),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one who requests feedback on this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-requests")]
pub async fn request(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewFeedbackRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let mut errors = Vec::new();
    if !SOURCES.contains(&b.source.as_str()) {
        errors.push(bad(
            "source",
            "invalid_choice",
            "Nguồn phải là workplace, residence hoặc key_cadre_meeting",
        ));
    }
    if b.delivery
        .as_deref()
        .is_some_and(|d| !matches!(d, "hand" | "post"))
    {
        errors.push(bad(
            "delivery",
            "invalid_choice",
            "Cách gửi phải là hand hoặc post",
        ));
    }
    if let (Some(s), Some(d)) = (b.sent_on, b.due_on)
        && d < s
    {
        errors.push(bad("due_on", "before_sent", "Hạn trả phải sau ngày gửi"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let out = state
        .write(move |conn| {
            let t = target(conn, &p, id, b.member_id)?;
            if !p.access.can_edit_members(&t.branch_path) {
                return Err(ApiError::forbidden("Chi ủy lấy ý kiến về đảng viên"));
            }
            open_for(conn, &t.cycle, &b.source)?;
            if let Some(uid) = b.provider_user_id {
                let provider = users::assignments(conn, uid)?;
                if !provider.iter().any(|a| a.role == "feedback_provider") {
                    return Err(ApiError::Validation(vec![bad(
                        "provider_user_id",
                        "not_a_provider",
                        "Người nhận phải có vai trò góp ý (feedback_provider)",
                    )]));
                }
            }
            let rid = store::create(
                conn,
                &NewRequest {
                    cycle_id: id,
                    member_id: b.member_id,
                    source: &b.source,
                    provider_user_id: b.provider_user_id,
                    cluster: b.cluster.as_deref().map(str::trim),
                    led_by: b.led_by.as_deref().map(str::trim),
                    delivery: b.delivery.as_deref(),
                    sent_on: b.sent_on,
                    due_on: b.due_on,
                },
            )?;
            let r = store::get(conn, id, rid)?.ok_or_else(ApiError::not_found)?;
            let out = dto(r, t.member.full_name.clone());
            p.audit("request", "feedback")
                .id(rid)
                .org(t.branch_path.clone())
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackAnswer {
    #[validate(length(min = 1, max = 20000))]
    #[schema(min_length = 1, max_length = 20000)]
    pub content: String,
    /// The level the providers propose, if any (a residence committee that is overloaded may
    /// comment only on members it finds excellent or not completed, M2).
    pub proposed_level: Option<String>,
    /// When the answer came back (today when omitted).
    pub returned_on: Option<NaiveDate>,
}

/// Answer a request: the provider it is assigned to, or the branch committee recording a
/// returned paper form.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("request_id" = i64, Path, description = "Request id")),
    request_body = FeedbackAnswer,
    responses(
        (status = 200, description = "Answered", body = FeedbackRequest),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request assigned to or handled by the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The phase or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-requests/{request_id}/answer")]
pub async fn answer(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<FeedbackAnswer>,
) -> Result<HttpResponse, ApiError> {
    let (id, rid) = path.into_inner();
    let b = body.0;
    if b.proposed_level
        .as_deref()
        .is_some_and(|l| !LEVELS.contains(&l))
    {
        return Err(ApiError::Validation(vec![bad(
            "proposed_level",
            "invalid_choice",
            "Mức đề nghị không hợp lệ",
        )]));
    }
    let out = state
        .write(move |conn| {
            let (cycle, _) = cycles::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let r = store::get(conn, id, rid)?.ok_or_else(ApiError::not_found)?;
            let (member, branch) =
                members::get(conn, r.member_id)?.ok_or_else(ApiError::not_found)?;
            let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
            if !(is_assigned || p.access.can_edit_members(&branch)) {
                return Err(ApiError::not_found());
            }
            open_for(conn, &cycle, &r.source)?;
            let returned = b.returned_on.unwrap_or_else(kiemdiem_app::today);
            store::answer(
                conn,
                rid,
                b.content.trim(),
                b.proposed_level.as_deref(),
                returned,
                &p.actor(),
            )?;
            let r = store::get(conn, id, rid)?.ok_or_else(ApiError::not_found)?;
            let out = dto(r, member.full_name);
            p.audit("answer", "feedback")
                .id(rid)
                .org(branch)
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Opinion {
    /// Ý kiến tổng hợp của chi ủy: what the tally sheet later reads.
    #[validate(length(min = 1, max = 20000))]
    #[schema(min_length = 1, max_length = 20000)]
    pub content: String,
    pub proposed_level: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OpinionRecord {
    pub member_id: i64,
    pub content: String,
    pub proposed_level: Option<String>,
    pub written_by: String,
    pub updated_at: DateTime<Utc>,
}

/// The branch committee's consolidated opinion on a member (404 until written).
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The opinion", body = OpinionRecord),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "None yet, or not a member the caller handles", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/opinion")]
pub async fn get_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .db(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            if !p.access.can_edit_members(&t.branch_path) {
                return Err(ApiError::not_found());
            }
            let o = store::opinion(conn, id, member_id)?.ok_or_else(ApiError::not_found)?;
            Ok(OpinionRecord {
                member_id,
                content: o.content,
                proposed_level: o.proposed_level,
                written_by: o.written_by,
                updated_at: o.updated_at.and_utc(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Write (or rewrite) the consolidated opinion.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = Opinion,
    responses(
        (status = 200, description = "Written", body = OpinionRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/opinion")]
pub async fn put_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<Opinion>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let b = body.0;
    if b.proposed_level
        .as_deref()
        .is_some_and(|l| !LEVELS.contains(&l))
    {
        return Err(ApiError::Validation(vec![bad(
            "proposed_level",
            "invalid_choice",
            "Mức đề nghị không hợp lệ",
        )]));
    }
    let out = state
        .write(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            if !p.access.can_edit_members(&t.branch_path) {
                return Err(ApiError::not_found());
            }
            kiemdiem_app::cycles::writable(&t.cycle)?;
            store::put_opinion(
                conn,
                id,
                member_id,
                b.content.trim(),
                b.proposed_level.as_deref(),
                &p.actor(),
            )?;
            let o = store::opinion(conn, id, member_id)?.ok_or_else(ApiError::not_found)?;
            p.audit("opinion", "feedback").id(format!("{id}/{member_id}")).org(t.branch_path.clone()).after(&serde_json::json!({ "content": o.content, "proposed_level": o.proposed_level }),).record(conn)?;
            Ok(OpinionRecord {
                member_id,
                content: o.content,
                proposed_level: o.proposed_level,
                written_by: o.written_by,
                updated_at: o.updated_at.and_utc(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
