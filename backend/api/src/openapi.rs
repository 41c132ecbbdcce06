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
        (name = "auth", description = "Login, token refresh and rotation, logout, client credentials"),
        (name = "organizations", description = "The organisation tree: province, district, base, branch, cell"),
        (name = "users", description = "Users and their role assignments"),
        (name = "service-accounts", description = "Integration clients (the provincial system)"),
        (name = "audit", description = "Who did what, when, from where"),
        (name = "members", description = "The member registry: search, records, import and export"),
        (name = "cycles", description = "Review cycles: the plan, its phases and stages"),
        (name = "self-reviews", description = "Self-reviews: write, submit, return, accept; versions kept"),
        (name = "points", description = "The year under a points rule set (tw-366-2025): self-assessment by frame (Mẫu 2A, 2B, 2C, quarterly Mẫu 05), appraisal, the competent level's board (S1–S10)"),
        (name = "notifications", description = "What is due to the caller"),
        (name = "feedback", description = "Feedback requests, answers and the consolidated opinion"),
        (name = "suggestions", description = "Review suggestions and their explanations"),
        (name = "professional-ratings", description = "Professional ratings of civil servants, honours, attestation"),
        (name = "classification", description = "Rule sets and the what-if classification preview (M1–M11, Q1–Q4)"),
        (name = "voting", description = "Voting sessions: roll and D, paper tallies entered twice, secret electronic ballots, finalized results, appraisal and re-classification"),
        (name = "organization-classification", description = "Organisations' self-assessment sheets, the superior's points, levels and exemplary, and the district's limits (O1–O4)"),
        (name = "integration", description = "The provincial system: versioned yearly dossiers"),
        (name = "dossiers", description = "The base organisations' yearly dossiers (D1–D4): documents, ZIP with manifest, submission and the superior's decision"),
        (name = "webhooks", description = "Webhook subscriptions, the delivery log and redelivery (administrators); deliveries are signed with HMAC-SHA256"),
        (name = "reports", description = "Statistics per level, branch, base and district; organisations' levels (D4); the committees' reports (D1, D4) written, versioned, approved and numbered by their register"),
        (name = "rewards", description = "Five-year streaks, emulation registration, nominations under quota, decisions and revocation (W1–W6)"),
        (name = "key-cadre-meetings", description = "Key-cadre meetings: opinions and proposed levels for the leaders (O6)"),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "An access token from /api/v1/auth/login or /api/v1/auth/token",
                    ))
                    .build(),
            ),
        );
    }
}

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
    // Operation ids must be unique (generated clients key on them): handlers are named
    // after their action (`list`, `create`…), so prefix the tag.
    for item in api.paths.paths.values_mut() {
        for (is_write, op) in [
            (false, &mut item.get),
            (true, &mut item.post),
            (true, &mut item.put),
            (true, &mut item.patch),
            (true, &mut item.delete),
        ]
        .into_iter()
        .filter_map(|(w, op)| op.as_mut().map(|op| (w, op)))
        {
            let tag = op
                .tags
                .as_ref()
                .and_then(|t| t.first())
                .map(|t| t.replace('-', "_"));
            if let (Some(tag), Some(id)) = (tag, op.operation_id.as_mut())
                && !id.starts_with(&format!("{tag}_"))
            {
                *id = format!("{tag}_{id}");
            }
            // Every operation with a query can answer 400 (a value of the wrong type, from
            // the query extractor), whether or not its handler says so.
            let has_query = op
                .parameters
                .iter()
                .flatten()
                .any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query));
            if has_query {
                op.responses
                    .responses
                    .entry("400".into())
                    .or_insert_with(|| problem("Malformed query"));
            }
            // Any write can lose a race for a unique key, or touch data still in use: the
            // database's answer is 409 (error.rs), whatever the handler documents.
            let id = op.operation_id.as_deref().unwrap_or("");
            let stateless = id.starts_with("auth_") || id == "classification_preview";
            if is_write && !stateless {
                op.responses.responses.entry("409".into()).or_insert_with(|| {
                    problem("Conflict: a concurrent write took the same key first, or the data is in use")
                });
            }
            // The expensive operations are rate-limited per token (crate::limits).
            if crate::limits::is_expensive_operation(op.operation_id.as_deref().unwrap_or("")) {
                op.responses
                    .responses
                    .entry("429".into())
                    .or_insert_with(|| {
                        problem("Too many expensive requests for this token: see Retry-After")
                    });
            }
        }
    }
    api
}

fn problem(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::response::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}
