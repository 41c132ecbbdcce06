//! Login, refresh with rotation, logout, who am I, and client credentials for integrations.

use crate::auth::jwt::ACCESS_TTL_SECONDS;
use crate::auth::principal::client_addr;
use crate::auth::{Principal, random_token, token_hash};
use crate::error::{ApiError, Problem, REQUEST_ID};
use crate::extract::{ValidatedJson, form_or_json};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use kiemdiem_app::error::AppError;
use kiemdiem_app::sessions::{self, Login, Me};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

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

/// A new refresh token and the hash the store keeps of it.
fn new_refresh() -> Result<(String, String), ApiError> {
    let token = random_token()?;
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// A new family of refresh tokens (a login, a password change).
fn new_family() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The answer to a started session: a signed access token in the refresh token's family.
/// Signed after the session's transaction commits (HS256 over a few claims does not fail in
/// practice; were it to, the client logs in again — a refresh retried with the spent token
/// would be taken for reuse, as any answer lost after the commit would).
fn tokens_for(
    state: &AppState,
    user_id: i64,
    session: &sessions::Session,
    family: String,
    refresh_token: String,
) -> Result<HttpResponse, ApiError> {
    let (access_token, _) =
        state
            .keys
            .issue_in(format!("user:{user_id}"), session.token_epoch, Some(family))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: ACCESS_TTL_SECONDS,
            refresh_token: Some(refresh_token),
            user: Some(sessions::me(&session.actor)),
        }))
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
    let name = username.clone();
    let _hashing = hashing_permit(&state).await?;
    let login = state
        .run(move |conn| sessions::check_password(conn, &name, &password))
        .await?;
    let origin = sessions::Origin {
        addr: Some(addr.clone()).filter(|a| !a.is_empty()),
        request_id: rid,
    };
    match login {
        Login::Valid(user) => {
            state.throttle.succeed(&username, &addr);
            let (token, hash) = new_refresh()?;
            let family = new_family();
            let (user_id, fam) = (user.id, family.clone());
            let session = state
                .write_app(move |conn| sessions::log_in(conn, &user, &fam, &hash, &origin))
                .await?;
            tokens_for(&state, user_id, &session, family, token)
        }
        Login::Refused(user_id) => {
            state.throttle.fail(&username, &addr);
            state
                .write_app(move |conn| sessions::refuse(conn, &username, user_id, &origin))
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
    let old_hash = token_hash(&body.0.refresh_token);
    let origin = sessions::Origin {
        addr: client_addr(&req),
        request_id: REQUEST_ID.try_with(Clone::clone).ok(),
    };
    let (token, new_hash) = new_refresh()?;
    // A reused token's revocation is recorded and committed although the answer is a refusal.
    let rotated = state
        .write_app(move |conn| sessions::rotate(conn, &old_hash, &new_hash, &origin))
        .await?;
    let Some((family, user, session)) = rotated else {
        return Err(ApiError::unauthorized());
    };
    tokens_for(&state, user.id, &session, family, token)
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
    let origin = sessions::Origin {
        addr: client_addr(&req),
        request_id: REQUEST_ID.try_with(Clone::clone).ok(),
    };
    state
        .write_app(move |conn| sessions::log_out(conn, &hash, &origin))
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
    HttpResponse::Ok().json(sessions::me(&principal))
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
    let field_error = |field, code, message| ApiError::from(AppError::field(field, code, message));
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
        .run(move |conn| sessions::hash_if_current(conn, user_id, &current, &new))
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
    let (token, refresh_hash) = new_refresh()?;
    let family = new_family();
    let fam = family.clone();
    let (user, session) = state
        .write_app(move |conn| {
            sessions::change_own_password(conn, &p, user_id, &hash, &fam, &refresh_hash)
        })
        .await?;
    tokens_for(&state, user.id, &session, family, token)
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
    let creds: ClientCredentials = form_or_json(&req, &body)?;
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
        .run(move |conn| sessions::check_client(conn, &client_id, &creds.client_secret))
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
