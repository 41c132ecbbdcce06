//! Answers that more than one resource returns: a classification result, a role assignment,
//! the preview's shapes. Route files import these, never one another.

pub mod classification;

use chrono::{DateTime, Utc};
use kiemdiem_domain::classification::Votes;
use kiemdiem_store::users::Assignment;
use kiemdiem_store::voting as store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoleAssignment {
    pub id: i64,
    /// One of admin, committee, branch_committee, inspection, feedback_provider, member, integration.
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
}

impl From<Assignment> for RoleAssignment {
    fn from(a: Assignment) -> Self {
        RoleAssignment {
            id: a.id,
            role: a.role,
            organization_id: a.organization_id,
            organization_name: a.organization_name,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultRecord {
    pub id: i64,
    pub member_id: i64,
    pub full_name: String,
    /// classified, pending, not_classified or unresolved.
    pub status: String,
    pub level: Option<String>,
    pub cap: Option<String>,
    pub reasons: Vec<String>,
    pub votes: TallyVotes,
    /// Classified in a supplementary session (reported as a supplement, M3).
    pub supplementary: bool,
    /// proposed, approved, returned or cancelled (M12).
    pub state: String,
    pub cancelled_reason: Option<String>,
    pub replaces_id: Option<i64>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    /// After a re-classification (M12): the base-wide quota check (Q5), a warning that does
    /// not block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

pub fn result_dto(r: store::Result_, full_name: String) -> ResultRecord {
    ResultRecord {
        id: r.id,
        member_id: r.member_id,
        full_name,
        status: r.status,
        level: r.level,
        cap: r.cap,
        reasons: r
            .reasons
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        votes: TallyVotes {
            excellent: r.votes_excellent.into(),
            good: r.votes_good.into(),
            completed: r.votes_completed.into(),
            not_completed: r.votes_not_completed.into(),
        },
        supplementary: r.supplementary,
        state: r.state,
        cancelled_reason: r.cancelled_reason,
        replaces_id: r.replaces_id,
        created_by: r.created_by,
        created_at: r.created_at.and_utc(),
        warnings: Vec::new(),
    }
}

/// Votes per level for one member.
#[derive(
    Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema, PartialEq, Eq, Validate,
)]
#[serde(deny_unknown_fields)]
pub struct TallyVotes {
    #[serde(default)]
    pub excellent: i64,
    #[serde(default)]
    pub good: i64,
    #[serde(default)]
    pub completed: i64,
    #[serde(default)]
    pub not_completed: i64,
}

impl TallyVotes {
    pub fn from_entry(e: &store::TallyEntry) -> Self {
        let [a, b, c, d] = e.votes();
        TallyVotes {
            excellent: a.into(),
            good: b.into(),
            completed: c.into(),
            not_completed: d.into(),
        }
    }

    pub fn engine(self) -> Votes {
        let v = |x: i64| u32::try_from(x).unwrap_or(0);
        Votes {
            excellent: v(self.excellent),
            good: v(self.good),
            completed: v(self.completed),
            not_completed: v(self.not_completed),
        }
    }
}
