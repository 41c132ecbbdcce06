//! The base organisation's yearly dossier as a record (D4, D5): its status per year, what a
//! submission would hold now, submitting it to the superior before the plan's date (late ones
//! flagged) and the superior's decision. The documents themselves are `crate::dossier`.
//!
//! The same for its leaders' dossier to the province (plan II.5, RULES.md P1, kind `leaders`,
//! `crate::dossier::leaders`): its own numbering, its deadline (`province_dossiers`, 15/12)
//! and its decider.
//!
//! Who: those who read the base (its committees, the committees above, inspection, the
//! provincial system) see the dossier and download it; the base's committee submits; the
//! committee directly above the base decides on the base's dossier, the province's committee
//! on the leaders' dossier.

use crate::actor::Actor;
use crate::dossier::{self, Manifest};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_domain::dossier::{DossierKind, SubmissionStatus};
use kiemdiem_store::dossiers as store;
use kiemdiem_store::{AnyConnection, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubmissionRecord {
    /// 1 for the first submission, one more after each return.
    pub number: i32,
    /// submitted, returned or accepted.
    pub status: String,
    pub deadline: Option<NaiveDate>,
    /// Submitted after the deadline (Vietnam's date).
    pub late: bool,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    /// Hex SHA-256 of the archived ZIP.
    pub archive_sha256: String,
    pub documents: usize,
    pub missing: Vec<dossier::MissingItem>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_comment: Option<String>,
}

fn record(s: store::Submission) -> SubmissionRecord {
    let manifest: Option<Manifest> = serde_json::from_str(&s.manifest).ok();
    SubmissionRecord {
        number: s.number,
        status: s.status.to_string(),
        deadline: s.deadline,
        late: s.late,
        submitted_by: s.submitted_by,
        submitted_at: s.submitted_at.and_utc(),
        archive_sha256: s.archive_sha256,
        documents: manifest.as_ref().map_or(0, |m| m.documents.len()),
        missing: manifest.map(|m| m.missing).unwrap_or_default(),
        decided_by: s.decided_by,
        decided_at: s.decided_at.map(|d| d.and_utc()),
        decision_comment: s.decision_comment,
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DossierStatus {
    pub organization_id: i64,
    pub name: String,
    pub year: i32,
    /// The base's review cycle of the year, if any.
    pub cycle_id: Option<i64>,
    /// base or leaders (plan II.5).
    pub kind: String,
    /// The plan's date for this dossier (`district_summary`; the leaders' `province_dossiers`).
    pub deadline: Option<NaiveDate>,
    /// not_submitted, submitted, returned or accepted.
    pub status: String,
    /// Not (re)submitted and the deadline has passed.
    pub overdue: bool,
    /// The latest submission was late.
    pub late: bool,
    pub latest: Option<SubmissionRecord>,
}

fn status_of(
    kind: DossierKind,
    org: &organizations::Organization,
    year: i32,
    cycle: Option<(i64, Option<NaiveDate>)>,
    latest: Option<store::Submission>,
) -> DossierStatus {
    let deadline = cycle.and_then(|(_, d)| d);
    let latest = latest.map(record);
    let status = latest
        .as_ref()
        .map_or_else(|| "not_submitted".to_owned(), |l| l.status.clone());
    let waiting = matches!(status.as_str(), "not_submitted" | "returned");
    DossierStatus {
        kind: kind.as_str().into(),
        organization_id: org.id,
        name: org.name.clone(),
        year,
        cycle_id: cycle.map(|(c, _)| c),
        deadline,
        overdue: waiting && deadline.is_some_and(|d| crate::today() > d),
        late: latest.as_ref().is_some_and(|l| l.late),
        status,
        latest,
    }
}

/// A base by id that the caller reads; 404 otherwise (and for what is not a base).
fn readable_base(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<organizations::Organization, AppError> {
    organizations::get(conn, id)?
        .filter(|o| o.kind == "base" && p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DossierDetail {
    #[serde(flatten)]
    pub status: DossierStatus,
    /// What a submission now would hold: the documents (sizes, checksums) and what is missing.
    pub preview: Manifest,
    /// Every submission, the first first.
    pub submissions: Vec<SubmissionRecord>,
}

fn assembled(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    org_id: i64,
    year: i32,
) -> Result<(organizations::Organization, dossier::Data), AppError> {
    let base = readable_base(conn, p, org_id)?;
    let (cycle, deadline) = dossier::cycle_of(conn, base.id, year, kind)?.ok_or_else(|| {
        AppError::conflict(
            "no_cycle",
            format!("{} chưa có đợt kiểm điểm năm {year}", base.name),
        )
    })?;
    let data = dossier::load(conn, base.clone(), cycle, deadline)?;
    Ok((base, data))
}

/// The documents of that kind of dossier, as a submission now would hold them.
fn bundle(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    data: &dossier::Data,
) -> Result<dossier::Bundle, AppError> {
    match kind {
        DossierKind::Base => dossier::assemble(data, &p.actor()),
        DossierKind::Leaders => dossier::leaders::assemble(conn, data, &p.actor()),
    }
}

/// The dossier's name in messages.
fn called(kind: DossierKind) -> &'static str {
    match kind {
        DossierKind::Base => "Hồ sơ",
        DossierKind::Leaders => "Hồ sơ kiểm điểm cán bộ lãnh đạo",
    }
}

/// The dossiers of that kind of the bases under an organisation: status, deadline, late and
/// overdue.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    organization_id: i64,
    year: i32,
) -> Result<Vec<DossierStatus>, AppError> {
    let org = organizations::get(conn, organization_id)?
        .filter(|o| p.access.can_read_org(&o.path))
        .ok_or_else(AppError::not_found)?;
    let bases: Vec<organizations::Organization> = organizations::subtree(conn, &org.path)?
        .into_iter()
        .filter(|o| o.kind == "base")
        .collect();
    let ids: Vec<i64> = bases.iter().map(|b| b.id).collect();
    let mut latest = store::latest_of(conn, kind, year, &ids)?;
    let mut out = Vec::new();
    for b in &bases {
        let cycle = dossier::cycle_of(conn, b.id, year, kind)?.map(|(c, d)| (c.id, d));
        let l = latest
            .iter()
            .position(|s| s.organization_id == b.id)
            .map(|i| latest.swap_remove(i));
        out.push(status_of(kind, b, year, cycle, l));
    }
    Ok(out)
}

/// A base's dossier of that kind: its status, what a submission would hold now, and every
/// submission.
pub fn detail(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    org_id: i64,
    year: i32,
) -> Result<DossierDetail, AppError> {
    let (base, data) = assembled(conn, p, kind, org_id, year)?;
    let bundle = bundle(conn, p, kind, &data)?;
    let history = store::history(conn, kind, base.id, year)?;
    Ok(DossierDetail {
        status: status_of(
            kind,
            &base,
            year,
            Some((data.cycle.id, data.deadline)),
            history.last().cloned(),
        ),
        preview: bundle.manifest,
        submissions: history.into_iter().map(record).collect(),
    })
}

/// The dossier as one ZIP: the archive last submitted while it is with the superior or
/// accepted, otherwise a draft assembled now. (bytes, draft, the base's code)
pub fn archive(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    org_id: i64,
    year: i32,
) -> Result<(Vec<u8>, bool, String), AppError> {
    let base = readable_base(conn, p, org_id)?;
    if let Some(s) = store::history(conn, kind, base.id, year)?
        .into_iter()
        .next_back()
        .filter(|s| s.status != SubmissionStatus::Returned)
    {
        return Ok((store::archive(conn, s.id)?, false, base.code));
    }
    let (base, data) = assembled(conn, p, kind, org_id, year)?;
    Ok((bundle(conn, p, kind, &data)?.zip()?, true, base.code))
}

/// One document of the dossier, built now from the current records; 404 for a name the
/// manifest does not hold (or not available yet). With `pdf`, the document printed as PDF
/// (`dossier::Data::pdf`): 404 for one that has no printed form.
pub fn document(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    name: &str,
    pdf: bool,
) -> Result<Vec<u8>, AppError> {
    let report = kiemdiem_domain::party_report::Kind::ALL
        .into_iter()
        .any(|k| dossier::report_file(k) == name);
    if kiemdiem_domain::dossier::document(name).is_none() && !report {
        return Err(AppError::not_found());
    }
    let (_, data) = assembled(conn, p, DossierKind::Base, org_id, year)?;
    if pdf && !report {
        return data.pdf(name)?.ok_or_else(AppError::not_found);
    }
    let bundle = dossier::assemble(&data, &p.actor())?;
    bundle
        .file(name)
        .map(<[u8]>::to_vec)
        .ok_or_else(AppError::not_found)
}

/// One PDF of the leaders' dossier (plan II.5), built now; 404 for a name it does not hold
/// (a leader's self-review not submitted yet included).
pub fn leaders_document(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    name: &str,
) -> Result<Vec<u8>, AppError> {
    let (_, data) = assembled(conn, p, DossierKind::Leaders, org_id, year)?;
    dossier::leaders::document(conn, &data, name)?.ok_or_else(AppError::not_found)
}

/// The base's committee submits the dossier to the superior (the leaders' dossier to the
/// province): the ZIP is archived with its manifest and checksum, late when after the plan's
/// date; `dossier.submitted` is sent (with its `kind`).
pub fn submit(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    org_id: i64,
    year: i32,
) -> Result<DossierStatus, AppError> {
    let base = readable_base(conn, p, org_id)?;
    if !p.access.runs(&base.path) {
        return Err(AppError::forbidden("Đảng ủy cơ sở nộp hồ sơ của mình"));
    }
    // Two submissions at once: the second waits here and then finds the first (409), rather
    // than both reading a returned dossier and both writing the next one.
    organizations::lock(conn, base.id)?;
    let history = store::history(conn, kind, base.id, year)?;
    if let Some(l) = history
        .last()
        .filter(|l| !SubmissionStatus::allows_resubmission(Some(l.status)))
    {
        return Err(AppError::conflict(
            "already_submitted",
            if l.status == SubmissionStatus::Accepted {
                format!("{} đã được cấp trên tiếp nhận", called(kind))
            } else {
                format!("{} đã nộp, đang chờ cấp trên xem xét", called(kind))
            },
        ));
    }
    let (base, data) = assembled(conn, p, kind, org_id, year)?;
    let bundle = bundle(conn, p, kind, &data)?;
    let blocking: Vec<String> = bundle
        .manifest
        .missing
        .iter()
        .filter(|m| m.blocking)
        .map(|m| format!("{}: {}", m.rule, m.reason))
        .collect();
    if !blocking.is_empty() {
        return Err(AppError::conflict(
            "dossier_incomplete",
            format!("{} còn thiếu: {}", called(kind), blocking.join("; ")),
        ));
    }
    let zip = bundle.zip()?;
    let sha = dossier::sha256_hex(&zip);
    let manifest =
        serde_json::to_string(&bundle.manifest).map_err(|e| AppError::Internal(e.to_string()))?;
    let today = crate::today();
    let late = data.deadline.is_some_and(|d| today > d);
    let id = store::submit(
        conn,
        &store::NewSubmission {
            kind,
            organization_id: base.id,
            year,
            deadline: data.deadline,
            late,
            submitted_by: &p.actor(),
            submitted_at: kiemdiem_store::organizations::now(),
            archive: &zip,
            archive_sha256: &sha,
            manifest: &manifest,
        },
    )?;
    let history = store::history(conn, kind, base.id, year)?;
    let out = status_of(
        kind,
        &base,
        year,
        Some((data.cycle.id, data.deadline)),
        history.last().cloned(),
    );
    kiemdiem_store::webhooks::emit(
        conn,
        "dossier.submitted",
        &base.path,
        &serde_json::json!({
            "event": "dossier.submitted", "kind": kind.as_str(),
            "organization_id": base.id, "year": year,
            "submission": out.latest.as_ref().map(|l| l.number), "late": late,
            "deadline": data.deadline, "archive_sha256": sha,
        })
        .to_string(),
    )?;
    p.audit("submit", audited(kind))
        .id(id)
        .org(base.path.clone())
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// The audit log's object.
fn audited(kind: DossierKind) -> &'static str {
    match kind {
        DossierKind::Base => "dossier",
        DossierKind::Leaders => "leaders_dossier",
    }
}

/// The superior's decision on a submitted dossier, checked before anything is read.
#[derive(Debug, Clone)]
pub struct Decision {
    decision: kiemdiem_domain::dossier::Decision,
    comment: Option<String>,
}

impl Decision {
    /// `decision`: accept, or return (with a comment: what to fix).
    pub fn parse(decision: &str, comment: Option<&str>) -> Result<Decision, AppError> {
        let comment = kiemdiem_domain::text::non_blank(comment);
        let decision = match kiemdiem_domain::dossier::Decision::parse(decision) {
            Some(d) if d.needs_comment() && comment.is_none() => {
                return Err(AppError::field(
                    "comment",
                    "required",
                    "Trả lại hồ sơ cần ghi rõ nội dung phải bổ sung",
                ));
            }
            Some(d) => d,
            None => {
                return Err(AppError::field(
                    "decision",
                    "invalid_choice",
                    "accept hoặc return",
                ));
            }
        };
        Ok(Decision { decision, comment })
    }
}

/// The organisation whose committee receives and decides on that kind of dossier of the base:
/// the one directly above for its yearly dossier, the province for its leaders' (plan II.5).
pub fn receiver(
    conn: &mut AnyConnection,
    base: &organizations::Organization,
    kind: DossierKind,
) -> Result<Option<organizations::Organization>, AppError> {
    Ok(match kind {
        DossierKind::Base => match base.parent_id {
            Some(id) => organizations::get(conn, id)?,
            None => None,
        },
        DossierKind::Leaders => organizations::by_ids(conn, &base.ancestry())?
            .into_iter()
            .find(|o| o.kind == "province"),
    })
}

/// The committee that receives it accepts the submitted dossier or returns it with a
/// comment (the base then submits again): the committee directly above the base for its
/// dossier, the province's committee for the leaders' dossier (plan II.5).
pub fn decide(
    conn: &mut AnyConnection,
    p: &Actor,
    kind: DossierKind,
    org_id: i64,
    year: i32,
    d: &Decision,
) -> Result<DossierStatus, AppError> {
    let (decision, comment) = (d.decision, d.comment.clone());
    let base = readable_base(conn, p, org_id)?;
    if !receiver(conn, &base, kind)?.is_some_and(|o| p.access.runs(&o.path)) {
        return Err(AppError::forbidden(match kind {
            DossierKind::Base => "Cấp ủy cấp trên trực tiếp tiếp nhận hoặc trả lại hồ sơ",
            DossierKind::Leaders => "Tỉnh ủy tiếp nhận hoặc trả lại hồ sơ cán bộ lãnh đạo",
        }));
    }
    let last = store::history(conn, kind, base.id, year)?
        .pop()
        .filter(|l| l.status == SubmissionStatus::Submitted)
        .ok_or_else(|| AppError::conflict("not_submitted", "Không có hồ sơ đang chờ xem xét"))?;
    if store::decide(conn, last.id, decision.to(), &p.actor(), comment.as_deref())? == 0 {
        return Err(AppError::conflict(
            "not_submitted",
            "Hồ sơ vừa được người khác xử lý",
        ));
    }
    let cycle = dossier::cycle_of(conn, base.id, year, kind)?.map(|(c, d)| (c.id, d));
    let latest = store::history(conn, kind, base.id, year)?.pop();
    let out = status_of(kind, &base, year, cycle, latest);
    p.audit(decision.as_str(), audited(kind))
        .id(last.id)
        .org(base.path.clone())
        .after(&out)
        .record(conn)?;
    Ok(out)
}
