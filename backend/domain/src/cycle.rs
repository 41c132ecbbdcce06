//! The review cycle (P1): its plan of phases, taken from the 2016 plan and shifted to the
//! cycle's year, and its stages, which only move forward.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    SelfReview,
    Feedback,
    Voting,
    Appraisal,
    Closed,
}

impl Stage {
    pub const ORDER: [Stage; 5] = [
        Stage::SelfReview,
        Stage::Feedback,
        Stage::Voting,
        Stage::Appraisal,
        Stage::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SelfReview => "self_review",
            Stage::Feedback => "feedback",
            Stage::Voting => "voting",
            Stage::Appraisal => "appraisal",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ORDER.into_iter().find(|st| st.as_str() == s)
    }

    /// The stage after this one; none after `closed`.
    pub fn next(self) -> Option<Stage> {
        let i = Stage::ORDER.iter().position(|s| *s == self)?;
        Stage::ORDER.get(i + 1).copied()
    }

    /// A closed cycle takes no more writes: its results, reviews and records are what was
    /// decided (P1; the phases that close and reopen are for the stages before).
    pub fn is_read_only(self) -> bool {
        self == Stage::Closed
    }

    /// A cycle moves one stage forward at a time, never back.
    pub fn may_become(self, to: Stage) -> bool {
        self.next() == Some(to)
    }
}

/// How the store reads a stage (`#[diesel(deserialize_as = String)]`): a name it does not
/// know is an error there, not a string compared later.
impl TryFrom<String> for Stage {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Stage::parse(&s).ok_or_else(|| format!("unknown cycle stage {s:?}"))
    }
}

/// One phase of the 2016 plan (P1), by day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseTemplate {
    pub code: &'static str,
    pub task: &'static str,
    pub lead: &'static str,
    pub recipient: &'static str,
    pub starts: (u32, u32),
    pub ends: (u32, u32),
    /// The stage whose writes the phase holds.
    pub stage: Stage,
}

/// The plan of 03/11/2016 (P1, P3), the template of every new cycle.
pub const PLAN_2016: [PhaseTemplate; 10] = [
    PhaseTemplate {
        code: "review_suggestions",
        task: "Ủy ban Kiểm tra gợi ý kiểm điểm tập thể, cá nhân",
        lead: "Ủy ban Kiểm tra Đảng ủy",
        recipient: "Tập thể, cá nhân được gợi ý",
        starts: (11, 1),
        ends: (11, 5),
        stage: Stage::SelfReview,
    },
    PhaseTemplate {
        code: "self_reviews",
        task: "Cá nhân chuẩn bị bản tự kiểm điểm; Ban Giám hiệu, Đảng ủy chuẩn bị báo cáo kiểm điểm",
        lead: "Đảng viên",
        recipient: "Chi ủy",
        starts: (11, 4),
        ends: (11, 9),
        stage: Stage::SelfReview,
    },
    PhaseTemplate {
        code: "key_cadre_meeting",
        task: "Hội nghị cán bộ cốt cán lấy ý kiến đối với tập thể và cá nhân Ban Giám hiệu",
        lead: "Đảng ủy",
        recipient: "Thường trực Đảng ủy",
        starts: (11, 9),
        ends: (11, 16),
        stage: Stage::Feedback,
    },
    PhaseTemplate {
        code: "workplace_feedback",
        task: "Lấy ý kiến quần chúng nơi công tác theo cụm, do bí thư chi bộ được phân công chỉ đạo",
        lead: "Bí thư chi bộ chỉ đạo cụm",
        recipient: "Chi ủy",
        starts: (11, 9),
        ends: (11, 16),
        stage: Stage::Feedback,
    },
    PhaseTemplate {
        code: "residence_feedback",
        task: "Lấy nhận xét của chi ủy nơi cư trú",
        lead: "Chi ủy",
        recipient: "Chi ủy",
        starts: (11, 9),
        ends: (11, 16),
        stage: Stage::Feedback,
    },
    PhaseTemplate {
        code: "branch_meetings",
        task: "Chi bộ họp kiểm điểm, bỏ phiếu đánh giá, xếp loại; gửi kết quả trước ngày 17/11",
        lead: "Chi ủy",
        recipient: "Thường trực Đảng ủy",
        starts: (11, 9),
        ends: (11, 16),
        stage: Stage::Voting,
    },
    PhaseTemplate {
        code: "leaders_review",
        task: "Kiểm điểm tập thể, cá nhân Ban Giám hiệu, Đảng ủy",
        lead: "Đảng ủy",
        recipient: "Thành ủy",
        starts: (11, 21),
        ends: (11, 22),
        stage: Stage::Voting,
    },
    PhaseTemplate {
        code: "appraisal",
        task: "Đảng ủy mở rộng thẩm định, xếp loại tổ chức đảng, đảng viên",
        lead: "Đảng ủy",
        recipient: "Các chi bộ",
        starts: (11, 23),
        ends: (11, 23),
        stage: Stage::Appraisal,
    },
    PhaseTemplate {
        code: "district_summary",
        task: "Tổng hợp kết quả gửi Thành ủy",
        lead: "Văn phòng Đảng ủy",
        recipient: "Ban Tổ chức Thành ủy",
        starts: (11, 24),
        ends: (11, 25),
        stage: Stage::Appraisal,
    },
    PhaseTemplate {
        code: "province_dossiers",
        task: "Gửi hồ sơ kiểm điểm cán bộ diện Tỉnh ủy quản lý",
        lead: "Văn phòng Đảng ủy",
        recipient: "Ban Tổ chức Tỉnh ủy",
        starts: (11, 26),
        ends: (12, 15),
        stage: Stage::Appraisal,
    },
];

/// A phase with real dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPhase {
    pub code: String,
    pub task: String,
    pub lead: String,
    pub recipient: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub stage: Stage,
}

/// The 2016 plan shifted to `year`.
pub fn plan_for(year: i32) -> Vec<PlannedPhase> {
    shift(&PLAN_2016, year)
}

/// The plan of a rule set's method: the 2016 plan for a ballot, the 2025 plan (T1) for points.
pub fn plan_of(points: bool, year: i32) -> Vec<PlannedPhase> {
    if points {
        shift(PLAN_2025, year)
    } else {
        plan_for(year)
    }
}

/// Templates by day and month to dates of `year`; a month past 12 is in the next year (13 is
/// January: the records of the 2025 rules go up before 01/02, T1).
fn shift(templates: &[PhaseTemplate], year: i32) -> Vec<PlannedPhase> {
    let date = |(month, day): (u32, u32)| {
        if month > 12 {
            NaiveDate::from_ymd_opt(year + 1, month - 12, day)
        } else {
            NaiveDate::from_ymd_opt(year, month, day)
        }
    };
    templates
        .iter()
        .filter_map(|t| {
            Some(PlannedPhase {
                code: t.code.into(),
                task: t.task.into(),
                lead: t.lead.into(),
                recipient: t.recipient.into(),
                starts_on: date(t.starts)?,
                ends_on: date(t.ends)?,
                stage: t.stage,
            })
        })
        .collect()
}

/// T1 (Quy định 366, Hướng dẫn 43): the review under the points rules, ended before 31/12,
/// the records (Mẫu 04) up before 01/02 of the next year. The steps are S10's; the days within
/// those bounds are our choice, editable per cycle like the 2016 plan's.
pub const PLAN_2025: &[PhaseTemplate] = &[
    PhaseTemplate {
        code: "plan",
        task: "Ban hành kế hoạch kiểm điểm, đánh giá, xếp loại theo Quy định 366-QĐ/TW, Hướng dẫn 43-HD/BTCTW",
        lead: "Đảng ủy",
        recipient: "Các chi bộ",
        starts: (11, 1),
        ends: (11, 10),
        stage: Stage::SelfReview,
    },
    PhaseTemplate {
        code: "self_assessment",
        task: "Cá nhân kiểm điểm, tự chấm điểm theo khung tiêu chí (Mẫu 2A, 2B, 2C); tập thể tự chấm điểm (Mẫu 01)",
        lead: "Đảng viên, cấp ủy",
        recipient: "Chi ủy",
        starts: (11, 10),
        ends: (11, 30),
        stage: Stage::SelfReview,
    },
    PhaseTemplate {
        code: "opinions",
        task: "Lấy ý kiến nhận xét của tổ chức, đoàn thể nơi công tác và chi ủy nơi cư trú",
        lead: "Chi ủy",
        recipient: "Chi ủy",
        starts: (11, 15),
        ends: (11, 30),
        stage: Stage::Feedback,
    },
    PhaseTemplate {
        code: "branch_meetings",
        task: "Chi bộ họp kiểm điểm, thảo luận, góp ý từng đảng viên; chi ủy đề xuất mức xếp loại",
        lead: "Chi ủy",
        recipient: "Đảng ủy",
        starts: (12, 1),
        ends: (12, 10),
        stage: Stage::Voting,
    },
    PhaseTemplate {
        code: "appraisal",
        task: "Cơ quan tổ chức thẩm định điểm, đề xuất mức xếp loại tập thể, cá nhân",
        lead: "Văn phòng Đảng ủy",
        recipient: "Đảng ủy",
        starts: (12, 11),
        ends: (12, 20),
        stage: Stage::Appraisal,
    },
    PhaseTemplate {
        code: "decision",
        task: "Cấp có thẩm quyền quyết định xếp loại; kết thúc kiểm điểm trước ngày 31/12",
        lead: "Đảng ủy",
        recipient: "Các chi bộ",
        starts: (12, 21),
        ends: (12, 30),
        stage: Stage::Appraisal,
    },
    PhaseTemplate {
        code: "records_up",
        task: "Gửi hồ sơ kiểm điểm và danh mục hồ sơ (Mẫu 04) lên cấp trên trước ngày 01/02",
        lead: "Văn phòng Đảng ủy",
        recipient: "Ban Tổ chức cấp trên",
        starts: (13, 2),
        ends: (13, 31),
        stage: Stage::Appraisal,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p1_stages_move_forward_one_at_a_time() {
        assert!(Stage::SelfReview.may_become(Stage::Feedback));
        assert!(Stage::Appraisal.may_become(Stage::Closed));
        assert!(!Stage::Feedback.may_become(Stage::SelfReview), "never back");
        assert!(!Stage::SelfReview.may_become(Stage::Voting), "no skipping");
        assert!(!Stage::Closed.may_become(Stage::Closed));
        assert_eq!(Stage::parse("voting"), Some(Stage::Voting));
    }

    #[test]
    fn t1_the_2025_plan_ends_before_31_12_and_sends_the_records_before_01_02() {
        let plan = plan_of(true, 2026);
        assert_eq!(plan.len(), PLAN_2025.len());
        let decision = plan.iter().find(|p| p.code == "decision").unwrap();
        assert!(decision.ends_on < NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        let up = plan.last().unwrap();
        assert_eq!(
            (
                up.code.as_str(),
                up.starts_on.to_string(),
                up.ends_on.to_string()
            ),
            ("records_up", "2027-01-02".into(), "2027-01-31".into())
        );
        for p in &plan {
            assert!(p.starts_on <= p.ends_on, "{}", p.code);
        }
        assert_eq!(plan_of(false, 2026), plan_for(2026));
    }

    #[test]
    fn p1_the_2016_plan_shifts_to_the_cycle_year() {
        let plan = plan_for(2016);
        assert_eq!(plan.len(), PLAN_2016.len());
        let self_reviews = plan.iter().find(|p| p.code == "self_reviews").unwrap();
        assert_eq!(self_reviews.starts_on.to_string(), "2016-11-04");
        assert_eq!(self_reviews.ends_on.to_string(), "2016-11-09");
        let later = plan_for(2025);
        assert_eq!(later[1].starts_on.to_string(), "2025-11-04");
        for p in &plan {
            assert!(p.starts_on <= p.ends_on, "{}", p.code);
        }
        // P3: suggestions go out before 05/11.
        assert_eq!(plan[0].ends_on.to_string(), "2016-11-05");
    }
}
