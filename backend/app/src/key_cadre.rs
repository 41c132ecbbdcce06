//! Key-cadre meetings (O6): the base committee's leaders are reviewed collectively and
//! individually; the key cadres present give opinions and vote a proposed level for each
//! leader, on the four member levels (M1). Recorded by the committee that runs the cycle,
//! while the `key_cadre_meeting` phase is open; read by the same committee (the proposed
//! levels go to the leaders' own branch meetings and to the appraisal).
//!
//! The same record keeps the leaders' own review meeting of 21–22/11 (plan II.3, kind
//! `leaders_review`, while the `leaders_review` phase is open), with its vote on each committee
//! member; and both keep who attended by name (plan II.2.1, issue #16): when names are given,
//! their number is the number present.

use crate::cycles::managed;
use crate::feedback::open_for;
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::feedback::Source;
use kiemdiem_domain::member::LEVELS;
use kiemdiem_domain::member::o6_proposed_level;
use kiemdiem_store::key_cadre::{self as store, NewAssessment, NewMeeting};
use kiemdiem_store::{AnyConnection, members};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use utoipa::ToSchema;
use validator::Validate;

/// Votes per level, as counted at the meeting.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelVotes {
    #[serde(default)]
    pub excellent: i32,
    #[serde(default)]
    pub good: i32,
    #[serde(default)]
    pub completed: i32,
    #[serde(default)]
    pub not_completed: i32,
}

impl LevelVotes {
    fn as_array(self) -> [i32; 4] {
        [
            self.excellent,
            self.good,
            self.completed,
            self.not_completed,
        ]
    }

    /// The level with the most votes; a tie goes to the lower level (the meeting did not
    /// carry the higher one). None when nobody voted.
    fn plurality(self) -> Option<&'static str> {
        o6_proposed_level(self.as_array())
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct KeyCadreAssessment {
    pub member_id: i64,
    pub member_name: String,
    pub opinion: String,
    pub votes: LevelVotes,
    /// excellent, good, completed or not_completed.
    pub proposed_level: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct KeyCadreMeeting {
    pub id: i64,
    pub cycle_id: i64,
    pub held_on: NaiveDate,
    pub chaired_by: String,
    /// Key cadres present (the votes of each leader add up to at most this).
    pub attendees: i32,
    /// The collective review of the leadership.
    pub collective_opinion: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
    /// key_cadre (plan II.2.1) or leaders_review (II.3: the leaders' review meeting).
    pub kind: String,
    /// Those present, by name (empty for a meeting recorded before names were kept).
    pub attendee_names: Vec<String>,
    pub assessments: Vec<KeyCadreAssessment>,
}

pub fn dto(
    conn: &mut AnyConnection,
    (meeting, assessments): (store::Meeting, Vec<store::Assessment>),
) -> Result<KeyCadreMeeting, AppError> {
    let mut out = Vec::with_capacity(assessments.len());
    for x in assessments {
        let name = members::get(conn, x.member_id)?.map_or_else(String::new, |(m, _)| m.full_name);
        out.push(KeyCadreAssessment {
            member_id: x.member_id,
            member_name: name,
            opinion: x.opinion,
            votes: LevelVotes {
                excellent: x.votes_excellent,
                good: x.votes_good,
                completed: x.votes_completed,
                not_completed: x.votes_not_completed,
            },
            proposed_level: x.proposed_level,
        });
    }
    Ok(KeyCadreMeeting {
        id: meeting.id,
        cycle_id: meeting.cycle_id,
        held_on: meeting.held_on,
        chaired_by: meeting.chaired_by,
        attendees: meeting.attendees,
        collective_opinion: meeting.collective_opinion,
        recorded_by: meeting.recorded_by,
        created_at: meeting.created_at.and_utc(),
        attendee_names: serde_json::from_str(&meeting.attendee_names).unwrap_or_default(),
        kind: meeting.kind,
        assessments: out,
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    pub member_id: i64,
    #[validate(length(min = 1, max = 20000))]
    #[schema(min_length = 1, max_length = 20000)]
    pub opinion: String,
    #[serde(default)]
    pub votes: LevelVotes,
    /// When omitted, the level with the most votes (a tie goes to the lower level).
    pub proposed_level: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewKeyCadreMeeting {
    pub held_on: NaiveDate,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub chaired_by: String,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000)]
    pub attendees: i32,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub collective_opinion: Option<String>,
    #[validate(nested)]
    #[schema(min_items = 1, max_items = 200)]
    pub assessments: Vec<AssessmentInput>,
    /// key_cadre (the default: plan II.2.1) or leaders_review (II.3).
    pub kind: Option<String>,
    /// Those present, by name; when given, as many as `attendees`.
    #[serde(default)]
    #[schema(max_items = 10000)]
    pub attendee_names: Vec<String>,
}

/// The kinds of meeting and the phase each is recorded in.
pub const KINDS: [(&str, &str); 2] = [
    ("key_cadre", "key_cadre_meeting"),
    ("leaders_review", "leaders_review"),
];

/// The checks the schema cannot express; every one is reported.
pub fn check(b: &NewKeyCadreMeeting) -> Result<Vec<&'static str>, AppError> {
    let mut errors = Vec::new();
    let mut levels = Vec::new();
    let mut seen = HashSet::new();
    if let Some(k) = b.kind.as_deref()
        && !KINDS.iter().any(|(x, _)| *x == k)
    {
        errors.push(FieldError::new(
            "kind",
            "invalid_choice",
            "Loại hội nghị phải là key_cadre hoặc leaders_review",
        ));
    }
    let mut names = HashSet::new();
    for (i, n) in b.attendee_names.iter().enumerate() {
        let n = n.trim();
        if n.is_empty() || n.chars().count() > 200 {
            errors.push(FieldError::new(
                format!("attendee_names[{i}]"),
                "length",
                "Họ tên người dự từ 1 đến 200 ký tự",
            ));
        } else if !names.insert(n.to_lowercase()) {
            errors.push(FieldError::new(
                format!("attendee_names[{i}]"),
                "duplicate",
                "Mỗi người dự chỉ ghi một lần",
            ));
        }
    }
    if !b.attendee_names.is_empty()
        && i64::try_from(b.attendee_names.len()).unwrap_or(i64::MAX) != i64::from(b.attendees)
    {
        errors.push(FieldError::new(
            "attendee_names",
            "count_mismatch",
            format!(
                "Danh sách có {} người, số người dự ghi {}",
                b.attendee_names.len(),
                b.attendees
            ),
        ));
    }
    if !(1..=200).contains(&b.assessments.len()) {
        errors.push(FieldError::new(
            "assessments",
            "length",
            "Cần từ 1 đến 200 đồng chí được đánh giá",
        ));
    }
    for (i, x) in b.assessments.iter().enumerate() {
        let at = |f: &str| format!("assessments[{i}].{f}");
        if !seen.insert(x.member_id) {
            errors.push(FieldError::new(
                at("member_id"),
                "duplicate",
                "Mỗi đồng chí chỉ một dòng",
            ));
        }
        let v = x.votes.as_array();
        if v.iter().any(|n| *n < 0) {
            errors.push(FieldError::new(
                at("votes"),
                "negative",
                "Số phiếu không được âm",
            ));
        } else if v.iter().map(|n| i64::from(*n)).sum::<i64>() > i64::from(b.attendees) {
            errors.push(FieldError::new(
                at("votes"),
                "over_attendees",
                format!("Tổng số phiếu vượt số người dự ({})", b.attendees),
            ));
        }
        let level = match x.proposed_level.as_deref() {
            Some(l) => LEVELS.iter().find(|x| **x == l).copied().ok_or_else(|| {
                FieldError::new(
                    at("proposed_level"),
                    "invalid_choice",
                    "Mức đề nghị không hợp lệ",
                )
            }),
            None => x.votes.plurality().ok_or_else(|| {
                FieldError::new(
                    at("proposed_level"),
                    "required",
                    "Cần mức đề nghị hoặc số phiếu",
                )
            }),
        };
        match level {
            Ok(l) => levels.push(l),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(levels)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The cycle's key-cadre meetings (plan II.2.1), for the committee that runs the cycle.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Vec<KeyCadreMeeting>, AppError> {
    let (_, path) = crate::cycles::readable(conn, p, id)?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy điều hành đợt kiểm điểm xem hội nghị cán bộ chủ chốt",
        ));
    }
    store::of_cycle(conn, id)?
        .into_iter()
        .map(|x| dto(conn, x))
        .collect::<Result<Vec<_>, _>>()
}

/// Records a key-cadre meeting with its votes on each assessed member (every count checked).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    b: NewKeyCadreMeeting,
) -> Result<KeyCadreMeeting, AppError> {
    let levels = check(&b)?;
    let (cycle, path) = managed(conn, p, id)?;
    let kind = b.kind.as_deref().unwrap_or("key_cadre");
    phase_open(conn, &cycle, kind)?;
    for x in &b.assessments {
        members::get(conn, x.member_id)?
            .filter(|(_, branch)| branch.starts_with(&path))
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "Không có đảng viên {} trong đợt kiểm điểm này",
                    x.member_id
                ))
            })?;
    }
    let assessments: Vec<NewAssessment<'_>> = b
        .assessments
        .iter()
        .zip(&levels)
        .map(|(x, level)| NewAssessment {
            member_id: x.member_id,
            opinion: x.opinion.trim(),
            votes: x.votes.as_array(),
            proposed_level: level,
        })
        .collect();
    let actor = p.actor();
    let mid = store::create(
        conn,
        &NewMeeting {
            cycle_id: id,
            held_on: b.held_on,
            chaired_by: b.chaired_by.trim(),
            attendees: b.attendees,
            collective_opinion: b
                .collective_opinion
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            recorded_by: &actor,
            kind,
            attendee_names: &serde_json::to_string(
                &b.attendee_names
                    .iter()
                    .map(|n| n.trim())
                    .collect::<Vec<_>>(),
            )
            .map_err(|e| AppError::Internal(e.to_string()))?,
        },
        &assessments,
    )?;
    let found = store::get(conn, id, mid)?.ok_or_else(AppError::not_found)?;
    let out = dto(conn, found)?;
    p.audit("record", "key_cadre_meeting")
        .id(mid)
        .org(path)
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// 409 unless the phase a meeting of `kind` is recorded in is open (the key-cadre meeting's
/// is the feedback phase of that source).
fn phase_open(
    conn: &mut AnyConnection,
    cycle: &kiemdiem_store::cycles::Cycle,
    kind: &str,
) -> Result<(), AppError> {
    if kind == "key_cadre" {
        return open_for(conn, cycle, Source::KeyCadreMeeting);
    }
    let phase = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, ph)| *ph);
    crate::feedback::phase_open(
        conn,
        cycle,
        phase,
        "Giai đoạn kiểm điểm Ban Giám hiệu, Đảng ủy đã đóng",
    )
}

/// Removes a meeting entered by mistake while its phase is open.
pub fn remove(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    meeting_id: i64,
) -> Result<(), AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let found = store::get(conn, id, meeting_id)?.ok_or_else(AppError::not_found)?;
    phase_open(conn, &cycle, &found.0.kind)?;
    let before = dto(conn, found)?;
    store::delete(conn, meeting_id)?;
    p.audit("remove", "key_cadre_meeting")
        .id(meeting_id)
        .org(path)
        .before(&before)
        .record(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proposed_level_is_the_plurality_and_a_tie_goes_lower() {
        let v = |e, g, c, n| LevelVotes {
            excellent: e,
            good: g,
            completed: c,
            not_completed: n,
        };
        assert_eq!(v(5, 2, 0, 0).plurality(), Some("excellent"));
        assert_eq!(v(3, 3, 1, 0).plurality(), Some("good"));
        assert_eq!(v(0, 0, 0, 0).plurality(), None);
    }
}
