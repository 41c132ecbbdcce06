//! Organisations' yearly classification (O1–O5): the self-assessment sheet (O4) whose criteria,
//! maxima and cut-offs come from the cycle's rule set, the organisation's own points, the
//! superior's points (which decide the level), `exemplary` for a `clean_strong` one, the unit's
//! rating (O3), and the district's limits (O2, O3) shown as warnings.
//!
//! Who: an organisation's own committee scores it (branch committee for a branch, the base
//! committee for the base); the committee above reviews it.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, put, web};
use kiemdiem_app::org_classification::{self as app, OrgAssessment, OrgClassification};
use kiemdiem_app::recognition::{self, Cancellation, CancellationInput};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// An organisation's sheet for the cycle's year.
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "Organisation id (a base or a branch in the cycle)")),
    responses(
        (status = 200, description = "The sheet", body = OrgAssessment),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an organisation the caller scores or reviews", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/organizations/{org_id}/assessment")]
pub async fn get_one(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let out = state
        .run(move |conn| app::assessment(conn, &p, id, org_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// Points per criterion code.
    pub self_points: BTreeMap<String, u32>,
    /// O3 for the unit the organisation leads, if rated.
    pub unit_rating: Option<String>,
}

/// The organisation scores itself (its own committee), until the superior has reviewed it.
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "Organisation id")),
    request_body = SelfAssessment,
    responses(
        (status = 200, description = "Saved", body = OrgAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an organisation the caller scores", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already reviewed by the superior, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Points missing, unknown or over the maximum", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/organizations/{org_id}/assessment")]
pub async fn put_self(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<SelfAssessment>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| {
            app::self_assess(
                conn,
                &p,
                id,
                org_id,
                &b.self_points,
                b.unit_rating.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuperiorReview {
    pub superior_points: BTreeMap<String, u32>,
    /// Only for an organisation the points make clean_strong (O1).
    #[serde(default)]
    pub exemplary: bool,
    pub unit_rating: Option<String>,
}

/// The superior's points decide the level (the committee above the organisation).
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "Organisation id")),
    request_body = SuperiorReview,
    responses(
        (status = 200, description = "Reviewed", body = OrgAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee above the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an organisation the caller sees", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The organisation has not scored itself yet, or the cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Points missing, unknown or over the maximum; exemplary without clean_strong", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/organizations/{org_id}/assessment/review")]
pub async fn review(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<SuperiorReview>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let b = body.0;
    let out = state
        .write_app(move |conn| {
            app::review(
                conn,
                &p,
                id,
                org_id,
                &b.superior_points,
                b.exemplary,
                b.unit_rating.as_deref(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassificationQuery {
    /// A district (its base organisations) or a base (its branches).
    pub organization_id: i64,
    pub year: i32,
}

/// The year's classification of the organisations under a district (its base organisations) or
/// a base (its branches), with the O2 and O3 limits checked (warnings).
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(ClassificationQuery),
    responses(
        (status = 200, description = "The classification", body = OrgClassification),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a base or a district", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organization-classification")]
pub async fn overview(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<ClassificationQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let out = state
        .run(move |conn| app::overview(conn, &p, q.organization_id, q.year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// O5: the decisions cancelling a recognition of the organisation's year, oldest first (the
/// earlier result kept in each).
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "Organisation id (a base or a branch in the cycle)")),
    responses(
        (status = 200, description = "The decisions", body = [Cancellation]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an organisation the caller scores or reviews", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/organizations/{org_id}/assessment/cancellations")]
pub async fn recognition_cancellations(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let out = state
        .run(move |conn| recognition::list(conn, &p, id, org_id))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// O5: the district standing committee cancels a recognition found undeserved — a decision
/// with its number, date and reason; the organisation takes the decided level, the earlier
/// result is kept with the decision. Allowed after the cycle is closed.
#[utoipa::path(
    tag = "organization-classification",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("org_id" = i64, Path, description = "Organisation id (a base or a branch in the cycle)")),
    request_body = CancellationInput,
    responses(
        (status = 200, description = "Decided: the sheet with the decided level", body = OrgAssessment),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee of the district above the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an organisation the caller scores or reviews", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not reviewed yet, nothing recognised to cancel, or changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A level that is not lower, exemplary without clean_strong, an empty reason or number, a date out of range", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles/{id}/organizations/{org_id}/assessment/cancellations")]
pub async fn cancel_recognition(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<CancellationInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, org_id) = path.into_inner();
    let input = body.0;
    let out = state
        .write_app(move |conn| recognition::cancel(conn, &p, id, org_id, input))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
