//! Collectives' points assessments (RULES-2025.md C1–C3): a party organisation's own points on
//! frame F1, the appraisal of the committee above, and its decision.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::org_point_assessments as a;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kiemdiem_domain::points::AssessmentStatus;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::org_point_assessments)]
pub struct OrgAssessment {
    pub id: i64,
    pub cycle_id: i64,
    pub organization_id: i64,
    #[diesel(deserialize_as = String)]
    pub status: AssessmentStatus,
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
    pub submitted_by: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub appraised_points: Option<String>,
    /// JSON arrays of fact codes.
    pub facts: String,
    pub mitigated: String,
    pub appraisal_note: Option<String>,
    pub appraised_by: Option<String>,
    pub appraised_at: Option<NaiveDateTime>,
    pub decided_level: Option<String>,
    /// `a,b,c` rule ids.
    pub decided_reasons: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// C3: the decision counted the quota raised for outstanding results.
    pub decided_outstanding: bool,
}

impl OrgAssessment {
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

/// The collective's own part of the form (Mẫu 01's figures).
pub struct SelfPart<'a> {
    pub self_points: &'a str,
    /// assigned, done, on time, exceeded.
    pub tasks: [i32; 4],
    /// prior, remedied.
    pub shortcomings: [i32; 2],
    pub narrative: &'a str,
    pub proposed_level: Option<&'a str>,
    pub submit: bool,
    pub by: &'a str,
}

pub fn find(
    conn: &mut AnyConnection,
    cycle_id: i64,
    organization_id: i64,
) -> QueryResult<Option<OrgAssessment>> {
    Ok(a::table
        .filter(a::cycle_id.eq(cycle_id))
        .filter(a::organization_id.eq(organization_id))
        .select(OrgAssessment::as_select())
        .first(conn)
        .optional()?)
}

pub fn of_cycle(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<OrgAssessment>> {
    Ok(a::table
        .filter(a::cycle_id.eq(cycle_id))
        .order(a::organization_id)
        .select(OrgAssessment::as_select())
        .load(conn)?)
}

/// The decided levels of collectives of these cycles: (organisation id, level).
pub fn decided_levels(
    conn: &mut AnyConnection,
    cycle_ids: &[i64],
) -> QueryResult<Vec<(i64, String)>> {
    Ok(a::table
        .filter(a::cycle_id.eq_any(cycle_ids))
        .filter(a::decided_level.is_not_null())
        .select((a::organization_id, a::decided_level.assume_not_null()))
        .load(conn)?)
}

/// Writes the collective's part while it is a draft (or creates it when `current`, the row as
/// read, is none); 0 rows when it was submitted or changed since.
pub fn put_self(
    conn: &mut AnyConnection,
    cycle_id: i64,
    organization_id: i64,
    current: Option<&OrgAssessment>,
    s: &SelfPart<'_>,
) -> QueryResult<usize> {
    let at = now();
    let status = if s.submit {
        AssessmentStatus::Submitted
    } else {
        AssessmentStatus::Draft
    };
    let [assigned, done, on_time, exceeded] = s.tasks;
    let [prior, remedied] = s.shortcomings;
    let values = (
        a::status.eq(status.as_str()),
        a::self_points.eq(s.self_points),
        a::tasks_assigned.eq(assigned),
        a::tasks_done.eq(done),
        a::tasks_on_time.eq(on_time),
        a::tasks_exceeded.eq(exceeded),
        a::shortcomings_prior.eq(prior),
        a::shortcomings_remedied.eq(remedied),
        a::narrative.eq(s.narrative),
        a::proposed_level.eq(s.proposed_level),
        a::submitted_by.eq(s.submit.then_some(s.by)),
        a::submitted_at.eq(s.submit.then_some(at)),
        a::updated_at.eq(at),
    );
    let Some(current) = current else {
        return Ok(diesel::insert_into(a::table)
            .values((
                a::cycle_id.eq(cycle_id),
                a::organization_id.eq(organization_id),
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

/// The appraisal of the committee above.
pub struct AppraisalPart<'a> {
    pub appraised_points: &'a str,
    pub facts: &'a str,
    pub mitigated: &'a str,
    pub note: Option<&'a str>,
    pub by: &'a str,
}

/// Records the appraisal of a submitted (or already appraised) form; 0 rows otherwise.
pub fn appraise(conn: &mut AnyConnection, id: i64, p: &AppraisalPart<'_>) -> QueryResult<usize> {
    let at = now();
    Ok(diesel::update(a::table.find(id).filter(a::status.eq_any([
        AssessmentStatus::Submitted.as_str(),
        AssessmentStatus::Appraised.as_str(),
    ])))
    .set((
        a::status.eq(AssessmentStatus::Appraised.as_str()),
        a::appraised_points.eq(p.appraised_points),
        a::facts.eq(p.facts),
        a::mitigated.eq(p.mitigated),
        a::appraisal_note.eq(p.note),
        a::appraised_by.eq(p.by),
        a::appraised_at.eq(at),
        a::updated_at.eq(at),
    ))
    .execute(conn)?)
}

/// The competent level's decision on a collective (C2, C3): once; 0 rows when decided.
pub fn decide(
    conn: &mut AnyConnection,
    id: i64,
    level: &str,
    reasons: &str,
    reason: Option<&str>,
    outstanding: bool,
    by: &str,
) -> QueryResult<usize> {
    let at = now();
    Ok(diesel::update(
        a::table
            .find(id)
            .filter(a::status.ne(AssessmentStatus::Decided.as_str())),
    )
    .set((
        a::status.eq(AssessmentStatus::Decided.as_str()),
        a::decided_level.eq(level),
        a::decided_reasons.eq(reasons),
        a::decision_reason.eq(reason),
        a::decided_outstanding.eq(outstanding),
        a::decided_by.eq(by),
        a::decided_at.eq(at),
        a::updated_at.eq(at),
    ))
    .execute(conn)?)
}

/// An earlier decision on a collective that a re-rating replaced (Mẫu 03).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::org_point_reratings)]
pub struct Rerating {
    pub id: i64,
    pub assessment_id: i64,
    pub previous_level: String,
    pub previous_reasons: String,
    /// JSON `{item: tenths}`: the points the earlier decision rested on.
    pub previous_points: String,
    pub previous_facts: String,
    pub level: String,
    pub reason: String,
    pub rerated_by: String,
    pub rerated_at: NaiveDateTime,
}

/// The re-ratings of a collective's form, oldest first.
pub fn reratings(conn: &mut AnyConnection, assessment_id: i64) -> QueryResult<Vec<Rerating>> {
    use crate::schema::org_point_reratings as r;
    Ok(r::table
        .filter(r::assessment_id.eq(assessment_id))
        .order(r::id.asc())
        .select(Rerating::as_select())
        .load(conn)?)
}

/// The new decision of a re-rating.
pub struct RerateDecision<'a> {
    pub appraised_points: &'a str,
    pub facts: &'a str,
    pub mitigated: &'a str,
    pub level: &'a str,
    pub reasons: &'a str,
    pub reason: &'a str,
    pub by: &'a str,
}

/// Re-rates a decided form: the standing decision (and the appraisal it rested on) is kept as
/// a re-rating's `previous_*`, the form carries the new appraisal and decision. 0 rows when
/// the form is not decided (the caller holds the cycle's lock).
pub fn rerate(
    conn: &mut AnyConnection,
    before: &OrgAssessment,
    d: &RerateDecision<'_>,
) -> QueryResult<usize> {
    use crate::schema::org_point_reratings as r;
    let at = now();
    let n = diesel::update(
        a::table
            .find(before.id)
            .filter(a::status.eq(AssessmentStatus::Decided.as_str())),
    )
    .set((
        a::appraised_points.eq(d.appraised_points),
        a::facts.eq(d.facts),
        a::mitigated.eq(d.mitigated),
        a::decided_level.eq(d.level),
        a::decided_reasons.eq(d.reasons),
        a::decision_reason.eq(d.reason),
        a::decided_by.eq(d.by),
        a::decided_at.eq(at),
        a::updated_at.eq(at),
    ))
    .execute(conn)?;
    if n == 1 {
        diesel::insert_into(r::table)
            .values((
                r::assessment_id.eq(before.id),
                r::previous_level.eq(before.decided_level.as_deref().unwrap_or_default()),
                r::previous_reasons.eq(before.decided_reasons.as_deref().unwrap_or_default()),
                r::previous_points.eq(before
                    .appraised_points
                    .as_deref()
                    .unwrap_or(&before.self_points)),
                r::previous_facts.eq(&before.facts),
                r::level.eq(d.level),
                r::reason.eq(d.reason),
                r::rerated_by.eq(d.by),
                r::rerated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(n)
}
