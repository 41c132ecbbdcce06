//! Limits that keep one client from starving the others: a token bucket per bearer token on the
//! expensive operations (reports, dossiers, imports, exports, the preview), answered with 429
//! and `Retry-After`; and 405 with `Allow` for a known path asked with a method it lacks.
//!
//! The buckets live in the process: with several instances behind a load balancer each keeps
//! its own (a client gets at most `instances ×` the limit); README "Deployment" says when to
//! move them to a shared store.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError, web};
use sha2::{Digest, Sha256};
use std::num::NonZeroU32;
use std::sync::OnceLock;

/// The expensive operations: method, path pattern, operation id (as in the OpenAPI document).
pub const EXPENSIVE: [(&str, &str, &str); 12] = [
    ("GET", "/api/v1/reports/statistics", "reports_statistics"),
    (
        "GET",
        "/api/v1/integration/dossiers/{org}/{year}",
        "integration_dossier",
    ),
    ("GET", "/api/v1/dossiers/{org}/{year}", "dossiers_get_one"),
    (
        "GET",
        "/api/v1/dossiers/{org}/{year}/archive",
        "dossiers_archive",
    ),
    (
        "GET",
        "/api/v1/dossiers/{org}/{year}/documents/{name}",
        "dossiers_document",
    ),
    (
        "POST",
        "/api/v1/dossiers/{org}/{year}/submit",
        "dossiers_submit",
    ),
    (
        "POST",
        "/api/v1/classification/preview",
        "classification_preview",
    ),
    ("GET", "/api/v1/members/export", "members_export"),
    ("POST", "/api/v1/members/import", "members_import"),
    (
        "POST",
        "/api/v1/members/history/import",
        "members_import_history",
    ),
    (
        "POST",
        "/api/v1/cycles/{id}/professional-ratings/import",
        "professional_ratings_import",
    ),
    (
        "GET",
        "/api/v1/voting-sessions/{sid}/minutes",
        "voting_minutes",
    ),
];

pub fn is_expensive_operation(operation_id: &str) -> bool {
    EXPENSIVE.iter().any(|(_, _, id)| *id == operation_id)
}

/// Whether a concrete path matches a pattern with `{name}` segments.
pub fn matches(pattern: &str, path: &str) -> bool {
    let mut p = pattern.split('/');
    let mut q = path.split('/');
    loop {
        match (p.next(), q.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.starts_with('{') && !b.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Expensive operations per key (a hash of the bearer token). One instance keeps its own
/// counts; a store shared by several instances (Redis, PostgreSQL — README) is a second
/// implementation of this trait, not a rewrite of its callers.
pub trait Limiter: Send + Sync {
    /// Takes one operation for `key`; `Some(seconds)` to wait when there is none left.
    fn take(&self, key: &str) -> Option<u64>;
}

/// GCRA buckets with `governor` (keyed, in memory): `per_minute` operations a minute, bursts up
/// to the same number.
pub struct RateLimiter {
    inner: governor::DefaultKeyedRateLimiter<[u8; 16]>,
}

/// Keys kept before forgetting those whose bucket has refilled.
const MAX_KEYS: usize = 100_000;

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        RateLimiter {
            inner: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
        }
    }
}

impl Limiter for RateLimiter {
    fn take(&self, key: &str) -> Option<u64> {
        use governor::clock::{Clock, DefaultClock};
        let digest = Sha256::digest(key.as_bytes());
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        if self.inner.len() > MAX_KEYS {
            // Full buckets carry no state worth keeping.
            self.inner.retain_recent();
        }
        match self.inner.check_key(&id) {
            Ok(()) => None,
            Err(not_until) => {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                Some(wait.as_secs_f64().ceil().max(1.0) as u64)
            }
        }
    }
}

/// The paths and methods of the API, from the OpenAPI document, for 405 answers.
fn routes() -> &'static Vec<(String, Vec<Method>)> {
    static ROUTES: OnceLock<Vec<(String, Vec<Method>)>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        crate::openapi::document()
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let mut methods = Vec::new();
                for (m, op) in [
                    (Method::GET, &item.get),
                    (Method::POST, &item.post),
                    (Method::PUT, &item.put),
                    (Method::PATCH, &item.patch),
                    (Method::DELETE, &item.delete),
                ] {
                    if op.is_some() {
                        methods.push(m);
                    }
                }
                if methods.contains(&Method::GET) {
                    methods.push(Method::HEAD);
                }
                (path.clone(), methods)
            })
            .collect()
    })
}

/// 405 with `Allow` when the path is the API's but not with this method; `None` otherwise.
pub fn method_not_allowed(method: &Method, path: &str) -> Option<HttpResponse> {
    // The most specific patterns only: `/members/export` before `/members/{id}`.
    let matching: Vec<&(String, Vec<Method>)> =
        routes().iter().filter(|(p, _)| matches(p, path)).collect();
    let fewest = matching.iter().map(|(p, _)| p.matches('{').count()).min();
    let allowed: Vec<&Method> = matching
        .iter()
        .filter(|(p, _)| Some(p.matches('{').count()) == fewest)
        .flat_map(|(_, m)| m.iter())
        .collect();
    if allowed.is_empty() || allowed.contains(&method) {
        return None;
    }
    let allow = allowed
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut res = ApiError::MethodNotAllowed(method.to_string()).error_response();
    if let Ok(v) = header::HeaderValue::from_str(&allow) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    Some(res)
}

/// The middleware: the expensive operations take a token from the caller's bucket.
pub async fn rate_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let expensive = EXPENSIVE
        .iter()
        .any(|(m, p, _)| req.method().as_str() == *m && matches(p, req.path()));
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let (true, Some(key)) = (expensive, key)
        && let Some(state) = req.app_data::<web::Data<AppState>>()
        && let Some(retry_after) = state.limiter.take(&key)
    {
        let res = ApiError::RateLimited { retry_after }.error_response();
        return Ok(req.into_response(res));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_segments() {
        assert!(matches(
            "/api/v1/dossiers/{org}/{year}",
            "/api/v1/dossiers/3/2016"
        ));
        assert!(!matches(
            "/api/v1/dossiers/{org}/{year}",
            "/api/v1/dossiers/3"
        ));
        assert!(!matches(
            "/api/v1/dossiers/{org}/{year}",
            "/api/v1/dossiers/3/2016/archive"
        ));
        assert!(!matches(
            "/api/v1/dossiers/{org}/{year}",
            "/api/v1/dossiers//2016"
        ));
    }

    #[test]
    fn a_bucket_refuses_past_its_size_and_names_the_wait() {
        let l = RateLimiter::new(3);
        assert_eq!([l.take("a"), l.take("a"), l.take("a")], [None, None, None]);
        // A fourth in the same instant: one token comes back in 60/3 = 20 seconds.
        assert_eq!(l.take("a"), Some(20));
        // Another token has its own bucket.
        assert_eq!(l.take("b"), None);
    }

    #[test]
    fn every_expensive_operation_is_in_the_document_at_its_path() {
        let doc = crate::openapi::document();
        for (method, path, id) in EXPENSIVE {
            let item = doc
                .paths
                .paths
                .get(path)
                .unwrap_or_else(|| panic!("{path}"));
            let op = match method {
                "GET" => &item.get,
                _ => &item.post,
            };
            assert_eq!(
                op.as_ref().and_then(|o| o.operation_id.as_deref()),
                Some(id),
                "{method} {path}"
            );
        }
    }
}
