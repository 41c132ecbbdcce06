//! Plan II.2.3 (issue #16): "the branches meet to classify the branch and each member, give
//! their opinion on the party committee's self-review and classification, and send their
//! records up to the standing committee before 17/11".
//!
//! Each organisation directly below the one whose cycle it is (the base's branches) writes its
//! opinion on the base's self-review and self-classification, with the level it would give, by
//! its own committee; the base's committee (and those above) read every branch's, with those
//! still missing, and a branch committee reads its own. Every change names the version it was
//! made on (412 otherwise); two first opinions at once: one is written, the other is told.

use crate::actor::Actor;
use crate::cycles::{readable, writable};
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_domain::organization::ORG_LEVELS;
use kiemdiem_store::organizations::{self, OrgFilter};
use kiemdiem_store::{AnyConnection, branch_opinions as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BranchOpinion {
    pub branch_id: i64,
    pub branch_name: String,
    /// None while the branch has not given its opinion.
    pub opinion: Option<String>,
    /// The level the branch would give the organisation (clean_strong, good, completed, weak).
    pub proposed_level: Option<String>,
    /// 0 while there is none.
    pub version: i32,
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BranchOpinionInput {
    /// 0 for the branch's first opinion; else the version it was changed from (412).
    #[validate(range(min = 0))]
    pub version: i32,
    #[validate(length(min = 1, max = 10000))]
    #[schema(min_length = 1, max_length = 10000)]
    pub opinion: String,
    /// clean_strong, good, completed or weak.
    pub proposed_level: Option<String>,
}

fn row(branch: &organizations::Organization, o: Option<store::Opinion>) -> BranchOpinion {
    BranchOpinion {
        branch_id: branch.id,
        branch_name: branch.name.clone(),
        opinion: o.as_ref().map(|o| o.opinion.clone()),
        proposed_level: o.as_ref().and_then(|o| o.proposed_level.clone()),
        version: o.as_ref().map_or(0, |o| o.version),
        updated_by: o.as_ref().map(|o| o.updated_by.clone()),
        updated_at: o.map(|o| o.updated_at.and_utc()),
    }
}

fn branches(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<Vec<organizations::Organization>, AppError> {
    Ok(organizations::list(
        conn,
        &OrgFilter {
            parent_id: Some(org_id),
            ..Default::default()
        },
    )?)
}

/// Every branch's opinion on the cycle's organisation (missing ones with none) for its
/// committees and those above; a branch committee's own only.
pub fn list(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Vec<BranchOpinion>, AppError> {
    let (cycle, path) = readable(conn, p, id)?;
    let all = p.access.can_administer(&path);
    let mine: Vec<_> = branches(conn, cycle.organization_id)?
        .into_iter()
        .filter(|b| all || p.access.is_branch_committee_of(&b.path))
        .collect();
    if mine.is_empty() && !all {
        return Err(AppError::forbidden(
            "Cấp ủy của tổ chức và chi ủy các chi bộ trực thuộc xem ý kiến góp ý",
        ));
    }
    let mut opinions = store::of_cycle(conn, id)?;
    Ok(mine
        .iter()
        .map(|b| {
            let o = opinions
                .iter()
                .position(|o| o.branch_id == b.id)
                .map(|i| opinions.swap_remove(i));
            row(b, o)
        })
        .collect())
}

/// The branch's opinion, written by its own committee while the cycle is open.
pub fn put(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    branch_id: i64,
    input: BranchOpinionInput,
) -> Result<BranchOpinion, AppError> {
    let (cycle, path) = readable(conn, p, id)?;
    let branch = organizations::get(conn, branch_id)?
        .filter(|b| b.parent_id == Some(cycle.organization_id))
        .ok_or_else(AppError::not_found)?;
    if !p.access.is_branch_committee_of(&branch.path) {
        return Err(AppError::forbidden(
            "Chỉ chi ủy của chi bộ mới ghi ý kiến của chi bộ",
        ));
    }
    writable(&cycle)?;
    let mut errors = Vec::new();
    if input.opinion.trim().is_empty() {
        errors.push(FieldError::new(
            "opinion",
            "required",
            "Không được để trống",
        ));
    }
    if let Some(level) = &input.proposed_level
        && !ORG_LEVELS.contains(&level.as_str())
    {
        errors.push(FieldError::new(
            "proposed_level",
            "invalid",
            "Mức xếp loại: clean_strong, good, completed hoặc weak",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let before = store::find(conn, id, branch_id)?;
    let text = input.opinion.trim();
    let level = input.proposed_level.as_deref();
    let written = match &before {
        None if input.version == 0 => store::create(conn, id, branch_id, text, level, &p.actor())?,
        Some(b) if b.version == input.version => {
            store::update(conn, b.id, input.version, text, level, &p.actor())?
        }
        _ => false,
    };
    if !written {
        return Err(AppError::PreconditionFailed);
    }
    let found = store::find(conn, id, branch_id)?;
    // The entry names the opinion's own row, as other records' entries do.
    let opinion_id = found
        .as_ref()
        .map(|o| o.id)
        .ok_or_else(|| AppError::Internal("the opinion just written is gone".into()))?;
    let after = row(&branch, found);
    let mut audit = p
        .audit(
            if before.is_some() { "update" } else { "create" },
            "branch_opinion",
        )
        .id(opinion_id)
        .org(path);
    let before = before.map(|b| row(&branch, Some(b)));
    if let Some(b) = &before {
        audit = audit.before(b);
    }
    audit.after(&after).record(conn)?;
    Ok(after)
}
