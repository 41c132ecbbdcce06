//! Points assessments (RULES-2025.md S2, S9, S10): a member's own points per item for the year
//! or a quarter, and the appraisal of them.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::point_assessments as a;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kiemdiem_domain::points::{AssessmentStatus, Frame};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::point_assessments)]
pub struct Assessment {
    pub id: i64,
    pub cycle_id: i64,
    pub member_id: i64,
    pub period: i32,
    #[diesel(deserialize_as = String)]
    pub frame: Frame,
    #[diesel(deserialize_as = String)]
    pub status: AssessmentStatus,
    pub on_behalf: bool,
    /// JSON `{item: tenths}`.
    pub self_points: String,
    pub tasks_assigned: i32,
    pub tasks_done: i32,
    pub tasks_on_time: i32,
    pub tasks_exceeded: i32,
    pub shortcomings_prior: i32,
    pub shortcomings_remedied: i32,
    pub narrative: String,
    pub proposed_level: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub appraised_points: Option<String>,
    /// JSON arrays of fact codes.
    pub facts: String,
    pub mitigated: String,
    pub appraised_level: Option<String>,
    pub appraisal_note: Option<String>,
    pub appraised_by: Option<String>,
    pub appraised_at: Option<NaiveDateTime>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Assessment {
    /// The year's tasks: assigned, done, on time, exceeded (S4).
    pub fn tasks(&self) -> [i32; 4] {
        [
            self.tasks_assigned,
            self.tasks_done,
            self.tasks_on_time,
            self.tasks_exceeded,
        ]
    }

    /// Shortcomings named at the previous review, and those remedied (S5).
    pub fn shortcomings(&self) -> [i32; 2] {
        [self.shortcomings_prior, self.shortcomings_remedied]
    }
}

/// The person's own part of the form.
pub struct SelfPart<'a> {
    pub frame: Frame,
    pub on_behalf: bool,
    pub self_points: &'a str,
    /// assigned, done, on time, exceeded.
    pub tasks: [i32; 4],
    /// prior, remedied.
    pub shortcomings: [i32; 2],
    pub narrative: &'a str,
    pub proposed_level: Option<&'a str>,
    pub submit: bool,
}

/// The appraising body's part.
pub struct AppraisalPart<'a> {
    pub appraised_points: &'a str,
    pub facts: &'a str,
    pub mitigated: &'a str,
    pub appraised_level: Option<&'a str>,
    pub note: Option<&'a str>,
    pub by: &'a str,
}

pub fn find(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    period: i32,
) -> QueryResult<Option<Assessment>> {
    Ok(a::table
        .filter(a::cycle_id.eq(cycle_id))
        .filter(a::member_id.eq(member_id))
        .filter(a::period.eq(period))
        .select(Assessment::as_select())
        .first(conn)
        .optional()?)
}

/// Every assessment of a cycle, all periods.
pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Assessment>> {
    Ok(a::table
        .filter(a::cycle_id.eq(cycle_id))
        .order((a::member_id, a::period))
        .select(Assessment::as_select())
        .load(conn)?)
}

/// A member's assessments of a cycle, the year first, then the quarters.
pub fn of_member(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
) -> QueryResult<Vec<Assessment>> {
    Ok(a::table
        .filter(a::cycle_id.eq(cycle_id))
        .filter(a::member_id.eq(member_id))
        .order(a::period)
        .select(Assessment::as_select())
        .load(conn)?)
}

/// Writes the person's part while it is a draft (or creates it when `current`, the row as the
/// caller read it, is none); 0 rows when it was submitted or saved by someone else since.
pub fn put_self(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    period: i32,
    current: Option<&Assessment>,
    s: &SelfPart<'_>,
) -> QueryResult<usize> {
    let at = now();
    let status = if s.submit {
        AssessmentStatus::Submitted
    } else {
        AssessmentStatus::Draft
    };
    let submitted_at = s.submit.then_some(at);
    let [assigned, done, on_time, exceeded] = s.tasks;
    let [prior, remedied] = s.shortcomings;
    let values = (
        a::frame.eq(s.frame.as_str()),
        a::status.eq(status.as_str()),
        a::on_behalf.eq(s.on_behalf),
        a::self_points.eq(s.self_points),
        a::tasks_assigned.eq(assigned),
        a::tasks_done.eq(done),
        a::tasks_on_time.eq(on_time),
        a::tasks_exceeded.eq(exceeded),
        a::shortcomings_prior.eq(prior),
        a::shortcomings_remedied.eq(remedied),
        a::narrative.eq(s.narrative),
        a::proposed_level.eq(s.proposed_level),
        a::submitted_at.eq(submitted_at),
        a::updated_at.eq(at),
    );
    let Some(current) = current else {
        return Ok(diesel::insert_into(a::table)
            .values((
                a::cycle_id.eq(cycle_id),
                a::member_id.eq(member_id),
                a::period.eq(period),
                a::facts.eq("[]"),
                a::mitigated.eq("[]"),
                a::created_at.eq(at),
                values,
            ))
            .execute(conn)?);
    };
    Ok(diesel::update(
        a::table
            .find(current.id)
            .filter(a::updated_at.eq(current.updated_at))
            .filter(a::status.eq(AssessmentStatus::Draft.as_str())),
    )
    .set(values)
    .execute(conn)?)
}

/// Records the appraisal of a submitted (or already appraised) assessment; 0 rows otherwise.
pub fn appraise(conn: &mut AnyConnection, id: i64, p: &AppraisalPart<'_>) -> QueryResult<usize> {
    set_appraisal(
        conn,
        id,
        p,
        &[AssessmentStatus::Submitted, AssessmentStatus::Appraised],
        AssessmentStatus::Appraised,
    )
}

/// A re-rating's appraisal (Mẫu 03) of a decided assessment, which stays decided; 0 rows
/// otherwise.
pub fn reappraise(conn: &mut AnyConnection, id: i64, p: &AppraisalPart<'_>) -> QueryResult<usize> {
    set_appraisal(
        conn,
        id,
        p,
        &[AssessmentStatus::Decided],
        AssessmentStatus::Decided,
    )
}

fn set_appraisal(
    conn: &mut AnyConnection,
    id: i64,
    p: &AppraisalPart<'_>,
    from: &[AssessmentStatus],
    to: AssessmentStatus,
) -> QueryResult<usize> {
    let at = now();
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    Ok(
        diesel::update(a::table.find(id).filter(a::status.eq_any(from)))
            .set((
                a::status.eq(to.as_str()),
                a::appraised_points.eq(p.appraised_points),
                a::facts.eq(p.facts),
                a::mitigated.eq(p.mitigated),
                a::appraised_level.eq(p.appraised_level),
                a::appraisal_note.eq(p.note),
                a::appraised_by.eq(p.by),
                a::appraised_at.eq(at),
                a::updated_at.eq(at),
            ))
            .execute(conn)?,
    )
}

/// The competent level's decision on a year's form (S10), with the reason of a level it chose.
pub fn decide(
    conn: &mut AnyConnection,
    cycle_id: i64,
    member_id: i64,
    reason: Option<&str>,
    by: &str,
) -> QueryResult<usize> {
    let at = now();
    // A draft (the member had not submitted: S3 pending) stays a draft.
    Ok(diesel::update(
        a::table
            .filter(a::cycle_id.eq(cycle_id))
            .filter(a::member_id.eq(member_id))
            .filter(a::period.eq(0))
            .filter(a::status.ne(AssessmentStatus::Draft.as_str())),
    )
    .set((
        a::status.eq(AssessmentStatus::Decided.as_str()),
        a::decision_reason.eq(reason),
        a::decided_by.eq(by),
        a::decided_at.eq(at),
        a::updated_at.eq(at),
    ))
    .execute(conn)?)
}

/// S7: the quota groups the competent level defined for a cycle, `member id → group name`.
pub fn quota_groups(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> QueryResult<std::collections::HashMap<i64, String>> {
    use crate::schema::point_quota_groups as g;
    Ok(g::table
        .filter(g::cycle_id.eq(cycle_id))
        .select((g::member_id, g::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// S7: replaces the cycle's quota groups by these `(member id, group name)`.
pub fn set_quota_groups(
    conn: &mut AnyConnection,
    cycle_id: i64,
    groups: &[(i64, &str)],
) -> QueryResult<()> {
    use crate::schema::point_quota_groups as g;
    diesel::delete(g::table.filter(g::cycle_id.eq(cycle_id))).execute(conn)?;
    for (member_id, name) in groups {
        diesel::insert_into(g::table)
            .values((
                g::cycle_id.eq(cycle_id),
                g::member_id.eq(*member_id),
                g::name.eq(*name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// S10 step 2: the branch meeting on a member's form, as its committee records it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::point_branch_reviews)]
pub struct BranchReview {
    pub assessment_id: i64,
    pub opinion: String,
    pub proposed_level: Option<String>,
    pub reviewed_by: String,
    pub reviewed_at: NaiveDateTime,
    pub vote_counted: Option<i32>,
    pub vote_excellent: Option<i32>,
    pub vote_good: Option<i32>,
    pub vote_completed: Option<i32>,
    pub vote_not_completed: Option<i32>,
}

impl BranchReview {
    /// The vote's tally (M6's D, then the votes for excellent, good, completed, not completed),
    /// when one was recorded.
    pub fn vote(&self) -> Option<(i32, [i32; 4])> {
        Some((
            self.vote_counted?,
            [
                self.vote_excellent?,
                self.vote_good?,
                self.vote_completed?,
                self.vote_not_completed?,
            ],
        ))
    }
}

pub fn branch_review(
    conn: &mut AnyConnection,
    assessment_id: i64,
) -> QueryResult<Option<BranchReview>> {
    use crate::schema::point_branch_reviews as r;
    Ok(r::table
        .find(assessment_id)
        .select(BranchReview::as_select())
        .first(conn)
        .optional()?)
}

/// The branch meetings' records on the forms of a cycle, by assessment.
pub fn branch_reviews_of_cycle(
    conn: &mut AnyConnection,
    cycle_id: i64,
) -> QueryResult<Vec<BranchReview>> {
    use crate::schema::point_assessments as a;
    use crate::schema::point_branch_reviews as r;
    Ok(r::table
        .inner_join(a::table)
        .filter(a::cycle_id.eq(cycle_id))
        .select(BranchReview::as_select())
        .load(conn)?)
}

/// Records (or records again) the branch meeting's opinions, proposal and vote on a form.
pub fn put_branch_review(
    conn: &mut AnyConnection,
    assessment_id: i64,
    opinion: &str,
    proposed_level: Option<&str>,
    vote: Option<(i32, [i32; 4])>,
    by: &str,
) -> QueryResult<()> {
    use crate::schema::point_branch_reviews as r;
    let at = now();
    let (counted, [e, g, c, n]) = match vote {
        Some((d, v)) => (Some(d), v.map(Some)),
        None => (None, [None; 4]),
    };
    diesel::delete(r::table.find(assessment_id)).execute(conn)?;
    diesel::insert_into(r::table)
        .values((
            r::assessment_id.eq(assessment_id),
            r::opinion.eq(opinion),
            r::proposed_level.eq(proposed_level),
            r::reviewed_by.eq(by),
            r::reviewed_at.eq(at),
            r::vote_counted.eq(counted),
            r::vote_excellent.eq(e),
            r::vote_good.eq(g),
            r::vote_completed.eq(c),
            r::vote_not_completed.eq(n),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records the competent level's decision on a points year (once: the key is the cycle).
pub fn record_decision(
    conn: &mut AnyConnection,
    cycle_id: i64,
    outstanding: bool,
    by: &str,
) -> QueryResult<()> {
    use crate::schema::points_decisions as d;
    diesel::insert_into(d::table)
        .values((
            d::cycle_id.eq(cycle_id),
            d::outstanding.eq(outstanding),
            d::decided_by.eq(by),
            d::decided_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether the year's decision raised the quota for outstanding results; none before it.
pub fn decision_outstanding(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Option<bool>> {
    use crate::schema::points_decisions as d;
    Ok(d::table
        .find(cycle_id)
        .select(d::outstanding)
        .first(conn)
        .optional()?)
}
