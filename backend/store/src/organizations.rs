//! The organisation tree, stored with materialised paths ('/1/4/9/'): a subtree is one
//! indexed prefix query, never a walk.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::planned::each_time;
use crate::schema::organizations::dsl as o;
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = crate::schema::organizations)]
pub struct Organization {
    pub id: i64,
    pub kind: String,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Organization {
    /// The ids from the root down to this organisation.
    pub fn ancestry(&self) -> Vec<i64> {
        path_ids(&self.path)
    }

    pub fn depth(&self) -> usize {
        self.ancestry().len()
    }

    /// True when `other` is this organisation or below it.
    pub fn contains(&self, other_path: &str) -> bool {
        other_path.starts_with(&self.path)
    }
}

pub fn path_ids(path: &str) -> Vec<i64> {
    path.split('/').filter_map(|s| s.parse().ok()).collect()
}

pub fn now() -> NaiveDateTime {
    // Microseconds: PostgreSQL keeps no more, so a value read back equals the one written.
    let now = Utc::now().naive_utc();
    now.with_nanosecond((now.nanosecond() / 1000) * 1000)
        .unwrap_or(now)
}

use chrono::Timelike;

#[derive(Debug, Default, Clone)]
pub struct OrgFilter {
    pub kind: Option<String>,
    /// Only organisations under (or at) this path.
    pub under: Option<String>,
    /// Only organisations under (or at) one of these paths; `None` means no restriction.
    pub scopes: Option<Vec<String>>,
    pub parent_id: Option<i64>,
}

/// An organisation and everything under it.
pub fn subtree(conn: &mut AnyConnection, path: &str) -> QueryResult<Vec<Organization>> {
    list(
        conn,
        &OrgFilter {
            under: Some(path.to_owned()),
            ..Default::default()
        },
    )
}

pub fn list(conn: &mut AnyConnection, filter: &OrgFilter) -> QueryResult<Vec<Organization>> {
    let mut q = o::organizations
        .select(Organization::as_select())
        .into_boxed();
    if let Some(kind) = &filter.kind {
        q = q.filter(o::kind.eq(kind.clone()));
    }
    if let Some(under) = &filter.under {
        q = q.filter(each_time(o::path.like(format!("{under}%"))));
    }
    if let Some(parent) = filter.parent_id {
        q = q.filter(o::parent_id.eq(parent));
    }
    if let Some(scopes) = &filter.scopes {
        if scopes.is_empty() {
            return Ok(Vec::new());
        }
        let mut cond: Box<
            dyn BoxableExpression<o::organizations, _, SqlType = diesel::sql_types::Bool>,
        > = Box::new(each_time(o::path.like(format!("{}%", scopes[0]))));
        for s in &scopes[1..] {
            cond = Box::new(cond.or(each_time(o::path.like(format!("{s}%")))));
        }
        q = q.filter(cond);
    }
    Ok(q.order((o::path.asc(), o::id.asc())).load(conn)?)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Organization>> {
    Ok(o::organizations
        .find(id)
        .select(Organization::as_select())
        .first(conn)
        .optional()?)
}

pub fn code_taken(conn: &mut AnyConnection, code: &str, except: Option<i64>) -> QueryResult<bool> {
    let mut q = o::organizations
        .filter(o::code.eq(code))
        .select(o::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(o::id.ne(id));
    }
    Ok(q.first::<i64>(conn).optional()?.is_some())
}

pub struct NewOrganization<'a> {
    pub kind: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub parent: Option<&'a Organization>,
}

/// Inserts the organisation and sets its path (which needs its id).
pub fn create(conn: &mut AnyConnection, new: NewOrganization<'_>) -> QueryResult<Organization> {
    let at = now();
    // A unique placeholder until the id is known.
    let placeholder = format!("pending:{}", uuid::Uuid::new_v4());
    let id: i64 = diesel::insert_into(o::organizations)
        .values((
            o::kind.eq(new.kind),
            o::code.eq(new.code),
            o::name.eq(new.name),
            o::parent_id.eq(new.parent.map(|p| p.id)),
            o::path.eq(&placeholder),
            o::created_at.eq(at),
            o::updated_at.eq(at),
        ))
        .returning(o::id)
        .get_result(conn)?;
    let path = format!("{}{id}/", new.parent.map_or("/", |p| p.path.as_str()));
    diesel::update(o::organizations.find(id))
        .set(o::path.eq(&path))
        .execute(conn)?;
    // A new branch under a scope changes the branch ids the scope resolves to.
    crate::generation::touched(crate::generation::Touched::Everything);
    get(conn, id)?.ok_or(crate::StoreError::NotFound)
}

pub fn update_fields(
    conn: &mut AnyConnection,
    id: i64,
    name: Option<&str>,
    code: Option<&str>,
) -> QueryResult<Organization> {
    // Names show in member lists and principals' assignments.
    crate::generation::touched(crate::generation::Touched::Everything);
    let at = now();
    if let Some(name) = name {
        diesel::update(o::organizations.find(id))
            .set((o::name.eq(name), o::updated_at.eq(at)))
            .execute(conn)?;
    }
    if let Some(code) = code {
        diesel::update(o::organizations.find(id))
            .set((o::code.eq(code), o::updated_at.eq(at)))
            .execute(conn)?;
    }
    get(conn, id)?.ok_or(crate::StoreError::NotFound)
}

/// Moves `org` and everything below it under `new_parent`, rewriting their paths.
pub fn move_subtree(
    conn: &mut AnyConnection,
    org: &Organization,
    new_parent: &Organization,
) -> QueryResult<Organization> {
    // Members' scopes follow their branches' paths: the list's cached totals go.
    crate::generation::touched(crate::generation::Touched::Everything);
    let new_prefix = format!("{}{}/", new_parent.path, org.id);
    let subtree: Vec<(i64, String)> = o::organizations
        .filter(each_time(o::path.like(format!("{}%", org.path))))
        .select((o::id, o::path))
        .load(conn)?;
    let at = now();
    for (id, path) in subtree {
        let rewritten = format!("{new_prefix}{}", &path[org.path.len()..]);
        diesel::update(o::organizations.find(id))
            .set((o::path.eq(rewritten), o::updated_at.eq(at)))
            .execute(conn)?;
    }
    diesel::update(o::organizations.find(org.id))
        .set(o::parent_id.eq(new_parent.id))
        .execute(conn)?;
    get(conn, org.id)?.ok_or(crate::StoreError::NotFound)
}

pub fn child_count(conn: &mut AnyConnection, id: i64) -> QueryResult<i64> {
    Ok(o::organizations
        .filter(o::parent_id.eq(id))
        .count()
        .get_result(conn)?)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::Everything);
    Ok(diesel::delete(o::organizations.find(id)).execute(conn)?)
}

/// The organisations with these ids (for names in answers).
pub fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<Organization>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(o::organizations
        .filter(o::id.eq_any(ids))
        .select(Organization::as_select())
        .load(conn)?)
}

/// The organisations directly below these.
pub fn children_of(conn: &mut AnyConnection, parents: &[i64]) -> QueryResult<Vec<Organization>> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    Ok(o::organizations
        .filter(o::parent_id.eq_any(parents))
        .select(Organization::as_select())
        .load(conn)?)
}

/// Takes the organisation's row lock on PostgreSQL (SQLite's `BEGIN IMMEDIATE` already
/// serialises writers), so that what is checked and then written for it — a nomination
/// against its quota, its dossier's next submission — cannot pass twice at once.
pub fn lock(conn: &mut AnyConnection, id: i64) -> QueryResult<()> {
    if let AnyConnection::Postgresql(c) = conn {
        diesel::sql_query("SELECT id FROM organizations WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::BigInt, _>(id)
            .execute(c)?;
    }
    Ok(())
}
