//! Users and their role assignments.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::planned::each_time;
use crate::schema::{organizations, role_assignments as ra, users as u};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub member_id: Option<i64>,
    pub active: bool,
    pub token_epoch: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Set by someone else: to be changed by the user at the next login (issue #13).
    pub must_change_password: bool,
    /// The login's own e-mail address, for the agenda (issue #17).
    pub email: Option<String>,
}

/// A role held on an organisation (none for `admin`), with the organisation's path.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, serde::Serialize)]
pub struct Assignment {
    pub id: i64,
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_path: Option<String>,
    pub organization_name: Option<String>,
}

pub fn by_username(conn: &mut AnyConnection, username: &str) -> QueryResult<Option<User>> {
    Ok(u::table
        .filter(u::username.eq(username))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<User>> {
    Ok(u::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn assignments(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Vec<Assignment>> {
    Ok(ra::table
        .left_join(organizations::table)
        .filter(ra::user_id.eq(user_id))
        .select((
            ra::id,
            ra::role,
            ra::organization_id,
            organizations::path.nullable(),
            organizations::name.nullable(),
        ))
        .order(ra::id.asc())
        .load(conn)?)
}

/// A user as a request's principal needs them (issue #18: read again for every active person
/// every second or two): the user, whether the session `family` is still open, and their
/// assignments — one statement instead of three (`get`, `tokens::family_alive`,
/// `assignments`). None if there is no such user.
pub struct Caller {
    pub user: User,
    pub family_alive: bool,
    pub assignments: Vec<Assignment>,
}

type AssignmentRow = (i64, String, Option<i64>, Option<String>, Option<String>);

pub fn caller(conn: &mut AnyConnection, id: i64, family: &str) -> QueryResult<Option<Caller>> {
    use crate::schema::refresh_tokens as rt;
    let rows: Vec<(User, bool, Option<AssignmentRow>)> = u::table
        .left_join(ra::table.left_join(organizations::table))
        .filter(u::id.eq(id))
        .select((
            User::as_select(),
            diesel::dsl::exists(
                rt::table
                    .filter(rt::family.eq(family))
                    .filter(rt::user_id.eq(id))
                    .filter(rt::revoked_at.is_null()),
            ),
            (
                ra::id,
                ra::role,
                ra::organization_id,
                organizations::path.nullable(),
                organizations::name.nullable(),
            )
                .nullable(),
        ))
        .order(ra::id.asc())
        .load(conn)?;
    let mut rows = rows.into_iter();
    let Some((user, family_alive, first)) = rows.next() else {
        return Ok(None);
    };
    let assignments = first
        .into_iter()
        .chain(rows.filter_map(|(_, _, a)| a))
        .map(
            |(id, role, organization_id, organization_path, organization_name)| Assignment {
                id,
                role,
                organization_id,
                organization_path,
                organization_name,
            },
        )
        .collect();
    Ok(Some(Caller {
        user,
        family_alive,
        assignments,
    }))
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub member_id: Option<i64>,
}

pub fn create(conn: &mut AnyConnection, new: NewUser<'_>) -> QueryResult<User> {
    let at = now();
    let id: i64 = diesel::insert_into(u::table)
        .values((
            u::username.eq(new.username),
            u::display_name.eq(new.display_name),
            u::password_hash.eq(new.password_hash),
            u::member_id.eq(new.member_id),
            u::active.eq(true),
            u::token_epoch.eq(0),
            u::created_at.eq(at),
            u::updated_at.eq(at),
        ))
        .returning(u::id)
        .get_result(conn)?;
    get(conn, id)?.ok_or(crate::StoreError::NotFound)
}

pub fn set_password_hash(
    conn: &mut AnyConnection,
    id: i64,
    hash: &str,
    bump_epoch: bool,
) -> QueryResult<()> {
    crate::generation::touched(crate::generation::Touched::User(id));
    let q = diesel::update(u::table.find(id));
    if bump_epoch {
        q.set((
            u::password_hash.eq(hash),
            u::token_epoch.eq(u::token_epoch + 1),
            u::updated_at.eq(now()),
        ))
        .execute(conn)?;
    } else {
        q.set(u::password_hash.eq(hash)).execute(conn)?;
    }
    Ok(())
}

pub fn set_must_change_password(conn: &mut AnyConnection, id: i64, must: bool) -> QueryResult<()> {
    crate::generation::touched(crate::generation::Touched::User(id));
    diesel::update(u::table.find(id))
        .set(u::must_change_password.eq(must))
        .execute(conn)?;
    Ok(())
}

pub fn update_profile(
    conn: &mut AnyConnection,
    id: i64,
    display_name: Option<&str>,
    active: Option<bool>,
) -> QueryResult<User> {
    crate::generation::touched(crate::generation::Touched::User(id));
    let at = now();
    if let Some(name) = display_name {
        diesel::update(u::table.find(id))
            .set((u::display_name.eq(name), u::updated_at.eq(at)))
            .execute(conn)?;
    }
    if let Some(active) = active {
        // Disabling invalidates every token the user holds.
        diesel::update(u::table.find(id))
            .set((
                u::active.eq(active),
                u::token_epoch.eq(u::token_epoch + 1),
                u::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    get(conn, id)?.ok_or(crate::StoreError::NotFound)
}

/// Sets or clears (`None`) the login's own e-mail address.
pub fn set_email(conn: &mut AnyConnection, id: i64, email: Option<&str>) -> QueryResult<()> {
    diesel::update(u::table.find(id))
        .set((u::email.eq(email), u::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub fn set_member(conn: &mut AnyConnection, id: i64, member_id: Option<i64>) -> QueryResult<()> {
    crate::generation::touched(crate::generation::Touched::User(id));
    diesel::update(u::table.find(id))
        .set((u::member_id.eq(member_id), u::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// The user already linked to this member record, if any.
pub fn by_member(conn: &mut AnyConnection, member_id: i64) -> QueryResult<Option<User>> {
    Ok(u::table
        .filter(u::member_id.eq(member_id))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::User(id));
    Ok(diesel::delete(u::table.find(id)).execute(conn)?)
}

/// Users, optionally only those holding a role on an organisation under one of `scopes`.
pub fn list(
    conn: &mut AnyConnection,
    scopes: Option<&[String]>,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<User>, i64)> {
    let visible: Option<Vec<i64>> = match scopes {
        None => None,
        Some(paths) => {
            let mut ids = Vec::new();
            for p in paths {
                let mut some: Vec<i64> = ra::table
                    .inner_join(organizations::table)
                    .filter(each_time(organizations::path.like(format!("{p}%"))))
                    .select(ra::user_id)
                    .load(conn)?;
                ids.append(&mut some);
            }
            ids.sort_unstable();
            ids.dedup();
            Some(ids)
        }
    };
    let build = || {
        let mut q = u::table.into_boxed();
        if let Some(ids) = &visible {
            q = q.filter(u::id.eq_any(ids.clone()));
        }
        if let Some(s) = search.filter(|s| !s.is_empty()) {
            let pattern = format!("%{}%", s.replace(['%', '_'], ""));
            q = q.filter(each_time(
                u::username
                    .like(pattern.clone())
                    .or(u::display_name.like(pattern)),
            ));
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows = build()
        .select(User::as_select())
        .order(u::username.asc())
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    Ok((rows, total))
}

pub fn add_assignment(
    conn: &mut AnyConnection,
    user_id: i64,
    role: &str,
    organization_id: Option<i64>,
) -> QueryResult<i64> {
    crate::generation::touched(crate::generation::Touched::User(user_id));
    Ok(diesel::insert_into(ra::table)
        .values((
            ra::user_id.eq(user_id),
            ra::role.eq(role),
            ra::organization_id.eq(organization_id),
            ra::created_at.eq(now()),
        ))
        .returning(ra::id)
        .get_result(conn)?)
}

pub fn remove_assignment(conn: &mut AnyConnection, user_id: i64, id: i64) -> QueryResult<usize> {
    crate::generation::touched(crate::generation::Touched::User(user_id));
    Ok(diesel::delete(
        ra::table
            .filter(ra::id.eq(id))
            .filter(ra::user_id.eq(user_id)),
    )
    .execute(conn)?)
}

pub fn assignments_on(conn: &mut AnyConnection, organization_id: i64) -> QueryResult<i64> {
    Ok(ra::table
        .filter(ra::organization_id.eq(organization_id))
        .count()
        .get_result(conn)?)
}

pub fn has_any_admin(conn: &mut AnyConnection) -> QueryResult<bool> {
    Ok(ra::table
        .filter(ra::role.eq("admin"))
        .select(ra::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Active users holding `role` on one of the organisations `org_ids` or on one under the path
/// `under`: (user id, display name, organisation name), one row per assignment.
pub fn holding_near(
    conn: &mut AnyConnection,
    role: &str,
    org_ids: &[i64],
    under: &str,
) -> QueryResult<Vec<(i64, String, String)>> {
    Ok(ra::table
        .inner_join(u::table)
        .inner_join(organizations::table)
        .filter(ra::role.eq(role))
        .filter(u::active.eq(true))
        .filter(each_time(
            organizations::id
                .eq_any(org_ids.to_vec())
                .or(organizations::path.like(format!("{under}%"))),
        ))
        .select((u::id, u::display_name, organizations::name))
        .order(ra::id.asc())
        .load(conn)?)
}

/// The same for the users `ids`, wherever they hold `role`.
pub fn holding_ids(
    conn: &mut AnyConnection,
    role: &str,
    ids: &[i64],
) -> QueryResult<Vec<(i64, String, String)>> {
    Ok(ra::table
        .inner_join(u::table)
        .inner_join(organizations::table)
        .filter(ra::role.eq(role))
        .filter(u::active.eq(true))
        .filter(u::id.eq_any(ids.to_vec()))
        .select((u::id, u::display_name, organizations::name))
        .order(ra::id.asc())
        .load(conn)?)
}
