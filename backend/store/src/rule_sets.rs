//! Rule sets made by an administrator (the built-in ones live in the domain crate).

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::rule_sets as r;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::rule_sets)]
pub struct Stored {
    pub name: String,
    pub based_on: String,
    pub rules_json: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<Stored>> {
    Ok(r::table
        .select(Stored::as_select())
        .order(r::created_at.asc())
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, name: &str) -> QueryResult<Option<Stored>> {
    Ok(r::table
        .find(name)
        .select(Stored::as_select())
        .first(conn)
        .optional()?)
}

pub fn create(
    conn: &mut AnyConnection,
    name: &str,
    based_on: &str,
    rules_json: &str,
    by: &str,
) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values((
            r::name.eq(name),
            r::based_on.eq(based_on),
            r::rules_json.eq(rules_json),
            r::created_by.eq(by),
            r::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
