//! The organisation tree (GLOSSARY "Organisation"): province → district → base → branch → cell.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of a party organisation, from the top of the tree down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Tỉnh ủy / Đảng bộ tỉnh.
    Province,
    /// Thành ủy, Huyện ủy, Thị ủy.
    District,
    /// Đảng bộ cơ sở, chi bộ cơ sở.
    Base,
    /// Chi bộ trực thuộc: where members vote.
    Branch,
    /// Tổ đảng: an optional subdivision of a branch.
    Cell,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Province,
        OrgKind::District,
        OrgKind::Base,
        OrgKind::Branch,
        OrgKind::Cell,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Province => "province",
            OrgKind::District => "district",
            OrgKind::Base => "base",
            OrgKind::Branch => "branch",
            OrgKind::Cell => "cell",
        }
    }

    /// The kind an organisation of this kind must sit under; `None` for a root (province).
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::Province => None,
            OrgKind::District => Some(OrgKind::Province),
            OrgKind::Base => Some(OrgKind::District),
            OrgKind::Branch => Some(OrgKind::Base),
            OrgKind::Cell => Some(OrgKind::Branch),
        }
    }

    /// A kind may only sit directly under the kind above it.
    pub fn may_sit_under(self, parent: Option<OrgKind>) -> bool {
        self.parent_kind() == parent
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOrgKind(pub String);

impl fmt::Display for UnknownOrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown organisation kind '{}'", self.0)
    }
}

impl std::error::Error for UnknownOrgKind {}

impl FromStr for OrgKind {
    type Err = UnknownOrgKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownOrgKind(s.to_owned()))
    }
}

/// O1: the party organisation levels, highest first.
pub const ORG_LEVELS: [&str; 4] = ["clean_strong", "good", "completed", "weak"];

/// O1: only a `clean_strong` organisation can be marked exemplary (tiêu biểu).
pub fn o1_may_be_exemplary(level: &str) -> bool {
    level == ORG_LEVELS[0]
}

coded_enum! {
    /// Where an organisation's self-assessment sheet stands (O4): `submitted` by the
    /// organisation, `reviewed` once the committee above has scored it.
    pub enum AssessmentStatus ("organisation assessment status") {
        Submitted = "submitted",
        Reviewed = "reviewed",
    }
}

impl AssessmentStatus {
    /// O4: the organisation edits its own points until the superior has scored them.
    pub fn self_may_edit(self) -> bool {
        self == AssessmentStatus::Submitted
    }

    /// O5: the committee above may score again a sheet it has reviewed: a recognition found
    /// undeserved is revised by the district, not frozen by the first review.
    pub fn superior_may_review(self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_sits_only_under_the_kind_above_it() {
        assert!(OrgKind::Province.may_sit_under(None));
        assert!(OrgKind::District.may_sit_under(Some(OrgKind::Province)));
        assert!(OrgKind::Base.may_sit_under(Some(OrgKind::District)));
        assert!(OrgKind::Branch.may_sit_under(Some(OrgKind::Base)));
        assert!(OrgKind::Cell.may_sit_under(Some(OrgKind::Branch)));
        assert!(!OrgKind::Branch.may_sit_under(Some(OrgKind::District)));
        assert!(!OrgKind::Base.may_sit_under(None));
        assert!(!OrgKind::Province.may_sit_under(Some(OrgKind::Province)));
    }

    #[test]
    fn kinds_round_trip_through_their_identifiers() {
        for kind in OrgKind::ALL {
            assert_eq!(kind.as_str().parse::<OrgKind>(), Ok(kind));
        }
        assert!("chi_bo".parse::<OrgKind>().is_err());
    }

    #[test]
    fn o1_four_levels_and_only_clean_strong_may_be_exemplary() {
        assert_eq!(ORG_LEVELS, ["clean_strong", "good", "completed", "weak"]);
        assert!(o1_may_be_exemplary("clean_strong"));
        for l in &ORG_LEVELS[1..] {
            assert!(!o1_may_be_exemplary(l), "{l}");
        }
    }

    #[test]
    fn o5_the_superior_revises_a_reviewed_sheet_and_the_organisation_no_longer_edits_it() {
        use AssessmentStatus as S;
        assert!(S::Submitted.self_may_edit());
        assert!(!S::Reviewed.self_may_edit());
        assert!(S::ALL.iter().all(|s| s.superior_may_review()));
        assert_eq!(S::try_from("reviewed".to_owned()), Ok(S::Reviewed));
        assert!(S::parse("cancelled").is_none());
    }
}
