//! Service accounts of integration clients (admins only). The secret is shown once.

use crate::auth::{Principal, password, random_token};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, Utc};
use kiemdiem_store::{organizations, service_accounts as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ServiceAccount {
    pub id: i64,
    pub client_id: String,
    pub name: String,
    pub organization_id: i64,
    pub organization_name: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Only in the answer that creates the account: it is stored hashed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateServiceAccount {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The subtree the client reads and imports into.
    pub organization_id: i64,
}

fn admin_only(p: &Principal) -> Result<(), ApiError> {
    if p.access.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Chỉ quản trị viên quản lý tài khoản dịch vụ",
        ))
    }
}

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
    admin_only(&p)?;
    let rows = state.db(|conn| Ok(store::list(conn)?)).await?;
    let items: Vec<ServiceAccount> = rows
        .into_iter()
        .map(|(a, o)| ServiceAccount {
            id: a.id,
            client_id: a.client_id,
            name: a.name,
            organization_id: o.id,
            organization_name: o.name,
            active: a.active,
            created_at: a.created_at.and_utc(),
            client_secret: None,
        })
        .collect();
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
        .write(move |conn| {
            let org = organizations::get(conn, body.organization_id)?.ok_or_else(|| {
                ApiError::Validation(vec![FieldError {
                    field: "organization_id".into(),
                    code: "not_found".into(),
                    message: "Không tìm thấy tổ chức".into(),
                }])
            })?;
            let kind = org
                .kind
                .parse::<kiemdiem_domain::organization::OrgKind>()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            if !kiemdiem_domain::access::Role::Integration.allowed_on(kind) {
                return Err(ApiError::Validation(vec![FieldError {
                    field: "organization_id".into(),
                    code: "kind_mismatch".into(),
                    message:
                        "Tài khoản tích hợp gắn với Tỉnh ủy, Huyện/Thành ủy hoặc Đảng bộ cơ sở"
                            .into(),
                }]));
            }
            let id = store::create(conn, &client_id, body.name.trim(), &hash, org.id)?;
            let (a, o) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let out = ServiceAccount {
                id: a.id,
                client_id: a.client_id,
                name: a.name,
                organization_id: o.id,
                organization_name: o.name,
                active: a.active,
                created_at: a.created_at.and_utc(),
                client_secret: None,
            };
            p.audit("create", "service_account")
                .id(id)
                .org(o.path)
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
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
    admin_only(&p)?;
    let id = id.into_inner();
    state
        .write(move |conn| {
            let (_, org) = store::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            store::deactivate(conn, id)?;
            p.audit("deactivate", "service_account")
                .id(id)
                .org(org.path)
                .record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
