//! Feedback requests and the branch committee's consolidated opinions.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{consolidated_opinions as co, feedback_requests as f};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::feedback::Source;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::feedback_requests)]
pub struct Request {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    #[diesel(deserialize_as = String)]
    pub source: Source,
    pub provider_user_id: Option<i64>,
    pub cluster: Option<String>,
    pub led_by: Option<String>,
    pub delivery: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub returned_on: Option<NaiveDate>,
    pub content: Option<String>,
    pub proposed_level: Option<String>,
    pub answered_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// P2: a postal form went with a stamped return envelope.
    pub return_envelope: bool,
}

pub struct NewRequest<'a> {
    pub cycle_id: i64,
    pub member_id: i64,
    pub source: &'a str,
    pub provider_user_id: Option<i64>,
    pub cluster: Option<&'a str>,
    pub led_by: Option<&'a str>,
    pub delivery: Option<&'a str>,
    pub sent_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub return_envelope: bool,
}

pub fn create(conn: &mut AnyConnection, n: &NewRequest<'_>) -> QueryResult<i64> {
    let at = now();
    Ok(diesel::insert_into(f::table)
        .values((
            f::cycle_id.eq(n.cycle_id),
            f::member_id.eq(n.member_id),
            f::source.eq(n.source),
            f::provider_user_id.eq(n.provider_user_id),
            f::cluster.eq(n.cluster),
            f::led_by.eq(n.led_by),
            f::delivery.eq(n.delivery),
            f::sent_on.eq(n.sent_on),
            f::due_on.eq(n.due_on),
            f::return_envelope.eq(n.return_envelope),
            f::created_at.eq(at),
            f::updated_at.eq(at),
        ))
        .returning(f::id)
        .get_result(conn)?)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Request>> {
    Ok(f::table
        .filter(f::cycle_id.eq(cycle_id))
        .select(Request::as_select())
        .order(f::id.asc())
        .load(conn)?)
}

/// Requests assigned to a provider, across cycles (only those not returned yet when `open`).
pub fn assigned_to(
    conn: &mut AnyConnection,
    user_id: i64,
    open: bool,
) -> QueryResult<Vec<Request>> {
    let mut q = f::table
        .filter(f::provider_user_id.eq(user_id))
        .select(Request::as_select())
        .order((f::due_on.asc(), f::id.asc()))
        .into_boxed();
    if open {
        q = q.filter(f::returned_on.is_null());
    }
    Ok(q.load(conn)?)
}

pub fn get(conn: &mut AnyConnection, cycle_id: i64, id: i64) -> QueryResult<Option<Request>> {
    Ok(f::table
        .filter(f::cycle_id.eq(cycle_id))
        .filter(f::id.eq(id))
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

pub fn answer(
    conn: &mut AnyConnection,
    id: i64,
    content: &str,
    proposed_level: Option<&str>,
    returned_on: NaiveDate,
    by: &str,
) -> QueryResult<()> {
    diesel::update(f::table.find(id))
        .set((
            f::content.eq(content),
            f::proposed_level.eq(proposed_level),
            f::returned_on.eq(returned_on),
            f::answered_by.eq(by),
            f::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::consolidated_opinions)]
pub struct Opinion {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    pub content: String,
    pub proposed_level: Option<String>,
    pub written_by: String,
    pub updated_at: NaiveDateTime,
}

pub fn opinion(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
) -> QueryResult<Option<Opinion>> {
    Ok(co::table
        .filter(co::cycle_id.eq(cycle_id))
        .filter(co::member_id.eq(member_id))
        .select(Opinion::as_select())
        .first(conn)
        .optional()?)
}

pub fn put_opinion(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    content: &str,
    proposed_level: Option<&str>,
    by: &str,
) -> QueryResult<()> {
    let at = now();
    match opinion(conn, cycle_id, member_id)? {
        Some(o) => {
            diesel::update(co::table.find(o.id))
                .set((
                    co::content.eq(content),
                    co::proposed_level.eq(proposed_level),
                    co::written_by.eq(by),
                    co::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(co::table)
                .values((
                    co::cycle_id.eq(cycle_id),
                    co::member_id.eq(member_id),
                    co::content.eq(content),
                    co::proposed_level.eq(proposed_level),
                    co::written_by.eq(by),
                    co::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Every consolidated opinion of a cycle.
pub fn opinions_of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Opinion>> {
    Ok(co::table
        .filter(co::cycle_id.eq(cycle_id))
        .select(Opinion::as_select())
        .load(conn)?)
}
