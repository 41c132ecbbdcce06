//! The OpenAPI 3.1 document, collected from the handlers by utoipa-actix-web. It can be built
//! without a server (`kiemdiem export-openapi`); `openapi/openapi.json` is its committed copy.

use crate::error::{FieldError, Problem};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kiemdiem API",
        description = "Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên và tổ chức đảng hằng năm. \
            Every error is RFC 9457 application/problem+json with a stable `code`."
    ),
    tags(
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(Problem, FieldError))
)]
pub struct ApiDoc;

/// The whole document, as served at `/api-docs/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    finish(api)
}

/// The last touches, for the served and the exported document alike.
pub fn finish(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    // Cargo's empty licence field would otherwise show as an empty licence object.
    api.info.license = None;
    api
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}
