//! The classification engine: RULES.md M1–M11 and Q1–Q4 for one branch, as a pure function
//! over integers. Every result carries the ids of the rules that shaped it.
//!
//! Order of evaluation (RULES.md): attached → `not_classified` (M5); admitted under the rule
//! set's months → `not_classified` (M4); no self-review or absent → `pending` (M3); civil
//! servant without a professional rating → `pending` (M9); otherwise the cap (M8–M11), the
//! cascade (M6, M7), then the branch quota (Q1–Q4).
//!
//! Choices where RULES.md leaves room (written down in the README too):
//! - Every rule that imposes a cap below `excellent` is a reason, even when another rule caps
//!   lower still (M8 and M10 both show on a disciplined civil servant without honours).
//! - A voted result carries `M6`; it carries `M7` too when votes for higher levels were needed
//!   to reach the threshold of the level given. `unresolved` from the ballot carries `M7`.
//! - Q2 sets the limit of a small branch to its cap (1) whatever Q1 gives, up or down: 15% of
//!   at most 6 is always under 1, so read as a mere upper bound the rule would forbid any
//!   `excellent` in a small branch, which the guidance does not mean ("không quá 01 đồng chí").
//! - Basis `good` (Guidance 21, 2019) counts the members voted `good` before the quota,
//!   `excellent` excluded; `good_or_better` (2016) counts both.

use crate::rule_set::{RuleSet, Threshold};
use chrono::{Months, NaiveDate};
use std::collections::HashSet;

/// M1, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Excellent,
        Level::Good,
        Level::Completed,
        Level::NotCompleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Excellent => "excellent",
            Level::Good => "good",
            Level::Completed => "completed",
            Level::NotCompleted => "not_completed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The professional ratings' identifiers as stored (M8, M9), in order.
pub const PROFESSIONAL_LEVELS: [&str; 5] = [
    "excellent",
    "good",
    "completed",
    "completed_limited",
    "not_completed",
];

/// The honours' identifiers as stored (M9's exemplary civil servant).
pub const HONOURS: [&str; 4] = [
    "emulation_title",
    "ministry_province_commendation",
    "certificate_of_merit",
    "academic_excellent",
];

/// Xếp loại CBCCVC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfessionalRating {
    Excellent,
    Good,
    Completed,
    CompletedLimited,
    NotCompleted,
}

impl ProfessionalRating {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "excellent" => Self::Excellent,
            "good" => Self::Good,
            "completed" => Self::Completed,
            "completed_limited" => Self::CompletedLimited,
            "not_completed" => Self::NotCompleted,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    CivilServant,
    Student,
    Business,
    Resident,
    Other,
}

impl Category {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "civil_servant" => Self::CivilServant,
            "student" => Self::Student,
            "business" => Self::Business,
            "resident" => Self::Resident,
            "other" => Self::Other,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Honour {
    EmulationTitle,
    MinistryProvinceCommendation,
    CertificateOfMerit,
    AcademicExcellent,
}

impl Honour {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "emulation_title" => Self::EmulationTitle,
            "ministry_province_commendation" => Self::MinistryProvinceCommendation,
            "certificate_of_merit" => Self::CertificateOfMerit,
            "academic_excellent" => Self::AcademicExcellent,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadershipLevel {
    Grassroots,
    AboveGrassroots,
}

/// The unit's rating by its superior (O3 words in the preview's request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRating {
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

/// The party organisation's level (O1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyOrgRating {
    CleanStrong,
    Good,
    Completed,
    Weak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leadership {
    pub level: LeadershipLevel,
    pub unit_rating: UnitRating,
    pub party_org_rating: PartyOrgRating,
}

/// The votes for each level, as counted (M7: one level per ballot and member).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Votes {
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
}

impl Votes {
    pub fn total(&self) -> u64 {
        u64::from(self.excellent)
            + u64::from(self.good)
            + u64::from(self.completed)
            + u64::from(self.not_completed)
    }

    /// M7: a vote for a higher level counts for every lower level down to `completed`;
    /// `not_completed` counts only its own.
    pub fn in_favour(&self, level: Level) -> u64 {
        let (e, g, c) = (
            u64::from(self.excellent),
            u64::from(self.good),
            u64::from(self.completed),
        );
        match level {
            Level::Excellent => e,
            Level::Good => e + g,
            Level::Completed => e + g + c,
            Level::NotCompleted => u64::from(self.not_completed),
        }
    }

    fn own(&self, level: Level) -> u64 {
        u64::from(match level {
            Level::Excellent => self.excellent,
            Level::Good => self.good,
            Level::Completed => self.completed,
            Level::NotCompleted => self.not_completed,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInput {
    pub id: String,
    /// Official (chính thức) or probationary (dự bị).
    pub official: bool,
    pub admitted_on: NaiveDate,
    pub category: Category,
    pub exempt: bool,
    pub attached: bool,
    pub present: bool,
    pub self_review_submitted: bool,
    pub long_absence: bool,
    pub discipline_in_force: bool,
    pub faults: bool,
    pub professional_rating: Option<ProfessionalRating>,
    pub honours: Vec<Honour>,
    pub attested_exemplary: bool,
    pub leadership: Option<Leadership>,
    pub votes: Votes,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BranchInput {
    /// Q3: the organisation has especially outstanding achievements.
    pub outstanding_unit: bool,
    /// A supplementary session (M3): the members sent are only those classified now; the
    /// branch's D, voters, size and the results it already has come from here.
    pub prior: Option<Prior>,
}

/// What a supplementary session (M3) takes from the branch's earlier session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prior {
    pub denominator: u32,
    pub voters_present: u32,
    pub registered: u32,
    /// G of Q1 already classified.
    pub counted: u32,
    /// `excellent` already classified: they use the quota first.
    pub excellent: u32,
}

coded_enum! {
    /// What the engine made of a member (the result's `status`).
    pub enum Status ("classification status") {
        Classified = "classified",
        /// M3, M9: classified in a later session.
        Pending = "pending",
        /// M4, M5: not classified this year.
        NotClassified = "not_classified",
        /// Q4: a tie across the quota's limit, left to the committee.
        Unresolved = "unresolved",
    }
}

coded_enum! {
    /// Where a stored result stands (its `state`): `proposed` by the branch, `approved` or
    /// `returned` by the base committee's appraisal, `cancelled` when found wrong later (M12).
    pub enum ResultState ("classification result state") {
        Proposed = "proposed",
        Approved = "approved",
        Returned = "returned",
        Cancelled = "cancelled",
    }
}

impl ResultState {
    /// M12: the result counts (in the member's history, the quota, the statistics): it was not
    /// returned for a new count nor cancelled; a cancelled result is kept, never deleted.
    pub fn stands(self) -> bool {
        !matches!(self, ResultState::Cancelled | ResultState::Returned)
    }

    /// M12: only an approved result is cancelled (a proposed one is returned by the
    /// appraisal instead), and a cancelled one stays as it is.
    pub fn may_cancel(self) -> bool {
        self == ResultState::Approved
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberResult {
    pub id: String,
    pub status: Status,
    pub level: Option<Level>,
    /// The highest level the gates allow (None when the member is not voted on).
    pub cap: Option<Level>,
    /// Rule ids, in the order they applied.
    pub reasons: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaBasis {
    Q1,
    Q2,
    Q3,
}

impl QuotaBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaBasis::Q1 => "Q1",
            QuotaBasis::Q2 => "Q2",
            QuotaBasis::Q3 => "Q3",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaOutcome {
    pub limit: u32,
    pub basis: QuotaBasis,
    /// G of Q1: the count the percentage is taken of.
    pub counted: u32,
    pub excellent_before_quota: u32,
    pub excellent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: &'static str,
    pub member_id: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// D of M5.
    pub denominator: u32,
    pub voters_present: u32,
    /// Official and probationary members registered in the branch, attached ones not (Q2).
    pub registered: u32,
    pub quota: QuotaOutcome,
    /// In the order of the input.
    pub results: Vec<MemberResult>,
    pub warnings: Vec<Warning>,
}

/// What makes a branch's input impossible to classify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    DuplicateId {
        index: usize,
    },
    /// More ballots for a member than voters present (M5).
    VotesOverVoters {
        index: usize,
        votes: u64,
        voters_present: u32,
    },
}

/// M5: (D, voters present). D counts the official members who are not attached, minus the
/// exempt who are absent; voters present are the official, not attached members present.
pub fn denominator(members: &[MemberInput]) -> (u32, u32) {
    let mut d = 0u32;
    let mut present = 0u32;
    for m in members.iter().filter(|m| m.official && !m.attached) {
        // Exempt members who stay away leave D; every other official member stays in it.
        if !m.exempt || m.present {
            d += 1;
        }
        if m.present {
            present += 1;
        }
    }
    (d, present)
}

/// M6: `votes × den > D × num` (or `≥` when not strict), in integers.
pub fn meets(t: Threshold, votes: u64, d: u32) -> bool {
    let lhs = votes * u64::from(t.den);
    let rhs = u64::from(d) * u64::from(t.num);
    if t.strict { lhs > rhs } else { lhs >= rhs }
}

fn award(honours: &[Honour]) -> bool {
    honours.iter().any(|h| {
        matches!(
            h,
            Honour::CertificateOfMerit | Honour::MinistryProvinceCommendation
        )
    })
}

/// M8: may the member be `excellent` at all?
pub fn excellent_gate(m: &MemberInput) -> bool {
    let h = &m.honours;
    let category = match m.category {
        Category::CivilServant => {
            m.professional_rating == Some(ProfessionalRating::Excellent)
                || h.contains(&Honour::EmulationTitle)
                || h.contains(&Honour::MinistryProvinceCommendation)
        }
        Category::Student => h.contains(&Honour::AcademicExcellent) || award(h),
        Category::Business => award(h) && m.attested_exemplary,
        Category::Resident | Category::Other => m.attested_exemplary,
    };
    let leader = m.leadership.is_none_or(|l| {
        let unit = matches!(l.unit_rating, UnitRating::Good | UnitRating::Excellent);
        let org = match l.level {
            LeadershipLevel::Grassroots => l.party_org_rating == PartyOrgRating::CleanStrong,
            LeadershipLevel::AboveGrassroots => matches!(
                l.party_org_rating,
                PartyOrgRating::CleanStrong | PartyOrgRating::Good
            ),
        };
        unit && org
    });
    category && leader
}

/// M8–M11: each rule that lowers the member's cap, with the level it caps at.
fn caps(m: &MemberInput) -> Vec<(Level, &'static str)> {
    let mut out = Vec::new();
    if !excellent_gate(m) {
        out.push((Level::Good, "M8"));
    }
    if matches!(
        m.professional_rating,
        Some(ProfessionalRating::Completed | ProfessionalRating::CompletedLimited)
    ) {
        out.push((Level::Completed, "M9"));
    }
    if m.discipline_in_force
        || m.faults
        || m.professional_rating == Some(ProfessionalRating::NotCompleted)
    {
        out.push((Level::NotCompleted, "M10"));
    }
    if m.long_absence {
        out.push((Level::Completed, "M11"));
    }
    out
}

/// M8–M11: the highest level the gates allow, and every rule that lowered it.
pub fn cap(m: &MemberInput) -> (Level, Vec<&'static str>) {
    let caps = caps(m);
    let cap = caps
        .iter()
        .map(|(l, _)| *l)
        .fold(Level::Excellent, Level::max);
    (cap, caps.into_iter().map(|(_, r)| r).collect())
}

/// The order of evaluation before any vote (RULES.md): attached (M5), admitted under six
/// months (M4), no self-review or absent (M3), a civil servant without a professional
/// rating (M9). `None`: the member is classified by the votes.
pub fn unclassifiable(
    rules: &RuleSet,
    reference_date: NaiveDate,
    m: &MemberInput,
) -> Option<(Status, &'static str)> {
    if m.attached {
        return Some((Status::NotClassified, "M5"));
    }
    let six_months_on = m
        .admitted_on
        .checked_add_months(Months::new(rules.new_member_months));
    if six_months_on.is_none_or(|d| d > reference_date) {
        return Some((Status::NotClassified, "M4"));
    }
    if !m.self_review_submitted || !m.present {
        return Some((Status::Pending, "M3"));
    }
    if m.category == Category::CivilServant && m.professional_rating.is_none() {
        return Some((Status::Pending, "M9"));
    }
    None
}

/// The branch around a member being re-classified (M12 under Q1–Q3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaContext {
    pub outstanding_unit: bool,
    /// Registered members of the branch (Q2).
    pub registered: u32,
    /// The other members counted for G (Q1's basis), this member left out.
    pub counted_others: u32,
    /// The other members classified `excellent`.
    pub excellent_others: u32,
}

/// M12 through the engine (issue #13): whether a member's approved result may be replaced
/// by `requested`, judged on the member's data as it stands now (corrected). Refused with
/// the rule that forbids it: the order of evaluation (M3, M4, M5, M9: a member not
/// classifiable is not re-classified into a level; `pending` waits for a supplementary
/// session), a gate capping below the level (M8–M11), or the branch's quota (Q1–Q3). The
/// votes are not re-counted: a re-classification follows a new decision, not the old
/// ballot. On success, the reasons of the new result: the caps that apply, then `M12`.
pub fn reclassification(
    rules: &RuleSet,
    reference_date: NaiveDate,
    m: &MemberInput,
    requested: Level,
    branch: QuotaContext,
) -> Result<Vec<&'static str>, &'static str> {
    if let Some((_, rule)) = unclassifiable(rules, reference_date, m) {
        return Err(rule);
    }
    let caps = caps(m);
    if let Some((_, rule)) = caps.iter().find(|(level, _)| *level > requested) {
        return Err(rule);
    }
    if requested == Level::Excellent {
        let counted = branch.counted_others + u32::from(rules.quota.counts(Level::Excellent));
        let (limit, basis) = quota_limit(
            rules,
            BranchInput {
                outstanding_unit: branch.outstanding_unit,
                prior: None,
            },
            branch.registered,
            counted,
        );
        if branch.excellent_others + 1 > limit {
            return Err(basis.as_str());
        }
    }
    let mut reasons: Vec<&'static str> = caps.into_iter().map(|(_, r)| r).collect();
    reasons.push("M12");
    Ok(reasons)
}

/// M6, M7: go down from the cap; the first level whose threshold is met. None: unresolved.
pub fn cascade(rules: &RuleSet, votes: &Votes, cap: Level, d: u32) -> Option<(Level, bool)> {
    Level::ALL
        .into_iter()
        .filter(|l| *l >= cap)
        .find_map(|level| {
            let t = if level == Level::Excellent {
                rules.excellent
            } else {
                rules.pass
            };
            meets(t, votes.in_favour(level), d).then(|| (level, !meets(t, votes.own(level), d)))
        })
}

/// Q1–Q3: the most `excellent` the branch may have, given G (counted before Q4).
pub fn quota_limit(
    rules: &RuleSet,
    branch: BranchInput,
    registered: u32,
    counted: u32,
) -> (u32, QuotaBasis) {
    let q = &rules.quota;
    if registered < q.small_branch_size {
        return (q.small_branch_cap, QuotaBasis::Q2);
    }
    let (percent, basis) = if branch.outstanding_unit {
        (q.outstanding_percent, QuotaBasis::Q3)
    } else {
        (q.percent, QuotaBasis::Q1)
    };
    let limit = u64::from(counted) * u64::from(percent) / 100;
    (u32::try_from(limit).unwrap_or(u32::MAX), basis)
}

fn count(results: &[MemberResult], level: Level) -> u32 {
    let n = results
        .iter()
        .filter(|r| r.status == Status::Classified && r.level == Some(level))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Classifies a whole branch (see the module's doc).
pub fn classify(
    rules: &RuleSet,
    reference_date: NaiveDate,
    branch: BranchInput,
    members: &[MemberInput],
) -> Result<Outcome, Vec<InputError>> {
    let (d, voters_present) = match branch.prior {
        Some(p) => (p.denominator, p.voters_present),
        None => denominator(members),
    };
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for (index, m) in members.iter().enumerate() {
        if !ids.insert(m.id.as_str()) {
            errors.push(InputError::DuplicateId { index });
        }
        if m.votes.total() > u64::from(voters_present) {
            errors.push(InputError::VotesOverVoters {
                index,
                votes: m.votes.total(),
                voters_present,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let registered = match branch.prior {
        Some(p) => p.registered,
        None => u32::try_from(members.iter().filter(|m| !m.attached).count()).unwrap_or(u32::MAX),
    };
    let prior = branch.prior.unwrap_or_default();
    let mut warnings = Vec::new();
    let mut results: Vec<MemberResult> = members
        .iter()
        .map(|m| {
            let result = |status, level, cap, reasons| MemberResult {
                id: m.id.clone(),
                status,
                level,
                cap,
                reasons,
            };
            if let Some((status, rule)) = unclassifiable(rules, reference_date, m) {
                return result(status, None, None, vec![rule]);
            }
            let (cap, mut reasons) = cap(m);
            match cascade(rules, &m.votes, cap, d) {
                Some((level, cascaded)) => {
                    reasons.push("M6");
                    if cascaded {
                        reasons.push("M7");
                    }
                    result(Status::Classified, Some(level), Some(cap), reasons)
                }
                None => {
                    reasons.push("M7");
                    result(Status::Unresolved, None, Some(cap), reasons)
                }
            }
        })
        .collect();

    // Q1–Q4.
    let excellent_before = prior.excellent + count(&results, Level::Excellent);
    let counted = prior.counted
        + match rules.quota.basis.as_str() {
            "good" => count(&results, Level::Good),
            _ => count(&results, Level::Excellent) + count(&results, Level::Good),
        };
    let (limit, basis) = quota_limit(rules, branch, registered, counted);
    if excellent_before > limit {
        // Those classified earlier keep their place; what is left is for this session.
        let limit = limit.saturating_sub(prior.excellent);
        let mut ranked: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| r.status == Status::Classified && r.level == Some(Level::Excellent))
            .map(|(i, _)| i)
            .collect();
        ranked.sort_by_key(|i| std::cmp::Reverse(members[*i].votes.excellent));
        let votes = |k: usize| members[ranked[k]].votes.excellent;
        let limit = limit as usize;
        // The votes at the cut: with a tie across it, the tied are unresolved.
        let tie = (limit > 0 && votes(limit - 1) == votes(limit)).then(|| votes(limit));
        for (k, &i) in ranked.iter().enumerate() {
            let v = votes(k);
            let r = &mut results[i];
            match tie {
                Some(t) if v > t => {}
                Some(t) if v == t => {
                    r.status = Status::Unresolved;
                    r.level = None;
                    r.reasons.push("Q4-tie");
                }
                None if k < limit => {}
                _ => {
                    r.level = Some(Level::Good);
                    r.reasons.push("Q4");
                }
            }
        }
    }
    let excellent = prior.excellent + count(&results, Level::Excellent);

    for (m, r) in members.iter().zip(&results) {
        match (r.status, r.level) {
            (Status::Classified, Some(Level::Completed)) => warnings.push(Warning {
                code: "M9-remedy",
                member_id: Some(m.id.clone()),
                message: "Đảng viên xếp loại hoàn thành nhiệm vụ phải ghi rõ khuyết điểm và thời hạn khắc phục".into(),
            }),
            (Status::Pending, _) => warnings.push(Warning {
                code: "M3-supplement",
                member_id: Some(m.id.clone()),
                message: "Xếp loại ở kỳ sinh hoạt sau và báo cáo bổ sung lên cấp trên".into(),
            }),
            (Status::Unresolved, _) => warnings.push(Warning {
                code: if r.reasons.contains(&"Q4-tie") { "Q4-tie" } else { "M7-revote" },
                member_id: Some(m.id.clone()),
                message: "Chi bộ bỏ phiếu lại để quyết định".into(),
            }),
            _ => {}
        }
    }
    Ok(Outcome {
        denominator: d,
        voters_present,
        registered,
        quota: QuotaOutcome {
            limit,
            basis,
            counted,
            excellent_before_quota: excellent_before,
            excellent,
        },
        results,
        warnings,
    })
}
