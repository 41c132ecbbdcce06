//! W4/W5 (guidance 3): organisations' results of years before the system kept them, entered
//! by the organisation's committee (or one above) from the archived decisions, so that
//! five-year streaks of organisations qualify (the rewards' candidates read them where the
//! system has no assessment of that year). A year the system assessed is the system's (409).

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Datelike, Utc};
use kiemdiem_store::{AnyConnection, org_assessments, org_history as store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

pub const LEVELS: [&str; 4] = ["clean_strong", "good", "completed", "weak"];

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrgYearInput {
    /// clean_strong, good, completed or weak (O1).
    pub level: String,
    /// Named exemplary (tiêu biểu) that year; only with clean_strong.
    #[serde(default)]
    pub exemplary: bool,
    /// Where it comes from: the decision's number and date (1–300 characters).
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct OrgYear {
    pub year: i32,
    pub level: String,
    pub exemplary: bool,
    pub source: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

impl From<store::Entry> for OrgYear {
    fn from(e: store::Entry) -> Self {
        OrgYear {
            year: e.year,
            level: e.level,
            exemplary: e.exemplary,
            source: e.source,
            recorded_by: e.recorded_by,
            recorded_at: e.recorded_at.and_utc(),
        }
    }
}

pub fn list(conn: &mut AnyConnection, p: &Actor, org_id: i64) -> Result<Vec<OrgYear>, AppError> {
    let org = crate::organizations::visible(conn, p, org_id)?;
    Ok(store::of(conn, org.id)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn record(
    conn: &mut AnyConnection,
    p: &Actor,
    org_id: i64,
    year: i32,
    input: OrgYearInput,
) -> Result<OrgYear, AppError> {
    let org = crate::organizations::visible(conn, p, org_id)?;
    if !p.access.can_administer(&org.path) {
        return Err(AppError::forbidden(
            "Cấp ủy của tổ chức (hoặc cấp trên) nhập kết quả các năm trước",
        ));
    }
    let mut errors = Vec::new();
    let this_year = crate::today().year();
    if !(1930..this_year).contains(&year) {
        errors.push(FieldError::new(
            "year",
            "range",
            format!("Năm phải từ 1930 đến {}", this_year - 1),
        ));
    }
    if !LEVELS.contains(&input.level.as_str()) {
        errors.push(FieldError::new(
            "level",
            "invalid_choice",
            "Mức phải là clean_strong, good, completed hoặc weak",
        ));
    } else if input.exemplary && input.level != "clean_strong" {
        errors.push(FieldError::new(
            "exemplary",
            "needs_clean_strong",
            "Chỉ tổ chức trong sạch vững mạnh mới được công nhận tiêu biểu (O3)",
        ));
    }
    if input.source.trim().is_empty() {
        errors.push(FieldError::new(
            "source",
            "required",
            "Cần số và ngày quyết định",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if org_assessments::find(conn, year, org.id)?.is_some() {
        return Err(AppError::conflict(
            "system_year",
            format!("Năm {year} đã được đánh giá trong hệ thống; kết quả đó là căn cứ"),
        ));
    }
    let before = store::find(conn, org.id, year)?.map(OrgYear::from);
    store::put(
        conn,
        org.id,
        year,
        &input.level,
        input.exemplary,
        input.source.trim(),
        &p.actor(),
    )?;
    let after: OrgYear = store::find(conn, org.id, year)?
        .ok_or_else(|| AppError::Internal("history not written".into()))?
        .into();
    p.audit("record", "org_history")
        .id(format!("{}/{year}", org.id))
        .org(org.path.clone())
        .before(&before)
        .after(&after)
        .record(conn)?;
    Ok(after)
}
