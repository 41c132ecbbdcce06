//! Roles and what they reach (GLOSSARY "Organisation"). A role is held on an organisation
//! and acts on its subtree, identified by materialised paths ('/1/4/9/').

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Global administration.
    Admin,
    /// Cấp ủy: the organisation's subtree.
    Committee,
    /// Chi ủy: one branch (and its cells).
    BranchCommittee,
    /// UBKT: reads the subtree; writes only review suggestions.
    Inspection,
    /// Mass organisations, residence committees: only the feedback requests assigned to them.
    FeedbackProvider,
    /// A party member: their own records.
    Member,
    /// A service account of the provincial system: read and import within a subtree.
    Integration,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Committee,
        Role::BranchCommittee,
        Role::Inspection,
        Role::FeedbackProvider,
        Role::Member,
        Role::Integration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Committee => "committee",
            Role::BranchCommittee => "branch_committee",
            Role::Inspection => "inspection",
            Role::FeedbackProvider => "feedback_provider",
            Role::Member => "member",
            Role::Integration => "integration",
        }
    }

    /// Whether the role is held on an organisation (all but `admin`).
    pub fn is_scoped(self) -> bool {
        self != Role::Admin
    }

    /// The organisation kinds the role may be held on.
    pub fn allowed_on(self, kind: crate::organization::OrgKind) -> bool {
        use crate::organization::OrgKind::*;
        match self {
            Role::Admin => false,
            Role::Committee | Role::Inspection | Role::Integration => {
                matches!(kind, Province | District | Base)
            }
            Role::BranchCommittee => kind == Branch,
            Role::FeedbackProvider => true,
            Role::Member => matches!(kind, Branch | Cell),
        }
    }

    /// Roles held by service accounts only, never assigned to a person.
    pub fn is_service_only(self) -> bool {
        self == Role::Integration
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role '{s}'"))
    }
}

/// One role on one organisation (`path` is `None` for `admin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    pub path: Option<String>,
}

/// Everything a principal may reach, from their grants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    pub grants: Vec<Grant>,
}

/// True when `path` is `root` or lies below it.
pub fn within(path: &str, root: &str) -> bool {
    path.starts_with(root)
}

impl Access {
    pub fn new(grants: Vec<Grant>) -> Self {
        Access { grants }
    }

    pub fn is_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::Admin)
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    fn paths_of(&self, roles: &[Role]) -> Vec<String> {
        let mut paths: Vec<String> = self
            .grants
            .iter()
            .filter(|g| roles.contains(&g.role))
            .filter_map(|g| g.path.clone())
            .collect();
        paths.sort();
        paths.dedup();
        // A path inside another adds nothing.
        let all = paths.clone();
        paths.retain(|p| !all.iter().any(|q| q != p && within(p, q)));
        paths
    }

    /// The subtrees whose organisations the principal may read; `None` means all.
    pub fn org_read_scopes(&self) -> Option<Vec<String>> {
        if self.is_admin() {
            return None;
        }
        Some(self.paths_of(&[
            Role::Committee,
            Role::BranchCommittee,
            Role::Inspection,
            Role::Integration,
        ]))
    }

    pub fn can_read_org(&self, path: &str) -> bool {
        match self.org_read_scopes() {
            None => true,
            Some(scopes) => scopes.iter().any(|s| within(path, s)),
        }
    }

    /// Creating, renaming, moving or deleting an organisation at `path` (or creating one
    /// under a parent at `path`, with `creating`): admins anywhere, committees strictly
    /// inside their subtree (a committee cannot alter the organisation it sits on).
    pub fn can_manage_org(&self, path: &str, creating: bool) -> bool {
        self.is_admin()
            || self
                .paths_of(&[Role::Committee])
                .iter()
                .any(|s| within(path, s) && (creating || path != s))
    }

    /// Whether the principal may create, change or delete member records of a branch at
    /// `path`: admins, the committees above it and the branch's own committee.
    pub fn can_edit_members(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .paths_of(&[Role::Committee, Role::BranchCommittee])
                .iter()
                .any(|s| within(path, s))
    }

    /// The inspection commission's reach (review suggestions, P3): admins, and inspection on
    /// its subtree.
    pub fn can_inspect(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .paths_of(&[Role::Inspection])
                .iter()
                .any(|s| within(path, s))
    }

    /// Integration clients (the provincial system) on their subtree.
    fn integration_reaches(&self, path: &str) -> bool {
        self.paths_of(&[Role::Integration])
            .iter()
            .any(|s| within(path, s))
    }

    /// Importing members: those who edit them, and integration clients on their subtree.
    pub fn can_import_members(&self, path: &str) -> bool {
        self.can_edit_members(path) || self.integration_reaches(path)
    }

    /// Reading the self-reviews of members of a branch at `path`: those who edit the members,
    /// and the inspection commission on its subtree, which issues suggestions on them (issue
    /// #13, item 10). Writing stays with those who edit.
    pub fn can_read_self_reviews(&self, path: &str) -> bool {
        self.can_edit_members(path) || self.can_inspect(path)
    }

    /// Reading the results and voting sessions of a branch at `path`: those who edit its
    /// members, and integration clients on their subtree, read-only (issue #13, item 10).
    pub fn can_read_results(&self, path: &str) -> bool {
        self.can_edit_members(path) || self.integration_reaches(path)
    }

    /// Reading the rewards of an organisation at `path` (candidates, quotas, nominations): its
    /// committees, and integration clients on their subtree, read-only (issue #13, item 10).
    pub fn can_read_rewards(&self, path: &str) -> bool {
        self.can_administer(path) || self.integration_reaches(path)
    }

    /// The subtrees whose users and audit entries the principal may see and manage;
    /// `None` means all.
    pub fn admin_scopes(&self) -> Option<Vec<String>> {
        if self.is_admin() {
            None
        } else {
            Some(self.paths_of(&[Role::Committee]))
        }
    }

    pub fn can_administer(&self, path: &str) -> bool {
        match self.admin_scopes() {
            None => true,
            Some(scopes) => scopes.iter().any(|s| within(path, s)),
        }
    }

    /// Whether the principal is the committee of the organisation at `path` itself (or an
    /// admin): the one that runs its review cycle, appraises its branches, re-classifies
    /// (M12) and submits its dossier. A committee above it reads and decides on what is
    /// submitted to it, but never acts as this committee (issue #13).
    pub fn runs(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .grants
                .iter()
                .any(|g| g.role == Role::Committee && g.path.as_deref() == Some(path))
    }

    /// Whether the principal is the inspection commission of the organisation at `path`
    /// itself (or an admin): it issues the commission's own documents (P3).
    pub fn is_inspection_of(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .grants
                .iter()
                .any(|g| g.role == Role::Inspection && g.path.as_deref() == Some(path))
    }

    /// Whether the principal sits on the committee of the branch at `path` itself (or is an
    /// admin): it speaks for the branch (its opinion on the base's self-review, II.2.3).
    pub fn is_branch_committee_of(&self, path: &str) -> bool {
        self.is_admin()
            || self
                .grants
                .iter()
                .any(|g| g.role == Role::BranchCommittee && g.path.as_deref() == Some(path))
    }

    /// Whether `path` lies strictly inside one of the principal's committee subtrees: below
    /// its own level, never the organisation the committee sits on (its peers).
    fn strictly_below(&self, path: &str) -> bool {
        self.paths_of(&[Role::Committee])
            .iter()
            .any(|s| within(path, s) && path != s)
    }

    /// Whether the principal may grant or revoke `role` on an organisation at `path`
    /// (issue #13): admins anything; a committee any role but `admin` and `integration`,
    /// strictly inside its subtree (not on its own organisation: peers are managed from above).
    pub fn can_grant(&self, role: Role, path: Option<&str>) -> bool {
        if self.is_admin() {
            return true;
        }
        match (role, path) {
            (Role::Admin | Role::Integration, _) | (_, None) => false,
            (_, Some(p)) => self.strictly_below(p),
        }
    }

    /// The one policy of user administration (issue #13): whether the principal may change
    /// the password, active flag or roles of a user holding `target`. Admins may manage
    /// anyone; a committee only a user who holds at least one role and every role of whom it
    /// could grant itself (strictly inside its subtree, never `admin` or `integration`).
    pub fn can_manage_user(&self, target: &[Grant]) -> bool {
        self.is_admin()
            || (!target.is_empty()
                && target
                    .iter()
                    .all(|g| self.can_grant(g.role, g.path.as_deref())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(grants: &[(Role, Option<&str>)]) -> Access {
        Access::new(
            grants
                .iter()
                .map(|(role, path)| Grant {
                    role: *role,
                    path: path.map(str::to_owned),
                })
                .collect(),
        )
    }

    #[test]
    fn a_committee_reads_its_subtree_only() {
        let a = access(&[(Role::Committee, Some("/1/2/"))]);
        assert!(a.can_read_org("/1/2/"));
        assert!(a.can_read_org("/1/2/7/9/"));
        assert!(!a.can_read_org("/1/"), "parent");
        assert!(!a.can_read_org("/1/3/"), "sibling");
        assert!(
            !a.can_read_org("/1/22/"),
            "a sibling whose id shares a prefix"
        );
    }

    #[test]
    fn only_the_branch_own_committee_speaks_for_it() {
        let branch = access(&[(Role::BranchCommittee, Some("/1/2/3/4/"))]);
        assert!(branch.is_branch_committee_of("/1/2/3/4/"));
        assert!(
            !branch.is_branch_committee_of("/1/2/3/5/"),
            "another branch"
        );
        assert!(!branch.is_branch_committee_of("/1/2/3/4/9/"), "below it");
        let base = access(&[(Role::Committee, Some("/1/2/3/"))]);
        assert!(
            !base.is_branch_committee_of("/1/2/3/4/"),
            "the base's committee does not speak for its branches"
        );
        assert!(access(&[(Role::Admin, None)]).is_branch_committee_of("/1/2/3/4/"));
    }

    #[test]
    fn a_committee_manages_strictly_inside_its_subtree() {
        let a = access(&[(Role::Committee, Some("/1/2/"))]);
        assert!(a.can_manage_org("/1/2/7/", false));
        assert!(
            a.can_manage_org("/1/2/", true),
            "may create directly under its own"
        );
        assert!(
            !a.can_manage_org("/1/2/", false),
            "may not rename or move its own"
        );
        assert!(!a.can_manage_org("/1/3/", true));
    }

    #[test]
    fn members_and_feedback_providers_read_no_organisations() {
        let a = access(&[
            (Role::Member, Some("/1/2/3/4/")),
            (Role::FeedbackProvider, Some("/1/2/3/")),
        ]);
        assert!(!a.can_read_org("/1/2/3/4/"));
        assert_eq!(a.org_read_scopes(), Some(vec![]));
    }

    #[test]
    fn admins_reach_everything_and_only_admins_grant_admin_or_integration() {
        let admin = access(&[(Role::Admin, None)]);
        assert!(admin.can_read_org("/9/"));
        assert!(admin.can_grant(Role::Admin, None));
        let committee = access(&[(Role::Committee, Some("/1/"))]);
        assert!(committee.can_grant(Role::BranchCommittee, Some("/1/2/3/4/")));
        assert!(!committee.can_grant(Role::Admin, None));
        assert!(!committee.can_grant(Role::Integration, Some("/1/2/")));
        assert!(!committee.can_grant(Role::Member, Some("/5/6/")));
    }

    #[test]
    fn members_are_edited_by_admins_committees_and_their_branch_committee_only() {
        let branch = access(&[(Role::BranchCommittee, Some("/1/2/3/4/"))]);
        assert!(branch.can_edit_members("/1/2/3/4/"));
        assert!(!branch.can_edit_members("/1/2/3/5/"));
        let inspection = access(&[(Role::Inspection, Some("/1/"))]);
        assert!(!inspection.can_edit_members("/1/2/3/4/"));
        let integration = access(&[(Role::Integration, Some("/1/2/"))]);
        assert!(!integration.can_edit_members("/1/2/3/4/"));
        assert!(integration.can_import_members("/1/2/3/4/"));
        assert!(!integration.can_import_members("/1/9/3/4/"));
    }

    #[test]
    fn read_only_roles_read_what_their_work_needs_in_their_subtree_only() {
        let inspection = access(&[(Role::Inspection, Some("/1/2/"))]);
        assert!(inspection.can_read_self_reviews("/1/2/3/4/"));
        assert!(!inspection.can_read_self_reviews("/1/9/3/4/"));
        assert!(!inspection.can_edit_members("/1/2/3/4/"));
        assert!(!inspection.can_read_results("/1/2/3/4/"));
        let integration = access(&[(Role::Integration, Some("/1/2/"))]);
        assert!(integration.can_read_results("/1/2/3/4/"));
        assert!(integration.can_read_rewards("/1/2/3/"));
        assert!(!integration.can_read_results("/1/9/3/4/"));
        assert!(!integration.can_read_rewards("/1/9/"));
        assert!(!integration.can_read_self_reviews("/1/2/3/4/"));
        assert!(!integration.can_administer("/1/2/3/"));
    }

    #[test]
    fn nested_scopes_collapse_to_the_outer_one() {
        let a = access(&[
            (Role::Committee, Some("/1/2/")),
            (Role::Inspection, Some("/1/")),
            (Role::BranchCommittee, Some("/1/2/3/4/")),
        ]);
        assert_eq!(a.org_read_scopes(), Some(vec!["/1/".to_owned()]));
    }
}
