//! What every handler can reach: the database pool, the token keys, the login throttle.

use crate::auth::jwt::Keys;
use crate::auth::throttle::Throttle;
use crate::error::ApiError;
use kiemdiem_store::generation::{Cache, Touched};
use kiemdiem_store::{AnyConnection, Pool, members};
use std::sync::Arc;
use std::time::Duration;

/// Expensive operations a token may ask for in a minute (KIEMDIEM_RATE_LIMIT overrides).
pub const DEFAULT_EXPENSIVE_PER_MINUTE: u32 = 120;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// A streaming replica for reports, dossiers and exports (crate::replica), if any.
    pub replica: Option<Arc<crate::replica::Replica>>,
    pub keys: Arc<Keys>,
    pub throttle: Arc<Throttle>,
    /// Wrong current passwords at `POST /auth/password`, per user (apart from the logins').
    pub password_throttle: Arc<Throttle>,
    /// Expensive operations per bearer token (crate::limits).
    pub limiter: Arc<dyn crate::limiter::Limiter>,
    /// At most this many password hashes at once, so a login flood cannot take every core.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// At most this many reports, dossiers and exports read at once (issue #18): a district's
    /// statistics read its 9,600 members and their results (PostgreSQL's parallel workers
    /// then take both cores for 100–300 ms); more at once stalled every page behind them.
    /// The others wait their turn.
    pub reports_gate: Arc<tokio::sync::Semaphore>,
    /// Member list pages computed at once: three per core (issue #18). A page is CPU work for
    /// the server and PostgreSQL alike; thirty-two computed together on two cores took turns
    /// so unevenly that some waited a second while most took a few milliseconds. The others
    /// wait in the order they came (tokio's semaphore is fair).
    pub pages_gate: Arc<tokio::sync::Semaphore>,
    /// Scopes' rosters read at once, before their pages take a turn above: one per core
    /// (issue #18). A district's (9,575 members) took 50–150 ms with the cores busy; read
    /// within the pages' turns, the ten districts' first pages held every turn while the
    /// scopes already read waited behind them.
    pub rosters_gate: Arc<tokio::sync::Semaphore>,
    /// Large scopes' rosters (more than a hundred branches: a district's) read at once: one.
    /// Apart from the small ones' turns, so that a branch's or a base's first page never waits
    /// behind a district's roster (issue #18), and leaving the other cores to the rest.
    pub large_rosters_gate: Arc<tokio::sync::Semaphore>,
    /// Origins allowed to call the API from a browser (mobile and integration front ends);
    /// empty: same origin only.
    pub cors_origins: Arc<Vec<String>>,
    /// The member list's totals, a few seconds per filter (kiemdiem_store::members).
    pub member_totals: Arc<kiemdiem_store::members::TotalsCache>,
    /// The branch ids each scope of the member list resolves to.
    pub member_branches: Arc<kiemdiem_store::members::BranchesCache>,
    /// Each scope's roster: what its member pages are found in (issue #18).
    pub member_rosters: Arc<kiemdiem_store::members::RosterCache>,
    /// The member list's pages as answered (JSON), per filter (the caller's scope included),
    /// page and size: a few seconds, forgotten when members of a branch inside the filter's
    /// scope or any organisation are written (kiemdiem_store::generation).
    pub member_pages: Arc<MemberPages>,
    /// Users and service accounts with their roles, per token subject, epoch and session: a few
    /// seconds, forgotten when that user, account or session, or any organisation, is written.
    pub principals: Arc<Cache<PrincipalKey, crate::auth::Principal>>,
    /// Whom HTTPS webhook receivers are trusted by (KIEMDIEM_WEBHOOK_CA_FILE adds CAs).
    pub webhook_tls: crate::tls::Tls,
}

/// A token's subject, epoch and session (refresh-token family).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrincipalKey {
    pub sub: String,
    pub ver: i32,
    pub fam: Option<String>,
}

impl kiemdiem_store::generation::Scoped for PrincipalKey {
    /// A user's or an account's own writes, the session's end, or the organisations'.
    fn touched_by(&self, t: &Touched) -> bool {
        match t {
            Touched::User(id) => self.sub == format!("user:{id}"),
            Touched::ServiceAccount(id) => self.sub == format!("service:{id}"),
            Touched::Family(f) => self.fam.as_deref() == Some(f.as_str()),
            Touched::Everything => true,
            Touched::Members(_) => false,
        }
    }
}

/// The caches' sizes in bytes (by their entries' weights): the member list's pages are the
/// big ones (a page is about 35 kB plain and 5 kB compressed).
///
/// Issue #18: the deadline-week mix (390 people repeating their searches) keeps 3,900 pages
/// weighing 4.5 MB; 10 MB holds them twice over. Pages that nobody asks for again (the
/// distinct run) only fill the cache, and each costs about twice its weight resident (its
/// key and the cache's own entry): at 24 MB the distinct run left 43,000 pages and the
/// server's peak RSS at 143 MB, at 10 MB 112 MB, with the same rates (four trials each).
const PAGES_BYTES: u64 = 10 << 20;
const TOTALS_BYTES: u64 = 1 << 20;
/// A district's scope holds about a thousand branch ids (8 KB); 390 people's scopes fit.
const BRANCHES_BYTES: u64 = 4 << 20;
const PRINCIPALS_BYTES: u64 = 4 << 20;
/// A member takes about 100 bytes in a roster: 390 people's scopes (10 districts, 80 bases,
/// 300 branches of the 200,000-member province) take about 13 MB.
const ROSTERS_BYTES: u64 = 24 << 20;

/// See [`AppState::member_pages`].
/// The body (plain and compressed) and its `ETag`s.
pub type MemberPages =
    Cache<(kiemdiem_store::members::MemberFilter, i64, i64), crate::stored::StoredJson>;

/// How long a principal is reused at most: a user deactivated or a role removed on another
/// instance is refused there within this time (on the same instance, at once).
pub const PRINCIPAL_TTL: Duration = Duration::from_secs(5);

/// Runs `f` with a connection of `pool` on the database threads (diesel is synchronous;
/// crate::blocking).
async fn on_pool<T, F>(pool: Pool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    crate::blocking::run(move || {
        let mut conn = pool.get()?;
        f(&mut conn)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}

impl AppState {
    pub fn new(pool: Pool, jwt_secret: &[u8]) -> Self {
        AppState {
            pool,
            replica: None,
            keys: Arc::new(Keys::new(jwt_secret)),
            throttle: Arc::new(Throttle::default()),
            password_throttle: Arc::new(Throttle::default()),
            limiter: Arc::new(crate::limiter::RateLimiter::new(
                DEFAULT_EXPENSIVE_PER_MINUTE,
            )),
            cors_origins: Arc::new(Vec::new()),
            member_totals: Cache::new(members::LIST_TTL, TOTALS_BYTES, |k, _| k.weight()),
            member_branches: Cache::new(members::LIST_TTL, BRANCHES_BYTES, |k, v| {
                let ids = v.as_ref().map_or(0, Vec::len) * 8;
                k.weight()
                    .saturating_add(u32::try_from(ids).unwrap_or(u32::MAX))
            }),
            member_rosters: Cache::new(members::LIST_TTL, ROSTERS_BYTES, |k, v| {
                k.weight()
                    .saturating_add(v.as_ref().map_or(0, |r| r.weight()))
            }),
            member_pages: Cache::new(members::LIST_TTL, PAGES_BYTES, |k, v| {
                k.0.weight().saturating_add(v.weight())
            }),
            // Renewed from a quarter of their life, not half (issue #18): 390 people's
            // principals, read together, are renewed in one wave, which took over a second
            // on a saturated 2-core machine; some then expired first, and their requests
            // waited on the database together (30 at once, 100–500 ms). Still at most
            // PRINCIPAL_TTL old.
            principals: Cache::renewed_after(
                PRINCIPAL_TTL,
                PRINCIPAL_TTL / 4,
                PRINCIPALS_BYTES,
                |k, p| {
                    u32::try_from(512 + k.sub.len() + p.assignments.len() * 160).unwrap_or(u32::MAX)
                },
            ),
            #[allow(clippy::expect_used)]
            webhook_tls: crate::tls::Tls::new(None)
                .expect("the built-in roots make a TLS configuration"),
            reports_gate: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            )),
            rosters_gate: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            )),
            large_rosters_gate: Arc::new(tokio::sync::Semaphore::new(1)),
            pages_gate: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(3, |n| n.get() * 3),
            )),
            hashing: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
            )),
        }
    }

    /// The same state reading reports from this replica (crate::replica).
    pub fn with_replica(mut self, replica: Arc<crate::replica::Replica>) -> Self {
        self.replica = Some(replica);
        self
    }

    /// Runs a read of a report, a dossier or an export: on the replica when there is one, it
    /// is caught up and `subject` has not just written; else, or when the replica fails, on
    /// the primary. Answers where it was read.
    pub async fn report<T, F>(
        &self,
        subject: &str,
        f: F,
    ) -> Result<(T, crate::replica::Source), ApiError>
    where
        F: Fn(&mut AnyConnection) -> Result<T, kiemdiem_app::AppError> + Clone + Send + 'static,
        T: Send + 'static,
    {
        use crate::replica::{Source, retry_on_primary};
        let _turn = self
            .reports_gate
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        if let Some(replica) = self.replica.as_ref().filter(|r| r.serves(subject)) {
            let g = f.clone();
            match on_pool(replica.pool.clone(), move |conn| {
                g(conn).map_err(ApiError::from)
            })
            .await
            {
                Ok(v) => return Ok((v, Source::Replica)),
                Err(e) if retry_on_primary(&e) => {
                    tracing::warn!(error = %e, "a report failed on the replica: read from the primary");
                }
                Err(e) => return Err(e),
            }
        }
        Ok((self.run(f).await?, Source::Primary))
    }

    /// The same state allowing these origins (exact `scheme://host[:port]`).
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> Self {
        self.cors_origins = Arc::new(origins);
        self
    }

    /// The same state trusting the CA certificates of this PEM text for HTTPS webhook
    /// receivers, besides the public roots.
    pub fn with_webhook_ca(mut self, pem: &[u8]) -> Result<Self, String> {
        self.webhook_tls = crate::tls::Tls::new(Some(pem))?;
        Ok(self)
    }

    /// The same state with another limit for the expensive operations (a minute's worth).
    pub fn with_rate_limit(mut self, per_minute: u32) -> Self {
        self.limiter = Arc::new(crate::limiter::RateLimiter::new(per_minute));
        self
    }

    /// Runs `f` with a pooled connection on the blocking thread pool (diesel is synchronous).
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        on_pool(self.pool.clone(), f).await
    }

    /// Runs a use case of `kiemdiem_app` with a pooled connection (as [`AppState::db`]); its
    /// `AppError` becomes the API's answer.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, kiemdiem_app::AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.db(move |conn| f(conn).map_err(ApiError::from)).await
    }

    /// Runs a use case of `kiemdiem_app` in one write transaction (as [`AppState::write`]).
    pub async fn write_app<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, kiemdiem_app::AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.write(move |conn| f(conn).map_err(ApiError::from))
            .await
    }

    /// Runs `f` in one write transaction: all of it is written, or nothing.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        // A request with an Idempotency-Key claims it in its (first) write transaction.
        let claim = kiemdiem_app::tx::pending();
        self.db(move |conn| kiemdiem_app::tx::claimed_tx(conn, claim.as_ref(), f))
            .await
    }
}
