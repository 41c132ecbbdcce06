//! Professional ratings per member and cycle.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::professional_ratings as r;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::professional_ratings)]
pub struct Rating {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    pub level: String,
    pub rating_unit: String,
    pub post: String,
    pub honours: String,
    pub attested_exemplary: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub struct RatingData<'a> {
    pub level: &'a str,
    pub rating_unit: &'a str,
    pub post: &'a str,
    pub honours: &'a str,
    pub attested_exemplary: bool,
}

pub fn find(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
) -> QueryResult<Option<Rating>> {
    Ok(r::table
        .filter(r::cycle_id.eq(cycle_id))
        .filter(r::member_id.eq(member_id))
        .select(Rating::as_select())
        .first(conn)
        .optional()?)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Rating>> {
    Ok(r::table
        .filter(r::cycle_id.eq(cycle_id))
        .select(Rating::as_select())
        .load(conn)?)
}

/// Records or replaces the rating.
pub fn put(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    d: &RatingData<'_>,
) -> QueryResult<()> {
    let at = now();
    match find(conn, cycle_id, member_id)? {
        Some(existing) => {
            diesel::update(r::table.find(existing.id))
                .set((
                    r::level.eq(d.level),
                    r::rating_unit.eq(d.rating_unit),
                    r::post.eq(d.post),
                    r::honours.eq(d.honours),
                    r::attested_exemplary.eq(d.attested_exemplary),
                    r::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(r::table)
                .values((
                    r::cycle_id.eq(cycle_id),
                    r::member_id.eq(member_id),
                    r::level.eq(d.level),
                    r::rating_unit.eq(d.rating_unit),
                    r::post.eq(d.post),
                    r::honours.eq(d.honours),
                    r::attested_exemplary.eq(d.attested_exemplary),
                    r::created_at.eq(at),
                    r::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

pub fn delete(conn: &mut AnyConnection, cycle_id: i64, member_id: i64) -> QueryResult<usize> {
    Ok(diesel::delete(
        r::table
            .filter(r::cycle_id.eq(cycle_id))
            .filter(r::member_id.eq(member_id)),
    )
    .execute(conn)?)
}
