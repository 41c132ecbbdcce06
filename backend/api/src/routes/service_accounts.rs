//! Service accounts of integration clients (admins only). The secret is shown once.

use crate::auth::{Principal, password, random_token};
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use kiemdiem_app::service_accounts::{
    self as app, CreateServiceAccount, ServiceAccount, admin_only,
};

/// List service accounts.
#[utoipa::path(
    tag = "service-accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Service accounts", body = [ServiceAccount]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/service-accounts")]
pub async fn list(p: Principal, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let items = state.run(move |conn| app::list(conn, &p)).await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Create a service account; the answer holds its secret, shown this once.
#[utoipa::path(
    tag = "service-accounts",
    security(("bearer" = [])),
    request_body = CreateServiceAccount,
    responses(
        (status = 201, description = "Created, with its secret", body = ServiceAccount),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/service-accounts")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateServiceAccount>,
) -> Result<HttpResponse, ApiError> {
    admin_only(&p)?;
    let body = body.0;
    let secret = random_token()?;
    let secret_for_hash = secret.clone();
    let hash = web::block(move || password::hash(&secret_for_hash)).await??;
    let client_id = format!("kd-{}", uuid::Uuid::new_v4().simple());
    let account = state
        .write_app(move |conn| app::create(conn, &p, body, client_id, hash))
        .await?;
    Ok(HttpResponse::Created().json(ServiceAccount {
        client_secret: Some(secret),
        ..account
    }))
}

/// Deactivate a service account: its tokens stop working at once.
#[utoipa::path(
    tag = "service-accounts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Service account id")),
    responses(
        (status = 204, description = "Deactivated"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such service account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/service-accounts/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
