//! Professional ratings (xếp loại CBCCVC; M2 first, M9 gates, M13 the main post), with the
//! year's honours (M8) and the branch's attestation: entered by those who handle the member.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ValidatedJson;
use crate::state::AppState;
use actix_web::{HttpResponse, delete, get, put, web};
use chrono::{DateTime, Utc};
use kiemdiem_app::self_reviews::target;
use kiemdiem_store::members;
use kiemdiem_store::professional_ratings::{self as store, RatingData};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use kiemdiem_domain::classification::{HONOURS, PROFESSIONAL_LEVELS as LEVELS};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfessionalRating {
    pub cycle_id: i64,
    pub member_id: i64,
    pub member_name: String,
    /// excellent, good, completed, completed_limited or not_completed.
    pub level: String,
    /// The unit that rated.
    pub rating_unit: String,
    /// The post the rating is for (M13: the main and highest).
    pub post: String,
    /// emulation_title, ministry_province_commendation, certificate_of_merit, academic_excellent.
    pub honours: Vec<String>,
    /// The branch attests the member is exemplary (M8, business / resident / other).
    pub attested_exemplary: bool,
    pub updated_at: DateTime<Utc>,
}

fn dto(r: store::Rating, member_name: String) -> ProfessionalRating {
    ProfessionalRating {
        cycle_id: r.cycle_id,
        member_id: r.member_id,
        member_name,
        level: r.level,
        rating_unit: r.rating_unit,
        post: r.post,
        honours: r
            .honours
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        attested_exemplary: r.attested_exemplary,
        updated_at: r.updated_at.and_utc(),
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    pub level: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub rating_unit: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub post: String,
    #[serde(default)]
    pub honours: Vec<String>,
    #[serde(default)]
    pub attested_exemplary: bool,
}

/// The professional ratings of a cycle, for the members the caller handles (or their own).
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id")),
    responses(
        (status = 200, description = "Ratings", body = [ProfessionalRating]),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cycle in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cycles/{id}/professional-ratings")]
pub async fn list(
    p: Principal,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let items = state
        .db(move |conn| {
            let (cycle, _) = kiemdiem_app::cycles::readable(conn, &p, id)?;
            let mut out = Vec::new();
            for r in store::of_cycle(conn, cycle.id)? {
                let Some((m, branch)) = members::get(conn, r.member_id)? else {
                    continue;
                };
                if p.member_id == Some(m.id) || p.access.can_edit_members(&branch) {
                    out.push(dto(r, m.full_name));
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Record (or replace) a member's professional rating for the cycle.
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    request_body = RatingInput,
    responses(
        (status = 200, description = "Recorded", body = ProfessionalRating),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A member does not rate themself", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cycles/{id}/members/{member_id}/professional-rating")]
pub async fn put_rating(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    body: ValidatedJson<RatingInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    let input = body.0;
    let mut errors = Vec::new();
    if !LEVELS.contains(&input.level.as_str()) {
        errors.push(FieldError {
            field: "level".into(),
            code: "invalid_choice".into(),
            message: format!("Mức phải là một trong: {}", LEVELS.join(", ")),
        });
    }
    for (i, h) in input.honours.iter().enumerate() {
        if !HONOURS.contains(&h.as_str()) {
            errors.push(FieldError {
                field: format!("honours[{i}]"),
                code: "invalid_choice".into(),
                message: format!("Danh hiệu phải là một trong: {}", HONOURS.join(", ")),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let out = state
        .write(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            if !p.access.can_edit_members(&t.branch_path) {
                return Err(ApiError::forbidden(
                    "Xếp loại CBCCVC do chi ủy, cấp ủy ghi nhận",
                ));
            }
            kiemdiem_app::cycles::writable(&t.cycle)?;
            let mut honours = input.honours.clone();
            honours.sort();
            honours.dedup();
            let honours = honours.join(",");
            store::put(
                conn,
                id,
                member_id,
                &RatingData {
                    level: &input.level,
                    rating_unit: input.rating_unit.trim(),
                    post: input.post.trim(),
                    honours: &honours,
                    attested_exemplary: input.attested_exemplary,
                },
            )?;
            let r = store::find(conn, id, member_id)?.ok_or_else(ApiError::not_found)?;
            let out = dto(r, t.member.full_name.clone());
            p.audit("rate", "professional_rating")
                .id(format!("{id}/{member_id}"))
                .org(t.branch_path.clone())
                .after(&out)
                .record(conn)?;
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// Remove a rating entered by mistake.
#[utoipa::path(
    tag = "professional-ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Cycle id"), ("member_id" = i64, Path, description = "Member id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such rating for a member the caller handles", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cycle is closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/cycles/{id}/members/{member_id}/professional-rating")]
pub async fn remove(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, member_id) = path.into_inner();
    state
        .write(move |conn| {
            let t = target(conn, &p, id, member_id)?;
            if !p.access.can_edit_members(&t.branch_path) {
                return Err(ApiError::forbidden(
                    "Xếp loại CBCCVC do chi ủy, cấp ủy ghi nhận",
                ));
            }
            kiemdiem_app::cycles::writable(&t.cycle)?;
            if store::delete(conn, id, member_id)? == 0 {
                return Err(ApiError::not_found());
            }
            p.audit("remove", "professional_rating")
                .id(format!("{id}/{member_id}"))
                .org(t.branch_path.clone())
                .record(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
