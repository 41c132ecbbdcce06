//! Every error answer is RFC 9457 `application/problem+json` with a stable `code` for
//! programs and a Vietnamese `detail` for people.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use kiemdiem_store::StoreError;
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

tokio::task_local! {
    /// The id of the request being served, set by the request-context middleware.
    pub static REQUEST_ID: String;
}

use kiemdiem_app::AppError;
pub use kiemdiem_app::error::FieldError;

/// An RFC 9457 problem details object.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:kiemdiem:problem:{code}`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, for people (Vietnamese).
    pub detail: String,
    /// A stable identifier of the kind of problem, for programs.
    pub code: String,
    /// For 422: every invalid field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// For a failed import: every invalid row, `{row, column, message}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<kiemdiem_app::import::RowError>>,
    /// The id of the request, to find it in the server's logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The errors a handler can return; each maps to one status and code.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("Dữ liệu không hợp lệ")]
    Validation(Vec<FieldError>),
    #[error("Tệp có dòng không hợp lệ: không dòng nào được ghi")]
    ImportFailed(Box<kiemdiem_app::import::ImportReport>),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("Mật khẩu do người khác đặt: hãy đổi mật khẩu trước khi tiếp tục")]
    PasswordChangeRequired,
    #[error("{0}")]
    NotFound(String),
    #[error("Quá nhiều lần đăng nhập sai; thử lại sau {retry_after} giây")]
    TooManyRequests { retry_after: u64 },
    #[error(
        "Quá nhiều yêu cầu nặng (báo cáo, hồ sơ, nhập, xuất) từ mã truy cập này; thử lại sau {retry_after} giây"
    )]
    RateLimited { retry_after: u64 },
    #[error("Đường dẫn này không nhận phương thức {0}")]
    MethodNotAllowed(String),
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("Bản ghi đã bị người khác sửa; hãy tải lại trước khi lưu")]
    PreconditionFailed,
    #[error("Cần tiêu đề If-Match với ETag của bản ghi đã đọc")]
    PreconditionRequired,
    #[error("Kiểu nội dung không được hỗ trợ: {0}")]
    UnsupportedMediaType(String),
    #[error("Nội dung yêu cầu quá lớn")]
    PayloadTooLarge,
    #[error("Cơ sở dữ liệu không truy cập được")]
    Unavailable(String),
    #[error("Lỗi máy chủ")]
    Internal(String),
}

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            detail: detail.into(),
        }
    }

    pub fn not_found() -> Self {
        ApiError::NotFound("Không tìm thấy tài nguyên được yêu cầu".into())
    }

    pub fn unauthorized() -> Self {
        ApiError::Unauthorized("Cần đăng nhập bằng một mã truy cập hợp lệ".into())
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::Forbidden(detail.into())
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            detail: detail.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. } | ApiError::Conflict { code, .. } => code,
            ApiError::Validation(_) => "validation_failed",
            ApiError::ImportFailed(_) => "import_invalid",
            ApiError::PreconditionFailed => "precondition_failed",
            ApiError::PreconditionRequired => "precondition_required",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::PasswordChangeRequired => "password_change_required",
            ApiError::NotFound(_) => "not_found",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::Unavailable(_) => "database_unavailable",
            ApiError::Internal(_) => "internal_error",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::BadRequest { .. } => "Yêu cầu không hợp lệ",
            ApiError::Validation(_) => "Dữ liệu không hợp lệ",
            ApiError::ImportFailed(_) => "Tệp nhập không hợp lệ",
            ApiError::Unauthorized(_) => "Chưa xác thực",
            ApiError::Forbidden(_) => "Không có quyền",
            ApiError::PasswordChangeRequired => "Cần đổi mật khẩu",
            ApiError::NotFound(_) => "Không tìm thấy",
            ApiError::TooManyRequests { .. } | ApiError::RateLimited { .. } => "Quá nhiều yêu cầu",
            ApiError::MethodNotAllowed(_) => "Phương thức không được hỗ trợ",
            ApiError::Conflict { .. } => "Xung đột dữ liệu",
            ApiError::PreconditionFailed => "Bản ghi đã thay đổi",
            ApiError::PreconditionRequired => "Thiếu If-Match",
            ApiError::UnsupportedMediaType(_) => "Kiểu nội dung không được hỗ trợ",
            ApiError::PayloadTooLarge => "Nội dung quá lớn",
            ApiError::Unavailable(_) => "Dịch vụ chưa sẵn sàng",
            ApiError::Internal(_) => "Lỗi máy chủ",
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::Validation(errors) => format!(
                "Có {} trường dữ liệu không hợp lệ: {}",
                errors.len(),
                errors
                    .iter()
                    .map(|e| e.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ApiError::ImportFailed(report) => format!(
                "Có {}{} lỗi trong tệp; không dòng nào được ghi",
                report.errors.len(),
                if report.errors_truncated { "+" } else { "" }
            ),
            // The cause is in the log, never in the answer.
            ApiError::Unavailable(_) => {
                "Không kết nối được cơ sở dữ liệu, vui lòng thử lại sau".into()
            }
            ApiError::Internal(_) => {
                "Máy chủ gặp lỗi khi xử lý yêu cầu; hãy báo mã yêu cầu cho quản trị viên".into()
            }
            other => other.to_string(),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            problem_type: format!("urn:kiemdiem:problem:{}", self.code()),
            title: self.title().into(),
            status: status.as_u16(),
            detail: self.detail(),
            code: self.code().into(),
            errors: match self {
                ApiError::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
            rows: match self {
                ApiError::ImportFailed(report) => Some(report.errors.clone()),
                _ => None,
            },
            request_id: REQUEST_ID.try_with(Clone::clone).ok(),
        }
    }
}

/// A use case's failure as the API answers it: one status and problem code per variant.
impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::BadRequest { code, detail } => ApiError::BadRequest { code, detail },
            AppError::Validation(errors) => ApiError::Validation(errors),
            AppError::ImportFailed(report) => ApiError::ImportFailed(report),
            AppError::Unauthenticated => ApiError::unauthorized(),
            AppError::Forbidden(detail) => ApiError::Forbidden(detail),
            AppError::NotFound(detail) => ApiError::NotFound(detail),
            AppError::Conflict { code, detail } => ApiError::Conflict { code, detail },
            e @ AppError::CycleClosed => ApiError::conflict("cycle_closed", e.to_string()),
            AppError::QuotaExceeded { detail, .. } => ApiError::conflict("quota_exceeded", detail),
            e @ AppError::NoStreak { field, .. } => ApiError::Validation(vec![FieldError {
                field: field.into(),
                code: "no_streak".into(),
                message: e.to_string(),
            }]),
            AppError::PreconditionFailed => ApiError::PreconditionFailed,
            AppError::PreconditionRequired => ApiError::PreconditionRequired,
            AppError::Unavailable(cause) => ApiError::Unavailable(cause),
            AppError::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(format!("blocking task failed: {e}"))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) | ApiError::ImportFailed(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::PasswordChangeRequired => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooManyRequests { .. } | ApiError::RateLimited { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "database unavailable"),
            _ => {}
        }
        let mut res = problem_response(&self.to_problem());
        match self {
            ApiError::Unauthorized(_) => {
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"kiemdiem\""),
                );
            }
            ApiError::TooManyRequests { retry_after } | ApiError::RateLimited { retry_after } => {
                if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
                    res.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            _ => {}
        }
        res
    }
}

pub fn problem_response(problem: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        res.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
    }
    res.body(body)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.detail)
    }
}
