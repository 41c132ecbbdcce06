//! The base organisations' yearly dossiers (D4) and their leaders' dossiers to the province
//! (plan II.5) as submitted: every submission with its archive, manifest and checksum; the
//! latest one of a kind is that dossier's state.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::dossier_submissions as d;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::dossier::{DossierKind, SubmissionStatus};

/// A submission without its archive (lists and status pages).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::dossier_submissions)]
pub struct Submission {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub number: i32,
    #[diesel(deserialize_as = String)]
    pub status: SubmissionStatus,
    pub deadline: Option<NaiveDate>,
    pub late: bool,
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
    pub archive_sha256: String,
    pub manifest: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_comment: Option<String>,
}

pub struct NewSubmission<'a> {
    pub kind: DossierKind,
    pub organization_id: i64,
    pub year: i32,
    pub deadline: Option<NaiveDate>,
    pub late: bool,
    pub submitted_by: &'a str,
    pub submitted_at: NaiveDateTime,
    pub archive: &'a [u8],
    pub archive_sha256: &'a str,
    pub manifest: &'a str,
}

/// Every submission of that kind of the organisation's year, the first first.
pub fn history(
    conn: &mut AnyConnection,
    kind: DossierKind,
    organization_id: i64,
    year: i32,
) -> QueryResult<Vec<Submission>> {
    Ok(d::table
        .filter(d::kind.eq(kind.as_str()))
        .filter(d::organization_id.eq(organization_id))
        .filter(d::year.eq(year))
        .order(d::number.asc())
        .select(Submission::as_select())
        .load(conn)?)
}

/// The latest submission of that kind of each of these organisations for the year.
pub fn latest_of(
    conn: &mut AnyConnection,
    kind: DossierKind,
    year: i32,
    ids: &[i64],
) -> QueryResult<Vec<Submission>> {
    let all: Vec<Submission> = d::table
        .filter(d::kind.eq(kind.as_str()))
        .filter(d::year.eq(year))
        .filter(d::organization_id.eq_any(ids))
        .order((d::organization_id.asc(), d::number.desc()))
        .select(Submission::as_select())
        .load(conn)?;
    let mut out: Vec<Submission> = Vec::new();
    for s in all {
        if out
            .last()
            .is_none_or(|l| l.organization_id != s.organization_id)
        {
            out.push(s);
        }
    }
    Ok(out)
}

/// Writes the next submission of its kind (its number one more than the last); the unique
/// key on (organisation, year, kind, number) refuses a concurrent second one.
pub fn submit(conn: &mut AnyConnection, n: &NewSubmission<'_>) -> QueryResult<i64> {
    let last: Option<i32> = d::table
        .filter(d::kind.eq(n.kind.as_str()))
        .filter(d::organization_id.eq(n.organization_id))
        .filter(d::year.eq(n.year))
        .select(diesel::dsl::max(d::number))
        .first(conn)?;
    Ok(diesel::insert_into(d::table)
        .values((
            d::kind.eq(n.kind.as_str()),
            d::organization_id.eq(n.organization_id),
            d::year.eq(n.year),
            d::number.eq(last.unwrap_or(0) + 1),
            d::status.eq(SubmissionStatus::Submitted.as_str()),
            d::deadline.eq(n.deadline),
            d::late.eq(n.late),
            d::submitted_by.eq(n.submitted_by),
            d::submitted_at.eq(n.submitted_at),
            d::archive.eq(n.archive),
            d::archive_sha256.eq(n.archive_sha256),
            d::manifest.eq(n.manifest),
        ))
        .returning(d::id)
        .get_result(conn)?)
}

/// The superior's decision on a submission still `submitted`; 0 rows when it is not.
pub fn decide(
    conn: &mut AnyConnection,
    id: i64,
    status: SubmissionStatus,
    by: &str,
    comment: Option<&str>,
) -> QueryResult<usize> {
    Ok(diesel::update(
        d::table
            .filter(d::id.eq(id))
            .filter(d::status.eq(SubmissionStatus::Submitted.as_str())),
    )
    .set((
        d::status.eq(status.as_str()),
        d::decided_by.eq(by),
        d::decided_at.eq(now()),
        d::decision_comment.eq(comment),
    ))
    .execute(conn)?)
}

/// The stored archive of a submission.
pub fn archive(conn: &mut AnyConnection, id: i64) -> QueryResult<Vec<u8>> {
    Ok(d::table
        .filter(d::id.eq(id))
        .select(d::archive)
        .first(conn)?)
}
