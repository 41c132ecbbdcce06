//! Users and their role assignments. Admins manage everyone; a committee manages the users
//! who hold roles in its subtree and grants roles there (never admin or integration).

use crate::auth::principal::grants_of;
use crate::auth::{Principal, password};
use crate::dto::RoleAssignment;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use kiemdiem_domain::access::Role;
use kiemdiem_domain::organization::OrgKind;
use kiemdiem_store::{AnyConnection, organizations, tokens, users};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub member_id: Option<i64>,
    pub active: bool,
    /// The password was set by someone else and must be changed at the next login.
    pub must_change_password: bool,
    /// Whether the caller may change this user's password, active flag and roles.
    pub manageable: bool,
    /// The user's roles the caller may see (a committee: those inside its subtree).
    pub roles: Vec<RoleAssignment>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserList {
    pub items: Vec<User>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The user as `p` may see them: a committee sees only the roles inside its subtrees (an
/// administrator's role, or roles elsewhere, are not its business: issue #13).
fn dto(conn: &mut AnyConnection, p: &Principal, u: users::User) -> Result<User, ApiError> {
    let all = users::assignments(conn, u.id)?;
    let manageable = p.access.can_manage_user(&grants_of(&all).grants);
    let roles = all
        .into_iter()
        .filter(|a| match &a.organization_path {
            Some(path) => p.access.can_administer(path),
            None => p.access.is_admin(),
        })
        .map(RoleAssignment::from)
        .collect();
    Ok(User {
        id: u.id,
        username: u.username,
        display_name: u.display_name,
        member_id: u.member_id,
        active: u.active,
        must_change_password: u.must_change_password,
        manageable,
        roles,
        created_at: u.created_at.and_utc(),
        updated_at: u.updated_at.and_utc(),
    })
}

/// A user `p` may see: admins everyone; a committee the users holding a role inside its
/// subtree (peers on its own organisation included, to be seen, not managed).
fn visible(conn: &mut AnyConnection, p: &Principal, id: i64) -> Result<users::User, ApiError> {
    let user = users::get(conn, id)?.ok_or_else(ApiError::not_found)?;
    if p.access.is_admin() {
        return Ok(user);
    }
    let reachable = p.access.admin_scopes().is_some_and(|s| !s.is_empty())
        && users::assignments(conn, id)?
            .iter()
            .filter_map(|a| a.organization_path.as_deref())
            .any(|path| p.access.can_administer(path));
    if reachable {
        Ok(user)
    } else {
        Err(ApiError::not_found())
    }
}

/// A user `p` may manage (password, active flag, roles): the one policy,
/// `Access::can_manage_user` (issue #13). Seen but not manageable is 403; unseen 404.
fn manageable(conn: &mut AnyConnection, p: &Principal, id: i64) -> Result<users::User, ApiError> {
    let user = visible(conn, p, id)?;
    let grants = grants_of(&users::assignments(conn, id)?).grants;
    if p.access.can_manage_user(&grants) {
        Ok(user)
    } else {
        Err(ApiError::forbidden(
            "Chỉ quản lý được người dùng có mọi vai trò ở cấp dưới trong phạm vi của mình",
        ))
    }
}

fn require_user_admin(p: &Principal) -> Result<(), ApiError> {
    match p.access.admin_scopes() {
        Some(scopes) if scopes.is_empty() => {
            Err(ApiError::forbidden("Không có quyền quản lý người dùng"))
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Part of the username or display name.
    pub q: Option<String>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// List the users the caller manages.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "Users", body = UserList),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a user manager", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "page or per_page out of bounds (each named)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    require_user_admin(&p)?;
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 50, 200)?;
    let search = q.q.clone();
    let list = state
        .db(move |conn| {
            let scopes = p.access.admin_scopes();
            let (rows, total) = users::list(
                conn,
                scopes.as_deref(),
                search.as_deref(),
                per_page,
                (page - 1) * per_page,
            )?;
            let items = rows
                .into_iter()
                .map(|u| dto(conn, &p, u))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(UserList {
                items,
                total,
                page,
                per_page,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRole {
    /// committee, branch_committee, inspection, feedback_provider, member (admin: only by an admin).
    pub role: String,
    /// Required for every role but admin.
    pub organization_id: Option<i64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    #[validate(
        length(min = 3, max = 64),
        custom(function = "crate::http::validate_code")
    )]
    #[schema(min_length = 3, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub username: String,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: String,
    #[validate(length(min = 10, max = 256))]
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    /// The member record of a user who is a party member (needed for the `member` role).
    pub member_id: Option<i64>,
    /// Roles to grant at once (all or nothing).
    #[serde(default)]
    #[validate(nested)]
    pub roles: Vec<NewRole>,
}

/// Checks that the caller may link a user to this member record and that no other user
/// has it.
fn linkable(
    conn: &mut AnyConnection,
    p: &Principal,
    member_id: i64,
    user_id: Option<i64>,
) -> Result<(), ApiError> {
    let (_, path) = kiemdiem_store::members::get(conn, member_id)?
        .filter(|(_, path)| p.access.can_read_org(path))
        .ok_or_else(ApiError::not_found)?;
    if !p.access.can_administer(&path) {
        return Err(ApiError::forbidden(
            "Không có quyền gắn tài khoản với đảng viên này",
        ));
    }
    if users::by_member(conn, member_id)?.is_some_and(|u| Some(u.id) != user_id) {
        return Err(ApiError::conflict(
            "member_linked",
            "Đảng viên này đã có tài khoản khác",
        ));
    }
    Ok(())
}

fn grant(
    conn: &mut AnyConnection,
    p: &Principal,
    user_id: i64,
    field: &str,
    r: &NewRole,
) -> Result<(i64, Option<String>), ApiError> {
    let role = r.role.parse::<Role>().map_err(|_| {
        ApiError::Validation(vec![FieldError {
            field: format!("{field}.role"),
            code: "invalid_role".into(),
            message: "Vai trò không hợp lệ".into(),
        }])
    })?;
    let org = match (role.is_scoped(), r.organization_id) {
        (false, None) => None,
        // An organisation the caller cannot see is answered as absent: 404.
        (true, Some(id)) => Some(
            organizations::get(conn, id)?
                .filter(|o| p.access.can_read_org(&o.path))
                .ok_or_else(ApiError::not_found)?,
        ),
        (scoped, _) => {
            return Err(ApiError::Validation(vec![FieldError {
                field: format!("{field}.organization_id"),
                code: if scoped { "required" } else { "not_allowed" }.into(),
                message: if scoped {
                    "Vai trò này cần một tổ chức"
                } else {
                    "Vai trò admin không gắn với tổ chức"
                }
                .into(),
            }]));
        }
    };
    if role.is_service_only() {
        return Err(ApiError::Validation(vec![FieldError {
            field: format!("{field}.role"),
            code: "service_only".into(),
            message: "Vai trò integration chỉ dành cho tài khoản dịch vụ".into(),
        }]));
    }
    if let Some(o) = &org {
        let kind = o
            .kind
            .parse::<OrgKind>()
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        if !role.allowed_on(kind) {
            return Err(ApiError::Validation(vec![FieldError {
                field: format!("{field}.organization_id"),
                code: "kind_mismatch".into(),
                message: format!("Vai trò {role} không gán được cho tổ chức loại {kind}"),
            }]));
        }
    }
    if !p
        .access
        .can_grant(role, org.as_ref().map(|o| o.path.as_str()))
    {
        return Err(ApiError::forbidden("Không có quyền gán vai trò này"));
    }
    let exists = users::assignments(conn, user_id)?
        .iter()
        .any(|a| a.role == role.as_str() && a.organization_id == org.as_ref().map(|o| o.id));
    if exists {
        return Err(ApiError::conflict(
            "role_exists",
            "Người dùng đã có vai trò này",
        ));
    }
    let id = users::add_assignment(conn, user_id, role.as_str(), org.as_ref().map(|o| o.id))?;
    Ok((id, org.map(|o| o.path)))
}

/// Create a user (with roles).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    request_body = CreateUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    require_user_admin(&p)?;
    let body = body.0;
    if !p.access.is_admin() && body.roles.is_empty() {
        return Err(ApiError::Validation(vec![FieldError {
            field: "roles".into(),
            code: "required".into(),
            message: "Cần gán ít nhất một vai trò trong phạm vi quản lý".into(),
        }]));
    }
    // Hashing is slow: done before the transaction takes the write lock.
    let hash = web::block(move || password::hash(&body.password)).await??;
    let user = state
        .write(move |conn| {
            if users::by_username(conn, &body.username)?.is_some() {
                return Err(ApiError::conflict(
                    "username_taken",
                    "Tên đăng nhập đã được dùng",
                ));
            }
            if let Some(member) = body.member_id {
                linkable(conn, &p, member, None)?;
            }
            let user = users::create(
                conn,
                users::NewUser {
                    username: &body.username,
                    display_name: body.display_name.trim(),
                    password_hash: &hash,
                    member_id: body.member_id,
                },
            )?;
            let mut path = None;
            for (i, r) in body.roles.iter().enumerate() {
                let (_, p_path) = grant(conn, &p, user.id, &format!("roles[{i}]"), r)?;
                path = path.or(p_path);
            }
            let out = dto(conn, &p, user)?;
            p.audit("create", "user")
                .id(out.id)
                .org(path)
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(user))
}

/// Read a user.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let user = state
        .db(move |conn| {
            let u = visible(conn, &p, id)?;
            dto(conn, &p, u)
        })
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: Option<String>,
    /// Disabling revokes every token the user holds.
    pub active: Option<bool>,
    /// A new password (revokes every token the user holds).
    #[validate(length(min = 10, max = 256))]
    #[schema(min_length = 10, max_length = 256)]
    pub password: Option<String>,
    /// Links the user to a member record; `null` unlinks.
    #[serde(default, deserialize_with = "crate::http::nullable")]
    #[schema(value_type = Option<i64>)]
    pub member_id: Option<Option<i64>>,
}

/// Change a user's name, password or active flag.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = UpdateUser,
    responses(
        (status = 200, description = "Updated", body = User),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
pub async fn update(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<UpdateUser>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.0;
    let hash = match body.password.clone() {
        Some(pw) => Some(web::block(move || password::hash(&pw)).await??),
        None => None,
    };
    let user = state
        .write(move |conn| {
            let before = manageable(conn, &p, id)?;
            let before_dto = dto(conn, &p, before.clone())?;
            users::update_profile(
                conn,
                id,
                body.display_name.as_deref().map(str::trim),
                body.active,
            )?;
            if let Some(link) = body.member_id {
                if let Some(member) = link {
                    linkable(conn, &p, member, Some(id))?;
                }
                users::set_member(conn, id, link)?;
            }
            if let Some(hash) = &hash {
                users::set_password_hash(conn, id, hash, true)?;
                // A password set by someone else is the owner's to change at the next login
                // (issue #13); every session of the user ends here.
                users::set_must_change_password(conn, id, p.user_id != Some(id))?;
            }
            if hash.is_some() || body.active == Some(false) {
                tokens::revoke_user(conn, id)?;
            }
            let after = users::get(conn, id)?.ok_or_else(ApiError::not_found)?;
            let out = dto(conn, &p, after)?;
            p.audit(
                if hash.is_some() {
                    "update_password"
                } else {
                    "update"
                },
                "user",
            )
            .id(id)
            .before(&before_dto)
            .after(&out)
            .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

/// Delete a user (admins only; others deactivate).
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only admins delete users", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Deleting oneself", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/users/{id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .write(move |conn| {
            let before = manageable(conn, &p, id)?;
            if !p.access.is_admin() {
                return Err(ApiError::forbidden(
                    "Chỉ quản trị viên được xóa người dùng; hãy khóa tài khoản",
                ));
            }
            if p.user_id == Some(id) {
                return Err(ApiError::conflict(
                    "self_delete",
                    "Không thể tự xóa tài khoản của mình",
                ));
            }
            let before_dto = dto(conn, &p, before)?;
            users::delete(conn, id)?;
            p.audit("delete", "user")
                .id(id)
                .before(&before_dto)
                .record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Grant a role to a user.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "User id")),
    request_body = NewRole,
    responses(
        (status = 201, description = "Granted: the user with all roles", body = User),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to grant it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already granted", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users/{id}/roles")]
pub async fn add_role(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewRole>,
) -> Result<HttpResponse, ApiError> {
    require_user_admin(&p)?;
    let id = id.into_inner();
    let body = body.0;
    let user = state
        .write(move |conn| {
            // A committee grants roles only to the users it manages (issue #13); an account
            // with no role is an administrator's to give a first role to (a committee that
            // could would then own it: reset its password, vote as its member).
            let user = manageable(conn, &p, id)?;
            let (_, path) = grant(conn, &p, id, "", &body)?;
            let out = dto(conn, &p, user)?;
            p.audit("grant_role", "user")
                .id(id)
                .org(path)
                .after(&serde_json::json!({"role": body.role, "organization_id": body.organization_id}))
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Created().json(user))
}

/// Revoke a role.
#[utoipa::path(
    tag = "users",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "User id"),
        ("assignment_id" = i64, Path, description = "Role assignment id"),
    ),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to revoke it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user or assignment in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An administrator revoking their own administration", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/users/{id}/roles/{assignment_id}")]
pub async fn remove_role(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, assignment_id) = path.into_inner();
    state
        .write(move |conn| {
            manageable(conn, &p, id)?;
            let assignment = users::assignments(conn, id)?
                .into_iter()
                .find(|a| a.id == assignment_id)
                .ok_or_else(ApiError::not_found)?;
            let role = assignment
                .role
                .parse::<Role>()
                .map_err(ApiError::Internal)?;
            if !p
                .access
                .can_grant(role, assignment.organization_path.as_deref())
            {
                return Err(ApiError::forbidden("Không có quyền thu hồi vai trò này"));
            }
            if role == Role::Admin && p.user_id == Some(id) {
                return Err(ApiError::conflict(
                    "self_demote",
                    "Không thể tự thu hồi quyền quản trị của mình",
                ));
            }
            users::remove_assignment(conn, id, assignment_id)?;
            p.audit("revoke_role", "user")
                .id(id)
                .org(assignment.organization_path.clone())
                .before(&RoleAssignment::from(assignment))
                .record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
