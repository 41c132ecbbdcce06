//! Plan II.2.2.1 (issue #16): "the mass organisations meet in the following 5 clusters: the
//! masses of the Faculty of Political Theory and the Faculty of Agriculture and Forestry —
//! comrade Ngân, secretary of the branch of the Faculty of Agriculture and Forestry, leads …
//! Content: opinions on the leadership of the branch and its members."
//!
//! The committee that runs the base's cycle sets the clusters: each a name, the branch
//! secretary who leads it (by name), its branches (organisations below the base, none in two
//! clusters) and its mass organisations. What a mass organisation says about a branch as a
//! collective is recorded with the cluster (its opinions on members stay feedback requests) by
//! the committee running the cycle or the committee of a branch of the cluster. Those who run
//! the cycle and those above read every cluster; a branch committee reads the clusters of its
//! branches. Changes to a cluster name their version (412 otherwise).

use crate::actor::Actor;
use crate::cycles::{managed, readable, writable};
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use kiemdiem_domain::access::within;
use kiemdiem_store::feedback_clusters::{self as store, NewOpinion};
use kiemdiem_store::{AnyConnection, organizations};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClusterBranch {
    pub id: i64,
    pub name: String,
}

/// A mass organisation's opinion on a branch's leadership, from the cluster's meeting.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CollectiveOpinion {
    pub id: i64,
    pub branch_id: i64,
    pub branch_name: String,
    /// The mass organisation that gave it.
    pub source: String,
    pub content: String,
    pub given_on: NaiveDate,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedbackCluster {
    pub id: i64,
    pub cycle_id: i64,
    pub name: String,
    /// The branch secretary who leads the cluster's meeting.
    pub leader: String,
    pub branches: Vec<ClusterBranch>,
    pub mass_organizations: Vec<String>,
    pub meeting_on: Option<NaiveDate>,
    pub opinions: Vec<CollectiveOpinion>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FeedbackClusterInput {
    /// 0 for a new cluster; else the version it was changed from (412 when changed since).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub leader: String,
    /// Organisations below the cycle's, none in another cluster of the cycle.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub branch_ids: Vec<i64>,
    /// The mass organisations that meet (Công đoàn, Đoàn Thanh niên, Hội Phụ nữ…).
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub mass_organizations: Vec<String>,
    pub meeting_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CollectiveOpinionInput {
    /// A branch of the cluster.
    pub branch_id: i64,
    /// One of the cluster's mass organisations.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub source: String,
    #[validate(length(min = 1, max = 10000))]
    #[schema(min_length = 1, max_length = 10000)]
    pub content: String,
    /// The day of the meeting; not in the future.
    pub given_on: NaiveDate,
}

struct Names(HashMap<i64, String>);

impl Names {
    fn of(&self, id: i64) -> String {
        self.0.get(&id).cloned().unwrap_or_default()
    }
}

/// The names of the branches these clusters and opinions name: one query by id, not the
/// cycle's whole subtree.
fn names(
    conn: &mut AnyConnection,
    clusters: &[store::Cluster],
    opinions: &[store::Opinion],
) -> Result<Names, AppError> {
    let mut ids: Vec<i64> = clusters
        .iter()
        .flat_map(store::Cluster::branches)
        .chain(opinions.iter().map(|o| o.branch_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(Names(
        organizations::by_ids(conn, &ids)?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
    ))
}

fn out(c: store::Cluster, opinions: &[store::Opinion], names: &Names) -> FeedbackCluster {
    FeedbackCluster {
        branches: c
            .branches()
            .into_iter()
            .map(|id| ClusterBranch {
                id,
                name: names.of(id),
            })
            .collect(),
        mass_organizations: c.sources(),
        opinions: opinions
            .iter()
            .filter(|o| o.cluster_id == c.id)
            .map(|o| CollectiveOpinion {
                id: o.id,
                branch_id: o.branch_id,
                branch_name: names.of(o.branch_id),
                source: o.source.clone(),
                content: o.content.clone(),
                given_on: o.given_on,
                recorded_by: o.recorded_by.clone(),
                recorded_at: o.recorded_at.and_utc(),
            })
            .collect(),
        id: c.id,
        cycle_id: c.cycle_id,
        name: c.name,
        leader: c.leader,
        meeting_on: c.meeting_on,
        version: c.version,
        updated_by: c.updated_by,
        updated_at: c.updated_at.and_utc(),
    }
}

/// The paths of the cluster's branches (those still there).
fn branch_paths(conn: &mut AnyConnection, c: &store::Cluster) -> Result<Vec<String>, AppError> {
    Ok(organizations::by_ids(conn, &c.branches())?
        .into_iter()
        .map(|o| o.path)
        .collect())
}

/// Whether the actor sits on the committee of one of the cluster's branches.
fn leads_a_branch(
    conn: &mut AnyConnection,
    p: &Actor,
    c: &store::Cluster,
) -> Result<bool, AppError> {
    Ok(branch_paths(conn, c)?
        .iter()
        .any(|path| p.access.is_branch_committee_of(path)))
}

/// The cycle's clusters with their opinions: all of them for those who run the cycle and
/// those above; those of the actor's branches for a branch committee inside the cycle's
/// organisation (none yet: an empty list); 403 for others.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<Vec<FeedbackCluster>, AppError> {
    let (_, path) = readable(conn, p, id)?;
    let all = p.access.can_administer(&path);
    let clusters = store::of_cycle(conn, id)?;
    let mine: Vec<store::Cluster> = if all {
        clusters
    } else {
        // The branches of every cluster in one query, not one per cluster.
        let ids: Vec<i64> = clusters.iter().flat_map(store::Cluster::branches).collect();
        let led: HashSet<i64> = organizations::by_ids(conn, &ids)?
            .into_iter()
            .filter(|o| p.access.is_branch_committee_of(&o.path))
            .map(|o| o.id)
            .collect();
        clusters
            .into_iter()
            .filter(|c| c.branches().iter().any(|b| led.contains(b)))
            .collect()
    };
    let branch_committee_inside = p.access.grants.iter().any(|g| {
        g.role == kiemdiem_domain::access::Role::BranchCommittee
            && g.path.as_deref().is_some_and(|gp| within(gp, &path))
    });
    if !all && !branch_committee_inside {
        return Err(AppError::forbidden(
            "Cấp ủy điều hành đợt kiểm điểm và chi ủy các chi bộ trong cụm xem các cụm góp ý",
        ));
    }
    let ids: Vec<i64> = mine.iter().map(|c| c.id).collect();
    let opinions = store::opinions(conn, &ids)?;
    let names = names(conn, &mine, &opinions)?;
    Ok(mine
        .into_iter()
        .map(|c| out(c, &opinions, &names))
        .collect())
}

/// Every check the schema cannot express, reported together.
fn check(
    conn: &mut AnyConnection,
    input: &FeedbackClusterInput,
    cycle_id: i64,
    org_id: i64,
    path: &str,
    year: i32,
    except: Option<i64>,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (field, value) in [("name", &input.name), ("leader", &input.leader)] {
        if value.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Không được để trống"));
        }
    }
    let found: HashMap<i64, String> = organizations::by_ids(conn, &input.branch_ids)?
        .into_iter()
        .map(|o| (o.id, o.path))
        .collect();
    let taken: HashMap<i64, String> = store::of_cycle(conn, cycle_id)?
        .into_iter()
        .filter(|c| Some(c.id) != except)
        .flat_map(|c| c.branches().into_iter().map(move |b| (b, c.name.clone())))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (i, b) in input.branch_ids.iter().enumerate() {
        let field = format!("branch_ids[{i}]");
        if !found
            .get(b)
            .is_some_and(|p| within(p, path) && *b != org_id)
        {
            errors.push(FieldError::new(
                field,
                "not_below",
                "Chi bộ phải trực thuộc tổ chức đang kiểm điểm",
            ));
        } else if !seen.insert(*b) {
            errors.push(FieldError::new(
                field,
                "duplicate",
                "Chi bộ đã có trong cụm",
            ));
        } else if let Some(other) = taken.get(b) {
            errors.push(FieldError::new(
                field,
                "in_other_cluster",
                format!("Chi bộ đã thuộc cụm \"{other}\""),
            ));
        }
    }
    let mut sources = std::collections::HashSet::new();
    for (i, m) in input.mass_organizations.iter().enumerate() {
        let field = format!("mass_organizations[{i}]");
        if m.trim().is_empty() || m.chars().count() > 200 {
            errors.push(FieldError::new(
                field,
                "required",
                "Tên tổ chức đoàn thể không được để trống (tối đa 200 ký tự)",
            ));
        } else if !sources.insert(m.trim().to_lowercase()) {
            errors.push(FieldError::new(
                field,
                "duplicate",
                "Tổ chức đoàn thể đã có",
            ));
        }
    }
    if let Some(d) = input.meeting_on
        && !(year..=year + 1).contains(&d.year())
    {
        errors.push(FieldError::new(
            "meeting_on",
            "wrong_year",
            format!("Ngày họp phải trong năm {year} hoặc năm {}", year + 1),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn json_of<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn sources_of(input: &FeedbackClusterInput) -> Vec<&str> {
    input.mass_organizations.iter().map(|m| m.trim()).collect()
}

fn one(conn: &mut AnyConnection, id: i64, cluster_id: i64) -> Result<FeedbackCluster, AppError> {
    let c = store::get(conn, id, cluster_id)?.ok_or_else(AppError::not_found)?;
    let opinions = store::opinions(conn, &[c.id])?;
    let names = names(conn, std::slice::from_ref(&c), &opinions)?;
    Ok(out(c, &opinions, &names))
}

/// A new cluster (`version` 0).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    input: FeedbackClusterInput,
) -> Result<FeedbackCluster, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    check(
        conn,
        &input,
        id,
        cycle.organization_id,
        &path,
        cycle.year,
        None,
    )?;
    if input.version != 0 {
        return Err(AppError::PreconditionFailed);
    }
    let (branches, sources) = (json_of(&input.branch_ids), json_of(&sources_of(&input)));
    let cid = store::create(
        conn,
        id,
        &store::Fields {
            name: input.name.trim(),
            leader: input.leader.trim(),
            branch_ids: &branches,
            mass_organizations: &sources,
            meeting_on: input.meeting_on,
        },
        &p.actor(),
    )?;
    let after = one(conn, id, cid)?;
    p.audit("create", "feedback_cluster")
        .id(cid)
        .org(path)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// A change to a cluster, made on `version`.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    cluster_id: i64,
    input: FeedbackClusterInput,
) -> Result<FeedbackCluster, AppError> {
    let (cycle, path) = managed(conn, p, id)?;
    let before = one(conn, id, cluster_id)?;
    check(
        conn,
        &input,
        id,
        cycle.organization_id,
        &path,
        cycle.year,
        Some(cluster_id),
    )?;
    let (branches, sources) = (json_of(&input.branch_ids), json_of(&sources_of(&input)));
    if input.version != before.version
        || !store::update(
            conn,
            cluster_id,
            input.version,
            &store::Fields {
                name: input.name.trim(),
                leader: input.leader.trim(),
                branch_ids: &branches,
                mass_organizations: &sources,
                meeting_on: input.meeting_on,
            },
            &p.actor(),
        )?
    {
        return Err(AppError::PreconditionFailed);
    }
    let after = one(conn, id, cluster_id)?;
    p.audit("update", "feedback_cluster")
        .id(cluster_id)
        .org(path)
        .before(&before)
        .after(&after)
        .record(conn)?;
    Ok(after)
}

/// Remove a cluster (its opinions with it).
pub fn remove(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    cluster_id: i64,
) -> Result<(), AppError> {
    let (_, path) = managed(conn, p, id)?;
    let before = one(conn, id, cluster_id)?;
    store::delete(conn, cluster_id)?;
    p.audit("remove", "feedback_cluster")
        .id(cluster_id)
        .org(path)
        .before(&before)
        .record(conn)?;
    Ok(())
}

/// The cluster, when the actor runs the cycle or sits on a branch committee of it, and the
/// cycle is open.
fn recording(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    cluster_id: i64,
) -> Result<(store::Cluster, String, i32), AppError> {
    let (cycle, path) = readable(conn, p, id)?;
    let c = store::get(conn, id, cluster_id)?.ok_or_else(AppError::not_found)?;
    if !(p.access.can_administer(&path) || leads_a_branch(conn, p, &c)?) {
        return Err(AppError::forbidden(
            "Cấp ủy điều hành đợt kiểm điểm hoặc chi ủy một chi bộ trong cụm ghi ý kiến của quần chúng",
        ));
    }
    writable(&cycle)?;
    Ok((c, path, cycle.year))
}

/// A mass organisation's opinion on a branch of the cluster.
pub fn add_opinion(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    cluster_id: i64,
    input: CollectiveOpinionInput,
) -> Result<FeedbackCluster, AppError> {
    let (c, path, year) = recording(conn, p, id, cluster_id)?;
    let mut errors = Vec::new();
    if !c.branches().contains(&input.branch_id) {
        errors.push(FieldError::new(
            "branch_id",
            "not_in_cluster",
            "Chi bộ không thuộc cụm này",
        ));
    }
    if !c
        .sources()
        .iter()
        .any(|s| s.to_lowercase() == input.source.trim().to_lowercase())
    {
        errors.push(FieldError::new(
            "source",
            "not_in_cluster",
            format!(
                "Tổ chức đoàn thể phải là một trong: {}",
                c.sources().join(", ")
            ),
        ));
    }
    if input.content.trim().is_empty() {
        errors.push(FieldError::new(
            "content",
            "required",
            "Không được để trống",
        ));
    }
    if input.given_on > crate::today() || input.given_on.year() < year {
        errors.push(FieldError::new(
            "given_on",
            "out_of_range",
            format!("Ngày góp ý phải từ năm {year} và không sau hôm nay"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let source = c
        .sources()
        .into_iter()
        .find(|s| s.to_lowercase() == input.source.trim().to_lowercase())
        .unwrap_or_default();
    let oid = store::add_opinion(
        conn,
        cluster_id,
        &NewOpinion {
            branch_id: input.branch_id,
            source: &source,
            content: input.content.trim(),
            given_on: input.given_on,
        },
        &p.actor(),
    )?;
    let after = one(conn, id, cluster_id)?;
    if let Some(o) = after.opinions.iter().find(|o| o.id == oid) {
        p.audit("create", "collective_feedback")
            .id(oid)
            .org(path)
            .after(o)
            .record(conn)?;
    }
    Ok(after)
}

/// Remove an opinion recorded by mistake.
pub fn remove_opinion(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    cluster_id: i64,
    opinion_id: i64,
) -> Result<(), AppError> {
    let (_, path, _) = recording(conn, p, id, cluster_id)?;
    let before = one(conn, id, cluster_id)?
        .opinions
        .into_iter()
        .find(|o| o.id == opinion_id)
        .ok_or_else(AppError::not_found)?;
    store::remove_opinion(conn, opinion_id)?;
    p.audit("remove", "collective_feedback")
        .id(opinion_id)
        .org(path)
        .before(&before)
        .record(conn)?;
    Ok(())
}
