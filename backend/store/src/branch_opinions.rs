//! Plan II.2.3: each branch's opinion on its base's self-review and self-classification.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::branch_opinions as t;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::branch_opinions)]
pub struct Opinion {
    pub id: i64,
    pub cycle_id: i64,
    pub branch_id: i64,
    pub opinion: String,
    pub proposed_level: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Opinion>> {
    Ok(t::table
        .filter(t::cycle_id.eq(cycle_id))
        .select(Opinion::as_select())
        .order(t::branch_id.asc())
        .load(conn)?)
}

pub fn find(
    conn: &mut AnyConnection,
    cycle_id: i64,
    branch_id: i64,
) -> QueryResult<Option<Opinion>> {
    Ok(t::table
        .filter(t::cycle_id.eq(cycle_id))
        .filter(t::branch_id.eq(branch_id))
        .select(Opinion::as_select())
        .first(conn)
        .optional()?)
}

/// The branch's first opinion; false when one was written meanwhile (the unique key).
pub fn create(
    conn: &mut AnyConnection,
    cycle_id: i64,
    branch_id: i64,
    opinion: &str,
    proposed_level: Option<&str>,
    by: &str,
) -> QueryResult<bool> {
    let fresh = (
        t::cycle_id.eq(cycle_id),
        t::branch_id.eq(branch_id),
        t::opinion.eq(opinion),
        t::proposed_level.eq(proposed_level),
        t::version.eq(1),
        t::updated_by.eq(by),
        t::updated_at.eq(now()),
    );
    // ON CONFLICT per backend: MultiConnection does not carry it.
    let n = match conn {
        AnyConnection::Sqlite(c) => diesel::insert_into(t::table)
            .values(fresh)
            .on_conflict((t::cycle_id, t::branch_id))
            .do_nothing()
            .execute(c)?,
        AnyConnection::Postgresql(c) => diesel::insert_into(t::table)
            .values(fresh)
            .on_conflict((t::cycle_id, t::branch_id))
            .do_nothing()
            .execute(c)?,
    };
    Ok(n == 1)
}

/// A new text for the opinion, when it is still at `expected` (false: nothing written).
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    opinion: &str,
    proposed_level: Option<&str>,
    by: &str,
) -> QueryResult<bool> {
    let n = diesel::update(t::table.find(id).filter(t::version.eq(expected)))
        .set((
            t::opinion.eq(opinion),
            t::proposed_level.eq(proposed_level),
            t::version.eq(expected + 1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(n == 1)
}
