//! Self-reviews (bản tự kiểm điểm, M3; guidance 2.2.1–2.2.3, D2): the member writes, saves
//! drafts and submits; the branch committee returns with a comment or accepts, and may enter a
//! paper form on the member's behalf (marked as such). Every save is a version. Nobody else
//! reads them.

use crate::actor::Actor;
use crate::audit::Audit;
use crate::error::{AppError, FieldError};
use crate::paging::{Narrow, Window, members_by_id, page_of};
use crate::tx::IfMatch;
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::access::Access;
use kiemdiem_domain::self_review::Status;
use kiemdiem_store::self_reviews::{self as store, Content};
use kiemdiem_store::{AnyConnection, cycles, members};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// A member's place in a cycle, as the self-review use cases need it.
pub struct Target {
    pub cycle: cycles::Cycle,
    pub member: members::Member,
    pub branch_path: String,
    /// The caller is the member themself.
    pub own: bool,
}

/// The member's self-review in the cycle, if the caller may see it: the member themself, or
/// those who edit the member's record (admin, committees above, the branch committee).
pub fn target(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
) -> Result<Target, AppError> {
    target_for(conn, p, cycle_id, member_id, Access::can_edit_members)
}

/// The same for a read, where `reads` says who besides the member may see it.
pub fn target_for(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    reads: fn(&Access, &str) -> bool,
) -> Result<Target, AppError> {
    let (cycle, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let (member, branch_path) = members::get(conn, member_id)?.ok_or_else(AppError::not_found)?;
    let own = p.member_id == Some(member_id);
    if !branch_path.starts_with(&cycle_path) || !(own || reads(&p.access, &branch_path)) {
        return Err(AppError::not_found());
    }
    Ok(Target {
        cycle,
        member,
        branch_path,
        own,
    })
}

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
    /// The shortcomings last year's review gave the member to remedy (M9 end, guidance
    /// 2.2.5c), for this year's self-review to answer (`shortcomings.remedied`).
    pub prior_shortcomings: Option<PriorShortcomings>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PriorShortcomings {
    pub year: i32,
    pub shortcomings: String,
    pub remedy_by: NaiveDate,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SelfReviewVersion {
    pub version: i32,
    pub content: SelfReviewContent,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

fn dto(conn: &mut AnyConnection, t: &Target) -> Result<SelfReview, AppError> {
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
        status: found.as_ref().map_or_else(
            || "not_started".to_owned(),
            |s| s.status.as_str().to_owned(),
        ),
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
        prior_shortcomings: kiemdiem_store::records::shortcomings_of_year(
            conn,
            t.member.id,
            t.cycle.year - 1,
        )?
        .map(|(shortcomings, remedy_by)| PriorShortcomings {
            year: t.cycle.year - 1,
            shortcomings,
            remedy_by,
        }),
    })
}

/// Writes belong to the self-review phase: refused when it (or the cycle) is closed.
fn writable(conn: &mut AnyConnection, cycle: &cycles::Cycle) -> Result<(), AppError> {
    crate::cycles::writable(cycle)?;
    if cycles::phases(conn, cycle.id)?
        .iter()
        .any(|ph| ph.code == "self_reviews" && ph.closed)
    {
        return Err(AppError::conflict(
            "phase_closed",
            "Giai đoạn tự kiểm điểm đã đóng",
        ));
    }
    Ok(())
}

fn audited(p: &Actor, action: &str, t: &Target, after: serde_json::Value) -> Audit {
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

pub fn check_level(c: &SelfReviewContent) -> Result<(), AppError> {
    match &c.self_assessed_level {
        Some(l) if !kiemdiem_domain::member::LEVELS.contains(&l.as_str()) => {
            Err(AppError::Validation(vec![FieldError {
                field: "self_assessed_level".into(),
                code: "invalid_choice".into(),
                message: "Mức tự nhận phải là excellent, good, completed hoặc not_completed".into(),
            }]))
        }
        _ => Ok(()),
    }
}

/// The self-review as answered, and its `ETag` (the one the GET's answer gets).
fn tagged(review: &SelfReview) -> Result<(Vec<u8>, String), AppError> {
    let body = serde_json::to_vec(review).map_err(|e| AppError::Internal(e.to_string()))?;
    let tag = crate::tx::body_tag(&body);
    Ok((body, tag))
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
    p: &Actor,
    id: i64,
    member_id: i64,
    status: Status,
    comment: Option<&str>,
) -> Result<SelfReview, AppError> {
    let t = target(conn, p, id, member_id)?;
    if t.own && !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::forbidden(
            "Chi ủy nhận hoặc trả lại bản tự kiểm điểm",
        ));
    }
    crate::cycles::writable(&t.cycle)?;
    let s = store::find(conn, id, member_id)?
        .filter(|s| s.status.awaits_decision())
        .ok_or_else(|| AppError::conflict("not_submitted", "Bản tự kiểm điểm chưa được nộp"))?;
    store::set_status(conn, s.id, status, comment)?;
    audited(
        p,
        status.as_str(),
        &t,
        serde_json::json!({ "version": s.current_version, "comment": comment }),
    )
    .record(conn)?;
    dto(conn, &t)
}

/// The cycle's self-reviews the actor may read: their own, and those of the branches whose
/// reviews they handle; a page of them, narrowed to an organisation if asked.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    narrow: Option<i64>,
    w: Window,
) -> Result<SelfReviewPage, AppError> {
    let (cycle, _) = crate::cycles::readable(conn, p, id)?;
    let narrow = Narrow::to(conn, p, narrow)?;
    let reviews = store::of_cycle(conn, cycle.id)?;
    let members = members_by_id(conn, reviews.iter().map(|s| s.member_id).collect())?;
    let seen: Vec<_> = reviews
        .into_iter()
        .filter_map(|s| {
            let (m, branch) = members.get(&s.member_id)?;
            let may = p.member_id == Some(m.id) || p.access.can_read_self_reviews(branch);
            (may && narrow.keeps(branch)).then(|| (s, m.full_name.clone()))
        })
        .collect();
    Ok(SelfReviewPage::of(
        w.cut(seen, |(s, member_name)| {
            Ok::<_, AppError>(SelfReviewSummary {
                member_id: s.member_id,
                member_name,
                status: s.status.as_str().to_owned(),
                on_behalf: s.on_behalf,
                version: s.current_version,
                submitted_at: s.submitted_at.map(|d| d.and_utc()),
            })
        })?,
        w,
    ))
}

page_of!(
    /// A page of a cycle's self-reviews.
    SelfReviewPage,
    SelfReviewSummary
);

/// A member's self-review in the cycle (`not_started` before the first save).
pub fn get(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<SelfReview, AppError> {
    let t = target_for(conn, p, id, member_id, Access::can_read_self_reviews)?;
    dto(conn, &t)
}

/// Every saved version, newest first.
pub fn versions(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<Vec<SelfReviewVersion>, AppError> {
    let t = target_for(conn, p, id, member_id, Access::can_read_self_reviews)?;
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
}

/// Saves a draft (a new version): the member's own, or a paper form entered on their behalf
/// by the branch committee; refused once submitted or accepted, and (with `If-Match`) over a
/// newer save by someone else. Answers the self-review as sent and its `ETag`.
pub fn save(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
    content: SelfReviewContent,
    if_match: IfMatch,
) -> Result<(Vec<u8>, String), AppError> {
    check_level(&content)?;
    let t = target(conn, p, id, member_id)?;
    writable(conn, &t.cycle)?;
    let current = store::find(conn, id, member_id)?;
    // The tag is the one GET gives: the hash of the self-review as answered. The
    // version it shows is the one the write requires (issue #13: one conditional
    // UPDATE, so a concurrent save with the same tag finds 0 rows and gets 412).
    let expected = match if_match {
        IfMatch::Absent => None,
        sent => {
            sent.check(&tagged(&dto(conn, &t)?)?.1)?;
            Some(current.as_ref().map_or(0, |s| s.current_version))
        }
    };
    if let Some(s) = &current
        && !s.status.is_editable()
    {
        return Err(AppError::conflict(
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
    .ok_or(AppError::PreconditionFailed)?;
    audited(
        p,
        "save",
        &t,
        serde_json::json!({ "version": saved.current_version, "on_behalf": !t.own }),
    )
    .record(conn)?;
    tagged(&dto(conn, &t)?)
}

/// Submits the saved self-review to the branch committee (M3): every section and the level
/// needed, each missing one named.
pub fn submit(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<SelfReview, AppError> {
    let t = target(conn, p, id, member_id)?;
    writable(conn, &t.cycle)?;
    let s = store::find(conn, id, member_id)?
        .filter(|s| s.status.is_editable())
        .ok_or_else(|| AppError::conflict("nothing_to_submit", "Không có bản nháp để nộp"))?;
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
        return Err(AppError::Validation(missing));
    }
    store::set_status(conn, s.id, Status::Submitted, None)?;
    audited(
        p,
        "submit",
        &t,
        serde_json::json!({ "version": s.current_version }),
    )
    .record(conn)?;
    dto(conn, &t)
}

/// Returns a submitted self-review to the member with what to fix.
pub fn return_it(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
    comment: &str,
) -> Result<SelfReview, AppError> {
    decide(conn, p, id, member_id, Status::Returned, Some(comment))
}

/// Accepts a submitted self-review.
pub fn accept(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<SelfReview, AppError> {
    decide(conn, p, id, member_id, Status::Accepted, None)
}
