//! Organisations' results of past years (W4/W5), entered from archived decisions.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::org_history as h;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::org_history)]
pub struct Entry {
    pub organization_id: i64,
    pub year: i32,
    pub level: String,
    pub exemplary: bool,
    pub source: String,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

pub fn of(conn: &mut AnyConnection, organization_id: i64) -> QueryResult<Vec<Entry>> {
    Ok(h::table
        .filter(h::organization_id.eq(organization_id))
        .select(Entry::as_select())
        .order(h::year.asc())
        .load(conn)?)
}

pub fn find(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
) -> QueryResult<Option<Entry>> {
    Ok(h::table
        .find((organization_id, year))
        .select(Entry::as_select())
        .first(conn)
        .optional()?)
}

/// Writes the year's entry, replacing an earlier one.
pub fn put(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
    level: &str,
    exemplary: bool,
    source: &str,
    by: &str,
) -> QueryResult<()> {
    diesel::delete(h::table.find((organization_id, year))).execute(conn)?;
    diesel::insert_into(h::table)
        .values((
            h::organization_id.eq(organization_id),
            h::year.eq(year),
            h::level.eq(level),
            h::exemplary.eq(exemplary),
            h::source.eq(source),
            h::recorded_by.eq(by),
            h::recorded_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
