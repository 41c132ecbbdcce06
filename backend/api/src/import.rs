//! Files in requests and answers: a request body streamed to disk (imports), and the OpenAPI
//! type of a file body. Reading the rows is `kiemdiem_app::import`.

pub use kiemdiem_app::import::{ImportReport, RowError};
use utoipa::ToSchema;

/// A file in a request or response body (documented as binary).
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBody(pub Vec<u8>);

/// Streams a request body to a temporary file, refusing more than `limit` bytes.
pub async fn save_body(
    mut payload: actix_web::web::Payload,
    limit: usize,
) -> Result<tempfile::NamedTempFile, crate::error::ApiError> {
    use crate::error::ApiError;
    use futures_util::StreamExt;
    use std::io::Write;
    let mut file = tempfile::NamedTempFile::new()
        .map_err(|e| ApiError::Internal(format!("temp file: {e}")))?;
    let mut size = 0usize;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::bad_request(
                "unreadable_body",
                format!("Không đọc được tệp gửi lên: {e}"),
            )
        })?;
        size += chunk.len();
        if size > limit {
            return Err(ApiError::PayloadTooLarge);
        }
        file.write_all(&chunk)
            .map_err(|e| ApiError::Internal(format!("temp file: {e}")))?;
    }
    if size == 0 {
        return Err(ApiError::bad_request("empty_file", "Tệp gửi lên trống"));
    }
    Ok(file)
}
