//! Rule sets (RULES.md preamble): the ones built in and the copies an administrator made.

use crate::Actor;
use crate::error::{AppError, FieldError};
use kiemdiem_domain::rule_set::{self, RuleSet};
use kiemdiem_store::AnyConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The rule sets built in; administrators add copies (`POST /rule-sets`).
pub const RULE_SETS: [&str; 2] = rule_set::BUILTIN;

/// A rule set by name: built in, or made by an administrator.
pub fn find(conn: &mut AnyConnection, name: &str) -> Result<Option<RuleSet>, AppError> {
    if RULE_SETS.contains(&name) {
        return Ok(rule_set::builtin(name));
    }
    match kiemdiem_store::rule_sets::get(conn, name)? {
        Some(s) => serde_json::from_str(&s.rules_json)
            .map(Some)
            .map_err(|e| AppError::Internal(format!("rule set {name}: {e}"))),
        None => Ok(None),
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RuleSetInfo {
    pub name: String,
    /// ballot (a branch vote with thresholds, RULES.md) or points (100 points on a frame,
    /// RULES-2025.md).
    pub method: String,
    /// The points method's frames, items, bands, facts and quota (present for `points`).
    pub points: Option<crate::points::PointsInfo>,
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

pub fn info(r: RuleSet, based_on: Option<String>) -> RuleSetInfo {
    RuleSetInfo {
        based_on,
        method: r.method.to_string(),
        points: r.points.as_ref().map(crate::points::info),
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

/// A new rule set: a copy of `based_on` with the parameters given changed. Past cycles keep
/// the rules they froze; later cycles may choose this one.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRuleSet {
    #[validate(
        length(min = 3, max = 50),
        custom(function = "crate::input::validate_code")
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
    /// For a copy of a points rule set: its frames and items, bands, facts and quota, whole
    /// (each group's items must add up to its maximum, S2).
    pub points: Option<crate::points::PointsInfo>,
}

pub fn change(b: &NewRuleSet, mut r: RuleSet) -> Result<RuleSet, AppError> {
    let mut errors = Vec::new();
    let mut pct = |field: &str, v: Option<u32>, target: &mut u32| {
        if let Some(v) = v {
            if v > 100 {
                errors.push(FieldError::new(field, "out_of_range", "Từ 0 đến 100"));
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
            errors.push(FieldError::new(
                "quota_basis",
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
            Some(v) if v > 1000 => {
                errors.push(FieldError::new(field, "out_of_range", "Từ 0 đến 1000"))
            }
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
                errors.push(FieldError::new(
                    field,
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
                errors.push(FieldError::new(
                    format!("org_sheet.criteria[{i}].code"),
                    "duplicate",
                    "Mã tiêu chí trống hoặc trùng",
                ));
            }
            if c.max == 0 || c.max > 1000 {
                errors.push(FieldError::new(
                    format!("org_sheet.criteria[{i}].max"),
                    "out_of_range",
                    "Điểm tối đa từ 1 đến 1000",
                ));
            }
        }
        if sheet.criteria.is_empty() {
            errors.push(FieldError::new(
                "org_sheet.criteria",
                "required",
                "Cần ít nhất một tiêu chí",
            ));
        }
        if !(sheet.clean_strong >= sheet.good && sheet.good >= sheet.completed) {
            errors.push(FieldError::new(
                "org_sheet.clean_strong",
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
    if let Some(points) = &b.points {
        if r.method == rule_set::Method::Points {
            match crate::points::from_info(points) {
                Ok(p) => r.points = Some(p),
                Err(AppError::Validation(e)) => errors.extend(e),
                Err(other) => return Err(other),
            }
        } else {
            errors.push(FieldError::new(
                "points",
                "not_points",
                "Bộ quy tắc gốc dùng hình thức bỏ phiếu, không có khung điểm",
            ));
        }
    }
    if errors.is_empty() {
        r.name = b.name.clone();
        Ok(r)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The rule sets: the built-in ones, then those an administrator made.
pub fn list(conn: &mut AnyConnection) -> Result<Vec<RuleSetInfo>, AppError> {
    let mut out: Vec<RuleSetInfo> = RULE_SETS
        .iter()
        .filter_map(|n| rule_set::builtin(n))
        .map(|r| info(r, None))
        .collect();
    for s in kiemdiem_store::rule_sets::all(conn)? {
        let r: RuleSet = serde_json::from_str(&s.rules_json)
            .map_err(|e| AppError::Internal(format!("rule set {}: {e}", s.name)))?;
        out.push(info(r, Some(s.based_on)));
    }
    Ok(out)
}

/// A new rule set: a copy of `based_on` with the parameters given changed (administrators).
pub fn create(conn: &mut AnyConnection, p: &Actor, b: NewRuleSet) -> Result<RuleSetInfo, AppError> {
    if !p.access.is_admin() {
        return Err(AppError::forbidden("Chỉ quản trị hệ thống tạo bộ quy tắc"));
    }
    let base = find(conn, &b.based_on)?.ok_or_else(|| {
        AppError::Validation(vec![FieldError::new(
            "based_on",
            "unknown_rule_set",
            format!("Không có bộ quy tắc '{}'", b.based_on),
        )])
    })?;
    if find(conn, &b.name)?.is_some() {
        return Err(AppError::conflict(
            "rule_set_exists",
            format!("Đã có bộ quy tắc '{}'", b.name),
        ));
    }
    let rules = change(&b, base)?;
    let json = serde_json::to_string(&rules).map_err(|e| AppError::Internal(e.to_string()))?;
    kiemdiem_store::rule_sets::create(conn, &b.name, &b.based_on, &json, &p.actor())?;
    let after: Option<serde_json::Value> = serde_json::from_str(&json).ok();
    p.audit("create", "rule_set")
        .id(&b.name)
        .after(&after)
        .record(conn)?;
    Ok(info(rules, Some(b.based_on.clone())))
}
