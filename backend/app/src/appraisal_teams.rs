//! Guidance C.5 (issue #16): "the Organisation Board advises on forming teams to inspect and
//! appraise the review and classification at some base organisations (if need be); the teams
//! report …".
//!
//! The committee of an organisation forms teams for a year, each sent to an organisation
//! strictly below it, with its leader and members by name and the day of the visit, and
//! records the team's findings and its conclusion (the classification confirmed, or
//! adjustments needed). The committees over the forming organisation and its inspection read
//! them; the organisation visited reads the teams sent to it. Every change names the version it
//! was made on (412 otherwise).

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kiemdiem_domain::access::within;
use kiemdiem_store::{AnyConnection, appraisal_teams as store, organizations};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppraisalTeam {
    pub id: i64,
    /// The organisation whose committee formed the team.
    pub organization_id: i64,
    pub year: i32,
    /// The organisation the team is sent to.
    pub target_id: i64,
    pub target_name: String,
    pub leader: String,
    pub members: Vec<String>,
    pub visit_on: Option<NaiveDate>,
    pub findings: Option<String>,
    /// confirmed (the classification stands) or adjust (adjustments needed); none before the
    /// team reports.
    pub conclusion: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AppraisalTeamInput {
    /// 0 for a new team; else the version it was changed from (412 when changed since).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(range(min = 1930, max = 2100))]
    #[schema(minimum = 1930, maximum = 2100)]
    pub year: i32,
    /// An organisation strictly below the one forming the team.
    pub target_id: i64,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub leader: String,
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    pub members: Vec<String>,
    pub visit_on: Option<NaiveDate>,
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub findings: Option<String>,
    /// confirmed or adjust; only with findings.
    pub conclusion: Option<Conclusion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    Confirmed,
    Adjust,
}

impl Conclusion {
    fn as_str(self) -> &'static str {
        match self {
            Conclusion::Confirmed => "confirmed",
            Conclusion::Adjust => "adjust",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamsQuery {
    /// The year the teams were formed for.
    #[param(minimum = 1930, maximum = 2100)]
    pub year: i32,
}

fn out(conn: &mut AnyConnection, t: store::Team) -> Result<AppraisalTeam, AppError> {
    let target_name = organizations::get(conn, t.target_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(named(t, target_name))
}

/// The team as answered, its target's name given.
fn named(t: store::Team, target_name: String) -> AppraisalTeam {
    AppraisalTeam {
        members: serde_json::from_str(&t.members).unwrap_or_default(),
        target_name,
        id: t.id,
        organization_id: t.organization_id,
        year: t.year,
        target_id: t.target_id,
        leader: t.leader,
        visit_on: t.visit_on,
        findings: t.findings,
        conclusion: t.conclusion,
        version: t.version,
        updated_by: t.updated_by,
        updated_at: t.updated_at.and_utc(),
    }
}

/// The organisation, when the actor reads it (404 otherwise).
fn visible(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
) -> Result<organizations::Organization, AppError> {
    organizations::get(conn, org_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)
}

/// The organisation whose committee forms teams: its own committee (or an admin).
fn forming(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
) -> Result<organizations::Organization, AppError> {
    let org = visible(conn, p, org_id)?;
    if !p.access.runs(&org.path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức mới thành lập đoàn kiểm tra, thẩm định",
        ));
    }
    Ok(org)
}

/// The teams the organisation formed in the year and those sent to it: read by its
/// committees (and those above) and its inspection commission.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
) -> Result<Vec<AppraisalTeam>, AppError> {
    let org = visible(conn, p, org_id)?;
    if !(p.access.can_administer(&org.path) || p.access.can_inspect(&org.path)) {
        return Err(AppError::forbidden(
            "Cấp ủy và ủy ban kiểm tra xem các đoàn kiểm tra, thẩm định",
        ));
    }
    // The targets' names in one query, not one per team.
    let teams = store::of_org(conn, org_id, year)?;
    let ids: Vec<i64> = teams.iter().map(|t| t.target_id).collect();
    let names: std::collections::HashMap<i64, String> = organizations::by_ids(conn, &ids)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(teams
        .into_iter()
        .map(|t| {
            let name = names.get(&t.target_id).cloned().unwrap_or_default();
            named(t, name)
        })
        .collect())
}

/// Every check the schema cannot express, reported together.
fn check(
    conn: &mut AnyConnection,
    org: &organizations::Organization,
    input: &AppraisalTeamInput,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if input.leader.trim().is_empty() {
        errors.push(FieldError::new("leader", "required", "Không được để trống"));
    }
    for (i, m) in input.members.iter().enumerate() {
        if m.trim().is_empty() || m.chars().count() > 200 {
            errors.push(FieldError::new(
                format!("members[{i}]"),
                "required",
                "Tên thành viên không được để trống (tối đa 200 ký tự)",
            ));
        }
    }
    let below = organizations::get(conn, input.target_id)?
        .is_some_and(|t| t.id != org.id && within(&t.path, &org.path));
    if !below {
        errors.push(FieldError::new(
            "target_id",
            "not_below",
            "Đoàn chỉ được cử đến tổ chức đảng cấp dưới",
        ));
    }
    if let Some(d) = input.visit_on
        && !(input.year..=input.year + 1).contains(&d.year())
    {
        errors.push(FieldError::new(
            "visit_on",
            "wrong_year",
            format!(
                "Ngày làm việc phải trong năm {} hoặc năm {}",
                input.year,
                input.year + 1
            ),
        ));
    }
    let findings = input
        .findings
        .as_deref()
        .is_some_and(|f| !f.trim().is_empty());
    if input.conclusion.is_some() && !findings {
        errors.push(FieldError::new(
            "conclusion",
            "needs_findings",
            "Kết luận cần có kết quả kiểm tra, thẩm định",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn members_json(input: &AppraisalTeamInput) -> String {
    let names: Vec<&str> = input.members.iter().map(|m| m.trim()).collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
}

fn fields<'a>(input: &'a AppraisalTeamInput, members: &'a str) -> store::Fields<'a> {
    store::Fields {
        year: input.year,
        target_id: input.target_id,
        leader: input.leader.trim(),
        members,
        visit_on: input.visit_on,
        findings: input
            .findings
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty()),
        conclusion: input.conclusion.map(Conclusion::as_str),
    }
}

/// A new team (`version` 0).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    input: AppraisalTeamInput,
) -> Result<AppraisalTeam, AppError> {
    let org = forming(conn, p, org_id)?;
    check(conn, &org, &input)?;
    if input.version != 0 {
        return Err(AppError::PreconditionFailed);
    }
    let members = members_json(&input);
    let id = store::create(conn, org_id, &fields(&input, &members), &p.actor())?;
    let row = store::get(conn, org_id, id)?.ok_or_else(AppError::not_found)?;
    let after = out(conn, row)?;
    p.audit("create", "appraisal_team")
        .id(id)
        .org(org.path)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// A change — the findings and conclusion, or anything else — made on `version`.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    team_id: i64,
    input: AppraisalTeamInput,
) -> Result<AppraisalTeam, AppError> {
    let org = forming(conn, p, org_id)?;
    let before = store::get(conn, org_id, team_id)?.ok_or_else(AppError::not_found)?;
    check(conn, &org, &input)?;
    let members = members_json(&input);
    if input.version != before.version
        || !store::update(
            conn,
            team_id,
            input.version,
            &fields(&input, &members),
            &p.actor(),
        )?
    {
        return Err(AppError::PreconditionFailed);
    }
    let before = out(conn, before)?;
    let row = store::get(conn, org_id, team_id)?.ok_or_else(AppError::not_found)?;
    let after = out(conn, row)?;
    p.audit("update", "appraisal_team")
        .id(team_id)
        .org(org.path)
        .before(&before)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

pub fn remove(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    team_id: i64,
) -> Result<(), AppError> {
    let org = forming(conn, p, org_id)?;
    let before = store::get(conn, org_id, team_id)?.ok_or_else(AppError::not_found)?;
    let before = out(conn, before)?;
    store::delete(conn, team_id)?;
    p.audit("remove", "appraisal_team")
        .id(team_id)
        .org(org.path)
        .before(&before)
        .record(conn)?;
    Ok(())
}
