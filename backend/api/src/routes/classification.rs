//! The what-if preview (stateless): a branch secretary checks a tally before signing the
//! minutes; the provincial system validates a branch's result. Runs the engine of
//! `kiemdiem_domain::classification` on the whole branch sent, writes nothing.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::{JsonBody, ValidatedJson, parse_json, parse_valid};
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::points_preview::{self as points, PointsPreviewRequest};
use kiemdiem_app::preview::{
    self as classify, AnyPreviewRequest, AnyPreviewResponse, PreviewRequest,
};
use kiemdiem_app::rule_sets::{self as app, NewRuleSet, RuleSetInfo};

/// The rule sets known to the server, with their parameters.
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Rule sets", body = [RuleSetInfo]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rule-sets")]
pub async fn rule_sets(
    _p: Principal,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let out = state.run(app::list).await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Create a rule set by copying one and changing its parameters (administrators).
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    request_body = NewRuleSet,
    responses(
        (status = 201, description = "Created", body = RuleSetInfo),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Administrators only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an unknown rule set to copy", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rule-sets")]
pub async fn create_rule_set(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<NewRuleSet>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let out = state
        .write_app(move |conn| app::create(conn, &p, b))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// Classify a whole branch as sent, without storing anything: under a ballot rule set
/// (`vinh-2016`) D, the quota and each member's result; under a points rule set
/// (`tw-366-2025`: members with a `frame`) each person's or collective's level and the quota of
/// each group; every result with the rule ids that shaped it.
#[utoipa::path(
    tag = "classification",
    security(("bearer" = [])),
    request_body = AnyPreviewRequest,
    responses(
        (status = 200, description = "The results", body = AnyPreviewResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: each named (members[i].field); a rule set of the other method", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/classification/preview")]
pub async fn preview(
    _p: Principal,
    state: web::Data<AppState>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let shape: serde_json::Value = parse_json(&body.0)?;
    let out = if points::is_points_shape(&shape) {
        let b: PointsPreviewRequest = parse_valid(&body.0)?;
        AnyPreviewResponse::Points(state.run(move |conn| points::preview(conn, &b)).await?)
    } else {
        let b: PreviewRequest = parse_valid(&body.0)?;
        AnyPreviewResponse::Ballot(state.run(move |conn| classify::run(conn, &b)).await?)
    };
    Ok(HttpResponse::Ok().json(out))
}
