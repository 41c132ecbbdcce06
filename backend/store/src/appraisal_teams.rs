//! Guidance C.5: the appraisal teams a committee sends to organisations below it, with their
//! members, visit and findings.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::appraisal_teams as t;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::appraisal_teams)]
pub struct Team {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub target_id: i64,
    pub leader: String,
    /// JSON array of names.
    pub members: String,
    pub visit_on: Option<NaiveDate>,
    pub findings: Option<String>,
    pub conclusion: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub struct Fields<'a> {
    pub year: i32,
    pub target_id: i64,
    pub leader: &'a str,
    pub members: &'a str,
    pub visit_on: Option<NaiveDate>,
    pub findings: Option<&'a str>,
    pub conclusion: Option<&'a str>,
}

/// The teams `org_id` formed in `year`, and those sent to it.
pub fn of_org(conn: &mut AnyConnection, org_id: i64, year: i32) -> QueryResult<Vec<Team>> {
    Ok(t::table
        .filter(t::year.eq(year))
        .filter(t::organization_id.eq(org_id).or(t::target_id.eq(org_id)))
        .select(Team::as_select())
        .order((t::visit_on.asc(), t::id.asc()))
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, org_id: i64, id: i64) -> QueryResult<Option<Team>> {
    Ok(t::table
        .find(id)
        .filter(t::organization_id.eq(org_id))
        .select(Team::as_select())
        .first(conn)
        .optional()?)
}

pub fn create(conn: &mut AnyConnection, org_id: i64, f: &Fields<'_>, by: &str) -> QueryResult<i64> {
    Ok(diesel::insert_into(t::table)
        .values((
            t::organization_id.eq(org_id),
            t::year.eq(f.year),
            t::target_id.eq(f.target_id),
            t::leader.eq(f.leader),
            t::members.eq(f.members),
            t::visit_on.eq(f.visit_on),
            t::findings.eq(f.findings),
            t::conclusion.eq(f.conclusion),
            t::version.eq(1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .returning(t::id)
        .get_result(conn)?)
}

/// The team's new fields, when it is still at `expected` (false: nothing written).
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    f: &Fields<'_>,
    by: &str,
) -> QueryResult<bool> {
    let n = diesel::update(t::table.find(id).filter(t::version.eq(expected)))
        .set((
            t::year.eq(f.year),
            t::target_id.eq(f.target_id),
            t::leader.eq(f.leader),
            t::members.eq(f.members),
            t::visit_on.eq(f.visit_on),
            t::findings.eq(f.findings),
            t::conclusion.eq(f.conclusion),
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
