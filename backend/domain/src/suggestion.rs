//! Review suggestions (gợi ý kiểm điểm, RULES.md M2, P3, D5): issued to a member or a
//! collective, answered with an explanation, read by both commissions.

use crate::access::Access;
use chrono::NaiveDate;

coded_enum! {
    /// Where a suggestion stands.
    pub enum Status ("review suggestion status") {
        Open = "open",
        Answered = "answered",
    }
}

impl Status {
    /// P3: an open suggestion past its due date is overdue (the inspection commission
    /// consolidates the answers by a date of the plan).
    pub fn is_overdue(self, due_on: NaiveDate, today: NaiveDate) -> bool {
        self == Status::Open && today > due_on
    }
}

/// What a suggestion is about: a member, or a collective at a path.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub member_id: Option<i64>,
    /// The path of the member's branch, or of the collective.
    pub path: &'a str,
}

/// D5: an explanation goes to both the organisation side (the committees that edit the
/// subject's members) and the inspection commission; the member addressed reads their own.
pub fn d5_reads(access: &Access, own_member: Option<i64>, s: Subject<'_>) -> bool {
    access.can_inspect(s.path)
        || access.can_edit_members(s.path)
        || (s.member_id.is_some() && s.member_id == own_member)
}

/// M2, P3: who answers: the member addressed, or the collective's own committee.
pub fn p3_answers(access: &Access, own_member: Option<i64>, s: Subject<'_>) -> bool {
    match s.member_id {
        Some(m) => own_member == Some(m),
        None => access.can_edit_members(s.path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Grant, Role};

    fn access(grants: &[(Role, &str)]) -> Access {
        Access::new(
            grants
                .iter()
                .map(|(role, path)| Grant {
                    role: *role,
                    path: Some((*path).to_owned()),
                })
                .collect(),
        )
    }

    #[test]
    fn p3_an_open_suggestion_past_its_date_is_overdue_and_the_addressee_answers() {
        let due = NaiveDate::from_ymd_opt(2016, 11, 15).unwrap();
        let next = due.succ_opt().unwrap();
        assert!(!Status::Open.is_overdue(due, due));
        assert!(Status::Open.is_overdue(due, next));
        assert!(!Status::Answered.is_overdue(due, next));
        let member = Subject {
            member_id: Some(7),
            path: "/1/2/3/",
        };
        let nobody = access(&[]);
        assert!(p3_answers(&nobody, Some(7), member));
        assert!(!p3_answers(&nobody, Some(8), member));
        // The committee does not answer for a member; a collective's committee answers for it.
        let committee = access(&[(Role::Committee, "/1/2/")]);
        assert!(!p3_answers(&committee, None, member));
        assert!(p3_answers(
            &committee,
            None,
            Subject {
                member_id: None,
                path: "/1/2/3/"
            }
        ));
        assert_eq!(
            Status::try_from("answered".to_owned()),
            Ok(Status::Answered)
        );
    }

    #[test]
    fn d5_the_explanation_reaches_both_commissions_and_not_the_next_branch() {
        let member = Subject {
            member_id: Some(7),
            path: "/1/2/3/",
        };
        assert!(d5_reads(
            &access(&[(Role::Inspection, "/1/2/")]),
            None,
            member
        ));
        assert!(d5_reads(
            &access(&[(Role::Committee, "/1/2/")]),
            None,
            member
        ));
        assert!(d5_reads(&access(&[]), Some(7), member));
        assert!(!d5_reads(&access(&[]), Some(8), member));
        assert!(!d5_reads(
            &access(&[(Role::Inspection, "/1/9/")]),
            None,
            member
        ));
        assert!(!d5_reads(
            &access(&[(Role::BranchCommittee, "/1/2/4/")]),
            None,
            member
        ));
    }
}
