//! What handlers share that is HTTP: files as downloads; the validators of the request
//! bodies' fields and the helper that tells an absent field from an explicit null live with the
//! inputs in `kiemdiem_app::input`.

use crate::error::ApiError;
use actix_web::HttpResponse;
use actix_web::http::header;

/// A file to save (DOCX, XLSX, CSV, ZIP): its media type, `attachment` with its name, never
/// cached (it is built from data that changes).
pub fn attachment(bytes: Vec<u8>, media_type: &str, file_name: &str) -> HttpResponse {
    download(media_type, file_name).body(bytes)
}

/// The headers of a file to save (see [`attachment`]).
fn download(media_type: &str, file_name: &str) -> actix_web::HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, media_type.to_owned()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    res
}

/// CSV's media type, as the server sends it.
pub const CSV: &str = "text/csv; charset=utf-8";

/// As [`attachment`], sent from `file` (read from where it stands to its end, 64 KiB at a
/// time on the worker's blocking threads) instead of from memory; its length is announced.
pub fn attachment_file(
    file: std::fs::File,
    media_type: &str,
    file_name: &str,
) -> Result<HttpResponse, ApiError> {
    use futures_util::stream;
    use std::io::{Read, Seek};
    let mut file = file;
    let here = file
        .stream_position()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let len = file
        .metadata()
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .len()
        .saturating_sub(here);
    let chunks = stream::try_unfold(Some(file), |file| async move {
        let Some(mut file) = file else {
            return Ok(None);
        };
        let (file, chunk) = actix_web::web::block(move || {
            let mut chunk = vec![0; 64 << 10];
            let n = file.read(&mut chunk)?;
            chunk.truncate(n);
            Ok::<_, std::io::Error>((file, chunk))
        })
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))??;
        Ok::<_, actix_web::Error>(if chunk.is_empty() {
            None
        } else {
            Some((actix_web::web::Bytes::from(chunk), Some(file)))
        })
    });
    Ok(download(media_type, file_name).body(actix_web::body::SizedStream::new(len, chunks)))
}

/// A large JSON answer (a province's statistics: megabytes), written once into 64 KiB chunks
/// that are sent as they are, its length and `ETag` (the hash of the same bytes,
/// [`kiemdiem_app::tx::body_tag`]) computed while it is written. `HttpResponse::json` grows
/// one buffer by doubling, copying it each time, and the conditional-GET middleware would then
/// hash it again (issue #18: the peak memory of the statistics report).
pub fn large_json<T: serde::Serialize>(value: &T) -> Result<HttpResponse, ApiError> {
    use actix_web::web::Bytes;
    use sha2::Digest;
    const CHUNK: usize = 64 << 10;
    struct Chunks {
        done: Vec<Bytes>,
        current: Vec<u8>,
        hash: sha2::Sha256,
        len: u64,
    }
    impl Chunks {
        fn seal(&mut self) {
            if !self.current.is_empty() {
                let full = std::mem::replace(&mut self.current, Vec::with_capacity(CHUNK));
                self.hash.update(&full);
                self.len += full.len() as u64;
                self.done.push(Bytes::from(full));
            }
        }
    }
    impl std::io::Write for Chunks {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = CHUNK - self.current.len();
            let n = buf.len().min(room);
            self.current.extend_from_slice(&buf[..n]);
            if self.current.len() == CHUNK {
                self.seal();
            }
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Chunks {
        done: Vec::new(),
        current: Vec::with_capacity(CHUNK),
        hash: sha2::Sha256::new(),
        len: 0,
    };
    serde_json::to_writer(&mut out, value).map_err(|e| ApiError::Internal(e.to_string()))?;
    out.seal();
    let tag = kiemdiem_app::tx::digest_tag(&out.hash.finalize()[..]);
    let chunks = futures_util::stream::iter(out.done.into_iter().map(Ok::<_, std::io::Error>));
    Ok(HttpResponse::Ok()
        .content_type(header::ContentType::json())
        .insert_header((header::ETAG, tag))
        .body(actix_web::body::SizedStream::new(out.len, chunks)))
}

/// The rows (header first) as a CSV or XLSX download (`format`: csv, the default, or xlsx).
pub fn table_file(
    format: Option<&str>,
    file_stem: &str,
    title: &str,
    rows: &[Vec<String>],
) -> Result<HttpResponse, ApiError> {
    let (body, content_type, ext) = match format.unwrap_or("csv") {
        "csv" => (kiemdiem_app::spreadsheet::csv_bytes(rows)?, CSV, "csv"),
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

/// A PDF document as a download (never shown inline by the API's origin).
pub fn pdf(bytes: Vec<u8>, stem: &str) -> HttpResponse {
    attachment(bytes, kiemdiem_app::pdf::MIME, &format!("{stem}.pdf"))
}

/// The request's `If-Match`, for a use case to check inside its transaction.
pub fn if_match(req: &actix_web::HttpRequest) -> kiemdiem_app::tx::IfMatch {
    kiemdiem_app::tx::IfMatch::parse(
        req.headers()
            .get(header::IF_MATCH)
            .and_then(|v| v.to_str().ok()),
    )
}
