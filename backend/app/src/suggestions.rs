//! Review suggestions (gợi ý kiểm điểm, M2, P3, D5): issued by the branch committee or the
//! inspection commission to a member or a collective, with a due date; the subject answers
//! with an explanation. Seen by the issuers' side, the inspection commission and the subject.

use crate::paging::{Narrow, Window, page_of};
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::access::Role;
use kiemdiem_domain::suggestion;
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

pub fn subject_name(conn: &mut AnyConnection, s: &store::Suggestion) -> Result<String, AppError> {
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

pub fn dto(conn: &mut AnyConnection, s: store::Suggestion) -> Result<Suggestion, AppError> {
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
        overdue: s.status.is_overdue(s.due_on, crate::today()),
        status: s.status.to_string(),
        explanation: s.explanation,
        answered_by: s.answered_by,
        answered_at: s.answered_at.map(|d| d.and_utc()),
        created_at: s.created_at.and_utc(),
    })
}

/// Who sees a suggestion: its issuers' side, the inspection commission, and its subject.
pub fn sees(p: &Actor, s: &store::Suggestion) -> bool {
    suggestion::d5_reads(&p.access, p.member_id, subject(s))
}

/// Who answers: the member addressed, or the collective's own committee.
pub fn answers(p: &Actor, s: &store::Suggestion) -> bool {
    suggestion::p3_answers(&p.access, p.member_id, subject(s))
}

fn subject(s: &store::Suggestion) -> suggestion::Subject<'_> {
    suggestion::Subject {
        member_id: s.member_id,
        path: &s.subject_path,
    }
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

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// Giải trình.
    #[validate(length(min = 5, max = 20000))]
    #[schema(min_length = 5, max_length = 20000)]
    pub explanation: String,
}

/// The cycle's review suggestions the actor may see, oldest first; a page of them, narrowed
/// to an organisation (the members and collectives in its subtree) if asked.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    narrow: Option<i64>,
    w: Window,
) -> Result<SuggestionPage, AppError> {
    let (_, _) = crate::cycles::readable(conn, p, id)?;
    let narrow = Narrow::to(conn, p, narrow)?;
    let seen: Vec<_> = store::of_cycle(conn, id)?
        .into_iter()
        .filter(|s| sees(p, s) && narrow.keeps(&s.subject_path))
        .collect();
    Ok(SuggestionPage::of(w.cut(seen, |s| dto(conn, s))?, w))
}

page_of!(
    /// A page of a cycle's review suggestions.
    SuggestionPage,
    Suggestion
);

/// Issues a review suggestion to one member or one collective, with a due date.
pub fn issue(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    b: NewSuggestionRequest,
) -> Result<Suggestion, AppError> {
    if b.member_id.is_some() == b.organization_id.is_some() {
        return Err(AppError::Validation(vec![FieldError {
            field: "member_id".into(),
            code: "one_subject".into(),
            message: "Gợi ý cho một đảng viên hoặc một tập thể (chỉ một trong hai)".into(),
        }]));
    }
    let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let subject_path = match (b.member_id, b.organization_id) {
        (Some(m), _) => members::get(conn, m)?.ok_or_else(AppError::not_found)?.1,
        (_, Some(o)) => {
            organizations::get(conn, o)?
                .ok_or_else(AppError::not_found)?
                .path
        }
        _ => return Err(AppError::not_found()),
    };
    let reads = p.access.can_read_org(&subject_path);
    if !subject_path.starts_with(&cycle_path) || !reads {
        return Err(AppError::not_found());
    }
    let inspection = p.access.can_inspect(&subject_path);
    if !(inspection || p.access.can_edit_members(&subject_path)) {
        return Err(AppError::forbidden(
            "Không có quyền gợi ý kiểm điểm cho đối tượng này",
        ));
    }
    crate::cycles::writable(&cycle)?;
    if cycles::phases(conn, id)?
        .iter()
        .any(|ph| ph.code == "review_suggestions" && ph.closed)
    {
        return Err(AppError::conflict(
            "phase_closed",
            "Giai đoạn gợi ý kiểm điểm đã đóng",
        ));
    }
    let role = if p.access.is_admin() {
        Role::Admin
    } else if p.access.has_role(Role::Inspection) && inspection {
        Role::Inspection
    } else if p.access.has_role(Role::BranchCommittee) && !p.access.can_administer(&subject_path) {
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
    let s = store::get(conn, id, sid)?.ok_or_else(AppError::not_found)?;
    let out = dto(conn, s)?;
    p.audit("issue", "suggestion")
        .id(sid)
        .org(subject_path)
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// The member's (or the collective's) answer to a suggestion.
pub fn answer(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    sid: i64,
    explanation: String,
) -> Result<Suggestion, AppError> {
    let (cycle, _) = cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let s = store::get(conn, id, sid)?
        .filter(|s| sees(p, s))
        .ok_or_else(AppError::not_found)?;
    if !answers(p, &s) {
        return Err(AppError::forbidden(
            "Chỉ người (tập thể) được gợi ý mới giải trình",
        ));
    }
    crate::cycles::writable(&cycle)?;
    store::answer(conn, sid, &explanation, &p.actor())?;
    let s = store::get(conn, id, sid)?.ok_or_else(AppError::not_found)?;
    let path = s.subject_path.clone();
    let out = dto(conn, s)?;
    p.audit("answer", "suggestion")
        .id(sid)
        .org(path)
        .after(&out)
        .record(conn)?;
    Ok(out)
}
