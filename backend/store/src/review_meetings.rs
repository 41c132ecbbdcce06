//! Guidance C.4: the review meetings an organisation schedules, whom of the superior it
//! invites, and when it notified them.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::review_meetings as t;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::review_meetings)]
pub struct Meeting {
    pub id: i64,
    pub cycle_id: i64,
    pub subject: String,
    pub held_at: NaiveDateTime,
    pub place: String,
    /// JSON array of `{"name", "body"}`.
    pub invited: String,
    pub notified_at: Option<NaiveDateTime>,
    pub notified_by: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub struct Fields<'a> {
    pub subject: &'a str,
    pub held_at: NaiveDateTime,
    pub place: &'a str,
    pub invited: &'a str,
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Meeting>> {
    Ok(t::table
        .filter(t::cycle_id.eq(cycle_id))
        .select(Meeting::as_select())
        .order((t::held_at.asc(), t::id.asc()))
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, cycle_id: i64, id: i64) -> QueryResult<Option<Meeting>> {
    Ok(t::table
        .find(id)
        .filter(t::cycle_id.eq(cycle_id))
        .select(Meeting::as_select())
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
            t::subject.eq(f.subject),
            t::held_at.eq(f.held_at),
            t::place.eq(f.place),
            t::invited.eq(f.invited),
            t::version.eq(1),
            t::updated_by.eq(by),
            t::updated_at.eq(now()),
        ))
        .returning(t::id)
        .get_result(conn)?)
}

/// The meeting's new fields, when it is still at `expected` (false: nothing written). With
/// `renotify`, the notice given earlier no longer holds (the time or place changed).
pub fn update(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    f: &Fields<'_>,
    renotify: bool,
    by: &str,
) -> QueryResult<bool> {
    let target = t::table.find(id).filter(t::version.eq(expected));
    let values = (
        t::subject.eq(f.subject),
        t::held_at.eq(f.held_at),
        t::place.eq(f.place),
        t::invited.eq(f.invited),
        t::version.eq(expected + 1),
        t::updated_by.eq(by),
        t::updated_at.eq(now()),
    );
    let n = if renotify {
        diesel::update(target)
            .set((
                values,
                t::notified_at.eq(None::<NaiveDateTime>),
                t::notified_by.eq(None::<String>),
            ))
            .execute(conn)?
    } else {
        diesel::update(target).set(values).execute(conn)?
    };
    Ok(n == 1)
}

/// The superior notified now, when the meeting is still at `expected`.
pub fn notify(conn: &mut AnyConnection, id: i64, expected: i32, by: &str) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(t::table.find(id).filter(t::version.eq(expected)))
        .set((
            t::notified_at.eq(Some(at)),
            t::notified_by.eq(Some(by)),
            t::version.eq(expected + 1),
            t::updated_by.eq(by),
            t::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::delete(t::table.find(id)).execute(conn)?)
}
