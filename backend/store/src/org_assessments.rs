//! Organisations' yearly classification sheets (O1, O3, O4).

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::org_assessments as a;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kiemdiem_domain::organization::AssessmentStatus;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::org_assessments)]
pub struct Assessment {
    pub id: i64,
    pub year: i32,
    pub organization_id: i64,
    pub cycle_id: i64,
    pub self_points: String,
    pub self_total: i32,
    pub superior_points: Option<String>,
    pub superior_total: Option<i32>,
    pub level: String,
    pub exemplary: bool,
    pub unit_rating: Option<String>,
    #[diesel(deserialize_as = String)]
    pub status: AssessmentStatus,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

pub fn find(
    conn: &mut AnyConnection,
    year: i32,
    organization_id: i64,
) -> QueryResult<Option<Assessment>> {
    Ok(a::table
        .filter(a::year.eq(year))
        .filter(a::organization_id.eq(organization_id))
        .select(Assessment::as_select())
        .first(conn)
        .optional()?)
}

pub fn of_year(conn: &mut AnyConnection, year: i32, ids: &[i64]) -> QueryResult<Vec<Assessment>> {
    Ok(a::table
        .filter(a::year.eq(year))
        .filter(a::organization_id.eq_any(ids))
        .select(Assessment::as_select())
        .load(conn)?)
}

/// The organisation's own sheet: written, or rewritten while the superior has not reviewed it.
#[allow(clippy::too_many_arguments)]
pub fn put_self(
    conn: &mut AnyConnection,
    year: i32,
    organization_id: i64,
    cycle_id: i64,
    points: &str,
    total: i32,
    level: &str,
    unit_rating: Option<&str>,
    by: &str,
) -> QueryResult<()> {
    let at = now();
    match find(conn, year, organization_id)? {
        Some(x) => {
            diesel::update(a::table.find(x.id))
                .set((
                    a::self_points.eq(points),
                    a::self_total.eq(total),
                    a::level.eq(level),
                    a::unit_rating.eq(unit_rating),
                    a::updated_by.eq(by),
                    a::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(a::table)
                .values((
                    a::year.eq(year),
                    a::organization_id.eq(organization_id),
                    a::cycle_id.eq(cycle_id),
                    a::self_points.eq(points),
                    a::self_total.eq(total),
                    a::level.eq(level),
                    a::exemplary.eq(false),
                    a::unit_rating.eq(unit_rating),
                    a::status.eq(AssessmentStatus::Submitted.as_str()),
                    a::updated_by.eq(by),
                    a::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The superior's points decide the level.
#[allow(clippy::too_many_arguments)]
pub fn review(
    conn: &mut AnyConnection,
    id: i64,
    points: &str,
    total: i32,
    level: &str,
    exemplary: bool,
    unit_rating: Option<&str>,
    by: &str,
) -> QueryResult<()> {
    diesel::update(a::table.find(id))
        .set((
            a::superior_points.eq(points),
            a::superior_total.eq(total),
            a::level.eq(level),
            a::exemplary.eq(exemplary),
            a::unit_rating.eq(unit_rating),
            a::status.eq(AssessmentStatus::Reviewed.as_str()),
            a::updated_by.eq(by),
            a::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// O5: a cancelled recognition, the earlier result kept.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::org_recognition_cancellations)]
pub struct Cancellation {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub earlier_level: String,
    pub earlier_exemplary: bool,
    pub level: String,
    pub exemplary: bool,
    pub reason: String,
    pub decision_number: String,
    pub decided_on: chrono::NaiveDate,
    pub decided_by: String,
    pub recorded_at: NaiveDateTime,
}

pub struct NewCancellation<'a> {
    pub assessment_id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub earlier_level: &'a str,
    pub earlier_exemplary: bool,
    pub level: &'a str,
    pub exemplary: bool,
    pub reason: &'a str,
    pub decision_number: &'a str,
    pub decided_on: chrono::NaiveDate,
    pub by: &'a str,
}

/// O5: the assessment given the decided level (its points kept) and the decision recorded;
/// false, nothing written, when the assessment no longer holds the earlier result (another
/// decision came first: one statement, so parallel decisions cannot both apply).
pub fn cancel_recognition(conn: &mut AnyConnection, n: &NewCancellation<'_>) -> QueryResult<bool> {
    use crate::schema::org_recognition_cancellations as c;
    let at = now();
    let changed = diesel::update(
        a::table
            .find(n.assessment_id)
            .filter(a::level.eq(n.earlier_level))
            .filter(a::exemplary.eq(n.earlier_exemplary)),
    )
    .set((
        a::level.eq(n.level),
        a::exemplary.eq(n.exemplary),
        a::updated_by.eq(n.by),
        a::updated_at.eq(at),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Ok(false);
    }
    diesel::insert_into(c::table)
        .values((
            c::organization_id.eq(n.organization_id),
            c::year.eq(n.year),
            c::earlier_level.eq(n.earlier_level),
            c::earlier_exemplary.eq(n.earlier_exemplary),
            c::level.eq(n.level),
            c::exemplary.eq(n.exemplary),
            c::reason.eq(n.reason),
            c::decision_number.eq(n.decision_number),
            c::decided_on.eq(n.decided_on),
            c::decided_by.eq(n.by),
            c::recorded_at.eq(at),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn cancellations(
    conn: &mut AnyConnection,
    organization_id: i64,
    year: i32,
) -> QueryResult<Vec<Cancellation>> {
    use crate::schema::org_recognition_cancellations as c;
    Ok(c::table
        .filter(c::organization_id.eq(organization_id))
        .filter(c::year.eq(year))
        .select(Cancellation::as_select())
        .order(c::id.asc())
        .load(conn)?)
}
