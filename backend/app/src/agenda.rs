//! The caller's agenda (issue #17): the work that is theirs to do now across the open cycles,
//! each item with what it concerns, its due date from the plan, whether it is late and where
//! in the SPA to act on it. Computed from the records, never stored.
//!
//! Each item goes to whoever holds the role it names at that organisation itself — not to
//! those above, who read everything but act on little (a city committee is not told about a
//! branch's waiting self-reviews), and not to administrators, whose own item is the webhook
//! deliveries that failed for good:
//!
//! - a member: the self-review to write or rewrite, suggestions to answer, an electronic ballot
//!   to cast, a result published;
//! - a feedback provider: the requests assigned to them;
//! - a branch committee: self-reviews to read, feedback past its date, a voting session to
//!   count and finalize;
//! - a base committee: sessions to appraise, its dossier and its leaders' dossier to submit
//!   (or submit again);
//! - the committee above a base: its dossier to decide; the province's committee: its leaders'
//!   dossier; committees and inspection commissions above a cycle: review meetings they are
//!   invited to (C.4); a committee: the rewards nominated by the organisations directly below
//!   its own, waiting for its decision (W1–W6);
//! - an inspection commission: suggestions it issued that are past their date unanswered.

use crate::{Actor, AppError};
use chrono::NaiveDate;
use kiemdiem_domain::access::Role;
use kiemdiem_domain::classification::ResultState;
use kiemdiem_domain::dossier::{DossierKind, SubmissionStatus};
use kiemdiem_domain::self_review::Status;
use kiemdiem_domain::suggestion::Status as SuggestionStatus;
use kiemdiem_domain::voting::SessionStatus;
use kiemdiem_store::{
    AnyConnection, cycles, dossiers, feedback, key_cadre, members, organizations, review_meetings,
    rewards, self_reviews, suggestions, voting, webhooks,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// The record an item concerns.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaSubject {
    /// self_review, suggestion, voting_session, result, feedback_request, cycle, dossier,
    /// leaders_dossier, review_meeting, webhook_deliveries.
    pub kind: String,
    pub id: i64,
    /// In Vietnamese, ready to show ("Chi bộ Khoa Toán", "Nguyễn Văn An"…).
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaItem {
    /// self_review_due, self_review_returned, suggestion_open, ballot_open, result_published,
    /// feedback_due, self_reviews_waiting, feedback_overdue, tally_due, appraisal_due,
    /// dossier_due, dossier_returned, leaders_dossier_due, leaders_dossier_returned,
    /// dossier_to_decide, leaders_dossier_to_decide, review_meeting_notice,
    /// suggestions_unanswered, nominations_to_decide, webhook_failed.
    pub kind: String,
    pub cycle_id: Option<i64>,
    pub year: Option<i32>,
    pub subject: AgendaSubject,
    /// What to do, in Vietnamese.
    pub message: String,
    /// From the plan (the phase's end), the request or the suggestion; none for a notice.
    pub due_on: Option<NaiveDate>,
    /// The due date has passed (Vietnam's date).
    pub late: bool,
    /// Where in the SPA to act on it.
    pub route: String,
}

/// The caller's agenda, the late and the soonest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Agenda {
    pub items: Vec<AgendaItem>,
    /// How many items are late.
    pub late: usize,
}

pub fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Whether the actor holds `role` at the organisation at `path` itself.
fn holds(p: &Actor, role: Role, path: &str) -> bool {
    p.access
        .grants
        .iter()
        .any(|g| g.role == role && g.path.as_deref() == Some(path))
}

/// Whether the actor holds `role` strictly above the organisation at `path`.
fn holds_above(p: &Actor, role: Role, path: &str) -> bool {
    p.access.grants.iter().any(|g| {
        g.role == role
            && g.path
                .as_deref()
                .is_some_and(|gp| gp != path && path.starts_with(gp))
    })
}

struct Items {
    today: NaiveDate,
    out: Vec<AgendaItem>,
}

impl Items {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: &str,
        cycle: Option<&cycles::Cycle>,
        subject: (&str, i64, String),
        message: String,
        due_on: Option<NaiveDate>,
        route: String,
    ) {
        self.out.push(AgendaItem {
            kind: kind.into(),
            cycle_id: cycle.map(|c| c.id),
            year: cycle.map(|c| c.year),
            subject: AgendaSubject {
                kind: subject.0.into(),
                id: subject.1,
                name: subject.2,
            },
            message,
            late: due_on.is_some_and(|d| self.today > d),
            due_on,
            route,
        });
    }
}

/// The actor's agenda as of `today`.
pub fn agenda(conn: &mut AnyConnection, p: &Actor, today: NaiveDate) -> Result<Agenda, AppError> {
    let mut items = Items {
        today,
        out: Vec::new(),
    };
    let open: Vec<(cycles::Cycle, String, String)> = cycles::list(conn, None, None)?
        .into_iter()
        .filter(|(c, path, _)| !c.stage.is_read_only() && p.works_in(path))
        .collect();
    let orgs: HashMap<i64, organizations::Organization> = {
        let ids: Vec<i64> = open.iter().map(|(c, _, _)| c.organization_id).collect();
        organizations::by_ids(conn, &ids)?
            .into_iter()
            .map(|o| (o.id, o))
            .collect()
    };
    // The requests assigned to the actor, open ones, in one query for every cycle.
    let assigned = match p.user_id {
        Some(user_id) => feedback::assigned_to(conn, user_id, true)?,
        None => Vec::new(),
    };
    for (cycle, path, name) in &open {
        let phases = cycles::phases(conn, cycle.id)?;
        let due = |code: &str| {
            phases
                .iter()
                .find(|ph| ph.code == code)
                .map(|ph| ph.ends_on)
        };
        let org = orgs.get(&cycle.organization_id);
        member_items(conn, p, &mut items, cycle, path, &due)?;
        provider_items(conn, &assigned, &mut items, cycle)?;
        branch_items(conn, p, &mut items, cycle, path, &due)?;
        if let Some(base) = org.filter(|o| o.kind == "base") {
            base_items(conn, p, &mut items, cycle, base, &due)?;
        }
        if holds_above(p, Role::Committee, path) || holds_above(p, Role::Inspection, path) {
            meeting_notices(conn, &mut items, cycle, name)?;
        }
        if holds(p, Role::Inspection, path) {
            let unanswered: Vec<suggestions::Suggestion> = suggestions::of_cycle(conn, cycle.id)?
                .into_iter()
                .filter(|s| s.status == SuggestionStatus::Open && today > s.due_on)
                .collect();
            if let Some(first) = unanswered.iter().map(|s| s.due_on).min() {
                items.push(
                    "suggestions_unanswered",
                    Some(cycle),
                    ("cycle", cycle.id, name.clone()),
                    format!(
                        "{} nội dung gợi ý kiểm điểm đã quá hạn mà chưa được giải trình",
                        unanswered.len()
                    ),
                    Some(first),
                    "/suggestions".into(),
                );
            }
        }
    }
    nominations_to_decide(conn, p, &mut items)?;
    if p.access.is_admin() {
        let failed = webhooks::failed_count(conn)?;
        if failed > 0 {
            items.push(
                "webhook_failed",
                None,
                ("webhook_deliveries", 0, "Webhook".into()),
                format!("{failed} lần gửi webhook đã thất bại hẳn: xem và gửi lại"),
                None,
                "/webhooks".into(),
            );
        }
    }
    let mut out = items.out;
    out.sort_by_key(|i| (!i.late, i.due_on.is_none(), i.due_on));
    Ok(Agenda {
        late: out.iter().filter(|i| i.late).count(),
        items: out,
    })
}

/// The rewards the organisations directly below a committee's own have nominated and that wait
/// for its decision (W1–W6): one item per nominating organisation and year.
fn nominations_to_decide(
    conn: &mut AnyConnection,
    p: &Actor,
    items: &mut Items,
) -> Result<(), AppError> {
    let own: Vec<i64> = p
        .access
        .grants
        .iter()
        .filter(|g| g.role == Role::Committee)
        .filter_map(|g| g.path.as_deref())
        .filter_map(|path| organizations::path_ids(path).last().copied())
        .collect();
    let below: HashMap<i64, organizations::Organization> = organizations::children_of(conn, &own)?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let ids: Vec<i64> = below.keys().copied().collect();
    let mut waiting: Vec<((i32, i64), usize)> = Vec::new();
    for key in rewards::waiting(conn, &ids)? {
        match waiting.last_mut() {
            Some((k, n)) if *k == key => *n += 1,
            _ => waiting.push((key, 1)),
        }
    }
    for ((year, org), count) in waiting {
        let Some(o) = below.get(&org) else { continue };
        items.push(
            "nominations_to_decide",
            None,
            ("organization", org, o.name.clone()),
            format!(
                "{} đề nghị khen thưởng {count} trường hợp năm {year}: xem và quyết định",
                o.name
            ),
            None,
            format!("/rewards?org={org}&year={year}"),
        );
    }
    Ok(())
}

/// A member's own work in a cycle over their branch.
fn member_items(
    conn: &mut AnyConnection,
    p: &Actor,
    items: &mut Items,
    cycle: &cycles::Cycle,
    path: &str,
    due: &dyn Fn(&str) -> Option<NaiveDate>,
) -> Result<(), AppError> {
    let Some(member_id) = p.member_id else {
        return Ok(());
    };
    if !members::get(conn, member_id)?.is_some_and(|(_, b)| b.starts_with(path)) {
        return Ok(());
    }
    let year = cycle.year;
    let subject = (
        "self_review",
        member_id,
        format!("Bản tự kiểm điểm năm {year}"),
    );
    let by = due("self_reviews").or_else(|| due("self_assessment"));
    match self_reviews::find(conn, cycle.id, member_id)?.map(|s| s.status) {
        Some(Status::Returned) => items.push(
            "self_review_returned",
            Some(cycle),
            subject,
            "Bản tự kiểm điểm của đồng chí đã được chi ủy trả lại: hãy xem góp ý và nộp lại".into(),
            by,
            "/my-review".into(),
        ),
        Some(s) if s.counts_as_submitted() => {}
        _ => items.push(
            "self_review_due",
            Some(cycle),
            subject,
            match by {
                Some(d) => format!(
                    "Bản tự kiểm điểm năm {year} của đồng chí cần nộp trước ngày {}",
                    dmy(d)
                ),
                None => format!("Bản tự kiểm điểm năm {year} của đồng chí chưa nộp"),
            },
            by,
            "/my-review".into(),
        ),
    }
    for s in suggestions::of_cycle(conn, cycle.id)? {
        if s.member_id == Some(member_id) && s.status == SuggestionStatus::Open {
            items.push(
                "suggestion_open",
                Some(cycle),
                ("suggestion", s.id, "Nội dung gợi ý kiểm điểm".into()),
                format!(
                    "Đồng chí có nội dung gợi ý kiểm điểm cần giải trình trước ngày {}",
                    dmy(s.due_on)
                ),
                Some(s.due_on),
                "/my-review".into(),
            );
        }
    }
    for s in voting::of_cycle(conn, cycle.id)? {
        if s.mode == "electronic" && s.status == SessionStatus::Open {
            let on_roll = voting::roll(conn, s.id)?
                .iter()
                .any(|e| e.member_id == member_id && e.official && !e.attached && e.present);
            if on_roll && !voting::has_voted(conn, s.id, member_id)? {
                items.push(
                    "ballot_open",
                    Some(cycle),
                    (
                        "voting_session",
                        s.id,
                        format!("Phiên bỏ phiếu ngày {}", dmy(s.held_on)),
                    ),
                    "Bỏ phiếu kín đánh giá, xếp loại đảng viên: phiếu của đồng chí đang chờ".into(),
                    Some(s.held_on),
                    format!("/voting-sessions/{}/ballot", s.id),
                );
            }
        }
    }
    for r in voting::results_of_cycle(conn, cycle.id)? {
        if r.member_id == member_id && r.state == ResultState::Approved {
            items.push(
                "result_published",
                Some(cycle),
                ("result", r.id, format!("Kết quả xếp loại năm {year}")),
                format!(
                    "Kết quả xếp loại năm {year} của đồng chí đã được phê duyệt: {}",
                    crate::documents::level_label(r.level.as_deref())
                ),
                None,
                "/my-review".into(),
            );
        }
    }
    Ok(())
}

/// The feedback requests assigned to the actor (a mass organisation, a residence committee)
/// in the cycle, from those read once for all cycles.
fn provider_items(
    conn: &mut AnyConnection,
    assigned: &[feedback::Request],
    items: &mut Items,
    cycle: &cycles::Cycle,
) -> Result<(), AppError> {
    for r in assigned.iter().filter(|r| r.cycle_id == cycle.id) {
        let name = members::get(conn, r.member_id)?
            .map(|(m, _)| m.full_name)
            .unwrap_or_default();
        items.push(
            "feedback_due",
            Some(cycle),
            ("feedback_request", r.id, name.clone()),
            match r.due_on {
                Some(d) => format!("Cần cho ý kiến về đảng viên {name} trước ngày {}", dmy(d)),
                None => format!("Cần cho ý kiến về đảng viên {name}"),
            },
            r.due_on,
            "/feedback".into(),
        );
    }
    Ok(())
}

/// A branch committee's work in the cycle, for the branches it sits on.
fn branch_items(
    conn: &mut AnyConnection,
    p: &Actor,
    items: &mut Items,
    cycle: &cycles::Cycle,
    path: &str,
    due: &dyn Fn(&str) -> Option<NaiveDate>,
) -> Result<(), AppError> {
    let branches: Vec<&str> = p
        .access
        .grants
        .iter()
        .filter(|g| g.role == Role::BranchCommittee)
        .filter_map(|g| g.path.as_deref())
        .filter(|gp| gp.starts_with(path))
        .collect();
    if branches.is_empty() {
        return Ok(());
    }
    let mut mine: HashSet<i64> = HashSet::new();
    for b in &branches {
        mine.extend(members::under(conn, b)?.into_iter().map(|(m, _)| m.id));
    }
    let route = format!("/cycles/{}", cycle.id);
    let waiting = self_reviews::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|s| s.status.awaits_decision() && mine.contains(&s.member_id))
        .count();
    if waiting > 0 {
        items.push(
            "self_reviews_waiting",
            Some(cycle),
            (
                "cycle",
                cycle.id,
                format!("Đợt kiểm điểm năm {}", cycle.year),
            ),
            format!("Có {waiting} bản tự kiểm điểm đang chờ chi ủy nhận xét"),
            None,
            route.clone(),
        );
    }
    let overdue: Vec<feedback::Request> = feedback::of_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|r| {
            mine.contains(&r.member_id)
                && r.returned_on.is_none()
                && r.due_on.is_some_and(|d| items.today > d)
        })
        .collect();
    if let Some(first) = overdue.iter().filter_map(|r| r.due_on).min() {
        items.push(
            "feedback_overdue",
            Some(cycle),
            (
                "cycle",
                cycle.id,
                format!("Đợt kiểm điểm năm {}", cycle.year),
            ),
            format!(
                "{} phiếu lấy ý kiến đã quá hạn mà chưa nhận lại: đôn đốc hoặc ghi nhận",
                overdue.len()
            ),
            Some(first),
            route,
        );
    }
    let sessions = voting::of_cycle(conn, cycle.id)?;
    let ids: Vec<i64> = sessions.iter().map(|s| s.branch_id).collect();
    let led: HashMap<i64, String> = organizations::by_ids(conn, &ids)?
        .into_iter()
        .filter(|o| branches.contains(&o.path.as_str()))
        .map(|o| (o.id, o.name))
        .collect();
    for s in sessions {
        let Some(branch) = led.get(&s.branch_id) else {
            continue;
        };
        if matches!(
            s.status,
            SessionStatus::Open | SessionStatus::Closed | SessionStatus::Returned
        ) {
            items.push(
                "tally_due",
                Some(cycle),
                (
                    "voting_session",
                    s.id,
                    format!("{branch} — phiên ngày {}", dmy(s.held_on)),
                ),
                if s.status == SessionStatus::Returned {
                    "Phiên bỏ phiếu bị cấp ủy trả lại: kiểm lại và hoàn tất lại".into()
                } else if s.mode == "electronic" {
                    "Kết thúc bỏ phiếu kín và hoàn tất kết quả".into()
                } else {
                    "Nhập phiếu kiểm phiếu và hoàn tất kết quả".into()
                },
                due("branch_meetings"),
                format!("/voting-sessions/{}", s.id),
            );
        }
    }
    Ok(())
}

/// The base committee's work (sessions to appraise, its dossiers to send), and the decisions
/// on them that fall to the committee above and to the province.
fn base_items(
    conn: &mut AnyConnection,
    p: &Actor,
    items: &mut Items,
    cycle: &cycles::Cycle,
    base: &organizations::Organization,
    due: &dyn Fn(&str) -> Option<NaiveDate>,
) -> Result<(), AppError> {
    let (org, path, name) = (base.id, base.path.as_str(), base.name.as_str());
    let year = cycle.year;
    if holds(p, Role::Committee, path) {
        let finalized = voting::of_cycle(conn, cycle.id)?
            .into_iter()
            .filter(|s| s.status == SessionStatus::Finalized)
            .count();
        if finalized > 0 {
            items.push(
                "appraisal_due",
                Some(cycle),
                ("cycle", cycle.id, format!("Đợt kiểm điểm năm {year}")),
                format!("{finalized} phiên bỏ phiếu của chi bộ đang chờ Đảng ủy thẩm định"),
                due("appraisal"),
                format!("/cycles/{}", cycle.id),
            );
        }
    }
    for kind in [DossierKind::Base, DossierKind::Leaders] {
        let Some(deadline) = due(kind.deadline_phase()) else {
            continue;
        };
        if kind == DossierKind::Leaders && key_cadre::of_cycle(conn, cycle.id)?.is_empty() {
            // No leaders reviewed: no leaders' dossier to send.
            continue;
        }
        let last = dossiers::history(conn, kind, org, year)?.pop();
        let status = last.as_ref().map(|s| s.status);
        let leaders = kind == DossierKind::Leaders;
        let (subject, route) = if leaders {
            (
                "leaders_dossier",
                format!("/dossiers/{org}/{year}?kind=leaders"),
            )
        } else {
            ("dossier", format!("/dossiers/{org}/{year}"))
        };
        let called = if leaders {
            format!("Hồ sơ cán bộ lãnh đạo năm {year}")
        } else {
            format!("Hồ sơ năm {year}")
        };
        if holds(p, Role::Committee, path) && SubmissionStatus::allows_resubmission(status) {
            let returned = status == Some(SubmissionStatus::Returned);
            items.push(
                match (leaders, returned) {
                    (false, false) => "dossier_due",
                    (false, true) => "dossier_returned",
                    (true, false) => "leaders_dossier_due",
                    (true, true) => "leaders_dossier_returned",
                },
                Some(cycle),
                (subject, org, name.to_owned()),
                match (returned, leaders) {
                    (true, _) => format!(
                        "{called} bị trả lại: {}",
                        last.and_then(|l| l.decision_comment).unwrap_or_default()
                    ),
                    (false, false) => format!(
                        "Nộp {} lên cấp trên trước ngày {}",
                        called.to_lowercase(),
                        dmy(deadline)
                    ),
                    (false, true) => format!(
                        "Nộp {} lên Tỉnh ủy trước ngày {}",
                        called.to_lowercase(),
                        dmy(deadline)
                    ),
                },
                Some(deadline),
                route,
            );
        } else if status == Some(SubmissionStatus::Submitted) {
            // Who decides is the decision's own rule (`dossiers::receiver`).
            if crate::dossiers::receiver(conn, base, kind)?
                .is_some_and(|r| holds(p, Role::Committee, &r.path))
            {
                items.push(
                    if leaders {
                        "leaders_dossier_to_decide"
                    } else {
                        "dossier_to_decide"
                    },
                    Some(cycle),
                    (subject, org, name.to_owned()),
                    format!("{called} của {name} đã nộp: tiếp nhận hoặc trả lại"),
                    None,
                    route,
                );
            }
        }
    }
    Ok(())
}

/// C.4: the cycle's review meetings notified to those above, until they are held.
fn meeting_notices(
    conn: &mut AnyConnection,
    items: &mut Items,
    cycle: &cycles::Cycle,
    name: &str,
) -> Result<(), AppError> {
    let now = crate::now_local();
    for m in review_meetings::of_cycle(conn, cycle.id)? {
        if m.notified_at.is_some() && m.held_at >= now {
            items.push(
                "review_meeting_notice",
                Some(cycle),
                ("review_meeting", m.id, m.subject.clone()),
                format!(
                    "Mời dự hội nghị của {name} — {}: {} ngày {} tại {}",
                    m.subject,
                    m.held_at.format("%H:%M"),
                    dmy(m.held_at.date()),
                    m.place
                ),
                Some(m.held_at.date()),
                format!("/cycles/{}", cycle.id),
            );
        }
    }
    Ok(())
}
