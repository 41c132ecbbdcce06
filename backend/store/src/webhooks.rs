//! Webhook subscriptions, the outbox and deliveries.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{outbox_events as e, webhook_deliveries as d, webhook_subscriptions as s};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::webhook_subscriptions)]
pub struct Subscription {
    pub id: i64,
    pub url: String,
    pub secret: String,
    pub events: String,
    pub organization_id: i64,
    pub active: bool,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::outbox_events)]
pub struct Event {
    pub id: i64,
    pub event: String,
    pub organization_path: String,
    pub payload: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::webhook_deliveries)]
pub struct Delivery {
    pub id: i64,
    pub subscription_id: i64,
    pub event_id: i64,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn subscribe(
    conn: &mut AnyConnection,
    url: &str,
    secret: &str,
    events: &str,
    organization_id: i64,
    by: &str,
) -> QueryResult<i64> {
    Ok(diesel::insert_into(s::table)
        .values((
            s::url.eq(url),
            s::secret.eq(secret),
            s::events.eq(events),
            s::organization_id.eq(organization_id),
            s::active.eq(true),
            s::created_by.eq(by),
            s::created_at.eq(now()),
        ))
        .returning(s::id)
        .get_result(conn)?)
}

pub fn subscriptions(conn: &mut AnyConnection) -> QueryResult<Vec<Subscription>> {
    Ok(s::table
        .select(Subscription::as_select())
        .order(s::id.asc())
        .load(conn)?)
}

pub fn subscription(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Subscription>> {
    Ok(s::table
        .find(id)
        .select(Subscription::as_select())
        .first(conn)
        .optional()?)
}

pub fn deactivate(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::update(s::table.find(id))
        .set(s::active.eq(false))
        .execute(conn)?)
}

/// Writes an event to the outbox and a pending delivery for every active subscription that
/// wants it and covers the organisation. Call inside the transaction of the change.
pub fn emit(
    conn: &mut AnyConnection,
    event: &str,
    organization_path: &str,
    payload: &str,
) -> QueryResult<()> {
    let at = now();
    let id: i64 = diesel::insert_into(e::table)
        .values((
            e::event.eq(event),
            e::organization_path.eq(organization_path),
            e::payload.eq(payload),
            e::created_at.eq(at),
        ))
        .returning(e::id)
        .get_result(conn)?;
    let subs: Vec<(i64, String, String)> = s::table
        .inner_join(
            crate::schema::organizations::table
                .on(crate::schema::organizations::id.eq(s::organization_id)),
        )
        .filter(s::active.eq(true))
        .select((s::id, s::events, crate::schema::organizations::path))
        .load(conn)?;
    for (sid, events, path) in subs {
        if organization_path.starts_with(&path) && events.split(',').any(|x| x == event) {
            diesel::insert_into(d::table)
                .values((
                    d::subscription_id.eq(sid),
                    d::event_id.eq(id),
                    d::status.eq("pending"),
                    d::attempts.eq(0),
                    d::next_attempt_at.eq(at),
                    d::created_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Claims up to `limit` due deliveries for `lease_secs`: on PostgreSQL with `FOR UPDATE SKIP
/// LOCKED`, so that several server instances never take the same one; on SQLite under the
/// caller's `BEGIN IMMEDIATE`. Call inside a write transaction.
pub fn claim_due(
    conn: &mut AnyConnection,
    at: NaiveDateTime,
    limit: i64,
    lease_secs: i64,
) -> QueryResult<Vec<i64>> {
    let until = at + chrono::Duration::seconds(lease_secs);
    let ids: Vec<i64> = match conn {
        AnyConnection::Postgresql(c) => {
            #[derive(QueryableByName)]
            struct Id {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                id: i64,
            }
            diesel::sql_query(
                "SELECT id FROM webhook_deliveries WHERE status = 'pending' \
                 AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1) \
                 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED",
            )
            .bind::<diesel::sql_types::Timestamp, _>(at)
            .bind::<diesel::sql_types::BigInt, _>(limit)
            .load::<Id>(c)?
            .into_iter()
            .map(|x| x.id)
            .collect()
        }
        AnyConnection::Sqlite(_) => d::table
            .filter(d::status.eq("pending"))
            .filter(d::next_attempt_at.le(at))
            .filter(d::locked_until.is_null().or(d::locked_until.lt(at)))
            .order(d::id.asc())
            .limit(limit)
            .select(d::id)
            .load(conn)?,
    };
    if !ids.is_empty() {
        diesel::update(d::table.filter(d::id.eq_any(&ids)))
            .set(d::locked_until.eq(until))
            .execute(conn)?;
    }
    Ok(ids)
}

pub fn delivery(
    conn: &mut AnyConnection,
    id: i64,
) -> QueryResult<Option<(Delivery, Subscription, Event)>> {
    let Some(x) = d::table
        .find(id)
        .select(Delivery::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let sub = s::table
        .find(x.subscription_id)
        .select(Subscription::as_select())
        .first(conn)?;
    let ev = e::table
        .find(x.event_id)
        .select(Event::as_select())
        .first(conn)?;
    Ok(Some((x, sub, ev)))
}

pub fn deliveries_of(
    conn: &mut AnyConnection,
    subscription_id: i64,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<(Delivery, String)>, i64)> {
    let rows = d::table
        .inner_join(e::table)
        .filter(d::subscription_id.eq(subscription_id))
        .select((Delivery::as_select(), e::event))
        .order(d::id.desc())
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    let total = d::table
        .filter(d::subscription_id.eq(subscription_id))
        .count()
        .get_result(conn)?;
    Ok((rows, total))
}

/// Records an attempt: delivered, or pending again at `retry_at`, or failed for good.
pub fn record(
    conn: &mut AnyConnection,
    id: i64,
    status: Option<i32>,
    error: Option<&str>,
    delivered: bool,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let at = now();
    let state = match (delivered, retry_at) {
        (true, _) => "delivered",
        (false, Some(_)) => "pending",
        (false, None) => "failed",
    };
    diesel::update(d::table.find(id))
        .set((
            d::status.eq(state),
            d::attempts.eq(d::attempts + 1),
            d::next_attempt_at.eq(retry_at.unwrap_or(at)),
            d::locked_until.eq(None::<NaiveDateTime>),
            d::last_status.eq(status),
            d::last_error.eq(error),
            d::delivered_at.eq(delivered.then_some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Redelivery by hand: pending again, now.
pub fn redeliver(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::update(d::table.find(id))
        .set((
            d::status.eq("pending"),
            d::next_attempt_at.eq(now()),
            d::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?)
}

/// How many deliveries failed for good (no retry left): the administrators' agenda.
pub fn failed_count(conn: &mut AnyConnection) -> QueryResult<i64> {
    Ok(d::table
        .filter(d::status.eq("failed"))
        .count()
        .get_result(conn)?)
}
