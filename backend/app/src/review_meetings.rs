//! Guidance C.4 (issue #16): "before holding the collective and individual review meetings,
//! units report to the standing-committee member and the superior's leaders in charge so that
//! they can arrange to attend and guide them; and notify the party-building boards, the
//! inspection commission and the office, which send someone to attend."
//!
//! The committee that runs a cycle schedules its review meetings (subject, time, place), names
//! the superior's representatives it invites, and records the notice when it sends it. The
//! committees above and the inspection commissions read them; once notified, a meeting still
//! to come appears among the superior's committee's notifications. Changing the time or the
//! place of a notified meeting withdraws the notice: the superior must be told again. Every
//! change names the version it was made on (412 otherwise).

use crate::actor::Actor;
use crate::cycles::{managed, readable};
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use kiemdiem_store::{AnyConnection, review_meetings as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// A representative of the superior invited to the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Invitee {
    /// e.g. "Đồng chí Nguyễn Văn A".
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// Whom they represent, e.g. "Ban Thường vụ Thành ủy", "Ủy ban Kiểm tra Thành ủy".
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewMeeting {
    pub id: i64,
    pub cycle_id: i64,
    /// What the meeting reviews, e.g. "Kiểm điểm tập thể Ban Thường vụ Đảng ủy".
    pub subject: String,
    /// Local time in Vietnam.
    pub held_at: NaiveDateTime,
    pub place: String,
    pub invited: Vec<Invitee>,
    /// When the superior was notified; none until then, and again none after the time or
    /// place changed.
    pub notified_at: Option<DateTime<Utc>>,
    pub notified_by: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReviewMeetingInput {
    /// 0 for a new meeting; else the version it was changed from (412 when changed since).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub subject: String,
    /// Local time in Vietnam, e.g. 2016-11-21T08:00:00.
    pub held_at: NaiveDateTime,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub place: String,
    #[validate(length(max = 30), nested)]
    #[schema(max_items = 30)]
    pub invited: Vec<Invitee>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NoticeInput {
    /// The version the notice was written on (412 when the meeting changed since).
    #[validate(range(min = 1))]
    pub version: i32,
}

fn out(m: store::Meeting) -> ReviewMeeting {
    ReviewMeeting {
        invited: serde_json::from_str(&m.invited).unwrap_or_default(),
        id: m.id,
        cycle_id: m.cycle_id,
        subject: m.subject,
        held_at: m.held_at,
        place: m.place,
        notified_at: m.notified_at.map(|d| d.and_utc()),
        notified_by: m.notified_by,
        version: m.version,
        updated_by: m.updated_by,
        updated_at: m.updated_at.and_utc(),
    }
}

/// Who reads a cycle's meetings: the committee that runs it and those above, and the
/// inspection commissions over it (C.4 tells them too).
fn reads(p: &Actor, path: &str) -> Result<(), AppError> {
    if p.access.can_administer(path) || p.access.can_inspect(path) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Cấp ủy điều hành đợt kiểm điểm, cấp ủy và ủy ban kiểm tra cấp trên xem lịch hội nghị kiểm điểm",
        ))
    }
}

/// The cycle's review meetings, by time.
pub fn list(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Vec<ReviewMeeting>, AppError> {
    let (_, path) = readable(conn, p, id)?;
    reads(p, &path)?;
    Ok(store::of_cycle(conn, id)?.into_iter().map(out).collect())
}

/// The checks the schema cannot express, every one reported: blank text, a time outside the
/// cycle's year and the next, an invitee named twice.
fn check(input: &ReviewMeetingInput, year: i32) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (field, value) in [("subject", &input.subject), ("place", &input.place)] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Không được để trống"));
        }
    }
    if !(year..=year + 1).contains(&input.held_at.year()) {
        errors.push(FieldError::new(
            "held_at",
            "wrong_year",
            format!("Thời gian họp phải trong năm {year} hoặc năm {}", year + 1),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, inv) in input.invited.iter().enumerate() {
        for (field, value) in [("name", &inv.name), ("body", &inv.body)] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("invited[{i}].{field}"),
                    "required",
                    "Không được để trống",
                ));
            }
        }
        if !inv.name.trim().is_empty() && !seen.insert(inv.name.trim().to_lowercase()) {
            errors.push(FieldError::new(
                format!("invited[{i}].name"),
                "duplicate",
                "Đại biểu này đã có trong danh sách mời",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn invited_json(input: &ReviewMeetingInput) -> String {
    let trimmed: Vec<Invitee> = input
        .invited
        .iter()
        .map(|i| Invitee {
            name: i.name.trim().to_owned(),
            body: i.body.trim().to_owned(),
        })
        .collect();
    serde_json::to_string(&trimmed).unwrap_or_else(|_| "[]".into())
}

/// A new meeting (`version` 0), not yet notified.
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    input: ReviewMeetingInput,
) -> Result<ReviewMeeting, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    check(&input, cycle.year)?;
    if input.version != 0 {
        return Err(AppError::PreconditionFailed);
    }
    let invited = invited_json(&input);
    let fields = store::Fields {
        subject: input.subject.trim(),
        held_at: input.held_at,
        place: input.place.trim(),
        invited: &invited,
    };
    let mid = store::create(conn, id, &fields, &p.actor())?;
    let after = out(store::get(conn, id, mid)?.ok_or_else(AppError::not_found)?);
    p.audit("create", "review_meeting")
        .id(mid)
        .org(path)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// A change made on `version`; a notified meeting whose time or place changes is no longer
/// notified.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    meeting_id: i64,
    input: ReviewMeetingInput,
) -> Result<ReviewMeeting, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let before = store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?;
    check(&input, cycle.year)?;
    let invited = invited_json(&input);
    let fields = store::Fields {
        subject: input.subject.trim(),
        held_at: input.held_at,
        place: input.place.trim(),
        invited: &invited,
    };
    let renotify = before.held_at != fields.held_at || before.place != fields.place;
    if input.version != before.version
        || !store::update(
            conn,
            meeting_id,
            input.version,
            &fields,
            renotify,
            &p.actor(),
        )?
    {
        return Err(AppError::PreconditionFailed);
    }
    let after = out(store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?);
    p.audit("update", "review_meeting")
        .id(meeting_id)
        .org(path)
        .before(&out(before))
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// The superior notified of the meeting (C.4): it needs someone invited, and a meeting still
/// to come (409 otherwise).
pub fn notify(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    meeting_id: i64,
    input: NoticeInput,
) -> Result<ReviewMeeting, AppError> {
    let (_, path) = managed(conn, p, id)?;
    let before = store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?;
    if input.version != before.version {
        return Err(AppError::PreconditionFailed);
    }
    if out(before.clone()).invited.is_empty() {
        return Err(AppError::conflict(
            "no_invitees",
            "Chưa mời đại biểu cấp trên nào: hãy ghi người được mời trước khi báo cáo cấp trên",
        ));
    }
    if before.held_at < crate::now_local() {
        return Err(AppError::conflict(
            "meeting_past",
            "Hội nghị đã diễn ra: không còn báo cáo cấp trên để bố trí dự",
        ));
    }
    if !store::notify(conn, meeting_id, input.version, &p.actor())? {
        return Err(AppError::PreconditionFailed);
    }
    let after = out(store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?);
    p.audit("notify", "review_meeting")
        .id(meeting_id)
        .org(path)
        .before(&out(before))
        .after(&after)
        .record(conn)?;
    Ok(after)
}

pub fn remove(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    meeting_id: i64,
) -> Result<(), AppError> {
    let (_, path) = managed(conn, p, id)?;
    let before = store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?;
    store::delete(conn, meeting_id)?;
    p.audit("remove", "review_meeting")
        .id(meeting_id)
        .org(path)
        .before(&out(before))
        .record(conn)?;
    Ok(())
}
