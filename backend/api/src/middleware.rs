//! The request context: an id for every request (in logs, the `X-Request-Id` header and any
//! 500 answer), one log line per request, and panics turned into a 500 problem.

use crate::error::{ApiError, REQUEST_ID};
use crate::state::AppState;
use crate::stored::{body_tag, tag_listed};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError, web};
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::time::Instant;
use tracing::Instrument;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// An answer slower than this is logged at warn, with its time, so that a server logging at
/// `warn` (as in production and `make bench`) still names its slow answers (issue #18).
const SLOW_REQUEST_MS: f64 = 250.0;

/// Accepts a caller's id when it is short and plain; otherwise makes one.
fn request_id_of(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
}

pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let id = request_id_of(&req);
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        path = %req.path()
    );
    // Named again in the warnings: at `warn` the span above is off, and its fields with it.
    let (method, path) = (req.method().clone(), req.path().to_owned());
    // No clone of the request may be held while it travels: actix needs it unshared.
    let started = Instant::now();
    let outcome = REQUEST_ID
        .scope(id.clone(), AssertUnwindSafe(next.call(req)).catch_unwind())
        .instrument(span.clone())
        .await;
    let header_value = HeaderValue::from_str(&id).ok();
    let result = match outcome {
        Ok(Ok(res)) => {
            let mut res = res.map_into_boxed_body();
            if let Some(v) = header_value {
                res.headers_mut().insert(REQUEST_ID_HEADER, v);
            }
            Ok(res)
        }
        // Both are answered with a response made here, inside the request's scope, so that
        // the problem carries the request id.
        Ok(Err(err)) => {
            let response = REQUEST_ID.sync_scope(id.clone(), || err.error_response());
            Err(answered(err.to_string(), response, header_value))
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let response = span.in_scope(|| {
                REQUEST_ID.sync_scope(id.clone(), || {
                    ApiError::Internal(format!("panic: {message}")).error_response()
                })
            });
            Err(answered(message, response, header_value))
        }
    };
    let status = match &result {
        Ok(res) => res.status(),
        Err(e) => e.as_response_error().status_code(),
    }
    .as_u16();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(request_id = %id, %method, %path, status, elapsed_ms, "request failed");
        } else if elapsed_ms >= SLOW_REQUEST_MS {
            tracing::warn!(request_id = %id, %method, %path, status, elapsed_ms, "request slow");
        } else {
            tracing::info!(status, elapsed_ms, "request served");
        }
    });
    result
}

fn answered(cause: String, mut response: HttpResponse, id: Option<HeaderValue>) -> Error {
    if let Some(v) = id {
        response.headers_mut().insert(REQUEST_ID_HEADER, v);
    }
    InternalError::from_response(cause, response).into()
}

/// Conditional GETs for mobile clients: every successful JSON answer to a GET carries a strong
/// `ETag` (a hash of the body, unless the handler set one: a record's version, or a cached
/// answer's hash), and a request whose `If-None-Match` names it gets `304 Not Modified` with
/// no body. Where the hash is computed here, the server saves the client's bandwidth, not its
/// own work.
pub async fn conditional_get(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    use actix_web::http::{Method, StatusCode, header};
    let is_get = req.method() == Method::GET;
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let res = next.call(req).await?.map_into_boxed_body();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_get || res.status() != StatusCode::OK || !json {
        return Ok(res);
    }
    let (req, res) = res.into_parts();
    let (mut head, body) = res.into_parts();
    let given = head
        .headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (tag, body) = match given {
        Some(tag) => (tag, body),
        None => {
            let bytes = actix_web::body::to_bytes(body)
                .await
                .map_err(|_| ApiError::Internal("unreadable response body".into()))?;
            (body_tag(&bytes), BoxBody::new(bytes))
        }
    };
    let matches = if_none_match.is_some_and(|v| tag_listed(&v, &tag));
    let value = HeaderValue::from_str(&tag).map_err(|e| ApiError::Internal(e.to_string()))?;
    head.headers_mut().insert(header::ETAG, value);
    head.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if matches {
        let mut not_modified = head.set_body(BoxBody::new(()));
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        not_modified.headers_mut().remove(header::CONTENT_TYPE);
        return Ok(ServiceResponse::new(req, not_modified));
    }
    Ok(ServiceResponse::new(req, head.set_body(body)))
}

/// Whether the client takes gzip (`Accept-Encoding` names `gzip` or `*` without `q=0`).
pub fn accepts_gzip(req: &actix_web::HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
}

/// CORS for the origins in `AppState::cors_origins` (KIEMDIEM_CORS_ORIGINS): a preflight from
/// one of them is answered here (204); their other requests go on and get
/// `Access-Control-Allow-Origin`. Requests from any other origin pass untouched, so the
/// browser refuses them. Tokens travel in `Authorization`, never in cookies: no credentials.
pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let allowed = origin.filter(|o| {
        req.app_data::<web::Data<AppState>>()
            .is_some_and(|s| s.cors_origins.iter().any(|a| a == o))
    });
    let Some(origin) = allowed else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let value = header::HeaderValue::from_str(&origin)
        .unwrap_or_else(|_| header::HeaderValue::from_static("null"));
    let preflight = req.method() == actix_web::http::Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let res = HttpResponse::NoContent()
            .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, value))
            .insert_header((
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "GET, HEAD, POST, PUT, PATCH, DELETE",
            ))
            .insert_header((
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key",
            ))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"))
            .insert_header((header::VARY, "Origin"))
            .finish();
        return Ok(req.into_response(res));
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        header::HeaderValue::from_static(
            "ETag, Location, Retry-After, Content-Disposition, X-Request-Id, X-Dossier-Draft",
        ),
    );
    h.append(header::VARY, header::HeaderValue::from_static("Origin"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::middleware::from_fn;
    use actix_web::{App, test};
    use std::sync::{Arc, Mutex};

    /// What the server logs at `warn`, as its log file would hold it.
    #[derive(Clone, Default)]
    struct Logged(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Logged {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A server logging at `warn` (production, `make bench`) names its slow answers with their
    /// path and time, and stays quiet about the others (issue #18: the bench's stalls were
    /// found by these lines).
    #[actix_web::test]
    async fn a_slow_answer_is_logged_at_warn_with_its_path() {
        let logged = Logged::default();
        let writer = logged.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::WARN)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(from_fn(request_context))
                .route(
                    "/slow",
                    web::get().to(|| async {
                        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
                        HttpResponse::Ok().finish()
                    }),
                )
                .route("/fast", web::get().to(HttpResponse::Ok)),
        )
        .await;
        for path in ["/fast", "/slow", "/fast"] {
            let res =
                test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
            assert!(res.status().is_success());
        }
        let text = String::from_utf8(logged.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "{text}");
        assert!(
            lines[0].contains("WARN") && lines[0].contains("request slow"),
            "{text}"
        );
        assert!(
            lines[0].contains("path=/slow") && lines[0].contains("method=GET"),
            "{text}"
        );
        let ms: f64 = lines[0]
            .split("elapsed_ms=")
            .nth(1)
            .and_then(|v| v.split_whitespace().next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(ms >= 300.0, "{text}");
    }
}
