//! Write transactions and the Idempotency-Key claim they take first (issue #13): a request
//! that carries a key claims it *inside* the transaction of its work, so two requests with one
//! key never both run. The HTTP middleware (`kiemdiem_api::idempotency`) makes the claim and
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
