//! The what-if preview (stateless): a branch secretary checks a tally before signing the
//! minutes; the provincial system validates a branch's result. Runs the engine of
//! `kiemdiem_domain::classification` on the whole branch sent, writes nothing.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use kiemdiem_domain::classification::{
    self as engine, BranchInput, Category, Honour, InputError, Leadership, LeadershipLevel,
    MemberInput, PartyOrgRating, ProfessionalRating, UnitRating, Votes,
};
use kiemdiem_domain::rule_set::{self, RuleSet};
use kiemdiem_store::{AnyConnection, audit};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The rule sets built in; administrators add copies (`POST /rule-sets`).
pub const RULE_SETS: [&str; 1] = [rule_set::DEFAULT];

/// A rule set by name: built in, or made by an administrator.
pub fn find_rule_set(conn: &mut AnyConnection, name: &str) -> Result<Option<RuleSet>, ApiError> {
    if RULE_SETS.contains(&name) {
        return Ok(rule_set::builtin(name));
    }
    match kiemdiem_store::rule_sets::get(conn, name)? {
        Some(s) => serde_json::from_str(&s.rules_json)
            .map(Some)
            .map_err(|e| ApiError::Internal(format!("rule set {name}: {e}"))),
        None => Ok(None),
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleSetInfo {
    pub name: String,
    /// Built in (none) or the rule set it was copied from.
    pub based_on: Option<String>,
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
    /// M10.
    pub discipline_term_months: u32,
    pub org_sheet: OrgSheetInfo,
    pub org_quota: OrgQuotaInfo,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThresholdInfo {
    pub num: u32,
    pub den: u32,
    pub strict: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CriterionInfo {
    pub code: String,
    pub title: String,
    pub max: u32,
}

/// O4: the self-assessment sheet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrgSheetInfo {
    pub criteria: Vec<CriterionInfo>,
    /// Points at least this for clean_strong, good, completed (below: weak).
    pub clean_strong: u32,
    pub good: u32,
    pub completed: u32,
}

/// O2, O3.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrgQuotaInfo {
    pub clean_strong_percent: u32,
    pub exemplary_percent: u32,
    pub outstanding_unit_percent: u32,
}

fn info(r: RuleSet, based_on: Option<String>) -> RuleSetInfo {
    RuleSetInfo {
        based_on,
        org_sheet: OrgSheetInfo {
            criteria: r
                .org_sheet
                .criteria
                .iter()
                .map(|c| CriterionInfo {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    max: c.max,
                })
                .collect(),
            clean_strong: r.org_sheet.clean_strong,
            good: r.org_sheet.good,
            completed: r.org_sheet.completed,
        },
        org_quota: OrgQuotaInfo {
            clean_strong_percent: r.org_quota.clean_strong_percent,
            exemplary_percent: r.org_quota.exemplary_percent,
            outstanding_unit_percent: r.org_quota.outstanding_unit_percent,
        },
        discipline_term_months: r.discipline_term_months,
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
pub async fn rule_sets(
    _p: Principal,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let out = state
        .db(|conn| {
            let mut out: Vec<RuleSetInfo> = RULE_SETS
                .iter()
                .filter_map(|n| rule_set::builtin(n))
                .map(|r| info(r, None))
                .collect();
            for s in kiemdiem_store::rule_sets::all(conn)? {
                let r: RuleSet = serde_json::from_str(&s.rules_json)
                    .map_err(|e| ApiError::Internal(format!("rule set {}: {e}", s.name)))?;
                out.push(info(r, Some(s.based_on)));
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// A new rule set: a copy of `based_on` with the parameters given changed. Past cycles keep
/// the rules they froze; later cycles may choose this one.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRuleSet {
    #[validate(
        length(min = 3, max = 50),
        custom(function = "crate::http::validate_code")
    )]
    #[schema(min_length = 3, max_length = 50)]
    pub name: String,
    pub based_on: String,
    pub quota_percent: Option<u32>,
    /// good_or_better or good.
    pub quota_basis: Option<String>,
    pub outstanding_percent: Option<u32>,
    pub small_branch_size: Option<u32>,
    pub small_branch_cap: Option<u32>,
    pub excellent_threshold: Option<ThresholdInfo>,
    pub pass_threshold: Option<ThresholdInfo>,
    pub new_member_months: Option<u32>,
    pub discipline_term_months: Option<u32>,
    pub long_absence_months: Option<u32>,
    pub org_sheet: Option<OrgSheetInfo>,
    pub org_quota: Option<OrgQuotaInfo>,
}

fn change(b: &NewRuleSet, mut r: RuleSet) -> Result<RuleSet, ApiError> {
    let mut errors = Vec::new();
    let mut pct = |field: &str, v: Option<u32>, target: &mut u32| {
        if let Some(v) = v {
            if v > 100 {
                errors.push(bad(field.into(), "out_of_range", "Từ 0 đến 100"));
            } else {
                *target = v;
            }
        }
    };
    pct("quota_percent", b.quota_percent, &mut r.quota.percent);
    pct(
        "outstanding_percent",
        b.outstanding_percent,
        &mut r.quota.outstanding_percent,
    );
    if let Some(q) = &b.org_quota {
        pct(
            "org_quota.clean_strong_percent",
            Some(q.clean_strong_percent),
            &mut r.org_quota.clean_strong_percent,
        );
        pct(
            "org_quota.exemplary_percent",
            Some(q.exemplary_percent),
            &mut r.org_quota.exemplary_percent,
        );
        pct(
            "org_quota.outstanding_unit_percent",
            Some(q.outstanding_unit_percent),
            &mut r.org_quota.outstanding_unit_percent,
        );
    }
    if let Some(basis) = &b.quota_basis {
        if matches!(basis.as_str(), "good_or_better" | "good") {
            r.quota.basis = basis.clone();
        } else {
            errors.push(bad(
                "quota_basis".into(),
                "invalid_choice",
                "good_or_better hoặc good",
            ));
        }
    }
    for (field, v, target) in [
        (
            "small_branch_size",
            b.small_branch_size,
            &mut r.quota.small_branch_size,
        ),
        (
            "small_branch_cap",
            b.small_branch_cap,
            &mut r.quota.small_branch_cap,
        ),
        (
            "new_member_months",
            b.new_member_months,
            &mut r.new_member_months,
        ),
        (
            "discipline_term_months",
            b.discipline_term_months,
            &mut r.discipline_term_months,
        ),
        (
            "long_absence_months",
            b.long_absence_months,
            &mut r.long_absence_months,
        ),
    ] {
        match v {
            Some(v) if v > 1000 => errors.push(bad(field.into(), "out_of_range", "Từ 0 đến 1000")),
            Some(v) => *target = v,
            None => {}
        }
    }
    for (field, t, target) in [
        (
            "excellent_threshold",
            &b.excellent_threshold,
            &mut r.excellent,
        ),
        ("pass_threshold", &b.pass_threshold, &mut r.pass),
    ] {
        if let Some(t) = t {
            if t.den == 0 || t.num == 0 || t.num > t.den {
                errors.push(bad(
                    field.into(),
                    "invalid_fraction",
                    "Một phân số 0 < tử ≤ mẫu",
                ));
            } else {
                *target = rule_set::Threshold {
                    num: t.num,
                    den: t.den,
                    strict: t.strict,
                };
            }
        }
    }
    if let Some(sheet) = &b.org_sheet {
        let mut seen = std::collections::HashSet::new();
        for (i, c) in sheet.criteria.iter().enumerate() {
            if c.code.trim().is_empty() || !seen.insert(c.code.clone()) {
                errors.push(bad(
                    format!("org_sheet.criteria[{i}].code"),
                    "duplicate",
                    "Mã tiêu chí trống hoặc trùng",
                ));
            }
            if c.max == 0 || c.max > 1000 {
                errors.push(bad(
                    format!("org_sheet.criteria[{i}].max"),
                    "out_of_range",
                    "Điểm tối đa từ 1 đến 1000",
                ));
            }
        }
        if sheet.criteria.is_empty() {
            errors.push(bad(
                "org_sheet.criteria".into(),
                "required",
                "Cần ít nhất một tiêu chí",
            ));
        }
        if !(sheet.clean_strong >= sheet.good && sheet.good >= sheet.completed) {
            errors.push(bad(
                "org_sheet.clean_strong".into(),
                "order",
                "Ngưỡng phải giảm dần: trong sạch vững mạnh ≥ tốt ≥ hoàn thành",
            ));
        }
        r.org_sheet = rule_set::OrgSheet {
            criteria: sheet
                .criteria
                .iter()
                .map(|c| rule_set::Criterion {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    max: c.max,
                })
                .collect(),
            clean_strong: sheet.clean_strong,
            good: sheet.good,
            completed: sheet.completed,
        };
    }
    if errors.is_empty() {
        r.name = b.name.clone();
        Ok(r)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Create a rule set by copying one and changing its parameters (administrators).
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    request_body = NewRuleSet,
    responses(
        (status = 201, description = "Created", body = RuleSetInfo),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an unknown rule set to copy", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rule-sets")]
pub async fn create_rule_set(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<NewRuleSet>,
) -> Result<HttpResponse, ApiError> {
    if !p.access.is_admin() {
        return Err(ApiError::forbidden("Chỉ quản trị hệ thống tạo bộ quy tắc"));
    }
    let b = body.0;
    let out = state
        .write(move |conn| {
            let base = find_rule_set(conn, &b.based_on)?.ok_or_else(|| {
                ApiError::Validation(vec![bad(
                    "based_on".into(),
                    "unknown_rule_set",
                    format!("Không có bộ quy tắc '{}'", b.based_on),
                )])
            })?;
            if find_rule_set(conn, &b.name)?.is_some() {
                return Err(ApiError::conflict(
                    "rule_set_exists",
                    format!("Đã có bộ quy tắc '{}'", b.name),
                ));
            }
            let rules = change(&b, base)?;
            let json =
                serde_json::to_string(&rules).map_err(|e| ApiError::Internal(e.to_string()))?;
            kiemdiem_store::rule_sets::create(conn, &b.name, &b.based_on, &json, &p.actor())?;
            let mut e = p.audit("create", "rule_set");
            e.entity_id = Some(b.name.clone());
            e.after = serde_json::from_str(&json).ok();
            audit::record(conn, e)?;
            Ok(info(rules, Some(b.based_on.clone())))
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
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
fn to_input(
    b: &PreviewRequest,
    rules: Option<RuleSet>,
) -> Result<(RuleSet, Vec<MemberInput>), ApiError> {
    let mut errors = Vec::new();
    let name = b.rule_set.as_deref().unwrap_or(rule_set::DEFAULT);
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
    state: web::Data<AppState>,
    body: ValidatedJson<PreviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let name = b
        .rule_set
        .clone()
        .unwrap_or_else(|| rule_set::DEFAULT.into());
    let found = state.db(move |conn| find_rule_set(conn, &name)).await?;
    let (rules, members) = to_input(&b, found)?;
    let name = rules.name.clone();
    let branch = BranchInput {
        outstanding_unit: b.branch.outstanding_unit,
        prior: None,
    };
    let out = engine::classify(&rules, b.reference_date, branch, &members).map_err(input_errors)?;
    Ok(HttpResponse::Ok().json(response(name, out)))
}
