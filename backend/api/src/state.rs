//! What every handler can reach: the database pool.

use crate::error::ApiError;
use actix_web::web;
use kiemdiem_store::{AnyConnection, Pool};

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
}

impl AppState {
    pub fn new(pool: Pool) -> Self {
        AppState { pool }
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
}
