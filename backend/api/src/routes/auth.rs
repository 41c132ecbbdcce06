//! Login, refresh with rotation, logout, who am I, and client credentials for integrations.

use crate::auth::jwt::ACCESS_TTL_SECONDS;
use crate::auth::principal::client_addr;
use crate::auth::{Principal, password, random_token, token_hash};
use crate::error::{ApiError, FieldError, Problem, REQUEST_ID};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{Duration, Utc};
use kiemdiem_app::audit::Audit;
use kiemdiem_store::{AnyConnection, tokens, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

const REFRESH_TTL_DAYS: i64 = 14;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub username: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
}

use crate::dto::RoleAssignment;

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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Absent for client credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<Me>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub refresh_token: String,
}

fn me_of(p: &kiemdiem_app::Actor) -> Me {
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

/// An authentication event for the audit log; `request_id` is read by the handler, since
/// the closure that writes the entry runs on another thread.
fn auth_entry(
    action: &str,
    actor: &str,
    user_id: Option<i64>,
    addr: Option<String>,
    request_id: Option<String>,
) -> Audit {
    let entry = Audit::by(actor, user_id, action, "session").request(request_id, addr);
    match user_id {
        Some(id) => entry.id(id),
        None => entry,
    }
}

/// Issues an access token and a new refresh token in `family` (a new family when `None`).
fn issue_pair(
    state: &AppState,
    conn: &mut AnyConnection,
    user: &users::User,
    family: Option<String>,
) -> Result<TokenResponse, ApiError> {
    let family = match family {
        Some(f) => f,
        None => uuid::Uuid::new_v4().to_string(),
    };
    let (access_token, _) = state.keys.issue_in(
        format!("user:{}", user.id),
        user.token_epoch,
        Some(family.clone()),
    )?;
    let new_refresh = random_token()?;
    let expires = (Utc::now() + Duration::days(REFRESH_TTL_DAYS)).naive_utc();
    tokens::insert(conn, user.id, &family, &token_hash(&new_refresh), expires)?;
    let assignments = users::assignments(conn, user.id)?;
    let principal = kiemdiem_app::Actor {
        user_id: Some(user.id),
        service_account_id: None,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        member_id: user.member_id,
        must_change_password: user.must_change_password,
        access: crate::auth::principal::grants_of(&assignments),
        assignments,
        request_id: None,
        client_addr: None,
    };
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer".into(),
        expires_in: ACCESS_TTL_SECONDS,
        refresh_token: Some(new_refresh),
        user: Some(me_of(&principal)),
    })
}

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized("Tên đăng nhập hoặc mật khẩu không đúng".into())
}

/// Log in with a username and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password (the same answer for both)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures for this account or address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { username, password } = body.0;
    let addr = client_addr(&req).unwrap_or_default();
    let rid = REQUEST_ID.try_with(Clone::clone).ok();
    if let Some(retry_after) = state.throttle.check(&username, &addr) {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let st = state.clone();
    let name = username.clone();
    let _hashing = hashing_permit(&state).await?;
    let outcome = state
        .db(move |conn| {
            let user = users::by_username(conn, &name)?;
            let Some(user) = user.filter(|u| u.active) else {
                password::verify_dummy(&password);
                return Ok(None);
            };
            let verified = password::verify(&password, &user.password_hash);
            if !verified.ok {
                return Ok(Some(Err(user.id)));
            }
            if verified.needs_rehash {
                users::set_password_hash(conn, user.id, &password::hash(&password)?, false)?;
            }
            Ok(Some(Ok(user)))
        })
        .await?;
    let addr_opt = Some(addr.clone()).filter(|a| !a.is_empty());
    match outcome {
        Some(Ok(user)) => {
            state.throttle.succeed(&username, &addr);
            let response = state
                .write(move |conn| {
                    let response = issue_pair(&st, conn, &user, None)?;
                    auth_entry(
                        "login",
                        &user.username,
                        Some(user.id),
                        addr_opt,
                        rid.clone(),
                    )
                    .record(conn)?;
                    Ok(response)
                })
                .await?;
            Ok(HttpResponse::Ok()
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .json(response))
        }
        failed => {
            state.throttle.fail(&username, &addr);
            let user_id = failed.and_then(|r| r.err());
            state
                .write(move |conn| {
                    Ok(
                        auth_entry("login_failed", &username, user_id, addr_opt, rid.clone())
                            .record(conn)?,
                    )
                })
                .await?;
            Err(invalid_credentials())
        }
    }
}

/// Exchange a refresh token for a new pair. The old one is spent; presenting it again
/// revokes its whole family.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new access and refresh token", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = token_hash(&body.0.refresh_token);
    let addr = client_addr(&req);
    let rid = REQUEST_ID.try_with(Clone::clone).ok();
    let st = state.clone();
    // The reuse is recorded even though the answer is an error: the outcome carries it out
    // of the transaction, which commits.
    let outcome = state
        .write(move |conn| {
            let Some(token) = tokens::by_hash(conn, &hash)? else {
                return Ok(Err(ApiError::unauthorized()));
            };
            let user = users::get(conn, token.user_id)?;
            if token.used_at.is_some() && token.revoked_at.is_none() {
                tokens::revoke_family(conn, &token.family)?;
                let name = user
                    .as_ref()
                    .map_or_else(String::new, |u| u.username.clone());
                auth_entry(
                    "refresh_reuse",
                    &name,
                    Some(token.user_id),
                    addr,
                    rid.clone(),
                )
                .after(&serde_json::json!({ "family_revoked": true }))
                .record(conn)?;
                return Ok(Err(ApiError::unauthorized()));
            }
            let expired = token.expires_at < Utc::now().naive_utc();
            let Some(user) = user.filter(|u| u.active && token.revoked_at.is_none() && !expired)
            else {
                return Ok(Err(ApiError::unauthorized()));
            };
            if !tokens::mark_used(conn, token.id)? {
                return Ok(Err(ApiError::unauthorized()));
            }
            Ok(Ok(issue_pair(&st, conn, &user, Some(token.family))?))
        })
        .await?;
    let response = outcome?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(response))
}

/// Log out: the refresh token's family is revoked.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 204, description = "Logged out (also when the token was already unknown)"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ValidatedJson<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let hash = token_hash(&body.0.refresh_token);
    let addr = client_addr(&req);
    let rid = REQUEST_ID.try_with(Clone::clone).ok();
    state
        .write(move |conn| {
            if let Some(token) = tokens::by_hash(conn, &hash)? {
                tokens::revoke_family(conn, &token.family)?;
                let name =
                    users::get(conn, token.user_id)?.map_or_else(String::new, |u| u.username);
                auth_entry("logout", &name, Some(token.user_id), addr, rid.clone()).record(conn)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller: user, roles and the organisations they reach.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/me")]
pub async fn me(principal: Principal) -> HttpResponse {
    HttpResponse::Ok().json(me_of(&principal))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub current_password: String,
    /// At least 10 characters, not the current one.
    #[validate(length(min = 10, max = 256))]
    #[schema(min_length = 10, max_length = 256)]
    pub new_password: String,
}

/// Change one's own password (required at the next login after someone else set it). Every
/// session of the user ends; the answer opens a new one.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = ChangePassword,
    responses(
        (status = 200, description = "Changed: a new session", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A service account has no password here", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The current password is wrong, or the new one too short or the same", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password")]
pub async fn change_password(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<ChangePassword>,
) -> Result<HttpResponse, ApiError> {
    let Some(user_id) = p.user_id else {
        return Err(ApiError::forbidden(
            "Tài khoản dịch vụ không có mật khẩu ở đây",
        ));
    };
    let ChangePassword {
        current_password,
        new_password,
    } = body.0;
    // The caller holds a valid token: guesses of the current password are counted per user.
    let (throttle_key, throttle_addr) = (format!("password:{user_id}"), format!("user:{user_id}"));
    if let Some(retry_after) = state.password_throttle.check(&throttle_key, &throttle_addr) {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let field_error = |field: &str, code: &str, message: &str| {
        ApiError::Validation(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }])
    };
    if current_password == new_password {
        return Err(field_error(
            "new_password",
            "same_password",
            "Mật khẩu mới phải khác mật khẩu hiện tại",
        ));
    }
    let _hashing = hashing_permit(&state).await?;
    let (current, new) = (current_password.clone(), new_password.clone());
    let hashed = state
        .db(move |conn| {
            let user = users::get(conn, user_id)?.ok_or_else(ApiError::unauthorized)?;
            if !password::verify(&current, &user.password_hash).ok {
                return Ok(None);
            }
            Ok(Some(password::hash(&new)?))
        })
        .await?;
    let Some(hash) = hashed else {
        state.password_throttle.fail(&throttle_key, &throttle_addr);
        return Err(field_error(
            "current_password",
            "wrong_password",
            "Mật khẩu hiện tại không đúng",
        ));
    };
    state
        .password_throttle
        .succeed(&throttle_key, &throttle_addr);
    let st = state.clone();
    let response = state
        .write(move |conn| {
            users::set_password_hash(conn, user_id, &hash, true)?;
            users::set_must_change_password(conn, user_id, false)?;
            tokens::revoke_user(conn, user_id)?;
            let user = users::get(conn, user_id)?.ok_or_else(ApiError::unauthorized)?;
            let response = issue_pair(&st, conn, &user, None)?;
            p.audit("change_password", "user")
                .id(user_id)
                .record(conn)?;
            Ok(response)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(response))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientCredentials {
    /// Must be `client_credentials`.
    pub grant_type: String,
    pub client_id: String,
    pub client_secret: String,
}

/// OAuth 2 client credentials for integration clients (form or JSON): an access token with
/// the role `integration` on the service account's subtree.
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (ClientCredentials = "application/x-www-form-urlencoded"),
        (ClientCredentials = "application/json"),
    )),
    responses(
        (status = 200, description = "An access token", body = TokenResponse),
        (status = 400, description = "Malformed body or unsupported grant type", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown client or wrong secret", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither a form nor JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field missing or of the wrong type (JSON)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures, or too many logins hashing at once", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/token")]
pub async fn client_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let creds: ClientCredentials = match content_type.as_str() {
        "application/x-www-form-urlencoded" => {
            serde_urlencoded::from_bytes(&body).map_err(|e| {
                ApiError::bad_request("malformed_form", format!("Biểu mẫu không hợp lệ: {e}"))
            })?
        }
        "application/json" => crate::extract::parse_json(&body)?,
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "cần application/x-www-form-urlencoded hoặc application/json, nhận được {other}"
            )));
        }
    };
    if creds.grant_type != "client_credentials" {
        return Err(ApiError::bad_request(
            "unsupported_grant_type",
            "Chỉ hỗ trợ grant_type=client_credentials",
        ));
    }
    let addr = client_addr(&req).unwrap_or_default();
    let throttle_key = format!("client:{}", creds.client_id);
    if let Some(retry_after) = state.throttle.check(&throttle_key, &addr) {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let client_id = creds.client_id.clone();
    let _hashing = hashing_permit(&state).await?;
    let account = state
        .db(move |conn| {
            let account = kiemdiem_store::service_accounts::by_client_id(conn, &client_id)?;
            Ok(match account.filter(|a| a.active) {
                Some(a) if password::verify(&creds.client_secret, &a.secret_hash).ok => Some(a),
                Some(_) => None,
                None => {
                    password::verify_dummy(&creds.client_secret);
                    None
                }
            })
        })
        .await?;
    let Some(account) = account else {
        state.throttle.fail(&throttle_key, &addr);
        return Err(ApiError::Unauthorized(
            "Sai client_id hoặc client_secret".into(),
        ));
    };
    state.throttle.succeed(&throttle_key, &addr);
    let (access_token, _) = state.keys.issue(format!("service:{}", account.id), 0)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TTL_SECONDS,
            refresh_token: None,
            user: None,
        }))
}

/// A turn at hashing a password (Argon2 takes a core for tens of milliseconds): waits up to
/// five seconds for one, then answers 429 so that a login flood queues here rather than
/// taking every core from the other requests.
async fn hashing_permit(state: &AppState) -> Result<tokio::sync::SemaphorePermit<'_>, ApiError> {
    match tokio::time::timeout(std::time::Duration::from_secs(5), state.hashing.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(ApiError::TooManyRequests { retry_after: 1 }),
    }
}
