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

impl Quota {
    /// Whether a member classified at `level` counts in G, what Q1's share is taken of.
    pub fn counts(&self, level: crate::classification::Level) -> bool {
        use crate::classification::Level;
        match self.basis.as_str() {
            "good" => level == Level::Good,
            _ => matches!(level, Level::Excellent | Level::Good),
        }
    }

    /// Q5: whether `excellent` members exceed the percentage of the `counted` ones (G) over a
    /// base's branches together: a warning for the base committee, never a block.
    pub fn base_exceeded(&self, excellent: u32, counted: u32) -> bool {
        u64::from(excellent) * 100 > u64::from(self.percent) * u64::from(counted)
    }
}

coded_enum! {
    /// How a rule set classifies: by a branch ballot with thresholds and a quota (RULES.md,
    /// `vinh-2016`), or by points on a frame with bands and conditions (RULES-2025.md,
    /// `tw-366-2025`).
    pub enum Method ("rule set method") {
        Ballot = "ballot",
        Points = "points",
    }
}

impl Default for Method {
    /// Rule sets frozen before methods existed were ballots.
    fn default() -> Self {
        Method::Ballot
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub name: String,
    /// `ballot` or `points`; a rule set frozen without it is a ballot.
    #[serde(default)]
    pub method: Method,
    /// The points method's data (frames, bands, conditions, facts, quota): present exactly
    /// when `method` is `points`. The ballot's parameters below then serve only a branch vote
    /// the points rules ask for (`branch_vote`), and M11 only if `long_absence_cap`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<crate::points::PointsRules>,
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
    /// O4: the organisations' self-assessment sheet.
    #[serde(default = "sheet_2016")]
    pub org_sheet: OrgSheet,
    /// O2, O3: the district's limits on organisation and unit levels.
    #[serde(default = "org_quota_2016")]
    pub org_quota: OrgQuota,
}

/// A criterion of the self-assessment sheet (Bảng điểm tự đánh giá, O4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub code: String,
    pub title: String,
    pub max: u32,
}

/// O4: criteria with maximum points and the cut-offs from points to level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSheet {
    pub criteria: Vec<Criterion>,
    /// Points at least this: `clean_strong`…
    pub clean_strong: u32,
    /// …`good`…
    pub good: u32,
    /// …`completed`; below: `weak`.
    pub completed: u32,
}

impl OrgSheet {
    pub fn max_total(&self) -> u32 {
        self.criteria.iter().map(|c| c.max).sum()
    }

    /// O1, O4: the level the points give.
    pub fn level(&self, points: u32) -> &'static str {
        if points >= self.clean_strong {
            "clean_strong"
        } else if points >= self.good {
            "good"
        } else if points >= self.completed {
            "completed"
        } else {
            "weak"
        }
    }
}

/// O2, O3 as percentages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgQuota {
    /// O2: base organisations `clean_strong` ≤ this % of those classified in the district.
    pub clean_strong_percent: u32,
    /// O2: `exemplary` ≤ this % of those `clean_strong`.
    pub exemplary_percent: u32,
    /// O3: units `outstanding` ≤ this % of the units rated.
    pub outstanding_unit_percent: u32,
}

/// A plausible 2016 sheet (the guidance names the sheet but not its criteria): editable, as
/// every part of a rule set, by copying the rule set.
pub fn sheet_2016() -> OrgSheet {
    let c = |code: &str, title: &str, max: u32| Criterion {
        code: code.into(),
        title: title.into(),
        max,
    };
    OrgSheet {
        criteria: vec![
            c("politics", "Giáo dục chính trị, tư tưởng", 15),
            c(
                "leadership",
                "Lãnh đạo thực hiện nhiệm vụ chính trị của đơn vị",
                30,
            ),
            c("organisation", "Công tác tổ chức, cán bộ và đảng viên", 20),
            c(
                "inspection",
                "Công tác kiểm tra, giám sát và kỷ luật đảng",
                15,
            ),
            c("mass", "Lãnh đạo chính quyền, Mặt trận và các đoàn thể", 20),
        ],
        clean_strong: 90,
        good: 70,
        completed: 50,
    }
}

pub fn org_quota_2016() -> OrgQuota {
    OrgQuota {
        clean_strong_percent: 50,
        exemplary_percent: 20,
        outstanding_unit_percent: 50,
    }
}

/// O2, O3: what exceeds the district's limits, as (rule id, message). A warning for the
/// district to act on, not a block (the district standing committee decides, O5).
pub fn org_quota_breaches(
    q: &OrgQuota,
    classified: u32,
    clean_strong: u32,
    exemplary: u32,
    units_rated: u32,
    units_outstanding: u32,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if u64::from(clean_strong) * 100 > u64::from(q.clean_strong_percent) * u64::from(classified) {
        out.push((
            "O2",
            format!(
                "{clean_strong} tổ chức cơ sở đảng trong sạch vững mạnh, vượt {}% của {classified}",
                q.clean_strong_percent
            ),
        ));
    }
    if u64::from(exemplary) * 100 > u64::from(q.exemplary_percent) * u64::from(clean_strong) {
        out.push((
            "O2-exemplary",
            format!(
                "{exemplary} tổ chức tiêu biểu, vượt {}% của {clean_strong} tổ chức trong sạch vững mạnh",
                q.exemplary_percent
            ),
        ));
    }
    if u64::from(units_outstanding) * 100
        > u64::from(q.outstanding_unit_percent) * u64::from(units_rated)
    {
        out.push((
            "O3",
            format!(
                "{units_outstanding} đơn vị xuất sắc, vượt {}% của {units_rated} đơn vị được đánh giá",
                q.outstanding_unit_percent
            ),
        ));
    }
    out
}

pub const DEFAULT: &str = "vinh-2016";

/// The rule set in force now (Quy định 366, Hướng dẫn 43).
pub const TW_366_2025: &str = "tw-366-2025";

/// The rule sets built in, oldest first.
pub const BUILTIN: [&str; 2] = [DEFAULT, TW_366_2025];

/// The rule sets built in; `vinh-2016` is RULES.md as written.
pub fn builtin(name: &str) -> Option<RuleSet> {
    match name {
        TW_366_2025 => {
            let points = crate::points::tw_366_2025();
            let mut r = builtin(DEFAULT)?;
            r.name = name.into();
            r.method = Method::Points;
            // S7 (for a reader of the ballot fields): 20% of those rated good, 25% when
            // outstanding; there is no small-branch cap.
            r.quota.percent = points.quota.percent;
            r.quota.outstanding_percent = points.quota.outstanding_percent;
            r.quota.basis = points.quota.basis.clone();
            r.quota.small_branch_size = 0;
            r.quota.small_branch_cap = 0;
            r.new_member_months = points.new_member_months;
            r.points = Some(points);
            Some(r)
        }
        "vinh-2016" => Some(RuleSet {
            name: name.into(),
            method: Method::Ballot,
            points: None,
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
            org_sheet: sheet_2016(),
            org_quota: org_quota_2016(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q5_base_wide_check_warns_above_the_percentage() {
        let q = builtin(DEFAULT).unwrap().quota;
        // vinh-2016: 15% (Q1) of 60 counted is 9: nine is within, ten is above; with nothing
        // counted, any excellent member is above.
        assert_eq!(q.percent, 15);
        assert!(!q.base_exceeded(9, 60));
        assert!(q.base_exceeded(10, 60));
        assert!(!q.base_exceeded(0, 0));
        assert!(q.base_exceeded(1, 0));
    }

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

    #[test]
    fn o4_points_give_the_level_at_the_cut_offs() {
        let sheet = sheet_2016();
        assert_eq!(sheet.max_total(), 100);
        assert_eq!(sheet.level(90), "clean_strong");
        assert_eq!(sheet.level(89), "good");
        assert_eq!(sheet.level(70), "good");
        assert_eq!(sheet.level(69), "completed");
        assert_eq!(sheet.level(50), "completed");
        assert_eq!(sheet.level(49), "weak");
    }

    #[test]
    fn o2_o3_limits_at_their_boundaries() {
        let q = org_quota_2016();
        // 10 classified: 5 clean_strong is 50%, allowed; 6 is over.
        assert!(org_quota_breaches(&q, 10, 5, 1, 4, 2).is_empty());
        let over = org_quota_breaches(&q, 10, 6, 2, 4, 3);
        let ids: Vec<&str> = over.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, ["O2", "O2-exemplary", "O3"]);
        // Exemplary: 20% of 5 clean_strong is 1.
        assert_eq!(org_quota_breaches(&q, 10, 5, 2, 0, 0)[0].0, "O2-exemplary");
    }

    #[test]
    fn a_cycle_frozen_before_the_sheet_existed_still_reads() {
        let mut v = serde_json::to_value(builtin("vinh-2016").unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("org_sheet");
        let r: RuleSet = serde_json::from_value(v).unwrap();
        assert_eq!(r.org_sheet, sheet_2016());
    }

    #[test]
    fn tw_366_2025_is_built_in_with_the_points_method_and_2016_stays_a_ballot() {
        let r = builtin(TW_366_2025).unwrap();
        assert_eq!(r.method, Method::Points);
        let p = r.points.as_ref().unwrap();
        assert!(p.problems().is_empty());
        assert_eq!(
            (
                r.quota.percent,
                r.quota.outstanding_percent,
                r.quota.basis.as_str()
            ),
            (20, 25, "good")
        );
        let old = builtin(DEFAULT).unwrap();
        assert_eq!((old.method, old.points.is_none()), (Method::Ballot, true));
        // A rule set frozen before the method existed still reads, as a ballot.
        let mut json: serde_json::Value = serde_json::to_value(&old).unwrap();
        json.as_object_mut().unwrap().remove("method");
        let back: RuleSet = serde_json::from_value(json).unwrap();
        assert_eq!(back, old);
        // And the points rules go through JSON unchanged (a cycle freezes them).
        let again: RuleSet = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(again, r);
    }
}
