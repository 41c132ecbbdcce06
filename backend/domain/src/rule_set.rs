//! Rule sets are data (RULES.md, preamble): the parameters of M4, M6, M10, M11 and Q1–Q3
//! under a name, frozen into each review cycle so that later changes never alter a past one.

use serde::{Deserialize, Serialize};

/// A threshold "votes × den > D × num" (strict) or "≥" (not strict), in integers (M6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    pub num: u32,
    pub den: u32,
    pub strict: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    /// Q1: the share of `excellent`, in percent.
    pub percent: u32,
    /// Q1: what the share is of: `good_or_better` (2016) or `good` (Guidance 21, 2019).
    pub basis: String,
    /// Q3: the share for an organisation with especially outstanding achievements.
    pub outstanding_percent: u32,
    /// Q2: branches with fewer registered members than this…
    pub small_branch_size: u32,
    /// …have at most this many `excellent`.
    pub small_branch_cap: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub name: String,
    /// M1, highest first.
    pub levels: Vec<String>,
    /// M6 for `excellent`.
    pub excellent: Threshold,
    /// M6 for `good`, `completed` and `not_completed`.
    pub pass: Threshold,
    pub quota: Quota,
    /// M4: members admitted fewer months than this before the reference date.
    pub new_member_months: u32,
    /// M10: how long a discipline stays in force.
    pub discipline_term_months: u32,
    /// M11: absence of at least this many months caps at `completed`.
    pub long_absence_months: u32,
}

pub const DEFAULT: &str = "vinh-2016";

/// The rule sets built in; `vinh-2016` is RULES.md as written.
pub fn builtin(name: &str) -> Option<RuleSet> {
    match name {
        "vinh-2016" => Some(RuleSet {
            name: name.into(),
            levels: ["excellent", "good", "completed", "not_completed"]
                .map(String::from)
                .to_vec(),
            excellent: Threshold {
                num: 2,
                den: 3,
                strict: true,
            },
            pass: Threshold {
                num: 1,
                den: 2,
                strict: true,
            },
            quota: Quota {
                percent: 15,
                basis: "good_or_better".into(),
                outstanding_percent: 20,
                small_branch_size: 7,
                small_branch_cap: 1,
            },
            new_member_months: 6,
            discipline_term_months: 12,
            long_absence_months: 3,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vinh_2016_holds_the_parameters_of_m6_and_q1_to_q3() {
        let r = builtin("vinh-2016").unwrap();
        assert_eq!(
            r.excellent,
            Threshold {
                num: 2,
                den: 3,
                strict: true
            }
        );
        assert_eq!(
            r.pass,
            Threshold {
                num: 1,
                den: 2,
                strict: true
            }
        );
        assert_eq!((r.quota.percent, r.quota.outstanding_percent), (15, 20));
        assert_eq!(
            (r.quota.small_branch_size, r.quota.small_branch_cap),
            (7, 1)
        );
        assert_eq!(r.new_member_months, 6);
        assert!(builtin("hanoi-2030").is_none());
    }
}
