//! What handlers share that is HTTP: files as downloads, validators of the request bodies'
//! fields, and the serde helper that tells an absent field from an explicit null.

use crate::error::ApiError;
use actix_web::HttpResponse;
use actix_web::http::header;
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use validator::ValidationError;

/// Codes and usernames: letters, digits, `.`, `_`, `-`.
pub fn validate_code(value: &str) -> Result<(), ValidationError> {
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Ok(())
    } else {
        Err(ValidationError::new("pattern").with_message(Cow::Borrowed(
            "Chỉ dùng chữ không dấu, chữ số và các dấu . _ -",
        )))
    }
}

/// Names of people and organisations: no bidi controls or zero-width characters (issue #13).
pub fn validate_name(value: &str) -> Result<(), ValidationError> {
    match kiemdiem_domain::text::name_problem(value) {
        None => Ok(()),
        Some(message) => Err(
            ValidationError::new(kiemdiem_domain::text::INVALID_CHARACTERS)
                .with_message(Cow::Owned(message)),
        ),
    }
}

/// A file to save (DOCX, XLSX, CSV, ZIP): its media type, `attachment` with its name, never
/// cached (it is built from data that changes).
pub fn attachment(bytes: Vec<u8>, media_type: &str, file_name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, media_type.to_owned()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes)
}

/// The rows (header first) as a CSV or XLSX download (`format`: csv, the default, or xlsx).
pub fn table_file(
    format: Option<&str>,
    file_stem: &str,
    title: &str,
    rows: &[Vec<String>],
) -> Result<HttpResponse, ApiError> {
    let (body, content_type, ext) = match format.unwrap_or("csv") {
        "csv" => (
            kiemdiem_app::spreadsheet::csv_bytes(rows)?,
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" => (
            kiemdiem_app::spreadsheet::xlsx_bytes(title, rows)?,
            kiemdiem_app::spreadsheet::XLSX,
            "xlsx",
        ),
        _ => {
            return Err(kiemdiem_app::AppError::field(
                "format",
                "invalid_format",
                "Định dạng phải là csv hoặc xlsx",
            )
            .into());
        }
    };
    Ok(attachment(
        body,
        content_type,
        &format!("{file_stem}.{ext}"),
    ))
}

/// A DOCX document as a download.
pub fn docx(bytes: Vec<u8>, stem: &str) -> HttpResponse {
    attachment(bytes, kiemdiem_app::docx::MIME, &format!("{stem}.docx"))
}

/// Distinguishes an absent field (`None`) from an explicit null (`Some(None)`).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
