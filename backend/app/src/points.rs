//! The points method (RULES-2025.md, rule set `tw-366-2025`) at the application's edge: the
//! rule set's frames, items, bands, facts and quota as the API shows and takes them (the
//! preview is `points_preview`).

use crate::error::{AppError, FieldError};
use kiemdiem_domain::points::{self as engine, Frame, PointsRules};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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

// S4: the year's tasks.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TasksInput {
    pub assigned: i64,
    pub done: i64,
    pub on_time: i64,
    pub exceeded: i64,
}

// S5: shortcomings named at the previous review, and those remedied.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortcomingsInput {
    pub prior: i64,
    pub remedied: i64,
}

impl TasksInput {
    /// As a stored row keeps them: assigned, done, on time, exceeded.
    pub fn of(counts: [i32; 4]) -> TasksInput {
        let [assigned, done, on_time, exceeded] = counts.map(i64::from);
        TasksInput {
            assigned,
            done,
            on_time,
            exceeded,
        }
    }

    pub fn engine(self) -> kiemdiem_domain::points::Tasks {
        kiemdiem_domain::points::Tasks {
            assigned: self.assigned,
            done: self.done,
            on_time: self.on_time,
            exceeded: self.exceeded,
        }
    }
}

impl ShortcomingsInput {
    /// As a stored row keeps them: prior, remedied.
    pub fn of(counts: [i32; 2]) -> ShortcomingsInput {
        let [prior, remedied] = counts.map(i64::from);
        ShortcomingsInput { prior, remedied }
    }

    pub fn engine(self) -> kiemdiem_domain::points::Shortcomings {
        kiemdiem_domain::points::Shortcomings {
            prior: self.prior,
            remedied: self.remedied,
        }
    }
}

// S7: one quota group's count.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuotaGroupInfo {
    pub group: String,
    /// G of S7: those whose level before the quota counts.
    pub counted: u32,
    pub limit: u32,
    pub excellent_before_quota: u32,
    pub excellent: u32,
}
