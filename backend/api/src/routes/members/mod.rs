//! The member registry: list with Vietnamese search and order, read with an ETag, create,
//! change with If-Match, delete, discipline records, yearly history, import and export.

pub mod crud;
pub mod export;
pub mod history_import;
pub mod import;
pub mod records;
