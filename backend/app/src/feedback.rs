//! Feedback from the workplace's mass organisations and the place of residence (plan II.2.2).

use crate::error::AppError;
use kiemdiem_store::{AnyConnection, cycles};

/// The phase of the plan (P1) that takes a source's opinions.
pub fn phase_of(source: &str) -> &'static str {
    match source {
        "workplace" => "workplace_feedback",
        "residence" => "residence_feedback",
        _ => "key_cadre_meeting",
    }
}

/// Whether the cycle still takes a source's opinions: not closed, its phase not closed.
pub fn open_for(
    conn: &mut AnyConnection,
    cycle: &cycles::Cycle,
    source: &str,
) -> Result<(), AppError> {
    crate::cycles::writable(cycle)?;
    let phase = phase_of(source);
    if cycles::phases(conn, cycle.id)?
        .iter()
        .any(|ph| ph.code == phase && ph.closed)
    {
        return Err(AppError::conflict(
            "phase_closed",
            "Giai đoạn lấy ý kiến này đã đóng",
        ));
    }
    Ok(())
}
