//! Self-reviews (bản tự kiểm điểm, M3): the member writes, saves drafts and submits; the
//! branch committee returns with a comment or accepts, and may enter a paper form on the
//! member's behalf (marked as such). Every save is a version. Nobody else reads them.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use chrono::{DateTime, Utc};
use kiemdiem_app::audit::Audit;
use kiemdiem_domain::access::Access;
use kiemdiem_store::self_reviews::{self as store, Content};
use kiemdiem_store::{AnyConnection, cycles, members};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfReviewContent {
    /// Tư tưởng chính trị.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub political_ideology: String,
    /// Phẩm chất đạo đức, lối sống.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub ethics_lifestyle: String,
    /// Thực hiện chức trách, nhiệm vụ được giao.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub duties: String,
    /// Tổ chức kỷ luật.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub organisation_discipline: String,
    /// Khuyết điểm, hạn chế và nguyên nhân.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub shortcomings: String,
    /// Biện pháp khắc phục.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub remedies: String,
    /// Giải trình các vấn đề được gợi ý kiểm điểm.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub suggestion_answers: String,
    /// Tự nhận mức xếp loại: excellent, good, completed or not_completed.
    pub self_assessed_level: Option<String>,
}

impl From<Content> for SelfReviewContent {
    fn from(c: Content) -> Self {
        SelfReviewContent {
            political_ideology: c.political_ideology,
            ethics_lifestyle: c.ethics_lifestyle,
            duties: c.duties,
            organisation_discipline: c.organisation_discipline,
            shortcomings: c.shortcomings,
            remedies: c.remedies,
            suggestion_answers: c.suggestion_answers,
            self_assessed_level: c.self_assessed_level,
        }
    }
}

impl From<SelfReviewContent> for Content {
    fn from(c: SelfReviewContent) -> Self {
        Content {
            political_ideology: c.political_ideology.trim().to_owned(),
            ethics_lifestyle: c.ethics_lifestyle.trim().to_owned(),
            duties: c.duties.trim().to_owned(),
            organisation_discipline: c.organisation_discipline.trim().to_owned(),
            shortcomings: c.shortcomings.trim().to_owned(),
            remedies: c.remedies.trim().to_owned(),
            suggestion_answers: c.suggestion_answers.trim().to_owned(),
            self_assessed_level: c.self_assessed_level,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SelfReview {
    pub cycle_id: i64,
    pub member_id: i64,
    pub member_name: String,
    /// not_started, draft, submitted, returned or accepted.
    pub status: String,
    /// Entered by the branch committee from a paper form.
    pub on_behalf: bool,
    pub return_comment: Option<String>,
    /// The version shown (0 before the first save).
    pub version: i32,
    pub content: SelfReviewContent,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SelfReviewVersion {
    pub version: i32,
    pub content: SelfReviewContent,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

use kiemdiem_app::self_reviews::{Target, target, target_for};

fn dto(conn: &mut AnyConnection, t: &Target) -> Result<SelfReview, ApiError> {
    let found = store::find(conn, t.cycle.id, t.member.id)?;
    let (content, version) = match &found {
        Some(s) => (
            store::versions(conn, s.id)?
                .into_iter()
                .next()
                .map(|v| v.content.into())
                .unwrap_or_default(),
            s.current_version,
        ),
        None => (SelfReviewContent::default(), 0),
    };
    Ok(SelfReview {
        cycle_id: t.cycle.id,
        member_id: t.member.id,
        member_name: t.member.full_name.clone(),
        status: found
            .as_ref()
            .map_or_else(|| "not_started".to_owned(), |s| s.status.clone()),
        on_behalf: found.as_ref().is_some_and(|s| s.on_behalf),
        return_comment: found.as_ref().and_then(|s| s.return_comment.clone()),
        version,
        content,
        submitted_at: found
            .as_ref()
            .and_then(|s| s.submitted_at)
            .map(|d| d.and_utc()),
        decided_at: found
            .as_ref()
            .and_then(|s| s.decided_at)
            .map(|d| d.and_utc()),
    })
}

/// Writes belong to the self-review phase: refused when it (or the cycle) is closed.
fn writable(conn: &mut AnyConnection, cycle: &cycles::Cycle) -> Result<(), ApiError> {
    kiemdiem_app::cycles::writable(cycle)?;
    if cycles::phases(conn, cycle.id)?
        .iter()
        .any(|ph| ph.code == "self_reviews" && ph.closed)
    {
        return Err(ApiError::conflict(
            "phase_closed",
            "Giai đoạn tự kiểm điểm đã đóng",
        ));
    }
    Ok(())
}

fn audited(p: &Principal, action: &str, t: &Target, after: serde_json::Value) -> Audit {
    p.audit(action, "self_review")
        .id(format!("{}/{}", t.cycle.id, t.member.id))
        .org(t.branch_path.clone())
        .after(&after)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SelfReviewSummary {
    pub member_id: i64,
    pub member_name: String,
    pub status: String,
    pub on_behalf: bool,
    pub version: i32,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// The self-reviews of a cycle the caller may see (their own, their branches', or for
/// inspection those in its subtree).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Self-reviews begun, by member", body = [SelfReviewSummary]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/self-reviews")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let items = state
        .db(move |conn| {
            let (cycle, _) = kiemdiem_app::cycles::readable(conn, &p, id)?;
            let mut out = Vec::new();
            for s in store::of_cycle(conn, cycle.id)? {
                let Some((m, branch)) = members::get(conn, s.member_id)? else {
                    continue;
                };
                if p.member_id == Some(m.id) || p.access.can_read_self_reviews(&branch) {
                    out.push(SelfReviewSummary {
                        member_id: m.id,
                        member_name: m.full_name,
                        status: s.status,
                        on_behalf: s.on_behalf,
                        version: s.current_version,
                        submitted_at: s.submitted_at.map(|d| d.and_utc()),
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// A member's self-review in the cycle (status `not_started` before the first save): the
/// member, those who handle them, and inspection in its subtree (read-only).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The self-review", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .db(move |conn| {
            let t = target_for(conn, &p, id, member_id, Access::can_read_self_reviews)?;
            dto(conn, &t)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Every saved version, newest first.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Versions", body = [SelfReviewVersion]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/members/{member_id}/self-review/versions")]
pub async fn versions(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .db(move |conn| {
            let t = target_for(conn, &p, id, member_id, Access::can_read_self_reviews)?;
            let Some(s) = store::find(conn, t.cycle.id, t.member.id)? else {
                return Ok(Vec::new());
            };
            Ok(store::versions(conn, s.id)?
                .into_iter()
                .map(|v| SelfReviewVersion {
                    version: v.version,
                    content: v.content.into(),
                    saved_by: v.saved_by,
                    saved_at: v.saved_at.and_utc(),
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

fn check_level(c: &SelfReviewContent) -> Result<(), ApiError> {
    match &c.self_assessed_level {
        Some(l) if !kiemdiem_domain::member::LEVELS.contains(&l.as_str()) => {
            Err(ApiError::Validation(vec![FieldError {
                field: "self_assessed_level".into(),
                code: "invalid_choice".into(),
                message: "Mức tự nhận phải là excellent, good, completed hoặc not_completed".into(),
            }]))
        }
        _ => Ok(()),
    }
}

/// Save a draft (a new version). The member writes their own; the branch committee may enter
/// a paper form on their behalf. A submitted or accepted self-review is not changed. With
/// `If-Match` (the `ETag` of the self-review as read), a save over someone else's newer one
/// is refused (412) instead of replacing it.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Cycle id"),
        ("member_id" = i64, Path, description = "Member id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the self-review as last read (GET or the last save)"),
    ),
    request_body = SelfReviewContent,
    responses(
        (status = 200, description = "Saved", body = SelfReview,
            headers(("ETag" = String, description = "The saved self-review's tag, for the next If-Match"))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or accepted already, or the phase is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Saved by someone else since it was read (If-Match)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/self-review")]
pub async fn save(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<SelfReviewContent>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let if_match = req
        .headers()
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content = body.0;
    check_level(&content)?;
    let out = state
        .write(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            writable(conn, &t.cycle)?;
            let current = store::find(conn, id, member_id)?;
            // The tag is the one GET gives: the hash of the self-review as answered. The
            // version it shows is the one the write requires (issue #13: one conditional
            // UPDATE, so a concurrent save with the same tag finds 0 rows and gets 412).
            let expected = match if_match {
                Some(if_match) => {
                    if !crate::stored::tag_listed(&if_match, &tagged(&dto(conn, &t)?)?.1) {
                        return Err(ApiError::PreconditionFailed);
                    }
                    Some(current.as_ref().map_or(0, |s| s.current_version))
                }
                None => None,
            };
            if let Some(s) = &current
                && matches!(s.status.as_str(), "submitted" | "accepted")
            {
                return Err(ApiError::conflict(
                    "self_review_locked",
                    "Bản tự kiểm điểm đã nộp: chờ chi ủy trả lại để sửa",
                ));
            }
            let saved = store::save_if(
                conn,
                id,
                member_id,
                &content.into(),
                &p.actor(),
                !t.own,
                expected,
            )?
            .ok_or(ApiError::PreconditionFailed)?;
            audited(
                &p,
                "save",
                &t,
                serde_json::json!({ "version": saved.current_version, "on_behalf": !t.own }),
            )
            .record(conn)?;
            tagged(&dto(conn, &t)?)
        })
        .await?;
    let (body, tag) = out;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::ETAG, tag))
        .body(body))
}

/// The self-review as answered, and its `ETag` (the one the GET's answer gets).
fn tagged(review: &SelfReview) -> Result<(Vec<u8>, String), ApiError> {
    let body = serde_json::to_vec(review).map_err(|e| ApiError::Internal(e.to_string()))?;
    let tag = crate::stored::body_tag(&body);
    Ok((body, tag))
}

/// Submit the saved self-review to the branch committee (every section and the level needed).
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Submitted", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not the caller's nor one they handle", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to submit, already submitted, or the phase is closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Sections missing, every one listed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/submit")]
pub async fn submit(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .write(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            writable(conn, &t.cycle)?;
            let s = store::find(conn, id, member_id)?
                .filter(|s| matches!(s.status.as_str(), "draft" | "returned"))
                .ok_or_else(|| {
                    ApiError::conflict("nothing_to_submit", "Không có bản nháp để nộp")
                })?;
            let current = store::versions(conn, s.id)?
                .into_iter()
                .next()
                .map(|v| v.content)
                .unwrap_or_default();
            let mut missing = Vec::new();
            for (field, value) in [
                ("political_ideology", &current.political_ideology),
                ("ethics_lifestyle", &current.ethics_lifestyle),
                ("duties", &current.duties),
                ("organisation_discipline", &current.organisation_discipline),
                ("shortcomings", &current.shortcomings),
                ("remedies", &current.remedies),
            ] {
                if value.is_empty() {
                    missing.push(FieldError {
                        field: field.into(),
                        code: "required".into(),
                        message: "Phần này cần được viết trước khi nộp".into(),
                    });
                }
            }
            if current.self_assessed_level.is_none() {
                missing.push(FieldError {
                    field: "self_assessed_level".into(),
                    code: "required".into(),
                    message: "Cần tự nhận mức xếp loại".into(),
                });
            }
            if !missing.is_empty() {
                return Err(ApiError::Validation(missing));
            }
            store::set_status(conn, s.id, "submitted", None)?;
            audited(
                &p,
                "submit",
                &t,
                serde_json::json!({ "version": s.current_version }),
            )
            .record(conn)?;
            dto(conn, &t)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    /// What to fix.
    #[validate(length(min = 5, max = 2000))]
    #[schema(min_length = 5, max_length = 2000)]
    pub comment: String,
}

fn decide(
    conn: &mut AnyConnection,
    p: &Principal,
    id: i64,
    member_id: i64,
    status: &str,
    comment: Option<&str>,
) -> Result<SelfReview, ApiError> {
    let t = target(conn, p, id, member_id)?;
    if t.own && !p.access.can_edit_members(&t.branch_path) {
        return Err(ApiError::forbidden(
            "Chi ủy nhận hoặc trả lại bản tự kiểm điểm",
        ));
    }
    kiemdiem_app::cycles::writable(&t.cycle)?;
    let s = store::find(conn, id, member_id)?
        .filter(|s| s.status == "submitted")
        .ok_or_else(|| ApiError::conflict("not_submitted", "Bản tự kiểm điểm chưa được nộp"))?;
    store::set_status(conn, s.id, status, comment)?;
    audited(
        p,
        status,
        &t,
        serde_json::json!({ "version": s.current_version, "comment": comment }),
    )
    .record(conn)?;
    dto(conn, &t)
}

/// Return a submitted self-review to the member with a comment.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "Returned", body = SelfReview),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The member cannot return their own", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No comment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/return")]
pub async fn return_it(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<ReturnRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let comment = body.0.comment.trim().to_owned();
    let out = state
        .write(move |conn| decide(conn, &p, id, member_id, "returned", Some(&comment)))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Accept a submitted self-review.
#[utoipa::path(
    tag = "self-reviews",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Accepted", body = SelfReview),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The member cannot accept their own", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/members/{member_id}/self-review/accept")]
pub async fn accept(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let out = state
        .write(move |conn| decide(conn, &p, id, member_id, "accepted", None))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
