//! Key-cadre meetings (O6): the base committee's leaders are reviewed collectively and
//! individually; the key cadres present give opinions and vote a proposed level for each
//! leader, on the four member levels (M1). Recorded by the committee that runs the cycle,
//! while the `key_cadre_meeting` phase is open; read by the same committee (the proposed
//! levels go to the leaders' own branch meetings and to the appraisal).

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, web};
use kiemdiem_app::key_cadre::{self as app, KeyCadreMeeting, NewKeyCadreMeeting};

/// The key-cadre meetings of a cycle.
#[utoipa::path(
    tag = "key-cadre-meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Meetings, oldest first", body = [KeyCadreMeeting]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/key-cadre-meetings")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Record a key-cadre meeting: who chaired, how many key cadres were present, the collective
/// opinion, and for each leader the opinions, the votes per level and the proposed level.
#[utoipa::path(
    tag = "key-cadre-meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = NewKeyCadreMeeting,
    responses(
        (status = 201, description = "Recorded", body = KeyCadreMeeting),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle, or a member outside it", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle or the key-cadre phase is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/key-cadre-meetings")]
pub async fn create(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NewKeyCadreMeeting>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Remove a meeting recorded by mistake (audited with what it held).
#[utoipa::path(
    tag = "key-cadre-meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("meeting_id" = i64, Path, description = "Meeting id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle or the key-cadre phase is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/key-cadre-meetings/{meeting_id}")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, meeting_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, meeting_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
