//! Refresh tokens: stored hashed, rotated on every use, grouped in families so that a reused
//! token revokes the whole family.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::refresh_tokens as rt;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::refresh_tokens)]
pub struct RefreshToken {
    pub id: i64,
    pub user_id: i64,
    pub family: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut AnyConnection,
    user_id: i64,
    family: &str,
    token_hash: &str,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(rt::table)
        .values((
            rt::user_id.eq(user_id),
            rt::family.eq(family),
            rt::token_hash.eq(token_hash),
            rt::created_at.eq(now()),
            rt::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn by_hash(conn: &mut AnyConnection, token_hash: &str) -> QueryResult<Option<RefreshToken>> {
    Ok(rt::table
        .filter(rt::token_hash.eq(token_hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()?)
}

/// Marks the token used; false when it already was (a concurrent rotation won).
pub fn mark_used(conn: &mut AnyConnection, id: i64) -> QueryResult<bool> {
    let n = diesel::update(rt::table.find(id).filter(rt::used_at.is_null()))
        .set(rt::used_at.eq(now()))
        .execute(conn)?;
    Ok(n == 1)
}

/// Revokes a session; its access tokens stop at once on this instance (the principal cache
/// is forgotten) and within the cache's few seconds on the others.
pub fn revoke_family(conn: &mut AnyConnection, family: &str) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::Family(family.to_owned()));
    Ok(diesel::update(
        rt::table
            .filter(rt::family.eq(family))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now()))
    .execute(conn)?)
}

pub fn revoke_user(conn: &mut AnyConnection, user_id: i64) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::User(user_id));
    Ok(diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now()))
    .execute(conn)?)
}
