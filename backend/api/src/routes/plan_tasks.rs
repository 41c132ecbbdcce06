//! Plan III: the plan's tasks assigned to named standing-committee members, with their
//! progress: `kiemdiem_app::plan_tasks`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use kiemdiem_app::plan_tasks::{self as app, PlanTask, PlanTaskInput};

/// The cycle's plan tasks (plan III), by due date, each with its assignee and progress.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The tasks", body = [PlanTask]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the committee that runs the cycle nor one above", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/plan-tasks")]
pub async fn plan_tasks(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Assign a task of the plan to a standing-committee member (`version` 0).
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = PlanTaskInput,
    responses(
        (status = 201, description = "Assigned", body = PlanTask),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A version other than 0", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank title or assignee, progress outside 0–100, a due date outside the cycle's year and the next", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/plan-tasks")]
pub async fn create_plan_task(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<PlanTaskInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, input))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Change a task — its progress, note, assignee, due date — made on the version it names.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("task_id" = i64, Path, description = "Task id")),
    request_body = PlanTaskInput,
    responses(
        (status = 200, description = "Changed", body = PlanTask),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or task in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank title or assignee, progress outside 0–100, a due date outside the cycle's year and the next", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/plan-tasks/{task_id}")]
pub async fn update_plan_task(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<PlanTaskInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, task_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::update(conn, &p, id, task_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a task entered by mistake.
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("task_id" = i64, Path, description = "Task id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or task in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/plan-tasks/{task_id}")]
pub async fn remove_plan_task(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, task_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, task_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
