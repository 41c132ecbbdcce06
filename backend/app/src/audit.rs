//! The audit log's one writer (issue #14): every use case that changes something records it
//! through [`Audit`], so who did what to which record, where, before and after, is written the
//! same way everywhere (the actor, the request id and the client's address from the [`Actor`]).
//!
//! ```text
//! p.audit("create", "user").id(user.id).org(path).after(&user).record(conn)?;
//! ```

use crate::{Actor, AppError};
use kiemdiem_store::{AnyConnection, audit};
use serde::Serialize;

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
