//! What a branch meeting records beside the votes: the tally minutes' own facts (ballots
//! issued, returned, valid and invalid; the counting committee; guidance 2.2.4) and, per
//! member, the opinions given (D2) and a `completed` member's shortcomings with the date to
//! remedy them (M9 end).

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{classification_results as cr, meeting_notes as mn, tally_minutes as tm};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::tally_minutes)]
pub struct TallyMinutes {
    pub session_id: i64,
    pub ballots_issued: i32,
    pub ballots_returned: i32,
    pub ballots_valid: i32,
    pub ballots_invalid: i32,
    /// JSON array of names, the head first.
    pub counting_committee: String,
    pub chaired_by: String,
    pub recorded_by_name: String,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::meeting_notes)]
pub struct MeetingNote {
    pub session_id: i64,
    pub member_id: i64,
    pub opinions: Option<String>,
    pub shortcomings: Option<String>,
    pub remedy_by: Option<NaiveDate>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub fn minutes(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Option<TallyMinutes>> {
    Ok(tm::table
        .find(session_id)
        .select(TallyMinutes::as_select())
        .first(conn)
        .optional()?)
}

/// Writes the session's minutes facts, replacing any earlier ones (the caller holds the
/// transaction and has checked them).
pub fn put_minutes(conn: &mut AnyConnection, m: &TallyMinutes) -> QueryResult<()> {
    diesel::delete(tm::table.find(m.session_id)).execute(conn)?;
    diesel::insert_into(tm::table)
        .values((
            tm::session_id.eq(m.session_id),
            tm::ballots_issued.eq(m.ballots_issued),
            tm::ballots_returned.eq(m.ballots_returned),
            tm::ballots_valid.eq(m.ballots_valid),
            tm::ballots_invalid.eq(m.ballots_invalid),
            tm::counting_committee.eq(&m.counting_committee),
            tm::chaired_by.eq(&m.chaired_by),
            tm::recorded_by_name.eq(&m.recorded_by_name),
            tm::updated_by.eq(&m.updated_by),
            tm::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn notes(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Vec<MeetingNote>> {
    Ok(mn::table
        .filter(mn::session_id.eq(session_id))
        .select(MeetingNote::as_select())
        .order(mn::member_id.asc())
        .load(conn)?)
}

/// Writes one member's notes, replacing earlier ones; all empty removes the row.
pub fn put_note(
    conn: &mut AnyConnection,
    session_id: i64,
    member_id: i64,
    opinions: Option<&str>,
    shortcomings: Option<(&str, NaiveDate)>,
    by: &str,
) -> QueryResult<()> {
    diesel::delete(mn::table.find((session_id, member_id))).execute(conn)?;
    if opinions.is_none() && shortcomings.is_none() {
        return Ok(());
    }
    diesel::insert_into(mn::table)
        .values((
            mn::session_id.eq(session_id),
            mn::member_id.eq(member_id),
            mn::opinions.eq(opinions),
            mn::shortcomings.eq(shortcomings.map(|s| s.0)),
            mn::remedy_by.eq(shortcomings.map(|s| s.1)),
            mn::updated_by.eq(by),
            mn::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Carries a member's shortcomings onto their result (at finalize).
pub fn set_result_shortcomings(
    conn: &mut AnyConnection,
    result_id: i64,
    shortcomings: &str,
    remedy_by: NaiveDate,
) -> QueryResult<()> {
    diesel::update(cr::table.find(result_id))
        .set((
            cr::shortcomings.eq(shortcomings),
            cr::remedy_by.eq(remedy_by),
        ))
        .execute(conn)?;
    Ok(())
}

/// The shortcomings a member was given last at the year `year`'s review (M9 end), from a
/// result still standing (neither cancelled nor returned): (shortcomings, remedy by).
pub fn shortcomings_of_year(
    conn: &mut AnyConnection,
    member_id: i64,
    year: i32,
) -> QueryResult<Option<(String, NaiveDate)>> {
    use crate::schema::review_cycles as rc;
    let found: Option<(Option<String>, Option<NaiveDate>)> = cr::table
        .filter(cr::member_id.eq(member_id))
        .filter(cr::cycle_id.eq_any(rc::table.filter(rc::year.eq(year)).select(rc::id)))
        .filter(cr::shortcomings.is_not_null())
        .filter(cr::state.ne_all(["cancelled", "returned"]))
        .order(cr::id.desc())
        .select((cr::shortcomings, cr::remedy_by))
        .first(conn)
        .optional()?;
    Ok(found.and_then(|(s, d)| Some((s?, d?))))
}
