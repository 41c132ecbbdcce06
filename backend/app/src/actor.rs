//! Who acts: a user, a service account (integration) or the command line, with the grants
//! every authority check reads. The API builds it from a bearer token; the CLI is [`Actor::system`].

use kiemdiem_domain::access::{Access, Grant, Role};
use kiemdiem_store::users::Assignment;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub service_account_id: Option<i64>,
    pub username: String,
    pub display_name: String,
    /// The member record of a user who is a party member.
    pub member_id: Option<i64>,
    /// A password set by someone else, not yet changed (issue #13).
    pub must_change_password: bool,
    pub assignments: Vec<Assignment>,
    pub access: Access,
    /// For the audit log.
    pub request_id: Option<String>,
    pub client_addr: Option<String>,
}

impl Actor {
    /// The command line acting with full rights (`kiemdiem import …`).
    pub fn system(name: &str) -> Actor {
        Actor {
            user_id: None,
            service_account_id: None,
            username: name.into(),
            display_name: name.into(),
            member_id: None,
            must_change_password: false,
            assignments: Vec::new(),
            access: Access::new(vec![Grant {
                role: Role::Admin,
                path: None,
            }]),
            request_id: None,
            client_addr: None,
        }
    }

    /// A user acting with the roles they hold (a login, or the agenda's e-mail round).
    pub fn of_user(user: &kiemdiem_store::users::User, assignments: Vec<Assignment>) -> Actor {
        Actor {
            user_id: Some(user.id),
            service_account_id: None,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            member_id: user.member_id,
            must_change_password: user.must_change_password,
            access: grants_of(&assignments),
            assignments,
            request_id: None,
            client_addr: None,
        }
    }

    /// Working inside the organisation at `path`: reading it, or holding a role below it (a
    /// member or a branch committee of one of its branches sees its review cycle).
    pub fn works_in(&self, path: &str) -> bool {
        self.access.can_read_org(path)
            || self
                .assignments
                .iter()
                .filter_map(|a| a.organization_path.as_deref())
                .any(|own| own.starts_with(path))
    }

    /// How the audit log names the actor.
    pub fn actor(&self) -> String {
        self.username.clone()
    }

    /// An audit entry by this actor ([`crate::audit::Audit`]); the caller says what was done
    /// to what and records it.
    pub fn audit(&self, action: &str, entity_type: &str) -> crate::audit::Audit {
        crate::audit::Audit::new(self, action, entity_type)
    }
}

/// The grants of a user's role assignments (unknown role names grant nothing).
pub fn grants_of(assignments: &[Assignment]) -> Access {
    Access::new(
        assignments
            .iter()
            .filter_map(|a| {
                Some(Grant {
                    role: a.role.parse::<Role>().ok()?,
                    path: a.organization_path.clone(),
                })
            })
            .collect(),
    )
}
