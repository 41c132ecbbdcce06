//! The reports a committee writes in the system (D1, D4), their versions, and the issuing
//! body's register of document numbers.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::party_report_versions as v;
use crate::schema::party_reports as r;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::party_reports)]
pub struct Report {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub signer_title: String,
    pub signer_name: String,
    pub version: i32,
    pub status: String,
    pub register_seq: Option<i32>,
    pub number: Option<String>,
    pub dated_on: Option<NaiveDate>,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::party_report_versions)]
pub struct Version {
    pub version: i32,
    pub title: String,
    pub body: String,
    pub saved_by: String,
    pub saved_at: NaiveDateTime,
}

/// The text of a save.
pub struct Text<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub signer_title: &'a str,
    pub signer_name: &'a str,
}

pub fn of_year(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
) -> QueryResult<Vec<Report>> {
    Ok(r::table
        .filter(r::organization_id.eq(organization_id))
        .filter(r::year.eq(year))
        .select(Report::as_select())
        .order(r::kind.asc())
        .load(conn)?)
}

pub fn find(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
    kind: &str,
) -> QueryResult<Option<Report>> {
    Ok(r::table
        .filter(r::organization_id.eq(organization_id))
        .filter(r::year.eq(year))
        .filter(r::kind.eq(kind))
        .select(Report::as_select())
        .first(conn)
        .optional()?)
}

/// A new report at version 1 (its first version kept).
pub fn create(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
    kind: &str,
    t: &Text<'_>,
    by: &str,
) -> QueryResult<i64> {
    let at = now();
    let id = diesel::insert_into(r::table)
        .values((
            r::organization_id.eq(organization_id),
            r::year.eq(year),
            r::kind.eq(kind),
            r::title.eq(t.title),
            r::body.eq(t.body),
            r::signer_title.eq(t.signer_title),
            r::signer_name.eq(t.signer_name),
            r::version.eq(1),
            r::status.eq("draft"),
            r::updated_by.eq(by),
            r::updated_at.eq(at),
        ))
        .returning(r::id)
        .get_result(conn)?;
    keep_version(conn, id, 1, t, by, at)?;
    Ok(id)
}

/// Saves a draft's new text as the version after `expected`; false when the stored report is
/// no longer that version or no longer a draft (nothing written).
pub fn save(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    t: &Text<'_>,
    by: &str,
) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(
        r::table
            .find(id)
            .filter(r::version.eq(expected))
            .filter(r::status.eq("draft")),
    )
    .set((
        r::title.eq(t.title),
        r::body.eq(t.body),
        r::signer_title.eq(t.signer_title),
        r::signer_name.eq(t.signer_name),
        r::version.eq(expected + 1),
        r::updated_by.eq(by),
        r::updated_at.eq(at),
    ))
    .execute(conn)?;
    if n == 1 {
        keep_version(conn, id, expected + 1, t, by, at)?;
    }
    Ok(n == 1)
}

fn keep_version(
    conn: &mut AnyConnection,
    id: i64,
    version: i32,
    t: &Text<'_>,
    by: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(v::table)
        .values((
            v::report_id.eq(id),
            v::version.eq(version),
            v::title.eq(t.title),
            v::body.eq(t.body),
            v::saved_by.eq(by),
            v::saved_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn versions(conn: &mut AnyConnection, id: i64) -> QueryResult<Vec<Version>> {
    Ok(v::table
        .filter(v::report_id.eq(id))
        .select(Version::as_select())
        .order(v::version.desc())
        .load(conn)?)
}

/// The approval of the draft at `expected`: the body with the figures of the day, the
/// register's number and the document's date. False when the report is no longer that draft.
pub struct Approval<'a> {
    pub body: &'a str,
    pub register_seq: i32,
    pub number: &'a str,
    pub dated_on: NaiveDate,
}

pub fn approve(
    conn: &mut AnyConnection,
    id: i64,
    expected: i32,
    a: &Approval<'_>,
    by: &str,
) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(
        r::table
            .find(id)
            .filter(r::version.eq(expected))
            .filter(r::status.eq("draft")),
    )
    .set((
        r::body.eq(a.body),
        r::status.eq("approved"),
        r::version.eq(expected + 1),
        r::register_seq.eq(Some(a.register_seq)),
        r::number.eq(Some(a.number)),
        r::dated_on.eq(Some(a.dated_on)),
        r::approved_by.eq(Some(by)),
        r::approved_at.eq(Some(at)),
        r::updated_by.eq(by),
        r::updated_at.eq(at),
    ))
    .execute(conn)?;
    if n == 1 {
        let title: String = r::table.find(id).select(r::title).first(conn)?;
        keep_version(
            conn,
            id,
            expected + 1,
            &Text {
                title: &title,
                body: a.body,
                signer_title: "",
                signer_name: "",
            },
            by,
            at,
        )?;
    }
    Ok(n == 1)
}

/// The next number of the issuing body's register for a type of document and a year, taken in
/// the caller's transaction (one statement: concurrent approvals never share a number).
pub fn next_number(
    conn: &mut AnyConnection,
    organization_id: i64,
    doc_type: &str,
    year: i32,
) -> QueryResult<i32> {
    #[derive(QueryableByName)]
    struct Next {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        last_number: i32,
    }
    const SQL: &str = "INSERT INTO document_register (organization_id, doc_type, year, last_number) \
        VALUES ($1, $2, $3, 1) ON CONFLICT (organization_id, doc_type, year) \
        DO UPDATE SET last_number = document_register.last_number + 1 RETURNING last_number";
    use diesel::sql_types::{BigInt, Integer, Text as T};
    let next = match conn {
        AnyConnection::Postgresql(c) => diesel::sql_query(SQL)
            .bind::<BigInt, _>(organization_id)
            .bind::<T, _>(doc_type)
            .bind::<Integer, _>(year)
            .get_result::<Next>(c)?,
        AnyConnection::Sqlite(c) => diesel::sql_query(SQL.replace('$', "?"))
            .bind::<BigInt, _>(organization_id)
            .bind::<T, _>(doc_type)
            .bind::<Integer, _>(year)
            .get_result::<Next>(c)?,
    };
    Ok(next.last_number)
}
