//! Voting sessions, their roll, paper tallies, electronic ballots and classification results.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{
    ballot_counts as bc, ballot_participations as bp, classification_results as cr,
    session_roll as sr, tally_entries as te, voting_sessions as vs,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::classification::{ResultState, Status};
use kiemdiem_domain::voting::SessionStatus;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::voting_sessions)]
pub struct Session {
    pub id: i64,
    pub cycle_id: i64,
    pub branch_id: i64,
    pub kind: String,
    pub mode: String,
    #[diesel(deserialize_as = String)]
    pub status: SessionStatus,
    pub held_on: NaiveDate,
    pub outstanding_unit: bool,
    pub opened_by: String,
    pub finalized_by: Option<String>,
    pub finalized_at: Option<NaiveDateTime>,
    pub appraised_by: Option<String>,
    pub appraisal_comment: Option<String>,
    pub appraised_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Q3: the superior's decision on the claimed outstanding achievements.
    pub outstanding_decision: Option<String>,
    pub outstanding_decided_by: Option<String>,
    pub outstanding_decided_at: Option<NaiveDateTime>,
}

impl Session {
    /// Q3: the 20% quota applies once the superior has approved the claim.
    pub fn outstanding_approved(&self) -> bool {
        self.outstanding_unit && self.outstanding_decision.as_deref() == Some("approved")
    }
}

pub struct NewSession<'a> {
    pub cycle_id: i64,
    pub branch_id: i64,
    pub kind: &'a str,
    pub mode: &'a str,
    pub held_on: NaiveDate,
    pub outstanding_unit: bool,
    pub opened_by: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = crate::schema::session_roll)]
pub struct RollEntry {
    pub session_id: i64,
    pub member_id: i64,
    pub official: bool,
    pub exempt: bool,
    pub attached: bool,
    pub subject: bool,
    pub present: bool,
    pub faults: bool,
    pub leader_unit_rating: Option<String>,
    pub leader_party_org_rating: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::tally_entries)]
pub struct TallyEntry {
    pub session_id: i64,
    pub member_id: i64,
    pub entry_no: i32,
    pub entered_by_user_id: i64,
    pub votes_excellent: i32,
    pub votes_good: i32,
    pub votes_completed: i32,
    pub votes_not_completed: i32,
    pub entered_at: NaiveDateTime,
}

impl TallyEntry {
    pub fn votes(&self) -> [i32; 4] {
        [
            self.votes_excellent,
            self.votes_good,
            self.votes_completed,
            self.votes_not_completed,
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::classification_results)]
pub struct Result_ {
    pub id: i64,
    pub cycle_id: i64,
    pub session_id: Option<i64>,
    pub member_id: i64,
    #[diesel(deserialize_as = String)]
    pub status: Status,
    pub level: Option<String>,
    pub cap: Option<String>,
    pub reasons: String,
    pub votes_excellent: i32,
    pub votes_good: i32,
    pub votes_completed: i32,
    pub votes_not_completed: i32,
    pub supplementary: bool,
    #[diesel(deserialize_as = String)]
    pub state: ResultState,
    pub cancelled_reason: Option<String>,
    pub cancelled_by: Option<String>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub replaces_id: Option<i64>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    /// M9 end: a `completed` member's shortcomings and the date to remedy them.
    pub shortcomings: Option<String>,
    pub remedy_by: Option<NaiveDate>,
}

pub struct NewResult<'a> {
    pub cycle_id: i64,
    pub session_id: Option<i64>,
    pub member_id: i64,
    pub status: Status,
    pub level: Option<&'a str>,
    pub cap: Option<&'a str>,
    pub reasons: &'a str,
    pub votes: [i32; 4],
    pub supplementary: bool,
    pub state: ResultState,
    pub replaces_id: Option<i64>,
    pub created_by: &'a str,
}

pub fn create(conn: &mut AnyConnection, n: &NewSession<'_>) -> QueryResult<i64> {
    let at = now();
    Ok(diesel::insert_into(vs::table)
        .values((
            vs::cycle_id.eq(n.cycle_id),
            vs::branch_id.eq(n.branch_id),
            vs::kind.eq(n.kind),
            vs::mode.eq(n.mode),
            vs::status.eq(SessionStatus::Open.as_str()),
            vs::held_on.eq(n.held_on),
            vs::outstanding_unit.eq(n.outstanding_unit),
            vs::opened_by.eq(n.opened_by),
            vs::created_at.eq(at),
            vs::updated_at.eq(at),
        ))
        .returning(vs::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Session>> {
    Ok(vs::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
        .optional()?)
}

/// Takes the session's row lock on PostgreSQL until the transaction ends (SQLite's
/// `BEGIN IMMEDIATE` already serialises writers), so that two finalizations or two ballots
/// cannot interleave.
pub fn lock(conn: &mut AnyConnection, id: i64) -> QueryResult<()> {
    lock_row(conn, "voting_sessions", id)
}

/// `SELECT … FOR UPDATE` of one row on PostgreSQL; nothing on SQLite.
fn lock_row(conn: &mut AnyConnection, table: &str, id: i64) -> QueryResult<()> {
    if let AnyConnection::Postgresql(c) = conn {
        diesel::sql_query(format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE"))
            .bind::<diesel::sql_types::BigInt, _>(id)
            .execute(c)?;
    }
    Ok(())
}

/// Takes the cycle's row lock on PostgreSQL until the transaction ends (SQLite's `BEGIN
/// IMMEDIATE` serialises writers): re-classifications of one cycle, one after the other, so
/// that each sees the quota the one before left (issue #13).
pub fn lock_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<()> {
    lock_row(conn, "review_cycles", cycle_id)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Session>> {
    Ok(vs::table
        .filter(vs::cycle_id.eq(cycle_id))
        .select(Session::as_select())
        .order(vs::id.asc())
        .load(conn)?)
}

pub fn set_status(conn: &mut AnyConnection, id: i64, status: SessionStatus) -> QueryResult<()> {
    diesel::update(vs::table.find(id))
        .set((vs::status.eq(status.as_str()), vs::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

/// Q3: records the superior's decision on the claimed outstanding achievements.
pub fn decide_outstanding(
    conn: &mut AnyConnection,
    id: i64,
    approved: bool,
    by: &str,
) -> QueryResult<()> {
    let at = now();
    diesel::update(vs::table.find(id))
        .set((
            vs::outstanding_decision.eq(if approved { "approved" } else { "refused" }),
            vs::outstanding_decided_by.eq(by),
            vs::outstanding_decided_at.eq(at),
            vs::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_finalized(conn: &mut AnyConnection, id: i64, by: &str) -> QueryResult<()> {
    let at = now();
    diesel::update(vs::table.find(id))
        .set((
            vs::status.eq(SessionStatus::Finalized.as_str()),
            vs::finalized_by.eq(by),
            vs::finalized_at.eq(at),
            vs::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_appraised(
    conn: &mut AnyConnection,
    id: i64,
    status: SessionStatus,
    by: &str,
    comment: Option<&str>,
) -> QueryResult<()> {
    let at = now();
    diesel::update(vs::table.find(id))
        .set((
            vs::status.eq(status.as_str()),
            vs::appraised_by.eq(by),
            vs::appraisal_comment.eq(comment),
            vs::appraised_at.eq(at),
            vs::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn add_roll(conn: &mut AnyConnection, entries: &[RollEntry]) -> QueryResult<()> {
    // One row at a time: a branch's roll is small, and batch inserts are not available on
    // the multi-backend connection.
    for e in entries {
        diesel::insert_into(sr::table)
            .values(e.clone())
            .execute(conn)?;
    }
    Ok(())
}

pub fn roll(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Vec<RollEntry>> {
    Ok(sr::table
        .filter(sr::session_id.eq(session_id))
        .select(RollEntry::as_select())
        .order(sr::member_id.asc())
        .load(conn)?)
}

pub fn update_roll(conn: &mut AnyConnection, e: &RollEntry) -> QueryResult<usize> {
    Ok(diesel::update(sr::table.find((e.session_id, e.member_id)))
        .set((
            sr::present.eq(e.present),
            sr::faults.eq(e.faults),
            sr::leader_unit_rating.eq(&e.leader_unit_rating),
            sr::leader_party_org_rating.eq(&e.leader_party_org_rating),
        ))
        .execute(conn)?)
}

pub fn tallies(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Vec<TallyEntry>> {
    Ok(te::table
        .filter(te::session_id.eq(session_id))
        .select(TallyEntry::as_select())
        .order((te::member_id.asc(), te::entry_no.asc()))
        .load(conn)?)
}

/// Writes (or rewrites) one entry of a member's tally.
pub fn put_tally(
    conn: &mut AnyConnection,
    session_id: i64,
    member_id: i64,
    entry_no: i32,
    user_id: i64,
    votes: [i32; 4],
) -> QueryResult<()> {
    diesel::delete(te::table.find((session_id, member_id, entry_no))).execute(conn)?;
    diesel::insert_into(te::table)
        .values((
            te::session_id.eq(session_id),
            te::member_id.eq(member_id),
            te::entry_no.eq(entry_no),
            te::entered_by_user_id.eq(user_id),
            te::votes_excellent.eq(votes[0]),
            te::votes_good.eq(votes[1]),
            te::votes_completed.eq(votes[2]),
            te::votes_not_completed.eq(votes[3]),
            te::entered_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn has_voted(conn: &mut AnyConnection, session_id: i64, member_id: i64) -> QueryResult<bool> {
    let n: i64 = bp::table
        .filter(bp::session_id.eq(session_id))
        .filter(bp::member_id.eq(member_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Records that the member voted and adds their ballot to the counts (issue #13: no ballot
/// is stored). `choices` holds each member's level as an index into [excellent, good,
/// completed, not_completed]; a ballot marks every member being classified, so every count
/// row of the session is written by every ballot. The caller holds the transaction and the
/// session's lock: the participation and the counts, or neither.
pub fn cast(
    conn: &mut AnyConnection,
    session_id: i64,
    member_id: i64,
    choices: &[(i64, usize)],
) -> QueryResult<()> {
    diesel::insert_into(bp::table)
        .values((bp::session_id.eq(session_id), bp::member_id.eq(member_id)))
        .execute(conn)?;
    let mut sorted = choices.to_vec();
    sorted.sort_unstable();
    for (member, level) in sorted {
        let mut counts = [0; 4];
        if let Some(c) = counts.get_mut(level) {
            *c = 1;
        }
        let row = bc::table.find((session_id, member));
        let updated = diesel::update(row)
            .set((
                bc::votes_excellent.eq(bc::votes_excellent + counts[0]),
                bc::votes_good.eq(bc::votes_good + counts[1]),
                bc::votes_completed.eq(bc::votes_completed + counts[2]),
                bc::votes_not_completed.eq(bc::votes_not_completed + counts[3]),
            ))
            .execute(conn)?;
        if updated == 0 {
            insert_counts(conn, session_id, member, counts)?;
        }
    }
    Ok(())
}

fn insert_counts(
    conn: &mut AnyConnection,
    session_id: i64,
    member_id: i64,
    votes: [i32; 4],
) -> QueryResult<()> {
    diesel::insert_into(bc::table)
        .values((
            bc::session_id.eq(session_id),
            bc::member_id.eq(member_id),
            bc::votes_excellent.eq(votes[0]),
            bc::votes_good.eq(votes[1]),
            bc::votes_completed.eq(votes[2]),
            bc::votes_not_completed.eq(votes[3]),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn participations(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Vec<i64>> {
    Ok(bp::table
        .filter(bp::session_id.eq(session_id))
        .select(bp::member_id)
        .order(bp::member_id.asc())
        .load(conn)?)
}

/// The electronic ballots counted so far: per member, the votes for each level.
pub fn ballot_counts(
    conn: &mut AnyConnection,
    session_id: i64,
) -> QueryResult<Vec<(i64, [i32; 4])>> {
    let rows: Vec<(i64, i32, i32, i32, i32)> = bc::table
        .filter(bc::session_id.eq(session_id))
        .select((
            bc::member_id,
            bc::votes_excellent,
            bc::votes_good,
            bc::votes_completed,
            bc::votes_not_completed,
        ))
        .order(bc::member_id.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(m, e, g, c, n)| (m, [e, g, c, n]))
        .collect())
}

/// At the close of electronic voting (issue #13): the participations and the counts are
/// rewritten in member order by the closing transaction, so that on PostgreSQL neither their
/// physical order (ctid) nor their transaction ids (xmin) follow the order of voting; SQLite
/// keeps both tables without rowid, ordered by (session, member).
pub fn seal(conn: &mut AnyConnection, session_id: i64) -> QueryResult<()> {
    let voters = participations(conn, session_id)?;
    let counts = ballot_counts(conn, session_id)?;
    diesel::delete(bp::table.filter(bp::session_id.eq(session_id))).execute(conn)?;
    diesel::delete(bc::table.filter(bc::session_id.eq(session_id))).execute(conn)?;
    for m in voters {
        diesel::insert_into(bp::table)
            .values((bp::session_id.eq(session_id), bp::member_id.eq(m)))
            .execute(conn)?;
    }
    for (m, votes) in counts {
        insert_counts(conn, session_id, m, votes)?;
    }
    Ok(())
}

/// After a seal, outside any transaction and best effort: PostgreSQL's vacuum removes the
/// dead row versions the voting left (each with its voter's transaction id); SQLite's
/// checkpoint empties the write-ahead log of the pages written during the voting
/// (`secure_delete` already zeroes what is deleted in the database file).
pub fn scrub_ballots(conn: &mut AnyConnection) -> QueryResult<()> {
    match conn {
        AnyConnection::Postgresql(c) => {
            diesel::sql_query("VACUUM ballot_participations, ballot_counts").execute(c)?;
        }
        AnyConnection::Sqlite(c) => {
            diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)").execute(c)?;
        }
    }
    Ok(())
}

pub fn add_result(conn: &mut AnyConnection, n: &NewResult<'_>) -> QueryResult<i64> {
    Ok(diesel::insert_into(cr::table)
        .values((
            cr::cycle_id.eq(n.cycle_id),
            cr::session_id.eq(n.session_id),
            cr::member_id.eq(n.member_id),
            cr::status.eq(n.status.as_str()),
            cr::level.eq(n.level),
            cr::cap.eq(n.cap),
            cr::reasons.eq(n.reasons),
            cr::votes_excellent.eq(n.votes[0]),
            cr::votes_good.eq(n.votes[1]),
            cr::votes_completed.eq(n.votes[2]),
            cr::votes_not_completed.eq(n.votes[3]),
            cr::supplementary.eq(n.supplementary),
            cr::state.eq(n.state.as_str()),
            cr::replaces_id.eq(n.replaces_id),
            cr::created_by.eq(n.created_by),
            cr::created_at.eq(now()),
        ))
        .returning(cr::id)
        .get_result(conn)?)
}

pub fn results_of_session(conn: &mut AnyConnection, session_id: i64) -> QueryResult<Vec<Result_>> {
    Ok(cr::table
        .filter(cr::session_id.eq(session_id))
        .select(Result_::as_select())
        .order(cr::id.asc())
        .load(conn)?)
}

/// Every result of a cycle (cancelled and returned ones too), oldest first.
pub fn results_of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Result_>> {
    Ok(cr::table
        .filter(cr::cycle_id.eq(cycle_id))
        .select(Result_::as_select())
        .order(cr::id.asc())
        .load(conn)?)
}

pub fn set_results_state(
    conn: &mut AnyConnection,
    session_id: i64,
    from: ResultState,
    to: ResultState,
) -> QueryResult<usize> {
    Ok(diesel::update(
        cr::table
            .filter(cr::session_id.eq(session_id))
            .filter(cr::state.eq(from.as_str())),
    )
    .set(cr::state.eq(to.as_str()))
    .execute(conn)?)
}

pub fn cancel_result(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    by: &str,
) -> QueryResult<usize> {
    // Only a standing approved result is cancelled (a concurrent re-classification that came
    // first leaves 0 rows: the caller answers 409).
    Ok(diesel::update(
        cr::table
            .find(id)
            .filter(cr::state.eq(ResultState::Approved.as_str())),
    )
    .set((
        cr::state.eq(ResultState::Cancelled.as_str()),
        cr::cancelled_reason.eq(reason),
        cr::cancelled_by.eq(by),
        cr::cancelled_at.eq(now()),
    ))
    .execute(conn)?)
}

/// Many approved results in one statement (the synthetic province): (cycle, member, level,
/// votes).
pub fn insert_results_many(
    conn: &mut AnyConnection,
    rows: &[(i64, i64, &str, [i32; 4])],
    by: &str,
) -> QueryResult<usize> {
    let at = now();
    let values: Vec<_> = rows
        .iter()
        .map(|(cycle, member, level, v)| {
            (
                cr::cycle_id.eq(*cycle),
                cr::member_id.eq(*member),
                cr::status.eq("classified"),
                cr::level.eq(Some(*level)),
                cr::reasons.eq("[\"M6\"]"),
                (
                    cr::votes_excellent.eq(v[0]),
                    cr::votes_good.eq(v[1]),
                    cr::votes_completed.eq(v[2]),
                    cr::votes_not_completed.eq(v[3]),
                ),
                cr::supplementary.eq(false),
                cr::state.eq(ResultState::Approved.as_str()),
                cr::created_by.eq(by),
                cr::created_at.eq(at),
            )
        })
        .collect();
    match conn {
        AnyConnection::Sqlite(c) => {
            Ok(diesel::insert_into(cr::table).values(&values).execute(c)?)
        }
        AnyConnection::Postgresql(c) => {
            Ok(diesel::insert_into(cr::table).values(&values).execute(c)?)
        }
    }
}

/// One group of active members under a path: their branch, and the standing result of the year
/// they share (all `None`: no standing result). `n` members.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct LevelCount {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub branch_id: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub status: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    pub level: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Bool>)]
    pub supplementary: Option<bool>,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

/// `cycle_id IN (…)` for ids read from the database (integers, nothing a user typed); no cycle
/// matches nothing.
fn cycle_list(cycle_ids: &[i64]) -> String {
    if cycle_ids.is_empty() {
        return "-1".into();
    }
    cycle_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The statistics' counts in the database (one `GROUP BY`, no member loaded): active, registered (not attached, M5) members of
/// the branches under `under`, grouped by branch and by their standing result in these cycles
/// (neither cancelled nor returned; a member with several — cycles of a district and of its
/// base — counts once, with the latest).
pub fn level_counts(
    conn: &mut AnyConnection,
    under: &str,
    cycle_ids: &[i64],
) -> QueryResult<Vec<LevelCount>> {
    Ok(diesel::sql_query(format!(
        "WITH s AS (SELECT member_id, MAX(id) AS id FROM classification_results \
           WHERE cycle_id IN ({cycles}) AND state NOT IN ('cancelled', 'returned') \
           GROUP BY member_id) \
         SELECT m.branch_id AS branch_id, r.status AS status, r.level AS level, \
           r.supplementary AS supplementary, COUNT(*) AS n \
         FROM members m JOIN organizations o ON o.id = m.branch_id \
         LEFT JOIN s ON s.member_id = m.id \
         LEFT JOIN classification_results r ON r.id = s.id \
         WHERE m.active AND NOT m.attached AND o.path LIKE $1 \
         GROUP BY m.branch_id, r.status, r.level, r.supplementary",
        cycles = cycle_list(cycle_ids)
    ))
    .bind::<diesel::sql_types::Text, _>(format!("{under}%"))
    .load(conn)?)
}

/// The same counts for a year the system held no cycle for, from the members' history (the
/// levels imported from the archives or recorded): active, registered members under `under`
/// by their branch today, those with no level that year not classified.
pub fn history_level_counts(
    conn: &mut AnyConnection,
    under: &str,
    year: i32,
) -> QueryResult<Vec<LevelCount>> {
    Ok(diesel::sql_query(
        "SELECT m.branch_id AS branch_id, \
           CASE WHEN h.level IS NULL THEN NULL ELSE 'classified' END AS status, \
           h.level AS level, CAST(NULL AS BOOLEAN) AS supplementary, COUNT(*) AS n \
         FROM members m JOIN organizations o ON o.id = m.branch_id \
         LEFT JOIN member_history h ON h.member_id = m.id AND h.year = $1 \
         WHERE m.active AND NOT m.attached AND o.path LIKE $2 \
         GROUP BY m.branch_id, h.level",
    )
    // In the order the text names them: SQLite numbers `$n` by their first appearance.
    .bind::<diesel::sql_types::Integer, _>(year)
    .bind::<diesel::sql_types::Text, _>(format!("{under}%"))
    .load(conn)?)
}

#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct CancelledCount {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub branch_id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub n: i64,
}

/// Cancelled results (M12) in these cycles of active members under `under`, per branch.
pub fn cancelled_counts(
    conn: &mut AnyConnection,
    under: &str,
    cycle_ids: &[i64],
) -> QueryResult<Vec<CancelledCount>> {
    Ok(diesel::sql_query(format!(
        "SELECT m.branch_id AS branch_id, COUNT(*) AS n \
         FROM classification_results r JOIN members m ON m.id = r.member_id \
         JOIN organizations o ON o.id = m.branch_id \
         WHERE r.cycle_id IN ({cycles}) AND r.state = 'cancelled' AND m.active \
           AND o.path LIKE $1 \
         GROUP BY m.branch_id",
        cycles = cycle_list(cycle_ids)
    ))
    .bind::<diesel::sql_types::Text, _>(format!("{under}%"))
    .load(conn)?)
}
