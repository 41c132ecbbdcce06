//! What can go wrong in a use case, without HTTP: the API maps each variant to one status and
//! problem code (`kiemdiem_api::error`), the command line prints it.

use kiemdiem_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// One invalid row of an imported file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RowError {
    /// The row in the file, counting the header as row 1.
    pub row: u64,
    /// The column's Vietnamese header, when one column is at fault.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (the header not counted).
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Headers that name no known column; their cells were not read.
    pub ignored_columns: Vec<String>,
    /// Every invalid row (the first 1000).
    pub errors: Vec<RowError>,
    pub errors_truncated: bool,
}

/// One invalid field of a request (422).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field's path in the request, e.g. `members[2].admitted_on`.
    pub field: String,
    /// A stable code, e.g. `length`, `range`, `required`.
    pub code: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A use case's failure; `Display` is the Vietnamese detail people read.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("Dữ liệu không hợp lệ")]
    Validation(Vec<FieldError>),
    #[error("Tệp có dòng không hợp lệ: không dòng nào được ghi")]
    ImportFailed(Box<ImportReport>),
    /// The actor's own account is gone (a deleted user still holding a token): log in again.
    #[error("Cần đăng nhập lại")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    /// Absent, or not the actor's to see (the API answers both alike).
    #[error("{0}")]
    NotFound(String),
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// A cycle that has ended takes no more writes (`Stage::is_read_only`).
    #[error("Đợt kiểm điểm đã kết thúc")]
    CycleClosed,
    /// A quota of the rule `rule` (Q1–Q5, W2–W5…) has no room left; `detail` names who used
    /// how much of what.
    #[error("{detail}")]
    QuotaExceeded { rule: &'static str, detail: String },
    /// A reward needs a streak of qualifying years (W1); `years` are those that do not qualify.
    /// Answered as the invalid field `field` (the member or the organisation named).
    #[error("Chưa đạt tiêu chuẩn các năm: {} (W1)", years.iter().map(i32::to_string).collect::<Vec<_>>().join(", "))]
    NoStreak {
        field: &'static str,
        years: Vec<i32>,
    },
    /// The record changed since it was read (If-Match).
    #[error("Bản ghi đã bị người khác sửa; hãy tải lại trước khi lưu")]
    PreconditionFailed,
    #[error("Cần tiêu đề If-Match với ETag của bản ghi đã đọc")]
    PreconditionRequired,
    /// The database cannot be reached; nothing was written.
    #[error("Cơ sở dữ liệu không truy cập được")]
    Unavailable(String),
    #[error("Lỗi máy chủ")]
    Internal(String),
}

impl AppError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::BadRequest {
            code,
            detail: detail.into(),
        }
    }

    pub fn not_found() -> Self {
        AppError::NotFound("Không tìm thấy tài nguyên được yêu cầu".into())
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        AppError::Forbidden(detail.into())
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            detail: detail.into(),
        }
    }

    /// The error as a person at a console reads it (the command line): the detail, every
    /// invalid field, the cause of a failure on the server's side (the API keeps causes in its
    /// log instead).
    pub fn explain(&self) -> String {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
            AppError::Unavailable(cause) | AppError::Internal(cause) => format!("{self}: {cause}"),
            other => other.to_string(),
        }
    }

    /// One invalid field.
    pub fn field(name: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(name, code, message)])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::not_found(),
            // A concurrent write took the same unique key first (the loser of a race).
            StoreError::Unique(_) => AppError::conflict(
                "conflict",
                "Một thay đổi khác vừa được ghi trước; hãy tải lại và thử lại",
            ),
            // Something still refers to what is being deleted (a member with results…).
            StoreError::ForeignKey(_) => AppError::conflict(
                "in_use",
                "Dữ liệu đang được dùng ở nơi khác nên không xóa hoặc đổi được",
            ),
            // The database went away under a request: the client may retry; nothing of the
            // transaction was committed.
            StoreError::Unavailable(cause) => AppError::Unavailable(cause),
            other => AppError::Internal(other.to_string()),
        }
    }
}
