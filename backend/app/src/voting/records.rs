//! What the branch meeting records beside the votes (issue #16): the tally minutes' facts
//! (guidance 2.2.4: the counting committee chosen by the branch committee counts the ballots
//! and reports; the minutes name the ballots issued, returned, valid and invalid) and, per
//! member, the opinions the meeting gave (D2: the summary of opinions filed for each member)
//! and, for a member classified `completed`, the shortcomings with the date to remedy them
//! (guidance 2.2.5c, M9 end; required at finalize).

use super::{Ctx, managed};
use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::voting::SessionStatus;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::records::{self as store, MeetingNote, TallyMinutes};
use kiemdiem_store::voting as sessions;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The longest name a counting committee member, chair or recorder may have.
const NAME_MAX: usize = 120;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TallyMinutesInput {
    /// Ballots handed to the voters present.
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub ballots_issued: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub ballots_returned: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub ballots_valid: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub ballots_invalid: i32,
    /// The counting committee (ban kiểm phiếu), its head first: 1 to 7 names.
    #[validate(length(min = 1, max = 7))]
    #[schema(min_items = 1, max_items = 7)]
    pub counting_committee: Vec<String>,
    /// Who chaired the meeting.
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub chaired_by: String,
    /// Who kept the minutes (thư ký).
    #[validate(length(min = 1, max = 120))]
    #[schema(min_length = 1, max_length = 120)]
    pub recorded_by: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TallyMinutesRecord {
    #[serde(flatten)]
    pub input: TallyMinutesInput,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MeetingNoteInput {
    /// The opinions the branch meeting gave on the member (D2), as summarised by the recorder.
    #[validate(length(max = 8000))]
    #[schema(max_length = 8000)]
    pub opinions: Option<String>,
    /// A member classified `completed`: the shortcomings to remedy (M9 end). With `remedy_by`.
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub shortcomings: Option<String>,
    /// The date by which to remedy them, after the meeting. With `shortcomings`.
    pub remedy_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct MeetingNoteRecord {
    pub opinions: Option<String>,
    pub shortcomings: Option<String>,
    pub remedy_by: Option<NaiveDate>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl From<MeetingNote> for MeetingNoteRecord {
    fn from(n: MeetingNote) -> Self {
        MeetingNoteRecord {
            opinions: n.opinions,
            shortcomings: n.shortcomings,
            remedy_by: n.remedy_by,
            updated_by: n.updated_by,
            updated_at: n.updated_at.and_utc(),
        }
    }
}

pub fn minutes_record(m: TallyMinutes) -> TallyMinutesRecord {
    TallyMinutesRecord {
        input: TallyMinutesInput {
            ballots_issued: m.ballots_issued,
            ballots_returned: m.ballots_returned,
            ballots_valid: m.ballots_valid,
            ballots_invalid: m.ballots_invalid,
            counting_committee: serde_json::from_str(&m.counting_committee).unwrap_or_default(),
            chaired_by: m.chaired_by,
            recorded_by: m.recorded_by_name,
        },
        updated_by: m.updated_by,
        updated_at: m.updated_at.and_utc(),
    }
}

/// Records are kept until the base committee approves the branch's proposal; after that the
/// minutes are the ones filed.
fn editable(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.session.status == SessionStatus::Approved {
        return Err(AppError::conflict(
            "session_approved",
            "Đảng ủy đã phê duyệt kết quả của phiên; biên bản không sửa được nữa",
        ));
    }
    Ok(())
}

fn clean(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The checks the schema cannot express, every one reported: the counts add up (returned ≤
/// issued ≤ voters present, valid + invalid = returned), no blank or over-long name.
pub fn check_minutes(m: &TallyMinutesInput, voters_present: u32) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if i64::from(m.ballots_issued) > i64::from(voters_present) {
        errors.push(FieldError::new(
            "ballots_issued",
            "over_present",
            format!(
                "Số phiếu phát ra vượt số đảng viên có quyền biểu quyết có mặt ({voters_present})"
            ),
        ));
    }
    if m.ballots_returned > m.ballots_issued {
        errors.push(FieldError::new(
            "ballots_returned",
            "over_issued",
            "Số phiếu thu vào vượt số phiếu phát ra",
        ));
    }
    if i64::from(m.ballots_valid) + i64::from(m.ballots_invalid) != i64::from(m.ballots_returned) {
        errors.push(FieldError::new(
            "ballots_invalid",
            "sum",
            "Số phiếu hợp lệ và không hợp lệ phải cộng lại bằng số phiếu thu vào",
        ));
    }
    for (i, n) in m.counting_committee.iter().enumerate() {
        if blank(n) || n.chars().count() > NAME_MAX {
            errors.push(FieldError::new(
                format!("counting_committee[{i}]"),
                "length",
                "Cần họ tên (tối đa 120 ký tự)",
            ));
        }
    }
    for (field, v) in [
        ("chaired_by", &m.chaired_by),
        ("recorded_by", &m.recorded_by),
    ] {
        if blank(v) {
            errors.push(FieldError::new(field, "required", "Cần họ tên"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The branch committee records the minutes' facts of its session (replacing earlier ones).
pub fn put_minutes(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    input: TallyMinutesInput,
) -> Result<TallyMinutesRecord, AppError> {
    managed(conn, p, sid)?;
    sessions::lock(conn, sid)?;
    let ctx = managed(conn, p, sid)?;
    editable(&ctx)?;
    // M5: the voters present, as the session's page counts them.
    let rules = super::rules_of(&ctx.cycle)?;
    let roll = sessions::roll(conn, sid)?;
    let subjects = super::subjects(conn, &ctx.cycle, &rules, roll)?;
    let all: Vec<_> = subjects.iter().map(|s| s.input.clone()).collect();
    let (_, voters_present) = kiemdiem_domain::classification::denominator(&all);
    check_minutes(&input, voters_present)?;
    let before = store::minutes(conn, sid)?.map(minutes_record);
    let names: Vec<String> = input
        .counting_committee
        .iter()
        .map(|n| n.trim().to_owned())
        .collect();
    store::put_minutes(
        conn,
        &TallyMinutes {
            session_id: sid,
            ballots_issued: input.ballots_issued,
            ballots_returned: input.ballots_returned,
            ballots_valid: input.ballots_valid,
            ballots_invalid: input.ballots_invalid,
            counting_committee: serde_json::to_string(&names)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            chaired_by: input.chaired_by.trim().to_owned(),
            recorded_by_name: input.recorded_by.trim().to_owned(),
            updated_by: p.actor(),
            updated_at: chrono::Utc::now().naive_utc(),
        },
    )?;
    let after = store::minutes(conn, sid)?
        .map(minutes_record)
        .ok_or_else(|| AppError::Internal("minutes not written".into()))?;
    p.audit("record", "tally_minutes")
        .id(sid)
        .org(ctx.branch.path.clone())
        .before(&before)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// The branch committee records the meeting's opinions on one member of the roll and, for a
/// member the ballot classifies `completed`, the shortcomings and the date to remedy them.
/// Written until the session is finalized (the results then carry the shortcomings).
pub fn put_note(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    member_id: i64,
    input: MeetingNoteInput,
) -> Result<Option<MeetingNoteRecord>, AppError> {
    managed(conn, p, sid)?;
    sessions::lock(conn, sid)?;
    let ctx = managed(conn, p, sid)?;
    if !sessions::roll(conn, sid)?
        .iter()
        .any(|r| r.member_id == member_id)
    {
        return Err(AppError::not_found());
    }
    if !matches!(
        ctx.session.status,
        SessionStatus::Open | SessionStatus::Closed
    ) {
        return Err(AppError::conflict(
            "session_finalized",
            "Phiên đã kết thúc; ý kiến và khuyết điểm đã được ghi vào kết quả",
        ));
    }
    let opinions = clean(input.opinions.as_deref());
    let shortcomings = clean(input.shortcomings.as_deref());
    let mut errors = Vec::new();
    match (shortcomings, input.remedy_by) {
        (Some(_), None) => errors.push(FieldError::new(
            "remedy_by",
            "required",
            "Cần hạn khắc phục cho khuyết điểm (M9)",
        )),
        (None, Some(_)) => errors.push(FieldError::new(
            "shortcomings",
            "required",
            "Cần nêu khuyết điểm cần khắc phục (M9)",
        )),
        (_, Some(d)) if d <= ctx.session.held_on => errors.push(FieldError::new(
            "remedy_by",
            "before_meeting",
            format!(
                "Hạn khắc phục phải sau ngày họp ({})",
                ctx.session.held_on.format("%d/%m/%Y")
            ),
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let before = store::notes(conn, sid)?
        .into_iter()
        .find(|n| n.member_id == member_id)
        .map(MeetingNoteRecord::from);
    store::put_note(
        conn,
        sid,
        member_id,
        opinions,
        shortcomings.zip(input.remedy_by),
        &p.actor(),
    )?;
    let after = store::notes(conn, sid)?
        .into_iter()
        .find(|n| n.member_id == member_id)
        .map(MeetingNoteRecord::from);
    p.audit("record", "meeting_note")
        .id(format!("{sid}/{member_id}"))
        .org(ctx.branch.path.clone())
        .before(&before)
        .after(&after)
        .record(conn)?;
    Ok(after)
}
