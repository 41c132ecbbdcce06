//! Scans of signed originals (issue #16), attached to the record they prove. The content is
//! read only by the download; lists carry the metadata.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::attachments as at;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::attachments)]
pub struct Attachment {
    pub id: i64,
    pub cycle_id: i64,
    pub org_path: String,
    pub record_kind: String,
    pub record_id: i64,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: NaiveDateTime,
}

pub struct NewAttachment<'a> {
    pub cycle_id: i64,
    pub org_path: &'a str,
    pub record_kind: &'a str,
    pub record_id: i64,
    pub title: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub uploaded_by: &'a str,
}

pub fn create(conn: &mut AnyConnection, n: &NewAttachment<'_>) -> QueryResult<i64> {
    Ok(diesel::insert_into(at::table)
        .values((
            at::cycle_id.eq(n.cycle_id),
            at::org_path.eq(n.org_path),
            at::record_kind.eq(n.record_kind),
            at::record_id.eq(n.record_id),
            at::title.eq(n.title),
            at::file_name.eq(n.file_name),
            at::media_type.eq(n.media_type),
            at::size.eq(i64::try_from(n.content.len()).unwrap_or(i64::MAX)),
            at::sha256.eq(n.sha256),
            at::content.eq(n.content),
            at::uploaded_by.eq(n.uploaded_by),
            at::uploaded_at.eq(now()),
        ))
        .returning(at::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Attachment>> {
    Ok(at::table
        .find(id)
        .select(Attachment::as_select())
        .first(conn)
        .optional()?)
}

pub fn content(conn: &mut AnyConnection, id: i64) -> QueryResult<Vec<u8>> {
    Ok(at::table.find(id).select(at::content).first(conn)?)
}

pub fn of_record(conn: &mut AnyConnection, kind: &str, id: i64) -> QueryResult<Vec<Attachment>> {
    Ok(at::table
        .filter(at::record_kind.eq(kind).and(at::record_id.eq(id)))
        .select(Attachment::as_select())
        .order(at::id.asc())
        .load(conn)?)
}

/// Every attachment of the given cycles (a dossier's), oldest first.
pub fn of_cycles(conn: &mut AnyConnection, cycle_ids: &[i64]) -> QueryResult<Vec<Attachment>> {
    Ok(at::table
        .filter(at::cycle_id.eq_any(cycle_ids))
        .select(Attachment::as_select())
        .order(at::id.asc())
        .load(conn)?)
}

pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    Ok(diesel::delete(at::table.find(id)).execute(conn)?)
}
