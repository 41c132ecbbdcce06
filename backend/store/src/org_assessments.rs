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
