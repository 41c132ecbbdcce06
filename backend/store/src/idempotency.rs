//! Kept answers for `Idempotency-Key`.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::idempotency_keys as k;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::idempotency_keys)]
pub struct Kept {
    pub subject: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub status: i32,
    pub content_type: String,
    pub body: String,
    pub created_at: chrono::NaiveDateTime,
}

pub fn get(conn: &mut AnyConnection, subject: &str, key: &str) -> QueryResult<Option<Kept>> {
    Ok(k::table
        .find((subject, key))
        .select(Kept::as_select())
        .first(conn)
        .optional()?)
}

/// Status of a key claimed by a request whose answer is not kept yet.
pub const IN_PROGRESS: i32 = 0;

/// PostgreSQL: a transaction-scoped advisory lock on the key, false when another transaction
/// holds it (SQLite's `BEGIN IMMEDIATE` already serialises writers: always true).
pub fn try_lock(conn: &mut AnyConnection, subject: &str, key: &str) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        locked: bool,
    }
    match conn {
        AnyConnection::Postgresql(c) => Ok(diesel::sql_query(
            "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked",
        )
        .bind::<diesel::sql_types::Text, _>(format!("idempotency\n{subject}\n{key}"))
        .get_result::<Locked>(c)?
        .locked),
        AnyConnection::Sqlite(_) => Ok(true),
    }
}

/// Claims the key inside the transaction of the work (issue #13): a concurrent claim of the
/// same key waits for this transaction and then fails with a unique violation.
pub fn claim(
    conn: &mut AnyConnection,
    subject: &str,
    key: &str,
    request_hash: &str,
) -> QueryResult<()> {
    diesel::insert_into(k::table)
        .values((
            k::subject.eq(subject),
            k::idempotency_key.eq(key),
            k::request_hash.eq(request_hash),
            k::status.eq(IN_PROGRESS),
            k::content_type.eq(""),
            k::body.eq(""),
            k::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Keeps the answer of a claimed key.
pub fn finish(
    conn: &mut AnyConnection,
    subject: &str,
    key: &str,
    status: i32,
    content_type: &str,
    body: &str,
) -> QueryResult<()> {
    diesel::update(
        k::table
            .find((subject, key))
            .filter(k::status.eq(IN_PROGRESS)),
    )
    .set((
        k::status.eq(status),
        k::content_type.eq(content_type),
        k::body.eq(body),
    ))
    .execute(conn)?;
    Ok(())
}

/// Keeps the first answer of a request that wrote nothing (no claim was taken); a
/// concurrent second one for the same key is ignored.
pub fn keep(
    conn: &mut AnyConnection,
    subject: &str,
    key: &str,
    request_hash: &str,
    status: i32,
    content_type: &str,
    body: &str,
) -> QueryResult<()> {
    if get(conn, subject, key)?.is_some() {
        return Ok(());
    }
    let inserted = diesel::insert_into(k::table)
        .values((
            k::subject.eq(subject),
            k::idempotency_key.eq(key),
            k::request_hash.eq(request_hash),
            k::status.eq(status),
            k::content_type.eq(content_type),
            k::body.eq(body),
            k::created_at.eq(now()),
        ))
        .execute(conn);
    match inserted.map_err(crate::StoreError::from) {
        Err(crate::StoreError::Unique(_)) => Ok(()),
        other => other.map(|_| ()),
    }
}
