//! The application: routes, docs, SPA and middleware, the same for the server and the tests.

use crate::extract::{path_error, query_error};
use crate::middleware::request_context;
use crate::openapi::ApiDoc;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{DefaultHeaders, from_fn};
use actix_web::{App, HttpRequest, web};
use std::path::PathBuf;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

/// No inline scripts anywhere (the SPA and the vendored Swagger UI load theirs from files);
/// inline styles for Ant Design's CSS-in-JS; nobody may frame the pages.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Where the OpenAPI document is served.
const DOC_PATH: &str = "/api-docs/openapi.json";

/// The OpenAPI document as served (see [`build`]).
static DOC: std::sync::OnceLock<web::Bytes> = std::sync::OnceLock::new();

/// Builds the application. `web_dir` is the built SPA (`frontend/dist`), if any.
pub fn build(
    state: AppState,
    web_dir: Option<PathBuf>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let web_dir = Arc::new(web_dir);
    let (app, api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .map(|app| {
            app.app_data(web::Data::new(state))
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(web::PathConfig::default().error_handler(path_error))
        })
        .configure(crate::routes::configure)
        .split_for_parts();
    // The document written once per process and shared by the workers as its bytes (issue
    // #18): Swagger UI's own route kept each worker's copy of the whole structure (several
    // MB resident each) and wrote it again at every request.
    let doc = DOC
        .get_or_init(|| {
            serde_json::to_vec(&crate::openapi::finish(api))
                .map(web::Bytes::from)
                .unwrap_or_default()
        })
        .clone();
    app.route(
        DOC_PATH,
        web::get().to(move || {
            let doc = doc.clone();
            async move {
                actix_web::HttpResponse::Ok()
                    .content_type("application/json")
                    .body(doc)
            }
        }),
    )
    .service(
        SwaggerUi::new("/api-docs/{_:.*}")
            // Swagger UI's default validator badge calls a public server: none here.
            .config(Config::new([DOC_PATH]).validator_url("none")),
    )
    .default_service(web::to(move |req: HttpRequest| {
        let web_dir = Arc::clone(&web_dir);
        async move { crate::spa::serve(req, web_dir.as_ref().as_deref()).await }
    }))
    .wrap(from_fn(crate::idempotency::idempotency))
    .wrap(from_fn(crate::limits::rate_limit))
    .wrap(from_fn(crate::middleware::cors))
    .wrap(from_fn(crate::middleware::conditional_get))
    .wrap(from_fn(request_context))
    .wrap(
        DefaultHeaders::new()
            .add(("X-Content-Type-Options", "nosniff"))
            .add(("X-Frame-Options", "DENY"))
            .add(("Referrer-Policy", "no-referrer"))
            .add(("Content-Security-Policy", CSP)),
    )
}
