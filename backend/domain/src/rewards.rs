//! Rewards (RULES.md W1–W6): five-year streaks and the quotas on nominations.

use serde::{Deserialize, Serialize};

/// W1: the cycle's year and the four before it, oldest first.
pub fn streak_years(year: i32) -> [i32; 5] {
    [year - 4, year - 3, year - 2, year - 1, year]
}

/// W1: every one of the five years at the qualifying level; a missing year breaks it.
pub fn has_streak(year: i32, qualifies: impl Fn(i32) -> bool) -> bool {
    streak_years(year).into_iter().all(qualifies)
}

/// W1: a year that counts towards a member's streak (M1 `excellent`).
pub fn member_year_qualifies(level: Option<&str>) -> bool {
    level == Some("excellent")
}

/// W1 (W4, W5): a year that counts towards an organisation's streak: `clean_strong` (O1) and
/// exemplary (tiêu biểu).
pub fn org_year_qualifies(level: Option<&str>, exemplary: bool) -> bool {
    level == Some("clean_strong") && exemplary
}

/// The rewards a nomination can be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reward {
    /// W2: district Giấy khen for a member with a 5-year `excellent` streak (by the base).
    MemberCertificate,
    /// W3: province Bằng khen for such a member with outstanding achievements (by the district).
    MemberCommendation,
    /// W4: district Giấy khen for a branch with a 5-year exemplary streak (by its base).
    BranchCertificate,
    /// W5: district Giấy khen for a base organisation exemplary this year (by the district).
    BaseCertificate,
    /// W5: province Bằng khen for a base with a 5-year exemplary streak (by the district).
    BaseCommendation,
    /// W5: province Banner for a base with a 5-year exemplary streak and especially outstanding
    /// achievements (by the district).
    BaseBanner,
}

impl Reward {
    pub const ALL: [Reward; 6] = [
        Reward::MemberCertificate,
        Reward::MemberCommendation,
        Reward::BranchCertificate,
        Reward::BaseCertificate,
        Reward::BaseCommendation,
        Reward::BaseBanner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reward::MemberCertificate => "member_certificate",
            Reward::MemberCommendation => "member_commendation",
            Reward::BranchCertificate => "branch_certificate",
            Reward::BaseCertificate => "base_certificate",
            Reward::BaseCommendation => "base_commendation",
            Reward::BaseBanner => "base_banner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The rule that sets its quota.
    pub fn rule(self) -> &'static str {
        match self {
            Reward::MemberCertificate => "W2",
            Reward::MemberCommendation => "W3",
            Reward::BranchCertificate => "W4",
            _ => "W5",
        }
    }

    /// Who nominates: a `base` or a `district`.
    pub fn nominated_by(self) -> &'static str {
        match self {
            Reward::MemberCertificate | Reward::BranchCertificate => "base",
            _ => "district",
        }
    }

    /// A member (true) or an organisation (false).
    pub fn for_member(self) -> bool {
        matches!(self, Reward::MemberCertificate | Reward::MemberCommendation)
    }

    /// The kind of organisation nominated.
    pub fn nominee_kind(self) -> Option<&'static str> {
        match self {
            Reward::BranchCertificate => Some("branch"),
            Reward::BaseCertificate | Reward::BaseCommendation | Reward::BaseBanner => Some("base"),
            _ => None,
        }
    }

    /// Needs a five-year streak (W1); the base's yearly Giấy khen needs this year only.
    pub fn needs_streak(self) -> bool {
        self != Reward::BaseCertificate
    }
}

/// W2: a base organisation's limit by its size: under 100 members 1, 100 to 500 3, over 500 5.
pub fn w2_limit(members: u32) -> u32 {
    match members {
        0..=99 => 1,
        100..=500 => 3,
        _ => 5,
    }
}

/// The most nominations the nominating organisation may make for a reward in a year (None:
/// no numeric limit, as the base's yearly Giấy khen: O2 already bounds `exemplary`).
pub fn limit(reward: Reward, base_members: u32) -> Option<u32> {
    match reward {
        Reward::MemberCertificate => Some(w2_limit(base_members)),
        Reward::MemberCommendation => Some(15),
        Reward::BranchCertificate => Some(1),
        Reward::BaseCertificate => None,
        Reward::BaseCommendation => Some(7),
        Reward::BaseBanner => Some(3),
    }
}

/// W4: the district sends at most this many branches to the province.
pub const W4_DISTRICT_LIMIT: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w1_exactly_five_years_and_a_gap_breaks_it() {
        assert_eq!(streak_years(2016), [2012, 2013, 2014, 2015, 2016]);
        let five = [2012, 2013, 2014, 2015, 2016];
        assert!(has_streak(2016, |y| five.contains(&y)));
        // Four years only (2011 does not count for 2016).
        let gap = [2011, 2012, 2013, 2015, 2016];
        assert!(!has_streak(2016, |y| gap.contains(&y)));
        assert!(!has_streak(2016, |y| (2013..=2016).contains(&y)));
    }

    #[test]
    fn w1_which_years_count() {
        assert!(member_year_qualifies(Some("excellent")));
        assert!(!member_year_qualifies(Some("good")));
        assert!(!member_year_qualifies(None));
        assert!(org_year_qualifies(Some("clean_strong"), true));
        assert!(!org_year_qualifies(Some("clean_strong"), false));
        assert!(!org_year_qualifies(Some("good"), true));
    }

    #[test]
    fn w2_limits_at_the_boundaries() {
        assert_eq!([99, 100, 500, 501].map(w2_limit), [1, 3, 3, 5]);
        assert_eq!(w2_limit(0), 1);
    }

    #[test]
    fn w3_w4_w5_limits() {
        assert_eq!(limit(Reward::MemberCommendation, 0), Some(15));
        assert_eq!(limit(Reward::BranchCertificate, 900), Some(1));
        assert_eq!(limit(Reward::BaseCommendation, 0), Some(7));
        assert_eq!(limit(Reward::BaseBanner, 0), Some(3));
        assert_eq!(limit(Reward::BaseCertificate, 0), None);
        assert_eq!(Reward::parse("base_banner"), Some(Reward::BaseBanner));
        assert_eq!(Reward::BaseBanner.rule(), "W5");
    }
}
