//! Statistics (the forms a district asks for, D4): members per level per branch, base and
//! district, with pending, not classified, supplementary and cancelled results shown apart;
//! organisations per level (O1, O2) and units per rating (O3) with the district's limits. JSON
//! for the SPA and the provincial system, XLSX for people.

use crate::auth::Principal;
use crate::error::{ApiError, FieldError, Problem};
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use kiemdiem_app::statistics::{self as app, Statistics};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// A province, district, base or branch.
    pub organization_id: i64,
    pub year: i32,
    /// json (the default) or xlsx.
    pub format: Option<String>,
}

/// Statistics of the year's classification under an organisation.
#[utoipa::path(
    tag = "reports",
    security(("bearer" = [])),
    params(StatisticsQuery),
    responses(
        (status = 200, description = "The statistics (JSON, or XLSX when format=xlsx)", body = Statistics),
        (status = 400, description = "Malformed query", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation in the caller's scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown format", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports/statistics")]
pub async fn statistics(
    p: Principal,
    state: web::Data<AppState>,
    q: web::Query<StatisticsQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let as_xlsx = match q.format.as_deref() {
        None | Some("json") => false,
        Some("xlsx") => true,
        Some(_) => {
            return Err(ApiError::Validation(vec![FieldError {
                field: "format".into(),
                code: "invalid_format".into(),
                message: "Định dạng phải là json hoặc xlsx".into(),
            }]));
        }
    };
    let year = q.year;
    // Read from the replica when there is one (crate::replica).
    let subject = crate::replica::subject(&p);
    if as_xlsx {
        let (bytes, from) = state
            .report(&subject, move |conn| {
                app::xlsx_of(conn, &p, q.organization_id, year)
            })
            .await?;
        return Ok(from.mark(crate::http::attachment(
            bytes,
            kiemdiem_app::spreadsheet::XLSX,
            &format!("thong-ke-xep-loai-{year}.xlsx"),
        )));
    }
    let (out, from) = state
        .report(&subject, move |conn| {
            app::of(conn, &p, q.organization_id, year)
        })
        .await?;
    // A province's statistics are megabytes: written once, in chunks (issue #18).
    Ok(from.mark(crate::http::large_json(&out)?))
}
