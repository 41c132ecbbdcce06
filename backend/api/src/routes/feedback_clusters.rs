//! Plan II.2.2.1: the workplace's feedback clusters and the mass organisations' opinions on
//! each branch: `kiemdiem_app::feedback_clusters`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, post, put, web};
use kiemdiem_app::feedback_clusters::{
    self as app, CollectiveOpinionInput, FeedbackCluster, FeedbackClusterInput,
};

/// The cycle's feedback clusters (II.2.2.1), each with its leader, branches, mass
/// organisations and the opinions recorded on the branches.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "The clusters (a branch committee: those of its branches)", body = [FeedbackCluster]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a committee over the cycle's organisation nor a branch committee inside it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/feedback-clusters")]
pub async fn feedback_clusters(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = state.run(move |conn| app::list(conn, &p, id)).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Set up a cluster (`version` 0): its name, leader, branches and mass organisations.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    request_body = FeedbackClusterInput,
    responses(
        (status = 201, description = "Set up", body = FeedbackCluster),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "A version other than 0", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Blank name or leader, a branch not below the cycle's organisation, twice, or in another cluster, a blank or repeated mass organisation, a meeting day outside the year and the next", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-clusters")]
pub async fn create_feedback_cluster(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<FeedbackClusterInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, id, input))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Change a cluster, made on the version it names.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("cluster_id" = i64, Path, description = "Cluster id")),
    request_body = FeedbackClusterInput,
    responses(
        (status = 200, description = "Changed", body = FeedbackCluster),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or cluster in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that version", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "As when setting it up", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/feedback-clusters/{cluster_id}")]
pub async fn update_feedback_cluster(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<FeedbackClusterInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, cluster_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::update(conn, &p, id, cluster_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a cluster, with the opinions recorded in it.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("cluster_id" = i64, Path, description = "Cluster id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee that runs the cycle", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or cluster in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/feedback-clusters/{cluster_id}")]
pub async fn remove_feedback_cluster(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, cluster_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove(conn, &p, id, cluster_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Record a mass organisation's opinion on a branch of the cluster (the branch as a
/// collective: its leadership), as given at the cluster's meeting.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("cluster_id" = i64, Path, description = "Cluster id")),
    request_body = CollectiveOpinionInput,
    responses(
        (status = 201, description = "Recorded: the cluster with its opinions", body = FeedbackCluster),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the committee that runs the cycle nor a branch committee of the cluster", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle or cluster in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A branch or mass organisation not of the cluster, blank content, a day before the cycle's year or in the future", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/feedback-clusters/{cluster_id}/opinions")]
pub async fn add_collective_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<CollectiveOpinionInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, cluster_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| app::add_opinion(conn, &p, id, cluster_id, input))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Remove an opinion recorded by mistake.
#[utoipa::path(
    tag = "feedback",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("cluster_id" = i64, Path, description = "Cluster id"), ("opinion_id" = i64, Path, description = "Opinion id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the committee that runs the cycle nor a branch committee of the cluster", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle, cluster or opinion in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/feedback-clusters/{cluster_id}/opinions/{opinion_id}")]
pub async fn remove_collective_opinion(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, cluster_id, opinion_id) = path.into_inner();
    state
        .write_app(move |conn| app::remove_opinion(conn, &p, id, cluster_id, opinion_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
