//! A member's result in words (issue #17), as the tally screen and the minutes say it to a
//! branch: the votes against D and the threshold that was reached (M6, M7), the gates that
//! capped the level (M8–M11), the quota (Q4), or why there is no level (M3–M5, M9). The rule
//! ids stay beside the words, not in them.

use crate::classification::{Level, MemberResult, Status, Votes};
use crate::rule_set::{RuleSet, Threshold};

/// "Hoàn thành xuất sắc nhiệm vụ"…: a level as the documents write it.
pub fn level_words(level: Level) -> &'static str {
    match level {
        Level::Excellent => "Hoàn thành xuất sắc nhiệm vụ",
        Level::Good => "Hoàn thành tốt nhiệm vụ",
        Level::Completed => "Hoàn thành nhiệm vụ",
        Level::NotCompleted => "Không hoàn thành nhiệm vụ",
    }
}

/// "trên 2/3" (strict) or "từ 1/2 trở lên".
fn threshold_words(t: Threshold) -> String {
    if t.strict {
        format!("trên {}/{}", t.num, t.den)
    } else {
        format!("từ {}/{} trở lên", t.num, t.den)
    }
}

/// Why a gate lowered the highest level the member may reach.
fn gate_words(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "M8" => "chưa đủ điều kiện của mức xuất sắc theo đối tượng, chức vụ",
        "M9" => "theo kết quả xếp loại công chức, viên chức",
        "M10" => "đang chịu kỷ luật, có vi phạm hoặc không hoàn thành nhiệm vụ chuyên môn",
        "M11" => "vắng sinh hoạt dài ngày",
        _ => return None,
    })
}

/// The result of `r` for a member with `votes`, D = `d`, under `rules`, in one sentence.
pub fn explain(rules: &RuleSet, votes: &Votes, d: u32, r: &MemberResult) -> String {
    let has = |rule: &'static str| r.reasons.contains(&rule);
    match r.status {
        Status::NotClassified if has("M5") => {
            "Sinh hoạt tạm thời: chi bộ nơi sinh hoạt chính thức xếp loại".into()
        }
        Status::NotClassified => format!(
            "Vào Đảng chưa đủ {} tháng: không xếp loại",
            rules.new_member_months
        ),
        Status::Pending if has("M3") => {
            "Chưa nộp bản tự kiểm điểm hoặc vắng mặt: xếp loại ở kỳ sinh hoạt sau".into()
        }
        Status::Pending => {
            "Chưa có kết quả xếp loại công chức, viên chức: xếp loại sau khi có".into()
        }
        Status::Unresolved if has("Q4-tie") => format!(
            "Bằng số phiếu xuất sắc với người khác tại giới hạn tỷ lệ ({} phiếu): chi bộ bỏ phiếu lại",
            votes.excellent
        ),
        Status::Unresolved => format!(
            "Không mức nào đạt {} của {d} đảng viên tính tỷ lệ (kể cả cộng dồn): chi bộ bỏ phiếu lại",
            threshold_words(rules.pass)
        ),
        Status::Classified => {
            let Some(level) = r.level else {
                return String::new();
            };
            // Q4 lowers an excellent member to good: the votes that count are excellent's.
            let voted = if has("Q4") { Level::Excellent } else { level };
            let t = if voted == Level::Excellent {
                rules.excellent
            } else {
                rules.pass
            };
            let mut out = format!(
                "{}: {}/{d} phiếu{}, đạt {} số đảng viên tính tỷ lệ",
                level_words(voted),
                votes.in_favour(voted),
                if has("M7") {
                    " (cộng dồn phiếu các mức cao hơn)"
                } else {
                    ""
                },
                threshold_words(t)
            );
            let gates: Vec<&str> = r.reasons.iter().filter_map(|g| gate_words(g)).collect();
            if let (Some(cap), false) = (r.cap, gates.is_empty()) {
                out.push_str(&format!(
                    "; mức cao nhất được xét là {} ({})",
                    level_words(cap).to_lowercase(),
                    gates.join("; ")
                ));
            }
            if has("Q4") {
                out.push_str(&format!(
                    "; vượt tỷ lệ xuất sắc của chi bộ nên xếp {}",
                    level_words(level).to_lowercase()
                ));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::rule_set::builtin("vinh-2016").unwrap()
    }

    fn result(
        status: Status,
        level: Option<Level>,
        cap: Option<Level>,
        reasons: Vec<&'static str>,
    ) -> MemberResult {
        MemberResult {
            id: "1".into(),
            status,
            level,
            cap,
            reasons,
        }
    }

    #[test]
    fn a_level_is_told_by_its_votes_against_d_and_the_threshold() {
        let votes = Votes {
            excellent: 9,
            good: 2,
            completed: 1,
            not_completed: 0,
        };
        let r = result(
            Status::Classified,
            Some(Level::Excellent),
            Some(Level::Excellent),
            vec!["M6"],
        );
        assert_eq!(
            explain(&rules(), &votes, 12, &r),
            "Hoàn thành xuất sắc nhiệm vụ: 9/12 phiếu, đạt trên 2/3 số đảng viên tính tỷ lệ"
        );
    }

    #[test]
    fn cascading_gates_and_the_quota_are_said_in_words() {
        let votes = Votes {
            excellent: 3,
            good: 4,
            completed: 5,
            not_completed: 0,
        };
        let r = result(
            Status::Classified,
            Some(Level::Good),
            Some(Level::Good),
            vec!["M8", "M6", "M7"],
        );
        let text = explain(&rules(), &votes, 12, &r);
        assert!(
            text.starts_with("Hoàn thành tốt nhiệm vụ: 7/12 phiếu (cộng dồn"),
            "{text}"
        );
        assert!(
            text.contains("mức cao nhất được xét là hoàn thành tốt nhiệm vụ (chưa đủ điều kiện"),
            "{text}"
        );
        let q4 = result(
            Status::Classified,
            Some(Level::Good),
            Some(Level::Excellent),
            vec!["M6", "Q4"],
        );
        let text = explain(
            &rules(),
            &Votes {
                excellent: 9,
                ..votes
            },
            12,
            &q4,
        );
        assert!(
            text.starts_with("Hoàn thành xuất sắc nhiệm vụ: 9/12"),
            "{text}"
        );
        assert!(
            text.ends_with("vượt tỷ lệ xuất sắc của chi bộ nên xếp hoàn thành tốt nhiệm vụ"),
            "{text}"
        );
    }

    #[test]
    fn no_level_says_why_and_what_the_branch_does() {
        let none = Votes::default();
        let revote = result(Status::Unresolved, None, Some(Level::Excellent), vec!["M7"]);
        assert!(explain(&rules(), &none, 12, &revote).ends_with("chi bộ bỏ phiếu lại"));
        let pending = result(Status::Pending, None, None, vec!["M3"]);
        assert!(explain(&rules(), &none, 12, &pending).contains("kỳ sinh hoạt sau"));
        let new = result(Status::NotClassified, None, None, vec!["M4"]);
        assert_eq!(
            explain(&rules(), &none, 12, &new),
            "Vào Đảng chưa đủ 6 tháng: không xếp loại"
        );
    }
}
