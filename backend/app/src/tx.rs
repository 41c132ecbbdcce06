//! Write transactions and the preconditions of a write, in one place (issues #13, #14): the
//! Idempotency-Key claim they take first — a request that carries a key claims it *inside* the
//! transaction of its work, so two requests with one key never both run — and the `If-Match`
//! a write checks against the record it changes ([`IfMatch`], 428/412), so that a replayed or a
//! concurrent write does nothing twice and overwrites nothing unseen. The HTTP middleware (`kiemdiem_api::idempotency`) makes the claim and
//! keeps the answer; every write transaction — `AppState::write` and the imports, which run
//! their own — goes through [`claimed_tx`].

use crate::error::AppError;
use kiemdiem_store::AnyConnection;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A key a request holds, per caller, with the hash of its request.
pub struct Claim {
    pub subject: String,
    pub key: String,
    pub hash: String,
    /// The claim was committed with the work.
    claimed: AtomicBool,
    /// Another request holds the key: this one did nothing.
    lost: AtomicBool,
}

/// 409: another request with the same key is being handled.
pub fn in_progress() -> AppError {
    AppError::conflict(
        "idempotency_in_progress",
        "Một yêu cầu khác với cùng Idempotency-Key đang được xử lý; thử lại sau",
    )
}

impl Claim {
    pub fn new(subject: String, key: String, hash: String) -> Claim {
        Claim {
            subject,
            key,
            hash,
            claimed: AtomicBool::new(false),
            lost: AtomicBool::new(false),
        }
    }

    /// Takes the key in the caller's transaction.
    pub fn take(&self, conn: &mut AnyConnection) -> Result<(), AppError> {
        // PostgreSQL: a duplicate in flight is refused at once instead of waiting (holding a
        // pooled connection) for the first one's transaction to end.
        if !kiemdiem_store::idempotency::try_lock(conn, &self.subject, &self.key)? {
            self.lost.store(true, Ordering::SeqCst);
            return Err(in_progress());
        }
        match kiemdiem_store::idempotency::claim(conn, &self.subject, &self.key, &self.hash) {
            Ok(()) => Ok(()),
            Err(kiemdiem_store::StoreError::Unique(_)) => {
                self.lost.store(true, Ordering::SeqCst);
                Err(in_progress())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the transaction that took the key committed.
    pub fn is_claimed(&self) -> bool {
        self.claimed.load(Ordering::SeqCst)
    }

    /// Whether another request held the key (this one did nothing).
    pub fn is_lost(&self) -> bool {
        self.lost.load(Ordering::SeqCst)
    }
}

/// One write transaction that first takes the request's claim, if any.
pub fn claimed_tx<T, E, F>(
    conn: &mut AnyConnection,
    claim: Option<&Arc<Claim>>,
    f: F,
) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<AppError> + From<kiemdiem_store::StoreError>,
{
    let out = kiemdiem_store::db::write_tx(conn, |conn| {
        if let Some(c) = claim {
            c.take(conn)?;
        }
        f(conn)
    });
    if let (Ok(_), Some(c)) = (&out, claim) {
        c.claimed.store(true, Ordering::SeqCst);
    }
    out
}

tokio::task_local! {
    /// The key of the request being handled, if any (set by the API's idempotency middleware
    /// around the request; read by every write transaction the request runs).
    pub static CLAIM: Arc<Claim>;
}

/// The claim a write transaction of this request must take first, if not taken yet.
pub fn pending() -> Option<Arc<Claim>> {
    CLAIM.try_with(Arc::clone).ok().filter(|c| !c.is_claimed())
}

/// The `If-Match` of a write (RFC 9110 §13.1.1): absent, `*` (any version), or a list of tags.
/// Checked inside the write's transaction against the tag of the record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    Absent,
    Any,
    Tags(String),
}

impl IfMatch {
    /// The header's value, as sent.
    pub fn parse(value: Option<&str>) -> IfMatch {
        match value.map(str::trim) {
            None => IfMatch::Absent,
            Some("*") => IfMatch::Any,
            Some(tags) => IfMatch::Tags(tags.to_owned()),
        }
    }

    /// 428 where the write requires a precondition and none was sent.
    pub fn required(&self) -> Result<(), AppError> {
        match self {
            IfMatch::Absent => Err(AppError::PreconditionRequired),
            _ => Ok(()),
        }
    }

    /// 412 unless the record's current tag is one of those sent (`*` and no header match any).
    pub fn check(&self, current: &str) -> Result<(), AppError> {
        match self {
            IfMatch::Absent | IfMatch::Any => Ok(()),
            IfMatch::Tags(tags) if strong_listed(tags, current) => Ok(()),
            IfMatch::Tags(_) => Err(AppError::PreconditionFailed),
        }
    }
}

/// If-Match compares strongly (RFC 9110 §13.1.1): a weak tag (`W/…`) never matches.
fn strong_listed(header_value: &str, tag: &str) -> bool {
    header_value
        .split(',')
        .map(str::trim)
        .any(|t| t == tag || t == "*")
}

/// Whether an `If-None-Match` value (`*` or a list of tags, weak or strong)
/// names this tag.
pub fn tag_listed(header_value: &str, tag: &str) -> bool {
    header_value
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == tag || t == "*")
}

/// The strong `ETag` of a body: its SHA-256, first 128 bits, base64url, quoted.
pub fn body_tag(bytes: &[u8]) -> String {
    use sha2::Digest;
    digest_tag(&sha2::Sha256::digest(bytes)[..])
}

/// The tag of a body hashed as it was written ([`body_tag`] of the same bytes).
pub fn digest_tag(digest: &[u8]) -> String {
    use base64::Engine;
    format!(
        "\"{}\"",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_requires_names_and_refuses() {
        let tag = "\"m7-v3\"";
        assert!(matches!(
            IfMatch::parse(None).required(),
            Err(AppError::PreconditionRequired)
        ));
        assert!(IfMatch::parse(Some(" * ")).check(tag).is_ok());
        assert!(IfMatch::parse(Some("\"x\", \"m7-v3\"")).check(tag).is_ok());
        // Strong comparison (RFC 9110): a weak tag of the same value does not match.
        assert!(matches!(
            IfMatch::parse(Some("W/\"m7-v3\"")).check(tag),
            Err(AppError::PreconditionFailed)
        ));
        assert!(matches!(
            IfMatch::parse(Some("\"m7-v2\"")).check(tag),
            Err(AppError::PreconditionFailed)
        ));
    }
}
