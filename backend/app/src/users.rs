//! Users and their role assignments. Admins manage everyone; a committee manages the users
//! who hold roles in its subtree and grants roles there (never admin or integration).
//! Passwords arrive hashed: hashing is slow and is done before the transaction.

use crate::actor::grants_of;
use crate::{Actor, AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_domain::access::Role;
use kiemdiem_domain::organization::OrgKind;
use kiemdiem_store::users::Assignment;
use kiemdiem_store::{AnyConnection, organizations, tokens, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

// A role held on an organisation (none for admin).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoleAssignment {
    pub id: i64,
    /// One of admin, committee, branch_committee, inspection, feedback_provider, member, integration.
    pub role: String,
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
}

impl From<Assignment> for RoleAssignment {
    fn from(a: Assignment) -> Self {
        RoleAssignment {
            id: a.id,
            role: a.role,
            organization_id: a.organization_id,
            organization_name: a.organization_name,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub member_id: Option<i64>,
    /// The login's own address for the agenda by e-mail (else its member record's is used).
    pub email: Option<String>,
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
fn dto(conn: &mut AnyConnection, p: &Actor, u: users::User) -> Result<User, AppError> {
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
        email: u.email,
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
fn visible(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<users::User, AppError> {
    let user = users::get(conn, id)?.ok_or_else(AppError::not_found)?;
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
        Err(AppError::not_found())
    }
}

/// A user `p` may manage (password, active flag, roles): the one policy,
/// `Access::can_manage_user` (issue #13). Seen but not manageable is 403; unseen 404.
pub fn manageable(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<users::User, AppError> {
    let user = visible(conn, p, id)?;
    let grants = grants_of(&users::assignments(conn, id)?).grants;
    if p.access.can_manage_user(&grants) {
        Ok(user)
    } else {
        Err(AppError::forbidden(
            "Chỉ quản lý được người dùng có mọi vai trò ở cấp dưới trong phạm vi của mình",
        ))
    }
}

pub fn require_user_admin(p: &Actor) -> Result<(), AppError> {
    match p.access.admin_scopes() {
        Some(scopes) if scopes.is_empty() => {
            Err(AppError::forbidden("Không có quyền quản lý người dùng"))
        }
        _ => Ok(()),
    }
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
        custom(function = "crate::input::validate_code")
    )]
    #[schema(min_length = 3, max_length = 64, pattern = "^[A-Za-z0-9._-]+$")]
    pub username: String,
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::input::validate_name")
    )]
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: String,
    #[validate(length(min = 10, max = 256))]
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    /// The member record of a user who is a party member (needed for the `member` role).
    pub member_id: Option<i64>,
    /// Where the agenda is e-mailed (issue #17); without it, the member record's address.
    #[validate(email, length(max = 200))]
    #[schema(max_length = 200, format = "email")]
    pub email: Option<String>,
    /// Roles to grant at once (all or nothing).
    #[serde(default)]
    #[validate(nested)]
    pub roles: Vec<NewRole>,
}

/// Checks that the caller may link a user to this member record and that no other user
/// has it.
fn linkable(
    conn: &mut AnyConnection,
    p: &Actor,
    member_id: i64,
    user_id: Option<i64>,
) -> Result<(), AppError> {
    // A member that does not exist and one outside the caller's scope get the same answer: a
    // field of the body that names nothing the caller may link (422, nothing told apart).
    let (_, path) = kiemdiem_store::members::get(conn, member_id)?
        .filter(|(_, path)| p.access.can_read_org(path))
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                "member_id",
                "unknown_member",
                "Không có đảng viên này trong phạm vi của đồng chí",
            )])
        })?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Không có quyền gắn tài khoản với đảng viên này",
        ));
    }
    if users::by_member(conn, member_id)?.is_some_and(|u| Some(u.id) != user_id) {
        return Err(AppError::conflict(
            "member_linked",
            "Đảng viên này đã có tài khoản khác",
        ));
    }
    Ok(())
}

fn grant(
    conn: &mut AnyConnection,
    p: &Actor,
    user_id: i64,
    field: &str,
    r: &NewRole,
) -> Result<(i64, Option<String>), AppError> {
    let role = r.role.parse::<Role>().map_err(|_| {
        AppError::Validation(vec![FieldError {
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
                .ok_or_else(AppError::not_found)?,
        ),
        (scoped, _) => {
            return Err(AppError::Validation(vec![FieldError {
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
        return Err(AppError::Validation(vec![FieldError {
            field: format!("{field}.role"),
            code: "service_only".into(),
            message: "Vai trò integration chỉ dành cho tài khoản dịch vụ".into(),
        }]));
    }
    if let Some(o) = &org {
        let kind = o
            .kind
            .parse::<OrgKind>()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        if !role.allowed_on(kind) {
            return Err(AppError::Validation(vec![FieldError {
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
        return Err(AppError::forbidden("Không có quyền gán vai trò này"));
    }
    let exists = users::assignments(conn, user_id)?
        .iter()
        .any(|a| a.role == role.as_str() && a.organization_id == org.as_ref().map(|o| o.id));
    if exists {
        return Err(AppError::conflict(
            "role_exists",
            "Người dùng đã có vai trò này",
        ));
    }
    let id = users::add_assignment(conn, user_id, role.as_str(), org.as_ref().map(|o| o.id))?;
    Ok((id, org.map(|o| o.path)))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::input::validate_name")
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
    #[serde(default, deserialize_with = "crate::input::nullable")]
    #[schema(value_type = Option<i64>)]
    pub member_id: Option<Option<i64>>,
    /// Where the agenda is e-mailed; `null` removes it.
    #[serde(default, deserialize_with = "crate::input::nullable")]
    #[validate(email, length(max = 200))]
    #[schema(value_type = Option<String>, max_length = 200, format = "email")]
    pub email: Option<Option<String>>,
}

/// The users the actor manages, a page of them, optionally searched by name.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    search: Option<String>,
    page: i64,
    per_page: i64,
) -> Result<UserList, AppError> {
    require_user_admin(p)?;
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
        .map(|u| dto(conn, p, u))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(UserList {
        items,
        total,
        page,
        per_page,
    })
}

/// Whether the actor may create this user at all, checked before the password is hashed: a
/// user manager, and a committee grants at least one role in its scope.
pub fn may_create(p: &Actor, body: &CreateUser) -> Result<(), AppError> {
    require_user_admin(p)?;
    if !p.access.is_admin() && body.roles.is_empty() {
        return Err(AppError::field(
            "roles",
            "required",
            "Cần gán ít nhất một vai trò trong phạm vi quản lý",
        ));
    }
    Ok(())
}

/// Creates a user with roles (all or nothing); `hash` is the password's hash.
pub fn create(
    conn: &mut AnyConnection,
    p: &Actor,
    body: CreateUser,
    hash: String,
) -> Result<User, AppError> {
    may_create(p, &body)?;
    if users::by_username(conn, &body.username)?.is_some() {
        return Err(AppError::conflict(
            "username_taken",
            "Tên đăng nhập đã được dùng",
        ));
    }
    if let Some(member) = body.member_id {
        linkable(conn, p, member, None)?;
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
    if let Some(email) = body.email.as_deref().map(str::trim) {
        users::set_email(conn, user.id, Some(email))?;
    }
    let user = users::get(conn, user.id)?.ok_or_else(AppError::not_found)?;
    let mut path = None;
    for (i, r) in body.roles.iter().enumerate() {
        let (_, p_path) = grant(conn, p, user.id, &format!("roles[{i}]"), r)?;
        path = path.or(p_path);
    }
    let out = dto(conn, p, user)?;
    p.audit("create", "user")
        .id(out.id)
        .org(path)
        .after(&out)
        .record(conn)?;
    Ok(out)
}

/// A user the actor may see.
pub fn get(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<User, AppError> {
    let u = visible(conn, p, id)?;
    dto(conn, p, u)
}

/// Changes a user's name, active flag, member link or password (`hash`); disabling or a new
/// password ends every session of the user.
pub fn update(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    body: UpdateUser,
    hash: Option<String>,
) -> Result<User, AppError> {
    let before = manageable(conn, p, id)?;
    let before_dto = dto(conn, p, before.clone())?;
    users::update_profile(
        conn,
        id,
        body.display_name.as_deref().map(str::trim),
        body.active,
    )?;
    if let Some(link) = body.member_id {
        if let Some(member) = link {
            linkable(conn, p, member, Some(id))?;
        }
        users::set_member(conn, id, link)?;
    }
    if let Some(email) = &body.email {
        users::set_email(conn, id, email.as_deref().map(str::trim))?;
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
    let after = users::get(conn, id)?.ok_or_else(AppError::not_found)?;
    let out = dto(conn, p, after)?;
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
}

/// Deletes a user (administrators only; others deactivate).
pub fn remove(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    let before = manageable(conn, p, id)?;
    if !p.access.is_admin() {
        return Err(AppError::forbidden(
            "Chỉ quản trị viên được xóa người dùng; hãy khóa tài khoản",
        ));
    }
    if p.user_id == Some(id) {
        return Err(AppError::conflict(
            "self_delete",
            "Không thể tự xóa tài khoản của mình",
        ));
    }
    let before_dto = dto(conn, p, before)?;
    users::delete(conn, id)?;
    p.audit("delete", "user")
        .id(id)
        .before(&before_dto)
        .record(conn)?;
    Ok(())
}

/// Grants a role to a user the actor manages.
pub fn add_role(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    body: NewRole,
) -> Result<User, AppError> {
    require_user_admin(p)?;
    // A committee grants roles only to the users it manages (issue #13); an account
    // with no role is an administrator's to give a first role to (a committee that
    // could would then own it: reset its password, vote as its member).
    let user = manageable(conn, p, id)?;
    let (_, path) = grant(conn, p, id, "", &body)?;
    let out = dto(conn, p, user)?;
    p.audit("grant_role", "user")
        .id(id)
        .org(path)
        .after(&serde_json::json!({"role": body.role, "organization_id": body.organization_id}))
        .record(conn)?;
    Ok(out)
}

/// Revokes a role the actor could have granted.
pub fn remove_role(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
    assignment_id: i64,
) -> Result<(), AppError> {
    manageable(conn, p, id)?;
    let assignment = users::assignments(conn, id)?
        .into_iter()
        .find(|a| a.id == assignment_id)
        .ok_or_else(AppError::not_found)?;
    let role = assignment
        .role
        .parse::<Role>()
        .map_err(AppError::Internal)?;
    if !p
        .access
        .can_grant(role, assignment.organization_path.as_deref())
    {
        return Err(AppError::forbidden("Không có quyền thu hồi vai trò này"));
    }
    if role == Role::Admin && p.user_id == Some(id) {
        return Err(AppError::conflict(
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
}

/// Creates an administrator from the command line (`kiemdiem create-admin`), or gives an existing user a new password and the admin role.
/// Returns what was done, for the operator.
pub fn create_admin(
    conn: &mut AnyConnection,
    username: &str,
    new_password: &str,
    display_name: &str,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    if username.len() < 3 || crate::input::validate_code(username).is_err() {
        errors.push(FieldError {
            field: "username".into(),
            code: "pattern".into(),
            message: "Tên đăng nhập: ít nhất 3 ký tự, chữ không dấu, chữ số, . _ -".into(),
        });
    }
    if new_password.chars().count() < crate::password::MIN_LENGTH {
        errors.push(FieldError {
            field: "password".into(),
            code: "length".into(),
            message: format!(
                "Mật khẩu phải có ít nhất {} ký tự",
                crate::password::MIN_LENGTH
            ),
        });
    }
    if !errors.is_empty() {
        let detail = errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(AppError::bad_request("invalid_admin", detail));
    }
    let hash = crate::password::hash(new_password)?;
    kiemdiem_store::db::write_tx(conn, |conn| {
        let (user, created) = match users::by_username(conn, username)? {
            Some(u) => {
                users::set_password_hash(conn, u.id, &hash, true)?;
                users::update_profile(conn, u.id, None, Some(true))?;
                tokens::revoke_user(conn, u.id)?;
                (u, false)
            }
            None => (
                users::create(
                    conn,
                    users::NewUser {
                        username,
                        display_name,
                        password_hash: &hash,
                        member_id: None,
                    },
                )?,
                true,
            ),
        };
        let is_admin = users::assignments(conn, user.id)?
            .iter()
            .any(|a| a.role == "admin");
        if !is_admin {
            users::add_assignment(conn, user.id, "admin", None)?;
        }
        Actor::system("cli")
            .audit(
                if created {
                    "create_admin"
                } else {
                    "reset_admin"
                },
                "user",
            )
            .id(user.id)
            .after(&serde_json::json!({ "username": username, "role": "admin" }))
            .record(conn)?;
        Ok(if created {
            format!("created the administrator '{username}'")
        } else {
            format!("'{username}' is an administrator with a new password")
        })
    })
}
