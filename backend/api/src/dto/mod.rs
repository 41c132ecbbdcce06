//! Answers that more than one resource returns: a classification result, a role assignment,
//! the preview's shapes. Route files import these, never one another.

pub use kiemdiem_app::preview as classification;
pub use kiemdiem_app::voting::sessions::{ResultRecord, TallyVotes, result_dto};

use kiemdiem_store::users::Assignment;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
