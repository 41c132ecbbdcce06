//! The what-if preview (stateless): a branch secretary checks a tally before signing the
//! minutes; the provincial system validates a branch's result. Runs the engine of
//! `kiemdiem_domain::classification` on the whole branch sent, writes nothing.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use actix_web::{HttpResponse, get, post};
use chrono::NaiveDate;
use kiemdiem_domain::classification::{
    self as engine, BranchInput, Category, Honour, InputError, Leadership, LeadershipLevel,
    MemberInput, PartyOrgRating, ProfessionalRating, UnitRating, Votes,
};
use kiemdiem_domain::rule_set::{self, RuleSet};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The rule sets a cycle or a preview may name.
pub const RULE_SETS: [&str; 1] = [rule_set::DEFAULT];

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleSetInfo {
    pub name: String,
    /// M1, highest first.
    pub levels: Vec<String>,
    /// M6 for `excellent`: votes × den > D × num (≥ when not strict).
    pub excellent_threshold: ThresholdInfo,
    /// M6 for the other levels.
    pub pass_threshold: ThresholdInfo,
    /// Q1: percent of `excellent` allowed…
    pub quota_percent: u32,
    /// …of `good_or_better` or of `good`.
    pub quota_basis: String,
    /// Q3.
    pub outstanding_percent: u32,
    /// Q2: branches under this size…
    pub small_branch_size: u32,
    /// …may have this many `excellent`.
    pub small_branch_cap: u32,
    /// M4.
    pub new_member_months: u32,
    /// M11.
    pub long_absence_months: u32,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThresholdInfo {
    pub num: u32,
    pub den: u32,
    pub strict: bool,
}

fn info(r: RuleSet) -> RuleSetInfo {
    RuleSetInfo {
        name: r.name,
        levels: r.levels,
        excellent_threshold: ThresholdInfo {
            num: r.excellent.num,
            den: r.excellent.den,
            strict: r.excellent.strict,
        },
        pass_threshold: ThresholdInfo {
            num: r.pass.num,
            den: r.pass.den,
            strict: r.pass.strict,
        },
        quota_percent: r.quota.percent,
        quota_basis: r.quota.basis,
        outstanding_percent: r.quota.outstanding_percent,
        small_branch_size: r.quota.small_branch_size,
        small_branch_cap: r.quota.small_branch_cap,
        new_member_months: r.new_member_months,
        long_absence_months: r.long_absence_months,
    }
}

/// The rule sets known to the server, with their parameters.
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rule sets", body = [RuleSetInfo]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rule-sets")]
pub async fn rule_sets(_p: Principal) -> Result<HttpResponse, ApiError> {
    let out: Vec<RuleSetInfo> = RULE_SETS
        .iter()
        .filter_map(|n| rule_set::builtin(n))
        .map(info)
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

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

fn bad(field: String, code: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        code: code.into(),
        message: message.into(),
    }
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
        errors.push(bad(
            field,
            "invalid_choice",
            format!("'{value}' không hợp lệ; chọn một trong: {allowed}"),
        ));
    }
    out
}

/// Turns the request into the engine's input, listing every invalid field.
fn to_input(b: &PreviewRequest) -> Result<(RuleSet, Vec<MemberInput>), ApiError> {
    let mut errors = Vec::new();
    let name = b.rule_set.as_deref().unwrap_or(rule_set::DEFAULT);
    let rules = RULE_SETS
        .contains(&name)
        .then(|| rule_set::builtin(name))
        .flatten();
    if rules.is_none() {
        errors.push(bad(
            "rule_set".into(),
            "unknown_rule_set",
            format!("Không có bộ quy tắc '{name}'"),
        ));
    }
    if b.members.len() > 5000 {
        errors.push(bad(
            "members".into(),
            "too_many",
            "Một chi bộ gửi tối đa 5000 đảng viên",
        ));
    }
    let mut members = Vec::with_capacity(b.members.len());
    for (i, m) in b.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        if m.id.trim().is_empty() || m.id.len() > 100 {
            errors.push(bad(at("id"), "length", "Mã từ 1 đến 100 ký tự"));
        }
        let official = match m.status.as_str() {
            "official" => Some(true),
            "probationary" => Some(false),
            v => {
                errors.push(bad(
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
                    errors.push(bad(
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
        _ => Err(ApiError::Validation(errors)),
    }
}

/// The engine's input errors as fields of the request.
pub fn input_errors(errors: Vec<InputError>) -> ApiError {
    ApiError::Validation(
        errors
            .into_iter()
            .map(|e| match e {
                InputError::DuplicateId { index } => bad(
                    format!("members[{index}].id"),
                    "duplicate",
                    "Mã đảng viên trùng trong chi bộ",
                ),
                InputError::VotesOverVoters {
                    index,
                    votes,
                    voters_present,
                } => bad(
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

pub fn response(rule_set: String, out: engine::Outcome) -> PreviewResponse {
    PreviewResponse {
        rule_set,
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

/// Classify a whole branch as sent, without storing anything: D, the quota and each member's
/// result with the rule ids that shaped it.
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    request_body = PreviewRequest,
    responses(
        (status = 200, description = "The results", body = PreviewResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: each named (members[i].field)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/classification/preview")]
pub async fn preview(
    _p: Principal,
    body: ValidatedJson<PreviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let (rules, members) = to_input(&b)?;
    let name = rules.name.clone();
    let branch = BranchInput {
        outstanding_unit: b.branch.outstanding_unit,
        prior: None,
    };
    let out = engine::classify(&rules, b.reference_date, branch, &members).map_err(input_errors)?;
    Ok(HttpResponse::Ok().json(response(name, out)))
}
