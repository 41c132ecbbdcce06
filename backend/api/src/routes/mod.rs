//! Every route. Handlers are registered with `.service(handler)` so that utoipa-actix-web
//! puts them in the spec (a `.route()` would silently vanish from it).

pub mod health;

use crate::error::ApiError;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::live)
        .service(health::ready)
        .service(utoipa_actix_web::scope("/api/v1").default_service(actix_web::web::to(not_found)));
}

/// Anything under the API that no route matches.
pub async fn not_found() -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound("Không có đường dẫn API này".into()))
}
