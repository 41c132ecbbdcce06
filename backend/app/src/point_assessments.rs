//! The year under a points rule set (RULES-2025.md S1–S10): a member scores themself on the
//! frame of who they are (Mẫu 2A, 2B, 2C for the year; Mẫu 05 for a quarter), the appraising
//! body of the competent level scores it again and records the facts it found, and the
//! competent level sees everyone's level from the engine with the quota of each group, live.

use crate::Actor;
use crate::error::{AppError, FieldError};
use crate::points::{FrameInfo, QuotaGroupInfo, ShortcomingsInput, TasksInput};
use crate::self_reviews::{Target, target_for};
use crate::tx::IfMatch;
use chrono::{DateTime, Utc};
use kiemdiem_domain::access::Access;
use kiemdiem_domain::classification::{Level, ResultState, Status};
use kiemdiem_domain::points::{self as engine, Frame, PointsRules};
use kiemdiem_domain::rule_set::{Method, RuleSet};
use kiemdiem_store::point_assessments::{self as store, AppraisalPart, SelfPart};
use kiemdiem_store::{AnyConnection, cycles, members, organizations};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use validator::Validate;

/// Points per item, in tenths.
pub type ItemPoints = BTreeMap<String, i64>;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointAssessment {
    pub cycle_id: i64,
    pub member_id: i64,
    pub member_name: String,
    /// 0: the year (Mẫu 2A, 2B, 2C); 1–4: a quarter (Mẫu 05, S9).
    pub period: i32,
    /// The frame scored on (S1), and its groups and items with their maxima.
    pub frame: FrameInfo,
    /// not_started, draft, submitted, appraised or decided.
    pub status: String,
    /// Entered by the branch committee from a paper form.
    pub on_behalf: bool,
    pub self_points: BTreeMap<String, i64>,
    /// Tenths: the sums of the person's own points, general (of 300) and tasks (of 700).
    pub self_general: i64,
    pub self_tasks: i64,
    pub tasks: TasksInput,
    pub shortcomings: ShortcomingsInput,
    pub narrative: String,
    pub proposed_level: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub appraised_points: Option<BTreeMap<String, i64>>,
    pub appraised_total: Option<i64>,
    /// S6 facts the appraising body found, and those it found mitigated.
    pub facts: Vec<String>,
    pub mitigated: Vec<String>,
    pub appraised_level: Option<String>,
    pub appraisal_note: Option<String>,
    pub appraised_by: Option<String>,
    pub appraised_at: Option<DateTime<Utc>>,
    /// The level the engine gives these points today, before the quota (S5, S6), with its
    /// reasons; none before anything is scored.
    pub indicated_level: Option<String>,
    pub indicated_reasons: Vec<String>,
    /// S6 `duty_discipline`'s evidence: the member's discipline decisions of the cycle's year
    /// (whether each was for a violation in public duties is the appraiser's to find).
    pub disciplines_in_year: Vec<DisciplineInYear>,
    /// S10 step 2: the branch meeting's opinions and its committee's proposal.
    pub branch_review: Option<BranchReviewInfo>,
    /// The year's result as the competent level recorded it (S10), once decided.
    pub decision: Option<DecidedResult>,
}

/// A discipline decision of the year, beside the appraisal (S6 `duty_discipline`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DisciplineInYear {
    /// The form (khiển trách, cảnh cáo, cách chức…).
    pub form: String,
    pub issuing_body: String,
    pub decided_on: chrono::NaiveDate,
}

/// S10 step 2: the branch's review meeting on the form, as its committee recorded it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BranchReviewInfo {
    /// The discussion and the opinions given.
    pub opinion: String,
    /// The branch committee's proposed level.
    pub proposed_level: Option<String>,
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
    /// The vote, when the rule set asks for one (S10, `branch_vote`).
    pub vote: Option<BranchVote>,
}

/// S10 (a rule set's choice, `branch_vote`): the branch meeting's tally on a member. The
/// level cannot go above the highest one whose M6 threshold the votes met (counted as M7).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BranchTally {
    /// M6's D: the official members the thresholds are counted on.
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub counted: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub excellent: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub good: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub completed: i32,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub not_completed: i32,
}

impl BranchTally {
    /// What the tally gives under the rule set's M6 thresholds (S10).
    pub(crate) fn engine(&self, rules: &RuleSet) -> engine::Vote {
        let n = |v: i32| u32::try_from(v).unwrap_or(0);
        engine::vote_of(
            rules,
            &kiemdiem_domain::classification::Votes {
                excellent: n(self.excellent),
                good: n(self.good),
                completed: n(self.completed),
                not_completed: n(self.not_completed),
            },
            n(self.counted),
        )
    }

    /// Every vote together at most D (422 `over_counted` on `field`).
    pub(crate) fn check(&self, field: &str, errors: &mut Vec<FieldError>) {
        let sum = i64::from(self.excellent)
            + i64::from(self.good)
            + i64::from(self.completed)
            + i64::from(self.not_completed);
        if self.counted >= 1 && sum > i64::from(self.counted) {
            errors.push(FieldError::new(
                field,
                "over_counted",
                format!("{sum} phiếu vượt {} đảng viên chính thức", self.counted),
            ));
        }
    }
}

/// The branch's vote as recorded, with what it reached.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BranchVote {
    pub tally: BranchTally,
    /// The highest level whose threshold the votes met; none: the branch votes again.
    pub reached: Option<String>,
}

impl BranchVote {
    fn of(r: &store::BranchReview, rules: &RuleSet) -> Option<BranchVote> {
        let (counted, [excellent, good, completed, not_completed]) = r.vote()?;
        let tally = BranchTally {
            counted,
            excellent,
            good,
            completed,
            not_completed,
        };
        let reached = match tally.engine(rules) {
            engine::Vote::Reached(l) => Some(l.as_str().to_owned()),
            engine::Vote::NoneReached => None,
        };
        Some(BranchVote { tally, reached })
    }
}

/// The vote recorded on a year's form, as the engine reads it (none: not held).
pub(crate) fn recorded_vote(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    a: &store::Assessment,
) -> Result<Option<engine::Vote>, AppError> {
    if a.period != 0 {
        return Ok(None);
    }
    let rules = crate::voting::rules_of(cycle)?;
    Ok(store::branch_review(conn, a.id)?
        .and_then(|r| BranchVote::of(&r, &rules))
        .map(|v| v.tally.engine(&rules)))
}

/// The branch committee records its meeting on a submitted form (S10 step 2).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BranchReviewInput {
    /// The discussion and the opinions given at the meeting.
    #[validate(length(min = 1, max = 20000))]
    #[schema(min_length = 1, max_length = 20000)]
    pub opinion: String,
    /// excellent, good, completed or not_completed.
    pub proposed_level: Option<String>,
    /// The branch's vote on the year's form: required when the rule set asks for one
    /// (`branch_vote`), refused otherwise; the votes together at most `counted`.
    #[validate(nested)]
    pub vote: Option<BranchTally>,
}

/// The competent level's recorded result of a member's year (S10; a re-rating, Mẫu 03,
/// replaces it).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DecidedResult {
    /// classified, not_classified or pending.
    pub status: String,
    pub level: Option<String>,
    /// Rule ids (S3, S5, S6-…, S7, S10 for a level the competent level chose).
    pub reasons: Vec<String>,
    /// Why the competent level chose the level (a tie, a gap) or re-rated.
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
    /// The result replaces an earlier one (re-rated, Mẫu 03).
    pub rerated: bool,
}

impl DecidedResult {
    fn of(r: kiemdiem_store::voting::Result_, reason: Option<String>) -> DecidedResult {
        DecidedResult {
            status: r.status.to_string(),
            level: r.level,
            reasons: split_reasons(&r.reasons),
            reason,
            decided_by: r.created_by,
            decided_at: r.created_at.and_utc(),
            rerated: r.replaces_id.is_some(),
        }
    }
}

/// The stored `a,b,c` reasons of a result.
pub(crate) fn split_reasons(reasons: &str) -> Vec<String> {
    reasons
        .split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The person's own part: saved as a draft, or submitted (then it no longer changes).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveAssessment {
    /// F2, F3, F4 or F5; by default the member's (S1: a leader F3, a civil servant F4, others F5).
    pub frame: Option<String>,
    /// Tenths per item of the frame; every item when submitting.
    #[serde(default)]
    pub self_points: BTreeMap<String, i64>,
    #[serde(default)]
    pub tasks: TasksInput,
    #[serde(default)]
    pub shortcomings: ShortcomingsInput,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    #[serde(default)]
    pub narrative: String,
    /// excellent, good, completed or not_completed; required to submit.
    pub proposed_level: Option<String>,
    #[serde(default)]
    pub submit: bool,
}

/// The appraising body's scoring of a submitted assessment.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsAppraisal {
    /// Tenths per item, every item of the frame.
    pub appraised_points: BTreeMap<String, i64>,
    /// S6 facts found (degradation, duty_discipline, forbidden_conduct; leaders' facts for F2, F3).
    #[serde(default)]
    pub facts: Vec<String>,
    /// Facts found mitigated (the person found, reported and remedied it).
    #[serde(default)]
    pub mitigated: Vec<String>,
    pub appraised_level: Option<String>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

/// The rules of a points cycle, or 409: a ballot cycle has no points forms.
pub(crate) fn points_rules(cycle: &cycles::Cycle) -> Result<PointsRules, AppError> {
    let rules: RuleSet = crate::voting::rules_of(cycle)?;
    match (rules.method, rules.points) {
        (Method::Points, Some(p)) => Ok(p),
        _ => Err(AppError::conflict(
            "not_points",
            "Đợt kiểm điểm này theo bộ quy tắc bỏ phiếu (2016): không có phiếu chấm điểm",
        )),
    }
}

fn period_ok(period: i32) -> Result<i32, AppError> {
    if (0..=4).contains(&period) {
        Ok(period)
    } else {
        Err(AppError::field(
            "period",
            "out_of_range",
            "0 (cả năm) hoặc quý 1–4",
        ))
    }
}

/// A stored JSON column: a corrupt one is an internal error, never read as empty (which
/// would silently score nothing).
fn stored_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, AppError> {
    serde_json::from_str(s).map_err(|e| AppError::Internal(format!("a stored JSON column: {e}")))
}

pub(crate) fn json_map(s: &str) -> Result<ItemPoints, AppError> {
    stored_json(s)
}

pub(crate) fn json_list(s: &str) -> Result<Vec<String>, AppError> {
    stored_json(s)
}

/// A stored list of fact codes, or none for a form not begun.
pub(crate) fn stored_codes(s: Option<&str>) -> Result<Vec<String>, AppError> {
    Ok(s.map(json_list).transpose()?.unwrap_or_default())
}

pub(crate) fn level_choice(errors: &mut Vec<FieldError>, field: &str, v: Option<&str>) {
    if v.is_some_and(|l| Level::parse(l).is_none()) {
        errors.push(FieldError::new(
            field,
            "invalid_choice",
            "excellent, good, completed hoặc not_completed",
        ));
    }
}

fn engine_errors(errors: Vec<engine::InputError>) -> impl Iterator<Item = FieldError> {
    errors
        .into_iter()
        .map(|e| FieldError::new(e.field, e.code, e.message))
}

pub(crate) fn frame_info(rules: &PointsRules, frame: Frame) -> Result<FrameInfo, AppError> {
    let info = crate::points::info(rules);
    info.frames
        .into_iter()
        .find(|f| f.frame == frame.as_str())
        .ok_or_else(|| AppError::Internal(format!("frame {frame} missing from the rule set")))
}

/// What the form's points and tasks give before the quota: the points the engine reads (the
/// appraisal's when there is one, S2) through S5 and S6.
pub(crate) fn indicated(
    rules: &PointsRules,
    a: &store::Assessment,
    reference: chrono::NaiveDate,
    member: &members::Member,
    suspended: bool,
    quarters: &[Level],
    vote: Option<engine::Vote>,
) -> Result<(Option<String>, Vec<String>), AppError> {
    // What the points would give: a draft is read as if submitted (S3 waits for the form).
    let mut subject = subject(rules, member, Some(a), quarters, None, suspended)?;
    subject.vote = vote;
    Ok(before_quota(rules, reference, subject))
}

/// S9: the levels the member's submitted quarterly forms indicate, in order (the year's
/// indication reads them as the rule set's quarter rule says).
pub(crate) fn quarter_levels(
    conn: &mut AnyConnection,
    rules: &PointsRules,
    cycle: &cycles::Cycle,
    member: &members::Member,
) -> Result<Vec<Level>, AppError> {
    let mut out = Vec::new();
    for a in store::of_member(conn, cycle.id, member.id)? {
        if a.period > 0 && a.status.is_submitted() {
            let (level, _) = indicated(rules, &a, cycle.reference_date, member, false, &[], None)?;
            out.extend(level.as_deref().and_then(Level::parse));
        }
    }
    Ok(out)
}

/// S3: whether the member is suspended from party activities on the reference date.
pub(crate) fn is_suspended(
    conn: &mut AnyConnection,
    member_id: i64,
    day: chrono::NaiveDate,
) -> Result<bool, AppError> {
    Ok(members::suspended_on(conn, &[member_id], day)?.contains(&member_id))
}

/// One subject's level and reasons before any quota (S5, S6; C2), a draft read as if
/// submitted (S3 waits for the form); none when its data cannot be classified.
pub(crate) fn before_quota(
    rules: &PointsRules,
    reference: chrono::NaiveDate,
    mut subject: engine::Subject,
) -> (Option<String>, Vec<String>) {
    subject.self_assessed = true;
    let Ok(out) = engine::classify(&rules.without_quota(), reference, false, &[subject]) else {
        return (None, vec![]);
    };
    let r = out.results.into_iter().next();
    (
        r.as_ref()
            .and_then(|r| r.level)
            .map(|l| l.as_str().to_owned()),
        r.map(|r| r.reasons).unwrap_or_default(),
    )
}

/// The engine's subject for a member: the year's assessment (or none: S3 pending), the
/// quarters' levels (S9) and the member's record (S3).
fn subject(
    rules: &PointsRules,
    m: &members::Member,
    a: Option<&store::Assessment>,
    quarters: &[Level],
    group: Option<String>,
    suspended: bool,
) -> Result<engine::Subject, AppError> {
    let frame = a.map_or_else(
        || engine::default_frame(&m.category, m.leadership_level.as_deref()),
        |a| a.frame,
    );
    let points = a
        .map(|a| json_map(a.appraised_points.as_deref().unwrap_or(&a.self_points)))
        .transpose()?;
    let (general, task_points) = match (points, rules.frame(frame)) {
        (Some(p), Some(def)) => engine::sum_items(def, &p, false, "").unwrap_or((0, 0)),
        _ => (0, 0),
    };
    Ok(engine::Subject {
        id: m.id.to_string(),
        frame,
        admitted_on: Some(m.admitted_on),
        exempt: m.exempt,
        suspended,
        attached: m.attached,
        self_assessed: a.is_some_and(|a| a.status.is_submitted()),
        general,
        task_points,
        tasks: TasksInput::of(a.map_or([0; 4], |a| a.tasks())).engine(),
        shortcomings: ShortcomingsInput::of(a.map_or([0; 2], |a| a.shortcomings())).engine(),
        facts: stored_codes(a.map(|a| a.facts.as_str()))?,
        mitigated: stored_codes(a.map(|a| a.mitigated.as_str()))?,
        quota_group: group,
        quarters: quarters.to_vec(),
        vote: None,
    })
}

fn dto(
    conn: &mut AnyConnection,
    rules: &PointsRules,
    t: &Target,
    period: i32,
    a: Option<store::Assessment>,
) -> Result<PointAssessment, AppError> {
    let disciplines_in_year = members::disciplines(conn, t.member.id)?
        .into_iter()
        .filter(|d| chrono::Datelike::year(&d.decided_on) == t.cycle.year)
        .map(|d| DisciplineInYear {
            form: d.form,
            issuing_body: d.issuing_body,
            decided_on: d.decided_on,
        })
        .collect();
    let rule_set = crate::voting::rules_of(&t.cycle)?;
    let branch_review = match &a {
        Some(a) => store::branch_review(conn, a.id)?.map(|r| BranchReviewInfo {
            vote: BranchVote::of(&r, &rule_set),
            opinion: r.opinion,
            proposed_level: r.proposed_level,
            reviewed_by: r.reviewed_by,
            reviewed_at: r.reviewed_at.and_utc(),
        }),
        None => None,
    };
    let vote = branch_review
        .as_ref()
        .and_then(|r| r.vote.as_ref())
        .filter(|_| period == 0)
        .map(|v| v.tally.engine(&rule_set));
    let decision = if period == 0 {
        decided_results(conn, t.cycle.id)?
            .remove(&t.member.id)
            .map(|r| DecidedResult::of(r, a.as_ref().and_then(|a| a.decision_reason.clone())))
    } else {
        None
    };
    let frame = a.as_ref().map_or_else(
        || engine::default_frame(&t.member.category, t.member.leadership_level.as_deref()),
        |a| a.frame,
    );
    let def = rules
        .frame(frame)
        .ok_or_else(|| AppError::Internal(format!("frame {frame}")))?;
    let self_points = a
        .as_ref()
        .map(|a| json_map(&a.self_points))
        .transpose()?
        .unwrap_or_default();
    let (self_general, self_tasks) =
        engine::sum_items(def, &self_points, false, "").unwrap_or((0, 0));
    let appraised_points = a
        .as_ref()
        .and_then(|a| a.appraised_points.as_deref())
        .map(json_map)
        .transpose()?;
    let appraised_total = appraised_points.as_ref().map(|p| {
        engine::sum_items(def, p, false, "")
            .map(|(g, t)| g + t)
            .unwrap_or(0)
    });
    let (indicated_level, indicated_reasons) = match &a {
        Some(x) => indicated(
            rules,
            x,
            t.cycle.reference_date,
            &t.member,
            is_suspended(conn, t.member.id, t.cycle.reference_date)?,
            &if period == 0 {
                quarter_levels(conn, rules, &t.cycle, &t.member)?
            } else {
                vec![]
            },
            vote,
        )?,
        None => (None, vec![]),
    };
    Ok(PointAssessment {
        cycle_id: t.cycle.id,
        member_id: t.member.id,
        member_name: t.member.full_name.clone(),
        period,
        frame: frame_info(rules, frame)?,
        status: a
            .as_ref()
            .map_or_else(|| "not_started".to_owned(), |a| a.status.to_string()),
        on_behalf: a.as_ref().is_some_and(|a| a.on_behalf),
        self_general,
        self_tasks,
        self_points,
        tasks: TasksInput::of(a.as_ref().map_or([0; 4], |a| a.tasks())),
        shortcomings: ShortcomingsInput::of(a.as_ref().map_or([0; 2], |a| a.shortcomings())),
        narrative: a.as_ref().map(|a| a.narrative.clone()).unwrap_or_default(),
        proposed_level: a.as_ref().and_then(|a| a.proposed_level.clone()),
        submitted_at: a.as_ref().and_then(|a| a.submitted_at).map(|d| d.and_utc()),
        appraised_points,
        appraised_total,
        facts: stored_codes(a.as_ref().map(|a| a.facts.as_str()))?,
        mitigated: stored_codes(a.as_ref().map(|a| a.mitigated.as_str()))?,
        appraised_level: a.as_ref().and_then(|a| a.appraised_level.clone()),
        appraisal_note: a.as_ref().and_then(|a| a.appraisal_note.clone()),
        appraised_by: a.as_ref().and_then(|a| a.appraised_by.clone()),
        appraised_at: a.as_ref().and_then(|a| a.appraised_at).map(|d| d.and_utc()),
        indicated_level,
        indicated_reasons,
        disciplines_in_year,
        branch_review,
        decision,
    })
}

/// The member's assessment of a period: the member themself, and those who read the branch's
/// self-reviews (its committee, the committees above, the inspection commission).
pub fn get(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    period: i32,
) -> Result<PointAssessment, AppError> {
    let period = period_ok(period)?;
    let t = target_for(conn, p, cycle_id, member_id, Access::can_read_self_reviews)?;
    let rules = points_rules(&t.cycle)?;
    let a = store::find(conn, cycle_id, member_id, period)?;
    dto(conn, &rules, &t, period, a)
}

/// The member (or the branch committee, from a paper form) saves or submits their own points:
/// every item within its maximum, the tasks consistent (S4), every item and the proposed level
/// when submitting; a submitted form no longer changes (409); with `If-Match` (the `ETag` of
/// the form as read), a save over someone else's newer one is refused (412).
pub fn save(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    period: i32,
    b: SaveAssessment,
    if_match: IfMatch,
) -> Result<PointAssessment, AppError> {
    let period = period_ok(period)?;
    let t = target_for(conn, p, cycle_id, member_id, Access::can_edit_members)?;
    let rules = points_rules(&t.cycle)?;
    crate::cycles::writable(&t.cycle)?;
    // A decision reads every form under the cycle's lock: a submission waits for it (or it
    // for the submission), never lands between its read and its write.
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let current = store::find(conn, cycle_id, member_id, period)?;
    if if_match != IfMatch::Absent {
        let read = dto(conn, &rules, &t, period, current.clone())?;
        if_match.check(&tag(&read)?)?;
    }
    let submitted = || AppError::conflict("already_submitted", "Phiếu đã nộp, không sửa được nữa");
    if current.as_ref().is_some_and(|a| !a.status.self_may_edit()) {
        return Err(submitted());
    }
    let mut errors = Vec::new();
    let frame = match b.frame.as_deref() {
        None => Some(engine::default_frame(
            &t.member.category,
            t.member.leadership_level.as_deref(),
        )),
        Some(f) => Frame::parse(f).filter(|f| !f.is_collective()).or_else(|| {
            errors.push(FieldError::new(
                "frame",
                "invalid_choice",
                "F2, F3, F4 hoặc F5 (F1 là khung của tập thể)",
            ));
            None
        }),
    };
    level_choice(&mut errors, "proposed_level", b.proposed_level.as_deref());
    if b.submit && b.proposed_level.is_none() {
        errors.push(FieldError::new(
            "proposed_level",
            "required",
            "Tự nhận mức xếp loại trước khi nộp",
        ));
    }
    if let Some(def) = frame.and_then(|f| rules.frame(f)) {
        if let Err(e) = engine::sum_items(def, &b.self_points, b.submit, "self_points") {
            errors.extend(engine_errors(e));
        }
        // S4: the tasks as the engine checks them (the one member, its fields renamed).
        let probe = engine::Subject {
            id: "x".into(),
            frame: def.frame,
            admitted_on: Some(t.member.admitted_on),
            exempt: false,
            suspended: false,
            attached: false,
            self_assessed: true,
            general: 0,
            task_points: 0,
            tasks: b.tasks.engine(),
            shortcomings: b.shortcomings.engine(),
            facts: vec![],
            mitigated: vec![],
            quota_group: None,
            quarters: vec![],
            vote: None,
        };
        errors.extend(engine_errors(engine::check(&rules, &[probe])).map(|mut e| {
            e.field = e.field.trim_start_matches("members[0].").to_owned();
            e
        }));
    }
    let Some(frame) = frame.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let small = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    let points_json = to_json(&b.self_points)?;
    let written = store::put_self(
        conn,
        cycle_id,
        member_id,
        period,
        current.as_ref(),
        &SelfPart {
            frame,
            on_behalf: !t.own,
            self_points: &points_json,
            tasks: [
                b.tasks.assigned,
                b.tasks.done,
                b.tasks.on_time,
                b.tasks.exceeded,
            ]
            .map(small),
            shortcomings: [b.shortcomings.prior, b.shortcomings.remedied].map(small),
            narrative: b.narrative.trim(),
            proposed_level: b.proposed_level.as_deref(),
            submit: b.submit,
        },
    )?;
    if written == 0 {
        // Saved by someone else since it was read (PostgreSQL; SQLite serialises writers).
        return Err(match store::find(conn, cycle_id, member_id, period)? {
            Some(a) if !a.status.self_may_edit() => submitted(),
            _ => AppError::PreconditionFailed,
        });
    }
    let a = store::find(conn, cycle_id, member_id, period)?;
    let out = dto(conn, &rules, &t, period, a)?;
    p.audit(if b.submit { "submit" } else { "save" }, "point_assessment")
        .id(format!("{cycle_id}/{member_id}/{period}"))
        .org(t.branch_path.clone())
        .after(&serde_json::json!({
            "frame": out.frame.frame, "self_general": out.self_general,
            "self_tasks": out.self_tasks, "proposed_level": out.proposed_level,
            "status": out.status, "on_behalf": out.on_behalf,
        }))
        .record(conn)?;
    Ok(out)
}

/// The appraisal's points and facts as the engine checks them (S2, S6): every bad field. Only the facts are the appraisal's own; the rest was checked when it was submitted.
pub(crate) fn appraisal_errors(
    rules: &PointsRules,
    member: &members::Member,
    a: &store::Assessment,
    b: &PointsAppraisal,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = Vec::new();
    level_choice(&mut errors, "appraised_level", b.appraised_level.as_deref());
    let def = rules
        .frame(a.frame)
        .ok_or_else(|| AppError::Internal(format!("frame {}", a.frame)))?;
    if let Err(e) = engine::sum_items(def, &b.appraised_points, true, "appraised_points") {
        errors.extend(engine_errors(e));
    }
    let mut probe = subject(rules, member, Some(a), &[], None, false)?;
    probe.facts = b.facts.clone();
    probe.mitigated = b.mitigated.clone();
    errors.extend(
        engine_errors(engine::check(rules, &[probe])).filter_map(|mut e| {
            let field = e.field.strip_prefix("members[0].")?.to_owned();
            (field.starts_with("facts") || field.starts_with("mitigated")).then(|| {
                e.field = field;
                e
            })
        }),
    );
    Ok(errors)
}

/// The appraising body of the competent level (the committee of the cycle's organisation)
/// scores a submitted form again, item by item, and records the facts it found (S6, S10).
pub fn appraise(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    period: i32,
    b: PointsAppraisal,
) -> Result<PointAssessment, AppError> {
    let period = period_ok(period)?;
    let t = target_for(conn, p, cycle_id, member_id, Access::can_read_self_reviews)?;
    let (_, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    // The committee of the cycle's organisation (for a branch's members, the base committee):
    // a committee above reads, never acts as it (as M12's re-classification).
    if !p.access.runs(&cycle_path) {
        return Err(AppError::forbidden(
            "Cấp ủy có thẩm quyền thẩm định điểm (Quy định 366, S10)",
        ));
    }
    let rules = points_rules(&t.cycle)?;
    crate::cycles::writable(&t.cycle)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let a = store::find(conn, cycle_id, member_id, period)?
        .filter(|a| a.status.may_appraise())
        .ok_or_else(|| {
            AppError::conflict(
                "not_submitted",
                "Đảng viên chưa nộp phiếu tự đánh giá (hoặc đã quyết định)",
            )
        })?;
    let errors = appraisal_errors(&rules, &t.member, &a, &b)?;
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (points, facts, mitigated) = (
        to_json(&b.appraised_points)?,
        to_json(&b.facts)?,
        to_json(&b.mitigated)?,
    );
    let note = b.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if store::appraise(
        conn,
        a.id,
        &AppraisalPart {
            appraised_points: &points,
            facts: &facts,
            mitigated: &mitigated,
            appraised_level: b.appraised_level.as_deref(),
            note,
            by: &p.actor(),
        },
    )? == 0
    {
        return Err(AppError::conflict(
            "not_submitted",
            "Phiếu vừa được người khác xử lý",
        ));
    }
    let after = store::find(conn, cycle_id, member_id, period)?;
    let out = dto(conn, &rules, &t, period, after)?;
    p.audit("appraise", "point_assessment")
        .id(format!("{cycle_id}/{member_id}/{period}"))
        .org(t.branch_path.clone())
        .after(&serde_json::json!({
            "appraised_total": out.appraised_total, "facts": out.facts,
            "mitigated": out.mitigated, "appraised_level": out.appraised_level,
        }))
        .record(conn)?;
    Ok(out)
}

/// The branch committee records the branch meeting on a member's submitted form: the
/// discussion and opinions, and its proposed level (S10 step 2); again until the decision.
pub fn branch_review(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    period: i32,
    b: BranchReviewInput,
) -> Result<PointAssessment, AppError> {
    let period = period_ok(period)?;
    let t = target_for(conn, p, cycle_id, member_id, Access::can_edit_members)?;
    // The branch's record, never the member's own (target_for lets the member read their form).
    if !p.access.can_edit_members(&t.branch_path) {
        return Err(AppError::forbidden("Chi ủy ghi ý kiến của chi bộ (S10)"));
    }
    let rules = points_rules(&t.cycle)?;
    crate::cycles::writable(&t.cycle)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let opinion = b.opinion.trim();
    let mut errors = Vec::new();
    if opinion.is_empty() {
        errors.push(FieldError::new(
            "opinion",
            "required",
            "Ghi ý kiến của chi bộ",
        ));
    }
    level_choice(&mut errors, "proposed_level", b.proposed_level.as_deref());
    // S10: the vote exactly when the rule set asks for one, on the year's form.
    match (rules.branch_vote && period == 0, &b.vote) {
        (true, None) => errors.push(FieldError::new(
            "vote",
            "required",
            "Bộ quy tắc yêu cầu chi bộ biểu quyết: ghi số phiếu từng mức",
        )),
        (false, Some(_)) => errors.push(FieldError::new(
            "vote",
            "not_asked",
            "Bộ quy tắc không yêu cầu chi bộ biểu quyết (S10)",
        )),
        (true, Some(v)) => v.check("vote", &mut errors),
        (false, None) => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let a = store::find(conn, cycle_id, member_id, period)?
        .filter(|a| a.status.may_appraise())
        .ok_or_else(|| {
            AppError::conflict(
                "not_submitted",
                "Đảng viên chưa nộp phiếu tự đánh giá (hoặc đã quyết định)",
            )
        })?;
    let vote = b.vote.map(|v| {
        (
            v.counted,
            [v.excellent, v.good, v.completed, v.not_completed],
        )
    });
    store::put_branch_review(
        conn,
        a.id,
        opinion,
        b.proposed_level.as_deref(),
        vote,
        &p.actor(),
    )?;
    let out = dto(conn, &rules, &t, period, Some(a))?;
    p.audit("branch_review", "point_assessment")
        .id(format!("{cycle_id}/{member_id}/{period}"))
        .org(t.branch_path.clone())
        .after(&serde_json::json!({ "proposed_level": b.proposed_level, "vote": b.vote }))
        .record(conn)?;
    Ok(out)
}

/// A re-rating's level (Mẫu 03): the engine's where it decides (`level`), chosen only in a gap
/// (S5-gap: completed or not completed); every wrong choice named on `level`. `rule` names
/// where the points and conditions decide (S5, S6 for a person; C2 for a collective). Returns
/// the level sent, parsed.
pub(crate) fn rerating_choice(
    errors: &mut Vec<FieldError>,
    level: Option<&str>,
    reasons: &[String],
    sent: Option<&str>,
    rule: &str,
) -> Option<Level> {
    let gap = reasons.iter().any(|r| r == "S5-gap");
    let chosen = sent.and_then(Level::parse);
    match (level, gap, chosen) {
        (Some(_), _, Some(_)) | (None, false, Some(_)) => errors.push(FieldError::new(
            "level",
            "not_allowed",
            format!("Mức do điểm và điều kiện quyết định ({rule}); chỉ chọn khi quy định bỏ ngỏ"),
        )),
        (None, true, None) => errors.push(FieldError::new(
            "level",
            "required",
            "Điểm rơi vào khoảng quy định bỏ ngỏ (S5-gap): chọn hoàn thành hoặc không hoàn thành",
        )),
        (None, true, Some(l)) if !matches!(l, Level::Completed | Level::NotCompleted) => errors
            .push(FieldError::new(
                "level",
                "invalid_choice",
                "completed hoặc not_completed",
            )),
        _ => {}
    }
    chosen
}

/// The strong `ETag` of an assessment as answered (GET, PUT): the `If-Match` of the next save.
pub fn tag(a: &PointAssessment) -> Result<String, AppError> {
    Ok(crate::tx::body_tag(
        &serde_json::to_vec(a).map_err(|e| AppError::Internal(e.to_string()))?,
    ))
}

/// A value written into a JSON text column.
pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.to_string()))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BoardRow {
    pub member_id: i64,
    pub member_name: String,
    pub branch_id: i64,
    pub branch_name: String,
    /// Attached to the branch for a time (sinh hoạt tạm thời): not classified here (S3), and
    /// counted in the statistics of their home branch.
    pub attached: bool,
    pub frame: String,
    /// not_started, draft, submitted, appraised or decided.
    pub assessment: String,
    /// Tenths: the points the engine read (appraised, else the person's own).
    pub total: u32,
    /// self or appraised.
    pub points_from: Option<String>,
    pub group: String,
    /// classified, not_classified, pending or unresolved.
    pub status: String,
    pub level: Option<String>,
    pub reasons: Vec<String>,
    /// S9: the levels of the quarters assessed, in order.
    pub quarters: Vec<String>,
    /// S9: each quarter's form (Mẫu 05) that exists, with where it stands.
    pub quarter_forms: Vec<QuarterForm>,
    /// The competent level has decided (S10): the level and reasons are the recorded result.
    pub decided: bool,
    /// The recorded result replaces an earlier one (re-rated, Mẫu 03).
    pub rerated: bool,
    /// The reason given for a level the competent level chose (a tie, a gap).
    pub decision_reason: Option<String>,
}

/// One quarter's form (Mẫu 05) on the board (S9).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuarterForm {
    /// 1 to 4.
    pub period: i32,
    /// draft, submitted, appraised or decided.
    pub assessment: String,
}

/// S7 after the decision: a group whose standing `excellent` results exceed the limit as the
/// group counts today (a re-rating lowered G). The competent level re-rates the lowest of
/// them (Mẫu 03), which then falls to `good` by S7.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GroupOverLimit {
    pub group: String,
    pub limit: u32,
    /// Standing decided `excellent` results in the group.
    pub excellent: u32,
    /// Their members, lowest total first (the first to re-rate).
    pub member_ids: Vec<i64>,
}

/// The competent level's view of the year: every member of the cycle with the level the engine
/// gives today and the quota of each group (S7: by default the members of one base on the
/// same frame), in the Vietnamese order of names.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointsBoard {
    pub cycle_id: i64,
    pub rule_set: String,
    pub rows: Vec<BoardRow>,
    pub quotas: Vec<QuotaGroupInfo>,
    /// S7: groups over their limit after re-ratings (empty before the decision).
    pub over_limit: Vec<GroupOverLimit>,
}

/// The board of a points cycle, for the committee of the cycle's organisation.
pub fn board(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    outstanding: bool,
) -> Result<PointsBoard, AppError> {
    let (cycle, path) = crate::cycles::readable(conn, p, cycle_id)?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Cấp ủy có thẩm quyền xem và quyết định xếp loại",
        ));
    }
    board_of(conn, &cycle, &path, outstanding)
}

/// The writes of the competent level (S10): the committee of the cycle's organisation itself,
/// which a committee above never acts as (403).
pub(crate) fn runs(p: &Actor, cycle_path: &str) -> Result<(), AppError> {
    if p.access.runs(cycle_path) {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Cấp ủy của tổ chức tổ chức đợt kiểm điểm quyết định (S10); cấp trên xem",
        ))
    }
}

/// The board of a points cycle whose organisation is at `path`, for whoever may see it
/// (statistics and dossiers read the recorded rows).
pub(crate) fn board_of(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    path: &str,
    outstanding: bool,
) -> Result<PointsBoard, AppError> {
    let cycle_id = cycle.id;
    let rules = points_rules(cycle)?;
    let orgs: HashMap<i64, organizations::Organization> = organizations::subtree(conn, path)?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let base_of = |branch_path: &str| {
        organizations::path_ids(branch_path)
            .into_iter()
            .filter_map(|id| orgs.get(&id))
            .find(|o| o.kind == "base")
            .map_or_else(String::new, |o| o.code.clone())
    };
    let defined = store::quota_groups(conn, cycle_id)?;
    let mut people = members::under(conn, path)?;
    people.retain(|(m, _)| m.active);
    // S3: those suspended from party activities on the reference date.
    let ids: Vec<i64> = people.iter().map(|(m, _)| m.id).collect();
    let suspended = members::suspended_on(conn, &ids, cycle.reference_date)?;
    people.sort_by(|(a, _), (b, _)| a.sort_key.cmp(&b.sort_key));
    // S10: the branch's votes, when the rule set asks for them.
    let rule_set = crate::voting::rules_of(cycle)?;
    let votes: HashMap<i64, engine::Vote> = if rules.branch_vote {
        store::branch_reviews_of_cycle(conn, cycle_id)?
            .iter()
            .filter_map(|r| Some((r.assessment_id, BranchVote::of(r, &rule_set)?)))
            .map(|(id, v)| (id, v.tally.engine(&rule_set)))
            .collect()
    } else {
        HashMap::new()
    };
    let mut by_member: HashMap<i64, Vec<store::Assessment>> = HashMap::new();
    for a in store::of_cycle(conn, cycle_id)? {
        by_member.entry(a.member_id).or_default().push(a);
    }
    let quarter_level = |a: &store::Assessment, m: &members::Member| {
        Ok::<_, AppError>(
            indicated(&rules, a, cycle.reference_date, m, false, &[], None)?
                .0
                .and_then(|l| Level::parse(&l)),
        )
    };
    let mut subjects = Vec::with_capacity(people.len());
    let mut extra = Vec::with_capacity(people.len());
    for (m, branch_path) in &people {
        let mine = by_member.get(&m.id).map(Vec::as_slice).unwrap_or_default();
        let year = mine.iter().find(|a| a.period == 0);
        let quarters: Vec<Level> = mine
            .iter()
            .filter(|a| a.period > 0 && a.status.is_submitted())
            .map(|a| quarter_level(a, m))
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        let frame = year.map_or_else(
            || engine::default_frame(&m.category, m.leadership_level.as_deref()),
            |a| a.frame,
        );
        // S7: the group the competent level put the member in, else the default one.
        let group = match (defined.get(&m.id), rules.quota.scope.as_str()) {
            (Some(name), _) => name.clone(),
            (None, "branch") => orgs
                .get(&m.branch_id)
                .map_or_else(String::new, |o| o.code.clone()),
            (None, _) => format!("{}/{}", base_of(branch_path), frame),
        };
        let mut s = subject(
            &rules,
            m,
            year,
            &quarters,
            Some(group),
            suspended.contains(&m.id),
        )?;
        s.vote = year.and_then(|a| votes.get(&a.id).copied());
        subjects.push(s);
        extra.push((year, quarters));
    }
    let out = engine::classify(&rules, cycle.reference_date, outstanding, &subjects)
        .map_err(|e| AppError::Internal(format!("stored assessments the engine refuses: {e:?}")))?;
    // Decided results stand as recorded (S10).
    let decided = decided_results(conn, cycle_id)?;
    let rows = people
        .iter()
        .zip(out.results)
        .zip(extra)
        .zip(&subjects)
        .map(|((((m, _), r), (year, quarters)), s)| BoardRow {
            member_id: m.id,
            member_name: m.full_name.clone(),
            branch_id: m.branch_id,
            attached: m.attached,
            branch_name: orgs
                .get(&m.branch_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            frame: s.frame.to_string(),
            assessment: year.map_or_else(|| "not_started".into(), |a| a.status.to_string()),
            total: r.total,
            points_from: year.map(|a| {
                if a.appraised_points.is_some() {
                    "appraised"
                } else {
                    "self"
                }
                .to_owned()
            }),
            group: r.group,
            status: r.status.to_string(),
            level: r.level.map(|l| l.as_str().to_owned()),
            reasons: r.reasons,
            quarters: quarters.iter().map(|l| l.as_str().to_owned()).collect(),
            quarter_forms: by_member
                .get(&m.id)
                .into_iter()
                .flatten()
                .filter(|a| a.period > 0)
                .map(|a| QuarterForm {
                    period: a.period,
                    assessment: a.status.to_string(),
                })
                .collect(),
            decided: false,
            rerated: false,
            decision_reason: year.and_then(|a| a.decision_reason.clone()),
        })
        .map(|mut row| {
            if let Some(d) = decided.get(&row.member_id) {
                row.decided = true;
                row.rerated = d.replaces_id.is_some();
                row.status = d.status.to_string();
                row.level = d.level.clone();
                row.reasons = split_reasons(&d.reasons);
            }
            row
        })
        .collect::<Vec<_>>();
    let over_limit = over_limit(&rows, &out.quotas);
    Ok(PointsBoard {
        cycle_id,
        rule_set: cycle.rule_set.clone(),
        rows,
        quotas: out
            .quotas
            .into_iter()
            .map(|q| QuotaGroupInfo {
                group: q.group,
                counted: q.counted,
                limit: q.limit,
                excellent_before_quota: q.excellent_before,
                excellent: q.excellent,
            })
            .collect(),
        over_limit,
    })
}

/// S7 after the decision: the groups whose standing `excellent` results exceed the limit as
/// the group counts now.
fn over_limit(rows: &[BoardRow], quotas: &[engine::GroupQuota]) -> Vec<GroupOverLimit> {
    quotas
        .iter()
        .filter_map(|q| {
            let mut standing: Vec<&BoardRow> = rows
                .iter()
                .filter(|r| r.decided && r.group == q.group)
                .filter(|r| r.level.as_deref() == Some(Level::Excellent.as_str()))
                .collect();
            let excellent = u32::try_from(standing.len()).unwrap_or(u32::MAX);
            (excellent > q.limit).then(|| {
                standing.sort_by_key(|r| r.total);
                GroupOverLimit {
                    group: q.group.clone(),
                    limit: q.limit,
                    excellent,
                    member_ids: standing.iter().map(|r| r.member_id).collect(),
                }
            })
        })
        .collect()
}

/// The board rows of the points cycles among `year_cycles` (with their cycle's id), each
/// member once: in the cycle of the nearest organisation, which reviews them most closely.
pub(crate) fn year_rows(
    conn: &mut AnyConnection,
    year_cycles: &[cycles::Cycle],
) -> Result<Vec<(i64, BoardRow)>, AppError> {
    let mut points_cycles = Vec::new();
    for cycle in year_cycles {
        if crate::voting::rules_of(cycle)?.method == Method::Points
            && let Some(o) = organizations::get(conn, cycle.organization_id)?
        {
            points_cycles.push((cycle, o.path));
        }
    }
    points_cycles.sort_by_key(|(_, path)| std::cmp::Reverse(path.len()));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (cycle, path) in points_cycles {
        let board = board_of(conn, cycle, &path, false)?;
        out.extend(
            board
                .rows
                .into_iter()
                .filter(|r| seen.insert(r.member_id))
                .map(|r| (cycle.id, r)),
        );
    }
    Ok(out)
}

/// The results the competent level recorded for a points cycle (no voting session), standing.
pub(crate) fn decided_results(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> Result<HashMap<i64, kiemdiem_store::voting::Result_>, AppError> {
    Ok(kiemdiem_store::voting::results_of_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|r| r.session_id.is_none() && r.state.stands())
        .map(|r| (r.member_id, r))
        .collect())
}

/// A level the competent level chooses for someone the engine left unresolved, with why.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub member_id: i64,
    /// S7-tie: excellent or good (within the group's limit); S5-gap: completed or
    /// not_completed.
    pub level: String,
    #[validate(length(min = 5, max = 2000))]
    #[schema(min_length = 5, max_length = 2000)]
    pub reason: String,
}

/// The competent level's decision on the year (S10): every member's level as the engine gives
/// it, and a choice with its reason for each one it left unresolved.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsDecision {
    /// S7: the quota raised for outstanding results (25%).
    #[serde(default)]
    pub outstanding: bool,
    #[serde(default)]
    #[validate(nested)]
    pub choices: Vec<Choice>,
}

/// The levels a choice may take for a reason the engine left open: a tie across the quota's
/// limit (S7-tie) is excellent or good; a gap in the bands (S5-gap) is completed or not
/// completed (the sources are silent; our choice, RULES-2025.md S5).
fn allowed(reasons: &[String]) -> &'static [&'static str] {
    if reasons.iter().any(|r| r == "S7-tie") {
        &["excellent", "good"]
    } else {
        &["completed", "not_completed"]
    }
}

/// A row a choice may be for (a member, a collective): its id, name, status, reasons and quota
/// group.
pub(crate) struct Open<'a> {
    pub id: i64,
    pub name: &'a str,
    pub status: &'a str,
    pub reasons: &'a [String],
    pub group: Option<&'a str>,
}

/// A choice as sent: for whom, the level, why.
pub(crate) struct Chosen<'a> {
    pub id: i64,
    pub level: &'a str,
    pub reason: &'a str,
}

/// Checks the choices against the rows: each for one unresolved, at a level open to it
/// (a tie: excellent or good; a gap: completed or not completed), with a reason, once; every
/// unresolved one chosen for (422 naming each field); a tie's `excellent` within its group's
/// limit (409 quota_exceeded under `rule`, S7 or C3). `id_field` names the id in the fields.
pub(crate) fn check_choices<'a>(
    rows: &[Open<'_>],
    quotas: &[QuotaGroupInfo],
    choices: &[Chosen<'a>],
    id_field: &str,
    rule: &'static str,
) -> Result<HashMap<i64, (Level, &'a str)>, AppError> {
    let mut errors = Vec::new();
    let mut chosen = HashMap::new();
    let mut named = std::collections::HashSet::new();
    for (i, c) in choices.iter().enumerate() {
        let at = |f: &str| format!("choices[{i}].{f}");
        let Some(row) = rows.iter().find(|r| r.id == c.id) else {
            errors.push(FieldError::new(
                at(id_field),
                if id_field == "member_id" {
                    "unknown_member"
                } else {
                    "unknown_organization"
                },
                "Không thuộc phạm vi quyết định",
            ));
            continue;
        };
        if row.status != "unresolved" {
            errors.push(FieldError::new(
                at(id_field),
                "not_unresolved",
                format!("{} đã có kết quả theo quy định", row.name),
            ));
            continue;
        }
        let reason = c.reason.trim();
        if reason.chars().count() < 5 {
            errors.push(FieldError::new(
                at("reason"),
                "too_short",
                "Ghi rõ lý do (ít nhất 5 ký tự)",
            ));
        }
        if !named.insert(c.id) {
            errors.push(FieldError::new(
                at(id_field),
                "duplicate",
                "Mỗi người, mỗi tổ chức một lựa chọn",
            ));
        }
        let ok = allowed(row.reasons);
        match Level::parse(c.level).filter(|l| ok.contains(&l.as_str())) {
            Some(level) => {
                chosen.insert(c.id, (level, reason));
            }
            None => errors.push(FieldError::new(
                at("level"),
                "invalid_choice",
                format!("Chọn một trong: {}", ok.join(", ")),
            )),
        }
    }
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| r.status == "unresolved" && !named.contains(&r.id))
        .map(|r| r.name)
        .collect();
    if !missing.is_empty() {
        errors.push(FieldError::new(
            "choices",
            "required",
            format!("Cần quyết định mức cho: {}", missing.join(", ")),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    for q in quotas {
        let extra = rows
            .iter()
            .filter(|r| r.group == Some(q.group.as_str()))
            .filter(|r| {
                chosen
                    .get(&r.id)
                    .is_some_and(|(l, _)| *l == Level::Excellent)
            })
            .count();
        let excellent = q.excellent as usize + extra;
        if excellent > q.limit as usize {
            return Err(AppError::QuotaExceeded {
                rule,
                detail: format!(
                    "Nhóm {}: {excellent} hoàn thành xuất sắc vượt giới hạn {} (20% của {} hoàn thành tốt, {rule})",
                    q.group, q.limit, q.counted
                ),
            });
        }
    }
    Ok(chosen)
}

/// Records the year's results of a points cycle: the committee of the cycle's organisation,
/// once (409 when decided); every unresolved member needs a choice with a reason, a tie's
/// `excellent` stays within its group's limit (S7, 409 quota_exceeded). The results are
/// classification results like a ballot's (statistics, history, rewards, dossiers read them).
pub fn decide(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    d: PointsDecision,
) -> Result<PointsBoard, AppError> {
    // Two decisions sent at once: the second waits here, then finds the first's results
    // (PostgreSQL; SQLite serialises writers; a unique index backs both).
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    runs(p, &cycle_path)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let before = board(conn, p, cycle_id, d.outstanding)?;
    crate::cycles::writable(&cycle)?;
    if before.rows.iter().any(|r| r.decided) {
        return Err(AppError::conflict(
            "already_decided",
            "Cấp có thẩm quyền đã quyết định xếp loại năm nay",
        ));
    }
    let open: Vec<Open> = before
        .rows
        .iter()
        .map(|r| Open {
            id: r.member_id,
            name: &r.member_name,
            status: &r.status,
            reasons: &r.reasons,
            group: Some(&r.group),
        })
        .collect();
    let sent: Vec<Chosen> = d
        .choices
        .iter()
        .map(|c| Chosen {
            id: c.member_id,
            level: &c.level,
            reason: &c.reason,
        })
        .collect();
    let chosen = check_choices(&open, &before.quotas, &sent, "member_id", "S7")?;
    let actor = p.actor();
    store::record_decision(conn, cycle_id, d.outstanding, &actor)?;
    let year = crate::voting::year_of(&cycle);
    for row in &before.rows {
        let choice = chosen.get(&row.member_id);
        let status = match choice {
            Some(_) => Status::Classified,
            None => Status::parse(&row.status)
                .ok_or_else(|| AppError::Internal(format!("status {}", row.status)))?,
        };
        let level = choice.map_or_else(|| row.level.clone(), |(l, _)| Some(l.as_str().to_owned()));
        let mut reasons = row.reasons.clone();
        if choice.is_some() {
            reasons.push("S10".into());
        }
        let reasons = reasons.join(",");
        kiemdiem_store::voting::add_result(
            conn,
            &kiemdiem_store::voting::NewResult {
                cycle_id,
                session_id: None,
                member_id: row.member_id,
                status,
                level: level.as_deref(),
                cap: None,
                reasons: &reasons,
                votes: [0; 4],
                supplementary: false,
                state: ResultState::Approved,
                replaces_id: None,
                created_by: &actor,
            },
        )?;
        store::decide(
            conn,
            cycle_id,
            row.member_id,
            choice.map(|(_, r)| *r),
            &actor,
        )?;
        if let (Some(level), Status::Classified) = (&level, status) {
            members::upsert_history(
                conn,
                row.member_id,
                year,
                level,
                &row.branch_name,
                "classified",
            )?;
        }
    }
    let after = board(conn, p, cycle_id, d.outstanding)?;
    let count = |l: &str| {
        after
            .rows
            .iter()
            .filter(|r| r.level.as_deref() == Some(l))
            .count()
    };
    let chosen: Vec<_> = d
        .choices
        .iter()
        .map(|c| serde_json::json!({ "member_id": c.member_id, "level": c.level, "reason": c.reason }))
        .collect();
    p.audit("decide", "points_classification")
        .id(cycle_id)
        .after(&serde_json::json!({
            "members": after.rows.len(), "excellent": count("excellent"), "good": count("good"),
            "completed": count("completed"), "not_completed": count("not_completed"),
            "chosen": chosen,
        }))
        .record(conn)?;
    Ok(after)
}
