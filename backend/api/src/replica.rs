//! Reports, dossiers and exports read from a PostgreSQL streaming replica when one is given
//! (`KIEMDIEM_REPLICA_URL`, issue #18), so that the primary keeps its connections for the
//! work that writes:
//!
//! - **Read your writes.** Whoever has just sent a request that may write (any method but GET,
//!   HEAD and OPTIONS) reads from the primary for `KIEMDIEM_REPLICA_STICKY` seconds (default
//!   5): their report shows what they just did.
//! - **Lag.** A monitor compares, every 250 ms, the primary's log position with the replica's
//!   replayed one. The replica is used only while it has replayed everything the primary had
//!   written `KIEMDIEM_REPLICA_MAX_LAG` seconds ago (default 5) — measured in time, not bytes,
//!   so a paused or slow replay shows whatever the load.
//! - **Down.** A replica that cannot be reached is not used; a read that fails on it is read
//!   again from the primary.
//!
//! Answers say where they were read (`X-Kiemdiem-Read-From: replica | primary`).

use crate::error::ApiError;
use actix_web::HttpResponse;
use kiemdiem_store::{Pool, replication};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where a read was answered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Primary,
    Replica,
}

impl Source {
    pub const HEADER: &'static str = "X-Kiemdiem-Read-From";

    /// The answer, saying where it was read.
    pub fn mark(self, mut res: HttpResponse) -> HttpResponse {
        res.headers_mut().insert(
            actix_web::http::header::HeaderName::from_static("x-kiemdiem-read-from"),
            actix_web::http::header::HeaderValue::from_static(match self {
                Source::Primary => "primary",
                Source::Replica => "replica",
            }),
        );
        res
    }
}

/// The replica's pool and what decides whether to read from it.
pub struct Replica {
    pub pool: Pool,
    usable: AtomicBool,
    /// Who sent a request that may write, for `sticky` seconds.
    writers: moka::sync::Cache<String, ()>,
    max_lag: Duration,
}

impl Replica {
    pub fn new(pool: Pool, max_lag: Duration, sticky: Duration) -> Replica {
        Replica {
            pool,
            // Unknown until the monitor has looked.
            usable: AtomicBool::new(false),
            writers: moka::sync::Cache::builder()
                .max_capacity(100_000)
                .time_to_live(sticky)
                .build(),
            max_lag,
        }
    }

    /// `subject` (a token's subject) has sent a request that may write.
    pub fn wrote(&self, subject: String) {
        self.writers.insert(subject, ());
    }

    /// Whether `subject`'s reads may go to the replica now.
    pub fn serves(&self, subject: &str) -> bool {
        self.usable.load(Ordering::SeqCst) && !self.writers.contains_key(subject)
    }

    fn set_usable(&self, usable: bool, why: &str) {
        if self.usable.swap(usable, Ordering::SeqCst) != usable {
            if usable {
                tracing::info!("replica in use for reports");
            } else {
                tracing::warn!(
                    reason = why,
                    "replica not used: reports read from the primary"
                );
            }
        }
    }
}

/// Who a principal is, as its tokens name it (`user:7`, `service:2`).
pub fn subject(p: &kiemdiem_app::Actor) -> String {
    match (p.user_id, p.service_account_id) {
        (Some(id), _) => format!("user:{id}"),
        (None, Some(id)) => format!("service:{id}"),
        (None, None) => p.username.clone(),
    }
}

/// Watches the replica's lag against the primary, every 250 ms.
pub fn spawn_monitor(primary: Pool, replica: Arc<Replica>) {
    actix_web::rt::spawn(async move {
        // The primary's log positions not yet replayed, each with when it was first seen.
        let mut unreplayed: VecDeque<(Instant, u64)> = VecDeque::new();
        let mut tick = tokio::time::interval(Duration::from_millis(250));
        loop {
            tick.tick().await;
            let (p, r) = (primary.clone(), replica.pool.clone());
            let read =
                crate::blocking::run(move || -> Result<(Option<u64>, Option<u64>), String> {
                    let mut pc = p.get().map_err(|e| e.to_string())?;
                    let primary =
                        replication::primary_position(&mut pc).map_err(|e| e.to_string())?;
                    let mut rc = r.get().map_err(|e| e.to_string())?;
                    let replayed =
                        replication::replayed_position(&mut rc).map_err(|e| e.to_string())?;
                    Ok((primary, replayed))
                })
                .await;
            match read {
                Ok(Ok((Some(at), Some(replayed)))) => {
                    if unreplayed.back().is_none_or(|(_, last)| *last < at) {
                        unreplayed.push_back((Instant::now(), at));
                    }
                    while unreplayed.front().is_some_and(|(_, lsn)| *lsn <= replayed) {
                        unreplayed.pop_front();
                    }
                    let behind = unreplayed
                        .front()
                        .map_or(Duration::ZERO, |(since, _)| since.elapsed());
                    replica.set_usable(behind <= replica.max_lag, "lagging");
                }
                Ok(Ok((_, None))) => replica.set_usable(false, "not a standby"),
                Ok(Ok((None, _))) => replica.set_usable(false, "the primary is in recovery"),
                Ok(Err(_)) | Err(_) => {
                    unreplayed.clear();
                    replica.set_usable(false, "unreachable");
                }
            }
        }
    });
}

/// Whether a failed read is worth reading again from the primary (the replica's fault).
pub fn retry_on_primary(e: &ApiError) -> bool {
    use actix_web::ResponseError;
    e.status_code().is_server_error()
}
