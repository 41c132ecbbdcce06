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
/// bytes, below which the headers cost more than compression saves. A compressed answer is
/// kept compressed only (about a seventh of the plain one's bytes) and expanded for the rare
/// client that does not take gzip: the 390 people's deadline-week pages (about 47 MB both
/// ways; 4.5 MB compressed) then fit the cache, where keeping both bodies evicted pages that
/// were computed again within seconds.
#[derive(Debug, Clone)]
pub struct StoredJson {
    body: Body,
    tag: String,
}

#[derive(Debug, Clone)]
enum Body {
    Plain(web::Bytes),
    Gzip(web::Bytes),
}

/// The smallest body worth compressing (bytes).
pub const GZIP_FROM: usize = 1024;

impl StoredJson {
    /// What the cache counts for it: the body kept and the tag.
    pub fn weight(&self) -> u32 {
        let (Body::Plain(b) | Body::Gzip(b)) = &self.body;
        u32::try_from(b.len() + self.tag.len() + 64).unwrap_or(u32::MAX)
    }

    pub fn new(plain: web::Bytes) -> Result<StoredJson, ApiError> {
        use std::io::Write;
        let tag = body_tag(&plain);
        let body = if plain.len() < GZIP_FROM {
            Body::Plain(plain)
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
            Body::Gzip(web::Bytes::from(gzip))
        };
        Ok(StoredJson { body, tag })
    }

    /// The same, in memory allocated by the calling thread (see the member list's pages).
    #[must_use]
    pub fn relocated(&self) -> StoredJson {
        let copy = |b: &web::Bytes| web::Bytes::copy_from_slice(b);
        StoredJson {
            body: match &self.body {
                Body::Plain(b) => Body::Plain(copy(b)),
                Body::Gzip(b) => Body::Gzip(copy(b)),
            },
            tag: self.tag.as_str().into(),
        }
    }

    /// The answer, gzip-compressed when the client takes it.
    pub fn respond(&self, gzip: bool) -> Result<HttpResponse, ApiError> {
        let mut res = HttpResponse::Ok();
        res.content_type("application/json")
            .insert_header((header::VARY, "Accept-Encoding"));
        Ok(match &self.body {
            Body::Gzip(body) if gzip => {
                // The tag of the compressed bytes differs from the plain one's (RFC 9110 8.8.3).
                let tag = format!("{}-gzip\"", self.tag.trim_end_matches('"'));
                res.insert_header((header::CONTENT_ENCODING, "gzip"))
                    .insert_header((header::ETAG, tag))
                    .body(body.clone())
            }
            Body::Gzip(body) => {
                use std::io::Read;
                let mut plain = Vec::with_capacity(body.len() * 8);
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut plain)
                    .map_err(|e| ApiError::Internal(e.to_string()))?;
                res.insert_header((header::ETAG, self.tag.clone()))
                    .body(plain)
            }
            Body::Plain(body) => res
                .insert_header((header::ETAG, self.tag.clone()))
                .body(body.clone()),
        })
    }
}

pub use kiemdiem_app::tx::{body_tag, tag_listed};

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_page_is_kept_compressed_and_answered_both_ways() {
        let rows: Vec<String> = (0..50)
            .map(|i| format!(r#"{{"id":{i},"full_name":"Nguyễn Văn {i}","branch":"Chi bộ 1"}}"#))
            .collect();
        let plain = web::Bytes::from(format!("[{}]", rows.join(",")));
        let stored = StoredJson::new(plain.clone()).unwrap();
        // Kept once, compressed: far lighter than the plain body.
        assert!(
            (stored.weight() as usize) < plain.len() / 3,
            "{} of {}",
            stored.weight(),
            plain.len()
        );
        let body = |res: HttpResponse| async move {
            actix_web::body::to_bytes(res.into_body()).await.unwrap()
        };
        let res = stored.respond(false).unwrap();
        assert!(res.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(res).await, plain, "expanded for a client without gzip");
        let res = stored.respond(true).unwrap();
        assert_eq!(res.headers().get(header::CONTENT_ENCODING).unwrap(), "gzip");
        let mut unpacked = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&body(res).await[..]),
            &mut unpacked,
        )
        .unwrap();
        assert_eq!(unpacked, plain);
    }
}
