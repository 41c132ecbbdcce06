//! `Idempotency-Key` on POST (integration clients retry over bad networks): the first answer
//! to a key, per caller, is kept and replayed for the same request (`Idempotency-Replayed:
//! true`); the same key with another request is a 422 and changes nothing. Server errors are
//! not kept, so a retry after one runs again.

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

pub const HEADER: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotency-replayed");
/// Requests larger than this are not kept (imports stream from disk instead).
const MAX_KEPT_BODY: usize = 64 * 1024 * 1024;

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
    let res = next.call(req).await?.map_into_boxed_body();
    if res.status().is_server_error() {
        return Ok(res);
    }
    let (req, res) = res.into_parts();
    let (head, out) = res.into_parts();
    let bytes = actix_web::body::to_bytes(out)
        .await
        .map_err(|_| ApiError::Internal("unreadable response body".into()))?;
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let content_type = head
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("application/json")
            .to_owned();
        let (status, text) = (i32::from(head.status().as_u16()), text.to_owned());
        state
            .db(move |conn| {
                Ok(kiemdiem_store::idempotency::keep(
                    conn,
                    &subject,
                    &key,
                    &hash,
                    status,
                    &content_type,
                    &text,
                )?)
            })
            .await?;
    }
    Ok(ServiceResponse::new(
        req,
        head.set_body(BoxBody::new(bytes)),
    ))
}
