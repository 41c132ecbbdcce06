//! Service accounts of integration clients: a client id and a hashed secret, on a subtree.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::{Organization, now};
use crate::schema::{organizations, service_accounts as s};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::service_accounts)]
pub struct ServiceAccount {
    pub id: i64,
    pub client_id: String,
    pub name: String,
    pub secret_hash: String,
    pub organization_id: i64,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

pub fn get(
    conn: &mut AnyConnection,
    id: i64,
) -> QueryResult<Option<(ServiceAccount, Organization)>> {
    Ok(s::table
        .inner_join(organizations::table)
        .filter(s::id.eq(id))
        .select((ServiceAccount::as_select(), Organization::as_select()))
        .first(conn)
        .optional()?)
}

pub fn by_client_id(
    conn: &mut AnyConnection,
    client_id: &str,
) -> QueryResult<Option<ServiceAccount>> {
    Ok(s::table
        .filter(s::client_id.eq(client_id))
        .select(ServiceAccount::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut AnyConnection) -> QueryResult<Vec<(ServiceAccount, Organization)>> {
    Ok(s::table
        .inner_join(organizations::table)
        .select((ServiceAccount::as_select(), Organization::as_select()))
        .order(s::id.asc())
        .load(conn)?)
}

pub fn create(
    conn: &mut AnyConnection,
    client_id: &str,
    name: &str,
    secret_hash: &str,
    organization_id: i64,
) -> QueryResult<i64> {
    Ok(diesel::insert_into(s::table)
        .values((
            s::client_id.eq(client_id),
            s::name.eq(name),
            s::secret_hash.eq(secret_hash),
            s::organization_id.eq(organization_id),
            s::active.eq(true),
            s::created_at.eq(now()),
        ))
        .returning(s::id)
        .get_result(conn)?)
}

pub fn deactivate(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::ServiceAccount(id));
    Ok(diesel::update(s::table.find(id))
        .set(s::active.eq(false))
        .execute(conn)?)
}

pub fn count_on(conn: &mut AnyConnection, organization_id: i64) -> QueryResult<i64> {
    Ok(s::table
        .filter(s::organization_id.eq(organization_id))
        .count()
        .get_result(conn)?)
}
