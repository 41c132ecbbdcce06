//! Collectives under a points rule set (RULES-2025.md C1–C4): the branches of a cycle's
//! organisation and the organisation itself score themselves on frame F1 (Mẫu 01's figures),
//! the committee directly above appraises them with the facts of C2 and decides their levels;
//! the branches' quota (C3) is counted among them. Beside each collective stand its members'
//! levels (guidance 3: an organisation's level rests on its members' and its parts').
//!
//! Choices where the sources are silent (written in the README): the organisation's own level
//! is decided by the committee above, its C3 counted among its peers — the organisations of its
//! kind directly under the same parent, each as its own points cycle of the year recorded it —
//! live as the engine ranks them, and within the limit beside the peers already decided (the
//! decisions span several cycles, so a peer decided earlier keeps its place); a collective that
//! has not submitted its form holds the branches' decision back (409 naming it), as the
//! competent level needs every collective of the group to count the quota.

use crate::Actor;
use crate::error::{AppError, FieldError};
use crate::point_assessments::{
    Chosen, ItemPoints, Open, before_quota, board_of, check_choices, frame_info, json_map,
    level_choice, points_rules, stored_codes, to_json,
};
use crate::points::{FrameInfo, QuotaGroupInfo, ShortcomingsInput, TasksInput};
use chrono::{DateTime, Utc};
use kiemdiem_domain::classification::Level;
use kiemdiem_domain::points::{self as engine, Frame, PointsRules};
use kiemdiem_store::org_point_assessments::{
    self as store, AppraisalPart, OrgAssessment, SelfPart,
};
use kiemdiem_store::{AnyConnection, cycles, organizations};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;
use validator::Validate;

/// Who a collective is to the request: the cycle, the collective, and whether it is the
/// cycle's organisation itself (else one of its branches).
struct Collective {
    cycle: cycles::Cycle,
    cycle_path: String,
    org: organizations::Organization,
    is_top: bool,
}

/// The collectives of a cycle: its branches, then the organisation itself (C4: the parts
/// before the whole).
fn collectives_of(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    cycle_path: &str,
) -> Result<Vec<organizations::Organization>, AppError> {
    let mut all = organizations::subtree(conn, cycle_path)?;
    let top = all
        .iter()
        .position(|o| o.id == cycle.organization_id)
        .map(|i| all.remove(i))
        .ok_or_else(AppError::not_found)?;
    // Its own branches (a branch of one of its bases is that base's to review).
    all.retain(|o| o.kind == "branch" && o.parent_id == Some(cycle.organization_id));
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all.push(top);
    Ok(all)
}

/// The collective `org_id` of cycle `cycle_id` as the actor may read it (its committees, the
/// committees above, the inspection commission); 404 otherwise.
fn collective(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
) -> Result<(Collective, PointsRules), AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    let org = collectives_of(conn, &cycle, &cycle_path)?
        .into_iter()
        .find(|o| o.id == org_id)
        .filter(|o| p.access.can_read_self_reviews(&o.path))
        .ok_or_else(AppError::not_found)?;
    let rules = points_rules(&cycle)?;
    let is_top = org.id == cycle.organization_id;
    Ok((
        Collective {
            cycle,
            cycle_path,
            org,
            is_top,
        },
        rules,
    ))
}

impl Collective {
    /// The collective's own committee: a branch's committee (or the committees above it,
    /// entering its paper form), the organisation's own committee.
    fn own_committee(&self, p: &Actor) -> bool {
        if self.is_top {
            p.access.runs(&self.cycle_path)
        } else {
            p.access.can_edit_members(&self.org.path)
        }
    }

    /// The committee directly above (C2, guidance 3): the cycle's organisation's committee for
    /// its branches; a committee above the organisation for the organisation itself.
    fn competent(&self, p: &Actor) -> bool {
        if self.is_top {
            directly_above(p, &self.cycle_path)
        } else {
            p.access.runs(&self.cycle_path)
        }
    }
}

/// The committee of the organisation directly above the one at `path` (or an admin): the one
/// that decides that organisation's own level (guidance 3), not any ancestor.
fn directly_above(p: &Actor, path: &str) -> bool {
    let parent = path
        .trim_end_matches('/')
        .rsplit_once('/')
        .map(|(parent, _)| format!("{parent}/"));
    p.access.is_admin() || parent.is_some_and(|parent| p.access.runs(&parent))
}

/// The recorded decision on a collective (C2, C3).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectiveDecided {
    pub level: String,
    /// Rule ids (C2, C2-…, C3, S5-gap, S10).
    pub reasons: Vec<String>,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// A collective's form on frame F1 (Mẫu 01's figures: …/30, …/70, …/100).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectiveAssessment {
    pub cycle_id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    /// branch, or the cycle's organisation (base).
    pub kind: String,
    pub frame: FrameInfo,
    /// not_started, draft, submitted, appraised or decided.
    pub status: String,
    pub self_points: ItemPoints,
    /// Tenths: the sums of the collective's own points, general (of 300) and tasks (of 700).
    pub self_general: i64,
    pub self_tasks: i64,
    pub tasks: TasksInput,
    pub shortcomings: ShortcomingsInput,
    pub narrative: String,
    pub proposed_level: Option<String>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub appraised_points: Option<ItemPoints>,
    pub appraised_total: Option<i64>,
    /// C2 facts found by the committee above, and those found mitigated.
    pub facts: Vec<String>,
    pub mitigated: Vec<String>,
    pub appraisal_note: Option<String>,
    pub appraised_by: Option<String>,
    pub appraised_at: Option<DateTime<Utc>>,
    /// The level the points give before the quota (C2), with its reasons.
    pub indicated_level: Option<String>,
    pub indicated_reasons: Vec<String>,
    pub decision: Option<CollectiveDecided>,
    /// Earlier decisions a re-rating replaced (Mẫu 03), oldest first.
    pub reratings: Vec<CollectiveReratingInfo>,
}

/// A decision on a collective that a re-rating replaced, kept (Mẫu 03).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectiveReratingInfo {
    pub previous_level: String,
    pub previous_reasons: Vec<String>,
    /// The level it was re-rated to.
    pub level: String,
    pub reason: String,
    pub rerated_by: String,
    pub rerated_at: DateTime<Utc>,
}

/// Mẫu 03 for a collective: the competent level appraises a decided collective again and
/// re-rates it through the engine, with the grounds.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiveRerate {
    #[validate(nested)]
    pub appraisal: CollectiveAppraisal,
    /// Only where the engine leaves it open (S5-gap): completed or not_completed.
    pub level: Option<String>,
    /// The grounds (the decision's number and date, the facts found): at least 5 characters,
    /// checked with every other field.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub reason: String,
}

/// The collective's own part: saved as a draft, or submitted (then it no longer changes).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveCollective {
    /// Tenths per item of frame F1; every item when submitting.
    #[serde(default)]
    pub self_points: ItemPoints,
    #[serde(default)]
    pub tasks: TasksInput,
    #[serde(default)]
    pub shortcomings: ShortcomingsInput,
    /// The review report's text (results, shortcomings, causes, remedies).
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    #[serde(default)]
    pub narrative: String,
    /// excellent, good, completed or not_completed; required to submit.
    pub proposed_level: Option<String>,
    #[serde(default)]
    pub submit: bool,
}

/// The committee above scores a collective's submitted form and records the C2 facts.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiveAppraisal {
    /// Tenths per item, every item of frame F1.
    pub appraised_points: ItemPoints,
    /// C2 facts found (wrongdoing in cadre work, disunity, a leader disciplined, …).
    #[serde(default)]
    pub facts: Vec<String>,
    #[serde(default)]
    pub mitigated: Vec<String>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

/// The engine's subject for a collective (C1): its form, or none (pending).
fn subject(
    a: Option<&OrgAssessment>,
    rules: &PointsRules,
    id: i64,
    group: String,
) -> Result<engine::Subject, AppError> {
    let points = a
        .map(|a| json_map(a.appraised_points.as_deref().unwrap_or(&a.self_points)))
        .transpose()?;
    let (general, task_points) = match (points, rules.frame(Frame::F1)) {
        (Some(p), Some(def)) => engine::sum_items(def, &p, false, "").unwrap_or((0, 0)),
        _ => (0, 0),
    };
    Ok(engine::Subject {
        id: id.to_string(),
        frame: Frame::F1,
        admitted_on: None,
        exempt: false,
        suspended: false,
        attached: false,
        self_assessed: a.is_some_and(|a| a.status.is_submitted()),
        general,
        task_points,
        tasks: TasksInput::of(a.map_or([0; 4], |a| a.tasks())).engine(),
        shortcomings: ShortcomingsInput::of(a.map_or([0; 2], |a| a.shortcomings())).engine(),
        facts: stored_codes(a.map(|a| a.facts.as_str()))?,
        mitigated: stored_codes(a.map(|a| a.mitigated.as_str()))?,
        quota_group: Some(group),
        quarters: vec![],
        vote: None,
    })
}

/// The level the points give before any quota (C2).
fn indicated(
    rules: &PointsRules,
    c: &Collective,
    a: &OrgAssessment,
) -> Result<(Option<String>, Vec<String>), AppError> {
    let s = subject(Some(a), rules, c.org.id, String::new())?;
    Ok(before_quota(rules, c.cycle.reference_date, s))
}

fn split(reasons: &str) -> Vec<String> {
    crate::point_assessments::split_reasons(reasons)
}

fn dto(
    conn: &mut AnyConnection,
    rules: &PointsRules,
    c: &Collective,
    a: Option<OrgAssessment>,
) -> Result<CollectiveAssessment, AppError> {
    let reratings = match &a {
        Some(a) => store::reratings(conn, a.id)?
            .into_iter()
            .map(|r| CollectiveReratingInfo {
                previous_level: r.previous_level,
                previous_reasons: split(&r.previous_reasons),
                level: r.level,
                reason: r.reason,
                rerated_by: r.rerated_by,
                rerated_at: r.rerated_at.and_utc(),
            })
            .collect(),
        None => vec![],
    };
    let def = rules
        .frame(Frame::F1)
        .ok_or_else(|| AppError::Internal("the rule set has no frame F1".into()))?;
    let self_points = a
        .as_ref()
        .map(|a| json_map(&a.self_points))
        .transpose()?
        .unwrap_or_default();
    let (self_general, self_tasks) =
        engine::sum_items(def, &self_points, false, "").unwrap_or((0, 0));
    let appraised_points = a
        .as_ref()
        .and_then(|a| a.appraised_points.as_deref())
        .map(json_map)
        .transpose()?;
    let appraised_total = appraised_points.as_ref().map(|p| {
        engine::sum_items(def, p, false, "")
            .map(|(g, t)| g + t)
            .unwrap_or(0)
    });
    let (indicated_level, indicated_reasons) = match &a {
        Some(x) => indicated(rules, c, x)?,
        None => (None, vec![]),
    };
    let decision = a.as_ref().and_then(|a| {
        Some(CollectiveDecided {
            level: a.decided_level.clone()?,
            reasons: split(a.decided_reasons.as_deref().unwrap_or("")),
            reason: a.decision_reason.clone(),
            decided_by: a.decided_by.clone().unwrap_or_default(),
            decided_at: a.decided_at?.and_utc(),
        })
    });
    Ok(CollectiveAssessment {
        cycle_id: c.cycle.id,
        organization_id: c.org.id,
        organization_name: c.org.name.clone(),
        kind: c.org.kind.clone(),
        frame: frame_info(rules, Frame::F1)?,
        status: a
            .as_ref()
            .map_or_else(|| "not_started".to_owned(), |a| a.status.to_string()),
        self_points,
        self_general,
        self_tasks,
        tasks: TasksInput::of(a.as_ref().map_or([0; 4], |a| a.tasks())),
        shortcomings: ShortcomingsInput::of(a.as_ref().map_or([0; 2], |a| a.shortcomings())),
        narrative: a.as_ref().map(|a| a.narrative.clone()).unwrap_or_default(),
        proposed_level: a.as_ref().and_then(|a| a.proposed_level.clone()),
        submitted_by: a.as_ref().and_then(|a| a.submitted_by.clone()),
        submitted_at: a.as_ref().and_then(|a| a.submitted_at).map(|d| d.and_utc()),
        appraised_points,
        appraised_total,
        facts: stored_codes(a.as_ref().map(|a| a.facts.as_str()))?,
        mitigated: stored_codes(a.as_ref().map(|a| a.mitigated.as_str()))?,
        appraisal_note: a.as_ref().and_then(|a| a.appraisal_note.clone()),
        appraised_by: a.as_ref().and_then(|a| a.appraised_by.clone()),
        appraised_at: a.as_ref().and_then(|a| a.appraised_at).map(|d| d.and_utc()),
        indicated_level,
        indicated_reasons,
        decision,
        reratings,
    })
}

/// A collective's form: its committees, the committees above, the inspection commission.
pub fn get(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
) -> Result<CollectiveAssessment, AppError> {
    let (c, rules) = collective(conn, p, cycle_id, org_id)?;
    let a = store::find(conn, cycle_id, org_id)?;
    dto(conn, &rules, &c, a)
}

/// The engine's check of a collective's points and tasks (C1, S4), its errors renamed to the
/// request's fields.
fn engine_check(
    rules: &PointsRules,
    mut s: engine::Subject,
    keep: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    s.quota_group = None;
    engine::check(rules, &[s])
        .into_iter()
        .filter_map(|e| {
            let field = e.field.strip_prefix("members[0].")?.to_owned();
            keep(&field).then(|| FieldError::new(field, e.code, e.message))
        })
        .collect()
}

/// The collective's own committee saves or submits its points (every item within its
/// maximum, tasks consistent; every item and a proposed level to submit).
pub fn save(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
    b: SaveCollective,
) -> Result<CollectiveAssessment, AppError> {
    let (c, rules) = collective(conn, p, cycle_id, org_id)?;
    if !c.own_committee(p) {
        return Err(AppError::forbidden("Cấp ủy của tổ chức tự chấm điểm (C1)"));
    }
    crate::cycles::writable(&c.cycle)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let current = store::find(conn, cycle_id, org_id)?;
    let submitted = || AppError::conflict("already_submitted", "Phiếu đã nộp, không sửa được nữa");
    if current.as_ref().is_some_and(|a| !a.status.self_may_edit()) {
        return Err(submitted());
    }
    let mut errors = Vec::new();
    level_choice(&mut errors, "proposed_level", b.proposed_level.as_deref());
    if b.submit && b.proposed_level.is_none() {
        errors.push(FieldError::new(
            "proposed_level",
            "required",
            "Tự nhận mức xếp loại trước khi nộp",
        ));
    }
    let def = rules
        .frame(Frame::F1)
        .ok_or_else(|| AppError::Internal("the rule set has no frame F1".into()))?;
    if let Err(e) = engine::sum_items(def, &b.self_points, b.submit, "self_points") {
        errors.extend(
            e.into_iter()
                .map(|e| FieldError::new(e.field, e.code, e.message)),
        );
    }
    let mut probe = subject(None, &rules, org_id, String::new())?;
    probe.tasks = b.tasks.engine();
    probe.shortcomings = b.shortcomings.engine();
    errors.extend(engine_check(&rules, probe, |f| {
        f.starts_with("tasks") || f.starts_with("shortcomings")
    }));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let small = |v: i64| i32::try_from(v).unwrap_or(i32::MAX);
    let points = to_json(&b.self_points)?;
    let actor = p.actor();
    let written = store::put_self(
        conn,
        cycle_id,
        org_id,
        current.as_ref(),
        &SelfPart {
            self_points: &points,
            tasks: [
                b.tasks.assigned,
                b.tasks.done,
                b.tasks.on_time,
                b.tasks.exceeded,
            ]
            .map(small),
            shortcomings: [b.shortcomings.prior, b.shortcomings.remedied].map(small),
            narrative: b.narrative.trim(),
            proposed_level: b.proposed_level.as_deref(),
            submit: b.submit,
            by: &actor,
        },
    )?;
    if written == 0 {
        return Err(match store::find(conn, cycle_id, org_id)? {
            Some(a) if !a.status.self_may_edit() => submitted(),
            _ => AppError::PreconditionFailed,
        });
    }
    let found = store::find(conn, cycle_id, org_id)?;
    let out = dto(conn, &rules, &c, found)?;
    p.audit(
        if b.submit { "submit" } else { "save" },
        "collective_assessment",
    )
    .id(format!("{cycle_id}/{org_id}"))
    .org(c.org.path.clone())
    .after(&serde_json::json!({
        "self_general": out.self_general, "self_tasks": out.self_tasks,
        "proposed_level": out.proposed_level, "status": out.status,
    }))
    .record(conn)?;
    Ok(out)
}

/// The committee directly above scores the collective's submitted form again and records the
/// C2 facts it found.
pub fn appraise(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
    b: CollectiveAppraisal,
) -> Result<CollectiveAssessment, AppError> {
    let (c, rules) = collective(conn, p, cycle_id, org_id)?;
    if !c.competent(p) {
        return Err(AppError::forbidden(
            "Cấp ủy cấp trên trực tiếp thẩm định (C2)",
        ));
    }
    crate::cycles::writable(&c.cycle)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let a = store::find(conn, cycle_id, org_id)?
        .filter(|a| a.status.may_appraise())
        .ok_or_else(|| {
            AppError::conflict(
                "not_submitted",
                "Tổ chức chưa nộp phiếu tự chấm điểm (hoặc đã quyết định)",
            )
        })?;
    let def = rules
        .frame(Frame::F1)
        .ok_or_else(|| AppError::Internal("the rule set has no frame F1".into()))?;
    let mut errors = Vec::new();
    if let Err(e) = engine::sum_items(def, &b.appraised_points, true, "appraised_points") {
        errors.extend(
            e.into_iter()
                .map(|e| FieldError::new(e.field, e.code, e.message)),
        );
    }
    let mut probe = subject(Some(&a), &rules, org_id, String::new())?;
    probe.facts = b.facts.clone();
    probe.mitigated = b.mitigated.clone();
    errors.extend(engine_check(&rules, probe, |f| {
        f.starts_with("facts") || f.starts_with("mitigated")
    }));
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (points, facts, mitigated) = (
        to_json(&b.appraised_points)?,
        to_json(&b.facts)?,
        to_json(&b.mitigated)?,
    );
    let note = b.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if store::appraise(
        conn,
        a.id,
        &AppraisalPart {
            appraised_points: &points,
            facts: &facts,
            mitigated: &mitigated,
            note,
            by: &p.actor(),
        },
    )? == 0
    {
        return Err(AppError::conflict(
            "not_submitted",
            "Phiếu vừa được người khác xử lý",
        ));
    }
    let found = store::find(conn, cycle_id, org_id)?;
    let out = dto(conn, &rules, &c, found)?;
    p.audit("appraise", "collective_assessment")
        .id(format!("{cycle_id}/{org_id}"))
        .org(c.org.path.clone())
        .after(&serde_json::json!({ "appraised_total": out.appraised_total, "facts": out.facts, "mitigated": out.mitigated }))
        .record(conn)?;
    Ok(out)
}

/// Levels counted beside a collective (its members', or its branches'): recorded where
/// decided, else as the engine gives them.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct CollectiveLevelCounts {
    pub total: u32,
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
    /// Pending, not classified or unresolved.
    pub other: u32,
    /// Of them, recorded by the competent level.
    pub decided: u32,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectiveRow {
    pub organization_id: i64,
    pub name: String,
    pub kind: String,
    /// not_started, draft, submitted, appraised or decided.
    pub assessment: String,
    /// Tenths: appraised, else own.
    pub total: u32,
    pub points_from: Option<String>,
    /// C3: the group its quota is counted in (the organisation itself: with its peers under
    /// the committee above, `<parent>/<kind>`).
    pub group: Option<String>,
    /// classified, pending or unresolved.
    pub status: String,
    pub level: Option<String>,
    pub reasons: Vec<String>,
    pub decided: bool,
    pub decision_reason: Option<String>,
    /// Guidance 3: its members' levels.
    pub members: CollectiveLevelCounts,
    /// Guidance 3: for the cycle's organisation, its branches' levels.
    pub branches: Option<CollectiveLevelCounts>,
}

impl CollectiveLevelCounts {
    fn add(&mut self, level: Option<&str>, decided: bool) {
        self.total += 1;
        self.decided += u32::from(decided);
        match level {
            Some("excellent") => self.excellent += 1,
            Some("good") => self.good += 1,
            Some("completed") => self.completed += 1,
            Some("not_completed") => self.not_completed += 1,
            _ => self.other += 1,
        }
    }
}

/// The collectives of a cycle with the levels the engine gives (C2), the branches' quota
/// (C3) and each one's members' levels, for the committees of the cycle's organisation and
/// above.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CollectivesBoard {
    pub cycle_id: i64,
    pub rows: Vec<CollectiveRow>,
    pub quotas: Vec<QuotaGroupInfo>,
}

pub fn board(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    outstanding: bool,
) -> Result<CollectivesBoard, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    if !p.access.can_administer(&cycle_path) {
        return Err(AppError::forbidden(
            "Cấp ủy có thẩm quyền xem và quyết định xếp loại tổ chức",
        ));
    }
    let rules = points_rules(&cycle)?;
    let orgs = collectives_of(conn, &cycle, &cycle_path)?;
    let forms: HashMap<i64, OrgAssessment> = store::of_cycle(conn, cycle_id)?
        .into_iter()
        .map(|a| (a.organization_id, a))
        .collect();
    let top_code = orgs.last().map(|o| o.code.clone()).unwrap_or_default();
    let branch_group = format!("{top_code}/chi-bo");
    let (branches, top) = orgs.split_at(orgs.len().saturating_sub(1));
    let out = branches_outcome(&rules, &cycle, branches, &forms, &branch_group, outstanding)?;
    // C3 for the organisation itself: among its peers under the committee above (module note).
    let (top_out, top_quota) = match top.first() {
        Some(o) => {
            let (r, q) = among_peers(conn, &rules, &cycle, o, forms.get(&o.id), outstanding)?;
            (vec![r], q)
        }
        None => (vec![], None),
    };
    // Guidance 3: the members beside their collectives.
    let member_rows = board_of(conn, &cycle, &cycle_path, outstanding)?.rows;
    let levels_of = |o: &organizations::Organization| {
        let mut l = CollectiveLevelCounts::default();
        for r in member_rows
            .iter()
            .filter(|r| o.kind != "branch" || r.branch_id == o.id)
        {
            l.add(r.level.as_deref(), r.decided);
        }
        l
    };
    let rows = orgs
        .iter()
        .zip(out.results.into_iter().chain(top_out))
        .map(|(o, r)| {
            let form = forms.get(&o.id);
            let decided = form.and_then(|a| a.decided_level.clone());
            CollectiveRow {
                organization_id: o.id,
                name: o.name.clone(),
                kind: o.kind.clone(),
                assessment: form.map_or_else(|| "not_started".into(), |a| a.status.to_string()),
                total: r.total,
                points_from: form.map(|a| {
                    if a.appraised_points.is_some() {
                        "appraised"
                    } else {
                        "self"
                    }
                    .to_owned()
                }),
                group: Some(r.group.clone()),
                status: if decided.is_some() {
                    "classified".into()
                } else {
                    r.status.to_string()
                },
                reasons: match (&decided, form) {
                    (Some(_), Some(a)) => split(a.decided_reasons.as_deref().unwrap_or("")),
                    _ => r.reasons,
                },
                level: decided
                    .clone()
                    .or_else(|| r.level.map(|l| l.as_str().to_owned())),
                decided: decided.is_some(),
                decision_reason: form.and_then(|a| a.decision_reason.clone()),
                members: levels_of(o),
                branches: None,
            }
        })
        .collect::<Vec<_>>();
    // Guidance 3: the organisation's branches beside it.
    let mut branch_levels = CollectiveLevelCounts::default();
    for r in rows
        .iter()
        .filter(|r| r.organization_id != cycle.organization_id)
    {
        branch_levels.add(r.level.as_deref(), r.decided);
    }
    let mut rows = rows;
    if let Some(top) = rows
        .iter_mut()
        .find(|r| r.organization_id == cycle.organization_id)
    {
        top.branches = Some(branch_levels);
    }
    Ok(CollectivesBoard {
        cycle_id,
        rows,
        quotas: out
            .quotas
            .into_iter()
            .chain(top_quota)
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

/// C3 among the cycle's branches: the engine over their forms (`forms` by organisation).
fn branches_outcome(
    rules: &PointsRules,
    cycle: &cycles::Cycle,
    branches: &[organizations::Organization],
    forms: &HashMap<i64, OrgAssessment>,
    group: &str,
    outstanding: bool,
) -> Result<engine::Outcome, AppError> {
    let subjects: Vec<engine::Subject> = branches
        .iter()
        .map(|o| subject(forms.get(&o.id), rules, o.id, group.to_owned()))
        .collect::<Result<_, _>>()?;
    engine::classify(rules, cycle.reference_date, outstanding, &subjects).map_err(|e| {
        AppError::Internal(format!("stored collective forms the engine refuses: {e:?}"))
    })
}

/// C3 for the cycle's organisation itself: ranked with its peers (the organisations of its kind
/// directly under its parent, each read from its own points cycle of the same year) under this
/// cycle's rules; an `excellent` beyond the limit beside the peers already decided falls to
/// `good` (S7, as a re-rating's). No parent: no peers, the quota over itself alone.
fn among_peers(
    conn: &mut AnyConnection,
    rules: &PointsRules,
    cycle: &cycles::Cycle,
    top: &organizations::Organization,
    form: Option<&OrgAssessment>,
    outstanding: bool,
) -> Result<(engine::SubjectResult, Option<engine::GroupQuota>), AppError> {
    let parent = match top.parent_id {
        Some(id) => organizations::get(conn, id)?,
        None => None,
    };
    let group = parent.as_ref().map_or_else(
        || format!("{}/self", top.code),
        |p| format!("{}/{}", p.code, top.kind),
    );
    let mut subjects = vec![subject(form, rules, top.id, group.clone())?];
    let mut decided_excellent = 0usize;
    if let Some(parent) = &parent {
        let peers: HashMap<i64, organizations::Organization> = organizations::list(
            conn,
            &organizations::OrgFilter {
                parent_id: Some(parent.id),
                kind: Some(top.kind.clone()),
                ..Default::default()
            },
        )?
        .into_iter()
        .filter(|o| o.id != top.id)
        .map(|o| (o.id, o))
        .collect();
        for (peer_cycle, _, _) in cycles::list(conn, Some(cycle.year), None)? {
            // Peers under the same rules only: another rule set's items and facts are not
            // this engine's to read (and would not compare).
            if !peers.contains_key(&peer_cycle.organization_id)
                || peer_cycle.rule_set != cycle.rule_set
                || crate::voting::rules_of(&peer_cycle)?.method
                    != kiemdiem_domain::rule_set::Method::Points
            {
                continue;
            }
            let peer_form = store::find(conn, peer_cycle.id, peer_cycle.organization_id)?;
            if peer_form
                .as_ref()
                .is_some_and(|f| f.decided_level.as_deref() == Some("excellent"))
            {
                decided_excellent += 1;
            }
            subjects.push(subject(
                peer_form.as_ref(),
                rules,
                peer_cycle.organization_id,
                group.clone(),
            )?);
        }
    }
    let out =
        engine::classify(rules, cycle.reference_date, outstanding, &subjects).map_err(|e| {
            AppError::Internal(format!("stored collective forms the engine refuses: {e:?}"))
        })?;
    let quota = out.quotas.into_iter().find(|q| q.group == group);
    let mut r = out
        .results
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("no result for the organisation".into()))?;
    let limit = quota.as_ref().map_or(0, |q| q.limit) as usize;
    if r.level == Some(kiemdiem_domain::classification::Level::Excellent)
        && decided_excellent + 1 > limit
    {
        r.level = Some(kiemdiem_domain::classification::Level::Good);
        r.reasons.push("S7".into());
    }
    Ok((r, quota))
}

/// A level the competent level chooses for a collective the engine left unresolved.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiveChoice {
    pub organization_id: i64,
    /// C3 tie: excellent or good; a gap (S5-gap): completed or not_completed.
    pub level: String,
    #[validate(length(min = 5, max = 2000))]
    #[schema(min_length = 5, max_length = 2000)]
    pub reason: String,
}

/// The competent level decides collectives' levels: `branches` (the cycle's organisation's
/// committee, C3 counted among them) or `organization` (the committee above, for the
/// organisation itself).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectivesDecision {
    /// branches or organization.
    pub scope: String,
    #[serde(default)]
    pub outstanding: bool,
    #[serde(default)]
    #[validate(nested)]
    pub choices: Vec<CollectiveChoice>,
}

/// Records the levels of the collectives in `scope`, once each; every one must have submitted
/// its form (409 naming those that have not), every unresolved one needs a choice with a reason
/// (422), a tie chosen excellent stays within its group's limit (409 quota_exceeded).
pub fn decide(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    d: CollectivesDecision,
) -> Result<CollectivesBoard, AppError> {
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, cycle_id)?;
    let top = match d.scope.as_str() {
        "branches" => false,
        "organization" => true,
        _ => {
            return Err(AppError::field(
                "scope",
                "invalid_choice",
                "branches hoặc organization",
            ));
        }
    };
    let allowed = if top {
        directly_above(p, &cycle_path)
    } else {
        p.access.runs(&cycle_path)
    };
    if !allowed {
        return Err(AppError::forbidden(if top {
            "Cấp ủy cấp trên trực tiếp quyết định xếp loại tổ chức này (C2)"
        } else {
            "Cấp ủy của tổ chức quyết định xếp loại các chi bộ trực thuộc (C2, C3)"
        }));
    }
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let before = board(conn, p, cycle_id, d.outstanding)?;
    crate::cycles::writable(&cycle)?;
    let rows: Vec<&CollectiveRow> = before
        .rows
        .iter()
        .filter(|r| (r.organization_id == cycle.organization_id) == top)
        .collect();
    // C4: the parts before the whole — the members before their branches, the branches
    // before the organisation.
    let parts_decided = if top {
        before
            .rows
            .iter()
            .filter(|r| r.organization_id != cycle.organization_id)
            .all(|r| r.decided)
    } else {
        !crate::point_assessments::decided_results(conn, cycle_id)?.is_empty()
    };
    if !parts_decided {
        return Err(AppError::conflict(
            "order_c4",
            if top {
                "Quyết định xếp loại các chi bộ trực thuộc trước (C4)"
            } else {
                "Quyết định xếp loại đảng viên trước các chi bộ (C4)"
            },
        ));
    }
    if rows.iter().any(|r| r.decided) {
        return Err(AppError::conflict(
            "already_decided",
            "Đã quyết định xếp loại các tổ chức này",
        ));
    }
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| r.status == "pending")
        .map(|r| r.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(AppError::conflict(
            "collectives_pending",
            format!("Chưa nộp phiếu tự chấm điểm: {}", missing.join(", ")),
        ));
    }
    let open: Vec<Open> = rows
        .iter()
        .map(|r| Open {
            id: r.organization_id,
            name: &r.name,
            status: &r.status,
            reasons: &r.reasons,
            group: r.group.as_deref(),
        })
        .collect();
    let sent: Vec<Chosen> = d
        .choices
        .iter()
        .map(|c| Chosen {
            id: c.organization_id,
            level: &c.level,
            reason: &c.reason,
        })
        .collect();
    let chosen = check_choices(&open, &before.quotas, &sent, "organization_id", "C3")?;
    let actor = p.actor();
    for r in &rows {
        let (level, reason) = match chosen.get(&r.organization_id) {
            Some((l, why)) => (l.as_str().to_owned(), Some(*why)),
            None => (
                r.level
                    .clone()
                    .ok_or_else(|| AppError::Internal(format!("no level for {}", r.name)))?,
                None,
            ),
        };
        let mut reasons = r.reasons.clone();
        if reason.is_some() {
            reasons.push("S10".into());
        }
        let form =
            store::find(conn, cycle_id, r.organization_id)?.ok_or_else(AppError::not_found)?;
        if store::decide(
            conn,
            form.id,
            &level,
            &reasons.join(","),
            reason,
            d.outstanding,
            &actor,
        )? != 1
        {
            return Err(AppError::conflict(
                "already_decided",
                "Đã quyết định xếp loại các tổ chức này",
            ));
        }
    }
    let after = board(conn, p, cycle_id, d.outstanding)?;
    let levels: Vec<_> = after
        .rows
        .iter()
        .filter(|r| (r.organization_id == cycle.organization_id) == top)
        .map(|r| serde_json::json!({ "organization_id": r.organization_id, "level": r.level }))
        .collect();
    p.audit("decide", "collective_classification")
        .id(cycle_id)
        .org(cycle_path)
        .after(&serde_json::json!({ "scope": d.scope, "levels": levels }))
        .record(conn)?;
    Ok(after)
}

/// Re-rates a decided collective (Mẫu 03): the committee that decided it (the cycle's
/// organisation's for a branch, the one directly above for the organisation itself) appraises
/// it again; the level comes from the engine (S5, C2) — chosen only in a gap (S5-gap) — and an
/// `excellent` stays within C3's limit beside the collectives already decided in its group
/// (else `good`, S7), as a member's re-rating; the quota as the decision counted it. The
/// earlier decision is kept with the appraisal it rested on.
pub fn rerate(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_id: i64,
    b: CollectiveRerate,
) -> Result<CollectiveAssessment, AppError> {
    let (c, rules) = collective(conn, p, cycle_id, org_id)?;
    if !c.competent(p) {
        return Err(AppError::forbidden(
            "Cấp ủy đã quyết định xếp loại tổ chức này xếp loại lại (Mẫu 03)",
        ));
    }
    crate::cycles::writable(&c.cycle)?;
    kiemdiem_store::voting::lock_cycle(conn, cycle_id)?;
    let a = store::find(conn, cycle_id, org_id)?
        .filter(|a| a.decided_level.is_some())
        .ok_or_else(|| {
            AppError::conflict(
                "not_decided",
                "Tổ chức chưa được quyết định xếp loại: chưa có gì để xếp loại lại",
            )
        })?;
    let def = rules
        .frame(Frame::F1)
        .ok_or_else(|| AppError::Internal("the rule set has no frame F1".into()))?;
    let mut errors = Vec::new();
    if let Err(e) = engine::sum_items(
        def,
        &b.appraisal.appraised_points,
        true,
        "appraisal.appraised_points",
    ) {
        errors.extend(
            e.into_iter()
                .map(|e| FieldError::new(e.field, e.code, e.message)),
        );
    }
    let mut probe = subject(Some(&a), &rules, org_id, String::new())?;
    probe.facts = b.appraisal.facts.clone();
    probe.mitigated = b.appraisal.mitigated.clone();
    errors.extend(
        engine_check(&rules, probe, |f| {
            f.starts_with("facts") || f.starts_with("mitigated")
        })
        .into_iter()
        .map(|mut e| {
            e.field = format!("appraisal.{}", e.field);
            e
        }),
    );
    level_choice(&mut errors, "level", b.level.as_deref());
    let reason = b.reason.trim();
    if reason.chars().count() < 5 {
        errors.push(FieldError::new(
            "reason",
            "too_short",
            "Ghi rõ căn cứ xếp loại lại (ít nhất 5 ký tự)",
        ));
    }
    let mut updated = a.clone();
    updated.appraised_points = Some(to_json(&b.appraisal.appraised_points)?);
    updated.facts = to_json(&b.appraisal.facts)?;
    updated.mitigated = to_json(&b.appraisal.mitigated)?;
    let (level, mut reasons) = if errors.is_empty() {
        indicated(&rules, &c, &updated)?
    } else {
        (None, vec![])
    };
    let chosen = crate::point_assessments::rerating_choice(
        &mut errors,
        level.as_deref(),
        &reasons,
        b.level.as_deref(),
        "C2",
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut level = level
        .as_deref()
        .and_then(Level::parse)
        .or(chosen)
        .ok_or_else(|| AppError::Internal("a re-rating without a level".into()))?;
    if level == Level::Excellent && !within_quota(conn, &rules, &c, &updated)? {
        level = Level::Good;
        reasons.push("S7".into());
    }
    reasons.push("S10".into());
    let actor = p.actor();
    let n = store::rerate(
        conn,
        &a,
        &store::RerateDecision {
            appraised_points: updated.appraised_points.as_deref().unwrap_or("{}"),
            facts: &updated.facts,
            mitigated: &updated.mitigated,
            level: level.as_str(),
            reasons: &reasons.join(","),
            reason,
            by: &actor,
        },
    )?;
    if n != 1 {
        return Err(AppError::conflict(
            "not_decided",
            "Phiếu vừa được người khác xử lý",
        ));
    }
    p.audit("rerate", "collective_classification")
        .id(format!("{cycle_id}/{org_id}"))
        .org(c.org.path.clone())
        .before(&serde_json::json!({ "level": a.decided_level, "reasons": a.decided_reasons }))
        .after(
            &serde_json::json!({ "level": level.as_str(), "reasons": reasons, "reason": reason }),
        )
        .record(conn)?;
    let found = store::find(conn, cycle_id, org_id)?;
    dto(conn, &rules, &c, found)
}

/// C3 for a re-rated `excellent` (`updated`: the form with its new appraisal): within the
/// limit of its group counted with the new appraisal, beside the collectives already decided
/// `excellent` in it; the quota as the year was decided (S7's outstanding rate, recorded).
fn within_quota(
    conn: &mut AnyConnection,
    rules: &PointsRules,
    c: &Collective,
    updated: &OrgAssessment,
) -> Result<bool, AppError> {
    let outstanding = updated.decided_outstanding;
    if c.is_top {
        let (r, _) = among_peers(conn, rules, &c.cycle, &c.org, Some(updated), outstanding)?;
        return Ok(r.level == Some(Level::Excellent));
    }
    let orgs = collectives_of(conn, &c.cycle, &c.cycle_path)?;
    let branches: Vec<organizations::Organization> = orgs
        .into_iter()
        .filter(|o| o.id != c.cycle.organization_id)
        .collect();
    let mut forms: HashMap<i64, OrgAssessment> = store::of_cycle(conn, c.cycle.id)?
        .into_iter()
        .map(|a| (a.organization_id, a))
        .collect();
    let others = forms
        .values()
        .filter(|f| f.organization_id != c.org.id)
        .filter(|f| branches.iter().any(|b| b.id == f.organization_id))
        .filter(|f| f.decided_level.as_deref() == Some(Level::Excellent.as_str()))
        .count();
    forms.insert(c.org.id, updated.clone());
    let group = "branches";
    let out = branches_outcome(rules, &c.cycle, &branches, &forms, group, outstanding)?;
    let limit = out
        .quotas
        .iter()
        .find(|q| q.group == group)
        .map_or(0, |q| q.limit);
    Ok(others < limit as usize)
}
