//! Review suggestions to members and collectives, and their answers.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::review_suggestions as s;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::suggestion::Status;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::review_suggestions)]
pub struct Suggestion {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub subject_path: String,
    pub issuer_role: String,
    pub issued_by: String,
    pub content: String,
    pub due_on: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub explanation: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub struct NewSuggestion<'a> {
    pub cycle_id: i64,
    pub member_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub subject_path: &'a str,
    pub issuer_role: &'a str,
    pub issued_by: &'a str,
    pub content: &'a str,
    pub due_on: NaiveDate,
}

pub fn create(conn: &mut AnyConnection, n: &NewSuggestion<'_>) -> QueryResult<i64> {
    Ok(diesel::insert_into(s::table)
        .values((
            s::cycle_id.eq(n.cycle_id),
            s::member_id.eq(n.member_id),
            s::organization_id.eq(n.organization_id),
            s::subject_path.eq(n.subject_path),
            s::issuer_role.eq(n.issuer_role),
            s::issued_by.eq(n.issued_by),
            s::content.eq(n.content),
            s::due_on.eq(n.due_on),
            s::status.eq(Status::Open.as_str()),
            s::created_at.eq(now()),
        ))
        .returning(s::id)
        .get_result(conn)?)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Suggestion>> {
    Ok(s::table
        .filter(s::cycle_id.eq(cycle_id))
        .select(Suggestion::as_select())
        .order(s::id.asc())
        .load(conn)?)
}

pub fn get(conn: &mut AnyConnection, cycle_id: i64, id: i64) -> QueryResult<Option<Suggestion>> {
    Ok(s::table
        .filter(s::cycle_id.eq(cycle_id))
        .filter(s::id.eq(id))
        .select(Suggestion::as_select())
        .first(conn)
        .optional()?)
}

pub fn answer(conn: &mut AnyConnection, id: i64, explanation: &str, by: &str) -> QueryResult<()> {
    diesel::update(s::table.find(id))
        .set((
            s::status.eq(Status::Answered.as_str()),
            s::explanation.eq(explanation),
            s::answered_by.eq(by),
            s::answered_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
