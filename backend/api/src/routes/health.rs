//! Liveness and readiness, for people (the SPA's status page) and for load balancers.

use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_store::Backend;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthLive {
    /// Always `ok` when the process answers.
    #[schema(example = "ok")]
    pub status: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HealthReady {
    /// `ok` once a real query has succeeded.
    #[schema(example = "ok")]
    pub status: String,
    /// The database the server runs on.
    pub database: DatabaseKind,
}

/// The process is up.
#[utoipa::path(
    tag = "health",
    operation_id = "health_live",
    responses((status = 200, description = "The process answers", body = HealthLive))
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(HealthLive {
        status: "ok".into(),
    })
}

/// The server can serve requests: a real query has just succeeded.
#[utoipa::path(
    tag = "health",
    operation_id = "health_ready",
    responses(
        (status = 200, description = "Ready", body = HealthReady),
        (status = 503, description = "The database is unreachable", body = Problem,
            content_type = "application/problem+json"),
    )
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let backend = state
        .db(|conn| {
            kiemdiem_store::db::ping(conn).map_err(|e| ApiError::Unavailable(e.to_string()))?;
            Ok(conn.backend())
        })
        .await?;
    Ok(HttpResponse::Ok().json(HealthReady {
        status: "ok".into(),
        database: match backend {
            Backend::Sqlite => DatabaseKind::Sqlite,
            Backend::Postgres => DatabaseKind::Postgres,
        },
    }))
}
