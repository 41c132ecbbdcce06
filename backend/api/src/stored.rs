//! JSON answers kept ready to send (the member list's pages) and the strong `ETag`s of bodies.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// A JSON answer kept for repeated requests: compressed once, not per answer, so that a
/// large page (a member list page is about 35 kB, 6 kB compressed) costs mobile clients and
/// the server little. Each encoding has its own strong `ETag`.
///
/// Issue #18: gzip's fastest level (a page of 50 members compresses in about a third of the
/// default level's time, for a body about a fifth larger), and only above [`GZIP_FROM`]
/// bytes, below which the headers cost more than compression saves.
#[derive(Debug, Clone)]
pub struct StoredJson {
    plain: web::Bytes,
    gzip: Option<web::Bytes>,
    tag: String,
}

/// The smallest body worth compressing (bytes).
pub const GZIP_FROM: usize = 1024;

impl StoredJson {
    /// What the cache counts for it: both bodies and the tag.
    pub fn weight(&self) -> u32 {
        let gzip = self.gzip.as_ref().map_or(0, web::Bytes::len);
        u32::try_from(self.plain.len() + gzip + self.tag.len() + 64).unwrap_or(u32::MAX)
    }

    pub fn new(plain: web::Bytes) -> Result<StoredJson, ApiError> {
        use std::io::Write;
        let gzip = if plain.len() < GZIP_FROM {
            None
        } else {
            let mut encoder = flate2::write::GzEncoder::new(
                Vec::with_capacity(plain.len() / 4),
                flate2::Compression::fast(),
            );
            encoder
                .write_all(&plain)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let gzip = encoder
                .finish()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            Some(web::Bytes::from(gzip))
        };
        Ok(StoredJson {
            tag: body_tag(&plain),
            plain,
            gzip,
        })
    }

    /// The answer, gzip-compressed when the client takes it.
    pub fn respond(&self, gzip: bool) -> HttpResponse {
        let mut res = HttpResponse::Ok();
        res.content_type("application/json")
            .insert_header((header::VARY, "Accept-Encoding"));
        if let (true, Some(body)) = (gzip, &self.gzip) {
            // The tag of the compressed bytes differs from the plain one's (RFC 9110 8.8.3).
            let tag = format!("{}-gzip\"", self.tag.trim_end_matches('"'));
            res.insert_header((header::CONTENT_ENCODING, "gzip"))
                .insert_header((header::ETAG, tag))
                .body(body.clone())
        } else {
            res.insert_header((header::ETAG, self.tag.clone()))
                .body(self.plain.clone())
        }
    }
}

pub use kiemdiem_app::tx::{body_tag, tag_listed};
