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

coded_enum! {
    /// Where a nomination stands: `nominated`, then `approved` or `rejected` by the committee
    /// above the nominating organisation; an approved reward found undeserved is `revoked` and
    /// kept (W6).
    pub enum NominationStatus ("nomination status") {
        Nominated = "nominated",
        Approved = "approved",
        Rejected = "rejected",
        Revoked = "revoked",
    }
}

impl NominationStatus {
    /// Counts against the nominating organisation's quota (W2–W5): waiting or approved.
    pub fn counts_against_quota(self) -> bool {
        matches!(
            self,
            NominationStatus::Nominated | NominationStatus::Approved
        )
    }
}

coded_enum! {
    /// A decision on a nomination by the committee above the nominating organisation.
    pub enum NominationDecision ("nomination decision") {
        Approve = "approve",
        Reject = "reject",
        /// W6: an approved reward found undeserved, with its reason.
        Revoke = "revoke",
    }
}

impl NominationDecision {
    /// The status the decision moves a nomination from, and to (W6: only an approved reward is
    /// revoked; a decided nomination is not decided again).
    pub fn transition(self) -> (NominationStatus, NominationStatus) {
        match self {
            NominationDecision::Approve => {
                (NominationStatus::Nominated, NominationStatus::Approved)
            }
            NominationDecision::Reject => (NominationStatus::Nominated, NominationStatus::Rejected),
            NominationDecision::Revoke => (NominationStatus::Approved, NominationStatus::Revoked),
        }
    }

    /// W6: a revocation states its reason; approving or rejecting may.
    pub fn needs_reason(self) -> bool {
        self == NominationDecision::Revoke
    }
}

/// Who must have registered for the year's emulation before a nomination (W6): for a member,
/// the member's base organisation; for an organisation, the organisation itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registrant {
    MembersBase,
    Nominee,
}

impl Reward {
    /// W6: whose emulation registration the nomination needs.
    pub fn registrant(self) -> Registrant {
        if self.for_member() {
            Registrant::MembersBase
        } else {
            Registrant::Nominee
        }
    }
}

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

    #[test]
    fn w4_a_base_nominates_one_branch_with_a_five_year_exemplary_streak_and_the_district_ten() {
        let r = Reward::BranchCertificate;
        assert_eq!(
            (r.rule(), r.nominated_by(), r.nominee_kind()),
            ("W4", "base", Some("branch"))
        );
        assert!(r.needs_streak() && !r.for_member());
        assert_eq!(limit(r, 10_000), Some(1));
        assert_eq!(W4_DISTRICT_LIMIT, 10);
        // The streak is the organisation's: clean_strong and exemplary five years running.
        let exemplary = [2012, 2013, 2014, 2015, 2016];
        assert!(has_streak(2016, |y| org_year_qualifies(
            Some("clean_strong"),
            exemplary.contains(&y)
        )));
        assert!(!has_streak(2016, |y| org_year_qualifies(
            Some("clean_strong"),
            y != 2014
        )));
    }

    #[test]
    fn w5_bases_get_a_yearly_certificate_without_a_streak_and_the_province_awards_seven_and_three()
    {
        assert!(!Reward::BaseCertificate.needs_streak());
        for r in [
            Reward::BaseCertificate,
            Reward::BaseCommendation,
            Reward::BaseBanner,
        ] {
            assert_eq!(
                (r.rule(), r.nominated_by(), r.nominee_kind()),
                ("W5", "district", Some("base"))
            );
        }
        assert!(Reward::BaseCommendation.needs_streak() && Reward::BaseBanner.needs_streak());
        assert_eq!(limit(Reward::BaseCommendation, 0), Some(7));
        assert_eq!(limit(Reward::BaseBanner, 0), Some(3));
    }

    #[test]
    fn w6_only_the_registered_are_nominated_and_only_an_approved_reward_is_revoked_with_a_reason() {
        assert_eq!(
            Reward::MemberCertificate.registrant(),
            Registrant::MembersBase
        );
        assert_eq!(
            Reward::MemberCommendation.registrant(),
            Registrant::MembersBase
        );
        assert_eq!(Reward::BranchCertificate.registrant(), Registrant::Nominee);
        assert_eq!(Reward::BaseBanner.registrant(), Registrant::Nominee);
        use NominationStatus as S;
        assert_eq!(
            NominationDecision::Revoke.transition(),
            (S::Approved, S::Revoked)
        );
        assert!(NominationDecision::Revoke.needs_reason());
        for d in [NominationDecision::Approve, NominationDecision::Reject] {
            assert_eq!(d.transition().0, S::Nominated);
            assert!(!d.needs_reason());
        }
        // A revoked or rejected nomination no longer takes a place in the quota; it stays.
        let counted: Vec<_> = S::ALL.iter().filter(|s| s.counts_against_quota()).collect();
        assert_eq!(counted, [&S::Nominated, &S::Approved]);
        assert_eq!(S::try_from("revoked".to_owned()), Ok(S::Revoked));
    }
}
