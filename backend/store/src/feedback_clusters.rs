//! Plan II.2.2.1: the workplace's feedback clusters and the mass organisations' opinions on
//! each branch as a collective.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{collective_feedback as f, feedback_clusters as t};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::feedback_clusters)]
pub struct Cluster {
    pub id: i64,
    pub cycle_id: i64,
    pub name: String,
    pub leader: String,
    /// JSON array of organisation ids.
    pub branch_ids: String,
    /// JSON array of names.
    pub mass_organizations: String,
    pub meeting_on: Option<NaiveDate>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

impl Cluster {
    pub fn branches(&self) -> Vec<i64> {
        serde_json::from_str(&self.branch_ids).unwrap_or_default()
    }

    pub fn sources(&self) -> Vec<String> {
        serde_json::from_str(&self.mass_organizations).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::collective_feedback)]
pub struct Opinion {
    pub id: i64,
    pub cluster_id: i64,
    pub branch_id: i64,
    pub source: String,
    pub content: String,
    pub given_on: NaiveDate,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

pub struct Fields<'a> {
    pub name: &'a str,
    pub leader: &'a str,
    pub branch_ids: &'a str,
    pub mass_organizations: &'a str,
    pub meeting_on: Option<NaiveDate>,
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Cluster>> {
    Ok(t::table
        .filter(t::cycle_id.eq(cycle_id))
        .select(Cluster::as_select())
        .order(t::id.asc())
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, cycle_id: i64, id: i64) -> QueryResult<Option<Cluster>> {
    Ok(t::table
        .find(id)
        .filter(t::cycle_id.eq(cycle_id))
        .select(Cluster::as_select())
        .first(conn)
        .optional()?)
}

pub fn create(
    conn: &mut AnyConnection,
    cycle_id: i64,
    c: &Fields<'_>,
    by: &str,
) -> QueryResult<i64> {
    Ok(diesel::insert_into(t::table)
        .values((
            t::cycle_id.eq(cycle_id),
            t::name.eq(c.name),
            t::leader.eq(c.leader),
            t::branch_ids.eq(c.branch_ids),
            t::mass_organizations.eq(c.mass_organizations),
            t::meeting_on.eq(c.meeting_on),
            t::version.eq(1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .returning(t::id)
        .get_result(conn)?)
}

/// The cluster's new fields, when it is still at `expected` (false: nothing written).
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    c: &Fields<'_>,
    by: &str,
) -> QueryResult<bool> {
    let n = diesel::update(t::table.find(id).filter(t::version.eq(expected)))
        .set((
            t::name.eq(c.name),
            t::leader.eq(c.leader),
            t::branch_ids.eq(c.branch_ids),
            t::mass_organizations.eq(c.mass_organizations),
            t::meeting_on.eq(c.meeting_on),
            t::version.eq(expected + 1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::delete(t::table.find(id)).execute(conn)?)
}

pub fn opinions(conn: &mut AnyConnection, cluster_ids: &[i64]) -> QueryResult<Vec<Opinion>> {
    Ok(f::table
        .filter(f::cluster_id.eq_any(cluster_ids))
        .select(Opinion::as_select())
        .order((f::given_on.asc(), f::id.asc()))
        .load(conn)?)
}

pub struct NewOpinion<'a> {
    pub branch_id: i64,
    pub source: &'a str,
    pub content: &'a str,
    pub given_on: NaiveDate,
}

pub fn add_opinion(
    conn: &mut AnyConnection,
    cluster_id: i64,
    o: &NewOpinion<'_>,
    by: &str,
) -> QueryResult<i64> {
    Ok(diesel::insert_into(f::table)
        .values((
            f::cluster_id.eq(cluster_id),
            f::branch_id.eq(o.branch_id),
            f::source.eq(o.source),
            f::content.eq(o.content),
            f::given_on.eq(o.given_on),
            f::recorded_by.eq(by),
            f::recorded_at.eq(now()),
        ))
        .returning(f::id)
        .get_result(conn)?)
}

pub fn opinion(conn: &mut AnyConnection, cluster_id: i64, id: i64) -> QueryResult<Option<Opinion>> {
    Ok(f::table
        .find(id)
        .filter(f::cluster_id.eq(cluster_id))
        .select(Opinion::as_select())
        .first(conn)
        .optional()?)
}

pub fn remove_opinion(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::delete(f::table.find(id)).execute(conn)?)
}
