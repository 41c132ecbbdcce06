//! What every handler can reach: the database pool, the token keys, the login throttle.

use crate::auth::jwt::Keys;
use crate::auth::throttle::Throttle;
use crate::error::ApiError;
use actix_web::web;
use kiemdiem_store::{AnyConnection, Pool};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub keys: Arc<Keys>,
    pub throttle: Arc<Throttle>,
}

impl AppState {
    pub fn new(pool: Pool, jwt_secret: &[u8]) -> Self {
        AppState {
            pool,
            keys: Arc::new(Keys::new(jwt_secret)),
            throttle: Arc::new(Throttle::default()),
        }
    }

    /// Runs `f` with a pooled connection on the blocking thread pool (diesel is synchronous).
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await?
    }

    /// Runs `f` in one write transaction: all of it is written, or nothing.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.db(move |conn| kiemdiem_store::db::write_tx(conn, f))
            .await
    }
}
