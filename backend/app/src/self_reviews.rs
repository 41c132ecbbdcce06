//! Self-reviews (guidance 2.2.1–2.2.3, D2): whose review a caller reaches in a cycle.

use crate::actor::Actor;
use crate::error::AppError;
use kiemdiem_domain::access::Access;
use kiemdiem_store::{AnyConnection, cycles, members};

/// A member's place in a cycle, as the self-review use cases need it.
pub struct Target {
    pub cycle: cycles::Cycle,
    pub member: members::Member,
    pub branch_path: String,
    /// The caller is the member themself.
    pub own: bool,
}

/// The member's self-review in the cycle, if the caller may see it: the member themself, or
/// those who edit the member's record (admin, committees above, the branch committee).
pub fn target(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
) -> Result<Target, AppError> {
    target_for(conn, p, cycle_id, member_id, Access::can_edit_members)
}

/// The same for a read, where `reads` says who besides the member may see it.
pub fn target_for(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    member_id: i64,
    reads: fn(&Access, &str) -> bool,
) -> Result<Target, AppError> {
    let (cycle, cycle_path) = cycles::get(conn, cycle_id)?.ok_or_else(AppError::not_found)?;
    let (member, branch_path) = members::get(conn, member_id)?.ok_or_else(AppError::not_found)?;
    let own = p.member_id == Some(member_id);
    if !branch_path.starts_with(&cycle_path) || !(own || reads(&p.access, &branch_path)) {
        return Err(AppError::not_found());
    }
    Ok(Target {
        cycle,
        member,
        branch_path,
        own,
    })
}
