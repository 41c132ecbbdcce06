//! The bell: the caller's agenda (`crate::agenda`) in its short form — what is due in the
//! open cycles they work in, soonest first. One computation for both, so the bell's count is
//! the agenda's.

use crate::paging::{Window, page_of};
use crate::{Actor, AppError};
use chrono::NaiveDate;
use kiemdiem_store::AnyConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::agenda::dmy;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Notification {
    /// One of the agenda's kinds (`AgendaItem.kind`).
    pub kind: String,
    /// The cycle it concerns; none for work outside a cycle (a reward nomination to decide, a
    /// webhook delivery that failed for good).
    pub cycle_id: Option<i64>,
    /// In Vietnamese, ready to show.
    pub message: String,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    /// Where in the SPA to act on it.
    pub route: String,
}

/// What is due to the actor as of `today`: the agenda's items, the late and the soonest first
/// (the bell's count is the agenda's); a page of them.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    today: NaiveDate,
    w: Window,
) -> Result<NotificationPage, AppError> {
    let items = crate::agenda::agenda(conn, p, today)?.items;
    let page = w.cut(items, |i| {
        Ok::<_, AppError>(Notification {
            cycle_id: i.cycle_id,
            kind: i.kind,
            message: i.message,
            due_on: i.due_on,
            overdue: i.late,
            route: i.route,
        })
    })?;
    Ok(NotificationPage::of(page, w))
}

page_of!(
    /// A page of the actor's notifications.
    NotificationPage,
    Notification
);
