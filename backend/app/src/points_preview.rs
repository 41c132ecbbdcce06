//! The stateless preview of `POST /classification/preview` under a points rule set
//! (RULES-2025.md, "The preview contract for this rule set").

use crate::error::{AppError, FieldError};
use chrono::NaiveDate;
use kiemdiem_domain::classification::Level;
use kiemdiem_domain::points::{self as engine, Frame};
use kiemdiem_domain::rule_set::{self, Method};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::points::{QuotaGroupInfo, ShortcomingsInput, TasksInput};

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsPair {
    /// Tenths, at most 300.
    pub general: i64,
    /// Tenths, at most 700.
    pub tasks: i64,
}

fn official() -> String {
    "official".into()
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsPreviewMember {
    pub id: String,
    /// F1 (a collective), F2, F3, F4 or F5 (S1).
    pub frame: String,
    /// official or probationary.
    #[serde(default = "official")]
    pub status: String,
    /// Required for a person (S3: six months).
    pub admitted_on: Option<NaiveDate>,
    #[serde(default)]
    pub exempt: bool,
    #[serde(default)]
    pub suspended: bool,
    #[serde(default)]
    pub attached: bool,
    /// The self-assessment (Mẫu 2A/2B/2C, or the collective's Mẫu 01) is in (S3).
    #[serde(default = "yes")]
    pub self_review_submitted: bool,
    pub points: PointsPair,
    #[serde(default)]
    pub tasks: TasksInput,
    #[serde(default)]
    pub shortcomings: ShortcomingsInput,
    /// S6/C2 facts by code.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Facts the competent level found mitigated.
    #[serde(default)]
    pub mitigated: Vec<String>,
    /// S7: the group of similar positions; defaults to the frame.
    pub quota_group: Option<String>,
    /// S9: the quarters' levels so far.
    #[serde(default)]
    pub quarters: Vec<String>,
    /// S10: the branch's vote, read only under a rule set that asks for one (`branch_vote`).
    pub vote: Option<crate::point_assessments::BranchTally>,
}

/// A what-if under a points rule set (`tw-366-2025` when `rule_set` is omitted and the members
/// carry a `frame`).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsPreviewRequest {
    pub rule_set: Option<String>,
    /// The day S3's six months are counted to.
    pub reference_date: NaiveDate,
    /// S7: the competent level raised the quota for outstanding results.
    #[serde(default)]
    pub outstanding: bool,
    #[schema(max_items = 5000)]
    pub members: Vec<PointsPreviewMember>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointsPreviewResult {
    pub id: String,
    /// classified, not_classified, pending or unresolved.
    pub status: String,
    /// Null unless classified.
    pub level: Option<String>,
    /// Tenths.
    pub total: u32,
    /// The quota group it was counted in.
    pub group: String,
    /// Rule ids in order: S3, S5, S5-gap, S6-…, S6-mitigated, S7, S7-tie, S9, C2, C2-…
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointsPreviewResponse {
    pub rule_set: String,
    /// Always `points`.
    pub method: String,
    /// In the order sent.
    pub results: Vec<PointsPreviewResult>,
    /// One per quota group, by name.
    pub quotas: Vec<QuotaGroupInfo>,
}

/// Whether a preview body is in the points shape: a member with a `frame`, an `outstanding`
/// flag, or a built-in points rule set named.
pub fn is_points_shape(v: &serde_json::Value) -> bool {
    let named = v
        .get("rule_set")
        .and_then(|r| r.as_str())
        .and_then(rule_set::builtin)
        .is_some_and(|r| r.method == Method::Points);
    named
        || v.get("outstanding").is_some()
        || v.get("members")
            .and_then(|m| m.as_array())
            .is_some_and(|a| a.iter().any(|m| m.get("frame").is_some()))
}

fn subjects(b: &PointsPreviewRequest) -> (Vec<engine::Subject>, Vec<FieldError>, Vec<bool>) {
    let mut errors = Vec::new();
    let mut bad_frame = Vec::new();
    let subjects = b
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let at = |f: &str| format!("members[{i}].{f}");
            if m.id.trim().is_empty() || m.id.len() > 100 {
                errors.push(FieldError::new(at("id"), "length", "Mã từ 1 đến 100 ký tự"));
            }
            if !matches!(m.status.as_str(), "official" | "probationary") {
                errors.push(FieldError::new(
                    at("status"),
                    "invalid_choice",
                    "official hoặc probationary",
                ));
            }
            let frame = Frame::parse(&m.frame);
            bad_frame.push(frame.is_none());
            if frame.is_none() {
                errors.push(FieldError::new(
                    at("frame"),
                    "invalid_choice",
                    format!("'{}' không hợp lệ; chọn F1, F2, F3, F4 hoặc F5", m.frame),
                ));
            }
            let quarters = m
                .quarters
                .iter()
                .enumerate()
                .filter_map(|(k, q)| {
                    let l = Level::parse(q);
                    if l.is_none() {
                        errors.push(FieldError::new(
                            at(&format!("quarters[{k}]")),
                            "invalid_choice",
                            "excellent, good, completed hoặc not_completed",
                        ));
                    }
                    l
                })
                .collect();
            engine::Subject {
                id: m.id.clone(),
                frame: frame.unwrap_or(Frame::F4),
                admitted_on: m.admitted_on,
                exempt: m.exempt,
                suspended: m.suspended,
                attached: m.attached,
                self_assessed: m.self_review_submitted,
                general: m.points.general,
                task_points: m.points.tasks,
                tasks: m.tasks.engine(),
                shortcomings: m.shortcomings.engine(),
                facts: m.facts.clone(),
                mitigated: m.mitigated.clone(),
                quota_group: m.quota_group.clone(),
                quarters,
                vote: None,
            }
        })
        .collect();
    (subjects, errors, bad_frame)
}

/// Classifies everyone sent under a points rule set, storing nothing; every invalid field is
/// named (422), the engine's refusals included.
pub fn preview(
    conn: &mut kiemdiem_store::AnyConnection,
    b: &PointsPreviewRequest,
) -> Result<PointsPreviewResponse, AppError> {
    let name = b.rule_set.as_deref().unwrap_or(rule_set::TW_366_2025);
    let rules = crate::rule_sets::find(conn, name)?;
    let (mut subjects, mut errors, bad_frame) = subjects(b);
    if b.members.len() > 5000 {
        errors.push(FieldError::new(
            "members",
            "too_many",
            "Gửi tối đa 5000 người một lần",
        ));
    }
    let points = match rules.as_ref().map(|r| (r.method, r.points.as_ref())) {
        Some((Method::Points, Some(p))) => Some(p),
        Some(_) => {
            errors.push(FieldError::new(
                "rule_set",
                "not_points",
                format!("Bộ quy tắc '{name}' không chấm điểm (dùng hình thức bỏ phiếu)"),
            ));
            None
        }
        None => {
            errors.push(FieldError::new(
                "rule_set",
                "unknown_rule_set",
                format!("Không có bộ quy tắc '{name}'"),
            ));
            None
        }
    };
    // S10: each vote as the rule set's thresholds read it.
    for (i, (m, s)) in b.members.iter().zip(subjects.iter_mut()).enumerate() {
        let (Some(v), Some(r)) = (&m.vote, &rules) else {
            continue;
        };
        let before = errors.len();
        if let Err(e) = validator::Validate::validate(v) {
            for (field, _) in e.field_errors() {
                errors.push(FieldError::new(
                    format!("members[{i}].vote.{field}"),
                    "range",
                    "Ngoài khoảng cho phép",
                ));
            }
        }
        v.check(&format!("members[{i}].vote"), &mut errors);
        if errors.len() == before {
            s.vote = Some(v.engine(r));
        }
    }
    if let Some(p) = points {
        // A member whose frame is unknown has its own error; the facts of a made-up frame are
        // not judged.
        errors.extend(
            engine::check(p, &subjects)
                .into_iter()
                .filter(|e| {
                    !(e.code == "not_for_frame"
                        && e.field
                            .strip_prefix("members[")
                            .and_then(|r| r.split(']').next())
                            .and_then(|n| n.parse::<usize>().ok())
                            .is_some_and(|n| bad_frame.get(n) == Some(&true)))
                })
                .map(|e| FieldError::new(e.field, e.code, e.message)),
        );
    }
    let Some(p) = points.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let out = engine::classify(p, b.reference_date, b.outstanding, &subjects).map_err(|e| {
        AppError::Validation(
            e.into_iter()
                .map(|e| FieldError::new(e.field, e.code, e.message))
                .collect(),
        )
    })?;
    Ok(PointsPreviewResponse {
        rule_set: name.to_owned(),
        method: Method::Points.to_string(),
        results: out
            .results
            .into_iter()
            .map(|r| PointsPreviewResult {
                id: r.id,
                status: r.status.to_string(),
                level: r.level.map(|l| l.as_str().to_owned()),
                total: r.total,
                group: r.group,
                reasons: r.reasons,
            })
            .collect(),
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
    })
}
