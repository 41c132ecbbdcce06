//! Rewards (RULES.md W1–W6) over HTTP; the use cases are `kiemdiem_app::rewards`.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, get, post, web};
use kiemdiem_app::AppError;
use kiemdiem_app::rewards::{self as app, Candidates, NominationPage, NominationRecord, QuotaLine};
use kiemdiem_domain::rewards::Reward;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RewardQuery {
    /// The nominating organisation: a base or a district.
    pub organization_id: i64,
    pub year: i32,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<i64>,
}

/// Members and organisations under a base or a district with a five-year streak (W1), each
/// with the five years as evidence.
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    params(RewardQuery),
    responses(
        (status = 200, description = "Candidates", body = Candidates),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the organisation's committee nor an integration client over it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a base or a district, or page/per_page out of bounds", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rewards/candidates")]
pub async fn candidates(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<RewardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    crate::extract::check_year(q.year)?;
    let out = state
        .run(move |conn| app::candidates(conn, &p, q.organization_id, q.year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// A nominating organisation's quotas for the year, what each is based on and what is used.
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    params(RewardQuery),
    responses(
        (status = 200, description = "Quotas", body = [QuotaLine]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the organisation's committee nor an integration client over it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a base or a district", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rewards/quotas")]
pub async fn quotas(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<RewardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    crate::extract::check_year(q.year)?;
    let out = state
        .run(move |conn| app::quotas(conn, &p, q.organization_id, q.year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub organization_id: i64,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub year: i32,
    /// Today when omitted.
    pub registered_on: Option<chrono::NaiveDate>,
}

/// Register an organisation for the year's emulation (W6: nobody unregistered is nominated).
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    request_body = Registration,
    responses(
        (status = 201, description = "Registered"),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already registered that year", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rewards/registrations")]
pub async fn register(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<Registration>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    crate::extract::check_year(b.year)?;
    state
        .write_app(move |conn| app::register(conn, &p, b.organization_id, b.year, b.registered_on))
        .await?;
    Ok(HttpResponse::Created().finish())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNominationBody {
    /// member_certificate, member_commendation, branch_certificate, base_certificate,
    /// base_commendation or base_banner.
    pub reward: String,
    pub year: i32,
    pub nominating_organization_id: i64,
    /// For member_certificate and member_commendation.
    pub member_id: Option<i64>,
    /// For the organisations' rewards.
    pub organization_id: Option<i64>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Nominate a member or an organisation. Checked in this order: the nominating committee, the
/// nominee inside it, emulation registration (W6, 409), the streak (W1, 422), a second active
/// nomination (409), then the quota under the nominating organisation's lock (409 naming the
/// rule).
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    request_body = NewNominationBody,
    responses(
        (status = 201, description = "Nominated", body = NominationRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the nominating organisation's committee", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or nominee in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not registered (W6), already nominated, or over quota (W2–W5)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or no five-year streak (W1)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rewards/nominations")]
pub async fn nominate(
    p: Principal,
    state: web::Data<AppState>,
    body: ValidatedJson<NewNominationBody>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    crate::extract::check_year(b.year)?;
    let reward = Reward::parse(&b.reward).ok_or_else(|| {
        ApiError::from(AppError::field(
            "reward",
            "invalid_choice",
            "Loại khen thưởng không hợp lệ",
        ))
    })?;
    let nomination = app::Nomination {
        reward,
        year: b.year,
        nominating_organization_id: b.nominating_organization_id,
        member_id: b.member_id,
        organization_id: b.organization_id,
        note: b.note,
    };
    let out = state
        .write_app(move |conn| app::nominate(conn, &p, nomination))
        .await?;
    Ok(HttpResponse::Created().json(out))
}

/// The nominations an organisation made, or its bases made (for a district), that year.
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    params(RewardQuery),
    responses(
        (status = 200, description = "Nominations", body = NominationPage),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither the organisation's committee nor an integration client over it", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a base or a district", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rewards/nominations")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<RewardQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    crate::extract::check_year(q.year)?;
    let w = crate::extract::window(q.page, q.per_page)?;
    let out = state
        .run(move |conn| app::list(conn, &p, q.organization_id, q.year, w))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationDecision {
    /// approve, reject or revoke (W6: a reward found undeserved; kept in history).
    pub decision: String,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The committee above the nominating organisation approves or rejects a nomination, or
/// revokes an approved reward found undeserved (with a reason).
#[utoipa::path(
    tag = "rewards",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Nomination id")),
    request_body = NominationDecision,
    responses(
        (status = 200, description = "Decided", body = NominationRecord),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the committee above the nominating organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such nomination in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in a state that allows it", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rewards/nominations/{id}/decision")]
pub async fn decide(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: ValidatedJson<NominationDecision>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let decision = app::Decision::parse(&b.decision, b.comment.as_deref())?;
    let out = state
        .write_app(move |conn| app::decide(conn, &p, id, &decision))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
