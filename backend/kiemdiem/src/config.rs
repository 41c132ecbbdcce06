//! Configuration from the environment (documented in README.md and .env.example).

use kiemdiem_store::DbTarget;
use std::path::PathBuf;

pub struct Config {
    pub database: DbTarget,
    pub bind: String,
    pub web_dir: Option<PathBuf>,
    pub pool_size: u32,
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
        Ok(Config {
            database,
            bind: var("KIEMDIEM_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            web_dir: Some(PathBuf::from(
                var("KIEMDIEM_WEB_DIR").unwrap_or_else(|| "frontend/dist".into()),
            )),
            pool_size,
        })
    }
}
