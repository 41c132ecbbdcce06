//! Key-cadre meetings (O6): the meeting, and per leader the opinions, the votes per level and
//! the proposed level.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{key_cadre_assessments as a, key_cadre_meetings as m};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::key_cadre_meetings)]
pub struct Meeting {
    pub id: i64,
    pub cycle_id: i64,
    pub held_on: NaiveDate,
    pub chaired_by: String,
    pub attendees: i32,
    pub collective_opinion: Option<String>,
    pub recorded_by: String,
    pub created_at: NaiveDateTime,
    /// key_cadre (plan II.2.1) or leaders_review (II.3).
    pub kind: String,
    /// JSON array of the names of those present.
    pub attendee_names: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::key_cadre_assessments)]
pub struct Assessment {
    pub id: i64,
    pub meeting_id: i64,
    pub member_id: i64,
    pub opinion: String,
    pub votes_excellent: i32,
    pub votes_good: i32,
    pub votes_completed: i32,
    pub votes_not_completed: i32,
    pub proposed_level: String,
}

pub struct NewMeeting<'a> {
    pub cycle_id: i64,
    pub held_on: NaiveDate,
    pub chaired_by: &'a str,
    pub attendees: i32,
    pub collective_opinion: Option<&'a str>,
    pub recorded_by: &'a str,
    pub kind: &'a str,
    /// JSON array of names.
    pub attendee_names: &'a str,
}

pub struct NewAssessment<'a> {
    pub member_id: i64,
    pub opinion: &'a str,
    /// excellent, good, completed, not_completed.
    pub votes: [i32; 4],
    pub proposed_level: &'a str,
}

/// Writes the meeting and its assessments (the caller holds the transaction).
pub fn create(
    conn: &mut AnyConnection,
    n: &NewMeeting<'_>,
    assessments: &[NewAssessment<'_>],
) -> QueryResult<i64> {
    let id: i64 = diesel::insert_into(m::table)
        .values((
            m::cycle_id.eq(n.cycle_id),
            m::held_on.eq(n.held_on),
            m::chaired_by.eq(n.chaired_by),
            m::attendees.eq(n.attendees),
            m::collective_opinion.eq(n.collective_opinion),
            m::recorded_by.eq(n.recorded_by),
            m::created_at.eq(now()),
            m::kind.eq(n.kind),
            m::attendee_names.eq(n.attendee_names),
        ))
        .returning(m::id)
        .get_result(conn)?;
    for x in assessments {
        diesel::insert_into(a::table)
            .values((
                a::meeting_id.eq(id),
                a::member_id.eq(x.member_id),
                a::opinion.eq(x.opinion),
                a::votes_excellent.eq(x.votes[0]),
                a::votes_good.eq(x.votes[1]),
                a::votes_completed.eq(x.votes[2]),
                a::votes_not_completed.eq(x.votes[3]),
                a::proposed_level.eq(x.proposed_level),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// The cycle's meetings, oldest first, each with its assessments.
pub fn of_cycle(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> QueryResult<Vec<(Meeting, Vec<Assessment>)>> {
    let meetings: Vec<Meeting> = m::table
        .filter(m::cycle_id.eq(cycle_id))
        .select(Meeting::as_select())
        .order((m::held_on.asc(), m::id.asc()))
        .load(conn)?;
    let ids: Vec<i64> = meetings.iter().map(|x| x.id).collect();
    let all: Vec<Assessment> = a::table
        .filter(a::meeting_id.eq_any(&ids))
        .select(Assessment::as_select())
        .order(a::id.asc())
        .load(conn)?;
    Ok(meetings
        .into_iter()
        .map(|x| {
            let mine = all
                .iter()
                .filter(|y| y.meeting_id == x.id)
                .cloned()
                .collect();
            (x, mine)
        })
        .collect())
}

pub fn get(
    conn: &mut AnyConnection,
    cycle_id: i64,
    id: i64,
) -> QueryResult<Option<(Meeting, Vec<Assessment>)>> {
    Ok(of_cycle(conn, cycle_id)?
        .into_iter()
        .find(|(x, _)| x.id == id))
}

/// Removes a meeting recorded by mistake, with its assessments.
pub fn delete(conn: &mut AnyConnection, id: i64) -> QueryResult<usize> {
    diesel::delete(a::table.filter(a::meeting_id.eq(id))).execute(conn)?;
    Ok(diesel::delete(m::table.find(id)).execute(conn)?)
}
