//! Request extractors that answer every failure with problem+json: 415 for a wrong content
//! type, 413 for a body over the limit, 400 for malformed JSON, 422 for well-formed JSON
//! that does not fit the request's schema or its validation rules.

use crate::error::{ApiError, FieldError};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

/// The largest JSON body accepted, unless a route sets its own `JsonLimit`.
pub const DEFAULT_JSON_LIMIT: usize = 1024 * 1024;

/// A per-app or per-route override of the JSON body limit, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

/// A JSON body, deserialised and validated.
#[derive(Debug)]
pub struct ValidatedJson<T>(pub T);

impl<T> FromRequest for ValidatedJson<T>
where
    T: DeserializeOwned + Validate + 'static,
{
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = JsonBody::from_request(req, payload);
        Box::pin(async move { Ok(ValidatedJson(parse_valid(&body.await?.0)?)) })
    }
}

/// A JSON body as sent (media type and size checked), for a handler that chooses the shape
/// to read it as (`parse_valid`).
#[derive(Debug)]
pub struct JsonBody(pub web::Bytes);

/// Reads and validates a JSON body: 400 when malformed, 422 naming every invalid field.
pub fn parse_valid<T: DeserializeOwned + Validate>(body: &[u8]) -> Result<T, ApiError> {
    let value = parse_json::<T>(body)?;
    value
        .validate()
        .map_err(|e| ApiError::Validation(field_errors(&e)))?;
    Ok(value)
}

impl FromRequest for JsonBody {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let limit = req
            .app_data::<JsonLimit>()
            .or_else(|| req.app_data::<web::Data<JsonLimit>>().map(|d| d.get_ref()))
            .map_or(DEFAULT_JSON_LIMIT, |l| l.0);
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json(content_type.as_deref()) {
                return Err(ApiError::UnsupportedMediaType(format!(
                    "cần application/json, nhận được {}",
                    content_type.as_deref().unwrap_or("(không có)")
                ))
                .into());
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::bad_request(
                        "unreadable_body",
                        format!("Không đọc được nội dung: {e}"),
                    )
                })?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge.into());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(JsonBody(body.freeze()))
        })
    }
}

fn is_json(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else { return false };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Every string of a request in NFC (issue #13, item 9): names and free text are stored in
/// one spelling, whichever keyboard or system typed them.
fn normalise(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if let Cow::Owned(composed) = kiemdiem_domain::text::nfc(s) {
                *s = composed;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        // Secrets are compared byte for byte: a password set decomposed stays as typed.
        Value::Object(fields) => fields
            .iter_mut()
            .filter(|(k, _)| !crate::auth::SECRET_FIELDS.contains(&k.as_str()))
            .for_each(|(_, v)| normalise(v)),
        _ => {}
    }
}

/// A body sent as a form (`application/x-www-form-urlencoded`, as OAuth 2.0 clients send it) or
/// as JSON; 400 when malformed, 415 for any other media type.
pub fn form_or_json<T: DeserializeOwned>(req: &HttpRequest, body: &[u8]) -> Result<T, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => serde_urlencoded::from_bytes(body).map_err(|e| {
            ApiError::bad_request("malformed_form", format!("Biểu mẫu không hợp lệ: {e}"))
        }),
        "application/json" => parse_json(body),
        other => Err(ApiError::UnsupportedMediaType(format!(
            "cần application/x-www-form-urlencoded hoặc application/json, nhận được {other}"
        ))),
    }
}

/// Syntax errors are 400; a well-formed document of the wrong shape is 422 naming the field.
/// Strings are read in NFC.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(
            "malformed_json",
            format!(
                "Nội dung JSON sai cú pháp (dòng {}, cột {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    normalise(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let (field, code, message) = if let Some(name) = missing_field(&inner) {
            let field = if path == "." {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
            (field, "required", "Trường này là bắt buộc".to_owned())
        } else if inner.starts_with("unknown field") {
            (
                path,
                "unknown_field",
                format!("Trường không được hỗ trợ ({inner})"),
            )
        } else {
            (
                path,
                "invalid_type",
                format!("Giá trị không hợp lệ ({inner})"),
            )
        };
        ApiError::Validation(vec![FieldError {
            field,
            code: code.into(),
            message,
        }])
    })
}

fn missing_field(serde_message: &str) -> Option<&str> {
    serde_message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// Flattens validator's nested errors into `{field, code, message}`, sorted by field.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (name, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(FieldError {
                        field: path.clone(),
                        code: e.code.to_string(),
                        message: e
                            .message
                            .as_ref()
                            .map(Cow::to_string)
                            .unwrap_or_else(|| default_message(e)),
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

fn default_message(e: &validator::ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "length" => match (param("min"), param("max"), param("equal")) {
            (_, _, Some(eq)) => format!("Phải có đúng {eq} ký tự"),
            (Some(min), Some(max), _) => format!("Độ dài phải từ {min} đến {max} ký tự"),
            (Some(min), None, _) => format!("Phải có ít nhất {min} ký tự"),
            (None, Some(max), _) => format!("Không được quá {max} ký tự"),
            _ => "Độ dài không hợp lệ".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("Giá trị phải từ {min} đến {max}"),
            (Some(min), None) => format!("Giá trị phải từ {min} trở lên"),
            (None, Some(max)) => format!("Giá trị không được lớn hơn {max}"),
            _ => "Giá trị nằm ngoài khoảng cho phép".into(),
        },
        "email" => "Địa chỉ email không hợp lệ".into(),
        "url" => "Địa chỉ URL không hợp lệ".into(),
        "required" => "Trường này là bắt buộc".into(),
        "regex" => "Giá trị không đúng định dạng".into(),
        _ => "Giá trị không hợp lệ".into(),
    }
}

/// Problem answers for query-string and path errors (actix's own are plain text).
pub fn query_error(
    err: actix_web::error::QueryPayloadError,
    _req: &HttpRequest,
) -> actix_web::Error {
    ApiError::bad_request(
        "invalid_query",
        format!("Tham số truy vấn không hợp lệ: {err}"),
    )
    .into()
}

pub fn path_error(err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    // `PATCH /members/export` reached `PATCH /members/{id}`: the path is another route's,
    // which lacks the method (405), not a member id that does not parse.
    if let Some(res) = crate::limits::method_not_allowed(req.method(), req.path()) {
        return actix_web::error::InternalError::from_response(err, res).into();
    }
    ApiError::NotFound(format!("Đường dẫn không hợp lệ: {err}")).into()
}

/// A page request checked against its documented bounds: `page` from 1, `per_page` from 1 to
/// `max`; every value out of bounds is named (422) rather than silently clamped.
pub fn paging(
    page: Option<i64>,
    per_page: Option<i64>,
    default: i64,
    max: i64,
) -> Result<(i64, i64), ApiError> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(default);
    let mut errors = Vec::new();
    if page < 1 || (page - 1).checked_mul(per_page.max(1)).is_none() {
        errors.push(FieldError {
            field: "page".into(),
            code: "out_of_range".into(),
            message: "Số trang phải từ 1".into(),
        });
    }
    if !(1..=max).contains(&per_page) {
        errors.push(FieldError {
            field: "per_page".into(),
            code: "out_of_range".into(),
            message: format!("Số dòng mỗi trang phải từ 1 đến {max}"),
        });
    }
    if errors.is_empty() {
        Ok((page, per_page))
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// A page of one of the lists bounded by `kiemdiem_app::paging` (default 100, at most 500 rows).
pub fn window(
    page: Option<i64>,
    per_page: Option<i64>,
) -> Result<kiemdiem_app::paging::Window, ApiError> {
    use kiemdiem_app::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, Window};
    let (page, per_page) = paging(page, per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
    Ok(Window { page, per_page })
}

/// A review year the system can hold (1930 to 2100); anything else is named (422) before any
/// arithmetic on it (five-year streaks, next year's registration) can overflow.
pub fn check_year(year: i32) -> Result<i32, ApiError> {
    if (1930..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(ApiError::Validation(vec![FieldError {
            field: "year".into(),
            code: "out_of_range".into(),
            message: "Năm phải từ 1930 đến 2100".into(),
        }]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[validate(length(min = 3, max = 5))]
        name: String,
        #[validate(range(min = 1, max = 9))]
        count: i32,
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        let err = parse_json::<Sample>(b"{\"name\": ").unwrap_err();
        assert_eq!(err.code(), "malformed_json");
    }

    #[test]
    fn a_missing_field_is_named() {
        let ApiError::Validation(errors) = parse_json::<Sample>(br#"{"name":"abc"}"#).unwrap_err()
        else {
            panic!("expected 422")
        };
        assert_eq!(errors[0].field, "count");
        assert_eq!(errors[0].code, "required");
    }

    #[test]
    fn every_invalid_field_is_listed_with_a_vietnamese_message() {
        let s: Sample = parse_json(br#"{"name":"ab","count":10}"#).unwrap();
        let errors = field_errors(&s.validate().unwrap_err());
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(fields, [("count", "range"), ("name", "length")]);
        assert_eq!(errors[0].message, "Giá trị phải từ 1 đến 9");
        assert_eq!(errors[1].message, "Độ dài phải từ 3 đến 5 ký tự");
    }

    #[test]
    fn content_types_that_count_as_json() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("application/json; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }
}
