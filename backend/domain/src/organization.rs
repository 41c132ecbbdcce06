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
}
