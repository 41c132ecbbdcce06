//! Who is calling: from `Authorization: Bearer <access token>`, checked against the database
//! on every request (a disabled user or a changed password stops a token at once).

use crate::error::{ApiError, REQUEST_ID};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use kiemdiem_app::Actor;
use kiemdiem_domain::access::Role;
use kiemdiem_store::users::Assignment;
use std::future::Future;
use std::pin::Pin;

/// The caller of a request: the application's [`Actor`], taken from the bearer token.
#[derive(Debug, Clone)]
pub struct Principal(pub Actor);

impl std::ops::Deref for Principal {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.0
    }
}

impl std::ops::DerefMut for Principal {
    fn deref_mut(&mut self) -> &mut Actor {
        &mut self.0
    }
}

pub use kiemdiem_app::actor::grants_of;

pub fn client_addr(req: &HttpRequest) -> Option<String> {
    // The peer, not X-Forwarded-For: a client could write anything there.
    req.peer_addr().map(|a| a.ip().to_string())
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl FromRequest for Principal {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let client_addr = client_addr(req);
        let path = req.path().to_owned();
        let may_write = !req.method().is_safe();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal("no app state".into()))?;
            let token = token.ok_or_else(ApiError::unauthorized)?;
            let claims = state.keys.verify(&token)?;
            let key = crate::state::PrincipalKey {
                sub: claims.sub.clone(),
                ver: claims.ver,
                fam: claims.fam.clone(),
            };
            // Past half its time to live, the first request to read a principal has it read
            // again in the background (issue #18): the 390 people of the deadline week do not
            // all wait for theirs every few seconds.
            let mut principal = match state.principals.get_refreshing(&key) {
                Some((p, renew)) => {
                    if renew {
                        let (state, sub, fam) =
                            (state.clone(), claims.sub.clone(), claims.fam.clone());
                        let ver = claims.ver;
                        actix_web::rt::spawn(async move {
                            let generation = kiemdiem_store::generation::current();
                            match load(&state, &sub, ver, fam).await {
                                // A copy made here on the HTTP worker, as below: what the
                                // cache keeps comes from the workers' heaps (crate::blocking).
                                Ok(p) => state.principals.put(key, generation, p.clone()),
                                // Gone or changed: forgotten, so the next request is refused.
                                Err(_) => state.principals.invalidate(&key),
                            }
                        });
                    }
                    p
                }
                None => {
                    let generation = kiemdiem_store::generation::current();
                    let p = load(&state, &claims.sub, claims.ver, claims.fam).await?;
                    state.principals.put(key, generation, p.clone());
                    p
                }
            };
            if principal.must_change_password && !PASSWORD_CHANGE_PATHS.contains(&path.as_str()) {
                return Err(ApiError::PasswordChangeRequired.into());
            }
            // Whoever may be writing reads their reports from the primary for a while.
            if may_write && let Some(replica) = &state.replica {
                replica.wrote(claims.sub.clone());
            }
            principal.request_id = REQUEST_ID.try_with(Clone::clone).ok();
            principal.client_addr = client_addr;
            Ok(principal)
        })
    }
}

/// What a user whose password was set by someone else may still do (issue #13).
const PASSWORD_CHANGE_PATHS: [&str; 3] = [
    "/api/v1/auth/me",
    "/api/v1/auth/password",
    "/api/v1/auth/logout",
];

async fn load(
    state: &AppState,
    sub: &str,
    ver: i32,
    fam: Option<String>,
) -> Result<Principal, ApiError> {
    if let Some(id) = sub
        .strip_prefix("user:")
        .and_then(|s| s.parse::<i64>().ok())
    {
        return state
            .db(move |conn| {
                // One statement (issue #18): the user, the session, the roles.
                let kiemdiem_store::users::Caller {
                    user,
                    family_alive,
                    assignments,
                } = kiemdiem_store::users::caller(conn, id, fam.as_deref().unwrap_or_default())?
                    .filter(|c| c.user.active && c.user.token_epoch == ver)
                    .ok_or_else(ApiError::unauthorized)?;
                // A session logged out of, or a family revoked, ends its access tokens too.
                if fam.is_some() && !family_alive {
                    return Err(ApiError::unauthorized());
                }
                Ok(Principal(Actor {
                    user_id: Some(user.id),
                    service_account_id: None,
                    username: user.username,
                    display_name: user.display_name,
                    member_id: user.member_id,
                    must_change_password: user.must_change_password,
                    access: grants_of(&assignments),
                    assignments,
                    request_id: None,
                    client_addr: None,
                }))
            })
            .await;
    }
    if let Some(id) = sub
        .strip_prefix("service:")
        .and_then(|s| s.parse::<i64>().ok())
    {
        return state
            .db(move |conn| {
                let (account, org) = kiemdiem_store::service_accounts::get(conn, id)?
                    .filter(|(a, _)| a.active)
                    .ok_or_else(ApiError::unauthorized)?;
                let assignments = vec![Assignment {
                    id: 0,
                    role: Role::Integration.as_str().into(),
                    organization_id: Some(org.id),
                    organization_path: Some(org.path),
                    organization_name: Some(org.name),
                }];
                Ok(Principal(Actor {
                    user_id: None,
                    service_account_id: Some(account.id),
                    username: format!("service:{}", account.client_id),
                    display_name: account.name,
                    member_id: None,
                    must_change_password: false,
                    access: grants_of(&assignments),
                    assignments,
                    request_id: None,
                    client_addr: None,
                }))
            })
            .await;
    }
    Err(ApiError::unauthorized())
}
