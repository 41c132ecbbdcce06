//! Service accounts of integration clients (admins only). The secret is shown once.

use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_store::{AnyConnection, organizations, service_accounts as store};
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
        custom(function = "crate::input::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// The subtree the client reads and imports into.
    pub organization_id: i64,
}

pub fn admin_only(p: &Actor) -> Result<(), AppError> {
    if p.access.is_admin() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "Chỉ quản trị viên quản lý tài khoản dịch vụ",
        ))
    }
}

/// An account as answered, its secret never (it is shown once, at creation, by the caller).
fn dto(
    a: store::ServiceAccount,
    o: &kiemdiem_store::organizations::Organization,
) -> ServiceAccount {
    ServiceAccount {
        id: a.id,
        client_id: a.client_id,
        name: a.name,
        organization_id: o.id,
        organization_name: o.name.clone(),
        active: a.active,
        created_at: a.created_at.and_utc(),
        client_secret: None,
    }
}

/// The service accounts, with their organisations (administrators only).
pub fn list(conn: &mut AnyConnection, p: &Actor) -> Result<Vec<ServiceAccount>, AppError> {
    admin_only(p)?;
    Ok(store::list(conn)?
        .into_iter()
        .map(|(a, o)| dto(a, &o))
        .collect())
}

/// Creates an integration client's account on a province, district or base; `hash` is the
/// secret's hash (the secret itself is shown once, by the caller).
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    body: CreateServiceAccount,
    client_id: String,
    hash: String,
) -> Result<ServiceAccount, AppError> {
    admin_only(p)?;
    let org = organizations::get(conn, body.organization_id)?.ok_or_else(|| {
        AppError::Validation(vec![FieldError {
            field: "organization_id".into(),
            code: "not_found".into(),
            message: "Không tìm thấy tổ chức".into(),
        }])
    })?;
    let kind = org
        .kind
        .parse::<kiemdiem_domain::organization::OrgKind>()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if !kiemdiem_domain::access::Role::Integration.allowed_on(kind) {
        return Err(AppError::Validation(vec![FieldError {
            field: "organization_id".into(),
            code: "kind_mismatch".into(),
            message: "Tài khoản tích hợp gắn với Tỉnh ủy, Huyện/Thành ủy hoặc Đảng bộ cơ sở".into(),
        }]));
    }
    let id = store::create(conn, &client_id, body.name.trim(), &hash, org.id)?;
    let (a, o) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let out = dto(a, &o);
    p.audit("create", "service_account")
        .id(id)
        .org(o.path)
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// Deactivates a service account: its tokens stop working at once.
pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    admin_only(p)?;
    let (_, org) = store::get(conn, id)?.ok_or_else(AppError::not_found)?;
    store::deactivate(conn, id)?;
    p.audit("deactivate", "service_account")
        .id(id)
        .org(org.path)
        .record(conn)?;
    Ok(())
}
