//! Configuration from the environment (documented in README.md and .env.example).

use kiemdiem_store::DbTarget;
use std::path::PathBuf;

pub struct Config {
    pub database: DbTarget,
    pub bind: String,
    pub web_dir: Option<PathBuf>,
    pub pool_size: u32,
    /// Where the server keeps its own files (the generated JWT secret).
    pub data_dir: PathBuf,
    pub jwt_secret: Option<String>,
    /// Expensive requests a token may make in a minute (KIEMDIEM_RATE_LIMIT).
    pub rate_limit: u32,
    /// Browser origins allowed to call the API (KIEMDIEM_CORS_ORIGINS, comma-separated).
    pub cors_origins: Vec<String>,
    /// CA certificates (PEM) trusted for HTTPS webhook receivers besides the public roots
    /// (KIEMDIEM_WEBHOOK_CA_FILE).
    pub webhook_ca_file: Option<PathBuf>,
    /// The agenda by e-mail (issue #17): the SMTP server (KIEMDIEM_SMTP_URL, off when unset),
    /// the sender (KIEMDIEM_SMTP_FROM), the app's address for the links
    /// (KIEMDIEM_PUBLIC_URL) and the hour, Vietnam's time, from which the day's round goes
    /// (KIEMDIEM_AGENDA_MAIL_HOUR, 0..23, default 7).
    pub smtp: Option<Smtp>,
    /// A PostgreSQL streaming replica for reports, dossiers and exports (KIEMDIEM_REPLICA_URL),
    /// used while it lags at most KIEMDIEM_REPLICA_MAX_LAG seconds (default 5), and not for
    /// KIEMDIEM_REPLICA_STICKY seconds (default 5) after a person's request that may write.
    pub replica: Option<Replica>,
}

pub struct Replica {
    pub target: DbTarget,
    pub max_lag: std::time::Duration,
    pub sticky: std::time::Duration,
}

fn seconds(name: &str, default: f64) -> Result<std::time::Duration, String> {
    match var(name) {
        None => Ok(std::time::Duration::from_secs_f64(default)),
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|s| (0.0..=3600.0).contains(s))
            .map(std::time::Duration::from_secs_f64)
            .ok_or_else(|| format!("{name} must be a number of seconds (0..3600), not '{v}'")),
    }
}

pub struct Smtp {
    /// A secret (it may hold a password): never printed.
    pub url: String,
    pub from: String,
    pub public_url: Option<String>,
    pub hour: u32,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let url = var("DATABASE_URL").unwrap_or_else(|| "sqlite:data/kiemdiem.db".into());
        let database = url.parse::<DbTarget>().map_err(|e| e.to_string())?;
        let pool_size = match var("KIEMDIEM_DB_POOL_SIZE") {
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=256).contains(n))
                .ok_or_else(|| format!("KIEMDIEM_DB_POOL_SIZE must be 1..256, not '{v}'"))?,
            None => 16,
        };
        let data_dir = match (var("KIEMDIEM_DATA_DIR"), &database) {
            (Some(dir), _) => PathBuf::from(dir),
            (None, DbTarget::Sqlite(path)) => path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from),
            (None, DbTarget::Postgres(_)) => PathBuf::from("data"),
        };
        let rate_limit = match var("KIEMDIEM_RATE_LIMIT") {
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=100_000).contains(n))
                .ok_or_else(|| format!("KIEMDIEM_RATE_LIMIT must be 1..100000, not '{v}'"))?,
            None => kiemdiem_api::state::DEFAULT_EXPENSIVE_PER_MINUTE,
        };
        let mut cors_origins = Vec::new();
        for o in var("KIEMDIEM_CORS_ORIGINS").unwrap_or_default().split(',') {
            let o = o.trim().trim_end_matches('/');
            if o.is_empty() {
                continue;
            }
            if !(o.starts_with("https://") || o.starts_with("http://"))
                || o.matches('/').count() != 2
            {
                return Err(format!(
                    "KIEMDIEM_CORS_ORIGINS: '{o}' is not an origin (scheme://host[:port])"
                ));
            }
            cors_origins.push(o.to_owned());
        }
        let smtp = match var("KIEMDIEM_SMTP_URL") {
            None => None,
            Some(url) => Some(Smtp {
                url,
                from: var("KIEMDIEM_SMTP_FROM").ok_or(
                    "KIEMDIEM_SMTP_FROM is needed with KIEMDIEM_SMTP_URL (the sender's address)",
                )?,
                public_url: var("KIEMDIEM_PUBLIC_URL"),
                hour: match var("KIEMDIEM_AGENDA_MAIL_HOUR") {
                    Some(v) => v.parse::<u32>().ok().filter(|h| *h < 24).ok_or_else(|| {
                        format!("KIEMDIEM_AGENDA_MAIL_HOUR must be 0..23, not '{v}'")
                    })?,
                    None => 7,
                },
            }),
        };
        let replica = match var("KIEMDIEM_REPLICA_URL") {
            None => None,
            Some(url) => {
                let target = url.parse::<DbTarget>().map_err(|e| e.to_string())?;
                if !matches!(
                    (&database, &target),
                    (DbTarget::Postgres(_), DbTarget::Postgres(_))
                ) {
                    return Err(
                        "KIEMDIEM_REPLICA_URL: a replica is a PostgreSQL standby of a PostgreSQL DATABASE_URL"
                            .into(),
                    );
                }
                Some(Replica {
                    target,
                    max_lag: seconds("KIEMDIEM_REPLICA_MAX_LAG", 5.0)?,
                    sticky: seconds("KIEMDIEM_REPLICA_STICKY", 5.0)?,
                })
            }
        };
        Ok(Config {
            replica,
            smtp,
            webhook_ca_file: var("KIEMDIEM_WEBHOOK_CA_FILE").map(PathBuf::from),
            rate_limit,
            cors_origins,
            data_dir,
            jwt_secret: var("KIEMDIEM_JWT_SECRET"),
            database,
            bind: var("KIEMDIEM_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            web_dir: Some(PathBuf::from(
                var("KIEMDIEM_WEB_DIR").unwrap_or_else(|| "frontend/dist".into()),
            )),
            pool_size,
        })
    }
}
