//! Storage for kiemdiem: one diesel connection type over SQLite and PostgreSQL, a pool,
//! embedded migrations. Returns plain values; knows nothing of HTTP.

pub mod db;
pub mod migrations;
pub mod schema;

pub use db::{AnyConnection, Backend, DbTarget, Pool, PooledConn, StoreError};
