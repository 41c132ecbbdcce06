//! Plan III: the plan's tasks, each assigned to a named standing-committee member, with its
//! progress.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::plan_tasks as t;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::plan_tasks)]
pub struct Task {
    pub id: i64,
    pub cycle_id: i64,
    pub title: String,
    pub assignee: String,
    pub due_on: Option<NaiveDate>,
    pub progress: i32,
    pub note: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub struct Fields<'a> {
    pub title: &'a str,
    pub assignee: &'a str,
    pub due_on: Option<NaiveDate>,
    pub progress: i32,
    pub note: Option<&'a str>,
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Task>> {
    Ok(t::table
        .filter(t::cycle_id.eq(cycle_id))
        .select(Task::as_select())
        .order((t::due_on.asc(), t::id.asc()))
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, cycle_id: i64, id: i64) -> QueryResult<Option<Task>> {
    Ok(t::table
        .find(id)
        .filter(t::cycle_id.eq(cycle_id))
        .select(Task::as_select())
        .first(conn)
        .optional()?)
}

pub fn create(
    conn: &mut AnyConnection,
    cycle_id: i64,
    f: &Fields<'_>,
    by: &str,
) -> QueryResult<i64> {
    Ok(diesel::insert_into(t::table)
        .values((
            t::cycle_id.eq(cycle_id),
            t::title.eq(f.title),
            t::assignee.eq(f.assignee),
            t::due_on.eq(f.due_on),
            t::progress.eq(f.progress),
            t::note.eq(f.note),
            t::version.eq(1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .returning(t::id)
        .get_result(conn)?)
}

/// The task's new fields, when it is still at `expected`; false (nothing written) otherwise.
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    f: &Fields<'_>,
    by: &str,
) -> QueryResult<bool> {
    let n = diesel::update(t::table.find(id).filter(t::version.eq(expected)))
        .set((
            t::title.eq(f.title),
            t::assignee.eq(f.assignee),
            t::due_on.eq(f.due_on),
            t::progress.eq(f.progress),
            t::note.eq(f.note),
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
