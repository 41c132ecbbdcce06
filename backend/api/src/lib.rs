//! The HTTP API of kiemdiem: actix-web routes under `/api/v1`, health, the OpenAPI document,
//! Swagger UI and the SPA. Handlers parse, authorise, call the store, and map to DTOs.

pub mod app;
pub mod auth;
pub mod blocking;
pub mod error;
pub mod extract;
pub mod http;
pub mod idempotency;
pub mod import;
pub mod limiter;
pub mod limits;
pub mod mail;
pub mod middleware;
pub mod openapi;
pub mod replica;
pub mod routes;
pub mod spa;
pub mod state;
pub mod stored;
pub mod tls;
pub mod webhooks;

pub use app::build;
pub use state::AppState;
