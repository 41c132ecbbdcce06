//! Feedback requested for many members in one step (plan II.2.2, issue #17): a branch, a
//! whole organisation or a workplace cluster, each member asked once per source, and the
//! providers a committee may choose by name.
//!
//! Choices where the plan is silent (README): a batch skips the members who already have a
//! request of the same source in the cycle (it never asks twice); a cluster's batch asks the
//! workplace (a cluster is the workplace's mass organisations) and carries the cluster's name and
//! leader; the providers offered are the active `feedback_provider` users of the cycle's
//! organisation, its ancestors and the organisations under it, plus those already asked in the
//! cycle (a residence's committee lies outside the tree).

use crate::Actor;
use crate::error::{AppError, FieldError};
use crate::feedback::{FeedbackRequest, check_provider, checked_source, dto, open_for};
use chrono::NaiveDate;
use kiemdiem_domain::access::{Role, within};
use kiemdiem_domain::vietnamese::{search_key, text_key};
use kiemdiem_store::feedback::{self as store, NewRequest};
use kiemdiem_store::organizations::path_ids;
use kiemdiem_store::{AnyConnection, feedback_clusters, members, organizations, users};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use utoipa::ToSchema;
use validator::Validate;

/// The most members one batch asks about (a large base's whole roll).
pub const MAX_BATCH: usize = 2000;
/// The most providers one search answers.
pub const MAX_PROVIDERS: usize = 50;

/// A user who answers feedback in the app, as a committee picks them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FeedbackProvider {
    pub user_id: i64,
    /// The name people know them by ("Công đoàn trường").
    pub display_name: String,
    /// The organisations they answer for.
    pub organizations: Vec<String>,
}

/// Whether the actor requests feedback somewhere in the cycle's organisation at `path`: an
/// admin, a committee over it, or a committee (base or branch) inside it.
fn requests_in(p: &Actor, path: &str) -> bool {
    p.access.can_edit_members(path)
        || p.access.grants.iter().any(|g| {
            matches!(g.role, Role::Committee | Role::BranchCommittee)
                && g.path.as_deref().is_some_and(|gp| within(gp, path))
        })
}

/// The providers a committee may ask in the cycle, those whose name (or organisation) contains
/// `q` without regard to diacritics or case, in the Vietnamese order of their names as written
/// (mass organisations' names, not persons').
pub fn providers(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    q: Option<&str>,
) -> Result<Vec<FeedbackProvider>, AppError> {
    let (_, path) = crate::cycles::readable(conn, p, id)?;
    if !requests_in(p, &path) {
        return Err(AppError::not_found());
    }
    let mut rows = users::holding_near(conn, "feedback_provider", &path_ids(&path), &path)?;
    let asked: HashSet<i64> = store::of_cycle(conn, id)?
        .into_iter()
        .filter_map(|r| r.provider_user_id)
        .collect();
    let known: HashSet<i64> = rows.iter().map(|r| r.0).collect();
    let others: Vec<i64> = asked.difference(&known).copied().collect();
    if !others.is_empty() {
        rows.extend(users::holding_ids(conn, "feedback_provider", &others)?);
    }
    let mut by_user: BTreeMap<i64, FeedbackProvider> = BTreeMap::new();
    for (user_id, display_name, org) in rows {
        let entry = by_user.entry(user_id).or_insert_with(|| FeedbackProvider {
            user_id,
            display_name,
            organizations: Vec::new(),
        });
        if !entry.organizations.contains(&org) {
            entry.organizations.push(org);
        }
    }
    let needle = q.map(search_key).filter(|k| !k.is_empty());
    let mut out: Vec<FeedbackProvider> = by_user
        .into_values()
        .filter(|f| {
            needle.as_deref().is_none_or(|k| {
                search_key(&f.display_name).contains(k)
                    || f.organizations.iter().any(|o| search_key(o).contains(k))
            })
        })
        .collect();
    out.sort_by_cached_key(|f| (text_key(&f.display_name), f.user_id));
    out.truncate(MAX_PROVIDERS);
    Ok(out)
}

/// Feedback asked for every member of a branch, an organisation or a cluster at once.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFeedbackRequests {
    /// Every member under this organisation (a branch, or the whole base) that the caller
    /// handles. Exactly one of `organization_id` and `cluster_id`.
    pub organization_id: Option<i64>,
    /// Every member of the branches of this workplace cluster of the cycle (source workplace).
    pub cluster_id: Option<i64>,
    /// Only these members of the selection (all of them when omitted).
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_items = 1, max_items = 2000)]
    pub member_ids: Option<Vec<i64>>,
    /// workplace, residence or key_cadre_meeting.
    pub source: String,
    /// A feedback_provider user who will answer in the app.
    pub provider_user_id: Option<i64>,
    /// The cluster's name (a cluster's own when `cluster_id` is given and this is omitted).
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub cluster: Option<String>,
    /// Who leads the cluster (the cluster's own leader when omitted).
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub led_by: Option<String>,
    /// hand or post (residence, P2).
    pub delivery: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    /// P2: postal forms go with a stamped return envelope (only with `delivery` post).
    #[serde(default)]
    pub return_envelope: bool,
}

/// A member of the selection who was not asked again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SkippedMember {
    pub member_id: i64,
    pub member_name: String,
    /// already_requested: the member already has a request of this source in the cycle.
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FeedbackBatch {
    /// The requests made, in the Vietnamese order of the members' names.
    pub created: Vec<FeedbackRequest>,
    pub skipped: Vec<SkippedMember>,
}

/// Makes the requests of a batch in one transaction (all of them or none).
pub fn request_many(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    b: NewFeedbackRequests,
) -> Result<FeedbackBatch, AppError> {
    let mut errors = Vec::new();
    if b.organization_id.is_some() == b.cluster_id.is_some() {
        errors.push(FieldError::new(
            "organization_id",
            "one_selection",
            "Chọn đúng một trong hai: tổ chức (chi bộ) hoặc cụm góp ý",
        ));
    }
    // (An unknown source is told once, below.)
    if b.cluster_id.is_some()
        && kiemdiem_domain::feedback::Source::parse(&b.source)
            .is_some_and(|s| s != kiemdiem_domain::feedback::Source::Workplace)
    {
        errors.push(FieldError::new(
            "source",
            "cluster_is_workplace",
            "Cụm góp ý là ý kiến nơi công tác (workplace)",
        ));
    }
    let source = match checked_source(
        &b.source,
        b.delivery.as_deref(),
        b.return_envelope,
        b.sent_on,
        b.due_on,
    ) {
        Ok(s) if errors.is_empty() => s,
        Ok(_) => return Err(AppError::Validation(errors)),
        Err(AppError::Validation(mut more)) => {
            errors.append(&mut more);
            return Err(AppError::Validation(errors));
        }
        Err(e) => return Err(e),
    };
    let (cycle, cycle_path) = crate::cycles::readable(conn, p, id)?;
    if !requests_in(p, &cycle_path) {
        return Err(AppError::not_found());
    }
    // The selection's roots, and the cluster's name and leader.
    let (roots, cluster_name, leader) = match (b.organization_id, b.cluster_id) {
        (Some(org), _) => {
            let o = organizations::get(conn, org)?
                .filter(|o| within(&o.path, &cycle_path) && p.works_in(&o.path))
                .ok_or_else(AppError::not_found)?;
            (vec![o.path], b.cluster.clone(), b.led_by.clone())
        }
        (_, Some(cid)) => {
            let c = feedback_clusters::get(conn, id, cid)?.ok_or_else(AppError::not_found)?;
            let paths = organizations::by_ids(conn, &c.branches())?
                .into_iter()
                .map(|o| o.path)
                .collect();
            (
                paths,
                b.cluster.clone().or(Some(c.name)),
                b.led_by.clone().or(Some(c.leader)),
            )
        }
        _ => unreachable!("one selection was checked"),
    };
    open_for(conn, &cycle, source)?;
    if let Some(uid) = b.provider_user_id {
        check_provider(conn, uid)?;
    }
    // One batch at a time per cycle's organisation: a second waits and then skips those the
    // first asked (PostgreSQL; SQLite writes one transaction at a time anyway).
    organizations::lock(conn, cycle.organization_id)?;
    let mut chosen = Vec::new();
    for root in &roots {
        for (m, branch) in members::under(conn, root)? {
            if p.access.can_edit_members(&branch) {
                chosen.push((m, branch));
            }
        }
    }
    if chosen.is_empty() && !roots.iter().any(|r| p.access.can_edit_members(r)) {
        // A selection whose members the caller does not handle.
        return Err(AppError::not_found());
    }
    if let Some(ids) = &b.member_ids {
        let listed: HashSet<i64> = chosen.iter().map(|(m, _)| m.id).collect();
        let strangers: Vec<String> = ids
            .iter()
            .filter(|i| !listed.contains(i))
            .map(i64::to_string)
            .collect();
        if !strangers.is_empty() {
            return Err(AppError::Validation(vec![FieldError::new(
                "member_ids",
                "not_in_selection",
                format!(
                    "Không thuộc các đảng viên đã chọn mà đồng chí phụ trách: {}",
                    strangers.join(", ")
                ),
            )]));
        }
        let wanted: HashSet<i64> = ids.iter().copied().collect();
        chosen.retain(|(m, _)| wanted.contains(&m.id));
    }
    if chosen.len() > MAX_BATCH {
        return Err(AppError::Validation(vec![FieldError::new(
            "member_ids",
            "too_many",
            format!("Mỗi lần gửi tối đa {MAX_BATCH} đảng viên"),
        )]));
    }
    let asked: HashSet<i64> = store::of_cycle(conn, id)?
        .into_iter()
        .filter(|r| r.source == source)
        .map(|r| r.member_id)
        .collect();
    let mut out = FeedbackBatch {
        created: Vec::new(),
        skipped: Vec::new(),
    };
    let cluster_name = cluster_name.as_deref().map(str::trim);
    let leader = leader.as_deref().map(str::trim);
    for (m, branch) in chosen {
        if asked.contains(&m.id) {
            out.skipped.push(SkippedMember {
                member_id: m.id,
                member_name: m.full_name,
                reason: "already_requested".into(),
            });
            continue;
        }
        let rid = store::create(
            conn,
            &NewRequest {
                cycle_id: id,
                member_id: m.id,
                source: source.as_str(),
                provider_user_id: b.provider_user_id,
                cluster: cluster_name,
                led_by: leader,
                delivery: b.delivery.as_deref(),
                sent_on: b.sent_on,
                due_on: b.due_on,
                return_envelope: b.return_envelope,
            },
        )?;
        let r = store::get(conn, id, rid)?.ok_or_else(AppError::not_found)?;
        let request = dto(r, m.full_name);
        p.audit("request", "feedback")
            .id(rid)
            .org(branch)
            .after(&request)
            .record(conn)?;
        out.created.push(request);
    }
    Ok(out)
}
