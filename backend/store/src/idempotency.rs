//! Kept answers for `Idempotency-Key`.

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
    k::table
        .find((subject, key))
        .select(Kept::as_select())
        .first(conn)
        .optional()
}

/// Keeps the first answer; a concurrent second one for the same key is ignored.
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
    diesel::insert_into(k::table)
        .values((
            k::subject.eq(subject),
            k::idempotency_key.eq(key),
            k::request_hash.eq(request_hash),
            k::status.eq(status),
            k::content_type.eq(content_type),
            k::body.eq(body),
            k::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}
