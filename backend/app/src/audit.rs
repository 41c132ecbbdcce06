//! The audit log's one writer (issue #14): every use case that changes something records it
//! through [`Audit`], so who did what to which record, where, before and after, is written the
//! same way everywhere (the actor, the request id and the client's address from the [`Actor`]).
//!
//! Read back, newest first, by administrators (everything) and committees (their subtree):
//! [`list`].
//!
//! ```text
//! p.audit("create", "user").id(user.id).org(path).after(&user).record(conn)?;
//! ```

use crate::{Actor, AppError};
use chrono::{DateTime, Utc};
use kiemdiem_store::AnyConnection;
use kiemdiem_store::audit::{self, AuditFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An audit entry being filled in; nothing is written until [`Audit::record`].
#[must_use = "an audit entry is written only by .record(conn)"]
#[derive(Debug)]
pub struct Audit(audit::Entry);

impl Audit {
    /// What `actor` did (`action`) to a kind of record (`entity_type`).
    pub fn new(actor: &Actor, action: &str, entity_type: &str) -> Audit {
        Audit(audit::Entry {
            actor_user_id: actor.user_id,
            actor: actor.actor(),
            action: action.into(),
            entity_type: entity_type.into(),
            request_id: actor.request_id.clone(),
            client_addr: actor.client_addr.clone(),
            ..Default::default()
        })
    }

    /// What someone not (yet) authenticated did, as named: a login, a failed login, a logout.
    pub fn by(actor: &str, user_id: Option<i64>, action: &str, entity_type: &str) -> Audit {
        Audit(audit::Entry {
            actor_user_id: user_id,
            actor: actor.into(),
            action: action.into(),
            entity_type: entity_type.into(),
            ..Default::default()
        })
    }

    /// The request the entry came from: its id and the client's address.
    pub fn request(mut self, request_id: Option<String>, client_addr: Option<String>) -> Audit {
        self.0.request_id = request_id;
        self.0.client_addr = client_addr;
        self
    }

    /// The record's id (a number, or a composite such as `org/year`).
    pub fn id(mut self, id: impl ToString) -> Audit {
        self.0.entity_id = Some(id.to_string());
        self
    }

    /// The organisation the record belongs to (its path), which scopes who reads the entry.
    pub fn org(mut self, path: impl Into<Option<String>>) -> Audit {
        self.0.organization_path = path.into();
        self
    }

    /// The record as it was.
    pub fn before(mut self, value: &impl Serialize) -> Audit {
        self.0.before = serde_json::to_value(value).ok();
        self
    }

    /// The record as it is now.
    pub fn after(mut self, value: &impl Serialize) -> Audit {
        self.0.after = serde_json::to_value(value).ok();
        self
    }

    /// Writes the entry in the caller's transaction: it commits with the change it records,
    /// or not at all.
    pub fn record(self, conn: &mut AnyConnection) -> Result<(), AppError> {
        audit::record(conn, self.0)?;
        Ok(())
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    /// e.g. login, login_failed, refresh_reuse, logout, create, update, delete, grant_role.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub actor_user_id: Option<i64>,
    /// From this instant (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (exclusive).
    pub to: Option<DateTime<Utc>>,
    #[param(minimum = 1)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

fn parse(s: Option<String>) -> Option<serde_json::Value> {
    s.and_then(|s| serde_json::from_str(&s).ok())
}

/// Administrators and committees read the audit log; nobody else (403, before anything else
/// about the request is judged).
pub fn may_read(p: &Actor) -> Result<(), AppError> {
    if p.access.admin_scopes().as_ref().is_some_and(Vec::is_empty) {
        return Err(AppError::forbidden(
            "Chỉ quản trị viên và cấp ủy được xem nhật ký",
        ));
    }
    Ok(())
}

/// A page of the audit log the actor may read, newest first: an administrator everything, a
/// committee the entries of its subtree; nobody else.
pub fn list(
    conn: &mut AnyConnection,
    p: &Actor,
    q: AuditQuery,
    page: i64,
    per_page: i64,
) -> Result<AuditPage, AppError> {
    may_read(p)?;
    let filter = AuditFilter {
        scopes: p.access.admin_scopes(),
        action: q.action,
        entity_type: q.entity_type,
        actor_user_id: q.actor_user_id,
        from: q.from.map(|d| d.naive_utc()),
        to: q.to.map(|d| d.naive_utc()),
    };
    let (rows, total) = audit::list(conn, &filter, per_page, (page - 1) * per_page)?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            occurred_at: r.occurred_at.and_utc(),
            actor_user_id: r.actor_user_id,
            actor: r.actor,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: parse(r.before_json),
            after: parse(r.after_json),
            request_id: r.request_id,
            client_addr: r.client_addr,
        })
        .collect();
    Ok(AuditPage {
        items,
        total,
        page,
        per_page,
    })
}
