//! The classification preview's request and answer (`POST /classification/preview`), also the
//! shape in which a voting session hands each member to the SPA for live results.

use crate::error::{AppError, FieldError};
use chrono::NaiveDate;
use kiemdiem_domain::classification::{
    self as engine, Category, Honour, InputError, Leadership, LeadershipLevel, MemberInput,
    PartyOrgRating, ProfessionalRating, UnitRating, Votes,
};
use kiemdiem_domain::rule_set::{self, RuleSet};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewVotes {
    #[serde(default)]
    pub excellent: i64,
    #[serde(default)]
    pub good: i64,
    #[serde(default)]
    pub completed: i64,
    #[serde(default)]
    pub not_completed: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewLeadership {
    /// grassroots or above_grassroots.
    pub level: String,
    /// excellent, good, completed or not_completed.
    pub unit_rating: String,
    /// clean_strong, good, completed or weak.
    pub party_org_rating: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewMember {
    /// Any client string, unique in the request.
    pub id: String,
    /// official or probationary.
    pub status: String,
    pub admitted_on: NaiveDate,
    /// civil_servant, student, business, resident or other.
    pub category: String,
    #[serde(default)]
    pub exempt: bool,
    #[serde(default)]
    pub attached: bool,
    #[serde(default = "yes")]
    pub present: bool,
    #[serde(default = "yes")]
    pub self_review_submitted: bool,
    #[serde(default)]
    pub long_absence: bool,
    #[serde(default)]
    pub discipline_in_force: bool,
    #[serde(default)]
    pub faults: bool,
    /// excellent, good, completed, completed_limited, not_completed, or null.
    pub professional_rating: Option<String>,
    /// emulation_title, ministry_province_commendation, certificate_of_merit, academic_excellent.
    #[serde(default)]
    pub honours: Vec<String>,
    #[serde(default)]
    pub attested_exemplary: bool,
    pub leadership: Option<PreviewLeadership>,
    #[serde(default)]
    pub votes: PreviewVotes,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewBranch {
    /// Q3: the organisation has especially outstanding achievements.
    #[serde(default)]
    pub outstanding_unit: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    /// Defaults to vinh-2016.
    pub rule_set: Option<String>,
    /// The day M4's six months are counted to.
    pub reference_date: NaiveDate,
    #[serde(default)]
    pub branch: PreviewBranch,
    /// The whole branch.
    #[schema(max_items = 5000)]
    pub members: Vec<PreviewMember>,
}

/// The preview's body: the branch-ballot shape (`vinh-2016`, RULES.md) or the points shape
/// (`tw-366-2025`, RULES-2025.md: members with a `frame`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum AnyPreviewRequest {
    Ballot(PreviewRequest),
    Points(crate::points_preview::PointsPreviewRequest),
}

/// The preview's answer, in the shape of the rule set's method.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum AnyPreviewResponse {
    Ballot(PreviewResponse),
    Points(crate::points_preview::PointsPreviewResponse),
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuotaInfo {
    pub limit: u32,
    /// Q1, Q2 (small branch) or Q3 (outstanding organisation).
    pub basis: String,
    /// G of Q1: the members the percentage is taken of, before Q4.
    pub counted: u32,
    pub excellent_before_quota: u32,
    pub excellent: u32,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PreviewResult {
    pub id: String,
    /// classified, pending, not_classified or unresolved.
    pub status: String,
    pub level: Option<String>,
    /// The highest level the gates allowed.
    pub cap: Option<String>,
    /// The rule ids that shaped the result, in order (M3…M11, Q4, Q4-tie).
    pub reasons: Vec<String>,
    /// The result in words: the votes against D and the threshold reached, the gates, the
    /// quota, or why there is no level (issue #17).
    pub explanation: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PreviewWarning {
    /// M9-remedy, M3-supplement, M7-revote, Q4-tie.
    pub code: String,
    pub member_id: Option<String>,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PreviewResponse {
    pub rule_set: String,
    /// D of M5.
    pub denominator: u32,
    pub voters_present: u32,
    /// Members registered in the branch (Q2), attached ones not counted.
    pub registered: u32,
    pub quota: QuotaInfo,
    /// In the order sent.
    pub results: Vec<PreviewResult>,
    pub warnings: Vec<PreviewWarning>,
}

fn choice<T>(
    errors: &mut Vec<FieldError>,
    field: String,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &str,
) -> Option<T> {
    let out = parse(value);
    if out.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_choice",
            format!("'{value}' không hợp lệ; chọn một trong: {allowed}"),
        ));
    }
    out
}

/// Turns the request into the engine's input, listing every invalid field.
pub fn to_input(
    b: &PreviewRequest,
    rules: Option<RuleSet>,
) -> Result<(RuleSet, Vec<MemberInput>), AppError> {
    let mut errors = Vec::new();
    let name = b.rule_set.as_deref().unwrap_or(rule_set::DEFAULT);
    if rules.is_none() {
        errors.push(FieldError::new(
            "rule_set",
            "unknown_rule_set",
            format!("Không có bộ quy tắc '{name}'"),
        ));
    }
    if b.members.len() > 5000 {
        errors.push(FieldError::new(
            "members",
            "too_many",
            "Một chi bộ gửi tối đa 5000 đảng viên",
        ));
    }
    let mut members = Vec::with_capacity(b.members.len());
    for (i, m) in b.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        if m.id.trim().is_empty() || m.id.len() > 100 {
            errors.push(FieldError::new(at("id"), "length", "Mã từ 1 đến 100 ký tự"));
        }
        let official = match m.status.as_str() {
            "official" => Some(true),
            "probationary" => Some(false),
            v => {
                errors.push(FieldError::new(
                    at("status"),
                    "invalid_choice",
                    format!("'{v}' không hợp lệ; chọn official hoặc probationary"),
                ));
                None
            }
        };
        let category = choice(
            &mut errors,
            at("category"),
            &m.category,
            Category::parse,
            "civil_servant, student, business, resident, other",
        );
        let rating = match &m.professional_rating {
            None => Some(None),
            Some(r) => choice(
                &mut errors,
                at("professional_rating"),
                r,
                ProfessionalRating::parse,
                "excellent, good, completed, completed_limited, not_completed",
            )
            .map(Some),
        };
        let mut honours = Vec::new();
        for (k, h) in m.honours.iter().enumerate() {
            if let Some(h) = choice(
                &mut errors,
                at(&format!("honours[{k}]")),
                h,
                Honour::parse,
                "emulation_title, ministry_province_commendation, certificate_of_merit, academic_excellent",
            ) {
                honours.push(h);
            }
        }
        let leadership = match &m.leadership {
            None => Some(None),
            Some(l) => {
                let level = choice(
                    &mut errors,
                    at("leadership.level"),
                    &l.level,
                    |s| match s {
                        "grassroots" => Some(LeadershipLevel::Grassroots),
                        "above_grassroots" => Some(LeadershipLevel::AboveGrassroots),
                        _ => None,
                    },
                    "grassroots, above_grassroots",
                );
                let unit = choice(
                    &mut errors,
                    at("leadership.unit_rating"),
                    &l.unit_rating,
                    |s| match s {
                        "excellent" => Some(UnitRating::Excellent),
                        "good" => Some(UnitRating::Good),
                        "completed" => Some(UnitRating::Completed),
                        "not_completed" => Some(UnitRating::NotCompleted),
                        _ => None,
                    },
                    "excellent, good, completed, not_completed",
                );
                let org = choice(
                    &mut errors,
                    at("leadership.party_org_rating"),
                    &l.party_org_rating,
                    |s| match s {
                        "clean_strong" => Some(PartyOrgRating::CleanStrong),
                        "good" => Some(PartyOrgRating::Good),
                        "completed" => Some(PartyOrgRating::Completed),
                        "weak" => Some(PartyOrgRating::Weak),
                        _ => None,
                    },
                    "clean_strong, good, completed, weak",
                );
                match (level, unit, org) {
                    (Some(level), Some(unit_rating), Some(party_org_rating)) => {
                        Some(Some(Leadership {
                            level,
                            unit_rating,
                            party_org_rating,
                        }))
                    }
                    _ => None,
                }
            }
        };
        let mut vote = |field: &str, v: i64| -> Option<u32> {
            match u32::try_from(v) {
                Ok(n) if n <= 100_000 => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        at(&format!("votes.{field}")),
                        "out_of_range",
                        "Số phiếu phải từ 0 đến 100000",
                    ));
                    None
                }
            }
        };
        let v = &m.votes;
        let votes = match (
            vote("excellent", v.excellent),
            vote("good", v.good),
            vote("completed", v.completed),
            vote("not_completed", v.not_completed),
        ) {
            (Some(excellent), Some(good), Some(completed), Some(not_completed)) => Some(Votes {
                excellent,
                good,
                completed,
                not_completed,
            }),
            _ => None,
        };
        if let (Some(official), Some(category), Some(rating), Some(leadership), Some(votes)) =
            (official, category, rating, leadership, votes)
        {
            members.push(MemberInput {
                id: m.id.clone(),
                official,
                admitted_on: m.admitted_on,
                category,
                exempt: m.exempt,
                attached: m.attached,
                present: m.present,
                self_review_submitted: m.self_review_submitted,
                long_absence: m.long_absence,
                discipline_in_force: m.discipline_in_force,
                faults: m.faults,
                professional_rating: rating,
                honours,
                attested_exemplary: m.attested_exemplary,
                leadership,
                votes,
            });
        }
    }
    match rules {
        Some(rules) if errors.is_empty() => Ok((rules, members)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The engine's input errors as fields of the request.
pub fn input_errors(errors: Vec<InputError>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|e| match e {
                InputError::DuplicateId { index } => FieldError::new(
                    format!("members[{index}].id"),
                    "duplicate",
                    "Mã đảng viên trùng trong chi bộ",
                ),
                InputError::VotesOverVoters {
                    index,
                    votes,
                    voters_present,
                } => FieldError::new(
                    format!("members[{index}].votes"),
                    "over_voters_present",
                    format!(
                        "{votes} phiếu, nhiều hơn số đảng viên có quyền biểu quyết có mặt ({voters_present}) (M5)"
                    ),
                ),
            })
            .collect(),
    )
}

pub fn response(
    rules: &RuleSet,
    members: &[engine::MemberInput],
    out: engine::Outcome,
) -> PreviewResponse {
    let d = out.denominator;
    let votes = |id: &str| {
        members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.votes)
            .unwrap_or_default()
    };
    PreviewResponse {
        rule_set: rules.name.clone(),
        denominator: out.denominator,
        voters_present: out.voters_present,
        registered: out.registered,
        quota: QuotaInfo {
            limit: out.quota.limit,
            basis: out.quota.basis.as_str().into(),
            counted: out.quota.counted,
            excellent_before_quota: out.quota.excellent_before_quota,
            excellent: out.quota.excellent,
        },
        results: out
            .results
            .into_iter()
            .map(|r| PreviewResult {
                explanation: kiemdiem_domain::explain::explain(rules, &votes(&r.id), d, &r),
                id: r.id,
                status: r.status.as_str().into(),
                level: r.level.map(|l| l.as_str().into()),
                cap: r.cap.map(|l| l.as_str().into()),
                reasons: r.reasons.into_iter().map(String::from).collect(),
            })
            .collect(),
        warnings: out
            .warnings
            .into_iter()
            .map(|w| PreviewWarning {
                code: w.code.into(),
                member_id: w.member_id,
                message: w.message,
            })
            .collect(),
    }
}

/// The engine's input as the preview's request shape, so that a client can overlay the
/// numbers being typed and ask `/classification/preview` for live results.
pub fn as_preview(s: &crate::voting::Subject, votes: Votes) -> PreviewMember {
    let i = &s.input;
    PreviewMember {
        id: i.id.clone(),
        status: if i.official {
            "official"
        } else {
            "probationary"
        }
        .into(),
        admitted_on: i.admitted_on,
        category: match i.category {
            Category::CivilServant => "civil_servant",
            Category::Student => "student",
            Category::Business => "business",
            Category::Resident => "resident",
            Category::Other => "other",
        }
        .into(),
        exempt: i.exempt,
        attached: i.attached,
        present: i.present,
        self_review_submitted: i.self_review_submitted,
        long_absence: i.long_absence,
        discipline_in_force: i.discipline_in_force,
        faults: i.faults,
        professional_rating: i.professional_rating.map(|r| {
            match r {
                ProfessionalRating::Excellent => "excellent",
                ProfessionalRating::Good => "good",
                ProfessionalRating::Completed => "completed",
                ProfessionalRating::CompletedLimited => "completed_limited",
                ProfessionalRating::NotCompleted => "not_completed",
            }
            .into()
        }),
        honours: i
            .honours
            .iter()
            .map(|h| {
                match h {
                    Honour::EmulationTitle => "emulation_title",
                    Honour::MinistryProvinceCommendation => "ministry_province_commendation",
                    Honour::CertificateOfMerit => "certificate_of_merit",
                    Honour::AcademicExcellent => "academic_excellent",
                }
                .into()
            })
            .collect(),
        attested_exemplary: i.attested_exemplary,
        leadership: i.leadership.map(|l| PreviewLeadership {
            level: match l.level {
                LeadershipLevel::Grassroots => "grassroots",
                LeadershipLevel::AboveGrassroots => "above_grassroots",
            }
            .into(),
            unit_rating: match l.unit_rating {
                UnitRating::Excellent => "excellent",
                UnitRating::Good => "good",
                UnitRating::Completed => "completed",
                UnitRating::NotCompleted => "not_completed",
            }
            .into(),
            party_org_rating: match l.party_org_rating {
                PartyOrgRating::CleanStrong => "clean_strong",
                PartyOrgRating::Good => "good",
                PartyOrgRating::Completed => "completed",
                PartyOrgRating::Weak => "weak",
            }
            .into(),
        }),
        votes: PreviewVotes {
            excellent: i64::from(votes.excellent),
            good: i64::from(votes.good),
            completed: i64::from(votes.completed),
            not_completed: i64::from(votes.not_completed),
        },
    }
}

/// Classifies a whole branch as sent, without storing anything: D, the quota and each
/// member's result with the rule ids that shaped it, under the rule set named (or the default).
pub fn run(
    conn: &mut kiemdiem_store::AnyConnection,
    b: &PreviewRequest,
) -> Result<PreviewResponse, AppError> {
    let name = b
        .rule_set
        .clone()
        .unwrap_or_else(|| rule_set::DEFAULT.into());
    let found = crate::rule_sets::find(conn, &name)?;
    if found
        .as_ref()
        .is_some_and(|r| r.method != rule_set::Method::Ballot)
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "rule_set",
            "not_ballot",
            format!("Bộ quy tắc '{name}' chấm điểm theo khung: gửi mỗi người với frame và points"),
        )]));
    }
    let (rules, members) = to_input(b, found)?;
    let branch = engine::BranchInput {
        outstanding_unit: b.branch.outstanding_unit,
        prior: None,
    };
    let out = engine::classify(&rules, b.reference_date, branch, &members).map_err(input_errors)?;
    Ok(response(&rules, &members, out))
}
