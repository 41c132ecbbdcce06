//! Scans of signed originals (issue #16): the signed tally minutes of a voting session, the
//! signed reports of a base's cycle. A scan is a PDF, JPEG or PNG, recognised by its content
//! (the declared type must agree), at most [`MAX_BYTES`]; it is served only as a download
//! (`Content-Disposition: attachment`, `nosniff`), never shown inline by the API's origin, so a
//! file crafted to look like HTML or script cannot run there. The dossier lists every scan of
//! its year in the manifest and carries them in its ZIP.

use crate::actor::Actor;
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Utc};
use kiemdiem_store::AnyConnection;
use kiemdiem_store::attachments::{self as store, Attachment, NewAttachment};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The largest scan accepted (a few signed pages at 300 dpi).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The media types a scan may have.
pub const MEDIA_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: i64,
    pub cycle_id: i64,
    /// voting_session (the signed tally minutes) or cycle (a signed report of the cycle).
    pub record_kind: String,
    pub record_id: i64,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    /// Hex SHA-256 of the file.
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// The API path that downloads it.
    pub href: String,
}

impl From<Attachment> for AttachmentRecord {
    fn from(a: Attachment) -> Self {
        AttachmentRecord {
            href: format!("/api/v1/attachments/{}", a.id),
            id: a.id,
            cycle_id: a.cycle_id,
            record_kind: a.record_kind,
            record_id: a.record_id,
            title: a.title,
            file_name: a.file_name,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            uploaded_at: a.uploaded_at.and_utc(),
        }
    }
}

/// The media type the content shows (its magic number), if it is one a scan may have.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// A file's name as stored and offered back: the last path segment, without control
/// characters, quotes or separators, at most 120 characters, with the extension of its type.
pub fn safe_name(name: &str, media_type: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '`'))
        .take(120)
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    let ext = match media_type {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        _ => ".png",
    };
    let lower = clean.to_lowercase();
    let has_ext = match ext {
        ".jpg" => lower.ends_with(".jpg") || lower.ends_with(".jpeg"),
        e => lower.ends_with(e),
    };
    if clean.is_empty() {
        clean = "ban-quet".into();
    }
    if !has_ext {
        clean.push_str(ext);
    }
    clean
}

/// Hex SHA-256 of a file (scans, dossier documents, manifests).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An upload as the API received it.
pub struct Upload {
    pub title: Option<String>,
    pub file_name: Option<String>,
    /// The request's Content-Type (its essence).
    pub declared: Option<String>,
    pub bytes: Vec<u8>,
}

/// Every problem of an upload, reported together; the media type on success.
fn check(u: &Upload) -> Result<(&'static str, String), AppError> {
    let mut errors = Vec::new();
    let title = u.title.as_deref().map(str::trim).unwrap_or_default();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(FieldError::new(
            "title",
            "length",
            "Cần tên văn bản (tối đa 200 ký tự)",
        ));
    }
    let sniffed = sniff(&u.bytes);
    let declared = u.declared.as_deref().map(|d| {
        d.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    });
    if u.bytes.is_empty() {
        errors.push(FieldError::new("file", "empty", "Tệp gửi lên trống"));
    } else if u.bytes.len() > MAX_BYTES {
        errors.push(FieldError::new(
            "file",
            "too_large",
            format!("Tệp lớn hơn {} MB", MAX_BYTES / 1024 / 1024),
        ));
    } else {
        match sniffed {
            None => errors.push(FieldError::new(
                "file",
                "unsupported_type",
                "Chỉ nhận bản quét PDF, JPEG hoặc PNG",
            )),
            Some(t) if declared.as_deref() != Some(t) => errors.push(FieldError::new(
                "content_type",
                "type_mismatch",
                format!(
                    "Loại tệp khai báo ({}) không khớp nội dung ({t})",
                    declared.as_deref().unwrap_or("không có")
                ),
            )),
            Some(_) => {}
        }
    }
    match sniffed {
        Some(t) if errors.is_empty() => Ok((t, title.to_owned())),
        _ => Err(AppError::Validation(errors)),
    }
}

fn store_upload(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    org_path: &str,
    record: (&str, i64),
    u: &Upload,
) -> Result<AttachmentRecord, AppError> {
    let (media_type, title) = check(u)?;
    let file_name = safe_name(u.file_name.as_deref().unwrap_or_default(), media_type);
    let sha256 = sha256_hex(&u.bytes);
    let id = store::create(
        conn,
        &NewAttachment {
            cycle_id,
            org_path,
            record_kind: record.0,
            record_id: record.1,
            title: &title,
            file_name: &file_name,
            media_type,
            sha256: &sha256,
            content: &u.bytes,
            uploaded_by: &p.actor(),
        },
    )?;
    let a: AttachmentRecord = store::get(conn, id)?
        .ok_or_else(|| AppError::Internal("attachment not written".into()))?
        .into();
    p.audit("upload", "attachment")
        .id(id)
        .org(org_path.to_owned())
        .after(&a)
        .record(conn)?;
    Ok(a)
}

/// The record a scan is attached to.
#[derive(Debug, Clone, Copy)]
pub enum Record {
    /// A voting session (its signed tally minutes).
    Session(i64),
    /// A cycle (a signed report of it).
    Cycle(i64),
}

/// Whether the caller reaches the record at all (404 otherwise), before an upload is read.
pub fn reachable(conn: &mut AnyConnection, p: &Actor, r: Record) -> Result<(), AppError> {
    match r {
        Record::Session(sid) => crate::voting::managed(conn, p, sid).map(|_| ()),
        Record::Cycle(id) => crate::cycles::readable(conn, p, id).map(|_| ()),
    }
}

/// Attaches a scan to the record.
pub fn upload(
    conn: &mut AnyConnection,
    p: &Actor,
    r: Record,
    u: &Upload,
) -> Result<AttachmentRecord, AppError> {
    match r {
        Record::Session(sid) => upload_to_session(conn, p, sid, u),
        Record::Cycle(id) => upload_to_cycle(conn, p, id, u),
    }
}

/// The branch committee (or a committee above it) attaches the signed minutes of a session.
pub fn upload_to_session(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
    u: &Upload,
) -> Result<AttachmentRecord, AppError> {
    let ctx = crate::voting::managed(conn, p, sid)?;
    store_upload(
        conn,
        p,
        ctx.cycle.id,
        &ctx.branch.path,
        ("voting_session", sid),
        u,
    )
}

/// The committee running a cycle attaches a signed report of it.
pub fn upload_to_cycle(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
    u: &Upload,
) -> Result<AttachmentRecord, AppError> {
    let (cycle, path) = crate::cycles::readable(conn, p, cycle_id)?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy điều hành đợt kiểm điểm đính kèm văn bản của đợt",
        ));
    }
    store_upload(conn, p, cycle.id, &path, ("cycle", cycle.id), u)
}

pub fn of_session(
    conn: &mut AnyConnection,
    p: &Actor,
    sid: i64,
) -> Result<Vec<AttachmentRecord>, AppError> {
    crate::voting::managed(conn, p, sid)?;
    Ok(store::of_record(conn, "voting_session", sid)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn of_cycle(
    conn: &mut AnyConnection,
    p: &Actor,
    cycle_id: i64,
) -> Result<Vec<AttachmentRecord>, AppError> {
    let (_, path) = crate::cycles::readable(conn, p, cycle_id)?;
    if !p.access.can_administer(&path) {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy điều hành đợt kiểm điểm (và cấp trên) xem văn bản đính kèm của đợt",
        ));
    }
    Ok(store::of_record(conn, "cycle", cycle_id)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// A scan the caller may read: the committees of its organisation and above (the district
/// reads the dossier's scans), integration clients on their subtree.
fn readable(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<Attachment, AppError> {
    store::get(conn, id)?
        .filter(|a| p.access.can_read_results(&a.org_path))
        .ok_or_else(AppError::not_found)
}

/// The scan's metadata and content.
pub fn download(
    conn: &mut AnyConnection,
    p: &Actor,
    id: i64,
) -> Result<(AttachmentRecord, Vec<u8>), AppError> {
    let a = readable(conn, p, id)?;
    let bytes = store::content(conn, id)?;
    Ok((a.into(), bytes))
}

/// Removes a scan attached by mistake: those who may attach it.
pub fn delete(conn: &mut AnyConnection, p: &Actor, id: i64) -> Result<(), AppError> {
    let a = readable(conn, p, id)?;
    let may = match a.record_kind.as_str() {
        "voting_session" => p.access.can_edit_members(&a.org_path),
        _ => p.access.can_administer(&a.org_path),
    };
    if !may {
        return Err(AppError::forbidden(
            "Chỉ cấp ủy đã đính kèm văn bản mới gỡ được",
        ));
    }
    store::delete(conn, id)?;
    p.audit("delete", "attachment")
        .id(id)
        .org(a.org_path.clone())
        .before(&AttachmentRecord::from(a))
        .record(conn)?;
    Ok(())
}

/// The scans of the given cycles (a dossier's), with their content.
pub fn of_cycles_with_content(
    conn: &mut AnyConnection,
    cycle_ids: &[i64],
) -> Result<Vec<(AttachmentRecord, Vec<u8>)>, AppError> {
    let mut out = Vec::new();
    for a in store::of_cycles(conn, cycle_ids)? {
        let bytes = store::content(conn, a.id)?;
        out.push((a.into(), bytes));
    }
    Ok(out)
}
