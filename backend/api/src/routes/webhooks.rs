//! Webhook administration (administrators): subscriptions, their delivery log, redelivery.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use crate::webhooks::EVENTS;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use kiemdiem_store::organizations;
use kiemdiem_store::webhooks as store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

fn admin_only(p: &Principal) -> Result<(), ApiError> {
    if p.access.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden("Chỉ quản trị hệ thống quản lý webhook"))
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    /// Events about organisations under this one.
    pub organization_id: i64,
    pub active: bool,
    /// Shown once, when created: keep it to check signatures.
    pub secret: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

fn dto(s: store::Subscription, show_secret: bool) -> Webhook {
    Webhook {
        id: s.id,
        url: s.url,
        events: s.events.split(',').map(String::from).collect(),
        organization_id: s.organization_id,
        active: s.active,
        secret: show_secret.then_some(s.secret),
        created_by: s.created_by,
        created_at: s.created_at.and_utc(),
    }
}

/// The subscriptions.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Subscriptions", body = [Webhook]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks")]
pub async fn list(p: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let out = state
        .db(|conn| {
            Ok(store::subscriptions(conn)?
                .into_iter()
                .map(|s| dto(s, false))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// `https://host[:port]/path` (the receiver's certificate is checked), or
    /// `http://host[:port]/path` inside the network.
    #[validate(length(min = 8, max = 500))]
    #[schema(min_length = 8, max_length = 500)]
    pub url: String,
    /// Any of cycle.stage_changed, classification.finalized, classification.approved,
    /// dossier.submitted, reward.nominated.
    pub events: Vec<String>,
    pub organization_id: i64,
    /// At least 32 characters; generated when omitted.
    pub secret: Option<String>,
}

/// Subscribe a receiver to events; the secret is shown in this answer only.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Subscribed", body = Webhook),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<NewWebhook>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let b = body.0;
    let mut errors = Vec::new();
    if crate::webhooks::parse_url(&b.url).is_none() {
        errors.push(FieldError {
            field: "url".into(),
            code: "invalid_url".into(),
            message: "Địa chỉ dạng https://máy[:cổng]/đường-dẫn (hoặc http:// trong mạng nội bộ)"
                .into(),
        });
    }
    if b.events.is_empty() {
        errors.push(FieldError {
            field: "events".into(),
            code: "required".into(),
            message: "Cần ít nhất một sự kiện".into(),
        });
    }
    for (i, e) in b.events.iter().enumerate() {
        if !EVENTS.contains(&e.as_str()) {
            errors.push(FieldError {
                field: format!("events[{i}]"),
                code: "invalid_choice".into(),
                message: format!("Sự kiện phải là một trong: {}", EVENTS.join(", ")),
            });
        }
    }
    if b.secret.as_deref().is_some_and(|s| s.len() < 32) {
        errors.push(FieldError {
            field: "secret".into(),
            code: "too_short".into(),
            message: "Khóa bí mật ít nhất 32 ký tự".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let secret = match b.secret.clone() {
        Some(s) => s,
        None => {
            let mut raw = [0u8; 32];
            getrandom::fill(&mut raw).map_err(|e| ApiError::Internal(e.to_string()))?;
            raw.iter().map(|x| format!("{x:02x}")).collect()
        }
    };
    let out = state
        .write(move |conn| {
            organizations::get(conn, b.organization_id)?.ok_or_else(ApiError::not_found)?;
            let mut events = b.events.clone();
            events.sort();
            events.dedup();
            let id = store::subscribe(
                conn,
                &b.url,
                &secret,
                &events.join(","),
                b.organization_id,
                &p.actor(),
            )?;
            let s = store::subscription(conn, id)?.ok_or_else(ApiError::not_found)?;
            p.audit("create", "webhook")
                .id(id)
                .after(&serde_json::json!({ "url": s.url, "events": s.events }))
                .record(conn)?;
            Ok(dto(s, true))
        })
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Stop a subscription (its deliveries stay in the log).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Subscription id")),
    responses(
        (status = 204, description = "Stopped"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let id = id.into_inner();
    state
        .write(move |conn| {
            if store::deactivate(conn, id)? == 0 {
                return Err(ApiError::not_found());
            }
            p.audit("stop", "webhook").id(id).record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeliveryRecord {
    pub id: i64,
    pub event: String,
    /// pending, delivered or failed.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    /// The receiver's HTTP status of the last attempt.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn delivery_dto(d: store::Delivery, event: String) -> DeliveryRecord {
    DeliveryRecord {
        id: d.id,
        event,
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: d.next_attempt_at.and_utc(),
        last_status: d.last_status,
        last_error: d.last_error,
        delivered_at: d.delivered_at.map(|x| x.and_utc()),
        created_at: d.created_at.and_utc(),
    }
}

/// A subscription's delivery log, newest first (the last 200).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Subscription id")),
    responses(
        (status = 200, description = "Deliveries", body = [DeliveryRecord]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let id = id.into_inner();
    let out = state
        .db(move |conn| {
            store::subscription(conn, id)?.ok_or_else(ApiError::not_found)?;
            Ok(store::deliveries_of(conn, id)?
                .into_iter()
                .map(|(d, e)| delivery_dto(d, e))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Deliver again now (a failed delivery, or one the receiver lost).
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Delivery id")),
    responses(
        (status = 200, description = "Pending again", body = DeliveryRecord),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/deliveries/{id}/redeliver")]
pub async fn redeliver(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let id = id.into_inner();
    let out = state
        .write(move |conn| {
            if store::redeliver(conn, id)? == 0 {
                return Err(ApiError::not_found());
            }
            let (d, _, e) = store::delivery(conn, id)?.ok_or_else(ApiError::not_found)?;
            p.audit("redeliver", "webhook").id(id).record(conn)?;
            Ok(delivery_dto(d, e.event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
