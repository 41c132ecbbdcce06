//! Review cycles and their plan of phases.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::schema::{cycle_phases as ph, organizations as o, review_cycles as c};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kiemdiem_domain::cycle::{PlannedPhase, Stage};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::review_cycles)]
pub struct Cycle {
    pub id: i64,
    pub organization_id: i64,
    pub year: i32,
    pub rule_set: String,
    pub rules_json: String,
    pub reference_date: NaiveDate,
    /// Parsed here, so that no caller compares stage names.
    #[diesel(deserialize_as = String)]
    pub stage: Stage,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::cycle_phases)]
pub struct Phase {
    pub id: i64,
    pub cycle_id: i64,
    pub position: i32,
    pub code: String,
    pub task: String,
    pub lead: String,
    pub recipient: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub stage: String,
    pub closed: bool,
    pub reopened_reason: Option<String>,
}

pub struct NewCycle<'a> {
    pub organization_id: i64,
    pub year: i32,
    pub rule_set: &'a str,
    pub rules_json: &'a str,
    pub reference_date: NaiveDate,
}

pub fn create(
    conn: &mut AnyConnection,
    new: NewCycle<'_>,
    plan: &[PlannedPhase],
) -> QueryResult<i64> {
    let at = now();
    let id: i64 = diesel::insert_into(c::table)
        .values((
            c::organization_id.eq(new.organization_id),
            c::year.eq(new.year),
            c::rule_set.eq(new.rule_set),
            c::rules_json.eq(new.rules_json),
            c::reference_date.eq(new.reference_date),
            c::stage.eq(Stage::SelfReview.as_str()),
            c::created_at.eq(at),
            c::updated_at.eq(at),
        ))
        .returning(c::id)
        .get_result(conn)?;
    for (i, p) in plan.iter().enumerate() {
        diesel::insert_into(ph::table)
            .values((
                ph::cycle_id.eq(id),
                ph::position.eq(i as i32 + 1),
                ph::code.eq(&p.code),
                ph::task.eq(&p.task),
                ph::lead.eq(&p.lead),
                ph::recipient.eq(&p.recipient),
                ph::starts_on.eq(p.starts_on),
                ph::ends_on.eq(p.ends_on),
                ph::stage.eq(p.stage.as_str()),
                ph::closed.eq(false),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// The cycle with its organisation's path.
pub fn get(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<(Cycle, String)>> {
    Ok(c::table
        .inner_join(o::table)
        .filter(c::id.eq(id))
        .select((Cycle::as_select(), o::path))
        .first(conn)
        .optional()?)
}

pub fn exists(conn: &mut AnyConnection, organization_id: i64, year: i32) -> QueryResult<bool> {
    Ok(c::table
        .filter(c::organization_id.eq(organization_id))
        .filter(c::year.eq(year))
        .select(c::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Cycles of organisations on one of `paths` (or whose subtree holds one of `within`).
pub fn list(
    conn: &mut AnyConnection,
    year: Option<i32>,
    organization_id: Option<i64>,
) -> QueryResult<Vec<(Cycle, String, String)>> {
    let mut q = c::table
        .inner_join(o::table)
        .select((Cycle::as_select(), o::path, o::name))
        .into_boxed();
    if let Some(y) = year {
        q = q.filter(c::year.eq(y));
    }
    if let Some(id) = organization_id {
        q = q.filter(c::organization_id.eq(id));
    }
    Ok(q.order((c::year.desc(), o::path.asc())).load(conn)?)
}

pub fn phases(conn: &mut AnyConnection, cycle_id: i64) -> QueryResult<Vec<Phase>> {
    Ok(ph::table
        .filter(ph::cycle_id.eq(cycle_id))
        .select(Phase::as_select())
        .order(ph::position.asc())
        .load(conn)?)
}

pub fn set_stage(conn: &mut AnyConnection, id: i64, stage: Stage) -> QueryResult<()> {
    diesel::update(c::table.find(id))
        .set((c::stage.eq(stage.as_str()), c::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub struct PhaseChange<'a> {
    pub task: Option<&'a str>,
    pub lead: Option<&'a str>,
    pub recipient: Option<&'a str>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

pub fn update_phase(conn: &mut AnyConnection, id: i64, ch: &PhaseChange<'_>) -> QueryResult<()> {
    let q = || diesel::update(ph::table.find(id));
    if let Some(v) = ch.task {
        q().set(ph::task.eq(v)).execute(conn)?;
    }
    if let Some(v) = ch.lead {
        q().set(ph::lead.eq(v)).execute(conn)?;
    }
    if let Some(v) = ch.recipient {
        q().set(ph::recipient.eq(v)).execute(conn)?;
    }
    if let Some(v) = ch.starts_on {
        q().set(ph::starts_on.eq(v)).execute(conn)?;
    }
    if let Some(v) = ch.ends_on {
        q().set(ph::ends_on.eq(v)).execute(conn)?;
    }
    Ok(())
}

/// Closes or reopens a phase; a reopening records its reason.
pub fn set_closed(
    conn: &mut AnyConnection,
    id: i64,
    closed: bool,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::update(ph::table.find(id))
        .set((ph::closed.eq(closed), ph::reopened_reason.eq(reason)))
        .execute(conn)?;
    Ok(())
}
