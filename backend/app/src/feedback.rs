//! Feedback from the workplace's mass organisations and the place of residence (plan II.2.2):
//! requests with due dates, answers by the provider or entered from paper, and the branch
//! committee's opinion on each member (guidance 2.2.4).

use crate::Actor;
use crate::error::{AppError, FieldError};
use crate::paging::{Narrow, Window, members_by_id, page_of};
use crate::self_reviews::target;
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::feedback;
use kiemdiem_domain::feedback::{Delivery, Source};
use kiemdiem_domain::member::LEVELS;
use kiemdiem_store::feedback::{self as store, NewRequest};
use kiemdiem_store::{AnyConnection, cycles, members, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// Whether the cycle still takes a source's opinions: not closed, its phase not closed.
pub fn open_for(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    source: Source,
) -> Result<(), AppError> {
    phase_open(
        conn,
        cycle,
        source.phase(),
        "Giai đoạn lấy ý kiến này đã đóng",
    )
}

/// 409 `phase_closed` (with `closed_message`) unless the cycle is open and its phase `phase`
/// is not closed.
pub fn phase_open(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    phase: &str,
    closed_message: &str,
) -> Result<(), AppError> {
    crate::cycles::writable(cycle)?;
    if cycles::phases(conn, cycle.id)?
        .iter()
        .any(|ph| ph.code == phase && ph.closed)
    {
        return Err(AppError::conflict(
            "phase_closed",
            closed_message.to_owned(),
        ));
    }
    Ok(())
}

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
    /// Returned after its due date (P2: a late form is flagged, still counted).
    pub late: bool,
    /// P2: a postal form went with a stamped return envelope.
    pub return_envelope: bool,
    pub updated_at: DateTime<Utc>,
}

pub fn dto(r: store::Request, member_name: String) -> FeedbackRequest {
    let overdue = feedback::p2_form_state(r.sent_on, r.due_on, r.returned_on, crate::today())
        == feedback::FormState::Missing;
    let late = matches!((r.returned_on, r.due_on), (Some(back), Some(due)) if back > due);
    FeedbackRequest {
        late,
        return_envelope: r.return_envelope,
        id: r.id,
        cycle_id: r.cycle_id,
        member_id: r.member_id,
        member_name,
        source: r.source.to_string(),
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
    /// P2: a postal form goes with a stamped return envelope (only with `delivery` post).
    #[serde(default)]
    pub return_envelope: bool,
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

/// The cycle's feedback requests about the members whose reviews the actor handles (or that
/// are assigned to the actor); a page of them, narrowed to an organisation if asked.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    narrow: Option<i64>,
    w: Window,
) -> Result<FeedbackRequestPage, AppError> {
    let (_, _) = crate::cycles::readable(conn, p, id)?;
    let narrow = Narrow::to(conn, p, narrow)?;
    let requests = store::of_cycle(conn, id)?;
    let members = members_by_id(conn, requests.iter().map(|r| r.member_id).collect())?;
    let seen: Vec<_> = requests
        .into_iter()
        .filter_map(|r| {
            let (m, branch) = members.get(&r.member_id)?;
            let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
            let may = is_assigned || p.access.can_edit_members(branch);
            (may && narrow.keeps(branch)).then(|| (r, m.full_name.clone()))
        })
        .collect();
    Ok(FeedbackRequestPage::of(
        w.cut(seen, |(r, name)| Ok::<_, AppError>(dto(r, name)))?,
        w,
    ))
}

page_of!(
    /// A page of feedback requests.
    FeedbackRequestPage,
    FeedbackRequest
);

/// The requests assigned to the actor (a mass organisation or a residence's representative),
/// only those still open if asked; a page of them, the member's name read for the page only.
pub fn assigned(
    conn: &mut AnyConnection,
    p: &Actor,
    open: bool,
    w: Window,
) -> Result<FeedbackRequestPage, AppError> {
    // A service account has no user and so no inbox.
    let Some(uid) = p.user_id else {
        return Ok(FeedbackRequestPage::of((Vec::new(), 0), w));
    };
    let (rows, total) = w.cut(store::assigned_to(conn, uid, open)?, Ok::<_, AppError>)?;
    // The page's members in one query, as the cycle's list reads them.
    let members = members_by_id(conn, rows.iter().map(|r| r.member_id).collect())?;
    let items = rows
        .into_iter()
        .map(|r| {
            let name = members
                .get(&r.member_id)
                .map(|(m, _)| m.full_name.clone())
                .unwrap_or_default();
            dto(r, name)
        })
        .collect();
    Ok(FeedbackRequestPage::of((items, total), w))
}

/// The source of a request once every field the schema cannot check is right, reported
/// together (422): the source and the delivery are known values, a return envelope goes by
/// post (P2), the due date is not before the sending.
pub fn checked_source(
    source: &str,
    delivery: Option<&str>,
    return_envelope: bool,
    sent_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
) -> Result<Source, AppError> {
    let mut errors = Vec::new();
    let parsed = Source::parse(source);
    if parsed.is_none() {
        errors.push(FieldError::new(
            "source",
            "invalid_choice",
            "Nguồn phải là workplace, residence hoặc key_cadre_meeting",
        ));
    }
    if delivery.is_some_and(|d| Delivery::parse(d).is_none()) {
        errors.push(FieldError::new(
            "delivery",
            "invalid_choice",
            "Cách gửi phải là hand hoặc post",
        ));
    }
    if return_envelope && delivery != Some("post") {
        errors.push(FieldError::new(
            "return_envelope",
            "needs_post",
            "Phong bì dán tem trả lời chỉ đi kèm phiếu gửi qua bưu điện (P2)",
        ));
    }
    if let (Some(s), Some(d)) = (sent_on, due_on)
        && d < s
    {
        errors.push(FieldError::new(
            "due_on",
            "before_sent",
            "Hạn trả phải sau ngày gửi",
        ));
    }
    match parsed {
        Some(source) if errors.is_empty() => Ok(source),
        _ => Err(AppError::Validation(errors)),
    }
}

/// 422 unless the user answers feedback in the app (holds `feedback_provider`).
pub fn check_provider(conn: &mut AnyConnection, uid: i64) -> Result<(), AppError> {
    if users::assignments(conn, uid)?
        .iter()
        .any(|a| a.role == "feedback_provider")
    {
        return Ok(());
    }
    Err(AppError::Validation(vec![FieldError::new(
        "provider_user_id",
        "not_a_provider",
        "Người nhận phải có vai trò góp ý (feedback_provider)",
    )]))
}

/// Asks a source (workplace, residence) for its opinion on a member (plan II.2.2), with a due
/// date; a provider named by account sees it in their list, a paper one is answered for them.
pub fn request(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    b: NewFeedbackRequest,
) -> Result<FeedbackRequest, AppError> {
    let source = checked_source(
        &b.source,
        b.delivery.as_deref(),
        b.return_envelope,
        b.sent_on,
        b.due_on,
    )?;
    let t = target(conn, p, id, b.member_id)?;
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::forbidden("Chi ủy lấy ý kiến về đảng viên"));
    }
    open_for(conn, &t.cycle, source)?;
    if let Some(uid) = b.provider_user_id {
        check_provider(conn, uid)?;
    }
    let rid = store::create(
        conn,
        &NewRequest {
            cycle_id: id,
            member_id: b.member_id,
            source: source.as_str(),
            provider_user_id: b.provider_user_id,
            cluster: b.cluster.as_deref().map(str::trim),
            led_by: b.led_by.as_deref().map(str::trim),
            delivery: b.delivery.as_deref(),
            sent_on: b.sent_on,
            due_on: b.due_on,
            return_envelope: b.return_envelope,
        },
    )?;
    let r = store::get(conn, id, rid)?.ok_or_else(AppError::not_found)?;
    let out = dto(r, t.member.full_name.clone());
    p.audit("request", "feedback")
        .id(rid)
        .org(t.branch_path.clone())
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// Answers a request: its provider, or the branch committee entering a paper answer.
pub fn answer(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    rid: i64,
    b: FeedbackAnswer,
) -> Result<FeedbackRequest, AppError> {
    if b.proposed_level
        .as_deref()
        .is_some_and(|l| !LEVELS.contains(&l))
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "proposed_level",
            "invalid_choice",
            "Mức đề nghị không hợp lệ",
        )]));
    }
    let (cycle, _) = cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let r = store::get(conn, id, rid)?.ok_or_else(AppError::not_found)?;
    let (member, branch) = members::get(conn, r.member_id)?.ok_or_else(AppError::not_found)?;
    let is_assigned = p.user_id.is_some() && r.provider_user_id == p.user_id;
    if !(is_assigned || p.access.can_edit_members(&branch)) {
        return Err(AppError::not_found());
    }
    open_for(conn, &cycle, r.source)?;
    let returned = b.returned_on.unwrap_or_else(crate::today);
    store::answer(
        conn,
        rid,
        b.content.trim(),
        b.proposed_level.as_deref(),
        returned,
        &p.actor(),
    )?;
    let r = store::get(conn, id, rid)?.ok_or_else(AppError::not_found)?;
    let out = dto(r, member.full_name);
    p.audit("answer", "feedback")
        .id(rid)
        .org(branch)
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// The branch committee's opinion on a member in the cycle.
pub fn get_opinion(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
) -> Result<OpinionRecord, AppError> {
    let t = target(conn, p, id, member_id)?;
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::not_found());
    }
    let o = store::opinion(conn, id, member_id)?.ok_or_else(AppError::not_found)?;
    Ok(OpinionRecord {
        member_id,
        content: o.content,
        proposed_level: o.proposed_level,
        written_by: o.written_by,
        updated_at: o.updated_at.and_utc(),
    })
}

/// Records the branch committee's opinion on a member (guidance 2.2.4).
pub fn put_opinion(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    member_id: i64,
    b: Opinion,
) -> Result<OpinionRecord, AppError> {
    if b.proposed_level
        .as_deref()
        .is_some_and(|l| !LEVELS.contains(&l))
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "proposed_level",
            "invalid_choice",
            "Mức đề nghị không hợp lệ",
        )]));
    }
    let t = target(conn, p, id, member_id)?;
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::not_found());
    }
    crate::cycles::writable(&t.cycle)?;
    store::put_opinion(
        conn,
        id,
        member_id,
        b.content.trim(),
        b.proposed_level.as_deref(),
        &p.actor(),
    )?;
    let o = store::opinion(conn, id, member_id)?.ok_or_else(AppError::not_found)?;
    p.audit("opinion", "feedback")
        .id(format!("{id}/{member_id}"))
        .org(t.branch_path.clone())
        .after(&serde_json::json!({ "content": o.content, "proposed_level": o.proposed_level }))
        .record(conn)?;
    Ok(OpinionRecord {
        member_id,
        content: o.content,
        proposed_level: o.proposed_level,
        written_by: o.written_by,
        updated_at: o.updated_at.and_utc(),
    })
}
