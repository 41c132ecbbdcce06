//! Users and their role assignments. Admins manage everyone; a committee manages the users
//! who hold roles in its subtree and grants roles there (never admin or integration).

use crate::auth::{Principal, password};
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use kiemdiem_app::users::{
    self as app, CreateUser, NewRole, UpdateUser, User, UserList, require_user_admin,
};
use serde::Deserialize;
use utoipa::IntoParams;

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
        .run(move |conn| app::list(conn, &p, search, page, per_page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
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
        (status = 404, description = "A role's organisation is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken, or the member has another user", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a member_id naming no member in the caller's scope: unknown_member)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateUser>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    app::may_create(&p, &body)?;
    // Hashing is slow: done before the transaction takes the write lock.
    let pw = body.password.clone();
    let hash = web::block(move || password::hash(&pw)).await??;
    let user = state
        .write_app(move |conn| app::create(conn, &p, body, hash))
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
    let user = state.run(move |conn| app::get(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(user))
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
        (status = 403, description = "Not one who may link this member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The member has another user", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (a member_id naming no member in the caller's scope: unknown_member)", body = Problem, content_type = "application/problem+json"),
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
        .write_app(move |conn| app::update(conn, &p, id, body, hash))
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
        .write_app(move |conn| app::remove(conn, &p, id))
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
        .write_app(move |conn| app::add_role(conn, &p, id, body))
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
        .write_app(move |conn| app::remove_role(conn, &p, id, assignment_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
