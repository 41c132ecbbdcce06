//! Answers that more than one resource returns: a classification result, a role assignment,
//! the preview's shapes. Route files import these, never one another.

pub use kiemdiem_app::preview as classification;
pub use kiemdiem_app::users::RoleAssignment;
pub use kiemdiem_app::voting::sessions::{ResultRecord, TallyVotes, result_dto};
