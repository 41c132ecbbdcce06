//! The audit log, for admins (everything) and committees (their subtree).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use kiemdiem_store::audit::{self, AuditFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    /// e.g. login, login_failed, refresh_reuse, logout, create, update, delete, grant_role.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub actor_user_id: Option<i64>,
    /// From this instant (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (exclusive).
    pub to: Option<DateTime<Utc>>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

fn parse(s: Option<String>) -> Option<serde_json::Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

/// Read the audit log, newest first.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "Entries", body = AuditPage),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins and committees read the audit log", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds (each named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let scopes = p.access.admin_scopes();
    if scopes.as_ref().is_some_and(Vec::is_empty) {
        return Err(ApiError::forbidden(
            "Chỉ quản trị viên và cấp ủy được xem nhật ký",
        ));
    }
    let q = q.into_inner();
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 50, 200)?;
    let filter = AuditFilter {
        scopes,
        action: q.action,
        entity_type: q.entity_type,
        actor_user_id: q.actor_user_id,
        from: q.from.map(|d| d.naive_utc()),
        to: q.to.map(|d| d.naive_utc()),
    };
    let (rows, total) = state
        .db(move |conn| Ok(audit::list(conn, &filter, per_page, (page - 1) * per_page)?))
        .await?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            occurred_at: r.occurred_at.and_utc(),
            actor_user_id: r.actor_user_id,
            actor: r.actor,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: parse(r.before_json),
            after: parse(r.after_json),
            request_id: r.request_id,
            client_addr: r.client_addr,
        })
        .collect();
    Ok(HttpResponse::Ok().json(AuditPage {
        items,
        total,
        page,
        per_page,
    }))
}
