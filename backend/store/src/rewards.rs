//! Emulation registrations and reward nominations (W1–W6).

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{emulation_registrations as er, reward_nominations as n};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::rewards::NominationStatus;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::reward_nominations)]
pub struct Nomination {
    pub id: i64,
    pub year: i32,
    pub reward: String,
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub nominating_organization_id: i64,
    #[diesel(deserialize_as = String)]
    pub status: NominationStatus,
    pub note: Option<String>,
    pub nominated_by: String,
    pub decided_by: Option<String>,
    pub decision_comment: Option<String>,
    pub revoked_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn registered(conn: &mut AnyConnection, organization_id: i64, year: i32) -> QueryResult<bool> {
    let c: i64 = er::table
        .filter(er::organization_id.eq(organization_id))
        .filter(er::year.eq(year))
        .count()
        .get_result(conn)?;
    Ok(c > 0)
}

pub fn register(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
    on: NaiveDate,
    by: &str,
) -> QueryResult<()> {
    diesel::insert_into(er::table)
        .values((
            er::organization_id.eq(organization_id),
            er::year.eq(year),
            er::registered_on.eq(on),
            er::registered_by.eq(by),
        ))
        .execute(conn)?;
    Ok(())
}

/// The registered organisations among `ids` for the year.
pub fn registrations(conn: &mut AnyConnection, year: i32, ids: &[i64]) -> QueryResult<Vec<i64>> {
    Ok(er::table
        .filter(er::year.eq(year))
        .filter(er::organization_id.eq_any(ids))
        .select(er::organization_id)
        .load(conn)?)
}

/// Nominations that use a quota: nominated or approved (rejected and revoked ones free it).
pub fn used(
    conn: &mut AnyConnection,
    nominating: &[i64],
    year: i32,
    reward: &str,
) -> QueryResult<i64> {
    Ok(n::table
        .filter(n::nominating_organization_id.eq_any(nominating))
        .filter(n::year.eq(year))
        .filter(n::reward.eq(reward))
        .filter(n::status.eq_any([
            NominationStatus::Nominated.as_str(),
            NominationStatus::Approved.as_str(),
        ]))
        .count()
        .get_result(conn)?)
}

pub struct NewNomination<'a> {
    pub year: i32,
    pub reward: &'a str,
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub nominating_organization_id: i64,
    pub note: Option<&'a str>,
    pub nominated_by: &'a str,
}

pub fn create(conn: &mut AnyConnection, x: &NewNomination<'_>) -> QueryResult<i64> {
    let at = now();
    Ok(diesel::insert_into(n::table)
        .values((
            n::year.eq(x.year),
            n::reward.eq(x.reward),
            n::member_id.eq(x.member_id),
            n::organization_id.eq(x.organization_id),
            n::nominating_organization_id.eq(x.nominating_organization_id),
            n::status.eq(NominationStatus::Nominated.as_str()),
            n::note.eq(x.note),
            n::nominated_by.eq(x.nominated_by),
            n::created_at.eq(at),
            n::updated_at.eq(at),
        ))
        .returning(n::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Nomination>> {
    Ok(n::table
        .find(id)
        .select(Nomination::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(
    conn: &mut AnyConnection,
    nominating: &[i64],
    year: i32,
) -> QueryResult<Vec<Nomination>> {
    Ok(n::table
        .filter(n::nominating_organization_id.eq_any(nominating))
        .filter(n::year.eq(year))
        .select(Nomination::as_select())
        .order(n::id.asc())
        .load(conn)?)
}

pub fn duplicate(
    conn: &mut AnyConnection,
    year: i32,
    reward: &str,
    member_id: Option<i64>,
    organization_id: Option<i64>,
) -> QueryResult<bool> {
    let mut q = n::table
        .filter(n::year.eq(year))
        .filter(n::reward.eq(reward))
        .filter(n::status.eq_any([
            NominationStatus::Nominated.as_str(),
            NominationStatus::Approved.as_str(),
        ]))
        .into_boxed();
    if let Some(m) = member_id {
        q = q.filter(n::member_id.eq(m));
    }
    if let Some(o) = organization_id {
        q = q.filter(n::organization_id.eq(o));
    }
    let c: i64 = q.count().get_result(conn)?;
    Ok(c > 0)
}

pub fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    status: NominationStatus,
    by: &str,
    comment: Option<&str>,
    revoked_reason: Option<&str>,
) -> QueryResult<()> {
    diesel::update(n::table.find(id))
        .set((
            n::status.eq(status.as_str()),
            n::decided_by.eq(by),
            n::decision_comment.eq(comment),
            n::revoked_reason.eq(revoked_reason),
            n::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The (year, nominating organisation) of every nomination still waiting for a decision by
/// the organisations `nominating`, one row per nomination.
pub fn waiting(conn: &mut AnyConnection, nominating: &[i64]) -> QueryResult<Vec<(i32, i64)>> {
    Ok(n::table
        .filter(n::nominating_organization_id.eq_any(nominating))
        .filter(n::status.eq(NominationStatus::Nominated.as_str()))
        .select((n::year, n::nominating_organization_id))
        .order((n::year.asc(), n::nominating_organization_id.asc()))
        .load(conn)?)
}
