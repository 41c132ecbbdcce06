//! The base organisation's yearly dossier (D4): assembled from the year's records, previewed,
//! submitted to the superior before the plan's date (late ones flagged), returned with a
//! comment or accepted. Every submission keeps its ZIP (D5: archived) and its checksum.
//!
//! Who: those who read the base (its committees, the committees above, inspection, the
//! provincial system) see the dossier and download it; the base's committee (or above)
//! submits; the committee above the base decides.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use kiemdiem_app::dossier::{self, DOCUMENTS, Manifest};
use kiemdiem_store::dossiers as store;
use kiemdiem_store::{AnyConnection, audit, organizations};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

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
        status: s.status,
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
    /// The plan's date for the summary to the superior (`district_summary`).
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
        organization_id: org.id,
        name: org.name.clone(),
        year,
        cycle_id: cycle.map(|(c, _)| c),
        deadline,
        overdue: waiting && deadline.is_some_and(|d| kiemdiem_app::today() > d),
        late: latest.as_ref().is_some_and(|l| l.late),
        status,
        latest,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DossierListQuery {
    /// A base, or a district or province: its bases.
    pub organization_id: i64,
    pub year: i32,
}

/// A base by id that the caller reads; 404 otherwise (and for what is not a base).
fn readable_base(
    conn: &mut AnyConnection,
    p: &Principal,
    id: i64,
) -> Result<organizations::Organization, ApiError> {
    organizations::get(conn, id)?
        .filter(|o| o.kind == "base" && p.access.can_read_org(&o.path))
        .ok_or_else(ApiError::not_found)
}

/// The dossiers of the bases under an organisation: status, deadline, late and overdue.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(DossierListQuery),
    responses(
        (status = 200, description = "One line per base, in the organisations' order", body = [DossierStatus]),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<DossierListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let out = state
        .db(move |conn| {
            let org = organizations::get(conn, q.organization_id)?
                .filter(|o| p.access.can_read_org(&o.path))
                .ok_or_else(ApiError::not_found)?;
            let bases: Vec<organizations::Organization> = organizations::subtree(conn, &org.path)?
                .into_iter()
                .filter(|o| o.kind == "base")
                .collect();
            let ids: Vec<i64> = bases.iter().map(|b| b.id).collect();
            let mut latest = store::latest_of(conn, q.year, &ids)?;
            let mut out = Vec::new();
            for b in &bases {
                let cycle = dossier::cycle_of(conn, b.id, q.year)?.map(|(c, d)| (c.id, d));
                let l = latest
                    .iter()
                    .position(|s| s.organization_id == b.id)
                    .map(|i| latest.swap_remove(i));
                out.push(status_of(b, q.year, cycle, l));
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
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
    p: &Principal,
    org_id: i64,
    year: i32,
) -> Result<(organizations::Organization, dossier::Data), ApiError> {
    let base = readable_base(conn, p, org_id)?;
    let (cycle, deadline) = dossier::cycle_of(conn, base.id, year)?.ok_or_else(|| {
        ApiError::conflict(
            "no_cycle",
            format!("{} chưa có đợt kiểm điểm năm {year}", base.name),
        )
    })?;
    let data = dossier::load(conn, base.clone(), cycle, deadline)?;
    Ok((base, data))
}

/// A base's dossier: its status, what a submission would hold now, and every submission.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 200, description = "The dossier", body = DossierDetail),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year) = path.into_inner();
    let out = state
        .db(move |conn| {
            let (base, data) = assembled(conn, &p, org_id, year)?;
            let bundle = dossier::assemble(&data, &p.actor())?;
            let history = store::history(conn, base.id, year)?;
            Ok(DossierDetail {
                status: status_of(
                    &base,
                    year,
                    Some((data.cycle.id, data.deadline)),
                    history.last().cloned(),
                ),
                preview: bundle.manifest,
                submissions: history.into_iter().map(record).collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// The dossier as one ZIP with `manifest.json`: the archive last submitted while it is with
/// the superior or accepted, otherwise a draft assembled now (`X-Dossier-Draft: true`).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 200, description = "The ZIP", content_type = "application/zip", body = crate::import::FileBody),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}/archive")]
pub async fn archive(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year) = path.into_inner();
    let (bytes, draft, code) = state
        .db(move |conn| {
            let base = readable_base(conn, &p, org_id)?;
            if let Some(s) = store::history(conn, base.id, year)?
                .into_iter()
                .next_back()
                .filter(|s| s.status != "returned")
            {
                return Ok((store::archive(conn, s.id)?, false, base.code));
            }
            let (base, data) = assembled(conn, &p, org_id, year)?;
            Ok((
                dossier::assemble(&data, &p.actor())?.zip()?,
                true,
                base.code,
            ))
        })
        .await?;
    let name = format!(
        "ho-so-{}-{year}{}.zip",
        code.to_lowercase(),
        if draft { "-ban-nhap" } else { "" }
    );
    let mut r = crate::http::attachment(bytes, "application/zip", &name);
    r.headers_mut().insert(
        header::HeaderName::from_static("x-dossier-draft"),
        header::HeaderValue::from_static(if draft { "true" } else { "false" }),
    );
    Ok(r)
}

/// One document of the dossier, built now from the current records (to read or print).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(
        ("org" = i64, Path, description = "Base organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("name" = String, Path, description = "A file name from the manifest, e.g. 03-bang-tong-hop-xep-loai-can-bo.xlsx"),
    ),
    responses(
        (status = 200, description = "The document (DOCX or XLSX)", content_type = "application/octet-stream", body = crate::import::FileBody),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base in the caller's scope, or no such document (or not available yet)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}/documents/{name}")]
pub async fn document(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year, name) = path.into_inner();
    if !DOCUMENTS.iter().any(|(n, _, _)| *n == name) {
        return Err(ApiError::not_found());
    }
    let bytes = state
        .db({
            let name = name.clone();
            move |conn| {
                let (_, data) = assembled(conn, &p, org_id, year)?;
                let bundle = dossier::assemble(&data, &p.actor())?;
                bundle
                    .file(&name)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(ApiError::not_found)
            }
        })
        .await?;
    Ok(crate::http::attachment(
        bytes,
        dossier::media_type(&name),
        &name,
    ))
}

/// The base's committee submits the dossier to the superior: the ZIP is archived with its
/// manifest and checksum, late when after the plan's date; `dossier.submitted` is sent.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 201, description = "Submitted", body = DossierStatus),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the base's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already with the superior or accepted, no cycle, or something blocking is missing (named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dossiers/{org}/{year}/submit")]
pub async fn submit(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year) = path.into_inner();
    let out = state
        .write(move |conn| {
            let base = readable_base(conn, &p, org_id)?;
            if !p.access.runs(&base.path) {
                return Err(ApiError::forbidden("Đảng ủy cơ sở nộp hồ sơ của mình"));
            }
            let history = store::history(conn, base.id, year)?;
            if let Some(l) = history.last().filter(|l| l.status != "returned") {
                return Err(ApiError::conflict(
                    "already_submitted",
                    if l.status == "accepted" {
                        "Hồ sơ đã được cấp trên tiếp nhận"
                    } else {
                        "Hồ sơ đã nộp, đang chờ cấp trên xem xét"
                    },
                ));
            }
            let (base, data) = assembled(conn, &p, org_id, year)?;
            let bundle = dossier::assemble(&data, &p.actor())?;
            let blocking: Vec<String> = bundle
                .manifest
                .missing
                .iter()
                .filter(|m| m.blocking)
                .map(|m| format!("{}: {}", m.rule, m.reason))
                .collect();
            if !blocking.is_empty() {
                return Err(ApiError::conflict(
                    "dossier_incomplete",
                    format!("Hồ sơ còn thiếu: {}", blocking.join("; ")),
                ));
            }
            let zip = bundle.zip()?;
            let sha = dossier::sha256_hex(&zip);
            let manifest = serde_json::to_string(&bundle.manifest)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let today = kiemdiem_app::today();
            let late = data.deadline.is_some_and(|d| today > d);
            let id = store::submit(
                conn,
                &store::NewSubmission {
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
            let history = store::history(conn, base.id, year)?;
            let out = status_of(
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
                    "event": "dossier.submitted", "organization_id": base.id, "year": year,
                    "submission": out.latest.as_ref().map(|l| l.number), "late": late,
                    "deadline": data.deadline, "archive_sha256": sha,
                })
                .to_string(),
            )?;
            let mut e = p.audit("submit", "dossier");
            e.entity_id = Some(id.to_string());
            e.organization_path = Some(base.path.clone());
            e.after = serde_json::to_value(&out).ok();
            audit::record(conn, e)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DossierDecision {
    /// accept or return.
    pub decision: String,
    /// Required to return: what to fix.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The committee above the base accepts the submitted dossier or returns it with a comment
/// (the base then submits again).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    request_body = DossierDecision,
    responses(
        (status = 200, description = "Decided", body = DossierStatus),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee above the base", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing submitted to decide on", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown decision, or a return without a comment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dossiers/{org}/{year}/decision")]
pub async fn decide(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
    body: ValidatedJson<DossierDecision>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year) = path.into_inner();
    let b = body.0;
    let comment = b
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let status = match b.decision.as_str() {
        "accept" => "accepted",
        "return" if comment.is_some() => "returned",
        "return" => {
            return Err(ApiError::Validation(vec![FieldError {
                field: "comment".into(),
                code: "required".into(),
                message: "Trả lại hồ sơ cần ghi rõ nội dung phải bổ sung".into(),
            }]));
        }
        _ => {
            return Err(ApiError::Validation(vec![FieldError {
                field: "decision".into(),
                code: "invalid_choice".into(),
                message: "accept hoặc return".into(),
            }]));
        }
    };
    let out = state
        .write(move |conn| {
            let base = readable_base(conn, &p, org_id)?;
            let parent = base
                .parent_id
                .map(|id| organizations::get(conn, id))
                .transpose()?
                .flatten();
            if !parent.is_some_and(|o| p.access.runs(&o.path)) {
                return Err(ApiError::forbidden(
                    "Cấp ủy cấp trên trực tiếp tiếp nhận hoặc trả lại hồ sơ",
                ));
            }
            let last = store::history(conn, base.id, year)?
                .pop()
                .filter(|l| l.status == "submitted")
                .ok_or_else(|| {
                    ApiError::conflict("not_submitted", "Không có hồ sơ đang chờ xem xét")
                })?;
            if store::decide(conn, last.id, status, &p.actor(), comment.as_deref())? == 0 {
                return Err(ApiError::conflict(
                    "not_submitted",
                    "Hồ sơ vừa được người khác xử lý",
                ));
            }
            let cycle = dossier::cycle_of(conn, base.id, year)?.map(|(c, d)| (c.id, d));
            let latest = store::history(conn, base.id, year)?.pop();
            let out = status_of(&base, year, cycle, latest);
            let mut e = p.audit(
                if status == "accepted" {
                    "accept"
                } else {
                    "return"
                },
                "dossier",
            );
            e.entity_id = Some(last.id.to_string());
            e.organization_path = Some(base.path.clone());
            e.after = serde_json::to_value(&out).ok();
            audit::record(conn, e)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
