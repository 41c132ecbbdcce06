//! Self-reviews: one per member and cycle, a new version at every save.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{self_review_versions as v, self_reviews as r};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kiemdiem_domain::self_review::Status;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::self_reviews)]
pub struct SelfReview {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub on_behalf: bool,
    pub return_comment: Option<String>,
    pub current_version: i32,
    pub submitted_at: Option<NaiveDateTime>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// The sections of the customary form, and the level the member proposes for themself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::self_review_versions)]
pub struct Content {
    pub political_ideology: String,
    pub ethics_lifestyle: String,
    pub duties: String,
    pub organisation_discipline: String,
    pub shortcomings: String,
    pub remedies: String,
    pub suggestion_answers: String,
    pub self_assessed_level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::self_review_versions)]
pub struct Version {
    pub version: i32,
    #[diesel(embed)]
    pub content: Content,
    pub saved_by: String,
    pub saved_at: NaiveDateTime,
}

pub fn find(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
) -> QueryResult<Option<SelfReview>> {
    Ok(r::table
        .filter(r::cycle_id.eq(cycle_id))
        .filter(r::member_id.eq(member_id))
        .select(SelfReview::as_select())
        .first(conn)
        .optional()?)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<SelfReview>> {
    Ok(r::table
        .filter(r::cycle_id.eq(cycle_id))
        .select(SelfReview::as_select())
        .load(conn)?)
}

pub fn versions(conn: &mut AnyConnection, id: i64) -> QueryResult<Vec<Version>> {
    Ok(v::table
        .filter(v::self_review_id.eq(id))
        .select(Version::as_select())
        .order(v::version.desc())
        .load(conn)?)
}

/// Saves the content as a new version (creating the self-review at its first save) and
/// leaves it a draft.
pub fn save(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    content: &Content,
    saved_by: &str,
    on_behalf: bool,
) -> QueryResult<SelfReview> {
    save_if(
        conn, cycle_id, member_id, content, saved_by, on_behalf, None,
    )?
    .ok_or(crate::StoreError::NotFound)
}

/// `save`, but only if the self-review is still at `expected` (0: never saved) when it is
/// written: the conditional write of `If-Match` (issue #13), one UPDATE that re-checks the
/// version after waiting for a concurrent writer. `None` when another save came first.
pub fn save_if(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    content: &Content,
    saved_by: &str,
    on_behalf: bool,
    expected: Option<i32>,
) -> QueryResult<Option<SelfReview>> {
    use diesel::sql_types::Bool;
    let at = now();
    // Two saves at once (the member and the secretary, two tabs) both land, one after the
    // other: the row is created if missing without failing on the other's insert, and the
    // version is incremented in the UPDATE itself (which waits for the other's row lock),
    // never from a value read before.
    let fresh = (
        r::cycle_id.eq(cycle_id),
        r::member_id.eq(member_id),
        r::status.eq(Status::Draft.as_str()),
        r::on_behalf.eq(on_behalf),
        r::current_version.eq(0),
        r::created_at.eq(at),
        r::updated_at.eq(at),
    );
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_into(r::table)
            .values(fresh)
            .on_conflict((r::cycle_id, r::member_id))
            .do_nothing()
            .execute(c)?,
        AnyConnection::Postgresql(c) => diesel::insert_into(r::table)
            .values(fresh)
            .on_conflict((r::cycle_id, r::member_id))
            .do_nothing()
            .execute(c)?,
    };
    let mut target = diesel::update(
        r::table
            .filter(r::cycle_id.eq(cycle_id))
            .filter(r::member_id.eq(member_id)),
    )
    .into_boxed()
    // A submitted or accepted self-review is never turned back into a draft by a save that
    // read it before the submission (the caller checked on its read; this re-checks on write).
    .filter(r::status.ne_all([Status::Submitted.as_str(), Status::Accepted.as_str()]));
    if let Some(v) = expected {
        target = target.filter(r::current_version.eq(v));
    }
    let updated: Option<(i64, i32)> = target
        .set((
            r::status.eq(Status::Draft.as_str()),
            r::current_version.eq(r::current_version + 1),
            r::on_behalf.eq(r::on_behalf.or(on_behalf.into_sql::<Bool>())),
            r::updated_at.eq(at),
        ))
        .returning((r::id, r::current_version))
        .get_result(conn)
        .optional()?;
    let Some((id, version)) = updated else {
        return Ok(None);
    };
    diesel::insert_into(v::table)
        .values((
            content.clone(),
            v::self_review_id.eq(id),
            v::version.eq(version),
            v::saved_by.eq(saved_by),
            v::saved_at.eq(at),
        ))
        .execute(conn)?;
    find(conn, cycle_id, member_id)
}

/// Moves the self-review to `status`; `comment` is kept for a return.
pub fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    status: Status,
    comment: Option<&str>,
) -> QueryResult<()> {
    let at = now();
    let submitted = status == Status::Submitted;
    let decided = matches!(status, Status::Returned | Status::Accepted);
    diesel::update(r::table.find(id))
        .set((r::status.eq(status.as_str()), r::updated_at.eq(at)))
        .execute(conn)?;
    if submitted {
        diesel::update(r::table.find(id))
            .set(r::submitted_at.eq(at))
            .execute(conn)?;
    }
    if decided {
        diesel::update(r::table.find(id))
            .set((r::decided_at.eq(at), r::return_comment.eq(comment)))
            .execute(conn)?;
    }
    Ok(())
}
