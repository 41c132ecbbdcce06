//! The points method (RULES-2025.md, rule set `tw-366-2025`) at the application's edge: the
//! rule set's frames, items, bands, facts and quota as the API shows and takes them, and the
//! stateless preview of `POST /classification/preview` for a points rule set.

use crate::error::{AppError, FieldError};
use chrono::NaiveDate;
use kiemdiem_domain::classification::Level;
use kiemdiem_domain::points::{self as engine, Frame, PointsRules};
use kiemdiem_domain::rule_set::{self, Method};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

// S2: an item of a group; `max` in tenths of a point.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInfo {
    pub code: String,
    pub label: String,
    /// Tenths of a point.
    pub max: u32,
}

// S2: `general` (300 tenths) or `tasks` (700).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupInfo {
    /// general or tasks.
    pub code: String,
    pub label: String,
    /// Tenths of a point; the items add up to it.
    pub max: u32,
    pub items: Vec<ItemInfo>,
}

// S1, C1.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameInfo {
    /// F1 (collectives), F2, F3 (leaders), F4, F5.
    pub frame: String,
    pub who: String,
    /// Mẫu 01, 2A, 2B, 2C.
    pub form: String,
    pub groups: Vec<GroupInfo>,
}

// S6, C2.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactInfo {
    pub code: String,
    pub label: String,
    /// The frames it applies to.
    pub frames: Vec<String>,
    /// not_completed (forces the level) or blocks_excellent.
    pub effect: String,
}

/// The points method's data of a rule set (RULES-2025.md S1–S9, C1–C3); points in tenths.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsInfo {
    pub frames: Vec<FrameInfo>,
    /// S5: the lowest total of excellent, good, completed (tenths).
    pub band_excellent: u32,
    pub band_good: u32,
    pub band_completed: u32,
    /// S5: `excellent` needs at least this % of the tasks exceeded.
    pub excellent_exceeded_percent: u32,
    /// S5: `completed` allows at most this % of the tasks behind schedule.
    pub completed_behind_percent: u32,
    /// S6: more than this % of the tasks not done forces `not_completed`.
    pub failed_percent: u32,
    pub facts: Vec<FactInfo>,
    /// S7: the share of `excellent`, and for an organisation with outstanding results.
    pub quota_percent: u32,
    pub quota_outstanding_percent: u32,
    /// good (S7 as written) or good_or_better.
    pub quota_basis: String,
    /// quota_group or branch.
    pub quota_scope: String,
    /// S9: evidence_only or any_quarter_not_completed_blocks_excellent.
    pub quarter_rule: String,
    /// S8: whether M11's cap for a long absence applies.
    pub long_absence_cap: bool,
    /// S10: whether the branch also votes.
    pub branch_vote: bool,
    pub new_member_months: u32,
}

fn enum_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn info(p: &PointsRules) -> PointsInfo {
    PointsInfo {
        frames: p
            .frames
            .iter()
            .map(|f| FrameInfo {
                frame: f.frame.to_string(),
                who: f.who.clone(),
                form: f.form.clone(),
                groups: f
                    .groups
                    .iter()
                    .map(|g| GroupInfo {
                        code: g.code.clone(),
                        label: g.label.clone(),
                        max: g.max,
                        items: g
                            .items
                            .iter()
                            .map(|i| ItemInfo {
                                code: i.code.clone(),
                                label: i.label.clone(),
                                max: i.max,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        band_excellent: p.bands.excellent,
        band_good: p.bands.good,
        band_completed: p.bands.completed,
        excellent_exceeded_percent: p.tasks.excellent_exceeded_percent,
        completed_behind_percent: p.tasks.completed_behind_percent,
        failed_percent: p.tasks.failed_percent,
        facts: p
            .facts
            .iter()
            .map(|f| FactInfo {
                code: f.code.clone(),
                label: f.label.clone(),
                frames: f.frames.iter().map(ToString::to_string).collect(),
                effect: enum_name(&f.effect),
            })
            .collect(),
        quota_percent: p.quota.percent,
        quota_outstanding_percent: p.quota.outstanding_percent,
        quota_basis: p.quota.basis.clone(),
        quota_scope: p.quota.scope.clone(),
        quarter_rule: enum_name(&p.quarter_rule),
        long_absence_cap: p.long_absence_cap,
        branch_vote: p.branch_vote,
        new_member_months: p.new_member_months,
    }
}

fn parse_enum<T: serde::de::DeserializeOwned>(
    errors: &mut Vec<FieldError>,
    field: String,
    value: &str,
    allowed: &str,
) -> Option<T> {
    let out = serde_json::from_value(serde_json::Value::String(value.to_owned())).ok();
    if out.is_none() {
        errors.push(FieldError::new(
            field,
            "invalid_choice",
            format!("'{value}' không hợp lệ; chọn một trong: {allowed}"),
        ));
    }
    out
}

/// The points data an administrator sends (a copy's frames and items), checked field by field
/// and then as a whole (S2: each group's items add up to its maximum).
pub fn from_info(i: &PointsInfo) -> Result<PointsRules, AppError> {
    let mut errors = Vec::new();
    let mut frames = Vec::new();
    for (k, f) in i.frames.iter().enumerate() {
        let at = |x: &str| format!("points.frames[{k}].{x}");
        let Some(frame) = Frame::parse(&f.frame) else {
            errors.push(FieldError::new(
                at("frame"),
                "invalid_choice",
                "F1, F2, F3, F4 hoặc F5",
            ));
            continue;
        };
        frames.push(engine::FrameDef {
            frame,
            who: f.who.trim().to_owned(),
            form: f.form.trim().to_owned(),
            groups: f
                .groups
                .iter()
                .map(|g| engine::Group {
                    code: g.code.trim().to_owned(),
                    label: g.label.trim().to_owned(),
                    max: g.max,
                    items: g
                        .items
                        .iter()
                        .map(|x| engine::Item {
                            code: x.code.trim().to_owned(),
                            label: x.label.trim().to_owned(),
                            max: x.max,
                        })
                        .collect(),
                })
                .collect(),
        });
    }
    let mut facts = Vec::new();
    for (k, f) in i.facts.iter().enumerate() {
        let effect = parse_enum(
            &mut errors,
            format!("points.facts[{k}].effect"),
            &f.effect,
            "not_completed, blocks_excellent",
        );
        let mut on = Vec::new();
        for (j, x) in f.frames.iter().enumerate() {
            match Frame::parse(x) {
                Some(fr) => on.push(fr),
                None => errors.push(FieldError::new(
                    format!("points.facts[{k}].frames[{j}]"),
                    "invalid_choice",
                    "F1, F2, F3, F4 hoặc F5",
                )),
            }
        }
        if let Some(effect) = effect {
            facts.push(engine::FactDef {
                code: f.code.trim().to_owned(),
                label: f.label.trim().to_owned(),
                frames: on,
                effect,
            });
        }
    }
    let quarter_rule = parse_enum(
        &mut errors,
        "points.quarter_rule".into(),
        &i.quarter_rule,
        "evidence_only, any_quarter_not_completed_blocks_excellent",
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let rules = PointsRules {
        frames,
        bands: engine::Bands {
            excellent: i.band_excellent,
            good: i.band_good,
            completed: i.band_completed,
        },
        tasks: engine::TaskConditions {
            excellent_exceeded_percent: i.excellent_exceeded_percent,
            completed_behind_percent: i.completed_behind_percent,
            failed_percent: i.failed_percent,
        },
        facts,
        quota: engine::PointsQuota {
            percent: i.quota_percent,
            outstanding_percent: i.quota_outstanding_percent,
            basis: i.quota_basis.clone(),
            scope: i.quota_scope.clone(),
        },
        quarter_rule: quarter_rule.unwrap_or(engine::QuarterRule::EvidenceOnly),
        long_absence_cap: i.long_absence_cap,
        branch_vote: i.branch_vote,
        new_member_months: i.new_member_months,
    };
    let problems = rules.problems();
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(AppError::Validation(
            problems
                .into_iter()
                .map(|p| FieldError::new("points", "inconsistent", p))
                .collect(),
        ))
    }
}

// --- The preview (RULES-2025.md, "The preview contract for this rule set").

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointsPair {
    /// Tenths, at most 300.
    pub general: i64,
    /// Tenths, at most 700.
    pub tasks: i64,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TasksInput {
    pub assigned: i64,
    pub done: i64,
    pub on_time: i64,
    pub exceeded: i64,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortcomingsInput {
    pub prior: i64,
    pub remedied: i64,
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
pub struct QuotaGroupInfo {
    pub group: String,
    /// G of S7: those whose level before the quota counts.
    pub counted: u32,
    pub limit: u32,
    pub excellent_before_quota: u32,
    pub excellent: u32,
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
                tasks: engine::Tasks {
                    assigned: m.tasks.assigned,
                    done: m.tasks.done,
                    on_time: m.tasks.on_time,
                    exceeded: m.tasks.exceeded,
                },
                shortcomings: engine::Shortcomings {
                    prior: m.shortcomings.prior,
                    remedied: m.shortcomings.remedied,
                },
                facts: m.facts.clone(),
                mitigated: m.mitigated.clone(),
                quota_group: m.quota_group.clone(),
                quarters,
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
    let (subjects, mut errors, bad_frame) = subjects(b);
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
