//! The points method of rule set `tw-366-2025` (RULES-2025.md S1–S9, C1–C3): every person and
//! every collective is scored on 100 points on a frame chosen by who they are, and classified
//! by bands, conditions on their tasks, forcing facts and a quota counted per group of similar
//! positions. Pure and integer (points in tenths); every result carries its reason ids.
//!
//! What differs between provinces is data ([`PointsRules`]): the items of each frame, the bands,
//! the task conditions, the facts and the frames they apply to, the quota, the quarter rule.

use crate::classification::{Level, Status};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

coded_enum! {
    /// S1, C1: the frame a person or a collective is scored on.
    pub enum Frame ("frame") {
        /// C1: collectives (party organisations, agencies, units, leadership collectives).
        F1 = "F1",
        /// Leaders managed by the Central Committee, Politburo, Secretariat (Mẫu 2A).
        F2 = "F2",
        /// Other leaders and managers (Mẫu 2A).
        F3 = "F3",
        /// Cadres, civil servants, public employees without a leading post (Mẫu 2B).
        F4 = "F4",
        /// Members outside the political system (Mẫu 2C).
        F5 = "F5",
    }
}

impl Frame {
    /// C1: the frame of collectives (reasons under C2, not S6).
    pub fn is_collective(self) -> bool {
        self == Frame::F1
    }

    /// S4, S6: a frame of leaders, whose conditions read the units they lead.
    pub fn has_leaders(self) -> bool {
        matches!(self, Frame::F2 | Frame::F3)
    }

    /// The rule whose facts force this frame's level: C2 for collectives, S6 for persons.
    fn fact_rule(self) -> &'static str {
        if self.is_collective() { "C2" } else { "S6" }
    }
}

/// S2: an item of a group, with its maximum in tenths of a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub label: String,
    pub max: u32,
}

/// S2: `general` (at most 30 points) or `tasks` (at most 70), with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub code: String,
    pub label: String,
    /// In tenths: 300 or 700.
    pub max: u32,
    pub items: Vec<Item>,
}

/// S1, C1: a frame, who it is for, its form and its groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameDef {
    pub frame: Frame,
    pub who: String,
    pub form: String,
    pub groups: Vec<Group>,
}

/// S5: the lowest total of each level, in tenths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
}

/// S5, S6: the conditions on tasks, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskConditions {
    /// `excellent`: at least this share of the tasks done beyond the requirement.
    pub excellent_exceeded_percent: u32,
    /// `completed`: at most this share of the tasks behind schedule.
    pub completed_behind_percent: u32,
    /// S6 `half_tasks_failed`: more than this share not done forces `not_completed`.
    pub failed_percent: u32,
}

/// What a fact does to the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// S6, C2: `not_completed` whatever the points.
    NotCompleted,
    /// C2: `excellent` is out of reach (the rest holds).
    BlocksExcellent,
}

/// S6, C2: a fact the competent level finds, the frames it applies to and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactDef {
    pub code: String,
    pub label: String,
    pub frames: Vec<Frame>,
    pub effect: Effect,
}

/// S7, C3: the quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsQuota {
    pub percent: u32,
    /// For an organisation with outstanding results, where the competent level so decides.
    pub outstanding_percent: u32,
    /// What the share is of: `good` (the literal reading, the default) or `good_or_better`.
    pub basis: String,
    /// `quota_group` (S7: groups of similar positions) or `branch` (counted per branch).
    pub scope: String,
}

/// S9: how the quarters' assessments weigh on the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarterRule {
    /// The quarters are shown beside the year as evidence (the default).
    EvidenceOnly,
    /// A quarter assessed `not_completed` keeps the year from `excellent`.
    AnyQuarterNotCompletedBlocksExcellent,
}

/// The data of a points rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsRules {
    pub frames: Vec<FrameDef>,
    pub bands: Bands,
    pub tasks: TaskConditions,
    pub facts: Vec<FactDef>,
    pub quota: PointsQuota,
    pub quarter_rule: QuarterRule,
    /// S8: whether M11's cap for a long absence applies (not under `tw-366-2025`).
    pub long_absence_cap: bool,
    /// S10: whether the branch also votes (with the rule set's M6 thresholds).
    pub branch_vote: bool,
    /// S3 (as M4): members admitted fewer months than this before the reference date.
    pub new_member_months: u32,
}

/// S2: the centre's maxima of the two groups, in tenths.
pub const GENERAL_MAX: u32 = 300;
pub const TASKS_MAX: u32 = 700;

impl PointsRules {
    /// The same rules with the quota out of the way (S7, C3): one subject's level before the
    /// quota, or a collective whose quota is counted elsewhere.
    pub fn without_quota(&self) -> PointsRules {
        let mut r = self.clone();
        r.quota.basis = "good_or_better".into();
        r.quota.percent = 100;
        r.quota.outstanding_percent = 100;
        r
    }

    pub fn frame(&self, f: Frame) -> Option<&FrameDef> {
        self.frames.iter().find(|d| d.frame == f)
    }

    fn fact(&self, code: &str) -> Option<&FactDef> {
        self.facts.iter().find(|f| f.code == code)
    }

    /// S2: what is wrong with the data: each frame once, the two groups at the centre's maxima,
    /// items adding up to their group's maximum, unique codes, bands going down, percentages
    /// and the quota's basis and scope known. Empty when the rules can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for f in Frame::ALL {
            match self.frames.iter().filter(|d| d.frame == *f).count() {
                1 => {}
                0 => out.push(format!("{f}: thiếu khung")),
                _ => out.push(format!("{f}: khung lặp lại")),
            }
        }
        for d in &self.frames {
            let codes: Vec<&str> = d.groups.iter().map(|g| g.code.as_str()).collect();
            if codes != ["general", "tasks"] {
                out.push(format!("{}: hai nhóm phải là general và tasks", d.frame));
            }
            for g in &d.groups {
                let max = if g.code == "general" {
                    GENERAL_MAX
                } else {
                    TASKS_MAX
                };
                if g.max != max {
                    out.push(format!("{}.{}: tối đa phải là {max}", d.frame, g.code));
                }
                let sum: u64 = g.items.iter().map(|i| u64::from(i.max)).sum();
                if sum != u64::from(g.max) {
                    out.push(format!(
                        "{}.{}: các tiêu chí cộng lại {sum}, khác điểm tối đa {}",
                        d.frame, g.code, g.max
                    ));
                }
                let mut seen = HashSet::new();
                for i in &g.items {
                    if i.code.trim().is_empty() || !seen.insert(i.code.as_str()) {
                        out.push(format!(
                            "{}.{}: mã tiêu chí trống hoặc lặp: '{}'",
                            d.frame, g.code, i.code
                        ));
                    }
                    if i.max == 0 {
                        out.push(format!(
                            "{}.{}.{}: điểm tối đa phải lớn hơn 0",
                            d.frame, g.code, i.code
                        ));
                    }
                }
            }
        }
        let b = self.bands;
        if !(b.excellent > b.good && b.good > b.completed && b.excellent <= GENERAL_MAX + TASKS_MAX)
        {
            out.push("bands: excellent > good > completed ≤ 1000".into());
        }
        let t = self.tasks;
        if [
            t.excellent_exceeded_percent,
            t.completed_behind_percent,
            t.failed_percent,
        ]
        .iter()
        .any(|p| *p > 100)
        {
            out.push("tasks: tỉ lệ phải từ 0 đến 100".into());
        }
        let mut seen = HashSet::new();
        for f in &self.facts {
            if f.code.trim().is_empty() || !seen.insert(f.code.as_str()) {
                out.push(format!("facts: mã trống hoặc lặp: '{}'", f.code));
            }
        }
        let q = &self.quota;
        if q.percent > 100 || q.outstanding_percent > 100 || q.outstanding_percent < q.percent {
            out.push("quota: 0 ≤ percent ≤ outstanding_percent ≤ 100".into());
        }
        if !matches!(q.basis.as_str(), "good" | "good_or_better") {
            out.push("quota.basis: good hoặc good_or_better".into());
        }
        if !matches!(q.scope.as_str(), "quota_group" | "branch") {
            out.push("quota.scope: quota_group hoặc branch".into());
        }
        out
    }
}

/// S4: the year's tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tasks {
    pub assigned: i64,
    pub done: i64,
    pub on_time: i64,
    pub exceeded: i64,
}

/// S5: shortcomings named at the previous review, and how many were remedied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shortcomings {
    pub prior: i64,
    pub remedied: i64,
}

/// A person (or a collective on F1) as the engine reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub id: String,
    pub frame: Frame,
    /// None for a collective.
    pub admitted_on: Option<NaiveDate>,
    pub exempt: bool,
    pub suspended: bool,
    pub attached: bool,
    pub self_assessed: bool,
    /// Tenths: the general group's points and the tasks group's (S2: final, else appraised,
    /// else self, chosen by the caller).
    pub general: i64,
    pub task_points: i64,
    pub tasks: Tasks,
    pub shortcomings: Shortcomings,
    pub facts: Vec<String>,
    pub mitigated: Vec<String>,
    /// S7: the quota group; None: the frame's code (or the branch, by the rule set's scope).
    pub quota_group: Option<String>,
    /// S9: the levels of the year's quarters assessed so far.
    pub quarters: Vec<Level>,
    /// S10: what the branch's vote gave, when the rule set asks for one (None: no vote
    /// recorded).
    pub vote: Option<Vote>,
}

/// S10 (a choice of the rule set, `branch_vote`): what the branch meeting's vote on a member
/// gave, read with the rule set's M6 thresholds and M7's counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    /// The highest level whose threshold the votes met: the level may not be above it.
    Reached(Level),
    /// No level met its threshold: the branch votes again (as M7's re-vote in 2016).
    NoneReached,
}

/// S10 with M6, M7: the branch's tally on one member, `counted` being M6's D (the official
/// members the threshold is counted on).
pub fn vote_of(
    rules: &crate::rule_set::RuleSet,
    votes: &crate::classification::Votes,
    counted: u32,
) -> Vote {
    match crate::classification::cascade(rules, votes, Level::Excellent, counted) {
        Some((level, _)) => Vote::Reached(level),
        None => Vote::NoneReached,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectResult {
    pub id: String,
    pub status: Status,
    pub level: Option<Level>,
    /// Tenths.
    pub total: u32,
    pub group: String,
    /// Rule ids in the order they applied (S3, S5, S5-gap, S6-…, S7, S7-tie, S9, C2-…).
    pub reasons: Vec<String>,
}

/// S7: one quota group's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupQuota {
    pub group: String,
    /// G: those whose level before S7 counts (`good`, or `good_or_better`).
    pub counted: u32,
    pub limit: u32,
    pub excellent_before: u32,
    pub excellent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// In the order given.
    pub results: Vec<SubjectResult>,
    /// By group name.
    pub quotas: Vec<GroupQuota>,
}

/// An input the engine refuses, named by its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

fn err(errors: &mut Vec<InputError>, field: String, code: &'static str, message: String) {
    errors.push(InputError {
        field,
        code,
        message,
    });
}

/// The most tasks or shortcomings a year may count, so that the integer conditions never
/// overflow whatever is sent.
pub const MAX_COUNT: i64 = 100_000;

/// Every impossible value of the input, each named by `members[i].…`.
pub fn check(rules: &PointsRules, subjects: &[Subject]) -> Vec<InputError> {
    let mut e = Vec::new();
    let mut ids = HashSet::new();
    for (i, s) in subjects.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        if !ids.insert(s.id.as_str()) {
            err(&mut e, at("id"), "duplicate", format!("'{}' lặp lại", s.id));
        }
        for (f, v, max) in [
            ("points.general", s.general, GENERAL_MAX),
            ("points.tasks", s.task_points, TASKS_MAX),
        ] {
            if v < 0 {
                err(&mut e, at(f), "negative", "Điểm không được âm".into());
            } else if v > i64::from(max) {
                err(
                    &mut e,
                    at(f),
                    "over_maximum",
                    format!("Tối đa {max} (phần mười điểm)"),
                );
            }
        }
        let t = s.tasks;
        for (f, v) in [
            ("assigned", t.assigned),
            ("done", t.done),
            ("on_time", t.on_time),
            ("exceeded", t.exceeded),
        ] {
            if v < 0 {
                err(
                    &mut e,
                    at(&format!("tasks.{f}")),
                    "negative",
                    "Không được âm".into(),
                );
            } else if v > MAX_COUNT {
                err(
                    &mut e,
                    at(&format!("tasks.{f}")),
                    "out_of_range",
                    format!("Tối đa {MAX_COUNT}"),
                );
            }
        }
        if t.done > t.assigned {
            err(
                &mut e,
                at("tasks.done"),
                "over_assigned",
                "Số hoàn thành vượt số được giao".into(),
            );
        }
        if t.on_time > t.done {
            err(
                &mut e,
                at("tasks.on_time"),
                "over_done",
                "Số đúng hạn vượt số hoàn thành".into(),
            );
        }
        if t.exceeded > t.done {
            err(
                &mut e,
                at("tasks.exceeded"),
                "over_done",
                "Số vượt yêu cầu vượt số hoàn thành".into(),
            );
        }
        let sc = s.shortcomings;
        if sc.prior < 0 || sc.remedied < 0 {
            err(
                &mut e,
                at("shortcomings"),
                "negative",
                "Không được âm".into(),
            );
        }
        if sc.prior > MAX_COUNT || sc.remedied > MAX_COUNT {
            err(
                &mut e,
                at("shortcomings"),
                "out_of_range",
                format!("Tối đa {MAX_COUNT}"),
            );
        }
        if sc.remedied > sc.prior {
            err(
                &mut e,
                at("shortcomings.remedied"),
                "over_prior",
                "Số đã khắc phục vượt số khuyết điểm".into(),
            );
        }
        for (k, f) in s.facts.iter().enumerate() {
            match rules.fact(f) {
                None => err(
                    &mut e,
                    at(&format!("facts[{k}]")),
                    "unknown_fact",
                    format!("'{f}' không có trong bộ quy tắc"),
                ),
                Some(d) if !d.frames.contains(&s.frame) => err(
                    &mut e,
                    at(&format!("facts[{k}]")),
                    "not_for_frame",
                    format!("'{f}' không áp dụng cho khung {}", s.frame),
                ),
                Some(_) => {}
            }
        }
        for (k, f) in s.mitigated.iter().enumerate() {
            if !s.facts.contains(f) {
                err(
                    &mut e,
                    at(&format!("mitigated[{k}]")),
                    "not_a_fact",
                    format!("'{f}' không nằm trong các sự việc của người này"),
                );
            }
        }
        if !s.frame.is_collective() && s.admitted_on.is_none() {
            err(
                &mut e,
                at("admitted_on"),
                "required",
                "Cần ngày vào Đảng".into(),
            );
        }
    }
    e
}

fn total(s: &Subject) -> u32 {
    u32::try_from(s.general.max(0) + s.task_points.max(0)).unwrap_or(u32::MAX)
}

/// S6: the facts that apply to the subject (found, or derived from its tasks), unmitigated
/// first; and whether any was mitigated.
fn forcing(rules: &PointsRules, s: &Subject) -> (Vec<String>, Vec<String>, bool) {
    let t = s.tasks;
    let failed = i64::from(rules.tasks.failed_percent);
    let mut facts: Vec<&str> = s.facts.iter().map(String::as_str).collect();
    // S6 `half_tasks_failed`: derived from the tasks whatever was sent.
    if (t.assigned - t.done) * 100 > t.assigned * failed && !facts.contains(&"half_tasks_failed") {
        facts.push("half_tasks_failed");
    }
    let (mut forced, mut blocked, mut mitigated) = (Vec::new(), Vec::new(), false);
    for f in facts {
        if s.mitigated.iter().any(|m| m == f) {
            mitigated = true;
            continue;
        }
        let effect = rules.fact(f).map_or(Effect::NotCompleted, |d| d.effect);
        let id = format!("{}-{f}", s.frame.fact_rule());
        match effect {
            Effect::NotCompleted => forced.push(id),
            Effect::BlocksExcellent => blocked.push(id),
        }
    }
    (forced, blocked, mitigated)
}

/// S5 (C2): the highest level whose band and task conditions hold, or None (`S5-gap`).
pub fn band_level(
    rules: &PointsRules,
    total: u32,
    t: Tasks,
    sc: Shortcomings,
    excellent_allowed: bool,
) -> Option<Level> {
    let b = rules.bands;
    let all_done = t.done == t.assigned;
    let all_on_time = all_done && t.on_time == t.assigned;
    let exceeded =
        t.exceeded * 100 >= t.assigned * i64::from(rules.tasks.excellent_exceeded_percent);
    let behind = (t.assigned - t.on_time) * 100
        <= t.assigned * i64::from(rules.tasks.completed_behind_percent);
    if excellent_allowed
        && total >= b.excellent
        && all_on_time
        && exceeded
        && sc.remedied == sc.prior
    {
        Some(Level::Excellent)
    } else if total >= b.good && all_on_time {
        Some(Level::Good)
    } else if total >= b.completed && all_done && behind {
        Some(Level::Completed)
    } else if total < b.completed {
        Some(Level::NotCompleted)
    } else {
        None
    }
}

/// S3: not reviewed (`not_classified`) or not yet (`pending`).
fn unclassifiable(rules: &PointsRules, reference_date: NaiveDate, s: &Subject) -> Option<Status> {
    if s.frame.is_collective() {
        return (!s.self_assessed).then_some(Status::Pending);
    }
    let recent = s
        .admitted_on
        .and_then(|d| d.checked_add_months(Months::new(rules.new_member_months)))
        .is_none_or(|d| d > reference_date);
    if s.attached || s.exempt || s.suspended || recent {
        Some(Status::NotClassified)
    } else if !s.self_assessed {
        Some(Status::Pending)
    } else {
        None
    }
}

/// S7: the group a subject is counted in.
fn group_of(rules: &PointsRules, s: &Subject) -> String {
    match &s.quota_group {
        Some(g) if !g.trim().is_empty() => g.trim().to_owned(),
        _ if rules.quota.scope == "branch" => "branch".into(),
        _ => s.frame.as_str().to_owned(),
    }
}

/// Classifies everyone given: S3 first, then S6, S5 (with S9's quarter rule), then S7 per
/// group. `outstanding`: the competent level raised the quota for an organisation with
/// outstanding results (S7, C3).
pub fn classify(
    rules: &PointsRules,
    reference_date: NaiveDate,
    outstanding: bool,
    subjects: &[Subject],
) -> Result<Outcome, Vec<InputError>> {
    let errors = check(rules, subjects);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut results: Vec<SubjectResult> = subjects
        .iter()
        .map(|s| {
            let total = total(s);
            let group = group_of(rules, s);
            let done = |status, level, reasons: Vec<String>| SubjectResult {
                id: s.id.clone(),
                status,
                level,
                total,
                group: group.clone(),
                reasons,
            };
            let collective = s.frame.is_collective();
            if let Some(status) = unclassifiable(rules, reference_date, s) {
                return done(
                    status,
                    None,
                    vec![if collective { "C2" } else { "S3" }.into()],
                );
            }
            let (forced, blocked, mitigated) = forcing(rules, s);
            let mut reasons: Vec<String> = Vec::new();
            if mitigated {
                reasons.push(format!("{}-mitigated", s.frame.fact_rule()));
            }
            if !forced.is_empty() {
                reasons.extend(forced);
                return done(Status::Classified, Some(Level::NotCompleted), reasons);
            }
            // S10: under a rule set that asks for the branch's vote, no level before it (or
            // before a vote that reached a threshold), and never above what it reached.
            let vote_cap = match (rules.branch_vote && !collective, s.vote) {
                (false, _) => None,
                (true, Some(Vote::Reached(cap))) => Some(cap),
                (true, None | Some(Vote::NoneReached)) => {
                    reasons.push("S10-vote".into());
                    return done(Status::Pending, None, reasons);
                }
            };
            let quarter_blocks = rules.quarter_rule
                == QuarterRule::AnyQuarterNotCompletedBlocksExcellent
                && s.quarters.contains(&Level::NotCompleted);
            if quarter_blocks {
                reasons.push("S9".into());
            }
            reasons.extend(blocked.iter().cloned());
            let allowed = !quarter_blocks && blocked.is_empty();
            match band_level(rules, total, s.tasks, s.shortcomings, allowed) {
                Some(level) => {
                    reasons.push(if collective { "C2" } else { "S5" }.into());
                    match vote_cap {
                        Some(cap) if cap > level => {
                            reasons.push("S10-vote".into());
                            done(Status::Classified, Some(cap), reasons)
                        }
                        _ => done(Status::Classified, Some(level), reasons),
                    }
                }
                None => {
                    reasons.push("S5-gap".into());
                    done(Status::Unresolved, None, reasons)
                }
            }
        })
        .collect();

    // S7, C3: per group, on the levels before this step.
    let percent = if outstanding {
        rules.quota.outstanding_percent
    } else {
        rules.quota.percent
    };
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in results.iter().enumerate() {
        groups.entry(r.group.clone()).or_default().push(i);
    }
    let mut quotas = Vec::new();
    for (group, members) in groups {
        let is = |r: &SubjectResult, l: Level| r.status == Status::Classified && r.level == Some(l);
        let count = |rs: &[SubjectResult], l: Level| {
            u32::try_from(members.iter().filter(|i| is(&rs[**i], l)).count()).unwrap_or(u32::MAX)
        };
        let excellent_before = count(&results, Level::Excellent);
        let counted = count(&results, Level::Good)
            + if rules.quota.basis == "good_or_better" {
                excellent_before
            } else {
                0
            };
        let limit =
            u32::try_from(u64::from(counted) * u64::from(percent) / 100).unwrap_or(u32::MAX);
        if excellent_before > limit {
            let mut ranked: Vec<usize> = members
                .iter()
                .copied()
                .filter(|i| is(&results[*i], Level::Excellent))
                .collect();
            // Highest total first; the order given never matters (ties are resolved below).
            ranked.sort_by_key(|i| std::cmp::Reverse(results[*i].total));
            let at = |k: usize, rs: &[SubjectResult]| rs[ranked[k]].total;
            let limit = limit as usize;
            let tie = (limit > 0 && at(limit - 1, &results) == at(limit, &results))
                .then(|| at(limit, &results));
            for k in 0..ranked.len() {
                let t = at(k, &results);
                let r = &mut results[ranked[k]];
                match tie {
                    Some(cut) if t > cut => {}
                    Some(cut) if t == cut => {
                        r.status = Status::Unresolved;
                        r.level = None;
                        r.reasons.push("S7-tie".into());
                    }
                    None if k < limit => {}
                    _ => {
                        r.level = Some(Level::Good);
                        r.reasons.push("S7".into());
                    }
                }
            }
        }
        let excellent = count(&results, Level::Excellent);
        quotas.push(GroupQuota {
            group,
            counted,
            limit,
            excellent_before,
            excellent,
        });
    }
    Ok(Outcome { results, quotas })
}

coded_enum! {
    /// Where a person's points assessment stands (S10): written and `submitted` by the person
    /// (or entered from paper by the branch committee), `appraised` by the organisation-and-
    /// personnel body, `decided` by the competent level.
    pub enum AssessmentStatus ("points assessment status") {
        Draft = "draft",
        Submitted = "submitted",
        Appraised = "appraised",
        Decided = "decided",
    }
}

impl AssessmentStatus {
    /// The person (or the branch committee for them) may still change their own points.
    pub fn self_may_edit(self) -> bool {
        self == AssessmentStatus::Draft
    }

    /// S3: the self-assessment is in (classification may follow).
    pub fn is_submitted(self) -> bool {
        self != AssessmentStatus::Draft
    }

    /// S10: the appraisal reads what was submitted, and may be made again before the decision.
    pub fn may_appraise(self) -> bool {
        matches!(
            self,
            AssessmentStatus::Submitted | AssessmentStatus::Appraised
        )
    }
}

/// S1: the frame a member is scored on by default, from the member's record: a leadership post
/// → `F3` (the committee moves a centrally managed leader to `F2`); a civil servant or public
/// employee → `F4`; anyone else (students, business, residents, retired) → `F5`.
pub fn default_frame(category: &str, leadership_level: Option<&str>) -> Frame {
    if leadership_level.is_some() {
        Frame::F3
    } else if category == "civil_servant" {
        Frame::F4
    } else {
        Frame::F5
    }
}

/// S2: a person's points per item on a frame, checked against the items' maxima: each item
/// known and within 0..=max, and with `complete` every item scored. The two groups' sums
/// (general, tasks) in tenths, or every error named `<prefix>.<item>`.
pub fn sum_items(
    def: &FrameDef,
    points: &BTreeMap<String, i64>,
    complete: bool,
    prefix: &str,
) -> Result<(i64, i64), Vec<InputError>> {
    let mut e = Vec::new();
    let mut sums = [0i64; 2];
    for code in points.keys() {
        if !def
            .groups
            .iter()
            .any(|g| g.items.iter().any(|i| &i.code == code))
        {
            err(
                &mut e,
                format!("{prefix}.{code}"),
                "unknown_item",
                format!("Khung {} không có tiêu chí '{code}'", def.frame),
            );
        }
    }
    for (k, g) in def.groups.iter().enumerate() {
        for i in &g.items {
            match points.get(&i.code) {
                Some(v) if *v < 0 => err(
                    &mut e,
                    format!("{prefix}.{}", i.code),
                    "negative",
                    "Điểm không được âm".into(),
                ),
                Some(v) if *v > i64::from(i.max) => err(
                    &mut e,
                    format!("{prefix}.{}", i.code),
                    "over_maximum",
                    format!("Tối đa {} (phần mười điểm)", i.max),
                ),
                Some(v) => sums[k.min(1)] += v,
                None if complete => err(
                    &mut e,
                    format!("{prefix}.{}", i.code),
                    "required",
                    "Chưa chấm tiêu chí này".into(),
                ),
                None => {}
            }
        }
    }
    if e.is_empty() {
        Ok((sums[0], sums[1]))
    } else {
        Err(e)
    }
}

fn item(code: &str, label: &str, max: u32) -> Item {
    Item {
        code: code.into(),
        label: label.into(),
        max,
    }
}

fn group(code: &str, label: &str, max: u32, items: Vec<Item>) -> Group {
    Group {
        code: code.into(),
        label: label.into(),
        max,
        items,
    }
}

/// The general criteria of a person (S2), 6 points each: the province's to edit.
fn person_general() -> Group {
    group(
        "general",
        "Tiêu chí chung",
        GENERAL_MAX,
        vec![
            item("politics", "Tư tưởng chính trị", 60),
            item("ethics", "Phẩm chất đạo đức, lối sống", 60),
            item("discipline", "Ý thức tổ chức kỷ luật", 60),
            item(
                "example",
                "Tác phong, lề lối làm việc; trách nhiệm nêu gương",
                60,
            ),
            item(
                "self_criticism",
                "Tự phê bình, phê bình; khắc phục hạn chế, khuyết điểm đã được chỉ ra",
                60,
            ),
        ],
    )
}

/// `tw-366-2025`: the centre's maxima (S2, C1) and a plausible default item list per frame,
/// marked as the province's to edit (an admin copies the rule set and sets its own items).
pub fn tw_366_2025() -> PointsRules {
    let leaders_tasks = group(
        "tasks",
        "Kết quả thực hiện nhiệm vụ",
        TASKS_MAX,
        vec![
            item(
                "duties",
                "Kết quả thực hiện chức trách, nhiệm vụ được giao",
                300,
            ),
            item(
                "units",
                "Kết quả hoạt động của cơ quan, đơn vị, lĩnh vực được giao lãnh đạo, quản lý",
                200,
            ),
            item(
                "leadership",
                "Năng lực lãnh đạo, quản lý; đoàn kết, quy tụ",
                100,
            ),
            item("innovation", "Đổi mới, sáng tạo, chuyển đổi số", 100),
        ],
    );
    let leaders = |frame, who: &str| FrameDef {
        frame,
        who: who.into(),
        form: "Mẫu 2A".into(),
        groups: vec![person_general(), leaders_tasks.clone()],
    };
    let fact = |code: &str, label: &str, frames: &[Frame], effect| FactDef {
        code: code.into(),
        label: label.into(),
        frames: frames.to_vec(),
        effect,
    };
    use Frame::*;
    let persons = [F2, F3, F4, F5];
    PointsRules {
        frames: vec![
            FrameDef {
                frame: F1,
                who: "Tập thể: tổ chức đảng, cơ quan, đơn vị, tập thể lãnh đạo".into(),
                form: "Mẫu 01".into(),
                groups: vec![
                    group(
                        "general",
                        "Tiêu chí chung",
                        GENERAL_MAX,
                        vec![
                            item(
                                "party_building",
                                "Xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức, cán bộ",
                                50,
                            ),
                            item(
                                "capacity",
                                "Năng lực lãnh đạo của cấp ủy; đoàn kết nội bộ",
                                50,
                            ),
                            item("inspection", "Kiểm tra, giám sát, kỷ luật đảng", 50),
                            item(
                                "democratic_centralism",
                                "Tập trung dân chủ, quy chế làm việc",
                                50,
                            ),
                            item(
                                "political_task",
                                "Lãnh đạo nhiệm vụ chính trị, đổi mới, chuyển đổi số",
                                50,
                            ),
                            item(
                                "self_criticism",
                                "Tự phê bình, phê bình; khắc phục hạn chế, khuyết điểm",
                                50,
                            ),
                        ],
                    ),
                    group(
                        "tasks",
                        "Kết quả thực hiện nhiệm vụ",
                        TASKS_MAX,
                        vec![
                            item(
                                "plan",
                                "Cụ thể hóa kế hoạch thành sản phẩm; tiến độ, chất lượng",
                                400,
                            ),
                            item(
                                "subordinates",
                                "Kết quả xếp loại các lĩnh vực, đơn vị phụ trách",
                                300,
                            ),
                        ],
                    ),
                ],
            },
            leaders(
                F2,
                "Cán bộ lãnh đạo, quản lý thuộc diện Trung ương, Bộ Chính trị, Ban Bí thư quản lý",
            ),
            leaders(
                F3,
                "Cán bộ lãnh đạo, quản lý khác (bí thư, trưởng, phó các cấp)",
            ),
            FrameDef {
                frame: F4,
                who: "Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý".into(),
                form: "Mẫu 2B".into(),
                groups: vec![
                    person_general(),
                    group(
                        "tasks",
                        "Kết quả thực hiện nhiệm vụ",
                        TASKS_MAX,
                        vec![
                            item(
                                "duties",
                                "Kết quả thực hiện nhiệm vụ theo kế hoạch, chức trách",
                                400,
                            ),
                            item("quality", "Chất lượng, tiến độ thực hiện", 200),
                            item("innovation", "Đổi mới, sáng tạo, chuyển đổi số", 100),
                        ],
                    ),
                ],
            },
            FrameDef {
                frame: F5,
                who: "Đảng viên không làm việc trong hệ thống chính trị".into(),
                form: "Mẫu 2C".into(),
                groups: vec![
                    person_general(),
                    group(
                        "tasks",
                        "Kết quả thực hiện nhiệm vụ",
                        TASKS_MAX,
                        vec![
                            item(
                                "party_tasks",
                                "Thực hiện nhiệm vụ đảng viên, nhiệm vụ chi bộ phân công",
                                400,
                            ),
                            item(
                                "residence",
                                "Thực hiện nghĩa vụ công dân và quy định nơi cư trú",
                                200,
                            ),
                            item("mass_work", "Tham gia công tác quần chúng, đoàn thể", 100),
                        ],
                    ),
                ],
            },
        ],
        bands: Bands {
            excellent: 900,
            good: 700,
            completed: 500,
        },
        tasks: TaskConditions {
            excellent_exceeded_percent: 30,
            completed_behind_percent: 20,
            failed_percent: 50,
        },
        facts: vec![
            fact(
                "degradation",
                "Suy thoái về tư tưởng chính trị, đạo đức, lối sống, \"tự diễn biến\", \"tự chuyển hóa\"",
                &persons,
                Effect::NotCompleted,
            ),
            fact(
                "duty_discipline",
                "Bị kỷ luật từ khiển trách trở lên trong năm do vi phạm khi thực thi công vụ",
                &persons,
                Effect::NotCompleted,
            ),
            fact(
                "forbidden_conduct",
                "Vi phạm những điều đảng viên không được làm, trách nhiệm nêu gương",
                &persons,
                Effect::NotCompleted,
            ),
            fact(
                "half_tasks_failed",
                "Không hoàn thành quá 50% nhiệm vụ được giao",
                &[F1, F2, F3, F4, F5],
                Effect::NotCompleted,
            ),
            fact(
                "units_under_70",
                "Đơn vị trực tiếp phụ trách hoàn thành dưới 70% chỉ tiêu, nhiệm vụ",
                &[F1, F2, F3],
                Effect::NotCompleted,
            ),
            fact(
                "units_half_not_completed",
                "Quá nửa đơn vị thuộc phạm vi phụ trách xếp loại không hoàn thành nhiệm vụ",
                &[F2, F3],
                Effect::NotCompleted,
            ),
            fact(
                "low_confidence",
                "Quá 50% phiếu tín nhiệm thấp khi lấy phiếu trong năm",
                &[F2, F3],
                Effect::NotCompleted,
            ),
            fact(
                "managed_wrongdoing",
                "Để xảy ra tham nhũng, lãng phí, tiêu cực ở nơi trực tiếp quản lý, bị xử lý kỷ luật",
                &[F2, F3],
                Effect::NotCompleted,
            ),
            fact(
                "cadre_work_wrongdoing",
                "Sai phạm trong công tác cán bộ; mất đoàn kết, bè phái",
                &[F1],
                Effect::NotCompleted,
            ),
            fact(
                "leader_disciplined",
                "Thành viên tập thể lãnh đạo bị kỷ luật từ khiển trách trở lên hoặc kết luận suy thoái",
                &[F1],
                Effect::NotCompleted,
            ),
            fact(
                "subordinate_disciplined",
                "Có đơn vị trực thuộc hoặc thành viên tập thể lãnh đạo bị kỷ luật trong năm",
                &[F1],
                Effect::BlocksExcellent,
            ),
        ],
        quota: PointsQuota {
            percent: 20,
            outstanding_percent: 25,
            basis: "good".into(),
            scope: "quota_group".into(),
        },
        quarter_rule: QuarterRule::EvidenceOnly,
        long_absence_cap: false,
        branch_vote: false,
        new_member_months: 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
    }

    /// A person on F4 with all ten tasks done on time, three beyond, nothing to remedy.
    fn person(id: &str, general: i64, tasks: i64) -> Subject {
        Subject {
            id: id.into(),
            frame: Frame::F4,
            admitted_on: NaiveDate::from_ymd_opt(2010, 5, 2),
            exempt: false,
            suspended: false,
            attached: false,
            self_assessed: true,
            general,
            task_points: tasks,
            tasks: Tasks {
                assigned: 10,
                done: 10,
                on_time: 10,
                exceeded: 3,
            },
            shortcomings: Shortcomings {
                prior: 2,
                remedied: 2,
            },
            facts: vec![],
            mitigated: vec![],
            quota_group: None,
            quarters: vec![],
            vote: None,
        }
    }

    /// One subject's level before the quota: a lone `excellent` would fall by S7 (G = 0), so
    /// the quota is taken of everyone good or better, at 100%.
    fn without_quota() -> PointsRules {
        tw_366_2025().without_quota()
    }

    fn one(s: Subject) -> SubjectResult {
        classify(&without_quota(), day(), false, &[s])
            .unwrap()
            .results
            .remove(0)
    }

    fn level(r: &SubjectResult) -> Option<&'static str> {
        r.level.map(Level::as_str)
    }

    #[test]
    fn s2_the_builtin_frames_add_up_and_a_broken_copy_is_named() {
        let rules = tw_366_2025();
        assert_eq!(rules.problems(), Vec::<String>::new());
        for d in &rules.frames {
            assert_eq!(
                d.groups.iter().map(|g| g.max).sum::<u32>(),
                1000,
                "{}",
                d.frame
            );
        }
        let mut broken = rules.clone();
        broken.frames[3].groups[1].items[0].max -= 10;
        broken.frames.remove(4);
        let p = broken.problems();
        assert!(
            p.iter()
                .any(|x| x.starts_with("F4.tasks") && x.contains("690")),
            "{p:?}"
        );
        assert!(p.iter().any(|x| x.starts_with("F5")), "{p:?}");
    }

    #[test]
    fn s1_frames_leaders_and_collectives() {
        assert!(Frame::F2.has_leaders() && Frame::F3.has_leaders());
        assert!(!Frame::F4.has_leaders() && !Frame::F5.has_leaders() && !Frame::F1.has_leaders());
        assert!(Frame::F1.is_collective());
        let rules = tw_366_2025();
        let forms: Vec<_> = Frame::ALL
            .iter()
            .map(|f| rules.frame(*f).unwrap().form.as_str())
            .collect();
        assert_eq!(forms, ["Mẫu 01", "Mẫu 2A", "Mẫu 2A", "Mẫu 2B", "Mẫu 2C"]);
    }

    #[test]
    fn s3_exempt_suspended_attached_and_new_members_are_not_classified_and_no_form_is_pending() {
        for f in [
            |s: &mut Subject| s.exempt = true,
            |s: &mut Subject| s.suspended = true,
            |s: &mut Subject| s.attached = true,
            |s: &mut Subject| s.admitted_on = NaiveDate::from_ymd_opt(2026, 6, 16),
        ] {
            let mut s = person("a", 300, 700);
            f(&mut s);
            let r = one(s);
            assert_eq!(
                (r.status, r.level, r.reasons.clone()),
                (Status::NotClassified, None, vec!["S3".to_owned()])
            );
        }
        // Six months to the day is enough.
        let mut s = person("a", 300, 700);
        s.admitted_on = NaiveDate::from_ymd_opt(2026, 6, 15);
        assert_eq!(one(s).status, Status::Classified);
        let mut s = person("a", 300, 700);
        s.self_assessed = false;
        s.facts = vec!["degradation".into()];
        let r = one(s);
        assert_eq!(
            (r.status, r.reasons),
            (Status::Pending, vec!["S3".to_owned()])
        );
    }

    #[test]
    fn s5_bands_and_task_conditions_at_their_boundaries() {
        assert_eq!(level(&one(person("a", 280, 620))), Some("excellent"));
        assert_eq!(level(&one(person("a", 280, 619))), Some("good"));
        assert_eq!(level(&one(person("a", 200, 500))), Some("good"));
        assert_eq!(level(&one(person("a", 200, 499))), Some("completed"));
        assert_eq!(level(&one(person("a", 200, 300))), Some("completed"));
        let r = one(person("a", 200, 299));
        assert_eq!(
            (level(&r), r.reasons),
            (Some("not_completed"), vec!["S5".to_owned()])
        );
        // Exceeded: 30% of the tasks (3 of 10), not 2.
        let mut s = person("a", 300, 700);
        s.tasks.exceeded = 2;
        assert_eq!(level(&one(s)), Some("good"));
        // A shortcoming not remedied keeps it from excellent.
        let mut s = person("a", 300, 700);
        s.shortcomings.remedied = 1;
        assert_eq!(level(&one(s)), Some("good"));
        // One task late: not good; 2 of 10 late is still completed, 3 is not.
        let mut s = person("a", 300, 700);
        s.tasks.on_time = 8;
        assert_eq!(level(&one(s.clone())), Some("completed"));
        s.tasks.on_time = 7;
        assert_eq!(level(&one(s)), None);
        // No tasks assigned: the conditions hold.
        let mut s = person("a", 300, 700);
        s.tasks = Tasks::default();
        assert_eq!(level(&one(s)), Some("excellent"));
    }

    #[test]
    fn s5_gap_eighty_points_with_nine_of_ten_tasks_done_is_left_to_the_competent_level() {
        let mut s = person("a", 250, 550);
        s.tasks.done = 9;
        s.tasks.on_time = 9;
        let r = one(s);
        assert_eq!(
            (r.status, r.level, r.reasons),
            (Status::Unresolved, None, vec!["S5-gap".to_owned()])
        );
    }

    #[test]
    fn s6_a_fact_forces_not_completed_whatever_the_points_unless_mitigated() {
        let mut s = person("a", 300, 700);
        s.facts = vec!["duty_discipline".into(), "degradation".into()];
        let r = one(s.clone());
        assert_eq!(level(&r), Some("not_completed"));
        assert_eq!(r.reasons, ["S6-duty_discipline", "S6-degradation"]);
        s.mitigated = vec!["duty_discipline".into()];
        assert_eq!(one(s.clone()).reasons, ["S6-mitigated", "S6-degradation"]);
        s.mitigated.push("degradation".into());
        let r = one(s);
        assert_eq!(
            (level(&r), r.reasons),
            (
                Some("excellent"),
                vec!["S6-mitigated".to_owned(), "S5".to_owned()]
            )
        );
        // Derived from the tasks: 6 of 10 not done is more than half; 5 is not.
        let mut s = person("a", 300, 700);
        s.tasks = Tasks {
            assigned: 10,
            done: 4,
            on_time: 4,
            exceeded: 0,
        };
        assert_eq!(one(s.clone()).reasons, ["S6-half_tasks_failed"]);
        s.tasks = Tasks {
            assigned: 10,
            done: 5,
            on_time: 5,
            exceeded: 0,
        };
        assert_eq!(one(s).status, Status::Unresolved);
    }

    #[test]
    fn s6_leaders_facts_are_refused_for_frames_without_leaders_and_every_bad_field_is_named() {
        let mut s = person("a", 301, -1);
        s.facts = vec!["low_confidence".into(), "bribery".into()];
        s.mitigated = vec!["degradation".into()];
        s.tasks = Tasks {
            assigned: 5,
            done: 6,
            on_time: 7,
            exceeded: 7,
        };
        s.shortcomings = Shortcomings {
            prior: 1,
            remedied: 2,
        };
        let twin = s.clone();
        let e = classify(&tw_366_2025(), day(), false, &[s, twin]).unwrap_err();
        let fields: Vec<_> = e
            .iter()
            .filter(|x| x.field.starts_with("members[0]"))
            .map(|x| (x.field.as_str(), x.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("members[0].points.general", "over_maximum"),
                ("members[0].points.tasks", "negative"),
                ("members[0].tasks.done", "over_assigned"),
                ("members[0].tasks.on_time", "over_done"),
                ("members[0].tasks.exceeded", "over_done"),
                ("members[0].shortcomings.remedied", "over_prior"),
                ("members[0].facts[0]", "not_for_frame"),
                ("members[0].facts[1]", "unknown_fact"),
                ("members[0].mitigated[0]", "not_a_fact"),
            ]
        );
        assert!(
            e.iter()
                .any(|x| x.field == "members[1].id" && x.code == "duplicate")
        );
        let mut huge = person("h", 300, 700);
        huge.tasks = Tasks {
            assigned: i64::MAX,
            done: 0,
            on_time: 0,
            exceeded: 0,
        };
        huge.shortcomings = Shortcomings {
            prior: i64::MAX,
            remedied: 0,
        };
        let e = check(&tw_366_2025(), &[huge]);
        let got: Vec<_> = e.iter().map(|x| (x.field.as_str(), x.code)).collect();
        assert_eq!(
            got,
            [
                ("members[0].tasks.assigned", "out_of_range"),
                ("members[0].shortcomings", "out_of_range")
            ]
        );
        let mut leader = person("b", 300, 700);
        leader.frame = Frame::F3;
        leader.facts = vec!["low_confidence".into()];
        assert_eq!(one(leader).reasons, ["S6-low_confidence"]);
    }

    fn excellent(id: &str, points: i64, group: &str) -> Subject {
        let mut s = person(id, 300, points);
        s.quota_group = Some(group.into());
        s
    }

    fn good(id: &str, group: &str) -> Subject {
        let mut s = person(id, 250, 500);
        s.quota_group = Some(group.into());
        s
    }

    #[test]
    fn s7_a_lone_excellent_person_falls_to_good_there_being_no_small_group_cap() {
        let out = classify(&tw_366_2025(), day(), false, &[person("a", 300, 700)]).unwrap();
        assert_eq!(level(&out.results[0]), Some("good"));
        assert_eq!(out.results[0].reasons, ["S5", "S7"]);
        assert_eq!((out.quotas[0].counted, out.quotas[0].limit), (0, 0));
    }

    #[test]
    fn s7_twenty_percent_of_good_per_group_the_lowest_fall_and_a_tie_is_unresolved() {
        // Group A: 10 good → limit 2; three excellent: the lowest falls.
        let mut a: Vec<Subject> = (0..10).map(|i| good(&format!("g{i}"), "A")).collect();
        a.extend([
            excellent("x1", 700, "A"),
            excellent("x2", 690, "A"),
            excellent("x3", 650, "A"),
        ]);
        // Group B: 5 good → limit 1; two excellent tied: both unresolved.
        let mut b: Vec<Subject> = (0..5).map(|i| good(&format!("h{i}"), "B")).collect();
        b.extend([excellent("y1", 680, "B"), excellent("y2", 680, "B")]);
        let all: Vec<Subject> = a.into_iter().chain(b).collect();
        let out = classify(&tw_366_2025(), day(), false, &all).unwrap();
        let by = |id: &str| out.results.iter().find(|r| r.id == id).unwrap();
        assert_eq!(level(by("x1")), Some("excellent"));
        assert_eq!(level(by("x2")), Some("excellent"));
        assert_eq!(
            (level(by("x3")), by("x3").reasons.last().unwrap().as_str()),
            (Some("good"), "S7")
        );
        for y in ["y1", "y2"] {
            assert_eq!(
                (by(y).status, by(y).reasons.last().unwrap().as_str()),
                (Status::Unresolved, "S7-tie")
            );
        }
        let q: Vec<_> = out
            .quotas
            .iter()
            .map(|q| (q.group.as_str(), q.counted, q.limit, q.excellent))
            .collect();
        assert_eq!(q, [("A", 10, 2, 2), ("B", 5, 1, 0)]);
        // The outstanding organisation: 25% of 10 is 2 still; of 12 it is 3.
        let twelve: Vec<Subject> = (0..12)
            .map(|i| good(&format!("g{i}"), "A"))
            .chain([
                excellent("x1", 700, "A"),
                excellent("x2", 690, "A"),
                excellent("x3", 650, "A"),
            ])
            .collect();
        let out = classify(&tw_366_2025(), day(), true, &twelve).unwrap();
        assert_eq!(out.quotas[0].limit, 3);
        assert_eq!(out.quotas[0].excellent, 3);
        // Fewer than five good: no excellent at all (no small-branch cap).
        let few: Vec<Subject> = (0..4)
            .map(|i| good(&format!("g{i}"), "C"))
            .chain([excellent("z", 700, "C")])
            .collect();
        let out = classify(&tw_366_2025(), day(), false, &few).unwrap();
        assert_eq!((out.quotas[0].limit, out.quotas[0].excellent), (0, 0));
    }

    #[test]
    fn s7_the_basis_good_or_better_counts_the_excellent_too_and_the_group_defaults_to_the_frame() {
        let mut rules = tw_366_2025();
        rules.quota.basis = "good_or_better".into();
        let people: Vec<Subject> = (0..4)
            .map(|i| person(&format!("g{i}"), 250, 500))
            .chain([person("x", 300, 700)])
            .collect();
        let out = classify(&rules, day(), false, &people).unwrap();
        assert_eq!(
            (
                out.quotas[0].group.as_str(),
                out.quotas[0].counted,
                out.quotas[0].limit
            ),
            ("F4", 5, 1)
        );
        assert_eq!(out.quotas[0].excellent, 1);
    }

    #[test]
    fn s9_a_quarter_not_completed_keeps_the_year_from_excellent_only_when_the_rule_set_says_so() {
        let mut s = person("a", 300, 700);
        s.quarters = vec![Level::Good, Level::NotCompleted];
        assert_eq!(level(&one(s.clone())), Some("excellent"));
        let mut rules = without_quota();
        rules.quarter_rule = QuarterRule::AnyQuarterNotCompletedBlocksExcellent;
        let r = classify(&rules, day(), false, &[s])
            .unwrap()
            .results
            .remove(0);
        assert_eq!(
            (level(&r), r.reasons),
            (Some("good"), vec!["S9".to_owned(), "S5".to_owned()])
        );
    }

    #[test]
    fn s10_vote_a_rule_set_asking_for_the_branch_vote_caps_at_what_the_vote_reached() {
        use crate::classification::Votes;
        let ballot = crate::rule_set::builtin(crate::rule_set::TW_366_2025).unwrap();
        let tally = |excellent, good, completed, not_completed| Votes {
            excellent,
            good,
            completed,
            not_completed,
        };
        // M6 on D = 9: excellent needs 7 (× 3 > 18), the others 5 (× 2 > 9); M7 counts a vote
        // for a higher level for the lower ones.
        assert_eq!(
            vote_of(&ballot, &tally(7, 2, 0, 0), 9),
            Vote::Reached(Level::Excellent)
        );
        assert_eq!(
            vote_of(&ballot, &tally(6, 3, 0, 0), 9),
            Vote::Reached(Level::Good)
        );
        assert_eq!(
            vote_of(&ballot, &tally(1, 1, 3, 0), 9),
            Vote::Reached(Level::Completed)
        );
        assert_eq!(
            vote_of(&ballot, &tally(0, 0, 0, 5), 9),
            Vote::Reached(Level::NotCompleted)
        );
        assert_eq!(vote_of(&ballot, &tally(2, 1, 1, 4), 9), Vote::NoneReached);

        let mut rules = without_quota();
        // Not asked for: the vote is not read.
        let s = person("a", 300, 700);
        assert_eq!(level(&one(s.clone())), Some("excellent"));
        rules.branch_vote = true;
        let run = |s: Subject| {
            classify(&rules, day(), false, &[s])
                .unwrap()
                .results
                .remove(0)
        };
        // Asked for and not held, or held without a level reached: not yet (the branch votes).
        for vote in [None, Some(Vote::NoneReached)] {
            let r = run(Subject { vote, ..s.clone() });
            assert_eq!(
                (r.status, r.reasons),
                (Status::Pending, vec!["S10-vote".to_owned()])
            );
        }
        // Never above what the vote reached; below it the points decide.
        let r = run(Subject {
            vote: Some(Vote::Reached(Level::Good)),
            ..s.clone()
        });
        assert_eq!(
            (level(&r), r.reasons),
            (Some("good"), vec!["S5".to_owned(), "S10-vote".to_owned()])
        );
        let r = run(Subject {
            vote: Some(Vote::Reached(Level::Excellent)),
            ..person("b", 250, 560)
        });
        assert_eq!(
            (level(&r), r.reasons),
            (Some("good"), vec!["S5".to_owned()])
        );
        // A forcing fact stands whatever the vote (S6).
        let mut forced = s.clone();
        forced.facts = vec!["degradation".into()];
        let r = run(forced);
        assert_eq!(level(&r), Some("not_completed"));
        // A collective is not voted on.
        let mut c = s.clone();
        c.frame = Frame::F1;
        c.admitted_on = None;
        assert_eq!(level(&run(c)), Some("excellent"));
    }

    #[test]
    fn c2_a_collective_with_a_disciplined_unit_is_not_excellent_and_disunity_is_not_completed() {
        let mut c = person("org", 300, 700);
        c.frame = Frame::F1;
        c.admitted_on = None;
        assert_eq!(one(c.clone()).reasons, ["C2"]);
        assert_eq!(level(&one(c.clone())), Some("excellent"));
        c.facts = vec!["subordinate_disciplined".into()];
        let r = one(c.clone());
        assert_eq!(
            (level(&r), r.reasons),
            (
                Some("good"),
                vec!["C2-subordinate_disciplined".to_owned(), "C2".to_owned()]
            )
        );
        c.facts = vec!["cadre_work_wrongdoing".into()];
        assert_eq!(level(&one(c.clone())), Some("not_completed"));
        c.facts = vec!["degradation".into()];
        assert!(
            classify(&tw_366_2025(), day(), false, &[c]).is_err(),
            "a person's fact on a collective"
        );
    }

    #[test]
    fn s1_the_default_frame_follows_the_members_record() {
        assert_eq!(
            default_frame("civil_servant", Some("grassroots")),
            Frame::F3
        );
        assert_eq!(default_frame("civil_servant", None), Frame::F4);
        for c in ["student", "business", "resident", "other"] {
            assert_eq!(default_frame(c, None), Frame::F5);
        }
    }

    #[test]
    fn s2_items_are_summed_per_group_within_their_maxima() {
        let rules = tw_366_2025();
        let f4 = rules.frame(Frame::F4).unwrap();
        let mut p: BTreeMap<String, i64> = [
            ("politics", 60),
            ("ethics", 55),
            ("duties", 400),
            ("quality", 150),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(sum_items(f4, &p, false, "self_points"), Ok((115, 550)));
        let missing = sum_items(f4, &p, true, "self_points").unwrap_err();
        assert_eq!(missing.len(), 4, "{missing:?}");
        assert!(missing.iter().all(|e| e.code == "required"));
        p.insert("politics".into(), 61);
        p.insert("bribes".into(), 1);
        p.insert("quality".into(), -1);
        let e = sum_items(f4, &p, false, "self_points").unwrap_err();
        let got: Vec<_> = e.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("self_points.bribes", "unknown_item"),
                ("self_points.politics", "over_maximum"),
                ("self_points.quality", "negative")
            ]
        );
        let s = AssessmentStatus::Draft;
        assert!(s.self_may_edit() && !s.is_submitted() && !s.may_appraise());
        assert!(
            AssessmentStatus::Appraised.may_appraise() && !AssessmentStatus::Decided.may_appraise()
        );
    }
}
