//! Scans of signed originals (issue #16): uploaded as the request body (PDF, JPEG or PNG, its
//! type in Content-Type, checked against the content), listed with the record they prove,
//! downloaded only as attachments.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use futures_util::StreamExt;
use kiemdiem_app::attachments::{self as app, AttachmentRecord, MAX_BYTES, Record, Upload};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// What the scan is, e.g. "Biên bản kiểm phiếu đã ký" (1–200 characters).
    pub title: Option<String>,
    /// The file's name on the uploader's machine (kept without its folders).
    pub file_name: Option<String>,
}

/// Reads the body (at most `MAX_BYTES`; 413 beyond) into an upload.
async fn upload(
    req: &HttpRequest,
    q: UploadQuery,
    mut payload: web::Payload,
) -> Result<Upload, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request(
                "unreadable_body",
                format!("Không đọc được tệp gửi lên: {e}"),
            )
        })?;
        if bytes.len() + chunk.len() > MAX_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Upload {
        title: q.title,
        file_name: q.file_name,
        declared: req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        bytes,
    })
}

/// Looks the record up before the upload is read (an unseen one costs nothing), then reads
/// the body and stores it in one write.
async fn receive(
    state: &AppState,
    p: Principal,
    req: &HttpRequest,
    q: UploadQuery,
    body: web::Payload,
    record: Record,
) -> Result<HttpResponse, ApiError> {
    state
        .run({
            let p = p.clone();
            move |conn| app::reachable(conn, &p, record)
        })
        .await?;
    let u = upload(req, q, body).await?;
    let out = state
        .write_app(move |conn| app::upload(conn, &p, record, &u))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Attach the scan of the signed tally minutes (or another signed record) to a session.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id"), UploadQuery),
    request_body(description = "The scan", content(
        (crate::import::FileBody = "application/pdf"),
        (crate::import::FileBody = "image/jpeg"),
        (crate::import::FileBody = "image/png"),
    )),
    responses(
        (status = 201, description = "Attached", body = AttachmentRecord),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No title, an empty file, not a PDF/JPEG/PNG, or a declared type that is not the content's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/voting-sessions/{sid}/attachments")]
pub async fn upload_to_session(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    q: web::Query<UploadQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    receive(&state, p, &req, q.into_inner(), body, Record::Session(sid)).await
}

/// The scans attached to a session.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "Scans, oldest first", body = [AttachmentRecord]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/voting-sessions/{sid}/attachments")]
pub async fn of_session(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let out = state
        .run(move |conn| app::of_session(conn, &p, sid))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Attach the scan of a signed report of the cycle (the committee running it).
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), UploadQuery),
    request_body(description = "The scan", content(
        (crate::import::FileBody = "application/pdf"),
        (crate::import::FileBody = "image/jpeg"),
        (crate::import::FileBody = "image/png"),
    )),
    responses(
        (status = 201, description = "Attached", body = AttachmentRecord),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee running the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No title, an empty file, not a PDF/JPEG/PNG, or a declared type that is not the content's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/attachments")]
pub async fn upload_to_cycle(
    req: HttpRequest,
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<UploadQuery>,
    body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    receive(&state, p, &req, q.into_inner(), body, Record::Cycle(id)).await
}

/// The scans attached to a cycle.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Scans, oldest first", body = [AttachmentRecord]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee running the cycle or one above it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/attachments")]
pub async fn of_cycle(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::of_cycle(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Download a scan: always as an attachment (never rendered by the API's origin), its
/// checksum in `Digest`-like `X-Content-SHA256`.
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The scan", content(
            (crate::import::FileBody = "application/pdf"),
            (crate::import::FileBody = "image/jpeg"),
            (crate::import::FileBody = "image/png"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scan the caller may read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/attachments/{id}")]
pub async fn download(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (a, bytes) = state.run(move |conn| app::download(conn, &p, id)).await?;
    let ascii = kiemdiem_domain::vietnamese::search_key(&a.file_name).replace(' ', "-");
    let encoded = utf8_percent_encode(&a.file_name, NON_ALPHANUMERIC);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, a.media_type.clone()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("X-Content-SHA256", a.sha256))
        .body(bytes))
}

/// Remove a scan attached by mistake (those who may attach it).
#[utoipa::path(
    tag = "dossiers",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Readable, but not the caller's to remove", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scan the caller may read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/attachments/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .write_app(move |conn| app::delete(conn, &p, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
