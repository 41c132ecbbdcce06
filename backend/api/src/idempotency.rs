//! `Idempotency-Key` on POST (integration clients retry over bad networks): the first answer
//! to a key, per caller, is kept and replayed for the same request (`Idempotency-Replayed:
//! true`); the same key with another request is a 422 and changes nothing.
//!
//! Issue #13: the key is claimed *inside the transaction of the work* (`AppState::write`
//! inserts it first), so two requests with one key never both run: the second waits for the
//! first's transaction and is answered 409 `idempotency_in_progress` (or, once the answer is
//! kept, the replay). A server error with nothing written is not kept, so a retry runs again.
//! Never kept, and the key ignored: the authentication endpoints (their answers are tokens)
//! and ballots (a kept ballot would link the voter to their choices). Secrets in other
//! answers (`client_secret`, `secret`, tokens) are kept as `null`: a replay tells that the
//! request succeeded, never the secret.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, web};
use futures_util::StreamExt;
use sha2::Digest;
use std::sync::Arc;

pub const HEADER: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotency-replayed");
/// Requests larger than this are not kept (imports stream from disk instead).
const MAX_KEPT_BODY: usize = 64 * 1024 * 1024;

/// A claim older than this whose answer was never kept: the outcome is unknown.
const STALE_CLAIM_MINUTES: i64 = 15;

use kiemdiem_app::tx::{CLAIM, Claim};

fn in_progress() -> ApiError {
    kiemdiem_app::tx::in_progress().into()
}

/// Whether the key is ignored and nothing kept for this path.
fn never_kept(path: &str) -> bool {
    path.starts_with("/api/v1/auth/")
        || (path.starts_with("/api/v1/voting-sessions/") && path.ends_with("/ballot"))
}

/// The answer as kept: JSON with every secret field set to null.
fn without_secrets(text: &str) -> String {
    fn scrub(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if crate::auth::SECRET_FIELDS.contains(&k.as_str()) {
                        *v = serde_json::Value::Null;
                    } else {
                        scrub(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut v) => {
            scrub(&mut v);
            v.to_string()
        }
        Err(_) => text.to_owned(),
    }
}

fn key_error(message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError {
        field: "Idempotency-Key".into(),
        code: "idempotency_key_reused".into(),
        message: message.into(),
    }])
}

/// A problem answered here, as a response (like a handler's), not as a middleware error.
fn answer(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    use actix_web::ResponseError;
    req.into_response(e.error_response())
}

pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let key = req
        .headers()
        .get(&HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (Some(key), true) = (key, req.method() == Method::POST) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    // The path as the router reads it, decoded: `…/ballo%74` routes to the ballot too.
    let decoded = percent_encoding::percent_decode_str(req.path()).decode_utf8_lossy();
    if never_kept(&decoded) || never_kept(req.path()) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(answer(
            req,
            ApiError::bad_request(
                "bad_idempotency_key",
                "Idempotency-Key: 1 đến 255 ký tự ASCII in được",
            ),
        ));
    }
    // Without a valid caller the handler answers 401 itself; nothing is kept.
    let Ok(p) = req.extract::<Principal>().await else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let subject = match (p.user_id, p.service_account_id) {
        (Some(u), _) => format!("user:{u}"),
        (_, Some(c)) => format!("client:{c}"),
        _ => return Ok(next.call(req).await?.map_into_boxed_body()),
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let mut payload = req.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let Ok(chunk) = chunk else {
            return Ok(answer(
                req,
                ApiError::bad_request("unreadable_body", "Không đọc được nội dung gửi lên"),
            ));
        };
        if body.len() + chunk.len() > MAX_KEPT_BODY {
            return Ok(answer(req, ApiError::PayloadTooLarge));
        }
        body.extend_from_slice(&chunk);
    }
    let body = body.freeze();
    let mut hasher = sha2::Sha256::new();
    hasher.update(req.path().as_bytes());
    hasher.update(b"?");
    hasher.update(req.query_string().as_bytes());
    hasher.update(b"\n");
    hasher.update(
        req.headers()
            .get(header::CONTENT_TYPE)
            .map(HeaderValue::as_bytes)
            .unwrap_or_default(),
    );
    hasher.update(b"\n");
    hasher.update(&body);
    let hash = format!("{:x}", hasher.finalize());
    let found = {
        let (subject, key) = (subject.clone(), key.clone());
        state
            .db(move |conn| Ok(kiemdiem_store::idempotency::get(conn, &subject, &key)?))
            .await
    };
    let found = match found {
        Ok(f) => f,
        Err(e) => return Ok(answer(req, e)),
    };
    if let Some(kept) = found {
        if kept.request_hash != hash {
            return Ok(answer(
                req,
                key_error("Khóa này đã dùng cho một yêu cầu khác; dùng khóa mới"),
            ));
        }
        if kept.status == kiemdiem_store::idempotency::IN_PROGRESS {
            // The work committed but its answer was never kept (the client went away, the
            // server stopped): after a while say so, rather than "in progress" for ever.
            let age = kiemdiem_store::organizations::now() - kept.created_at;
            if age > chrono::Duration::minutes(STALE_CLAIM_MINUTES) {
                return Ok(answer(
                    req,
                    ApiError::conflict(
                        "idempotency_outcome_unknown",
                        "Yêu cầu với khóa này đã được thực hiện nhưng câu trả lời không được lưu; hãy kiểm tra kết quả và dùng khóa mới nếu cần",
                    ),
                ));
            }
            return Ok(answer(req, in_progress()));
        }
        let status = u16::try_from(kept.status)
            .ok()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::OK);
        let res = HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, kept.content_type))
            .insert_header((REPLAYED, "true"))
            .body(kept.body);
        return Ok(req.into_response(res));
    }
    req.set_payload(actix_web::dev::Payload::from(body));
    let claim = Arc::new(Claim::new(subject.clone(), key.clone(), hash.clone()));
    let res = CLAIM
        .scope(claim.clone(), next.call(req))
        .await?
        .map_into_boxed_body();
    let claimed = claim.is_claimed();
    // Lost: another request holds the key and this one did nothing. A server error that
    // wrote nothing is not kept: a retry runs again.
    if claim.is_lost() || (res.status().is_server_error() && !claimed) {
        return Ok(res);
    }
    let (req, res) = res.into_parts();
    let (head, out) = res.into_parts();
    let bytes = actix_web::body::to_bytes(out)
        .await
        .map_err(|_| ApiError::Internal("unreadable response body".into()))?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => without_secrets(text),
        // A binary answer (a file) is not kept; a claimed key keeps its status, no body.
        Err(_) if claimed => String::new(),
        Err(_) => {
            return Ok(ServiceResponse::new(
                req,
                head.set_body(BoxBody::new(bytes)),
            ));
        }
    };
    let content_type = head
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_owned();
    let status = i32::from(head.status().as_u16());
    let kept = state
        .db(move |conn| {
            if claimed {
                kiemdiem_store::idempotency::finish(
                    conn,
                    &subject,
                    &key,
                    status,
                    &content_type,
                    &text,
                )?;
            } else {
                kiemdiem_store::idempotency::keep(
                    conn,
                    &subject,
                    &key,
                    &hash,
                    status,
                    &content_type,
                    &text,
                )?;
            }
            Ok(())
        })
        .await;
    // The work is done (and committed when claimed): its answer goes to the client even if
    // keeping it failed; a retry then finds the claim (in progress, then outcome unknown).
    if let Err(e) = kept {
        tracing::warn!(error = %e, "an Idempotency-Key answer could not be kept");
    }
    Ok(ServiceResponse::new(
        req,
        head.set_body(BoxBody::new(bytes)),
    ))
}
