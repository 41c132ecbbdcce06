//! The base organisation's yearly dossier (D4): assembled from the year's records, previewed,
//! submitted to the superior before the plan's date (late ones flagged), returned with a
//! comment or accepted. Every submission keeps its ZIP (D5: archived) and its checksum.
//!
//! Who: those who read the base (its committees, the committees above, inspection, the
//! provincial system) see the dossier and download it; the base's committee (or above)
//! submits; the committee above the base decides.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::dossier;
use kiemdiem_app::dossiers::{self as app, DossierDetail, DossierStatus};
use kiemdiem_domain::dossier::DossierKind;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DossierListQuery {
    /// A base, or a district or province: its bases.
    pub organization_id: i64,
    pub year: i32,
    /// base (default): the yearly dossiers to the committee above; leaders: the leaders'
    /// dossiers to the province (plan II.5).
    pub kind: Option<String>,
}

/// The `kind` of a list query; 422 for an unknown one.
fn kind_of(kind: Option<&str>) -> Result<DossierKind, ApiError> {
    match kind {
        None => Ok(DossierKind::Base),
        Some(k) => DossierKind::parse(k).ok_or_else(|| {
            ApiError::Validation(vec![crate::error::FieldError {
                field: "kind".into(),
                code: "invalid_choice".into(),
                message: "base hoặc leaders".into(),
            }])
        }),
    }
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
        (status = 422, description = "An unknown kind", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<DossierListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let kind = kind_of(q.kind.as_deref())?;
    let out = state
        .run(move |conn| app::list(conn, &p, kind, q.organization_id, q.year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
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
    detail(p, state, DossierKind::Base, path.into_inner()).await
}

async fn detail(
    p: Principal,
    state: web::Data<AppState>,
    kind: DossierKind,
    (org_id, year): (i64, i32),
) -> Result<HttpResponse, ApiError> {
    let subject = crate::replica::subject(&p);
    let (out, from) = state
        .report(&subject, move |conn| {
            app::detail(conn, &p, kind, org_id, year)
        })
        .await?;
    Ok(from.mark(HttpResponse::Ok().json(out)))
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
    zip(p, state, DossierKind::Base, path.into_inner()).await
}

async fn zip(
    p: Principal,
    state: web::Data<AppState>,
    kind: DossierKind,
    (org_id, year): (i64, i32),
) -> Result<HttpResponse, ApiError> {
    let (bytes, draft, code) = state
        .run(move |conn| app::archive(conn, &p, kind, org_id, year))
        .await?;
    let name = format!(
        "ho-so-{}{}-{year}{}.zip",
        if kind == DossierKind::Leaders {
            "lanh-dao-"
        } else {
            ""
        },
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
        DocumentQuery,
    ),
    responses(
        (status = 200, description = "The document (DOCX, XLSX, or the PDF of an approved report; with format=pdf the document printed as PDF)", content_type = "application/octet-stream", body = crate::import::FileBody),
        (status = 400, description = "A query that cannot be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base in the caller's scope, or no such document (or not available yet)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}/documents/{name}")]
pub async fn document(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
    q: web::Query<DocumentQuery>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year, name) = path.into_inner();
    let pdf = match q.into_inner().format.as_deref() {
        None => false,
        Some("pdf") => true,
        Some(_) => {
            return Err(ApiError::Validation(vec![crate::error::FieldError {
                field: "format".into(),
                code: "invalid_format".into(),
                message: "Định dạng phải là pdf, hoặc bỏ trống để tải tệp gốc".into(),
            }]));
        }
    };
    let bytes = state
        .run({
            let name = name.clone();
            move |conn| app::document(conn, &p, org_id, year, &name, pdf)
        })
        .await?;
    if pdf {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        return Ok(crate::http::attachment(
            bytes,
            kiemdiem_app::pdf::MIME,
            &format!("{stem}.pdf"),
        ));
    }
    Ok(crate::http::attachment(
        bytes,
        dossier::media_type(&name),
        &name,
    ))
}

/// How a dossier document is downloaded.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// pdf: the document printed as PDF (01, 02, 03, 04, 05, 07); absent: the file itself.
    pub format: Option<String>,
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
    send(p, state, DossierKind::Base, path.into_inner()).await
}

async fn send(
    p: Principal,
    state: web::Data<AppState>,
    kind: DossierKind,
    (org_id, year): (i64, i32),
) -> Result<HttpResponse, ApiError> {
    let out = state
        .write_app(move |conn| app::submit(conn, &p, kind, org_id, year))
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
    decision(p, state, DossierKind::Base, path.into_inner(), body.0).await
}

async fn decision(
    p: Principal,
    state: web::Data<AppState>,
    kind: DossierKind,
    (org_id, year): (i64, i32),
    b: DossierDecision,
) -> Result<HttpResponse, ApiError> {
    let decision = app::Decision::parse(&b.decision, b.comment.as_deref())?;
    let out = state
        .write_app(move |conn| app::decide(conn, &p, kind, org_id, year, &decision))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

// Plan II.5 (RULES.md P1): the leaders' dossier to the province, the same way.

/// The base's leaders' dossier to the province (plan II.5): its status, what a submission
/// would hold now (the approved collective report, the leaders' meetings, their opinions and
/// classification, each leader's self-review, all as PDF) and every submission.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 200, description = "The leaders' dossier", body = DossierDetail),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}/leaders")]
pub async fn leaders_get(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    detail(p, state, DossierKind::Leaders, path.into_inner()).await
}

/// The leaders' dossier as one ZIP with `manifest.json` (its `kind` is leaders): the archive
/// last submitted while it is with the province or accepted, otherwise a draft assembled now
/// (`X-Dossier-Draft: true`).
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
#[get("/dossiers/{org}/{year}/leaders/archive")]
pub async fn leaders_archive(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    zip(p, state, DossierKind::Leaders, path.into_inner()).await
}

/// One document of the leaders' dossier as PDF, built now from the current records (to read
/// or print).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(
        ("org" = i64, Path, description = "Base organisation id"),
        ("year" = i32, Path, description = "Year"),
        ("name" = String, Path, description = "A file name from the manifest, e.g. 02-bien-ban-hoi-nghi-kiem-diem-lanh-dao.pdf"),
    ),
    responses(
        (status = 200, description = "The document (PDF)", content_type = "application/pdf", body = crate::import::FileBody),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base in the caller's scope, or no such document (or not available yet)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The base has no review cycle that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/dossiers/{org}/{year}/leaders/documents/{name}")]
pub async fn leaders_document(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32, String)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year, name) = path.into_inner();
    let bytes = state
        .run({
            let name = name.clone();
            move |conn| app::leaders_document(conn, &p, org_id, year, &name)
        })
        .await?;
    Ok(crate::http::attachment(
        bytes,
        kiemdiem_app::pdf::MIME,
        &name,
    ))
}

/// The base's committee submits the leaders' dossier to the province (plan II.5, before the
/// `province_dossiers` phase ends, 15/12; late ones flagged): archived with its manifest and
/// checksum; `dossier.submitted` is sent with `kind` leaders.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 201, description = "Submitted", body = DossierStatus),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the base's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already with the province or accepted, no cycle, or something blocking is missing (named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dossiers/{org}/{year}/leaders/submit")]
pub async fn leaders_submit(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    send(p, state, DossierKind::Leaders, path.into_inner()).await
}

/// The province's committee accepts the submitted leaders' dossier or returns it with a
/// comment (the base then submits again).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Base organisation id"), ("year" = i32, Path, description = "Year")),
    request_body = DossierDecision,
    responses(
        (status = 200, description = "Decided", body = DossierStatus),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the province's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such base organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing submitted to decide on", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown decision, or a return without a comment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/dossiers/{org}/{year}/leaders/decision")]
pub async fn leaders_decide(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
    body: ValidatedJson<DossierDecision>,
) -> Result<HttpResponse, ApiError> {
    decision(p, state, DossierKind::Leaders, path.into_inner(), body.0).await
}
