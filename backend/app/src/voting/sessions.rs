//! A voting session as its users see it (the roll with each member's tally and the engine's
//! view, the live outcome, the stored results) and its use cases: the double-entered paper
//! tallies and finalizing (guidance 2.2.4–2.2.6, M3–M11, Q1–Q4).

use super::{Ctx, Subject, branch_input, managed, open_or_conflict, rules_of, subjects};
use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use crate::paging::{Narrow, Window};
use crate::preview::{PreviewMember, PreviewResponse, input_errors, response};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::classification::{self as engine, Votes};
use kiemdiem_domain::rule_set::RuleSet;
use kiemdiem_domain::voting::SessionStatus;
use kiemdiem_store::voting::{self as store, NewResult, NewSession, RollEntry};
use kiemdiem_store::{AnyConnection, cycles, members, organizations};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Tally {
    /// none, first_entry (one user has entered it), mismatch (two entries differ), confirmed.
    pub state: String,
    pub entries: u32,
    /// Where the two entries differ (excellent, good, completed, not_completed), never the
    /// numbers: the second person enters blind.
    pub mismatch: Vec<String>,
    /// The confirmed numbers, or the caller's own entry.
    pub votes: Option<TallyVotes>,
    /// The caller entered one of the two.
    pub entered_by_me: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RollMember {
    pub member_id: i64,
    pub full_name: String,
    pub official: bool,
    pub exempt: bool,
    pub attached: bool,
    /// Classified in this session.
    pub subject: bool,
    pub present: bool,
    pub faults: bool,
    /// Has a leadership post (M8 looks at the unit and the party organisation).
    pub leader: bool,
    pub leader_unit_rating: Option<String>,
    pub leader_party_org_rating: Option<String>,
    pub tally: Tally,
    /// What the meeting recorded on the member: opinions (D2), shortcomings (M9 end).
    pub note: Option<super::records::MeetingNoteRecord>,
    /// The member as the preview takes it (votes: the confirmed tally), for live results.
    pub input: PreviewMember,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionSummary {
    pub id: i64,
    pub cycle_id: i64,
    pub branch_id: i64,
    pub branch_name: String,
    /// regular or supplementary (M3).
    pub kind: String,
    /// paper_tally or electronic.
    pub mode: String,
    /// open, closed (electronic voting ended), finalized (proposed), approved, returned.
    pub status: String,
    pub held_on: NaiveDate,
    /// Q3: the branch claims especially outstanding achievements (20% instead of 15%).
    pub outstanding_unit: bool,
    /// Q3: the superior's decision on the claim: approved, refused, or none yet (the 15%
    /// quota applies until it is approved).
    pub outstanding_decision: Option<String>,
    pub outstanding_decided_by: Option<String>,
    pub opened_by: String,
    pub finalized_by: Option<String>,
    pub finalized_at: Option<DateTime<Utc>>,
    pub appraised_by: Option<String>,
    pub appraisal_comment: Option<String>,
    pub appraised_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VotingSession {
    #[serde(flatten)]
    pub summary: SessionSummary,
    /// D of M5 and the voters present.
    pub denominator: u32,
    pub voters_present: u32,
    pub registered: u32,
    /// Sorted the Vietnamese way.
    pub roll: Vec<RollMember>,
    /// Electronic: ballots cast so far (who voted is not shown).
    pub ballots_cast: u32,
    /// The engine over the confirmed tallies (zero where none yet), or over the counted
    /// ballots once an electronic session is closed; none while electronic voting is open.
    pub outcome: Option<PreviewResponse>,
    /// Stored once finalized.
    pub results: Vec<ResultRecord>,
    /// The tally minutes' facts (ballots, counting committee), once recorded.
    pub tally_minutes: Option<super::records::TallyMinutesRecord>,
}

pub fn summary(ctx: &Ctx) -> SessionSummary {
    let s = &ctx.session;
    SessionSummary {
        id: s.id,
        cycle_id: s.cycle_id,
        branch_id: s.branch_id,
        branch_name: ctx.branch.name.clone(),
        kind: s.kind.clone(),
        mode: s.mode.clone(),
        status: s.status.as_str().to_owned(),
        held_on: s.held_on,
        outstanding_unit: s.outstanding_unit,
        outstanding_decision: s.outstanding_decision.clone(),
        outstanding_decided_by: s.outstanding_decided_by.clone(),
        opened_by: s.opened_by.clone(),
        finalized_by: s.finalized_by.clone(),
        finalized_at: s.finalized_at.map(|d| d.and_utc()),
        appraised_by: s.appraised_by.clone(),
        appraisal_comment: s.appraisal_comment.clone(),
        appraised_at: s.appraised_at.map(|d| d.and_utc()),
    }
}

const FIELDS: [&str; 4] = ["excellent", "good", "completed", "not_completed"];

fn tally_of(entries: &[&store::TallyEntry], me: Option<i64>) -> Tally {
    let mine = entries.iter().find(|e| Some(e.entered_by_user_id) == me);
    match entries {
        [] => Tally {
            state: "none".into(),
            entries: 0,
            mismatch: vec![],
            votes: None,
            entered_by_me: false,
        },
        [_] => Tally {
            state: "first_entry".into(),
            entries: 1,
            mismatch: vec![],
            votes: mine.map(|e| TallyVotes::from_entry(e)),
            entered_by_me: mine.is_some(),
        },
        [a, b, ..] => {
            let mismatch: Vec<String> = FIELDS
                .iter()
                .zip(a.votes().iter().zip(b.votes()))
                .filter(|(_, (x, y))| *x != y)
                .map(|(f, _)| (*f).to_owned())
                .collect();
            let confirmed = mismatch.is_empty();
            Tally {
                state: if confirmed { "confirmed" } else { "mismatch" }.into(),
                entries: 2,
                votes: if confirmed {
                    Some(TallyVotes::from_entry(a))
                } else {
                    mine.map(|e| TallyVotes::from_entry(e))
                },
                mismatch,
                entered_by_me: mine.is_some(),
            }
        }
    }
}

/// Confirmed votes per member (paper), or counted ballots (electronic, once closed).
pub fn counted_votes(
    conn: &mut AnyConnection,
    ctx: &Ctx,
) -> Result<Option<HashMap<i64, Votes>>, AppError> {
    let mut out: HashMap<i64, Votes> = HashMap::new();
    if ctx.session.mode == "electronic" {
        if ctx.session.status == SessionStatus::Open {
            return Ok(None);
        }
        for (member, [e, g, c, n]) in store::ballot_counts(conn, ctx.session.id)? {
            let v = out.entry(member).or_default();
            v.excellent += u32::try_from(e).unwrap_or(0);
            v.good += u32::try_from(g).unwrap_or(0);
            v.completed += u32::try_from(c).unwrap_or(0);
            v.not_completed += u32::try_from(n).unwrap_or(0);
        }
        return Ok(Some(out));
    }
    let all = store::tallies(conn, ctx.session.id)?;
    let mut by_member: HashMap<i64, Vec<&store::TallyEntry>> = HashMap::new();
    for e in &all {
        by_member.entry(e.member_id).or_default().push(e);
    }
    for (member, entries) in by_member {
        if let [a, b] = entries.as_slice()
            && a.votes() == b.votes()
        {
            out.insert(member, TallyVotes::from_entry(a).engine());
        }
    }
    Ok(Some(out))
}

pub fn detail(conn: &mut AnyConnection, p: &Actor, ctx: &Ctx) -> Result<VotingSession, AppError> {
    let rules = rules_of(&ctx.cycle)?;
    let roll = store::roll(conn, ctx.session.id)?;
    let subjects = subjects(conn, &ctx.cycle, &rules, roll)?;
    let entries = store::tallies(conn, ctx.session.id)?;
    let counted = counted_votes(conn, ctx)?;
    let all: Vec<engine::MemberInput> = subjects.iter().map(|s| s.input.clone()).collect();
    let (denominator, voters_present) = engine::denominator(&all);
    let registered = u32::try_from(all.iter().filter(|m| !m.attached).count()).unwrap_or(0);
    let mut notes = kiemdiem_store::records::notes(conn, ctx.session.id)?;
    let mut roll_out = Vec::with_capacity(subjects.len());
    for s in &subjects {
        let mine: Vec<&store::TallyEntry> = entries
            .iter()
            .filter(|e| e.member_id == s.roll.member_id)
            .collect();
        let votes = counted
            .as_ref()
            .and_then(|c| c.get(&s.roll.member_id).copied())
            .unwrap_or_default();
        roll_out.push(RollMember {
            member_id: s.roll.member_id,
            full_name: s.name.clone(),
            official: s.roll.official,
            exempt: s.roll.exempt,
            attached: s.roll.attached,
            subject: s.roll.subject,
            present: s.roll.present,
            faults: s.roll.faults,
            leader: s.input.leadership.is_some(),
            leader_unit_rating: s.roll.leader_unit_rating.clone(),
            leader_party_org_rating: s.roll.leader_party_org_rating.clone(),
            tally: tally_of(&mine, p.user_id),
            note: notes
                .iter()
                .position(|n| n.member_id == s.roll.member_id)
                .map(|i| notes.swap_remove(i).into()),
            input: crate::preview::as_preview(s, votes),
        });
    }
    let outcome = match &counted {
        Some(c) => Some(run(conn, ctx, &rules, &subjects, c)?),
        None => None,
    };
    let mut results = Vec::new();
    for r in store::results_of_session(conn, ctx.session.id)? {
        let name = subjects
            .iter()
            .find(|s| s.roll.member_id == r.member_id)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        results.push(result_dto(r, name));
    }
    Ok(VotingSession {
        summary: summary(ctx),
        denominator,
        voters_present,
        registered,
        roll: roll_out,
        ballots_cast: u32::try_from(store::participations(conn, ctx.session.id)?.len())
            .unwrap_or(0),
        outcome,
        results,
        tally_minutes: kiemdiem_store::records::minutes(conn, ctx.session.id)?
            .map(super::records::minutes_record),
    })
}

/// The engine over the session's subjects with the given votes; warnings for leaders whose
/// ratings were not recorded.
pub fn run(
    conn: &mut AnyConnection,
    ctx: &Ctx,
    rules: &RuleSet,
    subjects: &[Subject],
    votes: &HashMap<i64, Votes>,
) -> Result<PreviewResponse, AppError> {
    let branch = branch_input(conn, ctx, subjects, rules)?;
    let members: Vec<engine::MemberInput> = subjects
        .iter()
        .filter(|s| branch.prior.is_none() || s.roll.subject)
        .map(|s| {
            let mut m = s.input.clone();
            m.votes = votes.get(&s.roll.member_id).copied().unwrap_or_default();
            m
        })
        .collect();
    let out = engine::classify(rules, ctx.cycle.reference_date, branch, &members)
        .map_err(input_errors)?;
    let mut resp = response(rules, &members, out);
    for s in subjects.iter().filter(|s| s.leader_ratings_missing) {
        resp.warnings.push(crate::preview::PreviewWarning {
            code: "M8-leader-ratings".into(),
            member_id: Some(s.input.id.clone()),
            message: format!(
                "{}: chưa ghi xếp loại đơn vị và tổ chức đảng nơi lãnh đạo; chưa đủ điều kiện mức xuất sắc (M8)",
                s.name
            ),
        });
    }
    Ok(resp)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultRecord {
    pub id: i64,
    pub member_id: i64,
    pub full_name: String,
    /// classified, pending, not_classified or unresolved.
    pub status: String,
    pub level: Option<String>,
    pub cap: Option<String>,
    pub reasons: Vec<String>,
    pub votes: TallyVotes,
    /// Classified in a supplementary session (reported as a supplement, M3).
    pub supplementary: bool,
    /// proposed, approved, returned or cancelled (M12).
    pub state: String,
    pub cancelled_reason: Option<String>,
    pub replaces_id: Option<i64>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// After a re-classification (M12): the base-wide quota check (Q5), a warning that does
    /// not block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// M9 end: a `completed` member's shortcomings and the date to remedy them.
    pub shortcomings: Option<String>,
    pub remedy_by: Option<NaiveDate>,
}

pub fn result_dto(r: store::Result_, full_name: String) -> ResultRecord {
    ResultRecord {
        id: r.id,
        member_id: r.member_id,
        full_name,
        status: r.status.to_string(),
        level: r.level,
        cap: r.cap,
        reasons: r
            .reasons
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        votes: TallyVotes {
            excellent: r.votes_excellent.into(),
            good: r.votes_good.into(),
            completed: r.votes_completed.into(),
            not_completed: r.votes_not_completed.into(),
        },
        supplementary: r.supplementary,
        state: r.state.to_string(),
        cancelled_reason: r.cancelled_reason,
        replaces_id: r.replaces_id,
        created_by: r.created_by,
        created_at: r.created_at.and_utc(),
        warnings: Vec::new(),
        shortcomings: r.shortcomings,
        remedy_by: r.remedy_by,
    }
}

/// Votes per level for one member.
#[derive(
    Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq, Validate,
)]
#[serde(deny_unknown_fields)]
pub struct TallyVotes {
    #[serde(default)]
    pub excellent: i64,
    #[serde(default)]
    pub good: i64,
    #[serde(default)]
    pub completed: i64,
    #[serde(default)]
    pub not_completed: i64,
}

impl TallyVotes {
    pub fn from_entry(e: &store::TallyEntry) -> Self {
        let [a, b, c, d] = e.votes();
        TallyVotes {
            excellent: a.into(),
            good: b.into(),
            completed: c.into(),
            not_completed: d.into(),
        }
    }

    pub fn engine(self) -> Votes {
        let v = |x: i64| u32::try_from(x).unwrap_or(0);
        Votes {
            excellent: v(self.excellent),
            good: v(self.good),
            completed: v(self.completed),
            not_completed: v(self.not_completed),
        }
    }
}

/// Enters a member's tally (paper). The first person's entry waits for a second, by another
/// user; the tally counts only when both match (a mismatch names the fields, never the
/// numbers). Re-entering replaces one's own entry. M5: no more votes than voters present.
pub fn put_tally(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    member_id: i64,
    v: TallyVotes,
) -> Result<Tally, AppError> {
    let mut errors = Vec::new();
    for (f, x) in FIELDS
        .iter()
        .zip([v.excellent, v.good, v.completed, v.not_completed])
    {
        if !(0..=100_000).contains(&x) {
            errors.push(FieldError {
                field: (*f).into(),
                code: "out_of_range".into(),
                message: "Số phiếu phải từ 0 đến 100000".into(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let ctx = managed(conn, p, sid)?;
    let Some(user) = p.user_id else {
        return Err(AppError::forbidden("Người kiểm phiếu phải là người dùng"));
    };
    store::lock(conn, sid)?;
    open_or_conflict(&ctx.session)?;
    if ctx.session.mode != "paper_tally" {
        return Err(AppError::conflict(
            "not_paper",
            "Phiên bỏ phiếu điện tử không nhập phiếu giấy",
        ));
    }
    let roll = store::roll(conn, sid)?;
    // Tallies only for the members classified here (issue #13: not attached, M5;
    // not admitted under six months, M4).
    let rules = rules_of(&ctx.cycle)?;
    let Some(subject) = super::subject_on(conn, &ctx.cycle, &rules, &roll, member_id)? else {
        return Err(AppError::not_found());
    };
    if !super::voted_on(&subject, &rules, &ctx.cycle) {
        return Err(AppError::conflict(
            "not_voted_on",
            "Đảng viên này không được biểu quyết xếp loại ở chi bộ (M4, M5)",
        ));
    }
    let present = roll
        .iter()
        .filter(|r| r.official && !r.attached && r.present)
        .count() as i64;
    let total = v.excellent + v.good + v.completed + v.not_completed;
    if total > present {
        return Err(AppError::field(
            "votes",
            "over_voters_present",
            format!(
                "{total} phiếu, nhiều hơn số đảng viên có quyền biểu quyết có mặt ({present}) (M5)"
            ),
        ));
    }
    let entries: Vec<store::TallyEntry> = store::tallies(conn, sid)?
        .into_iter()
        .filter(|e| e.member_id == member_id)
        .collect();
    let slot = match entries
        .iter()
        .find(|e| e.entered_by_user_id == user)
        .map(|e| e.entry_no)
    {
        Some(n) => n,
        None if entries.is_empty() => 1,
        None if entries.len() == 1 => 3 - entries[0].entry_no,
        None => {
            return Err(AppError::conflict(
                "tally_complete",
                "Hai người khác đã nhập phiếu của đảng viên này; một trong hai người nhập lại để sửa",
            ));
        }
    };
    let votes =
        [v.excellent, v.good, v.completed, v.not_completed].map(|x| i32::try_from(x).unwrap_or(0));
    store::put_tally(conn, sid, member_id, slot, user, votes)?;
    let after: Vec<store::TallyEntry> = store::tallies(conn, sid)?
        .into_iter()
        .filter(|e| e.member_id == member_id)
        .collect();
    let refs: Vec<&store::TallyEntry> = after.iter().collect();
    let out = tally_of(&refs, Some(user));
    p.audit("tally", "voting_session")
        .id(format!("{sid}/{member_id}/{slot}"))
        .org(ctx.branch.path.clone())
        .after(&serde_json::json!({ "entry": slot, "state": out.state }))
        .record(conn)?;
    Ok(out)
}

/// Finalizes: the engine computes every result from the confirmed tallies (or the counted
/// ballots) and the member data, applies the quota, and the branch's proposal goes to the base
/// committee. Under the session's lock: a second finalization finds it finalized (409).
pub fn finalize(conn: &mut AnyConnection, p: &Actor, sid: i64) -> Result<VotingSession, AppError> {
    managed(conn, p, sid)?;
    store::lock(conn, sid)?;
    // Read again under the lock.
    let ctx = managed(conn, p, sid)?;
    let ready = match (ctx.session.mode.as_str(), ctx.session.status) {
        ("paper_tally", SessionStatus::Open) | ("electronic", SessionStatus::Closed) => true,
        ("electronic", SessionStatus::Open) => {
            return Err(AppError::conflict(
                "voting_open",
                "Còn đang bỏ phiếu điện tử; kết thúc bỏ phiếu trước",
            ));
        }
        _ => false,
    };
    if !ready {
        return Err(AppError::conflict(
            "session_not_open",
            "Phiên bỏ phiếu đã kết thúc",
        ));
    }
    let rules = rules_of(&ctx.cycle)?;
    let roll = store::roll(conn, sid)?;
    let subjects = subjects(conn, &ctx.cycle, &rules, roll)?;
    let votes = counted_votes(conn, &ctx)?.unwrap_or_default();
    let outcome = run(conn, &ctx, &rules, &subjects, &votes)?;
    // Paper: every member the ballot decides needs a confirmed tally.
    if ctx.session.mode == "paper_tally" {
        let missing: Vec<String> = outcome
            .results
            .iter()
            .filter(|r| matches!(r.status.as_str(), "classified" | "unresolved"))
            .filter_map(|r| r.id.parse::<i64>().ok())
            .filter(|id| !votes.contains_key(id))
            .filter_map(|id| {
                subjects
                    .iter()
                    .find(|s| s.roll.member_id == id)
                    .map(|s| s.name.clone())
            })
            .collect();
        if !missing.is_empty() {
            return Err(AppError::conflict(
                "tallies_incomplete",
                format!(
                    "Chưa có phiếu khớp giữa hai lần nhập của: {}",
                    missing.join(", ")
                ),
            ));
        }
    }
    let notes = kiemdiem_store::records::notes(conn, sid)?;
    let name_of = |id: i64| {
        subjects
            .iter()
            .find(|s| s.roll.member_id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    // Guidance 2.2.4: no member has more votes than the valid ballots the minutes record.
    if let Some(m) = kiemdiem_store::records::minutes(conn, sid)? {
        let over: Vec<String> = votes
            .iter()
            .filter(|(_, v)| {
                i64::from(v.excellent + v.good + v.completed + v.not_completed)
                    > i64::from(m.ballots_valid)
            })
            .map(|(id, _)| name_of(*id))
            .collect();
        if !over.is_empty() {
            return Err(AppError::conflict(
                "votes_over_ballots",
                format!(
                    "Số phiếu của {} vượt số phiếu hợp lệ ghi trong biên bản ({})",
                    over.join(", "),
                    m.ballots_valid
                ),
            ));
        }
    }
    // M9 end (guidance 2.2.5c): every member classified `completed` has their shortcomings
    // and the date to remedy them recorded.
    let shortcomings: HashMap<i64, (String, NaiveDate)> = notes
        .into_iter()
        .filter_map(|n| Some((n.member_id, (n.shortcomings?, n.remedy_by?))))
        .collect();
    let lacking: Vec<String> = outcome
        .results
        .iter()
        .filter(|r| r.status == "classified" && r.level.as_deref() == Some("completed"))
        .filter_map(|r| r.id.parse::<i64>().ok())
        .filter(|id| !shortcomings.contains_key(id))
        .map(name_of)
        .collect();
    if !lacking.is_empty() {
        return Err(AppError::conflict(
            "shortcomings_missing",
            format!(
                "Cần ghi khuyết điểm và hạn khắc phục của đảng viên hoàn thành nhiệm vụ (M9): {}",
                lacking.join(", ")
            ),
        ));
    }
    let actor = p.actor();
    for r in &outcome.results {
        let Ok(member_id) = r.id.parse::<i64>() else {
            continue;
        };
        let v = votes.get(&member_id).copied().unwrap_or_default();
        let reasons = r.reasons.join(",");
        let result_id = store::add_result(
            conn,
            &NewResult {
                cycle_id: ctx.cycle.id,
                session_id: Some(sid),
                member_id,
                status: engine::Status::parse(&r.status)
                    .ok_or_else(|| AppError::Internal(format!("status {}", r.status)))?,
                level: r.level.as_deref(),
                cap: r.cap.as_deref(),
                reasons: &reasons,
                votes: [v.excellent, v.good, v.completed, v.not_completed]
                    .map(|x| i32::try_from(x).unwrap_or(i32::MAX)),
                supplementary: ctx.session.kind == "supplementary",
                state: engine::ResultState::Proposed,
                replaces_id: None,
                created_by: &actor,
            },
        )?;
        if r.level.as_deref() == Some("completed")
            && let Some((text, by)) = shortcomings.get(&member_id)
        {
            kiemdiem_store::records::set_result_shortcomings(conn, result_id, text, *by)?;
        }
    }
    store::mark_finalized(conn, sid, &actor)?;
    kiemdiem_store::webhooks::emit(
        conn,
        "classification.finalized",
        &ctx.branch.path,
        &serde_json::json!({
            "event": "classification.finalized", "session_id": sid, "cycle_id": ctx.cycle.id,
            "branch_id": ctx.branch.id, "year": ctx.cycle.year, "quota": outcome.quota,
            "results": outcome.results,
        })
        .to_string(),
    )?;
    let ctx = managed(conn, p, sid)?;
    let out = detail(conn, p, &ctx)?;
    p.audit("finalize", "voting_session")
        .id(sid)
        .org(ctx.branch.path.clone())
        .after(&outcome.quota)
        .record(conn)?;
    Ok(out)
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVotingSession {
    pub branch_id: i64,
    /// paper_tally or electronic.
    pub mode: String,
    /// regular (default) or supplementary: classifies the members still pending (M3).
    pub kind: Option<String>,
    pub held_on: NaiveDate,
    /// Q3: the branch's organisation has especially outstanding achievements.
    #[serde(default)]
    pub outstanding_unit: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollChange {
    pub member_id: i64,
    pub present: bool,
    /// A fault recorded by the branch (M10).
    #[serde(default)]
    pub faults: bool,
    /// For a leader (M8): excellent, good, completed or not_completed.
    pub leader_unit_rating: Option<String>,
    /// For a leader (M8): clean_strong, good, completed or weak.
    pub leader_party_org_rating: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RollUpdate {
    pub members: Vec<RollChange>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BranchClassificationInput {
    /// The cycle's rule set and reference date.
    pub rule_set: String,
    pub reference_date: NaiveDate,
    pub branch: crate::preview::PreviewBranch,
    /// Every active member of the branch as the preview takes them, present, with no votes.
    pub members: Vec<PreviewMember>,
    /// Member id → full name, for display (the preview's ids are the member ids).
    pub names: std::collections::BTreeMap<String, String>,
}

/// Opens a branch's voting session (paper tally or electronic; regular or supplementary),
/// with the roll of its members and the quota basis frozen in.
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    b: NewVotingSession,
) -> Result<VotingSession, AppError> {
    if !matches!(b.mode.as_str(), "paper_tally" | "electronic") {
        return Err(AppError::field(
            "mode",
            "invalid_choice",
            "Hình thức là paper_tally hoặc electronic",
        ));
    }
    let kind = b.kind.clone().unwrap_or_else(|| "regular".into());
    if !matches!(kind.as_str(), "regular" | "supplementary") {
        return Err(AppError::field(
            "kind",
            "invalid_choice",
            "Loại phiên là regular hoặc supplementary",
        ));
    }
    let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let branch = organizations::get(conn, b.branch_id)?
        .filter(|o| {
            o.kind == "branch"
                && o.path.starts_with(&cycle_path)
                && p.access.can_edit_members(&o.path)
        })
        .ok_or_else(AppError::not_found)?;
    crate::cycles::writable(&cycle)?;
    if rules_of(&cycle)?.method != kiemdiem_domain::rule_set::Method::Ballot {
        return Err(AppError::conflict(
            "points_method",
            "Kỳ kiểm điểm này chấm điểm theo khung (Quy định 366, RULES-2025 S10): chi bộ không bỏ phiếu xếp loại",
        ));
    }
    let earlier = store::of_cycle(conn, id)?;
    let mine: Vec<_> = earlier
        .iter()
        .filter(|s| s.branch_id == branch.id)
        .collect();
    if mine.iter().any(|s| s.status.is_running()) {
        return Err(AppError::conflict(
            "session_open",
            "Chi bộ đang có một phiên bỏ phiếu chưa kết thúc",
        ));
    }
    let classified = mine.iter().any(|s| s.status.has_results());
    let current = crate::voting::current_results(conn, id)?;
    let roster: Vec<i64> = members::roster(conn, &branch.path)?
        .into_iter()
        .filter(|(_, b, _)| *b == branch.id)
        .map(|(m, ..)| m)
        .collect();
    let subject_of = |m: i64| match kind.as_str() {
        "regular" => true,
        _ => current.get(&m).is_none_or(|r| {
            matches!(
                r.status,
                engine::Status::Pending | engine::Status::Unresolved
            )
        }),
    };
    if kind == "regular" && classified {
        return Err(AppError::conflict(
            "branch_classified",
            "Chi bộ đã có kết quả bỏ phiếu; đảng viên chưa xếp loại được xếp ở phiên bổ sung",
        ));
    }
    if kind == "supplementary" && (!classified || !roster.iter().any(|m| subject_of(*m))) {
        return Err(AppError::conflict(
            "nothing_pending",
            "Không có đảng viên nào chờ xếp loại bổ sung",
        ));
    }
    let sid = store::create(
        conn,
        &NewSession {
            cycle_id: id,
            branch_id: branch.id,
            kind: &kind,
            mode: &b.mode,
            held_on: b.held_on,
            outstanding_unit: b.outstanding_unit,
            opened_by: &p.actor(),
        },
    )?;
    let mut roll = Vec::with_capacity(roster.len());
    for m in roster {
        let (member, _) = members::get(conn, m)?.ok_or_else(AppError::not_found)?;
        roll.push(RollEntry {
            session_id: sid,
            member_id: m,
            official: member.status == "official",
            exempt: member.exempt,
            attached: member.attached,
            subject: subject_of(m),
            // Exempt members are expected to stay away (M5 a); the meeting corrects it.
            present: !member.exempt,
            faults: false,
            leader_unit_rating: None,
            leader_party_org_rating: None,
        });
    }
    store::add_roll(conn, &roll)?;
    let ctx = Ctx {
        session: store::get(conn, sid)?.ok_or_else(AppError::not_found)?,
        cycle,
        cycle_path,
        branch,
    };
    let out = detail(conn, p, &ctx)?;
    p.audit("open", "voting_session")
        .id(sid)
        .org(ctx.branch.path.clone())
        .after(&out.summary)
        .record(conn)?;
    Ok(out)
}

/// The cycle's sessions the actor runs, appraises or votes in; a page of them, narrowed to an
/// organisation's branches if asked.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    narrow: Option<i64>,
    w: Window,
) -> Result<SessionPage, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, id)?;
    let narrow = Narrow::to(conn, p, narrow)?;
    let mut seen = Vec::new();
    for s in store::of_cycle(conn, id)? {
        let Some(branch) = organizations::get(conn, s.branch_id)? else {
            continue;
        };
        let may = p.access.can_read_results(&branch.path) || p.access.can_administer(&cycle_path);
        if may && narrow.keeps(&branch.path) {
            seen.push((s, branch));
        }
    }
    let page = w.cut(seen, |(session, branch)| {
        Ok::<_, AppError>(summary(&Ctx {
            session,
            cycle: cycle.clone(),
            cycle_path: cycle_path.clone(),
            branch,
        }))
    })?;
    Ok(SessionPage::of(page, w))
}

crate::paging::page_of!(
    /// A page of a cycle's voting sessions.
    SessionPage,
    SessionSummary
);

/// A session the actor runs or appraises.
pub fn get(conn: &mut AnyConnection, p: &Actor, sid: i64) -> Result<VotingSession, AppError> {
    let ctx = crate::voting::load(conn, sid)?;
    if !(p.access.can_read_results(&ctx.branch.path) || p.access.can_administer(&ctx.cycle_path)) {
        return Err(AppError::not_found());
    }
    detail(conn, p, &ctx)
}

/// Marks members present or absent (with the reason that counts under M11) while the session
/// is open.
pub fn update_roll(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    b: RollUpdate,
) -> Result<VotingSession, AppError> {
    let ctx = managed(conn, p, sid)?;
    store::lock(conn, sid)?;
    open_or_conflict(&ctx.session)?;
    let roll = store::roll(conn, sid)?;
    let mut errors = Vec::new();
    let mut changed = Vec::new();
    for (i, c) in b.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        let Some(r) = roll.iter().find(|r| r.member_id == c.member_id) else {
            errors.push(FieldError {
                field: at("member_id"),
                code: "not_on_roll".into(),
                message: "Không có trong danh sách phiên bỏ phiếu".into(),
            });
            continue;
        };
        if c.leader_unit_rating
            .as_deref()
            .is_some_and(|x| !matches!(x, "excellent" | "good" | "completed" | "not_completed"))
        {
            errors.push(FieldError {
                field: at("leader_unit_rating"),
                code: "invalid_choice".into(),
                message: "excellent, good, completed hoặc not_completed".into(),
            });
        }
        if c.leader_party_org_rating
            .as_deref()
            .is_some_and(|x| !matches!(x, "clean_strong" | "good" | "completed" | "weak"))
        {
            errors.push(FieldError {
                field: at("leader_party_org_rating"),
                code: "invalid_choice".into(),
                message: "clean_strong, good, completed hoặc weak".into(),
            });
        }
        changed.push(RollEntry {
            present: c.present,
            faults: c.faults,
            leader_unit_rating: c.leader_unit_rating.clone(),
            leader_party_org_rating: c.leader_party_org_rating.clone(),
            ..r.clone()
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    for c in &changed {
        store::update_roll(conn, c)?;
    }
    let out = detail(conn, p, &ctx)?;
    p.audit("roll", "voting_session").id(sid).org(ctx.branch.path.clone()).after(&serde_json::json!({ "present": changed.iter().filter(|c| c.present).count(), "denominator": out.denominator, })).record(conn)?;
    Ok(out)
}

/// What a branch's classification starts from: its members with their facts (M10, M11…).
pub fn classification_input(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    branch_id: i64,
) -> Result<BranchClassificationInput, AppError> {
    let (cycle, cycle_path) = cycles::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let branch = organizations::get(conn, branch_id)?
        .filter(|o| {
            o.kind == "branch"
                && o.path.starts_with(&cycle_path)
                && p.access.can_edit_members(&o.path)
        })
        .ok_or_else(AppError::not_found)?;
    let rules = rules_of(&cycle)?;
    let mut roll = Vec::new();
    for (m, b, _) in members::roster(conn, &branch.path)? {
        if b != branch.id {
            continue;
        }
        let (member, _) = members::get(conn, m)?.ok_or_else(AppError::not_found)?;
        roll.push(RollEntry {
            session_id: 0,
            member_id: m,
            official: member.status == "official",
            exempt: member.exempt,
            attached: member.attached,
            subject: true,
            present: !member.exempt,
            faults: false,
            leader_unit_rating: None,
            leader_party_org_rating: None,
        });
    }
    let subjects = subjects(conn, &cycle, &rules, roll)?;
    Ok(BranchClassificationInput {
        rule_set: rules.name.clone(),
        reference_date: cycle.reference_date,
        branch: crate::preview::PreviewBranch {
            outstanding_unit: false,
        },
        names: subjects
            .iter()
            .map(|s| (s.input.id.clone(), s.name.clone()))
            .collect(),
        members: subjects
            .iter()
            .map(|s| crate::preview::as_preview(s, Votes::default()))
            .collect(),
    })
}
