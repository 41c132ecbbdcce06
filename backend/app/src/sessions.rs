//! People's sessions (moved from the API's auth routes, issue #14): checking a password,
//! starting a session with a refresh token, rotating it (a token presented twice revokes its
//! whole family), ending it, changing one's own password, and checking an integration client's
//! secret; each authentication event in the audit log. The tokens themselves (the signed
//! access token, the random refresh token) are the API's: only a refresh token's hash reaches
//! here.

use crate::audit::Audit;
use crate::users::RoleAssignment;
use crate::{Actor, AppError, password};
use chrono::{Duration, Utc};
use kiemdiem_store::{AnyConnection, service_accounts, tokens, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long a refresh token lives unused.
pub const REFRESH_TTL_DAYS: i64 = 14;

/// Where an authentication request came from, for its audit entry.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub addr: Option<String>,
    pub request_id: Option<String>,
}

/// An authentication event for the audit log (there is no actor yet: the name as given).
fn event(action: &str, name: &str, user_id: Option<i64>, origin: &Origin) -> Audit {
    let entry = Audit::by(name, user_id, action, "session")
        .request(origin.request_id.clone(), origin.addr.clone());
    match user_id {
        Some(id) => entry.id(id),
        None => entry,
    }
}

// The caller as `/auth/me` answers it: user, roles and the organisations they reach.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// The user's id; absent for a service account.
    pub id: Option<i64>,
    pub username: String,
    pub display_name: String,
    /// The caller's own member record, for a party member's account.
    pub member_id: Option<i64>,
    pub roles: Vec<RoleAssignment>,
    /// The organisations whose subtree the caller can read; null means all (admin).
    pub read_scopes: Option<Vec<i64>>,
    /// The password was set by someone else: every other request is refused (403
    /// `password_change_required`) until the user sets their own (`POST /auth/password`).
    pub must_change_password: bool,
}

pub fn me(p: &Actor) -> Me {
    let read_scopes = p.access.org_read_scopes().map(|paths| {
        paths
            .iter()
            .filter_map(|path| {
                kiemdiem_store::organizations::path_ids(path)
                    .last()
                    .copied()
            })
            .collect()
    });
    Me {
        id: p.user_id,
        username: p.username.clone(),
        display_name: p.display_name.clone(),
        member_id: p.member_id,
        roles: p
            .assignments
            .iter()
            .cloned()
            .map(RoleAssignment::from)
            .collect(),
        read_scopes,
        must_change_password: p.must_change_password,
    }
}

/// A session just started: the user's token epoch (which the access token carries) and the
/// user as an actor.
pub struct Session {
    pub token_epoch: i32,
    pub actor: Actor,
}

/// Stores a refresh token (its hash) in `family` for the user and answers who they are.
fn start(
    conn: &mut AnyConnection,
    user: &users::User,
    family: &str,
    refresh_hash: &str,
) -> Result<Session, AppError> {
    let expires = (Utc::now() + Duration::days(REFRESH_TTL_DAYS)).naive_utc();
    tokens::insert(conn, user.id, family, refresh_hash, expires)?;
    let assignments = users::assignments(conn, user.id)?;
    Ok(Session {
        token_epoch: user.token_epoch,
        actor: Actor::of_user(user, assignments),
    })
}

/// What a username and password are worth.
pub enum Login {
    Valid(users::User),
    /// Refused: the account, when the name was an active user's.
    Refused(Option<i64>),
}

/// Checks a username and password (Argon2; an unknown or inactive name costs the same, with a
/// dummy verification); a hash made with older parameters is replaced.
pub fn check_password(
    conn: &mut AnyConnection,
    name: &str,
    given: &str,
) -> Result<Login, AppError> {
    let Some(user) = users::by_username(conn, name)?.filter(|u| u.active) else {
        password::verify_dummy(given);
        return Ok(Login::Refused(None));
    };
    let verified = password::verify(given, &user.password_hash);
    if !verified.ok {
        return Ok(Login::Refused(Some(user.id)));
    }
    if verified.needs_rehash {
        users::set_password_hash(conn, user.id, &password::hash(given)?, false)?;
    }
    Ok(Login::Valid(user))
}

/// Starts the session of a user whose password was right (a new refresh-token family).
pub fn log_in(
    conn: &mut AnyConnection,
    user: &users::User,
    family: &str,
    refresh_hash: &str,
    origin: &Origin,
) -> Result<Session, AppError> {
    let session = start(conn, user, family, refresh_hash)?;
    event("login", &user.username, Some(user.id), origin).record(conn)?;
    Ok(session)
}

/// Records a refused login under the name given.
pub fn refuse(
    conn: &mut AnyConnection,
    name: &str,
    user_id: Option<i64>,
    origin: &Origin,
) -> Result<(), AppError> {
    event("login_failed", name, user_id, origin).record(conn)
}

/// Exchanges a refresh token (by its hash) for a new one in the same family: `None` when it
/// is unknown, expired, revoked or its user inactive. A token presented a second time revokes
/// its whole family, recorded as `refresh_reuse` (committed although the answer is a refusal).
pub fn rotate(
    conn: &mut AnyConnection,
    old_hash: &str,
    new_hash: &str,
    origin: &Origin,
) -> Result<Option<(String, users::User, Session)>, AppError> {
    let Some(token) = tokens::by_hash(conn, old_hash)? else {
        return Ok(None);
    };
    let user = users::get(conn, token.user_id)?;
    if token.used_at.is_some() && token.revoked_at.is_none() {
        tokens::revoke_family(conn, &token.family)?;
        let name = user
            .as_ref()
            .map_or_else(String::new, |u| u.username.clone());
        event("refresh_reuse", &name, Some(token.user_id), origin)
            .after(&serde_json::json!({ "family_revoked": true }))
            .record(conn)?;
        return Ok(None);
    }
    let expired = token.expires_at < Utc::now().naive_utc();
    let Some(user) = user.filter(|u| u.active && token.revoked_at.is_none() && !expired) else {
        return Ok(None);
    };
    if !tokens::mark_used(conn, token.id)? {
        return Ok(None);
    }
    let session = start(conn, &user, &token.family, new_hash)?;
    Ok(Some((token.family, user, session)))
}

/// Ends the session of a refresh token (its whole family); an unknown token is no error.
pub fn log_out(conn: &mut AnyConnection, hash: &str, origin: &Origin) -> Result<(), AppError> {
    if let Some(token) = tokens::by_hash(conn, hash)? {
        tokens::revoke_family(conn, &token.family)?;
        let name = users::get(conn, token.user_id)?.map_or_else(String::new, |u| u.username);
        event("logout", &name, Some(token.user_id), origin).record(conn)?;
    }
    Ok(())
}

/// The hash of a user's new password if `current` is their password now (checked first, out
/// of any transaction: Argon2 is slow).
pub fn hash_if_current(
    conn: &mut AnyConnection,
    user_id: i64,
    current: &str,
    new: &str,
) -> Result<Option<String>, AppError> {
    let user = users::get(conn, user_id)?.ok_or(AppError::Unauthenticated)?;
    if !password::verify(current, &user.password_hash).ok {
        return Ok(None);
    }
    Ok(Some(password::hash(new)?))
}

/// Sets the actor's own password: every session of theirs ends and a new one starts.
pub fn change_own_password(
    conn: &mut AnyConnection,
    p: &Actor,
    user_id: i64,
    hash: &str,
    family: &str,
    refresh_hash: &str,
) -> Result<(users::User, Session), AppError> {
    users::set_password_hash(conn, user_id, hash, true)?;
    users::set_must_change_password(conn, user_id, false)?;
    tokens::revoke_user(conn, user_id)?;
    let user = users::get(conn, user_id)?.ok_or(AppError::Unauthenticated)?;
    let session = start(conn, &user, family, refresh_hash)?;
    p.audit("change_password", "user")
        .id(user_id)
        .record(conn)?;
    Ok((user, session))
}

/// The active service account whose secret this is (an unknown client costs the same, with a
/// dummy verification).
pub fn check_client(
    conn: &mut AnyConnection,
    client_id: &str,
    secret: &str,
) -> Result<Option<service_accounts::ServiceAccount>, AppError> {
    let account = service_accounts::by_client_id(conn, client_id)?;
    Ok(match account.filter(|a| a.active) {
        Some(a) if password::verify(secret, &a.secret_hash).ok => Some(a),
        Some(_) => None,
        None => {
            password::verify_dummy(secret);
            None
        }
    })
}
