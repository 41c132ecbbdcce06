//! Webhook delivery: events come from the outbox (written in the transaction of the change);
//! a background worker claims due deliveries (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so
//! several instances can run it), POSTs them signed, and retries with exponential backoff.
//!
//! Each request carries `X-Kiemdiem-Event`, `X-Kiemdiem-Delivery` and
//! `X-Kiemdiem-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; a
//! receiver recomputes the HMAC over the timestamp, a dot and the raw body, compares in
//! constant time, and refuses old timestamps. Receivers are reached over HTTPS (TLS 1.2 or 1.3,
//! the receiver's certificate checked against the public roots and the CAs of
//! `KIEMDIEM_WEBHOOK_CA_FILE`, e.g. the province's own) or plain HTTP inside the party's
//! network.

use crate::error::ApiError;
use crate::state::AppState;
use chrono::{NaiveDateTime, Utc};
use kiemdiem_store::webhooks as store;
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;

/// The events a subscription may ask for.
pub const EVENTS: [&str; 5] = [
    "cycle.stage_changed",
    "classification.finalized",
    "classification.approved",
    "dossier.submitted",
    "reward.nominated",
];

/// After this many attempts a delivery is `failed` (it can still be redelivered by hand).
pub const MAX_ATTEMPTS: i32 = 8;

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length: new_from_slice cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        unreachable!("HMAC accepts keys of every length")
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signature header's value for a body sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mac = hmac_sha256(secret.as_bytes(), format!("{timestamp}.{body}").as_bytes());
    format!("t={timestamp},v1={}", hex(&mac))
}

/// Backoff before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at 2 hours.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let secs = 30i64 << attempts.clamp(0, 8);
    chrono::Duration::seconds(secs.min(7200))
}

/// Where a receiver is: `http[s]://host[:port]/path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub tls: bool,
    pub host: String,
    pub port: u16,
    pub path: String,
}

/// Splits `http://host[:port]/path` or `https://…` (no user info, no fragment), and only a URL
/// the HTTP client can send to (a path in plain ASCII, percent-encoded otherwise).
pub fn parse_url(url: &str) -> Option<Target> {
    awc::http::Uri::try_from(url).ok()?;
    let (tls, rest) = match url.strip_prefix("https://") {
        Some(rest) => (true, rest),
        None => (false, url.strip_prefix("http://")?),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (authority, if tls { 443 } else { 80 }),
    };
    let plain = |s: &str| !s.chars().any(|c| c.is_whitespace() || c.is_control());
    (!host.is_empty() && !host.contains('@') && !path.contains('#') && plain(host) && plain(path))
        .then(|| Target {
            tls,
            host: host.to_owned(),
            port,
            path: path.to_owned(),
        })
}

/// How long a receiver has to connect and answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The HTTP client of one round of deliveries: awc (actix's client, on the server's own
/// actix-http) with the trust of `crate::tls`, 10 s to connect, to finish the TLS handshake
/// and to answer, and no redirect followed (a receiver answering 3xx has not received the
/// event; following it could lead anywhere).
fn client(tls: &crate::tls::Tls) -> awc::Client {
    awc::Client::builder()
        .connector(
            awc::Connector::new()
                .rustls_0_23(Arc::clone(&tls.0))
                .timeout(TIMEOUT)
                .handshake_timeout(TIMEOUT),
        )
        .timeout(TIMEOUT)
        .disable_redirects()
        .no_default_headers()
        .add_default_header(("user-agent", "kiemdiem-webhooks"))
        .finish()
}

/// POSTs the body; the HTTP status, or what went wrong. Header names go out as written
/// (`X-Kiemdiem-Event`), for receivers that compare them case-sensitively.
async fn post(
    client: &awc::Client,
    url: &str,
    headers: &[(&str, String)],
    body: &str,
) -> Result<u16, String> {
    parse_url(url).ok_or("unsupported URL")?;
    let mut req = client
        .post(url)
        .camel_case()
        .content_type("application/json");
    for (k, v) in headers {
        req = req.insert_header((*k, v.as_str()));
    }
    let res = req.send_body(body.to_owned()).await.map_err(|e| {
        use awc::error::{ConnectError, SendRequestError};
        match e {
            SendRequestError::Timeout | SendRequestError::Connect(ConnectError::Timeout) => {
                "timed out after 10 s".to_owned()
            }
            // rustls reports a refused handshake (an unknown issuer, a wrong name) as
            // invalid data on the connection.
            SendRequestError::Connect(ConnectError::Io(io))
                if io.kind() == std::io::ErrorKind::InvalidData =>
            {
                format!("TLS: {io}")
            }
            other => other.to_string(),
        }
    })?;
    Ok(res.status().as_u16())
}

/// Delivers what is due at `at`; returns how many were attempted. The worker calls it every
/// few seconds; tests call it with the time they need.
pub async fn deliver_due(state: &AppState, at: NaiveDateTime) -> Result<usize, ApiError> {
    let ids = state
        .write(move |conn| Ok(store::claim_due(conn, at, 50, 60)?))
        .await?;
    let client = client(&state.webhook_tls);
    for id in &ids {
        let id = *id;
        let Some((delivery, sub, event)) =
            state.db(move |conn| Ok(store::delivery(conn, id)?)).await?
        else {
            continue;
        };
        let timestamp = Utc::now().timestamp();
        let headers = [
            ("X-Kiemdiem-Event", event.event.clone()),
            ("X-Kiemdiem-Delivery", delivery.id.to_string()),
            (
                "X-Kiemdiem-Signature",
                signature(&sub.secret, timestamp, &event.payload),
            ),
        ];
        let outcome = post(&client, &sub.url, &headers, &event.payload).await;
        let (status, error, ok) = match outcome {
            Ok(s) if (200..300).contains(&s) => (Some(i32::from(s)), None, true),
            Ok(s) => (Some(i32::from(s)), Some(format!("HTTP {s}")), false),
            Err(e) => (None, Some(e), false),
        };
        let retry_at =
            (!ok && delivery.attempts + 1 < MAX_ATTEMPTS).then(|| at + backoff(delivery.attempts));
        if !ok {
            tracing::warn!(delivery = id, error = ?error, "webhook delivery failed");
        }
        state
            .write(move |conn| {
                Ok(store::record(
                    conn,
                    id,
                    status,
                    error.as_deref(),
                    ok,
                    retry_at,
                )?)
            })
            .await?;
    }
    Ok(ids.len())
}

/// The background worker: every 2 seconds, what is due.
pub fn spawn_worker(state: AppState) {
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            if let Err(e) = deliver_due(&state, Utc::now().naive_utc()).await {
                tracing::warn!(error = %e, "webhook worker");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 240);
        assert_eq!(backoff(9).num_seconds(), 7200);
    }

    #[test]
    fn urls() {
        let t = |tls, host: &str, port, path: &str| {
            Some(Target {
                tls,
                host: host.into(),
                port,
                path: path.into(),
            })
        };
        assert_eq!(
            parse_url("http://10.0.0.5:8081/hooks/kd"),
            t(false, "10.0.0.5", 8081, "/hooks/kd")
        );
        assert_eq!(
            parse_url("http://tinh.local"),
            t(false, "tinh.local", 80, "/")
        );
        assert_eq!(
            parse_url("https://tinh.local/x"),
            t(true, "tinh.local", 443, "/x")
        );
        assert_eq!(
            parse_url("https://tinh.local:8443"),
            t(true, "tinh.local", 8443, "/")
        );
        for bad in [
            "ftp://tinh.local/",
            "https://",
            "https://user@tinh.local/",
            "http://tinh.local:port/",
            "http://tinh.local/a b",
            "http://tinh.local/a#b",
            "http://tinh.local/a\r\nX-Injected: 1",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }
}
