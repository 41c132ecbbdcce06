//! The database: which backend a URL names, one connection type over both, and the pool.

use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::sql_types::Integer;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// One connection type for both backends (STACK.md: portable SQL types only).
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

impl AnyConnection {
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgresql(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported DATABASE_URL '{0}': use sqlite:PATH (e.g. sqlite:data/kiemdiem.db) or postgres://USER@HOST:PORT/DB"
    )]
    UnsupportedUrl(String),
    #[error("cannot open the SQLite database at {path}: {source}")]
    SqliteConnect {
        path: String,
        source: diesel::ConnectionError,
    },
    #[error("cannot connect to PostgreSQL at {target}: {source}")]
    PostgresConnect {
        target: String,
        source: diesel::ConnectionError,
    },
    #[error("cannot prepare the SQLite connection: {0}")]
    SqliteSetup(String),
    #[error("migration failed: {0}")]
    Migration(String),
    /// The database went away (stopped, restarted, network): nothing of the transaction was
    /// committed; the caller may retry.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The row asked for is not there.
    #[error("not found")]
    NotFound,
    /// A concurrent write took the same unique key first.
    #[error("unique key taken: {0}")]
    Unique(String),
    /// Something still refers to what is being deleted or changed.
    #[error("still referred to: {0}")]
    ForeignKey(String),
    /// PostgreSQL gave up a transaction that conflicted with another (serialization).
    #[error("conflicting transaction: {0}")]
    Conflict(String),
    #[error("query failed: {0}")]
    Query(String),
}

/// What every store function returns: its value, or a [`StoreError`] (no diesel type leaves
/// the store).
pub type QueryResult<T> = Result<T, StoreError>;

impl From<diesel::result::Error> for StoreError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match e {
            E::NotFound => StoreError::NotFound,
            E::DatabaseError(K::UniqueViolation, info) => {
                StoreError::Unique(info.message().to_owned())
            }
            E::DatabaseError(K::ForeignKeyViolation, info) => {
                StoreError::ForeignKey(info.message().to_owned())
            }
            E::DatabaseError(K::SerializationFailure, info) => {
                StoreError::Conflict(info.message().to_owned())
            }
            E::DatabaseError(kind, info) if lost_connection(&kind, &*info) => {
                // The connection in use on this thread is given up when it is put back.
                LOST.set(true);
                StoreError::Unavailable(info.message().to_owned())
            }
            other => StoreError::Query(other.to_string()),
        }
    }
}

/// A connection lost mid-request: closed, unable to send, or PostgreSQL shutting down (SQLSTATE
/// class 57, 08).
fn lost_connection(
    kind: &diesel::result::DatabaseErrorKind,
    info: &dyn diesel::result::DatabaseErrorInformation,
) -> bool {
    use diesel::result::DatabaseErrorKind as K;
    if matches!(kind, K::ClosedConnection | K::UnableToSendCommand) {
        return true;
    }
    let m = info.message();
    m.contains("terminating connection")
        || m.contains("server closed the connection")
        || m.contains("connection to server")
        || m.contains("the database system is shutting down")
        || m.contains("the database system is starting up")
        || m.contains("no connection to the server")
}

/// Where the data lives, chosen by the scheme of `DATABASE_URL`.
#[derive(Clone, PartialEq, Eq)]
pub enum DbTarget {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DbTarget {
    pub fn backend(&self) -> Backend {
        match self {
            DbTarget::Sqlite(_) => Backend::Sqlite,
            DbTarget::Postgres(_) => Backend::Postgres,
        }
    }

    /// Connects to the one backend the URL names, keeping the real error (the multi
    /// connection's own `establish` tries each backend and hides it).
    pub fn connect(&self) -> Result<AnyConnection, StoreError> {
        match self {
            DbTarget::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    // A missing data directory is created (0700); a failure shows in the open
                    // below.
                    let _ = crate::files::create_private_dir(dir);
                }
                // A new database starts as an empty file of mode 0600 (SQLite gives -wal and
                // -shm the database file's mode); another connection may create it first.
                if !path.exists() && path.as_os_str() != ":memory:" {
                    let _ = crate::files::create_private_file(path);
                }
                let display = path.display().to_string();
                let mut conn = diesel::SqliteConnection::establish(&display).map_err(|source| {
                    StoreError::SqliteConnect {
                        path: display.clone(),
                        source,
                    }
                })?;
                // STACK.md: WAL, a busy timeout and foreign keys on every connection.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                     PRAGMA case_sensitive_like = ON; PRAGMA secure_delete = ON;",
                )
                .map_err(|e| StoreError::SqliteSetup(e.to_string()))?;
                Ok(AnyConnection::Sqlite(conn))
            }
            DbTarget::Postgres(url) => {
                let conn = diesel::PgConnection::establish(url).map_err(|source| {
                    StoreError::PostgresConnect {
                        target: redact(url),
                        source,
                    }
                })?;
                // Prepared statements keep PostgreSQL's choice of plan (`plan_cache_mode =
                // auto`); those whose plan depends on a value (a pattern, a scope's branch ids)
                // are planned for it at every run instead (crate::planned).
                Ok(AnyConnection::Postgresql(conn))
            }
        }
    }
}

impl FromStr for DbTarget {
    type Err = StoreError;
    fn from_str(url: &str) -> Result<Self, Self::Err> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(StoreError::UnsupportedUrl(url.to_owned()));
            }
            Ok(DbTarget::Sqlite(PathBuf::from(path)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbTarget::Postgres(url.to_owned()))
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

impl fmt::Debug for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbTarget::Sqlite(p) => write!(f, "sqlite:{}", p.display()),
            DbTarget::Postgres(u) => f.write_str(&redact(u)),
        }
    }
}

impl fmt::Display for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Runs `f` in a write transaction. On SQLite it begins with `BEGIN IMMEDIATE`, so a
/// transaction that reads before it writes takes the write lock first and never fails
/// half-way with "database is locked" (STACK.md).
pub fn write_tx<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<StoreError>,
{
    // The caches forget what the transaction touched once more when it has ended
    // (crate::generation): an answer read before the commit is not kept.
    crate::generation::begin();
    let out = write_tx_inner(conn, f);
    crate::generation::end();
    out
}

fn write_tx_inner<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<StoreError>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    /// The caller's error, or the transaction's own (begin, commit), inside diesel's.
    enum TxError<E> {
        Store(StoreError),
        Caller(E),
    }
    impl<E> From<diesel::result::Error> for TxError<E> {
        fn from(e: diesel::result::Error) -> Self {
            TxError::Store(e.into())
        }
    }
    let store = |e: diesel::result::Error| E::from(StoreError::from(e));
    if let AnyConnection::Sqlite(c) = conn {
        AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE").map_err(store)?;
        let result = f(conn);
        let AnyConnection::Sqlite(c) = conn else {
            unreachable!("the connection cannot change backend")
        };
        match result {
            Ok(value) => {
                AnsiTransactionManager::commit_transaction(c).map_err(store)?;
                Ok(value)
            }
            Err(e) => {
                AnsiTransactionManager::rollback_transaction(c).map_err(store)?;
                Err(e)
            }
        }
    } else {
        conn.transaction(|conn| f(conn).map_err(TxError::Caller))
            .map_err(|e| match e {
                TxError::Store(s) => E::from(s),
                TxError::Caller(e) => e,
            })
    }
}

/// Runs `SELECT 1`: the cheapest real round trip.
pub fn ping(conn: &mut AnyConnection) -> QueryResult<()> {
    diesel::select(1.into_sql::<Integer>()).get_result::<i32>(conn)?;
    Ok(())
}

thread_local! {
    /// Whether a query on this thread found its connection lost since the connection was
    /// taken from the pool (see [`Manager::has_broken`]).
    static LOST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long after it was put back a connection is handed out again without a `SELECT 1`
/// first. Issue #18: every request's connection was tested, a third of the round trips of a
/// page computed; under load a connection comes back within milliseconds. One idle longer
/// (PostgreSQL restarted meanwhile, a network gone) is still tested. One lost within this
/// time fails its next query, which answers 503 as any lost connection does, and it is then
/// given up (`LOST`), not handed out again.
const TRUSTED_FOR: Duration = Duration::from_secs(1);

/// A pooled connection, with when it was last put back.
pub struct Kept {
    conn: AnyConnection,
    returned: std::time::Instant,
}

impl std::ops::Deref for Kept {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Kept {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }
}

/// The r2d2 manager: connects explicitly by target (see [`DbTarget::connect`]).
#[derive(Debug)]
pub struct Manager(DbTarget);

impl ManageConnection for Manager {
    type Connection = Kept;
    type Error = StoreError;

    fn connect(&self) -> Result<Kept, StoreError> {
        Ok(Kept {
            conn: self.0.connect()?,
            returned: std::time::Instant::now(),
        })
    }

    /// `SELECT 1`, unless the connection was put back within [`TRUSTED_FOR`].
    fn is_valid(&self, conn: &mut Kept) -> Result<(), StoreError> {
        if conn.returned.elapsed() < TRUSTED_FOR {
            return Ok(());
        }
        ping(conn)
    }

    /// A connection left inside a transaction (a panic mid-way), or found lost by a query
    /// while it was used, is not reused.
    fn has_broken(&self, conn: &mut Kept) -> bool {
        conn.returned = std::time::Instant::now();
        LOST.replace(false)
            || std::thread::panicking()
            || <AnyConnection as Connection>::TransactionManager::is_broken_transaction_manager(
                conn,
            )
    }
}

#[derive(Debug)]
struct LogErrors;

impl r2d2::HandleError<StoreError> for LogErrors {
    fn handle_error(&self, error: StoreError) {
        tracing::warn!(%error, "database connection failed");
    }
}

pub type PooledConn = r2d2::PooledConnection<Manager>;

/// A pool of connections to one target.
#[derive(Clone)]
pub struct Pool {
    inner: r2d2::Pool<Manager>,
    target: DbTarget,
}

impl Pool {
    /// Opens the database, applies pending migrations and returns the pool. The first
    /// connection is made directly, so an unreachable database fails at once with its cause.
    pub fn open(target: DbTarget, max_size: u32) -> Result<Pool, StoreError> {
        Self::open_with(target, max_size, false)
    }

    /// The same, for the server: on PostgreSQL every connection is opened at once and kept
    /// open (reopened in the background when one fails, a warning logged each time it
    /// cannot be). Issue #18: the deadline-week mix began with the 3 connections the logins
    /// had needed, and its first second opened 13 more while the requests waited (TLS, a new
    /// backend, its caches filled by its first queries): the run's longest answers.
    pub fn open_kept(target: DbTarget, max_size: u32) -> Result<Pool, StoreError> {
        Self::open_with(target, max_size, true)
    }

    fn open_with(target: DbTarget, max_size: u32, kept: bool) -> Result<Pool, StoreError> {
        let mut first = target.connect()?;
        let applied = crate::migrations::run_pending(&mut first)?;
        for version in &applied {
            tracing::info!(%version, "migration applied");
        }
        drop(first);
        // SQLite allows one writer at a time: a small pool avoids queueing on the lock.
        let (max_size, min_idle) = match target.backend() {
            Backend::Sqlite => (max_size.clamp(1, 8), 0),
            Backend::Postgres => (max_size.max(1), if kept { max_size.max(1) } else { 0 }),
        };
        let inner = r2d2::Pool::builder()
            .max_size(max_size)
            .min_idle(Some(min_idle))
            .connection_timeout(Duration::from_secs(3))
            .test_on_check_out(true)
            .error_handler(Box::new(LogErrors))
            .build_unchecked(Manager(target.clone()));
        Ok(Pool { inner, target })
    }

    /// A pool of a read-only streaming replica: never migrated (the primary's migrations
    /// reach it by replication), and quick to give up (1 s) so that a replica down costs a
    /// report little before it is read from the primary. It may be down when opened.
    pub fn open_replica(target: DbTarget, max_size: u32) -> Pool {
        let inner = r2d2::Pool::builder()
            .max_size(max_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(1))
            .test_on_check_out(true)
            .error_handler(Box::new(LogErrors))
            .build_unchecked(Manager(target.clone()));
        Pool { inner, target }
    }

    pub fn backend(&self) -> Backend {
        self.target.backend()
    }

    pub fn target(&self) -> &DbTarget {
        &self.target
    }

    /// A connection, or `Unavailable` when none can be had in time.
    pub fn get(&self) -> Result<PooledConn, StoreError> {
        let conn = self.inner.get();
        // What an earlier connection on this thread met (or one tested and given up just
        // now) is not this one's.
        LOST.set(false);
        conn.map_err(|e| {
            // r2d2 reports only a timeout; try once to name the real cause.
            match self.target.connect() {
                Err(cause) => StoreError::Unavailable(cause.to_string()),
                Ok(_) => StoreError::Unavailable(e.to_string()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend_by_scheme() {
        assert_eq!(
            "sqlite:data/kiemdiem.db".parse::<DbTarget>().unwrap(),
            DbTarget::Sqlite(PathBuf::from("data/kiemdiem.db"))
        );
        assert_eq!(
            "sqlite:///tmp/k.db".parse::<DbTarget>().unwrap(),
            DbTarget::Sqlite(PathBuf::from("/tmp/k.db"))
        );
        assert!(matches!(
            "postgres://postgres@127.0.0.1:5432/kd".parse::<DbTarget>(),
            Ok(DbTarget::Postgres(_))
        ));
        let err = "mysql://root:secret@localhost/kd"
            .parse::<DbTarget>()
            .unwrap_err()
            .to_string();
        assert!(err.contains("unsupported DATABASE_URL"), "{err}");
        assert!(!err.contains("secret"), "the password leaked: {err}");
    }

    #[test]
    fn redact_hides_the_password() {
        assert_eq!(
            redact("postgres://kd:s3cret@db:5432/kd"),
            "postgres://kd@db:5432/kd"
        );
        assert_eq!(redact("postgres://db/kd"), "postgres://db/kd");
    }

    #[test]
    fn an_unreachable_postgres_names_the_real_cause() {
        let target: DbTarget = "postgres://postgres@127.0.0.1:1/nothing".parse().unwrap();
        let err = match target.connect() {
            Err(e) => e.to_string(),
            Ok(_) => panic!("connected to port 1"),
        };
        assert!(err.contains("cannot connect to PostgreSQL at"), "{err}");
        assert!(err.to_lowercase().contains("refused"), "{err}");
    }

    #[test]
    fn sqlite_opens_with_wal_and_foreign_keys_and_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let target = DbTarget::Sqlite(dir.path().join("sub/k.db"));
        let pool = Pool::open(target, 4).unwrap();
        let mut conn = pool.get().unwrap();
        ping(&mut conn).unwrap();
        #[derive(QueryableByName)]
        struct Mode {
            #[diesel(sql_type = diesel::sql_types::Text)]
            journal_mode: String,
        }
        let AnyConnection::Sqlite(c) = &mut **conn else {
            panic!("not sqlite")
        };
        let mode: Mode = diesel::sql_query("PRAGMA journal_mode")
            .get_result(c)
            .unwrap();
        assert_eq!(mode.journal_mode, "wal");
        // Foreign keys are enforced: a dangling parent is refused.
        let err = diesel::sql_query(
            "INSERT INTO organizations (kind, code, name, parent_id, path, created_at, updated_at) \
             VALUES ('district', 'X', 'X', 999, '/999/1/', '2026-01-01', '2026-01-01')",
        )
        .execute(c)
        .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }
}
