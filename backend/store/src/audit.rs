//! The audit log: who did what to which entity, before and after, when, from where.

use crate::QueryResult;
use crate::db::AnyConnection;
use crate::organizations::now;
use crate::planned::each_time;
use crate::schema::audit_log as a;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub organization_path: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::audit_log)]
pub struct Record {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub organization_path: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

pub fn record(conn: &mut AnyConnection, e: Entry) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values((
            a::occurred_at.eq(now()),
            a::actor_user_id.eq(e.actor_user_id),
            a::actor.eq(e.actor),
            a::action.eq(e.action),
            a::entity_type.eq(e.entity_type),
            a::entity_id.eq(e.entity_id),
            a::organization_path.eq(e.organization_path),
            a::before_json.eq(e.before.map(|v| v.to_string())),
            a::after_json.eq(e.after.map(|v| v.to_string())),
            a::request_id.eq(e.request_id),
            a::client_addr.eq(e.client_addr),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// `None`: everything (admin). Otherwise entries under one of these paths.
    pub scopes: Option<Vec<String>>,
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub actor_user_id: Option<i64>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
}

pub fn list(
    conn: &mut AnyConnection,
    f: &AuditFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Record>, i64)> {
    if f.scopes.as_ref().is_some_and(Vec::is_empty) {
        return Ok((Vec::new(), 0));
    }
    let build = || {
        let mut q = a::table.into_boxed();
        if let Some(scopes) = &f.scopes {
            // An empty scope sees nothing: the caller returns early (see below).
            let mut cond: Box<
                dyn BoxableExpression<
                        a::table,
                        _,
                        SqlType = diesel::sql_types::Nullable<diesel::sql_types::Bool>,
                    >,
            > = Box::new(each_time(
                a::organization_path
                    .like(format!("{}%", scopes.first().map_or("", |s| s.as_str()))),
            ));
            for s in scopes.iter().skip(1) {
                cond = Box::new(cond.or(each_time(a::organization_path.like(format!("{s}%")))));
            }
            q = q.filter(cond.assume_not_null());
        }
        if let Some(action) = &f.action {
            q = q.filter(a::action.eq(action.clone()));
        }
        if let Some(t) = &f.entity_type {
            q = q.filter(a::entity_type.eq(t.clone()));
        }
        if let Some(id) = f.actor_user_id {
            q = q.filter(a::actor_user_id.eq(id));
        }
        if let Some(from) = f.from {
            q = q.filter(a::occurred_at.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter(a::occurred_at.lt(to));
        }
        q
    };
    let total = build().count().get_result(conn)?;
    let rows = build()
        .select(Record::as_select())
        .order(a::id.desc())
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    Ok((rows, total))
}
