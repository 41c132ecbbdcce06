//! The organisation tree: list (flat or as a tree), read, create, rename, move, delete.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use kiemdiem_app::organizations::{
    self as app, CreateOrganization, ListQuery, Organization, OrganizationList, UpdateOrganization,
    parse_kind,
};

/// List organisations.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "Organisations the caller can see", body = OrganizationList),
        (status = 400, description = "Bad query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The organisation named in `under` is not one the caller sees", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let tree = app::list_shape(&q)?;
    let (page, per_page) = crate::extract::paging(q.page, q.per_page, 100, 500)?;
    let list = state
        .run(move |conn| app::list(conn, &p, q, tree, page, per_page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Read one organisation.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The organisation", body = Organization),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = state.run(move |conn| app::visible(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(Organization::from(&row)))
}

/// Create an organisation.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    request_body = CreateOrganization,
    responses(
        (status = 201, description = "Created", body = Organization),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to create here", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The parent is not in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organizations")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<CreateOrganization>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let kind = parse_kind("kind", &body.kind)?;
    let row = state
        .write_app(move |conn| app::create(conn, &p, body, kind))
        .await?;
    Ok(HttpResponse::Created().json(Organization::from(&row)))
}

/// Rename an organisation, change its code, or move it (with its subtree).
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = UpdateOrganization,
    responses(
        (status = 200, description = "Updated", body = Organization),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to change it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a move into its own subtree or under the wrong kind", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/organizations/{id}")]
pub async fn update(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<UpdateOrganization>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.0;
    let row = state
        .write_app(move |conn| app::update(conn, &p, id, body))
        .await?;
    Ok(HttpResponse::Ok().json(Organization::from(&row)))
}

/// Delete an organisation that has no children, members or accounts.
#[utoipa::path(
    tag = "organizations",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to delete it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It still has children, members or accounts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/organizations/{id}")]
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
