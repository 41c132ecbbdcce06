//! Organisations' classification (guidance 3, O1–O3): each base or branch scores itself on
//! the rule set's sheet, the committee directly above scores it again and the superior's points
//! decide the level; the overview of a district's bases or a base's branches checks the O2 and
//! O3 limits (warnings).

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use crate::voting::rules_of;
use chrono::{DateTime, Utc};
use kiemdiem_domain::organization::o1_may_be_exemplary;
use kiemdiem_domain::rule_set::{OrgSheet, RuleSet, org_quota_breaches};
use kiemdiem_store::org_assessments as store;
use kiemdiem_store::{AnyConnection, cycles, organizations};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

const UNIT_RATINGS: [&str; 5] = ["outstanding", "good", "fair", "average", "weak"];

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SheetLine {
    pub code: String,
    pub title: String,
    pub max: u32,
    pub self_points: Option<u32>,
    pub superior_points: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgAssessment {
    pub organization_id: i64,
    pub name: String,
    pub kind: String,
    pub year: i32,
    pub criteria: Vec<SheetLine>,
    pub max_total: u32,
    pub self_total: Option<u32>,
    pub superior_total: Option<u32>,
    /// clean_strong, good, completed or weak: from the superior's points once reviewed.
    pub level: Option<String>,
    pub exemplary: bool,
    /// O3: outstanding, good, fair, average or weak.
    pub unit_rating: Option<String>,
    /// not_started, submitted or reviewed.
    pub status: String,
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

fn points(json: Option<&str>) -> BTreeMap<String, u32> {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

pub(crate) fn dto(
    org: &organizations::Organization,
    year: i32,
    sheet: &OrgSheet,
    a: Option<store::Assessment>,
) -> OrgAssessment {
    let own = points(a.as_ref().map(|x| x.self_points.as_str()));
    let sup = points(a.as_ref().and_then(|x| x.superior_points.as_deref()));
    OrgAssessment {
        organization_id: org.id,
        name: org.name.clone(),
        kind: org.kind.clone(),
        year,
        criteria: sheet
            .criteria
            .iter()
            .map(|c| SheetLine {
                code: c.code.clone(),
                title: c.title.clone(),
                max: c.max,
                self_points: own.get(&c.code).copied(),
                superior_points: sup.get(&c.code).copied(),
            })
            .collect(),
        max_total: sheet.max_total(),
        self_total: a.as_ref().map(|x| u32::try_from(x.self_total).unwrap_or(0)),
        superior_total: a
            .as_ref()
            .and_then(|x| x.superior_total)
            .map(|t| u32::try_from(t).unwrap_or(0)),
        level: a.as_ref().map(|x| x.level.clone()),
        exemplary: a.as_ref().is_some_and(|x| x.exemplary),
        unit_rating: a.as_ref().and_then(|x| x.unit_rating.clone()),
        status: a
            .as_ref()
            .map_or_else(|| "not_started".to_owned(), |x| x.status.to_string()),
        updated_by: a.as_ref().map(|x| x.updated_by.clone()),
        updated_at: a.map(|x| x.updated_at.and_utc()),
    }
}

/// The cycle, its rules and the organisation inside it (a base or a branch); 404 unless the
/// caller is the organisation's committee or above.
pub(crate) fn context(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
) -> Result<(cycles::Cycle, RuleSet, organizations::Organization), AppError> {
    let (cycle, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let org = organizations::get(conn, org_id)?
        .filter(|o| {
            o.path.starts_with(&cycle_path)
                && matches!(o.kind.as_str(), "base" | "branch")
                && p.access.can_edit_members(&o.path)
        })
        .ok_or_else(AppError::not_found)?;
    let rules = rules_of(&cycle)?;
    Ok((cycle, rules, org))
}

/// Checks points against the sheet; every invalid one named. Returns the total.
fn check_points(
    sheet: &OrgSheet,
    field: &str,
    given: &BTreeMap<String, u32>,
) -> Result<u32, Vec<FieldError>> {
    let mut errors = Vec::new();
    for (code, v) in given {
        match sheet.criteria.iter().find(|c| &c.code == code) {
            None => errors.push(FieldError {
                field: format!("{field}.{code}"),
                code: "unknown_criterion".into(),
                message: "Không có tiêu chí này trong bảng điểm".into(),
            }),
            Some(c) if *v > c.max => errors.push(FieldError {
                field: format!("{field}.{code}"),
                code: "over_max".into(),
                message: format!("Tối đa {} điểm", c.max),
            }),
            Some(_) => {}
        }
    }
    for c in &sheet.criteria {
        if !given.contains_key(&c.code) {
            errors.push(FieldError {
                field: format!("{field}.{}", c.code),
                code: "required".into(),
                message: format!("Chưa chấm: {}", c.title),
            });
        }
    }
    if errors.is_empty() {
        Ok(given.values().sum())
    } else {
        Err(errors)
    }
}

fn unit_rating_error(v: Option<&str>) -> Option<FieldError> {
    v.filter(|r| !UNIT_RATINGS.contains(r)).map(|_| FieldError {
        field: "unit_rating".into(),
        code: "invalid_choice".into(),
        message: "outstanding, good, fair, average hoặc weak".into(),
    })
}

/// An organisation's sheet for the cycle's year.
pub fn assessment(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    org_id: i64,
) -> Result<OrgAssessment, AppError> {
    let (cycle, rules, org) = context(conn, p, id, org_id)?;
    let a = store::find(conn, cycle.year, org.id)?;
    Ok(dto(&org, cycle.year, &rules.org_sheet, a))
}

/// The organisation scores itself (its own committee), until the superior has reviewed it.
pub fn self_assess(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    org_id: i64,
    self_points: &BTreeMap<String, u32>,
    unit_rating: Option<&str>,
) -> Result<OrgAssessment, AppError> {
    let (cycle, rules, org) = context(conn, p, id, org_id)?;
    crate::cycles::writable(&cycle)?;
    let mut errors = Vec::new();
    let total = check_points(&rules.org_sheet, "self_points", self_points)
        .map_err(|e| errors.extend(e))
        .ok();
    errors.extend(unit_rating_error(unit_rating));
    let Some(total) = total.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let earlier = store::find(conn, cycle.year, org.id)?;
    if earlier.as_ref().is_some_and(|a| !a.status.self_may_edit()) {
        return Err(AppError::conflict(
            "already_reviewed",
            "Cấp trên đã chấm; không sửa điểm tự đánh giá được nữa",
        ));
    }
    let json = serde_json::to_string(self_points).map_err(|e| AppError::Internal(e.to_string()))?;
    store::put_self(
        conn,
        cycle.year,
        org.id,
        cycle.id,
        &json,
        i32::try_from(total).unwrap_or(i32::MAX),
        rules.org_sheet.level(total),
        unit_rating,
        &p.actor(),
    )?;
    let out = dto(
        &org,
        cycle.year,
        &rules.org_sheet,
        store::find(conn, cycle.year, org.id)?,
    );
    let mut audit = p
        .audit("self_assess", "organization")
        .id(org.id)
        .org(org.path.clone())
        .after(&serde_json::json!({ "total": total, "level": out.level }));
    if let Some(a) = &earlier {
        audit = audit.before(&serde_json::json!({ "total": a.self_total, "level": a.level }));
    }
    audit.record(conn)?;
    Ok(out)
}

/// The superior's points decide the level (the committee directly above the organisation).
pub fn review(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    org_id: i64,
    superior_points: &BTreeMap<String, u32>,
    exemplary: bool,
    unit_rating: Option<&str>,
) -> Result<OrgAssessment, AppError> {
    let (cycle, rules, org) = context(conn, p, id, org_id)?;
    let parent_path = org
        .parent_id
        .and_then(|pid| organizations::get(conn, pid).ok().flatten())
        .map(|o| o.path)
        .unwrap_or_default();
    if parent_path.is_empty() || !p.access.can_administer(&parent_path) {
        return Err(AppError::forbidden(
            "Cấp ủy cấp trên trực tiếp chấm điểm và xếp loại",
        ));
    }
    crate::cycles::writable(&cycle)?;
    let Some(a) = store::find(conn, cycle.year, org.id)? else {
        return Err(AppError::conflict(
            "not_self_assessed",
            "Tổ chức chưa tự chấm điểm",
        ));
    };
    // O5: once the district cancelled a recognition, the level is its decision's; scoring
    // again would silently undo it.
    if let Some(c) = store::cancellations(conn, org.id, cycle.year)?.last() {
        return Err(AppError::conflict(
            "recognition_cancelled",
            format!(
                "Kết quả đã được điều chỉnh theo quyết định {} ngày {} (O5)",
                c.decision_number,
                c.decided_on.format("%d/%m/%Y")
            ),
        ));
    }
    let mut errors = Vec::new();
    let total = check_points(&rules.org_sheet, "superior_points", superior_points)
        .map_err(|e| errors.extend(e))
        .ok();
    errors.extend(unit_rating_error(unit_rating));
    let level = total.map(|t| rules.org_sheet.level(t));
    if exemplary && level.is_some_and(|l| !o1_may_be_exemplary(l)) {
        errors.push(FieldError {
            field: "exemplary".into(),
            code: "not_clean_strong".into(),
            message: "Chỉ tổ chức trong sạch vững mạnh mới được công nhận tiêu biểu (O1)".into(),
        });
    }
    let (Some(total), Some(level)) = (total, level) else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let json =
        serde_json::to_string(superior_points).map_err(|e| AppError::Internal(e.to_string()))?;
    store::review(
        conn,
        a.id,
        &json,
        i32::try_from(total).unwrap_or(i32::MAX),
        level,
        exemplary,
        unit_rating.or(a.unit_rating.as_deref()),
        &p.actor(),
    )?;
    let out = dto(
        &org,
        cycle.year,
        &rules.org_sheet,
        store::find(conn, cycle.year, org.id)?,
    );
    p.audit("review", "organization")
        .id(org.id)
        .org(org.path.clone())
        .before(&serde_json::json!({
            "level": a.level, "self_total": a.self_total, "total": a.superior_total,
            "exemplary": a.exemplary,
        }))
        .after(&serde_json::json!({ "level": level, "total": total, "exemplary": exemplary }))
        .record(conn)?;
    Ok(out)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgClassification {
    pub organization_id: i64,
    pub year: i32,
    /// The organisations directly classified under it, with their sheets.
    pub organizations: Vec<OrgAssessment>,
    pub classified: u32,
    pub clean_strong: u32,
    pub exemplary: u32,
    pub good: u32,
    pub completed: u32,
    pub weak: u32,
    pub units_rated: u32,
    pub units_outstanding: u32,
    /// O2, O3 limits exceeded: (rule, message).
    pub warnings: Vec<OrgWarning>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrgWarning {
    /// O2, O2-exemplary or O3.
    pub rule: String,
    pub message: String,
}

/// The year's classification of the organisations under a district (its base organisations)
/// or a base (its branches), with the O2 and O3 limits checked (warnings).
pub fn overview(
    conn: &mut AnyConnection,
    p: &Actor,
    organization_id: i64,
    year: i32,
) -> Result<OrgClassification, AppError> {
    let org = organizations::get(conn, organization_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if !p.access.can_administer(&org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức xem xếp loại các tổ chức trực thuộc",
        ));
    }
    let child_kind = match org.kind.as_str() {
        "district" => "base",
        "base" => "branch",
        _ => {
            return Err(AppError::Validation(vec![FieldError {
                field: "organization_id".into(),
                code: "kind_mismatch".into(),
                message: "Chọn Huyện/Thành ủy hoặc Đảng bộ cơ sở".into(),
            }]));
        }
    };
    // The rules: the organisation's own cycle that year, else the default.
    let rules = cycles::list(conn, Some(year), Some(org.id))?
        .into_iter()
        .next()
        .map(|(c, _, _)| rules_of(&c))
        .transpose()?
        .unwrap_or_else(|| {
            kiemdiem_domain::rule_set::builtin(kiemdiem_domain::rule_set::DEFAULT)
                .unwrap_or_else(|| unreachable!("the default rule set is built in"))
        });
    let children: Vec<organizations::Organization> = organizations::subtree(conn, &org.path)?
        .into_iter()
        .filter(|o| o.kind == child_kind)
        .collect();
    let ids: Vec<i64> = children.iter().map(|o| o.id).collect();
    let found = store::of_year(conn, year, &ids)?;
    let mut out = OrgClassification {
        organization_id: org.id,
        year,
        organizations: Vec::new(),
        classified: 0,
        clean_strong: 0,
        exemplary: 0,
        good: 0,
        completed: 0,
        weak: 0,
        units_rated: 0,
        units_outstanding: 0,
        warnings: Vec::new(),
    };
    for c in &children {
        let a = found.iter().find(|a| a.organization_id == c.id).cloned();
        if let Some(a) = &a {
            out.classified += 1;
            match a.level.as_str() {
                "clean_strong" => out.clean_strong += 1,
                "good" => out.good += 1,
                "completed" => out.completed += 1,
                _ => out.weak += 1,
            }
            out.exemplary += u32::from(a.exemplary);
            if let Some(u) = &a.unit_rating {
                out.units_rated += 1;
                out.units_outstanding += u32::from(u == "outstanding");
            }
        }
        out.organizations.push(dto(c, year, &rules.org_sheet, a));
    }
    out.warnings = org_quota_breaches(
        &rules.org_quota,
        out.classified,
        out.clean_strong,
        out.exemplary,
        out.units_rated,
        out.units_outstanding,
    )
    .into_iter()
    .map(|(rule, message)| OrgWarning {
        rule: rule.into(),
        message,
    })
    .collect();
    Ok(out)
}
