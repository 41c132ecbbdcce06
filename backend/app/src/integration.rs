//! The provincial system's view (integration clients and administrators): a versioned JSON
//! dossier of an organisation's year, whose schema is in the OpenAPI document.

use crate::statistics::{Statistics, compute};
use crate::voting::sessions::{ResultRecord, result_dto};
use crate::{Actor, AppError};
use chrono::{DateTime, Utc};
use kiemdiem_domain::access::Role;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::{cycles, members, org_assessments, organizations, voting};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The dossier's format; changes that break readers raise it.
pub const DOSSIER_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DossierOrganization {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    /// O1 level and exemplary, O3 unit rating, if classified that year.
    pub level: Option<String>,
    pub exemplary: bool,
    pub unit_rating: Option<String>,
    /// Under a points rule set (C2): the level the competent level decided, if any.
    pub points_level: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DossierMember {
    pub member_id: i64,
    pub card_number: Option<String>,
    pub full_name: String,
    pub branch_id: i64,
    /// Every result of the year, cancelled ones included (M12).
    pub results: Vec<ResultRecord>,
    /// Under a points rule set (`tw-366-2025`): the year's scoring; none under the ballot.
    pub points: Option<DossierPoints>,
}

/// A member's year under a points rule set (RULES-2025.md S1, S2, S7).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DossierPoints {
    pub cycle_id: i64,
    /// The rule set's name (e.g. tw-366-2025).
    pub rule_set: String,
    /// F2…F5 (S1).
    pub frame: String,
    /// Tenths of a point (1000 = 100 points): the points the result rests on.
    pub total: u32,
    /// self or appraised; none before a form was saved.
    pub points_from: Option<String>,
    /// S7: the quota group counted.
    pub quota_group: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Dossier {
    /// The format's version (1).
    pub version: u32,
    pub generated_at: DateTime<Utc>,
    pub year: i32,
    pub organization: DossierOrganization,
    /// The organisations under it (the organisation itself first).
    pub organizations: Vec<DossierOrganization>,
    pub members: Vec<DossierMember>,
    pub statistics: Statistics,
}

/// The versioned JSON dossier of an organisation's year for the provincial system.
pub fn dossier(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
) -> Result<Dossier, AppError> {
    let org = organizations::get(conn, org_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    if !(p.access.is_admin() || p.access.has_role(Role::Integration)) {
        return Err(AppError::forbidden(
            "Dành cho hệ thống của Tỉnh ủy và quản trị hệ thống",
        ));
    }
    let orgs = organizations::subtree(conn, &org.path)?;
    let ids: Vec<i64> = orgs.iter().map(|o| o.id).collect();
    let assessments = org_assessments::of_year(conn, year, &ids)?;
    let year_cycles: Vec<cycles::Cycle> = cycles::list(conn, Some(year), None)?
        .into_iter()
        .filter(|(_, path, _)| path.starts_with(&org.path) || org.path.starts_with(path.as_str()))
        .map(|(c, _, _)| c)
        .collect();
    let cycle_ids: Vec<i64> = year_cycles.iter().map(|c| c.id).collect();
    let points_levels: std::collections::HashMap<i64, String> =
        kiemdiem_store::org_point_assessments::decided_levels(conn, &cycle_ids)?
            .into_iter()
            .collect();
    let describe = |o: &organizations::Organization| {
        let a = assessments.iter().find(|a| a.organization_id == o.id);
        DossierOrganization {
            id: o.id,
            code: o.code.clone(),
            name: o.name.clone(),
            kind: o.kind.clone(),
            parent_id: o.parent_id,
            level: a.map(|a| a.level.clone()),
            exemplary: a.is_some_and(|a| a.exemplary),
            unit_rating: a.and_then(|a| a.unit_rating.clone()),
            points_level: points_levels.get(&o.id).cloned(),
        }
    };
    let mut organizations_out: Vec<DossierOrganization> = vec![describe(&org)];
    organizations_out.extend(orgs.iter().filter(|o| o.id != org.id).map(describe));
    let rule_set_of: std::collections::HashMap<i64, String> = year_cycles
        .iter()
        .map(|c| (c.id, c.rule_set.clone()))
        .collect();
    let mut points: std::collections::HashMap<i64, DossierPoints> =
        crate::point_assessments::year_rows(conn, &year_cycles)?
            .into_iter()
            .map(|(cycle_id, r)| {
                (
                    r.member_id,
                    DossierPoints {
                        cycle_id,
                        rule_set: rule_set_of.get(&cycle_id).cloned().unwrap_or_default(),
                        frame: r.frame,
                        total: r.total,
                        points_from: r.points_from,
                        quota_group: r.group,
                    },
                )
            })
            .collect();
    let mut all_results = Vec::new();
    for c in cycle_ids {
        all_results.extend(voting::results_of_cycle(conn, c)?);
    }
    let mut members_out = Vec::new();
    for (m, branch, _) in members::roster(conn, &org.path)? {
        let (member, _) = members::get(conn, m)?.ok_or_else(AppError::not_found)?;
        let results = all_results
            .iter()
            .filter(|r| r.member_id == m)
            .cloned()
            .map(|r| result_dto(r, member.full_name.clone()))
            .collect();
        members_out.push(DossierMember {
            member_id: m,
            card_number: member.card_number.clone(),
            full_name: member.full_name,
            branch_id: branch,
            results,
            points: points.remove(&m),
        });
    }
    Ok(Dossier {
        version: DOSSIER_VERSION,
        generated_at: Utc::now(),
        year,
        organization: describe(&org),
        organizations: organizations_out,
        members: members_out,
        statistics: compute(conn, &org, year)?,
    })
}
