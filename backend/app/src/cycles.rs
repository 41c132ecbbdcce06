//! Review cycles as the other use cases reach them: one the actor works in, one the actor runs.

use crate::actor::Actor;
use crate::error::AppError;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::cycles::{self as store, Cycle};

/// The cycle, if the actor works inside its organisation; otherwise 404.
pub fn readable(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
) -> Result<(Cycle, String), AppError> {
    store::get(conn, id)?
        .filter(|(_, path)| actor.works_in(path))
        .ok_or_else(AppError::not_found)
}

/// A cycle the actor manages (admin, or a committee over its organisation), still open.
pub fn managed(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
) -> Result<(Cycle, String), AppError> {
    let (cycle, path) = readable(conn, actor, id)?;
    if !actor.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy của tổ chức mới điều hành đợt kiểm điểm",
        ));
    }
    writable(&cycle)?;
    Ok((cycle, path))
}

/// "Closed is read-only" (`Stage::is_read_only`): every write to a cycle's records asks this.
pub fn writable(cycle: &Cycle) -> Result<(), AppError> {
    if cycle.stage.is_read_only() {
        Err(AppError::cycle_closed())
    } else {
        Ok(())
    }
}
