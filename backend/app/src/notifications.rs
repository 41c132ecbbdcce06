//! What is due to the caller, computed from the open cycles they work in: a member's
//! self-review and the suggestions addressed to them, a provider's feedback requests, a
//! branch committee's self-reviews waiting for a decision.

use crate::{Actor, AppError};
use chrono::NaiveDate;
use kiemdiem_domain::self_review::Status;
use kiemdiem_store::AnyConnection;
use kiemdiem_store::{
    cycles, feedback, members, organizations, review_meetings, self_reviews, suggestions,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Notification {
    /// self_review_due, self_review_returned, suggestion_open, feedback_due, self_reviews_waiting,
    /// review_meeting_notice.
    pub kind: String,
    pub cycle_id: i64,
    /// In Vietnamese, ready to show.
    pub message: String,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
}

pub fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// What is due to the actor as of `today`, soonest first.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    today: NaiveDate,
) -> Result<Vec<Notification>, AppError> {
    let mut out = Vec::new();
    for (cycle, path, _) in cycles::list(conn, None, None)? {
        if cycle.stage.is_read_only() {
            continue;
        }
        let works_here = p.works_in(&path);
        if !works_here {
            continue;
        }
        let due = cycles::phases(conn, cycle.id)?
            .into_iter()
            .find(|ph| ph.code == "self_reviews")
            .map(|ph| ph.ends_on);
        if let Some(member_id) = p.member_id
            && members::get(conn, member_id)?.is_some_and(|(_, b)| b.starts_with(&path))
        {
            match self_reviews::find(conn, cycle.id, member_id)?.map(|s| s.status) {
                Some(Status::Returned) => out.push(Notification {
                    kind: "self_review_returned".into(),
                    cycle_id: cycle.id,
                    message: "Bản tự kiểm điểm của đồng chí đã được chi ủy trả lại: hãy xem góp ý và nộp lại".into(),
                    due_on: due,
                    overdue: due.is_some_and(|d| today > d),
                }),
                Some(s) if s.counts_as_submitted() => {}
                _ => out.push(Notification {
                    kind: "self_review_due".into(),
                    cycle_id: cycle.id,
                    message: match due {
                        Some(d) => format!("Bản tự kiểm điểm năm {} của đồng chí cần nộp trước ngày {}", cycle.year, dmy(d)),
                        None => format!("Bản tự kiểm điểm năm {} của đồng chí chưa nộp", cycle.year),
                    },
                    due_on: due,
                    overdue: due.is_some_and(|d| today > d),
                }),
            }
            for s in suggestions::of_cycle(conn, cycle.id)? {
                if s.member_id == Some(member_id)
                    && s.status == kiemdiem_domain::suggestion::Status::Open
                {
                    out.push(Notification {
                        kind: "suggestion_open".into(),
                        cycle_id: cycle.id,
                        message: format!(
                            "Đồng chí có nội dung gợi ý kiểm điểm cần giải trình trước ngày {}",
                            dmy(s.due_on)
                        ),
                        due_on: Some(s.due_on),
                        overdue: today > s.due_on,
                    });
                }
            }
        }
        if let Some(user_id) = p.user_id {
            for r in feedback::of_cycle(conn, cycle.id)? {
                if r.provider_user_id == Some(user_id) && r.returned_on.is_none() {
                    let name = members::get(conn, r.member_id)?
                        .map(|(m, _)| m.full_name)
                        .unwrap_or_default();
                    out.push(Notification {
                        kind: "feedback_due".into(),
                        cycle_id: cycle.id,
                        message: match r.due_on {
                            Some(d) => {
                                format!("Cần cho ý kiến về đảng viên {name} trước ngày {}", dmy(d))
                            }
                            None => format!("Cần cho ý kiến về đảng viên {name}"),
                        },
                        due_on: r.due_on,
                        overdue: r.due_on.is_some_and(|d| today > d),
                    });
                }
            }
        }
        // C.4: a review meeting below, notified to the committees and inspection above it,
        // until it is held.
        let above = (p.access.can_administer(&path) && !p.access.runs(&path))
            || (p.access.can_inspect(&path) && !p.access.is_inspection_of(&path));
        if above {
            let now = crate::now_local();
            // The organisation's name, read once for the cycle's meetings.
            let mut name: Option<String> = None;
            for m in review_meetings::of_cycle(conn, cycle.id)? {
                if m.notified_at.is_some() && m.held_at >= now {
                    let org = match &name {
                        Some(n) => n.clone(),
                        None => {
                            let n = organizations::get(conn, cycle.organization_id)?
                                .map(|o| o.name)
                                .unwrap_or_default();
                            name = Some(n.clone());
                            n
                        }
                    };
                    out.push(Notification {
                        kind: "review_meeting_notice".into(),
                        cycle_id: cycle.id,
                        message: format!(
                            "Mời dự hội nghị của {org} — {}: {} ngày {} tại {}",
                            m.subject,
                            m.held_at.format("%H:%M"),
                            dmy(m.held_at.date()),
                            m.place
                        ),
                        due_on: Some(m.held_at.date()),
                        overdue: false,
                    });
                }
            }
        }
        let mut waiting = 0;
        for s in self_reviews::of_cycle(conn, cycle.id)? {
            if s.status.awaits_decision()
                && members::get(conn, s.member_id)?
                    .is_some_and(|(_, b)| p.access.can_edit_members(&b))
            {
                waiting += 1;
            }
        }
        if waiting > 0 {
            out.push(Notification {
                kind: "self_reviews_waiting".into(),
                cycle_id: cycle.id,
                message: format!("Có {waiting} bản tự kiểm điểm đang chờ chi ủy nhận xét"),
                due_on: None,
                overdue: false,
            });
        }
    }
    out.sort_by_key(|n| (n.due_on.is_none(), n.due_on));
    Ok(out)
}
