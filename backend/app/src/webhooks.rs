//! Webhook subscriptions (administrators): who is told of which events, the delivery log, and
//! redelivery. Delivering is the API's (`kiemdiem_api::webhooks`, an HTTP client).

use crate::paging::{Window, page_of};
use crate::{Actor, AppError};
use chrono::{DateTime, Utc};
use kiemdiem_store::webhooks as store;
use kiemdiem_store::{AnyConnection, organizations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

pub fn admin_only(p: &Actor) -> Result<(), AppError> {
    if p.access.is_admin() {
        Ok(())
    } else {
        Err(AppError::forbidden("Chỉ quản trị hệ thống quản lý webhook"))
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

/// The subscriptions, their secrets hidden.
pub fn list(conn: &mut AnyConnection, p: &Actor) -> Result<Vec<Webhook>, AppError> {
    admin_only(p)?;
    Ok(store::subscriptions(conn)?
        .into_iter()
        .map(|s| dto(s, false))
        .collect())
}

/// Subscribes a receiver to events of an organisation's subtree (its secret shown this once).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    b: NewWebhook,
    secret: String,
) -> Result<Webhook, AppError> {
    admin_only(p)?;
    organizations::get(conn, b.organization_id)?.ok_or_else(AppError::not_found)?;
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
    let s = store::subscription(conn, id)?.ok_or_else(AppError::not_found)?;
    p.audit("create", "webhook")
        .id(id)
        .after(&serde_json::json!({ "url": s.url, "events": s.events }))
        .record(conn)?;
    Ok(dto(s, true))
}

/// Ends a subscription (kept, inactive, with its delivery log).
pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    admin_only(p)?;
    if store::deactivate(conn, id)? == 0 {
        return Err(AppError::not_found());
    }
    p.audit("stop", "webhook").id(id).record(conn)?;
    Ok(())
}

/// A page of a subscription's deliveries, newest first.
pub fn deliveries(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    w: Window,
) -> Result<DeliveryPage, AppError> {
    admin_only(p)?;
    store::subscription(conn, id)?.ok_or_else(AppError::not_found)?;
    let (rows, total) = store::deliveries_of(conn, id, w.per_page, w.offset())?;
    let items = rows.into_iter().map(|(d, e)| delivery_dto(d, e)).collect();
    Ok(DeliveryPage::of((items, total), w))
}

page_of!(
    /// A page of a subscription's deliveries.
    DeliveryPage,
    DeliveryRecord
);

/// Makes a delivery pending again now.
pub fn redeliver(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<DeliveryRecord, AppError> {
    admin_only(p)?;
    if store::redeliver(conn, id)? == 0 {
        return Err(AppError::not_found());
    }
    let (d, _, e) = store::delivery(conn, id)?.ok_or_else(AppError::not_found)?;
    p.audit("redeliver", "webhook").id(id).record(conn)?;
    Ok(delivery_dto(d, e.event))
}
