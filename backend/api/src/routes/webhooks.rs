//! Webhook administration (administrators): subscriptions, their delivery log, redelivery.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use crate::webhooks::EVENTS;
use actix_web::{HttpResponse, delete, get, post, web};
use kiemdiem_app::paging::PageQuery;
use kiemdiem_app::webhooks::{
    self as app, DeliveryPage, DeliveryRecord, NewWebhook, Webhook, admin_only,
};

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
    let out = state.run(move |conn| app::list(conn, &p)).await?;
    Ok(HttpResponse::Ok().json(out))
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
        .write_app(move |conn| app::create(conn, &p, b, secret))
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
    let id = id.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A page of a subscription's delivery log, newest first.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Subscription id"), PageQuery),
    responses(
        (status = 200, description = "Deliveries", body = DeliveryPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn deliveries(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let w = crate::extract::window(q.page, q.per_page)?;
    let out = state
        .run(move |conn| app::deliveries(conn, &p, id, w))
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
    let id = id.into_inner();
    let out = state
        .write_app(move |conn| app::redeliver(conn, &p, id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
