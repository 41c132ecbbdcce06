//! The provincial system's view (integration clients and administrators): a versioned JSON
//! dossier of an organisation's year, whose schema is in the OpenAPI document.

use crate::auth::Principal;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::integration::{self as app, Dossier};

/// The year's dossier of an organisation for the provincial system: organisations with their
/// levels, every member's results, and the statistics.
#[utoipa::path(
    tag = "integration",
    security(("bearer" = [])),
    params(("org" = i64, Path, description = "Organisation id"), ("year" = i32, Path, description = "Year")),
    responses(
        (status = 200, description = "The dossier (version 1)", body = Dossier),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "For the provincial system and administrators", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/integration/dossiers/{org}/{year}")]
pub async fn dossier(
    p: Principal,
    state: web::Data<AppState>,
    path: web::Path<(i64, i32)>,
) -> Result<HttpResponse, ApiError> {
    let (org_id, year) = path.into_inner();
    let out = state
        .run(move |conn| app::dossier(conn, &p, org_id, year))
        .await?;
    Ok(HttpResponse::Ok().json(out))
}
