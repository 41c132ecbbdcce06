//! The tally minutes (biên bản kiểm phiếu) of a voting session, as DOCX for signing and as
//! XLSX for the district's tables: the roll's counts, D (M5), each member's votes per level,
//! the result with the rules that shaped it, and the quota (Q1–Q4).

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::voting::minutes as app;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MinutesQuery {
    /// docx (the default), xlsx (counts as numbers) or pdf (A4, fonts embedded).
    pub format: Option<String>,
}

/// Download the tally minutes of a session.
#[utoipa::path(
    tag = "voting",
    security(("bearer" = [])),
    params(("sid" = i64, Path, description = "Session id"), MinutesQuery),
    responses(
        (status = 200, description = "The minutes", content(
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (crate::import::FileBody = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::import::FileBody = "application/pdf"),
        )),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session the caller runs", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Electronic voting is still open: nothing to count yet", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/voting-sessions/{sid}/minutes")]
pub async fn minutes(
    p: Principal,
    state: web::Data<AppState>,
    sid: web::Path<i64>,
    q: web::Query<MinutesQuery>,
) -> Result<HttpResponse, ApiError> {
    let sid = sid.into_inner();
    let format = match q.format.as_deref() {
        None | Some("docx") => "docx",
        Some("xlsx") => "xlsx",
        Some("pdf") => "pdf",
        Some(_) => {
            return Err(ApiError::Validation(vec![FieldError {
                field: "format".into(),
                code: "invalid_format".into(),
                message: "Định dạng phải là docx, xlsx hoặc pdf".into(),
            }]));
        }
    };
    let (bytes, name) = state
        .run(move |conn| app::minutes(conn, &p, sid, format))
        .await?;
    let media_type = match format {
        "xlsx" => kiemdiem_app::spreadsheet::XLSX,
        "pdf" => kiemdiem_app::pdf::MIME,
        _ => kiemdiem_app::docx::MIME,
    };
    Ok(crate::http::attachment(bytes, media_type, &name))
}
