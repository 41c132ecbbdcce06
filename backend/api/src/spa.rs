//! The built SPA at `/`: its files as they are, and `index.html` for client-side routes.
//! Paths that belong to the server (API, docs, health) never fall back to the SPA.

use crate::error::ApiError;
use crate::middleware::accepts_gzip;
use actix_files::NamedFile;
use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use std::path::{Path, PathBuf};

const SERVER_PREFIXES: [&str; 3] = ["/api", "/api-docs", "/health"];

pub async fn serve(req: HttpRequest, web_dir: Option<&Path>) -> HttpResponse {
    let path = req.path();
    let reserved = SERVER_PREFIXES
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if reserved && let Some(res) = crate::limits::method_not_allowed(req.method(), path) {
        return res;
    }
    let Some(dir) = web_dir.filter(|_| !reserved) else {
        return not_found(&req);
    };
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return not_found(&req);
    }
    if let Some(file) = safe_join(dir, path).filter(|p| p.is_file()) {
        let immutable = path.starts_with("/assets/");
        // The build's gzipped copy (frontend/scripts/precompress.mjs), for a browser that
        // takes it: a third of the bytes on a phone's slow network (issue #17).
        let gzipped = file
            .file_name()
            .and_then(|name| name.to_str())
            .map(|name| file.with_file_name(format!("{name}.gz")))
            .filter(|gz| immutable && accepts_gzip(&req) && gz.is_file());
        let opened = match &gzipped {
            Some(gz) => NamedFile::open_async(gz).await.map(|named| {
                named
                    .set_content_type(actix_files::file_extension_to_mime(
                        file.extension()
                            .and_then(|e| e.to_str())
                            .unwrap_or_default(),
                    ))
                    .set_content_encoding(header::ContentEncoding::Gzip)
            }),
            None => NamedFile::open_async(&file).await,
        };
        return match opened {
            Ok(named) => {
                let mut res = named.into_response(&req);
                if immutable {
                    res.headers_mut().insert(
                        header::VARY,
                        header::HeaderValue::from_static("accept-encoding"),
                    );
                }
                let cache = if immutable {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                };
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    header::HeaderValue::from_static(cache),
                );
                res
            }
            Err(e) => {
                ApiError::Internal(format!("cannot read {}: {e}", file.display())).error_response()
            }
        };
    }
    // A missing asset is a 404, not the HTML page (a browser would choke on it as a script).
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return not_found(&req);
    }
    match NamedFile::open_async(dir.join("index.html")).await {
        Ok(named) => {
            let mut res = named.into_response(&req);
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            res
        }
        Err(_) => not_found(&req),
    }
}

fn not_found(req: &HttpRequest) -> HttpResponse {
    let what = if req.path().starts_with("/api") {
        "Không có đường dẫn API này"
    } else {
        "Không tìm thấy trang"
    };
    ApiError::NotFound(what.into()).error_response()
}

/// The file under `dir` for a URL path, refusing anything that could leave `dir`.
fn safe_join(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
    let mut any = false;
    for segment in url_path.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '%', ':']) {
            return None;
        }
        out.push(segment);
        any = true;
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_join_refuses_to_leave_the_directory() {
        let dir = Path::new("/srv/web");
        assert_eq!(
            safe_join(dir, "/assets/app.js"),
            Some(PathBuf::from("/srv/web/assets/app.js"))
        );
        assert_eq!(safe_join(dir, "/../etc/passwd"), None);
        assert_eq!(safe_join(dir, "/assets/%2e%2e/x"), None);
        assert_eq!(safe_join(dir, "/.env"), None);
        assert_eq!(safe_join(dir, "/"), None);
    }
}
